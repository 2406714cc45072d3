"""Isolation cases of the reuse models (merged into ``tests/tenancy_cases.py``).

Organisations A and B of the core tests are not partners, so none of B's rows may be visible to A.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from gronnkjop.core.models import Unit
from gronnkjop.reuse import services
from gronnkjop.reuse.models import Device, ReuseSettings, Store
from tests.tenancy_cases import Case


def _item(org, users):
    return services.item_register(
        organisation=org,
        by=None,
        now=timezone.now() - timedelta(days=90),
        item_type="fixed_desk",
        title=f"Pult {org.name}",
        quantity=3,
        new_price=Decimal("1000.00"),
        share_after_days=0,
    )


def _item_unchanged(row):
    row.refresh_from_db()
    assert (row.title.startswith("Pult "), row.status, row.quantity_available) == (True, "available", 3)
    assert row.reservations.count() == 0
    assert row.photos.count() == 0


def _reservation(org, users):
    item = _item(org, users)
    return services.reservation_create(organisation=org, item=item, quantity=1, by=users["behovseier"])


def _reservation_unchanged(row):
    row.refresh_from_db()
    assert row.status == "requested"


def _saving(org, users):
    reservation = _reservation(org, users)
    return services.reservation_hand_over(
        organisation=org,
        reservation=reservation,
        by=users["innkjoper"],
        method="pickup",
        handover_date=timezone.localdate(),
    )


def _store(org, users):
    return Store.objects.create(organisation=org, name=f"Lager {org.name}")


def _store_unchanged(row):
    row.refresh_from_db()
    assert row.name.startswith("Lager ")


def _settings(org, users):
    return ReuseSettings.objects.create(organisation=org, share_after_days=30)


def _device(org, users):
    unit = Unit.objects.create(organisation=org, name="IT", code="1200")
    return Device.objects.create(organisation=org, unit=unit, kind="laptop", serial_number="SN1", model="T14")


def _device_unchanged(row):
    row.refresh_from_db()
    assert (row.status, row.repairs.count()) == ("in_use", 0)


def _device_request(org, users):
    return services.device_request_create(
        organisation=org, kind="laptop", by=users["behovseier"], exception_reason="Ny lærer"
    )


def _device_request_unchanged(row):
    row.refresh_from_db()
    assert row.status == "awaiting_exception"


CASES: dict[str, Case] = {
    "reuse.ReuseItem": Case(
        make=_item,
        urls=lambda row: [
            ("GET", reverse("reuse:item_detail", args=[row.pk])),
            ("GET", reverse("reuse:item_edit", args=[row.pk])),
            ("POST", reverse("reuse:item_edit", args=[row.pk])),
            ("GET", reverse("reuse:item_reserve", args=[row.pk])),
            ("POST", reverse("reuse:item_reserve", args=[row.pk])),
            ("POST", reverse("reuse:item_status", args=[row.pk])),
            ("POST", reverse("reuse:photo_add", args=[row.pk])),
            ("GET", reverse("reuse:labels") + f"?id={row.pk}"),
        ],
        assert_unchanged=_item_unchanged,
        api_urls=lambda row: [f"/api/v1/reuse/items/{row.pk}"],
        api_list="/api/v1/reuse/items",
    ),
    "reuse.Reservation": Case(
        make=_reservation,
        urls=lambda row: [
            ("GET", reverse("reuse:reservation_detail", args=[row.pk])),
            *(
                ("POST", reverse("reuse:reservation_action", args=[row.pk, action]))
                for action in ("approve", "reject", "hand_over", "cancel", "receive")
            ),
        ],
        assert_unchanged=_reservation_unchanged,
    ),
    "reuse.Saving": Case(
        make=_saving,
        # A saving is shown on its hand-over's page and on the savings page of the receiver only.
        urls=lambda row: [("GET", reverse("reuse:reservation_detail", args=[row.reservation_id]))],
    ),
    "reuse.Store": Case(
        make=_store,
        urls=lambda row: [
            ("GET", reverse("reuse:store_edit", args=[row.pk])),
            ("POST", reverse("reuse:store_edit", args=[row.pk])),
        ],
        assert_unchanged=_store_unchanged,
    ),
    "reuse.ReuseSettings": Case(
        make=_settings,
        # The settings page only ever shows and changes the acting organisation's own row.
        urls=lambda row: [],
        assert_unchanged=lambda row: ReuseSettings.objects.get(pk=row.pk).share_after_days == 30,
    ),
    "reuse.Device": Case(
        make=_device,
        urls=lambda row: [
            ("GET", reverse("reuse:device_detail", args=[row.pk])),
            ("GET", reverse("reuse:device_edit", args=[row.pk])),
            ("POST", reverse("reuse:device_edit", args=[row.pk])),
            ("POST", reverse("reuse:device_detail", args=[row.pk])),
        ],
        assert_unchanged=_device_unchanged,
    ),
    "reuse.DeviceRequest": Case(
        make=_device_request,
        urls=lambda row: [("POST", reverse("reuse:device_request_decide", args=[row.pk]))],
        assert_unchanged=_device_request_unchanged,
    ),
}
