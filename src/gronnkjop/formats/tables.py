"""Read tabular imports (CSV or XLSX) against a small declarative column spec.

A spec is a tuple of :class:`Column` objects: the canonical name, the header names accepted for it
(Norwegian ones too), a parser and whether a value is required. :func:`read_table` finds the
columns by header in any order, detects the CSV delimiter (``;`` or ``,``) and encoding (UTF-8 with
or without BOM, else Windows-1252), parses every cell and collects *every* bad cell before raising
one :class:`TableError` — nothing is half-read.

```python
SPEC = (Column("article_number", parse_text, aliases=("artikkelnummer",)),
        Column("unit_price", parse_amount, aliases=("enhetspris",)))
rows = read_table("prisliste.csv", SPEC)      # [TableRow(row=2, values={...}), ...]
```
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from . import _xml
from .errors import CellError, FormatError, PriceListRowError, TableError

Parser = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a spec. ``parse`` takes the cell (a stripped ``str``, or a ``date``/number from
    XLSX) and returns the value or raises ``ValueError`` with the reason. An empty cell gives
    ``default`` when the column is not ``required``; ``optional`` columns may be absent entirely.
    ``max_length`` limits a text value (the field it is stored in), so that a too long cell is named
    with its row when the file is read, not refused later when it is saved."""

    name: str
    parse: Parser
    aliases: tuple[str, ...] = ()
    required: bool = True
    optional: bool = False
    default: Any = None
    max_length: int | None = None


@dataclass(frozen=True, slots=True)
class TableRow:
    """One parsed row: its 1-based row number in the file (the header is row 1) and the values."""

    row: int
    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def heading(column: Column) -> str:
    """The Norwegian heading of a column (its first alias), for messages in bokmål."""
    return column.aliases[0] if column.aliases else column.name


# --- header names ----------------------------------------------------------------------------------


def normalise_header(value: object) -> str:
    """``" Enhetspris (eks. mva) "`` -> ``"enhetspris_eks_mva"``: lower case, ASCII-folded letters
    (``ø`` -> ``o``, ``å`` -> ``a``, ``æ`` -> ``ae``), other characters as single underscores."""
    text = str(value or "").strip().lower()
    text = text.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


# --- cell parsers ----------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_DATE_NO = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+)(\.\d+)?$")


def parse_text(value: Any) -> str:
    text = str(value).strip()
    if not text:
        raise CellError("value is missing", "verdien mangler")
    return text


def parse_decimal(value: Any) -> Decimal:
    """A number with a decimal point or comma; spaces (also non-breaking) group thousands."""
    if isinstance(value, bool):
        raise CellError(f"{value!r} is not a number", f"{value!r} er ikke et tall")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = _SPACES.sub("", str(value))
    if "," in text and "." in text:
        raise CellError(
            f"{value!r} mixes a decimal point and a decimal comma",
            f"{value!r} blander desimalpunktum og desimalkomma",
        )
    if text.count(",") > 1:
        raise CellError(
            f"{value!r} is not a number (use spaces, not commas, between thousands)",
            f"{value!r} er ikke et tall (bruk mellomrom, ikke komma, mellom tusener)",
        )
    text = text.replace(",", ".")
    if not _PLAIN_NUMBER.match(text):
        raise CellError(f"{value!r} is not a number", f"{value!r} er ikke et tall")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CellError(f"{value!r} is not a number", f"{value!r} er ikke et tall") from None


def parse_amount(value: Any) -> Decimal:
    """A non-negative amount in NOK (any number of decimals is kept)."""
    amount = parse_decimal(value)
    if amount < 0:
        raise CellError(f"{value!r} is negative", f"{value!r} er negativt")
    return amount


