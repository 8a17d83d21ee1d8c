"""Typed records for question banks, and the data half of every question type.

One :class:`Question` dataclass serves every type. Each type has a :class:`TypeSpec` here: the
answer fields it uses (any other answer field on it is an authoring mistake), the rules its
questions keep and the checks beyond what a JSON Schema can say. The loader
(:mod:`geokit.data.banks`) and ``geokit schema`` (``quiz.schema.json``) both read these, so an
editor and ``geokit validate`` accept the same banks. The engine half of each type (grader,
renderings, widget, sample answer) is its entry in :mod:`geokit.quizzes.types`, which refers to
the spec here: the data layer checks banks without importing an engine.

A field's ``metadata["doc"]`` is its description in the JSON Schema.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from geokit.data.records import doc
from geokit.data.rules import (
    FILLED,
    ID_PATTERN,
    Bound,
    Count,
    Filled,
    Forbid,
    Pattern,
    RuleSet,
    Shapes,
    Unique,
    When,
)
from geokit.data.text import normalise

__all__ = [
    "ANSWER_FIELDS",
    "COUNTING",
    "LEVELS",
    "MODES",
    "PARAGRAPH_FIELDS",
    "REVEAL_PATTERN",
    "SPECS",
    "TYPES",
    "TYPE_FIELDS",
    "Bank",
    "Level",
    "NumericAnswer",
    "Option",
    "Pair",
    "Question",
    "RubricItem",
    "TextAnswer",
    "TypeName",
    "TypeSpec",
    "spec",
]

TypeName = Literal["single_choice", "multiple_select", "numeric", "short_text", "matching",
                   "ordering", "evidence", "open_response"]
Level = Literal["remember", "understand", "apply", "analyse", "evaluate"]

TYPES: tuple[str, ...] = ("single_choice", "multiple_select", "numeric", "short_text",
                          "matching", "ordering", "evidence", "open_response")
LEVELS: tuple[str, ...] = ("remember", "understand", "apply", "analyse", "evaluate")
#: which attempt at a question the gradebook counts
COUNTING: tuple[str, ...] = ("first", "best", "last")
#: practice (feedback as ``reveal`` says) or exam (answers saved, no correctness shown)
MODES: tuple[str, ...] = ("practice", "exam")
#: the forms of a bank's ``reveal``
REVEAL_PATTERN = r"^(immediately|after-correct|never|after [1-9][0-9]* attempts?)$"
_AFTER = re.compile(r"^after ([1-9][0-9]*) attempts?$")


@dataclass(frozen=True)
class Option:
    """One option of a single-choice or multiple-select question."""

    RULES: ClassVar[RuleSet] = (
        Filled(name="feedback", message="every option needs feedback that explains it",
               expected="a sentence on why this option is right or wrong", found="none",
               authoring=True),
    )

    id: str = doc("Short id the answer gives, e.g. 'a'. Stable when options are reordered.")
    text: str = doc("The option as the student reads it.")
    correct: bool = doc("True for a correct option.", False)
    feedback: str = doc("Why this option is right or wrong, shown when it is chosen.", "")
    code: str = doc("A code block shown under the option text (as jupyterquiz allows).", "")


@dataclass(frozen=True)
class NumericAnswer:
    """A value (with a tolerance) or a range that a numeric answer can fall in.

    The first answer a submission matches decides: a correct one gives the points, an incorrect
    one (a known mistake) gives its feedback.
    """

    RULES: ClassVar[RuleSet] = (
        Shapes(names=("value", "low", "high"), shapes=(("value",), ("low", "high")),
               message="give either value (with tolerance) or low and high",
               expected="value, or both low and high"),
        Bound(name="tolerance", minimum=0, message="negative tolerance", expected="0 or more"),
    )

    value: float | None = doc("The expected value; give this or low/high.", None)
    tolerance: float = doc("Accepted absolute distance from value (inclusive).", 0.0)
    low: float | None = doc("Low end of an accepted range (inclusive).", None)
    high: float | None = doc("High end of an accepted range.", None)
    include_high: bool = doc("Whether high itself is in the range (jupyterquiz: false).", True)
    correct: bool = doc("False marks a known wrong answer that earns specific feedback.", True)
    feedback: str = doc("Shown when a submission matches this answer.", "")


@dataclass(frozen=True)
class TextAnswer:
    """An accepted (or a known wrong) short-text answer."""

    RULES: ClassVar[RuleSet] = (
        Bound(name="max_typos", minimum=0, message="negative typo allowance",
              expected="0 or more"),
        Bound(name="fuzzy_threshold", exclusive_minimum=0, maximum=1,
              message="threshold out of range", expected="a number above 0 and at most 1"),
    )

    text: str = doc("The answer text.")
    correct: bool = doc("False marks a known wrong answer that earns specific feedback.", True)
    feedback: str = doc("Shown when a submission matches this answer.", "")
    match_case: bool = doc("Compare letter case too (default: ignore case).", False)
    max_typos: int | None = doc(
        "Edits (insert, delete, replace a letter) still accepted; null picks by length: "
        "0 up to 3 letters, 1 up to 7, else 2.", None)
    fuzzy_threshold: float | None = doc(
        "jupyterquiz's similarity threshold (1 - edits/longer length); overrides max_typos.", None)


@dataclass(frozen=True)
class Pair:
    """A left item and the right item it belongs with, for a matching question."""

    left: str = doc("Item shown with a menu, e.g. an actor.")
    right: str = doc("The choice that belongs with it, e.g. an interest.")
    feedback: str = doc("Shown when this left item is matched wrongly.", "")


@dataclass(frozen=True)
class RubricItem:
    """One criterion of an open response's rubric, scored by the instructor."""

    criterion: str = doc("What a good answer does.")
    points: float = doc("Points for meeting the criterion.")


