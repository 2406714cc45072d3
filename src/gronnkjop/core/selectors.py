"""Every read of core data that a view, the API or a command needs, scoped to the acting organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import ApiToken, Membership, Organisation, OrganisationKind, Unit
from .roles import capabilities_of


@dataclass(frozen=True)
class Access:
    """What one user may do in one organisation."""

    organisation: Organisation
    roles: frozenset[str]

    @property
    def capabilities(self) -> frozenset[str]:
        return capabilities_of(self.roles)

    def can(self, capability: str) -> bool:
        return capability in self.capabilities


def organisation_list_for_user(*, user: AbstractBaseUser) -> list[Organisation]:
    """The organisations the user is a member of, for the switcher, sorted by name."""
    if not user.is_authenticated:
        return []
    return list(Organisation.objects.filter(memberships__user=user).distinct().order_by("name"))


def access_for_user(*, user: AbstractBaseUser, organisation_id: int | None) -> Access | None:
    """The user's access to ``organisation_id``, or to their first organisation when it is None or not
    theirs. None when the user belongs to no organisation."""
    if not user.is_authenticated:
        return None
    memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
    if not memberships:
        return None
    by_org: dict[int, set[str]] = {}
    orgs: dict[int, Organisation] = {}
    for membership in memberships:
        by_org.setdefault(membership.organisation_id, set()).add(membership.role)
        orgs[membership.organisation_id] = membership.organisation
    chosen = organisation_id if organisation_id in orgs else min(orgs, key=lambda pk: orgs[pk].name)
    return Access(organisation=orgs[chosen], roles=frozenset(by_org[chosen]))


def collaboration_list(*, organisation: Organisation) -> QuerySet[Organisation]:
    """The collaborations the organisation is a member of."""
    return Organisation.objects.filter(kind=OrganisationKind.SAMARBEID, member_links__member=organisation)


def partner_list(*, organisation: Organisation) -> QuerySet[Organisation]:
    """Every organisation that shares a collaboration with ``organisation`` (itself excluded), or the
    members when ``organisation`` is itself a collaboration."""
    if organisation.is_collaboration:
        return organisation.members.all().order_by("name")
    return (
        Organisation.objects.filter(collaboration_links__collaboration__member_links__member=organisation)
        .exclude(pk=organisation.pk)
        .distinct()
        .order_by("name")
    )


def unit_list(*, organisation: Organisation, include_inactive: bool = True) -> QuerySet[Unit]:
    units = Unit.objects.filter(organisation=organisation)
    return units if include_inactive else units.filter(active=True)


def membership_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user", "unit")


def api_token_list(*, organisation: Organisation) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation=organisation).select_related("created_by")


def api_token_resolve(*, raw_key: str) -> ApiToken | None:
    """The active token for a raw bearer key, or None."""
    if not raw_key:
        return None
    token = (
        ApiToken.objects.filter(
            key_hash=ApiToken.hash(raw_key), revoked__isnull=True, expires__gt=timezone.now()
        )
        .select_related("organisation")
        .first()
    )
    return token


def supplier_list() -> QuerySet[Organisation]:
    """Suppliers are shared reference data (public facts from the register), visible to every tenant."""
    return Organisation.objects.filter(kind=OrganisationKind.LEVERANDOR)


@dataclass(frozen=True)
class AuditChange:
    """One field of a record changed: its name and the old and new value, as the page shows them."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log: the history record, what kind of record it is, the action and, for a
    change, what changed."""

    record: object
    kind: str
    action: str
    changes: tuple[AuditChange, ...] = ()


def _shown(field, value) -> str:
    """A field's value as a reader knows it: a unit by its name, a choice by its label, Yes or No."""
    from .templatetags.gk import dato, datotid

    if value is None or value == "":
        return "–"
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return datotid(value)
    if isinstance(value, dt.date):
        return dato(value)
    return str(value)


def audit_log(*, organisation: Organisation, limit: int = 200) -> list[AuditEntry]:
    """The audit log of the organisation's settings, newest first: who created, changed (and what, from
    what to what) or deleted which record. A save that changed nothing is left out; an API token whose
    revocation is the change is shown as revoked."""
    entries = []
    for record in history_for_organisation(organisation=organisation, limit=limit):
        model = record.instance_type
        kind = capfirst(model._meta.verbose_name)
        if record.history_type == "+":
            entries.append(AuditEntry(record, kind, _("Created")))
        elif record.history_type == "-":
            entries.append(AuditEntry(record, kind, _("Deleted")))
        else:
            previous = record.prev_record
            if previous is None:
                entries.append(AuditEntry(record, kind, _("Changed")))
                continue
            delta = record.diff_against(previous)
            changes = tuple(
                AuditChange(
                    capfirst(str(model._meta.get_field(c.field).verbose_name)),
                    _shown(model._meta.get_field(c.field), c.old),
                    _shown(model._meta.get_field(c.field), c.new),
                )
                for c in delta.changes
            )
            if not changes:
                continue  # saved without a change
            revoked = (
                model is ApiToken
                and [c.field for c in delta.changes] == ["revoked"]
                and not delta.changes[0].old
            )
            entries.append(
                AuditEntry(
                    record, kind, _("Revoked") if revoked else _("Changed"), () if revoked else changes
                )
            )
    return entries


def history_for_organisation(*, organisation: Organisation, limit: int = 200) -> list:
    """The audit trail of the organisation's own core records, newest first."""
    records = [
        *Organisation.history.filter(id=organisation.pk).select_related("history_user")[:limit],
        *Unit.history.filter(organisation_id=organisation.pk).select_related("history_user")[:limit],
        *Membership.history.filter(organisation_id=organisation.pk).select_related("history_user")[:limit],
        *ApiToken.history.filter(organisation_id=organisation.pk).select_related("history_user")[:limit],
    ]
    records.sort(key=lambda r: r.history_date, reverse=True)
    return records[:limit]
