"""`geokit hub ...`: hand out the lessons on a JupyterHub and collect the answers (registered by
cli)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from geokit.cli.output import check_folder, publish_tree, staging_folder
from geokit.cli.policy import CommandError

DESCRIPTION = """\
Teach a class on JupyterHub (docs/instructors.md, "Teaching a class on JupyterHub"):

  geokit hub link HUB_URL REPO      print the nbgitpuller link that gives every student the
                                    student edition and opens a lesson
  geokit hub collect OUT ...        copy every student's saved answers into OUT, with
                                    OUT/roster.txt; then: geokit gradebook OUT -o grades.csv
"""

COLLECT_DESCRIPTION = """\
Copy every student's handed-in answers (the answer files in <home>/.geokit/<student>/, and only
those that are that student's own) into OUT/<student>/..., and the class list into
OUT/roster.txt, so that `geokit gradebook OUT` gives every student a row, answers or not.

Through the hub (any hub, Kubernetes included): --hub URL, with an admin's API token in the
environment variable named by --token-env (never on the command line). Students' servers must
allow dot-folders (c.ContentsManager.allow_hidden = True, as deploy/ sets); --start starts a
stopped server for the copy and stops it again.

On the hub's own machine (The Littlest JupyterHub, one server): --homes PATTERN, e.g.
--homes '/home/jupyter-{username}', run as a user who can read the homes.
"""


def _cmd_link(args: argparse.Namespace) -> int:
    from geokit.teach.hub import gitpuller_link

    try:
        link = gitpuller_link(args.hub_url, args.repo, branch=args.branch, path=args.path,
                              targetpath=args.targetpath)
    except ValueError as exc:
        raise CommandError(str(exc), code=2) from None
    print(link)
    return 0


def _roster(path: Path | None) -> list[str] | None:
    if path is None:
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n for n in map(str.strip, lines) if n and not n.startswith("#")]


def _cmd_collect(args: argparse.Namespace) -> int:
    from geokit.teach.hub import HubError, collect_from_homes, collect_from_hub

    if (args.hub is None) == (args.homes is None):
        raise CommandError("give one of --hub URL (through the hub's API) or --homes PATTERN "
                           "(from the file system)", code=2)
    out: Path = args.output
    check_folder(out, flag="OUT")
    token = ""
    if args.hub is not None:
        token = os.environ.get(args.token_env, "")
        if not token:
            raise CommandError(f"the environment variable {args.token_env} holds no API token; "
                               "create one on the hub's Token page as an admin and export it",
                               code=2)
    roster = _roster(args.roster)
    # collected into a staging folder and moved into OUT only when complete: a failure or a
    # Ctrl-C half-way leaves OUT (an earlier week's collection, say) as it was
    with staging_folder(out if out.is_dir() else out.parent) as staging:
        try:
            if args.homes is not None:
                coll = collect_from_homes(staging / "c", args.homes, roster, store=args.store)
            else:
                coll = collect_from_hub(staging / "c", args.hub, token, roster,
                                        store=args.store, start=args.start)
        except (ValueError, HubError) as exc:
            raise CommandError(str(exc)) from None
        publish_tree(staging / "c", out)
    coll.out = out
    for line in coll.lines:
        print(line, file=sys.stderr)
    print(coll.summary())
    print(f"next: geokit gradebook {out} -o grades.csv")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "hub",
        help="hand out the lessons on a JupyterHub and collect the answers",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    hsub = p.add_subparsers(dest="hub_subcommand", metavar="COMMAND")
    link = hsub.add_parser(
        "link",
        help="print the nbgitpuller link for the student edition",
        description="Print the nbgitpuller link that clones (or updates) the student edition "
        "into each student's home on the hub and opens a lesson in JupyterLab. nbgitpuller "
        "must be installed in the students' environment (it is in deploy/'s image). Put the "
        "student edition (geokit editions build OUT; OUT/student/) in a git repository first.",
        epilog="example: geokit hub link https://hub.example.edu "
        "https://github.com/me/geokit-student --path 00-reading-the-source.ipynb",
    )
    link.add_argument("hub_url", metavar="HUB_URL", help="the hub's address, https://...")
    link.add_argument("repo", metavar="REPO", help="git URL of the student edition")
    link.add_argument("--branch", default="main", help="branch (default: main)")
    link.add_argument("--path", default="", help="notebook to open, inside the repository")
    link.add_argument("--targetpath", default="", metavar="DIR",
                      help="folder in the student's home (default: the repository's name)")
    link.set_defaults(func=_cmd_link)
    col = hsub.add_parser(
        "collect",
        help="copy every student's answers into one folder for the gradebook",
        description=COLLECT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  GEOKIT_HUB_TOKEN=... geokit hub collect collected/ --hub "
        "https://hub.example.edu --start\n  sudo geokit hub collect collected/ --homes "
        "'/home/jupyter-{username}'\n  geokit gradebook collected/ -o grades.csv",
    )
    col.add_argument("output", type=Path, metavar="OUT", help="the collection folder")
    col.add_argument("--hub", metavar="URL", help="collect through this hub's API")
    col.add_argument("--token-env", default="GEOKIT_HUB_TOKEN", metavar="VAR",
                     help="environment variable holding an admin's API token "
                     "(default: GEOKIT_HUB_TOKEN)")
    col.add_argument("--start", action="store_true",
                     help="start stopped servers for the copy (and stop them after)")
    col.add_argument("--homes", metavar="PATTERN",
                     help="collect from the file system: each home, with {username}")
    col.add_argument("--roster", type=Path, metavar="FILE",
                     help="the class, one user name a line (default: every non-admin user of "
                     "the hub, or every home that matches --homes)")
    col.add_argument("--store", default=".geokit", metavar="DIR",
                     help="the answer store inside a home (default: .geokit, as deploy/ sets "
                     "GEOKIT_STORE=~/.geokit)")
    col.set_defaults(func=_cmd_collect)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
