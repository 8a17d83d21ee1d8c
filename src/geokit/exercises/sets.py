"""The ``set`` grader: an answer that names a set of actors (or projects, nodes, ...).

The expected set comes from the exercise's query (or its ``expected`` ids). An item that does not
belong is explained from the data: the first test of the query it fails gives its ``why``, and an
item no record relates to gets the exercise's ``feedback.none``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from geokit.data.exercises import Exercise, Query
from geokit.data.model import Article
from geokit.data.query import (
    argument_of,
    fill,
    matches,
    paragraphs_of,
    passes,
    records_of,
    run,
    selected,
    target,
)
from geokit.data.text import cite
from geokit.exercises.answers import actor_ids, collection, type_name, unknown_detail
from geokit.exercises.feedback import Feedback, Invalid

__all__ = ["expected", "grade", "items", "set_feedback"]

#: the explanation of an extra item when the data gives none
_NOT_AMONG = "the article's records do not put it among the answers."


def set_feedback(
    ex_id: str,
    got: set[str],
    want: set[str],
    why_extra: Callable[[str], str],
    where_missing: Callable[[str], Iterable[int]],
    unknown: list[str],
    label: Callable[[str], str],
) -> Feedback:
    """Feedback on a set answer: what is missing, what does not belong and why."""
    extra, missing = sorted(got - want), sorted(want - got)
    details = list(unknown_detail(unknown))
    for e in extra:
        details.append(f"{label(e)}: {why_extra(e)}")
    paras: set[int] = set()
    for m in missing:
        paras.update(where_missing(m))
    if missing:
        # items that cite no paragraph (e.g. unstated steps) get no empty "look again at ."
        where = f"; look again at {cite(paras)}." if paras else (
            ": they cite no paragraph, so look for them in the records the task names, not in "
            "the text.")
        details.append(
            f"{len(missing)} more belong{'s' if len(missing) == 1 else ''} in your answer{where}"
        )
    if not extra and not missing and not unknown:
        return Feedback(
            ex_id,
            "correct",
            f"All {len(want)} found, and nothing extra.",
            paragraphs=tuple(sorted({p for w in want for p in where_missing(w)})),
        )
    msg = f"You have {len(got & want)} of {len(want)}" + (
        f", and {len(extra)} that do{'es' if len(extra) == 1 else ''} not belong." if extra else "."
    )
    return Feedback(ex_id, "partial" if got & want else "incorrect", msg, tuple(details),
                    tuple(sorted(paras)))


def expected(ex: Exercise, art: Article) -> set[str]:
    """The expected ids: the query's result, or the ``expected`` ids."""
    out = run(art, ex.query) if ex.query is not None else set(ex.expected)
    if not out:
        raise LookupError(f"{art.id}: the records give no answer to exercise {ex.id}")
    return out


def items(ex: Exercise, art: Article) -> tuple[tuple[str, str], ...]:
    return ()


def _either(ex: Exercise, art: Article) -> set[str]:
    """Items accepted whether given or not (the query's records that pass ``either``)."""
    if ex.query is None or not ex.either:
        return set()
    return run(art, ex.query, where=ex.either)


def _read(ex: Exercise, art: Article, answer: Any) -> tuple[set[str], list[str]]:
    """The ids the answer names, and the items that name nothing."""
    kind = ex.answer_items or "actors"
    given = collection(answer, ex.what, ex.example)
    if kind == "actors":
        return actor_ids(art, given)
    if kind == "nodes":
        arg = argument_of(art, ex.query.argument if ex.query else None)
        nodes = {n.id for n in arg.nodes}
        ids = [getattr(x, "id", x) for x in given]
        for x in ids:
            if not isinstance(x, str):
                raise Invalid(
                    f"Each item should be a node id (a string) such as {arg.nodes[0].id!r}; "
                    f"found {x!r}, {type_name(x)}."
                )
        got = set(ids)
        bad = [g for g in got if g not in nodes]
        if bad:
            raise Invalid(f"Not node ids of {arg.id}: " + ", ".join(map(repr, bad))
                          + ". Print [n.id for n in argument.nodes].")
        return got, []
    known = {r.id for r in getattr(art, kind)}
    got, unknown = set(), []
    for it in given:
        rid = getattr(it, "id", it)
        if not isinstance(rid, str):
            raise Invalid(f"Each item should be a {kind.removesuffix('s')} id (a string); "
                          f"found {it!r}.")
        if rid in known:
            got.add(rid)
        else:
            unknown.append(rid)
    return got, unknown


