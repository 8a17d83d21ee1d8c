"""Text helpers every layer shares: normalising quotes, reading paragraph references, citing.

One paragraph-reference parser (:func:`paragraph_number`) serves quizzes and exercises alike, and
one citation formatter (:func:`cite`) writes every "¶5, ¶6" a student sees.
"""

from __future__ import annotations

import functools
import numbers
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["KEY_WORDS", "cite", "cite_compact", "is_real", "join_names", "normalise",
           "occurs_in", "option_ids", "paragraph_number", "plural"]

#: typographic quotes folded to straight ones (white space, no-break spaces included, is folded
#: by str.split)
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                         "\u00ab": '"', "\u00bb": '"', "\u2032": "'", "\u2033": '"'})

#: '6', '¶6', '¶ 6', 'p6', 'p. 6', 'para 6', 'Para. 6', 'paragraph 6' (any case, spaces around)
_REFERENCE = re.compile(r"\s*(?:¶\s*)?(?:p|para|paragraph)?\.?\s*(\d{1,9})\s*", re.IGNORECASE)


@functools.lru_cache(maxsize=512)  # the same paragraphs and page are normalised many times
def normalise(text: str) -> str:
    """Fold whitespace and typographic quotes: the only liberties a verbatim check allows.

    >>> normalise("  “silent   reset” ")
    '"silent reset"'
    """
    return " ".join(text.translate(_QUOTES).split())


def occurs_in(needle: str, haystack: str) -> bool:
    """Whether ``needle`` stands in ``haystack`` verbatim, up to :func:`normalise`."""
    return normalise(needle) in normalise(haystack)


def is_real(value: Any) -> bool:
    """A real number of any kind (int, float, numpy, Fraction, Decimal), but not True/False."""
    return isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool)


def paragraph_number(value: Any) -> int | None:
    """The paragraph a student's reference names, or ``None`` when it names none.

    Accepts whole numbers of any numeric type (6, 6.0, numpy.int64(6)) and the ways people
    write a reference: '6', '¶6', '¶ 6', 'p6', 'p. 6', 'para 6', 'Para. 6', 'paragraph 6'.

    >>> [paragraph_number(v) for v in (6, 6.0, "¶ 6", "para 6", "Paragraph 6", "p.6")]
    [6, 6, 6, 6, 6, 6]
    >>> [paragraph_number(v) for v in (True, 6.5, "six", "6a", None, float("nan"))]
    [None, None, None, None, None, None]
    """
    if isinstance(value, bool):
        return None
    if is_real(value):
        try:
            n = int(value)
        except (OverflowError, ValueError):  # inf, nan
            return None
        # a whole number of a size a paragraph can have
        return n if n == value and abs(n) < 10**9 else None
    if isinstance(value, str):
        m = _REFERENCE.fullmatch(value)
        return int(m[1]) if m else None
    return None


def cite(numbers: Iterable[int]) -> str:
    """'¶5' or '¶5, ¶6' in ascending order, each paragraph once; '' for none.

    >>> cite([6, 5, 6])
    '¶5, ¶6'
    """
    return ", ".join(f"¶{n}" for n in sorted(set(numbers)))


def cite_compact(numbers: Iterable[int]) -> str:
    """Paragraphs in runs, for labels on a figure: '¶1–5, 7, 18'; '' for none.

    >>> cite_compact([1, 2, 3, 4, 5, 7, 18])
    '¶1–5, 7, 18'
    """
    ns = sorted(set(numbers))
    runs: list[str] = []
    i = 0
    while i < len(ns):
        j = i
        while j + 1 < len(ns) and ns[j + 1] == ns[j] + 1:
            j += 1
        runs.append(str(ns[i]) if j == i else f"{ns[i]}–{ns[j]}" if j > i + 1
                    else f"{ns[i]}, {ns[j]}")
        i = j + 1
    return ("¶" + ", ".join(runs)) if runs else ""


def join_names(names: Iterable[str], limit: int = 12) -> str:
    """'A, B and C', cut after ``limit`` names with a count of the rest."""
    names = list(names)
    if len(names) > limit:
        rest = len(names) - limit
        names = [*names[:limit], f"{rest} more"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 paragraph', '2 paragraphs'.

    >>> plural(2, "analysis", "analyses")
    '2 analyses'
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"


#: words an option id must not contain: students see the ids, so they must say nothing about
#: which option is the key
KEY_WORDS = frozenset({"answer", "correct", "incorrect", "key", "right", "wrong"})

#: words too common to tell options apart
_COMMON = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "he",
    "his", "in", "into", "is", "it", "its", "of", "on", "or", "so", "such", "than", "that", "the",
    "their", "them", "there", "these", "they", "this", "to", "was", "were", "which", "who",
    "whose", "with"})


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z0-9]+", plain)
             if w not in KEY_WORDS and (len(w) > 1 or w.isdigit())]
    return [w for w in words if w not in _COMMON] or words


def option_ids(texts: Sequence[str], words: int = 3) -> list[str]:
    """Short ids for options, made from each option's own words and unique among them.

    Students see an option's id beside its text and type it to answer, so the id says only what
    the option says: up to ``words`` of its words, common words and words about correctness
    (:data:`KEY_WORDS`) left out, more words where two options would share an id, a number last.

    >>> option_ids(["Russian Foreign Minister", "President of Russia",
    ...             "Russian President's Special Envoy for Afghanistan"])
    ['russian-foreign-minister', 'president-russia', 'russian-president-special']
    >>> option_ids(["Hedging", "Hedging between Moscow and Washington", "?"])
    ['hedging', 'hedging-between-moscow', 'option']
    """
    split = [_words(t) or ["option"] for t in texts]
    ids: list[str] = []
    for i, ws in enumerate(split):
        n = words
        others = [o for j, o in enumerate(split) if j != i]
        while n < len(ws) and any(o[:n] == ws[:n] for o in others):
            n += 1
        base = "-".join(ws[:n])
        candidate, k = base, 2
        while candidate in ids:
            candidate, k = f"{base}-{k}", k + 1
        ids.append(candidate)
    return ids
