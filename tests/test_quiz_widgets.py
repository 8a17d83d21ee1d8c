"""What a student sees: the widgets (labelled, restored, escaped, with stable CSS classes) and the
readable fallback that never gives an answer away."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from test_quiz_fixtures import EVERY_TYPE, make_article, shipped_banks_copy

import geokit
from geokit.data.loader import read_article
from geokit.data.questions import NumericAnswer, Option, Pair, Question, TextAnswer
from geokit.quizzes import Bank, Quiz
from geokit.quizzes import core as core_mod

w = pytest.importorskip("ipywidgets")
from geokit.quizzes.widgets import QuizView  # noqa: E402 - after the importorskip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_article(tmp_path / "a")


def open_quiz(folder: Path, store: Path) -> Quiz:
    return geokit.quiz(folder, "every-type", student="kim", store=store)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def by_class(root, cls: str) -> list:
    return [x for x in walk(root) if cls in x._dom_classes]


# -- the widgets ------------------------------------------------------------------------------


def test_css_classes_and_labels(folder: Path, tmp_path: Path) -> None:
    view = QuizView(open_quiz(folder, tmp_path / "s"))
    root = view.box
    assert "geokit-quiz" in root._dom_classes
    assert len(by_class(root, "geokit-question")) == 9
    for cls in ("geokit-title", "geokit-score", "geokit-progress", "geokit-prompt",
                "geokit-answer", "geokit-check", "geokit-feedback", "geokit-q-numeric",
                "geokit-q-open_response"):
        assert by_class(root, cls), cls
    assert by_class(root, "geokit-score")[0].value == (
        "<b>Score 0 / 15 points · 0 of 9 answered · 0 correct</b>")
    # every input has a visible label (its description) or sits under a Label
    for x in walk(root):
        if isinstance(x, (w.Text, w.Textarea, w.RadioButtons, w.Dropdown, w.Checkbox)):
            assert x.description, x
            assert x.description_allow_html is False
    checks = by_class(root, "geokit-check")
    assert [b.description for b in checks].count("Check") == 8
    assert [b.description for b in checks].count("Submit") == 1
    # feedback is coloured by its status, as geokit.data.feedback says (as exercises are)
    from geokit.data.feedback import LOOK, css_class

    style = by_class(root, "geokit-style")[0].value
    for status, look in LOOK.items():
        assert f".geokit-quiz .{css_class(status)} {{ color: {look.colour}; " in style


def test_widgets_share_layout_and_style_models(folder: Path, tmp_path: Path) -> None:
    """A quiz makes one layout and one style model per kind, not one per widget."""
    root = QuizView(open_quiz(folder, tmp_path / "s")).box
    widgets = list(walk(root))
    layouts = {id(x.layout) for x in widgets}
    styles = {id(x.style) for x in widgets if hasattr(x, "style")}
    assert len(widgets) > 60
    assert len(layouts) <= 5, len(layouts)
    assert len(styles) <= 12, len(styles)
    # each description keeps its own width setting: shared, not flattened into one style
    labelled = [x for x in widgets if isinstance(x, (w.Text, w.RadioButtons, w.Textarea))]
    assert labelled
    assert all(x.style.description_width == "initial" for x in labelled)


def test_shared_models_are_made_again_after_close_all(folder: Path, tmp_path: Path) -> None:
    first = QuizView(open_quiz(folder, tmp_path / "s")).box
    w.Widget.close_all()
    second = QuizView(open_quiz(folder, tmp_path / "s")).box
    assert second.layout.comm is not None
    assert second.layout is not first.layout


def test_clicking_check_grades_saves_and_cites(folder: Path, tmp_path: Path) -> None:
    quiz = open_quiz(folder, tmp_path / "s")
    view = QuizView(quiz)
    single = view.questions[0]
    single.control.value = "a"
    single.button.click()
    assert quiz.saved("t-single")["value"] == "a"
    assert "geokit-correct" in single.feedback._dom_classes
    status = '<div role="status" aria-live="polite">'  # announced by screen readers
    assert single.feedback.value.startswith(status + "<b>Correct (1 of 1 point)</b>")
    assert "SECRET-FEEDBACK-a" in single.feedback.value
    assert "See ¶1." in single.feedback.value
    toggle, para = single.cites.children
    assert "geokit-cite-toggle" in toggle._dom_classes
    assert toggle.description == "Read ¶1"
    assert para.layout.display == "none"
    toggle.value = True
    assert para.layout.display == "block"
    assert single.box.layout.display is None  # the paragraph's layout is its own
    assert "Lavrov visited Islamabad last week" in para.value
    assert view.score.value == "<b>Score 1 / 15 points · 1 of 9 answered · 1 correct</b>"
    assert view.bar.value == 1
    # a malformed answer (nothing chosen) is explained, not saved
    numeric = view.questions[2]
    numeric.button.click()
    assert "geokit-invalid" in numeric.feedback._dom_classes
    assert "Check the form of your answer: expected a number (in MW)" in numeric.feedback.value
    assert quiz.saved("t-num") is None
    numeric.control.value = "505"
    numeric.button.click()
    assert "geokit-invalid" not in numeric.feedback._dom_classes
    assert "geokit-correct" in numeric.feedback._dom_classes


ANSWERS = {
    "t-single": "b",
    "t-multi": ["a", "c"],
    "t-num": 1000.0,
    "t-range": 350.0,
    "t-text": "kayanni",
    "t-match": {"Lavrov": "Foreign Minister", "Makarov": "Ambassador",
                "Kabulov": "Special Envoy for Afghanistan"},
    "t-order": ["Butt visits Moscow", "Postnikov visits Pakistan", "Kayani lays a wreath",
                "Kayani meets Makarov"],
    "t-evidence": [16, 21],
    "t-open": "Convincing, mostly, because paragraph 18 shows limits.",
}


def test_redisplay_restores_every_answer_and_its_feedback(folder: Path, tmp_path: Path) -> None:
    first = open_quiz(folder, tmp_path / "s")
    for qid, value in ANSWERS.items():
        assert first.answer(qid, value).saved, qid
    first.answer("t-num", 1000)  # a second attempt
    # a new kernel, a new display: the widgets come back filled in
    view = QuizView(open_quiz(folder, tmp_path / "s"))
    for qv in view.questions:
        got = qv.get_value()
        if qv.q.type == "numeric":  # a text box: the number comes back as the student's text
            got = float(got)
        assert got == ANSWERS[qv.q.id], qv.q.id
        assert "Your saved answer" in qv.feedback.value
    num = next(v for v in view.questions if v.q.id == "t-num")
    assert "Your saved answer (2 attempts)." in num.feedback.value
    assert "SECRET-FEEDBACK-1000" in num.feedback.value
    assert view.score.value.startswith("<b>Score ")
    assert "9 of 9 answered" in view.score.value
    assert view.bar.value == 9


def test_redisplay_in_the_same_kernel_sees_another_notebooks_answers(folder: Path,
                                                                     tmp_path: Path) -> None:
    mine, other = open_quiz(folder, tmp_path / "s"), open_quiz(folder, tmp_path / "s")
    mine.widget()
    other.answer("t-text", "Kiani")
    view = QuizView(mine)
    text = next(v for v in view.questions if v.q.id == "t-text")
    assert text.get_value() == "Kiani"
    assert "1 of 9 answered" in view.score.value


def test_mimebundle_has_the_widget_view_beside_readable_text(folder: Path, tmp_path: Path,
                                                             monkeypatch) -> None:
    quiz = open_quiz(folder, tmp_path / "s")
    plain = quiz._repr_mimebundle_()
    assert set(plain) == {"text/plain", "text/html"}
    monkeypatch.setattr(core_mod, "_in_kernel", lambda: True)
    live = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in live
    assert live["text/plain"] == repr(quiz)
    assert live["text/plain"].startswith("Quiz: Every type")


# -- injection --------------------------------------------------------------------------------

EVIL = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_markup_in_data_shows_as_text(tmp_path: Path) -> None:
    base = make_article(tmp_path / "a", None)
    # a paragraph carrying markup, in the captured page in its place, as the check requires
    paras = yaml.safe_load((base / "paragraphs.yaml").read_text(encoding="utf-8"))
    first = paras["paragraphs"][0]["text"]
    paras["paragraphs"][0]["text"] += " " + EVIL
    (base / "paragraphs.yaml").write_text(yaml.safe_dump(paras, allow_unicode=True),
                                          encoding="utf-8")
    page = (base / "source.txt").read_text(encoding="utf-8")
    assert page.count(first + "\n") == 1
    (base / "source.txt").write_text(page.replace(first + "\n", first + " " + EVIL + "\n"),
                                     encoding="utf-8")
    bank = yaml.safe_load(EVERY_TYPE)
    bank["title"] += EVIL
    bank["description"] += EVIL
    for q in bank["questions"]:
        q["prompt"] += " " + EVIL
        q["explanation"] += EVIL
        for o in q.get("options", []):
            o["text"] += EVIL
            o["feedback"] += EVIL
        for p in q.get("pairs", []):
            p["left"] += EVIL
            p["right"] += EVIL
        if "items" in q:
            q["items"] = [i + EVIL for i in q["items"]]
    (base / "quizzes" / "every-type.yaml").write_text(
        yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    quiz = open_quiz(base, tmp_path / "s")
    results = [quiz.answer("t-single", "b"), quiz.answer("t-multi", ["a", "d"])]
    view = QuizView(quiz)
    for qv in view.questions[:2]:
        for toggle in qv.cites.children[::2]:
            toggle.value = True
    html_values = [x.value for x in walk(view.box) if isinstance(x, w.HTML)]
    assert any("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in v for v in html_values)
    shown = [*html_values, quiz._repr_html_(), *(r._repr_html_() for r in results)]
    for html in shown:
        assert not re.search(r"<\s*(script|img)", html, re.I), html
        assert "onerror=alert" not in html or "&lt;img" in html
    # text labels (radio options, check boxes, menus) are plain text in ipywidgets
    for x in walk(view.box):
        if hasattr(x, "description_allow_html"):
            assert x.description_allow_html is False


# -- the fallback gives nothing away -----------------------------------------------------------


def test_fallback_repr_contains_no_answer_text(folder: Path, tmp_path: Path) -> None:
    quiz = open_quiz(folder, tmp_path / "s")
    text, html = repr(quiz), quiz._repr_html_()
    for shown in (text, html):
        assert "SECRET" not in shown  # explanations, feedback, model answer
        assert "Lavrov visited Islamabad" not in shown  # no cited paragraph text
        assert "500" not in shown  # expected numbers
        assert "300" not in shown
        assert "Kiani" not in shown  # an accepted answer
        assert "[16, 18, 20]" not in shown  # the evidence (the offered ¶s are listed)
    assert "t-single" in text  # but the questions and their choices are all there
    assert "a) Lavrov" in text
    assert "Special Envoy for Afghanistan" in text
    assert "items: " in text


def _scramble(q: Question) -> Question:
    """The same question as a student sees it, with a different answer key."""
    changes: dict = {"explanation": "other", "model_answer": "other" if q.model_answer else ""}
    if q.options:
        flags = [o.correct for o in q.options]
        flags = flags[1:] + flags[:1]
        changes["options"] = tuple(Option(o.id, o.text, f, "other") for o, f in
                                   zip(q.options, flags, strict=True))
    if q.answers:
        changes["answers"] = (NumericAnswer(value=-123.0),)
    if q.accepted:
        changes["accepted"] = (TextAnswer("something else"),)
    if q.pairs:
        rights = [p.right for p in q.pairs]
        rights = rights[1:] + rights[:1]
        changes["pairs"] = tuple(Pair(p.left, r) for p, r in zip(q.pairs, rights, strict=True))
    if q.items:
        changes["items"] = tuple(reversed(q.items))
    if q.evidence:
        changes["evidence"] = (q.candidates or (1,))[:1]
    return dataclasses.replace(q, **changes)


def _banks(tmp_path: Path) -> list[tuple[Bank, object]]:
    out = []
    for folder in (make_article(tmp_path / "fixture"), shipped_banks_copy(tmp_path / "shipped")):
        article, problems = read_article(folder)
        assert not problems, problems
        out += [(b, article) for b in article.quiz_banks]
    return out


def test_fallback_repr_does_not_depend_on_the_answer_key(tmp_path: Path) -> None:
    """Swap which options are correct, reverse the order, re-pair the matches, change every
    explanation: the text and HTML reprs must not change, so they cannot reveal the key."""
    for bank, article in _banks(tmp_path):
        scrambled = dataclasses.replace(bank, questions=tuple(_scramble(q)
                                                              for q in bank.questions))
        a = Quiz(bank, article, student="kim", store=tmp_path / "s1")
        b = Quiz(scrambled, article, student="kim", store=tmp_path / "s2")
        assert repr(a) == repr(b), bank.id
        assert a._repr_html_() == b._repr_html_(), bank.id
        for q in bank.questions:
            for secret in (q.explanation, q.model_answer, *(o.feedback for o in q.options)):
                if secret:
                    assert secret not in repr(a), (bank.id, q.id)


def test_fallback_is_readable(folder: Path, tmp_path: Path) -> None:
    quiz = open_quiz(folder, tmp_path / "s")
    text = repr(quiz)
    assert text.splitlines()[0] == (
        "Quiz: Every type (quiz-fixture / every-type) - 9 questions, 15 points")
    # the options in this student's order, each with the id quiz.answer() takes
    names = {"a": "Lavrov", "b": "Putin", "c": "Kayani"}
    order = quiz.display_order(quiz.question("t-single"))
    assert sorted(order) == ["a", "b", "c"]
    assert "\n".join([
        ' 1. Who visited Islamabad "last week"?',
        "     id 't-single' [choose one · 1 pt · remember]",
        *(f"     {k}) {names[k]}" for k in order)]) in text
    assert 'quiz.answer("<id>", value)' in text


STALE = {  # values of the wrong shape for each question, as after an edit of the bank
    "t-single": ["a", "b"], "t-multi": "a", "t-num": {"x": 1}, "t-range": [1, 2],
    "t-text": ["Lavrov"], "t-match": [["a", "b"]], "t-order": {"a": 1},
    "t-evidence": [[1], {"2": 3}], "t-open": 42}


def test_saved_values_that_no_longer_fit_are_skipped_with_a_note(folder: Path,
                                                                tmp_path: Path) -> None:
    quiz = open_quiz(folder, tmp_path / "s")
    for qid, value in STALE.items():
        quiz._saved[qid] = {"value": value, "status": "correct", "points": 1.0,
                            "timestamp": "2024-01-01T00:00:00.000Z", "attempts": 1}
    view = QuizView(quiz)  # no TypeError
    for qv in view.questions:
        assert "no longer fits this question" in qv.feedback.value, qv.q.id
        assert qv.get_value() in (None, "", [], {}), qv.q.id


def test_an_error_while_restoring_is_not_a_traceback(folder: Path, tmp_path: Path,
                                                     monkeypatch) -> None:
    quiz = open_quiz(folder, tmp_path / "s")
    assert quiz.answer("t-single", "a").saved

    def boom(*args, **kwargs):
        raise TypeError("unhashable type: 'list'")
    monkeypatch.setattr(quiz, "evaluate", boom)
    view = QuizView(quiz)
    single = next(v for v in view.questions if v.q.id == "t-single")
    assert "no longer fits this question" in single.feedback.value
    assert single.get_value() is None
