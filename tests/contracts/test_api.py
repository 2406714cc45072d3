from decimal import Decimal

from gronnkjop.core.services import collaboration_ensure

from .conftest import D, add_option, make_contract, make_item


def test_the_list_holds_own_and_joint_contracts_and_filters_on_active_on(
    client, org_a, contract_a, token_for
):
    collaboration = collaboration_ensure(name="Samarbeidet", members=[org_a])
    make_contract(collaboration, "SAM-1", start_date=D(2025, 1, 1), end_date=D(2025, 6, 30))
    headers = {"Authorization": f"Bearer {token_for(org_a)}"}
    everything = client.get("/api/v1/contracts", headers=headers).json()
    running = client.get("/api/v1/contracts", {"active_on": "2025-09-01"}, headers=headers).json()
    assert [(c["number"], c["owner"]) for c in everything] == [
        ("K-1", "Dulten kommune"),
        ("SAM-1", "Samarbeidet"),
    ]
    assert [c["number"] for c in running] == ["K-1"]


def test_one_contract_comes_with_terms_suppliers_options_and_price_items(
    client, org_a, contract_a, token_for
):
    contract_a.markup_used_pct = Decimal("25")
    contract_a.save()
    add_option(contract_a, D(2027, 12, 31), deadline=D(2026, 6, 30))
    make_item(contract_a, "A-1", "1690", unit_code="EA")
    body = client.get(
        f"/api/v1/contracts/{contract_a.pk}", headers={"Authorization": f"Bearer {token_for(org_a)}"}
    ).json()
    assert (body["number"], body["kind"], body["markup_used_pct"], body["markup_new_pct"]) == (
        "K-1",
        "kontrakt",
        "25.00",
        None,
    )
    assert body["suppliers"] == [{"orgnr": "920000118", "name": "Interiørhuset Møbler AS", "rank": 1}]
    assert body["options"] == [{"new_end_date": "2027-12-31", "deadline": "2026-06-30", "exercised": False}]
    assert body["price_items"] == [
        {
            "article_number": "A-1",
            "description": "Vare A-1",
            "unit_code": "EA",
            "unit_price": "1690.0000",
            "valid_from": "2025-01-01",
            "valid_to": None,
            "condition": "new",
        }
    ]


def test_another_tenants_contract_is_404(client, org_a, contract_b, token_for):
    response = client.get(
        f"/api/v1/contracts/{contract_b.pk}", headers={"Authorization": f"Bearer {token_for(org_a)}"}
    )
    assert response.status_code == 404


def test_the_api_needs_authentication(client, contract_a):
    assert client.get("/api/v1/contracts").status_code == 401
