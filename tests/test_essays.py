"""Essays are written in a text box the quiz store saves, not typed as Python strings
(issue 14, part 5): ``geokit.teach.essays``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geokit import exercises
from geokit.exercises.core import find
from geokit.teach.essays import BANK_PREFIX, essay, essay_bank

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
ESSAYS = [i for i in exercises.list_exercises() if find(i)[0].kind == "open_response"]
TEXT = ("Iqbal says Pakistan cannot do without the US because Russia cannot offer the aid it "
        "needs (¶18), so the balancing he describes is limited. ") * 12


def test_every_essay_exercise_has_a_model_answer_and_a_rubric_with_points() -> None:
    assert ESSAYS
    for ex_id in ESSAYS:
        (q,) = essay_bank(ex_id).questions
        assert q.type == "open_response"
        assert q.model_answer, ex_id
        assert len(q.model_answer.split()) >= find(ex_id)[0].min_words
        assert q.rubric
        assert all(r.points > 0 for r in q.rubric)


@pytest.mark.parametrize("ex_id", ["05-essay-sources", "04-objection"])
def test_an_essay_is_saved_and_survives_a_restart(ex_id: str, tmp_path: Path) -> None:
    first = essay(ex_id, student="ada", store=tmp_path)
    assert first.answer(ex_id, "Too short.").status == "invalid"
    result = first.answer(ex_id, TEXT)
    assert result.status == "submitted"
    # the example answer is revealed once the student's own is saved, and the text shows it
    assert result.model_answer == find(ex_id)[0].model_answer
    assert result.model_answer.split()[0] in str(result)
    again = essay(ex_id, student="ada", store=tmp_path)  # a new kernel
    saved = again.saved(ex_id)
    assert saved is not None
    assert " ".join(str(saved["value"]).split()) == " ".join(TEXT.split())
    files = list(tmp_path.rglob("*.json"))
    assert files
    assert BANK_PREFIX + ex_id in files[0].read_text(encoding="utf-8")


def test_the_essay_display_never_shows_the_model_answer(tmp_path: Path) -> None:
    e = essay("05-essay-balance", store=tmp_path)
    model = " ".join(e.bank.questions[0].model_answer.split())
    for shown in (repr(e), e._repr_html_()):
        assert model[:80] not in " ".join(shown.split())
    assert "At least 150 words" in repr(e)


def test_only_essays_open_as_essays() -> None:
    with pytest.raises(LookupError,
                       match=r"'00-dates' is a dates exercise.*the essays are .*04-objection"):
        essay("00-dates")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_no_lesson_asks_for_an_essay_as_a_python_string(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        assert not re.search(r'answer\s*=\s*"""', source), source[:80]
        for ex_id in re.findall(r'exercises\.check\("([\w-]+)"', source):
            assert ex_id not in ESSAYS, f"{ex_id} is checked as a string, not written in a box"


def test_an_essay_reaches_the_gradebook_and_its_rubric_scores_count(tmp_path: Path) -> None:
    """A saved essay is a row of grades-open.csv with its rubric columns, not an unknown bank;
    the instructor's scores reach grades.csv on the next run."""
    import csv
    import subprocess
    import sys

    store, out = tmp_path / "store", tmp_path / "grades.csv"
    essay("05-essay-sources", student="ada", store=store).answer("05-essay-sources", TEXT)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "geokit", "gradebook", str(store), "-o",
                               str(out)], capture_output=True, text=True, timeout=120)

    first = run()
    assert first.returncode == 0, first.stderr
    assert "unknown bank" not in first.stderr + first.stdout
    open_csv = tmp_path / "grades-open.csv"
    with open_csv.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    (row,) = [r for r in rows if r["question"] == "05-essay-sources"]
    criteria = [c for c in header if c.startswith("05-essay-sources | ")]
    ex = find("05-essay-sources")[0]
    assert len(criteria) == len(essay_bank("05-essay-sources").questions[0].rubric) >= 2
    row[criteria[0]], row[criteria[1]] = "1", "1"
    with open_csv.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)
    second = run()
    assert second.returncode == 0, second.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        (grades,) = [r for r in csv.DictReader(fh) if r["student"] == "ada"]
    column = next(c for c in grades if c.startswith(BANK_PREFIX + "05-essay-sources ("))
    assert float(grades[column]) == 2.0
    assert ex.min_words > 0
