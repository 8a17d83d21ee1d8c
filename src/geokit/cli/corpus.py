"""`geokit list`, `validate`, `export` and `schema`: the corpus itself (registered by cli).

A bundled article id is looked up where :mod:`geokit.data.paths` says: ``$GEOKIT_DATA``, else
the ``data/`` of the geokit checkout the current folder is inside, else the installed copy.
``validate`` says which copy it checked.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from geokit import __version__
from geokit.cli.output import check_folder, write_text


def _cmd_list(args: argparse.Namespace) -> int:
    from geokit.data.loader import list_articles, load_article

    for aid in list_articles():
        a = load_article(aid)
        print(f"{aid}\t{a.meta.title} ({a.meta.author}, {a.meta.outlet}, {a.meta.published})")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from geokit.data.loader import list_articles, read_article, resolve_folder
    from geokit.data.paths import articles_root, describe_root, source_label
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
        article, problems = read_article(folder)
        for p in problems:
            print(p)
        bad += len(problems)
        if article is not None and article.lessons:
            from geokit.data.lessons import objective_warnings

            for line in objective_warnings(article.lessons, article.quiz_banks,
                                           (*article.exercises, *article.borrowed_exercises)):
                if args.strict:  # --strict: every warning is a problem
                    print(f"{folder / 'lessons.yaml'}: {line}")
                    bad += 1
                else:
                    print(f"{folder / 'lessons.yaml'}: warning: {line}", file=sys.stderr)
        if problems or article is None:
            continue
        said, failed = _drafts_and_coverage(article, args)
        failed += _key_warnings(article, args)
        bad += failed
        if not failed and not args.quiet:
            # a bundled id names a copy: say which one, so an edit in the checkout is seen checked
            here = folder.resolve()
            bundled = here.parent == articles_root().resolve()
            where = f"{source_label()}, {here}" if bundled else str(here)
            print(f"ok: {target} ({where})" + "".join(f"; {s}" for s in said), file=sys.stderr)
            _report_traces(article)
    if bad:
        print(f"geokit validate: {bad} problem(s) found"
              + ("" if args.paths else f" in {describe_root()}"), file=sys.stderr)
    return 1 if bad else 0


def _key_warnings(article: Any, args: argparse.Namespace) -> int:
    """Print the answer-key warnings of the article's banks; how many problems --strict makes.

    A warning names the bank file and, where it is about one question, the question. It goes
    to stderr and leaves the exit code alone; under --strict it is a problem line on stdout.
    """
    from geokit.data.banks import article_warnings

    found = article_warnings(article)
    for w in found:
        print(w, file=sys.stdout if args.strict else sys.stderr)
    return len(found) if args.strict else 0


def _report_traces(article: Any) -> None:
    """One stderr line per trace of sources.yaml: paragraph, trace, source and computed overlap.

    Every trace printed here has passed the threshold; the figure lets a reader see how close
    each one is (a trace below it is a problem line on stdout instead).
    """
    from geokit.data.sources import trace_lines

    for line in trace_lines(article):
        print(f"  trace {line}", file=sys.stderr)


def _drafts_and_coverage(article: Any, args: argparse.Namespace) -> tuple[list[str], int]:
    """What to add to an article's 'ok' line, and how many problems --strict makes of it.

    Drafts and coverage gaps are printed on stdout, one per line, like problems: drafts only
    under --strict, gaps under --coverage. Only --strict counts them as problems.
    """
    from geokit.data.drafts import draft_problems, draft_summary

    said: list[str] = []
    failed = 0
    if args.coverage:
        from geokit.data.coverage import coverage_problems

        gaps = coverage_problems(article)
        for gap in gaps:
            print(gap)
        said.append(f"{len(gaps)} sentence(s) name something no record covers" if gaps
                    else "every actor, date, figure and quote is recorded")
        failed += len(gaps) if args.strict else 0
    summary = draft_summary(article)
    if summary:
        said.append(summary + ("" if args.strict else
                               " (confirm each and delete 'draft: true'; --strict fails on them)"))
        if args.strict:
            drafts = draft_problems(article)
            for p in drafts:
                print(p)
            failed += len(drafts)
    return said, failed


def _cmd_export(args: argparse.Namespace) -> int:
    from geokit.data.loader import article_dict, list_articles, load_article

    ids = [args.article] if args.article else list_articles()
    data = {"geokit_version": __version__, "articles": [article_dict(load_article(i)) for i in ids]}
    json.dump(data, sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from geokit.data.schema import schemas

    out: Path | None = args.output
    if out is not None:
        check_folder(out)
    texts = {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
             for name, schema in schemas().items()}
    if out is None:
        for name, text in texts.items():
            print(f"// {name}.schema.json")
            print(text)
        return 0
    out.mkdir(exist_ok=True)
    for name, text in texts.items():
        write_text(out / f"{name}.schema.json", text)
        print(out / f"{name}.schema.json")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "list",
        help="list the bundled articles",
        description="List the bundled articles: id, title, author, outlet, date.",
    )
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser(
        "validate",
        help="check article folders for problems",
        description=textwrap.fill(
        "Check the bundled corpus, or the article folders given, against the schema "
        "and the text: unique ids, references that resolve, paragraphs in range, ISO dates, "
        "verbatim quotes, unambiguous aliases, valid question banks, and every paragraph "
        "exactly a passage of the captured page. Each trace in sources.yaml must share enough "
        "wording with its source excerpt; on a clean article, the computed overlap of every "
        "trace is reported on stderr, one line each. Prints one line per problem "
        "(file:line: record, field: what is wrong (expected ...; found ...)) and exits 1 if any, "
        "else exits 0. Draft records (draft: true, as geokit new-article writes them) pass, and "
        "the 'ok' line says how many remain; --strict fails on them. Patterns in a quiz's "
        "answer key (the keys in one position, the key the longest option, multiple-select "
        "keys first) are warnings on stderr naming the bank file and question; they leave the "
        "exit code alone, and --strict fails on them too. Bundled ids are read from "
        "$GEOKIT_DATA if set, else from the data/ of the geokit checkout the current folder is "
        "inside, else from the installed package; each 'ok' line says which.", 90),
        epilog="examples:\n"
        "  geokit validate data/articles/my-article\n"
        "  geokit validate my-article --coverage     what is still unrecorded, sentence by "
        "sentence\n"
        "  geokit validate my-article --strict       fails while any draft remains",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article folder or bundled id (default: every bundled article)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing when clean")
    p.add_argument("--coverage", action="store_true",
                   help="also list each sentence that names an actor, a date, a figure or a "
                   "quote that no record covers (drafts count as records)")
    p.add_argument("--strict", action="store_true",
                   help="fail on draft records and answer-key warnings (and, with --coverage, "
                   "on every uncovered sentence): for an article that is finished")
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
    p.add_argument("-o", "--output", type=Path, metavar="DIR",
                   help="folder to write into (created if missing; its parent must exist)")
    p.set_defaults(func=_cmd_schema)
