"""Quantities are shown with as many decimals as they need (40 → «40», 2.5 → «2,5»): on the invoice, on
a deviation and its evidence, and in the claim letter."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from gronnkjop.followup.letters import claim_letter
from gronnkjop.followup.services import claim_create
from gronnkjop.followup.templatetags.followup import antall

from .ui_fixtures import (  # noqa: F401 - fixtures
    D,
    contract_a,
    login,
    make_deviation,
    make_invoice,
    org_a,
    supplier,
    users_a,
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("40.0000"), "40"),
        (Decimal("2.5000"), "2,5"),
        (Decimal("0.1250"), "0,125"),
        (Decimal("1250.0000"), "1\xa0250"),
        (Decimal("-3.50"), "−3,5"),
        ("2.5", "2,5"),
        (None, ""),
        ("x", ""),
    ],
)
def test_antall_shows_the_decimals_a_quantity_needs(value, shown):
    assert antall(value) == shown


@pytest.fixture
def invoice(org_a, contract_a):
    return make_invoice(
        org_a,
        "Q-1",
        day=D(2026, 3, 2),
        contract=contract_a,
        lines=[("A-1", "40", "25.00", contract_a), ("A-2", "2.5", "100.00", contract_a)],
    )


def test_the_invoice_shows_quantities_without_needless_decimals(users_a, invoice, login):
    html = login(users_a["leder"]).get(reverse("followup:invoice_detail", args=[invoice.pk])).content.decode()
    assert '<td class="num">40 stk</td>' in html
    assert '<td class="num">2,5 stk</td>' in html
    assert "40,00" not in html and "2,50 stk" not in html


def test_a_deviation_shows_its_quantity_without_needless_decimals(users_a, invoice, login):
    line = invoice.lines.get(line_id="2")
    deviation = make_deviation(invoice, "PRICE_ABOVE_AGREEMENT", "25.00", line=line)
    response = login(users_a["leder"]).get(reverse("followup:deviation_detail", args=[deviation.pk]))
    assert ("Antall", "2,5") in response.context["evidence"]
    assert "<dd>2: A-2 Vare A-2 – 2,5 × 100,00\xa0kr = 250,00\xa0kr</dd>" in response.content.decode()


def test_the_letter_shows_quantities_without_needless_decimals(org_a, users_a, invoice):
    deviations = [
        make_deviation(invoice, "PRICE_ABOVE_AGREEMENT", "200.00", line=invoice.lines.get(line_id="1")),
        make_deviation(
            invoice,
            "ARTICLE_NOT_IN_PRICE_LIST",
            "250.00",
            line=invoice.lines.get(line_id="2"),
            evidence={"article": "A-2"},
        ),
    ]
    [claim] = claim_create(organisation=org_a, deviations=deviations, by=users_a["avtaleforvalter"])
    letter = claim_letter(claim=claim, by=users_a["avtaleforvalter"])
    assert [(line.item, line.quantity) for line in letter.lines] == [
        ("A-1 Vare A-1", "40"),
        ("A-2 Vare A-2", "2,5"),
    ]
