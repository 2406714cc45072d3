"""Reuse pages: the pool, items, reservations, import, labels, savings, factors, stores, ICT devices,
and the public page (no log-in)."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gronnkjop.core.permissions import organisation_required
from gronnkjop.core.roles import Capability
from gronnkjop.core.templatetags.gk import maaned
from gronnkjop.formats.errors import FormatError, TableError
from gronnkjop.formats.tables import read_csv_rows, read_xlsx_rows, write_csv

from . import selectors, services
from .categories import category_label
from .charts import bar_chart
from .factor_fixture import PER_KG
from .forms import (
    DecisionForm,
    DeviceForm,
    DeviceRequestForm,
    EndOfLifeForm,
    FactorForm,
    FilterForm,
    HandoverForm,
    ImportForm,
    ItemForm,
    PhotoForm,
    RejectForm,
    RepairForm,
    ReserveForm,
    SettingsForm,
    StatusForm,
    StoreForm,
)
from .importing import import_apply, import_plan
from .item_types import item_type_name
from .labels import label_sheet_pdf
from .models import Factor, ItemStatus, ReservationStatus

IMPORT_SESSION_KEY = "reuse_import"
IMPORT_MAX_BYTES = 5 * 1024 * 1024


def _errors(exc: ValidationError, form=None) -> str:
    """The messages of ``exc``, each error of a field named by the field's label when ``form`` has it."""
    if form is None or not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    return _field_errors(form, exc.message_dict)


def _field_errors(form, errors: dict) -> str:
    said = []
    for name, messages_ in errors.items():
        field = form.fields.get(name)
        for message in messages_:
            said.append(f"{field.label}: {message}" if field is not None else message)
    return " ".join(said)


# --- the pool ---------------------------------------------------------------------------------------


@organisation_required()
def item_list(request):
    organisation = request.organisation
    form = FilterForm(request.GET or None, organisation=organisation)
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.item_list(
        organisation=organisation,
        q=filters.get("q") or "",
        category=filters.get("category") or "",
        condition=filters.get("condition") or "",
        owner=filters.get("owner"),
        store=filters.get("store"),
        only_available=bool(filters.get("available")),
    )
    sort = filters.get("sort") or ""
    origin = None
    if sort == "distance":
        stores = selectors.visible_store_list(organisation=organisation)
        origin = stores.filter(pk=filters.get("near")).first() if filters.get("near") else None
        origin = origin or selectors.store_list(organisation=organisation).first()
    items = items.prefetch_related("photos")
    if origin is not None:
        page = Paginator(selectors.items_by_distance(items, origin=origin), 50).get_page(
            request.GET.get("side")
        )
    else:
        page = Paginator(items.order_by("title", "pk") if sort == "title" else items, 50).get_page(
            request.GET.get("side")
        )
        page.object_list = [(item, None) for item in page.object_list]
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "reuse/item_list.html",
        {
            "form": form,
            "page": page,
            "origin": origin,
            "query": query.urlencode(),
            "count": page.paginator.count,
        },
    )


@organisation_required()
def item_detail(request, pk: int):
    organisation = request.organisation
    item = get_object_or_404(selectors.item_list(organisation=organisation).prefetch_related("photos"), pk=pk)
    own = item.organisation_id == organisation.pk
    context = {
        "item": item,
        "own": own,
        "history": selectors.item_status_history(organisation=organisation, item=item) if own else [],
        "reservations": selectors.reservation_list(organisation=organisation).filter(item=item),
        "status_form": StatusForm() if own else None,
        "photo_form": PhotoForm() if own else None,
        "shared": item.collaboration_from is not None and item.collaboration_from <= timezone.now(),
        "savings": [r.saving for r in item.reservations.filter(saving__isnull=False).select_related("saving")]
        if own
        else [],
    }
    return render(request, "reuse/item_detail.html", context)


def _item_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("photo", None)
    return data


