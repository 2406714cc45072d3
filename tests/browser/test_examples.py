"""The example bank in a real browser: search, detail, tips and the editor form, with axe-core."""

import pytest

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.browser


def test_a_visitor_searches_for_furniture_and_finds_asker_and_baerum(page):
    page.goto("/eksempler/")
    page.get_by_label("Søk", exact=True).fill("møbel")
    page.get_by_role("search").get_by_role("button", name="Søk").click()
    titles = page.locator(".gk-ex-hits h3").all_inner_texts()
    assert titles[:3] == [
        "Ombruk av møbler i Asker kommune",
        "Bærums nye stolthet har 80 prosent brukte møbler",
        "Froland: ny ungdomsskole med brukte møbler til en tredel av nypris",
    ]
    assert page.get_by_role("heading", level=2, name="5 eksempler").is_visible()


def test_a_visitor_filters_by_county_and_reads_an_example(page):
    page.goto("/eksempler/")
    page.get_by_role("group", name="Fylke").get_by_label("Akershus").check()
    page.get_by_role("button", name="Vis treff").click()
    page.get_by_role("link", name="Ombruk av møbler i Asker kommune").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ombruk av møbler i Asker kommune"
    facts = page.get_by_role("complementary")
    assert facts.get_by_text("1 400 000 kr").is_visible()
    assert facts.get_by_text("40,6 tonn CO2e").is_visible()


def test_the_list_has_no_wcag_21_aa_violations(page):
    page.goto("/eksempler/?q=møbel&kategori=mobler")
    assert axe_violations(page) == []


def test_the_detail_page_has_no_wcag_21_aa_violations(page):
    page.goto("/eksempler/ombruk-av-mobler-i-asker-kommune/")
    assert axe_violations(page) == []


def test_the_tip_form_and_its_errors_have_no_wcag_21_aa_violations(page):
    page.goto("/eksempler/tips/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send tipset").click()
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []


def test_the_editor_form_has_no_wcag_21_aa_violations(page):
    log_in(page, "redaktor")
    page.goto("/eksempler/redaksjon/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ombruk av møbler i Asker kommune").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Endre «Ombruk av møbler i Asker kommune»"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Forhåndsvis").click()
    assert page.get_by_role("heading", name="Forhåndsvisning av teksten").is_visible()
    assert axe_violations(page) == []
