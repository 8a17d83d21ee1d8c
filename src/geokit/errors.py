"""Errors that name the culprit: file, record, field, what was expected and what was found."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ArticleNotFoundError", "GeokitDataError", "GeokitWarning", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in the data.

    ``str(problem)`` is a single line in the style of compiler messages, so that an editor or a
    terminal can jump to it::

        data/articles/x/actors.yaml:12: actors[3] 'lavrov', field 'kind': expected one of ...;
        found 'persn'
    """

    file: str
    message: str
    record: str = ""
    field: str = ""
    expected: str = ""
    found: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [p for p in (self.record, f"field '{self.field}'" if self.field else "") if p]
        head = f"{where}: " + (", ".join(parts) + ": " if parts else "")
        detail = self.message
        if self.expected or self.found:
            detail += f" (expected {self.expected or '?'}; found {self.found or 'nothing'})"
        return _one_line(head + detail)


def _one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped: one problem, one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class GeokitDataError(ValueError):
    """Bad data in an article folder or a question bank.

    Carries every :class:`Problem` found, so a caller can show them all; ``str()`` lists them one
    per line. The first problem's ``file``, ``record``, ``field`` and ``line`` are also exposed as
    attributes for the common case of a single problem.
    """

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = [problems] if isinstance(problems, Problem) else problems
        first = self.problems[0]
        self.file, self.record, self.field, self.line = (
            first.file,
            first.record,
            first.field,
            first.line,
        )
        super().__init__("\n".join(str(p) for p in self.problems))


class ArticleNotFoundError(GeokitDataError, LookupError):
    """An article id that is neither bundled nor a folder on disk."""


class GeokitWarning(UserWarning):
    """Something to fix that does not stop the lesson (the tests turn it into an error)."""
