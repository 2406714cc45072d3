"""The main navigation, built from what each app registers in its ``AppConfig.ready()``.

Only areas that exist appear; an item that needs a capability is shown only to users who have it, and
public items (the example bank, the public reuse page) also to visitors who are not logged in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str  # a lazy translation
    url_name: str
    capability: str | None = "view"  # None: shown to everyone, logged in or not
    order: int = 100
    prefix: str | None = None  # URL prefix that marks the item as current; defaults to its own URL

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda i: i.order)


def items_for(request) -> list[dict]:
    """The items this visitor may see; the one whose prefix matches the path longest is current."""
    access = getattr(request, "access", None)
    path = request.path
    visible = []
    for item in _ITEMS:
        if item.capability is not None and not (access and access.can(item.capability)):
            continue
        url = item.url
        prefix = item.prefix or url
        matches = path == url if prefix == "/" else path.startswith(prefix)
        visible.append((item, url, len(prefix) if matches else -1))
    best = max((length for _, _, length in visible), default=-1)
    return [
        {"label": item.label, "url": url, "current": length >= 0 and length == best}
        for item, url, length in visible
    ]
