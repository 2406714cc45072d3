"""Isolation cases, one per model that carries an ``organisation``: how to make a row for a tenant,
which URLs show or change it, and how to check it was not changed.

Core's cases are below; each app keeps its own in ``tests/<app>/tenancy_cases.py`` (a ``CASES`` dict of
the same shape), merged into ``CASES`` at the end of this file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from gronnkjop.core.models import Membership, Unit
from gronnkjop.core.services import api_token_create


@dataclass(frozen=True)
class Case:
    make: Callable  # (organisation, users_by_role) -> row
    urls: Callable  # row -> [(method, url)]
    assert_unchanged: Callable = lambda row: None
    api_urls: Callable | None = None  # row -> [url]
    api_list: str | None = None
    paginated: bool = False
    extra: dict = field(default_factory=dict)


def _unit(org, users):
    return Unit.objects.create(organisation=org, name=f"Enhet {org.name}", code="9000")


def _unit_unchanged(row):
    row.refresh_from_db()
    assert row.name.startswith("Enhet ")


def _membership(org, users):
    return Membership.objects.get(organisation=org, user=users["innkjoper"])


def _membership_unchanged(row):
    assert Membership.objects.filter(pk=row.pk).exists()


def _token(org, users):
    token, _raw = api_token_create(organisation=org, name="ERP", by=users["administrator"])
    return token


def _token_unchanged(row):
    row.refresh_from_db()
    assert row.revoked is None


CASES: dict[str, Case] = {
    "core.Unit": Case(
        make=_unit,
        urls=lambda row: [
            ("GET", reverse("core:unit_detail", args=[row.pk])),
            ("GET", reverse("core:unit_edit", args=[row.pk])),
            ("POST", reverse("core:unit_edit", args=[row.pk])),
        ],
        assert_unchanged=_unit_unchanged,
        api_urls=lambda row: [f"/api/v1/units/{row.pk}"],
        api_list="/api/v1/units",
    ),
    "core.Membership": Case(
        make=_membership,
        urls=lambda row: [("POST", reverse("core:membership_revoke", args=[row.pk]))],
        assert_unchanged=_membership_unchanged,
    ),
    "core.ApiToken": Case(
        make=_token,
        urls=lambda row: [("POST", reverse("core:api_token_revoke", args=[row.pk]))],
        assert_unchanged=_token_unchanged,
    ),
}


def _merge_app_cases() -> None:
    import importlib

    for app in ("examples", "contracts", "followup", "reuse"):
        try:
            module = importlib.import_module(f"tests.{app}.tenancy_cases")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"tests.{app}", f"tests.{app}.tenancy_cases"}:
                raise
            continue
        CASES.update(module.CASES)


_merge_app_cases()
