"""What ``geokit serve-quiz`` serves: a lesson's quizzes for students, in Voilà, without code.

Two things can be served, each as a small notebook geokit writes into a temporary folder:

- a lesson's quizzes (``notebooks/03-interests.ipynb``, or just ``3``): the banks its code shows
  with ``geokit.quiz(ARTICLE, BANK)``, under the lesson's title. Only the quizzes: the lesson's
  other cells are not run, so no exercise solution or instructor output can reach the page;
- question banks (``actors``, or nothing for every bank of the article).

Answers are saved as in JupyterLab (``$GEOKIT_STORE``, else ``.geokit``): for a lesson in the
``.geokit`` folder beside it, where JupyterLab's kernel keeps them too, so a student can switch
between the two; for banks in ``.geokit`` in the current folder. ``--store`` overrides both.

The kernel reads bundled articles from the same copy of the corpus as the command that started
it (``$GEOKIT_DATA`` is set to it), even though it runs in a temporary folder outside any
checkout.

The command line (arguments, messages, exit status) is in :mod:`geokit.cli.serve`.

Offline: the page is rendered with geokit's Voilà template (``geokit/_voila``), which is Voilà's
``lab`` template without its links to a font CDN. Nothing is fetched from the internet.
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "TEMPLATE",
    "TEMPLATE_ROOT",
    "ServeError",
    "Served",
    "check_banks",
    "has_voila",
    "lesson_quizzes",
    "quiz_notebook",
    "run_voila",
    "to_serve",
    "voila_command",
    "voila_env",
]

#: folder added to JUPYTER_PATH so Voilà finds ``voila/templates/geokit`` (geokit/_voila)
TEMPLATE_ROOT = Path(__file__).resolve().parent.parent / "_voila"
TEMPLATE = "geokit"


class ServeError(ValueError):
    """Nothing to serve: no such lesson, a file that is no notebook, an unknown bank."""


@dataclass(frozen=True)
class Served:
    """What to serve: a title and intro for the page, the quizzes, where answers go by default."""

    title: str
    intro: str
    quizzes: list[tuple[str, str]]
    default_store: Path


# -- what to serve --------------------------------------------------------------------------------


def _lesson(target: str, notebooks: Path) -> Path | None:
    """The lesson notebook ``target`` names (a path or a number), or None if it names none."""
    path = Path(target).expanduser()
    if path.suffix == ".ipynb":
        if not path.is_file():
            raise ServeError(f"no such notebook: {path}")
        return path.resolve()
    if re.fullmatch(r"\d{1,2}", target):
        found = sorted(notebooks.glob(f"{int(target):02d}-*.ipynb"))
        if not found:
            raise ServeError(
                f"no lesson {int(target):02d}-*.ipynb in {notebooks}/ "
                "(give the notebook's path, or --notebooks DIR)"
            )
        return found[0].resolve()
    return None


#: ``geokit.quiz("article", "bank")`` (or ``quiz(...)``) with literal arguments, in a lesson, or
#: ``quiz(ARTICLE, "bank")`` with the article its ``parameters`` cell names (papermill's convention)
_QUIZ_CALL = re.compile(
    r"""\bquiz\(\s*(?:(["'])([^"'\n]+)\1|ARTICLE)\s*,\s*(["'])([^"'\n]+)\3""")
_PARAMETER = re.compile(r"""^ARTICLE\s*=\s*(["'])([^"'\n]+)\1""", re.MULTILINE)
#: the bank id an essay is saved under: ``exercise-<id>`` (geokit.teach.essays.BANK_PREFIX)
BANK_PREFIX = "exercise-"
#: ``essay("exercise-id")``: an essay, a one-question quiz (geokit.teach.essays)
_ESSAY_CALL = re.compile(r"""\bessay\(\s*(["'])([\w.\-]+)\1""")


def lesson_quizzes(path: Path, default_article: str | None = None,
                   ) -> tuple[str, list[tuple[str, str]]]:
    """The lesson's title and the ``(article, bank)`` pairs its code cells open as quizzes, in
    the lesson's order; an essay (``essay("id")``) is the pair ``(article, "exercise-<id>")``,
    its article the one the ``parameters`` cell names, else ``default_article``.

    Raises
    ------
    ServeError
        ``path`` cannot be read, or is not a notebook; the message names it.
    """
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else exc
        raise ServeError(f"cannot read {path}: {reason}") from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        raise ServeError(f"{path} is not a notebook (no list of cells)")
    title, found = path.stem, []
    article: str | None = None
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
            tags = cell.get("metadata", {}).get("tags", []) if isinstance(
                cell.get("metadata"), dict) else []
            if "parameters" in tags and (p := _PARAMETER.search(src)):
                article = p.group(2)
            calls = sorted([(m.start(), m.group(2) or article, m.group(4))
                            for m in _QUIZ_CALL.finditer(src)]
                           + [(m.start(), article or default_article, BANK_PREFIX + m.group(2))
                              for m in _ESSAY_CALL.finditer(src)])
            for _, name, bank in calls:
                if name is not None and (name, bank) not in found:
                    found.append((name, bank))
    return title, found


def _article_ref(article: str, base: Path) -> str:
    """A bundled id as it is; a folder as an absolute path (the kernel runs elsewhere)."""
    from geokit.data.loader import list_articles

    if article in list_articles():
        return article
    path = Path(article).expanduser()
    return str((path if path.is_absolute() else base / path).resolve())


def check_banks(article: str, banks: list[str]) -> list[str]:
    """``banks`` (default: all of the article's), each checked to exist.

    Raises
    ------
    ServeError
        A bank the article does not have, or an article without banks.
    geokit.errors.GeokitDataError
        The article cannot be loaded.
    """
    from geokit.data.loader import load_article

    art = load_article(article)
    known = [b.id for b in art.quiz_banks]
    essays = [BANK_PREFIX + e.id for e in art.exercises if e.kind == "open_response"]
    for bank in banks:
        if bank not in known and bank not in essays:
            raise ServeError(
                f"{art.id} has no question bank {bank!r}; its banks are "
                + (", ".join(known) or "none (it has no quizzes/ folder)")
            )
    if not (banks or known):
        raise ServeError(f"{art.id} has no question banks")
    return banks or known


def to_serve(target: str | None, article: str, notebooks: Path) -> Served:
    """What ``geokit serve-quiz TARGET --article ARTICLE`` serves (see the module docstring)."""
    lesson = _lesson(target, notebooks) if target else None
    if lesson is not None:
        title, pairs = lesson_quizzes(lesson, article)
        if not pairs:
            raise ServeError(
                f"{lesson} shows no quiz (no geokit.quiz(ARTICLE, BANK) call with literal "
                "arguments)"
            )
        quizzes = [(_article_ref(a, lesson.parent), b) for a, b in pairs]
        for ref, bank in quizzes:
            check_banks(ref, [bank])
        # where JupyterLab's kernel (run in the lesson's folder) saves them: the same answers
        return Served(title, f"The quizzes of {lesson.name}. ", quizzes, lesson.parent / ".geokit")
    from geokit.data.loader import load_article

    ref = _article_ref(article, Path.cwd())
    banks = check_banks(ref, [target] if target else [])
    meta = load_article(ref).meta
    return Served(meta.title, f"{meta.author}, {meta.outlet}, {meta.published}. ",
                  [(ref, b) for b in banks], Path(".geokit"))


def _show(article: str, bank: str) -> str:
    """The code cell that shows one quiz, or one essay (bank ``exercise-<id>``)."""
    if bank.startswith(BANK_PREFIX):
        return (f"from geokit.teach.essays import essay\n\n"
                f"essay({bank[len(BANK_PREFIX):]!r}, article={article!r}).show()")
    return f"import geokit\n\ngeokit.quiz({article!r}, {bank!r}).show()"


def quiz_notebook(title: str, intro: str, quizzes: list[tuple[str, str]], folder: Path) -> Path:
    """A notebook that shows each ``(article, bank)`` quiz, written into ``folder``."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    e = html.escape  # titles are data, never markup
    cells = [
        new_markdown_cell(
            f"# {e(title)}\n\n{e(intro)}Answer each question and press **Check**; your answers "
            "are saved and come back when you reload the page."
        ),
        *(new_code_cell(_show(article, bank)) for article, bank in quizzes),
    ]
    nb = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            },
            "language_info": {"name": "python"},
            "title": f"Quiz: {title}",
        },
    )
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(b for _, b in quizzes))[:60]
    path = folder / f"quiz-{name}.ipynb"
    nbformat.write(nb, path)  # validates it too
    return path


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
    """The environment for Voilà: geokit's template, the answer store, this copy of the corpus."""
    from geokit.data.paths import ENV_DATA, data_root

    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(
        [str(TEMPLATE_ROOT), *filter(None, [env.get("JUPYTER_PATH", "")])]
    )
    env["GEOKIT_STORE"] = str(store)
    # the kernel runs in a temporary folder, outside any checkout: point it at the corpus
    # this command read, so that both check and show the same files
    env[ENV_DATA] = str(data_root().resolve())
    return env


def has_voila() -> bool:
    """Whether Voilà is installed (it comes with the ``lab`` extra)."""
    import importlib.util

    return importlib.util.find_spec("voila") is not None


def run_voila(argv: list[str], env: dict[str, str]) -> int:
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
