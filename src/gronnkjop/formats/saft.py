"""Stream Norwegian SAF-T Financial files (1.30, and 1.10 / 1.0) of any size.

```python
saft = read_saft("SAF-T Financial_921234567_20260101.xml")   # header, accounts, suppliers
for line in saft.iter_lines():                                # general-ledger lines, lazily
    ...
saft.summary()                                                # counts and spend per supplier
```

The file is never loaded whole: :func:`read_saft` reads the header and master files with
``lxml.etree.iterparse`` and stops at the general ledger; :meth:`SAFTFile.iter_lines` streams the
ledger one transaction at a time, clearing every element once it is read.
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from .errors import SAFTError, UnsafeXMLError

NS = "urn:StandardAuditFile-Taxation-Financial:NO"
_N = "{" + NS + "}"
_ZERO = Decimal(0)

# Elements handled as one record and cleared right after.
_AUDIT_FILE = _N + "AuditFile"
_HEADER = _N + "Header"
_ACCOUNT = _N + "Account"
_SUPPLIER = _N + "Supplier"
_TRANSACTION = _N + "Transaction"
_JOURNAL_ID = _N + "JournalID"
_JOURNAL = _N + "Journal"
_LEDGER = _N + "GeneralLedgerEntries"
_MASTER_RECORDS = frozenset(
    _N + tag
    for tag in ("Customer", "TaxTableEntry", "UOMTableEntry", "AnalysisTypeTableEntry", "Owner", "Asset")
)


@dataclass(frozen=True, slots=True)
class SAFTHeader:
    version: str
    company_name: str | None
    organisation_number: str | None
    currency: str | None
    period_start: date | None
    period_end: date | None
    created: date | None = None
    software: str | None = None


@dataclass(frozen=True, slots=True)
class Account:
    """A general-ledger account. ``grouping_code`` is e.g. the KOSTRA art for a municipality (1.30);
    1.10 files carry ``standard_account_id`` instead. Balances are debit minus credit."""

    id: str
    description: str | None
    type: str | None = None
    grouping_category: str | None = None
    grouping_code: str | None = None
    standard_account_id: str | None = None
    opening_balance: Decimal = _ZERO
    closing_balance: Decimal = _ZERO


@dataclass(frozen=True, slots=True)
class Supplier:
    id: str
    name: str | None
    organisation_number: str | None = None
    vat_id: str | None = None
    account_id: str | None = None


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One general-ledger line with the fields of its transaction it needs to stand alone."""

    transaction_id: str
    record_id: str | None
    date: date | None
    account_id: str
    debit: Decimal
    credit: Decimal
    description: str | None = None
    supplier_id: str | None = None
    customer_id: str | None = None
    tax_code: str | None = None
    tax_percentage: Decimal | None = None
    journal_id: str | None = None
    period: str | None = None
    period_year: str | None = None
    source_document_id: str | None = None
    reference_number: str | None = None

    @property
    def amount(self) -> Decimal:
        """Debit minus credit."""
        return self.debit - self.credit


@dataclass(frozen=True, slots=True)
class SAFTSummary:
    """What ``gronnkjop saft summary`` prints. ``spend_by_supplier`` is the gross amount credited to
    each supplier (their invoices, incl. VAT); ``debits_by_supplier`` what was debited (payments and
    credit notes)."""

    period_start: date | None
    period_end: date | None
    accounts: int
    suppliers: int
    lines: int
    total_debit: Decimal
    total_credit: Decimal
    spend_by_supplier: dict[str, Decimal] = field(default_factory=dict)
    debits_by_supplier: dict[str, Decimal] = field(default_factory=dict)


def _parser_kwargs() -> dict:
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "huge_tree": False,
        "remove_comments": True,
        "remove_pis": True,
    }


def _clear(el: etree._Element) -> None:
    el.clear()
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def _short(tag: object) -> str:
    return tag[len(_N) :] if isinstance(tag, str) and tag.startswith(_N) else str(tag)


