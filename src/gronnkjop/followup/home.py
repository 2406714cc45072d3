"""The follow-up figures of the start page (see :mod:`gronnkjop.core.home`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnkjop.core.home import Figure
from gronnkjop.core.templatetags.gk import kr, prosent, tall

from . import selectors


def figures(request) -> list[Figure]:
    organisation = request.organisation
    years = selectors.invoice_years(organisation=organisation)
    year = years[0] if years else timezone.localdate().year
    k = selectors.kpis(organisation=organisation, year=year)
    overview = reverse("followup:overview") + f"?year={year}"
    deviations = (
        reverse("followup:deviation_list") + f"?date_from={year}-01-01&date_to={year}-12-31&status=open"
    )
    return [
        Figure(
            _("Spend excl. VAT %(year)s") % {"year": year},
            kr(k.spend),
            _("%(n)s invoices and credit notes") % {"n": tall(k.invoices)},
            overview,
        ),
        Figure(
            _("Spend on agreement"),
            prosent(k.on_agreement_share) if k.on_agreement_share is not None else "–",
            _("of the invoice lines' spend"),
            overview,
        ),
        Figure(
            _("Open deviations"),
            tall(k.deviations_open),
            _("At stake: %(amount)s (%(means)s)")
            % {
                "amount": kr(k.at_stake),
                "means": _("open deviations and deviations in claims not yet settled"),
            },
            deviations,
        ),
        Figure(
            _("Documented gains %(year)s") % {"year": year},
            kr(k.gains),
            _("refunds and avoided costs"),
            reverse("followup:gain_list"),
        ),
    ]
