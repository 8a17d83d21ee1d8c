"""A student answers a quiz of every question type in JupyterLab, by clicking and typing; the
feedback and the cited paragraph show; after a page reload, a kernel restart and Run All, the
answers and the score are back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._harness import Lab, Server, expect, full_screenshot, write_notebook
from ._student import SCORE, answer_everything, assert_restored
from .conftest import QUIZ_CELL

pytestmark = pytest.mark.browser


def test_answer_every_type_then_restore(lab: Server, page, tmp_path: Path) -> None:
    write_notebook(
        lab.cwd / "harness" / "all-types.ipynb",
        [
            ("markdown", "# Every question type"),
            (
                "code",
                QUIZ_CELL.format(
                    article=str(lab.cwd / "harness/articles/mini-2020"), bank="all-types"
                ),
            ),
        ],
    )
    page.on("dialog", lambda d: d.accept())  # "leave the page?" on reload, if it asks
    nb = Lab(page, lab)
    nb.open("harness/all-types.ipynb", "all-types")
    nb.run_all()
    nb.assert_clean_run()
    quiz = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .geokit-quiz")
    expect(quiz).to_have_count(1)
    expect(quiz.locator(".geokit-question")).to_have_count(8)
    expect(quiz.locator(".geokit-score")).to_have_text(
        "Score 0 / 9 points · 0 of 8 answered · 0 correct"
    )

    answer_everything(page)
    expect(quiz.locator(".geokit-score")).to_have_text(SCORE)
    full_screenshot(page, "quiz-all-types-answered")

    # what the store holds: one file for this student, article and bank, every answer in it
    files = list(Path(lab.env["GEOKIT_STORE"]).glob("*/mini-2020/all-types.json"))
    assert len(files) == 1, files
    saved = json.loads(files[0].read_text(encoding="utf-8"))["answers"]
    assert sorted(saved) == sorted(
        [
            "who-visited",
            "which-states",
            "deal-worth",
            "which-outlet",
            "who-is-what",
            "story-order",
            "dependence",
            "will-it-hold",
        ]
    )
    assert saved["deal-worth"]["attempts"] == 2

    # reload the page, restart the kernel, run everything again: all of it comes back
    nb.menu("File", "Save Notebook")
    page.reload()
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").wait_for()
    nb.wait_kernel_idle()
    nb.collapse_left_sidebar()
    nb.restart_kernel()
    nb.run_all()
    nb.assert_clean_run()
    assert_restored(page)
    full_screenshot(page, "quiz-all-types-restored")
