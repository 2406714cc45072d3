import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from gronnkjop.core.templatetags.gk import dato, datotid, kr, orgnr, prosent, tall

NB = "\xa0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234567.89"), f"1{NB}234{NB}567,89{NB}kr"),
        (Decimal("0.005"), f"0,01{NB}kr"),
        (Decimal("-672"), f"−672,00{NB}kr"),
        ("999.994", f"999,99{NB}kr"),
        (12, f"12,00{NB}kr"),
        (None, ""),
    ],
    ids=["millions", "half-up", "negative", "string", "int", "none"],
)
def test_kr_formats_money_the_norwegian_way(value, expected):
    assert kr(value) == expected


def test_number_and_percent_filters():
    assert tall(Decimal("12345.6")) == f"12{NB}346"
    assert tall(Decimal("12345.64"), 1) == f"12{NB}345,6"
    assert prosent(Decimal("12.5")) == f"12,5{NB}%"


def test_dates_are_shown_as_dd_mm_yyyy_in_oslo_time():
    assert dato(dt.date(2026, 1, 5)) == "05.01.2026"
    late_utc = dt.datetime(2026, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert dato(late_utc) == "01.07.2026"
    assert datotid(late_utc) == "01.07.2026 01:30"
    assert dato(None) == ""


def test_orgnr_filter_groups_digits():
    assert orgnr("974760673") == "974 760 673"


def test_filters_are_builtins_in_every_template():
    rendered = Template("{{ a|kr }} {{ d|dato }}").render(
        Context({"a": Decimal("5"), "d": dt.date(2026, 11, 21)})
    )
    assert rendered == f"5,00{NB}kr 21.11.2026"


def test_unit_codes_read_as_people_write_them():
    from django.utils import translation

    from gronnkjop.core.templatetags.gk import enhet

    codes = ["EA", "HUR", "KGM", "MTK", "XPK", "ea", "ZZZ", "", None]
    with translation.override("nb"):
        assert [enhet(c) for c in codes] == ["stk", "timer", "kg", "m²", "pakker", "stk", "ZZZ", "", ""]
    with translation.override("en"):
        assert [enhet(c) for c in codes[:5]] == ["pcs", "hours", "kg", "m²", "packs"]


def test_months_by_name():
    from django.utils import translation

    from gronnkjop.core.templatetags.gk import maaned

    with translation.override("nb"):
        assert [maaned(1), maaned("3"), maaned(12, "kort"), maaned(13), maaned(None)] == [
            "Januar",
            "Mars",
            "Des",
            "",
            "",
        ]
    with translation.override("en"):
        assert maaned(5) == "May"
