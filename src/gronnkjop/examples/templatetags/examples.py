from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from ..rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """``{{ example.body|markdown }}``: sanitised HTML from the editor's Markdown."""
    return mark_safe(render_markdown(text))
