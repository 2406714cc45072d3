"""Follow-up in the JSON API: invoices with their lines and deviations, deviations, claims, gains, ledger
lines and the KPIs of a year. Lists are paginated (``?page=``, ``{"items": [...], "count": N}``); money
is a decimal string; rows of other organisations answer 404."""

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from gronnkjop.api import YEAR_LIMITS, api_organisation

from . import selectors

router = Router(tags=["followup"])


class DeviationOut(Schema):
    id: int
    code: str
    label: str
    status: str
    invoice_id: int
    line_id: int | None
    contract_id: int | None
    amount_at_stake: Decimal
    evidence: dict
    dismissed_reason: str
    claim_id: int | None

    @staticmethod
    def resolve_label(deviation) -> str:
        return str(deviation.get_code_display())


class InvoiceLineOut(Schema):
    id: int
    line_id: str
    article_number: str
    name: str
    quantity: Decimal
    unit_code: str
    net_unit_price: Decimal
    net_amount: Decimal
    cpv: str
    condition: str
    markup_pct: Decimal | None
    contract_id: int | None
    match_how: str
    deviations: list[DeviationOut]

    @staticmethod
    def resolve_deviations(line) -> list:
        return list(line.deviations.all())


class InvoiceOut(Schema):
    id: int
    number: str
    is_credit: bool
    issue_date: dt.date
    due_date: dt.date | None
    supplier_orgnr: str
    supplier_name: str
    currency: str
    buyer_reference: str
    order_reference: str
    contract_reference: str
    amount_excl_vat: Decimal
    vat_amount: Decimal
    amount_incl_vat: Decimal
    payable: Decimal
    contract_id: int | None
    match_how: str


class InvoiceDetailOut(InvoiceOut):
    lines: list[InvoiceLineOut]
    deviations: list[DeviationOut]

    @staticmethod
    def resolve_lines(invoice) -> list:
        return list(invoice.lines.all())

    @staticmethod
    def resolve_deviations(invoice) -> list:
        """Deviations of the invoice as a whole (those of a line are listed with the line)."""
        return [d for d in invoice.deviations.all() if d.line_id is None]


class ClaimOut(Schema):
    id: int
    number: str
    status: str
    supplier_orgnr: str
    supplier_name: str
    contract_id: int | None
    amount: Decimal
    sent_on: dt.date | None
    answered_on: dt.date | None
    refunded_amount: Decimal | None
    refunded_on: dt.date | None
    deviation_ids: list[int]

    @staticmethod
    def resolve_deviation_ids(claim) -> list[int]:
        return [d.pk for d in claim.deviations.all()]


class GainOut(Schema):
    id: int
    kind: str
    amount: Decimal
    date: dt.date
    year: int
    claim_id: int | None
    contract_id: int | None
    supplier_name: str
    description: str
    description_key: str
    description_params: dict

    @staticmethod
    def resolve_description(gain) -> str:
        """In the request's language: a description the system wrote (``description_key`` and
        ``description_params`` are set) is translated; one typed by a user is as typed."""
        return gain.description_display


class LedgerLineOut(Schema):
    id: int
    source: str
    date: dt.date
    account: str
    account_description: str
    supplier_orgnr: str
    supplier_name: str
    description: str
    amount: Decimal
    unit_code: str


class CodeOut(Schema):
    code: str
    label: str
    count: int
    open: int
    amount_at_stake: Decimal


class UnitOut(Schema):
    code: str
    name: str
    amount: Decimal
    invoices: int


class MonthOut(Schema):
    month: str
    amount: Decimal


class KpisOut(Schema):
    year: int
    invoices: int
    invoices_with_reference: int
    invoice_reference_share_pct: Decimal | None
    spend: Decimal
    spend_with_reference: Decimal
    spend_reference_share_pct: Decimal | None
    line_spend: Decimal
    line_spend_on_agreement: Decimal
    on_agreement_share_pct: Decimal | None
    deviations: int
    deviations_open: int
    at_stake: Decimal
    by_code: list[CodeOut]
    refunded: Decimal
    avoided: Decimal
    by_unit: list[UnitOut]
    by_month: list[MonthOut]


@router.get(
    "/invoices",
    response=list[InvoiceOut],
    summary="Invoices and credit notes; filter by supplier (orgnr), dates, contract, match and text",
)
@paginate(PageNumberPagination, page_size=50)
def invoice_list(
    request,
    supplier: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    contract_id: int | None = None,
    matched: str = "",
    open_deviations: bool = False,
    q: str = "",
):
    return selectors.invoice_list(
        organisation=api_organisation(request),
        supplier=supplier,
        date_from=date_from,
        date_to=date_to,
        contract_id=contract_id,
        matched=matched,
        open_deviations=open_deviations,
        text=q,
    )


