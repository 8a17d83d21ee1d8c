"""Graders over arguments and prose: ``premises`` and ``open_response``.

- ``premises``: statements of an argument, lettered A, B, ...; the student names the premises
  (nodes with role premise) and the unstated assumption (the node with stated: false).
- ``open_response``: read by the instructor. The check looks only at the form (enough words, a
  paragraph cited, no paragraph that does not exist) and then shows the rubric from the data.
"""

from __future__ import annotations

import re
from typing import Any

from geokit.data.exercise_checks import premise_nodes
from geokit.data.exercises import Exercise
from geokit.data.model import Article
from geokit.data.query import argument_of, fill
from geokit.data.text import cite
from geokit.exercises.feedback import Feedback, Invalid

__all__ = ["OPEN_ANSWER", "open_expected", "open_grade", "premises_expected",
           "premises_grade", "premises_items"]

OPEN_ANSWER = "(open response; the instructor reads it against the rubric)"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: a note in brackets that opens the text of an unstated step, e.g. "(Our words, ...)"
_NOTE = re.compile(r"^\([^()]*\)\s*")


# -- premises -----------------------------------------------------------------------------------


def _lettered(ex: Exercise, art: Article) -> list[tuple[str, Any]]:
    nodes = premise_nodes(argument_of(art, ex.argument), ex.items)
    return list(zip(_LETTERS, nodes, strict=False))  # at most 26: the validator says so


def _plain_text(node: Any) -> str:
    text = node.text.strip()
    return text if node.stated else _NOTE.sub("", text)


def premises_items(ex: Exercise, art: Article) -> tuple[tuple[str, str], ...]:
    return tuple((k, _plain_text(n)) for k, n in _lettered(ex, art))


def premises_expected(ex: Exercise, art: Article) -> dict[str, Any]:
    letters = _lettered(ex, art)
    return {
        "premises": sorted(k for k, n in letters if n.role == "premise"),
        "assumption": next(k for k, n in letters if not n.stated),
    }


def premises_grade(ex: Exercise, art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict) or "premises" not in answer:
        raise Invalid(
            "This exercise expects a dict like {'premises': ['A', 'B'], "
            "'assumption': 'C'} (letters from the task)."
        )
    letters = dict(_lettered(ex, art))
    prem = answer["premises"]
    prem = [prem] if isinstance(prem, str) else prem
    if not isinstance(prem, (list, tuple, set)):
        raise Invalid("'premises' should be a list of letters such as ['A', 'B'].")
    got = {str(x).strip().upper() for x in prem}
    bad = sorted(got - set(letters))
    if bad:
        raise Invalid(f"{', '.join(bad)}: not a letter of the task; use " + ", ".join(letters))
    want = {k for k, n in letters.items() if n.role == "premise"}
    want_assumption = {k for k, n in letters.items() if not n.stated}
    words = ex.feedback
    details, paras = [], set()
    for k in sorted(got - want):
        n = letters[k]
        if not n.stated:
            details.append(
                f"{k} is something the argument needs but never says; that makes "
                "it an assumption rather than a stated premise."
            )
        elif n.role == "objection":
            details.append(
                f"{k} ({cite(n.paragraphs)}) speaks against the claim; a premise supports it."
            )
        else:
            details.append(
                f"{k} ({cite(n.paragraphs)}) narrows how far the claim goes (a "
                "limit); it does not give a reason for it."
            )
        paras.update(n.paragraphs)
    missing = sorted(want - got)
    for k in missing:
        paras.update(letters[k].paragraphs)
    if missing:
        details.append(fill(
            words.missing if words and words.missing else
            "{count} premise(s) missing: which statements give reasons for the conclusion?",
            count=len(missing)))
    a = answer.get("assumption")
    a_ok = isinstance(a, str) and a.strip().upper() in want_assumption
    if a is None or a is ...:
        details.append("Name the unstated assumption too: 'assumption': 'X'.")
    elif not a_ok:
        details.append(fill(
            words.hint if words and words.hint else
            "{answer!r} is not the unstated assumption; look for the statement with no "
            "paragraph behind it.", answer=a))
    if not details:
        return Feedback(
            ex.id,
            "correct",
            "Premises, and the assumption the argument leaves unstated, found.",
            paragraphs=tuple(sorted(p for n in letters.values() for p in n.paragraphs)),
        )
    return Feedback(
        ex.id,
        "partial" if (got & want) or a_ok else "incorrect",
        f"{len(got & want)} of {len(want)} premises; assumption "
        f"{'right' if a_ok else 'not yet right'}.",
        tuple(details),
        tuple(sorted(paras)),
    )


# -- open response ------------------------------------------------------------------------------


def open_expected(ex: Exercise, art: Article) -> str:
    return OPEN_ANSWER


def open_grade(ex: Exercise, art: Article, answer: Any) -> Feedback:
    """Check only the form, then show the rubric: the instructor reads the substance."""
    example = ex.item_example or "¶1"
    if not isinstance(answer, str):
        raise Invalid(
            'Write your answer as a string: answer = """...""" (a few sentences, '
            f"citing paragraphs like {example})."
        )
    words = len(answer.split())
    cited = [int(n) for n in re.findall(r"¶\s*(\d+)", answer)]
    details = []
    if words < ex.min_words:
        details.append(
            f"{words} words: write at least {ex.min_words}, so that your reasons have room."
        )
    if not cited:
        details.append(f"Cite at least one paragraph by its number, for example {example}.")
    bad = [n for n in cited if not 1 <= n <= len(art.paragraphs)]
    if bad:
        details.append(
            f"¶{bad[0]} does not exist; the article has ¶1 to ¶{len(art.paragraphs)}."
        )
    if details:
        return Feedback(ex.id, "incorrect", "Not ready to hand in yet.", tuple(details))
    return Feedback(
        ex.id,
        "submitted",
        f"{words} words, citing {cite(cited)}. Your instructor reads the substance; before "
        "you hand it in, check it against the rubric:",
        ex.rubric,
    )
