"""Bring jupyterquiz banks in: its JSON question format converted to a geokit bank.

jupyterquiz (https://github.com/jmshea/jupyterquiz) stores a list of questions of four types.
Every field it defines is either carried over or reported in the notes, never dropped silently:

================  ===========================  =============================================
jupyterquiz       field                        geokit
================  ===========================  =============================================
question          ``question``                 ``prompt`` (shown as plain text: HTML, LaTeX and
                                               Markdown links in it are not rendered; noted)
                  ``code``                     ``code``
                  ``answer_cols``              noted as unsupported (layout only)
                  ``input_width``              noted as unsupported (layout only)
multiple_choice   ``answers[]``: ``answer``,   ``single_choice`` ``options``: ``text``,
many_choice       ``code``, ``correct``,       ``code``, ``correct``, ``feedback``;
                  ``feedback``                 many_choice (or several correct) becomes
                                               ``multiple_select``
                  ``answers[].hide``           noted as unsupported (geokit always grades)
numeric           ``precision``                ``precision`` (significant digits)
                  ``answers[]`` value          ``answers``: ``value``, tolerance 0
                  ``answers[]`` range [A, B)   ``answers``: ``low``, ``high``,
                                               ``include_high: false``
                  ``answers[]`` default        ``default_feedback``
string            ``answers[]``: ``answer``,   ``short_text`` ``accepted``: ``text``,
                  ``correct``, ``feedback``,   ``correct``, ``feedback``, ``match_case``,
                  ``match_case``,              ``fuzzy_threshold`` (without it: exact match,
                  ``fuzzy_threshold``          ``max_typos: 0``, as in jupyterquiz)
                  ``answers[]`` default        ``default_feedback``
================  ===========================  =============================================

Numbers are read as jupyterquiz's loose JavaScript ``==`` reads them: a numeric string
(``"0.0498"``) is that number and ``false`` is 0, each with a note; ``precision: 0`` (which
JavaScript's ``toPrecision`` refuses) compares unrounded. Question ids are the bank id and the
question's place in the JSON list (``week-3-q2``). Each converted question is checked on its own:
a problem skips that question with a note citing its JSON number and id, never the bank. A
jupytercards flashcard file (front/back cards) is refused with one line.

Other question types (jupyterquiz's newer drag-and-drop and matching kinds) and unknown fields
are skipped with a note. Of the options of ``display_quiz``, ``shuffle_answers`` is taken as
the keyword of :func:`quiz_from_jupyterquiz` (false: the authored order) and, per question, from
a ``shuffle_answers`` field; ``num``, ``shuffle_questions`` and ``preserve_responses`` are not
part of the JSON file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import string
import warnings
from pathlib import Path
from typing import Any

import yaml

from geokit.data.banks import parse_bank
from geokit.data.questions import Bank
from geokit.data.yamlio import LineLoader, display_path, read_text
from geokit.errors import GeokitDataError, GeokitWarning, Problem

__all__ = ["bank_yaml", "convert", "load_jupyterquiz", "quiz_from_jupyterquiz"]

_Q_FIELDS = {"question", "type", "answers", "code", "precision", "answer_cols", "input_width",
             "shuffle_answers"}
_MC_FIELDS = {"answer", "code", "correct", "feedback", "hide"}
_NUM_FIELDS = {"type", "value", "range", "correct", "feedback"}
_STR_FIELDS = {"type", "answer", "correct", "feedback", "match_case", "fuzzy_threshold"}


def _js_number(x: Any) -> float | None:
    """A value as jupyterquiz's loose ``==`` compares it: numbers, numeric strings
    (``"0.0498"``) and booleans (``false`` is 0); None for anything else."""
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, str):
        try:
            x = float(x.strip())
        except ValueError:
            return None
    if not isinstance(x, (int, float)) or x != x or abs(x) == float("inf"):
        return None
    return int(x) if float(x).is_integer() else x


def _option_ids(n: int) -> list[str]:
    letters = string.ascii_lowercase
    return [letters[i] if i < 26 else f"o{i + 1}" for i in range(n)]


def convert(data: Any, bank_id: str = "imported", title: str = "",
            source: str = "a jupyterquiz file", *,
            shuffle_answers: bool = True) -> tuple[dict[str, Any], list[str]]:
    """jupyterquiz questions (a list of dicts) -> a geokit bank mapping and notes on what
    could not be carried over.

    ``shuffle_answers`` is ``display_quiz``'s option of that name: false keeps every choice
    question's options in their authored order (``shuffle: false``) instead of each student's
    own order; a question's own ``shuffle_answers`` field, where given, decides for it."""
    notes: list[str] = []
    if isinstance(data, dict) and "question" in data:
        notes.append("the file holds a single question, not a list; converted it")
        data = [data]
    if not isinstance(data, list):
        raise GeokitDataError(Problem(source, "not a jupyterquiz bank",
                                      expected="a JSON list of questions",
                                      found=type(data).__name__))
    if data and all(isinstance(c, dict) and {"front", "back"} <= set(c) for c in data):
        raise GeokitDataError(Problem(
            source, "a jupytercards flashcard file (cards with front and back), not a "
            "jupyterquiz bank: flashcards have no answers to grade, so nothing was imported"))
    questions: list[dict[str, Any]] = []
    markup = False
    for i, qa in enumerate(data, start=1):
        # questions are numbered as in the JSON list; the id is the bank's, so that ids stay
        # unique when several imported banks sit beside one article
        where = f"question {i} (id {bank_id}-q{i})"
        if not isinstance(qa, dict):
            notes.append(f"{where}: not an object ({type(qa).__name__}); skipped")
            continue
        for key in sorted(set(qa) - _Q_FIELDS):
            notes.append(f"{where}: field {key!r} is not a jupyterquiz field geokit knows; "
                         "not converted")
        for key in ("answer_cols", "input_width"):
            if key in qa:
                notes.append(f"{where}: {key!r} (layout) is unsupported; the widgets lay "
                             "answers out one per line")
        kind = qa.get("type")
        prompt = qa.get("question", "")
        if not isinstance(prompt, str) or not prompt.strip():
            notes.append(f"{where}: no question text; skipped")
            continue
        markup |= bool(re.search(r"<[a-zA-Z/]|\$|\]\(", prompt))
        q: dict[str, Any] = {"id": f"{bank_id}-q{i}", "type": None, "prompt": prompt}
        if isinstance(qa.get("code"), str) and qa["code"]:
            q["code"] = qa["code"]
        answers = qa.get("answers")
        if not isinstance(answers, list):
            notes.append(f"{where}: 'answers' is not a list; skipped")
            continue
        if kind in ("multiple_choice", "many_choice"):
            converted = _choice(q, kind, answers, where, notes)
        elif kind == "numeric":
            converted = _numeric(q, qa, answers, where, notes)
        elif kind == "string":
            converted = _string(q, answers, where, notes)
        else:
            notes.append(f"{where}: question type {kind!r} is unsupported (geokit imports "
                         "multiple_choice, many_choice, numeric and string); skipped")
            continue
        shuffle = qa.get("shuffle_answers", shuffle_answers)
        if not isinstance(shuffle, bool):
            notes.append(f"{where}: 'shuffle_answers' is not true or false "
                         f"({type(shuffle).__name__}); options are shuffled")
            shuffle = True
        if converted and not shuffle and q["type"] in ("single_choice", "multiple_select"):
            q["shuffle"] = False  # the authored order, for every student
        if converted:
            questions.append(q)
    if markup:
        notes.append("question text with HTML, LaTeX or Markdown links is shown as plain text "
                     "(geokit escapes all text); edit prompts that rely on markup")
    notes.append("imported questions cite no paragraphs and have no objective, level or "
                 "explanation; add them before putting the bank beside an article")
    bank = {"id": bank_id, "title": title or f"Imported from {source}",
            "description": f"Converted from the jupyterquiz file {source}.",
            "questions": questions}
    return bank, notes


