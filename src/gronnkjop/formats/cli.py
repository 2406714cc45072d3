"""The pure commands of the ``gronnkjop`` console script (no Django):

```
gronnkjop ehf validate PATH... [--format text|json]   # 0 all valid, 1 any invalid, 2 usage/unreadable
gronnkjop ehf show FILE [--format text|json]
gronnkjop saft summary FILE [--format text|json]
gronnkjop pricelist check FILE [--format text|json]     # 0 all rows good, 1 bad rows
```

Exit status 2 for usage errors and unreadable paths; a :class:`FormatError` is printed as one
clear line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from ._bulk import bulk_reading
from .errors import FormatError, NotUBLError, NotXMLError, TableError, TooLargeError, UnsafeXMLError

#: Rule ids for documents that could not be validated at all.
ERROR_RULES: tuple[tuple[type[FormatError], str], ...] = (
    (UnsafeXMLError, "XML-UNSAFE"),
    (TooLargeError, "XML-TOO-LARGE"),
    (NotXMLError, "XML-WELL-FORMED"),
    (NotUBLError, "UBL-ROOT"),
)


def rule_for_error(error: FormatError) -> str:
    for cls, rule in ERROR_RULES:
        if isinstance(error, cls):
            return rule
    return "UBL-READ"


# --- JSON helpers ----------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """Data classes to dicts, ``Decimal`` to plain decimal strings (never an exponent), dates ISO."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def invoice_as_dict(invoice: Any) -> dict[str, Any]:
    """The JSON of ``gronnkjop ehf show``: every field, plus derived party and line values."""
    data = jsonable(invoice)
    data["is_credit"] = invoice.is_credit
    for role in ("supplier", "buyer", "payee", "tax_representative"):
        party = getattr(invoice, role)
        if party is not None:
            data[role].update(
                name=party.name, organisation_number=party.organisation_number, vat_id=party.vat_id
            )
    for line, line_data in zip(invoice.lines, data["lines"], strict=True):
        line_data["net_unit_price"] = format(line.net_unit_price, "f")
    return data


