"""Each lesson states a time its size bears out, and asks for about 1,000 words of prose at most
(issue 14, part 5). The rule is :mod:`geokit.teach.timing`; optional boxes are not counted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geokit.teach import timing

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_stated_time_matches_the_measured_size(path: Path) -> None:
    size = timing.measure(path)
    assert size.stated is not None, "the first cell has no '**Time:** about N minutes'"
    assert size.fits, (f"states {size.stated} min, measures {size.minutes:.0f} min "
                       f"({size.words} words, {size.exercises} exercises, "
                       f"{size.questions} questions)")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_prose_stays_near_a_thousand_words(path: Path) -> None:
    size = timing.measure(path)
    assert size.words <= timing.PROSE_LIMIT, (
        f"{size.words} words of prose: move asides into an optional <details> box, or cut")


def _notebook(tmp_path: Path, cells: list[dict[str, object]]) -> Path:
    path = tmp_path / "99-test.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")
    return path


def _md(text: str, tags: tuple[str, ...] = ()) -> dict[str, object]:
    return {"cell_type": "markdown", "source": text, "metadata": {"tags": list(tags)}}


def test_the_measure_counts_what_a_student_must_read_and_do(tmp_path: Path) -> None:
    words = " ".join(["word"] * 400)
    cells = [
        _md("# Lesson 99\n\n**Time:** about 90 minutes.\n**Read first:** ¶1."),
        _md(words),
        _md(words, ("instructor",)),  # not read by students
        _md("Optional: an aside\n\n" + words),  # an optional cell
        _md("<details>\n<summary>More</summary>\n\n" + words + "\n</details>"),  # a box
        {"cell_type": "code", "source": 'geokit.exercises.check("00-dates", answer)',
         "metadata": {}, "outputs": [], "execution_count": None},
        {"cell_type": "code", "source": 'quiz = geokit.quiz("pakistan-russia-2012", "sources")',
         "metadata": {}, "outputs": [], "execution_count": None},
    ]
    size = timing.measure(_notebook(tmp_path, cells))
    assert 400 <= size.words < 420
    assert (size.exercises, size.figures) == (1, 0)
    assert size.questions >= 7
    assert size.source_words > 0  # ¶1
    assert not size.fits  # 90 minutes stated for about 12 measured


# -- what the "How to use" cell promises ----------------------------------------------------------

@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_only_a_lesson_that_prints_every_paragraph_says_so(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
            and "parameters" not in c.get("metadata", {}).get("tags", [])]
    prints_all = re.search(r"for p in art\.paragraphs:\s*\n\s*print", code[1]) is not None
    if re.search(r"prints them all", text):
        assert prints_all, "promises that the cell after the set-up cell prints every paragraph"
