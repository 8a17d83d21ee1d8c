"""geokit: a Jupyter teaching kit on South Asian geopolitics, built on one article as data.

>>> import geokit
>>> art = geokit.load_article("pakistan-russia-2012")
>>> art.actor("Kayani").name
'General Ashfaq Kayani'

Importing geokit is light: nothing is read until an article is asked for, and matplotlib and
ipywidgets load only when a figure or a widget is. ``geokit.plots``, ``geokit.exercises``,
``geokit.quizzes`` and ``geokit.teach`` load on first use.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from geokit.data.loader import list_articles, load_article
from geokit.errors import ArticleNotFoundError, GeokitDataError, Problem

if TYPE_CHECKING:  # pragma: no cover - what type checkers and editors see of the lazy parts
    from geokit import exercises as exercises
    from geokit import plots as plots
    from geokit import quizzes as quizzes
    from geokit import teach as teach
    from geokit.quizzes import Quiz, quiz_from_jupyterquiz

__all__ = [
    "ArticleNotFoundError",
    "GeokitDataError",
    "Problem",
    "Quiz",
    "__version__",
    "list_articles",
    "load_article",
    "quiz",
    "quiz_from_jupyterquiz",
]

__version__ = "0.1.0"

_LAZY = {"Quiz": "geokit.quizzes", "quiz_from_jupyterquiz": "geokit.quizzes"}
_SUBMODULES = ("data", "exercises", "plots", "quizzes", "teach")


def quiz(
    article: str | os.PathLike[str] = "pakistan-russia-2012",
    bank: str = "",
    *,
    student: str | None = None,
    store: str | os.PathLike[str] | None = None,
) -> Quiz:
    """Open a question bank of an article as a quiz for one student.

    Parameters
    ----------
    article
        A bundled article id or the path to an article folder.
    bank
        The bank's id: the name of a file in the article's ``quizzes/`` folder, without .yaml.
    student
        Whose answers these are. Defaults to ``$JUPYTERHUB_USER``, then the login name.
    store
        The folder where answers are saved (default ``.geokit/`` beside the notebook, or
        ``$GEOKIT_STORE``).

    Returns
    -------
    Quiz
        Shows as widgets in a live notebook and as text (without the answers) elsewhere.

    Examples
    --------
    >>> import geokit, tempfile
    >>> q = geokit.quiz("pakistan-russia-2012", "actors", store=tempfile.mkdtemp())
    >>> q.answer(q.questions[0].id, {"not": "a fitting answer"}).status
    'invalid'
    >>> geokit.quiz("pakistan-russia-2012", "actor")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    LookupError: pakistan-russia-2012 has no question bank 'actor'; its banks are ...
    """
    from geokit.quizzes.core import open_quiz  # widgets and grading load only now

    return open_quiz(article, bank, student=student, store=store)


def __getattr__(name: str) -> Any:
    # Quizzes and plots pull in heavier modules; load them on first use, not at import.
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _SUBMODULES:  # `geokit.plots.timeline(...)` without importing geokit.plots first
        return importlib.import_module(f"geokit.{name}")
    raise AttributeError(f"module 'geokit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBMODULES})
