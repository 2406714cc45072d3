"""Reads of contracts, always for an acting organisation.

An organisation may use its own contracts and the joint agreements of every collaboration it is a
member of; a collaboration sees its own agreements.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from gronnkjop.core.models import Organisation
from gronnkjop.core.selectors import collaboration_list

from .models import CallOff, Contract, ContractOption, ContractSupplier, PriceListItem


def usable_owner_ids(*, organisation: Organisation) -> list[int]:
    """The organisations whose contracts ``organisation`` may use: itself and its collaborations."""
    return [organisation.pk, *collaboration_list(organisation=organisation).values_list("pk", flat=True)]


def contract_list(*, organisation: Organisation, active_on: dt.date | None = None) -> QuerySet[Contract]:
    """Contracts the organisation owns or may use as member of a collaboration.

    With ``active_on`` only those running on that day (options taken up count).
    """
    contracts = (
        Contract.objects.filter(organisation_id__in=usable_owner_ids(organisation=organisation))
        .select_related("organisation", "manager")
        .prefetch_related(
            Prefetch("options", queryset=ContractOption.objects.order_by("new_end_date")),
            Prefetch("contract_suppliers", queryset=ContractSupplier.objects.select_related("supplier")),
        )
    )
    if active_on is not None:
        exercised_after = Q(options__exercised=True, options__new_end_date__gte=active_on)
        contracts = contracts.filter(
            Q(start_date__lte=active_on) & (Q(end_date__gte=active_on) | exercised_after)
        )
        contracts = contracts.distinct()
    return contracts


def contract_owned_list(*, organisation: Organisation) -> QuerySet[Contract]:
    """Only the contracts the organisation itself owns (what it may edit)."""
    return Contract.objects.filter(organisation=organisation)


def price_item_list(
    *, organisation: Organisation, contract: Contract | None = None
) -> QuerySet[PriceListItem]:
    items = PriceListItem.objects.filter(
        contract__organisation_id__in=usable_owner_ids(organisation=organisation)
    )
    return items.filter(contract=contract) if contract is not None else items


def call_off_list(*, organisation: Organisation) -> QuerySet[CallOff]:
    return CallOff.objects.filter(contract__organisation_id__in=usable_owner_ids(organisation=organisation))
