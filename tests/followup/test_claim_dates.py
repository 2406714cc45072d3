"""The date of a claim's step: not after today (Oslo time), not before the claim was created nor before
the step it follows; a wrong date is shown at its field with what the user typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gronnkjop.followup.models import Claim, Gain
from gronnkjop.followup.services import claim_transition

from .ui_fixtures import login, make_claim, org_a, users_a  # noqa: F401 - fixtures


def _dato(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


@pytest.fixture
def claim(org_a):
    """A draft made 30 days ago (Oslo time)."""
    made = make_claim(org_a)
    Claim.objects.filter(pk=made.pk).update(created=timezone.now() - dt.timedelta(days=30))
    made.refresh_from_db()
    return made


def _post(client, claim, step, on, **extra):
    data = {"step": step, f"{step}-on": on} | {f"{step}-{k}": v for k, v in extra.items()}
    return client.post(reverse("followup:claim_transition", args=[claim.pk]), data)


def test_a_step_dated_in_the_future_is_refused_at_its_field_with_the_date_kept(users_a, claim, login):
    response = _post(login(users_a["avtaleforvalter"]), claim, "sent", "01.01.2030")
    assert response.status_code == 200
    [(step, _label, form)] = response.context["transitions"]
    today = timezone.localdate()
    assert (step, form.errors) == (
        "sent",
        {"on": [f"Datoen kan ikke være fram i tid (i dag er det {_dato(today)})."]},
    )
    html = response.content.decode()
    assert 'value="2030-01-01"' in html  # what the user typed, as the date picker shows it
    assert (
        f'<p class="ds-validation-message" data-color="danger" id="id_sent-on-error">Datoen kan ikke være fram i tid (i dag er det {_dato(today)}).</p>'
        in html
    )
    claim.refresh_from_db()
    assert (claim.status, claim.sent_on) == ("draft", None)


def test_a_step_dated_before_the_claim_was_created_is_refused(users_a, claim, login):
    response = _post(login(users_a["avtaleforvalter"]), claim, "sent", "01.01.2020")
    created = timezone.localdate(claim.created)
    assert response.context["transitions"][0][2].errors == {
        "on": [f"Datoen kan ikke være før kravet ble opprettet ({_dato(created)})."]
    }
    assert 'value="2020-01-01"' in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.sent_on) == ("draft", None)


def test_the_day_the_claim_was_created_and_today_are_both_allowed(users_a, claim, login):
    client = login(users_a["avtaleforvalter"])
    created, today = timezone.localdate(claim.created), timezone.localdate()
    assert _post(client, claim, "sent", created.isoformat()).status_code == 302
    assert _post(client, claim, "accepted", today.isoformat()).status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.sent_on, claim.answered_on) == ("accepted", created, today)


def test_an_answer_before_the_claim_was_sent_is_refused(users_a, claim, login):
    client = login(users_a["avtaleforvalter"])
    sent = timezone.localdate() - dt.timedelta(days=10)
    _post(client, claim, "sent", sent.isoformat())
    response = _post(client, claim, "rejected", (sent - dt.timedelta(days=1)).isoformat(), note="Bestridt")
    [_accepted, (step, _label, form)] = response.context["transitions"]
    assert (step, form.errors) == (
        "rejected",
        {"on": [f"Datoen kan ikke være før kravet ble sendt ({_dato(sent)})."]},
    )
    assert form["note"].value() == "Bestridt"
    claim.refresh_from_db()
    assert (claim.status, claim.answered_on) == ("sent", None)


def test_a_refund_before_the_answer_is_refused_and_records_no_gain(users_a, claim, login):
    client = login(users_a["avtaleforvalter"])
    answered = timezone.localdate() - dt.timedelta(days=5)
    _post(client, claim, "sent", (answered - dt.timedelta(days=5)).isoformat())
    _post(client, claim, "accepted", answered.isoformat())
    response = _post(client, claim, "refunded", (answered - dt.timedelta(days=1)).isoformat(), amount="80")
    form = dict((step, form) for step, _label, form in response.context["transitions"])["refunded"]
    assert form.errors == {"on": [f"Datoen kan ikke være før leverandøren svarte ({_dato(answered)})."]}
    assert form["amount"].value() == "80"
    claim.refresh_from_db()
    assert (claim.status, claim.refunded_amount, Gain.objects.count()) == ("accepted", None, 0)


def test_today_is_the_day_in_oslo(users_a, org_a, login, monkeypatch):
    # 23:30 UTC on 22 November is already 00:30 on 23 November in Oslo
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC))
    claim = make_claim(org_a)
    client = login(users_a["avtaleforvalter"])
    refused = _post(client, claim, "sent", "24.11.2026")
    assert refused.context["transitions"][0][2].errors == {
        "on": ["Datoen kan ikke være fram i tid (i dag er det 23.11.2026)."]
    }
    assert _post(client, claim, "sent", "23.11.2026").status_code == 302
    claim.refresh_from_db()
    assert claim.sent_on == dt.date(2026, 11, 23)


def test_the_service_refuses_a_wrong_date_for_the_field_on(org_a, claim):
    with pytest.raises(ValidationError) as caught:
        claim_transition(
            organisation=org_a, claim=claim, to="sent", on=timezone.localdate() + dt.timedelta(days=1)
        )
    assert caught.value.message_dict == {
        "on": [f"Datoen kan ikke være fram i tid (i dag er det {_dato(timezone.localdate())})."]
    }
    claim_transition(organisation=org_a, claim=claim, to="sent", on=timezone.localdate())
    claim = claim_transition(organisation=org_a, claim=claim, to="accepted", on=timezone.localdate())
    claim = claim_transition(organisation=org_a, claim=claim, to="credited", amount=Decimal("100.00"))
    assert (claim.status, claim.refunded_on) == ("credited", timezone.localdate())


def test_the_date_picker_offers_no_day_after_today(users_a, claim, login):
    html = (
        login(users_a["avtaleforvalter"])
        .get(reverse("followup:claim_detail", args=[claim.pk]))
        .content.decode()
    )
    assert f'max="{timezone.localdate().isoformat()}"' in html
