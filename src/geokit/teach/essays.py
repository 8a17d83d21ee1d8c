"""An exercise's open response (an essay) as a text box whose answer the quiz store keeps.

The essay exercises of ``exercises.yaml`` (kind ``open_response``) are written in the lesson,
not typed as a Python string: :func:`essay` turns one into a one-question quiz of the kit's
open-response type, so the widget, the saving (the answer file beside the notebook, which
survives a kernel restart) and the reveal rule (the example answer only once the student's
own is saved) are the quizzes' own. The bank it makes is named ``exercise-<id>``.

>>> e = essay("05-essay-sources", store=getfixture("tmp_path"))
>>> e.bank.id, e.bank.questions[0].type, e.bank.questions[0].min_words
('exercise-05-essay-sources', 'open_response', 120)
>>> e.answer("05-essay-sources", "Too short.").status
'invalid'
>>> essay("00-dates")
Traceback (most recent call last):
...
LookupError: exercise '00-dates' is a dates exercise, not an open response (essay); ...
"""

from __future__ import annotations

import os
import re

from geokit.data.exercises import Exercise
from geokit.data.model import Article
from geokit.data.questions import Bank, Question, RubricItem
from geokit.exercises.core import find, list_exercises
from geokit.quizzes.core import Quiz

__all__ = ["BANK_PREFIX", "essay", "essay_bank", "essay_banks", "essay_question"]

#: the id of the bank an essay is saved under: this prefix, then the exercise id
BANK_PREFIX = "exercise-"
_POINTS = re.compile(r"\s*\((\d+(?:\.\d+)?) points?\)\.?\s*$")


def _rubric(ex: Exercise) -> tuple[RubricItem, ...]:
    """Rubric lines, with the points a line names ("... (2 points).") or 1 point."""
    out = []
    for line in ex.rubric:
        m = _POINTS.search(line)
        out.append(RubricItem(line[: m.start()].rstrip(" .") + "." if m else line,
                              float(m.group(1)) if m else 1.0))
    return tuple(out)


def essay_question(ex: Exercise) -> Question:
    """The open-response question an essay exercise is answered as."""
    rubric = _rubric(ex)
    return Question(id=ex.id, type="open_response", prompt=ex.prompt,
                    points=sum(r.points for r in rubric) or 1.0, min_words=ex.min_words,
                    rubric=rubric, model_answer=ex.model_answer,
                    objectives=tuple(ex.objectives))  # mastery counts the essay where it belongs


def essay_bank(exercise_id: str, article: str | os.PathLike[str] | None = None) -> Bank:
    """The one-question bank an essay exercise is answered and saved as.

    ``LookupError`` names the essay exercises when ``exercise_id`` is not one.
    """
    ex, art = find(exercise_id, article)
    if ex.kind != "open_response":
        essays = [i for i in list_exercises(article=article)
                  if find(i, article)[0].kind == "open_response"]
        raise LookupError(f"exercise {exercise_id!r} is a {ex.kind} exercise, not an open "
                          f"response (essay); the essays are {', '.join(essays) or 'none'}")
    return _bank(ex, art.id)


def _bank(ex: Exercise, article_id: str) -> Bank:
    return Bank(id=BANK_PREFIX + ex.id, title=f"Your answer ({ex.id})",
                questions=(essay_question(ex),), article=article_id,
                description=f"At least {ex.min_words} words. Saved when you press Check; "
                            "your instructor scores it against the rubric.")


def essay_banks(article: Article) -> list[Bank]:
    """The one-question bank of each essay (open-response exercise) of ``article``, as
    :func:`essay_bank` makes it: what the gradebook grades an essay's answer file against."""
    return [_bank(ex, article.id) for ex in article.exercises if ex.kind == "open_response"]


def essay(exercise_id: str, *, article: str | os.PathLike[str] | None = None,
          student: str | None = None, store: str | os.PathLike[str] | None = None) -> Quiz:
    """The essay exercise ``exercise_id`` as a quiz of one open-response question.

    ``student`` and ``store`` are as for :func:`geokit.quiz`. ``LookupError`` names the essay
    exercises when ``exercise_id`` is not one.
    """
    bank = essay_bank(exercise_id, article)
    _, art = find(exercise_id, article)
    return Quiz(bank, art, student=student, store=store)
