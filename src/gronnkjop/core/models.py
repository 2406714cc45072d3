"""Organisations (tenants), collaborations, units, memberships and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import Role
from .validators import format_orgnr, validate_orgnr


class OrganisationKind(models.TextChoices):
    KOMMUNE = "kommune", _("Municipality")
    FYLKESKOMMUNE = "fylkeskommune", _("County municipality")
    STAT = "stat", _("Government agency")
    SAMARBEID = "samarbeid", _("Procurement collaboration")
    LEVERANDOR = "leverandor", _("Supplier")


#: Kinds that buy: they are tenants whose members log in.
BUYER_KINDS = (OrganisationKind.KOMMUNE, OrganisationKind.FYLKESKOMMUNE, OrganisationKind.STAT)


class Organisation(models.Model):
    """A contracting authority, a collaboration of them, or a supplier.

    Buyers and collaborations are tenants. Suppliers are shared reference data identified by their
    organisation number and act through signed links, not accounts.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    orgnr = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[validate_orgnr], db_index=True
    )
    members = models.ManyToManyField(
        "self",
        through="CollaborationMembership",
        through_fields=("collaboration", "member"),
        symmetrical=False,
        related_name="collaborations",
        blank=True,
        verbose_name=_("member organisations"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["orgnr"], condition=~Q(orgnr=""), name="organisation_orgnr_unique"
            ),
            models.CheckConstraint(
                condition=~Q(orgnr="") | Q(kind="samarbeid"),
                name="organisation_orgnr_required_unless_samarbeid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def orgnr_display(self) -> str:
        return format_orgnr(self.orgnr)

    @property
    def is_collaboration(self) -> bool:
        return self.kind == OrganisationKind.SAMARBEID


class CollaborationMembership(models.Model):
    """A member organisation of an innkjøpssamarbeid."""

    collaboration = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="member_links",
        limit_choices_to={"kind": "samarbeid"},
    )
    member = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="collaboration_links")
    joined = models.DateField(_("joined"), default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "member"], name="collaboration_member_unique"),
        ]
        verbose_name = _("collaboration membership")

    def __str__(self) -> str:
        return f"{self.member} i {self.collaboration}"


class Unit(models.Model):
    """A unit of an organisation that needs and orders things (a school, a library, road operations).

    Units are the ordering units that costs are allocated to and that own reused items.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("The unit's code in the ledger (ansvar), also used as buyer reference."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unit_code_unique")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """One role of one user in one organisation. A user with two roles has two rows."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("unit"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "user__username", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        # The audit log shows memberships of users who have since been deleted: their history
        # keeps the user id, the user row is gone.
        try:
            user = str(self.user)
        except ObjectDoesNotExist:
            user = gettext("deleted user %(id)s") % {"id": self.user_id}
        return f"{user} – {self.organisation} – {self.get_role_display()}"


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API, scoped to one organisation. Only its hash is stored."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Creating and revoking a token are audited; the hash is never copied, and use
    # (``last_used``) is written with ``update()``, which records nothing.
    history = HistoricalRecords(excluded_fields=["key_hash", "last_used"])

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_key() -> str:
        return "gk_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash(raw: str) -> str:
        return _hash_token(raw)

    @property
    def is_active(self) -> bool:
        return self.revoked is None and self.expires > timezone.now()
