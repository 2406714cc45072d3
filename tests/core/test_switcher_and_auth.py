import pytest
from django.urls import reverse

from gronnkjop.core import services
from gronnkjop.core.models import Membership, Unit

from .conftest import PASSWORD


def test_user_with_two_organisations_switches_between_them(client, users_a, org_a, org_b):
    user = users_a["innkjoper"]
    Membership.objects.create(user=user, organisation=org_b, role="leder")
    client.force_login(user)
    assert client.get("/").context["current_organisation"] == org_a  # first by name: Dulten
    client.post(reverse("core:organisation_switch"), {"organisation": org_b.pk})
    response = client.get("/")
    assert response.context["current_organisation"] == org_b
    assert response.context["access"].roles == frozenset({"leder"})


def test_switching_to_an_organisation_one_is_not_member_of_is_refused(client, users_a, org_a, org_b):
    client.force_login(users_a["innkjoper"])
    client.post(reverse("core:organisation_switch"), {"organisation": org_b.pk})
    assert client.get("/").context["current_organisation"] == org_a


def test_log_in_with_password_and_log_out(client, users_a):
    response = client.post(reverse("login"), {"username": "a_innkjoper", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").status_code == 200
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_with_a_message(client, users_a):
    response = client.post(reverse("login"), {"username": "a_innkjoper", "password": "feil"})
    assert response.status_code == 200
    assert response.context["form"].errors["__all__"]


def test_password_reset_sends_a_link_by_email(client, users_a, mailoutbox):
    client.post(reverse("password_reset"), {"email": "a_innkjoper@example.no"})
    assert len(mailoutbox) == 1
    assert "/konto/nytt-passord/" in mailoutbox[0].body


def test_password_change(client, users_a):
    user = users_a["innkjoper"]
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "et-nytt-langt-passord",
            "new_password2": "et-nytt-langt-passord",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("et-nytt-langt-passord")


def test_language_switch_to_english(client, users_a):
    client.force_login(users_a["innkjoper"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Your roles" in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    assert "Dine roller" in client.get("/").content.decode()


def test_a_new_member_gets_an_invitation_in_bokmaal_with_a_working_link(client, users_a, org_a, mailoutbox):
    client.force_login(users_a["administrator"])
    response = client.post(
        reverse("core:membership_list"),
        {"username": "kari", "email": "kari@dulten.kommune.no", "role": "innkjoper"},
    )
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert (mail.subject, mail.to) == (
        f"Du har tilgang til Grønnkjøp for {org_a.name}",
        ["kari@dulten.kommune.no"],
    )
    lines = mail.body.strip().splitlines()
    assert lines[:4] == [
        "Hei,",
        "",
        f"Du har fått tilgang til Grønnkjøp for {org_a.name}. Brukernavnet ditt er kari.",
        "Velg passord med denne lenken:",
    ]
    assert lines[-1] == "Hadde du ikke ventet dette, kan du se bort fra e-posten."
    link = next(line for line in lines if line.startswith("http://testserver/"))
    client.logout()
    # Django sends the token once and redirects to the form for the new password
    form_page = client.get(link.removeprefix("http://testserver"), follow=True)
    assert form_page.context["validlink"] is True


@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "nn-NO,nn;q=0.9", "no", "de-DE"])
def test_bokmaal_is_spoken_whatever_the_browser_asks_for_until_english_is_chosen(client, users_a, accept):
    client.force_login(users_a["innkjoper"])
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert (page["Content-Language"], "Dine roller" in page.content.decode()) == ("nb", True)
    client.post(reverse("set_language"), {"language": "en", "next": "/"}, HTTP_ACCEPT_LANGUAGE=accept)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert (page["Content-Language"], "Your roles" in page.content.decode()) == ("en", True)


def test_the_audit_log_still_shows_memberships_of_deleted_users(client, users_a, org_a):
    from django.contrib.auth import get_user_model

    leaving = get_user_model().objects.create_user("slutta", "slutta@example.no")
    membership = Membership.objects.create(user=leaving, organisation=org_a, role="innkjoper")
    user_id = leaving.pk
    leaving.delete()  # the membership goes with the user; its history stays
    client.force_login(users_a["administrator"])
    page = client.get(reverse("core:audit_log"))
    assert page.status_code == 200
    assert f"slettet bruker {user_id} – {org_a.name} – Innkjøper" in page.content.decode()
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_user_of_another_organisation_is_not_added_by_user_name_alone(client, users_a, users_b, org_a):
    client.force_login(users_a["administrator"])
    other = users_b["leder"]
    response = client.post(
        reverse("core:membership_list"),
        {"username": other.username, "email": "feil@example.no", "role": "leder"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "username": [
            "Brukernavnet er tatt av en bruker med en annen e-postadresse. Velg et annet brukernavn, "
            "eller oppgi adressen brukeren er registrert med."
        ]
    }
    assert other.email not in response.content.decode()
    assert not Membership.objects.filter(user=other, organisation=org_a).exists()
    # with the address the user is registered with (told by the user), the role is given
    response = client.post(
        reverse("core:membership_list"),
        {"username": other.username, "email": other.email.upper(), "role": "leder"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=other, organisation=org_a, role="leder").exists()


def test_a_unit_code_taken_by_another_unit_is_refused_on_the_code_field(client, users_a, org_a, org_b):
    Unit.objects.create(organisation=org_a, name="Rådhuset", code="3700")
    Unit.objects.create(organisation=org_b, name="Nordvik rådhus", code="3800")
    client.force_login(users_a["administrator"])
    response = client.post(
        reverse("core:unit_create"), {"name": "Nytt kontor", "code": "3700", "active": "on"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["En annen enhet i organisasjonen har denne koden."]}
    response = client.post(reverse("core:unit_create"), {"name": "RÅDHUSET", "code": "3701", "active": "on"})
    assert response.context["form"].errors == {"name": ["En annen enhet i organisasjonen har dette navnet."]}
    # another organisation's codes are its own
    response = client.post(
        reverse("core:unit_create"), {"name": "Nytt kontor", "code": "3800", "active": "on"}
    )
    assert response.status_code == 302


def test_creating_and_revoking_an_api_token_is_in_the_audit_log(client, users_a, users_b):
    from gronnkjop.core.models import ApiToken

    client.force_login(users_a["administrator"])
    client.post(reverse("core:api_token_list"), {"name": "Import fra økonomisystemet"})
    token = ApiToken.objects.get()
    client.post(reverse("core:api_token_revoke", args=[token.pk]))
    services.api_token_touch(token=token)  # use is not a change worth a row
    rows = [
        (e.kind, str(e.record.history_object), e.action, e.changes, e.record.history_user)
        for e in client.get(reverse("core:audit_log")).context["entries"]
        if e.kind == "API-nøkkel"
    ]
    name = f"Import fra økonomisystemet ({token.prefix}…)"
    assert rows == [
        ("API-nøkkel", name, "Trukket tilbake", (), users_a["administrator"]),
        ("API-nøkkel", name, "Opprettet", (), users_a["administrator"]),
    ]
    assert not hasattr(token.history.first(), "key_hash")
    # another organisation's log does not show it
    client.force_login(users_b["administrator"])
    entries = client.get(reverse("core:audit_log")).context["entries"]
    assert [e.kind for e in entries if e.kind == "API-nøkkel"] == []


def test_an_address_only_forms_send_to_explains_itself_when_opened(client, users_a):
    client.force_login(users_a["innkjoper"])
    response = client.get(reverse("logout"), HTTP_REFERER="http://testserver/avtaler/")
    assert (response.status_code, response["Allow"]) == (405, "POST, OPTIONS")
    body = response.content.decode()
    assert '<h1 class="ds-heading" data-size="lg">Bare for skjemaer</h1>' in body
    assert '<a class="ds-link" href="http://testserver/avtaler/">Tilbake til forrige side</a>' in body
    # the language switch on that page leads back to where the user came from, not to a 405
    assert '<input name="next" type="hidden" value="http://testserver/avtaler/">' in body
    # another site as referrer is not offered as the way back
    body = client.get(reverse("logout"), HTTP_REFERER="https://example.com/").content.decode()
    assert "example.com" not in body


def test_the_language_switch_after_a_sent_form_returns_to_the_form_page(client, users_a):
    client.force_login(users_a["administrator"])
    response = client.post(
        reverse("core:membership_list"), {"username": ""}, HTTP_REFERER="http://testserver/medlemmer/"
    )
    assert response.status_code == 200
    assert (
        '<input name="next" type="hidden" value="http://testserver/medlemmer/">' in response.content.decode()
    )
    switched = client.post(
        reverse("set_language"), {"language": "en", "next": "http://testserver/medlemmer/"}
    )
    assert (switched.status_code, switched["Location"]) == (302, "http://testserver/medlemmer/")


def _give_role(client, user, role="leder", unit=None):
    data = {"username": user.username, "email": user.email, "role": role}
    if unit is not None:
        data["unit"] = unit.pk
    return client.post(reverse("core:membership_list"), data, follow=True)


def test_giving_a_role_the_user_has_changes_only_its_unit_and_says_so(client, users_a, org_a):
    school = Unit.objects.create(organisation=org_a, name="Dulten skole", code="4100")
    town_hall = Unit.objects.create(organisation=org_a, name="Rådhuset", code="3700")
    buyer = users_a["innkjoper"]
    client.force_login(users_a["administrator"])
    _give_role(client, buyer, "leder", school)
    response = _give_role(client, buyer, "leder", town_hall)
    assert [str(m) for m in response.context["messages"]] == [
        f"{buyer.username} hadde rollen Leder fra før; enheten er endret fra Dulten skole til Rådhuset."
    ]
    role = Membership.objects.get(user=buyer, organisation=org_a, role="leder")
    assert role.unit == town_hall
    response = _give_role(client, buyer, "leder")
    assert [str(m) for m in response.context["messages"]] == [
        f"{buyer.username} hadde rollen Leder fra før; enheten er endret fra Rådhuset til ingen enhet."
    ]


def test_giving_a_role_the_user_has_for_the_same_unit_is_refused(client, users_a, org_a):
    school = Unit.objects.create(organisation=org_a, name="Dulten skole", code="4100")
    buyer = users_a["innkjoper"]
    client.force_login(users_a["administrator"])
    _give_role(client, buyer, "leder", school)
    response = _give_role(client, buyer, "leder", school)
    assert response.context["form"].errors == {
        "role": [f"{buyer.username} har denne rollen for Dulten skole."]
    }
    response = _give_role(client, buyer, "innkjoper")
    assert response.context["form"].errors == {"role": [f"{buyer.username} har denne rollen."]}
    assert Membership.objects.filter(user=buyer, organisation=org_a).count() == 2


def test_an_email_address_longer_than_the_standard_allows_is_refused(client, users_a):
    client.force_login(users_a["administrator"])
    address = "kari.nordmann@" + ".".join(["d" * 60] * 4) + ".no"  # a valid form, 260 characters
    response = client.post(
        reverse("core:membership_list"), {"username": "lang", "email": address, "role": "leder"}
    )
    assert response.context["form"].errors["email"] == [
        "Sørg for at denne verdien har 254 eller færre tegn (den har nå 260)."
    ]


@pytest.mark.parametrize(
    ("language", "heading"), [(None, "Skjemaet kunne ikke sendes"), ("en", "The form could not be sent")]
)
def test_a_form_whose_security_check_fails_gets_a_page_that_says_what_to_do(users_a, language, heading):
    from django.conf import settings
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users_a["administrator"])
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        reverse("core:membership_list"),
        {"username": "kari", "email": "kari@dulten.kommune.no", "role": "innkjoper"},
        HTTP_REFERER="http://testserver/medlemmer/",
    )
    assert response.status_code == 403
    assert response.templates[0].name == "403_csrf.html"
    page = response.content.decode()
    assert f'<h1 class="ds-heading" data-size="lg">{heading}</h1>' in page
    assert '<a class="ds-link" href="http://testserver/medlemmer/">' in page
    assert not Membership.objects.filter(user__username="kari").exists()


def test_the_audit_log_shows_what_a_change_changed_and_leaves_out_saves_that_changed_nothing(
    client, users_a, org_a
):
    from gronnkjop.core.selectors import AuditChange

    school = Unit.objects.create(organisation=org_a, name="Dulten skole", code="4100")
    town_hall = Unit.objects.create(organisation=org_a, name="Rådhuset", code="3700")
    role = Membership.objects.create(user=users_a["innkjoper"], organisation=org_a, role="leder", unit=school)
    role.save()  # nothing changed
    role.unit = town_hall
    role.save()
    school.active = False
    school.save()
    client.force_login(users_a["administrator"])
    entries = client.get(reverse("core:audit_log")).context["entries"]
    changed = [(e.kind, e.action, e.changes) for e in entries if e.action == "Endret"]
    assert changed == [
        ("Enhet", "Endret", (AuditChange("Aktiv", "Ja", "Nei"),)),
        ("Medlemskap", "Endret", (AuditChange("Enhet", "Dulten skole", "Rådhuset"),)),
    ]
    page = client.get(reverse("core:audit_log")).content.decode()
    assert "<li>Enhet: Dulten skole → Rådhuset</li>" in page
