"""Warnings about patterns in a bank's answer key: the key in one position, the key the longest
option, the key under one option id or the id that sorts first. They are warnings (the data still
loads), with the bank file in each line."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import yaml
from test_quiz_fixtures import make_article

import geokit
from geokit.data import paths as _paths
from geokit.data.banks import article_warnings, bank_warnings
from geokit.data.loader import read_article
from geokit.data.questions import Bank, Option, Question
from geokit.errors import Problem

# one length: no longest option. The ids (the words, numbered by question) sort neither in the
# order of the positions nor with position 1 at either end, so the position checks are tested
# apart from the id checks
WORDS = ("Lahore", "Attock", "Quetta", "Multan")


def _oid(word: str, n: int) -> str:
    return f"{word.lower()}-{n}"


def _question(n: int, key_at: int, key_longest: bool = False) -> Question:
    texts = [f"{w} {n}" for w in WORDS]
    if key_longest:
        texts[key_at] += " and a good deal more besides"
    return Question(id=f"q{n}", type="single_choice", prompt=f"Where {n}?",
                    options=tuple(Option(_oid(w, n), t, correct=i == key_at)
                                  for i, (w, t) in enumerate(zip(WORDS, texts, strict=True))))


def _bank(positions: list[int], longest: int = 0) -> Bank:
    return Bank(id="drill", title="Drill", questions=tuple(
        _question(n, at, key_longest=n < longest) for n, at in enumerate(positions)))


def test_keys_in_one_position_are_a_warning() -> None:
    found = bank_warnings(_bank([0, 0, 0, 1, 2, 3]), "drill.yaml")
    assert [w.message for w in found] == ["the correct options cluster in one position"]
    w = found[0]
    assert w.level == "warning"
    assert (w.file, w.record, w.field) == ("drill.yaml", "bank 'drill'", "questions")
    assert "3 of 6 (50%) at position 1, the first option" in w.found
    assert str(w).startswith("drill.yaml: warning: bank 'drill', field 'questions': ")


def test_keys_spread_over_the_positions_are_fine() -> None:
    assert bank_warnings(_bank([0, 1, 2, 3, 1, 2, 0, 3]), "drill.yaml") == []
    # 2 of 5 is 40%: not more than 40%
    assert bank_warnings(_bank([3, 3, 0, 1, 2]), "drill.yaml") == []


def test_the_longest_option_as_key_is_a_warning() -> None:
    found = bank_warnings(_bank([0, 1, 2, 3, 0, 1], longest=4), "drill.yaml")
    assert [w.message for w in found] == ["the correct option is the longest in most questions"]
    assert found[0].found == "4 of 6: q0, q1, q2, q3"
    assert bank_warnings(_bank([0, 1, 2, 3, 0, 1], longest=3), "drill.yaml") == []  # half


def test_multiple_select_keys_count_by_position() -> None:
    multi = [Question(id=f"m{n}", type="multiple_select", prompt="Which?",
                      options=tuple(Option(_oid(w, n), w, correct=i < 2)
                                    for i, w in enumerate(WORDS))) for n in range(3)]
    found = bank_warnings(Bank(id="m", title="M", questions=tuple(multi)), "m.yaml")
    # six keys, three at each of the first two positions: 50% each
    assert any("3 of 6 (50%) at position 1" in w.found for w in found)


def test_a_small_bank_says_nothing() -> None:
    assert bank_warnings(_bank([0, 0, 0, 0], longest=4), "drill.yaml") == []


def test_warnings_do_not_stop_the_article_loading(tmp_path: Path) -> None:
    questions = []
    for n in range(5):
        q = _question(n, 0)
        questions.append({
            "id": q.id, "type": q.type, "prompt": q.prompt, "paragraphs": [1],
            "objective": "Place the visit.", "level": "remember", "explanation": "Paragraph 1.",
            "options": [{"id": o.id, "text": o.text, "correct": o.correct, "feedback": "Why."}
                        for o in q.options]})
    text = yaml.safe_dump({"id": "drill", "title": "Drill", "questions": questions})
    folder = make_article(tmp_path, text, name="drill")
    article, problems = read_article(folder)
    assert problems == []
    assert article is not None
    found = article_warnings(article)
    assert [w.message for w in found] == ["the correct options cluster in one position"]
    assert found[0].file.endswith("quizzes/drill.yaml")


def _multi(qid: str, flags: list[bool]) -> Question:
    return Question(id=qid, type="multiple_select", prompt="Which?",
                    options=tuple(Option(_oid(WORDS[i % 4], i), f"{WORDS[i % 4]} {i}",
                                         correct=f) for i, f in enumerate(flags)))


def test_multiple_select_keys_first_is_a_warning_naming_the_question() -> None:
    bank = Bank(id="m", title="M", questions=(_multi("first", [True, True, False, False]),
                                              _multi("mixed", [False, True, False, True])))
    found = bank_warnings(bank, "m.yaml")
    assert [(w.record, w.message) for w in found] == [
        ("question 'first'", "the correct options come first")]
    assert found[0].level == "warning"
    assert found[0].found == "options 1-2 correct, the rest wrong"


def _planted(tmp_path: Path) -> Path:
    """An article whose one bank has every key first and a multiple-select with keys first."""
    questions = []
    for n in range(5):
        q = _question(n, 0)
        questions.append({
            "id": q.id, "type": q.type, "prompt": q.prompt, "paragraphs": [1],
            "objective": "Place the visit.", "level": "remember", "explanation": "Paragraph 1.",
            "options": [{"id": o.id, "text": o.text, "correct": o.correct, "feedback": "Why."}
                        for o in q.options]})
    questions[-1]["type"] = "multiple_select"
    questions[-1]["id"] = "tick-all"
    questions[-1]["options"][1]["correct"] = True
    text = yaml.safe_dump({"id": "drill", "title": "Drill", "questions": questions})
    return make_article(tmp_path, text, name="drill")


def _validate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geokit", "validate", *args],
                          capture_output=True, text=True, timeout=120)


def test_validate_prints_the_warnings_and_exits_0(tmp_path: Path) -> None:
    folder = _planted(tmp_path)
    result = _validate(str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    lines = [ln for ln in result.stderr.splitlines() if ": warning: " in ln]
    assert len(lines) == 2, result.stderr
    assert all(ln.startswith(str(folder / "quizzes" / "drill.yaml")) for ln in lines)
    assert any("bank 'drill', field 'questions': the correct options cluster in one position"
               in ln and "at position 1" in ln for ln in lines)
    assert any("question 'tick-all', field 'options': the correct options come first" in ln
               for ln in lines)
    assert "ok: " in result.stderr


def test_validate_strict_fails_on_the_warnings(tmp_path: Path) -> None:
    result = _validate(str(_planted(tmp_path)), "--strict")
    assert result.returncode == 1
    assert "question 'tick-all', field 'options': the correct options come first" in result.stdout
    assert "2 problem(s) found" in result.stderr


def test_a_problem_without_a_level_is_an_error() -> None:
    p = Problem("x.yaml", "bad", "rec", "f", "this", "that", 3)
    assert p.level == "error"
    assert str(p) == "x.yaml:3: rec, field 'f': bad (expected this; found that)"


def test_the_shipped_banks_pass_the_warnings() -> None:
    found = article_warnings(geokit.load_article("pakistan-russia-2012"))
    assert [str(w) for w in found] == []


# -- option ids: students see them beside each option, and type them to answer ------------------


def _lettered(n: int, key_at: int, key_id: str = "a") -> Question:
    """Options in a mixed order, but lettered by correctness: the key is always ``key_id``."""
    rest = iter(x for x in "abcd" if x != key_id)
    return Question(id=f"q{n}", type="single_choice", prompt=f"Where {n}?",
                    options=tuple(Option(key_id if i == key_at else next(rest), f"{w} {n}",
                                         correct=i == key_at) for i, w in enumerate(WORDS)))


def test_keys_under_one_letter_are_a_warning_whatever_the_positions() -> None:
    # positions spread evenly: only the ids give the key away
    bank = Bank(id="drill", title="Drill",
                questions=tuple(_lettered(n, at) for n, at in enumerate([0, 1, 2, 3, 1, 2])))
    found = bank_warnings(bank, "drill.yaml")
    assert [w.message for w in found] == ["one option id holds the keys",
                                          "the correct options' ids sort first in most questions"]
    assert all(w.level == "warning" and w.record == "bank 'drill'" for w in found)
    assert found[0].found == "6 of 6 (100%) under id 'a'"
    assert found[1].found == "6 of 6: q0, q1, q2, q3, q4, q5"


def test_the_key_sorting_last_is_a_warning_too() -> None:
    bank = Bank(id="drill", title="Drill",
                questions=tuple(_lettered(n, n % 4, key_id="d") for n in range(6)))
    found = bank_warnings(bank, "drill.yaml")
    assert [w.message for w in found] == ["one option id holds the keys",
                                          "the correct options' ids sort last in most questions"]


def test_numbered_ids_sort_as_numbers() -> None:
    # o10 is the tenth option, after o9: a key at o1 sorts first, one at o10 last
    def numbered(n: int) -> Question:
        return Question(id=f"q{n}", type="single_choice", prompt="?", options=tuple(
            Option(f"o{i}", f"Place {i}", correct=i == 10) for i in range(1, 11)))
    found = bank_warnings(Bank(id="n", title="N", questions=tuple(
        numbered(n) for n in range(5))), "n.yaml")
    assert "the correct options' ids sort last in most questions" in [w.message for w in found]
    assert "the correct options' ids sort first in most questions" not in [
        w.message for w in found]


def _key_renamed(q: Question, new: str) -> Question:
    return dataclasses.replace(q, options=tuple(
        dataclasses.replace(o, id=new) if o.correct else o for o in q.options))


def test_a_key_id_first_in_half_the_questions_is_fine() -> None:
    # positions spread, ids distinct per question (no one id holds the keys); the key's id
    # first in q1 (attock-1) and wherever it is renamed to sort first
    def bank(first: set[int]) -> Bank:
        qs = [_question(n, at) for n, at in enumerate([0, 1, 2, 3, 0, 2])]
        return Bank(id="drill", title="Drill", questions=tuple(
            _key_renamed(q, f"aardvark-{n}") if n in first else q for n, q in enumerate(qs)))

    assert bank_warnings(bank({0, 3}), "drill.yaml") == []  # 3 of 6: half
    found = bank_warnings(bank({0, 3, 4}), "drill.yaml")
    assert [(w.message, w.found) for w in found] == [
        ("the correct options' ids sort first in most questions", "4 of 6: q0, q1, q3, q4")]


def test_an_id_that_names_correctness_is_a_warning_naming_the_question() -> None:
    q = Question(id="tell", type="single_choice", prompt="?", options=(
        Option("correct-answer", "Lahore", correct=True), Option("moscow", "Moscow"),
        Option("copyright", "Multan")))  # a word inside a word is fine
    found = bank_warnings(Bank(id="t", title="T", questions=(q,)), "t.yaml")
    assert [(w.record, w.message, w.found) for w in found] == [
        ("question 'tell'", "an option id names correctness", "'correct-answer'")]


def test_validate_prints_the_id_warnings(tmp_path: Path) -> None:
    questions = []
    for n, at in enumerate([0, 1, 2, 3, 1]):
        q = _lettered(n, at)
        questions.append({
            "id": q.id, "type": q.type, "prompt": q.prompt, "paragraphs": [1],
            "objective": "Place the visit.", "level": "remember", "explanation": "Paragraph 1.",
            "options": [{"id": o.id, "text": o.text, "correct": o.correct, "feedback": "Why."}
                        for o in q.options]})
    folder = make_article(tmp_path, yaml.safe_dump(
        {"id": "drill", "title": "Drill", "questions": questions}), name="drill")
    result = _validate(str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ": warning: " in ln]
    assert any("one option id holds the keys" in ln and "5 of 5 (100%) under id 'a'" in ln
               for ln in lines), result.stderr
    assert all(ln.startswith(str(folder / "quizzes" / "drill.yaml")) for ln in lines)


def test_the_shipped_option_ids_are_words_not_a_sequence() -> None:
    """Every choice question of every shipped bank: ids made of words, none a lone letter or
    number, none about correctness; and no id check fires for any bank."""
    root = _paths.articles_root()  # the checkout's data, or the installed copy
    for name in ("pakistan-russia-2012", "template-example"):
        article, problems = read_article(root / name)
        assert article is not None, problems
        assert problems == []
        assert [str(w) for w in article_warnings(article)] == []
        for bank in article.quiz_banks:
            for q in bank.questions:
                for o in q.options:
                    assert len(o.id) > 2, (bank.id, q.id, o.id)  # no letter or o1, o2
                    assert not o.id.isdigit(), (bank.id, q.id, o.id)
