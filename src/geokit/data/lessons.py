"""Lesson objectives: ``lessons.yaml`` in an article folder, and the checks that tie questions
to them.

Each lesson declares its objectives once, with ids (``L1.2``); each question names the ids it
assesses in ``objectives``, and so does each exercise of ``exercises.yaml``. The validator
refuses an id no lesson declares, and warns about a lesson objective that fewer than
:data:`MIN_ITEMS` questions and exercises assess (a warning, not an error, while the banks are
being tagged)::

    lessons:
      - id: 01-actors
        title: Who is who
        objectives:
          - {id: L1.1, text: Name the actors and say what kind each is.}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geokit.data.records import Context, doc, parse_list
from geokit.data.yamlio import display_path, load_yaml
from geokit.errors import GeokitDataError, Problem

__all__ = ["MIN_ITEMS", "Lesson", "LessonObjective", "objective_problems", "objective_warnings",
           "read_lessons"]

#: the fewest items (questions and exercises) that should assess each lesson objective
MIN_ITEMS = 2


@dataclass(frozen=True)
class LessonObjective:
    """One learning objective of a lesson."""

    id: str = doc("Short id questions cite, e.g. 'L1.2' (lesson 1, objective 2).")
    text: str = doc("What the student can do afterwards, in plain words.")
    assessed: bool = doc("false for an aim that no question or exercise is meant to grade (a "
                         "pointer to further reading, a note for instructors): it needs no items "
                         "and the validator does not ask for them.", True)


@dataclass(frozen=True)
class Lesson:
    """One lesson (notebook) and the objectives it declares."""

    id: str = doc("The lesson's id: its notebook name without .ipynb, e.g. '01-actors'.")
    title: str = doc("The lesson's title.")
    objectives: tuple[LessonObjective, ...] = doc("The lesson's learning objectives.", ())


def read_lessons(folder: Path) -> tuple[list[Lesson], list[Problem]]:
    """Parse ``folder/lessons.yaml`` (no file: no lessons, no problem)."""
    path = folder / "lessons.yaml"
    if not path.is_file():
        return [], []
    try:
        raw = load_yaml(path)
    except GeokitDataError as exc:
        return [], list(exc.problems)
    ctx = Context(display_path(path))
    lessons = parse_list(Lesson, raw, ctx, "lessons")
    seen: set[str] = set()
    for lesson in lessons:
        for o in lesson.objectives:
            if o.id in seen:
                ctx.add("duplicate objective id", record=f"lesson '{lesson.id}'", field="id",
                        expected="each objective id once in lessons.yaml", found=repr(o.id))
            seen.add(o.id)
    return lessons, ctx.problems


def _items(banks: Sequence[Any], exercises: Sequence[Any],
           folder: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """(file, record, objective ids) of every question and exercise."""
    out = [(display_path(folder / "quizzes" / f"{bank.id}.yaml"), f"question '{q.id}'",
            tuple(getattr(q, "objectives", ()))) for bank in banks for q in bank.questions]
    out += [(display_path(folder / "exercises.yaml"), f"exercise '{e.id}'",
             tuple(getattr(e, "objectives", ()))) for e in exercises]
    return out


def objective_problems(lessons: Sequence[Lesson], banks: Sequence[Any], folder: Path,
                       exercises: Sequence[Any] = ()) -> list[Problem]:
    """One problem per objective id a question or an exercise names that no lesson declares."""
    known = {o.id for lesson in lessons for o in lesson.objectives}
    return [Problem(file, "unknown lesson objective", record=record, field="objectives",
                    expected=("an objective id declared in lessons.yaml" if known
                              else "a lessons.yaml beside the article declaring it"),
                    found=repr(oid))
            for file, record, ids in _items(banks, exercises, folder)
            for oid in ids if oid not in known]


def objective_warnings(lessons: Sequence[Lesson], banks: Sequence[Any],
                       exercises: Sequence[Any] = ()) -> list[str]:
    """One line per lesson objective fewer than :data:`MIN_ITEMS` questions and exercises
    assess (``assessed: false`` objectives excepted), and, once an article declares lessons,
    one per question or exercise that names no objective."""
    items = _items(banks, exercises, Path())
    counts = Counter(oid for _, _, ids in items for oid in ids)
    lines = [f"lesson {lesson.id!r}, objective {o.id} ({o.text!r}): assessed by {counts[o.id]} "
             f"question(s) or exercise(s); at least {MIN_ITEMS} are needed to say whether it is "
             "mastered"
             for lesson in lessons for o in lesson.objectives
             if o.assessed and counts[o.id] < MIN_ITEMS]
    if lessons:
        lines += [f"{record} names no lesson objective (objectives: [...]): the gradebook "
                  "cannot count it toward mastery" for _, record, ids in items if not ids]
    return lines
