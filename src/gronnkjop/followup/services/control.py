"""Run the control engine over one organisation's invoices, on the app's own database, and keep the
result: each line's and invoice's contract match, and the deviations (kept across runs by key)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from gronnkjop import engine
from gronnkjop.contracts.models import CallOff, ContractSupplier, PriceListItem
from gronnkjop.contracts.selectors import contract_list
from gronnkjop.core.models import Organisation
from gronnkjop.engine import fixed, norm_key

from ..models import ControlRun, Deviation, DeviationStatus, Invoice, InvoiceLine


def _json(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def build_tables(*, organisation: Organisation) -> engine.Tables:
    """The engine's input for one organisation: its invoices and every contract it may use."""
    contracts = list(contract_list(organisation=organisation))
    ids = [c.pk for c in contracts]
    contract_rows = [
        engine.ContractRow(
            contract_id=c.pk,
            number=norm_key(c.number),
            cpv_prefix=engine.cpv_prefix(c.cpv),
            start_day=c.start_date.toordinal(),
            end_day=c.effective_end.toordinal(),
            ceiling_e2=fixed(c.ceiling, 2),
            tolerance_bp=fixed(c.price_tolerance_pct, 2),
            markup_new_e4=fixed(c.markup_new_pct, 4),
            markup_used_e4=fixed(c.markup_used_pct, 4),
            small_limit_e2=fixed(c.small_order_limit, 2),
            small_fee_e2=fixed(c.small_order_fee, 2),
        )
        for c in contracts
    ]
    suppliers = [
        engine.ContractSupplierRow(contract_id, orgnr)
        for contract_id, orgnr in ContractSupplier.objects.filter(contract_id__in=ids).values_list(
            "contract_id", "supplier__orgnr"
        )
    ]
    prices = [
        engine.PriceRow(
            contract_id,
            norm_key(article),
            cond or "new",
            valid_from.toordinal(),
            valid_to.toordinal() if valid_to else None,
            fixed(price, 4),
        )
        for contract_id, article, cond, valid_from, valid_to, price in PriceListItem.objects.filter(
            contract_id__in=ids
        ).values_list("contract_id", "article_number", "condition", "valid_from", "valid_to", "unit_price")
    ]
    order_refs = [
        engine.OrderRefRow(norm_key(order_number), contract_id)
        for contract_id, order_number in CallOff.objects.filter(contract_id__in=ids).values_list(
            "contract_id", "order_number"
        )
    ]
    invoices = [
        engine.InvoiceRow(
            pk,
            orgnr,
            norm_key(number),
            int(credit),
            issue.toordinal(),
            norm_key(cref),
            norm_key(oref),
            bref or None,
            fixed(excl, 2),
            fixed(payable, 2),
            fp,
        )
        for pk, orgnr, number, credit, issue, cref, oref, bref, excl, payable, fp in Invoice.objects.filter(
            organisation=organisation
        ).values_list(
            "pk",
            "supplier_orgnr",
            "number",
            "is_credit",
            "issue_date",
            "contract_reference",
            "order_reference",
            "buyer_reference",
            "amount_excl_vat",
            "payable",
            "fingerprint",
        )
    ]
    lines = [
        engine.LineRow(
            pk,
            invoice_id,
            line_id,
            norm_key(article),
            cpv or None,
            cond or None,
            fixed(qty, 4),
            fixed(price, 4),
            fixed(amount, 2),
            fixed(markup, 4),
            fixed(base, 2),
        )
        for pk, invoice_id, line_id, article, cpv, cond, qty, price, amount, markup, base in InvoiceLine.objects.filter(
            invoice__organisation=organisation
        ).values_list(
            "pk",
            "invoice_id",
            "line_id",
            "article_number",
            "cpv",
            "condition",
            "quantity",
            "net_unit_price",
            "net_amount",
            "markup_pct",
            "markup_base",
        )
    ]
    return engine.Tables(invoices, lines, contract_rows, suppliers, prices, order_refs)


@dataclass
class ControlOutcome:
    run: ControlRun
    result: engine.ControlResult


