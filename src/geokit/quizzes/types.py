"""One registry of question types: each type is one :class:`QuestionType` that holds everything
about it, so a new type is one entry here and one spec in :mod:`geokit.data.questions`.

An entry holds the type's data spec (answer fields, rules and checks, from the data layer, where
``geokit validate`` reads it without this engine), its grader, its label and its text and HTML
renderings for the readable fallback (never giving the answer away), its widget (ipywidgets is
imported only when a widget is built) and a sample answer, valid by construction, that the
benchmarks and the synthetic gradebook use.

>>> from geokit.data.questions import Question
>>> q = Question(id="order", type="ordering", prompt="Earliest first.", items=("a", "b", "c"))
>>> t = question_type(q.type)
>>> t.label, t.sample(q)
('put in order', ['a', 'b', 'c'])
>>> t.grade(q, t.sample(q)).status
'correct'
>>> question_type("essay")
Traceback (most recent call last):
...
LookupError: no question type 'essay'; the types are single_choice, multiple_select, ...
"""

from __future__ import annotations

import hashlib
import html
import random
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geokit.data.questions import SPECS, Question, TypeSpec
from geokit.quizzes.grading import (
    Grade,
    grade_evidence,
    grade_matching,
    grade_multiple_select,
    grade_numeric,
    grade_open_response,
    grade_ordering,
    grade_short_text,
    grade_single_choice,
)

if TYPE_CHECKING:  # pragma: no cover
    from geokit.quizzes.core import Quiz

__all__ = [
    "REGISTRY",
    "Control",
    "QuestionType",
    "fill",
    "offered_paragraphs",
    "question_type",
    "seeded_order",
]

#: a widget control: the widget, a function that reads its value, one that puts a value back
Control = tuple[Any, Callable[[], Any], Callable[[Any], None]]
Grader = Callable[[Question, Any, int | None], Grade]


@dataclass(frozen=True)
class QuestionType:
    """Everything about one question type (see the module's docstring)."""

    spec: TypeSpec
    #: how a student answers it, shown in every question's header
    label: str
    grader: Grader
    #: lines under the prompt in the plain-text view, given the article's paragraph count and
    #: the order the student sees (see ``shown``)
    text: Callable[[Question, int, list[str]], list[str]]
    #: HTML under the prompt in the static view (text escaped), given the same
    html: Callable[[Question, int, list[str]], str]
    #: builds the answer control; imports ipywidgets when called
    widget: Callable[[Question, Quiz], Control]
    #: a valid answer: the right one, or with a random generator a random valid one
    sampler: Callable[[Question, random.Random | None], Any]
    #: the button's word and tooltip
    action: str = "Check"
    action_tooltip: str = "Check and save"
    #: scored by the instructor against a rubric, not by geokit
    scored_by_instructor: bool = False
    #: the paragraphs a question cites are its answer (so the reveal rules hold them back)
    cites_the_answer: bool = False
    #: what a student sees in their own order: each key the answer stores (an option id, an
    #: item, a choice) with the text shown for it; None for a type with nothing to reorder
    shown: Callable[[Question], dict[str, str]] | None = None

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def fields(self) -> tuple[str, ...]:
        """The answer fields the type uses."""
        return self.spec.fields

    def grade(self, q: Question, value: Any, n_paragraphs: int | None = None) -> Grade:
        """Grade ``value`` as an answer to ``q`` (never raises for a student's value)."""
        return self.grader(q, value, n_paragraphs)

    def header_label(self, q: Question) -> str:
        """The label with the question's unit, e.g. 'a number (MW)'."""
        return f"{self.label} ({q.unit})" if q.unit else self.label

    def arrange(self, q: Question, seed: tuple[str, ...] | None = None) -> list[str]:
        """The keys of ``q`` (option ids, items or choices) in the order they are shown.

        With ``seed`` (student, article, bank), the order of that student, fixed by
        :func:`seeded_order`; without, the order of the texts, which says nothing about the key.
        A question with ``shuffle: false`` keeps its authored order for everyone. A type with
        nothing to reorder gives ``[]``.
        """
        if self.shown is None:
            return []
        texts = self.shown(q)
        if not q.shuffle:  # the author fixed the order (jupyterquiz's shuffle_answers: false)
            return list(texts)
        if seed is None:
            return sorted(texts, key=lambda k: (texts[k].casefold(), texts[k], k))
        return seeded_order(texts, *seed, q.id)

    def sample(self, q: Question, rng: random.Random | None = None) -> Any:
        """An answer of the right shape: without ``rng``, the right answer; with it, a random
        one that may be wrong but is always valid."""
        return self.sampler(q, rng)


# -- shared helpers of the views ----------------------------------------------------------------

# never at a hyphen: an option id broken over two lines could not be copied and typed
_WRAP = textwrap.TextWrapper(width=96, subsequent_indent="     ", break_on_hyphens=False)


def fill(text: str) -> str:
    """Wrap a line of the plain-text view to 96 columns, continuing under its text."""
    return _WRAP.fill(text)


