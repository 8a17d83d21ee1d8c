"""The readable fallback: a quiz as plain text and as static HTML, without the answers.

Used wherever no widget front end runs (nbval, GitHub, nbviewer, a terminal). Shows prompts,
options, the items to match or order (in a fixed shuffled order that does not depend on the
correct order) and how to answer; never correct flags, feedback, explanations, accepted answers,
expected numbers, cited paragraphs (for an evidence question they are the answer) or model
answers. All data text is HTML-escaped.
"""

from __future__ import annotations

import hashlib
import html
import textwrap
from typing import TYPE_CHECKING

from geokit.data.questions import Question

if TYPE_CHECKING:  # pragma: no cover
    from geokit.quizzes.core import Quiz

__all__ = ["display_order", "quiz_html", "quiz_text", "type_label"]

_TYPE_LABEL = {
    "single_choice": "choose one",
    "multiple_select": "choose all that apply",
    "numeric": "a number",
    "short_text": "a word or short phrase",
    "matching": "match each item",
    "ordering": "put in order",
    "evidence": "pick the supporting paragraph(s)",
    "open_response": "written answer, scored by your instructor",
}


def type_label(q: Question) -> str:
    label = _TYPE_LABEL[q.type]
    if q.type == "numeric" and q.unit:
        label += f" ({q.unit})"
    return label


def display_order(question_id: str, items: tuple[str, ...] | list[str]) -> list[str]:
    """``items`` in a shuffled order fixed by the question id and the items themselves, so it is
    the same in every view and independent of the order the author wrote them in."""
    def key(item: str) -> str:
        return hashlib.sha256(f"{question_id}\0{item}".encode()).hexdigest()
    return sorted(dict.fromkeys(items), key=key)


def match_choices(q: Question) -> list[str]:
    return display_order(q.id, [*(p.right for p in q.pairs), *q.distractors])


def header(q: Question) -> str:
    pts = f"{q.points:g} pt" + ("s" if q.points != 1 else "")
    return f"[{type_label(q)} · {pts}" + (f" · {q.level}" if q.level else "") + "]"


def _candidates(q: Question, n_paragraphs: int) -> list[int]:
    return list(q.candidates) or list(range(1, n_paragraphs + 1))


def quiz_text(quiz: Quiz) -> str:
    bank = quiz.bank
    wrap = textwrap.TextWrapper(width=96, subsequent_indent="     ")
    lines = [f"Quiz: {bank.title} ({bank.article or 'no article'} / {bank.id}) - "
             f"{len(bank.questions)} questions, {bank.max_points:g} points",
             str(quiz.score()), ""]
    if bank.description:
        lines[1:1] = [bank.description]
    for i, q in enumerate(bank.questions, start=1):
        lines.append(wrap.fill(f"{i:>2}. {q.prompt}"))
        lines.append(f"     id {q.id!r} {header(q)}")
        if q.code:
            lines.extend("       " + line for line in q.code.splitlines())
        if q.type in ("single_choice", "multiple_select"):
            for o in q.options:
                lines.append(wrap.fill(f"     {o.id}) {o.text}"))
                lines.extend("         " + line for line in o.code.splitlines())
        elif q.type == "matching":
            lines.append("     items: " + "; ".join(p.left for p in q.pairs))
            lines.append("     choices: " + "; ".join(match_choices(q)))
        elif q.type == "ordering":
            lines.append("     items: " + "; ".join(display_order(q.id, q.items)))
        elif q.type == "evidence":
            cands = _candidates(q, quiz.n_paragraphs)
            if cands:
                lines.append(f"     paragraphs offered: ¶{cands[0]}-¶{cands[-1]}"
                             if cands == list(range(cands[0], cands[-1] + 1))
                             else "     paragraphs offered: "
                             + ", ".join(f"¶{n}" for n in cands))
        elif q.type == "open_response" and q.rubric:
            lines.append("     rubric: " + "; ".join(f"{r.criterion} ({r.points:g} pt)"
                                                     for r in q.rubric))
        saved = quiz.saved(q.id)
        if saved:
            lines.append(f"     answered ({saved.get('attempts', 1)} attempt"
                         f"{'s' if saved.get('attempts', 1) != 1 else ''})")
        lines.append("")
    lines.append('Answer with quiz.answer("<id>", value), or open the notebook in JupyterLab '
                 "to answer with widgets.")
    return "\n".join(lines)


def quiz_html(quiz: Quiz) -> str:
    e = html.escape
    bank = quiz.bank
    out = [f'<div class="geokit-quiz-static"><h3>Quiz: {e(bank.title)}</h3>']
    if bank.description:
        out.append(f"<p>{e(bank.description)}</p>")
    out.append(f'<p class="geokit-score">{e(str(quiz.score()))}</p><ol>')
    for q in bank.questions:
        out.append(f'<li class="geokit-question"><p>{e(q.prompt)}</p>'
                   f"<p><small><code>{e(q.id)}</code> {e(header(q))}</small></p>")
        if q.code:
            out.append(f"<pre>{e(q.code)}</pre>")
        if q.type in ("single_choice", "multiple_select"):
            out.append("<ul>" + "".join(f"<li>{e(o.id)}) {e(o.text)}"
                                        + (f"<pre>{e(o.code)}</pre>" if o.code else "") + "</li>"
                                        for o in q.options)
                       + "</ul>")
        elif q.type == "matching":
            out.append("<p>Items: " + "; ".join(e(p.left) for p in q.pairs) + "</p>"
                       "<p>Choices: " + "; ".join(e(c) for c in match_choices(q)) + "</p>")
        elif q.type == "ordering":
            out.append("<p>Items: " + "; ".join(e(i) for i in display_order(q.id, q.items))
                       + "</p>")
        elif q.type == "open_response" and q.rubric:
            out.append("<p>Rubric: " + "; ".join(f"{e(r.criterion)} ({r.points:g} pt)"
                                                 for r in q.rubric) + "</p>")
        out.append("</li>")
    out.append('</ol><p><small>Answer with <code>quiz.answer("&lt;id&gt;", value)</code>, or '
               "open the notebook in JupyterLab to answer with widgets.</small></p></div>")
    return "".join(out)
