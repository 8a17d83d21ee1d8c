"""Answers saved under option ids a bank no longer has (files from before the ids were renamed
from letters to words): never read as another option, reported in one line, files untouched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geokit
from geokit.data.loader import load_article
from geokit.teach.gradebook import build, collect

ARTICLE = "pakistan-russia-2012"


def _key(qid: str) -> str:
    bank = next(b for b in load_article(ARTICLE).quiz_banks if b.id == "actors")
    return next(o.id for o in bank.question(qid).options if o.correct)


def _old_file(store: Path, history: bool = False) -> Path:
    """ada's actors answers as an earlier version saved them: letters, graded correct then."""
    lavrov: dict[str, Any] = {"value": "a", "status": "correct", "points": 1.0,
                              "max_points": 1.0, "correct": True, "timestamp": "t", "attempts": 3}
    if history:
        lavrov["history"] = [{"at": f"t{i}", "answer": v} for i, v in enumerate("bca")]
    path = store / "ada" / ARTICLE / "actors.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({
        "format": "geokit-answers", "version": 1, "student": "ada", "article": ARTICLE,
        "bank": "actors", "updated": "t", "answers": {
            "act-lavrov-role": lavrov,
            "act-went-to-moscow": {"value": ["a", "b"], "status": "correct", "points": 2.0,
                                   "max_points": 2.0, "correct": True, "timestamp": "t",
                                   "attempts": 1},
            # answered under the current ids: still counts
            "act-one-time-foe": {"value": _key("act-one-time-foe"), "status": "correct",
                                 "points": 1.0, "max_points": 1.0, "correct": True,
                                 "timestamp": "t", "attempts": 1}}}), encoding="utf-8")
    return path


def test_the_quiz_counts_no_old_id_as_an_answer(tmp_path: Path) -> None:
    path = _old_file(tmp_path)
    before = path.read_bytes()
    quiz = geokit.quiz(ARTICLE, "actors", student="ada", store=tmp_path)
    score = quiz.score()
    assert (score.points, score.answered, score.correct) == (1.0, 1, 1)  # the current one only
    stale = quiz.stale("act-lavrov-role")
    assert stale is not None
    assert "not a valid answer now" in stale
    assert "found text 'a'" in stale
    assert quiz.stale("act-one-time-foe") is None
    assert quiz.stale("act-army-chief") is None  # never answered
    rows = {r.id: r for r in quiz.progress().questions}
    assert (rows["act-lavrov-role"].status, rows["act-lavrov-role"].points) == ("invalid", 0.0)
    assert rows["act-went-to-moscow"].status == "invalid"
    text = str(quiz)
    lavrov = text.split("id 'act-lavrov-role'", 1)[1].split("\n\n", 1)[0]
    assert "your saved answer is not a valid answer now" in lavrov
    assert "answered (" not in lavrov
    assert "not a valid answer now" in quiz._repr_html_()
    # an old id typed again is refused, not taken for the option now listed first
    again = quiz.answer("act-lavrov-role", "a")
    assert again.status == "invalid"
    assert not again.saved
    assert path.read_bytes() == before  # nothing rewrote the file
    # answering under the current id replaces the old answer
    right = quiz.answer("act-lavrov-role", _key("act-lavrov-role"))
    assert right.correct
    assert quiz.stale("act-lavrov-role") is None
    assert quiz.score().points == 2.0


def test_the_gradebook_reports_an_old_id_in_one_line_and_grades_it_0(tmp_path: Path) -> None:
    path = _old_file(tmp_path / "collected", history=True)
    before = path.read_bytes()
    submissions, report = collect([tmp_path / "collected"])
    book = build(submissions, report)
    assert book.points["ada"]["actors"] == 1.0  # only act-one-time-foe
    lines = [ln for ln in report.lines if "not a valid answer" in ln]
    lavrov = [ln for ln in lines if "'act-lavrov-role'" in ln]
    assert len(lavrov) == 1  # one line for its three attempts
    assert lavrov[0].startswith(str(path))
    assert "found text 'b'" in lavrov[0]
    assert "in 3 of 3 attempts; those count as 0" in lavrov[0]
    assert "\n" not in lavrov[0]
    moscow = [ln for ln in lines if "'act-went-to-moscow'" in ln]
    assert len(moscow) == 1
    assert moscow[0].endswith("; counted as 0")
    assert len(lines) == 2
    assert path.read_bytes() == before
