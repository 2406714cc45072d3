"""Importing EHF invoices and ledger lines. Each document is its own transaction; a batch records
who imported what from which files."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from gronnkjop.core.models import Organisation, OrganisationKind
from gronnkjop.core.services import organisation_ensure
from gronnkjop.formats import FormatError, bulk_reading
from gronnkjop.formats._xml import parse_bytes
from gronnkjop.formats.ehf.index import TreeIndex
from gronnkjop.formats.ehf.model import Invoice as EHFInvoice
from gronnkjop.formats.ehf.model import InvoiceLine as EHFLine
from gronnkjop.formats.ehf.reader import invoice_from_tree, iter_raw_documents
from gronnkjop.formats.ehf.validate import validate_tree

from ..models import ImportBatch, ImportKind, Invoice, InvoiceLine, LedgerLine, LedgerSource

CONDITION_NAMES = {"condition", "tilstand"}
CONDITION_VALUES = {"new": "new", "ny": "new", "nytt": "new", "used": "used", "brukt": "used"}


@dataclass
class InvoiceImportResult:
    batch: ImportBatch | None = None
    imported: list[Invoice] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    control: object | None = None

    def as_json(self) -> dict:
        return {
            "imported": len(self.imported),
            "skipped": len(self.skipped),
            "rejected": self.rejected,
        }


def line_condition(line: EHFLine) -> str:
    for prop in line.properties:
        if prop.name.strip().lower() in CONDITION_NAMES:
            return CONDITION_VALUES.get(prop.value.strip().lower(), "")
    return ""


def line_markup(line: EHFLine) -> tuple[Decimal | None, Decimal | None]:
    """The highest line charge given as a percentage (the markup on materials) and its base."""
    charges = [ac for ac in line.allowance_charges if ac.is_charge and ac.percentage is not None]
    if not charges:
        return None, None
    top = max(charges, key=lambda ac: ac.percentage)
    return top.percentage, top.base_amount


def fingerprint(invoice: EHFInvoice) -> str:
    """The content of the lines, to recognise the same invoice sent again under another number."""
    parts = sorted(
        f"{line.sellers_item_id or ''}|{line.quantity.normalize()}|{line.net_amount.normalize()}"
        for line in invoice.lines
    )
    return hashlib.sha256("\n".join([invoice.currency, *parts]).encode()).hexdigest()


def _supplier(orgnr: str | None, name: str | None) -> Organisation | None:
    if not orgnr:
        return None
    existing = Organisation.objects.filter(orgnr=orgnr).first()
    if existing is not None:
        return existing
    try:
        return organisation_ensure(
            orgnr=orgnr, name=name or orgnr, kind=OrganisationKind.LEVERANDOR
        ).organisation
    except ValidationError:
        return None


def _findings(report) -> list[dict]:
    """The findings as stored with a rejected document: the message in bokmål and in English."""
    return [{**f.as_dict("nb"), "message_en": f.message_en} for f in report.findings]


def _file_error(rule: str, error: FormatError, file: str) -> dict:
    """A document that could not be read, as a finding in both languages."""
    return {
        "rule": rule,
        "flag": "fatal",
        "location": "/",
        "message": error.text("nb", file=file),
        "message_en": error.text("en", file=file),
    }


def _shown(label: str, names: dict[str, str]) -> str:
    """The name a user knows for the document ``label`` (a path, or ``archive!member``): the
    uploaded name of its file from ``names`` (by path) instead of the server's temporary path."""
    path, bang, member = label.partition("!")
    return names.get(path, path) + bang + member


def _store_xml(organisation: Organisation, sha: str, data: bytes) -> str:
    name = f"invoices/{organisation.pk}/{sha[:2]}/{sha}.xml"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(data))
    return name


