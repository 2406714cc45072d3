"""Sharing step by step: own organisation → collaboration after N days without an order → public."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gronnkjop.reuse import selectors, services
from tests.reuse.conftest import make_item

pytestmark = pytest.mark.django_db


def visible_ids(org):
    return set(selectors.item_list(organisation=org).values_list("pk", flat=True))


def test_a_new_item_is_visible_to_its_own_organisation_only(org_a, org_b, collaboration):
    item = make_item(org_b)
    assert item.pk in visible_ids(org_b)
    assert item.pk not in visible_ids(org_a)


def test_partners_see_an_item_after_the_owners_number_of_days_without_an_order(org_a, org_b, collaboration):
    services.reuse_settings_save(organisation=org_b, share_after_days=10)
    young = make_item(org_b, days_ago=9)
    old = make_item(org_b, days_ago=11)
    assert (young.pk in visible_ids(org_a), old.pk in visible_ids(org_a)) == (False, True)


def test_the_default_is_fourteen_days(org_a, org_b, collaboration):
    assert (
        make_item(org_b, days_ago=13).pk in visible_ids(org_a),
        make_item(org_b, days_ago=15).pk in visible_ids(org_a),
    ) == (False, True)


def test_an_item_can_override_the_organisations_days(org_a, org_b, collaboration):
    services.reuse_settings_save(organisation=org_b, share_after_days=30)
    item = make_item(org_b, days_ago=3, share_after_days=2)
    assert item.pk in visible_ids(org_a)


def test_organisations_outside_the_collaboration_never_see_shared_items(org_a, org_b, org_c, collaboration):
    item = make_item(org_b, days_ago=100)
    assert item.pk not in visible_ids(org_c)


def test_a_public_item_is_visible_to_every_organisation_and_on_the_public_page(org_b, org_c, client):
    item = make_item(org_b, public=True)
    assert item.pk in visible_ids(org_c)
    response = client.get(reverse("reuse:public_list"))
    assert (response.status_code, item.title in response.content.decode()) == (200, True)
    assert client.get(reverse("reuse:public_detail", args=[item.pk])).status_code == 200


def test_the_public_page_does_not_show_items_that_are_not_public(org_b, client):
    item = make_item(org_b, days_ago=100, share_after_days=0)
    assert client.get(reverse("reuse:public_detail", args=[item.pk])).status_code == 404
    assert item.title not in client.get(reverse("reuse:public_list")).content.decode()


def test_a_partner_gets_404_for_an_item_not_yet_shared_and_200_once_shared(
    org_a, org_b, users_a, collaboration, client
):
    item = make_item(org_b, days_ago=1)
    client.force_login(users_a["behovseier"])
    url = reverse("reuse:item_detail", args=[item.pk])
    assert client.get(url).status_code == 404
    assert client.post(reverse("reuse:item_reserve", args=[item.pk]), {"quantity": 1}).status_code == 404
    item.collaboration_from = timezone.now() - timedelta(minutes=1)
    item.save()
    assert client.get(url).status_code == 200


def test_a_partner_may_not_edit_a_shared_item(org_a, org_b, users_a, collaboration, client):
    item = make_item(org_b, days_ago=100)
    client.force_login(users_a["administrator"])
    assert client.get(reverse("reuse:item_edit", args=[item.pk])).status_code == 404
    assert (
        client.post(
            reverse("reuse:item_status", args=[item.pk]), {"status": "in_use", "reason": "x"}
        ).status_code
        == 404
    )
    item.refresh_from_db()
    assert item.status == "available"


def test_an_item_taken_out_of_circulation_is_no_longer_shared_nor_public(org_a, org_b, collaboration):
    item = make_item(org_b, days_ago=100, public=True)
    services.item_status_change(organisation=org_b, item=item, status="repair", reason="Løs fot", by=None)
    assert item.pk not in visible_ids(org_a)
    assert item.pk not in set(selectors.public_item_list().values_list("pk", flat=True))


def test_back_to_available_restarts_the_clock(org_a, org_b, collaboration):
    item = make_item(org_b, days_ago=100)
    services.item_status_change(organisation=org_b, item=item, status="in_use", reason="Tatt i bruk", by=None)
    services.item_status_change(
        organisation=org_b, item=item, status="available", reason="Ledig igjen", by=None
    )
    item.refresh_from_db()
    assert item.pk not in visible_ids(org_a)
    assert [(c.old_status, c.new_status, c.reason) for c in item.status_changes.order_by("pk")] == [
        ("", "available", "Registrert"),
        ("available", "in_use", "Tatt i bruk"),
        ("in_use", "available", "Ledig igjen"),
    ]


def test_filters_by_category_group_condition_owner_and_text(org_a, org_b, collaboration):
    desk = make_item(org_b, days_ago=100)
    chair = make_item(
        org_a, item_type="office_chair", category="furniture.chairs", title="Kontorstol", condition="as_new"
    )
    monitor = make_item(org_a, item_type="monitor", category="ict.monitors", title="Skjerm 24")

    def ids(**filters):
        return set(selectors.item_list(organisation=org_a, **filters).values_list("pk", flat=True))

    assert ids(category="furniture") == {desk.pk, chair.pk}
    assert ids(category="ict.monitors") == {monitor.pk}
    assert ids(condition="as_new") == {chair.pk}
    assert ids(owner=org_b.pk) == {desk.pk}
    assert ids(q="skjerm") == {monitor.pk}


def test_sort_by_distance_puts_the_nearest_store_first(org_a, org_b, collaboration, store_a, store_b):
    from decimal import Decimal

    from gronnkjop.reuse.models import Store

    far = Store.objects.create(
        organisation=org_b, name="Langt unna", latitude=Decimal("63.4"), longitude=Decimal("10.4")
    )
    items = [
        make_item(org_b, days_ago=100, store=far),
        make_item(org_b, days_ago=100, store=store_b),
        make_item(org_b, days_ago=100),
    ]
    ranked = selectors.items_by_distance(selectors.item_list(organisation=org_a), origin=store_a)
    assert [item.pk for item, _km in ranked] == [items[1].pk, items[0].pk, items[2].pk]
    assert round(ranked[0][1], 1) == 7.8


def test_the_list_page_sorts_by_distance_and_filters(
    org_a, org_b, users_a, collaboration, store_a, store_b, client
):
    make_item(org_b, days_ago=100, store=store_b, title="Nordvik-pult")
    client.force_login(users_a["behovseier"])
    response = client.get(reverse("reuse:item_list"), {"category": "furniture.desks", "sort": "distance"})
    body = response.content.decode()
    assert (response.status_code, "Nordvik-pult" in body, "7,8 km" in body) == (
        200,
        True,
        True,
    )
