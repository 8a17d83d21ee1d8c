"""Attempts and reveal rules, as a student and an instructor meet them: every Check recorded,
the bank's counting in the gradebook, retries, reveal rules and exam mode."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import write_yaml
from test_gradebook import BANK, make_course, read_csv, save
from test_quiz_fixtures import EVERY_TYPE, make_article

import geokit
from geokit.data.banks import load_bank_file
from geokit.quizzes import Quiz

EXPLANATION = BANK["questions"][0]["explanation"]  # who-visited: a is right, b is wrong
MODEL = "SECRET-MODEL-ANSWER"


def course_with(mini_article: Path, **keys: object) -> Path:
    """The mini course, its 'basics' bank given bank-level ``keys`` (counting, reveal, ...)."""
    folder = make_course(mini_article)
    write_yaml(folder / "quizzes" / "basics.yaml", {**keys, **BANK})
    return folder


def open_basics(folder: Path, store: Path, student: str = "ann") -> Quiz:
    return geokit.quiz(folder, "basics", student=student, store=store)


def saved_file(store: Path, student: str = "ann") -> Path:
    return store / student / "mini-2020" / "basics.json"


def gradebook(root: Path, out: Path, course: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geokit", "gradebook", str(root), "-o", str(out),
         "--article", str(course)], capture_output=True, text=True, timeout=120)


# -- every Check is recorded ---------------------------------------------------------------------


def test_every_check_is_kept_in_history(mini_article: Path, tmp_path: Path) -> None:
    quiz = open_basics(course_with(mini_article), tmp_path / "store")
    quiz.answer("who-visited", "b")
    quiz.answer("who-visited", "a")
    rec = json.loads(saved_file(tmp_path / "store").read_text())["answers"]["who-visited"]
    assert (rec["value"], rec["attempts"], rec["status"]) == ("a", 2, "correct")
    assert [(h["answer"], h["status"], h["points"]) for h in rec["history"]] == [
        ("b", "incorrect", 0.0), ("a", "correct", 1.0)]
    assert all(h["at"].endswith("Z") for h in rec["history"])


def test_a_file_saved_without_history_keeps_its_answer(mini_article: Path,
                                                        tmp_path: Path) -> None:
    folder = course_with(mini_article)
    path = save(tmp_path / "store", "ann", "basics", {"who-visited": "c"})
    quiz = open_basics(folder, tmp_path / "store")
    assert quiz.saved("who-visited")["value"] == "c"  # an old file is read as it is
    quiz.answer("who-visited", "a")
    rec = json.loads(path.read_text())["answers"]["who-visited"]
    assert [h["answer"] for h in rec["history"]] == ["c", "a"]  # the old answer is not lost
    assert rec["value"] == "a"


# -- counting, in the gradebook an instructor runs -------------------------------------------------


@pytest.mark.parametrize(("counting", "answers", "counted"), [
    ("first", ["b", "a"], "0"),
    ("last", ["b", "a"], "1"),
    ("best", ["b", "a"], "1"),
    ("best", ["a", "b"], "1"),
    ("last", ["a", "b"], "0"),
])
def test_the_gradebook_counts_as_the_bank_says(mini_article: Path, tmp_path: Path,
                                               counting: str, answers: list[str],
                                               counted: str) -> None:
    folder = course_with(mini_article, counting=counting)
    quiz = open_basics(folder, tmp_path / "collected")
    for value in answers:
        quiz.answer("who-visited", value)
    out = tmp_path / "grades.csv"
    result = gradebook(tmp_path / "collected", out, folder)
    assert result.returncode == 0, result.stderr
    (row,) = read_csv(out)
    assert row["basics (7)"] == counted
    assert row["basics first attempt"] == ("0" if answers[0] == "b" else "1")


def test_counting_defaults_to_last(mini_article: Path) -> None:
    bank = geokit.load_article(make_course(mini_article)).quiz_banks[0]
    assert (bank.counting, bank.retries, bank.reveal, bank.mode) == (
        "last", None, "immediately", "practice")


# -- reveal rules ---------------------------------------------------------------------------------


def everything_shown(quiz: Quiz, result: object) -> str:
    """Every place a student can read: the result's text and HTML, the quiz's text and HTML,
    the widget's feedback, and the saved file."""
    from geokit.quizzes.widgets import QuizView

    view = QuizView(quiz)
    widget = " ".join(v.feedback.value for v in view.questions)
    store_text = quiz.store.path.read_text(encoding="utf-8")
    return " | ".join([repr(result), result._repr_html_(), repr(quiz), quiz._repr_html_(),
                       widget, store_text])


