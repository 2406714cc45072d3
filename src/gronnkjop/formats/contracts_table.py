"""Read a table of contracts (framework agreements) from CSV or XLSX.

Columns, in any order, headed by the English names or their Norwegian equivalents:
``contract_number`` (kontraktsnummer), ``title`` (tittel), ``supplier_orgnr`` (leverandor_orgnr,
checked with python-stdnum), ``supplier_name`` (leverandor), ``cpv`` (CPV code ``30200000`` or
``30200000-1``), ``start_date`` (startdato), ``end_date`` (sluttdato), ``estimated_value``
(estimert_verdi), ``ceiling`` (tak, optional), ``markup_new_pct`` / ``markup_used_pct``
(paslag_ny_pct / paslag_brukt_pct, optional), ``small_order_limit`` / ``small_order_fee``
(smaordregrense / smaordregebyr, optional).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .errors import CellError, PriceListRowError
from .tables import (
    Column,
    TableRow,
    parse_amount,
    parse_date,
    parse_orgnr,
    parse_percentage,
    parse_text,
    read_table,
)


def parse_cpv(value: Any) -> str:
    """A CPV code: eight digits, optionally with its check digit (``30200000-1``)."""
    text = str(value).strip()
    if isinstance(value, int | float):
        text = f"{int(value):08d}"
    if not re.fullmatch(r"\d{8}(-\d)?", text):
        raise CellError(
            f"{value!r} is not a CPV code (eight digits, e.g. 30200000 or 30200000-1)",
            f"{value!r} er ikke en CPV-kode (åtte sifre, f.eks. 30200000 eller 30200000-1)",
        )
    return text


CONTRACT_COLUMNS: tuple[Column, ...] = (
    Column(
        "contract_number", parse_text, aliases=("kontraktsnummer", "avtalenummer", "kontrakt"), max_length=60
    ),
    Column("title", parse_text, aliases=("tittel", "navn", "avtalenavn"), max_length=300),
    Column("supplier_orgnr", parse_orgnr, aliases=("leverandor_orgnr", "orgnr", "organisasjonsnummer")),
    Column(
        "supplier_name",
        parse_text,
        aliases=("leverandor", "leverandornavn", "leverandor_navn"),
        max_length=200,
    ),
    Column("cpv", parse_cpv, aliases=("cpv_kode",)),
    Column("start_date", parse_date, aliases=("startdato", "start", "gyldig_fra")),
    Column("end_date", parse_date, aliases=("sluttdato", "slutt", "gyldig_til")),
    Column("estimated_value", parse_amount, aliases=("estimert_verdi", "estimert_kontraktsverdi", "verdi")),
    Column(
        "ceiling", parse_amount, aliases=("tak", "takbelop", "maksimal_verdi"), required=False, optional=True
    ),
    Column(
        "markup_new_pct",
        parse_percentage,
        aliases=("paslag_ny_pct", "paslag_ny", "paslag_nytt_pct"),
        required=False,
        optional=True,
    ),
    Column(
        "markup_used_pct",
        parse_percentage,
        aliases=("paslag_brukt_pct", "paslag_brukt"),
        required=False,
        optional=True,
    ),
    Column(
        "small_order_limit",
        parse_amount,
        aliases=("smaordregrense", "smaordre_grense"),
        required=False,
        optional=True,
    ),
    Column(
        "small_order_fee",
        parse_amount,
        aliases=("smaordregebyr", "smaordre_gebyr"),
        required=False,
        optional=True,
    ),
)


@dataclass(frozen=True, slots=True)
class ContractRow:
    row: int
    contract_number: str
    title: str
    supplier_orgnr: str
    supplier_name: str
    cpv: str
    start_date: date
    end_date: date
    estimated_value: Decimal
    ceiling: Decimal | None = None
    markup_new_pct: Decimal | None = None
    markup_used_pct: Decimal | None = None
    small_order_limit: Decimal | None = None
    small_order_fee: Decimal | None = None


def _check(rows: list[TableRow]) -> list[PriceListRowError]:
    errors: list[PriceListRowError] = []
    seen: dict[str, int] = {}
    for item in rows:
        v = item.values
        if v["end_date"] < v["start_date"]:
            errors.append(
                PriceListRowError(
                    item.row,
                    "end_date",
                    "ends before start_date",
                    reason_nb="slutter før startdato",
                    column_nb="sluttdato",
                )
            )
        if v["ceiling"] is not None and v["ceiling"] < v["estimated_value"]:
            errors.append(
                PriceListRowError(
                    item.row,
                    "ceiling",
                    "is below estimated_value",
                    reason_nb="er lavere enn estimert_verdi",
                    column_nb="tak",
                )
            )
        number = v["contract_number"]
        if number in seen:
            errors.append(
                PriceListRowError(
                    item.row,
                    "contract_number",
                    f"duplicate of row {seen[number]}",
                    reason_nb=f"samme som rad {seen[number]}",
                    column_nb="kontraktsnummer",
                )
            )
        else:
            seen[number] = item.row
    return errors


def read_contract_table(path: str | os.PathLike) -> tuple[ContractRow, ...]:
    """Read a contract table; raises :class:`TableError` listing every bad row."""
    return tuple(
        ContractRow(item.row, **item.values) for item in read_table(path, CONTRACT_COLUMNS, check=_check)
    )
