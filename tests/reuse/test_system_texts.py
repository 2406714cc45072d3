"""Texts the system writes (the reasons in an item's status history, the description of an item that
came from an ICT device) are shown in the language of the page, whichever language the action was taken
in; a reason or description a user typed is shown exactly as typed; rows stored as text before the keys
existed get their key from the data migration."""

from __future__ import annotations

import re
from datetime import date
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gronnkjop.reuse import services
from gronnkjop.reuse.models import Device, Reservation, ReuseItem, StatusChange
from tests.reuse.conftest import make_item

pytestmark = pytest.mark.django_db

DATA_MIGRATION = "0005_system_text_keys_from_stored_text"

#: The owner's item through the whole flow, newest first, in each language.
OWNER_HISTORY = {
    "en": [
        "Handed over to Dulten kommune",
        "Quantity changed",
        "Reservation cancelled",
        "Reserved by Dulten kommune",
        "Reservation rejected",
        "Reserved by Dulten kommune",
        "Registered",
    ],
    "nb": [
        "Overlevert til Dulten kommune",
        "Antall endret",
        "Reservasjonen ble trukket",
        "Reservert av Dulten kommune",
        "Reservasjonen ble avslått",
        "Reservert av Dulten kommune",
        "Registrert",
    ],
}
TYPED = "Løs fot – skrus fast av vaktmester"
RECEIVER_HISTORY = {
    "en": [TYPED, "Received from Nordvik kommune"],
    "nb": [TYPED, "Mottatt fra Nordvik kommune"],
}
OTHER = {"en": "nb", "nb": "en"}


def _speak(client, language: str):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def _reasons(page: str) -> list[str]:
    """The «Why» column of the status history, the last table of an item's page."""
    body = page[page.rindex("<tbody>") : page.rindex("</tbody>")]
    return re.findall(r"<td>([^<]*)</td></tr>", body)


def _item_form(item: ReuseItem, **fields) -> dict:
    data = {
        "title": item.title,
        "item_type": item.item_type,
        "category": item.category,
        "quantity": str(item.quantity),
        "condition": item.condition,
        "description": item.description,
        "share_after_days": "0",
    }
    return data | fields


@pytest.fixture
def clients(users_a, users_b, collaboration):
    """The owner (Nordvik's procurement officer) and the receiver (Dulten's), each in a browser."""
    owner, receiver = Client(), Client()
    owner.force_login(users_b["innkjoper"])
    receiver.force_login(users_a["innkjoper"])
    return owner, receiver


def _flow(owner, receiver) -> tuple[ReuseItem, ReuseItem]:
    """Register, reserve, reject, reserve, cancel, reserve part, lower the quantity, hand over, and a
    status set by hand with a typed reason on the received item; everything through the pages."""
    response = owner.post(
        reverse("reuse:item_create"),
        {
            "title": "Skrivebord 140 × 70",
            "item_type": "fixed_desk",
            "category": "furniture.desks",
            "quantity": "4",
            "condition": "good",
            "share_after_days": "0",
        },
    )
    assert response.status_code == 302
    item = ReuseItem.objects.get()
    reserve = reverse("reuse:item_reserve", args=[item.pk])

    def act(client, action: str, **data):
        reservation = Reservation.objects.latest("pk")
        url = reverse("reuse:reservation_action", args=[reservation.pk, action])
        assert client.post(url, data).status_code == 302
        return reservation

    assert receiver.post(reserve, {"quantity": "4"}).status_code == 302
    act(owner, "reject", reason="Lovet bort til skolen")
    assert receiver.post(reserve, {"quantity": "4"}).status_code == 302
    act(receiver, "cancel")
    assert receiver.post(reserve, {"quantity": "2"}).status_code == 302
    item.refresh_from_db()
    edit = owner.post(reverse("reuse:item_edit", args=[item.pk]), _item_form(item, quantity="2"))
    assert edit.status_code == 302
    act(owner, "hand_over", method="pickup", handover_date=timezone.localdate().isoformat(), cost="0")
    received = ReuseItem.objects.get(origin=item)
    status = receiver.post(
        reverse("reuse:item_status", args=[received.pk]), {"status": "repair", "reason": TYPED}
    )
    assert status.status_code == 302
    return item, received


