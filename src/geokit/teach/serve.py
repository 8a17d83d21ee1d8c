"""``geokit serve-quiz``: a lesson's quizzes for students, in Voilà, without any code.

Two things can be served, each as a small notebook geokit writes into a temporary folder:

- a lesson's quizzes (``notebooks/03-interests.ipynb``, or just ``3``): the banks its code shows
  with ``geokit.quiz(ARTICLE, BANK)``, under the lesson's title. Only the quizzes: the lesson's
  other cells are not run, so no exercise solution or instructor output can reach the page;
- question banks (``actors``, or nothing for every bank of the article).

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
  geokit serve-quiz notebooks/01-actors.ipynb   the quizzes of a lesson, without any code
  geokit serve-quiz 1                           the same, found in ./notebooks
  geokit serve-quiz actors                      one question bank of the bundled article
  geokit serve-quiz                             every bank of the bundled article
  geokit serve-quiz actors --print-command      show the voila command instead of running it

Stop the server with Ctrl+C. Answers are saved where JupyterLab saves them (see --store).
"""


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


#: ``geokit.quiz("article", "bank")`` (or ``quiz(...)``) with literal arguments, in a lesson
_QUIZ_CALL = re.compile(r"""\bquiz\(\s*(["'])([^"'\n]+)\1\s*,\s*(["'])([^"'\n]+)\3""")


def lesson_quizzes(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """The lesson's title and the ``(article, bank)`` pairs its code cells open as quizzes."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"geokit serve-quiz: cannot read {path}: {exc}") from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        raise SystemExit(f"geokit serve-quiz: {path} is not a notebook (no list of cells)")
    title, found = path.stem, []
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else str(src)
        if cell.get("cell_type") == "markdown" and title == path.stem:
            heading = re.search(r"^#\s+(.+)$", src, re.M)
            if heading:
                title = heading.group(1).strip()
        elif cell.get("cell_type") == "code":
            for m in _QUIZ_CALL.finditer(src):
                if (m.group(2), m.group(4)) not in found:
                    found.append((m.group(2), m.group(4)))
    return title, found


def _article_ref(article: str, base: Path) -> str:
    """A bundled id as it is; a folder as an absolute path (the kernel runs elsewhere)."""
    if article in _bundled():
        return article
    path = Path(article).expanduser()
    return str((path if path.is_absolute() else base / path).resolve())


def _check_banks(article: str, banks: list[str]) -> list[str]:
    """``banks`` (default: all of the article's), each checked to exist."""
    from geokit.data.loader import load_article

    try:
        art = load_article(article)
    except Exception as exc:  # any load problem ends the command with its message
        raise SystemExit(f"geokit serve-quiz: {exc}") from None
    known = [b.id for b in art.quiz_banks]
    for bank in banks:
        if bank not in known:
            raise SystemExit(
                f"geokit serve-quiz: {art.id} has no question bank {bank!r}; its banks are "
                + (", ".join(known) or "none (it has no quizzes/ folder)")
            )
    if not (banks or known):
        raise SystemExit(f"geokit serve-quiz: {art.id} has no question banks")
    return banks or known


def _quiz_notebook(title: str, intro: str, quizzes: list[tuple[str, str]], folder: Path) -> Path:
    """A notebook that shows each ``(article, bank)`` quiz, written into ``folder``."""
    e = html.escape  # titles are data, never markup
    cells = [
        _cell(
            "markdown",
            f"# {e(title)}\n\n{e(intro)}Answer each question and press **Check**; your answers "
            "are saved and come back when you reload the page.",
        )
    ]
    for article, bank in quizzes:
        cells.append(_cell("code", f"import geokit\n\ngeokit.quiz({article!r}, {bank!r}).show()"))
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            },
            "language_info": {"name": "python"},
            "title": f"Quiz: {title}",
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(b for _, b in quizzes))[:60]
    path = folder / f"quiz-{name}.ipynb"
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _bundled() -> list[str]:
    from geokit.data.loader import list_articles

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
    if lesson is not None:
        title, pairs = lesson_quizzes(lesson)
        if not pairs:
            raise SystemExit(
                f"geokit serve-quiz: {lesson} shows no quiz (no geokit.quiz("
                "ARTICLE, BANK) call with literal arguments)"
            )
        quizzes = [(_article_ref(a, lesson.parent), b) for a, b in pairs]
        for article, bank in quizzes:
            _check_banks(article, [bank])
        intro = f"The quizzes of {lesson.name}. "
        # where JupyterLab's kernel (run in the lesson's folder) saves them: the same answers
        default_store = lesson.parent / ".geokit"
    else:
        article = _article_ref(args.article, Path.cwd())
        banks = _check_banks(article, [args.target] if args.target else [])
        from geokit.data.loader import load_article

        meta = load_article(article).meta
        title = meta.title
        intro = f"{meta.author}, {meta.outlet}, {meta.published}. "
        quizzes = [(article, b) for b in banks]
        default_store = Path(".geokit")
    tmp = Path(tempfile.mkdtemp(prefix="geokit-serve-quiz-"))
    notebook = _quiz_notebook(title, intro, quizzes, tmp)
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
        if args.ip not in ("127.0.0.1", "localhost", "::1"):
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
        return _run(argv, env)
    finally:
        if not args.print_command:  # printed, the command needs its notebook: leave it
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
