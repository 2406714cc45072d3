"""Core demo data: Dulten kommune, two neighbours, their collaboration, suppliers, units and users.

All names and organisation numbers are fictional (the numbers pass the modulus-11 check).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from gronnkjop.demo import DemoContext, register

from .models import Membership, Unit
from .roles import Role
from .services import collaboration_ensure, organisation_ensure

DEMO_PASSWORD = "gronnkjop-demo"  # noqa: S105 - published demo log-in

MUNICIPALITIES = {
    "dulten": ("940080177", "Dulten kommune"),
    "nordvik": ("940080185", "Nordvik kommune"),
    "sorbygda": ("940080193", "Sørbygda kommune"),
}
COLLABORATION_NAME = "Innkjøpssamarbeidet Dulten–Nordvik–Sørbygda"

SUPPLIERS = {
    "interiorhuset": ("920000118", "Interiørhuset Møbler AS"),
    "ombrukslageret": ("920000126", "Ombrukslageret AS"),
    "datapartner": ("920000134", "Datapartner Innlandet AS"),
    "skjermsenteret": ("920000142", "Skjermsenteret Norge AS"),
    "bronn_maskin": ("920000150", "Brønn Maskin og Brøyt AS"),
    "dalen_transport": ("920000169", "Dalen Transport og Brøyting AS"),
    "vinterdrift": ("920000177", "Vinterdrift Dulten AS"),
    "kontorpartner": ("920000185", "Kontorpartner Nord AS"),
    "kantinekjokken": ("920000193", "Kantinekjøkkenet AS"),
    "lokalmat": ("920000207", "Lokalmat Dulten SA"),
    "haandverkerne": ("920000215", "Håndverkerne i Dulten AS"),
    "byggservice": ("920000223", "Byggservice Sørbygda AS"),
}

DULTEN_UNITS = [
    ("dulten_skole", "Dulten skole (1–10)", "2110", "Skolevegen 1, 2999 Dulten"),
    ("biblioteket", "Dulten bibliotek", "3700", "Skolevegen 1, 2999 Dulten"),
    ("vei", "Vei og park", "3330", "Driftsvegen 4, 2999 Dulten"),
    ("eiendom", "Eiendomsforvaltning", "2650", "Rådhusplassen 1, 2999 Dulten"),
    ("it", "IT-tjenesten", "1200", "Rådhusplassen 1, 2999 Dulten"),
    ("helse", "Helse og omsorg", "2530", "Omsorgsvegen 2, 2999 Dulten"),
    ("radhuset", "Rådhuset, fellestjenester", "1000", "Rådhusplassen 1, 2999 Dulten"),
]
NEIGHBOUR_UNITS = {
    "nordvik": [
        ("nordvik_skole", "Nordvik ungdomsskole", "2110", "Skoleveien 10, 2998 Nordvik"),
        ("nordvik_eiendom", "Nordvik eiendom", "2650", "Torget 2, 2998 Nordvik"),
    ],
    "sorbygda": [
        ("sorbygda_skole", "Sørbygda skole", "2110", "Bygdevegen 5, 2997 Sørbygda"),
        ("sorbygda_rad", "Sørbygda rådhus", "1000", "Bygdevegen 1, 2997 Sørbygda"),
    ],
}

#: username, full name, role, unit key (Dulten)
DEMO_USERS = [
    ("innkjoper", "Ingrid Innkjøper", Role.INNKJOPER, "radhuset"),
    ("avtaleforvalter", "Anders Avtaleforvalter", Role.AVTALEFORVALTER, "radhuset"),
    ("behovseier", "Berit Bestiller", Role.BEHOVSEIER, "dulten_skole"),
    ("leder", "Lars Leder", Role.LEDER, "radhuset"),
    ("redaktor", "Randi Redaktør", Role.REDAKTOR, "radhuset"),
    ("admin", "Aslak Administrator", Role.ADMINISTRATOR, "it"),
]


@register("core", order=0)
def load(ctx: DemoContext) -> None:
    User = get_user_model()
    for key, (number, name) in MUNICIPALITIES.items():
        ctx.organisations[key] = organisation_ensure(orgnr=number, name=name, kind="kommune").organisation
    ctx.organisations["samarbeid"] = collaboration_ensure(
        name=COLLABORATION_NAME, members=[ctx.organisations[k] for k in MUNICIPALITIES]
    )
    for key, (number, name) in SUPPLIERS.items():
        ctx.organisations[key] = organisation_ensure(orgnr=number, name=name, kind="leverandor").organisation
    for key, name, code, address in DULTEN_UNITS:
        ctx.units[key], _ = Unit.objects.update_or_create(
            organisation=ctx.organisations["dulten"], code=code, defaults={"name": name, "address": address}
        )
    for org_key, units in NEIGHBOUR_UNITS.items():
        for key, name, code, address in units:
            ctx.units[key], _ = Unit.objects.update_or_create(
                organisation=ctx.organisations[org_key],
                code=code,
                defaults={"name": name, "address": address},
            )
    for username, full_name, role, unit_key in DEMO_USERS:
        first, last = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@dulten.kommune.example", "first_name": first, "last_name": last},
        )
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user,
            organisation=ctx.organisations["dulten"],
            role=role,
            defaults={"unit": ctx.units[unit_key]},
        )
        ctx.users[username] = user
    # The need owner of Nordvik, so the collaboration has a second tenant to see sharing from.
    nordvik_user, created = User.objects.get_or_create(
        username="nordvik",
        defaults={"email": "nordvik@nordvik.kommune.example", "first_name": "Nora", "last_name": "Nordvik"},
    )
    if created:
        nordvik_user.set_password(DEMO_PASSWORD)
        nordvik_user.save()
    for role in (Role.BEHOVSEIER, Role.INNKJOPER):
        Membership.objects.update_or_create(
            user=nordvik_user,
            organisation=ctx.organisations["nordvik"],
            role=role,
            defaults={"unit": ctx.units["nordvik_skole"]},
        )
    ctx.users["nordvik"] = nordvik_user
    # The procurement officer also works for the collaboration's joint agreements.
    Membership.objects.update_or_create(
        user=ctx.users["innkjoper"], organisation=ctx.organisations["samarbeid"], role=Role.INNKJOPER
    )
