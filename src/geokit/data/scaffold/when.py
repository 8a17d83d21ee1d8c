"""Dates in a text, resolved against its publication date at the precision the words allow.

Each mention keeps the text's own wording and gets an ISO 8601 value (:mod:`geokit.data.dates`)
and a note saying how it was resolved; nothing is made more precise than its words:

=========================  ===============================================================
wording                    value (published Thursday 2025-06-12, ISO week 2025-W24)
=========================  ===============================================================
last week / next week      the ISO week before / after: ``2025-W23``, ``2025-W25``
last month / this month    ``2025-05``, ``2025-06``
last year / next year      ``2024``, ``2026``
earlier this year          January to the month of publication: ``2025-01/2025-06``
later this year            the month of publication to December: ``2025-06/2025-12``
May last year              ``2024-05``
(in) August                the latest August up to publication, or the next one when the
                           sentence speaks of the future ("will", "is due to")
October 4, 4 October       the latest such day up to publication (or the next, likewise)
2-3 October 2012           ``2012-10-02/2012-10-03``
on Tuesday, last Tuesday   the latest Tuesday up to publication: ``2025-06-10``; ``next
                           Tuesday`` and a Tuesday in a sentence about the future: the next
the next day, a day later  the day after the day the text named last; null when that was
                           no single day ("last week"): the text gives no day
yesterday, today           ``2025-06-11``, ``2025-06-12``
three days/weeks ago       the day, or the ISO week, that many back
1990s, late 1990s          ``1990/1999``; ``1995/1999`` (early: ``1990/1994``), with a note
                           that reading half the decade is ours
=========================  ===============================================================
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates"]

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_MONTH = "|".join(_MONTH_NAMES)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = "|".join(_WEEKDAYS)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_FUTURE = re.compile(r"\b(?:will|shall|would|is to|are to|is due|are due|plans? to|planned|"
                     r"is expected|are expected|is set to|are set to|scheduled|upcoming|"
                     r"next)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date the text gives: where, in which words, resolved to what."""

    paragraph: int  # from 1
    start: int  # offset of the wording in the paragraph's text
    wording: str
    value: str | None
    note: str
    future: bool


@dataclass(frozen=True)
class _Ctx:
    published: dt.date
    future: bool
    previous_day: dt.date | None
    previous_wording: str


def _month(name: str) -> int:
    return _MONTH_NAMES.index(name.capitalize()) + 1


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _day_name(d: dt.date) -> str:
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


def _pub(c: _Ctx) -> str:
    return f"the publication date, {_day_name(c.published)}"


# -- resolvers: (match, context) -> (value, note) ---------------------------------------------

Resolved = tuple[str | None, str]


def _relative_span(m: re.Match[str], c: _Ctx) -> Resolved:
    which, unit = m["which"].lower(), m["unit"].lower()
    step = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[which]
    p = c.published
    if unit == "week":
        value = _week(p + dt.timedelta(weeks=step))
        lo = p + dt.timedelta(weeks=step, days=-p.weekday())
        span = f"{lo.day} {_MONTH_NAMES[lo.month - 1]}-{(lo + dt.timedelta(days=6)).day} " \
               f"{_MONTH_NAMES[(lo + dt.timedelta(days=6)).month - 1]} {lo.year}"
        return value, f"The ISO week {'of' if step == 0 else 'before' if step < 0 else 'after'} " \
                      f"{_pub(c)} ({span}); the text gives no day."
    if unit == "month":
        y, mo = _add_months(p.year, p.month, step)
        return f"{y}-{mo:02d}", f"Resolved against {_pub(c)}; the text gives no day."
    return str(p.year + step), f"Resolved against {_pub(c)}; the text gives no month."


def _early_late(m: re.Match[str], c: _Ctx) -> Resolved:
    when, unit = m["when"].lower(), m["unit"].lower()
    p = c.published
    earlier = when == "earlier"
    if unit == "year":
        lo, hi = (f"{p.year}-01", f"{p.year}-{p.month:02d}") if earlier else \
                 (f"{p.year}-{p.month:02d}", f"{p.year}-12")
    elif unit == "month":
        end = dt.date(*_add_months(p.year, p.month, 1), 1) - dt.timedelta(days=1)
        lo, hi = (f"{p:%Y-%m}-01", p.isoformat()) if earlier else (p.isoformat(),
                                                                   end.isoformat())
    else:
        monday = p - dt.timedelta(days=p.weekday())
        lo, hi = (monday.isoformat(), p.isoformat()) if earlier else \
                 (p.isoformat(), (monday + dt.timedelta(days=6)).isoformat())
    value = lo if lo == hi else f"{lo}/{hi}"
    return value, (f"The text says only {m[0]!r}: the interval runs "
                   f"{'up to' if earlier else 'from'} {_pub(c)} and claims nothing more precise.")


