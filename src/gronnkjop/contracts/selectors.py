"""Reads of contracts, always for an acting organisation.

An organisation may use its own contracts and the joint agreements of every collaboration it is a
member of; a collaboration sees its own agreements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from gronnkjop.core.models import Organisation
from gronnkjop.core.search import word_filter
from gronnkjop.core.selectors import collaboration_list
from gronnkjop.formats.pricelist import PriceListRow

from .dates import add_months
from .models import (
    CallOff,
    Contract,
    ContractDocument,
    ContractOption,
    ContractStatus,
    ContractSupplier,
    CycleEventKind,
    PriceListItem,
)


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


# --- Lists, search and details for the pages and the API ----------------------------------------------

SORTS = {
    "number": ("number",),
    "-number": ("-number",),
    "title": ("title", "number"),
    "-title": ("-title", "number"),
    "start": ("start_date", "number"),
    "-start": ("-start_date", "number"),
    "end": ("end_date", "number"),
    "-end": ("-end_date", "number"),
    "value": ("estimated_value", "number"),
    "-value": ("-estimated_value", "number"),
}


def _status_q(status: str, day: dt.date) -> Q:
    running_on = Q(end_date__gte=day) | Q(options__exercised=True, options__new_end_date__gte=day)
    if status == ContractStatus.PLANNED:
        return Q(start_date__gt=day)
    if status == ContractStatus.ACTIVE:
        return Q(start_date__lte=day) & running_on
    if status == ContractStatus.EXPIRED:
        return Q(start_date__lte=day) & ~Q(pk__in=Contract.objects.filter(running_on).values("pk"))
    raise ValueError(f"unknown status {status!r}")


def contract_search(
    *,
    organisation: Organisation,
    status: str = "",
    supplier_id: int | None = None,
    cpv: str = "",
    text: str = "",
    sort: str = "number",
    today: dt.date | None = None,
) -> QuerySet[Contract]:
    """The contract list page: the organisation's usable contracts filtered by status on ``today``,
    supplier, CPV code (prefix) and free text (number, title, supplier name), sorted by ``sort``."""
    day = today or timezone.localdate()
    contracts = contract_list(organisation=organisation)
    if status:
        contracts = contracts.filter(_status_q(status, day))
    if supplier_id:
        contracts = contracts.filter(contract_suppliers__supplier_id=supplier_id)
    if cpv:
        contracts = contracts.filter(cpv__startswith=cpv.strip())
    contracts = word_filter(contracts, text, ("number", "title", "contract_suppliers__supplier__name"))
    return contracts.distinct().order_by(*SORTS.get(sort, SORTS["number"]))


def contract_supplier_choices(*, organisation: Organisation) -> QuerySet[Organisation]:
    """The suppliers on the contracts the organisation may use (for the list filter)."""
    return (
        Organisation.objects.filter(
            supplier_contracts__contract__organisation_id__in=usable_owner_ids(organisation=organisation)
        )
        .distinct()
        .order_by("name")
    )


def contract_detail_list(*, organisation: Organisation) -> QuerySet[Contract]:
    """Usable contracts with everything the detail page and the API show."""
    return contract_list(organisation=organisation).prefetch_related(
        "documents", Prefetch("call_offs", queryset=CallOff.objects.select_related("unit"))
    )


def price_item_search(
    *, organisation: Organisation, contract: Contract, text: str = ""
) -> QuerySet[PriceListItem]:
    items = price_item_list(organisation=organisation, contract=contract)
    for word in text.split():
        items = items.filter(Q(article_number__icontains=word) | Q(description__icontains=word))
    return items.order_by("article_number", "condition", "valid_from")


def price_list_rows(*, organisation: Organisation, contract: Contract) -> list[PriceListRow]:
    """The contract's whole price list as rows of the import format (history included), in the order
    of the price-list page; row numbers count from 2, as in a file under its header."""
    return [
        PriceListRow(
            row=number,
            contract_number=contract.number,
            article_number=item.article_number,
            description=item.description,
            unit_code=item.unit_code,
            unit_price=item.unit_price,
            valid_from=item.valid_from,
            valid_to=item.valid_to,
            condition=item.condition,
        )
        for number, item in enumerate(
            price_item_search(organisation=organisation, contract=contract), start=2
        )
    ]


def price_history_list(*, organisation: Organisation, contract: Contract, limit: int = 200) -> list:
    """Every recorded change of the contract's price items and terms, newest first."""
    if contract.organisation_id not in usable_owner_ids(organisation=organisation):
        return []
    records = [
        *PriceListItem.history.filter(contract_id=contract.pk).select_related("history_user")[:limit],
        *Contract.history.filter(id=contract.pk).select_related("history_user")[:limit],
        *ContractOption.history.filter(contract_id=contract.pk).select_related("history_user")[:limit],
    ]
    records.sort(key=lambda r: r.history_date, reverse=True)
    return records[:limit]