def _choice(q: dict[str, Any], kind: str, answers: list[Any], where: str,
            notes: list[str]) -> bool:
    options = []
    for j, (oid, a) in enumerate(zip(_option_ids(len(answers)), answers, strict=False)):
        if not isinstance(a, dict):
            notes.append(f"{where}: answer {j + 1} is not an object; skipped")
            continue
        for key in sorted(set(a) - _MC_FIELDS):
            notes.append(f"{where}, answer {j + 1}: field {key!r} unknown; not converted")
        if "hide" in a:
            notes.append(f"{where}, answer {j + 1}: 'hide' (select without grading) is "
                         "unsupported; the option is graded")
        text = a.get("answer") if isinstance(a.get("answer"), str) else ""
        opt: dict[str, Any] = {"id": oid, "text": text or f"(the code {oid} below)",
                               "correct": a.get("correct") is True}
        if isinstance(a.get("feedback"), str) and a["feedback"]:
            opt["feedback"] = a["feedback"]
        if isinstance(a.get("code"), str) and a["code"]:
            opt["code"] = a["code"]
        options.append(opt)
    right = sum(o["correct"] for o in options)
    if right == 0:
        notes.append(f"{where}: no answer is marked correct, so it cannot be graded; skipped")
        return False
    if kind == "multiple_choice" and right > 1:
        notes.append(f"{where}: multiple_choice with {right} correct answers becomes "
                     "multiple_select (as jupyterquiz shows it)")
    q["type"] = "single_choice" if kind == "multiple_choice" and right == 1 else \
        "multiple_select"
    q["options"] = options
    return True


