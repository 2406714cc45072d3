"""Every read of the follow-up app, always for the acting organisation.

Lists return querysets (the views paginate and the API serialises them); the figures — the KPIs of a
year and the follow-up of one contract — are computed in Python from the rows, so every sum is an exact
``Decimal`` on SQLite and PostgreSQL alike. Credit notes count negative in every spend figure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from gronnkjop.contracts.models import Contract
from gronnkjop.contracts.selectors import contract_list
from gronnkjop.core.models import Organisation, Unit
from gronnkjop.core.search import word_filter

from .models import (
    Claim,
    ClaimStatus,
    ControlRun,
    Deviation,
    DeviationCode,
    DeviationStatus,
    Gain,
    GainKind,
    ImportBatch,
    Invoice,
    InvoiceLine,
    LedgerLine,
)

ZERO = Decimal("0.00")
#: Deviations that still count: found by the last control, whether open, dismissed or claimed.
FOUND = (DeviationStatus.OPEN, DeviationStatus.DISMISSED, DeviationStatus.CLAIMED)
#: Claims whose money has come back (refunded) or been credited: a documented gain, no longer at stake.
SETTLED = (ClaimStatus.REFUNDED, ClaimStatus.CREDITED)
#: What "at stake" means, wherever it is shown (start page, overview, deviation list, one contract):
#: deviations that are open, or in a claim that is not yet settled. A dismissed deviation was judged not
#: to be money, one no longer found is gone, and one in a refunded or credited claim is a gain now.
#: (A rejected claim releases its deviations, which are open again and count as open ones.)
AT_STAKE = Q(status=DeviationStatus.OPEN) | (
    Q(status=DeviationStatus.CLAIMED) & (Q(claim__isnull=True) | ~Q(claim__status__in=SETTLED))
)


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part`` of ``whole`` in per cent with one decimal (half up); None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _signed(is_credit: bool, amount: Decimal) -> Decimal:
    return -amount if is_credit else amount


# --- Invoices -------------------------------------------------------------------------------------

INVOICE_SORTS = {
    "-date": ("-issue_date", "-id"),
    "date": ("issue_date", "id"),
    "-amount": ("-amount_excl_vat", "-id"),
    "amount": ("amount_excl_vat", "id"),
    "supplier": ("supplier_name", "-issue_date", "-id"),
    "number": ("number", "id"),
}


def invoice_list(
    *,
    organisation: Organisation,
    supplier: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    contract_id: int | None = None,
    matched: str = "",
    open_deviations: bool = False,
    text: str = "",
    sort: str = "-date",
) -> QuerySet[Invoice]:
    """The organisation's invoices and credit notes, filtered.

    ``supplier`` is an organisation number; ``matched`` is ``"yes"`` (matched to a contract) or ``"no"``;
    ``text`` searches the number, the supplier's name and the references.
    """
    invoices = Invoice.objects.filter(organisation=organisation).select_related("contract")
    if supplier:
        invoices = invoices.filter(supplier_orgnr=supplier)
    if date_from:
        invoices = invoices.filter(issue_date__gte=date_from)
    if date_to:
        invoices = invoices.filter(issue_date__lte=date_to)
    if contract_id:
        invoices = invoices.filter(
            Q(contract_id=contract_id)
            | Exists(InvoiceLine.objects.filter(invoice=OuterRef("pk"), contract_id=contract_id))
        )
    matched_line = Exists(InvoiceLine.objects.filter(invoice=OuterRef("pk"), contract__isnull=False))
    if matched == "yes":
        invoices = invoices.filter(matched_line)
    elif matched == "no":
        invoices = invoices.exclude(matched_line)
    if open_deviations:
        invoices = invoices.filter(
            Exists(Deviation.objects.filter(invoice=OuterRef("pk"), status=DeviationStatus.OPEN))
        )
    text = text.strip()
    digits = text.replace(" ", "")
    if digits.isdigit():  # an invoice number, a reference or (part of) an organisation number
        invoices = invoices.filter(
            Q(number__icontains=text)
            | Q(supplier_orgnr__icontains=digits)
            | Q(contract_reference__icontains=text)
            | Q(order_reference__icontains=text)
            | Q(buyer_reference__icontains=text)
        )
    elif text:
        invoices = word_filter(
            invoices,
            text,
            ("number", "supplier_name", "contract_reference", "order_reference", "buyer_reference"),
        )
    return invoices.order_by(*INVOICE_SORTS.get(sort, INVOICE_SORTS["-date"]))


def invoice_detail_list(*, organisation: Organisation) -> QuerySet[Invoice]:
    """Invoices with their lines, each line's contract and deviations (for the detail page and API)."""
    return (
        Invoice.objects.filter(organisation=organisation)
        .select_related("contract", "supplier", "batch")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=InvoiceLine.objects.select_related("contract").prefetch_related(
                    Prefetch("deviations", queryset=Deviation.objects.order_by("code"))
                ),
            ),
            Prefetch("deviations", queryset=Deviation.objects.select_related("contract", "claim")),
        )
    )


