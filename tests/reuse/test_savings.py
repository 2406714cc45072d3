"""Savings arithmetic (exact decimals), the factor version each saving keeps, the yearly summary in the
form Asker reports, the page, the CSV export and the CLI JSON."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from gronnkjop.reuse import selectors, services
from gronnkjop.reuse.models import Factor
from tests.reuse.conftest import make_item

pytestmark = pytest.mark.django_db


def hand_over(owner, receiver, item, units, when, cost="0.00", by=None):
    reservation = services.reservation_create(organisation=receiver, item=item, quantity=units, by=by)
    return services.reservation_hand_over(
        organisation=owner,
        reservation=reservation,
        by=by,
        method="pickup",
        handover_date=when,
        cost=Decimal(cost),
    )


def factor(item_type):
    return Factor.objects.get(item_type=item_type, current=True)


@pytest.mark.parametrize(
    ("item_type", "units", "price", "cost", "weight", "expected"),
    [
        # laptop: published saving 225 kg per unit
        ("laptop", 8, "11500.00", "2400.00", "1.5", ("89600.00", "1800.000", "12.000", "per_unit")),
        # office chair: published saving 64 kg per unit
        ("office_chair", 3, "6900.50", "0.00", "16.2", ("20701.50", "192.000", "48.600", "per_unit")),
        # fixed desk: only the new footprint (100 kg) is published, counted as saved
        ("fixed_desk", 4, "4200.00", "1500.00", "30", ("15300.00", "400.000", "120.000", "per_unit")),
        # school chair: 34.6 kg
        ("school_chair", 7, "1350.00", "0.00", "5.5", ("9450.00", "242.200", "38.500", "per_unit")),
        # door: no factor, per-kg fallback (0 until set)
        ("door", 2, "5200.00", "0.00", "28", ("10400.00", "0.000", "56.000", "per_kg")),
    ],
    ids=["laptop", "office-chair", "fixed-desk-new-footprint", "school-chair", "door-fallback"],
)
def test_saving_compute_is_exact(item_type, units, price, cost, weight, expected):
    figures = services.saving_compute(
        units=units,
        new_price_each=Decimal(price),
        cost=Decimal(cost),
        weight_kg_each=Decimal(weight),
        factor=factor(item_type),
        fallback=factor("per_kg"),
    )
    assert (str(figures.value_nok), str(figures.co2e_kg), str(figures.waste_kg), figures.method) == expected


def test_the_per_kg_fallback_times_weight_and_units():
    fallback = services.factor_update(
        item_type="per_kg",
        by=None,
        kg_co2e_new=None,
        kg_co2e_saved=Decimal("1.250"),
        basis="test",
        source="Test",
    )
    figures = services.saving_compute(
        units=3,
        new_price_each=None,
        cost=Decimal("0"),
        weight_kg_each=Decimal("55"),
        factor=factor("window"),
        fallback=fallback,
    )
    assert (figures.value_nok, figures.co2e_kg, figures.waste_kg, figures.factor) == (
        Decimal("0.00"),
        Decimal("206.250"),
        Decimal("165.000"),
        fallback,
    )


def test_a_saving_keeps_the_factor_version_it_used_after_the_factor_changes(org_a):
    item = make_item(
        org_a,
        item_type="laptop",
        category="ict.laptops",
        quantity=4,
        new_price=Decimal("10000.00"),
        weight_kg=Decimal("1.5"),
    )
    first = hand_over(org_a, org_a, item, 2, date(2026, 1, 10))
    new = services.factor_update(
        item_type="laptop",
        by=None,
        kg_co2e_new=Decimal("300"),
        kg_co2e_saved=Decimal("200"),
        basis="revised",
        source="New study",
    )
    second = hand_over(org_a, org_a, item, 2, date(2026, 2, 10))
    first.refresh_from_db()
    assert [(s.factor.version, s.co2e_kg) for s in (first, second)] == [
        (1, Decimal("450.000")),
        (2, Decimal("400.000")),
    ]
    assert new.version == 2
    assert list(Factor.objects.filter(item_type="laptop").values_list("version", "current")) == [
        (2, True),
        (1, False),
    ]
    summary = selectors.savings_json(organisation=org_a, year=2026)
    assert [(f["item_type"], f["version"], f["kg_co2e"]) for f in summary["factors"]] == [
        ("laptop", 1, "225.000"),
        ("laptop", 2, "200.000"),
    ]


def test_a_factor_change_needs_a_source():
    with pytest.raises(Exception) as error:
        services.factor_update(
            item_type="laptop", by=None, kg_co2e_new=None, kg_co2e_saved=Decimal("1"), basis="", source=" "
        )
    assert error.value.messages == ["Oppgi kilden til faktoren."]
    assert Factor.objects.filter(item_type="laptop").count() == 1


@pytest.fixture
def asker_like_year(org_a, org_b, collaboration):
    """Three hand-overs to A in 2026 (one from B), one in 2025, one from A to B."""
    chairs = make_item(
        org_a,
        item_type="office_chair",
        category="furniture.chairs",
        quantity=10,
        new_price=Decimal("6900.00"),
        weight_kg=Decimal("16"),
    )
    desks = make_item(
        org_b,
        days_ago=100,
        item_type="height_adjustable_desk",
        quantity=6,
        new_price=Decimal("8900.00"),
        weight_kg=Decimal("45"),
    )
    monitors = make_item(
        org_a,
        days_ago=100,
        item_type="monitor",
        category="ict.monitors",
        quantity=20,
        new_price=Decimal("2400.00"),
        weight_kg=Decimal("4.2"),
    )
    hand_over(org_a, org_a, chairs, 4, date(2026, 3, 3))
    hand_over(org_b, org_a, desks, 6, date(2026, 2, 12), cost="1500.00")
    hand_over(org_a, org_a, monitors, 12, date(2026, 4, 8))
    hand_over(org_a, org_a, chairs, 2, date(2025, 12, 30))
    hand_over(org_a, org_b, monitors, 5, date(2026, 5, 5))


def test_the_yearly_summary_in_the_form_asker_reports(org_a, asker_like_year):
    data = selectors.savings_json(organisation=org_a, year=2026)
    # value: 4 × 6900 + (6 × 8900 − 1500) + 12 × 2400 = 27600 + 51900 + 28800
    # CO2e: 4 × 64 + 6 × 135 + 12 × 41 = 256 + 810 + 492; waste: 4 × 16 + 6 × 45 + 12 × 4.2
    assert {k: data[k] for k in ("handovers", "units", "value_nok", "co2e_kg", "waste_kg")} == {
        "handovers": 3,
        "units": 22,
        "value_nok": "108300.00",
        "co2e_kg": "1558.000",
        "waste_kg": "384.400",
    }
    assert data["by_item_type"]["height_adjustable_desk"] == {
        "handovers": 1,
        "units": 6,
        "value_nok": "51900.00",
        "co2e_kg": "810.000",
        "waste_kg": "270.000",
    }
    assert sorted(data["by_item_type"]) == ["height_adjustable_desk", "monitor", "office_chair"]
    assert [f["source"] for f in data["factors"]] == [
        "coggin-sos.co.uk",
        "TU Berlin 2005 model, as quoted by puc.be",
        "FIRA figure as quoted by officeresale.co.uk and the Greenstock blog",
    ]


def test_the_cli_prints_the_same_json(org_a, asker_like_year, capsys):
    call_command("reuse", "savings", "--org", org_a.orgnr, "--year", "2026", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"handovers", "units", "value_nok", "co2e_kg", "waste_kg", "by_item_type", "factors"}
    assert (data["handovers"], data["value_nok"], data["co2e_kg"]) == (3, "108300.00", "1558.000")
    assert data["factors"][0] == {
        "item_type": "height_adjustable_desk",
        "version": 1,
        "kg_co2e": "135.000",
        "per": "unit",
        "source": "coggin-sos.co.uk",
    }


def test_the_cli_exits_2_for_an_unknown_organisation(capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("reuse", "savings", "--org", "974760673", "--year", "2026", "--format", "json")
    assert exit_.value.code == 2


def test_the_savings_page_shows_totals_chart_table_and_sources(org_a, users_a, asker_like_year, client):
    client.force_login(users_a["leder"])
    response = client.get(reverse("reuse:savings"), {"year": 2026})
    body = response.content.decode()
    assert response.status_code == 200
    assert "108\xa0300,00\xa0kr" in body
    assert "1\xa0558 kg" in body
    assert '<svg class="gk-chart" role="img"' in body
    assert '<th scope="row">Februar</th>' in body  # months by name in the table
    assert "coggin-sos.co.uk" in body
    # the owner of the items given away sees them too
    assert [s.units for s in response.context["given"]] == [5]


def test_the_csv_export_has_one_row_per_hand_over(org_a, users_a, asker_like_year, client):
    client.force_login(users_a["leder"])
    response = client.get(reverse("reuse:savings_csv"), {"year": 2026})
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert lines[0].split(";")[:4] == ["dato", "varetype", "kategori", "antall"]
    assert [line.split(";")[:2] + line.split(";")[7:9] for line in lines[1:]] == [
        ["12.02.2026", "Skrivebord, hev/senk", "51900,00", "810,00"],
        ["03.03.2026", "Kontorstol", "27600,00", "256,00"],
        ["08.04.2026", "Skjerm", "28800,00", "492,00"],
    ]


def test_asker_2023_reported_figures_are_consistent_with_tonnes_display():
    from gronnkjop.reuse.templatetags.reuse_tags import tonnes

    assert (tonnes(Decimal("40600")), tonnes(Decimal("14300"))) == ("40,6", "14,3")


@pytest.mark.parametrize("year", ["0", "-1", "99999", "tjue"])
def test_a_year_out_of_range_shows_this_year_instead_of_failing(users_a, client, year):
    from django.utils import timezone

    client.force_login(users_a["leder"])
    for name in ("reuse:savings", "reuse:savings_csv"):
        response = client.get(reverse(name), {"year": year})
        assert response.status_code == 200
    assert client.get(reverse("reuse:savings"), {"year": year}).context["year"] == timezone.localdate().year
