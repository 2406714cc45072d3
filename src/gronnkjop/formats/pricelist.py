"""Read contract price lists (CSV or XLSX) into immutable :class:`PriceListRow` objects.

Columns, in any order, headed by the English names or their Norwegian equivalents:

| column | Norwegian | value |
| --- | --- | --- |
| ``contract_number`` | kontraktsnummer, avtalenummer | text |
| ``article_number`` | artikkelnummer, varenummer | text |
| ``description`` | beskrivelse | text (may be empty) |
| ``unit_code`` | enhet | UN/ECE Rec 20 code (``EA``, ``KGM``, ...) |
| ``unit_price`` | enhetspris, pris | amount excl. VAT, ``1 234,50`` or ``1234.50`` |
| ``valid_from`` | gyldig_fra | ``2026-01-31`` or ``31.01.2026`` |
| ``valid_to`` (optional) | gyldig_til | date |
| ``condition`` (optional) | tilstand | ``new``/``ny`` or ``used``/``brukt``; default new |

Every bad row is reported with its row number, column and reason in one :class:`TableError`.
:func:`write_price_list` writes rows back as CSV or XLSX with the Norwegian headers, in a form
:func:`read_price_list` reads to the same rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .errors import PriceListRowError
from .tables import (
    Column,
    TableRow,
    choice,
    parse_amount,
    parse_date,
    parse_text,
    parse_unit_code,
    read_table,
    write_csv,
    write_xlsx,
)

CONDITIONS = {"new": "new", "ny": "new", "nytt": "new", "used": "used", "brukt": "used"}

PRICE_LIST_COLUMNS: tuple[Column, ...] = (
    Column(
        "contract_number", parse_text, aliases=("kontraktsnummer", "avtalenummer", "kontrakt"), max_length=60
    ),
    Column(
        "article_number",
        parse_text,
        aliases=("artikkelnummer", "artikkelnr", "varenummer", "varenr"),
        max_length=80,
    ),
    Column(
        "description",
        parse_text,
        aliases=("beskrivelse", "varebeskrivelse", "varenavn"),
        required=False,
        default="",
        max_length=300,
    ),
    Column("unit_code", parse_unit_code, aliases=("enhet", "enhetskode")),
    Column("unit_price", parse_amount, aliases=("enhetspris", "pris", "enhetspris_eks_mva")),
    Column("valid_from", parse_date, aliases=("gyldig_fra", "fra_dato")),
    Column("valid_to", parse_date, aliases=("gyldig_til", "til_dato"), required=False, optional=True),
    Column(
        "condition",
        choice(CONDITIONS),
        aliases=("tilstand",),
        required=False,
        optional=True,
        default="new",
    ),
)


@dataclass(frozen=True, slots=True)
class PriceListRow:
    """One agreed price: ``unit_price`` per ``unit_code``, excl. VAT, valid from ``valid_from`` to
    ``valid_to`` (inclusive, open-ended when ``None``); ``condition`` is ``"new"`` or ``"used"``."""

    row: int
    contract_number: str
    article_number: str
    description: str
    unit_code: str
    unit_price: Decimal
    valid_from: date
    valid_to: date | None = None
    condition: str = "new"

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _check(rows: list[TableRow]) -> list[PriceListRowError]:
    errors: list[PriceListRowError] = []
    seen: dict[tuple, int] = {}
    for item in rows:
        v = item.values
        if v["valid_to"] is not None and v["valid_to"] < v["valid_from"]:
            errors.append(
                PriceListRowError(
                    item.row,
                    "valid_to",
                    "ends before valid_from",
                    reason_nb="slutter før gyldig_fra",
                    column_nb="gyldig_til",
                )
            )
        key = (v["contract_number"], v["article_number"], v["condition"], v["valid_from"])
        if key in seen:
            errors.append(
                PriceListRowError(
                    item.row,
                    "article_number",
                    f"duplicate of row {seen[key]} (same contract, article, condition and valid_from)",
                    reason_nb=f"samme som rad {seen[key]} (samme kontrakt, artikkel, tilstand og gyldig_fra)",
                    column_nb="artikkelnummer",
                )
            )
        else:
            seen[key] = item.row
    return errors


def read_price_list(path: str | os.PathLike) -> tuple[PriceListRow, ...]:
    """Read a price list; raises :class:`TableError` listing every bad row (nothing is half-read)."""
    return tuple(
        PriceListRow(item.row, **item.values) for item in read_table(path, PRICE_LIST_COLUMNS, check=_check)
    )


#: The header :func:`write_price_list` writes: the Norwegian names of the columns, in their order.
PRICE_LIST_HEADER = (
    "kontraktsnummer",
    "artikkelnummer",
    "beskrivelse",
    "enhet",
    "enhetspris",
    "gyldig_fra",
    "gyldig_til",
    "tilstand",
)
_CONDITION_NAMES = {"new": "ny", "used": "brukt"}


def write_price_list(rows: Iterable[PriceListRow], *, file_format: str = "csv") -> bytes:
    """A price list as ``csv`` (``;``, UTF-8 with BOM, decimal commas, ``dd.mm.åååå``) or ``xlsx``,
    headed by :data:`PRICE_LIST_HEADER`; :func:`read_price_list` reads it back to the same rows
    (row numbers aside)."""
    table = [
        (
            r.contract_number,
            r.article_number,
            r.description,
            r.unit_code,
            r.unit_price,
            r.valid_from,
            r.valid_to,
            _CONDITION_NAMES[r.condition],
        )
        for r in rows
    ]
    if file_format == "csv":
        return write_csv(PRICE_LIST_HEADER, table)
    if file_format == "xlsx":
        return write_xlsx(PRICE_LIST_HEADER, table, title="Prisliste")
    raise ValueError(f"unknown file format {file_format!r}: csv or xlsx")