def option_owned_list(*, organisation: Organisation) -> QuerySet[ContractOption]:
    return ContractOption.objects.filter(contract__organisation=organisation).select_related("contract")


def contract_supplier_owned_list(*, organisation: Organisation) -> QuerySet[ContractSupplier]:
    return ContractSupplier.objects.filter(contract__organisation=organisation).select_related(
        "contract", "supplier"
    )


def document_list(*, organisation: Organisation) -> QuerySet[ContractDocument]:
    return ContractDocument.objects.filter(
        contract__organisation_id__in=usable_owner_ids(organisation=organisation)
    ).select_related("contract")


# --- The annual cycle (årshjul) -----------------------------------------------------------------------


@dataclass(frozen=True)
class CycleEvent:
    day: dt.date
    kind: str
    contract: Contract
    detail: str = ""

    @property
    def label(self) -> str:
        return CycleEventKind(self.kind).label

    @property
    def uid(self) -> str:
        return f"{self.kind}-{self.contract.pk}-{self.day.isoformat()}@gronnkjop"


def _yearly(first: dt.date, last: dt.date) -> list[dt.date]:
    """``first`` and its anniversaries up to and including ``last``."""
    days, years = [], 0
    while (day := add_months(first, 12 * years)) <= last:
        days.append(day)
        years += 1
    return days


def contract_events(contract: Contract) -> list[CycleEvent]:
    """Every date in the contract's annual cycle, from its start to its end (options taken up count):

    - *notice*: ``notice_months`` before the end, time to prepare the next procurement;
    - *option deadline*: the deadline of each option not yet taken up (that would still extend it);
    - *yearly evaluation*: each anniversary of the start before the end;
    - *price adjustment*: the next price adjustment date and its anniversaries before the end;
    - *expiry*: the end.
    """
    end = contract.effective_end
    events = [
        CycleEvent(add_months(end, -contract.notice_months), CycleEventKind.NOTICE, contract),
        CycleEvent(end, CycleEventKind.EXPIRY, contract),
    ]
    for option in contract.options.all():
        if not option.exercised and option.deadline is not None and option.new_end_date > end:
            detail = gettext("Extends to %(date)s") % {"date": option.new_end_date.strftime("%d.%m.%Y")}
            events.append(CycleEvent(option.deadline, CycleEventKind.OPTION_DEADLINE, contract, detail))
    events += [
        CycleEvent(day, CycleEventKind.EVALUATION, contract)
        for day in _yearly(add_months(contract.start_date, 12), end - dt.timedelta(days=1))
    ]
    if contract.price_adjustment_date is not None:
        events += [
            CycleEvent(day, CycleEventKind.PRICE_ADJUSTMENT, contract)
            for day in _yearly(contract.price_adjustment_date, end)
        ]
    return events


def annual_cycle(
    *, organisation: Organisation, start: dt.date | None = None, end: dt.date | None = None
) -> list[CycleEvent]:
    """The events of every usable contract from ``start`` (today) to ``end`` (twelve months later,
    exclusive), in date order."""
    start = start or timezone.localdate()
    end = end or add_months(start, 12)
    contracts = contract_list(organisation=organisation).filter(start_date__lt=end)
    events = [
        event
        for contract in contracts
        if contract.effective_end >= start
        for event in contract_events(contract)
        if start <= event.day < end
    ]
    order = list(CycleEventKind.values)
    return sorted(events, key=lambda e: (e.day, order.index(e.kind), e.contract.number))


#: Kinds of event that stay overdue until the contract ends: the notice (a new procurement is still
#: needed) and the deadline of an option not yet taken up (it is still to be decided).
OVERDUE_UNTIL_END = (CycleEventKind.NOTICE, CycleEventKind.OPTION_DEADLINE)
#: How long a passed yearly event (evaluation, price adjustment) stays overdue: after that the next
#: one is the one to plan for.
OVERDUE_YEARLY_MONTHS = 3


def annual_cycle_overdue(*, organisation: Organisation, today: dt.date | None = None) -> list[CycleEvent]:
    """The passed deadlines that still matter, of the usable contracts that have not ended by
    ``today``, in date order: every notice and every deadline of an option not yet taken up, and the
    evaluations and price adjustments of the last :data:`OVERDUE_YEARLY_MONTHS` months."""
    today = today or timezone.localdate()
    recent = add_months(today, -OVERDUE_YEARLY_MONTHS)
    events = [
        event
        for contract in contract_list(organisation=organisation)
        if contract.effective_end >= today
        for event in contract_events(contract)
        if event.day < today and (event.kind in OVERDUE_UNTIL_END or event.day >= recent)
    ]
    order = list(CycleEventKind.values)
    return sorted(events, key=lambda e: (e.day, order.index(e.kind), e.contract.number))
