"""Isolation cases for the contracts app (merged into tests/tenancy_cases.py)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from gronnkjop.contracts.models import Contract, ContractOption, ContractSupplier, PriceListItem
from gronnkjop.core.models import Organisation
from tests.tenancy_cases import Case

from .conftest import D


def _contract(org, users):
    supplier, _created = Organisation.objects.get_or_create(
        orgnr="920000118", defaults={"name": "Interiørhuset Møbler AS", "kind": "leverandor"}
    )
    contract = Contract.objects.create(
        organisation=org,
        number=f"K-{org.pk}",
        title=f"Avtale {org.name}",
        start_date=D(2025, 1, 1),
        end_date=D(2030, 12, 31),
        estimated_value=Decimal("1000"),
    )
    ContractSupplier.objects.create(contract=contract, supplier=supplier)
    ContractOption.objects.create(contract=contract, new_end_date=D(2031, 12, 31))
    PriceListItem.objects.create(
        contract=contract, article_number="A-1", unit_price=Decimal("10"), valid_from=D(2025, 1, 1)
    )
    return contract


def _contract_unchanged(row):
    row.refresh_from_db()
    assert row.title.startswith("Avtale ")
    assert [(o.exercised) for o in row.options.all()] == [False]
    assert row.contract_suppliers.count() == 1
    assert row.call_offs.count() == 0


def _urls(row):
    option = row.options.get()
    link = row.contract_suppliers.get()
    return [
        ("GET", reverse("contracts:contract_detail", args=[row.pk])),
        ("GET", reverse("contracts:contract_edit", args=[row.pk])),
        ("POST", reverse("contracts:contract_edit", args=[row.pk])),
        ("GET", reverse("contracts:option_add", args=[row.pk])),
        ("POST", reverse("contracts:option_exercise", args=[option.pk])),
        ("GET", reverse("contracts:supplier_add", args=[row.pk])),
        ("POST", reverse("contracts:supplier_move", args=[link.pk])),
        ("POST", reverse("contracts:supplier_remove", args=[link.pk])),
        ("GET", reverse("contracts:document_upload", args=[row.pk])),
        ("GET", reverse("contracts:call_off_add", args=[row.pk])),
        ("POST", reverse("contracts:call_off_add", args=[row.pk])),
    ]


CASES: dict[str, Case] = {
    "contracts.Contract": Case(
        make=_contract,
        urls=_urls,
        assert_unchanged=_contract_unchanged,
        api_urls=lambda row: [f"/api/v1/contracts/{row.pk}"],
        api_list="/api/v1/contracts",
    ),
}
