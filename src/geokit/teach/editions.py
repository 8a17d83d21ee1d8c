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
TESTS`` regions are removed, in code and markdown cells alike (a markdown solution region
becomes ``YOUR ANSWER HERE``). Tags are read case- and blank-insensitively (``Solution `` is
``solution``). An unmatched or misspelled marker (``### END SOLUTIONS``, a ``### BEGIN
SOLUTION`` with no end) is an error naming the notebook and cell, as in nbgrader, never text
handed out. The student edition also drops outputs, execution counts and the ``nbgrader`` cell
metadata (which describes the source, not the handout).

Only the solution markers are geokit's own step; removing tagged cells and clearing outputs are
nbconvert's ``TagRemovePreprocessor`` and ``ClearOutputPreprocessor``, as in any nbconvert
pipeline (nbconvert comes with the ``lab`` extra).

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

__all__ = [
    "GEOKIT_TAGS",
    "HIDDEN_TAGS",
    "KEEP",
    "LESSON_GLOB",
    "MARKDOWN_STUB",
    "STUB",
    "EditionError",
    "brief_pages",
    "build",
    "cell_tags",
    "check_student_edition",
    "clear_outputs",
    "default_source",
    "lessons_in",
    "normalise_tags",
    "remove_tagged_cells",
    "solution_text",
    "student_edition",
    "write_briefs",
]

#: lesson notebooks: two digits, an optional letter for a lesson placed between two others
#: (``00b-lateral-reading``), a hyphen and a slug
LESSON_GLOB = "[0-9][0-9]*-*.ipynb"


def lessons_in(folder: Path) -> list[Path]:
    """The lesson notebooks in ``folder``, in teaching order (``00-``, ``00b-``, ``01-``, ...)."""
    return sorted(p for p in folder.glob(LESSON_GLOB) if p.name[2:3] == "-"
                  or (p.name[2:3].isalpha() and p.name[3:4] == "-"))

STUB = "answer = ...  # your code here"
MARKDOWN_STUB = "YOUR ANSWER HERE"
HIDDEN_TAGS = frozenset({"instructor", "hidden-check"})
#: the tags geokit reads; each is matched whatever its case and surrounding blanks
GEOKIT_TAGS = HIDDEN_TAGS | {"solution"}
#: a line a student keeps from a solution cell: ``x = 1  # keep``
KEEP = re.compile(r"\s*#\s*keep\s*$")
#: the markers, exactly as nbgrader writes them (leading and trailing blanks allowed)
_MARKERS = {
    "### BEGIN SOLUTION": ("begin", "solution"),
    "### END SOLUTION": ("end", "solution"),
    "### BEGIN HIDDEN TESTS": ("begin", "hidden tests"),
    "### END HIDDEN TESTS": ("end", "hidden tests"),
}
#: any line that looks like a marker: a misspelled one is an error, never text to hand out
_MARKER_LIKE = re.compile(r"^\s*#+\s*(?:begin|end)\b", re.IGNORECASE)
_MARKER_WORDS = re.compile(r"^\s*#{2,}\s*(?:begin|end)\W*(?:solution|hidden|test)", re.IGNORECASE)


class EditionError(ValueError):
    """A lesson cannot be made into a student edition (a bad marker, a leak, a bad file)."""


def cell_tags(cell: Any) -> set[str]:
    """The cell's tags, normalised: ``' Solution'`` is ``solution``."""
    return {str(t).strip().lower() for t in cell.get("metadata", {}).get("tags", ()) or ()}


def normalise_tags(nb: Any) -> Any:
    """Spell geokit's own tags (``GEOKIT_TAGS``) in every cell of ``nb`` as geokit does, in place.

    ``' Solution'`` becomes ``solution``, so that nbconvert's tag preprocessors, which match
    tags exactly, see them; any other tag is left as it is. Returns ``nb``.
    """
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags")
        if not tags:
            continue
        fixed: list[Any] = []
        for tag in tags:
            own = str(tag).strip().lower()
            spelled = own if own in GEOKIT_TAGS else tag
            if spelled not in fixed:
                fixed.append(spelled)
        cell.metadata["tags"] = fixed
    return nb