class _Values:
    """Reads typed values from one record element, naming element and line in errors."""

    __slots__ = ("file",)

    def __init__(self, file: str) -> None:
        self.file = file

    def text(self, el: etree._Element, path: str) -> str | None:
        found = el.find(path)
        if found is None or found.text is None:
            return None
        return found.text.strip() or None

    def decimal(self, el: etree._Element, path: str) -> Decimal | None:
        found = el.find(path)
        if found is None or not (found.text or "").strip():
            return None
        raw = found.text.strip()
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise SAFTError(
                f"{_short(found.tag)}: {raw!r} is not a number",
                file=self.file,
                line=found.sourceline,
                reason_nb=f"{_short(found.tag)}: {raw!r} er ikke et tall",
            )
        return value

    def date(self, el: etree._Element, path: str) -> date | None:
        found = el.find(path)
        if found is None or not (found.text or "").strip():
            return None
        raw = found.text.strip()
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            raise SAFTError(
                f"{_short(found.tag)}: {raw!r} is not a date (YYYY-MM-DD)",
                file=self.file,
                line=found.sourceline,
                reason_nb=f"{_short(found.tag)}: {raw!r} er ikke en dato (ÅÅÅÅ-MM-DD)",
            ) from None

    def required(self, el: etree._Element, path: str) -> str:
        value = self.text(el, path)
        if value is None:
            raise SAFTError(
                f"{_short(el.tag)} has no {path.split('}')[-1]}",
                file=self.file,
                line=el.sourceline,
                reason_nb=f"{_short(el.tag)} mangler {path.split('}')[-1]}",
            )
        return value


def _period_bound(year: str | None, month: str | None, *, end: bool) -> date | None:
    if not (year and month and year.isdigit() and month.isdigit()):
        return None
    y, m = int(year), int(month)
    if not 1 <= m <= 12:
        return None
    return date(y, m, calendar.monthrange(y, m)[1] if end else 1)


class SAFTFile:
    """A SAF-T Financial file: ``header``, ``accounts`` and ``suppliers`` are read at once (they
    are small); the ledger lines are streamed by :meth:`iter_lines`."""

    def __init__(
        self,
        path: Path,
        header: SAFTHeader,
        accounts: tuple[Account, ...],
        suppliers: tuple[Supplier, ...],
    ) -> None:
        self.path = path
        self.header = header
        self.accounts = accounts
        self.suppliers = suppliers

    def __repr__(self) -> str:
        return f"SAFTFile({str(self.path)!r}, version={self.header.version!r})"

    def account(self, account_id: str) -> Account | None:
        return next((a for a in self.accounts if a.id == account_id), None)

    def supplier(self, supplier_id: str) -> Supplier | None:
        return next((s for s in self.suppliers if s.id == supplier_id), None)

    def iter_lines(self) -> Iterator[LedgerLine]:
        """Yield every general-ledger line in file order, streaming."""
        values = _Values(str(self.path))
        journal_id: str | None = None
        for event, el in _events(self.path, ("start", "end")):
            if event == "start":
                continue
            tag = el.tag
            if tag == _JOURNAL_ID:
                journal_id = (el.text or "").strip() or None
            elif tag == _TRANSACTION:
                yield from _transaction_lines(el, values, journal_id)
                _clear(el)
            elif tag == _JOURNAL or tag in _MASTER_RECORDS or tag in (_ACCOUNT, _SUPPLIER):
                _clear(el)

    def summary(self) -> SAFTSummary:
        lines = 0
        total_debit = total_credit = _ZERO
        spend: dict[str, Decimal] = {}
        debits: dict[str, Decimal] = {}
        for line in self.iter_lines():
            lines += 1
            total_debit += line.debit
            total_credit += line.credit
            if line.supplier_id:
                if line.credit:
                    spend[line.supplier_id] = spend.get(line.supplier_id, _ZERO) + line.credit
                if line.debit:
                    debits[line.supplier_id] = debits.get(line.supplier_id, _ZERO) + line.debit
        return SAFTSummary(
            period_start=self.header.period_start,
            period_end=self.header.period_end,
            accounts=len(self.accounts),
            suppliers=len(self.suppliers),
            lines=lines,
            total_debit=total_debit,
            total_credit=total_credit,
            spend_by_supplier=dict(sorted(spend.items())),
            debits_by_supplier=dict(sorted(debits.items())),
        )