def import_document(
    *,
    organisation: Organisation,
    batch: ImportBatch | None,
    file: str,
    data: bytes,
    result: InvoiceImportResult,
    store_xml: bool = True,
) -> None:
    """Validate, read and store one document, or record why not. Never raises for bad input."""
    try:
        tree = parse_bytes(data, name=file)
    except FormatError as exc:
        result.rejected.append({"file": file, "errors": [_file_error("XML", exc, file)]})
        return
    index = TreeIndex()  # the validator and the reader share one walk of the elements
    report = validate_tree(tree, name=file, index=index)
    if not report.valid:
        result.rejected.append({"file": file, "errors": _findings(report)})
        return
    document = invoice_from_tree(tree, name=file, index=index)
    buyer_orgnr = document.buyer.organisation_number
    if buyer_orgnr and organisation.orgnr and buyer_orgnr != organisation.orgnr:
        result.rejected.append(
            {
                "file": file,
                "errors": [
                    {
                        "rule": "GK-BUYER",
                        "flag": "fatal",
                        "location": "/*/cac:AccountingCustomerParty",
                        "message": f"Fakturaen er adressert til organisasjonsnummer {buyer_orgnr}, ikke til "
                        f"{organisation.name} ({organisation.orgnr}).",
                        "message_en": f"The invoice is addressed to organisation number {buyer_orgnr}, not "
                        f"to {organisation.name} ({organisation.orgnr}).",
                    }
                ],
            }
        )
        return
    supplier_orgnr = document.supplier.organisation_number or (
        document.supplier.endpoint.value if document.supplier.endpoint else ""
    )
    totals = document.totals
    payable = totals.payable
    if Invoice.objects.filter(
        organisation=organisation,
        supplier_orgnr=supplier_orgnr,
        number=document.number,
        is_credit=document.is_credit,
        payable=payable,
    ).exists():
        result.skipped.append({"file": file, "number": document.number, "reason": "already imported"})
        return
    sha = hashlib.sha256(data).hexdigest()
    try:
        with transaction.atomic():
            invoice = Invoice.objects.create(
                organisation=organisation,
                batch=batch,
                supplier=_supplier(supplier_orgnr, document.supplier.name),
                supplier_orgnr=supplier_orgnr or "",
                supplier_name=(document.supplier.name or "")[:300],
                is_credit=document.is_credit,
                number=document.number,
                issue_date=document.issue_date,
                due_date=document.due_date
                or next((m.due_date for m in document.payment_means if m.due_date), None),
                currency=document.currency,
                buyer_reference=(document.buyer_reference or "")[:200],
                order_reference=(document.order_reference or "")[:200],
                contract_reference=(document.contract_reference or "")[:200],
                accounting_cost=(document.accounting_cost or "")[:200],
                preceding_invoice=(document.preceding_invoice or "")[:100],
                amount_excl_vat=totals.tax_exclusive,
                vat_amount=document.tax_total or Decimal(0),
                amount_incl_vat=totals.tax_inclusive,
                payable=payable,
                fingerprint=fingerprint(document),
                document_sha256=sha,
                file_name=os.path.basename(file)[:300],
                xml=_store_xml(organisation, sha, data) if store_xml else "",
            )
            InvoiceLine.objects.bulk_create([_line(invoice, line) for line in document.lines])
    except IntegrityError:
        # The same document arrived twice at once: the unique constraint keeps one.
        result.skipped.append({"file": file, "number": document.number, "reason": "already imported"})
        return
    result.imported.append(invoice)


def _line(invoice: Invoice, line: EHFLine) -> InvoiceLine:
    markup, base = line_markup(line)
    cpv = next(iter(line.cpv_codes), "")
    return InvoiceLine(
        invoice=invoice,
        line_id=line.id[:50],
        article_number=(line.sellers_item_id or "")[:100],
        name=(line.name or "")[:300],
        quantity=line.quantity,
        unit_code=line.unit_code or "",
        net_unit_price=line.net_unit_price.quantize(Decimal("0.0001")),
        net_amount=line.net_amount,
        cpv=cpv.split("-")[0][:10],
        condition=line_condition(line),
        markup_pct=markup,
        markup_base=base,
        accounting_cost=(line.accounting_cost or "")[:200],
        order_line_reference=(line.order_line_reference or "")[:100],
        vat_category=line.vat_category or "",
        vat_rate=line.vat_rate,
    )


def _import_paths(
    organisation: Organisation,
    paths: list[Path],
    result: InvoiceImportResult,
    store_xml: bool,
    names: dict[str, str],
) -> None:
    for path in paths:
        for raw in iter_raw_documents(path):
            if raw.skipped:
                continue
            file = _shown(raw.file, names)
            if raw.data is None:
                result.rejected.append({"file": file, "errors": [_file_error("FILE", raw.error, file)]})
                continue
            import_document(
                organisation=organisation,
                batch=result.batch,
                file=file,
                data=raw.data,
                result=result,
                store_xml=store_xml,
            )