def remove_tagged_cells(nb: Any, tags: frozenset[str] | set[str] = HIDDEN_TAGS) -> Any:
    """Remove the cells carrying any of ``tags`` from ``nb`` (nbconvert's
    ``TagRemovePreprocessor``), in place; tags are matched as :func:`normalise_tags` spells
    them. Returns ``nb``."""
    from nbconvert.preprocessors import TagRemovePreprocessor

    normalise_tags(nb)
    remove = TagRemovePreprocessor(remove_cell_tags=set(tags))  # type: ignore[no-untyped-call]
    remove.preprocess(nb, {})  # type: ignore[no-untyped-call]
    return nb


def clear_outputs(nb: Any) -> Any:
    """Drop every code cell's outputs and execution count (nbconvert's
    ``ClearOutputPreprocessor``), in place. Returns ``nb``."""
    from nbconvert.preprocessors import ClearOutputPreprocessor

    ClearOutputPreprocessor().preprocess(nb, {})  # type: ignore[no-untyped-call]
    return nb


def _where(name: str, index: int, cell: Any) -> str:
    cell_id = cell.get("id")
    return f"{name}, cell {index}" + (f" (id {cell_id})" if cell_id else "")


def _regions(source: str, where: str) -> list[tuple[str, str | None]]:
    """Split ``source`` into ``(line, region)`` pairs; region is None outside any marked region.

    Marker lines themselves come back with region ``"marker"``. Raises :class:`EditionError` on
    an unmatched, nested or misspelled marker, as nbgrader does.
    """
    out: list[tuple[str, str | None]] = []
    open_: str | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        marker = _MARKERS.get(line.strip())
        if marker is None:
            if _MARKER_WORDS.match(line):
                raise EditionError(
                    f"{where}, line {number}: {line.strip()!r} is not a marker; write one of "
                    + ", ".join(repr(m) for m in _MARKERS)
                )
            out.append((line, open_))
            continue
        action, kind = marker
        if action == "begin":
            if open_ is not None:
                raise EditionError(
                    f"{where}, line {number}: {line.strip()!r} inside a {open_} region "
                    f"(add ### END {open_.upper()} before it)"
                )
            open_ = kind
        else:
            if open_ != kind:
                raise EditionError(
                    f"{where}, line {number}: {line.strip()!r} without a matching "
                    f"### BEGIN {kind.upper()}"
                )
            open_ = None
        out.append((line, "marker"))
    if open_ is not None:
        raise EditionError(f"{where}: ### BEGIN {open_.upper()} with no ### END {open_.upper()}")
    return out


def _strip_regions(source: str, where: str, stub: str) -> str:
    """``source`` with each solution region replaced by ``stub`` and hidden tests removed."""
    lines: list[str] = []
    for line, region in _regions(source, where):
        if region is None:
            lines.append(line)
        elif region == "marker" and line.strip() == "### BEGIN SOLUTION":
            indent = line[: len(line) - len(line.lstrip())]
            lines.append(indent + stub)
    return "\n".join(lines)


def _stub(source: str, stub: str = STUB) -> str:
    kept = [KEEP.sub("", line) for line in source.splitlines() if KEEP.search(line)]
    return "\n".join([*kept, stub])


def solution_text(nb: Any) -> list[str]:
    """Every line a student must not see: solution lines and instructor/hidden-check cells.

    Used by the tests, and by :func:`build`, to prove the student edition leaks none of it.
    """
    out: list[str] = []
    for index, cell in enumerate(nb.cells, start=1):
        tags = cell_tags(cell)
        if tags & HIDDEN_TAGS:
            out += [ln for ln in cell.source.splitlines() if ln.strip()]
        elif "solution" in tags:
            out += [
                ln
                for ln in cell.source.splitlines()
                if ln.strip() and not KEEP.search(ln) and not _MARKER_LIKE.match(ln)
            ]
        else:
            where = _where("notebook", index, cell)
            out += [
                ln
                for ln, region in _regions(cell.source, where)
                if region not in (None, "marker") and ln.strip()
            ]
    return out