def _events(path: Path, events: tuple[str, ...]) -> Iterator[tuple[str, etree._Element]]:
    """iterparse with the hardened settings, turning lxml errors into :class:`SAFTError`."""
    name = str(path)
    stack: list[str] = []
    seen_root = False
    try:
        with open(path, "rb") as stream:
            for event, el in etree.iterparse(stream, events=("start", "end"), **_parser_kwargs()):
                if event == "start":
                    if not seen_root:
                        seen_root = True
                        _check_root(el, name)
                    stack.append(_short(el.tag))
                elif stack:
                    stack.pop()
                if event in events:
                    yield event, el
    except etree.XMLSyntaxError as exc:
        where = f" inside <{'/'.join(stack[-3:])}>" if stack else ""
        msg = exc.msg or str(exc)
        if "entity" in msg.lower():
            raise UnsafeXMLError(
                f"entities are not allowed: {msg}", file=name, line=exc.lineno or None
            ) from None
        if not seen_root and ("Document is empty" in msg or "no element found" in msg):
            raise SAFTError("file is empty", file=name, reason_nb="filen er tom") from None
        where_nb = f" i <{'/'.join(stack[-3:])}>" if stack else ""
        raise SAFTError(
            f"broken XML{where}: {msg}",
            file=name,
            line=exc.lineno or None,
            reason_nb=f"ødelagt eller avkortet XML{where_nb}",
        ) from None
    except OSError as exc:
        raise SAFTError(
            f"cannot read file: {exc.strerror or exc}", file=name, reason_nb="filen kan ikke leses"
        ) from None


def _check_root(el: etree._Element, name: str) -> None:
    docinfo = el.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeXMLError("a DOCTYPE/DTD is not allowed in a SAF-T file", file=name, line=1)
    if el.tag != _AUDIT_FILE:
        qname = etree.QName(el)
        raise SAFTError(
            f"root element {qname.localname!r} in namespace {qname.namespace or '(none)'!r} is not a "
            f"SAF-T Financial AuditFile ({NS})",
            file=name,
            line=el.sourceline,
            reason_nb=f"filen er ikke en SAF-T Financial-fil: rotelementet er {qname.localname!r}, ikke AuditFile",
        )


def _transaction_lines(tx: etree._Element, values: _Values, journal_id: str | None) -> Iterator[LedgerLine]:
    transaction_id = values.required(tx, _N + "TransactionID")
    tx_date = values.date(tx, _N + "TransactionDate")
    tx_description = values.text(tx, _N + "Description")
    tx_supplier = values.text(tx, _N + "SupplierID")
    tx_customer = values.text(tx, _N + "CustomerID")
    period = values.text(tx, _N + "Period")
    period_year = values.text(tx, _N + "PeriodYear")
    for line in tx.iterfind(_N + "Line"):
        debit = values.decimal(line, f"{_N}DebitAmount/{_N}Amount")
        credit = values.decimal(line, f"{_N}CreditAmount/{_N}Amount")
        if debit is None and credit is None:
            raise SAFTError(
                f"Line in transaction {transaction_id} has neither DebitAmount nor CreditAmount",
                file=values.file,
                line=line.sourceline,
                reason_nb=f"en linje i bilag {transaction_id} har verken DebitAmount eller CreditAmount",
            )
        yield LedgerLine(
            transaction_id=transaction_id,
            record_id=values.text(line, _N + "RecordID"),
            date=tx_date,
            account_id=values.required(line, _N + "AccountID"),
            debit=debit or _ZERO,
            credit=credit or _ZERO,
            description=values.text(line, _N + "Description") or tx_description,
            supplier_id=values.text(line, _N + "SupplierID") or tx_supplier,
            customer_id=values.text(line, _N + "CustomerID") or tx_customer,
            tax_code=values.text(line, f"{_N}TaxInformation/{_N}TaxCode"),
            tax_percentage=values.decimal(line, f"{_N}TaxInformation/{_N}TaxPercentage"),
            journal_id=journal_id,
            period=period,
            period_year=period_year,
            source_document_id=values.text(line, _N + "SourceDocumentID"),
            reference_number=values.text(line, _N + "ReferenceNumber"),
        )


