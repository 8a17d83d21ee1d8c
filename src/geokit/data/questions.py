"""Typed records for question banks: a bank holds questions, a question holds what grades it.

One :class:`Question` dataclass serves every type; the fields a type uses are listed in
:data:`TYPE_FIELDS` and the loader (:mod:`geokit.data.banks`) rejects the fields it does not
use, so an author who writes ``options:`` on a numeric question hears about it. The fields are the
schema: ``geokit schema`` writes ``quiz.schema.json`` from them, and a field's ``metadata["doc"]``
is its description there.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from geokit.data.model import doc

__all__ = [
    "LEVELS",
    "TYPES",
    "TYPE_FIELDS",
    "Bank",
    "Level",
    "NumericAnswer",
    "Option",
    "Pair",
    "Question",
    "QuestionType",
    "RubricItem",
    "TextAnswer",
]

QuestionType = Literal["single_choice", "multiple_select", "numeric", "short_text", "matching",
                       "ordering", "evidence", "open_response"]
Level = Literal["remember", "understand", "apply", "analyse", "evaluate"]

TYPES: tuple[str, ...] = ("single_choice", "multiple_select", "numeric", "short_text",
                          "matching", "ordering", "evidence", "open_response")
LEVELS: tuple[str, ...] = ("remember", "understand", "apply", "analyse", "evaluate")


@dataclass(frozen=True)
class Option:
    """One option of a single-choice or multiple-select question."""

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

    id: str = doc("Unique id within the article, lower-case words joined by hyphens.")
    type: QuestionType = doc("How the question is answered and graded.")
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


#: the answer fields each type uses; any other answer field set on it is an authoring mistake
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "single_choice": ("options",),
    "multiple_select": ("options",),
    "numeric": ("answers", "precision", "unit", "default_feedback"),
    "short_text": ("accepted", "default_feedback"),
    "matching": ("pairs", "distractors"),
    "ordering": ("items",),
    "evidence": ("evidence", "candidates"),
    "open_response": ("rubric", "min_words", "model_answer"),
}
ANSWER_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f for fs in TYPE_FIELDS.values() for f in fs))


@dataclass(frozen=True)
class Bank:
    """A question bank: one YAML file in an article's ``quizzes/`` folder."""

    id: str = doc("The bank's id; must be the file name without .yaml, e.g. 'actors'.")
    title: str = doc("Title shown above the quiz.")
    questions: tuple[Question, ...] = doc("The questions, in the order they are shown.")
    description: str = doc("What the bank practises, for the student.", "")
    article: str = doc("Id of the article the bank belongs to (filled in by the loader).", "")

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)

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
                "description": self.description,
                "questions": [q.to_dict() for q in self.questions]}
