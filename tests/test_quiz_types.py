"""The question-type registry: one entry per type, holding everything about it, and the only
place the engines and teaching tools look a type up."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import get_args

import pytest
from test_quiz_fixtures import make_article

import geokit
from geokit.data.questions import SPECS, TYPES, Question, TypeName
from geokit.quizzes import Quiz
from geokit.quizzes.grading import grade
from geokit.quizzes.types import REGISTRY, question_type

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "geokit"


@pytest.fixture
def quiz(tmp_path: Path) -> Quiz:
    return geokit.quiz(make_article(tmp_path / "a"), "every-type", student="kim",
                       store=tmp_path / "store")


def test_every_type_has_one_entry_and_one_spec() -> None:
    assert tuple(REGISTRY) == TYPES == tuple(SPECS) == get_args(TypeName)
    for name, entry in REGISTRY.items():
        assert entry.name == name
        assert entry.spec is SPECS[name]  # the data layer's spec, not a copy
        assert entry.label


def test_unknown_type_names_the_known_ones() -> None:
    with pytest.raises(LookupError, match=r"no question type 'essay'; the types are "
                                          r"single_choice, multiple_select, numeric"):
        question_type("essay")


def test_every_sample_answer_is_valid_and_saved(quiz: Quiz) -> None:
    """What `geokit bench` and the synthetic gradebook answer with: right without a random
    generator, random (and sometimes wrong) with one, but always valid, so always saved."""
    assert {q.type for q in quiz.questions} == set(TYPES)
    rng = random.Random(4)
    for q in quiz.questions:
        entry = question_type(q.type)
        right = quiz.answer(q.id, entry.sample(q))
        assert right.saved, (q.id, right.message)
        assert right.status == ("submitted" if entry.scored_by_instructor else "correct"), q.id
        for _ in range(20):
            value = entry.sample(q, rng)
            result = quiz.answer(q.id, value)
            assert result.status != "invalid", (q.id, value, result.message)
            assert result.saved, q.id


def test_every_shipped_question_has_a_valid_sample() -> None:
    article = geokit.load_article("pakistan-russia-2012")
    n = len(article.paragraphs)
    for bank in article.quiz_banks:
        for q in bank.questions:
            g = grade(q, question_type(q.type).sample(q), n_paragraphs=n)
            assert g.valid, (bank.id, q.id, g.message)


@pytest.mark.parametrize(("question", "message"), [
    (Question(id="o", type="ordering", prompt="Order them."), "it has no items to put in order"),
    (Question(id="m", type="matching", prompt="Match them."), "it has no items to match"),
])
def test_a_question_built_without_items_is_an_invalid_answer(question: Question,
                                                              message: str) -> None:
    """Built directly (a bank read from YAML needs two items), such a question used to raise
    ZeroDivisionError (ordering) or IndexError (matching)."""
    for value in ([], {}, ["x"], None):
        g = grade(question, value)
        assert g.status == "invalid"
        assert message in g.message
        assert "tell your instructor" in g.message


def test_ordering_one_item_is_right_in_the_only_order() -> None:
    q = Question(id="o", type="ordering", prompt="Order it.", items=("only",))
    assert grade(q, ["only"]).status == "correct"


#: where type names belong: the registry, and jupyterquiz's mapping of its own kinds to ours
TYPE_NAMES_BELONG = {"types.py", "jupyterquiz.py"}
#: modules that used to switch on type names; the registry answers for them now
NO_SWITCHES = [*(p for p in sorted((SRC / "quizzes").glob("*.py"))
                 if p.name not in TYPE_NAMES_BELONG),
               SRC / "data" / "banks.py", SRC / "bench.py", SRC / "teach" / "gradebook.py"]


@pytest.mark.parametrize("path", NO_SWITCHES, ids=lambda p: p.name)
def test_no_module_switches_on_a_type_name(path: Path) -> None:
    # doctest examples may build a question of a type; code may not compare types or key on them
    code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith((">>>", "...")))
    names = "|".join(TYPES)
    found = re.findall(rf"""\.type\s*[!=]=\s*\S+|\.type\s+in\b|["'](?:{names})["']""", code)
    assert not found, f"{path.name} switches on question types: {found}"


def test_the_switch_check_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('if q.type == "numeric":\n    pass\nLABELS = {"ordering": "x"}\n')
    with pytest.raises(AssertionError, match="switches on question types"):
        test_no_module_switches_on_a_type_name(bad)
