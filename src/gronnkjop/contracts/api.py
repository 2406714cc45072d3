"""Contracts in the JSON API: the list (optionally those running on a day) and one contract with its
price list. Money and percentages are decimal strings; contracts of other organisations answer 404."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from gronnkjop.api import api_organisation

from . import selectors

router = Router(tags=["contracts"])


class SupplierOut(Schema):
    orgnr: str
    name: str
    rank: int


class OptionOut(Schema):
    new_end_date: dt.date
    deadline: dt.date | None
    exercised: bool


class PriceItemOut(Schema):
    article_number: str
    description: str
    unit_code: str
    unit_price: Decimal
    valid_from: dt.date
    valid_to: dt.date | None
    condition: str


class ContractOut(Schema):
    id: int
    number: str
    title: str
    kind: str
    owner_id: int
    owner: str
    cpv: str
    start_date: dt.date
    end_date: dt.date
    effective_end: dt.date
    status: str
    estimated_value: Decimal
    ceiling: Decimal | None
    price_tolerance_pct: Decimal
    markup_new_pct: Decimal | None
    markup_used_pct: Decimal | None
    small_order_limit: Decimal | None
    small_order_fee: Decimal | None
    suppliers: list[SupplierOut]
    options: list[OptionOut]

    @staticmethod
    def resolve_owner_id(contract) -> int:
        return contract.organisation_id

    @staticmethod
    def resolve_owner(contract) -> str:
        return contract.organisation.name

    @staticmethod
    def resolve_suppliers(contract) -> list[dict]:
        return [
            {"orgnr": link.supplier.orgnr, "name": link.supplier.name, "rank": link.rank}
            for link in contract.contract_suppliers.all()
        ]

    @staticmethod
    def resolve_options(contract) -> list:
        return list(contract.options.all())


class ContractDetailOut(ContractOut):
    price_items: list[PriceItemOut]

    @staticmethod
    def resolve_price_items(contract) -> list:
        return list(contract.price_items.order_by("article_number", "condition", "valid_from"))


@router.get(
    "/contracts",
    response=list[ContractOut],
    summary="Contracts the organisation owns or may use; with active_on only those running that day",
)
def contract_list(request, active_on: dt.date | None = None):
    return list(selectors.contract_list(organisation=api_organisation(request), active_on=active_on))


@router.get(
    "/contracts/{contract_id}",
    response=ContractDetailOut,
    summary="One contract with its price list; 404 for contracts the organisation may not use",
)
def contract_detail(request, contract_id: int):
    return get_object_or_404(selectors.contract_list(organisation=api_organisation(request)), pk=contract_id)
