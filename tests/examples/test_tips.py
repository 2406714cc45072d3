"""Readers' tips: stored for the editors, with spam protection that needs no outside service."""

from __future__ import annotations

import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gronnkjop.examples import services
from gronnkjop.examples.models import Tip

URL = "/eksempler/tips/"


def _post(client, *, age: float = 10, website: str = "", ip: str = "192.0.2.1", **overrides):
    data = {
        "name": "Kari Nordmann",
        "email": "kari@example.no",
        "organisation_name": "Nordvik kommune",
        "text": "Vi kjøper brukte møbler gjennom en felles app.",
        "link": "https://example.no/app",
        "token": services.tip_form_token(issued_at=time.time() - age),
        "website": website,
        **overrides,
    }
    return client.post(URL, data, REMOTE_ADDR=ip)


def test_a_reader_sends_a_tip_and_is_thanked(client, db):
    response = _post(client)
    assert response.url == reverse("examples:tip_thanks")
    tip = Tip.objects.get()
    assert (tip.name, tip.email, tip.organisation_name, tip.link, tip.status) == (
        "Kari Nordmann",
        "kari@example.no",
        "Nordvik kommune",
        "https://example.no/app",
        "new",
    )
    assert "192.0.2.1" not in tip.ip_hash
    assert client.get(response.url).status_code == 200


def test_the_tip_form_has_a_signed_time_stamp_and_a_hidden_trap(client, db):
    page = client.get(URL).content.decode()
    assert 'name="token"' in page
    assert '<div class="gk-ex-trap" hidden>' in page


def test_a_filled_trap_field_is_thanked_but_not_stored(client, db):
    response = _post(client, website="http://spam.example")
    assert (response.url, Tip.objects.count()) == (reverse("examples:tip_thanks"), 0)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"age": 1}, "Det gikk veldig fort. Vent noen sekunder og send på nytt."),
        ({"age": 25 * 3600}, "Skjemaet er for gammelt. Send det på nytt."),
        ({"token": "forfalsket"}, "Skjemaet kunne ikke kontrolleres. Send det på nytt."),
    ],
    ids=["too-fast", "a-day-old", "forged"],
)
def test_a_form_sent_too_fast_too_late_or_forged_is_refused(client, db, overrides, message):
    response = _post(client, **overrides)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [message]
    assert Tip.objects.count() == 0


def test_more_than_five_tips_an_hour_from_one_address_are_refused(client, db):
    statuses = [_post(client).status_code for _ in range(6)]
    assert statuses == [302, 302, 302, 302, 302, 400]
    assert Tip.objects.count() == 5
    assert _post(client, ip="198.51.100.7").status_code == 302


def test_editors_move_a_tip_from_new_to_in_progress_to_example(client, editor, make_example):
    _post(client)
    tip = Tip.objects.get()
    example = make_example("Felles app for brukte møbler")
    client.force_login(editor)
    client.post(
        reverse("examples:tip_detail", args=[tip.pk]), {"status": "in_progress", "note": "Ringer henne"}
    )
    tip.refresh_from_db()
    assert (tip.status, tip.editor_note) == ("in_progress", "Ringer henne")
    client.post(
        reverse("examples:tip_detail", args=[tip.pk]), {"status": "became_example", "example": example.pk}
    )
    tip.refresh_from_db()
    assert (tip.status, tip.example) == ("became_example", example)
    assert "Kari Nordmann, Nordvik kommune" in client.get(reverse("examples:tip_list")).content.decode()


def test_a_tip_can_be_rejected_and_must_name_its_example(db):
    tip = Tip.objects.create(name="A", email="a@example.no", text="Tips", ip_hash="x")
    with pytest.raises(ValidationError):
        services.tip_set_status(tip=tip, status="became_example")
    services.tip_set_status(tip=tip, status="rejected", note="Utenfor temaet")
    tip.refresh_from_db()
    assert (tip.status, tip.editor_note) == ("rejected", "Utenfor temaet")
    with pytest.raises(ValidationError):
        services.tip_set_status(tip=tip, status="new")
