"""Student and instructor editions: nothing leaks into the handout, and both editions run.

The student edition is executed as a student would first open it (every exercise still a stub),
the instructor edition with the worked answers, whose every visible and hidden check must pass.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geokit.cli import main
from geokit.data.feedback import LOOK
from geokit.teach import editions
from geokit.teach.editions import lessons_in

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "notebooks"
NOTEBOOKS = lessons_in(LESSONS)
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
    assert "no lessons" in capsys.readouterr().err


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
    # every lesson has exercises, but for the context lesson, which has a quiz and no code task
    assert checks or path.name.startswith("00c-"), "every lesson has exercises"
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
    assert checks or path.name.startswith("00c-")
    passed = tuple(f"{LOOK[s].symbol} {LOOK[s].headline}" for s in ("correct", "submitted"))
    for text in checks:
        assert text.startswith(passed), text


def _nb(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("x = 1\n### BEGIN SOLUTION\nsecret = 42", "no ### END SOLUTION"),
        ("### BEGIN SOLUTION\nsecret = 42\n### END SOLUTIONS", "is not a marker"),
        ("### BEGIN HIDDEN TESTS\nassert secret == 42", "no ### END HIDDEN TESTS"),
        ("secret = 42\n### END SOLUTION", "without a matching"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nsecret\n### END SOLUTION", "inside a solution"),
        ("### begin solution\nsecret = 42\n### end solution", "is not a marker"),
    ],
)
def test_bad_markers_are_errors_naming_notebook_and_cell(source: str, error: str) -> None:
    nb = _nb(nbformat.v4.new_markdown_cell("intro"), nbformat.v4.new_code_cell(source))
    with pytest.raises(editions.EditionError, match=error) as info:
        editions.student_edition(nb, "07-x.ipynb")
    assert "07-x.ipynb, cell 2" in str(info.value)


def test_markdown_regions_are_stripped() -> None:
    nb = _nb(
        nbformat.v4.new_markdown_cell(
            "Why?\n### BEGIN SOLUTION\nBecause secret.\n### END SOLUTION\n"
            "### BEGIN HIDDEN TESTS\nrubric secret\n### END HIDDEN TESTS\nEnd."
        )
    )
    out = editions.student_edition(nb)
    assert out.cells[0].source == f"Why?\n{editions.MARKDOWN_STUB}\nEnd."
    assert "Because secret." in editions.solution_text(nb)


@pytest.mark.parametrize("tag", ["Solution", "solution ", " SOLUTION"])
def test_solution_tag_is_read_whatever_its_case_or_blanks(tag: str) -> None:
    nb = _nb(nbformat.v4.new_code_cell("x = 1  # keep\nanswer = 42", metadata={"tags": [tag]}))
    out = editions.student_edition(nb)
    assert out.cells[0].source == f"x = 1\n{editions.STUB}"
    assert "answer = 42" in editions.solution_text(nb)


@pytest.mark.parametrize("tag", ["Instructor", "hidden-check ", "HIDDEN-CHECK"])
def test_hidden_tags_are_read_whatever_their_case_or_blanks(tag: str) -> None:
    nb = _nb(nbformat.v4.new_markdown_cell("secret note", metadata={"tags": [tag]}))
    assert editions.student_edition(nb).cells == []


def test_solution_tagged_markdown_becomes_a_stub() -> None:
    nb = _nb(nbformat.v4.new_markdown_cell("The answer is 42.", metadata={"tags": ["solution"]}))
    assert editions.student_edition(nb).cells[0].source == editions.MARKDOWN_STUB


def test_leak_check_fails_on_a_marker_or_solution_text() -> None:
    source = _nb(
        nbformat.v4.new_code_cell("### BEGIN SOLUTION\nsecret = 42\n### END SOLUTION"),
    )
    student = editions.student_edition(source)
    editions.check_student_edition(source, student, "ok.ipynb")
    student.cells[0].source = "secret = 42"
    with pytest.raises(editions.EditionError, match="leaks 'secret = 42'"):
        editions.check_student_edition(source, student, "a.ipynb")
    student.cells[0].source = "### END SOLUTION"
    with pytest.raises(editions.EditionError, match=r"a\.ipynb, cell 1.*marker"):
        editions.check_student_edition(source, student, "a.ipynb")


def _write(path: Path, *cells) -> None:
    nbformat.write(_nb(*cells), path)


def test_build_fails_on_a_bad_marker_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    _write(src / "01-a.ipynb", nbformat.v4.new_code_cell("### BEGIN SOLUTION\nsecret = 42"))
    assert main(["editions", "build", str(tmp_path / "out"), "--source", str(src)]) == 1
    out = capsys.readouterr().err
    assert "01-a.ipynb, cell 1" in out
    assert len(out.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_build_reports_a_bad_notebook_and_an_out_that_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "01-a.ipynb").write_text("not json")
    assert main(["editions", "build", str(tmp_path / "out"), "--source", str(src)]) == 1
    out = capsys.readouterr().err
    assert "01-a.ipynb" in out
    assert "not a readable notebook" in out
    assert len(out.strip().splitlines()) == 1

    _write(src / "01-a.ipynb", nbformat.v4.new_code_cell("x = 1"))
    (tmp_path / "file").write_text("")
    assert main(["editions", "build", str(tmp_path / "file"), "--source", str(src)]) == 1
    out = capsys.readouterr().err
    assert "file is a file, not a folder" in out
    assert len(out.strip().splitlines()) == 1


def test_rebuild_removes_renamed_lessons_and_only_those(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    _write(src / "01-old-name.ipynb", nbformat.v4.new_code_cell("x = 1"))
    assert main(["editions", "build", str(out), "--source", str(src)]) == 0
    (src / "01-old-name.ipynb").rename(src / "01-new-name.ipynb")
    (out / "student" / "notes.txt").write_text("mine")
    (out / "other.ipynb").write_text("{}")
    assert main(["editions", "build", str(out), "--source", str(src)]) == 0
    for edition in ("student", "instructor"):
        assert sorted(p.name for p in (out / edition).glob("*.ipynb")) == ["01-new-name.ipynb"]
    assert (out / "student" / "notes.txt").read_text() == "mine"
    assert (out / "other.ipynb").exists()


def test_outputs_and_grading_metadata_go_other_tags_stay() -> None:
    code = nbformat.v4.new_code_cell(
        "print(1)",
        execution_count=3,
        outputs=[nbformat.v4.new_output("stream", text="1\n")],
        metadata={"tags": ["Remove-Input", " Solution"], "scrolled": True},
    )
    note = nbformat.v4.new_markdown_cell(
        "Read paragraph 5.", metadata={"nbgrader": {"grade": False}, "tags": ["NBVAL_SKIP"]}
    )
    source = _nb(code, note)
    out = editions.student_edition(source)
    first, second = out.cells
    assert (first.outputs, first.execution_count) == ([], None)
    assert first.metadata["tags"] == ["Remove-Input", "solution"]  # only geokit's own respelled
    assert "scrolled" not in first.metadata
    assert "nbgrader" not in second.metadata
    assert second.metadata["tags"] == ["NBVAL_SKIP"]
    assert source.cells[0].outputs, "the source notebook is left as it was"
    instructor = editions._clean(source)
    assert instructor.cells[0].outputs == []
    assert instructor.cells[0].source == "print(1)"


def test_default_source_is_the_checkout_whatever_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    if not Path(editions.__file__).resolve().is_relative_to(ROOT / "src"):
        # installed: outside a checkout the working folder's notebooks/ is the only guess
        with pytest.raises(FileNotFoundError, match="--source"):
            editions.default_source()
        (tmp_path / "notebooks").mkdir()
        assert editions.default_source() == tmp_path / "notebooks"
    else:
        assert editions.default_source() == LESSONS


def test_lessons_are_found_in_teaching_order_with_a_letter_between_two(tmp_path: Path) -> None:
    names = ["01-actors.ipynb", "00b-lateral.ipynb", "00-reading.ipynb", "00c-context.ipynb",
             "notes.ipynb", "1-short.ipynb", "00bb-two-letters.ipynb", "02-interests.txt"]
    for name in names:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in lessons_in(tmp_path)] == [
        "00-reading.ipynb", "00b-lateral.ipynb", "00c-context.ipynb", "01-actors.ipynb"]