@pytest.mark.parametrize(("acted", "shown"), [("nb", "en"), ("en", "nb"), ("nb", "nb"), ("en", "en")])
def test_the_status_history_speaks_the_language_of_the_page_whatever_the_action_spoke(acted, shown, clients):
    owner, receiver = clients
    item, received = _flow(_speak(owner, acted), _speak(receiver, acted))
    for client, shown_item, expected in (
        (owner, item, OWNER_HISTORY),
        (receiver, received, RECEIVER_HISTORY),
    ):
        page = _speak(client, shown).get(reverse("reuse:item_detail", args=[shown_item.pk])).content.decode()
        assert _reasons(page) == expected[shown]
        for text in set(expected[OTHER[shown]]) - set(expected[shown]):
            assert text not in page
    # the text kept beside the key is bokmål, whoever acted in which language: search and exports
    assert [c.reason for c in item.status_changes.all()] == OWNER_HISTORY["nb"]
    assert [c.reason for c in received.status_changes.all()] == RECEIVER_HISTORY["nb"]


def test_a_reason_a_user_typed_has_no_key_and_the_rejection_reason_stays_as_typed(clients):
    owner, receiver = clients
    _item, received = _flow(owner, receiver)
    typed = received.status_changes.get(new_status="repair")
    assert (typed.reason, typed.reason_key, typed.reason_params, typed.reason_display) == (
        TYPED,
        "",
        {},
        TYPED,
    )
    rejected = Reservation.objects.get(status="rejected")
    for language in ("en", "nb"):
        page = (
            _speak(owner, language)
            .get(reverse("reuse:reservation_detail", args=[rejected.pk]))
            .content.decode()
        )
        assert "<dd>Lovet bort til skolen</dd>" in page


@pytest.fixture
def laptop(org_a, unit_a):
    return Device.objects.create(
        organisation=org_a, unit=unit_a, kind="laptop", serial_number="PF3A1", model="ThinkPad T14"
    )


@pytest.mark.parametrize(("acted", "shown"), [("nb", "en"), ("en", "nb")])
def test_a_device_in_the_pool_is_described_in_the_language_of_the_page(
    acted, shown, org_a, users_a, laptop, client
):
    client.force_login(users_a["innkjoper"])
    _speak(client, acted)
    response = client.post(
        reverse("reuse:device_detail", args=[laptop.pk]),
        {"form": "end_of_life", "outcome": "reuse", "on": "2026-06-01"},
    )
    assert response.status_code == 302
    item = Device.objects.get().reuse_item
    assert (item.description, item.description_key, item.description_params) == (
        "Serienummer PF3A1",
        "serial_number",
        {"serial": "PF3A1"},
    )
    expected = {"en": "Serial number PF3A1", "nb": "Serienummer PF3A1"}
    page = _speak(client, shown).get(reverse("reuse:item_detail", args=[item.pk])).content.decode()
    assert f'<p class="ds-paragraph">{expected[shown]}</p>' in page
    assert expected[OTHER[shown]] not in page
    # the edit form offers it in the page's language, and saving it unchanged keeps it following
    form_page = client.get(reverse("reuse:item_edit", args=[item.pk])).content.decode()
    assert f"\n{expected[shown]}</textarea>" in form_page
    assert expected[OTHER[shown]] not in form_page
    saved = client.post(
        reverse("reuse:item_edit", args=[item.pk]), _item_form(item, description=expected[shown])
    )
    assert saved.status_code == 302
    item.refresh_from_db()
    assert (item.description, item.description_key) == ("Serienummer PF3A1", "serial_number")
    page = _speak(client, acted).get(reverse("reuse:item_detail", args=[item.pk])).content.decode()
    assert f'<p class="ds-paragraph">{expected[acted]}</p>' in page


def test_a_description_the_user_types_over_the_systems_is_kept_as_typed_in_both_languages(
    org_a, users_a, laptop, client
):
    device = services.device_end_of_life(
        organisation=org_a, device=laptop, by=None, outcome="reuse", on=date(2026, 6, 1)
    )
    item = device.reuse_item
    client.force_login(users_a["innkjoper"])
    typed = "Serienummer PF3A1, lader følger med"
    response = client.post(reverse("reuse:item_edit", args=[item.pk]), _item_form(item, description=typed))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.description, item.description_key, item.description_params) == (typed, "", {})
    for language in ("en", "nb"):
        page = _speak(client, language).get(reverse("reuse:item_detail", args=[item.pk])).content.decode()
        assert f'<p class="ds-paragraph">{typed}</p>' in page


