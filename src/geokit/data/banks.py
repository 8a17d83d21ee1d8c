"""Reading and checking question banks (``quizzes/*.yaml`` beside an article).

Parsing goes through :mod:`geokit.data.records`, so a malformed field is reported like any other
data problem (file, line, record, field, expected, found), and so are the rules of each record
(:mod:`geokit.data.questions`: the answer fields fit the type, a single-choice question has
exactly one correct option among at least two, ...; the JSON Schema states the same rules).
Then each question is checked for what a schema cannot say:

- its type's checks across values (no duplicate options or items, rubric points add up, ranges
  run upwards, an evidence question offers its own evidence);
- ids are unique in the bank, and in the article across its banks;
- for a bank beside an article: every paragraph cited exists, and every phrase the prompt puts
  in double quotation marks is verbatim in the cited paragraphs. (That such a question cites
  paragraphs, has an objective, a level and an explanation, and explains every option, are
  rules that hold only beside an article.)

:func:`bank_warnings` looks for patterns in a bank's answer key that a student could learn to
exploit (the key in one position, the key the longest option, the key under one option id or
the id that sorts first). Students see the options in an order of their own, but the authored
order still shows in exports and printouts, and the text and HTML views show every option's id
(students type it to answer), so these are warnings (``Problem.level == "warning"``): worth
fixing, never blocking a lesson.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path
from typing import Any

from geokit.data.model import Article
from geokit.data.questions import PARAGRAPH_FIELDS, Bank, Question, spec
from geokit.data.records import Context, describe, parse_record, report_rules
from geokit.data.text import KEY_WORDS, normalise, occurs_in
from geokit.data.yamlio import LineDict, display_path, load_yaml
from geokit.errors import GeokitDataError, Problem

__all__ = ["KEY_SHARE", "MIN_KEYS", "QUOTED", "article_warnings", "bank_warnings",
           "check_question", "load_bank_file", "parse_bank", "quoted_phrases", "read_banks"]

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
    """Build a :class:`Bank` from parsed YAML and check it; ``stem`` is the expected id.

    Beside an ``article``, the rules for a complete question hold too (it cites paragraphs, has
    an objective, a level and an explanation, and every option has feedback).
    """
    ctx = Context(file, authoring=article is not None)
    if not isinstance(raw, dict):
        ctx.add("wrong top-level shape", expected="a mapping with id, title and questions",
                found=describe(raw), line=1)
        return None, ctx.problems
    line = raw.line if isinstance(raw, LineDict) else None
    key_lines: dict[str, int] = getattr(raw, "key_lines", {})
    # the bank's own fields first; its questions one by one below, each named by its id
    head = LineDict({k: v for k, v in raw.items() if k != "questions"})
    head.line, head.key_lines = line, key_lines
    if "questions" in raw:  # else parse_record reports the missing field
        head["questions"] = []
    bank = parse_record(Bank, head, ctx, "bank", rules=False)
    items = raw.get("questions")
    if "questions" in raw and not isinstance(items, list):
        ctx.add("a bank needs questions", field="questions", expected="a list of questions",
                found=describe(items), line=key_lines.get("questions", line))
    questions: list[Question] = []
    seen: set[str] = set()
    for i, item in enumerate(items if isinstance(items, list) else []):
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
    if bank is None:
        return None, ctx.problems
    bank = dataclasses.replace(bank, questions=tuple(questions),
                               article=article.id if article is not None else bank.article)
    if isinstance(items, list) and len(questions) == len(items):  # every question was read
        report_rules(bank, raw, ctx, "bank")
    if stem is not None and bank.id != stem:
        ctx.add("bank id does not match its file name", record="bank", field="id",
                expected=f"'{stem}' (the file name without .yaml)", found=repr(bank.id),
                line=key_lines.get("id", line))
    if article is not None and raw.get("article") not in (None, "", article.id):
        ctx.add("bank belongs to another article", record="bank", field="article",
                expected=repr(article.id), found=repr(raw.get("article")),
                line=key_lines.get("article", line))
    if ctx.problems:
        return None, ctx.problems
    return bank, []


def check_question(q: Question, raw: Any, ctx: Context, label: str,
                   article: Article | None) -> None:
    """Add a problem to ``ctx`` for what a schema cannot say about one parsed question: its
    type's checks across values and, beside an ``article``, the paragraphs it cites and quotes.
    (The rules of :class:`Question` were checked as it was parsed.)"""
    lines: dict[str, int] = getattr(raw, "key_lines", {})
    line0 = getattr(raw, "line", None)

    def add(field: str, message: str, expected: str = "", found: str = "") -> None:
        ctx.add(message, record=label, field=field, expected=expected, found=found,
                line=lines.get(field.split(".")[0].split("[")[0], line0))

    check = spec(q.type).check
    if check is not None:
        check(q, add)
    if article is None:
        return
    n = len(article.paragraphs)
    for field in PARAGRAPH_FIELDS:
        for p in getattr(q, field):
            if not 1 <= p <= n:
                add(field, "paragraph out of range", f"a number from 1 to {n}", str(p))
    cited = " ".join(article.paragraphs[p - 1].text for p in q.paragraphs if 1 <= p <= n)
    for phrase in quoted_phrases(q.prompt):
        if not occurs_in(phrase, cited):
            add("prompt", "quoted phrase is not verbatim in the cited paragraphs",
                "the exact words of ¶" + ", ¶".join(map(str, q.paragraphs)), repr(phrase))


# -- warnings: patterns in the answer key --------------------------------------------------------

#: a bank whose keys sit in one position more often than this share gets a warning
KEY_SHARE = 0.4
#: fewer keys (or choice questions) than this make no pattern worth a warning
MIN_KEYS = 5


def bank_warnings(bank: Bank, file: str) -> list[Problem]:
    """Warnings about the authored answer key of ``bank`` (``file`` names it in each line).

    - one position (first option, second, ...) holds more than ``KEY_SHARE`` of the bank's
      correct options, over its single-choice and multiple-select questions;
    - the correct option is the single longest one in most (more than half) of those questions;
    - a question with several correct options (multiple select) lists them all before every
      wrong one (one warning per question, naming it: ticking the first few options should not
      be a strategy);
    - one option id (``a``, say) holds more than ``KEY_SHARE`` of the correct options: students
      see the ids, so a key that is usually ``a`` is read off the screen in any order;
    - the correct options' ids sort first (or last) among the question's ids in most (more than
      half) of the questions, as when ids are letters given in order of correctness;
    - an option id holds a word about correctness (``correct``, ``wrong``, ``key``, ...; one
      warning per question).

    The checks across the bank are not made with fewer than ``MIN_KEYS`` correct options or
    questions to count.

    >>> from geokit.data.questions import Option, Question
    >>> opts = (Option("a", "The right and rather long answer", True), Option("b", "No"),
    ...         Option("c", "Not this"))
    >>> qs = tuple(Question(id=f"q{i}", type="single_choice", prompt="?", options=opts)
    ...            for i in range(5))
    >>> for w in bank_warnings(Bank(id="demo", title="Demo", questions=qs), "demo.yaml"):
    ...     print(w)  # doctest: +NORMALIZE_WHITESPACE
    demo.yaml: warning: bank 'demo', field 'questions': the correct options cluster in one
    position (expected at most 40% of the keys in any one position; found 5 of 5 (100%) at
    position 1, the first option)
    demo.yaml: warning: bank 'demo', field 'questions': the correct option is the longest in
    most questions (expected the longest option correct in at most half the questions; found
    5 of 5: q0, q1, q2, q3, q4)
    demo.yaml: warning: bank 'demo', field 'questions': one option id holds the keys (expected
    at most 40% of the keys under any one id; found 5 of 5 (100%) under id 'a')
    demo.yaml: warning: bank 'demo', field 'questions': the correct options' ids sort first in
    most questions (expected the keys' ids first in at most half the questions; found 5 of 5:
    q0, q1, q2, q3, q4)
    """
    out: list[Problem] = []

    def warn(message: str, expected: str, found: str) -> None:
        out.append(Problem(file, message, f"bank '{bank.id}'", "questions", expected, found,
                           level="warning"))

    choice = [q for q in bank.questions if len(q.options) >= 2 and any(o.correct
                                                                        for o in q.options)]
    at = Counter(i for q in choice for i, o in enumerate(q.options) if o.correct)
    total = sum(at.values())
    if total >= MIN_KEYS:
        position, n = min(at.items(), key=lambda kv: (-kv[1], kv[0]))
        if n / total > KEY_SHARE:
            warn("the correct options cluster in one position",
                 f"at most {KEY_SHARE:.0%} of the keys in any one position",
                 f"{n} of {total} ({n / total:.0%}) at position {position + 1}"
                 + (f", the {_ORDINALS[position]} option" if position < len(_ORDINALS) else ""))
    if len(choice) >= MIN_KEYS:
        longest = [q.id for q in choice if _longest_is_correct(q)]
        if len(longest) > len(choice) / 2:
            warn("the correct option is the longest in most questions",
                 "the longest option correct in at most half the questions",
                 f"{len(longest)} of {len(choice)}: " + ", ".join(longest))
    for q in choice:
        n = sum(o.correct for o in q.options)
        if _keys_first(q, n):  # one key first is the position warning's business
            out.append(Problem(file, "the correct options come first", f"question '{q.id}'",
                               "options", "the correct options mixed in among the others",
                               f"options 1-{n} correct, the rest wrong", level="warning"))
    out += _id_warnings(bank, file, choice, total)
    return out


def _id_warnings(bank: Bank, file: str, choice: list[Question], total: int) -> list[Problem]:
    """The warnings of :func:`bank_warnings` about option ids, which students see."""
    out: list[Problem] = []

    def warn(message: str, expected: str, found: str) -> None:
        out.append(Problem(file, message, f"bank '{bank.id}'", "questions", expected, found,
                           level="warning"))

    under = Counter(o.id for q in choice for o in q.options if o.correct)
    if total >= MIN_KEYS:
        oid, n = min(under.items(), key=lambda kv: (-kv[1], kv[0]))
        if n / total > KEY_SHARE:
            warn("one option id holds the keys",
                 f"at most {KEY_SHARE:.0%} of the keys under any one id",
                 f"{n} of {total} ({n / total:.0%}) under id {oid!r}")
    if len(choice) >= MIN_KEYS:
        for end, flip in (("first", False), ("last", True)):
            ids = [q.id for q in choice if _keys_sort_at_end(q, flip)]
            if len(ids) > len(choice) / 2:
                warn(f"the correct options' ids sort {end} in most questions",
                     f"the keys' ids {end} in at most half the questions",
                     f"{len(ids)} of {len(choice)}: " + ", ".join(ids))
    for q in choice:
        named = [o.id for o in q.options if KEY_WORDS & set(re.split(r"[^a-z0-9]+",
                                                                     o.id.lower()))]
        if named:
            out.append(Problem(file, "an option id names correctness", f"question '{q.id}'",
                               "options", "ids that say only what the option says (students "
                               "see them)", ", ".join(map(repr, named)), level="warning"))
    return out


def _id_order(oid: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of an option id: 'o2' before 'o10', as a student would read a sequence."""
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold())
                 for part in re.split(r"(\d+)", oid) if part)


def _keys_sort_at_end(q: Question, last: bool) -> bool:
    """Whether the correct options' ids all sort before (``last``: after) every other id."""
    n = sum(o.correct for o in q.options)
    ranked = sorted(q.options, key=lambda o: _id_order(o.id), reverse=last)
    return 0 < n < len(q.options) and all(o.correct for o in ranked[:n])


def _keys_first(q: Question, n: int) -> bool:
    """Whether the ``n`` > 1 correct options all come before every wrong one."""
    return 1 < n < len(q.options) and all(o.correct for o in q.options[:n])


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def _longest_is_correct(q: Question) -> bool:
    """Whether one option is longer than every other, and correct."""
    sizes = sorted(((len(normalise(o.text)), o.correct) for o in q.options), reverse=True)
    return sizes[0][1] and sizes[0][0] > sizes[1][0]


def article_warnings(article: Article) -> list[Problem]:
    """The :func:`bank_warnings` of every bank of ``article``, each naming its bank file."""
    folder = Path(article.folder) / "quizzes"
    return [w for bank in article.quiz_banks
            for w in bank_warnings(bank, display_path(folder / f"{bank.id}.yaml"))]
