"""«I spill» means one thing everywhere: the amounts of open deviations and of deviations in claims not
yet settled (not dismissed, not resolved, not in a refunded or credited claim)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from gronnkjop.followup import selectors
from gronnkjop.followup.models import Deviation

from .ui_fixtures import (  # noqa: F401 - fixtures
    OTHER,
    D,
    contract_a,
    login,
    make_claim,
    make_deviation,
    make_invoice,
    org_a,
    org_b,
    supplier,
    token_for,
    users_a,
)

MEANS = "åpne avvik og avvik i krav som ikke er gjort opp"


@pytest.fixture
def stakes(org_a, org_b, contract_a):
    """Deviations of every status; 40 + 95 + 10 + 5 = 150 kr of them at stake."""

    def deviation(number, code, amount, status="open", claim_status=None, contract=contract_a):
        invoice = make_invoice(org_a, number, day=D(2026, 3, 1), contract=contract, amount="500.00")
        claim = make_claim(org_a, f"KRAV-2026-{number}", status=claim_status) if claim_status else None
        made = make_deviation(invoice, code, amount, status=status)
        Deviation.objects.filter(pk=made.pk).update(claim=claim)
        return made

    make_deviation(make_invoice(org_b, "B-1", day=D(2026, 3, 1)), "PRICE_ABOVE_AGREEMENT", "9999.00")
    return {
        "open": deviation("1", "PRICE_ABOVE_AGREEMENT", "40.00"),
        "small": deviation("2", "SMALL_ORDER", "95.00", contract=None),
        "dismissed": deviation("3", "PRICE_ABOVE_AGREEMENT", "500.00", status="dismissed"),
        "resolved": deviation("4", "PRICE_ABOVE_AGREEMENT", "7.00", status="resolved"),
        "draft": deviation("5", "PRICE_ABOVE_AGREEMENT", "10.00", "claimed", "draft"),
        "sent": deviation("6", "PRICE_ABOVE_AGREEMENT", "5.00", "claimed", "sent"),
        "refunded": deviation("7", "PRICE_ABOVE_AGREEMENT", "30.00", "claimed", "refunded"),
        "credited": deviation("8", "PRICE_ABOVE_AGREEMENT", "20.00", "claimed", "credited"),
    }


def test_at_stake_is_open_deviations_and_those_in_claims_not_yet_settled(org_a, stakes):
    deviations = selectors.deviation_list(organisation=org_a)
    assert sorted(selectors.at_stake_deviations(deviations).values_list("invoice__number", flat=True)) == [
        "1",
        "2",
        "5",
        "6",
    ]
    assert selectors.at_stake(deviations) == Decimal("150.00")
    k = selectors.kpis(organisation=org_a, year=2026)
    assert (k.at_stake, [(f.code, f.amount) for f in k.by_code]) == (
        Decimal("150.00"),
        [("PRICE_ABOVE_AGREEMENT", Decimal("55.00")), ("SMALL_ORDER", Decimal("95.00"))],
    )


def test_start_page_overview_and_deviation_list_show_the_same_figure_with_the_same_words(
    users_a, stakes, login
):
    client = login(users_a["leder"])
    figure = client.get("/").context["figures"][2]
    assert (figure.label, figure.value, figure.note) == (
        "Åpne avvik",
        "2",
        f"I spill: 150,00\xa0kr ({MEANS})",
    )

    overview = client.get(reverse("followup:overview") + "?year=2026").content.decode()
    assert f"<dt>I spill</dt><dd>150,00\xa0kr<small>{MEANS}</small></dd>" in overview

    # the start page's link: this year's open deviations, the ones the figure counts; the amount at
    # stake among them leaves out the deviations in claims, which the figure's note counts and names
    listed = client.get(figure.url)
    assert (listed.context["count"], listed.context["at_stake"]) == (2, Decimal("135.00"))
    html = listed.content.decode()
    assert "2 avvik passer filteret." in html
    assert f"I spill blant dem: 135,00\xa0kr ({MEANS})." in html
    everything = client.get(reverse("followup:deviation_list") + "?date_from=2026-01-01&date_to=2026-12-31")
    assert (everything.context["count"], everything.context["at_stake"]) == (8, Decimal("150.00"))


@pytest.mark.parametrize(
    ("query", "count", "amount"),
    [
        ("", "8 avvik i alt.", "150,00"),
        ("?status=dismissed", "1 avvik passer filteret.", "0,00"),
        ("?status=claimed", "4 avvik passer filteret.", "15,00"),
        ("?code=SMALL_ORDER", "1 avvik passer filteret.", "95,00"),
    ],
)
def test_the_deviation_lists_figure_follows_its_filter(query, count, amount, users_a, stakes, login):
    html = login(users_a["leder"]).get(reverse("followup:deviation_list") + query).content.decode()
    assert (
        f'<p class="ds-paragraph" data-size="sm" id="deviation-sum">{count}\nI spill blant dem: {amount}\xa0kr ({MEANS}).</p>'
        in html
    )


def test_a_contracts_follow_up_uses_the_same_figure(users_a, stakes, contract_a, login):
    response = login(users_a["leder"]).get(reverse("followup:contract_followup", args=[contract_a.pk]))
    assert response.context["f"].at_stake == Decimal("55.00")
    assert f"<small>I spill: 55,00\xa0kr ({MEANS})</small>" in response.content.decode()


def test_the_api_key_figures_use_the_same_figure(org_a, stakes, client, token_for):
    response = client.get("/api/v1/kpis?year=2026", headers={"Authorization": f"Bearer {token_for(org_a)}"})
    assert response.json()["at_stake"] == "150.00"
