"""The .ics files and dates the timeline checkers give, read back with a maintained calendar library.

``checkers/_ical.py`` writes iCalendar by hand (the checkers run standard library only, in Pyodide);
here the ``icalendar`` package parses what it writes, and the events must be all-day events on the
dates the checker computed (DTEND the next day), with CRLF line ends, lines folded at 75 octets and
text escaped so that it reads back unchanged.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import icalendar
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkers import _dates, _ical, development, reelection  # noqa: E402


def parse(text: str) -> list[icalendar.Event]:
    assert "\n" not in text.replace("\r\n", ""), "every line must end in CRLF"
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def all_day(event: icalendar.Event) -> tuple[datetime.date, datetime.date]:
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is datetime.date and type(end) is datetime.date, (start, end)
    assert end == start + datetime.timedelta(days=1)
    return start, end


def test_development_ics_holds_the_computed_dates():
    result = development.check({"person": "张三", "accepted_on": "2024-01-15", "as_of": "2024-02-01"})
    events = parse(result["ics"])
    got = sorted((all_day(e)[0], str(e["SUMMARY"])) for e in events)
    assert [day for day, _ in got] == [
        datetime.date(2024, 4, 15),
        datetime.date(2024, 7, 15),
        datetime.date(2025, 1, 15),
    ]
    assert [item["date"] for item in result["calendar"]] == ["2024-04-15", "2024-07-15", "2025-01-15"]
    assert got[-1][1] == "预备期满，党支部及时讨论能否转为正式党员"
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert event.decoded("DTSTAMP") == datetime.datetime(2024, 2, 1, tzinfo=datetime.UTC)
    assert "张三" in result["share_text"] and "2025年1月15日" in result["share_text"]


def test_reelection_ics_holds_the_term_dates():
    result = reelection.check({"elected_on": "2024-02-29", "meeting_on": "2027-02-28", "as_of": "2026-01-05"})
    events = {str(e["SUMMARY"]): all_day(e)[0] for e in parse(result["ics"])}
    assert events == {
        "上级党组织提醒换届准备（任期届满前6个月）": datetime.date(2026, 8, 28),
        "换届选举请示最迟报送上级党委（党员大会前60天）": datetime.date(2026, 12, 30),
        "本届支部委员会任期届满，按期换届": datetime.date(2027, 2, 28),
        "换届选举党员大会": datetime.date(2027, 2, 28),
        "延期换届的最后期限（届满后一般不超过1年，须经批准）": datetime.date(2028, 2, 28),
    }
    assert result["term_ends"] == "2027-02-28" and result["request_by"] == "2026-12-30"
    assert "2027年2月28日" in result["share_text"]


def test_same_event_keeps_its_uid_when_other_inputs_change():
    one = development.check({"person": "李四", "accepted_on": "2024-01-15", "as_of": "2024-02-01"})
    two = development.check(
        {"person": "李四", "born": "2000-01-01", "accepted_on": "2024-01-15", "as_of": "2024-03-01"}
    )
    uid = {str(e["SUMMARY"]): str(e["UID"]) for e in parse(one["ics"])}
    assert uid == {str(e["SUMMARY"]): str(e["UID"]) for e in parse(two["ics"])}


def test_development_leap_day_probation_in_the_calendar():
    result = development.check(
        {"accepted_on": "2024-02-29", "admission_approved_on": "2024-03-10", "as_of": "2024-04-01"}
    )
    (event,) = parse(result["ics"])
    assert all_day(event)[0] == datetime.date(2025, 2, 28)


def test_text_is_escaped_folded_and_reads_back_unchanged():
    title = "谈话；期限,逗号\\反斜杠" + "很长的标题" * 20
    description = "第一行\n第二行；有分号, 有逗号"
    text = _ical.calendar_text(
        [_ical.Event(date="2024-12-31", title=title, description=description)],
        datetime.datetime(2024, 1, 1, 8, 30, tzinfo=datetime.UTC),
        "日历,名称",
        "key",
    )
    (event,) = parse(text)
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]) == description
    assert all_day(event) == (datetime.date(2024, 12, 31), datetime.date(2025, 1, 1))
    assert text.endswith("END:VCALENDAR\r\n")


@pytest.mark.parametrize(
    "day,months,expected",
    [
        ("2024-01-31", 1, "2024-02-29"),
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2024-08-31", -6, "2024-02-29"),
        ("2024-03-15", -3, "2023-12-15"),
        ("2024-12-15", 1, "2025-01-15"),
    ],
)
def test_add_months_keeps_the_calendar_day_or_the_month_end(day, months, expected):
    assert _dates.add_months(datetime.date.fromisoformat(day), months).isoformat() == expected
