import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from gronnkjop.contracts.dates import add_months
from gronnkjop.contracts.ical import annual_cycle_ics
from gronnkjop.contracts.selectors import annual_cycle, annual_cycle_overdue, contract_list, contract_search
from gronnkjop.core.services import collaboration_ensure

from .conftest import D, add_option, make_contract


@pytest.fixture
def extended(org_a):
    """Runs 2025–2026, one option taken up to the end of 2027, one more to 2028 not (yet)."""
    contract = make_contract(org_a, "K-1", start_date=D(2025, 1, 1), end_date=D(2026, 12, 31))
    add_option(contract, D(2027, 12, 31), deadline=D(2026, 6, 30), exercised=True)
    add_option(contract, D(2028, 12, 31), deadline=D(2027, 6, 30))
    return contract


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (D(2024, 12, 31), "planlagt"),
        (D(2025, 1, 1), "aktiv"),
        (D(2026, 12, 31), "aktiv"),
        (D(2027, 12, 31), "aktiv"),
        (D(2028, 1, 1), "utlopt"),
    ],
    ids=["before-start", "first-day", "original-end", "exercised-option-end", "after"],
)
def test_status_follows_the_dates_and_the_options_taken_up(extended, day, status):
    assert extended.status_on(day) == status


@pytest.mark.parametrize(
    ("status", "numbers"),
    [
        ("aktiv", ["K-1", "K-3"]),
        ("utlopt", ["K-2"]),
        ("planlagt", ["K-4"]),
        ("", ["K-1", "K-2", "K-3", "K-4"]),
    ],
)
def test_the_list_filters_on_status_computed_from_dates_and_options(org_a, extended, status, numbers):
    make_contract(org_a, "K-2", start_date=D(2024, 1, 1), end_date=D(2025, 12, 31))
    make_contract(org_a, "K-3", start_date=D(2024, 1, 1), end_date=D(2026, 6, 30))
    make_contract(org_a, "K-4", start_date=D(2027, 1, 1), end_date=D(2028, 6, 30))
    found = contract_search(organisation=org_a, status=status, today=D(2026, 3, 1))
    assert [c.number for c in found] == numbers


def test_active_on_counts_only_options_taken_up(org_a, extended):
    assert [c.number for c in contract_list(organisation=org_a, active_on=D(2027, 6, 1))] == ["K-1"]
    assert list(contract_list(organisation=org_a, active_on=D(2028, 6, 1))) == []


def test_add_months_clamps_to_the_end_of_a_short_month():
    assert [add_months(D(2025, 1, 31), n) for n in (1, 13, -2)] == [
        D(2025, 2, 28),
        D(2026, 2, 28),
        D(2024, 11, 30),
    ]


@pytest.fixture
def cycle_contract(org_a):
    contract = make_contract(
        org_a,
        "K-9",
        title="Brøyting",
        start_date=D(2025, 3, 1),
        end_date=D(2027, 2, 28),
        notice_months=6,
        price_adjustment_date=D(2026, 1, 1),
    )
    add_option(contract, D(2028, 2, 29), deadline=D(2026, 8, 31))
    return contract


def test_the_annual_cycle_lists_each_deadline_on_its_exact_date(org_a, cycle_contract):
    events = annual_cycle(organisation=org_a, start=D(2026, 1, 1), end=D(2027, 1, 1))
    assert [(e.day, e.kind, e.contract.number, e.detail) for e in events] == [
        (D(2026, 1, 1), "price_adjustment", "K-9", ""),
        (D(2026, 3, 1), "evaluation", "K-9", ""),
        (D(2026, 8, 28), "notice", "K-9", ""),
        (D(2026, 8, 31), "option_deadline", "K-9", "Forlenger til 29.02.2028"),
    ]


