"""Reading without logging in: the list with search and facets, the detail page, the feed."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from django.urls import reverse

from gronnkjop.examples import services


def _titles(response) -> list[str]:
    return re.findall(
        r'<h3 class="ds-heading" data-size="xs" lang="nb"><a class="ds-link" href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


def test_anyone_can_search_the_bank_without_logging_in(client, make_example):
    make_example("Brukte møbler i Dulten")
    make_example("Brøyting i Nordvik", category="vei")
    response = client.get("/eksempler/", {"q": "møbel"})
    assert (response.status_code, _titles(response)) == (200, ["Brukte møbler i Dulten"])


def test_drafts_and_unpublished_examples_are_404_for_the_public(client, make_example):
    draft = make_example("Et utkast", publish=False)
    hidden = make_example("Avpublisert eksempel")
    services.example_unpublish(example=hidden, reason="Kontrakten ble avlyst")
    for example in (draft, hidden):
        assert client.get(reverse("examples:detail", args=[example.slug])).status_code == 404
    assert _titles(client.get("/eksempler/")) == []


def test_an_editor_sees_a_draft_with_a_warning(client, make_example, editor):
    draft = make_example("Et utkast", publish=False)
    client.force_login(editor)
    response = client.get(reverse("examples:detail", args=[draft.slug]))
    assert response.status_code == 200
    assert "Bare redaksjonen ser dette eksemplet (Utkast)." in response.content.decode()


def test_the_detail_page_shows_the_fact_box_and_the_key_results(client, make_example):
    example = make_example(
        "Møbler fra lageret",
        organisations=["Asker kommune"],
        county="akershus",
        year=2023,
        contract_value="1250000",
        results=[
            {"kind": "kr", "value": "1400000", "text": "verdi av møblene"},
            {"kind": "co2e", "value": "40.6", "text": "spart"},
        ],
        sources=[{"title": "DFØ-notat 2025:01", "url": "https://dfo.no"}],
    )
    page = client.get(reverse("examples:detail", args=[example.slug])).content.decode()
    assert "<dt>Kjøpt av</dt><dd>Asker kommune</dd>" in page
    assert "<dt>Fylke</dt><dd>Akershus</dd>" in page
    assert "<dt>Kontraktsverdi</dt><dd>1\xa0250\xa0000,00\xa0kr</dd>" in page
    assert '<strong class="gk-ex-figure">1\xa0400\xa0000\xa0kr</strong> verdi av møblene' in page
    assert '<strong class="gk-ex-figure">40,6 tonn CO2e</strong> spart' in page
    assert '<a class="ds-link" href="https://dfo.no">DFØ-notat 2025:01</a>' in page
    assert "<h2>Om anskaffelsen</h2>" in page


def test_facets_count_within_the_other_filters_and_combine(client, make_example):
    make_example("Møbler A", county="akershus", year=2023)
    make_example("Møbler B", county="agder", year=2023)
    make_example("Brøyting C", category="vei", county="agder", year=2024)
    response = client.get("/eksempler/", {"fylke": "agder"})
    facets = {
        f.param: [(o.value, o.count, o.selected) for o in f.options] for f in response.context["found"].facets
    }
    assert facets["kategori"] == [("mobler", 1, False), ("vei", 1, False)]
    assert facets["fylke"] == [("agder", 2, True), ("akershus", 1, False)]
    assert facets["aar"] == [("2024", 1, False), ("2023", 1, False)]
    assert _titles(response) == ["Brøyting C", "Møbler B"]
    both = client.get("/eksempler/", {"fylke": ["agder", "akershus"], "kategori": "mobler"})
    assert sorted(_titles(both)) == ["Møbler A", "Møbler B"]


def test_results_are_paginated_twenty_to_a_page(client, make_example):
    for n in range(23):
        make_example(f"Eksempel {n:02}")
    first, last = client.get("/eksempler/?sortering=dato"), client.get("/eksempler/?sortering=dato&side=2")
    assert (len(_titles(first)), len(_titles(last))) == (20, 3)
    assert 'aria-label="Sider"' in first.content.decode()
    assert 'href="?sortering=dato&amp;side=2"' in first.content.decode()


def test_the_atom_feed_lists_published_examples_newest_first(client, make_example):
    make_example("Først")
    make_example("Så")
    make_example("Utkast", publish=False)
    response = client.get("/eksempler/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    assert [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)] == ["Så", "Først"]
    assert root.find("a:entry/a:id", ns).text == "gronnkjop:eksempel:sa"


def test_the_bank_is_in_the_main_menu_for_visitors(client, db):
    page = client.get("/eksempler/").content.decode()
    assert '<a href="/eksempler/" aria-current="page">Eksempelbanken</a>' in page


def test_editor_links_show_only_for_editors(client, make_example, editor, buyer):
    client.force_login(buyer)
    assert "Redaksjonen" not in client.get("/eksempler/").content.decode()
    client.force_login(editor)
    assert 'href="/eksempler/redaksjon/"' in client.get("/eksempler/").content.decode()


def test_the_norwegian_text_of_an_example_is_marked_as_such_on_an_english_page(client, make_example):
    example = make_example("Brukte møbler i biblioteket")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("examples:detail", args=[example.slug])).content.decode()
    assert '<html lang="en"' in page
    assert '<h1 class="ds-heading" data-size="lg" lang="nb">Brukte møbler i biblioteket</h1>' in page
    assert '<article class="gk-ex-body" aria-labelledby="om-eksempelet" lang="nb">' in page
    assert '<h2 class="ds-sr-only" id="om-eksempelet" lang="en">The example</h2>' in page
    listing = client.get(reverse("examples:list")).content.decode()
    assert '<h3 class="ds-heading" data-size="xs" lang="nb">' in listing
