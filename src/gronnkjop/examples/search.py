"""The search service: one index and one ranking for SQLite and PostgreSQL.

Python analyses every example once (:mod:`.analysis`: Norwegian stemming, compounds) and stores the
terms in :class:`~.models.SearchDocument`. The database matches analysed query terms against them:

* SQLite: the FTS5 table ``examples_fts`` (created in migration 0002, kept in step here);
* PostgreSQL: ``array_to_tsvector(string_to_array(terms, ' ')) @@ 'term' & ('a' | 'b')::tsquery`` with a
  GIN index on that expression. The stored terms *are* the lexemes (no second analysis by the
  database), so both engines see exactly the same terms and return exactly the same matches.

Ranking is BM25 computed here, in Python, from the same stored terms, with the slug as tie-break, so
the order is identical on both databases too.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone, translation

from . import analysis
from .models import Example, SearchDocument, Status

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3  # the title's terms count three times, the lead's twice
LEAD_WEIGHT = 2


def document_text(example: Example) -> str:
    """Everything a reader might search for in one example, title and lead weighted by repetition."""
    with translation.override("nb"):
        labels = [
            example.get_category_display(),
            example.get_procedure_display() if example.procedure else "",
            example.get_uff_level_display() if example.uff_level else "",
            example.get_county_display() if example.county else "",
            *example.success_factor_labels(),
        ]
    parts = [
        *([example.title] * TITLE_WEIGHT),
        *([example.lead] * LEAD_WEIGHT),
        example.body,
        " ".join(example.organisations),
        example.supplier,
        str(example.year or ""),
        *[str(label) for label in labels],
        *[r.text for r in example.results.all()],
    ]
    return "\n".join(parts)


def _write_fts(rows: dict[int, str], removed: set[int]) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for pk in [*rows, *removed]:
            cursor.execute("DELETE FROM examples_fts WHERE rowid = %s", [pk])
        for pk, terms in rows.items():
            cursor.execute("INSERT INTO examples_fts (rowid, terms) VALUES (%s, %s)", [pk, terms])
        # Rows of examples deleted outside the services (their documents went by cascade).
        cursor.execute(
            "DELETE FROM examples_fts WHERE rowid NOT IN (SELECT example_id FROM examples_searchdocument)"
        )


def index_rebuild() -> int:
    """Analyse every example against the bank's current vocabulary and store what changed.

    Called by every service that changes an example (a few hundred examples take well under a
    second). Returns the number of documents written.
    """
    examples = list(Example.objects.prefetch_related("results").order_by("pk"))
    texts = {e.pk: document_text(e) for e in examples}
    vocabulary = analysis.vocabulary_of(texts[pk] for pk in sorted(texts))
    existing = dict(SearchDocument.objects.values_list("example_id", "terms"))
    changed: dict[int, str] = {}
    for pk, text in texts.items():
        terms = " ".join(analysis.analyse(text, vocabulary))
        if existing.get(pk) != terms:
            changed[pk] = terms
    now = timezone.now()
    for pk, terms in changed.items():
        SearchDocument.objects.update_or_create(example_id=pk, defaults={"terms": terms, "indexed": now})
    removed = set(existing) - set(texts)
    SearchDocument.objects.filter(example_id__in=removed).delete()
    _write_fts(changed, removed)
    return len(changed)


@dataclass(frozen=True)
class Corpus:
    """Statistics of the published examples: the query vocabulary, document frequencies, lengths."""

    size: int
    average_length: float
    document_frequency: dict[str, int]
    vocabulary: frozenset[str]
    ranked_vocabulary: list[str]  # most used first, then alphabetical: the order corrections prefer
    folded: dict[str, tuple[str, ...]]  # terms with æ, ø, å by how they are typed without them


_corpus_cache: dict[tuple, Corpus] = {}


def corpus() -> Corpus:
    published = SearchDocument.objects.filter(example__status=Status.PUBLISHED)
    key = tuple(published.aggregate(n=Count("pk"), i=Max("indexed"), u=Max("example__updated")).values())
    if key not in _corpus_cache:
        frequency: Counter[str] = Counter()
        total = 0
        for terms in published.values_list("terms", flat=True):
            words = terms.split()
            total += len(words)
            frequency.update(set(words))
        size = key[0]
        ranked = sorted(frequency, key=lambda t: (-frequency[t], t))
        _corpus_cache.clear()
        _corpus_cache[key] = Corpus(
            size=size,
            average_length=total / size if size else 0.0,
            document_frequency=dict(frequency),
            vocabulary=frozenset(frequency),
            ranked_vocabulary=ranked,
            folded=analysis.folded_vocabulary(ranked),
        )
    return _corpus_cache[key]


def _quote(term: str, mark: str) -> str:
    return mark + term.replace(mark, mark + mark) + mark


def match(groups: list[tuple[str, ...]]) -> set[int]:
    """Ids of examples whose terms contain, for every group, at least one of its terms."""
    if not groups:
        return set()
    if connection.vendor == "sqlite":
        expression = " AND ".join("(" + " OR ".join(_quote(t, '"') for t in g) + ")" for g in groups)
        sql = "SELECT rowid FROM examples_fts WHERE examples_fts MATCH %s"
    elif connection.vendor == "postgresql":
        expression = " & ".join("(" + " | ".join(_quote(t, "'") for t in g) + ")" for g in groups)
        sql = (
            "SELECT example_id FROM examples_searchdocument "
            "WHERE array_to_tsvector(string_to_array(terms, ' ')) @@ %s::tsquery"
        )
    else:  # pragma: no cover - any other database: the same test in Python
        return {
            pk
            for pk, terms in SearchDocument.objects.values_list("example_id", "terms")
            if all(set(g) & set(terms.split()) for g in groups)
        }
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression])
        return {row[0] for row in cursor.fetchall()}


@dataclass(frozen=True)
class Hit:
    example_id: int
    slug: str
    score: float


@dataclass(frozen=True)
class SearchOutcome:
    hits: list[Hit]
    terms: list[analysis.QueryTerm]

    @property
    def corrections(self) -> list[tuple[str, str]]:
        """(what was typed, what was searched for) for every corrected word."""
        return [(t.word, " / ".join(t.groups[0])) for t in self.terms if t.corrected]


def _bm25(term: str, counts: Counter, length: int, stats: Corpus) -> float:
    frequency = counts.get(term, 0)
    if not frequency:
        return 0.0
    df = stats.document_frequency.get(term, 0)
    idf = math.log(1 + (stats.size - df + 0.5) / (df + 0.5))
    norm = K1 * (1 - B + B * length / (stats.average_length or 1))
    return idf * frequency * (K1 + 1) / (frequency + norm)


def search(query: str, *, statuses: tuple[str, ...] = (Status.PUBLISHED,)) -> SearchOutcome:
    """Rank the examples with one of ``statuses`` that match every word of ``query``, best first.

    Scores are BM25 over the published examples, rounded to six decimals; equal scores are ordered
    by slug, so the order never depends on the database.
    """
    stats = corpus()
    terms = analysis.analyse_query(query, stats.vocabulary, stats.ranked_vocabulary, stats.folded)
    groups = [group for term in terms for group in term.groups]
    ids = match(groups)
    rows = SearchDocument.objects.filter(example_id__in=ids, example__status__in=statuses).values_list(
        "example_id", "example__slug", "terms"
    )
    hits = []
    for pk, slug, text in rows:
        words = text.split()
        counts = Counter(words)
        score = sum(max(_bm25(t, counts, len(words), stats) for t in group) for group in groups)
        hits.append(Hit(pk, slug, round(score, 6)))
    hits.sort(key=lambda h: (-h.score, h.slug))
    return SearchOutcome(hits=hits, terms=terms)
