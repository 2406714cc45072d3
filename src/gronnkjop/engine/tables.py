"""The engine's input tables and the records that fill them.

Every amount is a fixed-point integer so that comparisons are exact and identical on every backend
(SQLite has no decimal type; a float there would make SQLite and PostgreSQL disagree on a 0.005 kr
difference). Scales: ``_e2`` = øre (1/100 kr), ``_e4`` = 1/10 000 (unit prices, quantities and
percentages), ``_bp`` = basis points of a percent (1/100 %). Dates are proleptic ordinal day numbers
(``date.toordinal()``). Text keys (contract numbers, references, article numbers) are normalised with
:func:`norm_key` so that ``"avtale 2024-17 "`` and ``"AVTALE 2024-17"`` meet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple, dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

E2 = Decimal(100)
E4 = Decimal(10_000)


def fixed(value: Decimal | int | str | None, scale: int) -> int | None:
    """``Decimal('3424.005')`` at scale 2 → ``342401`` (half-up). None stays None."""
    if value is None:
        return None
    return int((Decimal(value) * (10**scale)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def day(value: dt.date | None) -> int | None:
    return value.toordinal() if value is not None else None


def from_day(value: int | None) -> dt.date | None:
    return dt.date.fromordinal(value) if value is not None else None


def norm_key(value: str | None) -> str | None:
    """Trimmed, upper-case, inner white space folded; empty becomes None."""
    if value is None:
        return None
    text = " ".join(str(value).split()).upper()
    return text or None


def cpv_prefix(code: str | None) -> str:
    """``39100000-3`` → ``391``: the CPV category a line's code must start with to belong to it."""
    if not code:
        return ""
    digits = code.split("-")[0].strip()
    return digits.rstrip("0") or digits


@dataclass(frozen=True, slots=True)
class InvoiceRow:
    invoice_id: int
    supplier: str  # organisation number
    number: str  # normalised invoice number
    is_credit: int  # 1 for a credit note
    issue_day: int
    contract_ref: str | None
    order_ref: str | None
    buyer_ref: str | None
    amount_e2: int  # sum excl. VAT (TaxExclusiveAmount), as written in the document
    payable_e2: int
    fingerprint: str  # the lines' content, to recognise the same invoice sent under a new number


@dataclass(frozen=True, slots=True)
class LineRow:
    line_id: int
    invoice_id: int
    line_no: str
    article: str | None  # seller's item id, normalised
    cpv: str | None  # the line's CPV code (item classification listID STI), digits only
    cond: str | None  # "new" / "used" from the item property Condition/Tilstand
    quantity_e4: int
    price_e4: int  # net unit price (price amount / base quantity)
    amount_e2: int  # line net amount
    markup_e4: int | None  # the highest line charge percentage (a markup), if any
    markup_base_e2: int | None  # the base amount of that charge


@dataclass(frozen=True, slots=True)
class ContractRow:
    contract_id: int
    number: str  # normalised
    cpv_prefix: str
    start_day: int
    end_day: int  # including options taken up
    ceiling_e2: int | None
    tolerance_bp: int
    markup_new_e4: int | None
    markup_used_e4: int | None
    small_limit_e2: int | None
    small_fee_e2: int | None


@dataclass(frozen=True, slots=True)
class ContractSupplierRow:
    contract_id: int
    supplier: str


@dataclass(frozen=True, slots=True)
class PriceRow:
    contract_id: int
    article: str
    cond: str  # "new" / "used"
    from_day: int
    to_day: int | None
    price_e4: int


@dataclass(frozen=True, slots=True)
class OrderRefRow:
    order_ref: str
    contract_id: int


@dataclass(frozen=True)
class Tables:
    """One organisation's data, ready to load into a backend."""

    invoices: list[InvoiceRow]
    lines: list[LineRow]
    contracts: list[ContractRow]
    contract_suppliers: list[ContractSupplierRow]
    prices: list[PriceRow]
    order_refs: list[OrderRefRow]


_TYPES = {
    int: "BIGINT",
    str: "TEXT",
    "int": "BIGINT",
    "str": "TEXT",
    "int | None": "BIGINT",
    "str | None": "TEXT",
}

#: table name → (row class, column names)
SCHEMA: dict[str, type] = {
    "gk_invoices": InvoiceRow,
    "gk_lines": LineRow,
    "gk_contracts": ContractRow,
    "gk_contract_suppliers": ContractSupplierRow,
    "gk_prices": PriceRow,
    "gk_order_refs": OrderRefRow,
}


def columns(row_class: type) -> list[tuple[str, str]]:
    return [(f.name, _TYPES[f.type]) for f in fields(row_class)]


def ddl(table: str) -> str:
    cols = ", ".join(f"{name} {sqltype}" for name, sqltype in columns(SCHEMA[table]))
    return f"CREATE TEMPORARY TABLE {table} ({cols})"


def as_rows(records: list) -> list[tuple]:
    return [astuple(r) for r in records]