def invoice_supplier_choices(*, organisation: Organisation) -> list[tuple[str, str]]:
    """(organisation number, name) of every supplier that has invoiced the organisation."""
    seen: dict[str, str] = {}
    for orgnr, name in (
        Invoice.objects.filter(organisation=organisation)
        .order_by("supplier_name")
        .values_list("supplier_orgnr", "supplier_name")
        .distinct()
    ):
        seen.setdefault(orgnr, name or orgnr)
    return sorted(seen.items(), key=lambda kv: kv[1].lower())


def unit_names(*, organisation: Organisation) -> dict[str, str]:
    """Unit code (ansvar, also the buyer reference) → the unit's name."""
    return dict(Unit.objects.filter(organisation=organisation).values_list("code", "name"))


# --- Deviations -----------------------------------------------------------------------------------


def deviation_list(
    *,
    organisation: Organisation,
    code: str = "",
    status: str = "",
    supplier: str = "",
    contract_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Deviation]:
    """The organisation's deviations, newest invoice first. ``supplier`` is an organisation number."""
    deviations = Deviation.objects.filter(organisation=organisation).select_related(
        "invoice", "line", "contract", "claim"
    )
    if code:
        deviations = deviations.filter(code=code)
    if status:
        deviations = deviations.filter(status=status)
    if supplier:
        deviations = deviations.filter(invoice__supplier_orgnr=supplier)
    if contract_id:
        deviations = deviations.filter(contract_id=contract_id)
    if date_from:
        deviations = deviations.filter(invoice__issue_date__gte=date_from)
    if date_to:
        deviations = deviations.filter(invoice__issue_date__lte=date_to)
    return deviations


def at_stake_deviations(deviations: QuerySet[Deviation]) -> QuerySet[Deviation]:
    """Those of ``deviations`` (already scoped to an organisation) whose amount is at stake: open, or in
    a claim not yet settled (see :data:`AT_STAKE`). The one definition every "at stake" figure uses."""
    return deviations.filter(AT_STAKE)


def at_stake(deviations: QuerySet[Deviation]) -> Decimal:
    """The amount at stake of ``deviations`` (already scoped to an organisation), summed exactly."""
    return sum(at_stake_deviations(deviations).values_list("amount_at_stake", flat=True), ZERO)


# --- Claims, gains, imports, runs, ledger ---------------------------------------------------------


def claim_list(*, organisation: Organisation, status: str = "") -> QuerySet[Claim]:
    claims = Claim.objects.filter(organisation=organisation).select_related(
        "contract", "supplier", "created_by"
    )
    if status:
        claims = claims.filter(status=status)
    return claims


def claim_detail_list(*, organisation: Organisation) -> QuerySet[Claim]:
    return claim_list(organisation=organisation).prefetch_related(
        Prefetch(
            "deviations",
            queryset=Deviation.objects.select_related("invoice", "line").order_by(
                "invoice__issue_date", "invoice__number", "line__id", "code"
            ),
        ),
        "gains",
    )


def gain_list(*, organisation: Organisation, year: int | None = None) -> QuerySet[Gain]:
    gains = Gain.objects.filter(organisation=organisation).select_related("contract", "claim", "created_by")
    if year:
        gains = gains.filter(year=year)
    return gains


@dataclass
class GainRow:
    label: str
    refunded: Decimal = ZERO
    avoided: Decimal = ZERO
    count: int = 0
    contract: Contract | None = None

    @property
    def total(self) -> Decimal:
        return self.refunded + self.avoided


@dataclass
class GainSummary:
    by_year: list[tuple[int, GainRow]]
    by_contract: list[GainRow]
    by_supplier: list[GainRow]
    total: GainRow


