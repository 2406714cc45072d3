"""WCAG 2.1 1.4.10 (reflow): on a phone 390 px wide no page scrolls sideways. Wide tables scroll in their
own box; description lists, headings with long compound words and button rows wrap.

The test walks the links from the start page (one page of each address shape: /avtaler/3/ stands for
every contract) as two users whose menus differ, so new pages are covered without being listed here.
"""

from __future__ import annotations

import re

import pytest

from .conftest import log_in

pytestmark = pytest.mark.browser

#: Links that lead to files (downloads, PDFs, XML) rather than pages, or out of the app.
NOT_PAGES = re.compile(
    r"\.(pdf|csv|xlsx|docx|ics|xml)$|/(xml|pdf|fil|dokument[^/]*|eksport[^/]*)/|^/(api|admin)/|logg-?ut"
)
WIDER_THAN_THE_SCREEN = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def _walk(page, limit: int) -> tuple[int, list[str]]:
    seen: set[str] = set()
    queue, wide = ["/"], []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        shape = re.sub(r"\d+", "N", path.split("?")[0])
        if shape in seen or NOT_PAGES.search(path.split("?")[0]):
            continue
        seen.add(shape)
        response = page.goto(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        if page.evaluate(WIDER_THAN_THE_SCREEN):
            wide.append(path)
        queue += page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
    return len(seen), wide


@pytest.mark.parametrize("user", ["admin", "behovseier"])
def test_no_page_scrolls_sideways_on_a_phone(page, user):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, user)
    visited, wide = _walk(page, limit=120)
    assert visited >= 40, "the walk reached too few pages to say anything"
    assert wide == []
