"""Student and instructor editions of the lessons, built from one source by cell tags.

The lessons in ``notebooks/`` are the instructor's source. Cells carry tags that say what a
student must not see:

``solution``
    A code cell with the worked answer. In the student edition it becomes a stub: the lines
    marked ``# keep`` (the marker itself removed), then ``answer = ...  # your code here``.
``instructor``
    A note for the instructor (markdown or code). Removed from the student edition.
``hidden-check``
    A check that the worked answer is right (an ``assert``). Removed from the student edition.

Any other cell that holds a ``### BEGIN SOLUTION`` / ``### END SOLUTION`` region has that region
replaced by the stub line, as nbgrader does; ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN
TESTS`` regions are removed. The student edition also drops outputs, execution counts and the
``nbgrader`` cell metadata (which describes the source, not the handout).

>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_code_cell("x = 1  # keep\\n### BEGIN SOLUTION\\nanswer = 42\\n"
...                               "### END SOLUTION", metadata={"tags": ["solution"]}),
...     nbformat.v4.new_markdown_cell("Note: 42", metadata={"tags": ["instructor"]})])
>>> [c.source for c in student_edition(nb).cells]
['x = 1\\nanswer = ...  # your code here']
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

__all__ = ["HIDDEN_TAGS", "STUB", "build", "solution_text", "student_edition"]

STUB = "answer = ...  # your code here"
HIDDEN_TAGS = frozenset({"instructor", "hidden-check"})
_KEEP = re.compile(r"\s*#\s*keep\s*$")
_REGION = re.compile(
    r"^[ \t]*### BEGIN SOLUTION[ \t]*\n.*?^[ \t]*### END SOLUTION[ \t]*$", re.DOTALL | re.MULTILINE
)
_HIDDEN = re.compile(
    r"^[ \t]*### BEGIN HIDDEN TESTS[ \t]*\n.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?",
    re.DOTALL | re.MULTILINE,
)


def _tags(cell: Any) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", ()))


def _stub(source: str) -> str:
    kept = [_KEEP.sub("", line) for line in source.splitlines() if _KEEP.search(line)]
    return "\n".join([*kept, STUB])


def solution_text(nb: Any) -> list[str]:
    """Every line a student must not see: solution lines and instructor/hidden-check cells.

    Used by the tests to prove the student edition leaks none of it.
    """
    out: list[str] = []
    for cell in nb.cells:
        tags = _tags(cell)
        if tags & HIDDEN_TAGS:
            out += [ln for ln in cell.source.splitlines() if ln.strip()]
        elif "solution" in tags:
            out += [
                ln
                for ln in cell.source.splitlines()
                if ln.strip() and not _KEEP.search(ln) and "### " not in ln
            ]
        else:
            for m in _REGION.finditer(cell.source):
                out += [ln for ln in m.group(0).splitlines()[1:-1] if ln.strip()]
    return out


def student_edition(nb: Any) -> Any:
    """The student edition of a notebook (an nbformat ``NotebookNode``); ``nb`` is unchanged."""
    new = copy.deepcopy(nb)
    cells = []
    for cell in new.cells:
        tags = _tags(cell)
        if tags & HIDDEN_TAGS:
            continue
        if cell.cell_type == "code":
            if "solution" in tags:
                cell.source = _stub(cell.source)
            else:
                cell.source = _HIDDEN.sub("", _REGION.sub(STUB, cell.source))
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("nbgrader", None)
        cells.append(cell)
    new.cells = cells
    new.metadata["geokit_edition"] = "student"
    return new


def _clean(nb: Any) -> Any:
    new = copy.deepcopy(nb)
    for cell in new.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return new


def build(out_dir: str | Path, source_dir: str | Path | None = None) -> dict[str, list[Path]]:
    """Write ``OUT/student/`` and ``OUT/instructor/`` from the lessons, each one validated.

    Parameters
    ----------
    out_dir
        Folder to write into; created if missing. Existing editions there are overwritten.
    source_dir
        The lessons; default the ``notebooks/`` folder of the checkout (or of the current
        directory).

    Returns
    -------
    dict
        ``{"student": [paths], "instructor": [paths]}``.
    """
    import nbformat

    src = Path(source_dir) if source_dir is not None else _default_source()
    lessons = sorted(p for p in src.glob("[0-9][0-9]-*.ipynb"))
    if not lessons:
        raise FileNotFoundError(f"no lessons (NN-slug.ipynb) in {src}")
    out = Path(out_dir)
    written: dict[str, list[Path]] = {"student": [], "instructor": []}
    for path in lessons:
        nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
        for edition, made in (("instructor", _clean(nb)), ("student", student_edition(nb))):
            nbformat.validate(made)
            target = out / edition / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(made, target)  # type: ignore[no-untyped-call]
            written[edition].append(target)
    return written


def _default_source() -> Path:
    here = Path(__file__).resolve().parent.parent.parent / "notebooks"
    if here.is_dir():
        return here
    cwd = Path.cwd() / "notebooks"
    if cwd.is_dir():
        return cwd
    raise FileNotFoundError(
        "cannot find the lessons: run from the geokit checkout, or pass --source path/to/notebooks"
    )
