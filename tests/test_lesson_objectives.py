"""The shipped article's lesson objectives: declared once in lessons.yaml in each notebook's own
words, named by every question and exercise, checked by the validator, reported by the
gradebook per objective."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

import geokit
from geokit.data import paths as _paths
from geokit.data.exercises import Exercise
from geokit.data.lessons import Lesson, LessonObjective, objective_warnings
from geokit.data.loader import read_article

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = "pakistan-russia-2012"


@pytest.fixture(scope="module")
def article():
    return geokit.load_article(SHIPPED)


def _notebook_objectives(lesson_id: str) -> list[str]:
    """The numbered items under '## Learning objectives' in the lesson's notebook (an item may
    run on over indented lines)."""
    nb = nbformat.read(ROOT / "notebooks" / f"{lesson_id}.ipynb", as_version=4)
    text = next(c.source for c in nb.cells if "## Learning objectives" in c.source)
    return re.findall(r"^\d+\. (.+(?:\n {2,}\S.*)*)$", text.split("## Learning objectives", 1)[1],
                      re.M)


def _plain(text: str) -> str:
    """Lower case, one kind of dash and quotation mark, no closing punctuation."""
    text = text.replace("\u2013", "-").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.lower().split()).rstrip(".;")


def test_every_lesson_declares_its_notebooks_objectives_in_its_words(article) -> None:
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
    assert [lesson.id for lesson in article.lessons] == notebooks
    for lesson in article.lessons:
        stated = [_plain(s) for s in _notebook_objectives(lesson.id)]
        assert [_plain(o.text) for o in lesson.objectives] == stated, lesson.id
        assert all(o.id.startswith(f"L{lesson.id[:2].lstrip('0') or '0'}")
                   for o in lesson.objectives), lesson.id


def test_every_question_and_exercise_names_declared_objectives(article) -> None:
    known = {o.id for lesson in article.lessons for o in lesson.objectives}
    items = [(q.id, q.objectives) for b in article.quiz_banks for q in b.questions]
    items += [(e.id, e.objectives) for e in (*article.exercises, *article.borrowed_exercises)]
    assert len(items) >= 70
    assert [i for i, ids in items if not ids] == []
    assert {oid for _, ids in items for oid in ids} <= known


def test_figure_lessons_have_figure_reading_items(article) -> None:
    """Items that say 'Look at the figure above', in the bank of the lesson that draws it."""
    looks = {b.id: {oid for q in b.questions if q.prompt.startswith("Look at the figure above")
                    for oid in q.objectives} for b in article.quiz_banks}
    assert "L1.2" in looks["actors"]  # the actor network
    assert "L2.2" in looks["interests"]  # the interest matrix
    assert "L3.4" in looks["afghanistan"]  # the regional map
    assert "L0c.1" in looks["concepts"]  # the timeline with outside events


def test_a_thin_objective_counts_exercises_too() -> None:
    lessons = [Lesson("01-x", "X", (LessonObjective("L1.1", "Query with code."),))]
    one = Exercise(id="e1", kind="set", prompt="?", form="[...]", objectives=("L1.1",))
    two = Exercise(id="e2", kind="set", prompt="?", form="[...]", objectives=("L1.1",))
    assert "assessed by 1 question(s) or exercise(s)" in objective_warnings(lessons, [], [one])[0]
    assert objective_warnings(lessons, [], [one, two]) == []


def test_an_unassessed_aim_needs_no_items_and_an_untagged_item_is_named() -> None:
    lessons = [Lesson("01-x", "X", (LessonObjective("L1.1", "Query with code."),
                                    LessonObjective("L1.2", "Read further.", assessed=False)))]
    tagged = [Exercise(id=f"e{i}", kind="set", prompt="?", form="[...]", objectives=("L1.1",))
              for i in (1, 2)]
    loose = Exercise(id="e3", kind="set", prompt="?", form="[...]")
    assert objective_warnings(lessons, [], tagged) == []
    (line,) = objective_warnings(lessons, [], [*tagged, loose])
    assert line.startswith("exercise 'e3' names no lesson objective")
    assert objective_warnings([], [], [loose]) == []  # no lessons.yaml: nothing to name


def test_validate_refuses_an_exercise_naming_an_unknown_objective(tmp_path: Path) -> None:
    folder = tmp_path / SHIPPED
    shutil.copytree(_paths.articles_root() / SHIPPED, folder)
    path = folder / "exercises.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  objectives: [L0.2]\n", "  objectives: [L0.9]\n", 1), encoding="utf-8")
    _, problems = read_article(folder)
    assert [(p.record, p.field, p.found) for p in problems] == [
        ("exercise '00-channels'", "objectives", "'L0.9'")]
    assert problems[0].file.endswith("exercises.yaml")


def _answers(root: Path, student: str, bank: str, answers: dict) -> None:
    folder = root / student / SHIPPED
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{bank}.json").write_text(json.dumps({
        "format": "geokit-answers", "version": 1, "student": student, "article": SHIPPED,
        "bank": bank, "updated": "2024-01-01T10:00Z",
        "answers": {q: {"value": v, "timestamp": "2024-01-01T10:00Z"}
                    for q, v in answers.items()}}), encoding="utf-8")


def test_gradebook_reports_mastery_per_lesson_objective(tmp_path: Path) -> None:
    root, out = tmp_path / "collected", tmp_path / "grades.csv"
    # ann reads the network right, bob takes a dotted line for a cooler tie
    _answers(root, "ann", "actors", {"act-network-dotted": "tie-through-event",
                                     "act-network-per-iqbal": [
                                         "pakistan-united-states", "united-states-pakistan",
                                         "russia-india-historic"]})
    _answers(root, "bob", "actors", {"act-network-dotted": "cooler-weaker-relationship",
                                     "act-network-per-iqbal": ["russia-pakistan-rivalry"]})
    result = subprocess.run([sys.executable, "-m", "geokit", "gradebook", str(root), "-o",
                             str(out)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    with (tmp_path / "grades-objectives.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["objective"]: r for r in csv.DictReader(fh)}
    lessons = yaml.safe_load((_paths.articles_root() / SHIPPED / "lessons.yaml").read_text(
        encoding="utf-8"))["lessons"]
    declared = {o["id"] for lesson in lessons for o in lesson["objectives"]}
    assert set(rows) <= declared  # ids, not the free-text objectives
    network = rows["L1.2"]
    assert network["lesson"] == "01-actors"
    assert network["text"].startswith("Read an actor network")
    assert float(network["ann"]) == 1.0
    assert float(network["bob"]) == 0.0
