"""The children of every element of one parsed document by tag, computed once per element.

Reading an element's children costs a Python call per child (lxml builds the Clark-notation tag
string each time); a dictionary lookup costs a tenth of that. The reader and the validator both
navigate the same elements (parties, lines, items, prices, tax categories), so they can share one
:class:`TreeIndex`:

```python
tree = _xml.parse_bytes(data)
index = TreeIndex()
report = validate_tree(tree, index=index)       # indexes lines, items, prices, parties, ...
invoice = invoice_from_tree(tree, index=index)  # looks them up
```

An index belongs to one tree that is not changed while the index is in use.
"""

from __future__ import annotations

from lxml import etree

Element = etree._Element


class TreeIndex(dict):
    """Children by tag (``{tag: [child, ...]}`` in document order), per element, on demand:
    ``index.kids(el)`` (or ``index[el]``) builds the map on the first call for ``el``; do not modify
    it. A dictionary keyed by element, so that a lookup of an element already indexed costs no
    Python call.

    Comments and processing instructions are kept under their (non-string) tags, so a lookup by
    a Clark-notation tag never finds them.
    """

    __slots__ = ()

    def __missing__(self, el: Element) -> dict[str, list[Element]]:
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
