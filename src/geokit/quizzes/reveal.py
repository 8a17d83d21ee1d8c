"""What a student is shown after a Check: the one place the bank's attempt and reveal rules
are applied (``retries``, ``reveal``, ``mode`` of :class:`~geokit.data.questions.Bank`).

Every view (the widget, ``quiz.answer``'s result and its text and HTML reprs, a widget restored
from saved answers) shows a :class:`~geokit.quizzes.results.Result` that went through
:func:`present`; none of them decides on its own what to hide.

- ``reveal`` governs the "Why:" explanation, an open response's model answer and, for an
  evidence question (where the cited paragraphs *are* the answer), the cited paragraphs:
  ``immediately``; ``after-correct`` (once any Check of the question was correct, or no tries
  are left); ``after N attempts`` (after the Nth Check, or once correct, or no tries left);
  ``never``.
- ``mode: exam`` shows only that the answer was saved: no correctness, feedback, explanation,
  citations or points.
- ``retries``: :func:`tries_left` says how many Checks remain; :class:`Quiz` refuses one more.

This protects against a glance, not a determined student: the bank, with its keys and
explanations, is readable in the student's own environment (docs/instructors.md says so).

>>> from geokit.data.questions import Bank, Question
>>> q = Question(id="q", type="numeric", prompt="?", explanation="Because ¶3 says so.")
>>> bank = Bank(id="b", title="B", questions=(q,), reveal="after-correct")
>>> shows_explanation(bank, q, correct_now=False, history=[], attempts=1)
False
>>> shows_explanation(bank, q, correct_now=True, history=[], attempts=2)
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from geokit.data.questions import Bank, Question
from geokit.quizzes.results import Result
from geokit.quizzes.types import question_type

__all__ = ["present", "rules_text", "shows_explanation", "tries_left", "used_up_message"]


def tries_left(bank: Bank, attempts: int) -> int | None:
    """Checks a question still allows after ``attempts``; None when the bank sets no limit."""
    if bank.max_attempts is None:
        return None
    return max(0, bank.max_attempts - attempts)


def used_up_message(bank: Bank, attempts: int) -> str:
    """What a student reads when a Check is refused because no tries are left."""
    allowed = bank.max_attempts or 0
    return (f"no tries left: this quiz allows {allowed} check{'s' if allowed != 1 else ''} "
            f"per question and you have used {attempts}; your saved answer is kept as it is")


def rules_text(bank: Bank) -> str:
    """The bank's rules as the student reads them under the quiz's title; ``''`` for a bank
    with the defaults (unlimited tries, explanations at once, the last answer counts).

    >>> from geokit.data.questions import Bank
    >>> print(rules_text(Bank(id="b", title="B", questions=(), counting="best",
    ...                       reveal="after-correct")))  # doctest: +NORMALIZE_WHITESPACE
    Check as often as you like; your best answer counts. The explanation appears once your
    answer is right.
    """
    checks = bank.max_attempts
    parts = []
    if checks is None:
        if bank.counting != "last":
            parts.append(f"Check as often as you like; your {bank.counting} answer counts.")
    else:
        parts.append(f"Each question allows {checks} check{'s' if checks != 1 else ''}; your "
                     f"{bank.counting} answer counts.")
    if bank.mode == "exam":
        parts.append("This is an exam: your answers are saved for your instructor, and you are "
                     "not told whether they are right.")
    elif bank.reveal == "never":
        parts.append("Explanations are not shown in this quiz.")
    elif bank.reveal != "immediately":
        when = ("once your answer is right" if bank.reveal_after is None else
                f"after {bank.reveal_after} attempts or once your answer is right")
        if checks is not None:
            when += ", or when a question's checks are used up"
        parts.append(f"The explanation appears {when}.")
    return " ".join(parts)


def _ever_correct(history: Sequence[Any]) -> bool:
    return any(isinstance(h, dict) and h.get("status") == "correct" for h in history)


def shows_explanation(bank: Bank, q: Question, *, correct_now: bool,
                      history: Sequence[Any], attempts: int) -> bool:
    """Whether the explanation (and model answer) of ``q`` may be shown now.

    ``correct_now`` is whether the answer being shown is correct, ``history`` the saved
    Checks of the question (each ``{"status": ...}``) and ``attempts`` how many Checks there
    have been, the one shown included.
    """
    if bank.mode == "exam" or bank.reveal == "never":
        return False
    if bank.reveal == "immediately":
        return True
    if correct_now or _ever_correct(history) or tries_left(bank, attempts) == 0:
        return True
    after = bank.reveal_after
    return after is not None and attempts >= after


def present(result: Result, bank: Bank, q: Question, record: dict[str, Any] | None) -> Result:
    """``result`` as the bank's rules let the student see it, given the saved ``record`` of
    the question (None before any Check). An invalid or refused result is passed through."""
    if result.status in ("invalid", "unavailable"):
        return result
    record = record or {}
    attempts = record.get("attempts", 0)
    attempts = attempts if isinstance(attempts, int) and not isinstance(attempts, bool) else 0
    history = record.get("history")
    history = history if isinstance(history, list) else []
    if bank.mode == "exam":
        return dataclasses.replace(result, status="submitted", points=0.0, feedback="",
                                   explanation="", model_answer="", citations=(), exam=True)
    if shows_explanation(bank, q, correct_now=result.status == "correct", history=history,
                         attempts=max(attempts, 1)):
        return result
    note = _hidden_note(bank, question_type(q.type).scored_by_instructor) if (
        result.explanation or result.model_answer) else ""
    return dataclasses.replace(
        result, explanation="", model_answer="", hidden_note=note,
        citations=() if question_type(q.type).cites_the_answer else result.citations)


def _hidden_note(bank: Bank, by_instructor: bool) -> str:
    """What the student is told about a held-back explanation: when it will appear."""
    if bank.reveal == "never":
        return ""
    after, checks = bank.reveal_after, bank.max_attempts
    if by_instructor:  # never "right": only the attempts or the tries left can reveal it
        when = [f"after {after} submissions"] if after is not None else []
        if checks is not None:
            when.append(f"once you have used your {checks} submission{'s' if checks != 1 else ''}")
        return f"The example answer appears {' or '.join(when)}." if when else ""
    if after is not None:
        return f"The explanation appears after {after} attempts, or once your answer is right."
    return "The explanation appears once your answer is right."