def _header(el: etree._Element, values: _Values) -> SAFTHeader:
    company = el.find(_N + "Company")
    sel = el.find(_N + "SelectionCriteria")
    start = end = None
    if sel is not None:
        start = values.date(sel, _N + "SelectionStartDate") or _period_bound(
            values.text(sel, _N + "PeriodStartYear"), values.text(sel, _N + "PeriodStart"), end=False
        )
        end = values.date(sel, _N + "SelectionEndDate") or _period_bound(
            values.text(sel, _N + "PeriodEndYear"), values.text(sel, _N + "PeriodEnd"), end=True
        )
    software = " ".join(
        v for v in (values.text(el, _N + "SoftwareID"), values.text(el, _N + "SoftwareVersion")) if v
    )
    return SAFTHeader(
        version=values.text(el, _N + "AuditFileVersion") or "",
        company_name=values.text(company, _N + "Name") if company is not None else None,
        organisation_number=values.text(company, _N + "RegistrationNumber") if company is not None else None,
        currency=values.text(el, _N + "DefaultCurrencyCode"),
        period_start=start,
        period_end=end,
        created=values.date(el, _N + "AuditFileDateCreated"),
        software=software or None,
    )


def _balance(values: _Values, el: etree._Element, which: str) -> Decimal:
    debit = values.decimal(el, f"{_N}{which}DebitBalance") or _ZERO
    credit = values.decimal(el, f"{_N}{which}CreditBalance") or _ZERO
    return debit - credit


def _account(el: etree._Element, values: _Values) -> Account:
    return Account(
        id=values.required(el, _N + "AccountID"),
        description=values.text(el, _N + "AccountDescription"),
        type=values.text(el, _N + "AccountType"),
        grouping_category=values.text(el, _N + "GroupingCategory"),
        grouping_code=values.text(el, _N + "GroupingCode"),
        standard_account_id=values.text(el, _N + "StandardAccountID"),
        opening_balance=_balance(values, el, "Opening"),
        closing_balance=_balance(values, el, "Closing"),
    )


def _supplier(el: etree._Element, values: _Values) -> Supplier:
    account_id = values.text(el, _N + "AccountID") or values.text(el, f"{_N}BalanceAccount/{_N}AccountID")
    return Supplier(
        id=values.required(el, _N + "SupplierID"),
        name=values.text(el, _N + "Name"),
        organisation_number=values.text(el, _N + "RegistrationNumber"),
        vat_id=values.text(el, f"{_N}TaxRegistration/{_N}TaxRegistrationNumber"),
        account_id=account_id,
    )


def read_saft(path: str | os.PathLike) -> SAFTFile:
    """Read the header and master files of a SAF-T Financial file; lines stream from
    :meth:`SAFTFile.iter_lines`. Raises :class:`SAFTError` (element and line named) for a broken
    file and :class:`UnsafeXMLError` for a DTD or entity."""
    path = Path(path)
    values = _Values(str(path))
    header: SAFTHeader | None = None
    accounts: list[Account] = []
    suppliers: list[Supplier] = []
    for event, el in _events(path, ("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == _LEDGER:
                break  # the master files are complete; the ledger is streamed later
            continue
        if tag == _HEADER:
            header = _header(el, values)
            _clear(el)
        elif tag == _ACCOUNT:
            accounts.append(_account(el, values))
            _clear(el)
        elif tag == _SUPPLIER:
            suppliers.append(_supplier(el, values))
            _clear(el)
        elif tag in _MASTER_RECORDS:
            _clear(el)
    if header is None:
        raise SAFTError("the file has no Header", file=str(path), reason_nb="filen har ingen Header")
    return SAFTFile(path, header, tuple(accounts), tuple(suppliers))
