"""Lessons executed once per test session with nbclient, as a student's Run All leaves them.

Shared by the tests that read what an executed lesson shows (the export of its quizzes, the
answers above an exercise), so that a session executes each lesson only once. Each lesson runs
in a temporary folder of its own, so the answers it saves go nowhere near the checkout.
"""

from __future__ import annotations

import copy
import functools
import os
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def lessons() -> list[Path]:
    """Every lesson notebook, in order."""
    return sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))


def _absolute_pythonpath() -> None:
    """The kernel starts in another folder: a relative PYTHONPATH (``PYTHONPATH=src``, as the
    working instructions run the tests) would silently fall back to the installed geokit."""
    entries = os.environ.get("PYTHONPATH", "")
    if entries:
        os.environ["PYTHONPATH"] = os.pathsep.join(
            str(Path(e).resolve()) for e in entries.split(os.pathsep) if e)


@functools.cache
def _run(stem: str) -> nbformat.NotebookNode:
    _absolute_pythonpath()
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    work = tempfile.mkdtemp(prefix=f"geokit-{stem}-")
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": work}}).execute()
    return nb


def executed(stem: str) -> nbformat.NotebookNode:
    """The lesson ``notebooks/<stem>.ipynb`` after a Run All (a copy: change it freely)."""
    return copy.deepcopy(_run(stem))
