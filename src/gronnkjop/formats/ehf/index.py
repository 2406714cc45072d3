"""The children of every element of one parsed document by tag, built in one walk of the tree.

Reading an element's children costs a Python iterator and a call per child; a dictionary lookup
costs a tenth of that. The reader and the validator both navigate the same elements (parties,
lines, items, prices, tax categories), so they share one :class:`TreeIndex`, filled by whichever
of them runs first:

```python
tree = _xml.parse_bytes(data)
index = TreeIndex()
report = validate_tree(tree, index=index)       # fills the index in the walk it makes anyway
invoice = invoice_from_tree(tree, index=index)  # only looks elements up
```

An index belongs to one tree that is not changed while the index is in use.
"""

from __future__ import annotations

from types import MappingProxyType

from lxml import etree

Element = etree._Element

#: The children of a leaf: a read-only empty mapping.
NO_CHILDREN: MappingProxyType = MappingProxyType({})


class TreeIndex(dict):
    """Children by tag (``{tag: [child, ...]}`` in document order), per element with children:
    ``index.kids(el)`` (or ``index[el]``); do not modify what it returns. A dictionary keyed by
    element, so that a lookup costs no Python call.

    :meth:`fill` indexes a whole tree in one walk (the validator fills the index in the walk it
    makes for its own needs, see :class:`~gronnkjop.formats.ehf.rules.Doc`). Once filled, an
    element that is not a key has no children (:data:`NO_CHILDREN`). An element of an index that
    was never filled is indexed when first asked for.

    Comments and processing instructions are kept under their (non-string) tags, so a lookup by
    a Clark-notation tag never finds them.
    """

    __slots__ = ("filled",)

    def __init__(self) -> None:
        super().__init__()
        #: True once every element of the tree has been filed under its parent
        self.filled = False

    def fill(self, root: Element) -> TreeIndex:
        """Index the whole tree under ``root`` in one walk (nothing happens when it is filled).
        The validator's walk (``rules._base.Doc``) does the same inline, with its own filing."""
        if self.filled:
            return self
        if self:  # elements indexed one by one before: start again from a clean slate
            self.clear()
        for el in root.iter():
            if el is root:
                continue
            tag = el.tag
            parent = el.getparent()
            siblings = self.get(parent)
            if siblings is None:
                self[parent] = {tag: [el]}
            else:
                bucket = siblings.get(tag)
                if bucket is None:
                    siblings[tag] = [el]
                else:
                    bucket.append(el)
        self.filled = True
        return self

    def __missing__(self, el: Element) -> dict[str, list[Element]]:
        if self.filled:
            return NO_CHILDREN  # type: ignore[return-value]
        found: dict[str, list[Element]] = {}
        for child in el:
            tag = child.tag
            bucket = found.get(tag)
            if bucket is None:
                found[tag] = [child]
            else:
                bucket.append(child)
        self[el] = found
        return found

    #: ``kids(el)``: the children of ``el`` by tag
    kids = dict.__getitem__

    @property
    def children(self) -> dict[Element, dict[str, list[Element]]]:
        """The maps built so far, by element (the index itself)."""
        return self
