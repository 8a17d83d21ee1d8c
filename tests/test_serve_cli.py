"""`geokit serve-quiz` without a browser: bad lessons get a message, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    for lesson in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        title, quizzes = lesson_quizzes(lesson)
        assert title != lesson.stem, "the lesson has a # heading"
        assert quizzes, lesson.name
        assert all(article == "pakistan-russia-2012" for article, _ in quizzes)
