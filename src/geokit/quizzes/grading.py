"""Grading: one pure function per question type, ``(question, value) -> Grade``; each type's entry
in :mod:`geokit.quizzes.types` names its grader, and :func:`grade` looks it up there.

Each grader checks the *shape* of the value first and returns an ``invalid`` grade with a message
that says what was expected and what was given; it never raises for a student's input. Only then
does it grade. A grade carries the credit as a fraction (0 to 1), feedback in plain words and the
value normalised to JSON (what the answer store saves).

>>> from geokit.data.questions import Question, Option
>>> q = Question(id="capital", type="single_choice", prompt="Capital of Pakistan?",
...              options=(Option("a", "Karachi"), Option("b", "Islamabad", correct=True)))
>>> grade(q, "b").status
'correct'
>>> grade(q, 2).message
"expected one option id ('a', 'b') or an option's text; found a whole number 2"
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from geokit.data.feedback import Status
from geokit.data.questions import NumericAnswer, Question, TextAnswer
from geokit.data.records import describe
from geokit.data.text import is_real, normalise, paragraph_number

__all__ = [
    "Grade",
    "Status",
    "edit_distance",
    "grade",
    "grade_evidence",
    "grade_matching",
    "grade_multiple_select",
    "grade_numeric",
    "grade_open_response",
    "grade_ordering",
    "grade_short_text",
    "grade_single_choice",
    "parse_number",
]

@dataclass(frozen=True)
class Grade:
    """What a grader decided about one value: ``status`` is ``correct``, ``partial``,
    ``incorrect``, ``submitted`` or ``invalid`` (:mod:`geokit.data.feedback` names them)."""

    status: Status
    credit: float = 0.0
    feedback: str = ""
    value: Any = None
    message: str = ""

    @property
    def valid(self) -> bool:
        return self.status != "invalid"


def _describe(value: Any) -> str:
    try:
        return describe(value)
    except ValueError:  # e.g. an int with more digits than Python will turn into text
        return f"{type(value).__name__} too large to show"


def _invalid(expected: str, found: Any) -> Grade:
    return Grade("invalid", message=f"expected {expected}; found {_describe(found)}")


def _status(credit: float) -> Status:
    if credit >= 1 - 1e-9:
        return "correct"
    return "partial" if credit > 0 else "incorrect"


def _fold(text: str, match_case: bool = False) -> str:
    out = normalise(text).strip().rstrip(".!").strip()
    return out if match_case else out.casefold()


def _is_sequence(value: Any) -> bool:
    return isinstance(value, (list, tuple, set, frozenset))


# -- choice -------------------------------------------------------------------------------------


def _option_id(q: Question, value: Any) -> str | None:
    """The id of the option ``value`` names (by id or by its text), or None."""
    if not isinstance(value, str):
        return None
    for o in q.options:
        if value == o.id:
            return o.id
    folded = _fold(value)
    for o in q.options:
        if folded in (_fold(o.id), _fold(o.text)):
            return o.id
    return None


def _unanswerable(what: str) -> Grade:
    """A question built without what it needs (a bank read from YAML is checked for it)."""
    return Grade("invalid", message=f"this question cannot be answered: it has no {what} "
                 "(the question bank needs fixing; please tell your instructor)")


def _ids(q: Question) -> str:
    return ", ".join(repr(o.id) for o in q.options)


def grade_single_choice(q: Question, value: Any) -> Grade:
    """One option: full credit for the correct one, the chosen option's feedback either way."""
    oid = _option_id(q, value)
    if oid is None:
        if isinstance(value, str):
            return Grade("invalid", message=f"expected one of the options ({_ids(q)}) or an "
                         f"option's text; found {_describe(value)}, which is neither")
        return _invalid(f"one option id ({_ids(q)}) or an option's text", value)
    chosen = next(o for o in q.options if o.id == oid)
    credit = 1.0 if chosen.correct else 0.0
    default = "Correct." if chosen.correct else "Not this one."
    return Grade(_status(credit), credit, chosen.feedback or default, oid)


