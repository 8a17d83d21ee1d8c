"""The programmatic API a student or a test calls: geokit.quiz(...), answer, score, progress."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_quiz_fixtures import make_article

import geokit
from geokit.quizzes import Quiz, Result
from geokit.quizzes.types import question_type


@pytest.fixture
def quiz(tmp_path: Path) -> Quiz:
    return geokit.quiz(make_article(tmp_path / "a"), "every-type", student="kim",
                       store=tmp_path / "store")


def test_geokit_quiz_is_one_plain_function_with_its_real_signature(tmp_path: Path) -> None:
    import inspect

    import geokit.quizzes  # importing the engine must not replace the function

    folder = make_article(tmp_path / "a")
    assert inspect.isfunction(geokit.quiz)
    params = inspect.signature(geokit.quiz).parameters
    assert list(params) == ["article", "bank", "student", "store"]
    assert params["student"].kind is inspect.Parameter.KEYWORD_ONLY
    assert "Parameters" in (geokit.quiz.__doc__ or "")
    assert isinstance(geokit.quiz(folder, "every-type", store=tmp_path), Quiz)
    assert geokit.Quiz is Quiz
    assert callable(geokit.quiz_from_jupyterquiz)
    assert {"quiz", "plots", "exercises", "quizzes"} <= set(dir(geokit))


def test_result_explains_and_cites_with_text(quiz: Quiz) -> None:
    r = quiz.answer("t-single", "b")
    assert isinstance(r, Result)
    assert (r.correct, r.points, r.max_points, r.status) == (False, 0.0, 1.0, "incorrect")
    assert r.feedback == "SECRET-FEEDBACK-b"
    assert r.explanation == "SECRET-EXPLANATION-single"
    assert r.paragraphs == (1,)
    art = quiz.article
    assert art is not None
    assert r.citations[0].text == art.paragraphs[0].text
    assert "Lavrov visited Islamabad last week" in r.citations[0].text
    text = r.text()
    assert text.startswith("Not quite (0 of 1 point)")
    assert "Why: SECRET-EXPLANATION-single" in text
    assert "See ¶1." in text
    assert "<details><summary>¶1</summary>" in r._repr_html_()


def test_partial_credit_in_points(quiz: Quiz) -> None:
    r = quiz.answer("t-multi", ["a", "b"])
    assert (r.status, r.correct, r.points, r.max_points) == ("partial", False, 2.0, 3.0)
    assert r.headline() == "Partly right (2 of 3 points)"


@pytest.mark.parametrize(("qid", "value", "message"), [
    ("t-single", 2, "expected one option id ('a', 'b', 'c') or an option's text; found a whole "
                    "number 2"),
    ("t-multi", "a", "expected a list of option ids, e.g. ['a']; found text 'a'"),
    ("t-num", "five hundred", "expected a number (in MW), e.g. 42 or 3.5; found text "
                              "'five hundred'"),
    ("t-match", ["Lavrov"], "expected a mapping {item: match}"),
    ("t-order", None, "expected a list of the 4 items in order; found nothing (null)"),
    ("t-evidence", {"16": True}, "expected a list of paragraph numbers"),
    ("t-open", "Too short.", "expected at least 5 words; found 2"),
    ("no-such", "a", "this quiz has no question 'no-such'; its questions are t-single, "),
    (7, "a", "this quiz has no question 7 (question ids are text)"),
    (None, "a", "this quiz has no question None"),
])
def test_wrong_types_and_shapes_never_raise(quiz: Quiz, qid, value, message: str) -> None:
    r = quiz.answer(qid, value)
    assert r.status == "invalid"
    assert r.correct is None
    assert r.points == 0
    assert not r.saved
    assert message in r.message
    assert (r.text().startswith("Check the form of your answer: expected")
            or "no question" in r.text())


def test_an_unexpected_error_becomes_a_message(quiz: Quiz, monkeypatch) -> None:
    def broken(*a, **k):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(quiz, "_graded", broken)
    r = quiz.answer("t-single", "a")
    assert r.status == "invalid"
    assert "RuntimeError: disk on fire" in r.message
    assert "tell your instructor" in r.message


def test_score_and_progress(quiz: Quiz) -> None:
    assert str(quiz.score()) == "Score 0 / 15 points · 0 of 9 answered · 0 correct"
    quiz.answer("t-single", "a")
    quiz.answer("t-multi", ["a"])
    quiz.answer("t-open", "It is convincing because paragraph 18 says so.")
    s = quiz.score()
    assert (s.points, s.max_points, s.answered, s.total, s.correct, s.pending) == (
        2.0, 15.0, 3, 9, 1, 1)
    assert str(s).endswith("· 1 open response for the instructor")
    rows = {row.id: row for row in quiz.progress().questions}
    assert rows["t-single"].status == "correct"
    assert rows["t-single"].attempts == 1
    assert rows["t-num"].status == "unanswered"
    assert rows["t-open"].status == "submitted"
    shown = repr(quiz.progress())
    assert "t-multi" in shown
    assert "partial" in shown
    assert "1/3" in shown


def test_open_response_result(quiz: Quiz) -> None:
    r = quiz.answer("t-open", "It is convincing because paragraph 18 says so.")
    assert (r.status, r.correct, r.points, r.max_points) == ("submitted", None, 0.0, 2.0)
    assert r.headline() == "Ready for your instructor to read (2 points)"
    assert "SECRET-MODEL-ANSWER" in r.text()


def test_unknown_bank_and_article(tmp_path: Path) -> None:
    folder = make_article(tmp_path / "a")
    with pytest.raises(LookupError, match=r"quiz-fixture has no question bank 'nope'; its banks "
                                          r"are 'every-type'"):
        geokit.quiz(folder, "nope")
    with pytest.raises(geokit.ArticleNotFoundError, match="unknown article id"):
        geokit.quiz("no-such-article", "actors")


def test_shipped_quiz_opens_by_article_id(tmp_path: Path) -> None:
    """The shipped article is what students open: if it does not load, this fails (with the
    loader's own message), never skips."""
    q = geokit.quiz("pakistan-russia-2012", "actors", store=tmp_path)
    assert q.article is not None
    assert q.article.id == "pakistan-russia-2012"
    assert len(q.questions) >= 8
    first = q.questions[0]
    assert q.answer(first.id, object()).status == "invalid"
    right = q.answer(first.id, question_type(first.type).sample(first))
    assert right.saved
    assert right.citations, "a shipped question cites the paragraphs that answer it"
    assert right.citations[0].text == q.article.paragraph(right.citations[0].n).text


def test_import_geokit_and_answering_do_not_load_widgets_or_matplotlib(tmp_path: Path) -> None:
    folder = make_article(tmp_path / "a")
    code = f"""
import sys, geokit
assert 'ipywidgets' not in sys.modules and 'matplotlib' not in sys.modules
q = geokit.quiz({str(folder)!r}, "every-type", store={str(tmp_path / 's')!r})
q.answer("t-single", "a"); repr(q); q._repr_html_(); q._repr_mimebundle_(); q.score()
bad = [m for m in ('ipywidgets', 'matplotlib', 'IPython') if m in sys.modules]
assert not bad, bad
"""
    subprocess.run([sys.executable, "-c", code], check=True)


def test_student_must_be_a_name_or_number(tmp_path: Path) -> None:
    art = make_article(tmp_path / "articles")
    q = geokit.quiz(art, "every-type", student=42, store=tmp_path)  # type: ignore[arg-type]
    assert q.student == "42"
    assert q.store.path.parent.parent.name == "42"
    with pytest.raises(TypeError, match=r"student= takes the student's name as text.*found "
                                        r"list \['ada'\]"):
        geokit.quiz(art, "every-type", student=["ada"], store=tmp_path)  # type: ignore[arg-type]


def test_results_use_the_shared_feedback_vocabulary(quiz: Quiz) -> None:
    """Quizzes and exercises name, word and colour a status the same way
    (geokit.data.feedback): the headline, the CSS class and the colours of a result."""
    from geokit.data.feedback import GRADED, LOOK, css_class

    for qid, value, status in [
        ("t-single", "a", "correct"), ("t-multi", ["a"], "partial"),
        ("t-single", "b", "incorrect"), ("t-num", "lots", "invalid"),
        ("t-open", "It is convincing because paragraph 18 says so.", "submitted"),
    ]:
        r = quiz.answer(qid, value)
        assert r.status == status
        assert r.headline().startswith(LOOK[status].headline)
        shown = r._repr_html_()
        assert f'class="geokit-result {css_class(status)}"' in shown
        assert LOOK[status].colour in shown
        assert LOOK[status].background in shown
    assert quiz.answer("t-multi", ["a"]).headline() == "Partly right (1 of 3 points)"
    assert {row.status for row in quiz.progress().questions} <= {*GRADED, "unanswered"}
