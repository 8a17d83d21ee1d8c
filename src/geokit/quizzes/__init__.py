"""Quizzes: question banks, grading, persistence and widgets (widgets load only when shown).

>>> import geokit, tempfile
>>> quiz = geokit.quiz("pakistan-russia-2012", "actors", student="ada", store=tempfile.mkdtemp())
>>> quiz.answer(quiz.questions[0].id, 3.5).status
'invalid'

The engine behind :func:`geokit.quiz`, the function students call to open a quiz.
"""

from __future__ import annotations

from geokit.data.questions import LEVELS, TYPES, Bank, Question
from geokit.quizzes.core import Quiz, open_quiz
from geokit.quizzes.grading import Grade, grade
from geokit.quizzes.jupyterquiz import quiz_from_jupyterquiz
from geokit.quizzes.results import Citation, Progress, Result, Score
from geokit.quizzes.store import ENV_STORE, AnswerStore, StoreError
from geokit.quizzes.types import REGISTRY, QuestionType, question_type

__all__ = [
    "ENV_STORE",
    "LEVELS",
    "REGISTRY",
    "TYPES",
    "AnswerStore",
    "Bank",
    "Citation",
    "Grade",
    "Progress",
    "Question",
    "QuestionType",
    "Quiz",
    "Result",
    "Score",
    "StoreError",
    "grade",
    "open_quiz",
    "question_type",
    "quiz_from_jupyterquiz",
]
