# SPDX-License-Identifier: EUPL-1.2
"""Hearing lists as CSV (spreadsheet-safe text) and as iCalendar (RFC 5545, ``icalendar``).

Each export holds exactly the columns its page shows for the reader's role (``columns``): the
transport list never names an officer, an interpreter or a lawyer, and no export holds a
feature or a motive. Written hearings are all-day entries on their due date.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import timedelta

from icalendar import Calendar, Event

from verkeerstoren.cases.exporting import neutralise

from .models import Hearing
from .slots import slot_label, span

COLUMNS = ("case", "status", "mode", "day", "slot", "due_date", "location", "room", "officer",
           "interpreter", "lawyer")  # fmt: skip
TRANSPORT = ("case", "day", "slot", "location", "mode")


def _cell(h: Hearing, name: str) -> str:
    value = {
        "case": h.case.reference,
        "status": h.status,
        "mode": h.mode,
        "day": h.day.isoformat() if h.day else "",
        "slot": slot_label(h.slot),
        "due_date": h.due_date.isoformat() if h.due_date else "",
        "location": h.location.code,
        "room": h.room.code if h.room else "",
        "officer": h.officer.code if h.officer else "",
        "interpreter": h.interpreter.code if h.interpreter else "",
        "lawyer": h.lawyer.code if h.lawyer else "",
    }[name]
    return neutralise(value)


def to_csv(hearings: Sequence[Hearing], columns: Sequence[str] = COLUMNS) -> str:
    """The hearings as CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for h in hearings:
        writer.writerow([_cell(h, c) for c in columns])
    return out.getvalue()


def to_ics(hearings: Sequence[Hearing], name: str, columns: Sequence[str] = COLUMNS) -> bytes:
    """The hearings as an iCalendar file: one event per hearing with a day (or due date)."""
    cal = Calendar()
    cal.add("prodid", "-//Verkeerstoren//hearings//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for h in hearings:
        event = Event()
        event.add("uid", f"hearing-{h.pk}@verkeerstoren")
        where = h.location.name + (f", {h.room.code}" if h.room and "room" in columns else "")
        event.add("summary", f"{h.case.reference} ({h.mode})")
        event.add("location", where)
        if h.day is not None and h.slot is not None:
            start, end = span(h.day, h.slot, h.length)
            event.add("dtstart", start)
            event.add("dtend", end)
        elif h.due_date is not None:
            event.add("dtstart", h.due_date)
            event.add("dtend", h.due_date + timedelta(days=1))
        else:
            continue
        details = [f"{c}: {_cell(h, c)}" for c in columns if c not in ("case", "day", "slot")]
        event.add("description", "\n".join(details))
        event.add("status", "CANCELLED" if h.status == Hearing.Status.CANCELLED else "CONFIRMED")
        cal.add_component(event)
    return bytes(cal.to_ical())
