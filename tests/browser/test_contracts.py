import re

import pytest
from django.utils import timezone

from gronnkjop.contracts.dates import add_months
from gronnkjop.contracts.demo import PRICES

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.browser


def _office_price_list(path):
    """The demo's office-supplies price list as a CSV, with one price raised, one article dropped
    and one new article from this month (the demo's dates are relative to this month too)."""
    month0 = timezone.localdate().replace(day=1)
    start, change = add_months(month0, -10), add_months(month0, -6)
    lines = ["kontraktsnummer;artikkelnummer;beskrivelse;enhet;enhetspris;gyldig_fra;tilstand"]
    for article, description, unit, price, condition in PRICES["DUL-103"]:
        if article == "KP-10072":
            continue
        prices = [(start, price)] if isinstance(price, str) else [(start, price[0]), (change, price[1])]
        for valid_from, amount in prices:
            amount = "115" if article == "KP-10002" else amount
            lines.append(f"DUL-103;{article};{description};{unit};{amount};{valid_from:%d.%m.%Y};{condition}")
    lines.append(f"DUL-103;KP-10099;Whiteboardsvamp;EA;39;{month0:%d.%m.%Y};new")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _open_contract(page, number: str) -> None:
    page.goto("/avtaler/")
    page.get_by_role("link", name=number, exact=True).click()
    page.wait_for_load_state("networkidle")


def test_contract_manager_finds_a_contract_and_its_price_list(page):
    log_in(page, "avtaleforvalter")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Avtaler").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Avtaler"
    page.get_by_role("textbox", name=re.compile("^Søk")).fill("kontorrekvisita og")
    page.get_by_role("button", name="Vis avtaler").click()
    assert page.locator("table tbody tr").count() == 1
    page.get_by_role("link", name="DUL-103", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "DUL-103 Kontorrekvisita og forbruksmateriell"
    assert page.get_by_text(re.compile(r"Ordre under 1\s000,00\skr får et gebyr på 95,00\skr")).is_visible()
    page.get_by_label("Søk etter artikler").fill("toner")
    page.get_by_role("button", name="Søk", exact=True).click()
    rows = page.get_by_role("table", name="Prisliste").locator("tbody tr")
    assert rows.count() == 2


def test_contract_list_detail_form_and_annual_cycle_have_no_wcag_violations(page):
    log_in(page, "avtaleforvalter")
    page.goto("/avtaler/")
    assert axe_violations(page) == []
    _open_contract(page, "SAM-201")
    assert page.get_by_text("En fellesavtale i").is_visible()
    assert axe_violations(page) == []
    _open_contract(page, "DUL-101")
    page.get_by_role("link", name="Endre", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Endre avtale"
    assert axe_violations(page) == []
    page.goto("/avtaler/arshjul/")
    assert page.get_by_role("heading", level=1).inner_text() == "Årshjul"
    assert page.locator("section.gk-month").count() >= 6
    assert axe_violations(page) == []


def test_price_list_import_previews_the_changes_before_applying(page, tmp_path):
    log_in(page, "avtaleforvalter")
    page.goto("/avtaler/prisliste/import/")
    page.get_by_label("Fil").set_input_files(str(_office_price_list(tmp_path / "prisliste.csv")))
    page.get_by_role("button", name="Vis endringer").click()
    summary = page.get_by_text(re.compile(r"\d+ nye, \d+ endret, \d+ fjernet, \d+ uendret\."))
    assert summary.inner_text().startswith("1 nye, 1 endret, 1 fjernet, 27 uendret.")
    assert (
        page.get_by_role("table", name="Endret")
        .locator("tbody tr")
        .all_inner_texts()[0]
        .startswith("4\tDUL-103\tKP-10002")
    )
    assert page.get_by_role("button", name="Lagre endringene").is_visible()
    assert axe_violations(page) == []


def test_leader_reads_contracts_but_has_no_edit_buttons(page):
    log_in(page, "leder")
    _open_contract(page, "DUL-105")
    assert page.get_by_text(re.compile(r"^25,0\s%$")).is_visible()
    assert page.get_by_role("link", name="Endre", exact=True).count() == 0
    assert page.get_by_role("link", name="Ny avtale").count() == 0
