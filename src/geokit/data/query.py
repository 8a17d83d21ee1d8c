"""Run the small queries of ``exercises.yaml`` against an article's records.

A :class:`~geokit.data.exercises.Query` reads one list of records, keeps those that pass its
conditions, and collects the ids its ``select`` field names. The validator runs the same code to
check that a query finds something, and the graders run it to compute the expected answer, so an
annotation that changes changes the answer with it.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from typing import Any

from geokit.data.dates import date_bounds
from geokit.data.exercises import Condition, Query
from geokit.data.model import Article
from geokit.data.text import cite

__all__ = ["CiteFormatter", "fill", "matches", "paragraphs_of", "passes", "records_of", "run",
           "selected", "target", "value_at"]


def records_of(article: Article, query: Query) -> list[Any]:
    """The records a query reads: one of the article's lists, or one argument's nodes."""
    if query.records != "nodes":
        return list(getattr(article, query.records))
    argument = argument_of(article, query.argument)
    return list(argument.nodes)


def argument_of(article: Article, argument_id: str | None) -> Any:
    """The argument with this id (the first one when ``None``); ``LookupError`` when absent."""
    for a in article.arguments:
        if argument_id is None or a.id == argument_id:
            return a
    raise LookupError(f"{article.id} has no argument {argument_id!r}" if argument_id
                      else f"{article.id} has no arguments.yaml")


def value_at(record: Any, path: str) -> Any:
    """The value of a dotted field path, e.g. ``date.value``; ``AttributeError`` when absent."""
    value = record
    for part in path.split("."):
        value = getattr(value, part)
    return value


def passes(record: Any, cond: Condition) -> bool:
    """Whether ``record`` passes one condition."""
    value = value_at(record, cond.field)
    if cond.equals is not None:
        return bool(value == cond.equals)
    if cond.one_of:
        return value in cond.one_of
    if cond.contains:
        return set(cond.contains) <= set(value or ())
    if cond.overlaps:
        numbers = value if isinstance(value, tuple) else (value,)
        return bool(set(numbers) & set(cond.overlaps))
    if cond.within is not None:
        if not value:
            return False
        lo, hi = date_bounds(value)
        first, last = date_bounds(cond.within)
        return first <= lo and hi <= last
    if cond.is_set is not None:
        return bool(value) == cond.is_set
    return True


def matches(record: Any, conditions: Iterable[Condition]) -> bool:
    """Whether ``record`` passes every condition."""
    return all(passes(record, c) for c in conditions)


def selected(record: Any, query: Query) -> tuple[str, ...]:
    """The ids a record contributes: its ``select`` field, as a tuple (empty when unset)."""
    value = value_at(record, query.select)
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def target(article: Article, query: Query, item: str, record: Any = None) -> Any:
    """The record an item names: the record itself when ``select`` is its id, else the actor
    (or other record) the id points at; ``None`` when nothing has that id."""
    if query.select == "id":
        if record is not None:
            return record
        return next((r for r in records_of(article, query) if r.id == item), None)
    found = article.get_actor(item)
    if found is not None:
        return found
    try:
        return article.record(item)
    except LookupError:
        return None


def run(article: Article, query: Query, where: Sequence[Condition] | None = None) -> set[str]:
    """The ids the query selects (with ``where`` in place of the query's own conditions)."""
    out: set[str] = set()
    for rec in records_of(article, query):
        if not matches(rec, query.where if where is None else where):
            continue
        for item in selected(rec, query):
            if query.select_where:
                tgt = target(article, query, item, rec)
                if tgt is None or not matches(tgt, query.select_where):
                    continue
            out.add(item)
    return out


def paragraphs_of(record: Any, first: int | None = None) -> tuple[int, ...]:
    """A record's paragraphs (a quote's one paragraph too), the first ``first`` of them."""
    if hasattr(record, "paragraphs"):
        numbers: tuple[int, ...] = tuple(record.paragraphs)
    elif hasattr(record, "paragraph"):
        numbers = (record.paragraph,)
    else:
        numbers = ()
    return numbers if first is None else numbers[:first]


class CiteFormatter(string.Formatter):
    """``str.format`` with a ``cite`` spec for paragraph numbers and readable literal values.

    ``{paragraphs:cite}`` writes '¶5, ¶6'; ``{paragraphs:cite1}`` cites only the first one.
    A value such as ``took_place`` or ``media_outlet`` (a field with a fixed vocabulary) is written
    with spaces, as a student reads it.

    >>> CiteFormatter().format("{p:cite2} and {p:cite}", p=(7, 5, 9))
    '¶5, ¶7 and ¶5, ¶7, ¶9'
    """

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("cite"):
            n = int(format_spec[4:]) if format_spec[4:] else None
            numbers = value if isinstance(value, tuple) else (value,)
            return cite(numbers[:n])
        return str(super().format_field(value, format_spec))


#: the fields whose values are a fixed vocabulary with underscores (shown with spaces)
_VOCABULARY = ("kind", "status", "stance", "role", "type")


def fill(template: str, record: Any = None, **extra: Any) -> str:
    """Fill a feedback sentence from the data with a record's fields and ``extra`` values."""
    values: dict[str, Any] = {}
    if record is not None:
        for name in getattr(record, "__dataclass_fields__", {}):
            value = getattr(record, name)
            if name in _VOCABULARY and isinstance(value, str):
                value = value.replace("_", " ")
            values[name] = value
    values.update(extra)
    return CiteFormatter().vformat(template, (), values)
