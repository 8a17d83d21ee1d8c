"""A bank with ``reveal: after-correct`` in real JupyterLab: after a wrong answer the explanation
is nowhere in the page (not even hidden) nor in the saved file; after the right answer it shows."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
import yaml

from ._banks import ALL_TYPES_BANK
from ._harness import Lab, Server, expect, full_screenshot, write_notebook
from .conftest import QUIZ_CELL

pytestmark = pytest.mark.browser

QUESTION = copy.deepcopy(ALL_TYPES_BANK["questions"][0])  # who visited? Ana Ruiz (a)
EXPLANATION = QUESTION["explanation"]


def reveal_article(lab: Server) -> Path:
    """A copy of the suite's mini article, id ``reveal-2020``, with one after-correct bank."""
    folder = lab.cwd / "harness" / "articles" / "reveal-2020"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(lab.cwd / "harness" / "articles" / "mini-2020", folder)
    meta = folder / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("mini-2020", "reveal-2020", 1),
                    encoding="utf-8")
    shutil.rmtree(folder / "quizzes")
    (folder / "quizzes").mkdir()
    bank = {"id": "reveal", "title": "Reveal after correct", "reveal": "after-correct",
            "questions": [QUESTION]}
    (folder / "quizzes" / "reveal.yaml").write_text(
        yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def test_after_correct_hides_the_explanation_until_right(lab: Server, page) -> None:
    folder = reveal_article(lab)
    write_notebook(
        lab.cwd / "harness" / "reveal.ipynb",
        [("markdown", "# Reveal after correct"),
         ("code", QUIZ_CELL.format(article=str(folder), bank="reveal"))],
    )
    nb = Lab(page, lab)
    nb.open("harness/reveal.ipynb", "reveal")
    nb.run_all()
    nb.assert_clean_run()
    question = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .geokit-q-single_choice")
    expect(question).to_have_count(1)
    expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .geokit-title")).to_contain_text(
        "The explanation appears once your answer is right.")
    feedback = question.locator(".geokit-feedback")

    question.get_by_label("Ben Ode", exact=True).check()
    question.locator("button.geokit-check").click()
    expect(feedback).to_contain_text("Not quite (0 of 1 point)")
    expect(feedback).to_contain_text("No: Ben Ode is the analyst of paragraph 3.")
    expect(feedback).to_contain_text("The explanation appears once your answer is right.")
    expect(feedback).to_have_class(re.compile(r"\bgeokit-incorrect\b"))
    # nowhere in the page, visible or hidden, nor in what was saved
    assert EXPLANATION not in page.content()
    files = list(Path(lab.env["GEOKIT_STORE"]).glob("*/reveal-2020/reveal.json"))
    assert len(files) == 1, files
    assert EXPLANATION not in files[0].read_text(encoding="utf-8")
    full_screenshot(page, "quiz-reveal-wrong")

    question.get_by_label("Ana Ruiz", exact=True).check()
    question.locator("button.geokit-check").click()
    expect(feedback).to_contain_text("Correct (1 of 1 point)")
    expect(feedback).to_contain_text(f"Why: {EXPLANATION}")
    expect(feedback).not_to_contain_text("The explanation appears once")
    full_screenshot(page, "quiz-reveal-right")
