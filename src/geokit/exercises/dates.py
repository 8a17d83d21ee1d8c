"""Date graders: ``dates`` (resolve the article's relative dates) and ``date`` (one event's day).

A date is right when it covers exactly the days the annotation's ISO 8601 value covers, so
``2012-W40`` and ``2012-10-01/2012-10-07`` are the same answer; feedback says whether a wrong one
is too coarse, too precise or simply another date.
"""

from __future__ import annotations

from typing import Any

from geokit.data.dates import date_bounds
from geokit.data.exercises import Exercise
from geokit.data.model import Article
from geokit.data.query import fill, matches, records_of
from geokit.data.text import cite
from geokit.exercises.answers import date_value, type_name
from geokit.exercises.feedback import Feedback, Invalid

__all__ = ["date_expected", "date_grade", "date_items", "dates_expected", "dates_grade",
           "dates_items", "event_of"]


# -- dates: a dict from the article's wording to an ISO value ---------------------------------


def _events(ex: Exercise, art: Article) -> dict[str, Any]:
    """The first dated event for each of the exercise's wordings."""
    out: dict[str, Any] = {}
    for wording in ex.wordings:
        for e in art.events:
            if e.date.wording.lower() == wording.lower() and e.date.value:
                out.setdefault(wording, e)
    if not out:
        raise LookupError(f"{art.id} has no dated events")
    return out


def dates_items(ex: Exercise, art: Article) -> tuple[tuple[str, str], ...]:
    return tuple((w, f"in {cite(e.paragraphs[:1])}") for w, e in _events(ex, art).items())


def dates_expected(ex: Exercise, art: Article) -> dict[str, str]:
    return {w: e.date.value for w, e in _events(ex, art).items()}


def dates_grade(ex: Exercise, art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict):
        raise Invalid(
            "This exercise expects a dict from the article's wording to an ISO "
            f"date, e.g. {ex.example}; your answer is {type_name(answer)}."
        )
    events = _events(ex, art)
    published = art.meta.published
    lowered = {str(k).strip().lower(): v for k, v in answer.items()}
    details, paras, right = [], set(), 0
    for wording, event in events.items():
        if wording.lower() not in lowered:
            details.append(f"{wording!r}: not answered yet.")
            continue
        value = date_value(lowered[wording.lower()], published)
        got, want = date_bounds(value), date_bounds(event.date.value)
        if got == want:
            right += 1
            continue
        paras.update(event.paragraphs[:1])
        if got[0] <= want[0] and want[1] <= got[1]:
            why = "right direction, but the text allows a narrower date than that."
        elif want[0] <= got[0] and got[1] <= want[1]:
            why = "more precise than the article allows; do not invent precision."
        else:
            why = f"that is not when it was. Count from the publication date, {published}."
        details.append(f"{wording!r} = {value}: {why}")
    if right == len(events):
        return Feedback(
            ex.id,
            "correct",
            f"All {right} dates resolved against the publication date ({published}).",
            paragraphs=tuple(sorted({e.paragraphs[0] for e in events.values()})),
        )
    return Feedback(
        ex.id,
        "partial" if right else "incorrect",
        f"{right} of {len(events)} dates right.",
        tuple(details),
        tuple(sorted(paras)),
    )


# -- date: the day of one event the query finds ------------------------------------------------


def event_of(ex: Exercise, art: Article) -> Any:
    """The first event the exercise's query finds; ``LookupError`` when there is none."""
    if ex.query is not None:
        for e in records_of(art, ex.query):
            if matches(e, ex.query.where):
                return e
    raise LookupError(f"{art.id} has no event that exercise {ex.id} asks about")


def date_grade(ex: Exercise, art: Article, answer: Any) -> Feedback:
    e = event_of(ex, art)
    value = date_value(answer, art.meta.published)
    words = ex.feedback
    if date_bounds(value) == date_bounds(e.date.value):
        return Feedback(
            ex.id,
            "correct",
            fill(words.correct if words and words.correct else "{date.wording!r} in the article.",
                 e, value=value),
            paragraphs=tuple(e.paragraphs),
        )
    others = [
        o
        for o in art.events
        if o.date.value
        and o is not e
        and set(o.participants) & set(e.participants)
        and date_bounds(o.date.value) == date_bounds(value)
    ]
    hint = (
        f"{value} is the date of another event: {others[0].title} "
        f"({cite(others[0].paragraphs[:1])})."
        if others
        else f"Nothing in the article happened to them on {value}."
    )
    details = (hint, fill(words.hint, e, value=value)) if words and words.hint else (hint,)
    return Feedback(
        ex.id,
        "incorrect",
        fill(words.incorrect if words and words.incorrect else "{value} is not it.", e,
             value=value),
        details,
        paragraphs=tuple(e.paragraphs[:1]),
    )


def date_expected(ex: Exercise, art: Article) -> Any:
    return event_of(ex, art).date.value


def date_items(ex: Exercise, art: Article) -> tuple[tuple[str, str], ...]:
    return ()

