import pytest

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.browser


def test_procurement_officer_logs_in_and_sees_the_start_page(page):
    log_in(page, "innkjoper")
    assert page.url.endswith("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Dulten kommune"
    assert page.get_by_role("heading", name="Dine roller").is_visible()
    assert page.locator("#h-you + ul li").all_inner_texts() == ["Innkjøper"]
    assert (
        page.get_by_role("navigation", name="Hovedmeny")
        .get_by_role("link", name="Oversikt")
        .get_attribute("aria-current")
        == "page"
    )


def test_the_key_figures_are_laid_out_as_cards_with_their_notes_on_a_line_of_their_own(page):
    log_in(page, "leder")
    figures = page.locator("dl.gk-kpis")
    assert figures.evaluate("el => getComputedStyle(el).display") == "grid"
    note = figures.locator("dd small").first
    assert note.evaluate("el => getComputedStyle(el).display") == "block"
    card = figures.locator(".gk-kpi").first
    assert card.evaluate("el => getComputedStyle(el).borderTopStyle") == "solid"


def test_no_key_figure_runs_out_of_its_card(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "leder")
    overflowing = page.locator("dl.gk-kpis .gk-kpi").evaluate_all(
        "cards => cards.filter(c => c.scrollWidth > c.clientWidth).map(c => c.innerText)"
    )
    assert overflowing == []


def test_on_a_phone_the_page_never_scrolls_sideways_for_a_user_of_two_organisations(page):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "innkjoper")  # also a member of the collaboration: the header has the switcher
    assert page.locator(".gk-switcher").is_visible()
    for path in ("/", "/avtaler/", "/ombruk/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_a_form_sent_back_with_errors_moves_focus_to_its_error_summary(page):
    log_in(page, "avtaleforvalter")
    page.goto("/avtaler/ny/")
    page.locator("form.gk-form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.activeElement.classList.contains('ds-error-summary')") is True


def test_start_page_has_no_wcag_21_aa_violations(page):
    log_in(page, "innkjoper")
    assert axe_violations(page) == []


def test_log_in_page_has_no_wcag_21_aa_violations(page):
    page.goto("/konto/innlogging/")
    assert axe_violations(page) == []


def test_wrong_password_shows_an_error_summary_that_is_accessible(page):
    log_in(page, "innkjoper", "feil-passord")
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []


def test_english_is_one_click_away(page):
    log_in(page, "leder")
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", name="Your roles").is_visible()
    page.get_by_role("button", name="Norsk (bokmål)").click()
    assert page.get_by_role("heading", name="Dine roller").is_visible()


def test_the_axe_check_does_find_violations(page):
    """Guards the harness: a page with an unlabeled input and an image without text must fail."""
    page.set_content(
        '<html lang="nb"><head><title>x</title></head><body><main><img src="x.png">'
        '<input type="text"></main></body></html>'
    )
    assert sorted(v["id"] for v in axe_violations(page)) == ["image-alt", "label"]
