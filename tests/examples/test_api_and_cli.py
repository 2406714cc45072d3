"""``/api/v1/examples`` without a token, and ``gronnkjop examples search``."""

from __future__ import annotations

import json

from django.core.management import call_command

from gronnkjop.examples import services


def test_the_api_lists_and_searches_without_a_token(client, make_example):
    make_example("Brukte møbler i Dulten", county="innlandet")
    make_example("Brøytetjenester i Nordvik", category="vei", county="agder")
    make_example("Et utkast om brøyting", publish=False)
    body = client.get("/api/v1/examples", {"q": "brøyting"}).json()
    assert (body["count"], [i["slug"] for i in body["items"]]) == (1, ["broytetjenester-i-nordvik"])
    assert body["items"][0]["url"] == "/eksempler/broytetjenester-i-nordvik/"
    assert body["items"][0]["score"] > 0
    filtered = client.get("/api/v1/examples", {"fylke": "innlandet"}).json()
    assert [i["slug"] for i in filtered["items"]] == ["brukte-mobler-i-dulten"]
    assert {f["param"]: [(o["value"], o["count"]) for o in f["options"]] for f in filtered["facets"]}[
        "fylke"
    ] == [
        ("agder", 1),
        ("innlandet", 1),
    ]


def test_the_api_reports_a_corrected_misspelling(client, make_example):
    make_example("Gjenbruk av møbler")
    body = client.get("/api/v1/examples", {"q": "gjenbrukk"}).json()
    assert body["corrections"] == [{"typed": "gjenbrukk", "searched": "gjenbruk"}]


def test_the_api_detail_is_public_and_hides_drafts(client, make_example):
    example = make_example(
        "Brukte møbler",
        contract_value="2500000",
        results=[{"kind": "prosent", "value": "80", "text": "brukt"}],
    )
    draft = make_example("Utkast", publish=False)
    body = client.get(f"/api/v1/examples/{example.slug}").json()
    assert (body["contract_value"], body["results"]) == (
        "2500000.00",
        [{"kind": "prosent", "value": "80.00", "text": "brukt"}],
    )
    assert body["body_html"].startswith("<h2>Om anskaffelsen</h2>")
    assert client.get(f"/api/v1/examples/{draft.slug}").status_code == 404
    services.example_unpublish(example=example, reason="Gammelt")
    assert client.get(f"/api/v1/examples/{example.slug}").status_code == 404


def test_the_cli_prints_ranked_ids_and_titles_as_json(make_example, capsys):
    first = make_example("Brøyting og strøing")
    second = make_example(
        "Brøytetjenester med GPS",
        body="## Om anskaffelsen\n\nStrøsand.\n\n## Framgangsmåte\n\nx\n\n## Resultater\n\ny",
    )
    call_command("examples", "search", "brøyting", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["slug"], r["title"]) for r in rows] == [
        (first.pk, "broyting-og-stroing", "Brøyting og strøing"),
        (second.pk, "broytetjenester-med-gps", "Brøytetjenester med GPS"),
    ]
    assert rows[0]["score"] >= rows[1]["score"]


def test_the_cli_says_when_nothing_matches(db, capsys):
    call_command("examples", "search", "ingenting")
    assert capsys.readouterr().out == "Ingen treff.\n"
