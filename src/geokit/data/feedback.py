"""One feedback vocabulary for quizzes and exercises: the statuses, their words and CSS classes.

A status says where an answer stands; every view (widget, text, HTML, the saved file, the
gradebook) uses these names, and every HTML view marks feedback with :func:`css_class`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = ["GRADED", "LOOK", "STATUSES", "Look", "Status", "css_class"]

Status = Literal["correct", "partial", "incorrect", "submitted", "invalid", "unanswered",
                 "unavailable"]

#: every status, in the order a summary lists them
STATUSES: tuple[Status, ...] = ("correct", "partial", "incorrect", "submitted", "invalid",
                                "unanswered", "unavailable")
#: statuses a grader gives a checked answer that counts
GRADED: tuple[Status, ...] = ("correct", "partial", "incorrect", "submitted")


class Look(NamedTuple):
    symbol: str
    headline: str
    colour: str  # text and border, on ``background``; both pass WCAG AA together
    background: str


LOOK: dict[Status, Look] = {
    "correct": Look("✔", "Correct", "#1b7837", "#e7f4e4"),
    "partial": Look("◐", "Partly right", "#8c510a", "#fdf3e1"),
    "incorrect": Look("✘", "Not quite", "#b2182b", "#fbe9e7"),
    "submitted": Look("✎", "Ready for your instructor to read", "#2166ac", "#e8f0fa"),
    "invalid": Look("?", "Check the form of your answer", "#5e3c99", "#f0ebf8"),
    "unanswered": Look("…", "Not answered yet", "#4d4d4d", "#f2f2f2"),
    "unavailable": Look("!", "This check cannot run", "#4d4d4d", "#f2f2f2"),
}


def css_class(status: str) -> str:
    """The CSS class of feedback with this status: ``'geokit-correct'``, ...

    >>> css_class("partial")
    'geokit-partial'
    """
    if status not in LOOK:
        raise ValueError(f"unknown feedback status {status!r}; expected one of {STATUSES}")
    return f"geokit-{status}"
