"""Tenants A and B (from tests/core), suppliers, and small factories for contracts and table rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gronnkjop.contracts.models import Contract, ContractOption, ContractSupplier, PriceListItem
from gronnkjop.formats.contracts_table import ContractRow
from gronnkjop.formats.pricelist import PriceListRow
from tests.core import conftest as core

# The tenants, users and clients of the core tests, shared rather than copied.
make_org = core.make_org
org_a, org_b, users_a, users_b = core.org_a, core.org_b, core.users_a, core.users_b
login, token_for = core.login, core.token_for

D = dt.date
START = D(2025, 1, 1)


def make_contract(org, number: str = "K-1", **fields) -> Contract:
    values = {
        "title": f"Avtale {number}",
        "start_date": D(2025, 1, 1),
        "end_date": D(2026, 12, 31),
        "estimated_value": Decimal("100000"),
    } | fields
    return Contract.objects.create(organisation=org, number=number, **values)


def make_item(contract, article: str, price: str, valid_from=START, **fields) -> PriceListItem:
    values = {"description": f"Vare {article}", "unit_code": "EA", "condition": "new"} | fields
    return PriceListItem.objects.create(
        contract=contract, article_number=article, unit_price=Decimal(price), valid_from=valid_from, **values
    )


def add_option(contract, new_end, deadline=None, exercised=False) -> ContractOption:
    return ContractOption.objects.create(
        contract=contract, new_end_date=new_end, deadline=deadline, exercised=exercised
    )


def price_row(row: int, article: str, price: str, valid_from=START, contract="K-1", **fields):
    values = {"description": f"Vare {article}", "unit_code": "EA"} | fields
    return PriceListRow(
        row=row,
        contract_number=contract,
        article_number=article,
        unit_price=Decimal(price),
        valid_from=valid_from,
        **values,
    )


def contract_row(row: int, number: str, **fields) -> ContractRow:
    values = {
        "title": f"Avtale {number}",
        "supplier_orgnr": "920000118",
        "supplier_name": "Interiørhuset Møbler AS",
        "cpv": "39100000",
        "start_date": D(2025, 1, 1),
        "end_date": D(2026, 12, 31),
        "estimated_value": Decimal("500000"),
    } | fields
    return ContractRow(row=row, contract_number=number, **values)


@pytest.fixture
def supplier(db):
    return make_org("Interiørhuset Møbler AS", "920000118", "leverandor")


@pytest.fixture
def contract_a(org_a, supplier) -> Contract:
    contract = make_contract(org_a)
    ContractSupplier.objects.create(contract=contract, supplier=supplier, rank=1)
    return contract


@pytest.fixture
def contract_b(org_b, supplier) -> Contract:
    contract = make_contract(org_b, "B-1")
    ContractSupplier.objects.create(contract=contract, supplier=supplier, rank=1)
    return contract