def _numeric(q: dict[str, Any], qa: dict[str, Any], answers: list[Any], where: str,
             notes: list[str]) -> bool:
    q["type"] = "numeric"
    if "precision" in qa:
        precision = _js_number(qa["precision"])
        if precision is not None and precision >= 1 and precision == int(precision):
            q["precision"] = int(precision)
            notes.append(f"{where}: precision {q['precision']} is read as significant digits "
                         "(jupyterquiz 2.7 and later; earlier versions meant decimal places)")
        else:
            # JavaScript's toPrecision accepts 1 to 100 digits only: with precision 0
            # jupyterquiz cannot check any answer, so the sensible reading is "no rounding"
            notes.append(f"{where}: precision {qa['precision']!r} is not a number of "
                         "significant digits (1 or more); answers are compared unrounded")
    out = []
    for j, a in enumerate(answers, start=1):
        if not isinstance(a, dict):
            notes.append(f"{where}: answer {j} is not an object; skipped")
            continue
        for key in sorted(set(a) - _NUM_FIELDS):
            notes.append(f"{where}, answer {j}: field {key!r} unknown; not converted")
        entry: dict[str, Any] = {}
        if a.get("type") == "default":
            if isinstance(a.get("feedback"), str):
                q["default_feedback"] = a["feedback"]
            continue
        value = _js_number(a["value"]) if "value" in a else None
        ends = ([_js_number(x) for x in a["range"]]
                if isinstance(a.get("range"), list) and len(a["range"]) == 2 else [None])
        if value is not None:
            entry["value"] = value
            if not isinstance(a["value"], (int, float)) or isinstance(a["value"], bool):
                notes.append(f"{where}, answer {j}: value {a['value']!r} read as {value:g}, "
                             "as jupyterquiz's loose comparison reads it")
        elif None not in ends:
            entry.update(low=ends[0], high=ends[1], include_high=False)
        else:
            notes.append(f"{where}, answer {j}: neither a value nor a [low, high) range; "
                         "skipped")
            continue
        entry["correct"] = a.get("correct") is True
        if isinstance(a.get("feedback"), str) and a["feedback"]:
            entry["feedback"] = a["feedback"]
        out.append(entry)
    if not any(e["correct"] for e in out):
        notes.append(f"{where}: no answer is marked correct, so it cannot be graded; skipped")
        return False
    q["answers"] = out
    return True


def _string(q: dict[str, Any], answers: list[Any], where: str, notes: list[str]) -> bool:
    q["type"] = "short_text"
    out = []
    for j, a in enumerate(answers, start=1):
        if not isinstance(a, dict):
            notes.append(f"{where}: answer {j} is not an object; skipped")
            continue
        for key in sorted(set(a) - _STR_FIELDS):
            notes.append(f"{where}, answer {j}: field {key!r} unknown; not converted")
        if a.get("type") == "default":
            if isinstance(a.get("feedback"), str):
                q["default_feedback"] = a["feedback"]
            continue
        if not isinstance(a.get("answer"), str):
            notes.append(f"{where}, answer {j}: no answer text; skipped")
            continue
        entry: dict[str, Any] = {"text": a["answer"], "correct": a.get("correct") is True}
        if isinstance(a.get("feedback"), str) and a["feedback"]:
            entry["feedback"] = a["feedback"]
        if a.get("match_case") is True:
            entry["match_case"] = True
        if isinstance(a.get("fuzzy_threshold"), (int, float)) and a["fuzzy_threshold"]:
            entry["fuzzy_threshold"] = float(a["fuzzy_threshold"])
        else:
            entry["max_typos"] = 0  # jupyterquiz matches exactly unless a threshold is given
        out.append(entry)
    if not any(e["correct"] for e in out):
        notes.append(f"{where}: no answer is marked correct, so it cannot be graded; skipped")
        return False
    q["accepted"] = out
    return True


