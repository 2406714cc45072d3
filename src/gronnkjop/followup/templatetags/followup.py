"""Follow-up display helpers: an accessible server-rendered SVG bar chart, readable evidence of a
deviation, and status colours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gronnkjop.core.templatetags.gk import antall, kr, prosent

register = template.Library()

BAR = "#1e6b3a"
INK = "#1e1e1e"
AXIS = "#4b4f54"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    values: list[Decimal],
    horizontal: bool = False,
) -> SafeString:
    """An SVG bar chart (``role="img"`` named by its ``<title>`` and ``<desc>``); negative values draw
    as empty bars. The page shows the same figures in a table, the chart's text alternative."""
    values = [Decimal(v or 0) for v in values]
    peak = max([v for v in values if v > 0] or [Decimal(1)])
    head = f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
    if horizontal:
        left, right, row_h, top = 230, 110, 30, 8
        width = 680
        height = top * 2 + row_h * len(values)
        plot_w = width - left - right
        parts = []
        for i, (label, value) in enumerate(zip(labels, values, strict=True)):
            y = top + i * row_h
            w = float(max(value, 0) / peak) * plot_w
            parts.append(
                f'<text x="{left - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end" font-size="12" fill="{INK}">'
                f"{escape(label)}</text>"
                f'<rect x="{left}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" fill="{BAR}"></rect>'
                f'<text x="{left + w + 6:.1f}" y="{y + row_h / 2 + 4:.1f}" font-size="12" fill="{INK}">'
                f"{escape(kr(value, 0))}</text>"
            )
        body = (
            "".join(parts) + f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - top}" stroke="{AXIS}"/>'
        )
    else:
        peak_label = kr(peak, 0)
        width, height, bottom, top = 680, 260, 28, 16
        left = 16 + 7 * len(peak_label)  # room for the top value, about 7 px a character at 12 px
        plot_h = height - bottom - top
        step = (width - left - 8) / max(len(values), 1)
        bar_w = step * 0.7
        parts = [
            f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="12" fill="{INK}">'
            f"{escape(peak_label)}</text>",
            f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="12" fill="{INK}">0</text>',
            f'<line x1="{left}" y1="{top}" x2="{width - 4}" y2="{top}" stroke="#c4c7cc" stroke-dasharray="4 4"/>',
        ]
        for i, (label, value) in enumerate(zip(labels, values, strict=True)):
            x = left + i * step + (step - bar_w) / 2
            h = float(max(value, 0) / peak) * plot_h
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"></rect>'
                f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" text-anchor="middle" font-size="12" fill="{INK}">'
                f"{escape(label)}</text>"
            )
        parts.append(
            f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" stroke="{AXIS}"/>'
        )
        body = "".join(parts)
    return mark_safe(
        f'<svg class="gk-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
        f"{head}{body}</svg>"
    )


def _date(value) -> str:
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d.%m.%Y")
    except ValueError:
        return str(value)


def _kr4(value) -> str:
    number = Decimal(str(value))
    decimals = 2 if number == number.quantize(Decimal("0.01")) else 4
    return kr(number, decimals)


def _number(value) -> str:
    return antall(value)


def _pct(value) -> str:
    return prosent(Decimal(str(value)), 1)


def _match_how(value) -> str:
    """How the engine tied the invoice to its contract (``how`` of a match)."""
    return {
        "reference": _("the contract reference on the invoice"),
        "order": _("the call-off number on the invoice"),
        "inferred": _("the supplier's only running contract in the category"),
    }.get(value, str(value))


#: How each evidence key of the engine reads: label and formatter.
EVIDENCE = {
    "invoiced_unit_price": (lambda: _("Invoiced unit price"), _kr4),
    "agreed_unit_price": (lambda: _("Agreed unit price"), _kr4),
    "quantity": (lambda: _("Quantity"), _number),
    "tolerance_pct": (lambda: _("Price tolerance"), _pct),
    "article": (lambda: _("Article number"), str),
    "line_amount": (lambda: _("Line amount"), _kr4),
    "markup_pct": (lambda: _("Invoiced markup"), _pct),
    "allowed_pct": (lambda: _("Allowed markup"), _pct),
    "base_amount": (lambda: _("Markup base"), _kr4),
    "condition": (lambda: _("Condition"), lambda v: _("used") if v == "used" else _("new")),
    "active_contracts": (lambda: _("Contracts with the supplier running on the invoice date"), _number),
    "contract_reference": (lambda: _("Contract reference on the invoice"), str),
    "category": (lambda: _("CPV category"), str),
    "duplicate_of": (lambda: _("Same as invoice"), str),
    "kind": (
        lambda: _("Recognised by"),
        lambda v: (
            _("same content") if v == "same_content" else _("same number") if v == "same_number" else str(v)
        ),
    ),
    "payable": (lambda: _("Amount due"), _kr4),
    "contract_end": (lambda: _("Contract ended"), _date),
    "invoice_date": (lambda: _("Invoice date"), _date),
    "matched_by": (lambda: _("Matched by"), lambda v: _match_how(v)),
    "spend_after": (lambda: _("Spend under the contract with this invoice"), _kr4),
    "ceiling": (lambda: _("Ceiling"), _kr4),
    "spend_before": (lambda: _("Spend before this invoice"), _kr4),
    "amount_excl_vat": (lambda: _("Invoice amount excl. VAT"), _kr4),
    "limit": (lambda: _("Small-order limit"), _kr4),
    "fee": (lambda: _("Small-order fee"), _kr4),
    "ordering_unit": (lambda: _("Ordering unit"), str),
}


def evidence_rows(deviation) -> list[tuple[str, str]]:
    """The deviation's evidence as (label, formatted value), in the engine's order."""
    from ..models import Invoice

    rows = []
    evidence = deviation.evidence
    # PostgreSQL's jsonb does not keep the keys' order: show them in the engine's order.
    keys = [k for k in EVIDENCE if k in evidence] + sorted(k for k in evidence if k not in EVIDENCE)
    for key in keys:
        value = evidence[key]
        label, show = EVIDENCE.get(key, (lambda key=key: key, str))
        if value is None or value == "":
            rows.append((label(), "–"))
            continue
        if key == "duplicate_of":
            other = Invoice.objects.filter(organisation_id=deviation.organisation_id, pk=value).first()
            rows.append((label(), other.number if other else str(value)))
            continue
        rows.append((label(), show(value)))
    return rows


@register.filter
def deviation_color(status: str) -> str:
    return {"open": "warning", "claimed": "info", "dismissed": "neutral", "resolved": "success"}.get(
        status, "neutral"
    )


@register.filter
def claim_color(status: str) -> str:
    return {
        "draft": "neutral",
        "sent": "info",
        "accepted": "info",
        "rejected": "danger",
        "refunded": "success",
        "credited": "success",
    }.get(status, "neutral")


@register.filter
def signed(invoice, field: str = "amount_excl_vat"):
    """An invoice amount with the bookkeeping sign (credit notes negative)."""
    return invoice.signed(getattr(invoice, field))


@register.filter
def get_item(mapping, key):
    """``{{ units|get_item:code }}``: a dict lookup in a template."""
    return mapping.get(key) if mapping else None
