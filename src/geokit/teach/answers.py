"""Reading students' answer files for the gradebook: every input read or named, never dropped.

Each file given, and each ``*.json`` under each folder given, is read as an answer file (the
format of ``docs/quiz-format.md``). Whatever cannot be read gets one line in the
:class:`Report` naming the file and what was done: a folder that cannot be listed, a symbolic
link (reported, not followed, so a link cannot pull files from outside the collected folder), a
file that is not JSON, a file with no or an unknown format version. A UTF-8 byte-order mark,
which some editors and Windows tools add, is read as the plain file it is.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geokit.quizzes.store import FORMAT, FORMAT_VERSION  # the answer-file format the quizzes write

__all__ = ["Report", "Submission", "answer_files", "collect"]


#: a file in a folder of answers naming every student of the class, one a line (``#`` starts a
#: comment line): those who handed in nothing still get a row (``geokit hub collect`` writes one)
ROSTER = "roster.txt"


@dataclass
class Submission:
    """One student's saved answers to one bank."""

    student: str
    article: str
    bank: str
    updated: str
    answers: dict[str, dict[str, Any]]
    path: str


@dataclass
class Report:
    """What the gradebook did with each input, for the instructor to read."""

    read: int = 0
    lines: list[str] = field(default_factory=list)
    #: files that could not be read; their student may still be known from the path
    unreadable: list[Path] = field(default_factory=list)
    #: students named in a roster file, answers or not
    roster: list[str] = field(default_factory=list)

    def add(self, path: Path | str, what: str) -> None:
        self.lines.append(f"{path}: {what}")


def _walk(folder: Path, report: Report) -> list[Path]:
    """The ``*.json`` files under ``folder``, reporting links and folders it cannot list."""
    found: list[Path] = []

    def unlistable(exc: OSError) -> None:
        report.add(exc.filename, f"skipped: cannot read this folder ({exc.strerror or exc})")

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unlistable):
        here = Path(dirpath)
        for name in sorted(dirnames):
            if (here / name).is_symlink():
                report.add(here / name, "skipped: a symbolic link to a folder; not followed")
        dirnames[:] = sorted(d for d in dirnames if not (here / d).is_symlink())
        for name in sorted(filenames):
            path = here / name
            if ".json.corrupt-" in name:
                report.add(path, "note: a file geokit set aside as unreadable; not graded")
            elif not name.endswith(".json") or name.startswith("."):
                continue
            elif path.is_symlink():
                report.add(path, "skipped: a symbolic link; not followed (copy the file in)")
            else:
                found.append(path)
    return found


def answer_files(paths: Iterable[str | Path], report: Report | None = None) -> list[Path]:
    """The files :func:`collect` reads: each file given, and the ``*.json`` in each folder.

    Symbolic links inside a folder are reported and not followed; a link given by name on the
    command line is the instructor's own choice and is read.
    """
    report = report if report is not None else Report()
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = _walk(p, report)
            roster = p / ROSTER
            if not found and not roster.is_file():
                report.add(p, "skipped: no .json answer files in this folder")
            out += found
            if roster.is_file():
                lines = roster.read_text(encoding="utf-8-sig").splitlines()
                report.roster += [n for n in map(str.strip, lines) if n and not n.startswith("#")]
        elif p.is_file():
            out.append(p)
        else:
            report.add(p, "skipped: no such file or folder")
    return out


def collect(paths: Iterable[str | Path]) -> tuple[list[Submission], Report]:
    """Read answer files; keep the newest of duplicates; report everything skipped and why."""
    report = Report()
    chosen: dict[tuple[str, str, str], Submission] = {}
    for path in answer_files(paths, report):
        try:
            # utf-8-sig: a byte-order mark is not part of the JSON, and reading it as text
            # would otherwise make a student vanish
            data = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            why = (exc.strerror if isinstance(exc, OSError)
                   else "nested too deeply" if isinstance(exc, RecursionError)
                   else str(exc).split(":")[0])
            report.add(path, f"skipped: not readable JSON ({why})")
            report.unreadable.append(path)
            continue
        problem = shape_problem(data)
        if problem:
            report.add(path, f"skipped: {problem}")
            report.unreadable.append(path)
            continue
        report.read += 1
        sub = Submission(data["student"], data["article"], data["bank"],
                         str(data.get("updated", "")), data["answers"], str(path))
        key = (sub.student, sub.article, sub.bank)
        if key in chosen:
            old = chosen[key]
            newer, older = (sub, old) if sub.updated >= old.updated else (old, sub)
            report.add(
                older.path,
                f"duplicate of {newer.path} for student {sub.student!r}, bank "
                f"{sub.bank!r}: kept the newer one (updated {newer.updated})",
            )
            chosen[key] = newer
        else:
            chosen[key] = sub
    return list(chosen.values()), report


def shape_problem(data: Any) -> str:
    """Why ``data`` is not an answer file this geokit can grade; empty when it is one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return f'not a geokit answer file (no "format": "{FORMAT}")'
    if "version" not in data:
        return (f'no format "version" in the file (this geokit reads version {FORMAT_VERSION}); '
                "it was not saved by geokit or was edited by hand")
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        return f"format version {version!r} is not a whole number"
    if version < 1:
        return (f"an old or unknown format version {version} (this geokit reads versions 1 to "
                f"{FORMAT_VERSION})")
    if version > FORMAT_VERSION:
        return (f"written by a newer geokit (format version {version}; this one reads "
                f"{FORMAT_VERSION}): upgrade geokit to grade it")
    for key in ("student", "article", "bank"):
        if not isinstance(data.get(key), str) or not data[key]:
            return f"no {key!r} named in the file"
    answers = data.get("answers")
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) for k, v in answers.items()
    ):
        return '"answers" is not a mapping of question id to answer records'
    return ""