def grade_multiple_select(q: Question, value: Any) -> Grade:
    """Several options. Credit is (right picks - wrong picks) / number of right options, never
    below 0: ticking everything does not pay, and each right pick counts."""
    if isinstance(value, str):
        return _invalid(f"a list of option ids, e.g. [{_ids(q).split(', ')[0]}]", value)
    if not _is_sequence(value):
        return _invalid(f"a list of option ids ({_ids(q)})", value)
    chosen: list[str] = []
    for item in value:
        oid = _option_id(q, item)
        if oid is None:
            return Grade("invalid", message=f"expected option ids from {_ids(q)}; found "
                         f"{_describe(item)} in the list, which is not one of them")
        if oid not in chosen:
            chosen.append(oid)
    if not chosen:
        return Grade("invalid", message="expected at least one option; found an empty list")
    right = {o.id for o in q.options if o.correct}
    hits = sum(1 for c in chosen if c in right)
    wrong = len(chosen) - hits
    credit = max(0.0, (hits - wrong) / len(right)) if right else 0.0
    order = [o.id for o in q.options]
    chosen.sort(key=order.index)
    lines = [f"You chose {hits} of the {len(right)} right options"
             + (f" and {wrong} wrong one{'s' if wrong != 1 else ''}." if wrong else ".")]
    for o in q.options:
        if o.id in chosen and o.feedback:
            lines.append(f"{o.id}) {o.feedback}")
    return Grade(_status(credit), credit, "\n".join(lines), chosen)


# -- numbers ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(value: Any) -> float | None:
    """A finite number from a number or text ('1,500', '3/4', ' 2.5 '); None if it is not one."""
    if isinstance(value, bool):
        return None
    if is_real(value):
        try:
            x = float(value)
        except (OverflowError, ValueError):  # 10**400, Fraction(10**400), Decimal('sNaN')
            return None
        return x if math.isfinite(x) else None
    if not isinstance(value, str):
        return None
    text = value.strip().replace(",", "").replace("_", "").replace(" ", "")
    if "/" in text:
        num, _, den = text.partition("/")
        a, b = parse_number(num), parse_number(den)
        if a is None or b is None or b == 0.0:
            return None
        return a / b if math.isfinite(a / b) else None
    if not _NUMBER.match(text):
        return None
    x = float(text)
    return x if math.isfinite(x) else None  # '1e400' overflows to inf


def _round(x: float, digits: int | None) -> float:
    return float(f"{x:.{digits}g}") if digits else x


def _matches(a: NumericAnswer, x: float, digits: int | None) -> bool:
    if a.value is not None:
        target = _round(a.value, digits)
        eps = 1e-9 * max(1.0, abs(target))  # so that a tolerance edge is inside despite floats
        return abs(x - target) <= a.tolerance + eps
    if a.low is None or a.high is None:
        return False
    eps = 1e-9 * max(1.0, abs(a.low), abs(a.high))
    above = x >= a.low - eps
    below = x <= a.high + eps if a.include_high else x < a.high - eps
    return above and below


def grade_numeric(q: Question, value: Any) -> Grade:
    """A number; the first answer it matches decides (a value with a tolerance, or a range)."""
    x = parse_number(value)
    if x is None:
        unit = f" (in {q.unit})" if q.unit else ""
        if is_real(value):
            return Grade("invalid", message=f"expected a number{unit}, e.g. 42 or 3.5; found "
                         f"a {type(value).__name__} that is not finite or too large to check")
        return _invalid(f"a number{unit}, e.g. 42 or 3.5", value)
    x = _round(x, q.precision)
    for a in q.answers:
        if _matches(a, x, q.precision):
            credit = 1.0 if a.correct else 0.0
            return Grade(_status(credit), credit,
                         a.feedback or ("Correct." if a.correct else "Not right."), x)
    right = [a for a in q.answers if a.correct]
    hint = "That is not the number the article gives."
    if len(right) == 1:
        a = right[0]
        mid = a.value if a.value is not None else ((a.low or 0) + (a.high or 0)) / 2
        hint = f"{hint} Yours is too {'high' if x > mid else 'low'}."
    return Grade("incorrect", 0.0, q.default_feedback or hint, x)


