"""The names of the item types of the factor table, for people (the keys stay in data and imports)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .factor_fixture import PER_KG

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