def _solution_markers(nb: Any, name: str) -> None:
    """geokit's own step, in place: solution cells become stubs, marked regions are stripped,
    and the ``nbgrader`` cell metadata goes. Cells to be removed (``HIDDEN_TAGS``) are left for
    :func:`remove_tagged_cells`; cells are numbered as in the lesson, for the error messages."""
    for index, cell in enumerate(nb.cells, start=1):
        tags = cell_tags(cell)
        if tags & HIDDEN_TAGS:
            continue
        where = _where(name, index, cell)
        stub = STUB if cell.cell_type == "code" else MARKDOWN_STUB
        if "solution" in tags:
            _regions(cell.source, where)  # a bad marker is an error here too, as in nbgrader
            cell.source = _stub(cell.source, stub)
        else:
            cell.source = _strip_regions(cell.source, where, stub)
        cell.metadata.pop("nbgrader", None)


def student_edition(nb: Any, name: str = "notebook") -> Any:
    """The student edition of a notebook (an nbformat ``NotebookNode``); ``nb`` is unchanged.

    ``name`` (the notebook's file name) is used in the error raised on a bad marker.
    """
    new = copy.deepcopy(nb)
    _solution_markers(new, name)
    remove_tagged_cells(new, HIDDEN_TAGS)
    clear_outputs(new)
    new.metadata["geokit_edition"] = "student"
    return new


def check_student_edition(source: Any, student: Any, name: str = "notebook") -> None:
    """Raise :class:`EditionError` if ``student`` shows a marker or a line of ``source``'s
    solutions, instructor notes or hidden checks."""
    for index, cell in enumerate(student.cells, start=1):
        for line in cell.source.splitlines():
            if "### BEGIN" in line or "### END" in line or _MARKER_WORDS.match(line):
                raise EditionError(
                    f"{_where(name, index, cell)}: the student edition still holds the marker "
                    f"{line.strip()!r}"
                )
    # Lines that also stand in the public text (a loop header, a bare `answer`) prove nothing.
    public = "\n".join(
        _strip_regions(c.source, _where(name, i, c), "")
        for i, c in enumerate(source.cells, start=1)
        if not cell_tags(c)
    )
    text = "\n".join(c.source for c in student.cells)
    for line in solution_text(source):
        secret = line.strip()
        if len(secret) > 3 and secret not in public and secret in text:
            raise EditionError(f"{name}: the student edition leaks {secret!r}")


def _clean(nb: Any) -> Any:
    return clear_outputs(copy.deepcopy(nb))


def _read(path: Path) -> Any:
    import nbformat

    try:
        return nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    except OSError:
        raise
    except Exception as exc:  # NotJSONError, a schema error, JSON that is no notebook at all
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise EditionError(f"{path}: not a readable notebook ({reason[:200]})") from exc


def _edition_dir(out: Path, edition: str) -> Path:
    folder = out / edition
    for p in (out, folder):
        if p.exists() and not p.is_dir():
            raise NotADirectoryError(f"{p} is a file, not a folder: choose another OUT")
    return folder


