"""Every read of the example bank. The bank is public: reads take the statuses a reader may see
instead of an organisation (the public sees published examples, editors every status)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from . import search
from .models import (
    Category,
    County,
    Example,
    Procedure,
    Revision,
    Status,
    SuccessFactor,
    Tip,
    TipStatus,
    UffLevel,
)

PUBLIC = (Status.PUBLISHED,)
ALL_STATUSES = tuple(Status.values)
FORMAT = "gronnkjop-eksempelbank"
FORMAT_VERSION = 1


def example_list(*, statuses: tuple[str, ...] = PUBLIC) -> QuerySet[Example]:
    return Example.objects.filter(status__in=statuses)


def example_get(*, slug: str, statuses: tuple[str, ...] = PUBLIC) -> Example:
    """One example with its results and sources; ``Example.DoesNotExist`` when it is not visible."""
    return example_list(statuses=statuses).prefetch_related("results", "sources").get(slug=slug)


def example_feed(*, limit: int = 50) -> list[Example]:
    """The newest and most recently updated published examples, for the Atom feed."""
    return list(example_list().order_by("-updated", "slug")[:limit])


# --- Search with facets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetSpec:
    param: str  # the query parameter
    field: str
    label: str
    choices: list[tuple[str, str]] | None  # None: the values found (years)
    many: bool = False  # the field holds a list


FACETS = [
    FacetSpec("kategori", "category", _("Category"), Category.choices),
    FacetSpec("suksessfaktor", "success_factors", _("Success factor"), SuccessFactor.choices, many=True),
    FacetSpec("uff", "uff_level", _("UFF level"), UffLevel.choices),
    FacetSpec("prosedyre", "procedure", _("Procedure"), Procedure.choices),
    FacetSpec("fylke", "county", _("County"), County.choices),
    FacetSpec("aar", "year", _("Year"), None),
]
SORTS = ("relevans", "dato")


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    options: list[FacetOption]


@dataclass(frozen=True)
class ExampleSearch:
    ids: list[int]  # in result order
    scores: dict[int, float]
    facets: list[Facet]
    corrections: list[tuple[str, str]]
    sort: str


def _values(row: dict, spec: FacetSpec) -> set[str]:
    value = row[spec.field]
    if spec.many:
        return {str(v) for v in value}
    return {str(value)} if value not in (None, "") else set()


def example_search(
    *,
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "relevans",
    statuses: tuple[str, ...] = PUBLIC,
) -> ExampleSearch:
    """Examples matching the full-text ``query`` and the facet ``filters`` (one of the chosen values in
    each facet), ranked by relevance (when there is a query) or by date, and the facet counts.

    A facet's counts apply every filter except its own, so choosing a second value of the same facet
    adds to the result rather than emptying it.
    """
    filters = {k: [v for v in vs if v] for k, vs in (filters or {}).items() if k in {f.param for f in FACETS}}
    sort = sort if sort in SORTS else "relevans"
    rows = list(
        example_list(statuses=statuses).values(
            "pk", "slug", "published", "updated", *[spec.field for spec in FACETS]
        )
    )
    scores: dict[int, float] = {}
    corrections: list[tuple[str, str]] = []
    if query.strip():
        outcome = search.search(query, statuses=statuses)
        scores = {hit.example_id: hit.score for hit in outcome.hits}
        corrections = outcome.corrections
        rows = [row for row in rows if row["pk"] in scores]

    def passes(row: dict, skip: str | None = None) -> bool:
        return all(
            _values(row, spec) & set(filters[spec.param])
            for spec in FACETS
            if spec.param in filters and filters[spec.param] and spec.param != skip
        )

    matching = [row for row in rows if passes(row)]
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    if sort == "relevans" and scores:
        matching.sort(key=lambda r: (-scores[r["pk"]], r["slug"]))
    else:
        matching.sort(key=lambda r: (-(r["published"] or r["updated"] or epoch).timestamp(), r["slug"]))
    facets = []
    for spec in FACETS:
        counts: dict[str, int] = {}
        for row in rows:
            if passes(row, skip=spec.param):
                for value in _values(row, spec):
                    counts[value] = counts.get(value, 0) + 1
        chosen = set(filters.get(spec.param, []))
        choices = spec.choices or [(y, y) for y in sorted(counts, reverse=True)]
        options = [
            FacetOption(str(value), str(label), counts.get(str(value), 0), str(value) in chosen)
            for value, label in choices
            if counts.get(str(value)) or str(value) in chosen
        ]
        facets.append(Facet(spec.param, str(spec.label), options))
    return ExampleSearch(
        ids=[row["pk"] for row in matching], scores=scores, facets=facets, corrections=corrections, sort=sort
    )


def examples_in_order(ids: list[int]) -> list[Example]:
    """The examples with ``ids``, in that order (one query)."""
    found = Example.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


# --- Revisions and tips -----------------------------------------------------------------------------


def revision_list(*, example: Example) -> QuerySet[Revision]:
    return example.revisions.all()


def tip_list(*, status: str | None = None) -> QuerySet[Tip]:
    tips = Tip.objects.select_related("example")
    return tips.filter(status=status) if status else tips


def tip_counts() -> dict[str, int]:
    counts = dict.fromkeys(TipStatus.values, 0)
    for status in Tip.objects.values_list("status", flat=True):
        counts[status] += 1
    return counts


# --- The bank's JSON format -------------------------------------------------------------------------


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _time(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat()


def example_snapshot(example: Example) -> dict:
    """The editable content of an example, as stored in revisions and in the JSON export."""
    return {
        "title": example.title,
        "lead": example.lead,
        "body": example.body,
        "organisations": list(example.organisations),
        "county": example.county,
        "year": example.year,
        "category": example.category,
        "success_factors": list(example.success_factors),
        "uff_level": example.uff_level,
        "procedure": example.procedure,
        "contract_value": _money(example.contract_value),
        "bidder_count": example.bidder_count,
        "supplier": example.supplier,
        "contract_status": example.contract_status,
        "contact_name": example.contact_name,
        "contact_email": example.contact_email,
        "results": [
            {"kind": r.kind, "value": _money(r.value), "text": r.text} for r in example.results.all()
        ],
        "sources": [{"title": s.title, "url": s.url} for s in example.sources.all()],
    }


def example_export(example: Example) -> dict:
    return {
        "slug": example.slug,
        "status": example.status,
        "unpublished_reason": example.unpublished_reason,
        "created": _time(example.created),
        "updated": _time(example.updated),
        "published": _time(example.published),
        **example_snapshot(example),
        "revisions": [
            {
                "number": r.number,
                "created": _time(r.created),
                "author": r.author,
                "note": r.note,
                "snapshot": r.snapshot,
            }
            for r in sorted(example.revisions.all(), key=lambda r: r.number)
        ],
    }


def bank_export() -> dict:
    """The whole bank (every status, with revisions; tips are personal data and stay) as one document."""
    examples = Example.objects.prefetch_related("results", "sources", "revisions").order_by("slug")
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "examples": [example_export(e) for e in examples],
    }
