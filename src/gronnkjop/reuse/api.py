"""The reuse API under ``/api/v1/reuse``: the pool as the acting organisation sees it, the used-first
lookup for planning and ordering, and the savings of a year."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from gronnkjop.api import YEAR_LIMITS, api_organisation

from . import selectors

router = Router(tags=["reuse"])


class ItemOut(Schema):
    id: int
    code: str
    organisation: str
    item_type: str
    category: str
    title: str
    quantity: int
    quantity_available: int
    condition: str
    status: str
    location: str
    new_price: Decimal | None
    weight_kg: Decimal | None
    public: bool
    created: datetime

    @staticmethod
    def resolve_organisation(item) -> str:
        return item.organisation.name


class UsedFirstOut(Schema):
    category: str
    quantity: int
    available_units: int
    covers: bool
    items: list[ItemOut]


@router.get("/items", response=list[ItemOut], summary="Items the organisation may see (own, shared, public)")
def item_list(request, category: str = "", q: str = "", available: bool = False):
    return list(
        selectors.item_list(
            organisation=api_organisation(request), category=category, q=q, only_available=available
        )[:500]
    )


@router.get(
    "/items/{item_id}", response=ItemOut, summary="One item; 404 when not visible to the organisation"
)
def item_detail(request, item_id: int):
    return get_object_or_404(selectors.item_list(organisation=api_organisation(request)), pk=item_id)


@router.get(
    "/used-first",
    response=UsedFirstOut,
    summary="Available used items of a category (a group such as `furniture` or a leaf such as "
    "`furniture.desks`) to consider before buying new",
)
def used_first(request, category: str, quantity: int = 1):
    return selectors.used_first(
        organisation=api_organisation(request), category=category, quantity=max(quantity, 1)
    )


@router.get("/savings", summary="Savings of a year: value, kg CO2e, kg waste, by item type, factors used")
def savings(request, year: int = Query(..., **YEAR_LIMITS)):
    return selectors.savings_json(organisation=api_organisation(request), year=year)
