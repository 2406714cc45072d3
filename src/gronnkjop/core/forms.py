from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Unit
from .roles import Role
from .validators import clean_orgnr


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "code", "address", "active"]


class MembershipForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("A new user gets a link to choose a password."))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation, active=True)


class ApiTokenForm(forms.Form):
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
