"""The example bank's pages: public reading and tips (no log-in), and the editors' pages."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gronnkjop.core.permissions import organisation_required

from . import selectors, services
from .forms import (
    ExampleForm,
    ImportForm,
    KeyResultFormSet,
    SourceFormSet,
    TipForm,
    TipStatusForm,
    UnpublishForm,
    formset_rows,
    search_params,
)
from .models import Example, Status, TipStatus
from .rendering import render_markdown

EDIT = "edit_examples"
PER_PAGE = 20


def _statuses_for(request) -> tuple[str, ...]:
    access = getattr(request, "access", None)
    return selectors.ALL_STATUSES if access and access.can(EDIT) else selectors.PUBLIC


def example_list(request):
    params = search_params(request.GET)
    found = selectors.example_search(**params)
    page = Paginator(found.ids, PER_PAGE).get_page(request.GET.get("side"))
    keep = [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "side" and v]
    context = {
        "q": params["query"],
        "found": found,
        "page": page,
        "examples": selectors.examples_in_order(list(page.object_list)),
        "page_query": urlencode(keep),
        "filtered": any(params["filters"].values()),
    }
    return render(request, "examples/example_list.html", context)


def example_detail(request, slug: str):
    try:
        example = selectors.example_get(slug=slug, statuses=_statuses_for(request))
    except Example.DoesNotExist:
        raise Http404 from None
    return render(request, "examples/example_detail.html", {"example": example})


def tip_create(request):
    form = TipForm(request.POST or None, initial={"token": services.tip_form_token()})
    if request.method == "POST" and form.is_valid():
        try:
            services.tip_submit(
                **form.cleaned_data,
                honeypot=request.POST.get("website", ""),
                ip=request.META.get("REMOTE_ADDR", ""),
            )
        except services.TipRefused as exc:
            if exc.code != "honeypot":  # a robot is thanked like anyone and learns nothing
                form.add_error(None, exc)
                form.data = form.data.copy()
                form.data["token"] = services.tip_form_token()
                return render(request, "examples/tip_form.html", {"form": form}, status=400)
        return redirect("examples:tip_thanks")
    return render(request, "examples/tip_form.html", {"form": form})


def tip_thanks(request):
    return render(request, "examples/tip_thanks.html")


# --- Editors ----------------------------------------------------------------------------------------


@organisation_required(EDIT)
def editor_home(request):
    status = request.GET.get("status", "")
    examples = selectors.example_list(statuses=selectors.ALL_STATUSES).order_by("-updated", "slug")
    if status in Status.values:
        examples = examples.filter(status=status)
    context = {
        "examples": examples,
        "status": status,
        "statuses": Status.choices,
        "tip_counts": selectors.tip_counts(),
    }
    return render(request, "examples/editor/home.html", context)


@organisation_required(EDIT)
def example_edit(request, pk: int | None = None):
    example = (
        get_object_or_404(selectors.example_list(statuses=selectors.ALL_STATUSES), pk=pk) if pk else None
    )
    data = request.POST or None
    form = ExampleForm(data, instance=example)
    results = KeyResultFormSet(data, instance=example, prefix="resultat")
    sources = SourceFormSet(data, instance=example, prefix="kilde")
    preview = None
    if request.method == "POST" and all([form.is_valid(), results.is_valid(), sources.is_valid()]):
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            content = {
                **form.cleaned_data,
                "results": formset_rows(results),
                "sources": formset_rows(sources),
            }
            try:
                saved = services.example_save(
                    example=example, content=content, by=request.user, organisation=request.organisation
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
                return redirect("examples:edit", pk=saved.pk)
    context = {"form": form, "results": results, "sources": sources, "example": example, "preview": preview}
    return render(request, "examples/editor/example_form.html", context)


@require_POST
@organisation_required(EDIT)
def example_publish(request, pk: int):
    example = get_object_or_404(selectors.example_list(statuses=selectors.ALL_STATUSES), pk=pk)
    try:
        services.example_publish(example=example, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%(title)s” is published.") % {"title": example.title})
    return redirect("examples:edit", pk=example.pk)


@organisation_required(EDIT)
def example_unpublish(request, pk: int):
    example = get_object_or_404(selectors.example_list(statuses=(Status.PUBLISHED,)), pk=pk)
    form = UnpublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.example_unpublish(example=example, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("“%(title)s” is unpublished.") % {"title": example.title})
        return redirect("examples:edit", pk=example.pk)
    return render(request, "examples/editor/unpublish.html", {"form": form, "example": example})


@organisation_required(EDIT)
def revision_list(request, pk: int):
    example = get_object_or_404(selectors.example_list(statuses=selectors.ALL_STATUSES), pk=pk)
    revisions = selectors.revision_list(example=example)
    return render(request, "examples/editor/revisions.html", {"example": example, "revisions": revisions})


@require_POST
@organisation_required(EDIT)
def revision_restore(request, pk: int, number: int):
    example = get_object_or_404(selectors.example_list(statuses=selectors.ALL_STATUSES), pk=pk)
    revision = get_object_or_404(selectors.revision_list(example=example), number=number)
    services.revision_restore(example=example, revision=revision, by=request.user)
    messages.success(request, _("Revision %(number)s is restored.") % {"number": number})
    return redirect("examples:edit", pk=example.pk)


@organisation_required(EDIT)
def tip_list(request):
    status = request.GET.get("status", "")
    tips = selectors.tip_list(status=status if status in TipStatus.values else None)
    context = {
        "tips": tips,
        "status": status,
        "statuses": TipStatus.choices,
        "counts": selectors.tip_counts(),
    }
    return render(request, "examples/editor/tip_list.html", context)


@organisation_required(EDIT)
def tip_detail(request, pk: int):
    tip = get_object_or_404(selectors.tip_list(), pk=pk)
    initial = {"status": tip.status, "example": tip.example, "note": tip.editor_note}
    form = TipStatusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.tip_set_status(tip=tip, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The tip is now “%(status)s”.") % {"status": tip.get_status_display()}
            )
            return redirect("examples:tip_list")
    return render(request, "examples/editor/tip_detail.html", {"tip": tip, "form": form})


@organisation_required(EDIT)
def bank_export(request):
    body = json.dumps(selectors.bank_export(), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"eksempelbanken-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@organisation_required(EDIT)
def bank_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = json.load(form.cleaned_data["file"])
            result = services.bank_import(data=data, by=request.user)
        except (ValueError, UnicodeDecodeError):
            form.add_error("file", _("The file is not valid JSON."))
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(
                request,
                _("Imported: %(created)s new and %(updated)s updated examples.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("examples:editor")
    return render(request, "examples/editor/import.html", {"form": form})
