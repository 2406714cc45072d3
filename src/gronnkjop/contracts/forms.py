from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import FileExtensionValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gronnkjop.core.forms import NO_UNIT, Form, ModelForm, OrgnrField, set_minimum
from gronnkjop.core.models import Unit
from gronnkjop.core.roles import CAPABILITIES, Capability

from .models import Contract, ContractStatus
from .services import CONTRACT_FIELDS, end_date_error

#: Amounts and percentages of a contract that cannot be negative.
_NON_NEGATIVE = (
    "estimated_value",
    "ceiling",
    "price_tolerance_pct",
    "markup_new_pct",
    "markup_used_pct",
    "small_order_limit",
    "small_order_fee",
)
_CPV = re.compile(r"[0-9]{8}(-[0-9])?")


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ``åååå-mm-dd`` and ``dd.mm.åååå`` is accepted
    too (the Norwegian input formats)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def manager_choices(*, organisation, current: int | None = None):
    """The users who may manage the organisation's contracts: members holding a role with the
    ``edit`` capability (see :mod:`gronnkjop.core.roles`), and ``current``, the contract's manager
    now, even when their role has changed since."""
    roles = [role for role, capabilities in CAPABILITIES.items() if Capability.EDIT in capabilities]
    allowed = Q(memberships__organisation=organisation, memberships__role__in=roles)
    if current is not None:
        allowed |= Q(pk=current)
    return get_user_model().objects.filter(allowed).distinct().order_by("username")


class ContractForm(ModelForm):
    empty_choices = {"manager": _("Nobody chosen")}

    class Meta:
        model = Contract
        fields = list(CONTRACT_FIELDS)
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "price_adjustment_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["manager"].queryset = manager_choices(
            organisation=organisation, current=self.instance.manager_id
        )
        self.fields["manager"].label_from_instance = lambda user: user.get_full_name() or user.username

        for name in _NON_NEGATIVE:
            set_minimum(self.fields[name], 0)

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        clash = Contract.objects.filter(organisation=self.organisation, number=number).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError(_("Another contract already has this number."))
        return number

    def clean_cpv(self):
        cpv = (self.cleaned_data.get("cpv") or "").strip()
        if cpv and not _CPV.fullmatch(cpv):
            raise forms.ValidationError(
                _("A CPV code is eight digits, perhaps with a check digit: 30200000 or 30200000-1.")
            )
        return cpv

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        elif end and (error := end_date_error(self.instance, end)):
            self.add_error("end_date", error)
        return cleaned


class ContractFilterForm(Form):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Number, title or supplier."))
    status = forms.ChoiceField(label=_("Status"), required=False)
    supplier = forms.TypedChoiceField(label=_("Supplier"), required=False, coerce=int, empty_value=None)
    cpv = forms.CharField(label=_("CPV code"), required=False, max_length=10)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("number", _("Contract number")),
            ("title", _("Title")),
            ("end", _("End date, earliest first")),
            ("-end", _("End date, latest first")),
            ("-value", _("Estimated value, highest first")),
            ("start", _("Start date")),
        ],
    )

    def __init__(self, *args, suppliers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), *ContractStatus.choices]
        self.fields["supplier"].choices = [("", _("All")), *((s.pk, s.name) for s in suppliers)]


class OptionForm(Form):
    new_end_date = forms.DateField(label=_("New end date"), widget=DateInput())
    deadline = forms.DateField(
        label=_("Deadline to exercise"),
        required=False,
        widget=DateInput(),
        help_text=_("The last day to tell the supplier that the option is taken up."),
    )


class SupplierForm(Form):
    orgnr = OrgnrField(label=_("Organisation number"), max_length=11)
    name = forms.CharField(
        label=_("Name"), required=False, max_length=200, help_text=_("Needed only for a new supplier.")
    )
    rank = forms.IntegerField(
        label=_("Rank"), required=False, min_value=1, help_text=_("Empty: ranked after the others.")
    )


#: What a contract document may be: office documents, PDF, pictures, e-mails and archives of them.
DOCUMENT_EXTENSIONS = (
    *("pdf", "docx", "doc", "odt", "rtf", "txt", "xlsx", "xls", "ods", "csv", "pptx", "odp"),
    *("png", "jpg", "jpeg", "xml", "msg", "eml", "zip"),
)


_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # Office Open XML, OpenDocument and ZIP are ZIP archives
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # old Word and Excel files, Outlook messages
#: How each kind of document begins (its "magic number"); None: plain text.
DOCUMENT_SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF-",),
    **dict.fromkeys(("docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"), _ZIP),
    **dict.fromkeys(("doc", "xls", "msg"), _OLE),
    "rtf": (b"{\\rtf",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    **dict.fromkeys(("jpg", "jpeg"), (b"\xff\xd8\xff",)),
    **dict.fromkeys(("txt", "csv", "xml", "eml"), None),
}


def content_matches_extension(head: bytes, extension: str) -> bool:
    """Whether a file that begins with ``head`` is what its ``extension`` says: a program renamed
    to ``.pdf`` is not a PDF. Text files must hold no NUL byte (which no text has, and programs do)."""
    signatures = DOCUMENT_SIGNATURES.get(extension.lower(), ())
    if signatures is None:
        return b"\x00" not in head
    return any(head.startswith(signature) for signature in signatures)


class DocumentForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
        help_text=_("PDF, office documents, pictures, e-mails or a ZIP archive of them."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in DOCUMENT_EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1] if "." in upload.name else ""
        upload.seek(0)
        head = upload.read(4096)
        upload.seek(0)
        if not content_matches_extension(head, extension):
            raise forms.ValidationError(
                _("The file %(name)s is not a .%(ext)s file inside: its content does not match its name.")
                % {"name": upload.name, "ext": extension.lower()}
            )
        return upload


class CallOffForm(Form):
    empty_choices = {"unit": NO_UNIT}

    order_number = forms.CharField(label=_("Order number"), max_length=80)
    ordered_on = forms.DateField(label=_("Ordered on"), required=False, widget=DateInput())
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    description = forms.CharField(label=_("Description"), required=False, max_length=300)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation, active=True)

    def clean_ordered_on(self):
        ordered_on = self.cleaned_data["ordered_on"]
        if ordered_on and ordered_on > timezone.localdate():
            raise forms.ValidationError(_("An order cannot be dated in the future."))
        return ordered_on


class TableUploadForm(Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (semicolon or comma separated) or Excel (.xlsx), with a header row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
