"""Quizzes: question banks, grading, persistence and widgets (widgets load only when shown).

>>> import geokit, tempfile
>>> quiz = geokit.quiz("pakistan-russia-2012", "actors", student="ada", store=tempfile.mkdtemp())
>>> quiz.answer(quiz.questions[0].id, 3.5).status
'invalid'

``geokit.quiz`` is both this package and the function that opens a quiz: the package is
callable, so ``geokit.quiz("pakistan-russia-2012", "actors")`` works however it was imported.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .core import Quiz, quiz
from .grading import Grade, grade
from .jupyterquiz import quiz_from_jupyterquiz
from .model import LEVELS, TYPES, Bank, Question
from .results import Citation, Progress, Result, Score
from .store import ENV_STORE, AnswerStore, StoreError

__all__ = [
    "ENV_STORE",
    "LEVELS",
    "TYPES",
    "AnswerStore",
    "Bank",
    "Citation",
    "Grade",
    "Progress",
    "Question",
    "Quiz",
    "Result",
    "Score",
    "StoreError",
    "grade",
    "quiz",
    "quiz_from_jupyterquiz",
]


class _CallableModule(types.ModuleType):
    # Importing geokit.quiz binds the *package* to the attribute geokit.quiz; making it callable
    # keeps geokit.quiz(...) working as the documented function either way.
    def __call__(self, *args: Any, **kwargs: Any) -> Quiz:
        return quiz(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
