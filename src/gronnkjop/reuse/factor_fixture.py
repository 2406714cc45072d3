"""The initial factor table: published CO2e figures per item type, each with its source.

These are the facts of ``../shared/data/climate/reuse-item-factors.csv`` (numbers and source
citations), kept in the repository so the app never depends on that folder; the table is editable in
the app, and every edit is a new version. Rows without a figure (doors, windows, …) are item types
for which no factor has been published: their savings use the per-kg fallback (``per_kg``).

Columns: item type, category code, kg CO2e of a new item, kg CO2e saved by reuse, basis, source.
"""

from __future__ import annotations

from decimal import Decimal

PER_KG = "per_kg"

D = Decimal

#: (item_type, category, kg_co2e_new, kg_co2e_saved, basis, source)
ROWS: list[tuple[str, str, Decimal | None, Decimal | None, str, str]] = [
    (
        "office_chair",
        "furniture.chairs",
        D("72"),
        D("64"),
        "new: average lifetime footprint of an office chair with height mechanism; saved: assumes 90 % "
        "of material kept when reused or redesigned",
        "FIRA figure as quoted by officeresale.co.uk and the Greenstock blog",
    ),
    (
        "task_chair",
        "furniture.chairs",
        D("85"),
        None,
        "typical EPD range 80-90 kg CO2e, midpoint",
        "coggin-sos.co.uk, the carbon footprint of office furniture",
    ),
    (
        "school_chair",
        "furniture.school",
        D("34.6"),
        None,
        "one product (Holmris B8 school chair) from the Maalbar tool",
        "borsen.dk",
    ),
    (
        "fixed_desk",
        "furniture.desks",
        D("100"),
        None,
        "typical EPD range 90-110 kg CO2e, midpoint",
        "coggin-sos.co.uk",
    ),
    (
        "height_adjustable_desk",
        "furniture.desks",
        D("135"),
        None,
        "typical EPD range 110-160 kg CO2e, midpoint",
        "coggin-sos.co.uk",
    ),
    (
        "pedestal_steel",
        "furniture.storage",
        D("44"),
        None,
        "steel pedestal",
        "FIRA figure as quoted by officeresale.co.uk",
    ),
    (
        "laptop",
        "ict.laptops",
        D("300"),
        D("225"),
        "new 300 kg vs used 75 kg per laptop",
        "DFØ example bank, used PC equipment in Sør-Varanger",
    ),
    (
        "desktop_pc",
        "ict.desktops",
        None,
        D("109"),
        "avoided by reuse",
        "TU Berlin 2005 model, as quoted by puc.be",
    ),
    (
        "monitor",
        "ict.monitors",
        None,
        D("41"),
        "avoided by reuse",
        "TU Berlin 2005 model, as quoted by puc.be",
    ),
    (
        "smartphone",
        "ict.phones",
        None,
        D("27"),
        "avoided by reuse",
        "TU Berlin 2005 model, as quoted by puc.be",
    ),
]

#: Our own wording (the rows above quote the published table as it stands, with its source).
NO_FACTOR = "Ingen publisert faktor per gjenstand; reserveverdien per kg brukes"

#: Item types with no published factor: the per-kg fallback is used for them.
WITHOUT_FACTOR: list[tuple[str, str]] = [
    ("bookshelf", "furniture.storage"),
    ("table", "furniture.tables"),
    ("sofa", "furniture.sofas"),
    ("school_desk", "furniture.school"),
    ("tablet", "ict.tablets"),
    ("docking_station", "ict.docking"),
    ("door", "building.doors"),
    ("window", "building.windows"),
    ("sanitary", "building.sanitary"),
    ("tiles", "building.tiles"),
    ("timber", "building.timber"),
    ("steel", "building.steel"),
    ("other", "other.other"),
]

#: The per-kg fallback starts unset (0): enter a factor and its source in the app before relying on it.
FALLBACK = (PER_KG, "other.other", None, D("0"), "kg CO2e spart per kg ombrukt gjenstand", "Ikke satt ennå")


def all_rows() -> list[tuple[str, str, Decimal | None, Decimal | None, str, str]]:
    return [*ROWS, *((key, cat, None, None, NO_FACTOR, "") for key, cat in WITHOUT_FACTOR), FALLBACK]
