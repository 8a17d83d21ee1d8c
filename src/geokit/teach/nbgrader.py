"""The lessons as an nbgrader course: ``geokit editions nbgrader COURSE_DIR``.

nbgrader (``pip install 'geokit[grading]'``) hands out notebooks without solutions and grades
what comes back by running hidden tests. The lessons already mark what a student must not see
with cell tags (see :mod:`geokit.teach.editions`); this module turns those tags into nbgrader's cell
metadata and lays the lessons out as a course folder::

    COURSE_DIR/
        nbgrader_config.py                  course id, timeouts, kernel; written once, then yours
        source/lesson-01-actors/01-actors.ipynb
        source/...                          one assignment per lesson (or all in one: --assignment)

What each cell becomes in ``source/``:

``solution`` (code)
    an nbgrader *solution* cell (``grade_id`` ``<exercise>-answer``). The ``# keep`` lines
    stay for the student (marker removed); the rest sits between ``### BEGIN SOLUTION`` and
    ``### END SOLUTION``, which ``nbgrader generate_assignment`` replaces with
    ``# YOUR CODE HERE`` / ``raise NotImplementedError()``.
``hidden-check`` (code)
    an *autograded test* cell, locked, worth its ``points`` (1 unless the notebook says
    otherwise), its asserts between ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``: the
    student sees a one-line comment; ``nbgrader autograde`` puts the asserts back and runs them.
    An exercise with no ``hidden-check`` cell gets one made from its visible
    ``geokit.exercises.check(...)`` cell, which then asserts ``.correct`` in hidden tests.
``instructor``
    removed.
visible ``geokit.exercises.check(...)`` / ``.task(...)`` cells, the set-up cell (``import geokit``)
    *read-only* (locked) cells: ``nbgrader autograde`` restores them from the source, so a
    submission is graded against the same article and the same checks.

Everything else is left as it is, for students to run and change. Metadata already in the
notebooks is reused where it is valid (grade ids, points) and normalised otherwise; every
notebook written is checked with nbformat and with nbgrader's own metadata validator.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geokit.teach.editions import (
    KEEP,
    cell_tags,
    clear_outputs,
    default_source,
    lessons_in,
    remove_tagged_cells,
)

__all__ = [
    "GRADING_HINT",
    "Course",
    "GradedCell",
    "NbgraderMissingError",
    "layout",
    "source_notebook",
]

GRADING_HINT = "pip install 'geokit[grading]'"
SCHEMA_VERSION = 3
DEFAULT_POINTS = 1

_BEGIN_SOLUTION = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*$", re.MULTILINE)
_BEGIN_HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS[ \t]*$", re.MULTILINE)
_HIDDEN_REGION = re.compile(
    r"^[ \t]*### BEGIN HIDDEN TESTS[ \t]*\n.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?",
    re.DOTALL | re.MULTILINE,
)
_CHECK = re.compile(r"""geokit\.exercises\.check\(\s*(['"])([\w.\-]+)\1\s*,\s*([A-Za-z_]\w*)""")
_TASK = re.compile(r"geokit\.exercises\.task\(")
_SETUP = re.compile(r"^\s*import geokit\b", re.MULTILINE)
_BAD_ID = re.compile(r"[^A-Za-z0-9_\-]+")
#: ``geokit.quiz("article", "bank")``, or ``geokit.quiz(ARTICLE, "bank")`` with the article named
#: by the lesson's ``parameters`` cell (papermill's convention)
_QUIZ = re.compile(
    r"""geokit\.quiz\(\s*(?:(['"])([\w.\-]+)\1|ARTICLE)\s*,\s*(['"])([\w.\-]+)\3\s*\)""")
_PARAMETER = re.compile(r"""^ARTICLE\s*=\s*(['"])([^'"]+)\1""", re.MULTILINE)
_ESSAY = re.compile(r"""\bessay\(\s*(['"])([\w.\-]+)\1\s*\)""")


class NbgraderMissingError(ImportError):
    """nbgrader is not installed; the message says how to install it."""


@dataclass(frozen=True)
class GradedCell:
    """One autograded test cell of the course."""

    assignment: str
    notebook: str
    grade_id: str
    points: float


@dataclass
class Course:
    """What :func:`layout` wrote."""

    root: Path
    config: Path
    config_written: bool
    assignments: dict[str, list[Path]] = field(default_factory=dict)
    graded: list[GradedCell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def points(self) -> float:
        return sum(g.points for g in self.graded)


def _require_nbgrader() -> Any:
    try:
        from nbgrader.nbgraderformat import MetadataValidator  # type: ignore[import-untyped]
    except ImportError as exc:
        raise NbgraderMissingError(
            f"nbgrader is not installed ({exc.name or 'nbgrader'} missing): {GRADING_HINT}"
        ) from exc
    return MetadataValidator


def _meta(**kwargs: Any) -> dict[str, Any]:
    return {**kwargs, "schema_version": SCHEMA_VERSION}


def _clean_id(text: str) -> str:
    return _BAD_ID.sub("-", text).strip("-") or "cell"


def _solution_source(source: str) -> str:
    """Keep-lines unmarked; everything else inside solution markers (added if missing)."""
    if _BEGIN_SOLUTION.search(source):
        return "\n".join(KEEP.sub("", ln) for ln in source.splitlines())
    kept = [KEEP.sub("", ln) for ln in source.splitlines() if KEEP.search(ln)]
    rest = [ln for ln in source.splitlines() if not KEEP.search(ln)]
    return "\n".join([*kept, "### BEGIN SOLUTION", *rest, "### END SOLUTION"])


def _test_source(source: str, points: float) -> str:
    """Asserts inside hidden-test markers (added if missing), and a line the student sees."""
    if not _BEGIN_HIDDEN.search(source):
        source = f"### BEGIN HIDDEN TESTS\n{source.rstrip()}\n### END HIDDEN TESTS"
    if not _HIDDEN_REGION.sub("", source).strip():
        n = f"{points:g} point" + ("" if points == 1 else "s")
        line = f"# Autograded ({n}): hidden tests of the exercise above run when it is graded."
        source = f"{line}\n{source}"
    return source


def _promoted_check(source: str, exercise: str, name: str) -> str:
    """A visible check cell that also asserts, in hidden tests, that the answer is right."""
    call = f"geokit.exercises.check({exercise!r}, {name})"
    hidden = f"### BEGIN HIDDEN TESTS\nassert {call}.correct, {call}\n### END HIDDEN TESTS"
    return f"{source.rstrip()}\n{hidden}"


def _parameter(nb: Any) -> str | None:
    """The article a lesson's ``parameters`` cell names (``ARTICLE = "..."``), if it has one."""
    for c in nb.cells:
        if c.cell_type == "code" and "parameters" in cell_tags(c):
            m = _PARAMETER.search(c.source)
            return m.group(2) if m else None
    return None


def _open_response_cells(cell: Any, article: str | None = None) -> list[Any]:
    """Manual-grade cells for the open responses of the bank a quiz cell shows, so that
    Formgrader lists them beside the autograded tests: for each, a prompt cell and an nbgrader
    markdown solution cell (``grade: true, solution: true``) worth the question's points,
    holding the model answer that ``generate_assignment`` replaces with "YOUR ANSWER HERE"."""
    import nbformat

    from geokit.data.loader import load_article
    from geokit.teach.essays import essay_bank

    m = _QUIZ.search(cell.source) if cell.cell_type == "code" else None
    e = _ESSAY.search(cell.source) if cell.cell_type == "code" else None
    try:
        if m is not None:
            name = m.group(2) or article
            if name is None:  # geokit.quiz(ARTICLE, ...) without a parameters cell
                return []
            bank = next(b for b in load_article(name).quiz_banks if b.id == m.group(4))
        elif e is not None:  # an essay of the lessons' article (geokit.teach.essays)
            bank = essay_bank(e.group(2), article)
        else:
            return []
    except (LookupError, StopIteration, ValueError):
        return []  # not a bank this course can read: the quiz cell stays as it is
    out = []
    for q in bank.questions:
        if q.type != "open_response":
            continue
        rubric = "\n".join(f"- {r.criterion} ({r.points:g})" for r in q.rubric)
        prompt = nbformat.v4.new_markdown_cell(  # type: ignore[no-untyped-call]
            f"**Open response ({q.points:g} points), scored by the instructor:** {q.prompt}\n\n"
            f"Write your answer in the cell below. The rubric:\n\n{rubric}")
        answer = nbformat.v4.new_markdown_cell(  # type: ignore[no-untyped-call]
            q.model_answer or "(the instructor's model answer)",
            metadata={"nbgrader": _meta(grade=True, solution=True, locked=False,
                                        grade_id=f"{q.id}-answer", points=q.points)})
        out += [prompt, answer]
    return out


def _points(meta: dict[str, Any]) -> float:
    p = meta.get("points")
    if isinstance(p, (int, float)) and not isinstance(p, bool) and p > 0:
        return p
    return DEFAULT_POINTS


def source_notebook(nb: Any, lesson: str) -> tuple[Any, list[str]]:
    """The nbgrader source version of one lesson, and notes on anything not gradable.

    ``nb`` (an nbformat ``NotebookNode``) is unchanged; ``lesson`` (the file's stem) names the
    cells that have no grade id yet.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("# Your answer  # keep\\nanswer = 42",
    ...                               metadata={"tags": ["solution"]}),
    ...     nbformat.v4.new_code_cell('geokit.exercises.check("ex-1", answer)')])
    >>> out, notes = source_notebook(nb, "01-demo")
    >>> print(out.cells[0].source)
    # Your answer
    ### BEGIN SOLUTION
    answer = 42
    ### END SOLUTION
    >>> out.cells[1].metadata["nbgrader"]["grade_id"], out.cells[1].metadata["nbgrader"]["points"]
    ('ex-1-check', 1)
    """
    new = copy.deepcopy(nb)
    lesson_number = {id(c): n for n, c in enumerate(new.cells, start=1)}  # for the notes
    clear_outputs(remove_tagged_cells(new, {"instructor"}))
    article = _parameter(new)
    kept = [(lesson_number[id(c)], x) for c in new.cells
            for x in (c, *_open_response_cells(c, article))]
    number = [n for n, _ in kept]  # cell numbers in the lesson, for the notes
    cells = [c for _, c in kept]
    notes: list[str] = []

    def is_solution(c: Any) -> bool:
        return c.cell_type in ("code", "markdown") and (
            "solution" in cell_tags(c)
            or bool(_BEGIN_SOLUTION.search(c.source))
            or bool(c.metadata.get("nbgrader", {}).get("solution"))
        )

    def is_test(c: Any) -> bool:
        ng = c.metadata.get("nbgrader", {})
        return c.cell_type == "code" and (
            "hidden-check" in cell_tags(c) or (bool(ng.get("grade")) and not ng.get("solution"))
        )

    starts = [i for i, c in enumerate(cells) if is_solution(c)]
    role: dict[int, str] = {}
    base: dict[int, str] = {}  # cell index -> the exercise id its grade id derives from
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(cells)
        group = range(start + 1, end)
        found = next(
            (
                _CHECK.search(cells[i].source)
                for i in group
                if cells[i].cell_type == "code" and _CHECK.search(cells[i].source)
            ),
            None,
        )
        old = cells[start].metadata.get("nbgrader", {}).get("grade_id", "")
        exercise = (
            found.group(2)
            if found
            else (old.removesuffix("-answer") if old else f"{lesson}-exercise-{k + 1}")
        )
        role[start], base[start] = "solution", exercise
        tests = [i for i in group if is_test(cells[i])]
        if not tests and found and cells[start].cell_type == "code":
            i = next(
                i for i in group if cells[i].cell_type == "code" and _CHECK.search(cells[i].source)
            )
            cells[i].source = _promoted_check(cells[i].source, found.group(2), found.group(3))
            tests = [i]
        if not tests and cells[start].cell_type == "code":
            notes.append(
                f"{lesson}: exercise cell {number[start]} ({exercise}) has no hidden-check cell "
                "and no geokit.exercises.check(...) call after it: collected, but not autograded"
            )
        for n, i in enumerate(tests):
            role[i], base[i] = "test", exercise if n == 0 else f"{exercise}-{n + 1}"
    for i, c in enumerate(cells):
        if i in role:
            continue
        if c.metadata.get("nbgrader", {}).get("locked"):  # read-only already: stays so
            role[i], base[i] = "locked", f"{lesson}-locked-{i + 1}"
        elif c.cell_type != "code":
            continue
        elif is_test(c):  # a hidden check before any exercise cell: graded on its own
            role[i], base[i] = "test", f"{lesson}-check-{i + 1}"
        elif (m := _CHECK.search(c.source)) or _TASK.search(c.source):
            role[i], base[i] = "locked", f"{m.group(2)}-feedback" if m else f"{lesson}-task-{i + 1}"
        elif "parameters" in cell_tags(c) and "parameters" not in base.values():
            # the article the lesson reads: restored when grading, so answers are graded
            # against the article the course set, whatever a student changed it to
            role[i], base[i] = "locked", "parameters"
        elif _SETUP.search(c.source) and "setup" not in base.values():
            role[i], base[i] = "locked", "setup"

    used: set[str] = set()

    def unique(wanted: str) -> str:
        gid, n = _clean_id(wanted), 2
        while gid in used:
            gid, n = f"{_clean_id(wanted)}-{n}", n + 1
        used.add(gid)
        return gid

    for i, c in enumerate(cells):
        old = dict(c.metadata.get("nbgrader", {}))
        c.metadata.pop("nbgrader", None)
        kind = role.get(i)
        if kind is None:
            continue
        suffix = {"solution": "answer", "test": "check", "locked": ""}[kind]
        derived = f"{base[i]}-{suffix}" if suffix else base[i]
        if kind == "locked" and base[i] == "setup":
            derived = f"{lesson}-setup"
        gid = unique(old["grade_id"] if old.get("grade_id") else derived)
        if kind == "solution":
            graded = c.cell_type == "markdown" or bool(old.get("grade"))
            meta = _meta(grade=graded, solution=True, locked=False, grade_id=gid)
            if graded:
                meta["points"] = _points(old)
            if c.cell_type == "code":
                c.source = _solution_source(c.source)
        elif kind == "test":
            meta = _meta(grade=True, solution=False, locked=True, grade_id=gid, points=_points(old))
            c.source = _test_source(c.source, meta["points"])
        else:
            meta = _meta(grade=False, solution=False, locked=True, grade_id=gid)
        c.metadata["nbgrader"] = meta
    new.cells = cells
    new.metadata["geokit_edition"] = "nbgrader-source"
    return new, notes


CONFIG = '''\
"""nbgrader configuration for the geokit lessons (written by `geokit editions nbgrader`).

Run nbgrader from this folder; the assignments are the folders of source/, for example:
    nbgrader generate_assignment {example} --force
        writes release/{example}/, the student version, to hand out
    nbgrader autograde {example} --force
        runs and grades every submitted/<student>/{example}/
    nbgrader export --to grades.csv
        every score, one row per student and assignment
This file is written once; edit it freely, `geokit editions nbgrader` will not overwrite it.
"""

import os

c = get_config()  # noqa: F821 (defined by the config loader)

# The course is this folder, wherever it is run from; the gradebook database stays in it.
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = {course_id}
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")

# Exchange: off. Hand out release/<assignment>/ through your learning platform (or a shared
# folder) and put what comes back in submitted/<student>/<assignment>/, by hand or with
# `nbgrader zip_collect`. On a JupyterHub with an nbgrader exchange, set c.Exchange.root and
# use release_assignment / collect instead.
#
# Quiz answers: geokit saves them in .geokit/ beside the notebook, so inside the assignment
# folder, and they travel with the submission; `geokit gradebook submitted/` reads them.
# Do not add ".geokit" to c.CourseDirectory.ignore: `nbgrader collect` would then drop them.
# Do not run the lessons inside source/ either: your own answers would be released.

# Autograding runs every cell of a lesson (figures, the article, the checks); allow time.
c.Execute.timeout = {timeout}  # seconds per cell
c.Execute.interrupt_on_timeout = True
# The kernel that runs submissions; geokit must be importable in it.
c.Execute.kernel_name = {kernel}
'''


def _assignment_name(lesson: str) -> str:
    return f"lesson-{lesson}"


def layout(
    course_dir: str | Path,
    source_dir: str | Path | None = None,
    assignment: str | None = None,
    *,
    course_id: str = "geokit",
    timeout: int = 120,
    kernel: str = "python3",
) -> Course:
    """Lay the lessons out as an nbgrader course in ``course_dir``.

    Parameters
    ----------
    course_dir
        The course folder; created if missing. ``source/`` notebooks are overwritten, an
        existing ``nbgrader_config.py`` is kept.
    source_dir
        The lessons (``NN-slug.ipynb``); default ``notebooks/`` of the checkout.
    assignment
        Put every lesson in this one assignment; default one assignment per lesson,
        ``lesson-NN-slug``.
    course_id, timeout, kernel
        Written into a new ``nbgrader_config.py``.

    Raises
    ------
    NbgraderMissingError
        nbgrader is not installed (it validates every notebook written).
    FileNotFoundError
        No lessons in ``source_dir``.
    ValueError
        ``assignment`` is not a usable folder name.
    """
    import nbformat

    validator = _require_nbgrader()()
    if assignment is not None and (not assignment or _clean_id(assignment) != assignment):
        raise ValueError(f"assignment name {assignment!r}: use letters, digits, '-' and '_' only")
    src = Path(source_dir) if source_dir is not None else default_source()
    lessons = lessons_in(src)
    if not lessons:
        raise FileNotFoundError(f"no lessons (NN-slug.ipynb) in {src}")
    root = Path(course_dir)
    root.mkdir(parents=True, exist_ok=True)
    config = root / "nbgrader_config.py"
    example = assignment or _assignment_name(lessons[0].stem)
    course = Course(root=root, config=config, config_written=not config.exists())
    if course.config_written:
        text = CONFIG.format(
            example=example,
            course_id=json.dumps(course_id),
            timeout=int(timeout),
            kernel=json.dumps(kernel),
        )
        config.write_text(text, encoding="utf-8")
    for path in lessons:
        name = assignment or _assignment_name(path.stem)
        nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
        made, notes = source_notebook(nb, path.stem)
        nbformat.validate(made)
        validator.validate_nb(made)
        target = root / "source" / name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(made, target)  # type: ignore[no-untyped-call]
        course.assignments.setdefault(name, []).append(target)
        course.notes += notes
        course.graded += [
            GradedCell(name, path.stem, c.metadata.nbgrader.grade_id, c.metadata.nbgrader.points)
            for c in made.cells
            if c.metadata.get("nbgrader", {}).get("grade")
        ]
    for name in course.assignments:
        if (root / "source" / name / ".geokit").exists():
            course.notes.append(
                f"source/{name}/.geokit/ holds quiz answers (from running the lessons there): "
                "delete it, or generate_assignment releases them to students"
            )
    return course
