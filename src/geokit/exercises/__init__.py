"""Code exercises for the lessons: a task to read, an answer to write, feedback that points back.

A lesson shows the task, the student writes ``answer = ...`` in a code cell, and a check cell
calls :func:`check`, which returns a :class:`Feedback`: correct, partly right, not quite, not
answered yet, or a note on the form the answer should take, always with the paragraphs to
reread. The exercises are article data (each article's ``exercises.yaml``): the expected answers
are computed from the article's records, never written into a notebook, so they change when the
annotations do. This package holds only generic graders, one per kind of exercise.

Every function takes ``article=`` (a bundled id or a folder path) and defaults to the bundled
article the lessons read.

>>> from geokit import exercises
>>> first = exercises.list_exercises()[0]
>>> exercises.check(first, ...).status
'unanswered'
>>> exercises.check(first, 42).status
'invalid'
>>> exercises.check("no-such-exercise", 1)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
LookupError: no exercise 'no-such-exercise'; the exercises are ...

The article's data may also hold a "what would change the picture" device, :func:`what_if`
(plain text) and :func:`what_if_explorer` (checkboxes): a teaching device that shows how an
argument's conclusion hangs on its premises, not a forecast.
"""

from __future__ import annotations

from geokit.exercises.core import GRADERS, check, list_exercises, reference_answer, task
from geokit.exercises.feedback import Feedback, Task
from geokit.exercises.whatif import TEACHING_DEVICE, WhatIfReading, what_if, what_if_explorer

__all__ = [
    "GRADERS",
    "TEACHING_DEVICE",
    "Feedback",
    "Task",
    "WhatIfReading",
    "check",
    "list_exercises",
    "reference_answer",
    "task",
    "what_if",
    "what_if_explorer",
]
