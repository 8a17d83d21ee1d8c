"""ISO 8601 dates at the precision a text allows: day, month, year, ISO week, or an interval."""

from __future__ import annotations

import datetime as dt
import re

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day a date value covers; ``ValueError`` names what is wrong.

    >>> date_bounds("2012-W40")
    (datetime.date(2012, 10, 1), datetime.date(2012, 10, 7))
    >>> date_bounds("2012-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2012-02-30' is not a real date: day is out of range for month
    """
    if "/" in value:
        start, _, end = value.partition("/")
        lo, _ = date_bounds(start)
        _, hi = date_bounds(end)
        if hi < lo:
            raise ValueError(f"interval {value!r} ends before it starts")
        return lo, hi
    try:
        if m := _DAY.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH.match(value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date: {exc}") from None
    raise ValueError(
        f"{value!r} is not an ISO 8601 date: use YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www "
        "or an interval START/END"
    )


def precision(value: str) -> str:
    """'day', 'month', 'year', 'week' or 'interval'."""
    if "/" in value:
        return "interval"
    for name, rx in (("day", _DAY), ("month", _MONTH), ("year", _YEAR), ("week", _WEEK)):
        if rx.match(value):
            return name
    raise ValueError(value)
