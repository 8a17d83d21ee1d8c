"""How long a lesson takes: the one rule the lessons' stated times are measured against.

A lesson's size is its prose, its tasks and its questions:

- **prose**: the words of the markdown cells a student reads, at :data:`WORDS_PER_MINUTE`.
  Instructor notes (cells tagged ``instructor``) are not read by students; optional boxes are
  skipped too: a ``<details>`` block, or a cell whose first line says "Optional";
- **exercises**: each code exercise (a ``geokit.exercises.check("id", ...)`` in the lesson) at
  :data:`MINUTES_PER_EXERCISE`, and each essay (``essay("id")``, an open response) at the words
  it asks for, written at :data:`WRITING_WORDS_PER_MINUTE`;
- **questions**: each quiz question of the banks the lesson opens (``geokit.quiz(article,
  bank)``) at :data:`MINUTES_PER_QUESTION`;
- **the source**: the article's paragraphs the ``**Read first:**`` line names (each range as
  often as the line names it), at :data:`WORDS_PER_MINUTE`, and each figure the lesson draws
  (a ``geokit.plots.`` call) at :data:`MINUTES_PER_FIGURE`.

The stated time is the ``**Time:** about N minutes`` line of the lesson's first cell; it should
lie within :data:`TOLERANCE` of the measured time.

>>> size = LessonSize(words=1000, exercises=2, writing_words=0, questions=8, stated=20,
...                   source_words=0, figures=0)
>>> size.minutes
19.0
>>> size.fits
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["MINUTES_PER_EXERCISE", "MINUTES_PER_FIGURE", "MINUTES_PER_QUESTION", "PROSE_LIMIT",
           "TOLERANCE", "WORDS_PER_MINUTE", "WRITING_WORDS_PER_MINUTE", "LessonSize", "measure",
           "prose"]

#: reading speed for study prose
WORDS_PER_MINUTE = 200
#: a code exercise: read the task, write a few lines, run the check, read the feedback
MINUTES_PER_EXERCISE = 3
#: writing speed for an essay or open response, thinking included
WRITING_WORDS_PER_MINUTE = 20
#: a quiz question: read, answer, read the feedback
MINUTES_PER_QUESTION = 1
#: a figure: read its title, legend and caption, and find what the text points at
MINUTES_PER_FIGURE = 2
#: how far the stated time may be from the measured one (a fraction of the measured time)
TOLERANCE = 0.25
#: the most prose a lesson should ask a student to read, optional boxes aside: "about 1,000
#: words", so at most a tenth over
PROSE_LIMIT = 1100

_DETAILS = re.compile(r"<details\b.*?</details>", re.DOTALL | re.IGNORECASE)
_STATED = re.compile(r"\*\*Time:\*\*\s*about\s+(\d+)\s+minutes", re.IGNORECASE)
_CHECK = re.compile(r"(?:geokit\.exercises\.check|\bessay)\(\s*[\"']([\w-]+)[\"']")
#: ``geokit.quiz("article", "bank")``, or ``geokit.quiz(ARTICLE, "bank")`` with the article the
#: lesson's ``parameters`` cell names
_QUIZ = re.compile(r"geokit\.quiz\(\s*(?:[\"']([\w-]+)[\"']|ARTICLE)\s*,\s*[\"']([\w-]+)[\"']")
_PARAMETER = re.compile(r"^ARTICLE\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_WORD = re.compile(r"[^\W_]")
_READ_FIRST = re.compile(r"\*\*Read first:\*\*(.*)")
_REF = re.compile(r"¶(\d+)(?:\s*[–-]\s*(\d+))?")
_FIGURE = re.compile(r"geokit\.plots\.\w+\(")


@dataclass(frozen=True)
class LessonSize:
    """What a lesson asks of a student, and the time it says that takes."""

    words: int
    exercises: int
    writing_words: int
    questions: int
    stated: int | None
    source_words: int
    figures: int

    @property
    def minutes(self) -> float:
        """The measured time in minutes, by the rule above."""
        return ((self.words + self.source_words) / WORDS_PER_MINUTE
                + self.figures * MINUTES_PER_FIGURE + self.exercises * MINUTES_PER_EXERCISE
                + self.writing_words / WRITING_WORDS_PER_MINUTE
                + self.questions * MINUTES_PER_QUESTION)

    @property
    def fits(self) -> bool:
        """Whether the stated time is within the tolerance of the measured one."""
        return self.stated is not None and abs(self.stated - self.minutes) <= (
            TOLERANCE * self.minutes)


def _source(cell: Any) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def _tags(cell: Any) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def prose(notebook: Any) -> str:
    """The markdown a student must read: no instructor notes, no optional boxes."""
    out = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown" or "instructor" in _tags(cell):
            continue
        text = _source(cell)
        first = text.strip().split("\n", 1)[0]
        if "optional" in first.lower():
            continue
        out.append(_DETAILS.sub(" ", text))
    return "\n\n".join(out)


def measure(path: str | Path) -> LessonSize:
    """Measure the lesson notebook at ``path`` (its prose, exercises and quiz questions)."""
    from geokit.data.loader import load_article
    from geokit.exercises.core import find

    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    words = sum(1 for w in prose(notebook).split() if _WORD.search(w))
    code = "\n".join(_source(c) for c in notebook["cells"] if c["cell_type"] == "code"
                     and not {"solution", "hidden-check"} & _tags(c))
    exercises, writing = 0, 0
    for ex_id in dict.fromkeys(_CHECK.findall(code)):
        ex, _ = find(ex_id)
        if ex.kind == "open_response":
            writing += ex.min_words
        else:
            exercises += 1
    questions = 0
    parameter = _PARAMETER.search(code)
    for article, bank in dict.fromkeys(_QUIZ.findall(code)):
        named = article or (parameter.group(1) if parameter else "pakistan-russia-2012")
        banks = {b.id: b for b in load_article(named).quiz_banks}
        for q in banks[bank].questions:
            if q.type == "open_response":
                writing += q.min_words
            else:
                questions += 1
    first = _source(notebook["cells"][0]) if notebook["cells"] else ""
    stated = _STATED.search(first)
    read = _READ_FIRST.search(first)
    source_words = 0
    if read:
        art = load_article()
        for start, end in _REF.findall(read.group(1)):
            for n in range(int(start), int(end or start) + 1):
                source_words += len(art.paragraph(n).text.split())
    return LessonSize(words, exercises, writing, questions,
                      int(stated.group(1)) if stated else None, source_words,
                      len(_FIGURE.findall(code)))