def test_the_annual_cycle_moves_with_an_exercised_option(org_a, cycle_contract):
    option = cycle_contract.options.get()
    option.exercised = True
    option.save()
    events = annual_cycle(organisation=org_a, start=D(2027, 1, 1), end=D(2028, 3, 1))
    assert [(e.day, e.kind) for e in events] == [
        (D(2027, 1, 1), "price_adjustment"),
        (D(2027, 3, 1), "evaluation"),
        (D(2027, 8, 29), "notice"),
        (D(2028, 1, 1), "price_adjustment"),
        (D(2028, 2, 29), "expiry"),
    ]


def test_the_annual_cycle_includes_joint_agreements_but_not_other_tenants(org_a, org_b, cycle_contract):
    collaboration = collaboration_ensure(name="Samarbeidet", members=[org_a])
    make_contract(collaboration, "SAM-1", start_date=D(2025, 1, 1), end_date=D(2026, 6, 30))
    make_contract(org_b, "B-1", start_date=D(2025, 1, 1), end_date=D(2026, 6, 30))
    events = annual_cycle(organisation=org_a, start=D(2026, 6, 1), end=D(2026, 7, 1))
    assert [(e.day, e.kind, e.contract.number) for e in events] == [(D(2026, 6, 30), "expiry", "SAM-1")]


