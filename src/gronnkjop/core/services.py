"""Every write of core data. Each function is one transaction and takes keyword arguments only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import ApiToken, CollaborationMembership, Membership, Organisation, OrganisationKind, Unit
from .validators import clean_orgnr

User = get_user_model()


@dataclass(frozen=True)
class OrganisationResult:
    organisation: Organisation
    created: bool
    changed: bool


@transaction.atomic
def organisation_ensure(*, orgnr: str, name: str, kind: str) -> OrganisationResult:
    """Create the organisation or bring its name and kind up to date. Idempotent.

    Raises ``ValidationError`` with a bokmål message for an invalid organisation number or kind.
    """
    if kind not in OrganisationKind.values:
        raise ValidationError(
            _("Unknown kind “%(kind)s”; choose one of %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(OrganisationKind.values)}
        )
    number = clean_orgnr(orgnr)
    name = name.strip()
    if not name:
        raise ValidationError(_("Enter a name."))
    organisation = Organisation.objects.select_for_update().filter(orgnr=number).first()
    if organisation is None:
        organisation = Organisation(orgnr=number, name=name, kind=kind)
        organisation.full_clean()
        organisation.save()
        return OrganisationResult(organisation, created=True, changed=False)
    changed = organisation.name != name or organisation.kind != kind
    if changed:
        organisation.name, organisation.kind = name, kind
        organisation.save(update_fields=["name", "kind"])
    return OrganisationResult(organisation, created=False, changed=changed)


@transaction.atomic
def collaboration_ensure(*, name: str, members: list[Organisation], orgnr: str = "") -> Organisation:
    """Create or update a collaboration (innkjøpssamarbeid) and make ``members`` its members."""
    number = clean_orgnr(orgnr) if orgnr else ""
    lookup = {"orgnr": number} if number else {"name": name, "kind": OrganisationKind.SAMARBEID}
    collaboration, _created = Organisation.objects.update_or_create(
        **lookup, defaults={"name": name, "kind": OrganisationKind.SAMARBEID}
    )
    for member in members:
        CollaborationMembership.objects.get_or_create(collaboration=collaboration, member=member)
    return collaboration


@transaction.atomic
def unit_save(
    *,
    organisation: Organisation,
    name: str,
    code: str,
    address: str = "",
    active: bool = True,
    unit: Unit | None = None,
) -> Unit:
    """Create a unit, or update ``unit`` (which must belong to ``organisation``)."""
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError(_("The unit belongs to another organisation."))
    unit = unit or Unit(organisation=organisation)
    unit.name, unit.code, unit.address, unit.active = name.strip(), code.strip(), address.strip(), active
    others = Unit.objects.filter(organisation=organisation).exclude(pk=unit.pk)
    if others.filter(code=unit.code).exists():
        raise ValidationError({"code": _("Another unit of the organisation has this code.")})
    # two «Dulten bibliotek» in every unit list; compared in Python, since SQLite folds ASCII letters only
    if unit.name.casefold() in {name.casefold() for name in others.values_list("name", flat=True)}:
        raise ValidationError({"name": _("Another unit of the organisation has this name.")})
    unit.full_clean()
    unit.save()
    return unit


@dataclass(frozen=True)
class Grant:
    """What :func:`membership_grant` did: a new role, or (``unit_changed``) the unit of a role the user
    had, which was ``previous_unit`` before."""

    membership: Membership
    user_created: bool
    unit_changed: bool = False
    previous_unit: Unit | None = None


@transaction.atomic
def membership_grant(
    *, organisation: Organisation, username: str, email: str, role: str, unit: Unit | None = None
) -> Grant:
    """Give a user (created when new, without a usable password) a role in the organisation.

    A new user sets a password through the reset e-mail. When the user has the role already, the role's
    unit is set to ``unit`` (``None``: no unit), and a grant that would change nothing is refused, so
    that the one who gives it is never told of a change that did not happen.

    An existing user is only given the role when ``email`` is the address they are registered with:
    a user name alone (which anyone may guess) must not add someone of another organisation, nor
    show their address in the member list.
    """
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError(_("The unit belongs to another organisation."))
    user = User.objects.filter(username=username).first()
    if user is not None and user.email.strip().casefold() != email.strip().casefold():
        raise ValidationError(
            {
                "username": _(
                    "This user name is taken by a user with another e-mail address. Choose another user "
                    "name, or give the address the user is registered with."
                )
            }
        )
    user_created = user is None
    if user_created:
        user = User(username=username, email=email)
        user.set_unusable_password()
        user.save()
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user, organisation=organisation, role=role, defaults={"unit": unit}
    )
    if created:
        return Grant(membership, user_created)
    if membership.unit_id == (unit.pk if unit else None):
        message = (
            _("%(user)s already has this role for %(unit)s.") % {"user": user.username, "unit": unit.name}
            if unit
            else _("%(user)s already has this role.") % {"user": user.username}
        )
        raise ValidationError({"role": message})
    previous = membership.unit
    membership.unit = unit
    membership.save(update_fields=["unit"])
    return Grant(membership, user_created, unit_changed=True, previous_unit=previous)


@transaction.atomic
def membership_revoke(*, organisation: Organisation, membership: Membership, by) -> None:
    """Remove one role. The last administrator of an organisation cannot be removed."""
    if membership.organisation_id != organisation.pk:
        raise ValidationError(_("The membership belongs to another organisation."))
    if membership.role == "administrator":
        admins = Membership.objects.select_for_update().filter(
            organisation=organisation, role="administrator"
        )
        if admins.count() <= 1:
            raise ValidationError(_("The organisation must keep at least one administrator."))
    membership.delete()


@transaction.atomic
def api_token_create(
    *, organisation: Organisation, name: str, by, days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a token and return it with the raw key, which is shown once and never stored."""
    raw = ApiToken.new_key()
    token = ApiToken.objects.create(
        organisation=organisation,
        created_by=by,
        name=name.strip() or _("API token"),
        prefix=raw[:10],
        key_hash=ApiToken.hash(raw),
        expires=timezone.now() + timedelta(days=days or settings.GRONNKJOP_API_TOKEN_DAYS),
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, organisation: Organisation, token: ApiToken) -> None:
    if token.organisation_id != organisation.pk:
        raise ValidationError(_("The token belongs to another organisation."))
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])


def api_token_touch(*, token: ApiToken) -> None:
    """Record use, at most once a minute, so the API does not write on every request."""
    now = timezone.now()
    if token.last_used is None or now - token.last_used > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)


def user_invite_send(*, user, organisation: Organisation, base_url: str) -> None:
    """E-mail a new user a link to choose their first password (valid as long as a reset link)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "organisation": organisation, "link": base_url.rstrip("/") + path}
    subject = render_to_string("core/email/invite_subject.txt", context).strip()
    body = render_to_string("core/email/invite_body.txt", context)
    send_mail(subject, body, None, [user.email])
