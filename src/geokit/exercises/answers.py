"""Reading a student's answer: collections, names, paragraph references, dates.

Each reader returns the answer in a plain form or raises :class:`~geokit.exercises.feedback.
Invalid` with a message that says what form to use, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from geokit.data.dates import date_bounds
from geokit.data.model import Article
from geokit.data.text import paragraph_number
from geokit.exercises.feedback import Invalid

__all__ = ["actor_ids", "collection", "date_examples", "date_value", "is_stub",
           "paragraphs_cited", "type_name", "unknown_detail"]

#: what a student writes for "the article does not say"
UNKNOWN_WORDS = ("unknown", "not stated", "?")


def type_name(value: Any) -> str:
    """'an int', 'a str': the type of a wrong answer, in words.

    >>> type_name(42), type_name("x")
    ('an int', 'a str')
    """
    name = type(value).__name__
    return ("an " if name[:1] in "aeiou" else "a ") + name


def is_stub(answer: Any) -> bool:
    """Whether the answer is still the ``...`` placeholder, or empty."""
    return (
        answer is ...
        or answer is None
        or (isinstance(answer, (str, list, tuple, set, frozenset, dict)) and len(answer) == 0)
    )


def collection(value: Any, what: str, example: str) -> list[Any]:
    """The items of a list, tuple, set or dict answer.

    >>> collection("Ana", "names", '["A", "B"]')
    Traceback (most recent call last):
    ...
    geokit.exercises.feedback.Invalid: This exercise expects a list or set of names, e.g. ["A", \
"B"]; your answer is a single string. Put it in square brackets: ['Ana'].
    """
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    if isinstance(value, dict):
        return list(value)
    if isinstance(value, str):
        raise Invalid(
            f"This exercise expects a list or set of {what}, e.g. {example}; your "
            f"answer is a single string. Put it in square brackets: [{value!r}]."
        )
    raise Invalid(
        f"This exercise expects a list or set of {what}, e.g. {example}; your answer "
        f"is {type_name(value)}."
    )


def actor_ids(art: Article, names: Iterable[Any]) -> tuple[set[str], list[str]]:
    """The actor ids that names, aliases or ids stand for, and the names no actor has."""
    ids: set[str] = set()
    unknown: list[str] = []
    for name in names:
        if hasattr(name, "id") and hasattr(name, "kind"):  # an Actor record itself
            ids.add(name.id)
            continue
        if not isinstance(name, str):
            raise Invalid(
                f"Each item should be a name or an actor id (a string); found "
                f"{name!r}, {type_name(name)}."
            )
        actor = art.get_actor(name.strip())
        if actor is None:
            unknown.append(name)
        else:
            ids.add(actor.id)
    return ids, unknown


def unknown_detail(unknown: list[str]) -> tuple[str, ...]:
    """The feedback line for names that no actor of the article has."""
    if not unknown:
        return ()
    return (
        "The article names no actor "
        + ", ".join(repr(u) for u in unknown)
        + ": use a name as the article writes it, or an id from article.actors.",
    )


def paragraphs_cited(value: Any) -> list[int]:
    """The paragraph numbers a reference (or a list of them) names.

    >>> paragraphs_cited(["¶1", 2.0])
    [1, 2]
    """
    if isinstance(value, (list, tuple, set)):
        out = [paragraph_number(v) for v in value]
    else:
        out = [paragraph_number(value)]
    if any(n is None for n in out) or not out:
        raise Invalid(f"A paragraph should be a number such as 1 (or '¶1'); found {value!r}.")
    return [n for n in out if n is not None]


def date_examples(published: str) -> tuple[str, str, str]:
    """A day, a month and an ISO week in the article's own time, for messages about form.

    >>> date_examples("2020-03-03")
    ('2020-03-03', '2020-03', '2020-W10')
    """
    year, week, _ = dt.date.fromisoformat(published).isocalendar()
    return published, published[:7], f"{year}-W{week:02d}"


def date_value(value: Any, published: str) -> str:
    """An ISO 8601 date value from a string, a date or a datetime (its day)."""
    if isinstance(value, dt.datetime):  # a datetime is a date too, but isoformat() adds a time
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    day, month, week = date_examples(published)
    if not isinstance(value, str):
        raise Invalid(
            f"A date should be an ISO 8601 string such as '{day}', '{month}' or "
            f"'{week}'; found {value!r}, {type_name(value)}."
        )
    try:
        date_bounds(value.strip())
    except ValueError as exc:
        raise Invalid(
            f"{exc}. Write e.g. '{day}' (a day), '{month}' (a month), "
            f"'{week}' (an ISO week) or 'START/END'."
        ) from None
    return value.strip()