def test_the_ics_export_parses_and_holds_every_event(org_a, cycle_contract):
    events = annual_cycle(organisation=org_a, start=D(2026, 1, 1), end=D(2027, 1, 1))
    body = annual_cycle_ics(
        events=events, name="Årshjul", link=lambda c: f"https://example.no/avtaler/{c.pk}/"
    )
    calendar = icalendar.Calendar.from_ical(body)
    parsed = [
        (e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"]), str(e["uid"]))
        for e in calendar.walk("VEVENT")
    ]
    pk = cycle_contract.pk
    assert parsed == [
        (
            D(2026, 1, 1),
            D(2026, 1, 2),
            "Prisjustering: K-9 Brøyting",
            f"price_adjustment-{pk}-2026-01-01@gronnkjop",
        ),
        (
            D(2026, 3, 1),
            D(2026, 3, 2),
            "Årlig evaluering: K-9 Brøyting",
            f"evaluation-{pk}-2026-03-01@gronnkjop",
        ),
        (
            D(2026, 8, 28),
            D(2026, 8, 29),
            "Forbered ny anskaffelse: K-9 Brøyting",
            f"notice-{pk}-2026-08-28@gronnkjop",
        ),
        (
            D(2026, 8, 31),
            D(2026, 9, 1),
            "Frist for opsjon: K-9 Brøyting",
            f"option_deadline-{pk}-2026-08-31@gronnkjop",
        ),
    ]
    assert str(calendar["x-wr-calname"]) == "Årshjul"


def test_the_ics_download_is_a_calendar_of_the_organisations_contracts(login, users_a, org_a):
    today = timezone.localdate()
    contract = make_contract(org_a, "K-5", start_date=add_months(today, -6), end_date=add_months(today, 3))
    response = login(users_a["leder"]).get(reverse("contracts:annual_cycle_ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    expiry = [e for e in calendar.walk("VEVENT") if str(e["categories"].cats[0]) == "expiry"]
    assert [(e.decoded("dtstart"), str(e["url"])) for e in expiry] == [
        (contract.end_date, f"http://testserver/avtaler/{contract.pk}/")
    ]


def _overdue(org, today):
    return [(e.day, e.kind, e.contract.number) for e in annual_cycle_overdue(organisation=org, today=today)]


def test_passed_notices_and_open_option_deadlines_stay_overdue_until_the_contract_ends(org_a, cycle_contract):
    # K-9 runs to 28.02.2027; its notice (28.08.2026) and option deadline (31.08.2026) have passed,
    # its evaluation (01.03.2026) and price adjustment (01.01.2026) are more than three months old.
    assert _overdue(org_a, D(2026, 11, 22)) == [
        (D(2026, 8, 28), "notice", "K-9"),
        (D(2026, 8, 31), "option_deadline", "K-9"),
    ]
    assert _overdue(org_a, D(2027, 2, 28))[:2] == [
        (D(2026, 8, 28), "notice", "K-9"),
        (D(2026, 8, 31), "option_deadline", "K-9"),
    ]
    assert _overdue(org_a, D(2027, 3, 1)) == []  # ended


def test_an_exercised_option_is_no_longer_overdue(org_a, cycle_contract):
    cycle_contract.options.update(exercised=True)
    # now running to 29.02.2028, the notice moves to 29.08.2027
    assert _overdue(org_a, D(2026, 11, 22)) == []


def test_evaluations_and_price_adjustments_are_overdue_for_three_months(org_a, cycle_contract):
    assert _overdue(org_a, D(2026, 3, 15)) == [
        (D(2026, 1, 1), "price_adjustment", "K-9"),
        (D(2026, 3, 1), "evaluation", "K-9"),
    ]
    assert _overdue(org_a, D(2026, 6, 1)) == [(D(2026, 3, 1), "evaluation", "K-9")]


def test_overdue_includes_joint_agreements_but_not_other_tenants(org_a, org_b):
    collaboration = collaboration_ensure(name="Samarbeidet", members=[org_a])
    make_contract(collaboration, "SAM-1", start_date=D(2025, 1, 1), end_date=D(2027, 2, 28))
    make_contract(org_b, "B-1", start_date=D(2025, 1, 1), end_date=D(2027, 2, 28))
    assert _overdue(org_a, D(2026, 11, 22)) == [(D(2026, 8, 28), "notice", "SAM-1")]


@pytest.fixture
def overdue_and_coming(org_a):
    """Relative to today: K-2 ends in three months (notice three months ago, an option deadline two
    months ago), K-3 had its first yearly evaluation a month ago, K-4 ended yesterday."""
    today = timezone.localdate()
    ending = make_contract(
        org_a, "K-2", start_date=add_months(today, -20), end_date=add_months(today, 3), notice_months=6
    )
    add_option(ending, add_months(today, 15), deadline=add_months(today, -2))
    make_contract(org_a, "K-3", start_date=add_months(today, -13), end_date=add_months(today, 30))
    make_contract(org_a, "K-4", start_date=add_months(today, -13), end_date=today - dt.timedelta(days=1))
    return today


def test_the_annual_cycle_page_shows_overdue_deadlines_first(login, users_a, overdue_and_coming):
    today = overdue_and_coming
    response = login(users_a["leder"]).get(reverse("contracts:annual_cycle"))
    expected = sorted(
        [
            (add_months(add_months(today, 3), -6), "notice", "K-2"),
            (add_months(today, -2), "option_deadline", "K-2"),
            (add_months(add_months(today, -13), 12), "evaluation", "K-3"),
        ]
    )
    assert [(e.day, e.kind, e.contract.number) for e in response.context["overdue"]] == expected
    body = response.content.decode()
    assert body.index('id="h-overdue">Forfalt</h2>') < body.index('class="gk-month"')
    assert body.count('<span class="ds-tag" data-color="danger">Forfalt</span>') == 3
    coming = [e for _month, events in response.context["months"] for e in events]
    assert all(e.day >= today for e in coming)


def test_the_ics_holds_the_overdue_deadlines_and_those_on_the_page(login, users_a, overdue_and_coming):
    client = login(users_a["leder"])
    page = client.get(reverse("contracts:annual_cycle")).context
    on_page = {e.uid for e in page["overdue"]} | {e.uid for _m, events in page["months"] for e in events}
    calendar = icalendar.Calendar.from_ical(client.get(reverse("contracts:annual_cycle_ics")).content)
    in_ics = {str(e["uid"]) for e in calendar.walk("VEVENT")}
    today = overdue_and_coming
    assert on_page <= in_ics
    # beyond the page's twelve months the calendar goes on to 24; nothing else differs
    later = {uid for uid in in_ics - on_page if uid.split("@")[0][-10:] < add_months(today, 12).isoformat()}
    assert later == set()
    assert not any("-K-4" in uid for uid in in_ics)
