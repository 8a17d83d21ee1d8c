"""Reading question banks from an article's ``quizzes/`` folder (placeholder until banks land)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem
from ..model import Article


def read_banks(folder: Path, article: Article) -> tuple[list[Any], list[Problem]]:
    return [], []
