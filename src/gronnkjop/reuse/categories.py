"""The category tree of reusable items, with stable codes (``furniture.desks``) and bokmål labels.

A category code is ``<group>.<kind>``; a filter on a group (``furniture``) matches all its kinds.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

GROUPS: dict[str, object] = {
    "furniture": _("Furniture"),
    "ict": _("ICT equipment"),
    "building": _("Building materials"),
    "other": _("Other"),
}

#: (code, label) for every leaf, grouped in tree order.
TREE: dict[str, list[tuple[str, object]]] = {
    "furniture": [
        ("furniture.chairs", _("Chairs")),
        ("furniture.desks", _("Desks")),
        ("furniture.tables", _("Tables")),
        ("furniture.storage", _("Storage and shelves")),
        ("furniture.sofas", _("Sofas and lounge furniture")),
        ("furniture.school", _("School furniture")),
        ("furniture.other", _("Other furniture")),
    ],
    "ict": [
        ("ict.laptops", _("Laptops")),
        ("ict.desktops", _("Desktop computers")),
        ("ict.monitors", _("Monitors")),
        ("ict.phones", _("Mobile phones")),
        ("ict.tablets", _("Tablets")),
        ("ict.docking", _("Docking stations")),
        ("ict.other", _("Other ICT equipment")),
    ],
    "building": [
        ("building.doors", _("Doors")),
        ("building.windows", _("Windows")),
        ("building.sanitary", _("Sanitary fittings")),
        ("building.tiles", _("Tiles")),
        ("building.timber", _("Timber")),
        ("building.steel", _("Steel")),
        ("building.other", _("Other building materials")),
    ],
    "other": [("other.other", _("Other"))],
}

LEAVES: dict[str, object] = {code: label for leaves in TREE.values() for code, label in leaves}


def category_choices() -> list[tuple[object, list[tuple[str, object]]]]:
    """Grouped choices for a select (optgroups by top-level category)."""
    return [(GROUPS[group], leaves) for group, leaves in TREE.items()]


def filter_choices() -> list[tuple[str, object]]:
    """Flat choices for a filter: each group, then its leaves indented."""
    result: list[tuple[str, object]] = []
    for group, leaves in TREE.items():
        result.append((group, GROUPS[group]))
        result += [(code, label) for code, label in leaves]
    return result


def category_label(code: str) -> object:
    return LEAVES.get(code) or GROUPS.get(code) or code


def category_group(code: str) -> str:
    return code.split(".", 1)[0]