def build(out_dir: str | Path, source_dir: str | Path | None = None) -> dict[str, list[Path]]:
    """Write ``OUT/student/`` and ``OUT/instructor/`` from the lessons, each one validated, and
    ``OUT/briefs/`` (the summit simulation's briefs, Markdown and printable HTML).

    Every notebook is built and checked (valid, and for the student edition: no marker and no
    line of a solution, instructor note or hidden check) before anything is written; then the
    old ``*.ipynb`` in ``OUT/student/`` and ``OUT/instructor/`` are removed, so a lesson since
    renamed leaves no stale copy. Nothing else in ``OUT`` is touched.

    Parameters
    ----------
    out_dir
        Folder to write into; created if missing. Existing editions there are replaced.
    source_dir
        The lessons; default the ``notebooks/`` folder of the checkout (or of the current
        directory).

    Returns
    -------
    dict
        ``{"student": [paths], "instructor": [paths], "briefs": [paths]}``.

    Raises
    ------
    EditionError
        A lesson is not a readable notebook, has an unmatched or misspelled marker, or its
        student edition would leak; the message names the notebook (and cell).
    FileNotFoundError, NotADirectoryError
        No lessons in ``source_dir``; ``OUT`` (or an edition folder in it) is a file.
    """
    import nbformat

    src = Path(source_dir) if source_dir is not None else default_source()
    lessons = lessons_in(src)
    if not lessons:
        raise FileNotFoundError(f"no lessons (NN-slug.ipynb) in {src}")
    out = Path(out_dir)
    folders = {edition: _edition_dir(out, edition) for edition in ("student", "instructor")}
    made: list[tuple[str, Path, Any]] = []
    for path in lessons:
        nb = _read(path)
        student = student_edition(nb, path.name)
        check_student_edition(nb, student, path.name)
        for edition, edited in (("instructor", _clean(nb)), ("student", student)):
            try:
                nbformat.validate(edited)
            except nbformat.ValidationError as exc:
                reason = str(exc).splitlines()[0]
                raise EditionError(f"{path}: the {edition} edition is invalid ({reason})") from exc
            made.append((edition, folders[edition] / path.name, edited))
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.ipynb"):
            if old.is_file():
                old.unlink()
    pages = brief_pages()  # rendered before anything is written, like the notebooks
    written: dict[str, list[Path]] = {"student": [], "instructor": [], "briefs": []}
    for edition, target, edited in made:
        nbformat.write(edited, target)  # type: ignore[no-untyped-call]
        written[edition].append(target)
    written["briefs"] = write_briefs(out, pages)
    return written


def brief_pages() -> list[tuple[str, str, str]]:
    """``(file stem, markdown, html)`` for every brief of every bundled article.

    A brief is named by its id (``briefs/pakistan.md``); when more than one article has briefs,
    each name is prefixed with its article's id, so that two articles never clash.
    """
    from geokit.data.briefs import brief_page
    from geokit.data.loader import list_articles, load_article

    articles = [a for a in map(load_article, list_articles()) if a.briefs]
    prefix = len(articles) > 1
    pages = []
    for article in articles:
        for brief in article.briefs:
            page = brief_page(article, brief.id)
            stem = f"{article.id}-{brief.id}" if prefix else brief.id
            pages.append((stem, page.markdown, page.html(standalone=True)))
    return pages


def write_briefs(out: Path, pages: list[tuple[str, str, str]]) -> list[Path]:
    """Write ``OUT/briefs/<brief>.md`` and ``.html`` (printable, one page each) for both
    editions: the briefs hold no solutions. Old briefs there are replaced."""
    folder = _edition_dir(out, "briefs")
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.md"), *folder.glob("*.html")]:
        if old.is_file():
            old.unlink()
    paths = []
    for stem, markdown, page in pages:
        for suffix, text in ((".md", markdown), (".html", page)):
            target = folder / f"{stem}{suffix}"
            target.write_text(text, encoding="utf-8")
            paths.append(target)
    return paths


def default_source() -> Path:
    """The lessons: ``notebooks/`` of the checkout geokit runs from, else of the working folder.

    Raises
    ------
    FileNotFoundError
        Neither folder exists; the message says how to name one.
    """
    here = Path(__file__).resolve().parents[3] / "notebooks"  # src/geokit/teach/editions.py
    if here.is_dir():
        return here
    cwd = Path.cwd() / "notebooks"
    if cwd.is_dir():
        return cwd
    raise FileNotFoundError(
        "cannot find the lessons: run from the geokit checkout, or pass --source path/to/notebooks"
    )