@organisation_required(Capability.EDIT)
def item_create(request):
    organisation = request.organisation
    form = ItemForm(request.POST or None, request.FILES or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        photo = form.cleaned_data.get("photo")
        try:
            item = services.item_register(
                organisation=organisation,
                by=request.user,
                photos=[photo.read()] if photo else [],
                **_item_fields(form),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("“%(title)s” is registered as %(code)s.") % {"title": item.title, "code": item.code},
            )
            return redirect("reuse:item_detail", pk=item.pk)
    return render(request, "reuse/item_form.html", {"form": form, "item": None})


@organisation_required(Capability.EDIT)
def item_edit(request, pk: int):
    organisation = request.organisation
    item = get_object_or_404(selectors.own_item_list(organisation=organisation), pk=pk)
    form = ItemForm(request.POST or None, instance=item, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_update(
                organisation=organisation, item=item, by=request.user, **_item_fields(form)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The item is saved."))
            return redirect("reuse:item_detail", pk=item.pk)
    return render(request, "reuse/item_form.html", {"form": form, "item": item})


@require_POST
@organisation_required(Capability.EDIT)
def item_status(request, pk: int):
    organisation = request.organisation
    item = get_object_or_404(selectors.own_item_list(organisation=organisation), pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status and say why."))
        return redirect("reuse:item_detail", pk=item.pk)
    try:
        services.item_status_change(
            organisation=organisation, item=item, by=request.user, **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("The status is changed."))
    return redirect("reuse:item_detail", pk=item.pk)


@require_POST
@organisation_required(Capability.EDIT)
def photo_add(request, pk: int):
    organisation = request.organisation
    item = get_object_or_404(selectors.own_item_list(organisation=organisation), pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reuse:item_detail", pk=item.pk)
    try:
        services.photo_add(
            organisation=organisation,
            item=item,
            data=form.cleaned_data["photo"].read(),
            alt=form.cleaned_data["alt"],
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("The photo is added."))
    return redirect("reuse:item_detail", pk=item.pk)


def photo(request, pk: int, size: str):
    """A photo of an item the visitor may see: members per visibility, anyone for public items."""
    found = selectors.photo_get_visible(organisation=getattr(request, "organisation", None), pk=pk)
    if found is None or size not in ("full", "thumb"):
        raise Http404
    field = found.image if size == "full" else found.thumbnail
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@organisation_required()
def labels(request):
    """A PDF sheet of QR labels for the organisation's own items (``?id=1&id=2``, or all available)."""
    organisation = request.organisation
    items = selectors.own_item_list(organisation=organisation).order_by("code")
    asked = request.GET.getlist("id")
    if asked:  # only the items asked for; an id that cannot be one (not a number, too long) finds none
        items = items.filter(pk__in=[int(i) for i in asked if i.isascii() and i.isdigit() and len(i) <= 18])
    else:
        items = items.filter(status=ItemStatus.AVAILABLE)
    items = list(items[:480])
    if not items:
        raise Http404
    pdf = label_sheet_pdf(
        [(request.build_absolute_uri(f"/ombruk/{item.pk}/"), item.code, item.title) for item in items]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="ombruk-etiketter.pdf"'
    return response


# --- reservations -----------------------------------------------------------------------------------


@organisation_required(Capability.ORDER)
def item_reserve(request, pk: int):
    organisation = request.organisation
    item = get_object_or_404(selectors.item_list(organisation=organisation), pk=pk)
    form = ReserveForm(request.POST or None, organisation=organisation, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            reservation = services.reservation_create(
                organisation=organisation, item=item, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("You have reserved %(n)s × %(title)s. %(owner)s will approve the reservation.")
                % {"n": reservation.quantity, "title": item.title, "owner": item.organisation.name},
            )
            return redirect("reuse:reservation_detail", pk=reservation.pk)
    return render(request, "reuse/reserve_form.html", {"form": form, "item": item})


@organisation_required()
def reservation_list(request):
    organisation = request.organisation
    reservations = selectors.reservation_list(organisation=organisation)
    return render(
        request,
        "reuse/reservation_list.html",
        {
            "incoming": reservations.filter(item__organisation=organisation),
            "outgoing": reservations.filter(organisation=organisation),
        },
    )


@organisation_required()
def reservation_detail(request, pk: int):
    organisation = request.organisation
    reservation = get_object_or_404(selectors.reservation_list(organisation=organisation), pk=pk)
    is_owner = reservation.item.organisation_id == organisation.pk
    is_requester = reservation.organisation_id == organisation.pk
    can = request.access
    context = {
        "reservation": reservation,
        "is_owner": is_owner,
        "is_requester": is_requester,
        "can_decide": is_owner and can.can(Capability.EDIT) and reservation.is_open,
        "can_cancel": is_requester and can.can(Capability.ORDER) and reservation.is_open,
        "can_receive": is_requester
        and can.can(Capability.ORDER)
        and reservation.status == ReservationStatus.HANDED_OVER,
        "handover_form": HandoverForm(),
        "reject_form": RejectForm(),
        "saving": getattr(reservation, "saving", None)
        if reservation.status in ("handed_over", "received")
        else None,
    }
    return render(request, "reuse/reservation_detail.html", context)


ACTIONS = {
    "approve": Capability.EDIT,
    "reject": Capability.EDIT,
    "hand_over": Capability.EDIT,
    "cancel": Capability.ORDER,
    "receive": Capability.ORDER,
}


@require_POST
@organisation_required()
def reservation_action(request, pk: int, action: str):
    organisation = request.organisation
    reservation = get_object_or_404(selectors.reservation_list(organisation=organisation), pk=pk)
    if action not in ACTIONS:
        raise Http404
    if not request.access.can(ACTIONS[action]):
        messages.error(request, _("You may not do that."))
        return redirect("reuse:reservation_detail", pk=pk)
    common = {"organisation": organisation, "reservation": reservation, "by": request.user}
    form = None  # the action's form, whose labels name the fields of a service's errors
    try:
        if action == "approve":
            services.reservation_approve(**common)
            done = _("The reservation is approved.")
        elif action == "reject":
            form = RejectForm(request.POST)
            form.is_valid()
            services.reservation_reject(**common, reason=form.cleaned_data.get("reason", ""))
            done = _("The reservation is rejected and the units are available again.")
        elif action == "cancel":
            services.reservation_cancel(**common)
            done = _("The reservation is cancelled.")
        elif action == "receive":
            services.reservation_receive(**common)
            done = _("Receipt is confirmed.")
        else:
            form = HandoverForm(request.POST)
            if not form.is_valid():
                messages.error(request, _field_errors(form, form.errors))
                return redirect("reuse:reservation_detail", pk=pk)
            services.reservation_hand_over(**common, **form.cleaned_data)
            done = _("The hand-over is recorded with its saving.")
    except ValidationError as exc:
        messages.error(request, _errors(exc, form))
    else:
        messages.success(request, done)
    return redirect("reuse:reservation_detail", pk=pk)


# --- used first -------------------------------------------------------------------------------------


@organisation_required()
def used_first(request):
    """Available items of a category before buying new (a page, or the widget alone for htmx)."""
    category = request.GET.get("category", "")
    try:
        quantity = max(int(request.GET.get("quantity", "1")), 1)
    except ValueError:
        quantity = 1
    result = selectors.used_first(organisation=request.organisation, category=category, quantity=quantity)
    template = (
        "reuse/includes/used_first.html" if request.headers.get("HX-Request") else "reuse/used_first.html"
    )
    return render(
        request,
        template,
        {"used": result, "form": FilterForm(request.GET, organisation=request.organisation)},
    )


# --- import -----------------------------------------------------------------------------------------


def _read_upload(name: str, data: bytes) -> list[list]:
    if data[:2] == b"PK" or name.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx_rows(data, name=name)
    return read_csv_rows(data)


@organisation_required(Capability.EDIT)
def item_import(request):
    """Upload, see a preview with every bad row, then confirm: all rows are registered or none."""
    organisation = request.organisation
    form = ImportForm()
    context: dict = {"form": form}
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored:
            messages.error(request, _("Upload the file again."))
            return redirect("reuse:item_import")
        data = base64.b64decode(stored["data"])
        try:
            plan = import_plan(
                organisation=organisation, rows=_read_upload(stored["name"], data), file=stored["name"]
            )
            created, updated = import_apply(organisation=organisation, plan=plan, by=request.user)
        except FormatError as exc:
            messages.error(request, exc.text(get_language(), file=stored["name"]))
            return redirect("reuse:item_import")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("reuse:item_import")
        del request.session[IMPORT_SESSION_KEY]
        messages.success(
            request,
            _("%(created)s items registered, %(updated)s updated.")
            % {"created": created, "updated": updated},
        )
        return redirect("reuse:item_list")
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > IMPORT_MAX_BYTES:
                form.add_error("file", _("The file is larger than 5 MB."))
            else:
                data = upload.read()
                try:
                    plan = import_plan(
                        organisation=organisation, rows=_read_upload(upload.name, data), file=upload.name
                    )
                except TableError as exc:
                    context["row_errors"] = exc.errors
                except FormatError as exc:
                    form.add_error("file", exc.text(get_language(), file=upload.name))
                else:
                    request.session[IMPORT_SESSION_KEY] = {
                        "name": upload.name,
                        "data": base64.b64encode(data).decode("ascii"),
                    }
                    context["plan"] = plan
                    context["file_name"] = upload.name
    return render(request, "reuse/import.html", context)


# --- savings ----------------------------------------------------------------------------------------


def _year(request) -> int:
    """The ``year`` asked for, or this year when it is missing or not a sensible year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@organisation_required()
def savings(request):
    organisation = request.organisation
    year = _year(request)
    summary = selectors.savings_summary(organisation=organisation, year=year)
    months = summary["by_month"]
    chart = bar_chart(
        title=_("kg CO2e saved per month, %(year)s") % {"year": year},
        description=_(
            "Bar chart of the CO2e saved by reuse in each month; the same numbers are in the table below."
        ),
        labels=[maaned(m, "kort") for m in months],
        values=[months[m].co2e_kg for m in months],
        unit="kg",
    )
    return render(
        request,
        "reuse/savings.html",
        {
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
            "summary": summary,
            "chart": chart,
            "given": selectors.saving_given_list(organisation=organisation, year=year),
            "savings": selectors.saving_list(organisation=organisation, year=year),
            "fallback": selectors.factor_fallback(),
        },
    )


@organisation_required()
def savings_csv(request):
    """The year's hand-overs with their savings, for Norwegian spreadsheets (see ``write_csv``)."""
    organisation = request.organisation
    year = _year(request)
    header = (
        "dato",
        "varetype",
        "kategori",
        "antall",
        "fra",
        "nypris_per_enhet",
        "kostnad",
        "verdi_nok",
        "kg_co2e",
        "kg_avfall",
        "metode",
        "faktor_versjon",
        "kilde",
    )
    rows = [
        (
            s.date,
            item_type_name(s.item_type),
            str(category_label(s.category)) if s.category else "",
            s.units,
            s.owner_organisation.name,
            s.new_price_each,
            s.cost,
            s.value_nok,
            s.co2e_kg,
            s.waste_kg,
            s.get_method_display(),
            s.factor.version,
            s.factor.source,
        )
        for s in selectors.saving_list(organisation=organisation, year=year).order_by("date", "pk")
    ]
    response = HttpResponse(write_csv(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ombruk-besparelser-{year}.csv"'
    return response


# --- factor table -----------------------------------------------------------------------------------


@organisation_required()
def factor_list(request):
    factors = selectors.factor_list().order_by("category", "item_type")
    return render(request, "reuse/factor_list.html", {"factors": factors, "per_kg": PER_KG})


@organisation_required(Capability.MANAGE_MEMBERS)
def factor_edit(request, item_type: str):
    factor = get_object_or_404(selectors.factor_list(), item_type=item_type)
    initial = {f: getattr(factor, f) for f in ("kg_co2e_new", "kg_co2e_saved", "basis", "source")}
    form = FactorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.factor_update(item_type=item_type, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Version %(v)s of the factor is saved.") % {"v": new.version})
            return redirect("reuse:factor_list")
    versions = Factor.objects.filter(item_type=item_type).order_by("-version")
    return render(request, "reuse/factor_form.html", {"form": form, "factor": factor, "versions": versions})


# --- stores and settings ----------------------------------------------------------------------------


@organisation_required()
def store_list(request):
    organisation = request.organisation
    form = StoreForm(request.POST or None)
    if request.method == "POST":
        if not request.access.can(Capability.EDIT):
            raise Http404
        if form.is_valid():
            try:
                services.store_save(organisation=organisation, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The store is saved."))
                return redirect("reuse:store_list")
    return render(
        request,
        "reuse/store_list.html",
        {
            "stores": selectors.store_list(organisation=organisation),
            "form": form,
            "settings": selectors.reuse_settings_get(organisation=organisation),
        },
    )


@organisation_required(Capability.EDIT)
def store_edit(request, pk: int):
    organisation = request.organisation
    store = get_object_or_404(selectors.store_list(organisation=organisation), pk=pk)
    form = StoreForm(request.POST or None, instance=store)
    if request.method == "POST" and form.is_valid():
        try:
            services.store_save(organisation=organisation, store=store, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The store is saved."))
            return redirect("reuse:store_list")
    return render(request, "reuse/store_form.html", {"form": form, "store": store})


@organisation_required(Capability.MANAGE_MEMBERS)
def settings_edit(request):
    organisation = request.organisation
    current = selectors.reuse_settings_get(organisation=organisation)
    form = SettingsForm(request.POST or None, initial={"share_after_days": current.share_after_days})
    if request.method == "POST" and form.is_valid():
        services.reuse_settings_save(organisation=organisation, **form.cleaned_data)
        messages.success(request, _("The sharing rule is saved."))
        return redirect("reuse:store_list")
    return render(request, "reuse/settings_form.html", {"form": form})


# --- ICT devices ------------------------------------------------------------------------------------


@organisation_required()
def device_list(request):
    devices = selectors.device_list(organisation=request.organisation)
    return render(request, "reuse/device_list.html", {"devices": devices})


@organisation_required(Capability.EDIT)
def device_edit(request, pk: int | None = None):
    organisation = request.organisation
    device = get_object_or_404(selectors.device_list(organisation=organisation), pk=pk) if pk else None
    form = DeviceForm(request.POST or None, instance=device, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.device_save(organisation=organisation, device=device, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The device is saved."))
            return redirect("reuse:device_detail", pk=saved.pk)
    return render(request, "reuse/device_form.html", {"form": form, "device": device})


@organisation_required()
def device_detail(request, pk: int):
    organisation = request.organisation
    device = get_object_or_404(selectors.device_list(organisation=organisation), pk=pk)
    form_name = request.POST.get("form") if request.method == "POST" else None
    repair_form = RepairForm(request.POST if form_name == "repair" else None)
    eol_form = EndOfLifeForm(request.POST if form_name == "end_of_life" else None)
    if form_name and not request.access.can(Capability.EDIT):
        raise Http404
    try:
        if form_name == "repair" and repair_form.is_valid():
            services.device_repair_add(
                organisation=organisation, device=device, by=request.user, **repair_form.cleaned_data
            )
            messages.success(request, _("The repair is recorded."))
            return redirect("reuse:device_detail", pk=pk)
        if form_name == "end_of_life" and eol_form.is_valid():
            services.device_end_of_life(
                organisation=organisation, device=device, by=request.user, **eol_form.cleaned_data
            )
            messages.success(request, _("The end of life is recorded."))
            return redirect("reuse:device_detail", pk=pk)
    except ValidationError as exc:
        (repair_form if form_name == "repair" else eol_form).add_error(None, exc)
    return render(
        request,
        "reuse/device_detail.html",
        {"device": device, "repairs": device.repairs.all(), "repair_form": repair_form, "eol_form": eol_form},
    )


@organisation_required()
def device_request_list(request):
    organisation = request.organisation
    form = DeviceRequestForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if not request.access.can(Capability.ORDER):
            raise Http404
        if form.is_valid():
            try:
                created = services.device_request_create(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, created.get_status_display())
                return redirect("reuse:device_request_list")
    return render(
        request,
        "reuse/device_request_list.html",
        {
            "form": form,
            "requests": selectors.device_request_list(organisation=organisation),
            "decision_form": DecisionForm(),
        },
    )


@require_POST
@organisation_required(Capability.EDIT)
def device_request_decide(request, pk: int):
    organisation = request.organisation
    found = get_object_or_404(selectors.device_request_list(organisation=organisation), pk=pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        services.device_request_decide(
            organisation=organisation,
            request=found,
            approve=request.POST.get("decision") == "approve",
            by=request.user,
            note=form.cleaned_data.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect("reuse:device_request_list")


# --- public -----------------------------------------------------------------------------------------


def public_list(request):
    """Items their owners have made public: no log-in needed."""
    try:
        organisation_id = int(request.GET.get("org", ""))
    except ValueError:
        organisation_id = None
    items = selectors.public_item_list(organisation_id=organisation_id).prefetch_related("photos")
    q = request.GET.get("q", "").strip()
    if q:
        items = items.filter(title__icontains=q)
    page = Paginator(items.order_by("-created", "pk"), 50).get_page(request.GET.get("side"))
    return render(request, "reuse/public_list.html", {"page": page, "q": q})


def public_detail(request, pk: int):
    item = get_object_or_404(selectors.public_item_list().prefetch_related("photos"), pk=pk)
    return render(request, "reuse/public_detail.html", {"item": item})