def test_after_correct_hides_the_explanation_until_the_answer_is_right(
        mini_article: Path, tmp_path: Path) -> None:
    pytest.importorskip("ipywidgets")
    quiz = open_basics(course_with(mini_article, reveal="after-correct"), tmp_path / "s")
    wrong = quiz.answer("who-visited", "b")
    assert wrong.status == "incorrect"
    assert wrong.explanation == ""
    assert "He is the analyst." in wrong.text()  # the chosen option's feedback still shows
    assert "The explanation appears once your answer is right." in wrong.text()
    assert EXPLANATION not in everything_shown(quiz, wrong)
    # a new kernel, the same student: still hidden
    again = open_basics(mini_article, tmp_path / "s")
    assert EXPLANATION not in everything_shown(again, again.evaluate(
        again.question("who-visited"), "b"))
    right = again.answer("who-visited", "a")
    assert f"Why: {EXPLANATION}" in right.text()
    from geokit.quizzes.widgets import QuizView

    feedback = QuizView(again).questions[0].feedback.value
    assert EXPLANATION in feedback  # restored from the file: once right, it stays shown
    assert EXPLANATION not in again.store.path.read_text(encoding="utf-8")  # never saved


def test_after_n_attempts(mini_article: Path, tmp_path: Path) -> None:
    quiz = open_basics(course_with(mini_article, reveal="after 2 attempts"), tmp_path / "s")
    first = quiz.answer("who-visited", "b")
    assert first.explanation == ""
    assert "after 2 attempts, or once your answer is right" in first.text()
    second = quiz.answer("who-visited", "c")
    assert second.explanation == EXPLANATION


def test_never_shows_the_explanation(mini_article: Path, tmp_path: Path) -> None:
    quiz = open_basics(course_with(mini_article, reveal="never"), tmp_path / "s")
    assert quiz.answer("who-visited", "a").explanation == ""
    assert EXPLANATION not in quiz.answer("who-visited", "a").text()


def test_the_model_answer_follows_the_reveal_rule(tmp_path: Path) -> None:
    def answer(rule: str) -> str:
        text = EVERY_TYPE.replace("questions:\n", f"reveal: {rule}\nquestions:\n", 1)
        folder = make_article(tmp_path / rule.replace(" ", "-"), text)
        quiz = geokit.quiz(folder, "every-type", student="kim", store=tmp_path / rule)
        return quiz.answer("t-open", "It holds, because paragraph 18 says so.").text()

    assert f"Compare with an example answer: {MODEL}" in answer("immediately")
    assert MODEL not in answer("after-correct")  # an open response is never "correct"
    assert MODEL not in answer("never")


def test_evidence_citations_are_the_answer_and_follow_the_rule(tmp_path: Path) -> None:
    text = EVERY_TYPE.replace("questions:\n", "reveal: after-correct\nquestions:\n", 1)
    quiz = geokit.quiz(make_article(tmp_path / "a", text), "every-type", student="kim",
                       store=tmp_path / "s")
    wrong = quiz.answer("t-evidence", [12])
    assert wrong.citations == ()
    assert "¶16" not in wrong.text()
    assert quiz.answer("t-single", "b").citations  # elsewhere a citation gives nothing away
    assert quiz.answer("t-evidence", [16, 18, 20]).paragraphs == (16, 18, 20)


# -- retries ---------------------------------------------------------------------------------------


def test_retries_run_out_and_the_saved_answer_stays(mini_article: Path, tmp_path: Path) -> None:
    quiz = open_basics(course_with(mini_article, retries=1), tmp_path / "s")
    assert "1 more try allowed." in quiz.answer("who-visited", "b").text()
    last = quiz.answer("who-visited", "c")
    assert "No tries left for this question." in last.text()
    before = quiz.store.path.read_bytes()
    refused = quiz.answer("who-visited", "a")
    assert refused.status == "unavailable"
    assert refused.correct is None
    assert refused.text() == ("This check cannot run: no tries left: this quiz allows 2 checks "
                              "per question and you have used 2; your saved answer is kept as "
                              "it is")
    assert quiz.store.path.read_bytes() == before
    assert quiz.saved("who-visited")["value"] == "c"
    # another notebook (a new Quiz on the same file) is refused too
    other = open_basics(mini_article, tmp_path / "s")
    assert other.answer("who-visited", "a").status == "unavailable"
    assert other.answer("which-states", ["r", "h"]).status == "correct"  # per question


def test_retries_zero_allows_one_check_and_the_widget_stops(mini_article: Path,
                                                           tmp_path: Path) -> None:
    pytest.importorskip("ipywidgets")
    from geokit.quizzes.widgets import QuizView

    quiz = open_basics(course_with(mini_article, retries=0), tmp_path / "s")
    view = QuizView(quiz)
    single = view.questions[0]
    assert not single.button.disabled
    single.control.value = "b"
    single.button.click()
    assert single.button.disabled
    assert "No tries left for this question." in single.feedback.value
    # the button is disabled, but a stale view (another notebook) can still call the handler
    single.control.value = "a"
    single._clicked()
    assert "no tries left" in single.feedback.value
    assert single.control.value == "b"  # the control shows the answer that stands
    assert quiz.saved("who-visited")["value"] == "b"
    assert QuizView(quiz).questions[0].button.disabled  # restored: still no tries


# -- exam mode -------------------------------------------------------------------------------------