def gain_summary(*, organisation: Organisation, year: int | None = None) -> GainSummary:
    """Documented gains per year, and per contract and supplier (for ``year`` when given)."""
    years: dict[int, GainRow] = {}
    contracts: dict[int | None, GainRow] = {}
    suppliers: dict[str, GainRow] = {}
    total = GainRow(label="")
    for gain in Gain.objects.filter(organisation=organisation).select_related("contract"):
        rows = [years.setdefault(gain.year, GainRow(label=str(gain.year)))]
        if year is None or gain.year == year:
            rows.append(
                contracts.setdefault(
                    gain.contract_id,
                    GainRow(label=str(gain.contract) if gain.contract else "", contract=gain.contract),
                )
            )
            rows.append(suppliers.setdefault(gain.supplier_name, GainRow(label=gain.supplier_name)))
            rows.append(total)
        for row in rows:
            row.count += 1
            if gain.kind == GainKind.REFUND:
                row.refunded += gain.amount
            else:
                row.avoided += gain.amount
    by_total = lambda row: (-row.total, row.label)  # noqa: E731
    return GainSummary(
        by_year=sorted(years.items(), reverse=True),
        by_contract=sorted(contracts.values(), key=by_total),
        by_supplier=sorted(suppliers.values(), key=by_total),
        total=total,
    )


def import_batch_list(*, organisation: Organisation) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(organisation=organisation).select_related("created_by")


def control_run_list(*, organisation: Organisation) -> QuerySet[ControlRun]:
    return ControlRun.objects.filter(organisation=organisation).select_related("started_by")


def ledger_line_list(
    *,
    organisation: Organisation,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    text: str = "",
) -> QuerySet[LedgerLine]:
    lines = LedgerLine.objects.filter(organisation=organisation)
    if date_from:
        lines = lines.filter(date__gte=date_from)
    if date_to:
        lines = lines.filter(date__lte=date_to)
    text = text.strip()
    if text:
        lines = lines.filter(
            Q(supplier_name__icontains=text)
            | Q(supplier_orgnr__icontains=text.replace(" ", ""))
            | Q(description__icontains=text)
            | Q(account__startswith=text)
            | Q(unit_code=text)
        )
    return lines.order_by("-date", "-id")


# --- Figures: the KPIs of a year ------------------------------------------------------------------


@dataclass
class CodeFigure:
    code: str
    label: str
    count: int = 0
    open: int = 0
    amount: Decimal = ZERO  # at stake: open, or in a claim not yet settled


@dataclass
class UnitFigure:
    code: str
    name: str
    amount: Decimal = ZERO
    invoices: int = 0


@dataclass
class Kpis:
    year: int
    invoices: int = 0
    invoices_with_reference: int = 0
    spend: Decimal = ZERO
    spend_with_reference: Decimal = ZERO
    line_spend: Decimal = ZERO
    line_spend_on_agreement: Decimal = ZERO
    deviations: int = 0
    deviations_open: int = 0
    at_stake: Decimal = ZERO
    by_code: list[CodeFigure] = field(default_factory=list)
    refunded: Decimal = ZERO
    avoided: Decimal = ZERO
    by_unit: list[UnitFigure] = field(default_factory=list)
    by_month: list[tuple[dt.date, Decimal]] = field(default_factory=list)

    @property
    def invoice_reference_share(self) -> Decimal | None:
        """Per cent of invoices and credit notes that carry a contract reference."""
        return share(self.invoices_with_reference, self.invoices)

    @property
    def spend_reference_share(self) -> Decimal | None:
        """Per cent of spend (excl. VAT, credit notes negative) on invoices with a contract reference."""
        return share(self.spend_with_reference, self.spend)

    @property
    def on_agreement_share(self) -> Decimal | None:
        """Per cent of the line amounts on lines matched to a contract."""
        return share(self.line_spend_on_agreement, self.line_spend)

    @property
    def gains(self) -> Decimal:
        return self.refunded + self.avoided


def _months(year: int) -> list[dt.date]:
    return [dt.date(year, month, 1) for month in range(1, 13)]


def invoice_years(*, organisation: Organisation) -> list[int]:
    """The years with invoices, newest first."""
    return sorted(
        {d.year for d in Invoice.objects.filter(organisation=organisation).dates("issue_date", "year")},
        reverse=True,
    )


