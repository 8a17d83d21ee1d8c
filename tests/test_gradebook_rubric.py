"""Rubric scores that stay, attempts counted per bank, and mastery per lesson objective."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_yaml
from test_gradebook import BANK, SECOND, make_course, read_csv, save

from geokit.teach.gradebook import build, collect, write

ESSAY_COLS = ["essay | Cites paragraph 3 (2)", "essay | Weighs both sides (2)"]

@pytest.fixture
def course(mini_article: Path) -> Path:
    return make_course(mini_article)



def gradebook(root: Path, out: Path, course: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geokit", "gradebook", str(root), "-o", str(out),
         "--article", str(course)],
        capture_output=True, text=True, timeout=120,
    )


def fill(path: Path, student: str, scores: dict[str, str]) -> None:
    """What an instructor does in a spreadsheet: fill score cells of one row, save."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    for row in rows:
        if row["student"] == student:
            row.update(scores)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)


def test_filled_rubric_scores_survive_a_rerun_and_count(course: Path, tmp_path: Path) -> None:
    root, out = tmp_path / "collected", tmp_path / "grades.csv"
    save(root, "ann", "basics", {"who-visited": "a", "essay": "It holds, per para 3."})
    assert gradebook(root, out, course).returncode == 0
    open_csv = tmp_path / "grades-open.csv"
    (row,) = read_csv(open_csv)
    assert all(c in row for c in ESSAY_COLS)  # one score column per rubric item
    fill(open_csv, "ann", {ESSAY_COLS[0]: "2", ESSAY_COLS[1]: "1.5"})
    # a new student's answers arrive; the instructor reruns the very same command
    save(root, "bob", "basics", {"who-visited": "b", "essay": "Maybe."})
    result = gradebook(root, out, course)
    assert result.returncode == 0, result.stderr
    rows = {r["student"]: r for r in read_csv(open_csv)}
    assert (rows["ann"][ESSAY_COLS[0]], rows["ann"][ESSAY_COLS[1]]) == ("2", "1.5")
    assert rows["ann"]["scored"] == "3.5"
    assert rows["bob"][ESSAY_COLS[0]] == ""
    grades = {r["student"]: r for r in read_csv(out)}
    assert grades["ann"]["basics (7)"] == "4.5"  # 1 point graded + 3.5 rubric points
    assert grades["ann"]["total (8)"] == "4.5"
    assert grades["ann"]["open_responses_to_score"] == "0"
    assert grades["bob"]["open_responses_to_score"] == "1"


def test_a_changed_response_keeps_its_scores_and_is_flagged(course: Path, tmp_path: Path) -> None:
    root, out = tmp_path / "collected", tmp_path / "grades.csv"
    save(root, "ann", "basics", {"essay": "First draft."})
    assert gradebook(root, out, course).returncode == 0
    fill(tmp_path / "grades-open.csv", "ann", {ESSAY_COLS[0]: "1"})
    save(root, "ann", "basics", {"essay": "A rewritten answer."}, updated="2024-02-01T10:00Z")
    result = gradebook(root, out, course)
    (row,) = read_csv(tmp_path / "grades-open.csv")
    assert row[ESSAY_COLS[0]] == "1"
    assert row["response"] == "A rewritten answer."
    assert "response changed since it was scored" in row["flag"]
    assert "ann, essay: response changed since it was scored" in result.stderr


def test_bad_scores_and_vanished_students_are_reported_not_lost(course: Path,
                                                               tmp_path: Path) -> None:
    root, out = tmp_path / "collected", tmp_path / "grades.csv"
    save(root, "ann", "basics", {"essay": "Yes."})
    save(root, "bob", "basics", {"essay": "No."})
    assert gradebook(root, out, course).returncode == 0
    fill(tmp_path / "grades-open.csv", "ann", {ESSAY_COLS[0]: "7"})  # more than 2
    fill(tmp_path / "grades-open.csv", "bob", {ESSAY_COLS[0]: "2"})
    (root / "bob" / "mini-2020" / "basics.json").unlink()
    result = gradebook(root, out, course)
    assert "score '7' for 'Cites paragraph 3' is not a number from 0 to 2; not counted" \
        in result.stderr
    rows = {r["student"]: r for r in read_csv(tmp_path / "grades-open.csv")}
    assert rows["bob"][ESSAY_COLS[0]] == "2"  # kept, though bob's file is gone
    assert "no longer among the answer files read" in rows["bob"]["flag"]
    assert read_csv(out)[0]["total (8)"] == "0"


