"""Norwegian text analysis for the example bank: the one place words become search terms.

Pure Python (no Django), so the same terms are produced whichever database stores them. Steps:

1. tokenise: lower-case runs of letters and digits (``pc-er`` → ``pc``, ``er``);
2. drop Norwegian stop words (Snowball's list for bokmål and nynorsk);
3. stem with Snowball's Norwegian stemmer, then :func:`normalise` two things Snowball leaves apart:
   verbal nouns in *-ing* (``brøyting`` → ``brøyt``, like ``brøyte``) and the dropped *e* of
   ``møbel``/``møbler`` and ``sykkel``/``sykler`` (both → ``møbl``, ``sykl``);
4. split compounds against a vocabulary (the bank's own words plus :data:`BASE_LEXICON`):
   ``brøytetjenester`` → ``brøytetjenest`` + ``brøyt`` + ``tjenest``, ``møbelgjenbruk`` →
   ``møbelgjenbruk`` + ``møbl`` + ``gjenbruk``, with the linking letters *s* and *e* allowed.

Queries go through the same steps; a query word the vocabulary does not know is first split, and
otherwise corrected to the nearest known terms by Damerau–Levenshtein distance (see :func:`correct`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz.distance import DamerauLevenshtein

TOKEN = re.compile(r"[^\W_]+")

#: Snowball's Norwegian stop words (bokmål and nynorsk).
STOP_WORDS = frozenset(
    [
        "og",
        "i",
        "jeg",
        "det",
        "at",
        "en",
        "et",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "han",
        "av",
        "ikke",
        "ikkje",
        "der",
        "så",
        "var",
        "meg",
        "seg",
        "men",
        "ett",
        "har",
        "om",
        "vi",
        "min",
        "mitt",
        "ha",
        "hadde",
        "hun",
        "nå",
        "over",
        "da",
        "ved",
        "fra",
        "du",
        "ut",
        "sin",
        "dem",
        "oss",
        "opp",
        "man",
        "kan",
        "hans",
        "hvor",
        "eller",
        "hva",
        "skal",
        "selv",
        "sjøl",
        "her",
        "alle",
        "vil",
        "bli",
        "ble",
        "blei",
        "blitt",
        "kunne",
        "inn",
        "når",
        "være",
        "kom",
        "noen",
        "noe",
        "ville",
        "dere",
        "deres",
        "kun",
        "ja",
        "etter",
        "ned",
        "skulle",
        "denne",
        "for",
        "deg",
        "si",
        "sine",
        "sitt",
        "mot",
        "å",
        "meget",
        "hvorfor",
        "dette",
        "disse",
        "uten",
        "hvordan",
        "ingen",
        "din",
        "ditt",
        "blir",
        "samme",
        "hvilken",
        "hvilke",
        "sånn",
        "inni",
        "mellom",
        "vår",
        "hver",
        "hvem",
        "vors",
        "hvis",
        "både",
        "bare",
        "enn",
        "fordi",
        "før",
        "mange",
        "også",
        "slik",
        "vært",
        "båe",
        "begge",
        "siden",
        "dykk",
        "dykkar",
        "dei",
        "deira",
        "deires",
        "deim",
        "di",
        "då",
        "eg",
        "ein",
        "eit",
        "eitt",
        "elles",
        "honom",
        "hjå",
        "ho",
        "hoe",
        "henne",
        "hennar",
        "hennes",
        "hoss",
        "hossen",
        "ingi",
        "inkje",
        "korleis",
        "korso",
        "kva",
        "kvar",
        "kvarhelst",
        "kven",
        "kvi",
        "kvifor",
        "me",
        "medan",
        "mi",
        "mine",
        "mykje",
        "no",
        "nokon",
        "noka",
        "nokor",
        "noko",
        "nokre",
        "sia",
        "sidan",
        "so",
        "somt",
        "somme",
        "um",
        "upp",
        "vere",
        "vore",
        "verte",
        "vort",
        "varte",
        "vart",
    ]
)

#: Everyday procurement words, so compounds split well even before the bank uses the parts alone.
BASE_LEXICON = frozenset(
    [
        "anskaffelse",
        "avfall",
        "avløp",
        "avtale",
        "bil",
        "bruk",
        "brukt",
        "brøyte",
        "bygg",
        "byggevare",
        "data",
        "drift",
        "energi",
        "forbruk",
        "gjenbruk",
        "gulv",
        "innkjøp",
        "kjøp",
        "klima",
        "kontor",
        "kontrakt",
        "lager",
        "leverandør",
        "mat",
        "matte",
        "miljø",
        "mobilitet",
        "møbel",
        "ombruk",
        "plast",
        "ramme",
        "reparasjon",
        "rør",
        "sand",
        "skole",
        "strø",
        "sykkel",
        "tjeneste",
        "transport",
        "utstyr",
        "vann",
        "vare",
        "vei",
        "vedlikehold",
    ]
)

MIN_PART = 3  # shortest compound part, in letters
MIN_COMPOUND = 7  # shortest word worth splitting

_stemmer = snowballstemmer.stemmer("norwegian")


def tokens(text: str) -> list[str]:
    """Lower-case words of letters and digits, stop words removed."""
    return [t for t in TOKEN.findall(text.lower()) if t not in STOP_WORDS]


def normalise(stem: str) -> str:
    """Bring together stems Snowball leaves apart (``brøyting``/``brøyt``, ``møbel``/``møbl``)."""
    if len(stem) >= 7 and stem.endswith("ing"):
        stem = stem[:-3]
    if len(stem) >= 5 and stem.endswith("el") and stem[-3] not in "aeiouyæøå":
        stem = stem[:-2] + "l"
        if stem[-2] == stem[-3]:  # sykkl → sykl
            stem = stem[:-2] + "l"
    return stem


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The normalised Snowball stem of one lower-case word."""
    return normalise(_stemmer.stemWord(word))


