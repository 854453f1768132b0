"""Calendar arithmetic for the checkers: "N months/years later" on the same calendar day.

"N months later" is the same day of the month N months on; when that month is shorter, the last
day of that month (31 January + 1 month → 28 or 29 February; 29 February + 1 year → 28 February).
"N months earlier" likewise. This is the site's reading of 党内法规 wording such as “一年以上”
(on or after the same day a year later) and “一个月内” (until the same day a month later,
inclusive); the regulations do not spell it out, so the checker pages say so.
"""

import calendar
import datetime

MONTHS_A_YEAR = 12  # calendar fact, not a rule


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same calendar day ``months`` later (earlier when negative), clamped to the month end."""
    index = day.year * MONTHS_A_YEAR + (day.month - 1) + months
    year, month = divmod(index, MONTHS_A_YEAR)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in other years."""
    return add_months(day, years * MONTHS_A_YEAR)


def add_days(day: datetime.date, days: int) -> datetime.date:
    return day + datetime.timedelta(days=days)


def text(day: datetime.date) -> str:
    """2024-03-01 → "2024年3月1日"."""
    return "%d年%d月%d日" % (day.year, day.month, day.day)


def iso_text(day: str) -> str:
    """ "2024-03-01" → "2024年3月1日" (an output date back into words)."""
    return text(datetime.date.fromisoformat(day))


def iso(day: datetime.date | None) -> str | None:
    return None if day is None else day.isoformat()
