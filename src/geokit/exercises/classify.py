"""The ``classification`` grader: put each record (e.g. each claim) in its category.

The categories, the words a student may use for each and the hint shown for a wrong one come from
the exercise; the right category of each record is the value its annotation holds.
"""

from __future__ import annotations

from typing import Any

from geokit.data.exercises import Category, Exercise, Query
from geokit.data.model import Article
from geokit.data.query import paragraphs_of, records_of
from geokit.data.text import cite
from geokit.exercises.answers import type_name
from geokit.exercises.feedback import Feedback, Invalid

__all__ = ["category_of", "expected", "grade", "items"]


def _words(text: str) -> str:
    return text.strip().lower().replace("-", " ").replace("_", " ")


def category_of(ex: Exercise, value: Any) -> Category | None:
    """The category a student's word names (any case, '-' or '_' for spaces), or None."""
    if not isinstance(value, str):
        return None
    v = _words(value)
    for c in ex.categories:
        if v == _words(c.value) or v in (_words(w) for w in c.words):
            return c
    return None


def _records(ex: Exercise, art: Article) -> list[Any]:
    """The records to classify: the exercise's items, and one of any category they leave out
    (so that every category appears), or all records when no items are named."""
    pool = records_of(art, Query(records=ex.records or "claims"))
    if not ex.items:
        chosen = pool
    else:
        chosen = [r for rid in ex.items for r in pool if r.id == rid]
        values = {getattr(r, ex.field) for r in chosen}
        for r in pool:
            if getattr(r, ex.field) not in values and r not in chosen:
                chosen.append(r)
                values.add(getattr(r, ex.field))
    if not chosen:
        raise LookupError(f"{art.id} has no {ex.records}.yaml")
    return chosen


def _describe(rec: Any, art: Article) -> str:
    text = (getattr(rec, "text", None) or getattr(rec, "title", None)
            or getattr(rec, "claim", None) or getattr(rec, "span", None)
            or getattr(rec, "name", rec.id))
    parts = [cite(paragraphs_of(rec))] if paragraphs_of(rec) else []
    holder = getattr(rec, "holder", None)
    if holder:
        parts.append(f"said by: {art.actor(holder).name}")
    return f"{text} ({'; '.join(parts)})" if parts else text


def items(ex: Exercise, art: Article) -> tuple[tuple[str, str], ...]:
    return tuple((r.id, _describe(r, art)) for r in _records(ex, art))


def expected(ex: Exercise, art: Article) -> dict[str, str]:
    return {r.id: getattr(r, ex.field) for r in _records(ex, art)}


def grade(ex: Exercise, art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict):
        raise Invalid(
            f"This exercise expects a dict from statement id to kind, e.g. {ex.example}; your "
            f"answer is {type_name(answer)}."
        )
    records = {r.id: r for r in _records(ex, art)}
    hints = {c.value: c.hint for c in ex.categories}
    details: list[str] = []
    paras: set[int] = set()
    right = 0
    also = {a.record: a for a in ex.accept if a.record}
    for rid, text in answer.items():
        if rid not in records:
            raise Invalid(
                f"{rid!r} is not one of the statements of this exercise; use the "
                "ids the task lists: " + ", ".join(records)
            )
        category = category_of(ex, text)
        if category is None:
            raise Invalid(
                f"{text!r} (for {rid}) is not a kind; use one of "
                + ", ".join(repr(c.words[0]) for c in ex.categories) + "."
            )
        rec = records[rid]
        value = getattr(rec, ex.field)
        if category.value == value:
            right += 1
        elif rid in also and category.value in also[rid].categories:
            # a defensible reading the data accepts besides its own: right, with the reason
            right += 1
            details.append(f"{_named(rid, rec)}: "
                           f"{category.value.replace('_', ' ')} accepted. {also[rid].reason}")
        else:
            details.append(
                f"{_named(rid, rec)}: not {category.value.replace('_', ' ')}. "
                f"Hint: here {hints.get(value, '')}."
            )
            paras.update(paragraphs_of(rec))
    missing = [rid for rid in records if rid not in answer]
    if missing:
        details.append("Still to classify: " + ", ".join(missing))
    if right == len(records):
        return Feedback(
            ex.id,
            "correct",
            f"All {right} statements classified as the annotations have them"
            + (", or as they also accept." if details else "."),
            tuple(details),
            paragraphs=tuple(sorted({p for r in records.values() for p in paragraphs_of(r)})),
        )
    return Feedback(
        ex.id,
        "partial" if right else "incorrect",
        f"{right} of {len(records)} classified as the annotations have them.",
        tuple(details),
        tuple(sorted(paras)),
    )


def _named(rid: str, rec: Any) -> str:
    """A record's id with its paragraph citation in brackets; just the id for a record the
    article does not hold (an explanation offered outside it cites no paragraph)."""
    paragraphs = paragraphs_of(rec)
    return f"{rid} ({cite(paragraphs)})" if paragraphs else rid
