"""`geokit serve-quiz` without a browser: bad lessons get a message, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from geokit.teach.editions import lessons_in
from geokit.teach.serve import ServeError, lesson_quizzes

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text", ["[]", '{"cells": null}', "{not json"])
def test_a_file_that_is_not_a_notebook_is_named(tmp_path: Path, text: str) -> None:
    path = tmp_path / "07-broken.ipynb"
    path.write_text(text)
    with pytest.raises(ServeError, match=r"07-broken\.ipynb"):
        lesson_quizzes(path)


def test_odd_cells_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "x.ipynb"
    path.write_text('{"cells": [1, {"cell_type": "code", '
                    '"source": "geokit.quiz(\\"a\\", \\"b\\").show()"}]}')
    assert lesson_quizzes(path) == ("x", [("a", "b")])


def test_every_lesson_names_its_quizzes() -> None:
    for lesson in lessons_in(ROOT / "notebooks"):
        title, quizzes = lesson_quizzes(lesson)
        assert title != lesson.stem, "the lesson has a # heading"
        assert quizzes, lesson.name
        assert all(article == "pakistan-russia-2012" for article, _ in quizzes)


def test_the_voila_template_is_found() -> None:
    from geokit.teach.serve import TEMPLATE, TEMPLATE_ROOT

    assert (TEMPLATE_ROOT / "voila" / "templates" / TEMPLATE / "index.html.j2").is_file()


def test_the_served_notebook_is_built_with_nbformat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shlex
    import shutil

    import nbformat

    from geokit.cli import main
    from geokit.data.paths import data_root

    monkeypatch.chdir(tmp_path)
    assert main(["serve-quiz", "actors", "--print-command"]) == 0
    printed = capsys.readouterr().out
    env, command = printed.split("\\\n")
    notebook = Path(next(a for a in shlex.split(command) if a.endswith(".ipynb")))
    try:
        nb = nbformat.read(notebook, as_version=4)
        nbformat.validate(nb)
        assert [c.cell_type for c in nb.cells] == ["markdown", "code"]
        assert "geokit.quiz('pakistan-russia-2012', 'actors').show()" in nb.cells[1].source
        assert nb.metadata.kernelspec.name == "python3"
    finally:
        shutil.rmtree(notebook.parent)
    # the kernel, in a temporary folder, reads the same copy of the corpus as the command
    assert f"GEOKIT_DATA={shlex.quote(str(data_root().resolve()))}" in env


def test_a_lesson_with_essays_serves_them_too(tmp_path: Path) -> None:
    """Lesson 05's two essays are served beside its quiz, in the lesson's order, each shown
    with ``essay(...)`` so that its answers go where the lesson's go."""
    from geokit.teach.essays import BANK_PREFIX as essays_prefix
    from geokit.teach.serve import BANK_PREFIX, lesson_quizzes, quiz_notebook

    assert essays_prefix == BANK_PREFIX
    lesson = Path(__file__).resolve().parent.parent / "notebooks" / "05-synthesis.ipynb"
    _, pairs = lesson_quizzes(lesson, "pakistan-russia-2012")
    banks = [b for _, b in pairs]
    assert "exercise-05-essay-sources" in banks
    assert "exercise-05-essay-balance" in banks
    assert banks.index("exercise-05-essay-sources") < banks.index("exercise-05-essay-balance")
    path = quiz_notebook("Synthesis", "", pairs, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "essay('05-essay-sources', article='pakistan-russia-2012').show()" in text
