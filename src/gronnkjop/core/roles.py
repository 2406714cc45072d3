"""Roles and what each may do.

A user holds one or more roles in each organisation they belong to. Views ask for a *capability*
(``view``, ``edit``, ``manage_members`` ...) rather than a role, so the matrix below is the one place
that says who may do what.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INNKJOPER = "innkjoper", _("Procurement officer")
    AVTALEFORVALTER = "avtaleforvalter", _("Contract manager")
    BEHOVSEIER = "behovseier", _("Need owner / orderer")
    LEDER = "leder", _("Leadership")
    REDAKTOR = "redaktor", _("Editor")
    ADMINISTRATOR = "administrator", _("Administrator")


class Capability(models.TextChoices):
    VIEW = "view", _("See the organisation's data")
    EDIT = "edit", _("Create and change procurement and contract data")
    ORDER = "order", _("Order and reserve on behalf of a unit")
    EDIT_EXAMPLES = "edit_examples", _("Edit the example bank")
    MANAGE_MEMBERS = "manage_members", _("Manage members, units and API tokens")


CAPABILITIES: dict[str, frozenset[str]] = {
    Role.INNKJOPER: frozenset({Capability.VIEW, Capability.EDIT, Capability.ORDER}),
    Role.AVTALEFORVALTER: frozenset({Capability.VIEW, Capability.EDIT, Capability.ORDER}),
    Role.BEHOVSEIER: frozenset({Capability.VIEW, Capability.ORDER}),
    Role.LEDER: frozenset({Capability.VIEW}),
    Role.REDAKTOR: frozenset({Capability.VIEW, Capability.EDIT_EXAMPLES}),
    Role.ADMINISTRATOR: frozenset(
        {Capability.VIEW, Capability.EDIT, Capability.ORDER, Capability.MANAGE_MEMBERS}
    ),
}


def capabilities_of(roles: set[str] | frozenset[str]) -> frozenset[str]:
    """Every capability that at least one of ``roles`` grants."""
    result: set[str] = set()
    for role in roles:
        result |= CAPABILITIES.get(role, frozenset())
    return frozenset(result)
