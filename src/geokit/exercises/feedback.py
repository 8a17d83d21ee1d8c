"""What a check returns (:class:`Feedback`) and what a task shows (:class:`Task`).

Feedback speaks the kit's one vocabulary (:mod:`geokit.data.feedback`): the same statuses,
symbols, headlines, colours and CSS classes as the quizzes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from geokit.data.feedback import LOOK, Status, css_class
from geokit.data.text import cite

__all__ = ["Feedback", "Invalid", "Task"]


class Invalid(Exception):
    """An answer of the wrong form; the message tells the student what form is expected."""


@dataclass(frozen=True)
class Feedback:
    """The result of a check: a verdict, why, and which paragraphs to reread.

    ``status`` is one of ``correct``, ``partial``, ``incorrect``, ``unanswered``, ``invalid``
    (the answer has the wrong form), ``submitted`` (an open answer in the right form, for the
    instructor to read; the check saves nothing, the notebook holds the answer) or
    ``unavailable`` (the article lacks the data this check needs, or the check itself failed).

    >>> fb = Feedback("ex-1", "partial", "2 of 3 found.", ("One more belongs.",), (1,))
    >>> print(fb)
    ◐ Partly right (ex-1)
    2 of 3 found.
      - One more belongs.
    Reread: ¶1
    >>> fb.correct
    False
    """

    exercise: str
    status: Status
    message: str
    details: tuple[str, ...] = ()
    paragraphs: tuple[int, ...] = ()

    @property
    def correct(self) -> bool:
        """True only for a fully right answer (or an open answer ready to hand in)."""
        return self.status in ("correct", "submitted")

    def _head(self) -> str:
        look = LOOK[self.status]
        return f"{look.symbol} {look.headline} ({self.exercise})"

    def __str__(self) -> str:
        lines = [self._head(), self.message]
        lines += [f"  - {d}" for d in self.details]
        if self.paragraphs:
            lines.append(f"Reread: {cite(self.paragraphs)}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        look = LOOK[self.status]
        items = "".join(f"<li>{html.escape(d)}</li>" for d in self.details)
        reread = (
            f"<div><b>Reread:</b> {html.escape(cite(self.paragraphs))}</div>"
            if self.paragraphs
            else ""
        )
        return (
            f'<div role="status" class="geokit-feedback {css_class(self.status)}" '
            f'style="border-left:6px solid {look.colour};background:{look.background};'
            f'padding:8px 12px;margin:4px 0;color:#111">'
            f'<div style="font-weight:bold;color:{look.colour}">{html.escape(self._head())}</div>'
            f"<div>{html.escape(self.message)}</div>"
            + (f"<ul style='margin:4px 0'>{items}</ul>" if items else "")
            + reread
            + "</div>"
        )


@dataclass(frozen=True)
class Task:
    """What an exercise asks, with any statements to work on.

    >>> print(Task("ex-1", "Name them.", (("a", "the first"),), "['name', ...]"))
    Exercise ex-1: Name them.
      a: the first
    Answer form: ['name', ...]
    """

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