def test_the_csv_maximum_is_the_maximum_the_student_sees(shipped_copy: Path) -> None:
    import geokit

    art = geokit.load_article(shipped_copy)
    bank = next(b for b in art.quiz_banks if b.id == "synthesis")
    book = build([], collect([])[1], article=shipped_copy)
    assert book.max_points["synthesis"] == bank.max_points == 20


def history(*entries: tuple[object, str]) -> list[dict[str, object]]:
    return [{"at": at, "answer": a, "status": "x", "points": 99} for a, at in entries]


@pytest.mark.parametrize(("counting", "counted"), [("first", 0), ("best", 1), ("last", 1)])
def test_attempts_count_as_the_bank_says(course: Path, tmp_path: Path, counting: str,
                                         counted: int) -> None:
    path = save(tmp_path, "ann", "basics", {"who-visited": "a"})
    data = json.loads(path.read_text())
    data["answers"]["who-visited"]["history"] = history(("b", "t1"), ("a", "t2"))
    path.write_text(json.dumps(data))
    # the bank's counting (default last), as an instructor writes it at the top of the bank
    write_yaml(course / "quizzes" / "basics.yaml", {"counting": counting, **BANK})
    subs, report = collect([path])
    book = build(subs, report, article=course)
    assert book.points["ann"]["basics"] == counted
    assert book.first["ann"]["basics"] == 0  # the first attempt was wrong, whatever counts
    write(book, tmp_path / "g.csv")
    row = read_csv(tmp_path / "g.csv")[0]
    assert row["basics (7)"] == str(counted)
    assert row["basics first attempt"] == "0"


def test_a_file_without_history_is_one_attempt(course: Path, tmp_path: Path) -> None:
    subs, report = collect([save(tmp_path, "ann", "basics", {"who-visited": "a"})])
    book = build(subs, report, article=course)
    assert book.points["ann"]["basics"] == book.first["ann"]["basics"] == 1


LESSONS = {"lessons": [{"id": "01-basics", "title": "Basics", "objectives": [
    {"id": "L1.1", "text": "Name who signs."},
    {"id": "L1.2", "text": "Read the figures."},
]}]}


def tag(bank: dict, ids: dict[str, list[str]]) -> dict:
    return {**bank, "questions": [{**q, "objectives": ids.get(q["id"], [])}
                                  for q in bank["questions"]]}


def test_mastery_per_lesson_objective(course: Path, tmp_path: Path) -> None:
    write_yaml(course / "lessons.yaml", LESSONS)
    write_yaml(course / "quizzes" / "basics.yaml", tag(BANK, {
        "who-visited": ["L1.1"], "which-states": ["L1.1"], "how-much": ["L1.2"]}))
    write_yaml(course / "quizzes" / "more.yaml", tag(SECOND, {"who-quoted": ["L1.2"]}))
    save(tmp_path / "c", "ann", "basics", {"who-visited": "a", "which-states": ["r", "h"],
                                           "how-much": 3})
    subs, report = collect([tmp_path / "c"])
    write(build(subs, report, article=course), tmp_path / "g.csv")
    rows = {r["objective"]: r for r in read_csv(tmp_path / "g-objectives.csv")}
    assert rows["L1.1"]["ann"] == "1.00"
    assert rows["L1.2"]["ann"] == "0.00"
    assert rows["L1.2"]["lesson"] == "01-basics"
    assert rows["L1.1"]["text"] == "Name who signs."


def test_validate_refuses_unknown_objectives_and_warns_thin_ones(course: Path) -> None:
    write_yaml(course / "lessons.yaml", LESSONS)
    write_yaml(course / "quizzes" / "basics.yaml", tag(BANK, {
        "who-visited": ["L1.1"], "which-states": ["L1.1"], "how-much": ["L9.9"]}))

    def validate() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "geokit", "validate", str(course)],
                              capture_output=True, text=True, timeout=120)

    result = validate()
    assert result.returncode == 1
    assert "question 'how-much', field 'objectives'" in result.stdout
    assert "'L9.9'" in result.stdout
    write_yaml(course / "quizzes" / "basics.yaml", tag(BANK, {
        "who-visited": ["L1.1"], "which-states": ["L1.1"], "how-much": ["L1.2"]}))
    result = validate()
    assert result.returncode == 0, result.stdout
    assert ("objective L1.2 ('Read the figures.'): assessed by 1 question(s) or exercise(s)"
            in result.stderr)
    assert "L1.1" not in result.stderr
    strict = subprocess.run([sys.executable, "-m", "geokit", "validate", "--strict", str(course)],
                            capture_output=True, text=True, timeout=120)
    assert strict.returncode == 1  # --strict: a thin objective is a problem, on stdout
    assert "objective L1.2 ('Read the figures.')" in strict.stdout
