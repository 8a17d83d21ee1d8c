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
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from geokit.data.model import Article
from geokit.data.questions import PARAGRAPH_FIELDS, Bank, Question, spec
from geokit.data.records import Context, describe, parse_record, report_rules
from geokit.data.text import occurs_in
from geokit.data.yamlio import LineDict, display_path, load_yaml
from geokit.errors import GeokitDataError, Problem

__all__ = ["QUOTED", "check_question", "load_bank_file", "parse_bank", "quoted_phrases",
           "read_banks"]

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
