"""`geokit serve-quiz`: a lesson's quizzes for students in Voilà, without code (registered by cli).

What is served and how Voilà runs is :mod:`geokit.teach.serve`; here are the arguments, the
messages and the exit status.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from geokit.cli.policy import CommandError

EPILOG = """\
examples:
  geokit serve-quiz notebooks/01-actors.ipynb   the quizzes of a lesson, without any code
  geokit serve-quiz 1                           the same, found in ./notebooks
  geokit serve-quiz actors                      one question bank of the bundled article
  geokit serve-quiz                             every bank of the bundled article
  geokit serve-quiz actors --print-command      show the voila command instead of running it

Stop the server with Ctrl+C. Answers are saved where JupyterLab saves them (see --store).
Needs Voilà and nbformat: pip install 'geokit[lab]'.
"""

LOCAL = ("127.0.0.1", "localhost", "::1")


def _cmd_serve_quiz(args: argparse.Namespace) -> int:
    import nbformat  # noqa: F401  # checked first: without it the policy names the extra

    from geokit.teach.serve import (
        ServeError,
        has_voila,
        quiz_notebook,
        run_voila,
        to_serve,
        voila_command,
        voila_env,
    )

    try:
        served = to_serve(args.target, args.article, args.notebooks)
    except ServeError as exc:
        raise CommandError(str(exc)) from None
    if not args.print_command and not has_voila():
        raise CommandError("Voilà is not installed: pip install 'geokit[lab]' (or pip install "
                           "voila)")
    tmp = Path(tempfile.mkdtemp(prefix="geokit-serve-quiz-"))
    try:
        notebook = quiz_notebook(served.title, served.intro, served.quizzes, tmp)
        store = args.store or Path(os.environ.get("GEOKIT_STORE") or served.default_store)
        store = store.expanduser().absolute()
        argv = voila_command(notebook, port=args.port, ip=args.ip,
                             open_browser=not args.no_browser)
        env = voila_env(store)
        if args.print_command:
            print(f"JUPYTER_PATH={shlex.quote(env['JUPYTER_PATH'])} "
                  f"GEOKIT_STORE={shlex.quote(str(store))} "
                  f"GEOKIT_DATA={shlex.quote(env['GEOKIT_DATA'])} \\")
            print("  " + " ".join(shlex.quote(a) for a in argv))
            return 0
        if args.ip not in LOCAL:
            # every Voilà kernel runs as this login, so all visitors would share one answer
            # file: fine for a demo on a projector, wrong for a class
            print(
                f"geokit serve-quiz: warning: listening on {args.ip}, but every visitor's "
                "answers are saved under this one login; for a class, give each student their "
                "own server (e.g. JupyterHub) so answers stay apart",
                file=sys.stderr,
            )
        print(
            f"geokit serve-quiz: serving {notebook.name} on http://{args.ip}:{args.port}/ "
            f"(answers saved in {store}); stop with Ctrl+C",
            file=sys.stderr,
            flush=True,
        )
        return run_voila(argv, env)
    finally:
        if not args.print_command:  # printed, the command needs its notebook: leave it
            shutil.rmtree(tmp, ignore_errors=True)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve-quiz",
        help="serve a lesson's quizzes to students in Voilà, without code",
        description="Serve the quizzes of a lesson, or question banks, with Voilà: students see "
        "the quiz widgets, never code (and no other cell of the lesson is run, so no solution "
        "shows). Runs on 127.0.0.1 and fetches nothing from the internet.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "target",
        nargs="?",
        metavar="LESSON|BANK",
        help="a lesson notebook (path, or its number, looked up in --notebooks), or a question "
        "bank id of --article (default: every bank of the article)",
    )
    p.add_argument(
        "--article",
        default="pakistan-russia-2012",
        metavar="ID|PATH",
        help="article whose banks to serve (default: pakistan-russia-2012)",
    )
    p.add_argument(
        "--notebooks",
        type=Path,
        default=Path("notebooks"),
        metavar="DIR",
        help="where lesson numbers are looked up (default: ./notebooks)",
    )
    p.add_argument(
        "--store",
        type=Path,
        metavar="DIR",
        help="folder for saved answers (default: $GEOKIT_STORE, else .geokit beside the lesson, "
        "or in the current folder for banks)",
    )
    p.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    p.add_argument(
        "--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine)"
    )
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.add_argument(
        "--print-command",
        action="store_true",
        help="print the voila command (and environment) instead of running it",
    )
    p.set_defaults(func=_cmd_serve_quiz)
