"""Search behaviour on small hand-made banks: ranking ties, statuses, index upkeep, the analysis."""

from __future__ import annotations

import pytest

from gronnkjop.examples import analysis, search, services
from gronnkjop.examples.models import Example, SearchDocument


def test_scores_are_rounded_and_ties_are_ordered_by_slug(make_example):
    for title in ("Strøsand B", "Strøsand A", "Strøsand C"):
        make_example(title)
    hits = search.search("strøsand").hits
    assert [h.slug for h in hits] == ["strosand-a", "strosand-b", "strosand-c"]
    assert len({h.score for h in hits}) == 1


def test_only_published_examples_are_found_unless_asked(make_example):
    draft = make_example("Strøsand i utkast", publish=False)
    assert search.search("strøsand").hits == []
    assert [h.example_id for h in search.search("strøsand", statuses=("draft",)).hits] == [draft.pk]


def test_the_index_follows_every_change(make_example):
    example = make_example("Brøytetjenester i Dulten")
    assert [h.slug for h in search.search("brøyting").hits] == ["broytetjenester-i-dulten"]
    services.example_save(example=example, content={"title": "Strøing i Dulten"})
    assert search.search("brøyting").hits == []
    assert [h.slug for h in search.search("strøing").hits] == [
        "broytetjenester-i-dulten"
    ]  # the address stays
    Example.objects.filter(pk=example.pk).delete()
    search.index_rebuild()
    assert (SearchDocument.objects.count(), search.match([("strø",)])) == (0, set())


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("møbel", "møbl"),
        ("møbler", "møbl"),
        ("sykkel", "sykl"),
        ("sykler", "sykl"),
        ("brøyting", "brøyt"),
        ("brøyte", "brøyt"),
        ("tjenester", "tjenest"),
        ("bildeling", "bildel"),
    ],
)
def test_stems_bring_word_forms_together(word, expected):
    assert analysis.stem(word) == expected


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("møbelgjenbruk", ["møbl", "gjenbruk"]),
        ("brøytetjenester", ["brøyt", "tjenest"]),
        ("avfallshåndtering", ["avfall", "håndter"]),
        ("renovasjonsselskaper", ["renovasjon", "selskap"]),
        ("kontorstol", []),
    ],
)
def test_compounds_split_against_the_vocabulary(word, parts):
    vocabulary = analysis.base_vocabulary() | {"håndter"}
    assert analysis.split_compound(word, vocabulary) == parts


def test_short_words_are_never_corrected():
    assert analysis.correct("bill", ["bil", "bilk"]) == ()
    assert analysis.correct("gjenbrukk", ["gjenbruk", "gjenbrukt", "ombruk"]) == ("gjenbruk", "gjenbrukt")


@pytest.mark.parametrize(
    ("term", "folded"),
    [("møbl", "mobl"), ("strø", "stro"), ("håndter", "handter"), ("ærlig", "aerlig"), ("kafé", "kafe")],
)
def test_fold_writes_a_term_as_typed_without_norwegian_letters(term, folded):
    assert analysis.fold(term) == folded


@pytest.mark.parametrize("query", ["mobler", "MOBEL", "moebler", "møbler"])
def test_a_word_typed_without_norwegian_letters_finds_the_examples(make_example, query):
    make_example("Møbler til skolen")
    make_example("Strøsand", category="vei")
    outcome = search.search(query)
    assert [h.slug for h in outcome.hits] == ["mobler-til-skolen"]
    assert [(t.word, t.groups, t.corrected) for t in outcome.terms] == [(query.lower(), (("møbl",),), False)]


def test_a_folded_word_stands_for_every_known_term_it_may_be():
    vocabulary = ["ror", "rør", "rår"]
    folded = analysis.folded_vocabulary(vocabulary)
    assert folded == {"ror": ("rør",), "rar": ("rår",)}
    terms = analysis.analyse_query("ror rar", frozenset(vocabulary), vocabulary, folded)
    assert [t.groups for t in terms] == [(("ror",),), (("rår",),)]
