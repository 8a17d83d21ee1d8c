"""The summit simulation's bank: the debrief is graded from the data, and the policy memo's
rubric scores, filled in by an instructor, reach grades.csv through `geokit gradebook`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import SHIPPED

import geokit
from geokit.cli import main

ARTICLE = geokit.load_article(SHIPPED)
BANK = next(b for b in ARTICLE.quiz_banks if b.id == "summit")
MEMO = next(q for q in BANK.questions if q.id == "sum-policy-memo")
MOVES = next(q for q in BANK.questions if q.id == "sum-moves-to-concepts")
CONCEPTS = {"Internal balancing", "External balancing", "Bandwagoning", "Hedging",
            "Soft balancing", "Alliance security dilemma: fear of abandonment",
            "Alliance security dilemma: fear of entrapment"}
MEMO_TEXT = " ".join(["Pakistan should keep the Russian opening and its US aid (¶17, ¶18)."] * 20)


def test_the_debrief_matches_moves_to_every_concept_of_lesson_4() -> None:
    assert {p.right for p in MOVES.pairs} == CONCEPTS
    assert len(BANK.questions) >= 8


def test_the_debrief_is_graded_from_the_bank(tmp_path: Path) -> None:
    quiz = geokit.quiz(SHIPPED, "summit", store=tmp_path / "answers.json", student="ann")
    right = {p.left: p.right for p in MOVES.pairs}
    assert quiz.answer(MOVES.id, right).status == "correct"
    swapped = dict(right)
    hedge, soft = (next(p.left for p in MOVES.pairs if p.right == c)
                   for c in ("Hedging", "Soft balancing"))
    swapped[hedge], swapped[soft] = right[soft], right[hedge]
    result = quiz.answer(MOVES.id, swapped)
    assert result.status == "partial"
    assert result.points == pytest.approx(MOVES.points * (len(right) - 2) / len(right))


def test_the_memo_has_a_rubric_that_adds_up() -> None:
    assert MEMO.type == "open_response"
    assert len(MEMO.rubric) >= 4
    assert sum(item.points for item in MEMO.rubric) == MEMO.points


def _save(root: Path, student: str, answers: dict) -> None:
    folder = root / student / SHIPPED
    folder.mkdir(parents=True, exist_ok=True)
    stamp = "2026-11-20T10:00Z"
    (folder / "summit.json").write_text(json.dumps({
        "format": "geokit-answers", "version": 1, "student": student, "article": SHIPPED,
        "bank": "summit", "updated": stamp,
        "answers": {q: {"value": v, "timestamp": stamp} for q, v in answers.items()},
    }), encoding="utf-8")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_memo_rubric_scores_reach_grades_csv_through_the_gradebook(tmp_path: Path) -> None:
    root, out = tmp_path / "collected", tmp_path / "grades.csv"
    right = {p.left: p.right for p in MOVES.pairs}
    _save(root, "ann", {MOVES.id: right, MEMO.id: MEMO_TEXT})
    assert main(["gradebook", str(root), "-o", str(out), "--article", SHIPPED]) == 0
    open_csv = tmp_path / "grades-open.csv"
    (row,) = [r for r in _rows(open_csv) if r["question"] == MEMO.id]
    columns = [f"{MEMO.id} | {item.criterion} ({item.points:g})" for item in MEMO.rubric]
    assert all(row[c] == "" for c in columns)  # one blank score column per criterion
    # the instructor scores the memo in a spreadsheet and runs the same command again
    scores = [item.points / 2 for item in MEMO.rubric]
    row.update({c: f"{s:g}" for c, s in zip(columns, scores, strict=True)})
    rows = [r if r["question"] != MEMO.id else row for r in _rows(open_csv)]
    with open_csv.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["gradebook", str(root), "-o", str(out), "--article", SHIPPED]) == 0
    (grades,) = _rows(out)
    column = f"summit ({BANK.max_points:g})"
    assert float(grades[column]) == pytest.approx(MOVES.points + sum(scores))
    assert grades["open_responses_to_score"] == "0"
    (kept,) = [r for r in _rows(open_csv) if r["question"] == MEMO.id]
    assert kept["scored"] == f"{sum(scores):g}"