@router.get(
    "/invoices/{invoice_id}",
    response=InvoiceDetailOut,
    summary="One invoice with its lines, each line's contract match and deviations",
)
def invoice_detail(request, invoice_id: int):
    return get_object_or_404(
        selectors.invoice_detail_list(organisation=api_organisation(request)), pk=invoice_id
    )


@router.get(
    "/deviations",
    response=list[DeviationOut],
    summary="Deviations; filter by code, status, supplier, contract, dates",
)
@paginate(PageNumberPagination, page_size=50)
def deviation_list(
    request,
    code: str = "",
    status: str = "",
    supplier: str = "",
    contract_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
):
    return selectors.deviation_list(
        organisation=api_organisation(request),
        code=code,
        status=status,
        supplier=supplier,
        contract_id=contract_id,
        date_from=date_from,
        date_to=date_to,
    )


@router.get("/deviations/{deviation_id}", response=DeviationOut, summary="One deviation with its evidence")
def deviation_detail(request, deviation_id: int):
    return get_object_or_404(
        selectors.deviation_list(organisation=api_organisation(request)), pk=deviation_id
    )


@router.get("/claims", response=list[ClaimOut], summary="Refund claims; filter by status")
@paginate(PageNumberPagination, page_size=50)
def claim_list(request, status: str = ""):
    return selectors.claim_detail_list(organisation=api_organisation(request)).filter(
        **({"status": status} if status else {})
    )


@router.get("/claims/{claim_id}", response=ClaimOut, summary="One refund claim")
def claim_detail(request, claim_id: int):
    return get_object_or_404(selectors.claim_detail_list(organisation=api_organisation(request)), pk=claim_id)


@router.get("/gains", response=list[GainOut], summary="Documented gains; filter by year")
@paginate(PageNumberPagination, page_size=50)
def gain_list(request, year: int | None = Query(None, **YEAR_LIMITS)):
    return selectors.gain_list(organisation=api_organisation(request), year=year)


@router.get("/gains/{gain_id}", response=GainOut, summary="One documented gain")
def gain_detail(request, gain_id: int):
    return get_object_or_404(selectors.gain_list(organisation=api_organisation(request)), pk=gain_id)


@router.get(
    "/ledger-lines", response=list[LedgerLineOut], summary="General-ledger lines; filter by dates and text"
)
@paginate(PageNumberPagination, page_size=100)
def ledger_line_list(request, date_from: dt.date | None = None, date_to: dt.date | None = None, q: str = ""):
    return selectors.ledger_line_list(
        organisation=api_organisation(request), date_from=date_from, date_to=date_to, text=q
    )


@router.get("/ledger-lines/{line_id}", response=LedgerLineOut, summary="One general-ledger line")
def ledger_line_detail(request, line_id: int):
    return get_object_or_404(selectors.ledger_line_list(organisation=api_organisation(request)), pk=line_id)


@router.get("/kpis", response=KpisOut, summary="The follow-up KPIs of a calendar year (default: this year)")
def kpis(request, year: int | None = Query(None, **YEAR_LIMITS)):
    figures = selectors.kpis(organisation=api_organisation(request), year=year or timezone.localdate().year)
    return {
        "year": figures.year,
        "invoices": figures.invoices,
        "invoices_with_reference": figures.invoices_with_reference,
        "invoice_reference_share_pct": figures.invoice_reference_share,
        "spend": figures.spend,
        "spend_with_reference": figures.spend_with_reference,
        "spend_reference_share_pct": figures.spend_reference_share,
        "line_spend": figures.line_spend,
        "line_spend_on_agreement": figures.line_spend_on_agreement,
        "on_agreement_share_pct": figures.on_agreement_share,
        "deviations": figures.deviations,
        "deviations_open": figures.deviations_open,
        "at_stake": figures.at_stake,
        "by_code": [
            {"code": f.code, "label": f.label, "count": f.count, "open": f.open, "amount_at_stake": f.amount}
            for f in figures.by_code
        ],
        "refunded": figures.refunded,
        "avoided": figures.avoided,
        "by_unit": [
            {"code": u.code, "name": u.name, "amount": u.amount, "invoices": u.invoices}
            for u in figures.by_unit
        ],
        "by_month": [{"month": f"{m:%Y-%m}", "amount": v} for m, v in figures.by_month],
    }