@transaction.atomic
def control_run(*, organisation: Organisation, by=None, trigger: str = "manual") -> ControlOutcome:
    """Match and control every invoice of the organisation; store matches and deviations."""
    run = ControlRun.objects.create(
        organisation=organisation,
        trigger=trigger,
        started_by=by if getattr(by, "is_authenticated", False) else None,
    )
    tables = build_tables(organisation=organisation)
    result = engine.control_run(engine.backend_for(connection), tables)
    _store_matches(organisation=organisation, result=result)
    new = _store_deviations(organisation=organisation, run=run, result=result)
    run.finished = timezone.now()
    run.lines_checked, run.invoices_checked = result.lines_checked, result.invoices_checked
    run.deviations_found, run.new_deviations = len(result.deviations), new
    run.save()
    return ControlOutcome(run, result)


def _store_matches(*, organisation: Organisation, result: engine.ControlResult) -> None:
    wanted = {m.line_id: (m.contract_id, m.how or "") for m in result.matches}
    changed_lines = []
    for line in InvoiceLine.objects.filter(invoice__organisation=organisation).only(
        "id", "contract_id", "match_how"
    ):
        contract_id, how = wanted.get(line.pk, (None, ""))
        if (line.contract_id, line.match_how) != (contract_id, how):
            line.contract_id, line.match_how = contract_id, how
            changed_lines.append(line)
    InvoiceLine.objects.bulk_update(changed_lines, ["contract", "match_how"], batch_size=2000)

    per_invoice: dict[int, set[tuple]] = {}
    for m in result.matches:
        per_invoice.setdefault(m.invoice_id, set()).add((m.contract_id, m.how or ""))
    changed_invoices = []
    for invoice in Invoice.objects.filter(organisation=organisation).only("id", "contract_id", "match_how"):
        matches = per_invoice.get(invoice.pk, set())
        contract_id, how = next(iter(matches)) if len(matches) == 1 else (None, "")
        if (invoice.contract_id, invoice.match_how) != (contract_id, how):
            invoice.contract_id, invoice.match_how = contract_id, how
            changed_invoices.append(invoice)
    Invoice.objects.bulk_update(changed_invoices, ["contract", "match_how"], batch_size=2000)


def deviation_key(code: str, invoice_id: int, line_id: int | None) -> str:
    return f"{code}:{invoice_id}:{line_id if line_id is not None else '-'}"


def _store_deviations(*, organisation: Organisation, run: ControlRun, result: engine.ControlResult) -> int:
    existing = {d.key: d for d in Deviation.objects.filter(organisation=organisation)}
    seen: set[str] = set()
    create, update, reopened = [], [], []
    for found in result.deviations:
        key = deviation_key(found.code, found.invoice_id, found.line_id)
        seen.add(key)
        evidence = {k: _json(v) for k, v in found.evidence.items()}
        deviation = existing.get(key)
        if deviation is None:
            create.append(
                Deviation(
                    organisation=organisation,
                    key=key,
                    code=found.code,
                    invoice_id=found.invoice_id,
                    line_id=found.line_id,
                    contract_id=found.contract_id,
                    amount_at_stake=found.amount_at_stake,
                    evidence=evidence,
                    first_seen=run,
                    last_seen=run,
                )
            )
            continue
        deviation.contract_id, deviation.amount_at_stake, deviation.evidence = (
            found.contract_id,
            found.amount_at_stake,
            evidence,
        )
        deviation.last_seen = run
        if deviation.status == DeviationStatus.RESOLVED:
            deviation.status = DeviationStatus.OPEN
            reopened.append(deviation)
        update.append(deviation)
    gone = [d for key, d in existing.items() if key not in seen and d.status == DeviationStatus.OPEN]
    for deviation in gone:
        deviation.status = DeviationStatus.RESOLVED
    # With history, so a deviation's audit trail starts where the control found it.
    user = run.started_by
    reason = f"kontroll {run.pk} ({run.trigger})"
    bulk_create_with_history(
        create, Deviation, batch_size=2000, default_user=user, default_change_reason=reason
    )
    Deviation.objects.bulk_update(
        update, ["contract", "amount_at_stake", "evidence", "last_seen", "status"], batch_size=2000
    )
    if gone or reopened:
        bulk_update_with_history(
            gone + reopened,
            Deviation,
            ["status", "last_seen"],
            batch_size=2000,
            default_user=user,
            default_change_reason=reason,
        )
    return len(create)