def seeded_order(keys: Iterable[str], *seed: str) -> list[str]:
    """``keys`` (each once) in an order fixed by ``seed``: the same on every machine and after
    every restart, and unrelated to the order the keys were written in.

    The keys are sorted first, then shuffled by ``random.Random`` seeded with the SHA-256 digest
    of the seed parts joined by NUL (``(student, article, bank, question id)`` for a quiz).

    >>> seeded_order(["c", "a", "b"], "ada", "q1") == seeded_order(["b", "c", "a"], "ada", "q1")
    True
    """
    out = sorted(dict.fromkeys(keys))
    # S311: an order to show, not a secret; Random's shuffle is the same on every platform
    random.Random(hashlib.sha256("\0".join(seed).encode()).digest()).shuffle(out)  # noqa: S311
    return out


def offered_paragraphs(q: Question, n_paragraphs: int) -> list[int]:
    """The paragraphs an evidence question offers: its candidates, else every paragraph."""
    return list(q.candidates) or list(range(1, n_paragraphs + 1))


def _e(text: Any) -> str:
    return html.escape(str(text))


def _nothing(q: Question, n_paragraphs: int, order: list[str]) -> list[str]:
    return []


def _no_html(q: Question, n_paragraphs: int, order: list[str]) -> str:
    return ""


# -- per type: views ----------------------------------------------------------------------------


def _option_texts(q: Question) -> dict[str, str]:
    return {o.id: o.text for o in q.options}


def _choice_texts(q: Question) -> dict[str, str]:
    return {c: c for c in (*(p.right for p in q.pairs), *q.distractors)}


def _item_texts(q: Question) -> dict[str, str]:
    return {i: i for i in q.items}


def _in_order(q: Question, order: list[str]) -> list[Any]:
    """The options of ``q`` in ``order`` (ids), any the order misses at the end."""
    by_id = {o.id: o for o in q.options}
    return [by_id[k] for k in order if k in by_id] + [o for o in q.options if o.id not in order]


# the id stays beside each option: quiz.answer() takes it
def _options_text(q: Question, n_paragraphs: int, order: list[str]) -> list[str]:
    lines = []
    for o in _in_order(q, order):
        lines.append(fill(f"     {o.id}) {o.text}"))
        lines.extend("         " + line for line in o.code.splitlines())  # code, verbatim
    return lines


def _options_html(q: Question, n_paragraphs: int, order: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(o.id)}) {_e(o.text)}"
                            + (f"<pre>{_e(o.code)}</pre>" if o.code else "") + "</li>"
                            for o in _in_order(q, order)) + "</ul>"


def _matching_text(q: Question, n_paragraphs: int, order: list[str]) -> list[str]:
    return ["     items: " + "; ".join(p.left for p in q.pairs),
            "     choices: " + "; ".join(order)]


def _matching_html(q: Question, n_paragraphs: int, order: list[str]) -> str:
    return ("<p>Items: " + "; ".join(_e(p.left) for p in q.pairs) + "</p>"
            "<p>Choices: " + "; ".join(_e(c) for c in order) + "</p>")


def _ordering_text(q: Question, n_paragraphs: int, order: list[str]) -> list[str]:
    return ["     items: " + "; ".join(order)]


def _ordering_html(q: Question, n_paragraphs: int, order: list[str]) -> str:
    return "<p>Items: " + "; ".join(_e(i) for i in order) + "</p>"


def _evidence_text(q: Question, n_paragraphs: int, order: list[str]) -> list[str]:
    cands = offered_paragraphs(q, n_paragraphs)
    if not cands:
        return []
    if cands == list(range(cands[0], cands[-1] + 1)):
        return [f"     paragraphs offered: ¶{cands[0]}-¶{cands[-1]}"]
    return ["     paragraphs offered: " + ", ".join(f"¶{n}" for n in cands)]


def _rubric(q: Question, escape: Callable[[str], str]) -> str:
    return "; ".join(f"{escape(r.criterion)} ({r.points:g} pt)" for r in q.rubric)


def _open_text(q: Question, n_paragraphs: int, order: list[str]) -> list[str]:
    return ["     rubric: " + _rubric(q, str)] if q.rubric else []


def _open_html(q: Question, n_paragraphs: int, order: list[str]) -> str:
    return f"<p>Rubric: {_rubric(q, _e)}</p>" if q.rubric else ""


# -- per type: widgets (ipywidgets is imported here, when a quiz is first shown) ---------------


def _choice_widget(q: Question, quiz: Quiz) -> Control:
    from geokit.quizzes.widgets import choice_control

    return choice_control(q, quiz.display_order(q))


def _select_widget(q: Question, quiz: Quiz) -> Control:
    from geokit.quizzes.widgets import select_control

    return select_control(q, quiz.display_order(q))


def _numeric_widget(q: Question, quiz: Quiz) -> Control:
    from geokit.quizzes.widgets import text_control

    return text_control("a number", f"Your answer ({q.unit}):" if q.unit else "Your answer:")