# -- short text ---------------------------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance: inserts, deletes and replacements to turn ``a`` into ``b``.

    Stops early once every path costs more than ``limit`` (returning ``limit + 1``).

    >>> edit_distance("Kayani", "Kiani")
    2
    """
    if len(a) < len(b):
        a, b = b, a
    if limit is not None and len(a) - len(b) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i]
        for j, cb in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _allowed_typos(a: TextAnswer, target: str) -> int:
    if a.max_typos is not None:
        return a.max_typos
    n = len(target)
    return 0 if n <= 3 else 1 if n <= 7 else 2


def grade_short_text(q: Question, value: Any) -> Grade:
    """A few words: case ignored, small typos tolerated. An exact match (after folding case
    and spaces) always wins; otherwise the closest answer within its typo allowance decides."""
    if not isinstance(value, str):
        return _invalid("text (a word or a short phrase)", value)
    if not value.strip():
        return Grade("invalid", message="expected a word or a short phrase; found empty text")
    given = " ".join(value.split())
    for a in q.accepted:
        if _fold(given, a.match_case) == _fold(a.text, a.match_case):
            credit = 1.0 if a.correct else 0.0
            return Grade(_status(credit), credit,
                         a.feedback or ("Correct." if a.correct else "Not right."), given)
    best: tuple[int, int, TextAnswer] | None = None
    for i, a in enumerate(q.accepted):
        s, t = _fold(given, a.match_case), _fold(a.text, a.match_case)
        if a.fuzzy_threshold is not None:
            d = edit_distance(s, t)
            ok = 1 - d / max(len(s), len(t), 1) >= a.fuzzy_threshold
        else:
            allowed = _allowed_typos(a, t)
            d = edit_distance(s, t, allowed)
            ok = d <= allowed
        if ok and (best is None or (d, not a.correct) < (best[0], not best[2].correct)):
            best = (d, i, a)
    if best is None:
        return Grade("incorrect", 0.0,
                     q.default_feedback or "That is not an answer the article supports.", given)
    a = best[2]
    if a.correct:
        note = f"Accepted, allowing for spelling: the usual form is {a.text!r}."
        return Grade("correct", 1.0, f"{a.feedback} {note}".strip(), given)
    return Grade("incorrect", 0.0, a.feedback or "Not right.", given)


# -- matching, ordering, evidence ---------------------------------------------------------------


def _lookup(options: Iterable[str], value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    options = list(options)
    if value in options:
        return value
    folded = _fold(value)
    return next((o for o in options if _fold(o) == folded), None)


def grade_matching(q: Question, value: Any) -> Grade:
    """A mapping {left: right}, or a list of [left, right] pairs; credit per left item."""
    if not q.pairs:
        return _unanswerable("items to match")
    lefts = [p.left for p in q.pairs]
    rights = list(dict.fromkeys([*(p.right for p in q.pairs), *q.distractors]))
    if isinstance(value, dict):
        entries = list(value.items())
    elif _is_sequence(value) and value and all(_is_sequence(v) and len(v) == 2 for v in value):
        entries = [tuple(v) for v in value]  # [[item, match], ...]
    else:
        return _invalid("a mapping {item: match}, e.g. {" + repr(lefts[0]) + ": "
                        + repr(rights[0]) + "}", value)
    got: dict[str, str] = {}
    for k, v in entries:
        left = _lookup(lefts, k)
        if left is None:
            return Grade("invalid", message="expected items from " + ", ".join(map(repr, lefts))
                         + f"; found {_describe(k)}, which is not one of them")
        right = _lookup(rights, v)
        if right is None:
            return Grade("invalid", message=f"expected a match for {left!r} from "
                         + ", ".join(map(repr, rights)) + f"; found {_describe(v)}")
        got[left] = right
    missing = [left for left in lefts if left not in got]
    if missing:
        return Grade("invalid", message="expected a match for every item; found none for "
                     + ", ".join(map(repr, missing)))
    right_n = 0
    lines = []
    for p in q.pairs:
        if got[p.left] == p.right:
            right_n += 1
        else:
            lines.append(p.feedback or f"{p.left!r} does not go with {got[p.left]!r}.")
    credit = right_n / len(q.pairs)
    head = f"{right_n} of {len(q.pairs)} matched correctly."
    return Grade(_status(credit), credit, "\n".join([head, *lines]),
                 {p.left: got[p.left] for p in q.pairs})


def grade_ordering(q: Question, value: Any) -> Grade:
    """A list of every item, once, in order. Credit is the share of item pairs put in the right
    relative order, so one item out of place costs little; full credit only for the exact order."""
    items = list(q.items)
    if not items:
        return _unanswerable("items to put in order")
    if isinstance(value, str) or not _is_sequence(value) or isinstance(value, (set, frozenset)):
        return _invalid(f"a list of the {len(items)} items in order", value)
    got: list[str] = []
    for v in value:
        item = _lookup(items, v)
        if item is None:
            return Grade("invalid", message="expected items from " + ", ".join(map(repr, items))
                         + f"; found {_describe(v)}, which is not one of them")
        if item in got:
            return Grade("invalid", message=f"expected each item once; found {item!r} twice")
        got.append(item)
    if len(got) != len(items):
        missing = [i for i in items if i not in got]
        return Grade("invalid", message=f"expected all {len(items)} items; found {len(got)} "
                     "(missing " + ", ".join(map(repr, missing)) + ")")
    pos = {item: i for i, item in enumerate(items)}
    ranks = [pos[g] for g in got]
    pairs = len(ranks) * (len(ranks) - 1) // 2
    good = sum(1 for i in range(len(ranks)) for j in range(i + 1, len(ranks))
               if ranks[i] < ranks[j])
    in_place = sum(1 for i, r in enumerate(ranks) if i == r)
    credit = good / pairs if pairs else 1.0  # exactly 1 only when no pair is inverted
    feedback = ("Right order." if credit == 1.0 else
                f"{in_place} of {len(items)} in the right place; {good} of {pairs} pairs in "
                "the right order.")
    return Grade(_status(credit), credit, feedback, got)


def grade_evidence(q: Question, value: Any, n_paragraphs: int | None = None) -> Grade:
    """Paragraph numbers that support the claim; scored like a multiple select."""
    offered = list(q.candidates) or (list(range(1, n_paragraphs + 1)) if n_paragraphs else None)
    if (is_real(value) or isinstance(value, str)) and paragraph_number(value) is not None:
        value = [value]
    if not _is_sequence(value):
        return _invalid("a list of paragraph numbers, e.g. [5, 6]", value)
    chosen: list[int] = []
    for v in value:
        n = paragraph_number(v)
        if n is None or n < 1 or (offered is not None and n not in offered):
            where = (f"from {offered[0]} to {offered[-1]}" if offered == list(
                range(1, len(offered) + 1)) else "among " + ", ".join(map(str, offered))
                ) if offered else "of at least 1"
            return Grade("invalid", message=f"expected paragraph numbers {where}; found "
                         f"{_describe(v)}")
        if n not in chosen:
            chosen.append(n)
    if not chosen:
        return Grade("invalid", message="expected at least one paragraph number; found an "
                     "empty list")
    chosen.sort()
    right = set(q.evidence)
    hits = [n for n in chosen if n in right]
    wrong = [n for n in chosen if n not in right]
    credit = max(0.0, (len(hits) - len(wrong)) / len(right)) if right else 0.0
    lines = [f"{len(hits)} of the {len(right)} supporting paragraph"
             f"{'s' if len(right) != 1 else ''} found."]
    if wrong:
        lines.append(", ".join(f"¶{n}" for n in wrong) + " do" + ("es" if len(wrong) == 1 else "")
                     + " not support this claim.")
    return Grade(_status(credit), credit, " ".join(lines), chosen)


# -- open response ------------------------------------------------------------------------------


def grade_open_response(q: Question, value: Any) -> Grade:
    """Free text: checked for length only, saved for the instructor to score by the rubric."""
    if not isinstance(value, str):
        return _invalid("text (your answer in sentences)", value)
    words = len(value.split())
    if words == 0 or words < q.min_words:
        return Grade("invalid", message=f"expected at least {max(q.min_words, 1)} words; found "
                     f"{words}")
    rubric = "; ".join(f"{r.criterion} ({r.points:g} pt)" for r in q.rubric)
    feedback = "Saved for your instructor, who scores it against the rubric"
    feedback += f": {rubric}." if rubric else "."
    # the model answer is not feedback: quizzes.reveal decides when it is shown
    return Grade("submitted", 0.0, feedback, value.strip())


def grade(q: Question, value: Any, *, n_paragraphs: int | None = None) -> Grade:
    """Grade ``value`` as an answer to ``q`` with the grader its type's registry entry names.

    ``LookupError`` for a question of no known type (a bank read from YAML has a known one).
    """
    from geokit.quizzes.types import question_type  # the registry imports the graders above

    return question_type(q.type).grade(q, value, n_paragraphs)
