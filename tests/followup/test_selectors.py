"""The follow-up figures on a small hand-built year: exact shares and sums, credit notes negative."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gronnkjop.core.models import Unit
from gronnkjop.followup import selectors

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
)


@pytest.fixture
def year(org_a, org_b, contract_a):
    """Four 2026 documents of A (one a credit note), one of 2025, and one of B that must never count."""
    Unit.objects.create(organisation=org_a, name="Dulten skole", code="2110")
    k = contract_a
    inv1 = make_invoice(
        org_a,
        "1",
        amount="1000.00",
        day=D(2026, 3, 5),
        contract_reference="K-1",
        buyer_reference="2110",
        contract=k,
    )
    inv2 = make_invoice(
        org_a, "2", amount="500.00", day=D(2026, 3, 20), buyer_reference="2110", supplier=OTHER
    )
    inv3 = make_invoice(
        org_a,
        "3",
        amount="200.00",
        day=D(2026, 4, 2),
        credit=True,
        contract_reference="K-1",
        buyer_reference="3330",
        contract=k,
    )
    inv4 = make_invoice(
        org_a,
        "4",
        amount="300.00",
        day=D(2026, 4, 30),
        contract_reference="X-9",
        lines=[("A-1", "1", "100.00", k), ("B-2", "2", "100.00", None)],
    )
    old = make_invoice(
        org_a, "OLD", amount="999.00", day=D(2025, 12, 31), contract_reference="K-1", contract=k
    )
    make_invoice(org_b, "B", amount="5000.00", day=D(2026, 3, 1))
    make_deviation(inv1, "PRICE_ABOVE_AGREEMENT", "120.00")
    make_deviation(inv2, "OUTSIDE_AGREEMENT", "500.00", status="dismissed")
    make_deviation(inv4, "PRICE_ABOVE_AGREEMENT", "30.00", status="claimed", contract=k)
    make_deviation(inv3, "MISSING_CONTRACT_REFERENCE", "0.00", status="resolved")
    make_deviation(old, "PRICE_ABOVE_AGREEMENT", "77.00")
    make_gain(org_a, "300.00", "refund", D(2026, 6, 1), contract=k)
    make_gain(org_a, "50.00", "avoided", D(2026, 7, 1))
    make_gain(org_a, "1000.00", "refund", D(2025, 6, 1))
    make_gain(org_b, "9999.00", "refund", D(2026, 6, 1))
    return {"inv1": inv1, "inv2": inv2, "inv3": inv3, "inv4": inv4}


def test_kpis_count_invoices_and_spend_with_a_contract_reference(org_a, year):
    k = selectors.kpis(organisation=org_a, year=2026)
    assert (k.invoices, k.invoices_with_reference, k.invoice_reference_share) == (4, 3, Decimal("75.0"))
    assert (k.spend, k.spend_with_reference, k.spend_reference_share) == (
        Decimal("1600.00"),
        Decimal("1100.00"),
        Decimal("68.8"),
    )


def test_kpis_share_on_agreement_is_the_matched_line_amounts(org_a, year):
    k = selectors.kpis(organisation=org_a, year=2026)
    assert (k.line_spend, k.line_spend_on_agreement, k.on_agreement_share) == (
        Decimal("1600.00"),
        Decimal("900.00"),
        Decimal("56.3"),
    )


def test_kpis_deviations_count_found_ones_and_stake_only_open_and_claimed(org_a, year):
    k = selectors.kpis(organisation=org_a, year=2026)
    assert (k.deviations, k.deviations_open, k.at_stake) == (3, 1, Decimal("150.00"))
    assert [(f.code, f.count, f.open, f.amount) for f in k.by_code] == [
        ("PRICE_ABOVE_AGREEMENT", 2, 1, Decimal("150.00")),
        ("OUTSIDE_AGREEMENT", 1, 0, Decimal("0.00")),
    ]


def test_kpis_gains_are_those_of_the_year(org_a, year):
    k = selectors.kpis(organisation=org_a, year=2026)
    assert (k.refunded, k.avoided, k.gains) == (Decimal("300.00"), Decimal("50.00"), Decimal("350.00"))


def test_kpis_spend_per_unit_names_known_units_and_keeps_the_rest(org_a, year):
    k = selectors.kpis(organisation=org_a, year=2026)
    assert [(u.code, u.name, u.amount, u.invoices) for u in k.by_unit] == [
        ("2110", "Dulten skole", Decimal("1500.00"), 2),
        ("", "", Decimal("300.00"), 1),
        ("3330", "", Decimal("-200.00"), 1),
    ]


def test_kpis_spend_per_month_has_all_twelve_months(org_a, year):
    k = selectors.kpis(organisation=org_a, year=2026)
    assert len(k.by_month) == 12
    assert [(m.month, v) for m, v in k.by_month if v] == [(3, Decimal("1500.00")), (4, Decimal("100.00"))]


def test_kpis_of_a_year_without_invoices_have_no_shares(org_a, year):
    k = selectors.kpis(organisation=org_a, year=2020)
    assert (k.invoices, k.invoice_reference_share, k.spend_reference_share, k.on_agreement_share) == (
        0,
        None,
        None,
        None,
    )


def test_contract_followup_sums_matched_lines_by_month(org_a, year, contract_a):
    f = selectors.contract_followup(organisation=org_a, contract=contract_a)
    assert f.spend == Decimal("1899.00")  # 999 (2025) + 1000 − 200 + 100
    assert f.by_month == [
        (dt.date(2025, 12, 1), Decimal("999.00")),
        (dt.date(2026, 1, 1), Decimal("0.00")),
        (dt.date(2026, 2, 1), Decimal("0.00")),
        (dt.date(2026, 3, 1), Decimal("1000.00")),
        (dt.date(2026, 4, 1), Decimal("-100.00")),
    ]
    assert sorted(i.number for i in f.invoices) == ["1", "3", "4", "OLD"]
    assert (f.invoice_count, f.at_stake, f.refunded, f.avoided) == (
        4,
        Decimal("227.00"),
        Decimal("300.00"),
        Decimal("0.00"),
    )


def test_gain_summary_per_year_contract_and_supplier(org_a, year, contract_a):
    summary = selectors.gain_summary(organisation=org_a, year=2026)
    assert [(y, row.refunded, row.avoided) for y, row in summary.by_year] == [
        (2026, Decimal("300.00"), Decimal("50.00")),
        (2025, Decimal("1000.00"), Decimal("0.00")),
    ]
    assert [(row.label, row.total) for row in summary.by_contract] == [
        ("K-1 Avtale K-1", Decimal("300.00")),
        ("", Decimal("50.00")),
    ]
    assert [(row.label, row.total) for row in summary.by_supplier] == [
        ("Interiørhuset Møbler AS", Decimal("350.00"))
    ]
    assert summary.total.total == Decimal("350.00")


@pytest.mark.parametrize(
    ("filters", "numbers"),
    [
        ({}, ["4", "3", "2", "1", "OLD"]),
        ({"supplier": OTHER[0]}, ["2"]),
        ({"matched": "yes"}, ["4", "3", "1", "OLD"]),
        ({"matched": "no"}, ["2"]),
        ({"open_deviations": True}, ["1", "OLD"]),
        ({"text": "X-9"}, ["4"]),
        ({"date_from": D(2026, 4, 1), "date_to": D(2026, 4, 30)}, ["4", "3"]),
        ({"sort": "-amount"}, ["1", "OLD", "2", "4", "3"]),
    ],
    ids=["all", "supplier", "matched", "unmatched", "open-deviations", "text", "period", "sorted-by-amount"],
)
def test_invoice_list_filters(org_a, year, filters, numbers):
    assert [i.number for i in selectors.invoice_list(organisation=org_a, **filters)] == numbers


def test_invoice_list_by_contract_includes_invoices_with_a_matched_line(org_a, year, contract_a):
    numbers = [i.number for i in selectors.invoice_list(organisation=org_a, contract_id=contract_a.pk)]
    assert numbers == ["4", "3", "1", "OLD"]


def test_deviation_list_filters_by_code_status_and_supplier(org_a, year):
    found = selectors.deviation_list(organisation=org_a, code="PRICE_ABOVE_AGREEMENT", status="open")
    assert sorted(d.invoice.number for d in found) == ["1", "OLD"]
    assert [d.invoice.number for d in selectors.deviation_list(organisation=org_a, supplier=OTHER[0])] == [
        "2"
    ]
