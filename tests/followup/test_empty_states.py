"""An empty follow-up list says whether there is nothing at all (and where it comes from) or the filter
left nothing (and how to clear it); a summary of nothing shows no sum."""

from __future__ import annotations

from django.urls import reverse

from .ui_fixtures import (  # noqa: F401 - fixtures
    D,
    login,
    make_claim,
    make_deviation,
    make_gain,
    make_invoice,
    make_ledger_line,
    org_a,
    org_b,
    users_a,
)

IMPORT_LINK = '<a class="ds-link" href="/oppfolging/import/">Import og kontroll</a>'


def _page(client, name: str, query: str = "") -> str:
    response = client.get(reverse(f"followup:{name}") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_invoices_none_at_all_points_to_the_import_page(users_a, org_b, login):
    make_invoice(org_b, "B-1")  # another organisation's invoice changes nothing
    html = _page(login(users_a["leder"]), "invoice_list")
    assert (
        '<p class="ds-paragraph" id="no-invoices">Organisasjonen har ingen fakturaer ennå. Fakturaer lastes inn '
        f"som EHF-filer eller ZIP-arkiver på importsiden. {IMPORT_LINK}</p>"
    ) in html
    assert "Ingen fakturaer passer" not in html


def test_invoices_a_filter_that_excludes_all_offers_to_clear_it(users_a, org_a, login):
    make_invoice(org_a, "F-1")
    html = _page(login(users_a["leder"]), "invoice_list", "?q=finnes-ikke")
    assert (
        '<p class="ds-paragraph" id="no-invoices">Ingen fakturaer passer filteret. '
        '<a class="ds-link" href="/oppfolging/fakturaer/">Fjern filteret</a></p>'
    ) in html
    assert "ingen fakturaer ennå" not in html


def test_gains_none_at_all_show_no_sum_row(users_a, login):
    html = _page(login(users_a["avtaleforvalter"]), "gain_list")
    assert html.count("Ingen gevinster registrert ennå.") == 1
    assert "<tfoot>" not in html
    assert ">Sum<" not in html
    assert (
        "En gevinst registreres når et krav om tilbakebetaling blir tilbakebetalt eller gjort opp med kreditnota, "
        "eller for hånd nedenfor."
    ) in html


def test_gains_of_a_year_without_any_show_no_sum_row(users_a, org_a, login):
    make_gain(org_a, "500.00", day=D(2026, 5, 1))
    html = _page(login(users_a["leder"]), "gain_list", "?year=2019")
    assert (
        '<p class="ds-paragraph" id="no-gains-year">Ingen gevinster registrert for 2019. '
        '<a class="ds-link" href="/oppfolging/gevinster/">Vis alle år</a></p>'
    ) in html
    assert "<tfoot>" not in html


def test_gains_show_their_sum_row(users_a, org_a, login):
    make_gain(org_a, "500.00", day=D(2026, 5, 1))
    html = _page(login(users_a["leder"]), "gain_list")
    assert (
        '<tfoot><tr><th scope="row">Sum</th><td class="num">500,00\xa0kr</td><td class="num">0,00\xa0kr</td>'
        '<td class="num">500,00\xa0kr</td></tr></tfoot>'
    ) in html
    assert "Ingen gevinster" not in html


def test_deviations_none_at_all_and_none_matching_say_different_things(users_a, org_a, login):
    client = login(users_a["leder"])
    html = _page(client, "deviation_list")
    assert f'<p class="ds-paragraph">Kontrollen har ikke funnet noen avvik ennå. {IMPORT_LINK}</p>' in html
    assert 'id="deviation-sum"' not in html
    make_deviation(make_invoice(org_a, "F-1"), "SMALL_ORDER", "95.00")
    html = _page(client, "deviation_list", "?status=dismissed")
    assert (
        '<p class="ds-paragraph">Ingen avvik passer filteret. '
        '<a class="ds-link" href="/oppfolging/avvik/">Fjern filteret</a></p>'
    ) in html
    assert 'id="deviation-sum"' not in html


def test_claims_none_at_all_and_none_with_a_status_say_different_things(users_a, org_a, login):
    client = login(users_a["leder"])
    html = _page(client, "claim_list")
    assert (
        '<p class="ds-paragraph" id="no-claims">Ingen krav om tilbakebetaling ennå. '
        '<a class="ds-link" href="/oppfolging/avvik/?status=open">Se de åpne avvikene</a></p>'
    ) in html
    make_claim(org_a)
    html = _page(client, "claim_list", "?status=sent")
    assert (
        '<p class="ds-paragraph" id="no-claims">Ingen krav om tilbakebetaling har status «Sendt». '
        '<a class="ds-link" href="/oppfolging/krav/">Vis alle krav om tilbakebetaling</a></p>'
    ) in html


def test_ledger_none_at_all_and_none_matching_say_different_things(users_a, org_a, login):
    client = login(users_a["leder"])
    html = _page(client, "ledger_list")
    assert (
        f'<p class="ds-paragraph" id="no-lines">Ingen hovedbokslinjer er importert ennå. {IMPORT_LINK}</p>'
        in html
    )
    make_ledger_line(org_a)
    html = _page(client, "ledger_list", "?q=finnes-ikke")
    assert (
        '<p class="ds-paragraph" id="no-lines">Ingen hovedbokslinjer passer «finnes-ikke». '
        '<a class="ds-link" href="/oppfolging/hovedbok/">Tøm søket</a></p>'
    ) in html
