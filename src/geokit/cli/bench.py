"""`geokit bench`: speed as ratios against a floor (registered by cli).

Everything a run needs is checked before it starts, since a full run takes minutes: ``-o``
must be a file in a folder that exists and can be written, and the lesson benchmark needs
nbformat and nbclient (the ``lab`` extra).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

from geokit.cli.output import check_file

ITEMS = ("import", "corpus", "feedback", "gradebook", "lessons", "new-article")


def _cmd_bench(args: argparse.Namespace) -> int:
    only = tuple(args.only or ())
    if args.output is not None:
        check_file(args.output, example="results.json")
    if not only or "lessons" in only:
        for module in ("nbformat", "nbclient"):  # missing: the policy names the extra
            importlib.import_module(module)
    from geokit.bench import run, table

    results = run(quick=args.quick, notebooks=args.notebooks, out=args.output, only=only)
    print(table(results))
    if args.output:
        print(f"\nwritten to {args.output}", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "bench",
        help="measure speed as ratios against a floor",
        description="Benchmarks, each a ratio measured in one run with interleaved repetitions "
        "(medians of 5): lessons vs trivial notebooks, import vs bare python, quiz feedback "
        "latency, gradebook at scale, corpus at scale, and the machine time from a text file to "
        "a validated article (new-article). Prints a table; writes JSON with -o. "
        "The lessons item needs nbformat and nbclient (pip install 'geokit[lab]').",
        epilog="example: geokit bench -o benchmarks/results.json   (about 8 minutes on 2 cores)",
    )
    p.add_argument("--quick", action="store_true", help="tiny sizes, one repetition (a smoke test)")
    p.add_argument(
        "--only",
        action="append",
        metavar="ITEM",
        choices=ITEMS,
        help="run only this item (repeatable): " + ", ".join(ITEMS),
    )
    p.add_argument(
        "--notebooks",
        type=Path,
        default=Path("notebooks"),
        metavar="DIR",
        help="folder of lesson notebooks (default: notebooks)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write results as JSON (its folder must exist)")
    p.set_defaults(func=_cmd_bench)
