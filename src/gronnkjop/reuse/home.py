"""The reuse figures of the start page (see :mod:`gronnkjop.core.home`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnkjop.core.home import Figure
from gronnkjop.core.templatetags.gk import kr, tall

from . import selectors


def figures(request) -> list[Figure]:
    year = timezone.localdate().year
    total = selectors.savings_summary(organisation=request.organisation, year=year)["total"]
    return [
        Figure(
            _("Saved by reuse %(year)s") % {"year": year},
            f"{tall(total.co2e_kg, 0)} kg CO2e",
            _("%(value)s, %(units)s items reused")
            % {"value": kr(total.value_nok), "units": tall(total.units)},
            reverse("reuse:savings") + f"?year={year}",
        )
    ]
