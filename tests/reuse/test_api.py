"""The reuse API: used first, the pool, savings."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from gronnkjop.reuse import services
from tests.reuse.conftest import make_item

pytestmark = pytest.mark.django_db


def test_used_first_lists_matching_available_items_own_first(org_a, org_b, collaboration, token_for):
    own = make_item(org_a, quantity=2)
    shared = make_item(org_b, days_ago=100, quantity=6)
    make_item(org_b, days_ago=1, quantity=9)  # not shared yet
    make_item(org_a, item_type="monitor", category="ict.monitors", quantity=5)
    headers = {"Authorization": f"Bearer {token_for(org_a)}"}
    from django.test import Client

    body = (
        Client()
        .get("/api/v1/reuse/used-first", {"category": "furniture.desks", "quantity": 10}, headers=headers)
        .json()
    )
    assert (body["category"], body["quantity"], body["available_units"], body["covers"]) == (
        "furniture.desks",
        10,
        8,
        False,
    )
    assert [(i["id"], i["quantity_available"], i["organisation"]) for i in body["items"]] == [
        (own.pk, 2, org_a.name),
        (shared.pk, 6, org_b.name),
    ]


def test_used_first_with_a_category_group_and_enough_units(org_a, token_for, client):
    make_item(org_a, quantity=4)
    make_item(org_a, item_type="office_chair", category="furniture.chairs", quantity=6)
    body = client.get(
        "/api/v1/reuse/used-first?category=furniture&quantity=10",
        headers={"Authorization": f"Bearer {token_for(org_a)}"},
    ).json()
    assert (body["available_units"], body["covers"]) == (10, True)


def test_the_savings_endpoint_matches_the_cli(org_a, token_for, client):
    item = make_item(org_a, quantity=2)
    reservation = services.reservation_create(organisation=org_a, item=item, quantity=2, by=None)
    services.reservation_hand_over(
        organisation=org_a, reservation=reservation, by=None, method="pickup", handover_date=date(2026, 5, 1)
    )
    body = client.get(
        "/api/v1/reuse/savings?year=2026", headers={"Authorization": f"Bearer {token_for(org_a)}"}
    ).json()
    assert {k: body[k] for k in ("handovers", "units", "value_nok", "co2e_kg", "waste_kg")} == {
        "handovers": 1,
        "units": 2,
        "value_nok": "8400.00",
        "co2e_kg": "200.000",
        "waste_kg": "60.000",
    }


def test_the_widget_renders_for_planning_pages(org_a, users_a):
    make_item(org_a, quantity=4, title="Pult til bibliotek")
    request = RequestFactory().get("/")
    request.organisation = org_a
    request.user = users_a["behovseier"]
    html = Template('{% load reuse_tags %}{% used_first_widget "furniture.desks" 3 %}').render(
        Context({"request": request})
    )
    assert "Pult til bibliotek" in html
    assert 'aria-labelledby="used-first-heading"' in html


def test_the_used_first_page_renders(users_a, org_a, client):
    make_item(org_a, quantity=4, title="Pult til bibliotek")
    client.force_login(users_a["behovseier"])
    body = client.get("/ombruk/brukt-forst/?category=furniture.desks&quantity=2").content.decode()
    assert "Pult til bibliotek" in body


def test_the_savings_endpoint_refuses_a_year_outside_the_sensible_range(org_a, token_for, client):
    response = client.get(
        "/api/v1/reuse/savings?year=99999", headers={"Authorization": f"Bearer {token_for(org_a)}"}
    )
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", "year"]]
