"""The ``geokit`` command: one tool, a subcommand per task, ``--help`` on each."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from geokit import __version__

EPILOG = """\
examples:
  geokit list                         the bundled articles
  geokit validate                     check the bundled corpus (exit 1 and one line per problem)
  geokit validate my-article/         check an article folder of your own
  geokit export > corpus.json         everything as JSON: paragraphs, annotations, quiz banks
  geokit schema -o schema/            write the JSON Schema files editors use to check YAML
"""


def _cmd_list(args: argparse.Namespace) -> int:
    from geokit.data.loader import list_articles, load_article

    for aid in list_articles():
        a = load_article(aid)
        print(f"{aid}\t{a.meta.title} ({a.meta.author}, {a.meta.outlet}, {a.meta.published})")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from geokit.data.loader import list_articles, read_article, resolve_folder
    from geokit.errors import GeokitDataError

    targets = args.paths or list_articles()
    bad = 0
    for target in targets:
        try:
            folder = resolve_folder(target)
        except GeokitDataError as exc:
            for p in exc.problems:
                print(p)
            bad += len(exc.problems)
            continue
        _, problems = read_article(folder)
        for p in problems:
            print(p)
        bad += len(problems)
        if not problems and not args.quiet:
            print(f"ok: {target}", file=sys.stderr)
    if bad:
        print(f"{bad} problem(s) found", file=sys.stderr)
    return 1 if bad else 0


def _cmd_export(args: argparse.Namespace) -> int:
    from geokit.data.loader import article_dict, list_articles, load_article

    ids = [args.article] if args.article else list_articles()
    data = {"geokit_version": __version__, "articles": [article_dict(load_article(i)) for i in ids]}
    json.dump(data, sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from geokit.data.schema import schemas

    out = args.output
    if out is not None and out.exists() and not out.is_dir():
        print(f"geokit schema: {out} is a file; -o names a folder to write the schemas into",
              file=sys.stderr)
        return 1
    for name, schema in schemas().items():
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        if out is None:
            print(f"// {name}.schema.json")
            print(text)
        else:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{name}.schema.json").write_text(text, encoding="utf-8")
            print(out / f"{name}.schema.json")
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from geokit.bench import run, table

    results = run(
        quick=args.quick, notebooks=args.notebooks, out=args.output, only=tuple(args.only or ())
    )
    print(table(results))
    if args.output:
        print(f"\nwritten to {args.output}", file=sys.stderr)
    return 0


def _cmd_gradebook(args: argparse.Namespace) -> int:
    from geokit.teach.gradebook import build, collect, write

    if args.output.is_dir():
        print(f"geokit gradebook: {args.output} is a folder; -o names the CSV file to write, "
              f"e.g. {args.output / 'grades.csv'}", file=sys.stderr)
        return 1
    submissions, report = collect(args.responses)
    if not submissions and not report.unreadable:
        for line in report.lines:
            print(line, file=sys.stderr)
        print("geokit gradebook: no answer files found in " + ", ".join(args.responses)
              + " (quizzes save them under .geokit/<student>/<article>/<bank>.json)",
              file=sys.stderr)
        return 1
    book = build(submissions, report, article=args.article)
    written = write(book, args.output)
    for line in report.lines:
        print(line, file=sys.stderr)
    print(
        f"{len(book.students)} student(s) from {report.read} answer file(s); "
        f"{len(report.lines)} note(s) above",
        file=sys.stderr,
    )
    for path in written:
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geokit",
        description="Teaching kit on South Asian geopolitics: the article as data, "
        "quizzes, figures and lessons.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"geokit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "list",
        help="list the bundled articles",
        description="List the bundled articles: id, title, author, outlet, date.",
    )
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser(
        "validate",
        help="check article folders for problems",
        description="Check the bundled corpus, or the article folders given, against the schema "
        "and the text: unique ids, references that resolve, paragraphs in range, ISO dates, "
        "verbatim quotes, unambiguous aliases, valid question banks. Prints one line per problem "
        "(file:line: record, field: what is wrong (expected ...; found ...)) and exits 1 if any, "
        "else exits 0.",
        epilog="example: geokit validate data/articles/my-article",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article folder or bundled id (default: every bundled article)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing when clean")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "export",
        help="print the corpus as JSON",
        description="Print the whole structured corpus as JSON on stdout: metadata, paragraphs, "
        "every annotation with ids, ISO dates and paragraph references, and the quiz banks.",
        epilog="example: geokit export --article pakistan-russia-2012 > article.json",
    )
    p.add_argument("--article", metavar="ID", help="one article id or folder (default: all)")
    p.add_argument("--indent", type=int, default=2, help="JSON indent (default 2)")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "schema",
        help="print or write the JSON Schema of the data files",
        description="Print the JSON Schema for each annotation file, or write one "
        "NAME.schema.json per file into a folder. The schema is generated from geokit.data.model.",
    )
    p.add_argument("-o", "--output", type=Path, metavar="DIR", help="folder to write into")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser(
        "bench",
        help="measure speed as ratios against a floor",
        description="Benchmarks, each a ratio measured in one run with interleaved repetitions "
        "(medians of 5): lessons vs trivial notebooks, import vs bare python, quiz feedback "
        "latency, gradebook at scale, corpus at scale. Prints a table; writes JSON with -o.",
        epilog="example: geokit bench -o benchmarks/results.json   (about 3 minutes)",
    )
    p.add_argument("--quick", action="store_true", help="tiny sizes, one repetition (a smoke test)")
    p.add_argument(
        "--only",
        action="append",
        metavar="ITEM",
        choices=["import", "corpus", "feedback", "gradebook", "lessons"],
        help="run only this item (repeatable)",
    )
    p.add_argument(
        "--notebooks",
        type=Path,
        default=Path("notebooks"),
        metavar="DIR",
        help="folder of lesson notebooks (default: notebooks)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write results as JSON")
    p.set_defaults(func=_cmd_bench)

    p = sub.add_parser(
        "gradebook",
        help="grades and item analysis from students' saved answers",
        description="Read students' saved quiz answers (files, or folders searched for *.json, "
        "e.g. collected .geokit/ folders), regrade them against the current question banks and "
        "write: OUT (points per student, per bank and in total), OUT-open.csv (open responses "
        "to score by rubric), OUT-items.csv (share correct, most common wrong answer, "
        "discrimination index), OUT-objectives.csv (mastery per learning objective) and "
        "OUT-summary.png. Missing, partial, duplicate and corrupt files are reported on stderr; "
        "no student is dropped.",
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

    for module in _PLUGINS:
        import importlib

        importlib.import_module(module).register(sub)
    return parser


#: modules that add subcommands; each has ``register(subparsers)`` and imports lazily
_PLUGINS: tuple[str, ...] = (
    "geokit.cli.quiz",
    "geokit.cli.figure",
    "geokit.cli.editions",
    "geokit.teach.serve",
    "geokit.cli.hub",
)


def main(argv: Sequence[str] | None = None) -> int:
    from geokit.errors import GeokitDataError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except GeokitDataError as exc:
        print(f"geokit {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `geokit export | head`
        return 0
