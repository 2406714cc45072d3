"""The contract manager follows up Dulten's demo year: overview, price deviations, one deviation, a
claim and its letter — each page without WCAG 2.1 A/AA violations."""

from __future__ import annotations

import re

import pytest

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.browser


def test_contract_manager_goes_from_overview_to_a_claim_letter(page):
    log_in(page, "avtaleforvalter")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Oppfølging").click()
    page.wait_for_load_state("networkidle")
    assert re.fullmatch(r"Oppfølging \d{4}", page.get_by_role("heading", level=1).inner_text())
    assert page.get_by_role("img", name=re.compile(r"^Kjøp per måned \d{4}")).count() == 1
    assert axe_violations(page) == []

    page.goto("/oppfolging/avvik/?code=PRICE_ABOVE_AGREEMENT")
    links = page.locator("table tbody tr td:nth-child(2) a")
    assert links.count() >= 1
    assert set(links.all_inner_texts()) == {"Pris over avtalt pris"}
    assert axe_violations(page) == []

    links.first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text() == "Pris over avtalt pris"
    assert page.get_by_role("row", name=re.compile("^Avtalt enhetspris")).count() == 1
    assert axe_violations(page) == []

    page.goto("/oppfolging/krav/")
    page.locator("table tbody tr td:first-child a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Krav om tilbakebetaling KRAV-")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Les brevet").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Krav om tilbakebetaling – KRAV-")
    assert page.get_by_text("Sum krav").count() == 1
    assert axe_violations(page) == []

    pdf = page.request.get(page.get_by_role("link", name="Brevet som PDF").first.get_attribute("href"))
    assert (pdf.status, pdf.headers["content-type"], pdf.body()[:5]) == (200, "application/pdf", b"%PDF-")
