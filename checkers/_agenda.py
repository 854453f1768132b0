"""The date outputs shared by the timeline checkers: the events list, the .ics text, the text to copy.

``agenda(name, heading, facts, events, on, inputs)`` returns the three JSON-compatible outputs
``calendar`` (list of ``{"date", "title", "description"}``), ``ics`` (RFC 5545 text, or None when
there is no event) and ``share_text`` (plain text for a chat: downloads often fail inside chat
apps). ``facts`` are (label, date) lines shown in the text before the events.
"""

import datetime
import json
from typing import Any, TypedDict

from checkers import _dates, _ical
from checkers._types import CalendarEntry


class Agenda(TypedDict):
    """The three date outputs of a timeline checker's result (``_types.Result`` has them as optional)."""

    calendar: list[CalendarEntry]
    ics: str | None  # None when there is no event
    share_text: str


FOOTER = "（支部规范图解·自查工具按所填日期算出，仅供对照自查，以上级党组织的意见为准。）"


def event(day: datetime.date, title: str, description: str = "") -> CalendarEntry:
    return {"date": day.isoformat(), "title": title, "description": description}


def agenda(
    name: str,
    heading: str,
    facts: list[tuple[str, datetime.date]],
    events: list[CalendarEntry],
    on: datetime.date,
    inputs: dict[str, Any],
    alarm_days: int | None = None,
) -> Agenda:
    """``calendar``, ``ics`` and ``share_text`` for one result; ``alarm_days``: a reminder on every event of the .ics."""
    events = sorted(events, key=lambda item: item["date"])
    key = name + json.dumps(inputs, ensure_ascii=False, sort_keys=True, default=str)
    stamp = datetime.datetime(on.year, on.month, on.day, tzinfo=datetime.UTC)
    dated: list[_ical.Event] = [
        {**item, "alarm_days": alarm_days} if alarm_days is not None else {**item} for item in events
    ]
    ics = _ical.calendar_text(dated, stamp, heading, key) if events else None
    lines = [heading]
    lines += ["%s：%s" % (label, _dates.text(day)) for label, day in facts]
    if events:
        lines.append("待办时间：")
        for item in events:
            day = datetime.date.fromisoformat(item["date"])
            lines.append("· %s　%s" % (_dates.text(day), item["title"]))
    lines.append(FOOTER)
    return {"calendar": events, "ics": ics, "share_text": "\n".join(lines)}
