"""`geokit gradebook`: grades and item analysis from students' saved answers (registered by cli).

The output is checked before any grade is written: ``-o`` must name a file in a folder that
exists and can be written, and none of the files written may be one of the inputs. Every file
is written into a staging folder beside ``-o`` first and moved into place only once all are
complete, so a failure or a Ctrl-C leaves an earlier gradebook as it was. The rubric scores an
instructor filled in an earlier ``OUT-open.csv`` are merged in, never overwritten.

Answers for several articles in one run give one set of files per article, named
``OUT-<article>.csv`` and so on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geokit.cli.output import check_file, publish, staging_folder
from geokit.cli.policy import CommandError


def _check(outputs: list[Path], inputs: set[Path], out: Path) -> None:
    for path in outputs[1:]:
        if path.is_dir():
            raise CommandError(f"{path} is a folder, and the gradebook writes a file there; "
                               "choose another -o")
    clash = [p for p in outputs if p.resolve() in inputs]
    if clash:
        raise CommandError(f"-o {out} would overwrite the input {clash[0]}: write the "
                           "gradebook outside the answer files and folders", 2)


def _cmd_gradebook(args: argparse.Namespace) -> int:
    from geokit.teach.gradebook import answer_files, build_all, collect, output_paths, write

    out: Path = args.output
    check_file(out, example="grades.csv", what="CSV file")
    inputs = {p.resolve() for p in answer_files(args.responses)}
    _check(output_paths(out), inputs, out)
    submissions, report = collect(args.responses)
    if not submissions and not report.unreadable:
        hint = "quizzes save them under .geokit/<student>/<article>/<bank>.json"
        raise CommandError(f"no answer files found in {', '.join(args.responses)} ("
                           + "; ".join([*report.lines, hint]) + ")")
    books = build_all(submissions, report, articles=args.article or ())
    targets = [out if len(books) == 1 else out.with_name(f"{out.stem}-{b.article}{out.suffix}")
               for b in books]
    for target in targets:
        _check(output_paths(target), inputs, out)
    written: list[Path] = []
    with staging_folder(out.parent) as staging:
        for book, target in zip(books, targets, strict=True):
            try:
                write(book, staging / target.name, scored=output_paths(target)[1])
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        written = publish(staging, out.parent)
    for line in report.lines:
        print(line, file=sys.stderr)
    print(
        f"{sum(len(b.students) for b in books)} student(s) in {len(books)} article(s) from "
        f"{report.read} answer file(s); {len(report.lines)} note(s) above",
        file=sys.stderr,
    )
    for path in written:
        if path.suffix != ".txt":
            print(path)
    return 0 if books else 1


def register(sub: Any) -> None:
    p = sub.add_parser(
        "gradebook",
        help="grades and item analysis from students' saved answers",
        description="Read students' saved quiz answers (files, or folders searched for *.json, "
        "e.g. collected .geokit/ folders), regrade them against the current question banks and "
        "write: OUT (points per student, per bank and in total, rubric scores included), "
        "OUT-open.csv (open responses, one score column per rubric item; filled scores are "
        "kept when the command runs again), OUT-items.csv (share correct, most common wrong "
        "answer, discrimination index), OUT-objectives.csv (mastery per lesson objective) and "
        "OUT-summary.png (with its alt text in OUT-summary.txt). Answers for several articles "
        "give one set per article, OUT-<article>.csv and so on. Missing, partial, duplicate "
        "and corrupt files and symbolic links are reported on stderr; no student is dropped. "
        "OUT's folder must exist; the files are replaced only once all of them are written.",
        epilog="example: geokit gradebook collected/*/.geokit -o grades.csv",
    )
    p.add_argument("responses", nargs="+", metavar="RESPONSES", help="answer files or folders")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("grades.csv"),
        metavar="FILE",
        help="the per-student CSV; the other files are named after it (default: grades.csv)",
    )
    p.add_argument("--article", metavar="ID_OR_FOLDER", action="append",
                   help="grade this article (an installed id or an article folder); repeat for "
                   "several (default: every article the answers name)")
    p.set_defaults(func=_cmd_gradebook)
