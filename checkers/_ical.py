"""A small iCalendar (RFC 5545) writer for all-day events, standard library only.

``calendar_text(events, stamp, name)`` returns a VCALENDAR with one VEVENT per event:
``DTSTART;VALUE=DATE`` and ``DTEND;VALUE=DATE`` the next day (an all-day event), a ``UID`` that
stays the same for the same event (so importing again updates rather than duplicates), and
``DTSTAMP`` in UTC. An event may recur (``rrule``: the RRULE value, RFC 5545 §3.3.10, e.g.
``FREQ=MONTHLY;BYDAY=2FR;COUNT=12``; DTSTART is then its first occurrence) and may carry a
reminder (``alarm_days``: a VALARM with ACTION:DISPLAY that many days before the start, §3.6.6;
0 is the start itself). Text values are escaped (backslash, semicolon, comma, newline), lines end in
CRLF and are folded at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1, §3.3.11).
Tests parse the output with the ``icalendar`` library.
"""

import datetime
import hashlib
from typing import NotRequired, TypedDict

PRODID = "-//zhibu//支部规范图解 自查工具//ZH"
LINE_OCTETS = 75  # RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding CRLF
CRLF = "\r\n"


class Event(TypedDict):
    """One all-day event: its date, a one-line title and an optional longer description."""

    date: str  # YYYY-MM-DD
    title: str
    description: str
    rrule: NotRequired[str]  # an RRULE value without the "RRULE:" name; absent for a one-off event
    alarm_days: NotRequired[int]  # a reminder this many days before; absent for none


def escape(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets; continuation lines start with one space."""
    out: list[str] = []
    current = ""
    size = 0  # octets in ``current`` (counted as it grows: encoding the whole line again per character is quadratic)
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            out.append(current)
            current, size = " ", 1  # the leading space counts towards the 75
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def uid(event: Event, key: str) -> str:
    """A stable UID: the date, and a digest of the key (the checker's inputs) and the title."""
    digest = hashlib.sha256((key + "\n" + event["title"]).encode("utf-8")).hexdigest()[:20]
    return "%s-%s@zhibu" % (_date(event["date"]).strftime("%Y%m%d"), digest)


def alarm(days: int, title: str) -> list[str]:
    """A VALARM (RFC 5545 §3.6.6) ``days`` before the event's start: ACTION, TRIGGER, DESCRIPTION."""
    trigger = "-P%dD" % days if days > 0 else "PT0S"
    return ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:" + trigger, "DESCRIPTION:" + escape(title), "END:VALARM"]


def calendar_text(events: list[Event], stamp: datetime.datetime, name: str, key: str) -> str:
    """The .ics text for ``events`` (all-day); ``stamp`` is DTSTAMP, ``name`` the calendar name."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + escape(PRODID),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape(name),
    ]
    when = stamp.astimezone(datetime.UTC) if stamp.tzinfo else stamp
    dtstamp = when.strftime("%Y%m%dT%H%M%SZ")
    for event in events:
        start = _date(event["date"])
        lines += [
            "BEGIN:VEVENT",
            "UID:" + uid(event, key),
            "DTSTAMP:" + dtstamp,
            "DTSTART;VALUE=DATE:" + start.strftime("%Y%m%d"),
            "DTEND;VALUE=DATE:" + (start + datetime.timedelta(days=1)).strftime("%Y%m%d"),
            "SUMMARY:" + escape(event["title"]),
        ]
        if "rrule" in event:
            lines.append("RRULE:" + event["rrule"])
        if event["description"]:
            lines.append("DESCRIPTION:" + escape(event["description"]))
        lines.append("TRANSP:TRANSPARENT")
        if "alarm_days" in event:
            lines += alarm(event["alarm_days"], event["title"])
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
