"""The data layer: an article as typed, source-anchored records.

Everything here reads and checks article folders (YAML, dates, text helpers, the article model,
question-bank and exercise records, the validator, the loader and the JSON Schema). It imports
nothing from geokit's engines (quizzes, exercises, plots), its teaching tools or its command line,
and never matplotlib or ipywidgets; ``tests/test_layers.py`` holds that order.
"""

from __future__ import annotations

from geokit.data.loader import list_articles, load_article, read_article, resolve_folder
from geokit.data.model import Article

__all__ = ["Article", "list_articles", "load_article", "read_article", "resolve_folder"]
