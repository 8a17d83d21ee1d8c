"""Every lesson, as a student meets it: opened in JupyterLab, Run All, and then no error, no widget
left loading or broken, every quiz rendered as widgets. A screenshot of each lesson is saved in
test-artifacts/browser/ (look at them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ._harness import Lab, Server, expect, full_screenshot
from .conftest import lesson_paths

pytestmark = pytest.mark.browser

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
LESSONS = lesson_paths()


def expected_quizzes(path: Path) -> int:
    """How many quizzes the lesson shows: code cells that call ``.show()`` on a quiz or on an
    essay (``geokit.teach.essays.essay``, a one-question quiz)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    n = 0
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and ("quiz" in src or "essay(" in src):
            n += len(re.findall(r"\.show\(\s*\)", src))
    return n


def expected_figures(path: Path) -> int:
    """How many figures the lesson draws: code cells that call a geokit.plots figure function."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    n = 0
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and re.search(
                r"geokit\.plots\.(actor_network|timeline|interest_matrix|argument_map|"
                r"regional_map)\(", src):
            n += 1
    return n


def test_there_are_lessons() -> None:
    assert LESSONS, "no notebooks/NN-*.ipynb found"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_runs_clean_in_jupyterlab(lab: Server, page, lesson: Path) -> None:
    nb = Lab(page, lab)
    nb.open(f"notebooks/{lesson.name}", f"lesson-{lesson.stem}")
    nb.run_all()
    try:
        nb.assert_clean_run()
        # every widget output became a widget (no blank or text fallback where one should be)
        unrendered = page.evaluate(
            """(panel) => [...document.querySelectorAll(panel + ' .jp-OutputArea-output' +
                 '[data-mime-type="application/vnd.jupyter.widget-view+json"]')]
                 .filter(el => !el.querySelector('.jupyter-widgets')).length""",
            PANEL,
        )
        assert unrendered == 0, f"{unrendered} widget output(s) did not render"
        quizzes = page.locator(f"{PANEL} .geokit-quiz")
        want = expected_quizzes(lesson)
        expect(quizzes).to_have_count(want)
        for i in range(want):
            quiz = quizzes.nth(i)
            expect(quiz.locator(".geokit-question").first).to_be_visible()
            expect(quiz.locator(".geokit-score")).to_contain_text("Score ")
            expect(quiz.locator("button.geokit-check").first).to_be_enabled()
        # every figure arrives as a loaded image that carries its alt text
        figures = page.evaluate(
            """(panel) => [...document.querySelectorAll(panel + ' .jp-OutputArea-output img')]
                 .map(img => ({alt: img.getAttribute('alt') || '', loaded: img.complete,
                               width: img.naturalWidth}))""",
            PANEL,
        )
        assert len(figures) == expected_figures(lesson), figures
        for fig in figures:
            assert fig["loaded"], f"figure not loaded: {fig['alt'][:60]}"
            assert fig["width"] > 0, f"figure did not decode: {fig['alt'][:60]}"
            assert len(fig["alt"]) > 40, f"figure without real alt text: {fig['alt']!r}"
        # a quiz must not fall back to its text form where widgets run
        assert "open the notebook in JupyterLab to answer with widgets" not in (
            page.locator(PANEL).inner_text()
        )
    finally:
        full_screenshot(page, f"lesson-{lesson.stem}")