def _dump(obj: Any, out: IO[str]) -> None:
    json.dump(obj, out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- commands --------------------------------------------------------------------------------------


def _validate_one(data: bytes, file: str) -> dict[str, Any]:
    from .ehf.validate import validate

    try:
        report = validate(data)
    except FormatError as exc:
        return _error_entry(file, exc)
    return {
        "file": file,
        "valid": report.valid,
        "document": report.document,
        "errors": [f.as_dict() for f in report.findings],
    }


def _error_entry(file: str, error: FormatError) -> dict[str, Any]:
    return {
        "file": file,
        "valid": False,
        "document": None,
        "errors": [
            {"rule": rule_for_error(error), "flag": "fatal", "location": "/", "message": error.reason}
        ],
    }


def cmd_ehf_validate(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        for path in missing:
            err.write(f"gronnkjop: {path}: no such file or folder\n")
        return 2
    try:
        import gronnkjop.formats.ehf.validate  # noqa: F401
    except ImportError as exc:
        err.write(f"gronnkjop: the EHF validator is not available: {exc}\n")
        return 2
    entries: list[dict[str, Any]] = []
    with bulk_reading():
        _validate_paths(args, entries, out, err)
    if args.format == "json":
        _dump(entries, out)
    return 0 if all(e["valid"] for e in entries) else 1


def _validate_paths(
    args: argparse.Namespace, entries: list[dict[str, Any]], out: IO[str], err: IO[str]
) -> None:
    from .ehf.reader import iter_raw_documents

    for path in args.paths:
        for raw in iter_raw_documents(path):
            if raw.skipped is not None:
                if args.format == "text":
                    out.write(f"SKIPPED  {raw.file} ({raw.skipped})\n")
                else:
                    err.write(f"skipped: {raw.file} ({raw.skipped})\n")
                continue
            entry = (
                _validate_one(raw.data, raw.file)
                if raw.data is not None
                else _error_entry(raw.file, raw.error)
            )
            entries.append(entry)
            if args.format == "text":
                _write_validate_text(entry, out)


def _write_validate_text(entry: dict[str, Any], out: IO[str]) -> None:
    status = "OK" if entry["valid"] else "UGYLDIG"
    document = f" ({entry['document']})" if entry["document"] else ""
    out.write(f"{status:8} {entry['file']}{document}\n")
    for finding in entry["errors"]:
        out.write(f"    [{finding['flag']}] {finding['rule']} {finding['location']}: {finding['message']}\n")


def cmd_ehf_show(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .ehf.reader import read_invoice

    invoice = read_invoice(_existing(args.file))
    if args.format == "json":
        _dump(invoice_as_dict(invoice), out)
        return 0
    t = invoice.totals
    w = out.write
    w(f"{invoice.document_type} {invoice.number}  issued {invoice.issue_date.isoformat()}")
    w(f"  due {invoice.due_date.isoformat()}\n" if invoice.due_date else "\n")
    w(f"Supplier: {invoice.supplier.name} (orgnr {invoice.supplier.organisation_number or '-'})\n")
    w(f"Buyer:    {invoice.buyer.name} (orgnr {invoice.buyer.organisation_number or '-'})\n")
    if invoice.buyer_reference:
        w(f"Buyer reference: {invoice.buyer_reference}\n")
    if invoice.contract_reference:
        w(f"Contract: {invoice.contract_reference}\n")
    w(f"Lines ({len(invoice.lines)}):\n")
    for line in invoice.lines:
        rate = format(line.vat_rate, "f") if line.vat_rate is not None else ""
        w(
            f"  {line.id:>4}  {format(line.quantity, 'f')} {line.unit_code or ''}  {line.name or ''}"
            f"  à {format(line.net_unit_price, 'f')}  = {format(line.net_amount, 'f')}"
            f"  VAT {line.vat_category or '-'} {rate}\n"
        )
    for sub in invoice.tax_subtotals:
        w(
            f"VAT {sub.category_id} {format(sub.percent, 'f') if sub.percent is not None else '-'}%: "
            f"{format(sub.tax_amount, 'f')} of {format(sub.taxable_amount, 'f')}\n"
        )
    w(f"Total excl. VAT {format(t.tax_exclusive, 'f')} {invoice.currency}\n")
    w(f"Total incl. VAT {format(t.tax_inclusive, 'f')} {invoice.currency}\n")
    w(f"Payable         {format(t.payable, 'f')} {invoice.currency}\n")
    return 0


def cmd_saft_summary(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .saft import read_saft

    saft = read_saft(_existing(args.file))
    summary = saft.summary()
    names = {s.id: s for s in saft.suppliers}
    spend = [
        {
            "supplier_id": sid,
            "name": names[sid].name if sid in names else None,
            "organisation_number": names[sid].organisation_number if sid in names else None,
            "amount": format(amount, "f"),
        }
        for sid, amount in summary.spend_by_supplier.items()
    ]
    if args.format == "json":
        _dump(
            {
                "file": str(args.file),
                "version": saft.header.version,
                "company": saft.header.company_name,
                "organisation_number": saft.header.organisation_number,
                "currency": saft.header.currency,
                "period_start": jsonable(summary.period_start),
                "period_end": jsonable(summary.period_end),
                "accounts": summary.accounts,
                "suppliers": summary.suppliers,
                "lines": summary.lines,
                "total_debit": format(summary.total_debit, "f"),
                "total_credit": format(summary.total_credit, "f"),
                "spend_by_supplier": spend,
            },
            out,
        )
        return 0
    w = out.write
    w(f"{saft.header.company_name} ({saft.header.organisation_number}), SAF-T {saft.header.version}\n")
    w(f"Period: {jsonable(summary.period_start)} – {jsonable(summary.period_end)}\n")
    w(f"Accounts: {summary.accounts}  Suppliers: {summary.suppliers}  Lines: {summary.lines}\n")
    w(f"Debit {format(summary.total_debit, 'f')}  Credit {format(summary.total_credit, 'f')}\n")
    w("Spend per supplier (credited to the supplier, incl. VAT):\n")
    for item in spend:
        w(f"  {item['supplier_id']:>8}  {item['name'] or '':40}  {item['amount']}\n")
    return 0


def cmd_pricelist_check(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .pricelist import read_price_list

    path = _existing(args.file)
    try:
        rows = read_price_list(path)
    except TableError as exc:
        errors = [{"row": e.row, "column": e.column, "reason": e.detail} for e in exc.errors]
        if args.format == "json":
            _dump({"file": str(path), "valid": False, "rows": 0, "errors": errors}, out)
        else:
            out.write(f"UGYLDIG  {path}: {len(errors)} error(s)\n")
            for e in errors:
                out.write(f"    row {e['row']}, column {e['column']}: {e['reason']}\n")
        return 1
    if args.format == "json":
        _dump(
            {"file": str(path), "valid": True, "rows": len(rows), "items": jsonable(rows), "errors": []}, out
        )
    else:
        out.write(f"OK       {path}: {len(rows)} row(s)\n")
        for row in rows:
            valid_to = row.valid_to.isoformat() if row.valid_to else "…"
            out.write(
                f"    {row.contract_number}  {row.article_number}  {row.description}  "
                f"{format(row.unit_price, 'f')}/{row.unit_code}  {row.condition}  "
                f"{row.valid_from.isoformat()}–{valid_to}\n"
            )
    return 0


def _existing(path: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise _Unreadable(f"{path}: no such file")
    return p


class _Unreadable(Exception):
    pass


# --- argument parsing ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gronnkjop", description="Read and check EHF, SAF-T and price lists."
    )
    groups = parser.add_subparsers(dest="group", required=True, metavar="{ehf,saft,pricelist}")

    def fmt(p: argparse.ArgumentParser) -> None:
        p.add_argument("--format", choices=("text", "json"), default="text")

    ehf = groups.add_parser("ehf", help="EHF / PEPPOL BIS 3 invoices and credit notes")
    ehf_cmds = ehf.add_subparsers(dest="command", required=True, metavar="{validate,show}")
    validate = ehf_cmds.add_parser("validate", help="validate files, folders or ZIP archives")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    fmt(validate)
    validate.set_defaults(handler=cmd_ehf_validate)
    show = ehf_cmds.add_parser("show", help="show a parsed invoice")
    show.add_argument("file", metavar="FILE")
    fmt(show)
    show.set_defaults(handler=cmd_ehf_show)

    saft = groups.add_parser("saft", help="SAF-T Financial files")
    saft_cmds = saft.add_subparsers(dest="command", required=True, metavar="{summary}")
    summary = saft_cmds.add_parser("summary", help="period, counts and spend per supplier")
    summary.add_argument("file", metavar="FILE")
    fmt(summary)
    summary.set_defaults(handler=cmd_saft_summary)

    pricelist = groups.add_parser("pricelist", help="contract price lists (CSV or XLSX)")
    pricelist_cmds = pricelist.add_subparsers(dest="command", required=True, metavar="{check}")
    check = pricelist_cmds.add_parser("check", help="parse and report rows or row errors")
    check.add_argument("file", metavar="FILE")
    fmt(check)
    check.set_defaults(handler=cmd_pricelist_check)
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    """Run one command; ``argv`` starts with the group word (``["ehf", "validate", "x.xml"]``)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on usage errors and --help
        return exc.code if isinstance(exc.code, int) else 2
    handler: Callable[[argparse.Namespace, IO[str], IO[str]], int] = args.handler
    try:
        return handler(args, out, err)
    except _Unreadable as exc:
        err.write(f"gronnkjop: {exc}\n")
        return 2
    except FormatError as exc:
        err.write(f"gronnkjop: {exc}\n")
        return 2
    except OSError as exc:
        err.write(f"gronnkjop: {exc.strerror or exc}\n")
        return 2