def _part_stems(part: str) -> Iterable[str]:
    """The stems a left-hand compound part may stand for, with and without a linking s or e."""
    yield stem(part)
    if len(part) > MIN_PART and part[-1] in "se":
        yield stem(part[:-1])


def split_compound(word: str, vocabulary: frozenset[str] | set[str], depth: int = 0) -> list[str]:
    """The stems of the parts of ``word`` when every part is in ``vocabulary``, else ``[]``.

    The split with the longest known left part wins; the right part may itself be a compound.
    """
    if len(word) < MIN_COMPOUND or depth > 2:
        return []
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        left, right = word[:cut], word[cut:]
        left_stem = next((s for s in _part_stems(left) if s in vocabulary and len(s) >= MIN_PART), None)
        if left_stem is None:
            continue
        right_stem = stem(right)
        if right_stem in vocabulary and len(right_stem) >= MIN_PART:
            return [left_stem, right_stem]
        rest = split_compound(right, vocabulary, depth + 1)
        if rest:
            return [left_stem, *rest]
    return []


def base_vocabulary() -> frozenset[str]:
    return frozenset(stem(w) for w in BASE_LEXICON)


def vocabulary_of(texts: Iterable[str]) -> frozenset[str]:
    """Every stem the texts use as a word of its own, plus the base lexicon."""
    found = {stem(t) for text in texts for t in tokens(text)}
    return frozenset(found) | base_vocabulary()


def analyse(text: str, vocabulary: frozenset[str] | set[str]) -> list[str]:
    """The index terms of a text, in order: each word's stem followed by its compound parts."""
    terms: list[str] = []
    for token in tokens(text):
        whole = stem(token)
        terms.append(whole)
        for part in split_compound(token, vocabulary):
            if part != whole:
                terms.append(part)
    return terms


@dataclass(frozen=True)
class QueryTerm:
    """One query word: the index terms that satisfy it (any of ``alternatives`` in each of ``groups``)."""

    word: str
    groups: tuple[tuple[str, ...], ...]
    corrected: bool = False


def max_distance(term: str) -> int:
    """How many edits a misspelling may be from a known term: none for short words."""
    if len(term) <= 4:
        return 0
    return 1 if len(term) <= 7 else 2


def correct(term: str, ranked_vocabulary: list[str]) -> tuple[str, ...]:
    """The known terms nearest to ``term`` (at most three, in ``ranked_vocabulary`` order), or ()."""
    limit = max_distance(term)
    if limit == 0:
        return ()
    best, found = limit + 1, []
    for candidate in ranked_vocabulary:
        if abs(len(candidate) - len(term)) > limit:
            continue
        distance = DamerauLevenshtein.distance(term, candidate, score_cutoff=limit)
        if distance > limit:
            continue
        if distance < best:
            best, found = distance, [candidate]
        elif distance == best and len(found) < 3:
            found.append(candidate)
    return tuple(found)


def analyse_query(text: str, vocabulary: frozenset[str], ranked_vocabulary: list[str]) -> list[QueryTerm]:
    """The query's words with the index terms that satisfy each.

    A known stem matches itself; an unknown compound needs all of its parts; any other unknown word
    matches its nearest known terms (``gjenbrukk`` → ``gjenbruk``), or nothing.
    """
    result: list[QueryTerm] = []
    for token in tokens(text):
        whole = stem(token)
        if whole in vocabulary:
            result.append(QueryTerm(token, ((whole,),)))
            continue
        parts = split_compound(token, vocabulary)
        if parts:
            result.append(QueryTerm(token, tuple((p,) for p in parts)))
            continue
        nearest = correct(whole, ranked_vocabulary)
        result.append(QueryTerm(token, (nearest or (whole,),), corrected=bool(nearest)))
    return result
