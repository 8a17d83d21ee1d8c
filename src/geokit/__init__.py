"""geokit: a Jupyter teaching kit on South Asian geopolitics, built on one article as data.

>>> import geokit
>>> art = geokit.load_article("pakistan-russia-2012")
>>> art.actor("Kayani").name
'Ashfaq Pervez Kayani'

Importing geokit is light: nothing is read until an article is asked for, and matplotlib and
ipywidgets load only when a figure or a widget is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .corpus import list_articles, load_article
from .errors import ArticleNotFoundError, GeokitDataError, Problem

if TYPE_CHECKING:  # pragma: no cover
    from .quiz import Quiz, quiz, quiz_from_jupyterquiz

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

_LAZY = {"quiz": "geokit.quiz", "Quiz": "geokit.quiz", "quiz_from_jupyterquiz": "geokit.quiz"}
_SUBMODULES = ("plots", "exercises", "gradebook", "editions")


def __getattr__(name: str) -> Any:
    # Quizzes and plots pull in heavier modules; load them on first use, not at import.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _SUBMODULES:  # `geokit.plots.timeline(...)` without importing geokit.plots first
        import importlib

        return importlib.import_module(f"geokit.{name}")
    raise AttributeError(f"module 'geokit' has no attribute {name!r}")
