"""A small server-rendered SVG bar chart: accessible (role, title, desc), no JavaScript."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gronnkjop.core.templatetags.gk import format_number


def bar_chart(
    *, title: str, description: str, labels: list[str], values: list[Decimal], unit: str
) -> SafeString:
    width, height, left, bottom, top = 640, 260, 56, 28, 16
    plot_h = height - bottom - top
    peak = max([v for v in values if v is not None] or [Decimal(0)]) or Decimal(1)
    step = (width - left - 8) / max(len(values), 1)
    bar_w = step * 0.7
    parts = [
        f'<svg class="gk-chart" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" stroke="#4b4f54" />',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11" fill="#1e1e1e">{escape(format_number(peak, 0))}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11" fill="#1e1e1e">0 {escape(unit)}</text>',
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + i * step + (step - bar_w) / 2
        h = float((value or 0) / peak) * plot_h
        parts.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="#1e6b3a">'
            f"<title>{escape(label)}: {escape(format_number(value, 0))} {escape(unit)}</title></rect>"
        )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" text-anchor="middle" font-size="11" fill="#1e1e1e">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