def test_an_item_received_from_a_device_item_keeps_following_the_language(
    org_a, org_b, users_a, users_b, laptop, collaboration, client
):
    device = services.device_end_of_life(
        organisation=org_a, device=laptop, by=None, outcome="reuse", on=date(2026, 6, 1)
    )
    services.item_update(organisation=org_a, item=device.reuse_item, by=None, share_after_days=0)
    reservation = services.reservation_create(
        organisation=org_b, item=device.reuse_item, quantity=1, by=users_b["behovseier"]
    )
    services.reservation_hand_over(
        organisation=org_a,
        reservation=reservation,
        by=None,
        method="pickup",
        handover_date=timezone.localdate(),
    )
    received = ReuseItem.objects.get(organisation=org_b)
    assert (received.description_key, received.description_params) == ("serial_number", {"serial": "PF3A1"})
    client.force_login(users_b["innkjoper"])
    page = _speak(client, "en").get(reverse("reuse:item_detail", args=[received.pk])).content.decode()
    assert '<p class="ds-paragraph">Serial number PF3A1</p>' in page


def test_the_public_page_describes_a_device_in_the_visitors_language(org_a, laptop, client):
    device = services.device_end_of_life(
        organisation=org_a, device=laptop, by=None, outcome="reuse", on=date(2026, 6, 1)
    )
    services.item_update(organisation=org_a, item=device.reuse_item, by=None, public=True)
    url = reverse("reuse:public_detail", args=[device.reuse_item.pk])
    page = client.get(url).content.decode()
    assert '<p class="ds-paragraph">Serienummer PF3A1</p>' in page
    page = _speak(client, "en").get(url).content.decode()
    assert '<p class="ds-paragraph">Serial number PF3A1</p>' in page
    assert "Serienummer" not in page


# --- the data migration ------------------------------------------------------------------------------


def _migrate_old_rows():
    """Run the data migration's step on the database as it is, with the models as the migration saw
    them (the historical models, without this code's properties)."""
    state = MigrationLoader(connection).project_state(("reuse", DATA_MIGRATION))
    import_module(f"gronnkjop.reuse.migrations.{DATA_MIGRATION}").forward(state.apps, None)


def test_the_data_migration_gives_the_old_bokmal_and_english_texts_their_keys(
    org_a, org_b, users_a, users_b, laptop, collaboration, client
):
    item = make_item(org_b, days_ago=100, quantity=2)
    reservation = services.reservation_create(
        organisation=org_a, item=item, quantity=2, by=users_a["behovseier"]
    )
    services.reservation_cancel(organisation=org_a, reservation=reservation, by=users_a["behovseier"])
    services.item_status_change(
        organisation=org_b, item=item, status="repair", reason="Reservert av vaktmester", by=None
    )
    device_item = services.device_end_of_life(
        organisation=org_a, device=laptop, by=None, outcome="reuse", on=date(2026, 6, 1)
    ).reuse_item
    typed_item = make_item(org_a, description="Serienummer ukjent")
    # as the rows were stored before the keys: the text only, bokmål, or English for an English user
    StatusChange.objects.update(reason_key="", reason_params={})
    StatusChange.objects.filter(item=item, reason="Reservert av Dulten kommune").update(
        reason="Reserved by Dulten kommune"
    )
    ReuseItem.objects.update(description_key="", description_params={})

    _migrate_old_rows()

    rows = [(c.reason, c.reason_key, c.reason_params) for c in item.status_changes.order_by("pk")]
    assert rows == [
        ("Registrert", "registered", {}),
        ("Reservert av Dulten kommune", "reserved_by", {"org": "Dulten kommune"}),  # was English
        ("Reservasjonen ble trukket", "reservation_cancelled", {}),
        ("Reservert av vaktmester", "", {}),  # typed by a user, to "for repair": left as typed
    ]
    device_item.refresh_from_db()
    typed_item.refresh_from_db()
    assert (device_item.description, device_item.description_key, device_item.description_params) == (
        "Serienummer PF3A1",
        "serial_number",
        {"serial": "PF3A1"},
    )
    assert (typed_item.description, typed_item.description_key) == ("Serienummer ukjent", "")
    client.force_login(users_b["innkjoper"])
    page = _speak(client, "en").get(reverse("reuse:item_detail", args=[item.pk])).content.decode()
    assert _reasons(page) == [
        "Reservert av vaktmester",
        "Reservation cancelled",
        "Reserved by Dulten kommune",
        "Registered",
    ]
    client.force_login(users_a["innkjoper"])
    page = client.get(reverse("reuse:item_detail", args=[device_item.pk])).content.decode()
    assert '<p class="ds-paragraph">Serial number PF3A1</p>' in page
    _migrate_old_rows()  # again: nothing changes
    assert [(c.reason, c.reason_key) for c in item.status_changes.order_by("pk")] == [
        (reason, key) for reason, key, _params in rows
    ]
