"""`geokit gradebook`: grades and item analysis from students' saved answers (registered by cli).

The output is checked before any answer is read: ``-o`` must name a file in a folder that
exists and can be written, and none of the files written may be one of the inputs. Every file
is written into a staging folder beside ``-o`` first and moved into place only once all are
complete, so a failure or a Ctrl-C leaves an earlier gradebook as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geokit.cli.output import check_file, publish, staging_folder
from geokit.cli.policy import CommandError


def _check(out: Path, responses: list[str]) -> None:
    from geokit.teach.gradebook import answer_files, output_paths

    check_file(out, example="grades.csv", what="CSV file")
    outputs = output_paths(out)
    for path in outputs[1:]:
        if path.is_dir():
            raise CommandError(f"{path} is a folder, and the gradebook writes a file there; "
                               "choose another -o")
    inputs = {p.resolve() for p in answer_files(responses)}
    clash = [p for p in outputs if p.resolve() in inputs]
    if clash:
        raise CommandError(f"-o {out} would overwrite the input {clash[0]}: write the "
                           "gradebook outside the answer files and folders", 2)


def _cmd_gradebook(args: argparse.Namespace) -> int:
    from geokit.teach.gradebook import build, collect, write

    out: Path = args.output
    _check(out, args.responses)
    submissions, report = collect(args.responses)
    if not submissions and not report.unreadable:
        hint = "quizzes save them under .geokit/<student>/<article>/<bank>.json"
        raise CommandError(f"no answer files found in {', '.join(args.responses)} ("
                           + "; ".join([*report.lines, hint]) + ")")
    book = build(submissions, report, article=args.article)
    with staging_folder(out.parent) as staging:
        write(book, staging / out.name)
        written = publish(staging, out.parent)
    for line in report.lines:
        print(line, file=sys.stderr)
    print(
        f"{len(book.students)} student(s) from {report.read} answer file(s); "
        f"{len(report.lines)} note(s) above",
        file=sys.stderr,
    )
    for path in written:
        if path.suffix != ".txt":
            print(path)
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "gradebook",
        help="grades and item analysis from students' saved answers",
        description="Read students' saved quiz answers (files, or folders searched for *.json, "
        "e.g. collected .geokit/ folders), regrade them against the current question banks and "
        "write: OUT (points per student, per bank and in total), OUT-open.csv (open responses "
        "to score by rubric), OUT-items.csv (share correct, most common wrong answer, "
        "discrimination index), OUT-objectives.csv (mastery per learning objective) and "
        "OUT-summary.png (with its alt text in OUT-summary.txt). Missing, partial, duplicate "
        "and corrupt files are reported on stderr; no student is dropped. OUT's folder must "
        "exist; the files are replaced only once all of them are written.",
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
    p.add_argument("--article", metavar="ID", help="article id (default: the one the answers name)")
    p.set_defaults(func=_cmd_gradebook)
