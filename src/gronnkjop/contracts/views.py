"""Contract pages: list, detail, forms, price-list and contract imports, the annual cycle."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gronnkjop.core.permissions import organisation_required
from gronnkjop.core.roles import Capability
from gronnkjop.formats.contracts_table import read_contract_table
from gronnkjop.formats.errors import FormatError, TableError
from gronnkjop.formats.pricelist import read_price_list, write_price_list

from . import selectors, services
from .dates import add_months
from .forms import (
    CallOffForm,
    ContractFilterForm,
    ContractForm,
    DocumentForm,
    OptionForm,
    SupplierForm,
    TableUploadForm,
)
from .ical import annual_cycle_ics
from .links import contract_links

EDIT = Capability.EDIT
PRICE_ITEMS_SHOWN = 200


def _usable(request, pk: int):
    return get_object_or_404(selectors.contract_detail_list(organisation=request.organisation), pk=pk)


def _owned(request, pk: int):
    return get_object_or_404(selectors.contract_owned_list(organisation=request.organisation), pk=pk)


# --- List and detail ------------------------------------------------------------------------------


@organisation_required()
def contract_list(request):
    organisation = request.organisation
    form = ContractFilterForm(
        request.GET or None, suppliers=selectors.contract_supplier_choices(organisation=organisation)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    contracts = selectors.contract_search(
        organisation=organisation,
        status=filters.get("status") or "",
        supplier_id=filters.get("supplier"),
        cpv=filters.get("cpv") or "",
        text=filters.get("q") or "",
        sort=filters.get("sort") or "number",
    )
    return render(request, "contracts/contract_list.html", {"form": form, "contracts": contracts})


@organisation_required()
def contract_detail(request, pk: int):
    contract = _usable(request, pk)
    query = request.GET.get("q", "").strip()
    items = selectors.price_item_search(organisation=request.organisation, contract=contract, text=query)
    context = {
        "contract": contract,
        "owned": contract.organisation_id == request.organisation.pk,
        "query": query,
        "items": items[:PRICE_ITEMS_SHOWN],
        "item_count": items.count(),
        "has_prices": contract.price_items.exists(),
        "items_shown": PRICE_ITEMS_SHOWN,
        "events": sorted(selectors.contract_events(contract), key=lambda e: e.day),
        "history": selectors.price_history_list(
            organisation=request.organisation, contract=contract, limit=50
        ),
        "today": timezone.localdate(),
        "links": contract_links(contract=contract, access=request.access),
    }
    return render(request, "contracts/contract_detail.html", context)


#: Content types of the price-list downloads, by file format.
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@organisation_required()
def price_list_export(request, pk: int, file_format: str):
    """The contract's whole price list (every price with its validity, history included) as CSV or
    XLSX, in the columns the price-list import reads: edit it in a spreadsheet and import it back."""
    contract = _usable(request, pk)
    rows = selectors.price_list_rows(organisation=request.organisation, contract=contract)
    response = HttpResponse(
        write_price_list(rows, file_format=file_format), content_type=EXPORT_TYPES[file_format]
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"prisliste-{contract.number}.{file_format}"
    )
    return response


# --- Forms ----------------------------------------------------------------------------------------


def _form_page(request, *, form, title, contract=None, multipart=False, submit=None):
    return render(
        request,
        "contracts/form.html",
        {
            "form": form,
            "title": title,
            "contract": contract,
            "multipart": multipart,
            "submit": submit or _("Save"),
        },
    )


@organisation_required(EDIT)
def contract_edit(request, pk: int | None = None):
    organisation = request.organisation
    contract = _owned(request, pk) if pk else None
    form = ContractForm(request.POST or None, instance=contract, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.contract_save(
                organisation=organisation,
                contract=contract,
                values={name: form.cleaned_data[name] for name in services.CONTRACT_FIELDS},
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The contract %(number)s is saved.") % {"number": saved.number})
            return redirect("contracts:contract_detail", pk=saved.pk)
    title = _("Edit contract") if contract else _("New contract")
    return _form_page(request, form=form, title=title, contract=contract)


@organisation_required(EDIT)
def option_add(request, pk: int):
    contract = _owned(request, pk)
    form = OptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.option_add(
                organisation=request.organisation, contract=contract, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The option is registered."))
            return redirect("contracts:contract_detail", pk=contract.pk)
    return _form_page(request, form=form, title=_("New option"), contract=contract)


def _option_action(request, pk: int, action, done) -> HttpResponse:
    """Apply ``action`` (a service taking organisation, option and by) to one of the organisation's
    options and go back to its contract, saying ``done(option)`` or why it was refused."""
    option = get_object_or_404(selectors.option_owned_list(organisation=request.organisation), pk=pk)
    try:
        action(organisation=request.organisation, option=option, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done(option))
    return redirect("contracts:contract_detail", pk=option.contract_id)


@require_POST
@organisation_required(EDIT)
def option_exercise(request, pk: int):
    return _option_action(
        request,
        pk,
        services.option_exercise,
        lambda option: (
            _("The option is exercised; the contract now runs to %(date)s.")
            % {"date": option.contract.effective_end.strftime("%d.%m.%Y")}
        ),
    )


@require_POST
@organisation_required(EDIT)
def option_delete(request, pk: int):
    return _option_action(
        request,
        pk,
        services.option_delete,
        lambda option: (
            _("The option to extend to %(date)s is deleted.")
            % {"date": option.new_end_date.strftime("%d.%m.%Y")}
        ),
    )


def _supplier_added_message(added: services.SupplierAdded) -> str:
    names = {"name": added.link.supplier.name, "rank": added.link.rank}
    if added.reranked:
        return _("%(name)s was already on the contract; it is now ranked %(rank)s.") % names
    if not added.created:
        return _("%(name)s is already on the contract; nothing is changed.") % names
    if added.made_framework:
        return (
            _(
                "%(name)s is on the contract, ranked %(rank)s. A contract with several suppliers is a "
                "framework agreement, so it is now registered as one."
            )
            % names
        )
    return _("%(name)s is on the contract, ranked %(rank)s.") % names


@organisation_required(EDIT)
def supplier_add(request, pk: int):
    contract = _owned(request, pk)
    form = SupplierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.contract_supplier_add(
                organisation=request.organisation, contract=contract, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _supplier_added_message(added))
            return redirect("contracts:contract_detail", pk=contract.pk)
    return _form_page(request, form=form, title=_("Add supplier"), contract=contract)


@require_POST
@organisation_required(EDIT)
def supplier_move(request, pk: int):
    """Move a supplier one place up (``direction=up``) or down in the ranking."""
    link = get_object_or_404(selectors.contract_supplier_owned_list(organisation=request.organisation), pk=pk)
    order = list(
        link.contract.contract_suppliers.order_by("rank", "pk").values_list("supplier_id", flat=True)
    )
    index = order.index(link.supplier_id)
    other = index - 1 if request.POST.get("direction") == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    services.contract_supplier_rank(
        organisation=request.organisation, contract=link.contract, supplier_ids=order
    )
    messages.success(request, _("The ranking is saved."))
    return redirect("contracts:contract_detail", pk=link.contract_id)


@require_POST
@organisation_required(EDIT)
def supplier_remove(request, pk: int):
    link = get_object_or_404(selectors.contract_supplier_owned_list(organisation=request.organisation), pk=pk)
    services.contract_supplier_remove(organisation=request.organisation, link=link)
    messages.success(request, _("%(name)s is removed from the contract.") % {"name": link.supplier.name})
    return redirect("contracts:contract_detail", pk=link.contract_id)


@organisation_required(EDIT)
def document_upload(request, pk: int):
    contract = _owned(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.document_upload(
            organisation=request.organisation, contract=contract, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("The document is uploaded."))
        return redirect("contracts:contract_detail", pk=contract.pk)
    return _form_page(
        request, form=form, title=_("Upload document"), contract=contract, multipart=True, submit=_("Upload")
    )


@organisation_required()
def document_download(request, pk: int):
    document = get_object_or_404(selectors.document_list(organisation=request.organisation), pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=Path(document.file.name).name)


@organisation_required(EDIT)
def call_off_add(request, pk: int):
    contract = _usable(request, pk)
    form = CallOffForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_off_add(organisation=request.organisation, contract=contract, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The call-off is registered."))
            return redirect("contracts:contract_detail", pk=contract.pk)
    return _form_page(request, form=form, title=_("New call-off"), contract=contract)


# --- Imports: upload, preview, confirm ------------------------------------------------------------

SESSION_KEY = "contracts_pending_import"


def _stage(request, kind: str, upload) -> str:
    """Keep an uploaded table until it is confirmed; the session remembers it for this organisation."""
    suffix = ".xlsx" if upload.name.lower().endswith((".xlsx", ".xlsm")) else ".csv"
    name = default_storage.save(f"imports/{request.organisation.pk}/{uuid.uuid4().hex}{suffix}", upload)
    pending = request.session.get(SESSION_KEY, {})
    pending[kind] = {"name": name, "organisation": request.organisation.pk, "filename": upload.name}
    request.session[SESSION_KEY] = pending
    return name


def _staged(request, kind: str) -> dict | None:
    entry = request.session.get(SESSION_KEY, {}).get(kind)
    if (
        not entry
        or entry["organisation"] != request.organisation.pk
        or not default_storage.exists(entry["name"])
    ):
        return None
    return entry


def _unstage(request, kind: str) -> None:
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(kind, None)
    request.session[SESSION_KEY] = pending
    if entry and default_storage.exists(entry["name"]):
        default_storage.delete(entry["name"])


def _table_errors(exc: FormatError, filename: str, row_errors=None) -> list[str]:
    """The errors of a file the user uploaded as ``filename``, in the interface language: one per
    bad row, or what is wrong with the file (never the server's path of it). ``row_errors`` gives
    further (row, error) pairs found in the same pass, listed with the bad cells in row order."""
    language = get_language()
    if isinstance(exc, TableError):
        found = [(e.row, e.text(language)) for e in exc.errors] + list(row_errors or [])
        return [text for _row, text in sorted(found, key=lambda pair: pair[0])]
    return [exc.text(language, file=filename)]


def _price_list_contract_errors(request, path: str) -> list[tuple[int, str]]:
    """The rows of a price list with bad cells that also name a contract the organisation may not
    import prices for, as (row, «row N: reason») (see :func:`services.price_list_file_contract_problems`)."""
    return [
        (row, _("row %(row)s: %(reason)s") % {"row": row, "reason": reason})
        for row, reason in services.price_list_file_contract_problems(
            organisation=request.organisation, path=path
        )
    ]


def _import_page(request, *, kind: str, reader, preview, apply, template: str, done, row_errors=None):
    """The shared flow of both imports: GET shows the upload form; POST with a file reads it and shows
    what would change; POST with ``confirm`` applies the staged file and goes to ``done``. When the
    file has bad cells, ``row_errors(path)`` adds the (row, error) pairs the preview would report, so
    one upload shows every error."""
    form = TableUploadForm()
    context: dict = {"form": form}
    if request.method == "POST" and "confirm" in request.POST:
        entry = _staged(request, kind)
        if entry is None:
            messages.error(request, _("The uploaded file has expired. Upload it again."))
        else:
            rows = reader(default_storage.path(entry["name"]))
            try:
                result = apply(rows)
            except ValidationError as exc:
                context["errors"] = exc.messages
            else:
                _unstage(request, kind)
                return done(result)
    elif request.method == "POST":
        form = TableUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            name = _stage(request, kind, form.cleaned_data["file"])
            try:
                rows = reader(default_storage.path(name))
            except FormatError as exc:
                more = row_errors(default_storage.path(name)) if row_errors else []
                _unstage(request, kind)
                context["errors"] = _table_errors(exc, form.cleaned_data["file"].name, more)
            else:
                context["preview"] = preview(rows)
                context["filename"] = form.cleaned_data["file"].name
                if getattr(context["preview"], "errors", None):
                    context["errors"] = context["preview"].errors
                    _unstage(request, kind)
    return render(request, template, context)


@organisation_required(EDIT)
def price_list_import(request):
    organisation = request.organisation

    def apply(rows):
        diff = services.price_list_apply(organisation=organisation, rows=rows, by=request.user)
        if diff.errors:
            raise ValidationError(diff.errors)
        return diff

    def done(diff):
        messages.success(
            request,
            _("The price list is updated: %(added)s added, %(changed)s changed, %(removed)s removed.")
            % {"added": len(diff.added), "changed": len(diff.changed), "removed": len(diff.removed)},
        )
        if len(diff.contracts) == 1:
            return redirect("contracts:contract_detail", pk=diff.contracts[0].pk)
        return redirect("contracts:contract_list")

    return _import_page(
        request,
        kind="pricelist",
        reader=read_price_list,
        preview=lambda rows: services.price_list_preview(organisation=organisation, rows=rows),
        apply=apply,
        template="contracts/price_list_import.html",
        done=done,
        row_errors=lambda path: _price_list_contract_errors(request, path),
    )


@organisation_required(EDIT)
def contract_import(request):
    organisation = request.organisation

    def done(result):
        messages.success(
            request,
            _("Contracts imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        )
        return redirect("contracts:contract_list")

    return _import_page(
        request,
        kind="contracts",
        reader=read_contract_table,
        preview=lambda rows: services.contract_import_preview(organisation=organisation, rows=rows),
        apply=lambda rows: services.contract_import(organisation=organisation, rows=rows, by=request.user),
        template="contracts/contract_import.html",
        done=done,
    )


# --- The annual cycle -----------------------------------------------------------------------------


def _months(events) -> list[tuple[dt.date, list]]:
    grouped: dict[dt.date, list] = {}
    for event in events:
        grouped.setdefault(event.day.replace(day=1), []).append(event)
    return list(grouped.items())


@organisation_required()
def annual_cycle(request):
    """The overdue deadlines (see :func:`selectors.annual_cycle_overdue`) and those of the next
    twelve months from today, by month."""
    start = timezone.localdate()
    end = add_months(start, 12)
    events = selectors.annual_cycle(organisation=request.organisation, start=start, end=end)
    context = {
        "overdue": selectors.annual_cycle_overdue(organisation=request.organisation, today=start),
        "months": _months(events),
        "start": start,
        "last": end - dt.timedelta(days=1),
        "count": len(events),
    }
    return render(request, "contracts/annual_cycle.html", context)


@organisation_required()
def annual_cycle_ics_view(request):
    """The page's events as a calendar: the overdue deadlines on their own dates and those of the
    next 24 months from today."""
    start = timezone.localdate()
    events = [
        *selectors.annual_cycle_overdue(organisation=request.organisation, today=start),
        *selectors.annual_cycle(organisation=request.organisation, start=start, end=add_months(start, 24)),
    ]
    body = annual_cycle_ics(
        events=events,
        name=_("Annual cycle – %(organisation)s") % {"organisation": request.organisation.name},
        link=lambda contract: request.build_absolute_uri(
            reverse("contracts:contract_detail", args=[contract.pk])
        ),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="arshjul.ics"'
    return response
