"""Split a text file into the page, its header (headline, byline) and the body's paragraphs.

Plain text is all body, but for a headline, a byline ("By ...") and a date line at its top. A
captured page (navigation, advertisements, footer) marks its body with a line ``[body]`` before
it and a line ``[/body]`` after it; the marker lines are dropped and the rest is kept, byte for
byte, as ``source.txt``. Paragraphs are the runs of lines between blank lines, their line breaks
read as spaces, exactly as :func:`geokit.data.page.passages` reads them, so that every paragraph
is a passage of the page; a text without blank lines has a paragraph on each line. A short line
standing alone without closing punctuation is a sub-heading: it becomes the ``section`` of the
paragraphs under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geokit.errors import GeokitDataError, Problem

__all__ = ["BODY_END", "BODY_START", "Body", "split_body"]

BODY_START = "[body]"
BODY_END = "[/body]"

_BYLINE = re.compile(r"^(?:By|BY|by)\s+(.{2,80})$")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATE_LINE = re.compile(
    rf"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+"
    rf"\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:\s*[|,·-]?\s*\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?.*)?$"
)
_ENDS_A_SENTENCE = re.compile(r"[.!?:;,\"”’')\]]$")


@dataclass(frozen=True)
class Body:
    """What :func:`split_body` finds: the page to keep, the header, the paragraphs."""

    page: str
    paragraphs: tuple[tuple[str, str | None], ...]  # (text, section)
    title: str | None
    author: str | None


def _runs(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines, stripped."""
    runs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _marked(text: str, source: str) -> tuple[str, list[str]]:
    """The page without marker lines, and the lines of the marked body (all, if unmarked)."""
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip().lower() in (BODY_START, BODY_END)]
    if not marks:
        return text, lines
    kinds = [lines[i].strip().lower() for i in marks]
    if kinds != [BODY_START, BODY_END]:
        raise GeokitDataError(Problem(
            source, "the body is marked wrongly", line=marks[0] + 1,
            expected=f"one line {BODY_START} before the body and one line {BODY_END} after it",
            found=", ".join(f"{k} on line {i + 1}" for k, i in zip(kinds, marks, strict=True))))
    start, end = marks
    page = "".join(line for i, line in enumerate(text.splitlines(keepends=True))
                   if i not in (start, end))
    return page, lines[start + 1:end]


def _is_heading(run: list[str]) -> bool:
    text = " ".join(run)
    return len(run) == 1 and len(text.split()) <= 10 and not _ENDS_A_SENTENCE.search(text)


def split_body(text: str, source: str = "source.txt", title: str | None = None) -> Body:
    """Find the body of ``text``; ``source`` names the file in messages.

    ``title``, when given, is the headline: a leading line equal to it is not a paragraph.

    >>> body = split_body("Talks resume\\n\\nBy A. Writer\\n\\nThey met.\\n\\nThey left.\\n")
    >>> body.title, body.author, body.paragraphs
    ('Talks resume', 'A. Writer', (('They met.', None), ('They left.', None)))
    """
    page, lines = _marked(text, source)
    runs = _runs(lines)
    if len(runs) == 1:  # no blank line between any two lines: a paragraph on each line
        runs = [[line] for line in runs[0]]
    found_title: str | None = None
    author: str | None = None
    # the header: headline, byline and date line before the first paragraph, in any order
    while runs:
        first = " ".join(runs[0])
        if title is not None and first == title.strip():
            found_title = first
        elif (m := _BYLINE.match(first)) and len(first.split()) <= 10:
            author = m[1].strip()
        elif _DATE_LINE.match(first):
            pass
        elif (found_title is None and title is None and len(runs) > 1 and _is_heading(runs[0])):
            found_title = first
        else:
            break
        runs.pop(0)
    paragraphs: list[tuple[str, str | None]] = []
    section: str | None = None
    for i, run in enumerate(runs):
        if i + 1 < len(runs) and paragraphs and _is_heading(run) and not _is_heading(runs[i + 1]):
            section = run[0]
            continue
        paragraphs.append((" ".join(run), section))
    if not paragraphs:
        raise GeokitDataError(Problem(
            source, "no paragraphs found", expected="the article's text, paragraphs separated "
            f"by blank lines (a captured page marks its body with {BODY_START} ... {BODY_END})",
            found="an empty text" if not text.strip() else "only a headline and a byline"))
    return Body(page, tuple(paragraphs), found_title if title is None else title.strip(), author)
