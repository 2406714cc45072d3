"""Every select names its empty choice in words, never Django's ``---------``."""

from __future__ import annotations

import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

import gronnkjop
from gronnkjop.core.forms import (
    DJANGO_EMPTY_LABEL,
    NO_UNIT,
    DecimalInput,
    EmptyChoicesMixin,
    Form,
    set_minimum,
)
from gronnkjop.core.models import Unit


class _Choices(Form):
    empty_choices = {"unit": NO_UNIT}

    colour = forms.ChoiceField(choices=[("", DJANGO_EMPTY_LABEL), ("r", "Rød")])
    shade = forms.ChoiceField(choices=[("", DJANGO_EMPTY_LABEL), ("l", "Lys")], required=False)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)
    owner = forms.ModelChoiceField(queryset=Unit.objects.none())
    tags = forms.MultipleChoiceField(choices=[("a", "A")], required=False)


def _empty_choice(form: Form, name: str) -> str:
    return str(next(iter(form.fields[name].choices))[1])


def test_required_and_optional_selects_and_named_empty_choices_in_bokmal():
    with translation.override("nb"):
        form = _Choices()
        assert _empty_choice(form, "colour") == "Velg …"
        assert _empty_choice(form, "shade") == "Ikke oppgitt"
        assert _empty_choice(form, "unit") == "Ingen bestemt enhet"
        assert _empty_choice(form, "owner") == "Velg …"
        assert list(form.fields["tags"].choices) == [("a", "A")]
        assert DJANGO_EMPTY_LABEL not in form.as_div()


def test_the_empty_choices_speak_english_too():
    with translation.override("en"):
        form = _Choices()
        assert (_empty_choice(form, "colour"), _empty_choice(form, "shade")) == ("Choose …", "Not stated")


def test_an_empty_choice_the_form_set_itself_is_kept():
    class Own(Form):
        colour = forms.ChoiceField(choices=[("", "Alle farger"), ("r", "Rød")])

    assert _empty_choice(Own(), "colour") == "Alle farger"


def _project_forms() -> list[type]:
    for module in pkgutil.walk_packages(gronnkjop.__path__, "gronnkjop."):
        if module.name.endswith(".forms") or ".forms." in module.name:
            importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("gronnkjop.") and sub.__module__.endswith(".forms"):
                found.append(sub)
    return found


def test_every_form_of_the_project_names_its_empty_choices():
    classes = _project_forms()
    names = {cls.__name__ for cls in classes}
    assert {"ContractForm", "ItemForm", "ExampleForm", "MembershipForm", "DeviationFilterForm"} <= names
    assert [cls.__name__ for cls in classes if not issubclass(cls, EmptyChoicesMixin)] == []


def test_the_reuse_item_form_has_no_dashes(users_a, unit_a, login):
    client = login(users_a["innkjoper"])
    body = client.get(reverse("reuse:item_create")).content.decode()
    assert DJANGO_EMPTY_LABEL not in body
    assert ">Ingen bestemt enhet</option>" in body
    assert ">Ikke oppgitt</option>" in body  # the store
    assert '<option value="" selected>Velg …</option>' in body  # the category, required


class _Amount(Form):
    amount = forms.DecimalField(max_digits=12, decimal_places=2)
    share = forms.DecimalField(max_digits=5, decimal_places=1, required=False, localize=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_minimum(self.fields["amount"], 0)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1234,50", Decimal("1234.50")),
        ("1 234,50", Decimal("1234.50")),
        ("1\xa0234,50", Decimal("1234.50")),
        ("1234.50", Decimal("1234.50")),
        ("  49,9 ", Decimal("49.9")),
        ("0", Decimal("0")),
        ("750,50 kr", Decimal("750.50")),
        ("kr 750", Decimal("750")),
        ("750,-", Decimal("750")),
        ("1 200 NOK", Decimal("1200")),
    ],
)
def test_amounts_are_read_as_norwegians_type_them(typed, amount):
    form = _Amount({"amount": typed, "share": "12,5"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["amount"], form.cleaned_data["share"]) == (amount, Decimal("12.5"))


def test_what_is_not_a_number_is_refused_and_shown_again_as_typed():
    with translation.override("nb"):
        form = _Amount({"amount": "gratis"})
        assert form.errors == {"amount": ["Oppgi et tall."]}
        assert 'value="gratis"' in str(form["amount"])
        negative = _Amount({"amount": "−5"})
        assert negative.errors == {"amount": ["Verdien må være større enn eller lik 0."]}
        assert 'value="-5"' in str(negative["amount"])


def test_decimal_fields_are_text_fields_with_the_number_keyboard_and_show_a_decimal_comma():
    with translation.override("nb"):
        form = _Amount(initial={"amount": Decimal("1234.50")})
        assert isinstance(form.fields["amount"].widget, DecimalInput)
        html = str(form["amount"])
        assert 'type="text"' in html and 'inputmode="decimal"' in html
        assert 'value="1234,50"' in html
    with translation.override("en"):  # English pages keep Norwegian numbers
        assert 'value="1234,50"' in str(_Amount(initial={"amount": Decimal("1234.50")})["amount"])
