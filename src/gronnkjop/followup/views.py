"""Follow-up pages: overview with KPIs, invoices, deviations (with bulk actions), refund claims and their
letters, gains, imports, control runs and the follow-up of one contract.

Every page needs the capability ``view``; every action ``edit``. Rows are fetched through the
selectors, so another organisation's row is a 404.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gronnkjop.core.permissions import organisation_required
from gronnkjop.core.roles import Capability
from gronnkjop.core.templatetags.gk import kr
from gronnkjop.formats.errors import FormatError, TableError

from . import selectors
from .forms import (
    ClaimTransitionForm,
    DeviationBulkForm,
    DeviationFilterForm,
    GainForm,
    InvoiceFilterForm,
    InvoiceUploadForm,
    LedgerUploadForm,
    YearForm,
)
from .letters import claim_letter, letter_docx, letter_pdf
from .models import ClaimStatus, DeviationCode, DeviationStatus, ImportKind
from .services import (
    CLAIMABLE,
    claim_create,
    claim_split,
    claim_transition,
    claim_withdraw,
    control_run,
    deviation_dismiss,
    deviation_reopen,
    gain_delete,
    gain_record,
    invoice_import,
    saft_import,
)
from .services.claims import TRANSITIONS
from .services.ledger_csv import ledger_csv_import
from .templatetags.followup import bar_chart, evidence_rows

EDIT = Capability.EDIT
PER_PAGE = 50
SHOWN = 50


def _page(request, rows):
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("side"))


def _query_string(query: QueryDict) -> str:
    """``query`` without the page number and empty values (for links that keep the filter)."""
    pairs = [(key, value) for key, values in query.lists() if key != "side" for value in values if value]
    return urlencode(pairs)


def _query_without_page(request) -> str:
    return _query_string(request.GET)


def _safe_next(request, default: str) -> str:
    """A local ``next`` path from the form, or ``default``."""
    target = request.POST.get("next", "")
    return target if target.startswith("/oppfolging/") and "//" not in target else default


# --- Overview -------------------------------------------------------------------------------------


def _chosen_year(request, years: list[int]) -> int:
    form = YearForm(request.GET or None, years=years)
    if form.is_valid() and form.cleaned_data.get("year"):
        return form.cleaned_data["year"]
    return years[0] if years else timezone.localdate().year


@organisation_required()
def overview(request):
    organisation = request.organisation
    years = selectors.invoice_years(organisation=organisation)
    year = _chosen_year(request, years)
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    figures = selectors.kpis(organisation=organisation, year=year)
    month_labels = [_month_label(m) for m, _v in figures.by_month]
    context = {
        "year": year,
        "year_form": YearForm(initial={"year": year}, years=years),
        "k": figures,
        "month_rows": list(
            zip(
                month_labels,
                [m for m, _v in figures.by_month],
                [v for _m, v in figures.by_month],
                strict=True,
            )
        ),
        "month_chart": bar_chart(
            chart_id="chart-month",
            title=_("Spend per month %(year)s") % {"year": year},
            description=_(
                "Bar chart of spend excluding VAT per month; the same figures are in the table below."
            ),
            labels=month_labels,
            values=[v for _m, v in figures.by_month],
        ),
        "code_chart": bar_chart(
            chart_id="chart-codes",
            title=_("Amount at stake by deviation %(year)s") % {"year": year},
            description=_(
                "Bar chart of kroner at stake per kind of deviation; the same figures are in the table below."
            ),
            labels=[f.label for f in figures.by_code],
            values=[f.amount for f in figures.by_code],
            horizontal=True,
        )
        if any(f.amount for f in figures.by_code)
        else None,
        "last_run": selectors.control_run_list(organisation=organisation).first(),
        "claims_open": selectors.claim_list(organisation=organisation)
        .filter(status__in=[ClaimStatus.DRAFT, ClaimStatus.SENT, ClaimStatus.ACCEPTED])
        .count(),
    }
    return render(request, "followup/overview.html", context)


def _month_label(month) -> str:
    return str(MONTHS_3[month.month]).capitalize()


# --- Invoices -------------------------------------------------------------------------------------


@organisation_required()
def invoice_list(request):
    organisation = request.organisation
    contracts = list(selectors.followup_contract_list(organisation=organisation))
    form = InvoiceFilterForm(
        request.GET or None,
        suppliers=selectors.invoice_supplier_choices(organisation=organisation),
        contracts=contracts,
    )
    filters = form.cleaned_data if form.is_valid() else {}
    invoices = selectors.invoice_list(
        organisation=organisation,
        supplier=filters.get("supplier") or "",
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        contract_id=filters.get("contract"),
        matched=filters.get("matched") or "",
        open_deviations=bool(filters.get("open_deviations")),
        text=filters.get("q") or "",
        sort=filters.get("sort") or "-date",
    )
    page = _page(request, invoices)
    context = {
        "form": form,
        "page": page,
        "page_query": _query_without_page(request),
        # an empty page says whether the filter left nothing or there is nothing at all
        "any_invoices": bool(page.object_list) or selectors.invoice_list(organisation=organisation).exists(),
    }
    return render(request, "followup/invoice_list.html", context)


@organisation_required()
def invoice_detail(request, pk: int):
    organisation = request.organisation
    invoice = get_object_or_404(selectors.invoice_detail_list(organisation=organisation), pk=pk)
    context = {
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "invoice_deviations": [d for d in invoice.deviations.all() if d.line_id is None],
        "units": selectors.unit_names(organisation=organisation),
    }
    return render(request, "followup/invoice_detail.html", context)


@organisation_required()
def invoice_xml(request, pk: int):
    invoice = get_object_or_404(selectors.invoice_list(organisation=request.organisation), pk=pk)
    if not invoice.xml:
        raise Http404
    name = invoice.file_name or f"{invoice.number}.xml"
    return FileResponse(
        invoice.xml.open("rb"), as_attachment=True, filename=name, content_type="application/xml"
    )


# --- Deviations -----------------------------------------------------------------------------------


def _filtered_deviations(organisation, data):
    """The deviation filter form for ``data`` (a query dict) and the deviations it selects."""
    form = DeviationFilterForm(
        data or None,
        suppliers=selectors.invoice_supplier_choices(organisation=organisation),
        contracts=list(selectors.followup_contract_list(organisation=organisation)),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    deviations = selectors.deviation_list(
        organisation=organisation,
        code=filters.get("code") or "",
        status=filters.get("status") or "",
        supplier=filters.get("supplier") or "",
        contract_id=filters.get("contract"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return form, deviations


def _deviation_list_page(request, query: QueryDict, *, bulk: DeviationBulkForm | None = None, here: str = ""):
    """The deviation list for the filter in ``query``; ``bulk`` is the bulk form shown again after an
    error, with the chosen deviations, action and reason kept."""
    organisation = request.organisation
    form, deviations = _filtered_deviations(organisation, query)
    page = Paginator(deviations, PER_PAGE).get_page(query.get("side"))
    page_query = _query_string(query)
    if bulk is None:
        bulk = DeviationBulkForm(queryset=deviations, initial={"filter": page_query})
        chosen: set[str] = set()
    else:
        chosen = {str(value) for value in bulk.data.getlist("deviations")}
    context = {
        "form": form,
        "page": page,
        "page_query": page_query,
        "list_url": reverse("followup:deviation_list"),
        "count": page.paginator.count,
        "filtered": bool(page_query),
        "any_deviations": page.paginator.count > 0
        or selectors.deviation_list(organisation=organisation).exists(),
        "at_stake": selectors.at_stake(deviations),
        "bulk": bulk,
        "chosen": chosen,
        "all_matching_chosen": bool(bulk.is_bound and bulk["all_matching"].value()),
        "open_count": deviations.filter(status=DeviationStatus.OPEN).count(),
        "claimable": CLAIMABLE,
        "here": here or request.get_full_path(),
    }
    return render(request, "followup/deviation_list.html", context)


@organisation_required()
def deviation_list(request):
    return _deviation_list_page(request, request.GET)


@organisation_required()
def deviation_detail(request, pk: int):
    organisation = request.organisation
    deviation = get_object_or_404(
        selectors.deviation_list(organisation=organisation).select_related(
            "invoice__contract", "first_seen", "last_seen", "claim"
        ),
        pk=pk,
    )
    history = list(deviation.history.select_related("history_user").order_by("-history_date", "-history_id"))
    context = {
        "deviation": deviation,
        "evidence": evidence_rows(deviation),
        "contract": deviation.contract,
        "history": history,
        "claimable": deviation.code in CLAIMABLE and deviation.status == DeviationStatus.OPEN,
        "here": request.get_full_path(),
    }
    return render(request, "followup/deviation_detail.html", context)


@require_POST
@organisation_required(EDIT)
def deviation_bulk(request):
    """Dismiss the chosen deviations with a reason, or gather them into refund claims."""
    organisation = request.organisation
    back = _safe_next(request, reverse("followup:deviation_list"))
    form = DeviationBulkForm(request.POST, queryset=selectors.deviation_list(organisation=organisation))
    if not form.is_valid():
        return _bulk_again(request, form, back)
    if form.cleaned_data["all_matching"]:
        _filter, matching = _filtered_deviations(organisation, QueryDict(form.cleaned_data["filter"]))
        deviations = list(matching.filter(status=DeviationStatus.OPEN))
    else:
        deviations = list(form.cleaned_data["deviations"])
    left_out = _left_out_message(deviations)  # before a claim changes their status
    try:
        if form.cleaned_data["action"] == DeviationBulkForm.DISMISS:
            changed = deviation_dismiss(
                organisation=organisation,
                deviations=deviations,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
            messages.success(request, _("%(count)s deviation(s) dismissed.") % {"count": changed})
            return redirect(back)
        claims = claim_create(organisation=organisation, deviations=deviations, by=request.user)
    except ValidationError as exc:
        form.add_error(None, exc)
        if left_out and form.cleaned_data["action"] == DeviationBulkForm.CLAIM:
            form.add_error(None, left_out)
        return _bulk_again(request, form, back)
    messages.success(
        request,
        _("Refund claim(s) created: %(numbers)s.") % {"numbers": ", ".join(c.number for c in claims)},
    )
    if left_out:
        messages.warning(request, left_out)
    if len(claims) == 1:
        return redirect("followup:claim_detail", pk=claims[0].pk)
    return redirect("followup:claim_list")


def _bulk_again(request, form: DeviationBulkForm, back: str):
    """The deviation list the form came from, again, with the form's errors and choices kept. From
    another page (a deviation's own page) the errors become messages there."""
    parts = urlsplit(back)
    if parts.path == reverse("followup:deviation_list"):
        return _deviation_list_page(request, QueryDict(parts.query), bulk=form, here=back)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(back)


#: How many invoice numbers a "left out" message names per reason before it says "…"
NAMED = 5


def _invoices(deviations: list) -> str:
    """«invoice 101» or «invoices 101, 102, …» (the first :data:`NAMED`)."""
    numbers = list(dict.fromkeys(d.invoice.number for d in deviations))
    named = ", ".join(numbers[:NAMED]) + (" …" if len(numbers) > NAMED else "")
    return ngettext("invoice %(numbers)s", "invoices %(numbers)s", len(numbers)) % {"numbers": named}


def _left_out_message(deviations: list) -> str:
    """Why some of the chosen deviations are not in a claim: not open any more, or of a kind that is
    followed up without a claim (per kind, with their invoices). Empty when none was left out."""
    _usable, not_open, not_claimable = claim_split(deviations)
    reasons = []
    by_code: dict[str, list] = {}
    for deviation in not_claimable:
        by_code.setdefault(deviation.code, []).append(deviation)
    for code, items in sorted(by_code.items(), key=lambda kv: str(DeviationCode(kv[0]).label)):
        reasons.append(
            ngettext(
                "%(count)s of the kind “%(kind)s” (%(invoices)s), which is followed up without a refund claim",
                "%(count)s of the kind “%(kind)s” (%(invoices)s), which are followed up without a refund claim",
                len(items),
            )
            % {"count": len(items), "kind": DeviationCode(code).label, "invoices": _invoices(items)}
        )
    if not_open:
        reasons.append(
            ngettext(
                "%(count)s that is no longer open (%(invoices)s)",
                "%(count)s that are no longer open (%(invoices)s)",
                len(not_open),
            )
            % {"count": len(not_open), "invoices": _invoices(not_open)}
        )
    if not reasons:
        return ""
    left = len(not_open) + len(not_claimable)
    return ngettext(
        "%(count)s deviation could not be included: %(reasons)s.",
        "%(count)s deviations could not be included: %(reasons)s.",
        left,
    ) % {"count": left, "reasons": "; ".join(reasons)}


@require_POST
@organisation_required(EDIT)
def deviation_reopen_view(request, pk: int):
    deviation = get_object_or_404(selectors.deviation_list(organisation=request.organisation), pk=pk)
    try:
        deviation_reopen(organisation=request.organisation, deviation=deviation, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The deviation is open again."))
    return redirect("followup:deviation_detail", pk=deviation.pk)


# --- Claims ---------------------------------------------------------------------------------------


@organisation_required()
def claim_list(request):
    status = request.GET.get("status", "")
    if status not in ClaimStatus.values:
        status = ""
    claims = selectors.claim_list(organisation=request.organisation, status=status)
    context = {
        "page": _page(request, claims),
        "status": status,
        "status_label": ClaimStatus(status).label if status else "",
        "statuses": ClaimStatus.choices,
        "page_query": _query_without_page(request),
    }
    return render(request, "followup/claim_list.html", context)


STEP_ORDER = [
    ClaimStatus.SENT,
    ClaimStatus.ACCEPTED,
    ClaimStatus.REJECTED,
    ClaimStatus.REFUNDED,
    ClaimStatus.CREDITED,
]


WITH_AMOUNT = {ClaimStatus.REFUNDED, ClaimStatus.CREDITED}


def _transition_forms(claim, bound: ClaimTransitionForm | None = None):
    """(step, label, form) for each possible next step; ``bound`` replaces its step's blank form."""
    allowed = TRANSITIONS[ClaimStatus(claim.status)]
    today = timezone.localdate()
    return [
        (
            step,
            ClaimStatus(step).label,
            bound
            if bound is not None and bound.step == step
            else ClaimTransitionForm(
                initial={"on": today}, claim=claim, step=step, with_amount=step in WITH_AMOUNT, prefix=step
            ),
        )
        for step in STEP_ORDER
        if step in allowed
    ]


def _claim(request, pk: int):
    return get_object_or_404(selectors.claim_detail_list(organisation=request.organisation), pk=pk)


def _claim_page(request, claim, bound: ClaimTransitionForm | None = None):
    context = {
        "claim": claim,
        "deviations": claim.deviations.all(),
        "transitions": _transition_forms(claim, bound) if request.access.can(EDIT) else [],
        "history": list(
            claim.history.select_related("history_user").order_by("-history_date", "-history_id")
        ),
        "gains": claim.gains.all(),
    }
    return render(request, "followup/claim_detail.html", context)


@organisation_required()
def claim_detail(request, pk: int):
    return _claim_page(request, _claim(request, pk))


@require_POST
@organisation_required(EDIT)
def claim_withdraw_view(request, pk: int):
    claim = _claim(request, pk)
    try:
        released = claim_withdraw(organisation=request.organisation, claim=claim, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("followup:claim_detail", pk=claim.pk)
    messages.success(
        request,
        ngettext(
            "The draft %(number)s is withdrawn; its %(count)s deviation is open again.",
            "The draft %(number)s is withdrawn; its %(count)s deviations are open again.",
            len(released),
        )
        % {"number": claim.number, "count": len(released)},
    )
    return redirect("followup:deviation_list")


@require_POST
@organisation_required(EDIT)
def claim_transition_view(request, pk: int):
    claim = _claim(request, pk)
    step = request.POST.get("step", "")
    if step not in TRANSITIONS[ClaimStatus(claim.status)]:
        messages.error(request, _("That step is not possible for this claim now."))
        return redirect("followup:claim_detail", pk=claim.pk)
    form = ClaimTransitionForm(
        request.POST, claim=claim, step=step, with_amount=step in WITH_AMOUNT, prefix=step
    )
    if form.is_valid():
        try:
            claim_transition(
                organisation=request.organisation,
                claim=claim,
                to=step,
                by=request.user,
                on=form.cleaned_data["on"],
                amount=form.cleaned_data.get("amount"),
                note=form.cleaned_data.get("note") or "",
            )
        except ValidationError as exc:
            form.add_error(None, exc)  # a wrong date goes to its field
        else:
            messages.success(
                request,
                _("The claim %(number)s is now “%(status)s”.")
                % {"number": claim.number, "status": ClaimStatus(step).label},
            )
            return redirect("followup:claim_detail", pk=claim.pk)
    # shown again with what the user typed and the errors at their fields
    return _claim_page(request, claim, bound=form)


@organisation_required()
def claim_letter_view(request, pk: int):
    claim = _claim(request, pk)
    letter = claim_letter(claim=claim, by=request.user)
    return render(request, "followup/claim_letter.html", {"claim": claim, "letter": letter})


@organisation_required()
def claim_letter_pdf(request, pk: int):
    letter = claim_letter(claim=_claim(request, pk), by=request.user)
    response = HttpResponse(letter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.file_stem}.pdf"'
    return response


@organisation_required()
def claim_letter_docx(request, pk: int):
    letter = claim_letter(claim=_claim(request, pk), by=request.user)
    response = HttpResponse(
        letter_docx(letter),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{letter.file_stem}.docx"'
    return response


# --- Gains ----------------------------------------------------------------------------------------


@organisation_required()
def gain_list(request):
    organisation = request.organisation
    contracts = list(selectors.followup_contract_list(organisation=organisation))
    form = GainForm(request.POST or None, contracts=contracts, initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not request.access.can(EDIT):
            raise PermissionDenied
        if form.is_valid():
            contract = (
                form.contracts.get(form.cleaned_data["contract"]) if form.cleaned_data["contract"] else None
            )
            supplier = None
            if contract is not None:
                first = contract.contract_suppliers.all()[:1]
                supplier = first[0].supplier if first else None
            try:
                gain_record(
                    organisation=organisation,
                    kind=form.cleaned_data["kind"],
                    amount=form.cleaned_data["amount"],
                    on=form.cleaned_data["on"],
                    description=form.cleaned_data["description"],
                    contract=contract,
                    supplier=supplier,
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The gain is recorded."))
                return redirect("followup:gain_list")
    years = [y for y, _row in selectors.gain_summary(organisation=organisation).by_year]
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    context = {
        "form": form,
        "summary": selectors.gain_summary(organisation=organisation, year=year),
        "year": year,
        "years": years,
        "page": _page(request, selectors.gain_list(organisation=organisation, year=year)),
        "page_query": _query_without_page(request),
    }
    return render(request, "followup/gain_list.html", context)


def _gain(request, pk: int):
    return get_object_or_404(selectors.gain_list(organisation=request.organisation), pk=pk)


@organisation_required()
def gain_detail(request, pk: int):
    gain = _gain(request, pk)
    history = list(gain.history.select_related("history_user").order_by("-history_date", "-history_id"))
    return render(request, "followup/gain_detail.html", {"gain": gain, "history": history})


@require_http_methods(["GET", "POST"])
@organisation_required(EDIT)
def gain_delete_view(request, pk: int):
    """GET: ask to confirm; POST: delete a gain recorded by hand (its history keeps who deleted it).
    A gain from a refund claim is corrected through the claim and is not deleted here."""
    gain = _gain(request, pk)
    if gain.claim_id is not None:
        messages.error(
            request,
            _("A gain from a refund claim cannot be deleted; it is corrected through the claim."),
        )
        return redirect("followup:gain_detail", pk=gain.pk)
    if request.method == "POST":
        try:
            gain_delete(organisation=request.organisation, gain=gain, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("followup:gain_detail", pk=gain.pk)
        messages.success(
            request,
            _("The gain “%(description)s” (%(amount)s) is deleted.")
            % {"description": gain.description_display, "amount": kr(gain.amount)},
        )
        return redirect("followup:gain_list")
    return render(request, "followup/gain_delete.html", {"gain": gain})


# --- Imports, control runs, ledger ----------------------------------------------------------------


@organisation_required()
def import_page(request):
    organisation = request.organisation
    invoice_form = InvoiceUploadForm(prefix="ehf")
    ledger_form = LedgerUploadForm(prefix="ledger")
    errors: list[str] = []
    if request.method == "POST":
        if not request.access.can(EDIT):
            raise PermissionDenied
        if "ehf-files" in request.FILES or request.POST.get("what") == "ehf":
            invoice_form = InvoiceUploadForm(request.POST, request.FILES, prefix="ehf")
            if invoice_form.is_valid():
                batch = _import_invoices(request, invoice_form.cleaned_data["files"])
                return redirect("followup:import_detail", pk=batch.pk)
        else:
            ledger_form = LedgerUploadForm(request.POST, request.FILES, prefix="ledger")
            if ledger_form.is_valid():
                try:
                    batch = _import_ledger(request, ledger_form.cleaned_data["file"])
                except TableError as exc:
                    errors = [e.text(get_language()) for e in exc.errors]
                except FormatError as exc:
                    errors = [exc.text(get_language(), file=Path(ledger_form.cleaned_data["file"].name).name)]
                else:
                    return redirect("followup:import_detail", pk=batch.pk)
    context = {
        "invoice_form": invoice_form,
        "ledger_form": ledger_form,
        "errors": errors,
        "batches": selectors.import_batch_list(organisation=organisation)[:20],
        "runs": selectors.control_run_list(organisation=organisation)[:10],
    }
    return render(request, "followup/import.html", context)


def _safe_name(name: str, index: int) -> str:
    base = Path(name).name.replace("\x00", "") or f"fil-{index}"
    return f"{index:04d}-{base}"[:200]


def _import_invoices(request, files):
    with tempfile.TemporaryDirectory(prefix="gk-ehf-") as folder:
        paths, names = [], {}
        for index, upload in enumerate(files):
            path = Path(folder) / _safe_name(upload.name, index)
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            paths.append(path)
            names[str(path)] = Path(upload.name).name
        result = invoice_import(organisation=request.organisation, paths=paths, by=request.user, names=names)
    batch = result.batch
    batch.source = ", ".join(Path(f.name).name for f in files)[:500]
    batch.save(update_fields=["source"])
    messages.success(
        request,
        _("Imported %(imported)s, skipped %(skipped)s already imported, rejected %(rejected)s.")
        % {
            "imported": len(result.imported),
            "skipped": len(result.skipped),
            "rejected": len(result.rejected),
        },
    )
    return batch


def _import_ledger(request, upload):
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="gk-ledger-") as folder:
        path = Path(folder) / f"ledger{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        if suffix == ".xml":
            result = saft_import(organisation=request.organisation, path=path, by=request.user)
        else:
            result = ledger_csv_import(
                organisation=request.organisation, path=path, by=request.user, name=Path(upload.name).name
            )
    if suffix == ".xml":
        result.batch.source = Path(upload.name).name[:500]
        result.batch.save(update_fields=["source"])
    messages.success(
        request,
        _("Ledger lines imported: %(imported)s, already there: %(skipped)s.")
        % {"imported": result.imported, "skipped": result.skipped},
    )
    return result.batch


@organisation_required()
def import_detail(request, pk: int):
    batch = get_object_or_404(selectors.import_batch_list(organisation=request.organisation), pk=pk)
    context = {
        "batch": batch,
        "rejected": batch.summary.get("rejected", []),
        "skipped": batch.summary.get("skipped", []),
        "invoices": batch.invoices.order_by("-issue_date", "-id")[:SHOWN],
        "ledger_lines": batch.ledger_lines.order_by("date", "id")[:SHOWN]
        if batch.kind in {ImportKind.SAFT, ImportKind.LEDGER_CSV}
        else [],
        "shown": SHOWN,
    }
    return render(request, "followup/import_detail.html", context)


@require_POST
@organisation_required(EDIT)
def control_run_view(request):
    outcome = control_run(organisation=request.organisation, by=request.user, trigger="manual")
    run = outcome.run
    messages.success(
        request,
        _("Control finished: %(lines)s invoice lines checked, %(found)s deviations (%(new)s new).")
        % {"lines": run.lines_checked, "found": run.deviations_found, "new": run.new_deviations},
    )
    return redirect("followup:control_run_detail", pk=run.pk)


@organisation_required()
def control_run_detail(request, pk: int):
    run = get_object_or_404(selectors.control_run_list(organisation=request.organisation), pk=pk)
    new = selectors.deviation_list(organisation=request.organisation).filter(first_seen=run)
    context = {"run": run, "new": new[:SHOWN], "new_count": new.count(), "shown": SHOWN}
    return render(request, "followup/control_run_detail.html", context)


@organisation_required()
def ledger_list(request):
    text = request.GET.get("q", "").strip()
    lines = selectors.ledger_line_list(organisation=request.organisation, text=text)
    context = {"page": _page(request, lines), "q": text, "page_query": _query_without_page(request)}
    return render(request, "followup/ledger_list.html", context)


# --- One contract ---------------------------------------------------------------------------------


@organisation_required()
def contract_followup(request, pk: int):
    organisation = request.organisation
    contract = get_object_or_404(selectors.followup_contract_list(organisation=organisation), pk=pk)
    result = selectors.contract_followup(organisation=organisation, contract=contract)
    month_labels = [f"{_month_label(m)} {m.year}" for m, _v in result.by_month]
    context = {
        "contract": contract,
        "f": result,
        "month_rows": list(zip(month_labels, [v for _m, v in result.by_month], strict=True)),
        "month_chart": bar_chart(
            chart_id="chart-contract-month",
            title=_("Spend per month under %(number)s") % {"number": contract.number},
            description=_(
                "Bar chart of line amounts excluding VAT matched to the contract, per month; the same figures are in the table below."
            ),
            labels=month_labels,
            values=[v for _m, v in result.by_month],
        )
        if result.by_month
        else None,
        "invoices": result.invoices[:SHOWN],
        "deviations": result.deviations[:SHOWN],
        "deviation_count": result.deviations.count(),
        "shown": SHOWN,
        "codes": DeviationCode,
    }
    return render(request, "followup/contract_followup.html", context)
