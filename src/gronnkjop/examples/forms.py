from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gronnkjop.core.forms import Form, ModelForm, set_maximum, set_minimum

from .models import Example, KeyResult, ResultKind, Source, SuccessFactor, TipStatus
from .selectors import FACETS
from .services import CONTENT_FIELDS, SECTIONS, missing_sections, quoted

BODY_TEMPLATE = "\n\n".join(f"## {section}\n\n" for section in SECTIONS).rstrip() + "\n"


#: The first year an example may be from (the first Norwegian procurement act is from 1992).
FIRST_YEAR = 1990


class ExampleForm(ModelForm):
    organisations = forms.CharField(
        label=_("Buying organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    success_factors = forms.MultipleChoiceField(
        label=_("Success factors"),
        choices=SuccessFactor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Example
        fields = list(CONTENT_FIELDS)
        localized_fields = ["contract_value"]
        widgets = {"lead": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            "year" in self.fields
        ):  # the year of the procurement: not before public procurement law, not far ahead
            set_minimum(self.fields["year"], FIRST_YEAR)
            set_maximum(self.fields["year"], timezone.localdate().year + 1)
        if self.instance.pk:
            self.initial["organisations"] = "\n".join(self.instance.organisations)
        else:
            self.initial.setdefault("body", BODY_TEMPLATE)

    def clean_organisations(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["organisations"].splitlines() if line.strip()]

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        missing = missing_sections(body)
        if missing:
            raise forms.ValidationError(
                _("Add the sections %(sections)s (as “## heading”).") % {"sections": quoted(missing)}
            )
        return body


class KeyResultForm(ModelForm):
    class Meta:
        model = KeyResult
        fields = ["kind", "value", "text"]
        localized_fields = ["value"]  # 12,5 as Norwegians write it
        help_texts = {"value": _("Empty for free text.")}

    def clean(self):
        data = super().clean()
        if (
            data.get("kind")
            and data["kind"] != ResultKind.TEXT
            and data.get("value") is None
            and "value" not in self.errors
        ):
            self.add_error("value", _("Give the figure."))
        return data


class SourceForm(ModelForm):
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Source
        fields = ["title", "url"]


KeyResultFormSet = forms.inlineformset_factory(
    Example, KeyResult, form=KeyResultForm, extra=2, can_delete=True, max_num=20
)
SourceFormSet = forms.inlineformset_factory(
    Example, Source, form=SourceForm, extra=2, can_delete=True, max_num=20
)


def formset_rows(formset) -> list[dict]:
    """The filled-in, not deleted rows of a valid formset, in order."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        rows.append({k: v for k, v in data.items() if k not in {"DELETE", "id", "example"}})
    return rows


class UnpublishForm(Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the editors only, e.g. “The contract was cancelled”."),
    )


class TipForm(Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail"), help_text=_("Only the editors see it, to ask you more."))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Your tip"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Which procurement, who bought it, and what makes it a good example."),
    )
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    # Spam protection: a signed time stamp; the template adds a trap field people never see ("website").
    token = forms.CharField(widget=forms.HiddenInput)


class TipStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=TipStatus.choices)
    example = forms.ModelChoiceField(
        label=_("Example"),
        queryset=Example.objects.order_by("title"),
        required=False,
        help_text=_("The example the tip became."),
    )
    note = forms.CharField(
        label=_("Note from the editors"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(Form):
    file = forms.FileField(label=_("Example bank file (JSON)"))


def search_params(params) -> dict:
    """The search, filters and sort order from a query string (shared by the page and the API)."""
    return {
        "query": params.get("q", "").strip()[:200],
        "filters": {spec.param: params.getlist(spec.param) for spec in FACETS},
        "sort": params.get("sortering", "relevans"),
    }