@dataclass(frozen=True)
class Question:
    """One question. Which answer fields apply depends on ``type`` (see docs/quiz-format.md)."""

    #: the rules every question keeps, then each type's (filled in below, from SPECS)
    RULES: ClassVar[RuleSet] = ()

    id: str = doc("Unique id within the article, lower-case words joined by hyphens.")
    type: TypeName = doc("How the question is answered and graded.")
    prompt: str = doc("The question. Words in double quotation marks must be verbatim from the "
                      "cited paragraphs.")
    points: float = doc("Points for a fully correct answer.", 1.0)
    paragraphs: tuple[int, ...] = doc("Paragraphs that answer the question.", ())
    objective: str = doc("The learning objective the question serves.", "")
    objectives: tuple[str, ...] = doc(
        "Ids of the lesson objectives (declared in lessons.yaml) the question assesses, "
        "e.g. ['L1.2'].", ())
    level: Level | None = doc(
        "Cognitive level: remember, understand, apply, analyse, evaluate.", None)
    explanation: str = doc("Why the answer is what it is, in plain words; shown after checking.",
                           "")
    code: str = doc("A code block shown under the prompt (as jupyterquiz allows).", "")
    shuffle: bool = doc("Show the options, items or choices in each student's own order "
                        "(default); false keeps the authored order (jupyterquiz's "
                        "shuffle_answers: false).", True)
    # single_choice, multiple_select
    options: tuple[Option, ...] = doc("single_choice / multiple_select: the options.", ())
    # numeric
    answers: tuple[NumericAnswer, ...] = doc("numeric: accepted values or ranges.", ())
    precision: int | None = doc("numeric: round the submission to this many significant digits "
                                "before comparing (jupyterquiz's precision).", None)
    unit: str = doc("numeric: the unit the answer is given in, shown beside the box.", "")
    default_feedback: str = doc("numeric / short_text: feedback when the answer matches none of "
                                "the listed answers (jupyterquiz's default answer).", "")
    # short_text
    accepted: tuple[TextAnswer, ...] = doc("short_text: accepted (and known wrong) answers.", ())
    # matching
    pairs: tuple[Pair, ...] = doc("matching: left items with the right item each belongs with.",
                                  ())
    distractors: tuple[str, ...] = doc("matching: extra right-hand choices that match nothing.",
                                       ())
    # ordering
    items: tuple[str, ...] = doc("ordering: the items in their correct order (shown shuffled).",
                                 ())
    # evidence
    evidence: tuple[int, ...] = doc("evidence: the paragraphs that support the claim.", ())
    candidates: tuple[int, ...] = doc("evidence: paragraphs offered (default: all).", ())
    # open_response
    rubric: tuple[RubricItem, ...] = doc("open_response: criteria the instructor scores.", ())
    min_words: int = doc("open_response: fewest words accepted for saving.", 0)
    model_answer: str = doc("open_response: an example answer shown after submitting.", "")

    def to_dict(self) -> dict[str, Any]:
        """Only the fields that are set, so exported JSON stays readable."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in ("id", "type", "prompt", "points") or value != f.default:
                out[f.name] = _plain(value)
        return out


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return {f.name: _plain(getattr(value, f.name)) for f in fields
                if getattr(value, f.name) != f.default or f.default is dataclasses.MISSING}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Bank:
    """A question bank: one YAML file in an article's ``quizzes/`` folder."""

    RULES: ClassVar[RuleSet] = (
        Count(name="questions", message="a bank needs questions", expected="a list of questions",
              show=lambda _: "an empty list"),
        Bound(name="retries", minimum=0, message="retries counts further tries",
              expected="0 (no retry), a whole number, or null (unlimited)"),
        Pattern(name="reveal", regex=REVEAL_PATTERN, message="unknown reveal rule",
                expected="immediately, after-correct, 'after N attempts' (e.g. 'after 2 "
                "attempts') or never"),
    )

    id: str = doc("The bank's id; must be the file name without .yaml, e.g. 'actors'.")
    title: str = doc("Title shown above the quiz.")
    questions: tuple[Question, ...] = doc("The questions, in the order they are shown.")
    description: str = doc("What the bank practises, for the student.", "")
    article: str = doc("Id of the article the bank belongs to (filled in by the loader).", "")
    counting: Literal["first", "best", "last"] = doc(
        "Which attempt at a question the gradebook counts: first, best or last (default).",
        "last")
    retries: int | None = doc(
        "Further tries after a question's first Check: null or absent for unlimited, a number "
        "N for at most N more, 0 for none.", None)
    reveal: str = doc(
        "When the explanation (and an open response's model answer) appears: 'immediately' "
        "(default), 'after-correct', 'after N attempts' (or once correct), or 'never'.",
        "immediately")
    mode: Literal["practice", "exam"] = doc(
        "'exam': answers are saved and the student sees 'Saved', with no correctness, "
        "explanation or score; 'practice' (default): feedback as reveal says.", "practice")

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)

    @property
    def reveal_after(self) -> int | None:
        """N of ``reveal: after N attempts``; None for the other rules."""
        m = _AFTER.match(self.reveal)
        return int(m.group(1)) if m else None

    @property
    def max_attempts(self) -> int | None:
        """How many Checks a question allows in all (1 + ``retries``); None for no limit."""
        return None if self.retries is None else 1 + self.retries

    def question(self, question_id: str) -> Question:
        """The question with this id; raise ``LookupError`` naming the ids there are."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise LookupError(f"bank {self.id!r} has no question {question_id!r}; its questions are "
                          + ", ".join(q.id for q in self.questions))

    def get(self, question_id: str, default: Question | None = None) -> Question | None:
        """Like :meth:`question`, but return ``default`` when there is no such question."""
        return next((q for q in self.questions if q.id == question_id), default)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "article": self.article,
                "description": self.description, "counting": self.counting,
                "retries": self.retries, "reveal": self.reveal, "mode": self.mode,
                "questions": [q.to_dict() for q in self.questions]}


# -- the question types: fields, rules, and checks beyond JSON Schema ----------------------------

#: ``add(field, message, expected, found)``: how a check reports a problem
Add = Callable[[str, str, str, str], None]


@dataclass(frozen=True)
class TypeSpec:
    """The data half of a question type.

    ``fields`` are the answer fields the type uses; ``rules`` are what its questions keep (the
    loader checks them and the JSON Schema states them); ``check`` adds what a JSON Schema cannot
    say, comparing values with each other (duplicates after normalising, totals, range ends).
    """

    name: str
    fields: tuple[str, ...]
    rules: RuleSet = ()
    check: Callable[[Question, Add], None] | None = None

    def rule(self, answer_fields: Iterable[str]) -> When:
        """Everything a question of this type keeps, as one rule: its own rules, and no answer
        field of another type (not even one left at its default)."""
        others = tuple(f for f in answer_fields if f not in self.fields)
        return When("type", self.name, (
            Forbid(names=others, message=f"field not used by {self.name} questions",
                   expected="only " + ", ".join(self.fields)),
            *self.rules,
        ))


def _dupes(values: Iterable[str], *, fold: bool = True) -> list[str]:
    """The values that repeat an earlier one, comparing spacing and (with ``fold``) case."""
    seen: set[str] = set()
    out = []
    for v in values:
        key = normalise(v).casefold() if fold else normalise(v)
        if key in seen:
            out.append(v)
        seen.add(key)
    return out


def _check_options(q: Question, add: Add) -> None:
    for d in _dupes(o.id for o in q.options):
        add("options", "duplicate option id", "each option id once", repr(d))
    for d in _dupes(o.text for o in q.options):
        add("options", "duplicate option text", "each option text once", repr(d))


def _check_numeric(q: Question, add: Add) -> None:
    for i, a in enumerate(q.answers):
        if a.low is not None and a.high is not None and a.high < a.low:
            add(f"answers[{i}]", "range ends below its start", "low <= high",
                f"{a.low:g} > {a.high:g}")


def _check_short_text(q: Question, add: Add) -> None:
    # answers that differ only in case are distinct when one of them matches case
    for d in _dupes((a.text if a.match_case else a.text.casefold() for a in q.accepted),
                    fold=False):
        add("accepted", "the same answer is listed twice", "each answer once", repr(d))


def _check_matching(q: Question, add: Add) -> None:
    for d in _dupes(p.left for p in q.pairs):
        add("pairs", "the same item is listed twice", "each left item once", repr(d))
    rights = {normalise(p.right).casefold() for p in q.pairs}
    for d in q.distractors:
        if normalise(d).casefold() in rights:
            add("distractors", "a distractor is also a correct match",
                "choices that match no item", repr(d))


def _check_ordering(q: Question, add: Add) -> None:
    for d in _dupes(q.items):
        add("items", "the same item is listed twice", "each item once", repr(d))


def _check_evidence(q: Question, add: Add) -> None:
    missing = [p for p in q.evidence if p not in q.candidates] if q.candidates else []
    if missing:
        add("candidates", "the correct answer is not among the options",
            "candidates that include every evidence paragraph",
            "missing " + ", ".join(map(str, missing)))


def _check_open_response(q: Question, add: Add) -> None:
    total = sum(r.points for r in q.rubric)
    if q.rubric and abs(total - q.points) > 1e-9:
        add("rubric", "rubric points do not add up to the question's points", f"{q.points:g}",
            f"{total:g}")


def _two(field: str, what: str, type_name: str) -> Count:
    return Count(name=field, at_least=2, message=f"{type_name} needs at least two {what}",
                 expected=f"2 or more {what}")


_CORRECT = (("correct", True),)
_NONE_CORRECT = "none marked correct"

SPECS: dict[str, TypeSpec] = {s.name: s for s in (
    TypeSpec("single_choice", ("options",), (
        _two("options", "options", "single_choice"),
        Count(name="options", at_most=1, where=_CORRECT,
              message="a single-choice question has exactly one correct option",
              expected="one option with correct: true",
              show=lambda right: ", ".join(repr(o.id) for o in right) or _NONE_CORRECT),
    ), _check_options),
    TypeSpec("multiple_select", ("options",), (
        _two("options", "options", "multiple_select"),
        Count(name="options", where=_CORRECT, message="the correct answer is not among the options",
              expected="at least one option with correct: true", show=lambda _: _NONE_CORRECT),
    ), _check_options),
    TypeSpec("numeric", ("answers", "precision", "unit", "default_feedback"), (
        Count(name="answers", where=_CORRECT, message="a numeric question needs a correct answer",
              expected="at least one answer with correct: true", show=lambda _: "none"),
    ), _check_numeric),
    TypeSpec("short_text", ("accepted", "default_feedback"), (
        Count(name="accepted", where=(*_CORRECT, ("text", FILLED)),
              message="a short-text question needs an accepted answer",
              expected="at least one answer with correct: true", show=lambda _: "none"),
    ), _check_short_text),
    TypeSpec("matching", ("pairs", "distractors"), (
        _two("pairs", "pairs", "matching"),
    ), _check_matching),
    TypeSpec("ordering", ("items",), (
        _two("items", "items", "ordering"),
        Forbid(names=("shuffle",), message="an ordering question is always shown in each "
               "student's own order: its authored order is the answer",
               expected="no shuffle field"),
    ), _check_ordering),
    TypeSpec("evidence", ("evidence", "candidates"), (
        Count(name="evidence", message="an evidence question needs the supporting paragraphs",
              expected="at least one paragraph number", show=lambda _: "none"),
        Unique(name="evidence", message="a paragraph is listed twice", expected="each number once"),
    ), _check_evidence),
    TypeSpec("open_response", ("rubric", "min_words", "model_answer"), (
        Count(name="rubric", message="an open response needs a rubric",
              expected="at least one criterion", show=lambda _: "none"),
    ), _check_open_response),
)}

#: the fields of a question that hold paragraph numbers (checked against the article)
PARAGRAPH_FIELDS: tuple[str, ...] = ("paragraphs", "evidence", "candidates")
#: the answer fields each type uses
TYPE_FIELDS: dict[str, tuple[str, ...]] = {name: s.fields for name, s in SPECS.items()}
#: every answer field, in the order the types list them
ANSWER_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f for s in SPECS.values() for f in s.fields))


def spec(type_name: str) -> TypeSpec:
    """The spec of a question type; ``LookupError`` naming the types there are.

    >>> spec("numeric").fields
    ('answers', 'precision', 'unit', 'default_feedback')
    """
    try:
        return SPECS[type_name]
    except (KeyError, TypeError):
        raise LookupError(f"no question type {type_name!r}; the types are "
                          + ", ".join(SPECS)) from None


Question.RULES = (
    Pattern(name="id", regex=ID_PATTERN, message="ids are lower-case words joined by hyphens",
            expected="e.g. 'actors-who-visited'"),
    Filled(name="prompt", message="empty prompt", expected="the question text",
           found="empty text"),
    Bound(name="points", exclusive_minimum=0, message="points must be positive",
          expected="a number above 0"),
    Bound(name="precision", minimum=1, message="precision counts significant digits",
          expected="1 or more"),
    Bound(name="min_words", minimum=0, message="negative word count", expected="0 or more"),
    # beside an article, a question is complete: it cites, has a level, and explains itself
    Count(name="paragraphs", message="every question cites the paragraph(s) that answer it",
          expected="at least one paragraph number", show=lambda _: "none", authoring=True),
    Filled(name="level", message="missing cognitive level", expected="one of " + ", ".join(LEVELS),
           authoring=True),
    Filled(name="objective", message="missing objective", expected="a sentence in plain words",
           authoring=True),
    Filled(name="explanation", message="missing explanation",
           expected="a sentence in plain words", authoring=True),
    *(s.rule(ANSWER_FIELDS) for s in SPECS.values()),
)
