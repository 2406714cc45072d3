"""Bulk registration from CSV or XLSX (kartlegging of a whole building), all rows or none.

Columns (Norwegian headers accepted too): ``item_type`` (a key of the factor table or its name,
``Kontorstol`` or ``office_chair``), ``category``,
``title``, ``quantity``, ``condition``, ``location``, ``new_price``, ``weight_kg``, and optionally
``code`` (re-importing a row with the same code updates that item instead of adding one),
``description`` and ``floor`` / ``room``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from gronnkjop.core.models import Organisation
from gronnkjop.core.text import sort_key
from gronnkjop.formats.errors import CellError, FormatError, PriceListRowError, TableError
from gronnkjop.formats.tables import Column, TableRow, choice, parse_amount, parse_rows, parse_text, read_rows

from . import services
from .categories import GROUPS, LEAVES, TREE
from .factor_fixture import PER_KG
from .item_types import item_type_name
from .models import Condition, Factor, ReuseItem

CONDITIONS = {
    "as_new": Condition.AS_NEW,
    "som ny": Condition.AS_NEW,
    "good": Condition.GOOD,
    "god": Condition.GOOD,
    "usable": Condition.USABLE,
    "brukbar": Condition.USABLE,
    "needs_repair": Condition.NEEDS_REPAIR,
    "må repareres": Condition.NEEDS_REPAIR,
}


def _names_and_keys(keys, name_of) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each key by itself and by its name in bokmål and English (``Kontorstol`` and ``Office
    chair`` stand for ``office_chair``), and the names per language in alphabetical order, "other"
    last, for error messages."""
    from django.utils import translation

    mapping: dict[str, str] = {key: key for key in keys}
    names: dict[str, list[str]] = {}
    for language in ("nb", "en"):
        with translation.override(language):
            named = {key: name_of(key) for key in keys}
        for key, name in named.items():
            mapping.setdefault(name, key)
        names[language] = [
            named[key] for key in sorted(named, key=lambda k: (k == "other", sort_key(named[k])))
        ]
    return mapping, names


def _category_map() -> dict[str, str]:
    from django.utils import translation

    mapping: dict[str, str] = {code: code for code in LEAVES}
    for language in ("nb", "en"):
        with translation.override(language):
            for code, label in LEAVES.items():
                mapping.setdefault(str(label), code)
            for group, leaves in TREE.items():
                # A group name alone means its "other" leaf (e.g. "Møbler" → furniture.other).
                mapping.setdefault(str(GROUPS[group]), leaves[-1][0])
    return mapping


def parse_quantity(value: Any) -> int:
    number = parse_amount(value)
    if number != number.to_integral_value() or number < 1:
        raise CellError(
            f"{value!r} is not a whole number of at least 1", f"{value!r} er ikke et helt tall på minst 1"
        )
    return int(number)


def parse_positive(value: Any) -> Decimal:
    return parse_amount(value)


def _longest(field: str) -> int:
    """The length the item's ``field`` holds, so that a longer cell is named with its row."""
    return ReuseItem._meta.get_field(field).max_length


