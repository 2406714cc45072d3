from django.urls import reverse

from gronnkjop.core.models import Membership, Unit


def test_leader_sees_units_but_cannot_create_or_edit(login, users_a, unit_a):
    client = login(users_a["leder"])
    assert client.get(reverse("core:unit_list")).status_code == 200
    assert client.get(reverse("core:unit_create")).status_code == 403
    response = client.post(
        reverse("core:unit_edit", args=[unit_a.pk]), {"name": "Endret", "code": "1", "active": "on"}
    )
    assert response.status_code == 403
    unit_a.refresh_from_db()
    assert unit_a.name == "Dulten skole"


def test_need_owner_cannot_see_membership_admin_nor_its_menu_item(login, users_a):
    client = login(users_a["behovseier"])
    assert client.get(reverse("core:membership_list")).status_code == 403
    assert client.get(reverse("core:api_token_list")).status_code == 403
    home = client.get(reverse("core:home")).content.decode()
    assert reverse("core:membership_list") not in home
    assert reverse("core:unit_list") in home


def test_administrator_creates_a_unit(login, users_a, org_a):
    client = login(users_a["administrator"])
    response = client.post(
        reverse("core:unit_create"), {"name": "Dulten barnehage", "code": "2010", "active": "on"}
    )
    unit = Unit.objects.get(organisation=org_a, code="2010")
    assert response.status_code == 302
    assert response.url == reverse("core:unit_detail", args=[unit.pk])
    assert unit.name == "Dulten barnehage"


def test_administrator_grants_a_role_and_a_new_user_gets_a_password_link(login, users_a, org_a, mailoutbox):
    client = login(users_a["administrator"])
    response = client.post(
        reverse("core:membership_list"),
        {"username": "ny.bruker", "email": "ny.bruker@dulten.no", "role": "behovseier"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="ny.bruker")
    assert (membership.organisation, membership.role) == (org_a, "behovseier")
    assert membership.user.has_usable_password() is False
    assert [m.to for m in mailoutbox] == [["ny.bruker@dulten.no"]]
    assert "/konto/nytt-passord/" in mailoutbox[0].body


def test_the_last_administrator_cannot_be_removed(login, users_a, org_a):
    client = login(users_a["administrator"])
    admin_membership = Membership.objects.get(organisation=org_a, role="administrator")
    client.post(reverse("core:membership_revoke", args=[admin_membership.pk]))
    assert Membership.objects.filter(pk=admin_membership.pk).exists()


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("core:unit_list"))
    assert response.status_code == 302
    assert response.url == "/konto/innlogging/?next=/enheter/"


def test_user_without_membership_is_told_so(client, django_user_model):
    user = django_user_model.objects.create_user(username="ingen", password="x-long-password")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 403
    assert "core/no_membership.html" in [t.name for t in response.templates]


def test_only_the_most_specific_menu_item_is_current(rf, db, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    from gronnkjop.core import navigation
    from gronnkjop.core.navigation import NavItem, items_for, register

    monkeypatch.setattr(navigation, "_ITEMS", [])
    register(NavItem("Test A", "core:unit_list", capability=None, order=998, prefix="/enheter/"))
    register(NavItem("Test B", "core:unit_create", capability=None, order=999, prefix="/enheter/ny/"))
    request = rf.get("/enheter/ny/")
    request.user, request.access = AnonymousUser(), None
    current = [item["label"] for item in items_for(request) if item["current"]]
    assert current == ["Test B"]