def kpis(*, organisation: Organisation, year: int) -> Kpis:
    """The follow-up figures of one calendar year (by invoice date; gains by the year they count for)."""
    result = Kpis(year=year)
    units = unit_names(organisation=organisation)
    per_unit: dict[str, UnitFigure] = {}
    per_month = dict.fromkeys(_months(year), ZERO)
    invoices = Invoice.objects.filter(organisation=organisation, issue_date__year=year)
    for is_credit, amount, reference, buyer_reference, issue_date in invoices.values_list(
        "is_credit", "amount_excl_vat", "contract_reference", "buyer_reference", "issue_date"
    ):
        signed = _signed(is_credit, amount)
        result.invoices += 1
        result.spend += signed
        if reference.strip():
            result.invoices_with_reference += 1
            result.spend_with_reference += signed
        code = buyer_reference.strip()
        unit = per_unit.setdefault(code, UnitFigure(code=code, name=units.get(code, "")))
        unit.amount += signed
        unit.invoices += 1
        per_month[issue_date.replace(day=1)] += signed
    for is_credit, amount, contract_id in InvoiceLine.objects.filter(
        invoice__organisation=organisation, invoice__issue_date__year=year
    ).values_list("invoice__is_credit", "net_amount", "contract_id"):
        signed = _signed(is_credit, amount)
        result.line_spend += signed
        if contract_id is not None:
            result.line_spend_on_agreement += signed
    codes = {code: CodeFigure(code=code, label=str(label)) for code, label in DeviationCode.choices}
    found = Deviation.objects.filter(
        organisation=organisation, invoice__issue_date__year=year, status__in=FOUND
    )
    for code, status in found.values_list("code", "status"):
        figure = codes[code]
        figure.count += 1
        result.deviations += 1
        if status == DeviationStatus.OPEN:
            figure.open += 1
            result.deviations_open += 1
    for code, amount in at_stake_deviations(found).values_list("code", "amount_at_stake"):
        codes[code].amount += amount
        result.at_stake += amount
    result.by_code = [figure for figure in codes.values() if figure.count]
    for kind, amount in Gain.objects.filter(organisation=organisation, year=year).values_list(
        "kind", "amount"
    ):
        if kind == GainKind.REFUND:
            result.refunded += amount
        else:
            result.avoided += amount
    result.by_unit = sorted(per_unit.values(), key=lambda u: (-u.amount, u.code))
    result.by_month = list(per_month.items())
    return result


# --- Figures: one contract ------------------------------------------------------------------------


@dataclass
class ContractFollowup:
    contract: Contract
    spend: Decimal = ZERO
    by_month: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    invoices: QuerySet | None = None
    invoice_count: int = 0
    deviations: QuerySet | None = None
    at_stake: Decimal = ZERO
    claims: QuerySet | None = None
    gains: QuerySet | None = None
    refunded: Decimal = ZERO
    avoided: Decimal = ZERO

    @property
    def gains_total(self) -> Decimal:
        return self.refunded + self.avoided

    @property
    def ceiling_share(self) -> Decimal | None:
        return share(self.spend, self.contract.ceiling) if self.contract.ceiling else None


def contract_followup(*, organisation: Organisation, contract: Contract) -> ContractFollowup:
    """The organisation's spend under one contract (line amounts matched to it, by month), and its
    invoices, deviations, claims and gains. ``contract`` must be one the organisation may use."""
    result = ContractFollowup(contract=contract)
    months: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    for is_credit, amount, issue_date in InvoiceLine.objects.filter(
        invoice__organisation=organisation, contract=contract
    ).values_list("invoice__is_credit", "net_amount", "invoice__issue_date"):
        signed = _signed(is_credit, amount)
        result.spend += signed
        months[issue_date.replace(day=1)] += signed
    if months:
        first, last = min(months), max(months)
        month = first
        while month <= last:
            result.by_month.append((month, months[month]))
            month = (month + dt.timedelta(days=32)).replace(day=1)
    result.invoices = invoice_list(organisation=organisation, contract_id=contract.pk)
    result.invoice_count = result.invoices.count()
    result.deviations = deviation_list(organisation=organisation, contract_id=contract.pk)
    result.at_stake = at_stake(result.deviations)
    result.claims = claim_list(organisation=organisation).filter(contract=contract)
    result.gains = gain_list(organisation=organisation).filter(contract=contract)
    for gain in result.gains:
        if gain.kind == GainKind.REFUND:
            result.refunded += gain.amount
        else:
            result.avoided += gain.amount
    return result


def followup_contract_list(*, organisation: Organisation) -> QuerySet[Contract]:
    """Contracts whose follow-up the organisation may see: those it owns or may use."""
    return contract_list(organisation=organisation)
