"""The captured page and the body: every paragraph is one passage of the page, exactly.

A passage is a run of non-blank lines of the page (its line breaks read as single spaces, so a
hard-wrapped page still matches), or one line of such a run (for pages that put one paragraph on
each line). A paragraph must equal a passage character for character, typographic quotes and
all, and the paragraphs must follow the page's order. Checking only that a paragraph *occurs* in
the page would let a paragraph that YAML cut short pass: in an unquoted value, `` #`` starts a
comment, and what is left of the paragraph still occurs in the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Mismatch", "Passage", "compare", "passages"]


@dataclass(frozen=True)
class Passage:
    """A passage of the page: its text and the line (from 1) it starts on."""

    line: int
    text: str


@dataclass(frozen=True)
class Mismatch:
    """How paragraph ``index`` (from 0) differs from the page."""

    index: int
    message: str
    expected: str
    found: str


def passages(page: str) -> list[Passage]:
    """Every passage of ``page`` in page order: each run of lines, then each of its lines.

    >>> [p.text for p in passages("Title\\n\\nOne line\\nand more.\\n")]
    ['Title', 'One line and more.', 'One line', 'and more.']
    """
    out: list[Passage] = []
    run: list[tuple[int, str]] = []

    def close() -> None:
        if run:
            out.append(Passage(run[0][0], " ".join(text for _, text in run)))
            if len(run) > 1:
                out.extend(Passage(n, text) for n, text in run)
            run.clear()

    for n, line in enumerate(page.splitlines(), start=1):
        if line.strip():
            run.append((n, line.strip()))
        else:
            close()
    close()
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _likeness(a: str, b: str) -> int:
    """How much of ``a`` and ``b`` agrees at the start or at the end."""
    return max(_common_prefix(a, b), _common_prefix(a[::-1], b[::-1]))


def _show(text: str, start: int, width: int = 30, *, lead: bool = True) -> str:
    """``text[start:start + width]`` quoted, with '…' where it is cut (at the start if ``lead``)."""
    start = max(0, start)
    piece = text[start:start + width]
    return repr(("…" if start and lead else "") + piece
                + ("…" if start + width < len(text) else ""))


def _explain(index: int, text: str, best: Passage, source: str) -> Mismatch:
    """Why ``text`` is not the passage it comes closest to, ``best``."""
    page = best.text
    k = _common_prefix(text, page)
    where = f"the passage of {source} at line {best.line}, exactly"
    if k == len(text) < len(page):
        rest = page[k:]
        hint = ""
        if rest.lstrip(" ").startswith("#"):
            hint = ("; YAML reads ' #' in an unquoted value as the start of a comment: "
                    "put the text in quotes")
        return Mismatch(index, "paragraph stops short of the page" + hint, where,
                        f"the text ends at {_show(text, k - 20, 20)}; the page goes on "
                        f"{_show(page, k, lead=False)}")
    if k == len(page) < len(text):
        return Mismatch(index, "paragraph runs on past the page's passage", where,
                        f"the page's passage ends at {_show(page, k - 20, 20)}; the text "
                        f"goes on {_show(text, k, lead=False)}")
    return Mismatch(index, f"paragraph differs from the page at character {k + 1}", where,
                    f"{_show(text, k - 10)} where the page has {_show(page, k - 10)}")


def _longest_rising(pairs: list[tuple[int, int]]) -> set[int]:
    """The indexes of a longest run of ``(index, line)`` pairs whose lines rise."""
    best: list[list[int]] = []  # best[i]: a longest rising chain ending at pairs[i]
    for i, (_, line) in enumerate(pairs):
        chain: list[int] = []
        for j in range(i):
            if pairs[j][1] < line and len(best[j]) > len(chain):
                chain = best[j]
        best.append([*chain, i])
    longest = max(best, key=len, default=[])
    return {pairs[i][0] for i in longest}


def compare(paragraphs: Sequence[str], page: str, source: str = "source.txt") -> list[Mismatch]:
    """Each paragraph that is not, exactly and in order, a passage of ``page``.

    ``source`` names the page in messages.

    >>> page = "Home\\n\\nThe pier # 4 reopened.\\n\\nThe end.\\n"
    >>> compare(["The pier # 4 reopened.", "The end."], page)
    []
    >>> print(compare(["The pier", "The end."], page)[0].message)
    paragraph stops short of the page; YAML reads ' #' in an unquoted value as the start of a
    comment: put the text in quotes
    """
    found = passages(page)
    lines: dict[str, list[int]] = {}
    for p in found:
        lines.setdefault(p.text, []).append(p.line)
    # where each paragraph stands on the page: the first place after the paragraph before it
    at: list[int | None] = []
    previous = 0
    for raw in paragraphs:
        places = lines.get(raw.strip(), [])
        line = next((n for n in places if n > previous), places[0] if places else None)
        at.append(line)
        previous = line if line is not None else previous
    in_order = _longest_rising([(i, n) for i, n in enumerate(at) if n is not None])
    out: list[Mismatch] = []
    for index, raw in enumerate(paragraphs):
        text = raw.strip()
        if at[index] is not None:
            if index not in in_order:  # the passage is there, in the wrong place
                out.append(Mismatch(index, "paragraph is out of the page's order",
                                    f"paragraphs in the order of {source}",
                                    f"the passage at line {at[index]}, out of step with the "
                                    "paragraphs around it"))
            continue
        if not found:
            out.append(Mismatch(index, "paragraph text is not in the captured page",
                                f"a passage of {source}", "an empty page"))
            continue
        best = max(found, key=lambda p: (_likeness(text, p.text), -p.line))
        if _likeness(text, best.text) < min(12, len(text)):
            out.append(Mismatch(index, "paragraph text is not in the captured page",
                                f"a passage of {source}, exactly",
                                repr(text[:50] + ("..." if len(text) > 50 else ""))))
            continue
        out.append(_explain(index, text, best, source))
    return out
