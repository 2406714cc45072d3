"""``/api/v1/examples``: the public example bank as JSON (no token needed), with the same search,
filters and sort order as the page ``/eksempler/``."""

from __future__ import annotations

import datetime as dt
from math import ceil

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Schema

from . import selectors
from .forms import search_params
from .models import Example
from .rendering import render_markdown

router = Router(tags=["examples"])
PER_PAGE = 50


class ResultOut(Schema):
    kind: str
    value: str | None
    text: str


class SourceOut(Schema):
    title: str
    url: str


class ExampleSummaryOut(Schema):
    id: int
    slug: str
    title: str
    lead: str
    url: str
    organisations: list[str]
    county: str
    year: int | None
    category: str
    success_factors: list[str]
    uff_level: str
    procedure: str
    published: dt.datetime | None
    updated: dt.datetime
    score: float | None = None


class ExampleOut(ExampleSummaryOut):
    body: str
    body_html: str
    contract_value: str | None
    bidder_count: int | None
    supplier: str
    contract_status: str
    contact_name: str
    contact_email: str
    results: list[ResultOut]
    sources: list[SourceOut]


class FacetOptionOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    param: str
    label: str
    options: list[FacetOptionOut]


class CorrectionOut(Schema):
    typed: str
    searched: str


class ExampleListOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ExampleSummaryOut]
    facets: list[FacetOut]
    corrections: list[CorrectionOut]


def _summary(example: Example, score: float | None = None) -> dict:
    data = {
        field: getattr(example, field) for field in ExampleSummaryOut.model_fields if hasattr(example, field)
    }
    data.update(id=example.pk, url=reverse("examples:detail", args=[example.slug]), score=score)
    return data


@router.get(
    "",
    auth=None,
    response=ExampleListOut,
    summary="Search the published examples (public)",
    description=(
        "Full-text search in Norwegian (stemming, compounds, misspellings) with the filters `kategori`, "
        "`suksessfaktor`, `uff`, `prosedyre`, `fylke` and `aar` (repeat a parameter for more values). "
        "`sortering` is `relevans` (default) or `dato`. 50 per page."
    ),
)
def example_list(
    request,
    q: str = "",
    kategori: list[str] = Query(None),  # noqa: B008 - ninja's way to declare a query parameter
    suksessfaktor: list[str] = Query(None),  # noqa: B008
    uff: list[str] = Query(None),  # noqa: B008
    prosedyre: list[str] = Query(None),  # noqa: B008
    fylke: list[str] = Query(None),  # noqa: B008
    aar: list[str] = Query(None),  # noqa: B008
    sortering: str = "relevans",
    side: int = 1,
):
    found = selectors.example_search(**search_params(request.GET))
    pages = max(1, ceil(len(found.ids) / PER_PAGE))
    page = min(max(side, 1), pages)
    ids = found.ids[(page - 1) * PER_PAGE : page * PER_PAGE]
    return {
        "count": len(found.ids),
        "page": page,
        "pages": pages,
        "items": [_summary(e, found.scores.get(e.pk)) for e in selectors.examples_in_order(ids)],
        "facets": found.facets,
        "corrections": [{"typed": t, "searched": s} for t, s in found.corrections],
    }


@router.get("/{slug}", auth=None, response=ExampleOut, summary="One published example (public)")
def example_detail(request, slug: str):
    try:
        example = selectors.example_get(slug=slug)
    except Example.DoesNotExist:
        raise Http404 from None
    snapshot = selectors.example_snapshot(example)
    return {
        **_summary(example),
        **{k: v for k, v in snapshot.items() if k in ExampleOut.model_fields},
        "body_html": render_markdown(example.body),
    }
