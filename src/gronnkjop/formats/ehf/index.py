"""The children of every element of one parsed document by tag, computed once per element.

Reading an element's children costs a Python call per child (lxml builds the Clark-notation tag
string each time); a dictionary lookup costs a tenth of that. The reader and the validator both
navigate the same elements (parties, lines, items, prices, tax categories), so they can share one
:class:`TreeIndex`:

```python
tree = _xml.parse_bytes(data)
index = TreeIndex()
invoice = invoice_from_tree(tree, index=index)
report = validate_tree(tree, index=index)
```

An index belongs to one tree that is not changed while the index is in use.
"""

from __future__ import annotations

from lxml import etree

Element = etree._Element


class TreeIndex:
    """Children by tag (``{tag: [child, ...]}`` in document order), per element, on demand.

    Comments and processing instructions are kept under their (non-string) tags, so a lookup by
    a Clark-notation tag never finds them.
    """

    __slots__ = ("children",)

    def __init__(self) -> None:
        self.children: dict[Element, dict[str, list[Element]]] = {}

    def kids(self, el: Element) -> dict[str, list[Element]]:
        """The children of ``el`` by tag (built on the first call for ``el``; do not modify)."""
        found = self.children.get(el)
        if found is None:
            found = {}
            for child in el:
                tag = child.tag
                bucket = found.get(tag)
                if bucket is None:
                    found[tag] = [child]
                else:
                    bucket.append(child)
            self.children[el] = found
        return found
