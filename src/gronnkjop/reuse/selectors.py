"""Every read of reuse data, scoped to the acting organisation.

Visibility, step by step: an organisation sees all its own items; its collaboration partners see an
item from ``collaboration_from`` (set when the item becomes available, plus the owner's number of days
without an order); everyone sees items the owner has made public. An organisation that reserved an
item keeps seeing it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gronnkjop.core.models import Organisation
from gronnkjop.core.search import word_filter
from gronnkjop.core.selectors import partner_list
from gronnkjop.core.text import sort_key

from .categories import GROUPS
from .factor_fixture import PER_KG
from .item_types import item_type_name
from .models import (
    Device,
    DeviceRequest,
    Factor,
    ItemPhoto,
    ItemStatus,
    Reservation,
    ReuseItem,
    ReuseSettings,
    Saving,
    Store,
)


def reuse_settings_get(*, organisation: Organisation) -> ReuseSettings:
    """The organisation's sharing rules (defaults when never saved; not written here)."""
    return ReuseSettings.objects.filter(organisation=organisation).first() or ReuseSettings(
        organisation=organisation
    )


def _visible_q(*, organisation: Organisation, now: datetime) -> Q:
    partners = partner_list(organisation=organisation).values("pk")
    reserved_by_us = Exists(Reservation.objects.filter(item=OuterRef("pk"), organisation=organisation))
    return (
        Q(organisation=organisation)
        | Q(organisation__in=partners, collaboration_from__lte=now)
        | Q(public=True)
        | Q(reserved_by_us)
    )


def item_list(
    *,
    organisation: Organisation,
    now: datetime | None = None,
    q: str = "",
    category: str = "",
    condition: str = "",
    owner: int | None = None,
    store: int | None = None,
    status: str = "",
    only_available: bool = False,
) -> QuerySet[ReuseItem]:
    """Items ``organisation`` may see, filtered."""
    items = ReuseItem.objects.filter(_visible_q(organisation=organisation, now=now or timezone.now()))
    if q:
        items = word_filter(items, q, ("title", "description", "code", "site", "store__name"))
    if category:
        if category in GROUPS:
            items = items.filter(category__startswith=f"{category}.")
        else:
            items = items.filter(category=category)
    if condition:
        items = items.filter(condition=condition)
    if owner:
        items = items.filter(organisation_id=owner)
    if store:
        items = items.filter(store_id=store)
    if status:
        items = items.filter(status=status)
    if only_available:
        items = items.filter(status=ItemStatus.AVAILABLE, quantity_available__gt=0)
    return items.select_related("organisation", "unit", "store")


def own_item_list(*, organisation: Organisation) -> QuerySet[ReuseItem]:
    """Only the organisation's own items (for editing, labels and status changes)."""
    return ReuseItem.objects.filter(organisation=organisation).select_related("organisation", "unit", "store")


def public_item_list(*, organisation_id: int | None = None) -> QuerySet[ReuseItem]:
    """Items their owners have made public and that still have units available (no log-in needed)."""
    items = ReuseItem.objects.filter(public=True, status=ItemStatus.AVAILABLE, quantity_available__gt=0)
    if organisation_id:
        items = items.filter(organisation_id=organisation_id)
    return items.select_related("organisation", "store")


def photo_get_visible(*, organisation: Organisation | None, pk: int) -> ItemPhoto | None:
    """The photo when its item is visible to ``organisation`` (or public for visitors), else None."""
    photo = ItemPhoto.objects.select_related("item").filter(pk=pk).first()
    if photo is None:
        return None
    if organisation is not None and item_list(organisation=organisation).filter(pk=photo.item_id).exists():
        return photo
    if public_item_list().filter(pk=photo.item_id).exists():
        return photo
    return None


def owner_choices(*, organisation: Organisation) -> list[Organisation]:
    """The organisations whose items the acting one may see in the pool: itself and its partners."""
    return [organisation, *partner_list(organisation=organisation)]


def store_list(*, organisation: Organisation) -> QuerySet[Store]:
    return Store.objects.filter(organisation=organisation)


def visible_store_list(*, organisation: Organisation) -> QuerySet[Store]:
    partners = partner_list(organisation=organisation).values("pk")
    return Store.objects.filter(Q(organisation=organisation) | Q(organisation__in=partners)).select_related(
        "organisation"
    )


def distance_km(a: Store | None, b: Store | None) -> float | None:
    """Great-circle distance between two stores in km (None when a coordinate is missing)."""
    if a is None or b is None or None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, map(float, (a.latitude, a.longitude, b.latitude, b.longitude)))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def items_by_distance(items, *, origin: Store) -> list[tuple[ReuseItem, float | None]]:
    """Items with their store's distance from ``origin``, nearest first, items without a place last."""
    pairs = [(item, distance_km(origin, item.store)) for item in items]
    return sorted(pairs, key=lambda p: (p[1] is None, p[1] or 0.0, -p[0].pk))