def parse_percentage(value: Any) -> Decimal:
    """``12,5``, ``12.5 %`` or ``12,5%`` -> ``Decimal("12.5")`` (percent, 0 to 1000)."""
    text = str(value).strip()
    if text.endswith("%"):
        text = text[:-1]
    percent = parse_decimal(text) if not isinstance(value, int | float | Decimal) else parse_decimal(value)
    if percent < 0 or percent > 1000:
        raise CellError(
            f"{value!r} is not a percentage between 0 and 1000",
            f"{value!r} er ikke en prosent mellom 0 og 1000",
        )
    return percent


def parse_date(value: Any) -> date:
    """ISO ``2026-01-31`` or Norwegian ``31.01.2026`` (or an Excel date cell)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = _DATE_NO.match(text)
    try:
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
            return date.fromisoformat(text)
    except ValueError:
        raise CellError(f"{value!r} is not a valid date", f"{value!r} er ikke en gyldig dato") from None
    raise CellError(
        f"{value!r} is not a date (use 2026-01-31 or 31.01.2026)",
        f"{value!r} er ikke en dato (skriv 31.01.2026 eller 2026-01-31)",
    )


def parse_orgnr(value: Any) -> str:
    """A Norwegian organisation number (nine digits, mod-11 check), checked with python-stdnum."""
    from stdnum.exceptions import ValidationError
    from stdnum.no import orgnr

    if isinstance(value, int | float):
        value = str(int(value))
    try:
        return orgnr.validate(str(value))
    except ValidationError:
        raise CellError(
            f"{value!r} is not a valid Norwegian organisation number",
            f"{value!r} er ikke et gyldig organisasjonsnummer",
        ) from None


def choice(mapping: dict[str, str], *, allowed: str | None = None, allowed_nb: str | None = None) -> Parser:
    """A parser accepting the keys of ``mapping`` (case-insensitive) and returning their value.
    An error lists ``allowed`` (``allowed_nb`` in bokmål), by default all the keys."""
    folded = {normalise_header(k): v for k, v in mapping.items()}
    allowed = allowed or ", ".join(mapping)
    allowed_nb = allowed_nb or allowed

    def parse(value: Any) -> str:
        key = normalise_header(value)
        if key not in folded:
            raise CellError(f"{value!r} is not one of {allowed}", f"{value!r} er ikke en av {allowed_nb}")
        return folded[key]

    return parse


#: Units as Norwegians write them in a spreadsheet, and the UN/ECE code an EHF invoice uses for them.
#: ``stk`` is read as ``EA`` (each), not as the Rec 20 code ``STK`` («stick, cigarette»), which no
#: price list means; ``t`` is left out (tonne or hour?).
NORWEGIAN_UNITS = {
    **dict.fromkeys(("stk", "stk.", "stykk", "st", "st."), "EA"),
    **dict.fromkeys(("time", "timer", "t.", "tim"), "HUR"),
    **dict.fromkeys(("min", "minutt", "minutter"), "MIN"),
    **dict.fromkeys(("dag", "dager", "døgn", "dogn"), "DAY"),
    **dict.fromkeys(("uke", "uker"), "WEE"),
    **dict.fromkeys(("mnd", "mnd.", "måned", "måneder", "maned", "maneder"), "MON"),
    **dict.fromkeys(("år", "ar"), "ANN"),
    "kg": "KGM",
    "g": "GRM",
    "tonn": "TNE",
    **dict.fromkeys(("l", "liter"), "LTR"),
    **dict.fromkeys(("m", "meter", "lm"), "MTR"),
    "km": "KMT",
    **dict.fromkeys(("m2", "m²", "kvm"), "MTK"),
    **dict.fromkeys(("m3", "m³"), "MTQ"),
    "kwh": "KWH",
    "sett": "SET",
    "par": "PR",
    **dict.fromkeys(("pk", "pk.", "pakke", "pakker", "pakning"), "XPK"),
    **dict.fromkeys(("eske", "esker", "kartong"), "XBX"),
    **dict.fromkeys(("pall", "paller"), "XPX"),
}


def parse_unit_code(value: Any) -> str:
    """A unit code that EHF accepts: UN/ECE Recommendation 20, or 21 with its ``X`` prefix (``EA``,
    ``H87``, ``KGM``, ``HUR``, ``XPK`` for a package). Anything else could never match an invoice line,
    since PEPPOL rejects such invoices (BR-CL-23). Norwegian unit words (``stk``, ``timer``, ``kvm``,
    ``pakke``) are read as their codes (:data:`NORWEGIAN_UNITS`)."""
    from .ehf.codelists_data import UNITS

    word = str(value).strip().lower()
    if word in NORWEGIAN_UNITS:
        return NORWEGIAN_UNITS[word]
    text = str(value).strip().upper()
    if text not in UNITS:
        rec21 = f"X{text}" in UNITS
        hint = f" (Rec 21 codes take an X: X{text})" if rec21 else ""
        hint_nb = f" (koder fra Rec 21 har X foran: X{text})" if rec21 else ""
        raise CellError(
            f"{value!r} is not a UN/ECE Rec 20/21 unit code{hint}, e.g. EA, H87, KGM, HUR, XPK",
            f"{value!r} er ikke en enhetskode fra UN/ECE Rec 20/21{hint_nb}, f.eks. EA, H87, KGM, HUR, XPK",
        )
    return text


# --- reading files ---------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") >= header.count(",") and ";" in header else ","


def read_csv_rows(data: bytes) -> list[list[Any]]:
    """All rows of a CSV file as lists of strings (delimiter and encoding detected)."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    return [list(row) for row in reader]


