"""The order a student sees: options, items to order and matching choices are shown in a
per-student order, fixed across restarts and machines, and answers still grade by id."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from geokit.data.questions import Option, Pair, Question
from geokit.quizzes import Bank, Quiz, question_type
from geokit.quizzes.types import seeded_order

w = pytest.importorskip("ipywidgets")
from geokit.quizzes.widgets import QuizView  # noqa: E402 - after the importorskip

NAMES = ("Lavrov", "Putin", "Kayani", "Zardari", "Khar", "Karzai")


def _single(n: int) -> Question:
    return Question(id=f"single-{n}", type="single_choice", prompt=f"Question {n}?",
                    options=tuple(Option(chr(97 + i), f"{name} {n}", correct=i == 0)
                                  for i, name in enumerate(NAMES[:5])))


def _bank(options_reversed: bool = False) -> Bank:
    singles = [_single(n) for n in range(6)]
    if options_reversed:
        singles = [Question(id=q.id, type=q.type, prompt=q.prompt,
                            options=tuple(reversed(q.options))) for q in singles]
    multi = Question(id="multi", type="multiple_select", prompt="Which?",
                     options=tuple(Option(chr(97 + i), name, correct=i < 2)
                                   for i, name in enumerate(NAMES)))
    order = Question(id="order", type="ordering", prompt="Earliest first.",
                     items=("one", "two", "three", "four", "five"))
    match = Question(id="match", type="matching", prompt="Match.",
                     pairs=tuple(Pair(n, f"role of {n}") for n in NAMES[:4]),
                     distractors=("nobody",))
    return Bank(id="drill", title="Drill", questions=(*singles, multi, order, match),
                article="art-2012")


def _orders(quiz: Quiz) -> dict[str, list[str]]:
    return {q.id: quiz.display_order(q) for q in quiz.questions}


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _shown(view: QuizView, qid: str) -> list[str]:
    """What the widget of question ``qid`` offers, top to bottom, as stored keys."""
    qv = next(v for v in view.questions if v.q.id == qid)
    radios = [x for x in _walk(qv.control) if isinstance(x, w.RadioButtons)]
    if radios:
        return [value for _label, value in radios[0].options]
    boxes = [x for x in _walk(qv.control) if isinstance(x, w.Checkbox)]
    if boxes:
        texts = {o.text: o.id for o in qv.q.options}
        return [texts[b.description] for b in boxes]
    menus = [x for x in _walk(qv.control) if isinstance(x, w.Dropdown)]
    return [value for _label, value in menus[0].options if value is not None]


def test_two_students_see_different_orders(tmp_path: Path) -> None:
    bank = _bank()
    ada = _orders(Quiz(bank, student="ada", store=tmp_path))
    ben = _orders(Quiz(bank, student="ben", store=tmp_path))
    for qid in ada:  # the same keys, each once
        assert sorted(ada[qid]) == sorted(ben[qid]), qid
    # a fixed order would make every question alike; per student, most of them differ
    differ = [qid for qid in ada if ada[qid] != ben[qid]]
    assert len(differ) >= len(ada) // 2, (ada, ben)
    assert any(qid.startswith("single") for qid in differ)
    assert {"multi", "order", "match"} & set(differ)


def test_the_widget_and_the_text_view_show_the_students_order(tmp_path: Path) -> None:
    quiz = Quiz(_bank(), student="ada", store=tmp_path)
    view = QuizView(quiz)
    text = repr(quiz)
    for q in quiz.questions:
        order = quiz.display_order(q)
        assert _shown(view, q.id) == order, q.id
        if q.options:  # the text view lists "id) text" in the same order
            texts = {o.id: o.text for o in q.options}
            where = [text.index(f"     {k}) {texts[k]}\n") for k in order]
            assert where == sorted(where), q.id
    # widget labels carry no id: "a)" would say where the author put the option
    labels = [label for x in _walk(view.box) if isinstance(x, w.RadioButtons)
              for label, _value in x.options]
    assert labels
    assert not any(label[:2] in ("a)", "b)") for label in labels)


def test_one_student_sees_the_same_order_after_a_restart(tmp_path: Path) -> None:
    bank = _bank()
    first = Quiz(bank, student="ada", store=tmp_path)
    before = _orders(first)
    shown_before = {q.id: _shown(QuizView(first), q.id) for q in bank.questions}
    first.answer("single-0", "a")
    again = Quiz(bank, student="ada", store=tmp_path)  # a new kernel: a new Quiz, the same store
    assert again.saved("single-0") is not None
    assert _orders(again) == before
    assert {q.id: _shown(QuizView(again), q.id) for q in bank.questions} == shown_before


def test_the_order_ignores_the_authored_order(tmp_path: Path) -> None:
    """An author who always writes the key first leaves no trace in what students see."""
    a = _orders(Quiz(_bank(), student="ada", store=tmp_path))
    b = _orders(Quiz(_bank(options_reversed=True), student="ada", store=tmp_path))
    assert a == b
    # and the key, authored first every time, lands in several places across students
    spots = {Quiz(_bank(), student=f"s{i}", store=tmp_path).display_order(
        _single(0)).index("a") for i in range(30)}
    assert len(spots) >= 3, spots


def test_the_seed_is_student_article_bank_question(tmp_path: Path) -> None:
    """The agreed recipe, so that another tool can rebuild a student's order."""
    quiz = Quiz(_bank(), student="ada", store=tmp_path)
    q = quiz.question("order")
    keys = sorted(q.items)
    random.Random(hashlib.sha256(b"ada\0art-2012\0drill\0order").digest()).shuffle(keys)
    assert quiz.display_order(q) == keys
    assert seeded_order(q.items, "ada", "art-2012", "drill", "order") == keys


def test_answers_grade_by_id_whatever_the_position(tmp_path: Path) -> None:
    quiz = Quiz(_bank(), student="ada", store=tmp_path)
    view = QuizView(quiz)
    for qv in view.questions[:6]:  # the single-choice questions: click the key's text
        radio = next(x for x in _walk(qv.control) if isinstance(x, w.RadioButtons))
        key = next(o for o in qv.q.options if o.correct)
        radio.index = [label for label, _ in radio.options].index(key.text)
        qv.button.click()
        saved = quiz.saved(qv.q.id)
        assert saved is not None
        assert (saved["value"], saved["status"]) == (key.id, "correct"), qv.q.id
    assert quiz.answer("multi", ["b", "a"]).status == "correct"
    assert quiz.answer("order", ["one", "two", "three", "four", "five"]).status == "correct"


def test_without_a_student_the_order_is_by_text() -> None:
    q = _single(1)
    order = question_type(q.type).arrange(q)
    texts = [next(o.text for o in q.options if o.id == k) for k in order]
    assert texts == sorted(texts, key=str.casefold)
    assert question_type("numeric").arrange(Question(id="n", type="numeric", prompt="?")) == []
