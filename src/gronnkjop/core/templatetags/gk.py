"""The one set of display filters: money, numbers, dates and organisation numbers.

Loaded as a template builtin, so every template can write ``{{ amount|kr }}`` or ``{{ d|dato }}``.
Norwegian conventions everywhere (the product is Norwegian, also when the UI language is English):
``1 234 567,89 kr`` with a no-break space between thousands, dates ``dd.mm.åååå``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import pgettext_lazy

from gronnkjop.core.validators import format_orgnr

register = template.Library()

NBSP = "\xa0"


def _to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        # Money never travels as float; if one arrives (e.g. a SQL aggregate), go through str.
        value = repr(value)
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def format_number(value, decimals: int = 2) -> str:
    """``Decimal('-1234567.891')`` → ``-1 234 567,89`` (half-up rounding, no-break thousands space)."""
    number = _to_decimal(value)
    if number is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "−" if number < 0 else ""
    text = f"{abs(number):,.{decimals}f}"
    integer, _, fraction = text.partition(".")
    integer = integer.replace(",", NBSP)
    return f"{sign}{integer},{fraction}" if decimals else f"{sign}{integer}"


@register.filter
def kr(value, decimals: int = 2) -> str:
    """Money in NOK: ``1 234 567,89 kr``. Empty for None."""
    text = format_number(value, int(decimals))
    return f"{text}{NBSP}kr" if text else ""


@register.filter
def tall(value, decimals: int = 0) -> str:
    """A plain number with Norwegian separators: ``12 345`` or ``12 345,6``."""
    return format_number(value, int(decimals))


@register.filter
def antall(value) -> str:
    """A quantity with as many decimals as it needs, Norwegian style: ``Decimal("40.0000")`` → ``40``,
    ``2.5`` → ``2,5``, ``1250.125`` → ``1 250,125``. Empty for None or text that is not a number."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return ""
    if not number.is_finite():
        return ""
    exponent = number.normalize().as_tuple().exponent
    return format_number(number, max(0, -int(exponent)))


@register.filter
def prosent(value, decimals: int = 1) -> str:
    """``Decimal('12.5')`` → ``12,5 %``."""
    text = format_number(value, int(decimals))
    return f"{text}{NBSP}%" if text else ""


@register.filter
def dato(value) -> str:
    """A date or datetime as ``dd.mm.åååå`` (datetimes in Oslo time)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


@register.filter
def maaned(value, style: str = "") -> str:
    """A month number as its name in the active language: ``3`` → ``Mars`` (``|maaned:"kort"``:
    ``Mar``)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return ""
    if not 1 <= number <= 12:
        return ""
    names = MONTHS_3 if style == "kort" else MONTHS
    return str(names[number]).capitalize()


@register.filter
def datotid(value) -> str:
    """A datetime as ``dd.mm.åååå tt:mm`` in Oslo time."""
    if not isinstance(value, dt.datetime):
        return dato(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d.%m.%Y %H:%M")


#: Short names of the UN/ECE Rec 20/21 unit codes that procurement mostly meets; others are shown
#: as their code.
_UNIT_NAMES = {
    "EA": pgettext_lazy("unit", "pcs"),
    "H87": pgettext_lazy("unit", "pcs"),
    "C62": pgettext_lazy("unit", "pcs"),
    "XPP": pgettext_lazy("unit", "pcs"),
    "HUR": pgettext_lazy("unit", "hours"),
    "MIN": pgettext_lazy("unit", "min"),
    "DAY": pgettext_lazy("unit", "days"),
    "WEE": pgettext_lazy("unit", "weeks"),
    "MON": pgettext_lazy("unit", "months"),
    "ANN": pgettext_lazy("unit", "years"),
    "KGM": "kg",
    "GRM": "g",
    "TNE": "t",
    "LTR": "l",
    "MTR": "m",
    "KMT": "km",
    "MTK": "m²",
    "MTQ": "m³",
    "KWH": "kWh",
    "SET": pgettext_lazy("unit", "sets"),
    "PR": pgettext_lazy("unit", "pairs"),
    "XPK": pgettext_lazy("unit", "packs"),
    "XBX": pgettext_lazy("unit", "boxes"),
    "XPA": pgettext_lazy("unit", "packets"),
    "XRO": pgettext_lazy("unit", "rolls"),
}


@register.filter
def enhet(code) -> str:
    """A unit code as people write it: ``EA`` → ``stk``, ``HUR`` → ``t``, ``KGM`` → ``kg``; an
    unknown code is shown as it is, empty stays empty."""
    if not code:
        return ""
    return str(_UNIT_NAMES.get(str(code).upper(), code))


@register.filter
def orgnr(value) -> str:
    """``974760673`` → ``974 760 673``."""
    return format_orgnr(value) if value else ""


@register.filter
def add_field_attrs(bound_field):
    """Render a bound field's widget with Designsystemet classes and the ARIA links to its help and
    error texts, so screen readers read them with the field."""
    widget = bound_field.field.widget
    attrs = {}
    kind = bound_field.widget_type
    if kind in {"checkbox", "radioselect", "checkboxselectmultiple"}:
        attrs["class"] = "ds-input"
    else:
        attrs["class"] = "ds-input"
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.id_for_label}-help")
    if bound_field.errors:
        described.append(f"{bound_field.id_for_label}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.field.required and kind not in {"checkbox"}:
        attrs["aria-required"] = "true"
    existing = widget.attrs.get("class")
    if existing:
        attrs["class"] = f"{attrs['class']} {existing}"
    return bound_field.as_widget(attrs=attrs)
