"""The amount a supplier refunded or credited: above zero and not more than the claim's amount, checked
by the form (an error at the amount field, with what was typed kept) and again by ``claim_transition``;
typed as Norwegians type it, «750,50 kr» included."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gronnkjop.core.forms import DecimalInput
from gronnkjop.followup.forms import ClaimTransitionForm
from gronnkjop.followup.models import Gain
from gronnkjop.followup.services import claim_transition

from .ui_fixtures import login, make_claim, org_a, users_a  # noqa: F401 - fixtures


@pytest.fixture
def accepted(org_a):
    """A claim of 1 000,00 kr, sent and accepted today."""
    claim = make_claim(org_a, amount=Decimal("1000.00"))
    today = timezone.localdate()
    claim_transition(organisation=org_a, claim=claim, to="sent", on=today)
    return claim_transition(organisation=org_a, claim=claim, to="accepted", on=today)


def _refund(client, claim, amount, step="refunded"):
    return client.post(
        reverse("followup:claim_transition", args=[claim.pk]),
        {"step": step, f"{step}-on": timezone.localdate().isoformat(), f"{step}-amount": amount},
    )


def _form(response, step="refunded"):
    return {s: form for s, _label, form in response.context["transitions"]}[step]


def test_a_refund_above_the_claim_is_refused_at_the_amount_field_with_the_amount_kept(
    users_a, accepted, login
):
    response = _refund(login(users_a["avtaleforvalter"]), accepted, "5 000,00")
    assert response.status_code == 200
    form = _form(response)
    assert form.errors == {
        "amount": ["Beløpet kan ikke være større enn beløpet i kravet (1\xa0000,00\xa0kr)."]
    }
    html = response.content.decode()
    assert 'name="refunded-amount" value="5000,00"' in html  # what was typed, read as a number
    assert (
        '<p class="ds-validation-message" data-color="danger" id="id_refunded-amount-error">'
        "Beløpet kan ikke være større enn beløpet i kravet (1\xa0000,00\xa0kr).</p>"
    ) in html
    accepted.refresh_from_db()
    assert (accepted.status, accepted.refunded_amount, Gain.objects.count()) == ("accepted", None, 0)


@pytest.mark.parametrize("amount", ["0", "-10", "−250,00"])
def test_a_refund_of_zero_or_less_is_refused_at_the_amount_field(amount, users_a, accepted, login):
    response = _refund(login(users_a["avtaleforvalter"]), accepted, amount)
    assert _form(response).errors == {"amount": ["Beløpet må være større enn null."]}
    accepted.refresh_from_db()
    assert (accepted.status, Gain.objects.count()) == ("accepted", 0)


def test_a_credit_note_above_the_claim_is_refused_too(users_a, accepted, login):
    response = _refund(login(users_a["avtaleforvalter"]), accepted, "1000,01", step="credited")
    assert _form(response, "credited").errors == {
        "amount": ["Beløpet kan ikke være større enn beløpet i kravet (1\xa0000,00\xa0kr)."]
    }
    assert Gain.objects.count() == 0


def test_the_whole_amount_claimed_can_be_refunded(users_a, accepted, login):
    assert _refund(login(users_a["avtaleforvalter"]), accepted, "1 000,00").status_code == 302
    accepted.refresh_from_db()
    assert (accepted.status, accepted.refunded_amount) == ("refunded", Decimal("1000.00"))
    assert list(Gain.objects.values_list("kind", "amount")) == [("refund", Decimal("1000.00"))]


def test_a_refund_typed_with_kr_is_read(users_a, accepted, login):
    assert isinstance(
        ClaimTransitionForm(claim=accepted, step="refunded", with_amount=True).fields["amount"].widget,
        DecimalInput,
    )
    assert _refund(login(users_a["avtaleforvalter"]), accepted, "750,50 kr").status_code == 302
    accepted.refresh_from_db()
    assert (accepted.status, accepted.refunded_amount) == ("refunded", Decimal("750.50"))
    assert list(Gain.objects.values_list("amount", flat=True)) == [Decimal("750.50")]


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal("5000.00"), "Beløpet kan ikke være større enn beløpet i kravet (1\xa0000,00\xa0kr)."),
        (Decimal("0"), "Beløpet må være større enn null."),
        (Decimal("-1"), "Beløpet må være større enn null."),
    ],
)
def test_the_service_refuses_a_refund_above_the_claim_or_not_above_zero(org_a, accepted, amount, message):
    with pytest.raises(ValidationError) as caught:
        claim_transition(organisation=org_a, claim=accepted, to="refunded", amount=amount)
    assert caught.value.message_dict == {"amount": [message]}
    accepted.refresh_from_db()
    assert (accepted.status, accepted.refunded_amount, Gain.objects.count()) == ("accepted", None, 0)
