"""Figures (money, power, percentages) and quotations with their nearest attribution.

A quotation is the text between a pair of quotation marks (typographic or straight). Its
speaker is found where news writing puts it: after the quotation ('..., Rehmat said'),
before it ('Farooq said the deal was "..."'), as 'X quoted Y as saying' (Y speaks, X is the
channel), or 'according to X'. 'He' or 'she' is the person named last before it; a quotation
with no attribution of its own, after another in the same paragraph, has the same speaker. An
unnamed source ('an energy official') becomes an actor of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["FigureMention", "QuoteMention", "find_figures", "find_quotes"]

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_RANGE = rf"(?P<n1>{_NUMBER})(?:\s?(?:to|-|–)\s?(?:US\$|\$|Rs\.?\s?)?(?P<n2>{_NUMBER}))?"
_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12, "crore": 1e7, "lakh": 1e5}
_CURRENCY = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₹": "INR",
             "PKR": "PKR", "INR": "INR", "Rs": "rupees", "Rs.": "rupees", "dollars": "USD",
             "rupees": "rupees", "yuan": "CNY", "euros": "EUR", "pounds": "GBP"}
_POWER = {"mw": "MW", "megawatt": "MW", "megawatts": "MW", "gw": "GW", "gigawatt": "GW",
          "gigawatts": "GW", "kw": "kW", "kilowatt": "kW", "kilowatts": "kW"}
_FIGURES = tuple(re.compile(p) for p in (
    rf"(?P<cur>US\$|\$|€|£|¥|₹|Rs\.?|PKR|INR)\s?{_RANGE}"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|crore|lakh|m)\b)?",
    rf"\b{_RANGE}\s(?:(?P<scale>thousand|million|billion|trillion|crore|lakh)\s)?"
    r"(?P<cur>dollars|rupees|yuan|euros|pounds)\b",
    rf"\b{_RANGE}(?:\s?-\s?|\s)?(?P<unit>MW|GW|kW|[Mm]egawatts?|[Gg]igawatts?|[Kk]ilowatts?)\b",
    rf"\b{_RANGE}\s?(?P<unit>%|per\s?cent\b|percent\b)",
))

_VERBS = (r"said|says|told|added|stated|noted|wrote|argued|warned|insisted|explained|"
          r"declared|remarked|announced|observed|maintained|asserted|claimed|stressed")
_UNNAMED = re.compile(
    r"\b(?:an?|the|one|two|three|several|some)\s+(?P<desc>(?:[a-z-]+\s+){0,3}?"
    r"(?:officials?|spokesperson|spokesman|spokeswoman|diplomats?|sources?|observers?|"
    r"analysts?|experts?|aides?|advisers?|insiders?))\b"
)


@dataclass(frozen=True)
class FigureMention:
    """A figure the text gives: its exact wording, unit and value(s)."""

    paragraph: int
    start: int
    wording: str
    unit: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class QuoteMention:
    """A quotation, with the words around it that may say who speaks."""

    paragraph: int
    start: int
    end: int
    text: str
    who: str  # the attribution's words ('Rehmat', 'an energy official'); '' if none
    channel: str  # who carried it ('The daily Dawn', in 'X quoted Y as saying'); '' if none
    pronoun: bool  # the attribution is 'he' or 'she'


def _value(text: str | None, scale: float) -> float | None:
    if not text:
        return None
    try:
        return float(text.replace(",", "")) * scale
    except ValueError:
        return None


def find_figures(paragraphs: Sequence[str]) -> list[FigureMention]:
    """Money, power and percentages in ``paragraphs``, in reading order.

    >>> for f in find_figures(["A 1,320-megawatt plant, a $2.4 billion line, a 15 percent cut."]):
    ...     print(f.wording, f.unit, f.low, f.high)
    1,320-megawatt MW 1320.0 1320.0
    $2.4 billion USD 2400000000.0 2400000000.0
    15 percent % 15.0 15.0
    """
    out: list[FigureMention] = []
    for n, text in enumerate(paragraphs, start=1):
        taken: list[tuple[int, int]] = []
        for pattern in _FIGURES:
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                groups = m.groupdict()
                scale = _SCALE.get((groups.get("scale") or "").lower(), 1.0)
                if groups.get("cur"):
                    unit = _CURRENCY.get(groups["cur"].strip(), groups["cur"].strip())
                else:
                    raw = groups["unit"].lower().replace(" ", "")
                    unit = "%" if raw in ("%", "percent", "percent") or "cent" in raw else \
                        _POWER.get(raw, raw)
                low = _value(groups["n1"], scale)
                high = _value(groups.get("n2"), scale) or low
                out.append(FigureMention(n, m.start(), m[0].strip(), unit, low, high))
    return sorted(out, key=lambda f: (f.paragraph, f.start))


def _pairs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks, outermost pairs only."""
    spans: list[tuple[int, int]] = []
    depth, opened = 0, 0
    for m in re.finditer(r"[“”]", text):
        if m[0] == "“":
            if depth == 0:
                opened = m.end()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, m.start()))
    straight = [m.start() for m in re.finditer('"', text)]
    spans += [(a + 1, b) for a, b in zip(straight[::2], straight[1::2], strict=False)]
    return sorted(spans)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    cuts = [m.end() for m in re.finditer(r"[.!?][”\"]?\s+(?=[“\"A-Z])", text)]
    lo = max((c for c in cuts if c <= start - 1), default=0)
    hi = min((c for c in cuts if c > end + 1), default=len(text))
    return lo, hi


