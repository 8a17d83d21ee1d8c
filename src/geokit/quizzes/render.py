"""The readable fallback: a quiz as plain text and as static HTML, without the answers.

Used wherever no widget front end runs (nbval, GitHub, nbviewer, a terminal). Shows prompts,
options, the items to match or order (in the quiz's student's own order, the one the widgets
show, which does not depend on the answer key or the authored order) and how to answer; never
correct flags, feedback, explanations, accepted answers, expected numbers, cited paragraphs (for
an evidence question they are the answer) or model answers. All data text is HTML-escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from geokit.data.feedback import STATUSES, css_class
from geokit.data.questions import Question
from geokit.quizzes.reveal import rules_text
from geokit.quizzes.types import fill, question_type

if TYPE_CHECKING:  # pragma: no cover
    from geokit.quizzes.core import Quiz

__all__ = ["PRINT_CLASS", "header", "quiz_html", "quiz_text", "type_label"]


def type_label(q: Question) -> str:
    """How the question is answered, e.g. 'choose one' or 'a number (MW)'."""
    return question_type(q.type).header_label(q)


def header(q: Question) -> str:
    pts = f"{q.points:g} pt" + ("s" if q.points != 1 else "")
    return f"[{type_label(q)} · {pts}" + (f" · {q.level}" if q.level else "") + "]"


def quiz_text(quiz: Quiz) -> str:
    bank = quiz.bank
    lines = [f"Quiz: {bank.title} ({bank.article or 'no article'} / {bank.id}) - "
             f"{len(bank.questions)} questions, {bank.max_points:g} points",
             str(quiz.score()), ""]
    if bank.description:
        lines[1:1] = [bank.description]
    if rules_text(bank):
        lines.insert(-2, fill(rules_text(bank)))
    for i, q in enumerate(bank.questions, start=1):
        lines.append(fill(f"{i:>2}. {q.prompt}"))
        lines.append(f"     id {q.id!r} {header(q)}")
        if q.code:
            lines.extend("       " + line for line in q.code.splitlines())
        lines.extend(question_type(q.type).text(q, quiz.n_paragraphs, quiz.display_order(q)))
        saved = quiz.saved(q.id)
        stale = quiz.stale(q.id)
        if stale:
            lines.append(fill(f"     {stale}"))
        elif saved:
            left = " · no tries left" if quiz.tries_left(q.id) == 0 else ""
            lines.append(f"     answered ({saved.get('attempts', 1)} attempt"
                         f"{'s' if saved.get('attempts', 1) != 1 else ''}{left})")
        lines.append("")
    lines.append('Answer with quiz.answer("<id>", value), or open the notebook in JupyterLab '
                 "to answer with widgets.")
    return "\n".join(lines)


#: the class of the printable copy shown beside the widgets; the widgets' own style sheet hides
#: it, so it shows only where no widget renders (an nbconvert HTML export read offline)
PRINT_CLASS = "geokit-quiz-print"


def quiz_html(quiz: Quiz, wrapper: str = "geokit-quiz-static") -> str:
    """The quiz as static HTML (prompts, options, how to answer), never the answers."""
    e = html.escape
    bank = quiz.bank
    out = [f'<div class="{e(wrapper)}"><h3>Quiz: {e(bank.title)}</h3>']
    if bank.description:
        out.append(f"<p>{e(bank.description)}</p>")
    if rules_text(bank):
        out.append(f'<p class="geokit-rules">{e(rules_text(bank))}</p>')
    out.append(f'<p class="geokit-score">{e(str(quiz.score()))}</p><ol>')
    for q in bank.questions:
        saved = quiz.saved(q.id) or {}
        stale = quiz.stale(q.id)
        status = "invalid" if stale else saved.get("status", "unanswered")
        mark = f" {css_class(status)}" if status in STATUSES else ""
        out.append(f'<li class="geokit-question{mark}"><p>{e(q.prompt)}</p>'
                   f"<p><small><code>{e(q.id)}</code> {e(header(q))}</small></p>")
        if q.code:
            out.append(f"<pre>{e(q.code)}</pre>")
        out.append(question_type(q.type).html(q, quiz.n_paragraphs, quiz.display_order(q)))
        if stale:
            out.append(f'<p class="geokit-warning"><small>{e(stale)}</small></p>')
        out.append("</li>")
    out.append('</ol><p><small>Answer with <code>quiz.answer("&lt;id&gt;", value)</code>, or '
               "open the notebook in JupyterLab to answer with widgets.</small></p></div>")
    return "".join(out)
