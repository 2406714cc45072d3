"""ICT device life cycle and the rule "no new device without returning the old one"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gronnkjop.reuse import services
from gronnkjop.reuse.models import Device, DeviceRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def laptop(org_a, unit_a):
    return Device.objects.create(
        organisation=org_a,
        unit=unit_a,
        kind="laptop",
        serial_number="PF3A1",
        model="ThinkPad T14",
        battery_health=71,
    )


def test_a_request_with_the_old_device_returned_is_approved_and_the_device_marked_returned(
    org_a, users_a, unit_a, laptop
):
    request = services.device_request_create(
        organisation=org_a, kind="laptop", by=users_a["behovseier"], unit=unit_a, returned_device=laptop
    )
    laptop.refresh_from_db()
    assert (request.status, request.returned_device, laptop.status) == ("approved", laptop, "returned")


def test_a_request_without_a_returned_device_or_a_reason_is_refused(org_a, users_a):
    with pytest.raises(ValidationError) as error:
        services.device_request_create(organisation=org_a, kind="laptop", by=users_a["behovseier"])
    assert error.value.messages == [
        "Ingen ny enhet uten at den gamle leveres tilbake: velg enheten du leverer, eller forklar hvorfor du ikke har noen."
    ]
    assert DeviceRequest.objects.count() == 0


def test_the_same_device_cannot_be_returned_twice(org_a, users_a, laptop):
    services.device_request_create(
        organisation=org_a, kind="laptop", by=users_a["behovseier"], returned_device=laptop
    )
    with pytest.raises(ValidationError):
        services.device_request_create(
            organisation=org_a, kind="laptop", by=users_a["behovseier"], returned_device=laptop
        )
    assert DeviceRequest.objects.count() == 1


def test_the_returned_device_must_be_of_the_same_kind(org_a, users_a, laptop):
    with pytest.raises(ValidationError):
        services.device_request_create(
            organisation=org_a, kind="phone", by=users_a["behovseier"], returned_device=laptop
        )
    laptop.refresh_from_db()
    assert laptop.status == "in_use"


def test_another_organisations_device_cannot_be_returned(org_b, users_b, laptop):
    with pytest.raises(ValidationError):
        services.device_request_create(
            organisation=org_b, kind="laptop", by=users_b["behovseier"], returned_device=laptop
        )


def test_an_exception_waits_for_a_recorded_decision(org_a, users_a):
    request = services.device_request_create(
        organisation=org_a, kind="laptop", by=users_a["behovseier"], exception_reason="Ny lærer"
    )
    assert request.status == "awaiting_exception"
    with pytest.raises(ValidationError):
        services.device_request_decide(
            organisation=org_a, request=request, approve=True, by=users_a["innkjoper"]
        )
    decided = services.device_request_decide(
        organisation=org_a,
        request=request,
        approve=True,
        by=users_a["innkjoper"],
        note="Nyansatt, ingen gammel PC",
    )
    assert (decided.status, decided.decided_by, decided.decision_note) == (
        "exception_approved",
        users_a["innkjoper"],
        "Nyansatt, ingen gammel PC",
    )


def test_a_need_owner_cannot_grant_an_exception_through_the_page(org_a, users_a, client):
    request = services.device_request_create(
        organisation=org_a, kind="laptop", by=users_a["behovseier"], exception_reason="Ny lærer"
    )
    client.force_login(users_a["behovseier"])
    response = client.post(
        reverse("reuse:device_request_decide", args=[request.pk]), {"decision": "approve", "note": "ok"}
    )
    request.refresh_from_db()
    assert (response.status_code, request.status) == (403, "awaiting_exception")


def test_the_request_page_enforces_the_rule(org_a, users_a, client, laptop):
    client.force_login(users_a["behovseier"])
    response = client.post(reverse("reuse:device_request_list"), {"kind": "laptop"})
    assert response.status_code == 200
    assert DeviceRequest.objects.count() == 0
    response = client.post(
        reverse("reuse:device_request_list"), {"kind": "laptop", "returned_device": laptop.pk}
    )
    assert (response.status_code, DeviceRequest.objects.get().status) == (302, "approved")


def test_recycling_needs_an_erasure_certificate(org_a, users_a, laptop):
    with pytest.raises(ValidationError):
        services.device_end_of_life(
            organisation=org_a, device=laptop, by=None, outcome="recycling", on=date(2026, 6, 1)
        )
    device = services.device_end_of_life(
        organisation=org_a,
        device=laptop,
        by=None,
        outcome="recycling",
        on=date(2026, 6, 1),
        certificate="SLETT-2026-114",
    )
    assert (device.status, device.end_of_life, device.erasure_certificate) == (
        "end_of_life",
        "recycling",
        "SLETT-2026-114",
    )


def test_reuse_at_end_of_life_puts_the_device_in_the_pool(org_a, laptop):
    device = services.device_end_of_life(
        organisation=org_a, device=laptop, by=None, outcome="reuse", on=date(2026, 6, 1)
    )
    item = device.reuse_item
    assert (item.item_type, item.category, item.quantity_available, item.code, item.status) == (
        "laptop",
        "ict.laptops",
        1,
        "IKT-PF3A1",
        "available",
    )


def test_repairs_are_recorded(org_a, users_a, laptop):
    services.device_repair_add(
        organisation=org_a,
        device=laptop,
        by=users_a["innkjoper"],
        date=date(2026, 2, 1),
        description="Nytt batteri",
        cost=Decimal("890.00"),
    )
    assert list(laptop.repairs.values_list("description", "cost")) == [("Nytt batteri", Decimal("890.00"))]


def test_the_device_pages_render(users_a, laptop, client):
    client.force_login(users_a["innkjoper"])
    for url in (
        reverse("reuse:device_list"),
        reverse("reuse:device_detail", args=[laptop.pk]),
        reverse("reuse:device_create"),
    ):
        assert client.get(url).status_code == 200


def test_an_exception_is_not_refused_without_a_reason_either(org_a, users_a, client):
    request = services.device_request_create(
        organisation=org_a, kind="laptop", by=users_a["behovseier"], exception_reason="Ny lærer"
    )
    client.force_login(users_a["innkjoper"])
    url = reverse("reuse:device_request_decide", args=[request.pk])
    response = client.post(url, {"decision": "reject", "note": "  "}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Skriv hvorfor unntaket avslås."]
    request.refresh_from_db()
    assert request.status == "awaiting_exception"
    client.post(url, {"decision": "reject", "note": "Gammel PC er ikke levert"})
    request.refresh_from_db()
    assert (request.status, request.decision_note) == ("rejected", "Gammel PC er ikke levert")