def _attribution(before: str, after: str) -> tuple[str, str]:
    """(who, channel) from the words before and after a quotation, in one sentence."""
    m = re.match(rf"^[”\"]?\s*,?\s*(?:(?P<who>[^,.;:“”\"]{{1,80}}?)\s+(?:{_VERBS})\b|"
                 rf"(?:{_VERBS})\s+(?P<who2>[^,.;:“”\"]{{1,60}}))", after)
    if m:
        return (m["who"] or m["who2"] or "").strip(), ""
    m = re.search(r"\baccording to\s+(?P<who>[^,.;:“”\"]{1,80})", after)
    if m:
        return m["who"].strip(), ""
    m = re.search(r"(?P<channel>[^,.;:“”\"]{1,80}?)\s+quoted\s+(?P<who>[^,.;:“”\"]{1,80}?)\s+as\s+"
                  r"saying\b", before)
    if m:
        return m["who"].strip(), m["channel"].strip()
    m = re.search(r"\baccording to\s+(?P<who>[^,.;:“”\"]{1,80}?)\s*,", before)
    if m:
        return m["who"].strip(), ""
    verbs = list(re.finditer(rf"\b(?:{_VERBS})\b", before))
    if verbs:
        return before[: verbs[-1].start()].strip(), ""
    return "", ""


def find_quotes(paragraphs: Sequence[str]) -> list[QuoteMention]:
    """Every quotation in ``paragraphs``, with the words of its nearest attribution.

    >>> q = find_quotes(['"We stay," Rehmat said.'])[0]
    >>> q.text, q.who
    ('We stay', 'Rehmat')
    """
    out: list[QuoteMention] = []
    for n, text in enumerate(paragraphs, start=1):
        for start, end in _pairs(text):
            quoted = text[start:end].strip()
            if not quoted:
                continue
            quoted = quoted.rstrip(",").rstrip()
            lo, hi = _sentence_bounds(text, start, end)
            before = re.sub(r"[“\"]$", "", text[lo:start]).rstrip()
            before = before + " " if before else ""
            who, channel = _attribution(before, text[end:hi])
            pronoun = bool(re.fullmatch(r"(?i)(?:he|she)", who))
            out.append(QuoteMention(n, start, end, quoted, who, channel, pronoun))
    return out


def unnamed_source(who: str) -> str | None:
    """'an energy official' -> 'energy official': a source the text does not name."""
    m = _UNNAMED.search(who)
    return m["desc"] if m else None
