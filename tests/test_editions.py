"""Student and instructor editions: nothing leaks into the handout, and both editions run.

The student edition is executed as a student would first open it (every exercise still a stub),
the instructor edition with the worked answers, whose every visible and hidden check must pass.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geokit import editions
from geokit.cli import main

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "notebooks"
NOTEBOOKS = sorted(LESSONS.glob("[0-9][0-9]-*.ipynb"))
ids = [p.stem for p in NOTEBOOKS]


def load(path: Path):
    return nbformat.read(path, as_version=4)


def all_source(nb) -> str:
    return "\n".join(c.source for c in nb.cells)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("editions")
    assert main(["editions", "build", str(out)]) == 0
    return out


def test_build_writes_both_editions_validated(built: Path) -> None:
    for edition in ("student", "instructor"):
        written = sorted(p.name for p in (built / edition).glob("*.ipynb"))
        assert written == [p.name for p in NOTEBOOKS]
        for p in (built / edition).glob("*.ipynb"):
            nbformat.validate(load(p))


def test_cli_help_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["editions", "build", "--help"])
    assert "OUT/student/" in capsys.readouterr().out
    assert main(["editions", "build", str(tmp_path / "out"), "--source", str(tmp_path)]) == 1
    assert "no lessons" in capsys.readouterr().out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_student_edition_leaks_no_solution_or_instructor_text(path: Path, built: Path) -> None:
    source = load(path)
    student = load(built / "student" / path.name)
    # Lines that also stand in the public cells (a loop header, a bare `answer`) prove nothing.
    public = "\n".join(c.source for c in source.cells if not c.metadata.get("tags"))
    secret = [
        ln
        for ln in editions.solution_text(source)
        if ln.strip() not in public and len(ln.strip()) > 3
    ]
    assert secret, "every lesson has solutions or instructor notes to hide"
    text = all_source(student)
    for line in secret:
        assert line.strip() not in text, f"leaked into the student edition: {line!r}"
    for cell in student.cells:
        assert not set(cell.metadata.get("tags", ())) & editions.HIDDEN_TAGS
        assert "nbgrader" not in cell.metadata
    assert "### BEGIN SOLUTION" not in text
    assert "BEGIN HIDDEN TESTS" not in text
    assert "Instructor note" not in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_solution_cells_become_stubs_that_keep_marked_lines(path: Path, built: Path) -> None:
    source = load(path)
    student = load(built / "student" / path.name)
    solutions = [c for c in source.cells if "solution" in c.metadata.get("tags", ())]
    stubs = [c for c in student.cells if c.source.endswith(editions.STUB)]
    assert len(stubs) == len(solutions)
    for sol, stub in zip(solutions, stubs, strict=True):
        kept = [
            re.sub(r"\s*# keep$", "", ln) for ln in sol.source.splitlines() if ln.endswith("# keep")
        ]
        assert stub.source.splitlines() == [*kept, editions.STUB]


def test_student_edition_is_pure_and_handles_plain_regions() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("x = 1\n### BEGIN SOLUTION\ny = 2\n### END SOLUTION\nx"),
            nbformat.v4.new_code_cell(
                "### BEGIN HIDDEN TESTS\nassert y == 2\n### END HIDDEN TESTS\nprint('visible')"
            ),
            nbformat.v4.new_markdown_cell("secret", metadata={"tags": ["instructor"]}),
            nbformat.v4.new_code_cell("assert ok", metadata={"tags": ["hidden-check"]}),
        ]
    )
    before = nbformat.writes(nb)
    out = editions.student_edition(nb)
    assert nbformat.writes(nb) == before
    assert [c.source for c in out.cells] == [f"x = 1\n{editions.STUB}\nx", "print('visible')"]
    assert "y = 2" in editions.solution_text(nb)


def _execute(path: Path, cwd: Path) -> object:
    from nbclient import NotebookClient

    nb = load(path)
    NotebookClient(
        nb, kernel_name="python3", timeout=60, resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return nb


def _check_outputs(nb) -> list[str]:
    """The text/plain of every visible check cell, in order."""
    out = []
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("geokit.exercises.check("):
            texts = [
                o.get("data", {}).get("text/plain", "")
                for o in cell.outputs
                if o.get("output_type") == "execute_result"
            ]
            out.append("".join(texts))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_student_edition_runs_with_every_exercise_unanswered(
    path: Path, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEOKIT_STORE", str(tmp_path / "answers"))
    nb = _execute(built / "student" / path.name, tmp_path)
    checks = _check_outputs(nb)
    assert checks, "every lesson has exercises"
    for text in checks:
        assert text.startswith("… Not answered yet"), text


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_instructor_edition_runs_with_every_check_passing(
    path: Path, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEOKIT_STORE", str(tmp_path / "answers"))
    nb = _execute(built / "instructor" / path.name, tmp_path)  # hidden checks assert
    checks = _check_outputs(nb)
    assert checks
    for text in checks:
        assert text.startswith(("✔ Right", "✎ Ready")), text
