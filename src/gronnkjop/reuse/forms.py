from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gronnkjop.core.forms import EMPTY_OPTIONAL, EMPTY_REQUIRED, NO_UNIT, Form, ModelForm, set_minimum
from gronnkjop.core.models import Unit

from . import selectors
from .categories import category_choices, filter_choices
from .models import (
    Condition,
    Device,
    DeviceKind,
    DeviceStatus,
    EndOfLife,
    HandoverMethod,
    ItemStatus,
    ReuseItem,
    Store,
)

MANUAL_STATUSES = [
    (s.value, s.label)
    for s in (ItemStatus.AVAILABLE, ItemStatus.IN_USE, ItemStatus.REPAIR, ItemStatus.RECYCLING)
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ItemForm(ModelForm):
    empty_choices = {"unit": NO_UNIT}

    item_type = forms.ChoiceField(
        label=_("Item type"),
        help_text=_("Decides the CO2e factor used when the item is reused."),
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "Take a photo with the phone or choose a file (JPEG, PNG, WebP). Location data is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    class Meta:
        model = ReuseItem
        fields = [
            "title",
            "item_type",
            "category",
            "quantity",
            "condition",
            "description",
            "new_price",
            "weight_kg",
            "width_cm",
            "depth_cm",
            "height_cm",
            "store",
            "site",
            "floor",
            "room",
            "unit",
            "share_after_days",
            "public",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_type"].choices = [("", EMPTY_REQUIRED), *selectors.item_type_choices()]
        category = self.fields["category"]
        category.choices = [
            ("", EMPTY_REQUIRED if category.required else EMPTY_OPTIONAL),
            *category_choices(),
        ]
        self.fields["store"].queryset = Store.objects.filter(organisation=organisation)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation, active=True)
        set_minimum(self.fields["quantity"], 1)
        self.fields["quantity"].widget.attrs["inputmode"] = "numeric"
        for name in ("new_price", "weight_kg", "width_cm", "depth_cm", "height_cm"):
            set_minimum(self.fields[name], 0)
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        if self.instance.pk:
            del self.fields["photo"]
        if self.instance.description_key:  # a description the system wrote, in the page's language
            self.initial["description"] = self.instance.description_display


class FilterForm(Form):
    q = forms.CharField(label=_("Search"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    condition = forms.ChoiceField(label=_("Condition"), required=False)
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    store = forms.TypedChoiceField(label=_("Store"), required=False, coerce=int, empty_value=None)
    available = forms.BooleanField(label=_("Only available"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("Newest first")), ("distance", _("Distance from store")), ("title", _("Title"))],
    )
    near = forms.TypedChoiceField(label=_("Distance from"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *filter_choices()]
        self.fields["condition"].choices = [("", _("Any condition")), *Condition.choices]
        self.fields["owner"].choices = [
            ("", _("All organisations")),
            *((o.pk, o.name) for o in selectors.owner_choices(organisation=organisation)),
        ]
        stores = list(selectors.visible_store_list(organisation=organisation))
        self.fields["store"].choices = [
            ("", _("All places")),
            *((s.pk, f"{s.name} ({s.organisation})") for s in stores),
        ]
        self.fields["near"].choices = [("", "—"), *((s.pk, f"{s.name} ({s.organisation})") for s in stores)]


class ReserveForm(Form):
    empty_choices = {"unit": NO_UNIT}

    quantity = forms.IntegerField(label=_("Number of units"), min_value=1)
    unit = forms.ModelChoiceField(label=_("For unit"), queryset=Unit.objects.none(), required=False)
    note = forms.CharField(
        label=_("Note to the owner"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisation, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation, active=True)
        self.fields["quantity"].max_value = max(item.quantity_available, 1)
        self.fields["quantity"].widget.attrs.update(
            {"max": max(item.quantity_available, 1), "inputmode": "numeric"}
        )
        self.fields["quantity"].help_text = _("%(n)s units available.") % {"n": item.quantity_available}


class StatusForm(Form):
    status = forms.ChoiceField(label=_("New status"), choices=MANUAL_STATUSES)
    reason = forms.CharField(label=_("Why"), max_length=300)


class HandoverForm(Form):
    method = forms.ChoiceField(label=_("Hand-over"), choices=HandoverMethod.choices)
    handover_date = forms.DateField(label=_("Hand-over date"), widget=DateInput(), initial=timezone.localdate)
    cost = forms.DecimalField(
        label=_("Cost (NOK)"),
        min_value=0,
        decimal_places=2,
        initial=0,
        help_text=_("Transport, repair or other cost, subtracted from the money saved."),
    )


class RejectForm(Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ImportForm(Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Columns: item_type, category, title, quantity, condition, location, new_price, weight_kg."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class PhotoForm(Form):
    photo = forms.ImageField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    alt = forms.CharField(label=_("What the photo shows"), max_length=200, required=False)


class FactorForm(Form):
    kg_co2e_new = forms.DecimalField(
        label=_("kg CO2e of a new item"), required=False, decimal_places=3, min_value=0
    )
    kg_co2e_saved = forms.DecimalField(
        label=_("kg CO2e saved by reuse"),
        required=False,
        decimal_places=3,
        min_value=0,
        help_text=_("Per unit; for the per-kg fallback, per kg. Empty: the new item's footprint is used."),
    )
    basis = forms.CharField(label=_("Basis"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(label=_("Source"), max_length=300)


class StoreForm(ModelForm):
    class Meta:
        model = Store
        fields = ["name", "address", "latitude", "longitude"]


class SettingsForm(Form):
    share_after_days = forms.IntegerField(
        label=_("Days before sharing with the collaboration"),
        min_value=0,
        max_value=365,
        help_text=_("Items no unit of ours has ordered in this many days become visible to our partners."),
    )


class DeviceForm(ModelForm):
    empty_choices = {"unit": NO_UNIT}

    class Meta:
        model = Device
        fields = ["kind", "serial_number", "model", "purchase_date", "battery_health", "unit", "status"]
        widgets = {"purchase_date": DateInput()}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["status"].choices = [
            (s.value, s.label) for s in (DeviceStatus.IN_USE, DeviceStatus.IN_STORE, DeviceStatus.REPAIR)
        ]


class RepairForm(Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    description = forms.CharField(label=_("What was repaired"), max_length=300)
    cost = forms.DecimalField(label=_("Cost (NOK)"), min_value=0, decimal_places=2, initial=0)


class EndOfLifeForm(Form):
    outcome = forms.ChoiceField(label=_("End of life"), choices=EndOfLife.choices)
    on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    certificate = forms.CharField(
        label=_("Data erasure certificate"),
        max_length=200,
        required=False,
        help_text=_("Required for resale and recycling."),
    )


class DeviceRequestForm(Form):
    empty_choices = {"unit": NO_UNIT, "returned_device": pgettext_lazy("empty choice", "None")}

    kind = forms.ChoiceField(label=_("Device"), choices=DeviceKind.choices)
    unit = forms.ModelChoiceField(label=_("For unit"), queryset=Unit.objects.none(), required=False)
    returned_device = forms.ModelChoiceField(
        label=_("Old device returned"),
        queryset=Device.objects.none(),
        required=False,
        help_text=_("No new device without returning the old one."),
    )
    exception_reason = forms.CharField(
        label=_("If no device is returned: why"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("An exception must be approved, and is recorded."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation, active=True)
        self.fields["returned_device"].queryset = Device.objects.filter(
            organisation=organisation, status__in=[DeviceStatus.IN_USE, DeviceStatus.REPAIR]
        )


class DecisionForm(Form):
    note = forms.CharField(
        label=_("Why"),
        max_length=300,
        required=False,  # the service names what is missing, for approval and refusal alike
    )
