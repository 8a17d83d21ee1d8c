"""Finding an exercise in an article's data, and running its grader.

Every exercise lives in an article's ``exercises.yaml`` (or is borrowed there from another
article); :data:`GRADERS` holds one generic grader per kind. :func:`check` never raises for a
student's answer: a stub is ``unanswered``, a wrong form is ``invalid`` and a failing check is
``unavailable``; only an exercise id that does not exist raises ``LookupError``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from geokit.data.exercise_checks import borrowed_folder
from geokit.data.exercises import Exercise
from geokit.data.loader import load_article
from geokit.data.model import Article
from geokit.errors import GeokitDataError
from geokit.exercises import arguments, classify, dates, interests, sets
from geokit.exercises.answers import is_stub, type_name
from geokit.exercises.feedback import Feedback, Invalid, Task

__all__ = ["GRADERS", "Grader", "check", "find", "list_exercises", "reference_answer", "task"]

ArticleRef = str | os.PathLike[str] | None


def _no_items(ex: Exercise, art: Article) -> tuple[tuple[str, str], ...]:
    return ()


class Grader(NamedTuple):
    """What a kind of exercise needs: a grader, the expected answer, the task's items."""

    grade: Callable[[Exercise, Article, Any], Feedback]
    expected: Callable[[Exercise, Article], Any]
    items: Callable[[Exercise, Article], tuple[tuple[str, str], ...]] = _no_items


#: one generic grader for each kind of :mod:`geokit.data.exercises`
GRADERS: dict[str, Grader] = {
    "set": Grader(sets.grade, sets.expected),
    "classification": Grader(classify.grade, classify.expected, classify.items),
    "dates": Grader(dates.dates_grade, dates.dates_expected, dates.dates_items),
    "date": Grader(dates.date_grade, dates.date_expected),
    "matrix": Grader(interests.matrix_grade, interests.matrix_expected, interests.matrix_items),
    "position_map": Grader(interests.positions_grade, interests.positions_expected,
                           interests.positions_items),
    "stance_query": Grader(interests.stances_grade, interests.stances_expected),
    "premises": Grader(arguments.premises_grade, arguments.premises_expected,
                       arguments.premises_items),
    "open_response": Grader(arguments.open_grade, arguments.open_expected),
}


def _article(article: ArticleRef) -> Article:
    return load_article() if article is None else load_article(article)


def _ids(art: Article) -> list[str]:
    return sorted({e.id for e in art.exercises} | {b.id for b in art.borrowed_exercises})


def list_exercises(*, article: ArticleRef = None) -> list[str]:
    """The ids of an article's exercises (the default article's), sorted: lesson number first.

    >>> list_exercises() == sorted(list_exercises())
    True
    """
    return _ids(_article(article))


def find(exercise_id: Any, article: ArticleRef = None) -> tuple[Exercise, Article]:
    """The exercise with this id and the article whose records it works on.

    A borrowed exercise comes from its own article, under the id the lessons use here.
    """
    art = _article(article)
    ids = _ids(art)
    known = ("the exercises are " + ", ".join(ids)) if ids else \
        f"{art.id} has no exercises.yaml"
    if not isinstance(exercise_id, str):
        example = repr(ids[0]) if ids else "'01-example'"
        raise LookupError(
            f"an exercise id is a string such as {example}, not {type_name(exercise_id)} "
            f"({exercise_id!r}); {known}"
        )
    for ex in art.exercises:
        if ex.id == exercise_id:
            return ex, art
    for b in art.borrowed_exercises:
        if b.id == exercise_id:
            folder = borrowed_folder(Path(art.folder), b.article)
            other = load_article(folder if folder is not None else b.article)
            ex = next(e for e in other.exercises if e.id == b.exercise)
            return dataclasses.replace(ex, id=b.id, prompt=b.prompt or ex.prompt), other
    raise LookupError(f"no exercise {exercise_id!r}; {known}")


def task(exercise_id: str, *, article: ArticleRef = None) -> Task:
    """The task of an exercise: its question, the statements to work on, the answer form."""
    ex, art = find(exercise_id, article)
    try:
        items = GRADERS[ex.kind].items(ex, art)
    except (LookupError, IndexError):
        items = ()
    return Task(ex.id, ex.prompt, items, ex.form)


def reference_answer(exercise_id: str, *, article: ArticleRef = None) -> Any:
    """The answer the checker expects, computed from the data (for instructors and tests)."""
    ex, art = find(exercise_id, article)
    return GRADERS[ex.kind].expected(ex, art)


def check(exercise_id: str, answer: Any, *, article: ArticleRef = None) -> Feedback:
    """Check a student's answer and explain the verdict.

    An unanswered stub (``...`` or ``None``) gives status ``unanswered``; an answer of the wrong
    type gives ``invalid`` with the form to use. Neither raises. Only an unknown exercise id
    raises ``LookupError``, naming the ids there are.
    """
    try:
        ex, art = find(exercise_id, article)
    except GeokitDataError as exc:
        if isinstance(exc, LookupError):  # an article id that does not exist
            raise
        return Feedback(
            str(exercise_id),
            "unavailable",
            "The article's data has a problem, so this check cannot run; tell your instructor "
            f"({exc.problems[0]}).",
        )
    if is_stub(answer):
        return Feedback(
            ex.id,
            "unanswered",
            "Replace the ... after answer = with your answer, run that cell, then "
            "run this one again.",
            (f"Answer form: {ex.form}",),
        )
    try:
        return GRADERS[ex.kind].grade(ex, art, answer)
    except Invalid as exc:
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
