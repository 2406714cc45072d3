"""Markdown to safe HTML: editors write Markdown, readers get sanitised HTML (no raw HTML survives)."""

from __future__ import annotations

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre", "br", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
_H1 = re.compile(r"<(/?)h1>")


def render_markdown(text: str) -> str:
    """Markdown → HTML with only :data:`ALLOWED_TAGS`. Raw HTML in the source is escaped, not kept; an
    ``#`` heading becomes ``<h2>`` because the page's one ``<h1>`` is the example's title."""
    converter = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    converter.preprocessors.deregister("html_block")  # raw HTML stays text
    converter.inlinePatterns.deregister("html")
    html = converter.convert(text or "")
    html = _H1.sub(r"<\1h2>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