def _label(ex: Exercise, art: Article) -> Callable[[str], str]:
    if (ex.answer_items or "actors") == "actors":
        return lambda aid: art.actor(aid).name
    return lambda rid: rid


def _why_extra(ex: Exercise, art: Article, label: Callable[[str], str]) -> Callable[[str], str]:
    none = ex.feedback.none if ex.feedback else ""

    def why(item: str) -> str:
        q = ex.query
        if q is None:
            pool = records_of(art, Query(records=ex.answer_items or "actors"))
            tgt = next((r for r in pool if r.id == item), None)
            return fill(none, tgt, item=label(item)) if none else _NOT_AMONG
        tgt = target(art, q, item)
        for c in q.select_where:
            if tgt is not None and not passes(tgt, c):
                return fill(c.why, tgt, item=label(item)) if c.why else _NOT_AMONG
        related = [r for r in records_of(art, q) if item in selected(r, q)]
        scope = [r for r in related if matches(r, (c for c in q.where if not c.why))]
        if not scope:
            return fill(none, tgt, item=label(item)) if none else _NOT_AMONG
        for c in q.where:
            failing = [r for r in scope if c.why and not passes(r, c)]
            if failing:
                return fill(c.why, failing[0], item=label(item))
        return _NOT_AMONG

    return why


def _where_missing(ex: Exercise, art: Article) -> Callable[[str], list[int]]:
    def where(item: str) -> list[int]:
        q = ex.query
        if q is None:
            return []
        return [p for r in records_of(art, q) if matches(r, q.where) and item in selected(r, q)
                for p in paragraphs_of(r, ex.cite_first)]

    return where


def grade(ex: Exercise, art: Article, answer: Any) -> Feedback:
    got, unknown = _read(ex, art, answer)
    want = expected(ex, art)
    either = _either(ex, art)
    label = _label(ex, art)
    actors = (ex.answer_items or "actors") == "actors"
    fb = set_feedback(ex.id, got - either, want, _why_extra(ex, art, label),
                      _where_missing(ex, art), unknown if actors else [], label)
    took = sorted(got & either)
    if either and (took or fb.status == "correct"):
        records = [target(art, ex.query, rid) for rid in sorted(either)] if ex.query else []
        names = " and ".join(getattr(r, "name", None) or r.id for r in records)
        verdict = (
            f"{', '.join(took)}: accepted, and leaving {'it' if len(took) == 1 else 'them'} "
            "out would be right too."
            if took
            else f"Leaving out {names} is right, and counting them would be accepted too."
        )
        note = fill(ex.feedback.either, names=names) if ex.feedback and ex.feedback.either else ""
        if note:
            note += (" (see their records' .note)." if any(getattr(r, "note", "") for r in records)
                     else ".")
        fb = Feedback(fb.exercise, fb.status, fb.message,
                      (*fb.details, f"{verdict} {note}".rstrip()), fb.paragraphs)
    if unknown and not actors:
        kind = ex.answer_items or ""
        return Feedback(
            fb.exercise,
            "invalid" if not got else fb.status,
            f"Not {kind.removesuffix('s')} ids: "
            + ", ".join(map(repr, unknown))
            + f". Print [{kind[:1]}.id for {kind[:1]} in art.{kind}] to see them.",
            fb.details,
            fb.paragraphs,
        )
    return fb
