"""The editors' workflow: create with preview, publish, unpublish with a reason, revisions, rights."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gronnkjop.examples import services
from gronnkjop.examples.models import Example, Revision

from .conftest import BODY


def _form(**overrides) -> dict:
    data = {
        "title": "Brukte møbler i biblioteket",
        "lead": "Dulten møblerte biblioteket med brukte møbler.",
        "body": BODY,
        "organisations": "Dulten kommune\nNordvik kommune",
        "category": "mobler",
        "success_factors": ["system", "dialog"],
        "uff_level": "flytt",
        "year": "2025",
        "resultat-TOTAL_FORMS": "1",
        "resultat-INITIAL_FORMS": "0",
        "resultat-0-kind": "co2e",
        "resultat-0-value": "12,5",
        "resultat-0-text": "spart",
        "kilde-TOTAL_FORMS": "1",
        "kilde-INITIAL_FORMS": "0",
        "kilde-0-title": "Workshopnotat",
        "kilde-0-url": "https://example.no/notat",
    }
    return {**data, **overrides}


def test_an_editor_creates_a_draft_with_results_and_sources(client, editor, organisation):
    client.force_login(editor)
    response = client.post(reverse("examples:create"), _form())
    example = Example.objects.get()
    assert response.url == reverse("examples:edit", args=[example.pk])
    assert (example.slug, example.status, example.organisations, example.success_factors) == (
        "brukte-mobler-i-biblioteket",
        "draft",
        ["Dulten kommune", "Nordvik kommune"],
        ["dialog", "system"],
    )
    assert [(r.kind, str(r.value), r.text) for r in example.results.all()] == [("co2e", "12.50", "spart")]
    assert [(s.title, s.url) for s in example.sources.all()] == [
        ("Workshopnotat", "https://example.no/notat")
    ]
    assert (example.created_by, example.created_by_organisation) == (editor, organisation)
    assert [(r.number, r.note, r.author) for r in example.revisions.all()] == [(1, "Opprettet", "redaktor")]


def test_preview_renders_the_markdown_and_saves_nothing(client, editor):
    client.force_login(editor)
    response = client.post(reverse("examples:create"), _form(preview="1"))
    assert response.status_code == 200
    assert "<h2>Framgangsmåte</h2>" in response.context["preview"]
    assert Example.objects.count() == 0


def test_the_body_needs_the_three_sections(client, editor):
    client.force_login(editor)
    response = client.post(reverse("examples:create"), _form(body="## Om anskaffelsen\n\nBare dette."))
    assert response.context["form"].errors["body"] == [
        "Legg til avsnittene «Framgangsmåte», «Resultater» (som «## overskrift»)."
    ]
    assert Example.objects.count() == 0


def test_publish_then_unpublish_with_a_reason_keeps_the_example_hidden(client, editor, make_example):
    example = make_example("Et eksempel", publish=False)
    client.force_login(editor)
    client.post(reverse("examples:publish", args=[example.pk]))
    example.refresh_from_db()
    first_published = example.published
    assert (example.status, first_published is not None) == ("published", True)
    client.post(reverse("examples:unpublish", args=[example.pk]), {"reason": "Avtalen ble sagt opp"})
    example.refresh_from_db()
    assert (example.status, example.unpublished_reason) == ("unpublished", "Avtalen ble sagt opp")
    client.logout()
    assert client.get(reverse("examples:detail", args=[example.slug])).status_code == 404
    services.example_publish(example=example)
    example.refresh_from_db()
    assert (example.status, example.published, example.unpublished_reason) == (
        "published",
        first_published,
        "",
    )


def test_unpublishing_needs_a_reason(make_example):
    example = make_example()
    with pytest.raises(ValidationError):
        services.example_unpublish(example=example, reason="  ")
    example.refresh_from_db()
    assert example.status == "published"


def test_restoring_a_revision_brings_back_its_content_as_a_new_revision(client, editor, make_example):
    example = make_example("Første tittel", results=[{"kind": "prosent", "value": "80", "text": "brukt"}])
    services.example_save(example=example, content={"title": "Andre tittel", "results": []})
    client.force_login(editor)
    response = client.post(reverse("examples:revision_restore", args=[example.pk, 1]))
    assert response.status_code == 302
    example.refresh_from_db()
    assert (example.title, example.status) == ("Første tittel", "published")
    assert [(r.kind, str(r.value)) for r in example.results.all()] == [("prosent", "80.00")]
    assert [(r.number, r.note) for r in example.revisions.all()] == [
        (4, "Gjenopprettet versjon 1"),
        (3, "Endret"),
        (2, "Publisert"),
        (1, "Opprettet"),
    ]
    assert client.get(reverse("examples:revisions", args=[example.pk])).status_code == 200


def test_saving_unchanged_content_records_no_revision(make_example):
    example = make_example(publish=False)
    services.example_save(example=example, content={"title": example.title})
    assert Revision.objects.filter(example=example).count() == 1


@pytest.mark.parametrize("url_name", ["editor", "create", "tip_list", "export", "import"])
def test_editor_pages_need_the_editor_role(client, buyer, url_name):
    assert client.get(reverse(f"examples:{url_name}")).status_code == 302  # to the log-in page
    client.force_login(buyer)
    assert client.get(reverse(f"examples:{url_name}")).status_code == 403


def test_a_non_editor_cannot_publish(client, buyer, make_example):
    example = make_example(publish=False)
    client.force_login(buyer)
    assert client.post(reverse("examples:publish", args=[example.pk])).status_code == 403
    example.refresh_from_db()
    assert example.status == "draft"


@pytest.mark.parametrize(("year", "error"), [("3000", "mindre"), ("1850", "større")])
def test_the_year_must_be_a_year_a_procurement_can_be_from(client, editor, year, error):
    from django.utils import timezone

    client.force_login(editor)
    response = client.post(reverse("examples:create"), _form(year=year))
    limit = timezone.localdate().year + 1 if error == "mindre" else 1990
    assert response.context["form"].errors["year"] == [f"Verdien må være {error} enn eller lik {limit}."]
    assert Example.objects.count() == 0


def test_the_contract_value_cannot_be_negative(client, editor):
    client.force_login(editor)
    response = client.post(reverse("examples:create"), _form(contract_value="-1 000"))
    assert response.context["form"].errors["contract_value"] == ["Verdien må være større enn eller lik 0."]
    assert Example.objects.count() == 0


def test_a_text_longer_than_an_example_needs_is_refused_at_the_field(client, editor):
    client.force_login(editor)
    body = BODY + "\n\n" + ("Mer tekst. " * 5000).strip()  # 55 000 characters more
    response = client.post(reverse("examples:create"), _form(body=body))
    assert response.context["form"].errors["body"] == [
        f"Sørg for at denne verdien har 50000 eller færre tegn (den har nå {len(body)})."
    ]
    assert Example.objects.count() == 0
