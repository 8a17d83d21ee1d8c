"""`geokit quiz ...` subcommands (registered by geokit.cli). Handlers import lazily."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geokit.cli.output import check_file, write_text
from geokit.cli.policy import CommandError

IMPORT_HELP = """\
Convert a jupyterquiz JSON bank (a list of questions of the types multiple_choice,
many_choice, numeric and string) into a geokit question bank, check it, and print it as
YAML on stdout (or write it with -o).

Every jupyterquiz field is either carried over or reported on stderr as a note (for
example 'hide', 'answer_cols' and question types geokit does not import); nothing is
dropped silently. Imported questions cite no paragraphs and have no objective, level or
explanation: add those before putting the bank in an article's quizzes/ folder, then run
`geokit validate`. A problem in one question skips that question with a note naming
it (its number in the JSON list and its id); the others are kept. Exit status: 0 when
the converted bank is valid, 1 otherwise (no question could be kept, or the file is not
a jupyterquiz bank).
"""

IMPORT_EPILOG = """\
examples:
  geokit quiz import questions.json                       YAML on stdout, notes on stderr
  geokit quiz import questions.json --id review -o data/articles/my-article/quizzes/review.yaml
"""


def _cmd_import(args: argparse.Namespace) -> int:
    from geokit.quizzes.jupyterquiz import load_jupyterquiz

    if args.output is not None:
        check_file(args.output, example="bank.yaml", what="YAML file")
    try:
        yaml_text, bank, notes, problems = load_jupyterquiz(
            args.file, args.id, args.title or "", shuffle_answers=args.shuffle_answers)
    except RecursionError:
        raise CommandError(f"{args.file}: nested too deeply to read (brackets within brackets "
                           f"beyond Python's limit of about {sys.getrecursionlimit()} levels); "
                           "a jupyterquiz bank is a list of questions") from None
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    for p in problems:
        print(p, file=sys.stderr)
    if problems or bank is None:
        print(f"{len(problems)} problem(s) in the converted bank; not written", file=sys.stderr)
        return 1
    if args.output:
        write_text(args.output, yaml_text)
        print(f"wrote {args.output} ({len(bank.questions)} questions)", file=sys.stderr)
    else:
        sys.stdout.write(yaml_text)
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("quiz", help="question banks: import jupyterquiz banks",
                       description="Work with question banks (quizzes/*.yaml beside an article; "
                       "format in docs/quiz-format.md). `geokit validate` checks the banks of "
                       "an article; `geokit export` includes them.",
                       epilog="example: geokit quiz import questions.json > review.yaml",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    qsub = p.add_subparsers(dest="quiz_subcommand", metavar="SUBCOMMAND")
    imp = qsub.add_parser("import", help="convert a jupyterquiz JSON bank to geokit YAML",
                          description=IMPORT_HELP, epilog=IMPORT_EPILOG,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    imp.add_argument("file", type=Path, metavar="FILE.json", help="the jupyterquiz JSON file")
    imp.add_argument("--id", help="bank id (default: the file name, lower-case with hyphens)")
    imp.add_argument("--title", help="bank title (default: 'Imported from FILE.json')")
    imp.add_argument("-o", "--output", type=Path, metavar="OUT.yaml",
                     help="write the YAML here instead of stdout (its folder must exist)")
    imp.add_argument("--no-shuffle-answers", dest="shuffle_answers", action="store_false",
                     help="keep every choice question's options in the authored order, as "
                     "jupyterquiz's display_quiz(..., shuffle_answers=False) shows them "
                     "(default: each student sees an order of their own)")
    imp.set_defaults(func=_cmd_import)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
