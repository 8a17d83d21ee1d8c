"""Code exercises for the lessons: a task to read, an answer to write, feedback that points back.

Every exercise has an id such as ``"01-who-met"``. A lesson shows the task, the student writes
``answer = ...`` in a code cell, and a check cell calls :func:`check`, which returns a
:class:`Feedback`: right, partly right, not yet right, not answered yet, or a note on the form the
answer should take, always with the paragraphs to reread. The expected answers are computed from
the article's data, never written into a notebook, so they change when the annotations do.

>>> from geokit import exercises
>>> exercises.check("01-who-met", ...).status
'unanswered'
>>> exercises.check("01-who-met", ["Putin"]).correct
False
>>> print(exercises.check("01-who-met", 42).message)  # doctest: +NORMALIZE_WHITESPACE
This exercise expects a list or set of names (or actor ids), e.g. ["Someone",
"Someone else"]; your answer is an int.
>>> exercises.check("no-such-exercise", 1)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
LookupError: no exercise 'no-such-exercise'; the exercises are 00-channels, 00-classify, ...

The module also holds the balance-of-power lesson's "what would change the picture" device,
:func:`what_if` (plain text) and :func:`what_if_explorer` (checkboxes): a teaching device that
shows how Khalid Iqbal's conclusion hangs on his premises, not a forecast.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from geokit.data.dates import date_bounds
from geokit.data.loader import load_article
from geokit.data.model import Article
from geokit.data.text import cite, paragraph_number

__all__ = [
    "EXERCISES",
    "Exercise",
    "Feedback",
    "Task",
    "WhatIfReading",
    "check",
    "list_exercises",
    "reference_answer",
    "task",
    "what_if",
    "what_if_explorer",
]

MAIN = "pakistan-russia-2012"
TEMPLATE = "template-example"

KINDS = ("reported_fact", "attributed_claim", "opinion", "speculation")
_KIND_WORDS = {
    "reported_fact": ("reported fact", "fact", "reported", "reported_fact"),
    "attributed_claim": ("attributed claim", "attributed", "claim", "attributed_claim"),
    "opinion": ("opinion", "analysis", "opinion/analysis", "judgement", "judgment"),
    "speculation": ("speculation", "rumour", "rumor", "speculative"),
}
_KIND_HINT = {
    "reported_fact": "the article states it in its own voice as something that happened, "
    "without hedging and without handing it to someone else",
    "attributed_claim": "the article reports that someone else says it; the words or the "
    "claim belong to them, and the article does not vouch for it",
    "opinion": "it is a judgement or an interpretation of events, not an event you could check",
    "speculation": "the wording signals uncertainty or rumour (look for words such as "
    "'apparently', 'speculation', 'believe', 'may')",
}
STANCES = ("seeks", "supports", "opposes", "wary", "mixed")


# -- feedback -----------------------------------------------------------------------------------

_LOOK = {
    "correct": ("✔", "Right", "#1b7837", "#e7f4e4"),
    "partly": ("◐", "Partly right", "#8c510a", "#fdf3e1"),
    "incorrect": ("✘", "Not yet right", "#b2182b", "#fbe9e7"),
    "unanswered": ("…", "Not answered yet", "#4d4d4d", "#f2f2f2"),
    "invalid": ("?", "Check the form of your answer", "#5e3c99", "#f0ebf8"),
    "ready": ("✎", "Ready to hand in", "#2166ac", "#e8f0fa"),
    "unavailable": ("!", "This check cannot run", "#4d4d4d", "#f2f2f2"),
}


@dataclass(frozen=True)
class Feedback:
    """The result of :func:`check`: a verdict, why, and which paragraphs to reread.

    ``status`` is one of ``correct``, ``partly``, ``incorrect``, ``unanswered``, ``invalid``
    (the answer has the wrong form), ``ready`` (an open answer in the right form, for the
    instructor to read; the check saves nothing, the notebook holds the answer) or
    ``unavailable`` (the article lacks the data this check needs, or the check itself failed).
    """

    exercise: str
    status: str
    message: str
    details: tuple[str, ...] = ()
    paragraphs: tuple[int, ...] = ()

    @property
    def correct(self) -> bool:
        """True only for a fully right answer (or an open answer ready to hand in)."""
        return self.status in ("correct", "ready")

    def _head(self) -> str:
        icon, word, _, _ = _LOOK[self.status]
        return f"{icon} {word} ({self.exercise})"

    def __str__(self) -> str:
        lines = [self._head(), self.message]
        lines += [f"  - {d}" for d in self.details]
        if self.paragraphs:
            lines.append(f"Reread: {cite(self.paragraphs)}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        _, _, fg, bg = _LOOK[self.status]
        items = "".join(f"<li>{html.escape(d)}</li>" for d in self.details)
        reread = (
            f"<div><b>Reread:</b> {html.escape(cite(self.paragraphs))}</div>"
            if self.paragraphs
            else ""
        )
        return (
            f'<div role="status" class="geokit-feedback geokit-{self.status}" '
            f'style="border-left:6px solid {fg};background:{bg};padding:8px 12px;'
            f'margin:4px 0;color:#111">'
            f'<div style="font-weight:bold;color:{fg}">{html.escape(self._head())}</div>'
            f"<div>{html.escape(self.message)}</div>"
            + (f"<ul style='margin:4px 0'>{items}</ul>" if items else "")
            + reread
            + "</div>"
        )


class _Invalid(Exception):
    """An answer of the wrong form; the message tells the student what form is expected."""


# -- tasks ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """What an exercise asks, with any statements to work on; shown by :func:`task`."""

    exercise: str
    prompt: str
    items: tuple[tuple[str, str], ...] = ()
    form: str = ""

    def __str__(self) -> str:
        lines = [f"Exercise {self.exercise}: {self.prompt}"]
        lines += [f"  {key}: {text}" for key, text in self.items]
        if self.form:
            lines.append(f"Answer form: {self.form}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<li><code>{html.escape(k)}</code>: {html.escape(t)}</li>" for k, t in self.items
        )
        return (
            f'<div class="geokit-task" style="border:1px solid #999;padding:8px 12px">'
            f"<b>Exercise {html.escape(self.exercise)}</b>: {html.escape(self.prompt)}"
            + (f"<ul>{rows}</ul>" if rows else "")
            + (
                f"<div><i>Answer form:</i> <code>{html.escape(self.form)}</code></div>"
                if self.form
                else ""
            )
            + "</div>"
        )


@dataclass(frozen=True)
class Exercise:
    """One exercise: its article, prompt, answer form, and how to grade and explain it."""

    id: str
    article: str
    prompt: str
    form: str
    grade: Callable[[Article, Any], Feedback] = field(repr=False)
    expected: Callable[[Article], Any] = field(repr=False)
    items: Callable[[Article], tuple[tuple[str, str], ...]] = field(
        default=lambda art: (), repr=False
    )


EXERCISES: dict[str, Exercise] = {}


def _register(ex: Exercise) -> None:
    EXERCISES[ex.id] = ex


def list_exercises() -> list[str]:
    """The ids of all exercises, sorted (lesson number first)."""
    return sorted(EXERCISES)


def _get(exercise_id: str) -> Exercise:
    if not isinstance(exercise_id, str):
        raise LookupError(
            f"an exercise id is a string such as '01-who-met', not {_type_name(exercise_id)} "
            f"({exercise_id!r}); the exercises are " + ", ".join(list_exercises())
        )
    if exercise_id not in EXERCISES:
        raise LookupError(
            f"no exercise {exercise_id!r}; the exercises are " + ", ".join(list_exercises())
        )
    return EXERCISES[exercise_id]


def task(exercise_id: str) -> Task:
    """The task of an exercise: its question, the statements to work on, the answer form."""
    ex = _get(exercise_id)
    art = load_article(ex.article)
    try:
        items = ex.items(art)
    except (LookupError, IndexError):
        items = ()
    return Task(ex.id, ex.prompt, items, ex.form)


def reference_answer(exercise_id: str) -> Any:
    """The answer the checker expects, computed from the data (for instructors and tests)."""
    ex = _get(exercise_id)
    return ex.expected(load_article(ex.article))


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check a student's answer and explain the verdict.

    An unanswered stub (``...`` or ``None``) gives status ``unanswered``; an answer of the wrong
    type gives ``invalid`` with the form to use. Neither raises. Only an unknown exercise id
    raises ``LookupError``, naming the ids there are.
    """
    ex = _get(exercise_id)
    if (
        answer is ...
        or answer is None
        or (isinstance(answer, (str, list, tuple, set, frozenset, dict)) and len(answer) == 0)
    ):
        return Feedback(
            ex.id,
            "unanswered",
            "Replace the ... after answer = with your answer, run that cell, then "
            "run this one again.",
            (f"Answer form: {ex.form}",),
        )
    try:
        art = load_article(ex.article)
        return ex.grade(art, answer)
    except _Invalid as exc:
        return Feedback(ex.id, "invalid", str(exc), (f"Answer form: {ex.form}",))
    except (LookupError, IndexError, AttributeError, KeyError) as exc:
        return Feedback(
            ex.id,
            "unavailable",
            f"The article's data lacks what this check needs ({exc}). Tell your "
            "instructor; your answer is not at fault.",
        )
    except Exception as exc:  # a grader bug must never reach the student as a traceback
        return Feedback(
            ex.id,
            "unavailable",
            f"Could not check this answer ({type(exc).__name__}: {exc}); tell your instructor.",
            (f"Answer form: {ex.form}",),
        )


