"""`geokit list`, `validate`, `export` and `schema`: the corpus itself (registered by cli).

A bundled article id is looked up where :mod:`geokit.data.paths` says: ``$GEOKIT_DATA``, else
the ``data/`` of the geokit checkout the current folder is inside, else the installed copy.
``validate`` says which copy it checked.
"""

from __future__ import annotations

import argparse
import json
import sys
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

            for line in objective_warnings(article.lessons, article.quiz_banks):
                print(f"{folder / 'lessons.yaml'}: warning: {line}", file=sys.stderr)
        if not problems and not args.quiet:
            # a bundled id names a copy: say which one, so an edit in the checkout is seen checked
            here = folder.resolve()
            bundled = here.parent == articles_root().resolve()
            where = f"{source_label()}, {here}" if bundled else str(here)
            print(f"ok: {target} ({where})", file=sys.stderr)
    if bad:
        print(f"geokit validate: {bad} problem(s) found"
              + ("" if args.paths else f" in {describe_root()}"), file=sys.stderr)
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
        description="Check the bundled corpus, or the article folders given, against the schema "
        "and the text: unique ids, references that resolve, paragraphs in range, ISO dates, "
        "verbatim quotes, unambiguous aliases, valid question banks. Prints one line per problem "
        "(file:line: record, field: what is wrong (expected ...; found ...)) and exits 1 if any, "
        "else exits 0. Bundled ids are read from $GEOKIT_DATA if set, else from the data/ of the "
        "geokit checkout the current folder is inside, else from the installed package; each "
        "'ok' line says which.",
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
    p.add_argument("-o", "--output", type=Path, metavar="DIR",
                   help="folder to write into (created if missing; its parent must exist)")
    p.set_defaults(func=_cmd_schema)
