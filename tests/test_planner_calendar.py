"""The 年度组织生活计划's .ics file: recurring events (RRULE) and reminders (VALARM), read back.

``checkers/_ical.py`` writes iCalendar by hand (standard library only, in Pyodide). Here the
``icalendar`` package parses the planner's file, ``dateutil`` (which ``icalendar`` depends on)
expands each RRULE the way calendar programs do, and the dates must be the hand-computed ones for
the whole year; every event carries a reminder and its rule in its description. A small strict
reader checks the text itself (RFC 5545 §3.1): CRLF line ends, lines of at most 75 octets,
continuation lines starting with one space, one ``NAME:value`` per unfolded line, BEGIN/END
balanced, a unique UID and a DTSTAMP fixed by the inputs (the same inputs give the same bytes).

Seen to fail on planted defects: ``BYMONTHDAY=31`` without the ``BYSETPOS`` clamp (calendar
programs then skip February, April, June, September and November); the VALARM left out; DTSTAMP
taken from today's date.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

import icalendar
from dateutil import rrule

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkers import planner  # noqa: E402

SAMPLE = {
    "year": "2027",
    "groups": "3",
    "theme_nth": "2",
    "theme_weekday": "fri",
    "dues_day": "31",
    "elected_on": "2024-05-20",
}

# Worked out by hand from a printed 2027 calendar (1 January 2027 is a Friday).
SECOND_FRIDAYS_2027 = [
    "01-08",
    "02-12",
    "03-12",
    "04-09",
    "05-14",
    "06-11",
    "07-09",
    "08-13",
    "09-10",
    "10-08",
    "11-12",
    "12-10",
]
DUES_31ST_2027 = [
    "01-31",
    "02-28",
    "03-31",
    "04-30",
    "05-31",
    "06-30",
    "07-31",
    "08-31",
    "09-30",
    "10-31",
    "11-30",
    "12-31",
]
FIRST_OF_QUARTER = ["01-01", "04-01", "07-01", "10-01"]
FIRST_OF_MONTH = ["%02d-01" % month for month in range(1, 13)]


def strict_lines(text: str) -> list[str]:
    """The unfolded content lines, after checking the text's form (RFC 5545 §3.1)."""
    assert text.endswith("\r\n"), "the file ends with CRLF"
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF, no bare LF"
    assert "\r" not in text.replace("\r\n", ""), "no bare CR"
    physical = text[: -len("\r\n")].split("\r\n")
    unfolded: list[str] = []
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, "over 75 octets: %r" % line
        if line.startswith(" "):
            assert unfolded, "a continuation line cannot come first"
            unfolded[-1] += line[1:]
        else:
            assert not line.startswith("\t")
            unfolded.append(line)
    stack: list[str] = []
    for line in unfolded:
        assert re.match(r"^[A-Z][A-Z0-9-]*(;[A-Z-]+=[^:;]+)*:", line), "not NAME[;PARAM=v]:value: %r" % line
        if line.startswith("BEGIN:"):
            stack.append(line[len("BEGIN:") :])
        elif line.startswith("END:"):
            assert stack and stack.pop() == line[len("END:") :], "END without its BEGIN: %r" % line
    assert not stack, "unclosed %s" % stack
    return unfolded


def occurrences(event: icalendar.Event) -> list[str]:
    start = event.decoded("DTSTART")
    assert type(start) is datetime.date, "an all-day event"
    if "RRULE" not in event:
        return [start.strftime("%m-%d")]
    text = event["RRULE"].to_ical().decode()
    first = datetime.datetime(start.year, start.month, start.day)
    return [day.strftime("%m-%d") for day in rrule.rrulestr(text, dtstart=first)]


