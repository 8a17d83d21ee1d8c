"""Each grader, on right, partly right, wrong and malformed answers. Graders are pure functions:
the same question and value always give the same grade, and a malformed value gives an
'invalid' grade with a message, never an exception."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geokit.data.questions import (
    NumericAnswer,
    Option,
    Pair,
    Question,
    RubricItem,
    TextAnswer,
)
from geokit.quizzes.grading import edit_distance, grade, parse_number


def Q(type_: str, **kw) -> Question:
    return Question(id="q", type=type_, prompt="?", **kw)


SINGLE = Q("single_choice", options=(Option("a", "Lavrov", True, "yes"),
                                     Option("b", "Putin", False, "no, cancelled")))
MULTI = Q("multiple_select", options=(
    Option("a", "Pakistan", True), Option("b", "Russia", True), Option("c", "Tajikistan", True),
    Option("d", "India", False, "India is not a member"), Option("e", "Iran", False)))
NUM = Q("numeric", answers=(NumericAnswer(value=500, tolerance=10, feedback="right"),
                            NumericAnswer(value=1000, correct=False, feedback="that is CASA")))
RANGE = Q("numeric", answers=(NumericAnswer(low=300, high=500),))
HALF_OPEN = Q("numeric", answers=(NumericAnswer(low=0, high=1, include_high=False),))
TEXT = Q("short_text", accepted=(TextAnswer("Kayani"), TextAnswer("Kiani"),
                                 TextAnswer("Makarov", correct=False, feedback="Russian")))
MATCH = Q("matching", pairs=(Pair("Lavrov", "Foreign Minister"),
                             Pair("Makarov", "Chief of General Staff", "Makarov is a soldier"),
                             Pair("Kabulov", "Envoy")), distractors=("Ambassador",))
ORDER = Q("ordering", items=("A", "B", "C", "D"))
EVIDENCE = Q("evidence", evidence=(16, 18, 20), candidates=(12, 15, 16, 18, 20, 21))
OPEN = Q("open_response", points=2, min_words=5, model_answer="model",
         rubric=(RubricItem("cites", 1), RubricItem("judges", 1)))
ALL = [SINGLE, MULTI, NUM, RANGE, TEXT, MATCH, ORDER, EVIDENCE, OPEN]


# -- single choice --------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "status"), [("a", "correct"), ("b", "incorrect"),
                                               ("Lavrov", "correct"), (" lavrov ", "correct")])
def test_single_choice_by_id_or_text(value, status) -> None:
    assert grade(SINGLE, value).status == status


def test_single_choice_gives_the_chosen_options_feedback() -> None:
    g = grade(SINGLE, "b")
    assert (g.credit, g.feedback, g.value) == (0.0, "no, cancelled", "b")


@pytest.mark.parametrize(("value", "match"), [
    (1, r"expected one option id \('a', 'b'\).*found a whole number 1"),
    (["a"], r"found a list"),
    ("z", r"found text 'z', which is neither"),
    (None, r"found nothing"),
])
def test_single_choice_wrong_shapes(value, match) -> None:
    g = grade(SINGLE, value)
    assert g.status == "invalid"
    assert g.credit == 0
    assert re.search(match, g.message), g.message


# -- multiple select ------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "credit"), [
    (["a", "b", "c"], 1.0),
    (["a", "b"], 2 / 3),
    (["a"], 1 / 3),
    (["a", "b", "c", "d"], 2 / 3),      # one wrong pick cancels one right pick
    (["a", "d"], 0.0),
    (["d", "e"], 0.0),                  # never below zero
    (["a", "b", "c", "d", "e"], 1 / 3),  # ticking everything does not pay
    (("c", "b", "a", "a"), 1.0),        # order and repeats do not matter
    ({"a", "b", "c"}, 1.0),
])
def test_multiple_select_partial_credit(value, credit) -> None:
    g = grade(MULTI, value)
    assert math.isclose(g.credit, credit)
    assert g.status == ("correct" if credit == 1 else "partial" if credit else "incorrect")


def test_multiple_select_feedback_counts_and_explains() -> None:
    g = grade(MULTI, ["a", "d"])
    assert "You chose 1 of the 3 right options and 1 wrong one." in g.feedback
    assert "d) India is not a member" in g.feedback
    assert g.value == ["a", "d"]


@pytest.mark.parametrize(("value", "match"), [
    ("a", r"expected a list of option ids"),
    ([], r"at least one option"),
    (["a", "zz"], r"found text 'zz' in the list"),
    (5, r"found a whole number 5"),
])
def test_multiple_select_wrong_shapes(value, match) -> None:
    g = grade(MULTI, value)
    assert g.status == "invalid"
    assert re.search(match, g.message), g.message


# -- numeric --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "status"), [
    (500, "correct"), (490, "correct"), (510, "correct"),   # tolerance edges are inside
    (510.0001, "incorrect"), (489.999, "incorrect"),
    ("505", "correct"), (" 5.1e2 ", "correct"), ("1,000", "incorrect"), ("1000/2", "correct"),
])
def test_numeric_value_with_tolerance(value, status) -> None:
    assert grade(NUM, value).status == status


def test_numeric_known_mistake_and_direction_hint() -> None:
    assert grade(NUM, 1000).feedback == "that is CASA"
    assert "too high" in grade(NUM, 700).feedback
    assert "too low" in grade(NUM, 5).feedback


@pytest.mark.parametrize(("value", "status"), [(300, "correct"), (500, "correct"),
                                               (400.5, "correct"), (299.99, "incorrect"),
                                               (500.01, "incorrect")])
def test_numeric_range_is_inclusive(value, status) -> None:
    assert grade(RANGE, value).status == status


def test_numeric_half_open_range_excludes_high() -> None:
    assert grade(HALF_OPEN, 0).status == "correct"
    assert grade(HALF_OPEN, 0.999).status == "correct"
    assert grade(HALF_OPEN, 1).status == "incorrect"


def test_numeric_precision_rounds_to_significant_digits() -> None:
    q = Q("numeric", precision=3, answers=(NumericAnswer(value=3.14159),))
    assert grade(q, 3.14).status == "correct"
    assert grade(q, 3.144).status == "correct"
    assert grade(q, 3.15).status == "incorrect"


@pytest.mark.parametrize("value", ["five hundred", "", True, None, [500], float("nan"),
                                   float("inf"), "1/0", {"v": 1}])
def test_numeric_wrong_shapes(value) -> None:
    g = grade(NUM, value)
    assert g.status == "invalid"
    assert g.message.startswith("expected a number")


def test_parse_number() -> None:
    assert parse_number("3/4") == 0.75
    assert parse_number("-2.5") == -2.5
    assert parse_number("1_000") == 1000
    assert parse_number("1e400") is None  # overflows to infinity: not a number a student means
    assert parse_number("1e300/1e-300") is None


# -- short text -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "status"), [
    ("Kayani", "correct"), ("kayani", "correct"), ("  KAYANI. ", "correct"),
    ("Kayanni", "correct"),     # one typo in a 6-letter word
    ("Kiani", "correct"),
    ("Kyn", "incorrect"),       # too many edits
    ("Makarov", "incorrect"),   # a known wrong answer
    ("Makarof", "incorrect"),   # close to the wrong answer, far from the right ones
    ("Lavrov", "incorrect"),
])
def test_short_text_case_and_typos(value, status) -> None:
    assert grade(TEXT, value).status == status


def test_short_text_typo_feedback_names_the_spelling() -> None:
    g = grade(TEXT, "Kayanni")
    assert "the usual form is 'Kayani'" in g.feedback
    assert grade(TEXT, "Makarov").feedback == "Russian"


def test_short_text_exact_wrong_answer_beats_fuzzy_right_one() -> None:
    q = Q("short_text", accepted=(TextAnswer("Kabul"), TextAnswer("Kabil", correct=False,
                                                                  feedback="no")))
    assert grade(q, "kabil").status == "incorrect"


def test_short_text_short_words_allow_no_typo_and_match_case() -> None:
    q = Q("short_text", accepted=(TextAnswer("aid"),))
    assert grade(q, "AID").status == "correct"
    assert grade(q, "aids").status == "incorrect"
    cased = Q("short_text", accepted=(TextAnswer("NATO", match_case=True, max_typos=0),))
    assert grade(cased, "NATO").status == "correct"
    assert grade(cased, "nato").status == "incorrect"


def test_short_text_fuzzy_threshold() -> None:
    q = Q("short_text", accepted=(TextAnswer("Islamabad", fuzzy_threshold=0.8),))
    assert grade(q, "Islamabd").status == "correct"   # 1 - 1/9 = 0.89
    assert grade(q, "Islmbd").status == "incorrect"   # 1 - 3/9 = 0.67


@pytest.mark.parametrize("value", [42, None, ["Kayani"], "   "])
def test_short_text_wrong_shapes(value) -> None:
    assert grade(TEXT, value).status == "invalid"


def test_edit_distance() -> None:
    assert edit_distance("", "abc") == 3
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("kitten", "sitting", limit=1) == 2  # stops early, reports over limit


# -- matching -------------------------------------------------------------------------------------

def test_matching_full_partial_and_feedback() -> None:
    right = {"Lavrov": "Foreign Minister", "Makarov": "Chief of General Staff",
             "Kabulov": "Envoy"}
    assert grade(MATCH, right).status == "correct"
    g = grade(MATCH, {**right, "Makarov": "Ambassador"})
    assert g.status == "partial"
    assert math.isclose(g.credit, 2 / 3)
    assert "2 of 3 matched correctly." in g.feedback
    assert "Makarov is a soldier" in g.feedback
    pairs = [["lavrov", "foreign minister"], ["Makarov", "Envoy"], ["Kabulov", "Ambassador"]]
    assert math.isclose(grade(MATCH, pairs).credit, 1 / 3)  # list of pairs, any case


@pytest.mark.parametrize(("value", "match"), [
    ({"Lavrov": "Foreign Minister"}, "none for 'Makarov', 'Kabulov'"),
    ({"Putin": "Foreign Minister"}, "found text 'Putin'"),
    ({"Lavrov": "King"}, "a match for 'Lavrov'"),
    ("Lavrov", "expected a mapping"),
    ([1, 2, 3], "expected a mapping"),
    ([[[], None]], "expected items from"),  # found by hypothesis: an unhashable item
    ([], "expected a mapping"),
])
def test_matching_wrong_shapes(value, match) -> None:
    g = grade(MATCH, value)
    assert g.status == "invalid"
    assert match in g.message


# -- ordering -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "credit"), [
    (["A", "B", "C", "D"], 1.0),
    (["B", "A", "C", "D"], 5 / 6),   # one swapped pair out of six
    (["D", "A", "B", "C"], 3 / 6),
    (["D", "C", "B", "A"], 0.0),
])
def test_ordering_pairwise_credit(value, credit) -> None:
    g = grade(ORDER, value)
    assert math.isclose(g.credit, credit)
    assert (g.status == "correct") == (credit == 1.0)


@pytest.mark.parametrize(("value", "match"), [
    (["A", "B", "C"], "expected all 4 items; found 3 (missing 'D')"),
    (["A", "A", "B", "C"], "found 'A' twice"),
    (["A", "B", "C", "E"], "found text 'E'"),
    ("ABCD", "expected a list of the 4 items"),
    ({"A", "B", "C", "D"}, "expected a list"),
])
def test_ordering_wrong_shapes(value, match) -> None:
    g = grade(ORDER, value)
    assert g.status == "invalid"
    assert match in g.message


# -- evidence -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "credit"), [
    ([16, 18, 20], 1.0), ([20, 16, 18, 18], 1.0), (["¶16", "18", "p20"], 1.0),
    ([16], 1 / 3), ([16, 21], 0.0), ([16, 18, 21], 1 / 3), (16, 1 / 3),
])
def test_evidence_credit(value, credit) -> None:
    assert math.isclose(grade(EVIDENCE, value).credit, credit)


def test_evidence_feedback_names_wrong_paragraphs() -> None:
    g = grade(EVIDENCE, [16, 12])
    assert "¶12 does not support this claim." in g.feedback


@pytest.mark.parametrize(("value", "match"), [
    ([17], "among 12, 15, 16, 18, 20, 21"), ([], "at least one paragraph"),
    ("sixteen", "a list of paragraph numbers"), ([True], "among"), ([0], "among"),
])
def test_evidence_wrong_shapes(value, match) -> None:
    g = grade(EVIDENCE, value)
    assert g.status == "invalid"
    assert match in g.message


def test_evidence_without_candidates_uses_the_article_length() -> None:
    q = Q("evidence", evidence=(2,))
    assert grade(q, [23], n_paragraphs=23).status == "incorrect"
    assert "from 1 to 23" in grade(q, [24], n_paragraphs=23).message


# -- open response --------------------------------------------------------------------------------

def test_open_response_is_saved_not_scored() -> None:
    g = grade(OPEN, "  It is convincing because paragraph 18 says so.  ")
    assert (g.status, g.credit) == ("submitted", 0.0)
    assert g.value == "It is convincing because paragraph 18 says so."
    assert "cites (1 pt); judges (1 pt)" in g.feedback
    # the model answer is not the grader's to show: the bank's reveal rule decides
    assert "model" not in g.feedback


@pytest.mark.parametrize(("value", "match"), [("too short", "at least 5 words; found 2"),
                                              ("", "at least 5 words; found 0"),
                                              (12, "expected text")])
def test_open_response_wrong_shapes(value, match) -> None:
    g = grade(OPEN, value)
    assert g.status == "invalid"
    assert match in g.message


# -- every grader, any value ----------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=5),
    max_leaves=15)


@settings(max_examples=300, deadline=None)
@given(value=json_values, which=st.sampled_from(range(len(ALL))))
def test_no_value_makes_a_grader_raise(value, which) -> None:
    g = grade(ALL[which], value, n_paragraphs=23)
    assert 0.0 <= g.credit <= 1.0
    assert (g.status == "invalid") == bool(g.message)
    if g.status == "invalid":
        assert g.message.startswith("expected")


# -- numbers of other types ---------------------------------------------------------------------

def test_numbers_of_any_real_type_are_accepted() -> None:
    from decimal import Decimal
    from fractions import Fraction

    import numpy as np

    for value in (np.int64(500), np.float64(500.0), np.float32(500), Decimal("500"),
                  Fraction(1000, 2)):
        g = grade(NUM, value)
        assert (g.status, g.value, type(g.value)) == ("correct", 500.0, float), value
    assert grade(EVIDENCE, [np.int64(16), Decimal(18), Fraction(20), 21.0]).value == [
        16, 18, 20, 21]
    assert grade(EVIDENCE, np.int64(16)).value == [16]
    assert all(type(n) is int for n in grade(EVIDENCE, [np.int64(16)]).value)
    assert grade(EVIDENCE, [Fraction(33, 2)]).status == "invalid"
    assert grade(EVIDENCE, [np.bool_(True)]).status == "invalid"


@pytest.mark.parametrize("kind", ["10**400", "-10**400", "10**5000", "Fraction", "Decimal"])
def test_huge_numbers_are_invalid_with_a_clear_message(kind: str) -> None:
    from decimal import Decimal
    from fractions import Fraction

    value = {"10**400": 10**400, "-10**400": -(10**400), "10**5000": 10**5000,
             "Fraction": Fraction(10**400, 3), "Decimal": Decimal("1e400")}[kind]
    g = grade(NUM, value)
    assert g.status == "invalid"
    assert g.message.startswith("expected a number")
    assert "too large to check" in g.message
    e = grade(EVIDENCE, [value])
    assert e.status == "invalid"
    assert e.message.startswith("expected paragraph numbers")