def _month_relative_year(m: re.Match[str], c: _Ctx) -> Resolved:
    step = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
    year = c.published.year + step
    return f"{year}-{_month(m['month']):02d}", \
        f'"{m["which"].lower()} year" against {_pub(c)} is {year}.'


def _qualified_month(m: re.Match[str], c: _Ctx) -> Resolved:
    month, p = _month(m["month"]), c.published
    if m["which"].lower() == "last":
        year = p.year if month < p.month else p.year - 1
        return f"{year}-{month:02d}", f"The latest {m['month']} before {_pub(c)}."
    year = p.year if month > p.month else p.year + 1
    return f"{year}-{month:02d}", f"The first {m['month']} after {_pub(c)}."


def _month_year(m: re.Match[str], c: _Ctx) -> Resolved:
    return f"{m['year']}-{_month(m['month']):02d}", ""


def _lone_month(m: re.Match[str], c: _Ctx) -> Resolved:
    month, p = _month(m["month"]), c.published
    if c.future:
        year = p.year if month >= p.month else p.year + 1
        return f"{year}-{month:02d}", (f"No year is given, and the sentence looks ahead: taken "
                                       f"as the next {m['month']} from {_pub(c)}.")
    year = p.year if month <= p.month else p.year - 1
    return f"{year}-{month:02d}", (f"No year is given; taken as the latest {m['month']} up to "
                                   f"{_pub(c)}.")


def _day_month(m: re.Match[str], c: _Ctx) -> Resolved:
    month, day, p = _month(m["month"]), int(m["day"]), c.published
    if m["year"]:
        try:
            return dt.date(int(m["year"]), month, day).isoformat(), ""
        except ValueError:
            return None, f"{m[0]!r} is no real date; the text's date is kept as words only."
    for year in ((p.year, p.year + 1) if c.future else (p.year, p.year - 1)):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if (d >= p) if c.future else (d <= p):
            way = "next such day from" if c.future else "latest such day up to"
            return d.isoformat(), f"No year is given; taken as the {way} {_pub(c)}."
    return None, f"{m[0]!r} is no real date; the text's date is kept as words only."


def _day_range(m: re.Match[str], c: _Ctx) -> Resolved:
    month = _month(m["month"])
    year = int(m["year"]) if m["year"] else (
        c.published.year if month <= c.published.month else c.published.year - 1)
    try:
        lo, hi = dt.date(year, month, int(m["d1"])), dt.date(year, month, int(m["d2"]))
    except ValueError:
        return None, f"{m[0]!r} is no real date; the text's date is kept as words only."
    note = "" if m["year"] else f"No year is given; taken as {year} from {_pub(c)}."
    return f"{lo.isoformat()}/{hi.isoformat()}", note


def _weekday(m: re.Match[str], c: _Ctx) -> Resolved:
    target, p = _WEEKDAYS.index(m["day"]), c.published
    which = (m["which"] or "").lower()
    ahead = which == "next" or (which != "last" and c.future)
    if ahead:
        d = p + dt.timedelta(days=(target - p.weekday() - 1) % 7 + 1)
        return d.isoformat(), f"The first {m['day']} after {_pub(c)}" + (
            "; the sentence looks ahead." if which != "next" else ".")
    d = p - dt.timedelta(days=(p.weekday() - target) % 7)
    return d.isoformat(), f"The latest {m['day']} up to {_pub(c)}."


def _next_day(m: re.Match[str], c: _Ctx) -> Resolved:
    back = " ".join(m[0].lower().split()) in ("the previous day", "the day before",
                                              "a day earlier")
    if c.previous_day is None:
        return None, (f"{'The day before' if back else 'The day after'} "
                      f"{c.previous_wording or 'a date the text does not give'!r}, which names "
                      "no single day: the text gives no day.")
    d = c.previous_day + dt.timedelta(days=-1 if back else 1)
    return d.isoformat(), (f"The day {'before' if back else 'after'} {c.previous_wording!r} "
                           f"({c.previous_day.isoformat()}).")


def _near_day(m: re.Match[str], c: _Ctx) -> Resolved:
    step = {"yesterday": -1, "today": 0, "tomorrow": 1}[m[0].lower()]
    return (c.published + dt.timedelta(days=step)).isoformat(), f"Against {_pub(c)}."


def _ago(m: re.Match[str], c: _Ctx) -> Resolved:
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
    unit, p = m["unit"].lower().rstrip("s"), c.published
    note = f"{m[0]!r} counted back from {_pub(c)}; the text gives no more."
    if unit == "day":
        return (p - dt.timedelta(days=n)).isoformat(), f"Counted back from {_pub(c)}."
    if unit == "week":
        return _week(p - dt.timedelta(weeks=n)), note
    if unit == "month":
        y, mo = _add_months(p.year, p.month, -n)
        return f"{y}-{mo:02d}", note
    return str(p.year - n), note


