"""Open responses scored by rubric: ``grades-open.csv``, merged on every run, never overwritten.

The file has one row per student and open question and one score column per rubric item,
named ``<question> | <criterion> (<points>)``; only the columns of the row's own question apply.
The instructor fills the scores in any spreadsheet. When the gradebook runs again it reads the
file it wrote before and merges: every filled score stays; new responses get new rows; a row
whose student's answers are no longer among the inputs stays, flagged; a response whose text
changed since it was scored keeps its scores and is flagged for a second look. Scores that are
not numbers, or lie outside ``0 .. points``, are reported and not counted.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geokit.teach.answers import Report

__all__ = ["BASE_COLUMNS", "OpenScores", "merge", "new_row", "score_columns"]

BASE_COLUMNS = ["student", "bank", "question", "max_points", "response", "scored", "flag"]
CHANGED = "response changed since it was scored: check the scores"
GONE = "no longer among the answer files read; kept for its scores"


def column(question: Any, index: int) -> str:
    """The score column of rubric item ``index`` of ``question``."""
    item = question.rubric[index]
    return f"{question.id} | {item.criterion} ({item.points:g})"


def score_columns(banks: Sequence[Any]) -> list[str]:
    """Every rubric item's score column, in bank and question order."""
    return [column(q, i) for b in banks for q in b.questions if q.type == "open_response"
            for i in range(len(q.rubric))]


def new_row(student: str, bank: str, question: Any, response: str) -> dict[str, str]:
    """A fresh row for one open response, its scores blank."""
    row = {"student": student, "bank": bank, "question": question.id,
           "max_points": f"{question.points:g}", "response": response, "scored": "", "flag": ""}
    row.update({column(question, i): "" for i in range(len(question.rubric))})
    return row


@dataclass
class OpenScores:
    """The merged rows and the rubric points they give, per student and bank."""

    rows: list[dict[str, str]]
    points: dict[str, dict[str, float]]  # student -> bank -> rubric points
    unscored: dict[str, int]  # student -> responses with a blank score


def _read(path: Path, report: Report) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"{path}: cannot read the scored open responses ({exc}); move it "
                         "aside or fix it, so that no hand-entered score is lost") from None
    if rows and not {"student", "bank", "question"} <= set(rows[0]):
        raise ValueError(f"{path}: not a gradebook open-responses file (no student, bank and "
                         "question columns); choose another -o so that it is not replaced")
    return [{k: (v or "") for k, v in r.items() if k is not None} for r in rows]


def merge(rows: list[dict[str, str]], previous: Path, questions: dict[tuple[str, str], Any],
          report: Report) -> OpenScores:
    """Merge this run's ``rows`` into the scores already filled in ``previous``.

    ``questions`` maps (bank, question id) to the question; raise ``ValueError`` naming the file
    when ``previous`` exists but cannot be read, so that the caller refuses to replace it.
    """
    old = {(r["student"], r["bank"], r["question"]): r for r in _read(previous, report)}
    merged: list[dict[str, str]] = []
    for row in rows:
        key = (row["student"], row["bank"], row["question"])
        before = old.pop(key, None)
        if before is not None:
            filled = {k: v for k, v in before.items() if k not in BASE_COLUMNS and v.strip()}
            row.update(filled)
            if before.get("flag") and before["flag"] != GONE:
                row["flag"] = before["flag"]  # stays until the instructor clears it
            if filled and before.get("response", "") != row["response"]:
                row["flag"] = CHANGED
                report.add(previous, f"{key[0]}, {key[2]}: {CHANGED}")
        merged.append(row)
    for key, before in old.items():  # never drop a row the instructor may have scored
        before["flag"] = GONE
        merged.append(before)
        report.add(previous, f"{key[0]}, {key[2]}: {GONE}")
    points: dict[str, dict[str, float]] = {}
    unscored: dict[str, int] = {}
    for row in merged:
        q = questions.get((row["bank"], row["question"]))
        if q is None:
            report.add(previous, f"{row['student']}, {row['question']}: no such open question "
                       f"in bank {row['bank']!r} now; its scores are kept but not counted")
            continue
        total, blank = 0.0, False
        for i, item in enumerate(q.rubric):
            cell = row.get(column(q, i), "").strip()
            if not cell:
                blank = True
                continue
            try:
                value = float(cell)
            except ValueError:
                value = float("nan")
            if not 0 <= value <= item.points:
                report.add(previous, f"{row['student']}, {q.id}: score {cell!r} for "
                           f"{item.criterion!r} is not a number from 0 to {item.points:g}; "
                           "not counted")
                blank = True
                continue
            total += value
        if not q.rubric:
            blank = True
        row["scored"] = "" if blank else f"{total:g}"
        if row["flag"] == GONE:
            continue  # kept for its scores, but only answers read this run are counted
        points.setdefault(row["student"], {}).setdefault(row["bank"], 0.0)
        points[row["student"]][row["bank"]] += min(total, q.points)
        unscored[row["student"]] = unscored.get(row["student"], 0) + blank
    return OpenScores(merged, points, unscored)
