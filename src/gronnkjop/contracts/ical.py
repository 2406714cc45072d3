"""The annual cycle as an iCalendar file (RFC 5545), one all-day event per deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from .selectors import CycleEvent


def annual_cycle_ics(*, events: Iterable[CycleEvent], name: str, link=None) -> bytes:
    """``events`` as a calendar called ``name``; ``link(contract)`` gives each event's URL."""
    calendar = Calendar()
    calendar.add("prodid", "-//Grønnkjøp//Årshjul//NB")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().replace(microsecond=0)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("summary", f"{item.label}: {item.contract.number} {item.contract.title}")
        if item.detail:
            event.add("description", item.detail)
        event.add("categories", [item.kind])
        if link is not None:
            event.add("url", link(item.contract))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
