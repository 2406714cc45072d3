"""Reserve, approve, hand over, receive; reject and cancel give the units back; roles decide who may."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gronnkjop.reuse import services
from gronnkjop.reuse.models import ReuseItem
from tests.reuse.conftest import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_desks(org_b, collaboration):
    return make_item(org_b, days_ago=100, quantity=6)


def test_a_need_owner_of_a_partner_reserves_and_the_units_are_held(org_a, users_a, shared_desks, client):
    client.force_login(users_a["behovseier"])
    response = client.post(
        reverse("reuse:item_reserve", args=[shared_desks.pk]), {"quantity": 4, "note": "Til 5B"}
    )
    shared_desks.refresh_from_db()
    reservation = shared_desks.reservations.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reuse:reservation_detail", args=[reservation.pk])
    assert (reservation.organisation, reservation.quantity, reservation.status) == (org_a, 4, "requested")
    assert (shared_desks.quantity, shared_desks.quantity_available, shared_desks.status) == (
        6,
        2,
        "available",
    )


def test_the_whole_flow_records_the_saving_for_the_receiver_and_shows_it_to_both(
    org_a, org_b, users_a, users_b, shared_desks, client
):
    reservation = services.reservation_create(
        organisation=org_a, item=shared_desks, quantity=6, by=users_a["behovseier"]
    )
    shared_desks.refresh_from_db()
    assert (shared_desks.quantity_available, shared_desks.status) == (0, "reserved")
    services.reservation_approve(organisation=org_b, reservation=reservation, by=users_b["innkjoper"])
    saving = services.reservation_hand_over(
        organisation=org_b,
        reservation=reservation,
        by=users_b["innkjoper"],
        method="delivery",
        handover_date=date(2026, 3, 2),
        cost=Decimal("1500.00"),
    )
    services.reservation_receive(organisation=org_a, reservation=reservation, by=users_a["behovseier"])
    shared_desks.refresh_from_db()
    reservation.refresh_from_db()
    received = ReuseItem.objects.get(organisation=org_a)
    assert (shared_desks.quantity, shared_desks.status) == (0, "handed_over")
    assert (received.quantity, received.status, received.origin_id, received.code) == (
        6,
        "in_use",
        shared_desks.pk,
        f"{shared_desks.code}-R{reservation.pk}",
    )
    assert (reservation.status, reservation.method, reservation.handover_date) == (
        "received",
        "delivery",
        date(2026, 3, 2),
    )
    assert (
        saving.organisation,
        saving.owner_organisation,
        saving.value_nok,
        saving.co2e_kg,
        saving.waste_kg,
    ) == (
        org_a,
        org_b,
        Decimal("23700.00"),
        Decimal("600.000"),
        Decimal("180.000"),
    )
    for user in (users_a["behovseier"], users_b["innkjoper"]):
        client.force_login(user)
        body = client.get(reverse("reuse:reservation_detail", args=[reservation.pk])).content.decode()
        assert "23\xa0700,00\xa0kr" in body


def test_reserving_more_than_is_left_says_how_many_are_left_and_changes_nothing(org_a, users_a, shared_desks):
    services.reservation_create(organisation=org_a, item=shared_desks, quantity=5, by=users_a["behovseier"])
    with pytest.raises(ValidationError) as error:
        services.reservation_create(
            organisation=org_a, item=shared_desks, quantity=2, by=users_a["behovseier"]
        )
    assert error.value.messages == ["Beklager, bare 1 enheter er igjen; noen andre har reservert resten."]
    shared_desks.refresh_from_db()
    assert (shared_desks.quantity_available, shared_desks.reservations.count()) == (1, 1)


def test_reject_gives_the_units_back(org_a, org_b, users_a, users_b, shared_desks):
    reservation = services.reservation_create(
        organisation=org_a, item=shared_desks, quantity=6, by=users_a["behovseier"]
    )
    services.reservation_reject(
        organisation=org_b, reservation=reservation, by=users_b["innkjoper"], reason="Lovet bort"
    )
    shared_desks.refresh_from_db()
    reservation.refresh_from_db()
    assert (reservation.status, reservation.reason) == ("rejected", "Lovet bort")
    assert (shared_desks.quantity_available, shared_desks.status) == (6, "available")


def test_cancel_gives_the_units_back_and_only_the_reserver_may_cancel(
    org_a, org_b, users_a, users_b, shared_desks
):
    reservation = services.reservation_create(
        organisation=org_a, item=shared_desks, quantity=2, by=users_a["behovseier"]
    )
    with pytest.raises(ValidationError):
        services.reservation_cancel(organisation=org_b, reservation=reservation, by=users_b["innkjoper"])
    services.reservation_cancel(organisation=org_a, reservation=reservation, by=users_a["behovseier"])
    shared_desks.refresh_from_db()
    assert shared_desks.quantity_available == 6


def test_only_the_owner_approves_and_hands_over(org_a, users_a, shared_desks):
    reservation = services.reservation_create(
        organisation=org_a, item=shared_desks, quantity=1, by=users_a["behovseier"]
    )
    with pytest.raises(ValidationError):
        services.reservation_approve(organisation=org_a, reservation=reservation, by=users_a["innkjoper"])
    with pytest.raises(ValidationError):
        services.reservation_hand_over(
            organisation=org_a,
            reservation=reservation,
            by=users_a["innkjoper"],
            method="pickup",
            handover_date=date(2026, 1, 1),
        )
    reservation.refresh_from_db()
    assert reservation.status == "requested"


def test_leadership_cannot_reserve(users_a, shared_desks, client):
    client.force_login(users_a["leder"])
    assert (
        client.post(reverse("reuse:item_reserve", args=[shared_desks.pk]), {"quantity": 1}).status_code == 403
    )
    assert shared_desks.reservations.count() == 0


def test_a_need_owner_cannot_approve_through_the_page(org_a, org_b, users_a, users_b, shared_desks, client):
    own = make_item(org_a, quantity=2)
    reservation = services.reservation_create(
        organisation=org_a, item=own, quantity=1, by=users_a["behovseier"]
    )
    client.force_login(users_a["behovseier"])
    client.post(reverse("reuse:reservation_action", args=[reservation.pk, "approve"]))
    reservation.refresh_from_db()
    assert reservation.status == "requested"


def test_the_owner_approves_and_hands_over_through_the_pages(
    org_a, org_b, users_a, users_b, shared_desks, client
):
    reservation = services.reservation_create(
        organisation=org_a, item=shared_desks, quantity=2, by=users_a["behovseier"]
    )
    client.force_login(users_b["innkjoper"])
    client.post(reverse("reuse:reservation_action", args=[reservation.pk, "approve"]))
    client.post(
        reverse("reuse:reservation_action", args=[reservation.pk, "hand_over"]),
        {"method": "pickup", "handover_date": "2026-04-01", "cost": "0"},
    )
    reservation.refresh_from_db()
    assert (reservation.status, reservation.saving.value_nok) == ("handed_over", Decimal("8400.00"))


def test_the_reservation_list_shows_both_directions(org_a, org_b, users_a, shared_desks, client):
    services.reservation_create(organisation=org_a, item=shared_desks, quantity=1, by=users_a["behovseier"])
    client.force_login(users_a["behovseier"])
    response = client.get(reverse("reuse:reservation_list"))
    assert (
        response.status_code,
        response.context["outgoing"].count(),
        response.context["incoming"].count(),
    ) == (200, 1, 0)


def test_asking_for_more_units_than_the_item_has_says_so_without_blaming_others(org_a, users_a, shared_desks):
    with pytest.raises(ValidationError) as error:
        services.reservation_create(
            organisation=org_a, item=shared_desks, quantity=999, by=users_a["behovseier"]
        )
    left = shared_desks.quantity_available
    assert error.value.messages == [f"Bare {left} enheter er tilgjengelige; reserver høyst {left}."]


def test_a_hand_over_cannot_be_dated_in_the_future_and_says_so_at_the_field(
    org_a, org_b, collaboration, users_a, users_b, client
):
    from datetime import timedelta

    from django.utils import timezone

    item = make_item(org_b, days_ago=30)
    reservation = services.reservation_create(
        organisation=org_a, item=item, quantity=1, by=users_a["behovseier"]
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.reservation_hand_over(
            organisation=org_b, reservation=reservation, by=None, method="pickup", handover_date=tomorrow
        )
    assert caught.value.message_dict == {"handover_date": ["Overleveringen kan ikke dateres fram i tid."]}
    client.force_login(users_b["innkjoper"])
    url = reverse("reuse:reservation_action", args=[reservation.pk, "hand_over"])
    response = client.post(
        url, {"method": "pickup", "handover_date": tomorrow.strftime("%d.%m.%Y"), "cost": "0"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Overleveringsdato: Overleveringen kan ikke dateres fram i tid."
    ]
    response = client.post(
        url, {"method": "pickup", "handover_date": "01.01.2026", "cost": "-5"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Kostnad (kr): Verdien må være større enn eller lik 0."
    ]
    reservation.refresh_from_db()
    assert reservation.status == "requested"
