"""The rule registry of the EHF validator.

Each module checks one rule set and declares the rule ids it implements in ``IMPLEMENTED``;
:func:`run` applies them all to one document. Rule metadata (rule set, flag, official English
message) comes from the generated :mod:`.catalogue`, the bokmål messages from
:mod:`..messages_nb`.
"""

from __future__ import annotations

from ..index import TreeIndex
from . import codelists, en16931, national, norway, peppol, ubl, vat
from ._base import Doc, Element, element_path
from .catalogue import RULES

MODULES = (en16931, vat, codelists, ubl, peppol, norway, national)

#: Every rule id the validator checks.
IMPLEMENTED: frozenset[str] = frozenset().union(*(m.IMPLEMENTED for m in MODULES))


def run(root: Element, index: TreeIndex | None = None) -> list[tuple[str, Element]]:
    """Apply every rule to the document whose root element is ``root``; returns (rule id, element)
    pairs in the order they fired. ``index`` may be shared with the reader (see :mod:`..index`)."""
    doc = Doc(root, index)
    for module in MODULES:
        module.check(doc)
    return doc.fired


__all__ = ["IMPLEMENTED", "MODULES", "RULES", "Doc", "element_path", "run"]
