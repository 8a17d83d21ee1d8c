"""The gradebook: regrading, item analysis, mastery, and every kind of bad input reported."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_yaml

from geokit.teach.gradebook import build, collect, write

BANK = {
    "id": "basics",
    "title": "Basics",
    "questions": [
        {
            "id": "who-visited",
            "type": "single_choice",
            "prompt": "Who visited Hillstate?",
            "paragraphs": [1],
            "objective": "actors",
            "level": "remember",
            "explanation": "Paragraph 1 names the minister.",
            "options": [
                {"id": "a", "text": "Ana Ruiz", "correct": True, "feedback": "Yes."},
                {"id": "b", "text": "Ben Ode", "feedback": "He is the analyst."},
                {"id": "c", "text": "The Daily Bugle", "feedback": "A newspaper."},
            ],
        },
        {
            "id": "which-states",
            "type": "multiple_select",
            "prompt": "Which states sign?",
            "paragraphs": [1],
            "objective": "actors",
            "level": "understand",
            "explanation": "Both states sign the memorandum.",
            "options": [
                {"id": "r", "text": "Riverland", "correct": True, "feedback": "Yes."},
                {"id": "h", "text": "Hillstate", "correct": True, "feedback": "Yes."},
                {"id": "x", "text": "Daily Bugle", "feedback": "Not a state."},
            ],
        },
        {
            "id": "how-much",
            "type": "numeric",
            "prompt": "How many million dollars?",
            "paragraphs": [1],
            "objective": "figures",
            "level": "remember",
            "explanation": "The memorandum is worth $40 million.",
            "answers": [{"value": 40}],
        },
        {
            "id": "essay",
            "type": "open_response",
            "prompt": "Will the deal hold?",
            "paragraphs": [3],
            "objective": "judgement",
            "level": "evaluate",
            "points": 4,
            "explanation": "Weigh the analyst's view against the dependency.",
            "rubric": [
                {"criterion": "Cites paragraph 3", "points": 2},
                {"criterion": "Weighs both sides", "points": 2},
            ],
        },
    ],
}
SECOND = {
    "id": "more",
    "title": "More",
    "questions": [
        {
            "id": "who-quoted",
            "type": "single_choice",
            "prompt": "Which outlet quotes an official?",
            "paragraphs": [2],
            "objective": "sources",
            "level": "remember",
            "explanation": "The Daily Bugle.",
            "options": [
                {"id": "a", "text": "Daily Bugle", "correct": True, "feedback": "Yes."},
                {"id": "b", "text": "Example Gazette", "feedback": "That is the publisher."},
            ],
        },
    ],
}


def make_course(mini_article: Path) -> Path:
    """The mini article with the two banks above."""
    (mini_article / "quizzes").mkdir()
    write_yaml(mini_article / "quizzes" / "basics.yaml", BANK)
    write_yaml(mini_article / "quizzes" / "more.yaml", SECOND)
    return mini_article


@pytest.fixture
def course(mini_article: Path) -> Path:
    return make_course(mini_article)


def save(
    root: Path,
    student: str,
    bank: str,
    answers: dict,
    updated: str = "2024-01-01T10:00Z",
    name: str | None = None,
) -> Path:
    folder = root / student / "mini-2020"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{bank}.json")
    path.write_text(
        json.dumps(
            {
                "format": "geokit-answers",
                "version": 1,
                "student": student,
                "article": "mini-2020",
                "bank": bank,
                "updated": updated,
                "answers": {q: {"value": v, "timestamp": updated} for q, v in answers.items()},
            }
        )
    )
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def make_class(root: Path) -> None:
    right = {"who-visited": "a", "which-states": ["r", "h"], "how-much": 40}
    for s in ("ann", "bob", "cat"):
        save(root, s, "basics", {**right, "essay": f"{s} thinks it holds (para 3)."})
        save(root, s, "more", {"who-quoted": "a"})
    save(root, "dan", "basics", {"who-visited": "b", "which-states": ["r"], "how-much": 4})
    save(root, "dan", "more", {"who-quoted": "b"})
    save(root, "eli", "basics", {"who-visited": "b"})  # partial, and no 'more' bank at all
    (root / "fay" / "mini-2020").mkdir(parents=True)
    (root / "fay" / "mini-2020" / "basics.json").write_text("{ not json")  # corrupt


def test_grades_items_and_mastery(course: Path, tmp_path: Path) -> None:
    root = tmp_path / "collected"
    make_class(root)
    subs, report = collect([root])
    book = build(subs, report, article=course)
    written = write(book, tmp_path / "out" / "grades.csv")
    assert [p.name for p in written] == [
        "grades.csv",
        "grades-open.csv",
        "grades-items.csv",
        "grades-objectives.csv",
        "grades-summary.png",
    ]
    grades = {r["student"]: r for r in read_csv(tmp_path / "out" / "grades.csv")}
    assert sorted(grades) == ["ann", "bob", "cat", "dan", "eli", "fay"]  # nobody dropped
    assert grades["ann"]["total (8)"] == "4"  # the essay's 4 points are in the maximum
    assert grades["ann"]["open_responses_to_score"] == "1"
    # dan: wrong single choice, half the multiple select (one of two right, no wrong pick)
    assert float(grades["dan"]["basics (7)"]) == pytest.approx(0.5)
    assert "no answers for bank(s) more" in grades["eli"]["notes"]
    assert "unreadable file" in grades["fay"]["notes"]
    assert grades["fay"]["total (8)"] == "0"

    items = {r["question"]: r for r in read_csv(tmp_path / "out" / "grades-items.csv")}
    assert "essay" not in items  # open responses are scored by hand, not analysed here
    assert items["who-visited"]["share_correct"] == "0.50"  # 3 of 6 students
    assert items["who-visited"]["most_common_wrong_answer"] == "Ben Ode"
    assert items["who-visited"]["times_given"] == "2"
    assert float(items["who-visited"]["discrimination"]) > 0
    assert items["how-much"]["paragraphs"] == "¶1"

    open_rows = read_csv(tmp_path / "out" / "grades-open.csv")
    assert {r["student"] for r in open_rows} == {"ann", "bob", "cat"}
    assert "essay | Cites paragraph 3 (2)" in open_rows[0]

    objectives = {r["objective"]: r for r in read_csv(tmp_path / "out" / "grades-objectives.csv")}
    assert set(objectives) == {"actors", "figures", "sources", "judgement"}
    assert objectives["figures"]["ann"] == "1.00"
    assert objectives["figures"]["dan"] == "0.00"
    alt = (tmp_path / "out" / "grades-summary.txt").read_text()
    assert "6 students" in alt


def test_duplicates_keep_the_newest_and_say_so(course: Path, tmp_path: Path) -> None:
    root = tmp_path / "collected"
    save(root, "ann", "basics", {"who-visited": "b"}, updated="2024-01-01T10:00Z")
    save(root / "resubmitted", "ann", "basics", {"who-visited": "a"}, updated="2024-01-02T10:00Z")
    subs, report = collect([root])
    book = build(subs, report, article=course)
    assert book.points["ann"]["basics"] == 1
    (line,) = [x for x in report.lines if "duplicate" in x]
    assert "kept the newer one (updated 2024-01-02T10:00Z)" in line


def test_corrupt_missing_and_foreign_inputs_are_reported(course: Path, tmp_path: Path) -> None:
    root = tmp_path / "collected"
    save(root, "ann", "basics", {"who-visited": "a", "nonsense-q": "x"})
    (root / "stray.json").write_text(json.dumps({"hello": "world"}))
    (root / "bad.json").write_bytes(b"\xff\xfe")
    subs, report = collect([root, tmp_path / "nowhere"])
    book = build(subs, report, article=course)
    text = "\n".join(report.lines)
    assert "nowhere: skipped: no such file or folder" in text
    assert "stray.json: skipped: not a geokit answer file" in text
    assert "bad.json: skipped: not readable JSON" in text
    assert "ignored answer to unknown question 'nonsense-q'" in text
    assert book.students == ["ann"]


def test_a_tampered_file_cannot_award_itself_points(course: Path, tmp_path: Path) -> None:
    path = save(tmp_path, "ann", "basics", {"who-visited": "b"})
    data = json.loads(path.read_text())
    data["answers"]["who-visited"].update(points=99, correct=True)
    path.write_text(json.dumps(data))
    subs, report = collect([path])
    assert build(subs, report, article=course).points["ann"]["basics"] == 0


def test_cli_writes_files_and_reports_on_stderr(course: Path, tmp_path: Path) -> None:
    root = tmp_path / "collected"
    make_class(root)
    out = tmp_path / "g.csv"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "geokit",
            "gradebook",
            str(root),
            "-o",
            str(out),
            "--article",
            str(course),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "6 student(s) in 1 article(s) from 9 answer file(s)" in result.stderr
    assert "basics.json: skipped: not readable JSON" in result.stderr
    assert out.exists()
    assert (tmp_path / "g-items.csv").exists()
    assert "Traceback" not in result.stderr


def test_a_newer_format_is_reported_not_graded(course: Path, tmp_path: Path) -> None:
    path = save(tmp_path, "ann", "basics", {"who-visited": "a"})
    data = json.loads(path.read_text())
    data["version"] = 99
    path.write_text(json.dumps(data))
    subs, report = collect([path])
    assert subs == []
    assert "written by a newer geokit (format version 99" in report.lines[0]


def test_cli_refuses_a_folder_as_output_and_an_empty_input(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "geokit", "gradebook", *args],
                              capture_output=True, text=True, timeout=120)

    (tmp_path / "empty").mkdir()
    result = run(str(tmp_path / "empty"), "-o", str(tmp_path / "g.csv"))
    assert result.returncode == 1
    assert "no answer files found" in result.stderr
    assert not (tmp_path / "g.csv").exists()
    result = run(str(tmp_path / "empty"), "-o", str(tmp_path))
    assert result.returncode == 1
    assert "is a folder; -o names the CSV file" in result.stderr
    assert "Traceback" not in result.stderr


def test_writing_the_summary_leaves_the_matplotlib_backend_alone(course: Path,
                                                                 tmp_path: Path) -> None:
    code = (
        "import matplotlib, sys; matplotlib.use('svg'); from pathlib import Path; "
        "from geokit.teach.gradebook import build, collect, write; "
        f"subs, rep = collect([{str(tmp_path / 'c')!r}]); "
        f"write(build(subs, rep, article={str(course)!r}), Path({str(tmp_path / 'g.csv')!r})); "
        "print(matplotlib.get_backend(), 'matplotlib.pyplot' in sys.modules)"
    )
    make_class(tmp_path / "c")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.split() == ["svg", "False"]
