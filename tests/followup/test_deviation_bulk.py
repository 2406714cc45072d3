"""Bulk actions on the deviation list: a claim says which chosen deviations it left out and why, and a
form with an error comes back with the ticks, the action and the reason kept."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from gronnkjop.followup.models import Claim, Deviation

from .ui_fixtures import (  # noqa: F401 - fixtures
    OTHER,
    D,
    contract_a,
    login,
    make_deviation,
    make_invoice,
    org_a,
    supplier,
    users_a,
)

BULK = reverse("followup:deviation_bulk")


@pytest.fixture
def chosen(org_a, contract_a):
    """Two price deviations under contract A, and an unknown contract reference (0 kr, no contract)."""
    one = make_invoice(
        org_a, "100", day=D(2026, 3, 1), contract=contract_a, lines=[("A-1", "2", "150.00", contract_a)]
    )
    two = make_invoice(
        org_a, "101", day=D(2026, 3, 2), contract=contract_a, lines=[("A-2", "1", "80.00", contract_a)]
    )
    unknown = make_invoice(org_a, "300", day=D(2026, 3, 3), supplier=OTHER, contract_reference="X-99")
    return {
        "p1": make_deviation(one, "PRICE_ABOVE_AGREEMENT", "40.00"),
        "p2": make_deviation(two, "PRICE_ABOVE_AGREEMENT", "10.00"),
        "unknown": make_deviation(unknown, "UNKNOWN_CONTRACT_REFERENCE", "0.00"),
    }


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_claim_says_which_chosen_deviation_it_left_out_and_why(users_a, chosen, login):
    client = login(users_a["avtaleforvalter"])
    response = client.post(
        BULK, {"action": "claim", "deviations": [d.pk for d in chosen.values()]}, follow=True
    )
    claim = Claim.objects.get()
    assert response.redirect_chain == [(reverse("followup:claim_detail", args=[claim.pk]), 302)]
    assert _messages(response) == [
        f"Krav om tilbakebetaling opprettet: KRAV-{timezone.localdate().year}-0001.",
        "1 avvik kunne ikke tas med: 1 av typen «Ukjent kontraktsreferanse» (faktura 300), som følges opp "
        "uten krav om tilbakebetaling.",
    ]
    assert sorted(Deviation.objects.values_list("invoice__number", "status")) == [
        ("100", "claimed"),
        ("101", "claimed"),
        ("300", "open"),
    ]


def test_a_claim_names_a_deviation_that_is_no_longer_open(users_a, chosen, login, org_a):
    chosen["p1"].status = "dismissed"
    chosen["p1"].save()
    small = make_deviation(chosen["p2"].invoice, "SMALL_ORDER", "95.00")
    response = login(users_a["avtaleforvalter"]).post(
        BULK,
        {"action": "claim", "deviations": [chosen["p1"].pk, chosen["p2"].pk, small.pk, chosen["unknown"].pk]},
        follow=True,
    )
    assert _messages(response)[1] == (
        "3 avvik kunne ikke tas med: 1 av typen «Småordre (gebyr)» (faktura 101), som følges opp uten krav om "
        "tilbakebetaling; 1 av typen «Ukjent kontraktsreferanse» (faktura 300), som følges opp uten krav om "
        "tilbakebetaling; 1 som ikke lenger er åpent (faktura 100)."
    )
    assert list(Claim.objects.values_list("amount", flat=True)) == [chosen["p2"].amount_at_stake]


def test_a_claim_of_only_unclaimable_deviations_shows_the_list_again_with_why(users_a, chosen, login):
    response = login(users_a["avtaleforvalter"]).post(
        BULK, {"action": "claim", "deviations": [chosen["unknown"].pk], "next": "/oppfolging/avvik/"}
    )
    assert response.status_code == 200
    assert response.context["bulk"].non_field_errors() == [
        "Ingen av de valgte avvikene kan kreves tilbake (åpne avvik for pris, artikkel, påslag, "
        "dobbeltfakturering, utløp eller takbeløp kan).",
        "1 avvik kunne ikke tas med: 1 av typen «Ukjent kontraktsreferanse» (faktura 300), som følges opp "
        "uten krav om tilbakebetaling.",
    ]
    html = response.content.decode()
    assert (
        f'name="deviations" value="{chosen["unknown"].pk}" id="dev-{chosen["unknown"].pk}" checked>' in html
    )
    assert Claim.objects.count() == 0


def test_dismiss_without_a_reason_keeps_the_ticks_the_action_and_the_filter(users_a, chosen, login):
    here = "/oppfolging/avvik/?code=PRICE_ABOVE_AGREEMENT"
    response = login(users_a["avtaleforvalter"]).post(
        BULK, {"action": "dismiss", "reason": "", "deviations": [chosen["p1"].pk], "next": here}
    )
    assert response.status_code == 200
    assert response.context["bulk"].errors == {"reason": ["Oppgi en begrunnelse for avvisningen."]}
    assert [d.pk for d in response.context["page"].object_list] == [chosen["p2"].pk, chosen["p1"].pk]
    html = response.content.decode()
    p1, p2 = chosen["p1"].pk, chosen["p2"].pk
    assert f'name="deviations" value="{p1}" id="dev-{p1}" checked>' in html
    assert f'name="deviations" value="{p2}" id="dev-{p2}">' in html
    assert '<option value="dismiss" selected>Avvis med begrunnelse</option>' in html
    assert f'<input type="hidden" name="next" value="{here}">' in html
    assert '<form method="get" action="/oppfolging/avvik/" class="gk-filters"' in html
    assert (
        '<a class="ds-link" href="#id_reason">Begrunnelse for avvisning: Oppgi en begrunnelse for avvisningen.</a>'
        in html
    )
    assert set(Deviation.objects.values_list("status", flat=True)) == {"open"}


def test_a_typed_reason_and_all_matching_are_kept_when_the_form_comes_back(users_a, org_a, login):
    for n in range(51):
        make_deviation(make_invoice(org_a, f"M-{n}"), "SMALL_ORDER", "95.00")
    response = login(users_a["avtaleforvalter"]).post(
        BULK,
        {
            "action": "claim",
            "reason": "Avtalt muntlig",
            "all_matching": "on",
            "filter": "",
            "next": "/oppfolging/avvik/?side=2",
        },
    )
    assert response.status_code == 200
    assert response.context["page"].number == 2
    html = response.content.decode()
    assert 'name="all_matching" id="id_all_matching" checked>' in html
    assert "\nAvtalt muntlig</textarea>" in html
    assert '<a class="ds-link" rel="prev" href="/oppfolging/avvik/?side=1">' in html
    assert Claim.objects.count() == 0


def test_an_error_from_a_deviations_own_page_goes_back_there(users_a, chosen, login):
    here = reverse("followup:deviation_detail", args=[chosen["p1"].pk])
    response = login(users_a["avtaleforvalter"]).post(
        BULK, {"action": "dismiss", "reason": "", "deviations": [chosen["p1"].pk], "next": here}, follow=True
    )
    assert response.redirect_chain == [(here, 302)]
    assert _messages(response) == ["Oppgi en begrunnelse for avvisningen."]
