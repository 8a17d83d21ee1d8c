"""Quiz mode: ``geokit serve-quiz`` serves quizzes in Voilà, without code, offline. A student
answers every question type there, reloads (Voilà starts a fresh kernel) and finds the answers
and the score restored."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import _student
from ._harness import (
    Server,
    assert_no_widget_failures,
    expect,
    free_port,
    full_screenshot,
    wait_widgets_rendered,
)
from ._student import answer_everything, assert_restored
from .conftest import lesson_paths
from .test_lessons import expected_quizzes

LESSONS = lesson_paths()

pytestmark = pytest.mark.browser


def serve_quiz(args: list[str], cwd: Path, state: Path) -> Server:
    port = free_port()
    argv = [sys.executable, "-m", "geokit", "serve-quiz", *args, f"--port={port}", "--no-browser"]
    # Voilà answers every path but / without running anything: probe with one that 404s
    return Server.command(argv, cwd=cwd, state=state, port=port)


@pytest.fixture
def voila_bank(served_root: Path, tmp_path: Path, browser: object) -> Iterator[Server]:
    article = served_root / "harness" / "articles" / "mini-2020"
    server = serve_quiz(["all-types", "--article", str(article)], cwd=tmp_path, state=tmp_path)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def open_voila(page, server: Server) -> None:
    page.goto(server.url(""))
    page.locator(".geokit-quiz").first.wait_for(state="visible", timeout=90_000)
    wait_widgets_rendered(page)


@pytest.fixture
def voila_scope() -> Iterator[None]:
    saved = dict(_student.SCOPE)
    _student.SCOPE["css"] = "body"
    try:
        yield
    finally:
        _student.SCOPE.update(saved)


def test_serve_quiz_bank(voila_bank: Server, page, voila_scope: None, requests_log) -> None:
    open_voila(page, voila_bank)
    assert_no_widget_failures(page)
    # quiz mode: no code anywhere on the page
    assert (
        page.locator(".jp-CodeCell .jp-InputArea:visible, .jp-InputArea-editor:visible").count()
        == 0
    )
    assert "geokit.quiz(" not in page.locator("body").inner_text()
    quiz = page.locator(".geokit-quiz")
    expect(quiz).to_have_count(1)
    expect(quiz.locator(".geokit-question")).to_have_count(8)
    # the icons still come from Voilà's own bundle of Font Awesome, not a CDN
    assert (
        page.evaluate(
            """() => getComputedStyle(document.querySelector('.geokit-check i.fa'), '::before')
                 .fontFamily"""
        )
        .lower()
        .find("font awesome")
        >= 0
    )

    answer_everything(page)
    full_screenshot(page, "voila-quiz-answered")

    page.reload()
    open_voila(page, voila_bank)  # a new kernel: everything comes from the answer store
    assert_no_widget_failures(page)
    assert_restored(page)
    full_screenshot(page, "voila-quiz-restored")
    assert not [u for u in requests_log.urls if "cdn.jsdelivr.net" in u]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_serve_quiz_lesson(served_root: Path, tmp_path: Path, page, lesson: Path) -> None:
    """``geokit serve-quiz notebooks/NN-*.ipynb``: the lesson's quizzes, and nothing else of it."""
    want = expected_quizzes(lesson)
    server = serve_quiz(
        [str(served_root / "notebooks" / lesson.name)], cwd=tmp_path, state=tmp_path
    )
    try:
        server.start()
        if not want:
            return
        open_voila(page, server)
        assert_no_widget_failures(page)
        body = page.locator("body").inner_text()
        assert "There was an error when executing" not in body
        assert page.locator(".jp-CodeCell .jp-InputArea:visible").count() == 0
        assert "BEGIN SOLUTION" not in body
        quizzes = page.locator(".geokit-quiz")
        expect(quizzes).to_have_count(want)
        expect(quizzes.first.locator(".geokit-question").first).to_be_visible()
        full_screenshot(page, f"voila-{lesson.stem}")
    finally:
        server.stop()
