import datetime as dt

from django.utils import timezone

from gronnkjop.core.models import ApiToken


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})


def test_api_needs_authentication(client, db):
    assert client.get("/api/v1/units").status_code == 401


def test_token_acts_for_its_organisation(client, org_a, token_for):
    response = client.get("/api/v1/organisation", headers={"Authorization": f"Bearer {token_for(org_a)}"})
    assert response.json() == {
        "id": org_a.pk,
        "name": "Dulten kommune",
        "kind": "kommune",
        "orgnr": "940080177",
    }


def test_revoked_and_expired_tokens_are_refused(client, org_a, token_for):
    raw = token_for(org_a)
    token = ApiToken.objects.get(key_hash=ApiToken.hash(raw))
    token.expires = timezone.now() - dt.timedelta(seconds=1)
    token.save()
    assert client.get("/api/v1/organisation", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    raw2 = token_for(org_a)
    ApiToken.objects.filter(key_hash=ApiToken.hash(raw2)).update(revoked=timezone.now())
    assert client.get("/api/v1/organisation", headers={"Authorization": f"Bearer {raw2}"}).status_code == 401


def test_only_the_hash_of_a_token_is_stored(org_a, token_for):
    raw = token_for(org_a)
    token = ApiToken.objects.get()
    assert token.key_hash == ApiToken.hash(raw)
    assert raw not in {token.key_hash, token.prefix}
    assert token.prefix == raw[:10]


def test_session_user_uses_the_api_for_the_chosen_organisation(client, users_a, org_a):
    client.force_login(users_a["leder"])
    assert client.get("/api/v1/organisation").json()["id"] == org_a.pk


def test_openapi_schema_and_docs_are_served_without_a_cdn(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Grønnkjøp API"
    assert "/api/v1/units/{unit_id}" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn." not in docs.content
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content


def test_favicon_ico_leads_to_the_icon_the_pages_link_to(client, db):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/gronnkjop/favicon.svg")
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    content = b"".join(icon.streaming_content) if icon.streaming else icon.content
    assert content.lstrip().startswith((b"<svg", b"<?xml"))