# -- answer parsing -----------------------------------------------------------------------------


def _type_name(value: Any) -> str:
    """'an int', 'a str': the type of a wrong answer, in words."""
    name = type(value).__name__
    return ("an " if name[:1] in "aeiou" else "a ") + name


def _collection(value: Any, what: str, example: str) -> list[Any]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    if isinstance(value, dict):
        return list(value)
    if isinstance(value, str):
        raise _Invalid(
            f"This exercise expects a list or set of {what}, e.g. {example}; your "
            f"answer is a single string. Put it in square brackets: [{value!r}]."
        )
    raise _Invalid(
        f"This exercise expects a list or set of {what}, e.g. {example}; your answer "
        f"is {_type_name(value)}."
    )


def _actor_ids(art: Article, names: Iterable[Any]) -> tuple[set[str], list[str]]:
    ids: set[str] = set()
    unknown: list[str] = []
    for name in names:
        if hasattr(name, "id") and hasattr(name, "kind"):  # an Actor record itself
            ids.add(name.id)
            continue
        if not isinstance(name, str):
            raise _Invalid(
                f"Each item should be a name or an actor id (a string); found "
                f"{name!r}, {_type_name(name)}."
            )
        actor = art.get_actor(name.strip())
        if actor is None:
            unknown.append(name)
        else:
            ids.add(actor.id)
    return ids, unknown


def _unknown_detail(unknown: list[str]) -> tuple[str, ...]:
    if not unknown:
        return ()
    return (
        "The article names no actor "
        + ", ".join(repr(u) for u in unknown)
        + ": use a name as the article writes it, or an id from article.actors.",
    )


