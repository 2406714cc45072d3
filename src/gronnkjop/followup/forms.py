from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from gronnkjop.contracts.forms import DateInput
from gronnkjop.core.forms import Form

from .models import DeviationCode, DeviationStatus, GainKind
from .services.claims import gain_errors, settled_amount_error, step_date_error

UPLOAD_LIMIT = 50 * 1024 * 1024  # bytes, for all files of one upload together


def _all(choices) -> list:
    return [("", _("All")), *choices]


class TypedDateInput(DateInput):
    """The date picker, which after an error shows what the user typed: ``01.01.2030`` goes back as the
    picker's ``2030-01-01`` (a picker given ``01.01.2030`` would show an empty field)."""

    def format_value(self, value):
        if isinstance(value, str):
            for pattern in get_format("DATE_INPUT_FORMATS"):
                try:
                    return dt.datetime.strptime(value.strip(), pattern).date().isoformat()
                except ValueError:
                    continue
        return super().format_value(value)


class YearForm(Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class InvoiceFilterForm(Form):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Number, supplier or reference."))
    supplier = forms.ChoiceField(label=_("Supplier"), required=False)
    contract = forms.TypedChoiceField(label=_("Contract"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    matched = forms.ChoiceField(
        label=_("Matched to a contract"),
        required=False,
        choices=[("", _("All")), ("yes", _("Matched")), ("no", _("Not matched"))],
    )
    open_deviations = forms.BooleanField(label=_("Only with open deviations"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-date", _("Date, newest first")),
            ("date", _("Date, oldest first")),
            ("-amount", _("Amount, highest first")),
            ("amount", _("Amount, lowest first")),
            ("supplier", _("Supplier")),
            ("number", _("Invoice number")),
        ],
    )

    def __init__(self, *args, suppliers, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].choices = _all(suppliers)
        self.fields["contract"].choices = _all((c.pk, f"{c.number} {c.title}") for c in contracts)


class DeviationFilterForm(Form):
    code = forms.ChoiceField(label=_("Deviation"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    supplier = forms.ChoiceField(label=_("Supplier"), required=False)
    contract = forms.TypedChoiceField(label=_("Contract"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("Invoice date from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Invoice date to"), required=False, widget=DateInput())

    def __init__(self, *args, suppliers, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = _all(DeviationCode.choices)
        self.fields["status"].choices = _all(DeviationStatus.choices)
        self.fields["supplier"].choices = _all(suppliers)
        self.fields["contract"].choices = _all((c.pk, f"{c.number} {c.title}") for c in contracts)


class DeviationBulkForm(Form):
    DISMISS, CLAIM = "dismiss", "claim"

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(CLAIM, _("Create refund claim(s)")), (DISMISS, _("Dismiss with a reason"))],
    )
    reason = forms.CharField(
        label=_("Reason for dismissal"),
        required=False,
        max_length=1000,
        # required for one of the actions only: no «(optional)» after the label
        widget=forms.Textarea(attrs={"rows": 2, "data_required_when": "dismiss"}),
        help_text=_("Required when dismissing; kept in the deviations' history."),
    )
    deviations = forms.ModelMultipleChoiceField(label=_("Deviations"), queryset=None, required=False)
    all_matching = forms.BooleanField(label=_("All open deviations that match the filter"), required=False)
    filter = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deviations"].queryset = queryset

    def clean(self):
        data = super().clean()
        if data.get("action") == self.DISMISS and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for dismissing."))
        if not data.get("all_matching") and not data.get("deviations"):
            self.add_error("deviations", _("Choose at least one deviation."))
        return data


class DismissForm(Form):
    reason = forms.CharField(
        label=_("Reason for dismissal"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClaimTransitionForm(Form):
    on = forms.DateField(label=_("Date"), widget=TypedDateInput())
    # read by the project's DecimalInput (``750,50 kr`` and ``1 234,50`` work); above zero and not
    # above the amount claimed is checked in clean_amount, as by claim_transition
    amount = forms.DecimalField(
        label=_("Amount"),
        required=False,
        max_digits=16,
        decimal_places=2,
        help_text=_("Empty: the amount claimed."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, claim=None, step: str = "", with_amount: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim, self.step = claim, step
        if not with_amount:
            del self.fields["amount"]
        # the date picker offers no day after today (the view checks it all the same)
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_on(self):
        on = self.cleaned_data["on"]
        if self.claim is not None and on is not None:
            problem = step_date_error(self.claim, self.step, on)
            if problem:
                raise forms.ValidationError(problem, code="step_date")
        return on

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if self.claim is not None and amount is not None:
            problem = settled_amount_error(self.claim, amount)
            if problem:
                raise forms.ValidationError(problem, code="amount")
        return amount


class GainForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=GainKind.choices)
    # above zero and not above GAIN_CEILING (see there why), checked in clean_amount as by gain_record
    amount = forms.DecimalField(label=_("Amount (kr)"), max_digits=16, decimal_places=2)
    on = forms.DateField(
        label=_("Date"), widget=TypedDateInput(), help_text=_("The gain counts for this date's year.")
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=500,
        help_text=_(
            "What was gained and where it is documented, e.g. a price cut agreed in a follow-up meeting."
        ),
    )
    contract = forms.TypedChoiceField(label=_("Contract"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.contracts = {c.pk: c for c in contracts}
        self.fields["contract"].choices = [("", _("None"))] + [
            (c.pk, f"{c.number} {c.title}") for c in contracts
        ]
        # the date picker offers no day after today (clean_on checks it all the same)
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        problem = gain_errors(amount, None).get("amount")
        if problem:
            raise forms.ValidationError(problem, code="amount")
        return amount

    def clean_on(self):
        on = self.cleaned_data["on"]
        problem = gain_errors(None, on).get("on")
        if problem:
            raise forms.ValidationError(problem, code="future")
        return on


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field. An empty file is let through (``allow_empty_file``): the importer
    rejects that one document, named, with the reason «filen er tom», and imports the others; the
    field's own «Filen er tom.» would refuse the whole upload without saying which file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xml,.zip"}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        items = [item for item in data if item] if isinstance(data, list | tuple) else [data] if data else []
        if not items:
            return single(None, initial)  # raises "required"
        return [single(item, initial) for item in items]


class InvoiceUploadForm(Form):
    files = MultipleFileField(
        label=_("EHF files"),
        help_text=_(
            "One or more EHF invoices or credit notes (XML), or a ZIP archive of them; at most 50 MB."
        ),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        others = [f.name for f in files if not f.name.lower().endswith((".xml", ".zip"))]
        if others:
            raise forms.ValidationError(
                _("Only EHF files (.xml) and ZIP archives (.zip) can be imported here, not %(files)s.")
                % {"files": ", ".join(others)}
            )
        if sum(f.size for f in files) > UPLOAD_LIMIT:
            raise forms.ValidationError(_("The files are larger than 50 MB together. Upload them in parts."))
        return files


class LedgerUploadForm(Form):
    file = forms.FileField(
        label=_("Ledger file"),
        help_text=_(
            "A SAF-T Financial file (XML), or ledger lines as CSV or Excel (.xlsx) with the columns date, "
            "account, amount and optionally supplier_orgnr, supplier_name, description and unit."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,.csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_LIMIT:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        if not upload.name.lower().endswith((".xml", ".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload an .xml (SAF-T), .csv or .xlsx file."))
        return upload
