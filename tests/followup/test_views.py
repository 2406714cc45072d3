"""Follow-up pages: what each role sees and may do, bulk actions on deviations, claim steps and gains."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gronnkjop.followup.models import Claim, ControlRun, Deviation, Gain

from .ui_fixtures import (  # noqa: F401 - fixtures
    OTHER,
    D,
    contract_a,
    login,
    make_claim,
    make_contract,
    make_deviation,
    make_invoice,
    org_a,
    org_b,
    supplier,
    users_a,
    users_b,
)


@pytest.fixture
def found(org_a, contract_a):
    """Two price deviations and a small order at A's supplier, one price deviation at another supplier."""
    one = make_invoice(
        org_a, "100", day=D(2026, 3, 1), contract=contract_a, lines=[("A-1", "2", "150.00", contract_a)]
    )
    two = make_invoice(
        org_a, "101", day=D(2026, 3, 2), contract=contract_a, lines=[("A-2", "1", "80.00", contract_a)]
    )
    other = make_invoice(org_a, "200", day=D(2026, 3, 3), supplier=OTHER, lines=[("B-1", "1", "70.00", None)])
    return {
        "p1": make_deviation(one, "PRICE_ABOVE_AGREEMENT", "40.00"),
        "p2": make_deviation(two, "PRICE_ABOVE_AGREEMENT", "10.00"),
        "small": make_deviation(two, "SMALL_ORDER", "95.00"),
        "p3": make_deviation(other, "PRICE_ABOVE_AGREEMENT", "5.00"),
    }


def test_follow_up_is_in_the_main_menu(users_a, login):
    response = login(users_a["leder"]).get(reverse("core:home"))
    assert [item["label"] for item in response.context["nav_items"]].count("Oppfølging") == 1


