"""``{% load reuse_tags %}``: the used-first widget for planning and ordering pages, and ``tonnes``.

```django
{% load reuse_tags %}{% used_first_widget "furniture.desks" 12 %}
```
"""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html

from gronnkjop.core.templatetags.gk import format_number

from .. import selectors
from ..item_types import factor_source as _factor_source
from ..item_types import factor_text as _factor_text
from ..item_types import item_type_name as _item_type_name

register = template.Library()


@register.filter
def item_type_name(key: str) -> str:
    """``{{ item.item_type|item_type_name }}``: «Kontorstol» for ``office_chair``."""
    return _item_type_name(key)


@register.filter
def factor_text(text: str) -> str:
    """``{{ factor.basis|factor_text }}``: our own texts of the factor table in the interface language."""
    return _factor_text(text)


@register.filter
def factor_source(text: str) -> str:
    """``{{ factor.source|factor_source }}``: the source of a factor, «–» when there is none; a
    published English source on a page in another language is marked ``lang="en"``."""
    shown, language = _factor_source(text)
    if not shown:
        return "–"
    return format_html('<span lang="{}">{}</span>', language, shown) if language else format_html("{}", shown)


@register.filter
def tonnes(kg, decimals: int = 1) -> str:
    """``Decimal("40600")`` kg → ``40,6`` (tonnes)."""
    if kg in (None, ""):
        return ""
    return format_number(Decimal(kg) / 1000, int(decimals))


@register.inclusion_tag("reuse/includes/used_first.html", takes_context=True)
def used_first_widget(context, category: str, quantity: int = 1):
    """Matching available used items for the acting organisation; empty for visitors."""
    request = context.get("request")
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return {"used": {"items": [], "available_units": 0, "quantity": quantity, "covers": False}}
    return {
        "used": selectors.used_first(organisation=organisation, category=category, quantity=int(quantity))
    }
