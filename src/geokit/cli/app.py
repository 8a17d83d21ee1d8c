"""The ``geokit`` command: one tool, a subcommand per task, ``--help`` on each, one error policy.

Each subcommand lives in its own module of :mod:`geokit.cli` with a ``register(subparsers)``
function; building the parser imports nothing heavy (no corpus, no matplotlib, ipywidgets or
nbformat), so ``geokit --help`` is instant. :func:`main` runs the chosen subcommand under
:func:`geokit.cli.policy.run`: one stderr line and exit 1 for bad data or a failed run, exit 2 for
bad usage, ``interrupted`` and exit 130 for Ctrl-C, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from geokit import __version__
from geokit.cli.policy import INTERRUPTED, OneLineParser, run

__all__ = ["SUBCOMMANDS", "build_parser", "main"]

EPILOG = """\
examples:
  geokit list                         the bundled articles
  geokit validate                     check the corpus (exit 1 and one line per problem)
  geokit validate my-article/         check an article folder of your own
  geokit new-article news.txt my-article --date 2025-06-12
                                      a new article folder of drafts from a text file
  geokit export > corpus.json         everything as JSON: paragraphs, annotations, quiz banks
  geokit schema -o schema/            write the JSON Schema files editors use to check YAML

Inside a geokit checkout, article ids name the checkout's data/articles/; elsewhere the
installed copy ($GEOKIT_DATA overrides both). Problems are one line on stderr: exit 1 for bad
data or a failed run, 2 for bad usage, 130 when interrupted.
"""

#: modules that add subcommands, in the order --help lists them; each has ``register(sub)``
SUBCOMMANDS: tuple[str, ...] = (
    "geokit.cli.corpus",
    "geokit.cli.new_article",
    "geokit.cli.bench",
    "geokit.cli.gradebook",
    "geokit.cli.quiz",
    "geokit.cli.figure",
    "geokit.cli.editions",
    "geokit.cli.serve",
    "geokit.cli.hub",
)


def build_parser() -> argparse.ArgumentParser:
    """The ``geokit`` parser with every subcommand (imports no heavy module)."""
    parser = OneLineParser(
        prog="geokit",
        description="Teaching kit on South Asian geopolitics: the article as data, "
        "quizzes, figures and lessons.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"geokit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        importlib.import_module(module).register(sub)
    return parser


def _name(args: argparse.Namespace) -> str:
    """``quiz import``, ``editions build``: the command as typed, for messages."""
    nested = [str(v) for k, v in vars(args).items() if k.endswith("_subcommand") and v]
    return " ".join([str(args.command), *nested])


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``geokit`` with ``argv`` (default: the command line); return the exit status."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
    except KeyboardInterrupt:
        print("geokit: interrupted", file=sys.stderr)
        return INTERRUPTED
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return run(_name(args), lambda: int(args.func(args) or 0))
