"""Reading and checking question banks (``quizzes/*.yaml`` beside an article).

Parsing goes through :mod:`geokit.data.records`, so a malformed field is reported like any other
data problem (file, line, record, field, expected, found). Then each question is checked:

- the answer fields fit the type (a numeric question has ``answers``, not ``options``);
- choice questions have their correct option(s) among the options, option ids are unique, a
  single-choice question has exactly one correct option;
- numbers, ranges, rubrics and orderings are coherent;
- ids are unique in the article, across its banks;
- for a bank beside an article: every question cites paragraphs that exist, has an objective, a
  level and an explanation, every option has feedback, and every phrase the prompt puts in
  double quotation marks is verbatim in the cited paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geokit.data.model import Article
from geokit.data.questions import ANSWER_FIELDS, LEVELS, TYPE_FIELDS, Bank, Question
from geokit.data.records import Context, describe, parse_record
from geokit.data.text import normalise, occurs_in
from geokit.data.yamlio import LineDict, display_path, load_yaml
from geokit.errors import GeokitDataError, Problem

__all__ = ["QUOTED", "check_question", "load_bank_file", "parse_bank", "quoted_phrases",
           "read_banks"]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: a phrase in double quotation marks, straight or typographic
QUOTED = re.compile(r"\"([^\"]+)\"|\u201c([^\u201c\u201d]+)\u201d")


def quoted_phrases(text: str) -> list[str]:
    """The phrases ``text`` puts in double quotation marks.

    >>> quoted_phrases('Who called it the “silent reset”? And "why"?')
    ['silent reset', 'why']
    """
    return [a or b for a, b in QUOTED.findall(text)]


def read_banks(folder: Path, article: Article) -> tuple[list[Bank], list[Problem]]:
    """Parse and check every ``*.yaml`` bank in ``folder`` against ``article``."""
    banks: list[Bank] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("."):
            continue
        bank, found = load_bank_file(path, article)
        problems += found
        if bank is None:
            continue
        for q in bank.questions:
            if q.id in seen and seen[q.id] != bank.id:
                problems.append(Problem(display_path(path), "duplicate question id",
                                        f"question '{q.id}'", "id",
                                        "an id used once across the article's banks",
                                        f"{q.id!r} again (first in bank '{seen[q.id]}')"))
            seen.setdefault(q.id, bank.id)
        banks.append(bank)
    return banks, problems


def load_bank_file(path: Path, article: Article | None = None) -> tuple[Bank | None,
                                                                          list[Problem]]:
    """Read one bank file; ``(bank, [])`` when clean, else ``(None, problems)``."""
    try:
        raw = load_yaml(path)
    except GeokitDataError as exc:
        return None, list(exc.problems)
    return parse_bank(raw, display_path(path), path.stem, article)


def parse_bank(raw: Any, file: str, stem: str | None = None,
               article: Article | None = None) -> tuple[Bank | None, list[Problem]]:
    """Build a :class:`Bank` from parsed YAML and check it; ``stem`` is the expected id."""
    ctx = Context(file)
    if not isinstance(raw, dict):
        ctx.add("wrong top-level shape", expected="a mapping with id, title and questions",
                found=describe(raw), line=1)
        return None, ctx.problems
    line = raw.line if isinstance(raw, LineDict) else None
    key_lines: dict[str, int] = getattr(raw, "key_lines", {})
    head = LineDict({k: v for k, v in raw.items() if k != "questions"})
    head.line, head.key_lines = line, key_lines
    head["questions"] = []
    bank = parse_record(Bank, head, ctx, "bank")
    items = raw.get("questions")
    if "questions" not in raw:
        pass  # parse_record reported the missing field
    elif not isinstance(items, list) or not items:
        ctx.add("a bank needs questions", field="questions", expected="a list of questions",
                found=describe(items) if items != [] else "an empty list",
                line=key_lines.get("questions", line))
        items = []
    questions: list[Question] = []
    seen: set[str] = set()
    for i, item in enumerate(items or []):
        qid = item.get("id") if isinstance(item, dict) else None
        label = f"questions[{i}]" + (f" '{qid}'" if isinstance(qid, str) else "")
        q = parse_record(Question, item, ctx, label)
        if q is None:
            continue
        if q.id in seen:
            ctx.add("duplicate question id", record=label, field="id",
                    expected="an id used once in the bank", found=repr(q.id),
                    line=getattr(item, "key_lines", {}).get("id", getattr(item, "line", None)))
        seen.add(q.id)
        check_question(q, item, ctx, label, article)
        questions.append(q)
    if bank is not None:
        if stem is not None and bank.id != stem:
            ctx.add("bank id does not match its file name", record="bank", field="id",
                    expected=f"'{stem}' (the file name without .yaml)", found=repr(bank.id),
                    line=key_lines.get("id", line))
        if article is not None and bank.article and bank.article != article.id:
            ctx.add("bank belongs to another article", record="bank", field="article",
                    expected=repr(article.id), found=repr(bank.article),
                    line=key_lines.get("article", line))
    if ctx.problems or bank is None:
        return None, ctx.problems
    import dataclasses

    return dataclasses.replace(bank, questions=tuple(questions),
                               article=article.id if article is not None else bank.article), []


def check_question(q: Question, raw: Any, ctx: Context, label: str,
                   article: Article | None) -> None:
    """Add a problem to ``ctx`` for everything wrong with one parsed question."""
    lines: dict[str, int] = getattr(raw, "key_lines", {})
    line0 = getattr(raw, "line", None)

    def add(field: str, message: str, expected: str = "", found: str = "") -> None:
        ctx.add(message, record=label, field=field, expected=expected, found=found,
                line=lines.get(field.split(".")[0].split("[")[0], line0))

    if not _ID.match(q.id):
        add("id", "ids are lower-case words joined by hyphens", "e.g. 'actors-who-visited'",
            repr(q.id))
    if not q.prompt.strip():
        add("prompt", "empty prompt", "the question text", "empty text")
    if q.points <= 0:
        add("points", "points must be positive", "a number above 0", f"{q.points:g}")
    for name in ANSWER_FIELDS:
        if name in raw and name not in TYPE_FIELDS[q.type]:
            add(name, f"field not used by {q.type} questions",
                "only " + ", ".join(TYPE_FIELDS[q.type]), repr(name))
    _check_type(q, add)

    if article is None:
        return
    n = len(article.paragraphs)
    if not q.paragraphs:
        add("paragraphs", "every question cites the paragraph(s) that answer it",
            "at least one paragraph number", "none")
    for field, numbers in (("paragraphs", q.paragraphs), ("evidence", q.evidence),
                           ("candidates", q.candidates)):
        for p in numbers:
            if not 1 <= p <= n:
                add(field, "paragraph out of range", f"a number from 1 to {n}", str(p))
    if q.level is None:
        add("level", "missing cognitive level", "one of " + ", ".join(LEVELS), "nothing")
    for field in ("objective", "explanation"):
        if not getattr(q, field).strip():
            add(field, f"missing {field}", "a sentence in plain words", "nothing")
    for i, o in enumerate(q.options):
        if not o.feedback.strip():
            add(f"options[{i}].feedback", "every option needs feedback that explains it",
                "a sentence on why this option is right or wrong", f"none for option {o.id!r}")
    cited = " ".join(article.paragraphs[p - 1].text for p in q.paragraphs if 1 <= p <= n)
    for phrase in quoted_phrases(q.prompt):
        if not occurs_in(phrase, cited):
            add("prompt", "quoted phrase is not verbatim in the cited paragraphs",
                "the exact words of ¶" + ", ¶".join(map(str, q.paragraphs)), repr(phrase))


def _dupes(values: Iterable[str], *, fold: bool = True) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        key = normalise(v).casefold() if fold else normalise(v)
        if key in seen:
            out.append(v)
        seen.add(key)
    return out


def _check_type(q: Question, add: Any) -> None:
    t = q.type
    if t in ("single_choice", "multiple_select"):
        if len(q.options) < 2:
            add("options", f"{t} needs at least two options", "2 or more options",
                str(len(q.options)))
        for d in _dupes(o.id for o in q.options):
            add("options", "duplicate option id", "each option id once", repr(d))
        for d in _dupes(o.text for o in q.options):
            add("options", "duplicate option text", "each option text once", repr(d))
        right = [o.id for o in q.options if o.correct]
        if t == "single_choice" and len(right) != 1:
            add("options", "a single-choice question has exactly one correct option",
                "one option with correct: true",
                ", ".join(map(repr, right)) if right else "none marked correct")
        if t == "multiple_select" and not right:
            add("options", "the correct answer is not among the options",
                "at least one option with correct: true", "none marked correct")
    elif t == "numeric":
        if not any(a.correct for a in q.answers):
            add("answers", "a numeric question needs a correct answer",
                "at least one answer with correct: true", "none")
        for i, a in enumerate(q.answers):
            has_value = a.value is not None
            has_range = a.low is not None or a.high is not None
            if has_value == has_range or (has_range and (a.low is None or a.high is None)):
                given = [k for k, v in (("value", a.value), ("low", a.low), ("high", a.high))
                         if v is not None]
                add(f"answers[{i}]", "give either value (with tolerance) or low and high",
                    "value, or both low and high", ", ".join(given) or "neither")
            if a.low is not None and a.high is not None and a.high < a.low:
                add(f"answers[{i}]", "range ends below its start", "low <= high",
                    f"{a.low:g} > {a.high:g}")
            if a.tolerance < 0:
                add(f"answers[{i}].tolerance", "negative tolerance", "0 or more",
                    f"{a.tolerance:g}")
        if q.precision is not None and q.precision < 1:
            add("precision", "precision counts significant digits", "1 or more",
                str(q.precision))
    elif t == "short_text":
        if not any(a.correct and a.text.strip() for a in q.accepted):
            add("accepted", "a short-text question needs an accepted answer",
                "at least one answer with correct: true", "none")
        # answers that differ only in case are distinct when one of them matches case
        for d in _dupes((a.text if a.match_case else a.text.casefold() for a in q.accepted),
                        fold=False):
            add("accepted", "the same answer is listed twice", "each answer once", repr(d))
        for i, ta in enumerate(q.accepted):
            if ta.max_typos is not None and ta.max_typos < 0:
                add(f"accepted[{i}].max_typos", "negative typo allowance", "0 or more",
                    str(ta.max_typos))
            if ta.fuzzy_threshold is not None and not 0 < ta.fuzzy_threshold <= 1:
                add(f"accepted[{i}].fuzzy_threshold", "threshold out of range",
                    "a number above 0 and at most 1", f"{ta.fuzzy_threshold:g}")
    elif t == "matching":
        if len(q.pairs) < 2:
            add("pairs", "matching needs at least two pairs", "2 or more pairs",
                str(len(q.pairs)))
        for d in _dupes(p.left for p in q.pairs):
            add("pairs", "the same item is listed twice", "each left item once", repr(d))
        rights = {normalise(p.right).casefold() for p in q.pairs}
        for d in q.distractors:
            if normalise(d).casefold() in rights:
                add("distractors", "a distractor is also a correct match",
                    "choices that match no item", repr(d))
    elif t == "ordering":
        if len(q.items) < 2:
            add("items", "ordering needs at least two items", "2 or more items",
                str(len(q.items)))
        for d in _dupes(q.items):
            add("items", "the same item is listed twice", "each item once", repr(d))
    elif t == "evidence":
        if not q.evidence:
            add("evidence", "an evidence question needs the supporting paragraphs",
                "at least one paragraph number", "none")
        if len(set(q.evidence)) != len(q.evidence):
            add("evidence", "a paragraph is listed twice", "each number once",
                ", ".join(map(str, q.evidence)))
        if q.candidates:
            missing = [p for p in q.evidence if p not in q.candidates]
            if missing:
                add("candidates", "the correct answer is not among the options",
                    "candidates that include every evidence paragraph",
                    "missing " + ", ".join(map(str, missing)))
    elif t == "open_response":
        if not q.rubric:
            add("rubric", "an open response needs a rubric", "at least one criterion", "none")
        else:
            total = sum(r.points for r in q.rubric)
            if abs(total - q.points) > 1e-9:
                add("rubric", "rubric points do not add up to the question's points",
                    f"{q.points:g}", f"{total:g}")
        if q.min_words < 0:
            add("min_words", "negative word count", "0 or more", str(q.min_words))
