"""What a checked answer gives back (:class:`Result`) and how a bank stands (:class:`Score`,
:class:`Progress`). Plain records with readable text and HTML reprs; no widgets."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from geokit.data.feedback import LOOK, Status, css_class

__all__ = ["Citation", "Progress", "QuestionProgress", "Result", "Score"]


@dataclass(frozen=True)
class Citation:
    """A paragraph that answers a question: its number and its text."""

    n: int
    text: str

    @property
    def label(self) -> str:
        return f"¶{self.n}"

    def __str__(self) -> str:
        return f"¶{self.n}: {self.text}"


@dataclass(frozen=True)
class Result:
    """The outcome of :meth:`Quiz.answer`: correct or not, points, feedback and the paragraphs.

    ``status`` is ``correct``, ``partial``, ``incorrect``, ``submitted`` (an open response, saved
    for the instructor) or ``invalid`` (the answer had the wrong type or shape, or named no
    question; ``message`` says what was expected and what was given, and nothing was saved):
    the statuses, words and colours of :mod:`geokit.data.feedback`, shared with the exercises.
    """

    question: str
    status: Status
    points: float
    max_points: float
    feedback: str
    explanation: str = ""
    citations: tuple[Citation, ...] = ()
    value: Any = None
    message: str = ""
    saved: bool = False
    attempts: int = 0
    save_error: str = field(default="", repr=False)
    #: an open response's example answer, shown when the bank's reveal rule allows
    model_answer: str = ""
    #: what was held back by the bank's reveal rule, in a sentence (empty when nothing was)
    hidden_note: str = ""
    #: the bank is an exam: the answer was saved and nothing about its correctness is shown
    exam: bool = False
    #: Checks the question still allows (None: no limit)
    tries_left: int | None = None

    @property
    def correct(self) -> bool | None:
        """True or False once graded; None for an invalid answer or an open response."""
        if self.status in ("invalid", "submitted", "unavailable"):
            return None
        return self.status == "correct"

    @property
    def paragraphs(self) -> tuple[int, ...]:
        return tuple(c.n for c in self.citations)

    @property
    def cite(self) -> str:
        return ", ".join(c.label for c in self.citations)

    def headline(self) -> str:
        word = LOOK[self.status].headline
        if self.status in ("invalid", "unavailable"):
            return f"{word}: {self.message}"
        if self.exam:
            return "Saved"
        if self.status == "submitted":  # the headline says who scores it
            return f"{word} ({self.max_points:g} point{'s' if self.max_points != 1 else ''})"
        pts = f"{self.points:g} of {self.max_points:g} point{'s' if self.max_points != 1 else ''}"
        return f"{word} ({pts})"

    def text(self) -> str:
        """Everything a student should read, as plain text."""
        lines = [self.headline()]
        if self.status not in ("invalid", "unavailable"):
            lines.append(self.feedback)
            if self.explanation:
                lines.append(f"Why: {self.explanation}")
            if self.model_answer:
                lines.append(f"Compare with an example answer: {self.model_answer}")
            if self.citations:
                lines.append(f"See {self.cite}.")
            lines.append(self.hidden_note)
            if self.tries_left is not None:
                lines.append("No tries left for this question." if self.tries_left == 0 else
                             f"{self.tries_left} more tr{'ies' if self.tries_left != 1 else 'y'}"
                             " allowed.")
        elif self.feedback:
            lines.append(self.feedback)
        if self.save_error:
            lines.append(f"Warning: {self.save_error}")
        return "\n".join(line for line in lines if line)

    def __repr__(self) -> str:
        return f"<Result {self.question!r}: {self.status}>\n" + self.text()

    def _repr_html_(self) -> str:
        e = html.escape
        paras = "".join(
            f"<details><summary>{e(c.label)}</summary><blockquote>{e(c.text)}</blockquote>"
            "</details>" for c in self.citations)
        body = "".join(f"<p>{e(line)}</p>" for line in self.text().split("\n")[1:])
        look = LOOK[self.status]
        style = (f"color: {look.colour}; background: {look.background}; "
                 f"border-left: 4px solid {look.colour}; padding: 4px 8px")
        return (f'<div class="geokit-result {css_class(self.status)}" style="{style}">'
                f'<b><span aria-hidden="true">{look.symbol}</span> {e(self.headline())}</b>'
                f"{body}{paras}</div>")


@dataclass(frozen=True)
class Score:
    """Points so far on one bank. Open responses count once the instructor scores them."""

    points: float
    max_points: float
    answered: int
    total: int
    correct: int
    pending: int = 0
    #: an exam: only how many questions are answered is shown, not points or correctness
    exam: bool = False

    def __str__(self) -> str:
        if self.exam:
            return (f"{self.answered} of {self.total} answered · answers saved for your "
                    "instructor")
        s = (f"Score {self.points:g} / {self.max_points:g} points · {self.answered} of "
             f"{self.total} answered · {self.correct} correct")
        if self.pending:
            s += f" · {self.pending} open response{'s' if self.pending != 1 else ''} for the " \
                 "instructor"
        return s

    def __repr__(self) -> str:
        return f"<{self}>"


@dataclass(frozen=True)
class QuestionProgress:
    """Where one question stands: never answered, or the last checked answer's outcome."""

    id: str
    type: str
    status: Status  # one of geokit.data.feedback's, "unanswered" when never answered
    points: float
    max_points: float
    attempts: int


@dataclass(frozen=True)
class Progress:
    """The bank's score and a row per question."""

    score: Score
    questions: tuple[QuestionProgress, ...]

    def __repr__(self) -> str:
        rows = [str(self.score)]
        for i, q in enumerate(self.questions, start=1):
            pts = (f"{q.points:g}/{q.max_points:g}" if q.status not in ("unanswered", "submitted")
                   else f"-/{q.max_points:g}")
            tries = f", {q.attempts} attempt{'s' if q.attempts != 1 else ''}" if q.attempts else ""
            rows.append(f"{i:>3}. {q.id:<28} {q.status:<11} {pts}{tries}")
        return "\n".join(rows)