@pytest.mark.parametrize(
    "name",
    ["overview", "invoice_list", "deviation_list", "claim_list", "gain_list", "import", "ledger_list"],
)
def test_a_leader_sees_every_list_page_without_actions(name, users_a, found, login):
    response = login(users_a["leder"]).get(reverse(f"followup:{name}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kjør kontroll nå" not in html
    assert 'name="deviations"' not in html


def test_overview_shows_the_year_and_charts(users_a, found, login):
    response = login(users_a["avtaleforvalter"]).get(reverse("followup:overview") + "?year=2026")
    html = response.content.decode()
    assert response.context["k"].invoices == 3
    assert 'role="img" aria-labelledby="chart-month-title chart-month-desc"' in html
    assert '<title id="chart-codes-title">Beløp i spill per avvikstype 2026</title>' in html
    assert "Kjør kontroll nå" in html


def test_deviation_list_filters_by_code(users_a, found, login):
    response = login(users_a["avtaleforvalter"]).get(reverse("followup:deviation_list") + "?code=SMALL_ORDER")
    assert [d.pk for d in response.context["page"].object_list] == [found["small"].pk]
    assert response.context["at_stake"] == Decimal("95.00")


def test_bulk_dismiss_sets_status_and_reason(users_a, found, login):
    client = login(users_a["avtaleforvalter"])
    response = client.post(
        reverse("followup:deviation_bulk"),
        {
            "action": "dismiss",
            "reason": "Avtalt muntlig",
            "deviations": [found["p1"].pk, found["small"].pk],
            "next": "/oppfolging/avvik/?code=PRICE_ABOVE_AGREEMENT",
        },
    )
    assert (response.status_code, response["Location"]) == (
        302,
        "/oppfolging/avvik/?code=PRICE_ABOVE_AGREEMENT",
    )
    assert sorted(Deviation.objects.values_list("pk", "status", "dismissed_reason")) == sorted(
        [
            (found["p1"].pk, "dismissed", "Avtalt muntlig"),
            (found["p2"].pk, "open", ""),
            (found["small"].pk, "dismissed", "Avtalt muntlig"),
            (found["p3"].pk, "open", ""),
        ]
    )


def test_bulk_dismiss_without_a_reason_changes_nothing(users_a, found, login):
    client = login(users_a["avtaleforvalter"])
    response = client.post(
        reverse("followup:deviation_bulk"),
        {"action": "dismiss", "reason": " ", "deviations": [found["p1"].pk]},
    )
    assert response.status_code == 200
    assert response.context["bulk"].errors == {"reason": ["Oppgi en begrunnelse for avvisningen."]}
    assert set(Deviation.objects.values_list("status", flat=True)) == {"open"}


def test_bulk_claim_makes_one_claim_per_supplier_and_contract(users_a, found, login, contract_a):
    client = login(users_a["avtaleforvalter"])
    chosen = [found["p1"].pk, found["p2"].pk, found["small"].pk, found["p3"].pk]
    response = client.post(reverse("followup:deviation_bulk"), {"action": "claim", "deviations": chosen})
    assert (response.status_code, response["Location"]) == (302, reverse("followup:claim_list"))
    claims = Claim.objects.order_by("number")
    assert [(c.supplier_orgnr, c.contract_id, c.amount, c.status) for c in claims] == [
        ("920000118", contract_a.pk, Decimal("50.00"), "draft"),
        ("920000126", None, Decimal("5.00"), "draft"),
    ]
    assert Deviation.objects.get(pk=found["small"].pk).status == "open"
    assert Deviation.objects.get(pk=found["p1"].pk).claim == claims[0]


def test_a_single_claim_opens_its_page(users_a, found, login):
    client = login(users_a["avtaleforvalter"])
    response = client.post(
        reverse("followup:deviation_bulk"), {"action": "claim", "deviations": [found["p3"].pk]}
    )
    claim = Claim.objects.get()
    assert response["Location"] == reverse("followup:claim_detail", args=[claim.pk])


def test_bulk_ignores_deviations_of_other_organisations(users_a, found, org_b, login):
    theirs = make_deviation(make_invoice(org_b, "B-1"), "PRICE_ABOVE_AGREEMENT", "9.00")
    client = login(users_a["avtaleforvalter"])
    client.post(reverse("followup:deviation_bulk"), {"action": "claim", "deviations": [theirs.pk]})
    theirs.refresh_from_db()
    assert (theirs.status, Claim.objects.count()) == ("open", 0)


@pytest.mark.parametrize(
    ("name", "args", "data"),
    [
        ("deviation_bulk", [], {"action": "dismiss", "reason": "x"}),
        ("control_run", [], {}),
        ("gain_list", [], {"kind": "avoided", "amount": "10", "on": "2026-01-01", "description": "x"}),
        ("import", [], {"what": "ledger"}),
    ],
    ids=["bulk", "control", "gain", "import"],
)
def test_a_leader_may_not_act(name, args, data, users_a, found, login):
    if name == "deviation_bulk":
        data["deviations"] = [found["p1"].pk]
    response = login(users_a["leder"]).post(reverse(f"followup:{name}", args=args), data)
    assert response.status_code == 403
    assert (
        Deviation.objects.filter(status="open").count(),
        ControlRun.objects.count(),
        Gain.objects.count(),
    ) == (4, 0, 0)


def test_a_leader_may_not_move_a_claim(users_a, org_a, login):
    claim = make_claim(org_a)
    response = login(users_a["leder"]).post(
        reverse("followup:claim_transition", args=[claim.pk]), {"step": "sent", "sent-on": "2026-04-01"}
    )
    claim.refresh_from_db()
    assert (response.status_code, claim.status) == (403, "draft")


def test_claim_goes_sent_accepted_refunded_and_records_the_gain(users_a, found, login):
    client = login(users_a["avtaleforvalter"])
    client.post(
        reverse("followup:deviation_bulk"),
        {"action": "claim", "deviations": [found["p1"].pk, found["p2"].pk]},
    )
    claim = Claim.objects.get()
    url = reverse("followup:claim_transition", args=[claim.pk])
    detail = client.get(reverse("followup:claim_detail", args=[claim.pk]))
    assert [step for step, _label, _form in detail.context["transitions"]] == ["sent"]
    today = timezone.localdate()  # a step can be dated neither before the claim nor after today
    client.post(url, {"step": "sent", "sent-on": today.isoformat()})
    client.post(url, {"step": "accepted", "accepted-on": today.isoformat()})
    response = client.post(
        url, {"step": "refunded", "refunded-on": today.isoformat(), "refunded-amount": "45.50"}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.sent_on, claim.answered_on, claim.refunded_amount, claim.refunded_on) == (
        "refunded",
        today,
        today,
        Decimal("45.50"),
        today,
    )
    assert list(Gain.objects.values_list("kind", "amount", "year", "claim_id")) == [
        ("refund", Decimal("45.50"), today.year, claim.pk)
    ]


def test_claim_step_out_of_order_changes_nothing(users_a, org_a, login):
    claim = make_claim(org_a)
    client = login(users_a["avtaleforvalter"])
    response = client.post(
        reverse("followup:claim_transition", args=[claim.pk]),
        {"step": "refunded", "refunded-on": "2026-04-20"},
        follow=True,
    )
    claim.refresh_from_db()
    assert claim.status == "draft"
    assert [str(m) for m in response.context["messages"]] == ["Det steget er ikke mulig for dette kravet nå."]


def test_rejected_claim_releases_its_deviations(users_a, found, login):
    client = login(users_a["avtaleforvalter"])
    client.post(reverse("followup:deviation_bulk"), {"action": "claim", "deviations": [found["p3"].pk]})
    claim = Claim.objects.get()
    url = reverse("followup:claim_transition", args=[claim.pk])
    today = timezone.localdate().isoformat()
    client.post(url, {"step": "sent", "sent-on": today})
    client.post(url, {"step": "rejected", "rejected-on": today, "rejected-note": "Leverandøren bestrider"})
    claim.refresh_from_db()
    found["p3"].refresh_from_db()
    assert (claim.status, claim.note, found["p3"].status, found["p3"].claim_id) == (
        "rejected",
        "Leverandøren bestrider",
        "open",
        None,
    )


def test_deviation_detail_shows_evidence_and_history(users_a, found, login):
    client = login(users_a["avtaleforvalter"])
    deviation = found["p1"]
    client.post(
        reverse("followup:deviation_bulk"),
        {"action": "dismiss", "reason": "Feil i prislisten", "deviations": [deviation.pk]},
    )
    response = client.get(reverse("followup:deviation_detail", args=[deviation.pk]))
    assert response.context["evidence"] == [
        ("Fakturert enhetspris", "150,00\xa0kr"),
        ("Avtalt enhetspris", "130,00\xa0kr"),
        ("Antall", "2"),
        ("Pristoleranse", "0,0\xa0%"),
    ]
    assert [(r.status, r.dismissed_reason) for r in response.context["history"]] == [
        ("dismissed", "Feil i prislisten"),
        ("open", ""),
    ]
    assert "Åpne igjen" in response.content.decode()


def test_reopen_a_dismissed_deviation(users_a, found, login):
    deviation = found["p2"]
    deviation.status, deviation.dismissed_reason = "dismissed", "x"
    deviation.save()
    login(users_a["avtaleforvalter"]).post(reverse("followup:deviation_reopen", args=[deviation.pk]))
    deviation.refresh_from_db()
    assert (deviation.status, deviation.dismissed_reason) == ("open", "")


def test_record_a_gain_outside_a_claim(users_a, contract_a, login):
    client = login(users_a["avtaleforvalter"])
    response = client.post(
        reverse("followup:gain_list"),
        {
            "kind": "avoided",
            "amount": "12500",
            "on": "2026-02-14",
            "description": "Prisavslag i oppfølgingsmøte",
            "contract": contract_a.pk,
        },
    )
    assert response.status_code == 302
    assert list(Gain.objects.values_list("kind", "amount", "year", "contract_id", "supplier_name")) == [
        ("avoided", Decimal("12500.00"), 2026, contract_a.pk, "Interiørhuset Møbler AS")
    ]


def test_gain_form_refuses_a_zero_amount(users_a, login):
    response = login(users_a["avtaleforvalter"]).post(
        reverse("followup:gain_list"),
        {"kind": "avoided", "amount": "0", "on": "2026-02-14", "description": "x"},
    )
    assert response.status_code == 200
    assert Gain.objects.count() == 0


def test_contract_followup_of_another_organisations_contract_is_404(users_a, org_b, login, contract_a, found):
    theirs = make_contract(org_b, "B-1")
    client = login(users_a["leder"])
    assert client.get(reverse("followup:contract_followup", args=[theirs.pk])).status_code == 404
    response = client.get(reverse("followup:contract_followup", args=[contract_a.pk]))
    assert response.context["f"].spend == Decimal("380.00")
    assert (
        'aria-labelledby="chart-contract-month-title chart-contract-month-desc"' in response.content.decode()
    )


def test_invoice_detail_lists_lines_with_their_deviations(users_a, found, login):
    invoice = found["p2"].invoice
    response = login(users_a["leder"]).get(reverse("followup:invoice_detail", args=[invoice.pk]))
    [line] = response.context["lines"]
    assert [d.code for d in line.deviations.all()] == ["PRICE_ABOVE_AGREEMENT"]
    assert [d.code for d in response.context["invoice_deviations"]] == ["SMALL_ORDER"]


def test_invoice_xml_is_404_without_a_stored_document(users_a, found, login):
    invoice = found["p1"].invoice
    assert login(users_a["leder"]).get(reverse("followup:invoice_xml", args=[invoice.pk])).status_code == 404


def test_invoice_list_paginates_and_keeps_the_filters(users_a, org_a, login):
    for n in range(51):
        make_invoice(org_a, f"P-{n:02d}", buyer_reference="2110")
    response = login(users_a["leder"]).get(reverse("followup:invoice_list") + "?q=P-&sort=number&side=2")
    assert [i.number for i in response.context["page"].object_list] == ["P-50"]
    assert response.context["page_query"] == "q=P-&sort=number"


def test_control_run_button_runs_the_control(users_a, found, login):
    response = login(users_a["avtaleforvalter"]).post(reverse("followup:control_run"))
    run = ControlRun.objects.get()
    assert response["Location"] == reverse("followup:control_run_detail", args=[run.pk])
    assert (run.trigger, run.invoices_checked, run.lines_checked) == ("manual", 3, 3)


def test_bulk_dismiss_all_open_deviations_matching_the_filter(users_a, found, login):
    found["p2"].status = "dismissed"
    found["p2"].save()
    client = login(users_a["avtaleforvalter"])
    response = client.post(
        reverse("followup:deviation_bulk"),
        {
            "action": "dismiss",
            "reason": "Ryddet",
            "all_matching": "on",
            "filter": "code=PRICE_ABOVE_AGREEMENT",
        },
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["2 avvik avvist."]
    assert sorted(Deviation.objects.values_list("pk", "status")) == sorted(
        [
            (found["p1"].pk, "dismissed"),
            (found["p2"].pk, "dismissed"),
            (found["small"].pk, "open"),
            (found["p3"].pk, "dismissed"),
        ]
    )


def test_bulk_without_a_choice_changes_nothing(users_a, found, login):
    response = login(users_a["avtaleforvalter"]).post(reverse("followup:deviation_bulk"), {"action": "claim"})
    assert response.status_code == 200
    assert response.context["bulk"].errors == {"deviations": ["Velg minst ett avvik."]}
    assert '<a class="ds-link" href="#deviation-table">Avvik: Velg minst ett avvik.</a>' in (
        response.content.decode()
    )
    assert (set(Deviation.objects.values_list("status", flat=True)), Claim.objects.count()) == ({"open"}, 0)


def test_deviation_list_offers_all_matching_only_beyond_the_page(users_a, org_a, login):
    for n in range(51):
        make_deviation(make_invoice(org_a, f"M-{n}"), "SMALL_ORDER", "95.00")
    client = login(users_a["avtaleforvalter"])
    many = client.get(reverse("followup:deviation_list")).content.decode()
    assert "Alle 51 åpne avvik som passer filteret, på alle sider" in many
    few = client.get(reverse("followup:deviation_list") + "?status=dismissed").content.decode()
    assert 'name="all_matching"' not in few


def test_how_an_invoice_was_tied_to_its_contract_is_said_in_words():
    from types import SimpleNamespace

    from django.utils import translation

    from gronnkjop.followup.templatetags.followup import evidence_rows

    with translation.override("nb"):
        rows = {
            how: evidence_rows(SimpleNamespace(evidence={"matched_by": how}, organisation_id=1))
            for how in ("reference", "order", "inferred")
        }
    assert rows == {
        "reference": [("Koblet ved", "avtalereferansen på fakturaen")],
        "order": [("Koblet ved", "avropsnummeret på fakturaen")],
        "inferred": [("Koblet ved", "leverandørens eneste løpende avtale i kategorien")],
    }


def test_a_draft_claim_made_by_mistake_can_be_withdrawn_and_its_deviations_open_again(users_a, found, login):
    client = login(users_a["avtaleforvalter"])
    client.post(
        reverse("followup:deviation_bulk"),
        {"action": "claim", "deviations": [found["p1"].pk, found["p2"].pk]},
    )
    claim = Claim.objects.get()
    detail = client.get(reverse("followup:claim_detail", args=[claim.pk])).content.decode()
    assert "Trekk tilbake utkastet" in detail
    response = client.post(reverse("followup:claim_withdraw", args=[claim.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("followup:deviation_list")
    assert (
        f"Utkastet {claim.number} er trukket tilbake; de 2 avvikene er åpne igjen."
        in response.content.decode()
    )
    assert not Claim.objects.exists()
    for key in ("p1", "p2"):
        found[key].refresh_from_db()
        assert (found[key].status, found[key].claim_id) == ("open", None)
    assert Claim.history.filter(id=claim.pk, history_type="-").exists()  # the audit trail keeps it


def test_a_sent_claim_cannot_be_withdrawn(users_a, found, login):
    client = login(users_a["avtaleforvalter"])
    client.post(reverse("followup:deviation_bulk"), {"action": "claim", "deviations": [found["p1"].pk]})
    claim = Claim.objects.get()
    client.post(
        reverse("followup:claim_transition", args=[claim.pk]),
        {"step": "sent", "sent-on": timezone.localdate().strftime("%d.%m.%Y")},
    )
    claim.refresh_from_db()
    assert claim.status == "sent"
    client.post(reverse("followup:claim_withdraw", args=[claim.pk]))
    assert Claim.objects.get().status == "sent"


def test_the_start_page_shows_this_years_key_figures_with_links(users_a, found, login):
    found["p3"].status = "dismissed"  # a dismissed deviation is found but no longer open
    found["p3"].save()
    page = login(users_a["leder"]).get("/")
    labels = [f.label for f in page.context["figures"]]
    assert labels[0].startswith("Innkjøp ekskl. mva. ")
    assert labels[1:4] == ["Kjøp på avtale", "Åpne avvik", f"Dokumenterte gevinster {labels[0][-4:]}"]
    assert labels[4].startswith("Spart ved ombruk ")
    open_deviations = page.context["figures"][2]
    assert open_deviations.value == str(len([d for d in found.values() if d.status == "open"]))
    assert open_deviations.url.startswith(reverse("followup:deviation_list") + "?date_from=")
    assert open_deviations.url in page.content.decode().replace("&amp;", "&")
    listed = login(users_a["leder"]).get(open_deviations.url)
    assert listed.context["count"] == int(open_deviations.value)  # the link lists what the figure counts
