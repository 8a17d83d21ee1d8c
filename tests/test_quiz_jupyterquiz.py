"""jupyterquiz banks come in whole: all four types convert, import, validate and can be answered
through the API; whatever cannot be carried over is reported, never dropped silently."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import geokit
from geokit.cli import main
from geokit.data.banks import parse_bank
from geokit.errors import GeokitDataError, GeokitWarning
from geokit.quizzes import Quiz
from geokit.quizzes.jupyterquiz import convert, load_jupyterquiz

#: one question of each jupyterquiz type, using every field its schema defines
JQ = [
    {"question": "Who visited Islamabad?", "type": "multiple_choice", "answers": [
        {"answer": "Lavrov", "correct": True, "feedback": "Yes, the foreign minister."},
        {"answer": "Putin", "correct": False, "feedback": "His visit was cancelled."},
        {"answer": "Kayani", "correct": False}]},
    {"question": "Which were summit members?", "type": "many_choice", "answers": [
        {"answer": "Pakistan", "correct": True, "feedback": "Host."},
        {"answer": "Russia", "correct": True},
        {"answer": "India", "correct": False, "feedback": "Not a member."}]},
    {"question": "Capacity of New Jamshoro in MW?", "type": "numeric", "precision": 3,
     "answers": [
         {"type": "value", "value": 500, "correct": True, "feedback": "Right."},
         {"type": "range", "range": [1000, 2000], "correct": False,
          "feedback": "That is the CASA-1000 number."},
         {"type": "range", "range": [490, 500], "correct": True, "feedback": "Close enough."},
         {"type": "default", "feedback": "Look at paragraph 11."}]},
    {"question": "Which general went to Moscow?", "type": "string", "answers": [
        {"answer": "Kayani", "correct": True, "feedback": "Yes.", "fuzzy_threshold": 0.8},
        {"answer": "NATO", "correct": False, "match_case": True, "feedback": "Not a general."},
        {"type": "default", "feedback": "Read paragraph 12."}]},
]


@pytest.fixture
def jq_file(tmp_path: Path) -> Path:
    path = tmp_path / "Review Questions.json"
    path.write_text(json.dumps(JQ), encoding="utf-8")
    return path


def test_convert_maps_every_field() -> None:
    bank, notes = convert(JQ, "review")
    qs = bank["questions"]
    assert [q["type"] for q in qs] == ["single_choice", "multiple_select", "numeric",
                                       "short_text"]
    assert qs[0]["options"][1] == {"id": "b", "text": "Putin", "correct": False,
                                   "feedback": "His visit was cancelled."}
    assert qs[2]["precision"] == 3
    assert qs[2]["default_feedback"] == "Look at paragraph 11."
    assert qs[2]["answers"][1] == {"low": 1000, "high": 2000, "include_high": False,
                                   "correct": False, "feedback": "That is the CASA-1000 number."}
    assert qs[3]["accepted"][0]["fuzzy_threshold"] == 0.8
    assert qs[3]["accepted"][1]["match_case"] is True
    assert qs[3]["accepted"][1]["max_typos"] == 0  # jupyterquiz matches exactly by default
    assert qs[3]["default_feedback"] == "Read paragraph 12."
    assert any("significant digits" in n for n in notes)


def test_round_trip_import_then_answer_through_the_api(jq_file: Path, tmp_path: Path) -> None:
    with pytest.warns(GeokitWarning, match="significant digits"):
        quiz = geokit.quiz_from_jupyterquiz(jq_file, student="kim", store=tmp_path / "s")
    assert isinstance(quiz, Quiz)
    assert quiz.bank.id == "review-questions"
    ids = [q.id for q in quiz.questions]
    assert ids == ["review-questions-q1", "review-questions-q2", "review-questions-q3",
                   "review-questions-q4"]
    r = quiz.answer("review-questions-q1", "Lavrov")
    assert (r.correct, r.feedback) == (True, "Yes, the foreign minister.")
    assert quiz.answer("review-questions-q1", "b").feedback == "His visit was cancelled."
    assert quiz.answer("review-questions-q2", ["a", "b"]).correct is True
    assert quiz.answer("review-questions-q2", ["a", "c"]).status == "incorrect"
    assert quiz.answer("review-questions-q3", 500).feedback == "Right."
    # 3 significant digits: 500
    assert quiz.answer("review-questions-q3", 499.6).feedback == "Right."
    assert quiz.answer("review-questions-q3", 495).feedback == "Close enough."
    assert quiz.answer("review-questions-q3", 1500).feedback == "That is the CASA-1000 number."
    # [A, B): B excluded
    assert quiz.answer("review-questions-q3", 2000).feedback == "Look at paragraph 11."
    assert quiz.answer("review-questions-q4", "kayan").correct is True     # 1 - 1/6 >= 0.8
    assert quiz.answer("review-questions-q4", "kay").feedback == "Read paragraph 12."
    assert quiz.answer("review-questions-q4", "NATO").feedback == "Not a general."
    assert quiz.answer("review-questions-q4", 3).status == "invalid"
    assert quiz.score().answered == 4
    student, article, name = quiz.store.path.parts[-3:]
    assert (student, name) == ("kim", "review-questions.json")
    assert re.fullmatch(r"jupyterquiz-[0-9a-f]{8}", article)


def test_two_files_with_one_name_keep_separate_answers(tmp_path: Path) -> None:
    paths = []
    for week in ("w1", "w2"):
        p = tmp_path / week / "questions.json"
        p.parent.mkdir()
        p.write_text(json.dumps(JQ), encoding="utf-8")
        paths.append(p)
    with pytest.warns(GeokitWarning):
        one = geokit.quiz_from_jupyterquiz(paths[0], student="kim", store=tmp_path / "s")
    with pytest.warns(GeokitWarning):
        two = geokit.quiz_from_jupyterquiz(paths[1], student="kim", store=tmp_path / "s")
    assert one.bank.id == two.bank.id == "questions"
    assert one.store.path != two.store.path
    assert one.answer("questions-q1", "Lavrov").saved
    assert two.answer("questions-q1", "b").saved
    with pytest.warns(GeokitWarning):
        again = geokit.quiz_from_jupyterquiz(paths[0], student="kim", store=tmp_path / "s")
    assert again.store.path == one.store.path  # the same file keeps its answers
    assert again.saved("questions-q1")["value"] == "a"
    assert two.saved("questions-q1")["value"] == "b"


def test_cli_import_prints_valid_yaml(jq_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["quiz", "import", str(jq_file), "--id", "review"]) == 0
    out, err = capsys.readouterr()
    data = yaml.safe_load(out)
    assert data["id"] == "review"
    assert len(data["questions"]) == 4
    assert "note: question 3 (id review-q3): precision 3 is read as significant digits" in err
    assert "note: imported questions cite no paragraphs" in err
    # the YAML is a bank geokit reads: parse it again and answer it
    bank, problems = parse_bank(data, "review.yaml", "review")
    assert not problems
    assert bank is not None
    quiz = Quiz(bank, student="kim", store=tmp_path / "s")
    assert quiz.answer("review-q1", "a").correct is True
    out_file = tmp_path / "review.yaml"
    assert main(["quiz", "import", str(jq_file), "--id", "review", "-o", str(out_file)]) == 0
    assert yaml.safe_load(out_file.read_text(encoding="utf-8")) == data


def test_unsupported_fields_are_reported_not_dropped(tmp_path: Path, capsys) -> None:
    extra = [
        {**JQ[0], "answer_cols": 2, "shuffle": True, "code": "print(1)",
         "answers": [{**JQ[0]["answers"][0], "hide": True, "colour": "red"},
                     *JQ[0]["answers"][1:]]},
        {**JQ[3], "input_width": 20},
        {"question": "Drag these", "type": "drag_and_drop", "answers": []},
        {"question": "<b>Bold</b> $x^2$", "type": "many_choice", "answers": [
            {"answer": "a", "correct": False}]},
    ]
    path = tmp_path / "extra.json"
    path.write_text(json.dumps(extra), encoding="utf-8")
    assert main(["quiz", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    for expected in ("'answer_cols' (layout) is unsupported", "field 'shuffle' is not a "
                     "jupyterquiz field", "'hide' (select without grading) is unsupported",
                     "answer 1: field 'colour' unknown", "'input_width' (layout) is "
                     "unsupported", "question type 'drag_and_drop' is unsupported",
                     "question 4 (id extra-q4): no answer is marked correct",
                     "shown as plain text"):
        assert expected in err, expected
    data = yaml.safe_load(out)
    assert data["questions"][0]["code"] == "print(1)"  # honoured, not dropped
    assert len(data["questions"]) == 2


def test_a_file_that_cannot_be_converted_fails_clearly(tmp_path: Path, capsys) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"question": ', encoding="utf-8")
    with pytest.raises(GeokitDataError, match=r"broken\.json:1: is not valid JSON"):
        load_jupyterquiz(path)
    assert main(["quiz", "import", str(path)]) == 1
    assert "is not valid JSON" in capsys.readouterr().err
    empty = tmp_path / "nothing.json"
    empty.write_text('[{"question": "x", "type": "essay", "answers": []}]', encoding="utf-8")
    assert main(["quiz", "import", str(empty)]) == 1
    assert "a bank needs questions" in capsys.readouterr().err
    with pytest.raises(GeokitDataError, match="a bank needs questions"):
        geokit.quiz_from_jupyterquiz(empty)


def test_quiz_help_exists(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["quiz", "import", "--help"])
    out = capsys.readouterr().out
    assert "jupyterquiz" in out
    assert "reported on stderr" in out