def source_article(path: str | os.PathLike[str]) -> str:
    """The article id answers to an imported file are saved under: ``jupyterquiz-`` and a hash
    of the file's resolved path, so ``w1/questions.json`` and ``w2/questions.json`` (same bank
    id) keep separate answer files."""
    resolved = str(Path(path).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"jupyterquiz-{digest}"


def _bank_id(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "imported"


def load_jupyterquiz(path: str | os.PathLike[str], bank_id: str | None = None,
                     title: str = "", *, shuffle_answers: bool = True,
                     ) -> tuple[str, Bank | None, list[str], list[Problem]]:
    """Read a jupyterquiz JSON file; return (YAML text, bank or None, notes, problems).

    ``shuffle_answers`` is as :func:`convert` takes it."""
    p = Path(path)
    shown = display_path(p)
    text = read_text(p)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeokitDataError(Problem(shown, f"is not valid JSON: {exc.msg}", line=exc.lineno,
                                      expected="a jupyterquiz JSON file")) from None
    bank_id = bank_id or _bank_id(p)
    mapping, notes = convert(data, bank_id, title, source=p.name,
                             shuffle_answers=shuffle_answers)
    # each question is checked on its own: a problem in one skips that question, citing it as
    # the JSON numbers it, never the whole bank
    kept = []
    for q in mapping["questions"]:
        _, found = parse_bank({**mapping, "questions": [q]}, shown, bank_id)
        found = [f for f in found if f.record.startswith("questions[")]
        if found:
            notes.append(f"question {q['id'].rsplit('-q', 1)[1]} (id {q['id']}): "
                         + "; ".join(_what(f) for f in found) + "; skipped")
        else:
            kept.append(q)
    mapping["questions"] = kept
    yaml_text = bank_yaml(mapping)
    raw = yaml.load(yaml_text, Loader=LineLoader)  # noqa: S506 - a SafeLoader
    bank, problems = parse_bank(raw, f"{shown} (converted)", bank_id)
    return yaml_text, bank, notes, problems


def _what(p: Problem) -> str:
    """A problem without the converted file's name and line, which the author never sees."""
    where = f"{p.field}: " if p.field else ""
    found = f" (expected {p.expected}; found {p.found})" if p.expected or p.found else ""
    return f"{where}{p.message}{found}"


def bank_yaml(mapping: dict[str, Any]) -> str:
    head = ("# A geokit question bank converted from jupyterquiz; format: docs/quiz-format.md\n"
            "# yaml-language-server: $schema=../../../schema/quiz.schema.json\n")
    return head + yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=100)


def quiz_from_jupyterquiz(path: str | os.PathLike[str], *, student: str | None = None,
                          store: str | os.PathLike[str] | None = None,
                          shuffle_answers: bool = True) -> Any:
    """Open a jupyterquiz JSON file as a geokit quiz (saved, scored, with the same widgets).

    ``shuffle_answers=False`` (as in jupyterquiz's ``display_quiz``) shows every choice
    question's options in their authored order; by default each student sees an order of
    their own. A question's own ``shuffle_answers`` field decides for that question.

    What could not be carried over is reported in one :class:`~geokit.errors.GeokitWarning`
    and kept in ``quiz.notes``. A file that cannot be converted raises
    :class:`~geokit.errors.GeokitDataError` naming the problems.
    """
    from geokit.quizzes.core import Quiz

    _, bank, notes, problems = load_jupyterquiz(path, shuffle_answers=shuffle_answers)
    if bank is None or problems:
        raise GeokitDataError(problems or [Problem(str(path), "nothing could be converted")])
    bank = Bank(bank.id, bank.title, bank.questions, bank.description,
                article=source_article(path))
    q = Quiz(bank, None, student=student, store=store)
    q.notes = tuple(notes)
    unsupported = [n for n in notes if not n.startswith("imported questions cite")]
    if unsupported:
        warnings.warn(f"{Path(path).name}: " + "; ".join(unsupported), GeokitWarning,
                      stacklevel=2)
    return q
