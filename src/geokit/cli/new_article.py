"""`geokit new-article`: an article folder of drafts from a text file (registered by cli).

Everything is checked before any work: the publication date (bad usage, exit 2), the folder's
name as an article id (exit 2), and the folder itself, which must not exist and must be
creatable (exit 1). The folder then appears whole or not at all (see geokit.data.scaffold).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geokit.cli.output import check_new_folder
from geokit.cli.policy import CommandError

EPILOG = """\
examples:
  geokit new-article news.txt data/articles/cpec-power-2025 --date 2025-06-12 --outlet Dawn
  geokit new-article page.txt my-article --date 2025-06-12 --title "Headline as published"

The text is the article as plain text, paragraphs separated by blank lines (a headline and a
"By ..." line at the top are read as title and author). A captured web page keeps its menus
and footer: put a line [body] before the article and a line [/body] after it. Every record
written is a draft (draft: true), to check against the text; then run
  geokit validate OUT --coverage    what is still unrecorded, sentence by sentence
  geokit validate OUT --strict      passes once every draft is confirmed
"""


def _date(text: str) -> str:
    from geokit.data.dates import date_bounds

    try:
        lo, hi = date_bounds(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{exc} (expected YYYY-MM-DD)") from None
    if lo != hi:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day (expected YYYY-MM-DD)")
    return text


def _cmd_new_article(args: argparse.Namespace) -> int:
    from geokit.data.scaffold import ID_PATTERN, scaffold_article

    out: Path = args.out
    if not ID_PATTERN.match(out.name):
        raise CommandError(f"the folder's name is the article's id: lower-case words joined by "
                           f"hyphens, e.g. cpec-power-2025; found {out.name!r}", code=2)
    check_new_folder(out)
    draft = scaffold_article(args.source, out, args.date, title=args.title, author=args.author,
                             outlet=args.outlet)
    print(out)
    print(f"geokit new-article: wrote {out}: {draft.summary()}", file=sys.stderr)
    if draft.left_out:
        print(f"  left out {len(draft.left_out)} draft(s) that did not validate: "
              + ", ".join(draft.left_out), file=sys.stderr)
    if draft.missing_meta:
        print(f"  fill in article.yaml: {', '.join(draft.missing_meta)} (not given, not found)",
              file=sys.stderr)
    print(f"  next: check the drafts against the text, then geokit validate {out} --coverage",
          file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "new-article",
        help="write an article folder of drafts from a text file",
        description="Write a new article folder from a text file: the text as source.txt, its "
        "paragraphs verbatim in paragraphs.yaml (quoted safely for YAML), article.yaml, and "
        "draft records for the states, people, organisations, dates (relative ones resolved "
        "against --date, the wording kept), figures and quotations it finds. Never writes over "
        "an existing folder.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("source", type=Path, metavar="SOURCE",
                   help="the text file (UTF-8): plain text, or a page with [body] ... [/body]")
    p.add_argument("out", type=Path, metavar="OUT",
                   help="the folder to create; its name is the article id")
    p.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD",
                   help="the publication date, against which 'last week' and the like resolve")
    p.add_argument("--title", help="the headline (default: the text's first line, if it is one)")
    p.add_argument("--author", help="the author (default: the text's 'By ...' line)")
    p.add_argument("--outlet", help="the publication the text appeared in")
    p.set_defaults(func=_cmd_new_article)
