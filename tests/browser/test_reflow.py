"""WCAG 2.1 1.4.10 (reflow): on a phone 390 px wide no page scrolls sideways. Wide tables scroll in their
own box; description lists, headings with long compound words and button rows wrap. A table that
scrolls can be scrolled from the keyboard (WCAG 2.1.1; axe's rule ``scrollable-region-focusable``).

The test walks the links from the start page (one page of each address shape: /avtaler/3/ stands for
every contract) as two users whose menus differ, so new pages are covered without being listed here.
"""

from __future__ import annotations

import re

import pytest

from .conftest import AXE, log_in

pytestmark = pytest.mark.browser

#: Links that lead to files (downloads, PDFs, XML) rather than pages, or out of the app.
NOT_PAGES = re.compile(
    r"\.(pdf|csv|xlsx|docx|ics|xml)$|/(xml|pdf|fil|dokument[^/]*|eksport[^/]*)/|^/(api|admin)/|logg-?ut"
)
WIDER_THAN_THE_SCREEN = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
UNREACHABLE_SCROLLERS = (
    "async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['scrollable-region-focusable']}}))"
    ".violations.flatMap(v => v.nodes.map(n => n.target.join(' ')))"
)


def _walk(page, limit: int) -> tuple[int, list[str], list[str]]:
    seen: set[str] = set()
    queue, wide, unreachable = ["/"], [], []
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
        page.add_script_tag(path=str(AXE))
        unreachable += [f"{path} {target}" for target in page.evaluate(UNREACHABLE_SCROLLERS)]
        queue += page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
    return len(seen), wide, unreachable


@pytest.mark.parametrize("user", ["admin", "behovseier"])
def test_no_page_scrolls_sideways_on_a_phone(page, user):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, user)
    visited, wide, unreachable = _walk(page, limit=120)
    assert visited >= 40, "the walk reached too few pages to say anything"
    assert (wide, unreachable) == ([], [])
