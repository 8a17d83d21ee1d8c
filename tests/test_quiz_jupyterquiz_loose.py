"""jupyterquiz import keeps what it can: one broken question never costs the bank, and what
jupyterquiz's own loose comparison accepts is accepted here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from geokit.cli import main
from geokit.data.banks import parse_bank
from geokit.errors import GeokitDataError
from geokit.quizzes import Quiz
from geokit.quizzes.jupyterquiz import convert, load_jupyterquiz
from geokit.quizzes.render import quiz_html, quiz_text

GOOD = {"question": "Who visited Islamabad?", "type": "multiple_choice", "answers": [
    {"answer": "Lavrov", "correct": True, "feedback": "Yes."},
    {"answer": "Putin", "correct": False, "feedback": "Cancelled."}]}


def write(tmp_path: Path, questions: list[dict], name: str = "bank.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(questions), encoding="utf-8")
    return path


def imported(tmp_path: Path, questions: list[dict]) -> tuple[Quiz, list[str]]:
    _, bank, notes, problems = load_jupyterquiz(write(tmp_path, questions))
    assert problems == []
    assert bank is not None
    return Quiz(bank, student="kim", store=tmp_path / "s"), notes


def test_one_broken_question_among_good_ones_is_skipped_with_a_note(tmp_path: Path,
                                                                    capsys) -> None:
    broken = {"question": "Pick one", "type": "multiple_choice", "answers": [
        {"answer": "Same", "correct": True}, {"answer": "Same", "correct": False}]}
    path = write(tmp_path, [GOOD, broken, {**GOOD, "question": "Again?"}])
    assert main(["quiz", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert [q["id"] for q in yaml.safe_load(out)["questions"]] == ["bank-q1", "bank-q3"]
    (line,) = [ln for ln in err.splitlines() if "skipped" in ln]
    # the JSON question (its number and id) is cited, not a line of YAML nobody wrote
    assert line.startswith("note: question 2 (id bank-q2): options: duplicate option text")
    assert "(converted)" not in err


def test_numeric_strings_are_numbers(tmp_path: Path) -> None:
    quiz, notes = imported(tmp_path, [{"question": "Rate?", "type": "numeric", "answers": [
        {"type": "value", "value": "0.0498", "correct": True},
        {"type": "range", "range": ["1", "2"], "correct": False, "feedback": "Too high."}]}])
    assert quiz.answer("bank-q1", 0.0498).correct is True
    assert quiz.answer("bank-q1", 1.5).feedback == "Too high."
    assert any("value '0.0498' read as 0.0498" in n for n in notes)


def test_a_distractor_whose_value_is_false_is_zero_as_in_javascript(tmp_path: Path) -> None:
    quiz, notes = imported(tmp_path, [{"question": "How many?", "type": "numeric", "answers": [
        {"type": "value", "value": 3, "correct": True},
        {"type": "value", "value": False, "correct": False, "feedback": "Not none."}]}])
    assert quiz.answer("bank-q1", 0).feedback == "Not none."
    assert quiz.answer("bank-q1", 3).correct is True
    assert any("value False read as 0" in n for n in notes)


def test_precision_0_compares_unrounded(tmp_path: Path) -> None:
    quiz, notes = imported(tmp_path, [{"question": "Share?", "type": "numeric", "precision": 0,
                                       "answers": [{"value": 0.25, "correct": True}]}])
    assert quiz.questions[0].precision is None
    assert quiz.answer("bank-q1", 0.25).correct is True
    assert quiz.answer("bank-q1", 0.3).correct is False
    assert any("precision 0 is not a number of significant digits" in n for n in notes)


def test_match_case_answers_that_differ_only_in_case_are_kept(tmp_path: Path) -> None:
    quiz, _ = imported(tmp_path, [{"question": "Acronym?", "type": "string", "answers": [
        {"answer": "SCO", "correct": True, "match_case": True},
        {"answer": "sco", "correct": False, "match_case": True, "feedback": "Capitals."}]}])
    assert quiz.answer("bank-q1", "SCO").correct is True
    assert quiz.answer("bank-q1", "sco").feedback == "Capitals."


def test_option_code_is_shown_as_code(tmp_path: Path) -> None:
    quiz, _ = imported(tmp_path, [{"question": "Which prints 2?", "type": "multiple_choice",
                                   "answers": [{"code": "print(1 + 1)", "correct": True},
                                               {"code": "print(11)", "correct": False}]}])
    assert "print(1 + 1)" in quiz_text(quiz)
    assert "<pre>print(11)</pre>" in quiz_html(quiz)
    assert quiz.answer("bank-q1", "a").correct is True


def test_question_ids_carry_the_bank_id() -> None:
    bank, _ = convert([GOOD, GOOD], "week-3")
    assert [q["id"] for q in bank["questions"]] == ["week-3-q1", "week-3-q2"]
    parsed, problems = parse_bank(bank, "week-3.yaml", "week-3")
    assert problems == []
    assert parsed is not None


def test_a_flashcard_file_gets_one_clear_line(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, [{"front": "SCO", "back": "Shanghai Cooperation Organisation"}],
                 "cards.json")
    with pytest.raises(GeokitDataError, match="a jupytercards flashcard file"):
        load_jupyterquiz(path)
    assert main(["quiz", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "flashcard" in err


def test_option_code_is_shown_in_the_widget(tmp_path: Path) -> None:
    pytest.importorskip("ipywidgets")
    import ipywidgets as w

    from geokit.quizzes.widgets import QuizView

    quiz, _ = imported(tmp_path, [{"question": "Which prints 2?", "type": "multiple_choice",
                                   "answers": [{"code": "print(1 + 1)", "correct": True},
                                               {"code": "print('<b>')", "correct": False}]}])
    (qv,) = QuizView(quiz).questions
    shown = [x.value for x in qv.box.children if isinstance(x, w.HTML)]
    assert any("<pre>print(1 + 1)</pre>" in v and "print(&#x27;&lt;b&gt;&#x27;)" in v
               for v in shown)


# -- shuffle_answers ------------------------------------------------------------------------------

#: six options, so that a shuffled order that happens to equal the authored one is unlikely
SIX = {"question": "Which came first?", "type": "multiple_choice", "answers": [
    {"answer": f"Option {n}", "correct": n == 6, "feedback": "."} for n in range(1, 7)]}
AUTHORED = ["a", "b", "c", "d", "e", "f"]


def orders(quiz: Quiz, students: tuple[str, ...] = ("kim", "lee", "max", "ned")) -> set:
    q = quiz.questions[0]
    return {tuple(Quiz(quiz.bank, student=s, store=quiz.store.root).display_order(q))
            for s in students}


def test_shuffle_answers_false_keeps_the_authored_order_for_everyone(tmp_path: Path) -> None:
    _, bank, _, problems = load_jupyterquiz(write(tmp_path, [SIX]), shuffle_answers=False)
    assert problems == []
    assert bank is not None
    quiz = Quiz(bank, student="kim", store=tmp_path / "s")
    assert orders(quiz) == {tuple(AUTHORED)}
    text = quiz_text(quiz)
    assert [text.index(f"{o}) Option") for o in AUTHORED] == sorted(
        text.index(f"{o}) Option") for o in AUTHORED)
    assert "shuffle: false" in load_jupyterquiz(write(tmp_path, [SIX]),
                                                shuffle_answers=False)[0]


def test_shuffle_answers_default_gives_each_student_an_order(tmp_path: Path) -> None:
    quiz, _ = imported(tmp_path, [SIX])
    assert len(orders(quiz)) > 1


def test_a_questions_own_shuffle_answers_decides_for_it(tmp_path: Path) -> None:
    fixed = {**SIX, "shuffle_answers": False}
    quiz, notes = imported(tmp_path, [fixed, SIX])
    assert not any("shuffle_answers" in n for n in notes)  # a field it knows, not unknown
    first, second = quiz.questions
    assert (first.shuffle, second.shuffle) == (False, True)
    assert quiz.display_order(first) == AUTHORED
    _, _, bad_notes, _ = load_jupyterquiz(write(tmp_path, [{**SIX, "shuffle_answers": "no"}],
                                                "bad.json"))
    assert any("'shuffle_answers' is not true or false" in n for n in bad_notes)


def test_the_cli_takes_no_shuffle_answers(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, [SIX])
    assert main(["quiz", "import", str(path), "--no-shuffle-answers"]) == 0
    assert yaml.safe_load(capsys.readouterr().out)["questions"][0]["shuffle"] is False
    assert main(["quiz", "import", str(path)]) == 0
    assert "shuffle" not in yaml.safe_load(capsys.readouterr().out)["questions"][0]


def test_an_ordering_question_cannot_keep_its_authored_order() -> None:
    raw = {"id": "b", "title": "B", "questions": [{
        "id": "o", "type": "ordering", "prompt": "Order.", "items": ["x", "y"],
        "shuffle": False}]}
    bank, problems = parse_bank(raw, "b.yaml", "b")
    assert bank is None
    assert [(p.field, p.message) for p in problems] == [
        ("shuffle", "an ordering question is always shown in each student's own order: its "
                    "authored order is the answer")]