def test_exam_mode_saves_without_showing_correctness(mini_article: Path,
                                                    tmp_path: Path) -> None:
    pytest.importorskip("ipywidgets")
    folder = course_with(mini_article, mode="exam")
    quiz = open_basics(folder, tmp_path / "collected")
    result = quiz.answer("who-visited", "a")
    assert result.saved
    assert result.headline() == "Saved"
    assert result.correct is None
    assert result.points == 0
    shown = everything_shown(quiz, result)
    for secret in ("Correct", "Not quite", "Yes.", EXPLANATION, "1 correct", "Score 1",
                   '"correct": true', '"points": 1'):
        assert secret not in shown, secret
    assert "1 of 4 answered" in str(quiz.score())
    wrong = quiz.answer("which-states", ["x"])
    assert wrong.text() == result.text() == "Saved"
    # the instructor's gradebook regrades the collected answers
    out = tmp_path / "grades.csv"
    assert gradebook(tmp_path / "collected", out, folder).returncode == 0
    assert read_csv(out)[0]["basics (7)"] == "1"


# -- the bank fields are checked like any data ----------------------------------------------------


@pytest.mark.parametrize(("key", "value", "message"), [
    ("counting", "average", "not an allowed value"),
    ("retries", -1, "retries counts further tries"),
    ("retries", "many", "wrong type"),
    ("reveal", "after-two", "unknown reveal rule"),
    ("reveal", "after 0 attempts", "unknown reveal rule"),
    ("mode", "test", "not an allowed value"),
])
def test_bad_bank_fields_name_file_line_and_field(tmp_path: Path, key: str, value: object,
                                                  message: str) -> None:
    path = tmp_path / "basics.yaml"
    path.write_text(yaml.safe_dump({"id": "basics", "title": "B", key: value,
                                    "questions": BANK["questions"]}, sort_keys=False))
    bank, problems = load_bank_file(path)
    assert bank is None
    (p,) = problems
    assert (p.message, p.field, p.line) == (message, key, 3)
    assert "basics.yaml" in str(p)


def test_geokit_validate_reports_a_bad_reveal(mini_article: Path) -> None:
    folder = course_with(mini_article, reveal="sometimes")
    result = subprocess.run([sys.executable, "-m", "geokit", "validate", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "basics.yaml:1" in result.stdout + result.stderr
    assert "unknown reveal rule" in result.stdout + result.stderr


# -- the shipped banks and what a student is told ----------------------------------------------


def test_the_shipped_banks_hold_back_explanations_until_right(tmp_path: Path) -> None:
    art = geokit.load_article("pakistan-russia-2012")
    rules = {b.id: (b.counting, b.retries, b.reveal, b.mode) for b in art.quiz_banks}
    assert rules.pop("synthesis") == ("first", 1, "after-correct", "practice")
    assert set(rules.values()) == {("best", None, "after-correct", "practice")}
    quiz = geokit.quiz("pakistan-russia-2012", "actors", student="ann", store=tmp_path)
    q = next(q for q in quiz.questions if q.type == "single_choice")
    wrong = next(o.id for o in q.options if not o.correct)
    right = next(o.id for o in q.options if o.correct)
    assert q.explanation not in quiz.answer(q.id, wrong).text()
    assert f"Why: {q.explanation}" in quiz.answer(q.id, right).text()


def test_the_quiz_tells_the_student_its_rules(tmp_path: Path) -> None:
    pytest.importorskip("ipywidgets")
    from geokit.quizzes.widgets import QuizView

    quiz = geokit.quiz("pakistan-russia-2012", "synthesis", student="ann", store=tmp_path)
    rules = ("Each question allows 2 checks; your first answer counts. The explanation appears "
             "once your answer is right, or when a question's checks are used up.")
    assert rules in " ".join(repr(quiz).split())
    assert html.escape(rules) in quiz._repr_html_()
    assert html.escape(rules) in QuizView(quiz).box.children[1].value
    practice = geokit.quiz("pakistan-russia-2012", "sources", student="ann", store=tmp_path)
    assert ("Check as often as you like; your best answer counts. The explanation appears once "
            "your answer is right.") in " ".join(repr(practice).split())


def test_an_open_response_says_when_its_example_answer_appears(tmp_path: Path) -> None:
    def submit(keys: str, times: int) -> str:
        text = EVERY_TYPE.replace("questions:\n", f"{keys}questions:\n", 1)
        folder = make_article(tmp_path / str(len(list(tmp_path.iterdir()))), text)
        quiz = geokit.quiz(folder, "every-type", student="kim", store=folder / "s")
        results = [quiz.answer("t-open", "It holds, because paragraph 18 says so.")
                   for _ in range(times)]
        return " / ".join(r.text() for r in results)

    once = submit("reveal: after-correct\nretries: 1\n", 2)
    assert "The example answer appears once you have used your 2 submissions." in once
    first, last = once.split(" / ")
    assert MODEL not in first
    assert MODEL in last  # shown with the last submission
    assert "once your answer is right" not in submit("reveal: after-correct\n", 1)
    assert "The example answer appears after 2 submissions." in submit(
        "reveal: after 2 attempts\n", 1)