def _short_text_widget(q: Question, quiz: Quiz) -> Control:
    from geokit.quizzes.widgets import text_control

    return text_control("a word or short phrase", "Your answer:")


def _matching_widget(q: Question, quiz: Quiz) -> Control:
    from geokit.quizzes.widgets import matching_control

    return matching_control(q, quiz.display_order(q))


def _ordering_widget(q: Question, quiz: Quiz) -> Control:
    from geokit.quizzes.widgets import ordering_control

    return ordering_control(q, quiz.display_order(q))


def _evidence_widget(q: Question, quiz: Quiz) -> Control:
    from geokit.quizzes.widgets import evidence_control

    return evidence_control(q, quiz)


def _open_widget(q: Question, quiz: Quiz) -> Control:
    from geokit.quizzes.widgets import open_control

    return open_control(q)


# -- per type: sample answers (valid by construction) ------------------------------------------


def _single_sample(q: Question, rng: random.Random | None) -> Any:
    ids = [o.id for o in q.options]
    if rng is not None:
        return rng.choice(ids)
    return next((o.id for o in q.options if o.correct), ids[0] if ids else "")


def _multiple_sample(q: Question, rng: random.Random | None) -> Any:
    ids = [o.id for o in q.options]
    if rng is not None:
        return rng.sample(ids, k=rng.randint(1, len(ids)))
    return [o.id for o in q.options if o.correct] or ids[:1]


def _numeric_sample(q: Question, rng: random.Random | None) -> Any:
    right = next((a for a in q.answers if a.correct), None)
    if right is None:
        return 0.0
    value = right.value if right.value is not None else right.low
    if rng is not None and rng.random() >= 0.6:
        return 0
    return value if value is not None else 0.0


def _short_text_sample(q: Question, rng: random.Random | None) -> Any:
    right = next((a.text for a in q.accepted if a.correct and a.text.strip()), "answer")
    if rng is not None and rng.random() >= 0.6:
        return "no idea"
    return right


def _matching_sample(q: Question, rng: random.Random | None) -> Any:
    if rng is not None:
        rights = [p.right for p in q.pairs]
        return {p.left: rng.choice(rights) for p in q.pairs}
    return {p.left: p.right for p in q.pairs}


def _ordering_sample(q: Question, rng: random.Random | None) -> Any:
    items = list(q.items)
    if rng is not None and rng.random() < 0.5:
        rng.shuffle(items)
    return items


def _evidence_sample(q: Question, rng: random.Random | None) -> Any:
    fallback = [q.candidates[0] if q.candidates else 1]
    if rng is not None and rng.random() >= 0.6:
        return fallback
    return list(q.evidence) or fallback


def _open_sample(q: Question, rng: random.Random | None) -> Any:
    words = ["A", "sample", "open", "response", "of", "several", "words."]
    while len(words) < q.min_words:
        words.insert(-1, "more")
    return " ".join(words)


# -- the registry -------------------------------------------------------------------------------


def _plain(grader: Callable[[Question, Any], Grade]) -> Grader:
    """A grader that needs no paragraph count."""
    def grade(q: Question, value: Any, n_paragraphs: int | None) -> Grade:
        return grader(q, value)
    return grade


REGISTRY: dict[str, QuestionType] = {t.name: t for t in (
    QuestionType(SPECS["single_choice"], "choose one", _plain(grade_single_choice),
                 _options_text, _options_html, _choice_widget, _single_sample,
                 shown=_option_texts),
    QuestionType(SPECS["multiple_select"], "choose all that apply",
                 _plain(grade_multiple_select), _options_text, _options_html, _select_widget,
                 _multiple_sample, shown=_option_texts),
    QuestionType(SPECS["numeric"], "a number", _plain(grade_numeric), _nothing, _no_html,
                 _numeric_widget, _numeric_sample),
    QuestionType(SPECS["short_text"], "a word or short phrase", _plain(grade_short_text),
                 _nothing, _no_html, _short_text_widget, _short_text_sample),
    QuestionType(SPECS["matching"], "match each item", _plain(grade_matching), _matching_text,
                 _matching_html, _matching_widget, _matching_sample, shown=_choice_texts),
    QuestionType(SPECS["ordering"], "put in order", _plain(grade_ordering), _ordering_text,
                 _ordering_html, _ordering_widget, _ordering_sample, shown=_item_texts),
    # the static HTML view shows no paragraphs offered: the widget lists them with their text
    QuestionType(SPECS["evidence"], "pick the supporting paragraph(s)", grade_evidence,
                 _evidence_text, _no_html, _evidence_widget, _evidence_sample,
                 cites_the_answer=True),
    QuestionType(SPECS["open_response"], "written answer, scored by your instructor",
                 _plain(grade_open_response), _open_text, _open_html, _open_widget,
                 _open_sample, action="Submit", action_tooltip="Save this answer",
                 scored_by_instructor=True),
)}


def question_type(name: str) -> QuestionType:
    """The registry entry of a question type; ``LookupError`` naming the types there are."""
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        raise LookupError(f"no question type {name!r}; the types are "
                          + ", ".join(REGISTRY)) from None