def events_of(result) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(result["ics"])
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_recurring_events_expand_to_the_hand_computed_dates_for_the_whole_year():
    result = planner.check(SAMPLE)
    assert result["verdict"] == "pass", result["errors"]
    events = events_of(result)
    assert occurrences(events["主题党日（每月第二个周五）"]) == SECOND_FRIDAYS_2027
    assert occurrences(events["收缴党费（每月31日）"]) == DUES_31ST_2027
    assert occurrences(events["本月召开支部党员大会（建议月份）"]) == FIRST_OF_QUARTER
    assert occurrences(events["本月召开党课（建议月份）"]) == FIRST_OF_QUARTER
    assert occurrences(events["本月召开支部委员会会议"]) == FIRST_OF_MONTH
    assert occurrences(events["本月召开党小组会"]) == FIRST_OF_MONTH
    assert occurrences(events["本月组织生活会（建议月份）"]) == ["12-01"]
    assert occurrences(events["本月民主评议党员（建议月份）"]) == ["12-01"]
    assert occurrences(events["本月谈心谈话（建议月份）"]) == ["11-01"]
    assert occurrences(events["本届支部委员会任期届满，按期换届"]) == ["05-20"]


def test_the_ics_dates_are_the_tables_dates():
    result = planner.check(SAMPLE)
    events = events_of(result)
    table = [cell[0]["date"][5:] for row in result["plan"]["rows"] for cell in [row["cells"][3]]]
    assert occurrences(events["主题党日（每月第二个周五）"]) == table
    dues = [row["cells"][5][0]["date"][5:] for row in result["plan"]["rows"]]
    assert occurrences(events["收缴党费（每月31日）"]) == dues


def test_a_leap_february_and_a_last_weekday():
    events = events_of(planner.check({"year": "2028", "dues_day": "30", "theme_nth": "last", "theme_weekday": "sun"}))
    assert occurrences(events["收缴党费（每月30日）"])[:3] == ["01-30", "02-29", "03-30"]
    assert occurrences(events["主题党日（每月最后一个周日）"])[:4] == ["01-30", "02-27", "03-26", "04-30"]


def test_every_event_has_a_reminder_and_its_rule():
    events = events_of(planner.check(SAMPLE))
    assert len(events) >= 10
    for title, event in events.items():
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        assert len(alarms) == 1, title
        assert str(alarms[0]["ACTION"]) == "DISPLAY" and alarms[0].get("DESCRIPTION")
        assert alarms[0].decoded("TRIGGER") == datetime.timedelta(days=-3), title
        description = str(event["DESCRIPTION"])
        assert "依据：" in description, title
        assert re.search(r"《[^》]+》|通常做法|本站建议", description), title
    assert "第十六条" in str(events["主题党日（每月第二个周五）"]["DESCRIPTION"])
    assert "第十一条" in str(events["本月召开支部党员大会（建议月份）"]["DESCRIPTION"])


def test_the_reminder_lead_is_the_forms():
    events = events_of(planner.check({**SAMPLE, "alarm_days": "7"}))
    for event in events.values():
        alarm = next(c for c in event.subcomponents if c.name == "VALARM")
        assert alarm.decoded("TRIGGER") == datetime.timedelta(days=-7)
    events = events_of(planner.check({**SAMPLE, "alarm_days": "0"}))
    for event in events.values():
        alarm = next(c for c in event.subcomponents if c.name == "VALARM")
        assert alarm.decoded("TRIGGER") == datetime.timedelta(0)


def test_the_text_is_strict_rfc5545_and_reproducible():
    first = planner.check(SAMPLE)["ics"]
    again = planner.check(dict(SAMPLE))["ics"]
    assert first == again, "the same inputs give the same file (importing again updates, not duplicates)"
    lines = strict_lines(first)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) == lines.count("BEGIN:VEVENT")
    stamps = {line for line in lines if line.startswith("DTSTAMP:")}
    assert stamps == {"DTSTAMP:20270101T000000Z"}, "DTSTAMP comes from the planned year, not the clock"
    for line in lines:
        if line.startswith("RRULE:"):
            assert re.match(r"^RRULE:FREQ=MONTHLY(;[A-Z]+=[-0-9A-Z,]+)+$", line), line
    other = planner.check({**SAMPLE, "dues_day": "5"})["ics"]
    assert {line for line in strict_lines(other) if line.startswith("UID:")}.isdisjoint(uids)