def columns() -> tuple[Column, ...]:
    keys = Factor.objects.filter(current=True).exclude(item_type=PER_KG).values_list("item_type", flat=True)
    item_types, names = _names_and_keys(keys, item_type_name)
    # item_type, title and quantity are required; the other columns may be empty or left out.
    extra = {"required": False, "optional": True}
    return (
        Column(
            "item_type",
            choice(item_types, allowed="; ".join(names["en"]), allowed_nb="; ".join(names["nb"])),
            aliases=("varetype", "type", "gjenstandstype"),
        ),
        Column(
            "title", parse_text, aliases=("tittel", "navn", "beskrivelse_kort"), max_length=_longest("title")
        ),
        Column("quantity", parse_quantity, aliases=("antall", "qty")),
        Column("category", choice(_category_map()), aliases=("kategori",), **extra),
        Column("condition", choice(CONDITIONS), aliases=("tilstand",), default=Condition.GOOD, **extra),
        Column(
            "location",
            str,
            aliases=("plassering", "sted", "lokasjon"),
            default="",
            max_length=_longest("site"),
            **extra,
        ),
        Column("new_price", parse_amount, aliases=("nypris", "pris_ny", "pris_som_ny"), **extra),
        Column("weight_kg", parse_amount, aliases=("vekt_kg", "vekt"), **extra),
        Column(
            "code", str, aliases=("kode", "id", "strekkode"), default="", max_length=_longest("code"), **extra
        ),
        Column(
            "description",
            str,
            aliases=("beskrivelse",),
            default="",
            max_length=_longest("description"),
            **extra,
        ),
        Column("floor", str, aliases=("etasje",), default="", max_length=_longest("floor"), **extra),
        Column("room", str, aliases=("rom",), default="", max_length=_longest("room"), **extra),
    )


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do: each row with the item it would create or update."""

    rows: list[TableRow]
    updates: dict[int, ReuseItem]  # row number -> existing item with the same code

    @property
    def creates(self) -> int:
        return len(self.rows) - len(self.updates)


def _duplicate_codes(rows: list[TableRow]) -> list[PriceListRowError]:
    seen: dict[str, int] = {}
    errors = []
    for row in rows:
        code = row["code"]
        if code and code in seen:
            errors.append(
                PriceListRowError(
                    row.row,
                    "code",
                    f"the code {code!r} is also on row {seen[code]}",
                    reason_nb=f"koden {code!r} står også på rad {seen[code]}",
                    column_nb="kode",
                )
            )
        seen.setdefault(code, row.row)
    return errors


def import_plan(*, organisation: Organisation, rows: list[list[Any]], file: str | None = None) -> ImportPlan:
    """Parse every row; raise :class:`TableError` listing every bad cell, else return the plan."""
    parsed = parse_rows(rows, columns(), file=file, check=_duplicate_codes)
    codes = [row["code"] for row in parsed if row["code"]]
    existing = {
        item.code: item for item in ReuseItem.objects.filter(organisation=organisation, code__in=codes)
    }
    updates = {row.row: existing[row["code"]] for row in parsed if row["code"] in existing}
    return ImportPlan(parsed, updates)


def import_plan_file(*, organisation: Organisation, path: str | Path) -> ImportPlan:
    name = str(path)
    if not Path(path).is_file():
        raise FormatError("file does not exist or is not a file", file=name, reason_nb="filen finnes ikke")
    try:
        rows = read_rows(path)
    except FormatError as exc:
        raise exc.at(name) from None
    return import_plan(organisation=organisation, rows=rows, file=name)


def _fields(row: TableRow) -> dict:
    values = row.values
    fields = {
        "item_type": values["item_type"],
        "title": values["title"],
        "quantity": values["quantity"],
        "condition": values["condition"],
        "site": values["location"] or "",
        "floor": values["floor"] or "",
        "room": values["room"] or "",
        "description": values["description"] or "",
        "new_price": values["new_price"].quantize(Decimal("0.01"))
        if values["new_price"] is not None
        else None,
        "weight_kg": values["weight_kg"],
    }
    if values["category"]:
        fields["category"] = values["category"]
    if values["code"]:
        fields["code"] = values["code"]
    return fields


@transaction.atomic
def import_apply(*, organisation: Organisation, plan: ImportPlan, by) -> tuple[int, int]:
    """Apply a plan in one transaction; returns (created, updated)."""
    created = updated = 0
    for row in plan.rows:
        fields = _fields(row)
        existing = plan.updates.get(row.row)
        if existing is None:
            services.item_register(organisation=organisation, by=by, **fields)
            created += 1
        else:
            if "category" not in fields:
                fields["category"] = existing.category
            services.item_update(organisation=organisation, item=existing, by=by, **fields)
            updated += 1
    return created, updated


__all__ = ["ImportPlan", "TableError", "import_apply", "import_plan", "import_plan_file"]
