"""Reuse demo: stores and a few hundred items in Dulten, Nordvik and Sørbygda (a school's old library
furniture, monitors and laptops from an ICT refresh, doors and windows from a rehabilitation), with
reservations and hand-overs so the savings pages show real numbers, and ICT devices with the return rule.

Idempotent: items are found by their code (``DEMO-…``); reservations are made only for items that have
none. Deterministic: one seeded random generator.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from gronnkjop.demo import DemoContext, register

from . import selectors, services
from .models import Condition, Device, DeviceRequest, DeviceStatus, ReservationStatus, ReuseItem, Store

D = Decimal

STORES = {
    "dulten": ("Dulten ombrukslager", "Driftsvegen 4, 2999 Dulten", D("60.902100"), D("10.610400")),
    "nordvik": ("Nordvik møbellager", "Torget 2, 2998 Nordvik", D("60.951300"), D("10.702800")),
    "sorbygda": ("Sørbygda gjenbrukssentral", "Bygdevegen 12, 2997 Sørbygda", D("60.812500"), D("10.548900")),
}

#: org, unit key, item_type, category or "", title, quantity range, kg per unit, new price, records, site
BATCHES = [
    # Dulten skole's old library furniture (the new school gets a new library).
    (
        "dulten",
        "biblioteket",
        "bookshelf",
        "furniture.storage",
        "Bokhylle, bjørk, 5 hyller",
        (2, 8),
        D("38"),
        D("4900"),
        14,
        "Gamle Dulten skole, biblioteket",
    ),
    (
        "dulten",
        "biblioteket",
        "table",
        "furniture.tables",
        "Lesebord, 4 plasser",
        (1, 4),
        D("32"),
        D("6200"),
        8,
        "Gamle Dulten skole, biblioteket",
    ),
    (
        "dulten",
        "biblioteket",
        "sofa",
        "furniture.sofas",
        "Lesesofa, 2-seter, ullstoff",
        (1, 2),
        D("45"),
        D("14500"),
        5,
        "Gamle Dulten skole, biblioteket",
    ),
    (
        "dulten",
        "dulten_skole",
        "school_chair",
        "furniture.school",
        "Elevstol, bøk, str. 6",
        (6, 30),
        D("5.5"),
        D("1350"),
        12,
        "Gamle Dulten skole",
    ),
    (
        "dulten",
        "dulten_skole",
        "school_desk",
        "furniture.school",
        "Elevpult, enkel, høyderegulerbar",
        (4, 24),
        D("17"),
        D("2900"),
        10,
        "Gamle Dulten skole",
    ),
    # The ICT refresh.
    (
        "dulten",
        "it",
        "monitor",
        "ict.monitors",
        'Skjerm 24", full HD',
        (3, 15),
        D("4.2"),
        D("2400"),
        14,
        "Rådhuset, IT-lageret",
    ),
    (
        "dulten",
        "it",
        "laptop",
        "ict.laptops",
        'Bærbar PC, 14", i5, 16 GB',
        (2, 10),
        D("1.5"),
        D("11500"),
        12,
        "Rådhuset, IT-lageret",
    ),
    (
        "dulten",
        "it",
        "docking_station",
        "ict.docking",
        "Dokkingstasjon USB-C",
        (2, 12),
        D("0.6"),
        D("2100"),
        5,
        "Rådhuset, IT-lageret",
    ),
    (
        "dulten",
        "radhuset",
        "office_chair",
        "furniture.chairs",
        "Kontorstol med armlener",
        (2, 10),
        D("16"),
        D("6900"),
        8,
        "Rådhuset",
    ),
    # Nordvik: desks that Dulten's need owner can find and reserve; doors and windows from a rehabilitation.
    (
        "nordvik",
        "nordvik_eiendom",
        "height_adjustable_desk",
        "furniture.desks",
        "Hev-senk-skrivebord 160 × 80",
        (4, 12),
        D("45"),
        D("8900"),
        12,
        "Nordvik rådhus",
    ),
    (
        "nordvik",
        "nordvik_eiendom",
        "fixed_desk",
        "furniture.desks",
        "Skrivebord 140 × 70, eik",
        (2, 8),
        D("30"),
        D("4200"),
        8,
        "Nordvik rådhus",
    ),
    (
        "nordvik",
        "nordvik_eiendom",
        "pedestal_steel",
        "furniture.storage",
        "Skuffeseksjon i stål, 3 skuffer",
        (2, 10),
        D("24"),
        D("2600"),
        6,
        "Nordvik rådhus",
    ),
    (
        "nordvik",
        "nordvik_eiendom",
        "office_chair",
        "furniture.chairs",
        "Kontorstol, svart",
        (3, 12),
        D("16"),
        D("6500"),
        8,
        "Nordvik rådhus",
    ),
    (
        "nordvik",
        "nordvik_skole",
        "door",
        "building.doors",
        "Innerdør, massiv, 9 × 21",
        (1, 6),
        D("28"),
        D("5200"),
        12,
        "Nordvik ungdomsskole, rehabilitering",
    ),
    (
        "nordvik",
        "nordvik_skole",
        "window",
        "building.windows",
        "Vindu, 3-lags glass, 120 × 140",
        (1, 4),
        D("55"),
        D("9800"),
        10,
        "Nordvik ungdomsskole, rehabilitering",
    ),
    (
        "nordvik",
        "nordvik_skole",
        "sanitary",
        "building.sanitary",
        "Servant med blandebatteri",
        (1, 4),
        D("18"),
        D("3400"),
        4,
        "Nordvik ungdomsskole, rehabilitering",
    ),
    # Sørbygda.
    (
        "sorbygda",
        "sorbygda_rad",
        "task_chair",
        "furniture.chairs",
        "Arbeidsstol, grått stoff",
        (2, 8),
        D("14"),
        D("4800"),
        8,
        "Sørbygda rådhus",
    ),
    (
        "sorbygda",
        "sorbygda_rad",
        "monitor",
        "ict.monitors",
        'Skjerm 27"',
        (2, 6),
        D("5.8"),
        D("3200"),
        6,
        "Sørbygda rådhus",
    ),
    (
        "sorbygda",
        "sorbygda_skole",
        "table",
        "furniture.tables",
        "Klasseromsbord, 2 elever",
        (4, 16),
        D("22"),
        D("3100"),
        8,
        "Sørbygda skole",
    ),
    (
        "sorbygda",
        "sorbygda_skole",
        "timber",
        "building.timber",
        "Kledningsbord, gran, 5 m",
        (10, 40),
        D("9"),
        D("180"),
        4,
        "Sørbygda skole, tilbygg",
    ),
]

CONDITIONS = [
    Condition.AS_NEW,
    Condition.GOOD,
    Condition.GOOD,
    Condition.GOOD,
    Condition.USABLE,
    Condition.NEEDS_REPAIR,
]

#: Hand-overs: (receiving org, its unit, owner org, item_type, units, date, method, cost)
HANDOVERS = [
    (
        "dulten",
        "dulten_skole",
        "nordvik",
        "height_adjustable_desk",
        6,
        date(2026, 2, 12),
        "delivery",
        D("1500.00"),
    ),
    ("dulten", "radhuset", "nordvik", "office_chair", 8, date(2026, 3, 3), "pickup", D("0.00")),
    ("dulten", "biblioteket", "dulten", "bookshelf", 5, date(2026, 3, 20), "pickup", D("0.00")),
    ("dulten", "dulten_skole", "dulten", "monitor", 12, date(2026, 4, 8), "pickup", D("0.00")),
    ("dulten", "dulten_skole", "dulten", "laptop", 8, date(2026, 5, 15), "pickup", D("2400.00")),
    ("dulten", "eiendom", "nordvik", "door", 4, date(2026, 6, 2), "delivery", D("800.00")),
    ("dulten", "helse", "sorbygda", "task_chair", 5, date(2026, 8, 26), "delivery", D("600.00")),
    ("dulten", "dulten_skole", "nordvik", "fixed_desk", 4, date(2026, 9, 10), "pickup", D("0.00")),
    ("dulten", "radhuset", "dulten", "office_chair", 4, date(2025, 10, 14), "pickup", D("0.00")),
    ("dulten", "dulten_skole", "dulten", "school_chair", 20, date(2025, 11, 4), "pickup", D("0.00")),
    ("nordvik", "nordvik_skole", "dulten", "monitor", 10, date(2026, 4, 22), "delivery", D("500.00")),
    ("nordvik", "nordvik_skole", "dulten", "laptop", 6, date(2026, 7, 1), "pickup", D("0.00")),
    ("sorbygda", "sorbygda_skole", "nordvik", "window", 3, date(2026, 5, 28), "delivery", D("1200.00")),
]

#: Open reservations awaiting the owner: (reserving org, unit, owner org, item_type, units)
OPEN = [
    ("dulten", "dulten_skole", "nordvik", "height_adjustable_desk", 2),
    ("nordvik", "nordvik_skole", "dulten", "school_desk", 10),
    ("dulten", "vei", "sorbygda", "timber", 12),
]


def _user_for(ctx: DemoContext, org_key: str, *, edit: bool):
    if org_key == "dulten":
        return ctx.users["innkjoper"] if edit else ctx.users["behovseier"]
    return ctx.users.get("nordvik") if org_key == "nordvik" else None


def _items(ctx: DemoContext, stores: dict, rng: random.Random) -> dict[tuple[str, str], list[ReuseItem]]:
    now = timezone.now()
    by_type: dict[tuple[str, str], list[ReuseItem]] = {}
    counters: dict[str, int] = {}
    for org_key, unit_key, item_type, category, title, (low, high), kg, price, records, site in BATCHES:
        organisation = ctx.organisations[org_key]
        for _n in range(records):
            counters[org_key] = counters.get(org_key, 0) + 1
            code = f"DEMO-{org_key[:3].upper()}-{counters[org_key]:03d}"
            quantity = rng.randint(low, high)
            age_days = rng.choice([2, 5, 30, 45, 60, 90, 120, 180, 240])
            condition = rng.choice(CONDITIONS)
            floor = str(rng.randint(1, 3))
            public = rng.random() < 0.2
            item = ReuseItem.objects.filter(organisation=organisation, code=code).first()
            if item is None:
                item = services.item_register(
                    organisation=organisation,
                    by=_user_for(ctx, org_key, edit=True),
                    now=now - timedelta(days=age_days),
                    code=code,
                    item_type=item_type,
                    category=category,
                    title=title,
                    quantity=quantity,
                    condition=condition,
                    weight_kg=kg,
                    new_price=price,
                    store=stores[org_key] if rng.random() < 0.6 else None,
                    site=site,
                    floor=floor,
                    unit=ctx.units[unit_key],
                    public=public,
                )
            by_type.setdefault((org_key, item_type), []).append(item)
    return by_type


def _pick(items: list[ReuseItem], units: int, *, receiver) -> ReuseItem | None:
    """The first item with enough units, no reservation yet, and visible to the receiver."""
    visible = selectors.item_list(organisation=receiver, only_available=True)
    for item in visible.filter(pk__in=[i.pk for i in items]).order_by("pk"):
        if item.quantity_available >= units and not item.reservations.exists():
            return item
    return None


@register("reuse", order=50)
def load(ctx: DemoContext) -> None:
    rng = random.Random(20260504)
    services.factor_table_ensure()
    stores = {}
    for org_key, (name, address, lat, lon) in STORES.items():
        stores[org_key], _ = Store.objects.update_or_create(
            organisation=ctx.organisations[org_key],
            name=name,
            defaults={"address": address, "latitude": lat, "longitude": lon},
        )
    services.reuse_settings_save(organisation=ctx.organisations["dulten"], share_after_days=14)
    services.reuse_settings_save(organisation=ctx.organisations["nordvik"], share_after_days=7)
    by_type = _items(ctx, stores, rng)
    already = ReuseItem.objects.filter(code__startswith="DEMO-", reservations__isnull=False).exists()
    if not already:
        for receiver, unit_key, owner, item_type, units, when, method, cost in HANDOVERS:
            item = _pick(by_type[(owner, item_type)], units, receiver=ctx.organisations[receiver])
            if item is None:
                continue
            reservation = services.reservation_create(
                organisation=ctx.organisations[receiver],
                item=item,
                quantity=units,
                by=_user_for(ctx, receiver, edit=False),
                unit=ctx.units[unit_key],
            )
            owner_user = _user_for(ctx, owner, edit=True)
            services.reservation_approve(
                organisation=ctx.organisations[owner], reservation=reservation, by=owner_user
            )
            services.reservation_hand_over(
                organisation=ctx.organisations[owner],
                reservation=reservation,
                by=owner_user,
                method=method,
                handover_date=when,
                cost=cost,
            )
            reservation.refresh_from_db()
            if reservation.status == ReservationStatus.HANDED_OVER and when.month % 2 == 0:
                services.reservation_receive(
                    organisation=ctx.organisations[receiver],
                    reservation=reservation,
                    by=_user_for(ctx, receiver, edit=False),
                )
        for receiver, unit_key, owner, item_type, units in OPEN:
            item = _pick(by_type[(owner, item_type)], units, receiver=ctx.organisations[receiver])
            if item is not None:
                services.reservation_create(
                    organisation=ctx.organisations[receiver],
                    item=item,
                    quantity=units,
                    by=_user_for(ctx, receiver, edit=False),
                    unit=ctx.units[unit_key],
                    note="Til nytt klasserom",
                )
    _devices(ctx, rng)
    ctx.say(f"reuse: {ReuseItem.objects.filter(code__startswith='DEMO-').count()} demo items")


def _devices(ctx: DemoContext, rng: random.Random) -> None:
    organisation = ctx.organisations["dulten"]
    models = {
        "laptop": "Lenovo ThinkPad T14 Gen 2",
        "monitor": "Dell P2422H",
        "tablet": "iPad 9. generasjon",
        "phone": "Samsung Galaxy A54",
    }
    for n in range(1, 41):
        kind = ["laptop", "laptop", "monitor", "tablet", "phone"][n % 5]
        serial = f"DT{n:05d}"
        Device.objects.get_or_create(
            organisation=organisation,
            serial_number=serial,
            defaults={
                "kind": kind,
                "model": models[kind],
                "unit": ctx.units[rng.choice(["dulten_skole", "it", "radhuset", "helse"])],
                "purchase_date": date(2021 + n % 4, 1 + n % 12, 1 + n % 27),
                "battery_health": rng.randint(55, 98) if kind in ("laptop", "tablet", "phone") else None,
                "status": DeviceStatus.IN_USE,
            },
        )
    if not DeviceRequest.objects.filter(organisation=organisation).exists():
        old = Device.objects.get(organisation=organisation, serial_number="DT00001")
        services.device_request_create(
            organisation=organisation,
            kind=old.kind,
            by=ctx.users["behovseier"],
            unit=ctx.units["dulten_skole"],
            returned_device=old,
        )
        services.device_request_create(
            organisation=organisation,
            kind="laptop",
            by=ctx.users["behovseier"],
            unit=ctx.units["dulten_skole"],
            exception_reason="Ny lærer uten tidligere PC",
        )
        services.device_repair_add(
            organisation=organisation,
            device=Device.objects.get(organisation=organisation, serial_number="DT00006"),
            by=ctx.users["admin"],
            date=date(2026, 3, 2),
            description="Nytt batteri",
            cost=D("890.00"),
        )
