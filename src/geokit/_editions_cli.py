"""`geokit editions ...`: student and instructor editions of the lessons (registered by cli)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

DESCRIPTION = """\
Write two editions of the lessons from the one source in notebooks/:

  OUT/instructor/  the full lessons: worked solutions, instructor notes and hidden checks
  OUT/student/     solutions replaced by stubs (answer = ...), instructor notes and hidden
                   checks removed, outputs cleared: ready to hand out

Cells are marked with tags: 'solution', 'instructor', 'hidden-check' (see geokit.editions).
Every notebook written is validated with nbformat.
"""


def _cmd_build(args: argparse.Namespace) -> int:
    from .editions import build  # lazy: nbformat loads only for this command

    try:
        written = build(args.out, args.source)
    except FileNotFoundError as exc:
        print(f"geokit editions build: {exc}")
        return 1
    for edition, paths in written.items():
        print(f"{edition}: {len(paths)} notebook(s) in {Path(args.out) / edition}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "editions",
        help="build student and instructor editions of the lessons",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    esub = p.add_subparsers(dest="editions_command", metavar="COMMAND")
    b = esub.add_parser(
        "build",
        help="write OUT/student/ and OUT/instructor/",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: geokit editions build handout/   (then give students handout/student/)",
    )
    b.add_argument("out", type=Path, metavar="OUT", help="folder to write the editions into")
    b.add_argument(
        "--source",
        type=Path,
        metavar="DIR",
        help="folder holding the NN-slug.ipynb lessons (default: notebooks/)",
    )
    b.set_defaults(func=_cmd_build)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
