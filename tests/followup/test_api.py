"""Follow-up in the JSON API: lists are paginated and filtered, details carry lines and deviations, and
everything is scoped to the token's organisation."""

from __future__ import annotations

import pytest

from .ui_fixtures import (  # noqa: F401 - fixtures
    OTHER,
    D,
    contract_a,
    make_deviation,
    make_gain,
    make_invoice,
    org_a,
    org_b,
    supplier,
    token_for,
)


@pytest.fixture
def api(client, org_a, token_for):
    headers = {"Authorization": f"Bearer {token_for(org_a)}"}
    return lambda url: client.get(url, headers=headers)


@pytest.fixture
def rows(org_a, org_b, contract_a):
    one = make_invoice(
        org_a,
        "1",
        day=D(2026, 3, 1),
        contract_reference="K-1",
        contract=contract_a,
        lines=[("A-1", "2", "150.00", contract_a)],
    )
    two = make_invoice(org_a, "2", day=D(2026, 4, 1), supplier=OTHER, amount="80.00")
    theirs = make_invoice(org_b, "B", day=D(2026, 3, 1))
    return {
        "one": one,
        "two": two,
        "theirs": theirs,
        "price": make_deviation(one, "PRICE_ABOVE_AGREEMENT", "40.00"),
        "small": make_deviation(two, "SMALL_ORDER", "95.00", status="dismissed"),
        "their_deviation": make_deviation(theirs, "PRICE_ABOVE_AGREEMENT", "1.00"),
    }


def test_invoice_list_is_paginated_and_filtered(api, rows):
    body = api("/api/v1/invoices").json()
    assert (body["count"], [i["number"] for i in body["items"]]) == (2, ["2", "1"])
    assert [i["number"] for i in api("/api/v1/invoices?supplier=920000126").json()["items"]] == ["2"]
    assert [i["number"] for i in api("/api/v1/invoices?matched=yes").json()["items"]] == ["1"]
    assert [i["number"] for i in api("/api/v1/invoices?date_from=2026-03-15").json()["items"]] == ["2"]
    assert [i["number"] for i in api("/api/v1/invoices?open_deviations=true").json()["items"]] == ["1"]


def test_invoice_detail_has_lines_with_their_deviations(api, rows, contract_a):
    body = api(f"/api/v1/invoices/{rows['one'].pk}").json()
    assert (body["number"], body["amount_excl_vat"], body["contract_id"]) == ("1", "1000.00", contract_a.pk)
    [line] = body["lines"]
    assert (line["article_number"], line["quantity"], line["net_unit_price"], line["contract_id"]) == (
        "A-1",
        "2.0000",
        "150.0000",
        contract_a.pk,
    )
    assert [(d["code"], d["label"], d["amount_at_stake"]) for d in line["deviations"]] == [
        ("PRICE_ABOVE_AGREEMENT", "Pris over avtalt pris", "40.00")
    ]
    assert body["deviations"] == []


def test_invoice_of_another_organisation_is_404(api, rows):
    assert api(f"/api/v1/invoices/{rows['theirs'].pk}").status_code == 404


def test_deviation_list_filters_by_code_and_status(api, rows):
    assert [d["id"] for d in api("/api/v1/deviations").json()["items"]] == [
        rows["small"].pk,
        rows["price"].pk,
    ]
    assert [d["id"] for d in api("/api/v1/deviations?code=SMALL_ORDER").json()["items"]] == [rows["small"].pk]
    assert [d["id"] for d in api("/api/v1/deviations?status=open").json()["items"]] == [rows["price"].pk]
    assert api(f"/api/v1/deviations/{rows['their_deviation'].pk}").status_code == 404


def test_kpis_of_a_year(api, rows, org_a):
    make_gain(org_a, "25.00", "refund", D(2026, 5, 1))
    body = api("/api/v1/kpis?year=2026").json()
    assert {
        k: body[k] for k in ("year", "invoices", "invoices_with_reference", "invoice_reference_share_pct")
    } == {
        "year": 2026,
        "invoices": 2,
        "invoices_with_reference": 1,
        "invoice_reference_share_pct": "50.0",
    }
    assert (body["spend"], body["spend_reference_share_pct"], body["on_agreement_share_pct"]) == (
        "1080.00",
        "92.6",  # 1 000 of 1 080 kr on the invoice with a reference
        "78.9",  # 300 of 380 kr of line amounts on the matched line
    )
    assert (body["deviations"], body["deviations_open"], body["at_stake"], body["refunded"]) == (
        2,
        1,
        "40.00",
        "25.00",
    )
    assert [(c["code"], c["count"], c["amount_at_stake"]) for c in body["by_code"]] == [
        ("PRICE_ABOVE_AGREEMENT", 1, "40.00"),
        ("SMALL_ORDER", 1, "0.00"),
    ]
    assert [(m["month"], m["amount"]) for m in body["by_month"] if m["amount"] != "0.00"] == [
        ("2026-03", "1000.00"),
        ("2026-04", "80.00"),
    ]


def test_api_needs_a_token(client, rows):
    assert client.get("/api/v1/invoices").status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/kpis", "/api/v1/gains"])
@pytest.mark.parametrize("year", ["99999", "1999", "2101", "-1"])
def test_a_year_outside_the_sensible_range_is_a_422_naming_the_field(api, rows, path, year):
    response = api(f"{path}?year={year}")
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", "year"]]
