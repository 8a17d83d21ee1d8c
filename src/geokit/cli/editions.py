"""`geokit editions ...`: student and instructor editions of the lessons (registered by cli)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from geokit.cli.output import check_folder
from geokit.cli.policy import CommandError
from geokit.errors import GeokitDataError

DESCRIPTION = """\
Write two editions of the lessons from the one source in notebooks/:

  OUT/instructor/  the full lessons: worked solutions, instructor notes and hidden checks
  OUT/student/     solutions replaced by stubs (answer = ...), instructor notes and hidden
                   checks removed, outputs cleared: ready to hand out
  OUT/briefs/      the summit simulation's delegation briefs (lesson 06), one page each,
                   as Markdown and as printable HTML

Cells are marked with tags: 'solution', 'instructor', 'hidden-check' (see geokit.teach.editions).
Every notebook written is validated with nbformat, which comes with the lab extra
(pip install 'geokit[lab]'). OUT is created if missing; its parent folder must exist.
"""


def _cmd_build(args: argparse.Namespace) -> int:
    import nbformat  # noqa: F401  # checked first: without it the policy names the extra

    from geokit.teach.editions import EditionError, build

    out: Path = args.out
    check_folder(out, flag="OUT")
    try:
        written = build(out, args.source)
    except EditionError as exc:  # a bad lesson or a leak: one line naming notebook and cell
        raise CommandError(str(exc)) from None
    for edition, paths in written.items():
        what = "page(s), Markdown and HTML," if edition == "briefs" else "notebook(s)"
        print(f"{edition}: {len(paths)} {what} in {out / edition}")
    return 0


NBGRADER_DESCRIPTION = """\
Lay the lessons out as an nbgrader course (needs nbgrader: pip install 'geokit[grading]'):

  COURSE_DIR/nbgrader_config.py                       course id, timeouts, kernel (kept if present)
  COURSE_DIR/source/lesson-NN-slug/NN-slug.ipynb      one assignment per lesson (or --assignment)

The cell tags become nbgrader metadata: 'solution' cells become solution cells (### BEGIN
SOLUTION ... ### END SOLUTION), 'hidden-check' cells autograded test cells worth 1 point with
hidden tests, 'instructor' notes are removed, the visible checks and the set-up cell are locked.
Then, from COURSE_DIR: nbgrader generate_assignment, autograde, export (docs/instructors.md).
"""


def _cmd_nbgrader(args: argparse.Namespace) -> int:
    from geokit.teach.nbgrader import (  # lazy: nbformat/nbgrader only here
        NbgraderMissingError,
        layout,
    )

    check_folder(args.course_dir, flag="COURSE_DIR")
    try:
        course = layout(args.course_dir, args.source, args.assignment)
    except (NbgraderMissingError, ValueError) as exc:
        if isinstance(exc, GeokitDataError):
            raise
        raise CommandError(str(exc)) from None
    kept = "written" if course.config_written else "kept (already there)"
    print(f"{course.config}: {kept}")
    for name, paths in course.assignments.items():
        graded = [g for g in course.graded if g.assignment == name]
        points = sum(g.points for g in graded)
        print(
            f"source/{name}/: {len(paths)} notebook(s), {len(graded)} autograded cell(s), "
            f"{points:g} point(s)"
        )
    for note in course.notes:
        print(f"note: {note}")
    first = next(iter(course.assignments))
    print(f"next: cd {args.course_dir} && nbgrader generate_assignment {first} --force")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "editions",
        help="build student and instructor editions of the lessons",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    esub = p.add_subparsers(dest="editions_subcommand", metavar="COMMAND")
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
    n = esub.add_parser(
        "nbgrader",
        help="lay the lessons out as an nbgrader course in COURSE_DIR",
        description=NBGRADER_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: geokit editions nbgrader course/ && cd course && "
        "nbgrader generate_assignment lesson-01-actors --force",
    )
    n.add_argument("course_dir", type=Path, metavar="COURSE_DIR", help="the course folder")
    n.add_argument(
        "--source",
        type=Path,
        metavar="DIR",
        help="folder holding the NN-slug.ipynb lessons (default: notebooks/)",
    )
    n.add_argument(
        "--assignment",
        metavar="NAME",
        help="put every lesson in this one assignment (default: one per lesson, lesson-NN-slug)",
    )
    n.set_defaults(func=_cmd_nbgrader)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
