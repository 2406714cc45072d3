"""The names of the item types of the factor table, for people (the keys stay in data and imports)."""

from __future__ import annotations

from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from .factor_fixture import FALLBACK, NO_FACTOR, PER_KG, ROWS

ITEM_TYPE_NAMES = {
    "office_chair": _("Office chair"),
    "task_chair": _("Task chair"),
    "school_chair": _("School chair"),
    "fixed_desk": _("Desk, fixed height"),
    "height_adjustable_desk": _("Desk, height adjustable"),
    "pedestal_steel": _("Steel pedestal"),
    "laptop": _("Laptop"),
    "desktop_pc": _("Desktop PC"),
    "monitor": _("Monitor"),
    "smartphone": _("Smartphone"),
    "bookshelf": _("Bookshelf"),
    "table": _("Table"),
    "sofa": _("Sofa"),
    "school_desk": _("School desk"),
    "tablet": _("Tablet"),
    "docking_station": _("Docking station"),
    "door": _("Door"),
    "window": _("Window"),
    "sanitary": _("Sanitary ware"),
    "tiles": _("Tiles"),
    "timber": _("Timber"),
    "steel": _("Steel"),
    "other": _("Other"),
    PER_KG: _("Per kg (fallback)"),
}


def item_type_name(key: str) -> str:
    """The name of an item type; an unknown key (one an administrator added) is shown as it is."""
    name = ITEM_TYPE_NAMES.get(key)
    return str(name) if name is not None else key


#: The factor table's own texts, stored in bokmål (the published rows keep their source's wording),
#: as they read in the interface language.
OWN_TEXTS = {
    NO_FACTOR: _("No published factor per item; the per-kg fallback is used"),
    FALLBACK[4]: _("kg CO2e saved per kg of reused item"),
    FALLBACK[5]: _("Not set yet"),
}


#: The bases of the published factors (``factor_fixture.ROWS``), kept in the data as the source
#: wrote them, listed here so that they are translated for the bokmål interface. A test holds this
#: list to the fixture.
PUBLISHED_BASES = (
    gettext_noop(
        "new: average lifetime footprint of an office chair with height mechanism; saved: assumes 90 % of "
        "material kept when reused or redesigned"
    ),
    gettext_noop("typical EPD range 80-90 kg CO2e, midpoint"),
    gettext_noop("one product (Holmris B8 school chair) from the Maalbar tool"),
    gettext_noop("typical EPD range 90-110 kg CO2e, midpoint"),
    gettext_noop("typical EPD range 110-160 kg CO2e, midpoint"),
    gettext_noop("steel pedestal"),
    gettext_noop("new 300 kg vs used 75 kg per laptop"),
    gettext_noop("avoided by reuse"),
)


def factor_text(text: str) -> str:
    """A basis of the factor table in the interface language: our own texts, and the published
    bases translated (the sources, which cite, stay as written). Text an administrator entered is
    shown as it is."""
    own = OWN_TEXTS.get(text)
    if own is not None:
        return str(own)
    return gettext(text) if text in PUBLISHED_BASES else text


#: The sources of the published factors, which cite English-language publications in English: on a
#: page in another language they are marked ``lang="en"`` so that a screen reader reads them as
#: English (WCAG 2.1 3.1.2, language of parts).
PUBLISHED_SOURCES = frozenset(row[5] for row in ROWS if row[5])


def factor_source(text: str) -> tuple[str, str | None]:
    """(the source as shown, its language when it differs from the page's, else None)."""
    if text in PUBLISHED_SOURCES:
        return text, (None if get_language() == "en" else "en")
    return factor_text(text), None