def _kind_of(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    v = value.strip().lower().replace("-", " ").replace("_", " ")
    for kind, words in _KIND_WORDS.items():
        if v in (w.replace("_", " ") for w in words):
            return kind
    return None


def _paragraphs_cited(value: Any) -> list[int]:
    if isinstance(value, (list, tuple, set)):
        out = [paragraph_number(v) for v in value]
    else:
        out = [paragraph_number(value)]
    if any(n is None for n in out) or not out:
        raise _Invalid(f"A paragraph should be a number such as 6 (or '¶6'); found {value!r}.")
    return [n for n in out if n is not None]


def _date_value(value: Any) -> str:
    if isinstance(value, dt.datetime):  # a datetime is a date too, but isoformat() adds a time
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise _Invalid(
            f"A date should be an ISO 8601 string such as '2012-10-04', '2012-10' or "
            f"'2012-W40'; found {value!r}, {_type_name(value)}."
        )
    try:
        date_bounds(value.strip())
    except ValueError as exc:
        raise _Invalid(
            f"{exc}. Write e.g. '2012-10-04' (a day), '2012-10' (a month), "
            "'2012-W40' (an ISO week) or 'START/END'."
        ) from None
    return value.strip()


# -- graders ---------------------------------------------------------------------------------------


def _set_feedback(
    ex_id: str,
    got: set[str],
    want: set[str],
    why_extra: Callable[[str], str],
    where_missing: Callable[[str], Iterable[int]],
    unknown: list[str],
    label: Callable[[str], str],
) -> Feedback:
    extra, missing = sorted(got - want), sorted(want - got)
    details = list(_unknown_detail(unknown))
    for e in extra:
        details.append(f"{label(e)}: {why_extra(e)}")
    paras: set[int] = set()
    for m in missing:
        paras.update(where_missing(m))
    if missing:
        details.append(
            f"{len(missing)} more belong{'s' if len(missing) == 1 else ''} in your "
            f"answer; look again at {cite(paras)}."
        )
    if not extra and not missing and not unknown:
        return Feedback(
            ex_id,
            "correct",
            f"All {len(want)} found, and nothing extra.",
            paragraphs=tuple(sorted({p for w in want for p in where_missing(w)})),
        )
    status = "partly" if got & want else "incorrect"
    msg = f"You have {len(got & want)} of {len(want)}" + (
        f", and {len(extra)} that do{'es' if len(extra) == 1 else ''} not belong." if extra else "."
    )
    return Feedback(ex_id, status, msg, tuple(details), tuple(sorted(paras)))


# 00-classify, 05-template-claims --------------------------------------------------------------

_CLASSIFY_PREFERRED = {
    MAIN: (
        "c-simultaneous-visits",
        "c-unprecedented-exchange",
        "c-convergence-of-views",
        "c-military-statement-consensus",
        "c-gazprom-without-bidding-story",
        "c-bumpy-relations-prompt-balancing",
    ),
}


def _classify_claims(art: Article) -> list[Any]:
    preferred = [
        c for cid in _CLASSIFY_PREFERRED.get(art.id, ()) for c in art.claims if c.id == cid
    ]
    kinds = {c.kind for c in preferred}
    for c in art.claims:  # make sure every kind appears once, whatever the annotators renamed
        if c.kind not in kinds and c not in preferred:
            preferred.append(c)
            kinds.add(c.kind)
    if art.id not in _CLASSIFY_PREFERRED:
        preferred = list(art.claims)
    if not preferred:
        raise LookupError(f"{art.id} has no claims.yaml")
    return preferred


def _classify_items(art: Article) -> tuple[tuple[str, str], ...]:
    return tuple(
        (c.id, f"{c.text} ({cite(c.paragraphs)}; said by: {art.actor(c.holder).name})")
        for c in _classify_claims(art)
    )


def _grade_classify(ex_id: str) -> Callable[[Article, Any], Feedback]:
    def grade(art: Article, answer: Any) -> Feedback:
        if not isinstance(answer, dict):
            raise _Invalid(
                "This exercise expects a dict from statement id to kind, e.g. "
                "{'some-claim-id': 'opinion', ...}; your answer is "
                f"{_type_name(answer)}."
            )
        claims = {c.id: c for c in _classify_claims(art)}
        details, paras, right = [], set(), 0
        for cid, kind_text in answer.items():
            if cid not in claims:
                raise _Invalid(
                    f"{cid!r} is not one of the statements of this exercise; use the "
                    "ids the task lists: " + ", ".join(claims)
                )
            kind = _kind_of(kind_text)
            if kind is None:
                raise _Invalid(
                    f"{kind_text!r} (for {cid}) is not a kind; use one of "
                    "'reported fact', 'attributed claim', 'opinion', 'speculation'."
                )
            c = claims[cid]
            if kind == c.kind:
                right += 1
            else:
                details.append(
                    f"{cid} ({cite(c.paragraphs)}): not {kind.replace('_', ' ')}. "
                    f"Hint: here {_KIND_HINT[c.kind]}."
                )
                paras.update(c.paragraphs)
        missing = [cid for cid in claims if cid not in answer]
        if missing:
            details.append("Still to classify: " + ", ".join(missing))
        if right == len(claims):
            return Feedback(
                ex_id,
                "correct",
                f"All {right} statements classified as the annotations have them.",
                paragraphs=tuple(sorted({p for c in claims.values() for p in c.paragraphs})),
            )
        return Feedback(
            ex_id,
            "partly" if right else "incorrect",
            f"{right} of {len(claims)} classified as the annotations have them.",
            tuple(details),
            tuple(sorted(paras)),
        )

    return grade


def _expected_classify(art: Article) -> dict[str, str]:
    return {c.id: c.kind for c in _classify_claims(art)}


_KINDS_FORM = "{'claim-id': 'reported fact' | 'attributed claim' | 'opinion' | 'speculation', ...}"
_register(
    Exercise(
        "00-classify",
        MAIN,
        "Classify each statement as a reported fact, an attributed claim, an opinion or "
        "speculation. Reread its paragraph: who says it, and how sure is the wording?",
        _KINDS_FORM,
        _grade_classify("00-classify"),
        _expected_classify,
        _classify_items,
    )
)
_register(
    Exercise(
        "05-template-claims",
        TEMPLATE,
        "The same method on a new text: classify each statement of the template article.",
        _KINDS_FORM,
        _grade_classify("05-template-claims"),
        _expected_classify,
        _classify_items,
    )
)


# 00-dates, 05-template-dates ------------------------------------------------------------------

_DATE_WORDINGS = {
    MAIN: ("last week", "May last year", "Next day"),
    TEMPLATE: ("last week", "May last year"),
}


def _date_events(art: Article) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for wording in _DATE_WORDINGS[art.id]:
        for e in art.events:
            if e.date.wording.lower() == wording.lower() and e.date.value:
                out.setdefault(wording, e)
    if not out:
        raise LookupError(f"{art.id} has no dated events")
    return out


def _dates_items(art: Article) -> tuple[tuple[str, str], ...]:
    return tuple((w, f"in {cite(e.paragraphs[:1])}") for w, e in _date_events(art).items())


def _grade_dates(ex_id: str) -> Callable[[Article, Any], Feedback]:
    def grade(art: Article, answer: Any) -> Feedback:
        if not isinstance(answer, dict):
            raise _Invalid(
                "This exercise expects a dict from the article's wording to an ISO "
                "date, e.g. {'last week': '2012-W01', ...}; your answer is "
                f"{_type_name(answer)}."
            )
        events = _date_events(art)
        lowered = {str(k).strip().lower(): v for k, v in answer.items()}
        details, paras, right = [], set(), 0
        for wording, event in events.items():
            if wording.lower() not in lowered:
                details.append(f"{wording!r}: not answered yet.")
                continue
            value = _date_value(lowered[wording.lower()])
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
                why = (
                    f"that is not when it was. Count from the publication date, "
                    f"{art.meta.published}."
                )
            details.append(f"{wording!r} = {value}: {why}")
        if right == len(events):
            return Feedback(
                ex_id,
                "correct",
                f"All {right} dates resolved against the publication date ({art.meta.published}).",
                paragraphs=tuple(sorted({e.paragraphs[0] for e in events.values()})),
            )
        return Feedback(
            ex_id,
            "partly" if right else "incorrect",
            f"{right} of {len(events)} dates right.",
            tuple(details),
            tuple(sorted(paras)),
        )

    return grade


def _expected_dates(art: Article) -> dict[str, str]:
    return {w: e.date.value for w, e in _date_events(art).items()}


_DATES_FORM = "{'last week': 'YYYY-Www', 'May last year': 'YYYY-MM', ...}"
_register(
    Exercise(
        "00-dates",
        MAIN,
        "Resolve each relative date to an ISO 8601 value, counting from the publication date. "
        "Use only the precision the text gives (a week, a month or a day).",
        _DATES_FORM,
        _grade_dates("00-dates"),
        _expected_dates,
        _dates_items,
    )
)
_register(
    Exercise(
        "05-template-dates",
        TEMPLATE,
        "Resolve the template article's relative dates against its own publication date.",
        _DATES_FORM,
        _grade_dates("05-template-dates"),
        _expected_dates,
        _dates_items,
    )
)


# 00-channels ----------------------------------------------------------------------------------


def _expected_channels(art: Article) -> set[str]:
    out = {
        q.channel for q in art.quotes if q.channel and art.actor(q.channel).kind == "media_outlet"
    }
    if not out:
        raise LookupError(f"{art.id} has no quotes with a media channel")
    return out


def _grade_channels(art: Article, answer: Any) -> Feedback:
    names = _collection(answer, "newspapers", '["Some Paper", "Another Paper"]')
    got, unknown = _actor_ids(art, names)
    want = _expected_channels(art)

    def why(aid: str) -> str:
        a = art.actor(aid)
        if a.kind != "media_outlet":
            return f"a {a.kind.replace('_', ' ')}, not a newspaper."
        return (
            f"the article cites it ({cite(a.paragraphs)}) but puts none of its words in "
            "quotation marks."
        )

    def where(aid: str) -> list[int]:
        return [q.paragraph for q in art.quotes if q.channel == aid]

    return _set_feedback("00-channels", got, want, why, where, unknown, lambda a: art.actor(a).name)


_register(
    Exercise(
        "00-channels",
        MAIN,
        "Through which newspapers do quoted words (in quotation marks) reach the article? "
        "Query article.quotes and article.actor(...) with code.",
        '["Paper one", ...]  (names as the article writes them, or actor ids)',
        _grade_channels,
        _expected_channels,
    )
)


# 01-who-met, 01-meeting-date -------------------------------------------------------------------

_OCT = (dt.date(2012, 10, 1), dt.date(2012, 10, 31))


def _in_october(value: str | None) -> bool:
    if not value:
        return False
    lo, hi = date_bounds(value)
    return _OCT[0] <= lo and hi <= _OCT[1]


def _met_events(art: Article) -> list[Any]:
    return [
        e
        for e in art.events
        if e.kind in ("visit", "meeting") and e.status == "took_place" and _in_october(e.date.value)
    ]


def _expected_who_met(art: Article) -> set[str]:
    people = {p for e in _met_events(art) for p in e.participants if art.actor(p).kind == "person"}
    if not people:
        raise LookupError(f"{art.id} has no visits or meetings in October 2012")
    return people


def _grade_who_met(art: Article, answer: Any) -> Feedback:
    names = _collection(answer, "names (or actor ids)", '["Someone", "Someone else"]')
    got, unknown = _actor_ids(art, names)
    want = _expected_who_met(art)

    def why(aid: str) -> str:
        a = art.actor(aid)
        if a.kind != "person":
            return f"a {a.kind.replace('_', ' ')}; the question asks for people."
        evs = [e for e in art.events if aid in e.participants and e.kind in ("visit", "meeting")]
        cancelled = [e for e in evs if e.status != "took_place"]
        if cancelled and not any(
            e.status == "took_place" and _in_october(e.date.value) for e in evs
        ):
            e = cancelled[0]
            return (
                f"{e.title!r} was {e.status.replace('_', ' ')}, so it did not take place "
                f"({cite(e.paragraphs[:2])})."
            )
        if evs:
            e = evs[0]
            return (
                f"{a.name}'s visit or meeting is dated {e.date.wording!r} "
                f"({cite(e.paragraphs[:1])}), not October 2012."
            )
        return f"the article reports no visit or meeting with {a.name}."

    def where(aid: str) -> list[int]:
        return [p for e in _met_events(art) if aid in e.participants for p in e.paragraphs[:2]]

    return _set_feedback("01-who-met", got, want, why, where, unknown, lambda a: art.actor(a).name)


_register(
    Exercise(
        "01-who-met",
        MAIN,
        "Which people took part in visits or meetings that actually took place in October 2012? "
        "Use article.events: each has .kind, .status, .date.value and .participants.",
        '["Name", ...]  (names as the article writes them, or actor ids)',
        _grade_who_met,
        _expected_who_met,
    )
)


def _meeting(art: Article) -> Any:
    for e in art.events:
        if e.kind == "meeting" and {"kayani", "makarov"} <= set(e.participants):
            return e
    raise LookupError("no meeting of kayani and makarov in events.yaml")


def _grade_meeting_date(art: Article, answer: Any) -> Feedback:
    e = _meeting(art)
    value = _date_value(answer)
    if date_bounds(value) == date_bounds(e.date.value):
        return Feedback(
            "01-meeting-date",
            "correct",
            f"{e.date.wording!r} in the article, counted from the arrival date.",
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
    return Feedback(
        "01-meeting-date",
        "incorrect",
        f"{value} is not it. The article gives the date only relative to another one; find both.",
        (
            hint,
            f"The article's words for the day: look for "
            f"how {cite(e.paragraphs[:1])} begins its second "
            "sentence.",
        ),
        paragraphs=tuple(e.paragraphs[:1]),
    )


_register(
    Exercise(
        "01-meeting-date",
        MAIN,
        "On what day did General Kayani call on General Makarov? Give an ISO date. Find the "
        "meeting in article.events, or work it out from the text.",
        "'YYYY-MM-DD'",
        _grade_meeting_date,
        lambda art: _meeting(art).date.value,
    )
)


# 02-matrix, 02-energy-projects ---------------------------------------------------------------

_MATRIX_TOPICS = (
    "arms-supply-diversification",
    "steel-mill",
    "ip-pipeline",
    "us-bases-in-afghanistan",
)


def _matrix_interests(art: Article, actor: str = "pakistan") -> dict[str, Any]:
    mine = {i.topic: i for i in art.interests if i.actor == actor}
    chosen = {t: mine[t] for t in _MATRIX_TOPICS if t in mine}
    for t, i in mine.items():  # fall back on whatever topics the data has
        if len(chosen) >= 4:
            break
        chosen.setdefault(t, i)
    if not chosen:
        raise LookupError(f"{art.id} has no interests of {actor}")
    return chosen


#: Paragraphs that support Pakistan's stance on a matrix topic, each with the article's own
#: words that make it support it (a test checks the words are there). The check accepts these
#: as well as the paragraphs Pakistan's interest record cites, so that any paragraph that
#: supports the stance counts, not only the one the annotators happened to cite.
_MATRIX_ALSO_PARAGRAPHS: dict[str, dict[int, str]] = {
    "arms-supply-diversification": {
        6: "embraced the rapprochement for diversifying the sources of its military supplies",
        20: "Pakistani military has always been keen to diversify its supply sources",
    },
    "steel-mill": {
        7: "signed memorandums of understanding about three important sectors of our economy: "
        "expansion and modernization of Pakistan Steel Mills",
        11: "Under the MoUs, Russia will provide assistance of $300 to $500 million for the "
        "modernization and expansion of Pakistan Steel Mills",
    },
    "energy": {
        7: "signed memorandums of understanding about three important sectors of our economy",
        11: "It will also help in constructing New Jamshoro Power Plant",
    },
    "ip-pipeline": {
        11: "No firm commitments were given to the Russian delegation that wanted to get the "
        "project without bidding",
    },
    "us-bases-in-afghanistan": {
        21: "Russia would not like US military bases in Afghanistan and so would Pakistan",
    },
}

#: Stances the check accepts besides the one the data records, where the article does not
#: decide between them. Pakistan signed the MoUs (¶7) and Russia will pay or build (¶11), but the
#: article never says which side pushed for them: "seeks" (Pakistan pushes) and "supports"
#: (Pakistan welcomes what Russia offers) fit the same evidence.
_SIGNED_NOT_PUSHED = (
    "the article reports that Pakistan signed the memorandum (¶7) and what Russia will provide "
    "(¶11), but never says which side pushed for it, so 'seeks' and 'supports' both fit"
)
_MATRIX_ALSO_STANCES: dict[str, tuple[tuple[str, ...], str]] = {
    "steel-mill": (("seeks", "supports"), _SIGNED_NOT_PUSHED),
    "energy": (("seeks", "supports"), _SIGNED_NOT_PUSHED),
}


def _matrix_paragraphs(topic: str, record: Any) -> set[int]:
    """Every paragraph the check accepts for Pakistan's stance on a topic."""
    return set(record.paragraphs) | set(_MATRIX_ALSO_PARAGRAPHS.get(topic, {}))


def _matrix_stances(topic: str, record: Any) -> set[str]:
    """Every stance the check accepts for Pakistan on a topic."""
    return {record.stance} | set(_MATRIX_ALSO_STANCES.get(topic, ((), ""))[0])


def _grade_matrix(art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict):
        raise _Invalid(
            "This exercise expects a dict from topic to (stance, paragraph), e.g. "
            "{'steel-mill': ('seeks', 7), ...}; your answer is "
            f"{_type_name(answer)}."
        )
    cells = _matrix_interests(art)
    details, notes, paras, right = [], [], set(), 0
    for topic, value in answer.items():
        if topic not in cells:
            raise _Invalid(f"{topic!r} is not one of this exercise's topics: " + ", ".join(cells))
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise _Invalid(
                f"For {topic!r} give a pair (stance, paragraph), e.g. ('seeks', 7); "
                f"found {value!r}."
            )
        stance, cited = value
        if not isinstance(stance, str) or stance.strip().lower() not in STANCES:
            raise _Invalid(
                f"{stance!r} (for {topic}) is not a stance; use one of " + ", ".join(STANCES) + "."
            )
        nums = _paragraphs_cited(cited)
        bad = [n for n in nums if not 1 <= n <= len(art.paragraphs)]
        if bad:
            raise _Invalid(
                f"¶{bad[0]} does not exist; the article has paragraphs 1 to {len(art.paragraphs)}."
            )
        i = cells[topic]
        stance = stance.strip().lower()
        accepted = _matrix_paragraphs(topic, i)
        ok_stance = stance in _matrix_stances(topic, i)
        ok_para = any(n in accepted for n in nums)
        if ok_stance and ok_para:
            right += 1
            if stance != i.stance:
                notes.append(
                    f"{topic}: {stance!r} accepted, as is {i.stance!r} (the annotators' "
                    f"choice): {_MATRIX_ALSO_STANCES[topic][1]}."
                )
            continue
        paras.update(accepted)
        if not ok_stance:
            details.append(
                f"{topic}: the stance is not {stance!r}. Reread {cite(accepted)} "
                "and ask: does Pakistan push for it, welcome it, resist it, or hold "
                "back?"
            )
        if not ok_para:
            details.append(
                f"{topic}: {cite(nums)} does not report Pakistan's stance on this; "
                f"look in {cite(accepted)}."
            )
    missing = [t for t in cells if t not in answer]
    if missing:
        details.append("Still to fill in: " + ", ".join(missing))
    if right == len(cells):
        return Feedback(
            "02-matrix",
            "correct",
            f"All {right} cells filled and justified from the text.",
            tuple(notes),
            paragraphs=tuple(sorted({p for i in cells.values() for p in i.paragraphs})),
        )
    return Feedback(
        "02-matrix",
        "partly" if right else "incorrect",
        f"{right} of {len(cells)} cells right, with a paragraph that supports them.",
        tuple(details + notes),
        tuple(sorted(paras)),
    )


_register(
    Exercise(
        "02-matrix",
        MAIN,
        "Fill in Pakistan's row of the interest matrix for these topics from your reading (not "
        "from article.interests): its stance, and one paragraph that justifies it.",
        "{'topic-id': ('seeks' | 'supports' | 'opposes' | 'wary' | 'mixed', paragraph), ...}",
        _grade_matrix,
        lambda art: {t: (i.stance, i.paragraphs[0]) for t, i in _matrix_interests(art).items()},
        lambda art: tuple((t, i.topic_label) for t, i in _matrix_interests(art).items()),
    )
)


#: The paragraphs that list what Russia is involved or interested in: the MoU projects Russia
#: will fund or help build, and the projects it "is interested in" (¶10, ¶11).
_RUSSIA_PROJECT_PARAGRAPHS = (10, 11)


def _russian_projects(art: Article) -> list[Any]:
    """Projects the article names where it lists what Russia is involved or interested in."""
    return [p for p in art.projects if set(p.paragraphs) & set(_RUSSIA_PROJECT_PARAGRAPHS)]


def _expected_energy(art: Article) -> set[str]:
    out = {p.id for p in _russian_projects(art) if p.sector == "energy"}
    if not out:
        raise LookupError(f"{art.id} has no energy projects in ¶10-11")
    return out


def _energy_unknown_sector(art: Article) -> set[str]:
    """Projects Russia is interested in whose kind the article never gives: right either way."""
    return {p.id for p in _russian_projects(art) if not p.sector}


def _grade_energy(art: Article, answer: Any) -> Feedback:
    items = _collection(answer, "project ids", '["some-project-id", ...]')
    got: set[str] = set()
    unknown: list[str] = []
    ids = {p.id: p for p in art.projects}
    for it in items:
        pid = getattr(it, "id", it)
        if not isinstance(pid, str):
            raise _Invalid(f"Each item should be a project id (a string); found {it!r}.")
        if pid in ids:
            got.add(pid)
        else:
            unknown.append(pid)
    want = _expected_energy(art)
    either = _energy_unknown_sector(art)
    russian = {p.id for p in _russian_projects(art)}

    def why_extra(pid: str) -> str:
        p = ids[pid]
        if pid not in russian:
            return (
                f"the article does not name it in {cite(_RUSSIA_PROJECT_PARAGRAPHS)}, where it "
                "lists what Russia is involved or interested in."
            )
        if p.sector:
            return f"Russia is involved or interested, but its sector is {p.sector!r}, not energy."
        return "the article never says what kind of project it is."

    fb = _set_feedback(
        "02-energy-projects",
        got - either,
        want,
        why_extra,
        lambda pid: ids[pid].paragraphs,
        [],
        lambda pid: pid,
    )
    took = sorted(got & either)
    if either and (took or fb.status == "correct"):
        names = " and ".join(ids[pid].name for pid in sorted(either))
        verdict = (
            f"{', '.join(took)}: accepted, and leaving {'it' if len(took) == 1 else 'them'} "
            "out would be right too."
            if took
            else f"Leaving out {names} is right, and counting them would be accepted too."
        )
        fb = Feedback(
            fb.exercise,
            fb.status,
            fb.message,
            (
                *fb.details,
                f"{verdict} ¶11 says Russia is interested in {names}, but the article never "
                "says what they are; knowing that takes a source outside the article"
                + (" (see their records' .note)." if any(ids[p].note for p in either) else "."),
            ),
            fb.paragraphs,
        )
    if unknown:
        return Feedback(
            fb.exercise,
            "invalid" if not got else fb.status,
            "Not project ids: "
            + ", ".join(map(repr, unknown))
            + ". Print [p.id for p in art.projects] to see them.",
            fb.details,
            fb.paragraphs,
        )
    return fb


_register(
    Exercise(
        "02-energy-projects",
        MAIN,
        "With code, list the ids of the energy projects Russia is involved in or interested in. "
        "¶10-11 list them: the projects Russia will help fund or build under the MoUs, and "
        "those it 'is interested in' (article.projects: each has .id, .sector, .paragraphs and "
        ".parties; an actor that is only interested may not be among the parties).",
        '["project-id", ...]',
        _grade_energy,
        _expected_energy,
    )
)


# 03-position-map, 03-bases-query ----------------------------------------------------------------

_BASES = "us-bases-in-afghanistan"
_MAP_ACTORS = ("russia", "pakistan", "india", "united-states")


#: Actors whose stance on US bases the data records only as an inference from someone else's
#: words. For them the check accepts "unknown" as well as the recorded stance, and says why.
_BASES_INFERRED = {
    # ¶21: "India foresees a role in Afghanistan and US military bases would provide it a
    # dedicated strength to continue as an American proxy." Iqbal names a benefit he sees for
    # India, not a position India holds; the article never reports India's own view.
    "india": (
        'Iqbal says only that US bases "would provide it a dedicated strength" (¶21): a '
        "benefit he sees for India, not a position India states. The article never reports "
        "India's own view, so 'unknown' (silence marked as silence) and the stance Iqbal's "
        "words imply are both accepted; whichever you chose, say whose reading it is."
    ),
}


def _bases(art: Article) -> dict[str, Any]:
    out = {i.actor: i for i in art.interests if i.topic == _BASES}
    if not out:
        raise LookupError(f"{art.id} has no interests on {_BASES}")
    return out


def _grade_position_map(art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict):
        raise _Invalid(
            "This exercise expects a dict from actor to (stance, paragraph), or to "
            "'unknown' where the article is silent; your answer is "
            f"{_type_name(answer)}."
        )
    held = _bases(art)
    details, notes, paras, right = [], [], set(), 0
    placed: set[str] = set()
    for name, value in answer.items():
        ids, unknown = _actor_ids(art, [name])
        if unknown:
            raise _Invalid(_unknown_detail(unknown)[0])
        aid = ids.pop()
        placed.add(aid)
        silent = aid not in held
        if isinstance(value, str) and value.strip().lower() in ("unknown", "not stated", "?"):
            if silent:
                right += 1
            elif aid in _BASES_INFERRED:
                right += 1
                notes.append(f"{art.actor(aid).name}: 'unknown' accepted. {_BASES_INFERRED[aid]}")
            else:
                details.append(
                    f"{art.actor(aid).name}: the article does report a position, "
                    f"through {art.actor(held[aid].according_to or 'ghazali').name}; "
                    f"reread {cite(held[aid].paragraphs)}."
                )
                paras.update(held[aid].paragraphs)
            continue
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise _Invalid(
                f"For {name!r} give (stance, paragraph), e.g. ('opposes', 21), or "
                f"'unknown'; found {value!r}."
            )
        stance, cited = value
        nums = _paragraphs_cited(cited)
        if not isinstance(stance, str) or stance.strip().lower() not in STANCES:
            raise _Invalid(f"{stance!r} is not a stance; use one of " + ", ".join(STANCES) + ".")
        if silent:
            details.append(
                f"{art.actor(aid).name}: the article never states its position on US "
                "bases; mark it 'unknown' rather than guess."
            )
            continue
        i = held[aid]
        if stance.strip().lower() == i.stance and any(n in i.paragraphs for n in nums):
            right += 1
            if aid in _BASES_INFERRED:
                notes.append(
                    f"{art.actor(aid).name}: {i.stance!r} accepted. {_BASES_INFERRED[aid]}"
                )
        else:
            paras.update(i.paragraphs)
            details.append(
                f"{art.actor(aid).name}: reread {cite(i.paragraphs)}, and note "
                "whose reading it is."
            )
    needed = set(held) | {a for a in _MAP_ACTORS if art.get_actor(a)}
    missing = sorted(needed - placed)
    if missing:
        details.append("Still to place: " + ", ".join(art.actor(a).name for a in missing))
    if right == len(needed) and not details:
        return Feedback(
            "03-position-map",
            "correct",
            "Every placement matches the text, and silence is marked as silence.",
            tuple(notes),
            paragraphs=tuple(sorted({p for i in held.values() for p in i.paragraphs})),
        )
    return Feedback(
        "03-position-map",
        "partly" if right else "incorrect",
        f"{right} of {len(needed)} placements right and cited.",
        tuple(details + notes),
        tuple(sorted(paras)),
    )


def _expected_position_map(art: Article) -> dict[str, Any]:
    held = _bases(art)
    out: dict[str, Any] = {a: (i.stance, i.paragraphs[0]) for a, i in held.items()}
    for a in _MAP_ACTORS:
        if a not in out and art.get_actor(a):
            out[a] = "unknown"
    return out


_register(
    Exercise(
        "03-position-map",
        MAIN,
        "Place Russia, Pakistan, India and the United States on the question of US military "
        "bases in Afghanistan: a stance and the paragraph that backs it, or 'unknown' where the "
        "article does not say.",
        "{'Russia': ('opposes' | 'supports' | ..., paragraph), ..., 'Someone': 'unknown'}",
        _grade_position_map,
        _expected_position_map,
        lambda art: tuple((art.actor(a).id, art.actor(a).name) for a in _MAP_ACTORS),
    )
)


def _expected_bases_query(art: Article) -> dict[str, str]:
    return {a: i.stance for a, i in _bases(art).items()}


def _grade_bases_query(art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict):
        raise _Invalid(
            "This exercise expects a dict from actor id to stance, e.g. "
            "{'some-actor': 'opposes'}; your answer is "
            f"{_type_name(answer)}."
        )
    want = _expected_bases_query(art)
    got: dict[str, Any] = {}
    for k, v in answer.items():
        ids, unknown = _actor_ids(art, [k])
        if unknown:
            raise _Invalid(_unknown_detail(unknown)[0])
        got[ids.pop()] = v
    held = _bases(art)
    details = []
    for a, s in want.items():
        if a not in got:
            details.append(
                f"{art.actor(a).name} has a stance on this topic in the data "
                f"({cite(held[a].paragraphs)}); your dict leaves it out."
            )
        elif got[a] != s:
            details.append(
                f"{art.actor(a).name}: the data does not say {got[a]!r}. Did you "
                "read .stance from the right record?"
            )
    for a in got:
        if a not in want:
            details.append(
                f"{art.actor(a).name} has no record on this topic; filter on topic == {_BASES!r}."
            )
    if not details:
        return Feedback(
            "03-bases-query",
            "correct",
            f"{len(want)} stances, straight from the data. Now compare them with "
            "your own position map.",
            paragraphs=tuple(sorted({p for i in held.values() for p in i.paragraphs})),
        )
    return Feedback(
        "03-bases-query",
        "partly" if set(got) & set(want) else "incorrect",
        "Not quite what the data holds.",
        tuple(details),
        tuple(sorted({p for i in held.values() for p in i.paragraphs})),
    )


_register(
    Exercise(
        "03-bases-query",
        MAIN,
        f"With code, build a dict from actor id to stance for the topic {_BASES!r}, from "
        "article.interests (each has .actor, .topic and .stance).",
        "{'actor-id': 'stance', ...}",
        _grade_bases_query,
        _expected_bases_query,
    )
)


# 04-premises, 04-unstated, 04-objection ----------------------------------------------------------


def _bop(art: Article) -> Any:
    for a in art.arguments:
        if a.id == "arg-balance-of-power":
            return a
    if art.arguments:
        return art.arguments[0]
    raise LookupError(f"{art.id} has no arguments.yaml")


def _premise_statements(art: Article) -> list[tuple[str, Any]]:
    """Six steps of the argument, lettered A-F in a fixed mixed order (roles hidden)."""
    arg = _bop(art)
    root = arg.nodes[0].id
    premises = [n for n in arg.nodes if n.role == "premise" and n.parent == root][:3]
    others = [n for n in arg.nodes if n.role == "limit"][:1] + [
        n for n in arg.nodes if n.role == "objection"
    ][:1]
    assumption = [n for n in arg.nodes if not n.stated][:1]
    picked = premises + others + assumption
    order = [4, 0, 5, 2, 3, 1][: len(picked)]  # mixed, but the same for every student
    order = [i for i in order if i < len(picked)]
    return [("ABCDEF"[k], picked[i]) for k, i in enumerate(order)]


def _plain_text(text: str) -> str:
    return re.sub(r"^\(Our words, unstated in the article\.\)\s*", "", text.strip())


def _grade_premises(art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict) or "premises" not in answer:
        raise _Invalid(
            "This exercise expects a dict like {'premises': ['A', 'B'], "
            "'assumption': 'C'} (letters from the task)."
        )
    letters = dict(_premise_statements(art))
    prem = answer["premises"]
    prem = [prem] if isinstance(prem, str) else prem
    if not isinstance(prem, (list, tuple, set)):
        raise _Invalid("'premises' should be a list of letters such as ['A', 'B'].")
    got = {str(x).strip().upper() for x in prem}
    bad = sorted(got - set(letters))
    if bad:
        raise _Invalid(f"{', '.join(bad)}: not a letter of the task; use " + ", ".join(letters))
    want = {k for k, n in letters.items() if n.role == "premise"}
    want_assumption = {k for k, n in letters.items() if not n.stated}
    details, paras = [], set()
    for k in sorted(got - want):
        n = letters[k]
        if not n.stated:
            details.append(
                f"{k} is something the argument needs but never says; that makes "
                "it an assumption rather than a stated premise."
            )
        elif n.role == "objection":
            details.append(
                f"{k} ({cite(n.paragraphs)}) speaks against the claim; a premise supports it."
            )
        else:
            details.append(
                f"{k} ({cite(n.paragraphs)}) narrows how far the claim goes (a "
                "limit); it does not give a reason for it."
            )
        paras.update(n.paragraphs)
    missing = sorted(want - got)
    for k in missing:
        paras.update(letters[k].paragraphs)
    if missing:
        details.append(
            f"{len(missing)} premise(s) missing: which statements give Iqbal "
            "reasons for his conclusion?"
        )
    a = answer.get("assumption")
    a_ok = isinstance(a, str) and a.strip().upper() in want_assumption
    if a is None or a is ...:
        details.append("Name the unstated assumption too: 'assumption': 'X'.")
    elif not a_ok:
        details.append(
            f"{a!r} is not the unstated assumption; look for the statement with no "
            "paragraph behind it, one you cannot find in ¶16-22."
        )
    if not details:
        return Feedback(
            "04-premises",
            "correct",
            "Premises, and the assumption the argument leaves unstated, found.",
            paragraphs=tuple(sorted(p for n in letters.values() for p in n.paragraphs)),
        )
    return Feedback(
        "04-premises",
        "partly" if (got & want) or a_ok else "incorrect",
        f"{len(got & want)} of {len(want)} premises; assumption "
        f"{'right' if a_ok else 'not yet right'}.",
        tuple(details),
        tuple(sorted(paras)),
    )


_register(
    Exercise(
        "04-premises",
        MAIN,
        "Iqbal's main claim: Pakistan is balancing its ties with the US, not breaking away "
        "(¶16-17). Which of these statements are premises (reasons he gives for it), and which "
        "one is an assumption he needs but never states?",
        "{'premises': ['A', ...], 'assumption': 'X'}",
        _grade_premises,
        lambda art: {
            "premises": sorted(k for k, n in _premise_statements(art) if n.role == "premise"),
            "assumption": next(k for k, n in _premise_statements(art) if not n.stated),
        },
        lambda art: tuple((k, _plain_text(n.text)) for k, n in _premise_statements(art)),
    )
)


def _expected_unstated(art: Article) -> set[str]:
    return {n.id for n in _bop(art).nodes if not n.stated}


def _grade_unstated(art: Article, answer: Any) -> Feedback:
    items = _collection(answer, "node ids", '["some-node-id", ...]')
    arg = _bop(art)
    nodes = {n.id: n for n in arg.nodes}
    ids = [getattr(x, "id", x) for x in items]
    for x in ids:
        if not isinstance(x, str):
            raise _Invalid(
                f"Each item should be a node id (a string) such as 'bop-claim'; found {x!r}, "
                f"{_type_name(x)}."
            )
    got = set(ids)
    bad = [g for g in got if g not in nodes]
    if bad:
        raise _Invalid(
            f"Not node ids of {arg.id}: "
            + ", ".join(map(repr, bad))
            + ". Print [n.id for n in argument.nodes]."
        )
    want = _expected_unstated(art)
    return _set_feedback(
        "04-unstated",
        got,
        want,
        lambda nid: f"it cites {cite(nodes[nid].paragraphs)}, so the article states it.",
        lambda nid: (),
        [],
        lambda nid: nid,
    )


_register(
    Exercise(
        "04-unstated",
        MAIN,
        "With code, find the steps of the balance-of-power argument that the article leaves "
        "unstated (ArgumentNode.stated is False). Give their ids.",
        '["node-id", ...]',
        _grade_unstated,
        _expected_unstated,
    )
)


def _open_grader(
    ex_id: str, min_words: int, rubric: tuple[str, ...]
) -> Callable[[Article, Any], Feedback]:
    """Open responses are read by the instructor: check only the form, then show the rubric."""

    def grade(art: Article, answer: Any) -> Feedback:
        if not isinstance(answer, str):
            raise _Invalid(
                'Write your answer as a string: answer = """...""" (a few sentences, '
                "citing paragraphs like ¶18)."
            )
        words = len(answer.split())
        cited = [int(n) for n in re.findall(r"¶\s*(\d+)", answer)]
        details = []
        if words < min_words:
            details.append(
                f"{words} words: write at least {min_words}, so that your reasons have room."
            )
        if not cited:
            details.append("Cite at least one paragraph with ¶ (for example ¶18).")
        bad = [n for n in cited if not 1 <= n <= len(art.paragraphs)]
        if bad:
            details.append(
                f"¶{bad[0]} does not exist; the article has ¶1 to ¶{len(art.paragraphs)}."
            )
        if details:
            return Feedback(ex_id, "incorrect", "Not ready to hand in yet.", tuple(details))
        return Feedback(
            ex_id,
            "ready",
            f"{words} words, citing {cite(cited)}. Your instructor reads the substance; before "
            "you hand it in, check it against the rubric:",
            rubric,
        )

    return grade


_OPEN_ANSWER = "(open response; the instructor reads it against the rubric)"

_register(
    Exercise(
        "04-objection",
        MAIN,
        "Write one objection to Iqbal's balance-of-power argument, citing the paragraph(s) it "
        "rests on.",
        "a string of at least 25 words with a citation such as ¶18",
        _open_grader(
            "04-objection",
            25,
            (
                "It names the premise or step of Iqbal's argument that it attacks.",
                "It gives a reason, from the text or from outside knowledge marked as such.",
                "It cites the paragraph(s) it rests on.",
                "It says how much the claim would suffer if the objection holds.",
            ),
        ),
        lambda art: _OPEN_ANSWER,
    )
)

_register(
    Exercise(
        "05-essay-sources",
        MAIN,
        "How far can a reader trust what the article says about why Putin cancelled his trip? "
        "Weigh the sources the article relies on.",
        "a string of at least 120 words citing paragraphs such as ¶8",
        _open_grader(
            "05-essay-sources",
            120,
            (
                "Separates what the article reports as fact from what it attributes, judges or "
                "speculates (2 points).",
                "Names the channels (outlets, an anonymous official, observers) and what "
                "each can know (2 points).",
                "Cites the paragraphs each point rests on (1 point).",
                "Reaches a judgement of its own and says what evidence would change it (1 point).",
            ),
        ),
        lambda art: _OPEN_ANSWER,
    )
)

_register(
    Exercise(
        "05-essay-balance",
        MAIN,
        "Is 'balancing' the best word for what Pakistan is doing in the article, or is it "
        "hedging or diversification? Argue one way.",
        "a string of at least 150 words citing paragraphs such as ¶17",
        _open_grader(
            "05-essay-balance",
            150,
            (
                "Defines the concept it chooses in its own words and contrasts it with one other "
                "(2 points).",
                "Uses at least two pieces of evidence from the article, cited by paragraph "
                "(2 points).",
                "Deals with the strongest point against its view, e.g. Iqbal's limits (1 point).",
                "Keeps Iqbal's reading apart from the author's reporting (1 point).",
            ),
        ),
        lambda art: _OPEN_ANSWER,
    )
)


# -- what would change the picture: a teaching device, not a forecast ----------------------------

TEACHING_DEVICE = (
    "TEACHING DEVICE, NOT A FORECAST: this toy shows how the conclusion of an "
    "argument hangs on its premises. Its scores are made up for the lesson and "
    "predict nothing."
)


@dataclass(frozen=True)
class Factor:
    """One 'what if' the explorer can switch on, with the step of Iqbal's argument it touches."""

    key: str
    label: str
    touches: str
    paragraphs: tuple[int, ...]
    shift: int  # + pushes towards a break with the US, - back towards reliance on it


FACTORS: tuple[Factor, ...] = (
    Factor(
        "us_ties_mend",
        "Pakistan-US relations stop being bumpy",
        "the premise that bumpy relations with the US push Pakistan to diversify",
        (16,),
        -2,
    ),
    Factor(
        "russia_can_supply",
        "Russia can offer the level of aid and defence support Iqbal says only the US gives",
        "Iqbal's limit that Russia cannot offer the requisite aid and defence support",
        (18,),
        +2,
    ),
    Factor(
        "russia_india_rupture",
        "Russia's historic ties with India break down",
        "the limit that Russia-India ties are unlikely to rupture",
        (18,),
        +1,
    ),
    Factor(
        "us_leaves_afghanistan",
        "The US leaves Afghanistan with no bases",
        "the premise that Russia and Pakistan converge on Afghanistan, above all on US bases",
        (18, 21),
        -1,
    ),
    Factor(
        "putin_visit_happens",
        "Putin's rescheduled visit takes place",
        "the objection that Russia is still watching whether Pakistan is serious",
        (17, 22),
        +1,
    ),
)
_FACTOR_KEYS = {f.key for f in FACTORS}


def _picture(score: int) -> tuple[str, str]:
    if score <= -2:
        return (
            "back towards reliance on the US",
            "The reasons to diversify weaken; Pakistan would have less cause to look elsewhere.",
        )
    if score <= 1:
        return (
            "hedging and diversification (the article's picture)",
            "Pakistan adds Russia as a second partner while keeping the US, as Iqbal "
            "argues (¶17-18).",
        )
    if score <= 3:
        return (
            "stronger balancing",
            "Russia becomes a real counterweight, though the US link remains.",
        )
    return (
        "a realignment",
        "The swap of camps that Iqbal says is not envisaged (¶18) becomes thinkable. "
        "Ask: which of his limits would have had to fail?",
    )


@dataclass(frozen=True)
class WhatIfReading:
    """The explorer's reading for one set of switches; readable as text and HTML."""

    active: tuple[Factor, ...]
    score: int
    picture: str
    explanation: str

    def __str__(self) -> str:
        lines = [TEACHING_DEVICE, ""]
        if not self.active:
            lines.append("No switch on: the premises stand as the article gives them.")
        for f in self.active:
            arrow = "towards a break" if f.shift > 0 else "back towards the US"
            lines.append(
                f"- {f.label}: weakens or removes {f.touches} ({cite(f.paragraphs)}); "
                f"pushes {arrow}."
            )
        lines += ["", f"Picture: {self.picture}. {self.explanation}"]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        items = (
            "".join(
                f"<li><b>{html.escape(f.label)}</b>: weakens or removes {html.escape(f.touches)} "
                f"({html.escape(cite(f.paragraphs))})</li>"
                for f in self.active
            )
            or "<li>No switch on: the premises stand as the article gives them.</li>"
        )
        return (
            f'<div class="geokit-whatif" style="border:2px dashed #762a83;padding:8px 12px">'
            f'<div style="font-weight:bold;color:#762a83">{html.escape(TEACHING_DEVICE)}'
            f"</div><ul>{items}</ul><div><b>Picture:</b> {html.escape(self.picture)}. "
            f"{html.escape(self.explanation)}</div></div>"
        )


def what_if(**switches: bool) -> WhatIfReading:
    """Switch factors on and read how the picture of Iqbal's argument changes.

    A teaching device, not a forecast: the shifts are made-up weights that show which premises
    and limits hold the conclusion up.

    >>> print(what_if().picture)
    hedging and diversification (the article's picture)
    >>> what_if(russia_can_supply=True, russia_india_rupture=True, putin_visit_happens=True).picture
    'a realignment'
    >>> what_if(nonsense=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: unknown switch 'nonsense'; the switches are us_ties_mend, russia_can_supply, ...
    """
    for key in switches:
        if key not in _FACTOR_KEYS:
            raise TypeError(
                f"unknown switch {key!r}; the switches are " + ", ".join(f.key for f in FACTORS)
            )
    active = tuple(f for f in FACTORS if switches.get(f.key))
    score = sum(f.shift for f in active)
    picture, explanation = _picture(score)
    return WhatIfReading(active, score, picture, explanation)


class _Explorer:
    """Checkboxes over :func:`what_if`; a readable text repr where widgets do not render."""

    def __init__(self) -> None:
        import ipywidgets as w  # lazy: only when the explorer is shown

        self._boxes = {
            f.key: w.Checkbox(
                value=False, description=f.label, indent=False, layout=w.Layout(width="auto")
            )
            for f in FACTORS
        }
        self._out = w.HTML(what_if()._repr_html_())
        for box in self._boxes.values():
            box.observe(self._update, names="value")
        self.widget = w.VBox(
            [
                w.HTML("<b>What would change the picture?</b> Tick what you want to imagine."),
                *self._boxes.values(),
                self._out,
            ]
        )

    def _update(self, _change: Any = None) -> None:
        self._out.value = self.reading()._repr_html_()

    def reading(self) -> WhatIfReading:
        return what_if(**{k: b.value for k, b in self._boxes.items()})

    def set(self, **switches: bool) -> WhatIfReading:
        """Tick boxes from code (for tests, or a class demonstration)."""
        what_if(**switches)  # validate names
        for k, v in switches.items():
            self._boxes[k].value = bool(v)
        return self.reading()

    def __repr__(self) -> str:
        return (
            "What would change the picture? (checkboxes; if you see this text, call "
            "geokit.exercises.what_if(switch=True, ...) instead)\n" + str(self.reading())
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data or {})
        data["text/plain"] = repr(self)
        return data


def what_if_explorer() -> _Explorer:
    """The checkbox version of :func:`what_if`, for the balance-of-power lesson."""
    return _Explorer()