def _decade(m: re.Match[str], c: _Ctx) -> Resolved:
    start, part = int(m["decade"]), (m["part"] or "").lower()
    if not part:
        return f"{start}/{start + 9}", ""
    lo, hi = {"early": (0, 4), "mid": (3, 6), "late": (5, 9)}[part]
    return f"{start + lo}/{start + hi}", (
        f"The text says {m[0]!r} and gives no year; reading it as {start + lo}-{start + hi}, "
        f"the {'first' if part == 'early' else 'middle' if part == 'mid' else 'second'} "
        "part of the decade, is ours.")


def _year(m: re.Match[str], c: _Ctx) -> Resolved:
    return m["year"], ""


_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], _Ctx], Resolved]], ...] = tuple(
    (re.compile(p), fn) for p, fn in (
        (rf"\b(?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})\s+(?P<month>{_MONTH})"
         r"(?:,?\s+(?P<year>\d{4}))?\b", _day_range),
        (rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})"
         r"(?:,?\s+(?P<year>\d{4}))?\b", _day_month),
        (rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
         r"(?![\d,]*\d)", _day_month),
        (rf"\b(?P<month>{_MONTH})\s+(?P<which>last|this|next)\s+year\b", _month_relative_year),
        (rf"\b(?P<which>[Ll]ast|[Nn]ext)\s+(?P<month>{_MONTH})\b", _qualified_month),
        (rf"\b(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})\b", _month_year),
        (r"\b(?P<when>[Ee]arlier|[Ll]ater)\s+this\s+(?P<unit>year|month|week)\b", _early_late),
        (r"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext|[Pp]revious|[Pp]ast|[Cc]oming)\s+"
         r"(?P<unit>week|month|year)\b", _relative_span),
        (rf"\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<day>{_WEEKDAY})\b", _weekday),
        (r"\b(?:[Tt]he\s+(?:next|following|previous)\s+day|[Tt]he\s+day\s+(?:after|before)\b"
         r"(?!\s+(?:the|his|her|its|their|a)\b)|[Aa]\s+day\s+(?:later|earlier)|[Nn]ext\s+day)\b",
         _next_day),
        (r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\b", _near_day),
        (r"\b(?P<n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
         r"\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", _ago),
        (r"\b(?:(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[- ])?(?P<decade>(?:1[89]|20)\d0)s\b",
         _decade),
        (rf"(?:(?<=\b[Ii]n )|(?<=\b[Ss]ince )|(?<=\b[Uu]ntil )|(?<=\b[Bb]y )|(?<=\b[Ff]rom )|"
         rf"(?<=\b[Dd]uring )|(?<=\b[Ee]arly )|(?<=\b[Ll]ate )|(?<=\bmid-))"
         rf"(?P<month>{_MONTH})\b(?!\s+\d)", _lone_month),
        (rf"\b(?P<month>{'|'.join(n for n in _MONTH_NAMES if n != 'May')})\b(?!\s+\d)",
         _lone_month),
        (r"(?<![\d$.,-])\b(?P<year>(?:1[89]|20)\d\d)\b(?![\d%-]|\s*(?:MW|megawatts?|percent))",
         _year),
    )
)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding offset ``at`` begins."""
    cut = max(text.rfind(". ", 0, at), text.rfind("? ", 0, at), text.rfind("! ", 0, at))
    return 0 if cut < 0 else cut + 2


def find_dates(paragraphs: Sequence[str], published: dt.date) -> list[DateMention]:
    """Every date ``paragraphs`` give, in reading order, resolved against ``published``.

    >>> [(d.wording, d.value) for d in find_dates(
    ...     ["They met last week and again on Tuesday.", "The next day, talks ended."],
    ...     dt.date(2025, 6, 12))]
    [('last week', '2025-W23'), ('Tuesday', '2025-06-10'), ('The next day', '2025-06-11')]
    """
    out: list[DateMention] = []
    previous_day: dt.date | None = None
    previous_wording = ""
    for n, text in enumerate(paragraphs, start=1):
        found: list[tuple[int, int, re.Match[str], Callable[[re.Match[str], _Ctx], Resolved]]] = []
        for pattern, fn in _PATTERNS:
            for m in pattern.finditer(text):
                if not any(a < m.end() and m.start() < b for a, b, _, _ in found):
                    found.append((m.start(), m.end(), m, fn))
        for start, _end, m, fn in sorted(found, key=lambda f: f[0]):
            before = text[_sentence_start(text, start):start]
            ctx = _Ctx(published, bool(_FUTURE.search(before)), previous_day, previous_wording)
            value, note = fn(m, ctx)
            out.append(DateMention(n, start, m[0], value, note, ctx.future))
            day = value is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
            previous_day = dt.date.fromisoformat(value) if day and value else None
            previous_wording = m[0]
    return out
