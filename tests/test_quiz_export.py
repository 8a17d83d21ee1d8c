"""A lesson exported with ``jupyter nbconvert --to html`` (docs/instructors.md) shows every
quiz's prompts and options offline, and none of the answers.

An executed notebook keeps its widget state, so nbconvert renders a quiz by its widget view,
which needs JavaScript from a CDN; offline that view is blank. The printable copy that
``Quiz.show()`` displays beside the widgets is what an offline reader sees.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from _executed import NOTEBOOKS, executed, lessons
from conftest import visible_text
from nbconvert import HTMLExporter

import geokit
from geokit.data.questions import Question

pytestmark = pytest.mark.slow  # each lesson is run once, top to bottom

ARTICLE = "pakistan-russia-2012"


def _flat(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _lessons_with_quizzes() -> list[Path]:
    return [p for p in lessons() if "geokit.quiz(" in p.read_text(encoding="utf-8")]


def _shown(q: Question) -> list[str]:
    """What the printed quiz must show of a question: its prompt, options or items."""
    texts = [q.prompt, *(o.text for o in q.options), *q.items,
             *(p.left for p in q.pairs), *(p.right for p in q.pairs), *q.distractors]
    return [_flat(t) for t in texts if t]


@pytest.fixture(scope="module")
def exported() -> dict[str, tuple[str, dict[str, Any]]]:
    """Each lesson with a quiz, run top to bottom and exported as nbconvert's HTMLExporter
    does for ``jupyter nbconvert --to html``."""
    out = {}
    for path in _lessons_with_quizzes():
        nb = executed(path.stem)
        body, _ = HTMLExporter().from_notebook_node(nb)
        out[path.stem] = (body, dict(nb.metadata))
    return out


def test_every_lesson_quiz_is_readable_in_the_offline_export(
        exported: dict[str, tuple[str, dict[str, Any]]]) -> None:
    art = geokit.load_article(ARTICLE)
    banks = {b.id: b for b in art.quiz_banks}
    assert exported, "no lesson has a quiz"
    for stem, (body, _) in exported.items():
        text = _flat(visible_text(body))
        source = (NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8")
        used = [b for b in banks if f'geokit.quiz(\\"{ARTICLE}\\", \\"{b}\\")' in source
                or f'geokit.quiz(ARTICLE, \\"{b}\\")' in source]  # a lesson's parameters cell
        assert used, f"{stem}: no bank found in its quiz cell"
        for bank in used:
            for q in banks[bank].questions:
                for shown in _shown(q):
                    assert shown in text, f"{stem} / {bank} / {q.id}: {shown[:60]!r} not shown"


def test_the_export_reveals_no_explanation_or_model_answer(
        exported: dict[str, tuple[str, dict[str, Any]]]) -> None:
    art = geokit.load_article(ARTICLE)
    for stem, (body, _) in exported.items():
        text = _flat(visible_text(body))
        for bank in art.quiz_banks:
            if f"Quiz: {_flat(bank.title)}" not in text:  # not this lesson's bank
                continue
            for q in bank.questions:
                for secret in (q.explanation, q.model_answer):
                    if secret and len(secret) > 40:
                        assert _flat(secret) not in text, f"{stem}: {q.id} reveals its answer"


def test_the_export_keeps_the_widget_state_that_hides_the_html(
        exported: dict[str, tuple[str, dict[str, Any]]]) -> None:
    """Why a printable copy is needed: the executed notebook has widget state, so nbconvert
    prefers the quiz's widget view to the HTML in the same output."""
    for stem, (_, meta) in exported.items():
        assert "widgets" in meta, f"{stem}: no widget state, so the test would not show the bug"