def invoice_import(
    *,
    organisation: Organisation,
    paths: Iterable[str | os.PathLike],
    by=None,
    run_control: bool = True,
    store_xml: bool = True,
    names: dict[str, str] | None = None,
) -> InvoiceImportResult:
    """Import every EHF document under ``paths`` (files, folders, ZIP archives).

    Each document is validated and stored on its own: a bad one is rejected with the validator's
    findings and the rest go on; a re-send of the same document is skipped. Afterwards the control
    runs once over the organisation's invoices. ``names`` gives, by path, the name to report a file
    under (the name it was uploaded with, for a file the server saved under a temporary path).
    """
    paths = [Path(p) for p in paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    result = InvoiceImportResult()
    result.batch = ImportBatch.objects.create(
        organisation=organisation,
        kind=ImportKind.EHF,
        source=", ".join(p.name for p in paths)[:500],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    with bulk_reading():
        _import_paths(organisation, paths, result, store_xml, {str(k): v for k, v in (names or {}).items()})
    batch = result.batch
    batch.imported, batch.skipped, batch.rejected = (
        len(result.imported),
        len(result.skipped),
        len(result.rejected),
    )
    batch.summary = {"skipped": result.skipped, "rejected": result.rejected[:200]}
    batch.save()
    if run_control and result.imported:
        from .control import control_run

        result.control = control_run(organisation=organisation, by=by, trigger="import")
    return result


@dataclass
class LedgerImportResult:
    batch: ImportBatch
    imported: int
    skipped: int

    def as_json(self) -> dict:
        return {"imported": self.imported, "skipped": self.skipped}


def saft_import(*, organisation: Organisation, path: str | os.PathLike, by=None) -> LedgerImportResult:
    """Import the general-ledger lines of a SAF-T Financial file (idempotent: a line already imported
    is skipped). The whole file is one transaction: a broken file imports nothing."""
    from gronnkjop.formats.saft import read_saft

    saft = read_saft(path)
    header = saft.header
    if header.organisation_number and organisation.orgnr and header.organisation_number != organisation.orgnr:
        raise FormatError(
            f"SAF-T-filen gjelder organisasjonsnummer {header.organisation_number}, ikke {organisation.orgnr}.",
            file=str(path),
        )
    accounts = {a.id: a for a in saft.accounts}
    suppliers = {s.id: s for s in saft.suppliers}
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organisation=organisation,
            kind=ImportKind.SAFT,
            source=Path(path).name,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        existing = set(
            LedgerLine.objects.filter(organisation=organisation, source=LedgerSource.SAFT).values_list(
                "source_key", flat=True
            )
        )
        new = []
        skipped = 0
        for line in saft.iter_lines():
            key = f"{line.journal_id or ''}:{line.transaction_id}:{line.record_id or line.account_id}"
            if key in existing:
                skipped += 1
                continue
            existing.add(key)
            account = accounts.get(line.account_id)
            supplier = suppliers.get(line.supplier_id) if line.supplier_id else None
            new.append(
                LedgerLine(
                    organisation=organisation,
                    batch=batch,
                    source=LedgerSource.SAFT,
                    source_key=key[:200],
                    transaction_id=(line.transaction_id or "")[:100],
                    date=line.date or header.period_end or header.period_start,
                    account=line.account_id[:20],
                    account_description=(account.description if account else "")[:300],
                    grouping_code=((account.grouping_code or "") if account else "")[:20],
                    supplier_orgnr=((supplier.organisation_number or "") if supplier else "")[:20],
                    supplier_name=((supplier.name or "") if supplier else "")[:300],
                    description=(line.description or "")[:500],
                    amount=line.debit - line.credit,
                    tax_code=(line.tax_code or "")[:20],
                )
            )
        LedgerLine.objects.bulk_create(new, batch_size=2000)
        batch.imported, batch.skipped = len(new), skipped
        batch.save(update_fields=["imported", "skipped"])
    return LedgerImportResult(batch, len(new), skipped)