def read_xlsx_rows(data: bytes, *, name: str | None = None) -> list[list[Any]]:
    """All rows of the first sheet of an XLSX workbook (values, not formulas)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FormatError(
            f"not a readable XLSX workbook: {exc}",
            file=name,
            reason_nb="filen er ikke en lesbar Excel-arbeidsbok (.xlsx)",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_rows(path: str | os.PathLike) -> list[list[Any]]:
    """Rows of a ``.csv`` or ``.xlsx`` file (by suffix; CSV otherwise), within the size limit."""
    data, name = _xml.read_source(Path(path))
    if data[:2] == b"PK" or Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx_rows(data, name=name)
    return read_csv_rows(data)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return value


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


#: A check across the parsed rows (duplicates, date order, ...): returns the errors it finds.
RowCheck = Callable[[list["TableRow"]], list[PriceListRowError]]


def parse_rows(
    rows: Sequence[Sequence[Any]],
    columns: Sequence[Column],
    *,
    file: str | None = None,
    check: RowCheck | None = None,
) -> list[TableRow]:
    """Parse ``rows`` (the first is the header) against ``columns``; raise :class:`TableError` with
    every bad cell and every error of ``check`` (run on the rows whose cells all parsed), or with the
    missing columns when the header is incomplete."""
    if not rows or all(_is_empty(v) for v in rows[0]):
        raise TableError(
            [
                PriceListRowError(
                    1, "header", "the file has no header row", reason_nb="filen har ingen overskriftsrad"
                )
            ],
            file=file,
        )
    header = [normalise_header(v) for v in rows[0]]
    positions: dict[str, int] = {}
    missing: list[PriceListRowError] = []
    for column in columns:
        names = {normalise_header(column.name), *(normalise_header(a) for a in column.aliases)}
        found = [i for i, h in enumerate(header) if h in names]
        if len(found) > 1:
            missing.append(
                PriceListRowError(
                    1,
                    column.name,
                    "the column appears more than once",
                    reason_nb="kolonnen står mer enn én gang",
                    column_nb=heading(column),
                )
            )
        elif found:
            positions[column.name] = found[0]
        elif not column.optional:
            accepted = ", ".join(sorted({column.name, *column.aliases}))
            missing.append(
                PriceListRowError(
                    1,
                    column.name,
                    f"column is missing (accepted headers: {accepted})",
                    reason_nb=f"kolonnen mangler (godtatte overskrifter: {accepted})",
                    column_nb=heading(column),
                )
            )
    if missing:
        raise TableError(missing, file=file)
    parsed: list[TableRow] = []
    errors: list[PriceListRowError] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(_is_empty(v) for v in row):
            continue
        values: dict[str, Any] = {}
        before = len(errors)
        for column in columns:
            index = positions.get(column.name)
            raw = _cell(row[index]) if index is not None and index < len(row) else None
            if _is_empty(raw):
                if column.required:
                    errors.append(
                        PriceListRowError(
                            number,
                            column.name,
                            "value is missing",
                            reason_nb="verdien mangler",
                            column_nb=heading(column),
                        )
                    )
                values[column.name] = column.default
                continue
            try:
                value = values[column.name] = column.parse(raw)
                if (
                    column.max_length is not None
                    and isinstance(value, str)
                    and len(value) > column.max_length
                ):
                    raise CellError(
                        f"{len(value)} characters, at most {column.max_length} allowed",
                        f"{len(value)} tegn, høyst {column.max_length} er tillatt",
                    )
            except ValueError as exc:
                errors.append(
                    PriceListRowError(
                        number,
                        column.name,
                        str(exc),
                        reason_nb=getattr(exc, "message_nb", None),
                        column_nb=heading(column),
                    )
                )
        if len(errors) == before:
            parsed.append(TableRow(number, values))
    if check is not None:
        errors.extend(check(parsed))
        errors.sort(key=lambda e: e.row)
    if errors:
        raise TableError(errors, file=file)
    return parsed


def read_table(
    path: str | os.PathLike, columns: Sequence[Column], *, check: RowCheck | None = None
) -> list[TableRow]:
    """Read a CSV or XLSX file against ``columns``; see :func:`parse_rows`."""
    name = str(path)
    if not Path(path).is_file():
        raise FormatError("file does not exist or is not a file", file=name, reason_nb="filen finnes ikke")
    try:
        rows = read_rows(path)
    except FormatError as exc:
        raise exc.at(name) from None
    return parse_rows(rows, columns, file=name, check=check)


# --- writing ------------------------------------------------------------------------------------

#: The Norwegian way of writing a date in a table (what spreadsheet users here read and type).
DATE_FORMAT = "%d.%m.%Y"


def format_decimal(value: Decimal, *, places: int = 2) -> str:
    """``Decimal("1234.5")`` -> ``"1234,50"``: a decimal comma, at least ``places`` decimals,
    trailing zeros beyond them dropped, no thousands separator (so no reader takes it for a list)."""
    if not value.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0").ljust(places, "0")
    return f"{whole},{fraction}" if fraction else whole


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    return str(value)


def write_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """A table as CSV for Norwegian spreadsheets: UTF-8 with BOM, ``;`` between cells, CRLF line
    ends, decimal commas and ``dd.mm.åååå`` dates; :func:`read_csv_rows` reads it back."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(header: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str = "Ark1") -> bytes:
    """A table as a one-sheet XLSX workbook: amounts as numbers shown with two decimals, dates as
    dates shown ``dd.mm.åååå``, a bold frozen header row; :func:`read_xlsx_rows` reads it back.
    (A spreadsheet cell holds a binary float: amounts with more than 15 significant digits are
    written as text, so that no øre is lost.)"""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, Decimal):
                exact = len(value.normalize().as_tuple().digits) <= 15
                cells.append(value if exact else format_decimal(value))
            else:
                cells.append(value)
        sheet.append(cells)
        for cell, value in zip(sheet[sheet.max_row], row, strict=True):
            if isinstance(value, Decimal) and not isinstance(cell.value, str):
                cell.number_format = "#,##0.00##"
            elif isinstance(value, date):
                cell.number_format = "DD.MM.YYYY"
    for index, name in enumerate(header, start=1):
        width = max([len(str(name))] + [len(_csv_cell(r[index - 1])) for r in rows]) + 2
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(width, 60)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
