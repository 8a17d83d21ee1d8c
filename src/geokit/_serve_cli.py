"""``geokit serve-quiz``: a lesson's quizzes for students, in Voilà, without any code.

Two things can be served:

- a lesson notebook (``notebooks/03-interests.ipynb``, or just ``3``): Voilà runs it and shows
  its text, figures and quizzes, never its code;
- question banks (``actors``, or nothing for every bank of the article): geokit writes a small
  notebook that shows them, in a temporary folder, and Voilà serves that.

Answers are saved as in JupyterLab (``$GEOKIT_STORE``, else ``.geokit``): for a lesson in the
``.geokit`` folder beside it, where JupyterLab's kernel keeps them too, so a student can switch
between the two; for banks in ``.geokit`` in the current folder. ``--store`` overrides both.

Offline: the page is rendered with geokit's Voilà template (``geokit/_voila``), which is Voilà's
``lab`` template without its links to a font CDN. Nothing is fetched from the internet.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["TEMPLATE", "TEMPLATE_ROOT", "register", "voila_command"]

#: folder added to JUPYTER_PATH so Voilà finds ``voila/templates/geokit``
TEMPLATE_ROOT = Path(__file__).resolve().parent / "_voila"
TEMPLATE = "geokit"

EPILOG = """\
examples:
  geokit serve-quiz notebooks/02-actors.ipynb   a lesson without its code: text, figures, quizzes
  geokit serve-quiz 2                           the same, found in ./notebooks
  geokit serve-quiz actors                      one question bank of the bundled article
  geokit serve-quiz                             every bank of the bundled article
  geokit serve-quiz actors --print-command      show the voila command instead of running it

Stop the server with Ctrl+C. Answers are saved where JupyterLab saves them (see --store).
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve-quiz",
        help="serve a lesson's quizzes to students in Voilà, without code",
        description="Serve a lesson notebook, or question banks, with Voilà: students see the "
        "text, figures and quiz widgets, never the code. Runs on 127.0.0.1 and fetches nothing "
        "from the internet.",
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


# -- what to serve --------------------------------------------------------------------------------


def _lesson(target: str, notebooks: Path) -> Path | None:
    """The lesson notebook ``target`` names (a path or a number), or None if it names none."""
    path = Path(target).expanduser()
    if path.suffix == ".ipynb":
        if not path.is_file():
            raise SystemExit(f"geokit serve-quiz: no such notebook: {path}")
        return path.resolve()
    if re.fullmatch(r"\d{1,2}", target):
        found = sorted(notebooks.glob(f"{int(target):02d}-*.ipynb"))
        if not found:
            raise SystemExit(
                f"geokit serve-quiz: no lesson {int(target):02d}-*.ipynb in {notebooks}/ "
                "(give the notebook's path, or --notebooks DIR)"
            )
        return found[0].resolve()
    return None


def _bank_notebook(article: str, banks: list[str], folder: Path) -> Path:
    """A notebook that shows ``banks`` of ``article``, written into ``folder``."""
    from .corpus import load_article, resolve_folder

    art = load_article(article)
    known = [b.id for b in art.quiz_banks]
    for bank in banks:
        if bank not in known:
            raise SystemExit(
                f"geokit serve-quiz: {art.id} has no question bank {bank!r}; its banks are "
                + (", ".join(known) or "none (it has no quizzes/ folder)")
            )
    banks = banks or known
    if not banks:
        raise SystemExit(f"geokit serve-quiz: {art.id} has no question banks")
    # a path when the article is a folder of the user's, so the kernel finds it from anywhere
    ref = article if article in _bundled() else str(resolve_folder(article))
    e = html.escape  # the article's own text is data, never markup
    cells = [
        _cell(
            "markdown",
            f"# {e(art.meta.title)}\n\n{e(art.meta.author)}, "
            f"*{e(art.meta.outlet)}*, {e(str(art.meta.published))}. Answer each question and "
            "press **Check**; your answers are saved and come back when you reload the page.",
        )
    ]
    for bank in banks:
        cells.append(_cell("code", f"import geokit\n\ngeokit.quiz({ref!r}, {bank!r}).show()"))
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            },
            "language_info": {"name": "python"},
            "title": f"Quiz: {art.meta.title}",
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / ("quiz-" + "-".join(banks)[:60] + ".ipynb")
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _bundled() -> list[str]:
    from .corpus import list_articles

    return list_articles()


_ids = iter(range(1, 10**6))


def _cell(kind: str, text: str) -> dict[str, Any]:
    cell: dict[str, Any] = {
        "cell_type": kind,
        "id": f"cell-{next(_ids)}",
        "metadata": {},
        "source": text,
    }
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


# -- running Voilà -------------------------------------------------------------------------------


def voila_command(notebook: Path, *, port: int, ip: str, open_browser: bool) -> list[str]:
    """The ``voila`` command that serves ``notebook`` with geokit's offline template."""
    argv = [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={ip}",
        f"--template={TEMPLATE}",
        "--strip_sources=True",
        "--theme=light",
        "--show_tracebacks=False",
    ]
    if not open_browser:
        argv.append("--no-browser")
    return argv


def voila_env(store: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(
        [str(TEMPLATE_ROOT), *filter(None, [env.get("JUPYTER_PATH", "")])]
    )
    env["GEOKIT_STORE"] = str(store)
    return env


def _cmd_serve_quiz(args: argparse.Namespace) -> int:
    lesson = _lesson(args.target, args.notebooks) if args.target else None
    tmp: Path | None = None
    if lesson is not None:
        notebook = lesson
        default_store = lesson.parent / ".geokit"
    else:
        tmp = Path(tempfile.mkdtemp(prefix="geokit-serve-quiz-"))
        notebook = _bank_notebook(args.article, [args.target] if args.target else [], tmp)
        default_store = Path(".geokit")
    store = args.store or Path(os.environ.get("GEOKIT_STORE") or default_store)
    store = store.expanduser().absolute()
    argv = voila_command(notebook, port=args.port, ip=args.ip, open_browser=not args.no_browser)
    env = voila_env(store)
    try:
        if args.print_command:
            print(f"JUPYTER_PATH={env['JUPYTER_PATH']} GEOKIT_STORE={store} \\")
            print("  " + " ".join(_quote(a) for a in argv))
            return 0
        if not _has_voila():
            print(
                "geokit serve-quiz: Voilà is not installed; install it with "
                "`pip install 'geokit[lab]'` (or `pip install voila`)",
                file=sys.stderr,
            )
            return 1
        print(
            f"geokit serve-quiz: serving {notebook.name} on http://{args.ip}:{args.port}/ "
            f"(answers saved in {store}); stop with Ctrl+C",
            file=sys.stderr,
            flush=True,
        )
        return _run(argv, env)
    finally:
        if tmp is not None and not args.print_command:
            shutil.rmtree(tmp, ignore_errors=True)


def _has_voila() -> bool:
    import importlib.util

    return importlib.util.find_spec("voila") is not None


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def _run(argv: list[str], env: dict[str, str]) -> int:
    """Run Voilà until it exits; SIGTERM (and Ctrl+C) stop it cleanly, then we clean up."""
    child = subprocess.Popen(argv, env=env)

    def stop(signum: int, _frame: Any) -> None:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:  # Voilà got the Ctrl+C too; let it finish
                stop(signal.SIGINT, None)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child.poll() is None:
            child.kill()
            child.wait()
