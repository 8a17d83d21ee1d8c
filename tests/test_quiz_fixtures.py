"""Shared builders for the quiz tests (no tests here): an article folder that holds only the
shipped text (no annotation files, so these tests do not depend on them) and a bank with one
question of every type, written with tokens that must never leak into a repr."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from geokit.data import paths as _paths

SHIPPED = "pakistan-russia-2012"

#: one question per type (two numeric: a value and a range); SECRET-* tokens are answer-only text
EVERY_TYPE = textwrap.dedent("""\
    id: every-type
    title: Every type
    description: One question of each type, for tests.
    questions:
    - id: t-single
      type: single_choice
      paragraphs: [1]
      objective: Identify the visitor.
      level: remember
      prompt: Who visited Islamabad "last week"?
      explanation: SECRET-EXPLANATION-single
      options:
      - {id: a, text: Lavrov, correct: true, feedback: SECRET-FEEDBACK-a}
      - {id: b, text: Putin, feedback: SECRET-FEEDBACK-b}
      - {id: c, text: Kayani, feedback: SECRET-FEEDBACK-c}
    - id: t-multi
      type: multiple_select
      points: 3
      paragraphs: [2]
      objective: Members of the summit.
      level: remember
      prompt: Which countries were in the Quadrilateral Summit?
      explanation: SECRET-EXPLANATION-multi
      options:
      - {id: a, text: Pakistan, correct: true, feedback: SECRET-FEEDBACK-pk}
      - {id: b, text: Russia, correct: true, feedback: SECRET-FEEDBACK-ru}
      - {id: c, text: Tajikistan, correct: true, feedback: SECRET-FEEDBACK-tj}
      - {id: d, text: India, feedback: SECRET-FEEDBACK-in}
      - {id: e, text: Iran, feedback: SECRET-FEEDBACK-ir}
    - id: t-num
      type: numeric
      paragraphs: [11]
      objective: Read a figure.
      level: remember
      unit: MW
      prompt: Capacity of the New Jamshoro Power Plant?
      explanation: SECRET-EXPLANATION-num
      answers:
      - {value: 500, tolerance: 10, feedback: SECRET-FEEDBACK-500}
      - {value: 1000, correct: false, feedback: SECRET-FEEDBACK-1000}
    - id: t-range
      type: numeric
      paragraphs: [11]
      objective: Read a range.
      level: remember
      prompt: Russian assistance for the steel mills, in million dollars?
      explanation: SECRET-EXPLANATION-range
      answers:
      - {low: 300, high: 500}
    - id: t-text
      type: short_text
      paragraphs: [12]
      objective: Name the general.
      level: remember
      prompt: Which general arrived in Moscow on October 4?
      explanation: SECRET-EXPLANATION-text
      accepted:
      - {text: Kayani, feedback: SECRET-FEEDBACK-kayani}
      - {text: Kiani}
      - {text: Makarov, correct: false, feedback: SECRET-FEEDBACK-makarov}
    - id: t-match
      type: matching
      points: 3
      paragraphs: [1, 12, 21]
      objective: Offices.
      level: understand
      prompt: Match each person with an office.
      explanation: SECRET-EXPLANATION-match
      pairs:
      - {left: Lavrov, right: Foreign Minister, feedback: SECRET-FEEDBACK-lavrov}
      - {left: Makarov, right: Chief of General Staff}
      - {left: Kabulov, right: Special Envoy for Afghanistan}
      distractors: [Ambassador]
    - id: t-order
      type: ordering
      paragraphs: [12, 14, 15]
      objective: Order the visits.
      level: apply
      prompt: Put the visits in order.
      explanation: SECRET-EXPLANATION-order
      items:
      - Postnikov visits Pakistan
      - Butt visits Moscow
      - Kayani lays a wreath
      - Kayani meets Makarov
    - id: t-evidence
      type: evidence
      points: 2
      paragraphs: [16, 18, 20]
      objective: Find evidence.
      level: analyse
      prompt: Which paragraphs show Pakistan depends on the US?
      explanation: SECRET-EXPLANATION-evidence
      evidence: [16, 18, 20]
      candidates: [12, 15, 16, 18, 20, 21]
    - id: t-open
      type: open_response
      points: 2
      paragraphs: [17, 18]
      objective: Evaluate the argument.
      level: evaluate
      prompt: How convincing is the balancing argument?
      explanation: SECRET-EXPLANATION-open
      min_words: 5
      model_answer: SECRET-MODEL-ANSWER
      rubric:
      - {criterion: Cites paragraphs, points: 1}
      - {criterion: Reaches a judgement, points: 1}
    """)


def make_article(root: Path, bank_yaml: str | None = EVERY_TYPE, *, name: str = "every-type",
                 article_id: str = "quiz-fixture") -> Path:
    """An article folder with the shipped text and metadata only, plus one bank (if given)."""
    src = _paths.articles_root() / SHIPPED
    folder = root / article_id
    (folder / "quizzes").mkdir(parents=True)
    for f in ("paragraphs.yaml", "source.txt"):
        shutil.copy(src / f, folder / f)
    meta = (src / "article.yaml").read_text(encoding="utf-8")
    (folder / "article.yaml").write_text(
        meta.replace(f"id: {SHIPPED}", f"id: {article_id}", 1), encoding="utf-8")
    if bank_yaml is not None:
        (folder / "quizzes" / f"{name}.yaml").write_text(bank_yaml, encoding="utf-8")
    return folder


def shipped_banks_copy(root: Path) -> Path:
    """The shipped text, the shipped banks and the lesson objectives they name, without the
    annotation files."""
    folder = make_article(root, None, article_id=SHIPPED)
    shutil.rmtree(folder / "quizzes")
    shutil.copytree(_paths.articles_root() / SHIPPED / "quizzes", folder / "quizzes")
    shutil.copy(_paths.articles_root() / SHIPPED / "lessons.yaml", folder / "lessons.yaml")
    return folder