def used_first(*, organisation: Organisation, category: str, quantity: int = 1, limit: int = 20) -> dict:
    """Available items in ``category`` (a group or a leaf) that ``organisation`` may reserve, own first."""
    items = list(
        item_list(organisation=organisation, category=category, only_available=True).order_by(
            "-quantity_available", "pk"
        )[: limit * 3]
    )
    items.sort(key=lambda i: (i.organisation_id != organisation.pk, -i.quantity_available, i.pk))
    items = items[:limit]
    available = sum(i.quantity_available for i in items)
    return {
        "category": category,
        "quantity": quantity,
        "available_units": available,
        "covers": available >= quantity,
        "items": items,
    }


def reservation_list(*, organisation: Organisation) -> QuerySet[Reservation]:
    """Reservations the organisation made, and reservations of its items."""
    return Reservation.objects.filter(
        Q(organisation=organisation) | Q(item__organisation=organisation)
    ).select_related("item", "item__organisation", "organisation", "unit", "requested_by")


def item_status_history(*, organisation: Organisation, item: ReuseItem):
    return item.status_changes.select_related("by")


def factor_list(*, current_only: bool = True) -> QuerySet[Factor]:
    """The factor table is shared reference data (like suppliers): the same for every tenant."""
    factors = Factor.objects.all()
    return factors.filter(current=True) if current_only else factors


def factor_current(*, item_type: str) -> Factor | None:
    return Factor.objects.filter(item_type=item_type, current=True).first()


def factor_fallback() -> Factor:
    return Factor.objects.get(item_type=PER_KG, current=True)


def item_type_choices() -> list[tuple[str, str]]:
    """The item types of the factor table by name in the active language, "other" last."""
    keys = factor_list().exclude(item_type=PER_KG).values_list("item_type", flat=True)
    named = ((key, item_type_name(key)) for key in keys)
    return sorted(named, key=lambda choice: (choice[0] == "other", sort_key(choice[1])))


# --- savings ----------------------------------------------------------------------------------------


def saving_list(*, organisation: Organisation, year: int | None = None) -> QuerySet[Saving]:
    """Savings counted for ``organisation`` (it received the items)."""
    savings = Saving.objects.filter(organisation=organisation)
    if year:
        savings = savings.filter(date__year=year)
    return savings.select_related("factor", "owner_organisation", "reservation__item")


def saving_given_list(*, organisation: Organisation, year: int | None = None) -> QuerySet[Saving]:
    """Savings that other organisations made with ``organisation``'s items."""
    savings = Saving.objects.filter(owner_organisation=organisation).exclude(organisation=organisation)
    if year:
        savings = savings.filter(date__year=year)
    return savings.select_related("factor", "organisation", "reservation__item")


@dataclass
class Totals:
    handovers: int = 0
    units: int = 0
    value_nok: Decimal = Decimal("0.00")
    co2e_kg: Decimal = Decimal("0.000")
    waste_kg: Decimal = Decimal("0.000")

    def add(self, saving: Saving) -> None:
        self.handovers += 1
        self.units += saving.units
        self.value_nok += saving.value_nok
        self.co2e_kg += saving.co2e_kg
        self.waste_kg += saving.waste_kg

    def as_json(self) -> dict:
        return {
            "handovers": self.handovers,
            "units": self.units,
            "value_nok": str(self.value_nok),
            "co2e_kg": str(self.co2e_kg),
            "waste_kg": str(self.waste_kg),
        }


def savings_summary(*, organisation: Organisation, year: int) -> dict:
    """Totals for the year, by item type and by month, and the factor versions used, in exact Decimals."""
    total = Totals()
    by_type: dict[str, Totals] = defaultdict(Totals)
    by_month: dict[int, Totals] = {m: Totals() for m in range(1, 13)}
    factors: dict[int, Factor] = {}
    for saving in saving_list(organisation=organisation, year=year).order_by("date", "pk"):
        total.add(saving)
        by_type[saving.item_type].add(saving)
        by_month[saving.date.month].add(saving)
        factors[saving.factor_id] = saving.factor
    return {
        "year": year,
        "total": total,
        "by_item_type": dict(sorted(by_type.items())),
        "by_month": by_month,
        "factors": sorted(factors.values(), key=lambda f: (f.item_type, f.version)),
    }


def savings_json(*, organisation: Organisation, year: int) -> dict:
    """The savings of a year as JSON (amounts as strings with exact decimals)."""
    summary = savings_summary(organisation=organisation, year=year)
    return {
        "organisation": organisation.orgnr,
        "year": year,
        **summary["total"].as_json(),
        "by_item_type": {key: totals.as_json() for key, totals in summary["by_item_type"].items()},
        "factors": [
            {
                "item_type": f.item_type,
                "version": f.version,
                "kg_co2e": str(f.kg_co2e_saved if f.is_fallback else f.saved_per_unit),
                "per": "kg" if f.is_fallback else "unit",
                "source": f.source,
            }
            for f in summary["factors"]
        ],
    }


# --- devices ----------------------------------------------------------------------------------------


def device_list(*, organisation: Organisation) -> QuerySet[Device]:
    return Device.objects.filter(organisation=organisation).select_related("unit")


def device_request_list(*, organisation: Organisation) -> QuerySet[DeviceRequest]:
    return DeviceRequest.objects.filter(organisation=organisation).select_related(
        "unit", "returned_device", "requested_by", "decided_by"
    )
