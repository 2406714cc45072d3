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

Queries go through the same steps; a query word the vocabulary does not know is first matched
without the Norwegian letters (``mobler`` or ``moebler`` finds ``møbler``, see :func:`fold`), then split,
and otherwise corrected to the nearest known terms by Damerau–Levenshtein distance (see :func:`correct`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from gronnkjop.core.text import fold, stem

TOKEN = re.compile(r"[^\W_]+")

#: Snowball's Norwegian stop words (bokmål and nynorsk).
STOP_WORDS = frozenset(
    """
    og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har
    om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva
    skal selv sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere deres
    kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan
    ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn
    fordi før mange også slik vært båe begge siden dykk dykkar dei deira deires deim di då eg ein
    eit eitt elles honom hjå ho hoe henne hennar hennes hoss hossen ingi inkje korleis korso kva
    kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka nokor noko nokre sia sidan
    so somt somme um upp vere vore verte vort varte vart
    """.split()  # noqa: SIM905 - a word list reads best as words
)

#: Everyday procurement words, so compounds split well even before the bank uses the parts alone.
BASE_LEXICON = frozenset(
    """
    anskaffelse avfall avløp avtale bedrift bil bruk brukt brøyte bygg byggevare data drift energi
    forbruk gjenbruk gulv innkjøp kjøp klima kontor kontrakt lager leverandør mat matte miljø
    mobilitet møbel ombruk operatør plast ramme reparasjon rør sand selskap skole strø sykkel
    tjeneste transport utstyr vann vare vedlikehold vei
    """.split()  # noqa: SIM905 - a word list reads best as words
)

MIN_PART = 3  # shortest compound part, in letters
#: Stems that are endings, never words of their own inside a compound.
NOT_PARTS = frozenset({"ing", "het", "els", "lig", "ers", "ene"})
MIN_COMPOUND = 7  # shortest word worth splitting


def tokens(text: str) -> list[str]:
    """Lower-case words of letters and digits, stop words removed."""
    return [t for t in TOKEN.findall(text.lower()) if t not in STOP_WORDS]


#: How Norwegian letters are typed on a keyboard without them: tried after the plain fold.
_TYPED = (("oe", "o"), ("aa", "a"))


def folded_vocabulary(ranked_vocabulary: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The known terms by their :func:`fold`, each in ``ranked_vocabulary`` order; only terms whose
    fold differs from themselves are listed (the others match as they are)."""
    found: dict[str, list[str]] = {}
    for term in ranked_vocabulary:
        key = fold(term)
        if key != term:
            found.setdefault(key, []).append(term)
    return {key: tuple(terms) for key, terms in found.items()}


def unfold(word: str, stem_: str, folded: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The known terms a query word written without the Norwegian letters stands for, or ()."""
    for candidate in (stem_, word):
        key = fold(candidate)
        for typed, plain in ((None, None), *_TYPED):
            found = folded.get(key if typed is None else key.replace(typed, plain))
            if found:
                return found
    return ()


def _part_stems(part: str) -> list[str]:
    """The stems a compound part before the last may stand for, with and without a linking s or e."""
    if len(part) > MIN_PART and part[-1] in "se":
        return [stem(part), stem(part[:-1])]
    return [stem(part)]


def _is_part(stem_: str, vocabulary: frozenset[str] | set[str]) -> bool:
    return len(stem_) >= MIN_PART and stem_ not in NOT_PARTS and stem_ in vocabulary


def _segment(word: str, vocabulary: frozenset[str] | set[str]) -> list[str] | None:
    """The fewest known parts that make up ``word`` (ties: the longer first part), or None."""
    best: list[list[str] | None] = [None] * len(word) + [[]]
    for i in range(len(word) - 1, -1, -1):
        found = []
        for j in range(i + MIN_PART, len(word) + 1):
            rest = best[j]
            if rest is None:
                continue
            piece = word[i:j]
            stems = [stem(piece)] if j == len(word) else _part_stems(piece)
            part = next((s for s in stems if _is_part(s, vocabulary)), None)
            if part is not None:
                found.append([part, *rest])
        if found:
            best[i] = min(found, key=lambda parts: (len(parts), -len(parts[0])))
    return best[0]


def split_compound(word: str, vocabulary: frozenset[str] | set[str]) -> list[str]:
    """The stems of the parts of ``word``, or ``[]`` when it is not a compound of known words.

    The split into the fewest known parts wins (``møbelgjenbruk`` → ``møbl`` + ``gjenbruk``). When
    there is none, an unknown head of four letters or more in front of the longest known tail of five
    or more is accepted (``renovasjonsselskaper`` → ``renovasjon`` + ``selskap``), so words the bank
    only uses inside compounds are found too.
    """
    if len(word) < MIN_COMPOUND:
        return []
    parts = _segment(word, vocabulary)
    if parts and len(parts) > 1:
        return parts
    for cut in range(4, len(word) - 4):
        head, tail = word[:cut], stem(word[cut:])
        if len(tail) >= 5 and _is_part(tail, vocabulary):
            return [min(_part_stems(head), key=len), tail]
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


def analyse_query(
    text: str,
    vocabulary: frozenset[str],
    ranked_vocabulary: list[str],
    folded: Mapping[str, tuple[str, ...]] | None = None,
) -> list[QueryTerm]:
    """The query's words with the index terms that satisfy each.

    A known stem matches itself; a word written without æ, ø and å matches the known terms it
    stands for (``mobler`` → ``møbl``; ``folded`` is :func:`folded_vocabulary`, computed when not
    given); an unknown compound needs all of its parts; any other unknown word matches its nearest
    known terms (``gjenbrukk`` → ``gjenbruk``), or nothing.
    """
    if folded is None:
        folded = folded_vocabulary(ranked_vocabulary)
    result: list[QueryTerm] = []
    for token in tokens(text):
        whole = stem(token)
        known = tuple(dict.fromkeys(t for t in (whole, token) if t in vocabulary))
        if known:  # the stem, or the word as it is (``faktura``: Snowball stems it as ``faktur``)
            result.append(QueryTerm(token, (known,)))
            continue
        unfolded = unfold(token, whole, folded)
        if unfolded:
            result.append(QueryTerm(token, (unfolded,)))
            continue
        parts = split_compound(token, vocabulary)
        if parts:
            result.append(QueryTerm(token, tuple((p,) for p in parts)))
            continue
        nearest = correct(whole, ranked_vocabulary)
        result.append(QueryTerm(token, (nearest or (whole,),), corrected=bool(nearest)))
    return result
