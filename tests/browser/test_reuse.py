"""Reuse in a real browser: a need owner in Dulten finds Nordvik's desks, reserves them, and every
reuse page passes the axe-core WCAG 2.1 AA check."""

import re

import pytest

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.browser


def _nordvik_desks(page) -> None:
    page.goto("/ombruk/")
    page.get_by_label("Kategori").select_option(label="Skrivebord")
    page.get_by_label("Eier").select_option(label="Nordvik kommune")
    page.get_by_label("Bare ledige").check()
    page.get_by_role("button", name="Søk").click()
    page.wait_for_load_state("networkidle")


def test_need_owner_in_dulten_finds_and_reserves_nordviks_desks(page):
    log_in(page, "behovseier")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ombruk", exact=True).click()
    _nordvik_desks(page)
    cards = page.locator(".gk-item")
    assert cards.count() > 0
    assert set(cards.locator("p", has_text="Nordvik kommune").all_inner_texts()) != set()
    cards.first.get_by_role("link").click()
    page.wait_for_load_state("networkidle")
    assert "Nordvik kommune" in page.locator(".gk-facts").inner_text()
    title = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name="Reserver", exact=True).click()
    page.get_by_label("Antall enheter").fill("2")
    page.get_by_role("button", name="Reserver").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("status").inner_text().startswith(f"Du har reservert 2 × {title}.")
    assert page.get_by_role("heading", level=1).inner_text() == f"Reservasjon av 2 × {title}"
    assert "Forespurt" in page.locator(".gk-facts").inner_text()


def test_reserving_more_than_available_shows_an_accessible_error(page):
    log_in(page, "behovseier")
    _nordvik_desks(page)
    page.locator(".gk-item").first.get_by_role("link").click()
    page.get_by_role("link", name="Reserver", exact=True).click()
    page.get_by_label("Antall enheter").fill("999")
    page.get_by_role("button", name="Reserver").click()
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []


def test_both_see_the_saving_of_a_hand_over(page):
    log_in(page, "behovseier")
    page.goto("/ombruk/besparelser/")
    assert re.search(r"\d", page.locator(".gk-kpi").first.inner_text())
    assert page.get_by_role("img", name=re.compile("kg CO2e spart per måned")).is_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/ombruk/",
        "/ombruk/besparelser/",
        "/ombruk/reservasjoner/",
        "/ombruk/ikt/",
        "/ombruk/faktorer/",
        "/ombruk/import/",
        "/ombruk/ny/",
        "/ombruk/lagre/",
        "/ombruk/ikt/bestillinger/",
    ],
    ids=[
        "list",
        "savings",
        "reservations",
        "devices",
        "factors",
        "import",
        "register",
        "stores",
        "device-requests",
    ],
)
def test_reuse_pages_have_no_wcag_21_aa_violations(page, path):
    log_in(page, "innkjoper")
    page.goto(path)
    assert page.get_by_role("heading", level=1).is_visible()
    assert axe_violations(page) == []


def test_item_detail_and_reservation_form_have_no_wcag_21_aa_violations(page):
    log_in(page, "behovseier")
    _nordvik_desks(page)
    page.locator(".gk-item").first.get_by_role("link").click()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Reserver", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


def test_the_public_page_works_without_log_in(page):
    page.goto("/ombruk/offentlig/")
    assert page.get_by_role("heading", level=1).inner_text() == "Brukte gjenstander for alle"
    assert axe_violations(page) == []
    page.locator(".gk-item").first.get_by_role("link").click()
    page.wait_for_load_state("networkidle")
    assert "Eier" in page.locator(".gk-facts").inner_text()
    assert axe_violations(page) == []
