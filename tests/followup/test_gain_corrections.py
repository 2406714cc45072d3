"""Gains recorded by hand: no date after today (Oslo time), an amount above zero and not above
1 000 000 000 kr, checked by the form and by ``gain_record``; a wrong one can be deleted (POST after a
confirmation page, by those who may record gains, its history keeping who deleted it); a gain from a
refund claim is corrected through the claim and cannot be deleted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gronnkjop.followup.models import Gain
from gronnkjop.followup.services import gain_delete, gain_record

from .ui_fixtures import (  # noqa: F401 - fixtures
    login,
    make_claim,
    make_gain,
    org_a,
    org_b,
    users_a,
    users_b,
)


def _dato(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _record(client, **fields):
    data = {"kind": "avoided", "amount": "12 500", "on": "14.02.2026", "description": "Prisavslag"} | fields
    return client.post(reverse("followup:gain_list"), data)


def test_an_absurd_amount_is_refused_at_its_field_with_what_was_typed(users_a, login):
    response = _record(login(users_a["avtaleforvalter"]), amount="99 999 999 999 999")
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "amount": ["Beløpet kan ikke være over 1\xa0000\xa0000\xa0000\xa0kr."]
    }
    html = response.content.decode()
    assert 'name="amount" value="99999999999999"' in html
    assert Gain.objects.count() == 0


@pytest.mark.parametrize("amount", ["0", "-500"])
def test_an_amount_of_zero_or_less_is_refused_at_its_field(amount, users_a, login):
    response = _record(login(users_a["avtaleforvalter"]), amount=amount)
    assert response.context["form"].errors == {"amount": ["Beløpet må være større enn null."]}
    assert Gain.objects.count() == 0


def test_the_ceiling_itself_can_be_recorded(users_a, login):
    assert _record(login(users_a["avtaleforvalter"]), amount="1 000 000 000").status_code == 302
    assert list(Gain.objects.values_list("amount", flat=True)) == [Decimal("1000000000.00")]


def test_a_date_after_today_is_refused_at_its_field_with_the_date_kept(users_a, login):
    response = _record(login(users_a["avtaleforvalter"]), on="31.12.2027")
    today = timezone.localdate()
    assert response.context["form"].errors == {
        "on": [f"Datoen kan ikke være fram i tid (i dag er det {_dato(today)})."]
    }
    html = response.content.decode()
    assert 'value="2027-12-31"' in html  # as the date picker shows what was typed
    assert f'max="{today.isoformat()}"' in html
    assert Gain.objects.count() == 0


def test_today_in_oslo_is_allowed_and_tomorrow_is_not(users_a, login, monkeypatch):
    # 23:30 UTC on 22 November is already 00:30 on 23 November in Oslo
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC))
    client = login(users_a["avtaleforvalter"])
    assert _record(client, on="24.11.2026").context["form"].errors == {
        "on": ["Datoen kan ikke være fram i tid (i dag er det 23.11.2026)."]
    }
    assert _record(client, on="23.11.2026").status_code == 302
    assert list(Gain.objects.values_list("date", "year")) == [(dt.date(2026, 11, 23), 2026)]


def test_the_service_refuses_a_future_date_and_an_absurd_amount_per_field(org_a):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        gain_record(
            organisation=org_a,
            kind="avoided",
            amount=Decimal("1000000000.01"),
            on=today + dt.timedelta(days=1),
            description="x",
        )
    assert caught.value.message_dict == {
        "amount": ["Beløpet kan ikke være over 1\xa0000\xa0000\xa0000\xa0kr."],
        "on": [f"Datoen kan ikke være fram i tid (i dag er det {_dato(today)})."],
    }
    assert Gain.objects.count() == 0


def test_a_gain_recorded_by_hand_is_deleted_after_confirmation_and_its_history_names_who(
    users_a, org_a, login
):
    gain = make_gain(org_a, "12500.00", kind="avoided", description="Prisavslag i møte")
    client = login(users_a["avtaleforvalter"])
    detail = client.get(reverse("followup:gain_detail", args=[gain.pk])).content.decode()
    url = reverse("followup:gain_delete", args=[gain.pk])
    assert f'href="{url}"' in detail
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert Gain.objects.filter(pk=gain.pk).exists()  # asking deletes nothing
    html = confirm.content.decode()
    assert f'<form method="post" class="gk-actions" action="{url}">' in html
    assert "Slette gevinsten?" in html
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(reverse("followup:gain_list"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Gevinsten «Prisavslag i møte» (12\xa0500,00\xa0kr) er slettet."
    ]
    assert Gain.objects.count() == 0
    assert list(
        Gain.history.filter(id=gain.pk).order_by("history_id").values_list("history_type", "history_user")
    ) == [("+", None), ("-", users_a["avtaleforvalter"].pk)]


def test_a_gain_from_a_claim_cannot_be_deleted_and_the_page_says_so(users_a, org_a, login):
    claim = make_claim(org_a, status="refunded")
    gain = make_gain(org_a, claim=claim, description="Krav KRAV-2026-0001")
    client = login(users_a["avtaleforvalter"])
    detail = client.get(reverse("followup:gain_detail", args=[gain.pk])).content.decode()
    assert (
        "Denne gevinsten kommer fra krav om tilbakebetaling KRAV-2026-0001: den rettes gjennom kravet "
        "og kan ikke slettes her."
    ) in detail
    url = reverse("followup:gain_delete", args=[gain.pk])
    assert url not in detail
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(reverse("followup:gain_detail", args=[gain.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "En gevinst fra et krav om tilbakebetaling kan ikke slettes; den rettes gjennom kravet."
    ]
    assert Gain.objects.filter(pk=gain.pk).exists()
    with pytest.raises(ValidationError):
        gain_delete(organisation=org_a, gain=gain, by=users_a["avtaleforvalter"])
    assert Gain.objects.filter(pk=gain.pk).exists()


def test_a_leader_may_not_delete_a_gain(users_a, org_a, login):
    gain = make_gain(org_a)
    client = login(users_a["leder"])
    url = reverse("followup:gain_delete", args=[gain.pk])
    assert url not in client.get(reverse("followup:gain_detail", args=[gain.pk])).content.decode()
    assert (client.get(url).status_code, client.post(url).status_code) == (403, 403)
    assert Gain.objects.filter(pk=gain.pk).exists()


def test_another_organisations_gain_is_404_and_stays(users_a, org_b, login):
    theirs = make_gain(org_b)
    response = login(users_a["avtaleforvalter"]).post(reverse("followup:gain_delete", args=[theirs.pk]))
    assert response.status_code == 404
    assert Gain.objects.filter(pk=theirs.pk).exists()
