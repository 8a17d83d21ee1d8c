"""`geokit quiz ...` subcommands (registered by geokit.cli). Handlers import lazily."""

from __future__ import annotations

import argparse
import re
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


GENERATE_HELP = """\
Write a draft question bank (YAML, in the format of docs/quiz-format.md) from an article's own
records: who is quoted saying what, and through which channel; when a dated event happened;
which paragraph supports a claim; people matched to their roles; events put in order; and the
kind of each claim (reported fact, attributed claim, opinion, speculation).

Every wrong option comes from the article's own records, every question cites its paragraphs,
and every question is marked as a draft (a comment above it) for you to keep, edit or drop.
The bank is checked as `geokit validate` checks one; a question that would not pass is left
out and named on stderr. Written to stdout, or with -o to a new file (never over an existing
one); the bank's id is the file's name without .yaml.
"""

GENERATE_EPILOG = """\
examples:
  geokit quiz generate template-example                      YAML on stdout
  geokit quiz generate my-article -o data/articles/my-article/quizzes/practice.yaml
  geokit quiz generate my-article --only quotes,kinds -o sources.yaml
then: edit the drafts, and geokit validate my-article
"""


def _families(text: str) -> tuple[str, ...]:
    from geokit.data.quizgen import FAMILIES

    chosen = tuple(f.strip() for f in text.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FAMILIES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown question family {', '.join(unknown) or repr(text)}; choose from "
            + ",".join(FAMILIES))
    return chosen


def _cmd_generate(args: argparse.Namespace) -> int:
    from geokit.data.loader import load_article
    from geokit.data.quizgen import FAMILIES, bank_yaml, generate_bank
    from geokit.data.rules import ID_PATTERN

    out: Path | None = args.output
    bank_id = args.id or (out.stem if out is not None else "generated")
    if not re.match(ID_PATTERN, bank_id):
        raise CommandError(f"the bank's id (the -o file's name without .yaml, or --id) must be "
                           f"lower-case words joined by hyphens; found {bank_id!r}", code=2)
    if out is not None:
        if out.suffix != ".yaml" and not out.is_dir():
            raise CommandError(f"-o names a bank file ending in .yaml; found {out.name!r}",
                               code=2)
        check_file(out, example=f"{bank_id}.yaml", what="bank file (.yaml)")
        if out.exists():
            raise CommandError(f"{out} exists already; quiz generate never writes over a file: "
                               "choose another name, or delete it first")
    art = load_article(args.article)
    generated = generate_bank(art, bank_id, args.only or FAMILIES)
    for why in generated.left_out:
        print(f"left out {why}", file=sys.stderr)
    if not generated.questions:
        raise CommandError(f"{art.id} has too few records to make a question from (actors with "
                           "quotes, dated events, claims)")
    text = bank_yaml(generated, art.id)
    if out is not None:
        write_text(out, text)
        print(f"wrote {out} ({len(generated.questions)} draft questions); edit them, then "
              f"geokit validate {args.article}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("quiz",
                       help="question banks: import jupyterquiz banks, generate draft banks",
                       description="Work with question banks (quizzes/*.yaml beside an article; "
                       "format in docs/quiz-format.md). `geokit validate` checks the banks of "
                       "an article; `geokit export` includes them.",
                       epilog="examples:\n  geokit quiz import questions.json > review.yaml\n"
                       "  geokit quiz generate template-example -o practice.yaml",
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
    gen = qsub.add_parser("generate", help="write a draft bank from an article's records",
                          description=GENERATE_HELP, epilog=GENERATE_EPILOG,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    gen.add_argument("article", metavar="ARTICLE", help="an article id or folder")
    gen.add_argument("-o", "--output", type=Path, metavar="OUT.yaml",
                     help="write the bank to this new file (its folder must exist; never over "
                     "an existing file) instead of stdout")
    gen.add_argument("--id", help="the bank's id (default: the -o file's name, else 'generated')")
    gen.add_argument("--only", type=_families, metavar="FAMILY,...",
                     help="only these families of question: quotes, dates, evidence, roles, "
                     "order, kinds (default: all)")
    gen.set_defaults(func=_cmd_generate)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
