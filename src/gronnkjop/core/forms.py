from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gronnkjop.formats.tables import parse_decimal

from .models import Unit
from .roles import Role
from .validators import clean_orgnr

#: What Django shows for "nothing chosen" in a select, and what we show instead
DJANGO_EMPTY_LABEL = "---------"
#: The empty choice of a select the user must fill in, and of one they may leave empty
EMPTY_REQUIRED = pgettext_lazy("empty choice", "Choose …")
EMPTY_OPTIONAL = pgettext_lazy("empty choice", "Not stated")
#: The empty choice of a select of units: costs and items then belong to the organisation
NO_UNIT = pgettext_lazy("empty choice", "No particular unit")


class DecimalInput(forms.TextInput):
    """A text field for an amount or other decimal number, read as Norwegians type it:
    ``1 234,50``, ``1234,50``, ``1234.50``, ``−5``, ``750,50 kr``, ``kr 750`` and ``750,-`` all work
    (spaces between thousands, a decimal comma or point, the currency written out). Browsers' number fields read a comma by the browser's locale, not the page's,
    and may silently drop it (``1234,50`` became 123 450 in Chromium); a text field with
    ``inputmode="decimal"`` still brings up the number keyboard on a phone."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if not isinstance(value, str) or not value.strip():
            return value
        text = _CURRENCY.sub("", value.strip().replace("\u2212", "-"))
        try:
            return str(parse_decimal(text))
        except ValueError:
            return value  # the field says it is not a number, and the user's text is shown again

    def format_value(self, value):
        if value is None or value == "":
            return None
        text = str(value)
        if isinstance(value, Decimal | float | int) or _PLAIN_DECIMAL.match(text):
            return text.replace(".", str(get_format("DECIMAL_SEPARATOR")))
        return text


_PLAIN_DECIMAL = re.compile(r"^-?\d+\.\d+$")
#: «kr», «NOK» before or after an amount and the «,-» of whole kroner (``750,-``), as people type them
_CURRENCY = re.compile(r"^\s*(?:kr\.?|nok)\s*|\s*(?:kr\.?|nok)\s*$|[.,]-$", re.IGNORECASE)


class EmptyChoicesMixin:
    """The conventions every form of the project shares, so that no form has to remember them:

    * the empty choice of every select is named in words instead of Django's ``---------``: a
      required select says «Velg …», an optional one «Ikke oppgitt»; a form names a field's empty
      choice itself in ``empty_choices`` (``{"unit": NO_UNIT}``);
    * decimal fields take numbers as Norwegians type them (:class:`DecimalInput`).

    Every form of the project derives from :class:`Form` or :class:`ModelForm`, which carry this
    mixin (a test holds them to it).
    """

    empty_choices: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.DecimalField) and type(field.widget) in (
                forms.NumberInput,
                forms.TextInput,
            ):
                attrs = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max")}
                field.widget = DecimalInput(attrs)
            label = self.empty_choices.get(name) or (EMPTY_REQUIRED if field.required else EMPTY_OPTIONAL)
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DJANGO_EMPTY_LABEL:
                    field.empty_label = label
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
                choices = list(field.choices)
                if choices and choices[0][0] in ("", None) and choices[0][1] == DJANGO_EMPTY_LABEL:
                    field.choices = [("", label), *choices[1:]]


def set_minimum(field: forms.Field, minimum: int) -> None:
    """Refuse values below ``minimum`` in a field that exists already (setting ``min_value`` after
    a field is made adds no check by itself), and tell the browser too."""
    field.min_value = minimum
    field.validators.append(MinValueValidator(minimum))
    if isinstance(field.widget, forms.NumberInput):
        field.widget.attrs["min"] = str(minimum)


def set_maximum(field: forms.Field, maximum: int) -> None:
    """Refuse values above ``maximum`` in a field that exists already (see :func:`set_minimum`)."""
    field.max_value = maximum
    field.validators.append(MaxValueValidator(maximum))
    if isinstance(field.widget, forms.NumberInput):
        field.widget.attrs["max"] = str(maximum)


class Form(EmptyChoicesMixin, forms.Form):
    """The base of the project's plain forms."""


class ModelForm(EmptyChoicesMixin, forms.ModelForm):
    """The base of the project's model forms."""


class UnitForm(ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "code", "address", "active"]


class MembershipForm(Form):
    empty_choices = {"unit": NO_UNIT}

    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, help_text=_("A new user gets a link to choose a password.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation, active=True)


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Import from the ERP system”."),
    )


class OrgnrField(forms.CharField):
    """A form field for a Norwegian organisation number, cleaned to 9 digits."""

    def clean(self, value):
        value = super().clean(value)
        return clean_orgnr(value) if value else value
