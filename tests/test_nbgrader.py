"""nbgrader compatibility: `geokit editions nbgrader`, then the real nbgrader round trip.

The round trip runs nbgrader itself (``python -m nbgrader``) in a temporary course folder, with
HOME and the Jupyter config and data folders inside tmp so nothing reaches the user's set-up:
generate_assignment (the release carries no solution text), autograde of three sample
submissions (right, partly wrong, unanswered) and export, whose grades are checked. Without
nbgrader these tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geokit.cli import main
from geokit.teach import editions
from geokit.teach import nbgrader as _nbgrader
from geokit.teach.editions import lessons_in

nbformat = pytest.importorskip("nbformat")

try:
    from nbgrader.api import Gradebook
    from nbgrader.nbgraderformat import MetadataValidator
except ImportError:  # pragma: no cover - the test extra installs nbgrader
    Gradebook = MetadataValidator = None

ROOT = Path(__file__).resolve().parent.parent
LESSONS = lessons_in(ROOT / "notebooks")
ROUND_TRIP = "01-actors"  # the lesson autograded end to end (two exercises, 1 point each)
ASSIGNMENT = f"lesson-{ROUND_TRIP}"


@pytest.fixture(scope="module")
def nbgrader_installed() -> None:
    if MetadataValidator is None:
        why = f"nbgrader is not installed ({_nbgrader.GRADING_HINT})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}; under CI the nbgrader round trip must run")
        pytest.skip(why)


def load(path: Path):
    return nbformat.read(path, as_version=4)


def ng(cell) -> dict:
    return dict(cell.metadata.get("nbgrader", {}))


def by_id(nb) -> dict:
    return {ng(c)["grade_id"]: c for c in nb.cells if ng(c).get("grade_id")}


def run_nbgrader(course: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GEOKIT_STORE", "JUPYTERHUB_USER")}
    env |= {
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "MPLCONFIGDIR": str(home / "mpl"),
        # nbgrader runs `alembic` (its database migrations) from PATH: use this environment's
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
    }
    out = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}"
    return out


# -- the layout -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course(nbgrader_installed: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("course")
    assert main(["editions", "nbgrader", str(root)]) == 0
    return root


def test_every_lesson_becomes_an_assignment(course: Path) -> None:
    for lesson in LESSONS:
        assert (course / "source" / f"lesson-{lesson.stem}" / lesson.name).is_file()
    assert sorted(p.name for p in (course / "source").iterdir()) == [
        f"lesson-{p.stem}" for p in LESSONS
    ]
    config = (course / "nbgrader_config.py").read_text()
    compile(config, "nbgrader_config.py", "exec")
    assert 'c.CourseDirectory.course_id = "geokit"' in config
    assert "c.Execute.timeout = 120" in config
    assert 'c.Execute.kernel_name = "python3"' in config
    assert "gradebook.db" in config


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_exercise_is_gradable(course: Path, lesson: Path) -> None:
    source = load(lesson)
    made = load(course / "source" / f"lesson-{lesson.stem}" / lesson.name)
    nbformat.validate(made)
    MetadataValidator().validate_nb(made)
    solutions = [c for c in source.cells if "solution" in c.metadata.get("tags", ())]
    answer_cells = [c for c in made.cells if ng(c).get("solution") and c.cell_type == "code"]
    assert len(answer_cells) == len(solutions)
    # a lesson without code exercises (the context lesson) has none to grade
    assert solutions or lesson.stem.startswith("00c-")
    ids = by_id(made)
    for cell in answer_cells:
        meta = ng(cell)
        assert meta == {**meta, "grade": False, "locked": False, "schema_version": 3}
        assert "### BEGIN SOLUTION" in cell.source
        assert "### END SOLUTION" in cell.source
        assert "# keep" not in cell.source
        check = ids[meta["grade_id"].removesuffix("-answer") + "-check"]
        cmeta = ng(check)
        assert cmeta["grade"]
        assert cmeta["locked"]
        assert not cmeta["solution"]
        assert cmeta["points"] == 1
        assert "### BEGIN HIDDEN TESTS" in check.source
        assert re.search(r"^# Autograded \(1 point\)", check.source, re.MULTILINE)
    assert not any("instructor" in c.metadata.get("tags", ()) for c in made.cells)
    assert "Instructor note" not in "\n".join(c.source for c in made.cells)
    setup = next(c for c in made.cells if c.cell_type == "code"
                 and "parameters" not in c.metadata.get("tags", ()))
    assert ng(setup)["locked"], "the set-up cell is restored from the source when grading"
    for c in made.cells:  # and the article it reads (lessons 00-02's parameters cell)
        if "parameters" in c.metadata.get("tags", ()):
            assert ng(c)["locked"]
            assert ng(c)["grade_id"] == "parameters"
    for c in made.cells:
        if c.cell_type == "code" and c.source.startswith("geokit.exercises.check("):
            assert ng(c)["locked"]
            assert not ng(c)["grade"]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_open_responses_are_manual_grade_cells(course: Path, lesson: Path) -> None:
    import geokit
    from geokit.teach.essays import essay_bank

    made = load(course / "source" / f"lesson-{lesson.stem}" / lesson.name)
    MetadataValidator().validate_nb(made)  # nbgrader's own check of the cell metadata
    quizzed = re.findall(r'geokit\.quiz\((?:"pakistan-russia-2012"|ARTICLE), "([\w-]+)"\)',
                         "\n".join(c.source for c in load(lesson).cells))
    art = geokit.load_article("pakistan-russia-2012")
    wanted = {f"{q.id}-answer": q.points for b in art.quiz_banks if b.id in quizzed
              for q in b.questions if q.type == "open_response"}
    # the lesson's essays (geokit.teach.essays) are open responses too
    sources = "\n".join(c.source for c in load(lesson).cells)
    for ex_id in re.findall(r'\bessay\("([\w-]+)"\)', sources):
        q = essay_bank(ex_id).questions[0]
        wanted[f"{q.id}-answer"] = q.points
    manual = {ng(c)["grade_id"]: ng(c) for c in made.cells
              if c.cell_type == "markdown" and ng(c).get("grade")}
    assert {k: m["points"] for k, m in manual.items()} == wanted
    for meta in manual.values():
        assert meta["solution"]  # a solution cell with points: Formgrader scores it by hand
        assert not meta["locked"]


def test_rerun_keeps_the_config_and_one_assignment_option(course: Path, tmp_path: Path) -> None:
    config = course / "nbgrader_config.py"
    edited = config.read_text() + "\n# my own edit\n"
    config.write_text(edited)
    assert main(["editions", "nbgrader", str(course)]) == 0
    assert config.read_text() == edited
    assert main(["editions", "nbgrader", str(tmp_path), "--assignment", "geokit"]) == 0
    assert sorted(p.name for p in (tmp_path / "source" / "geokit").glob("*.ipynb")) == [
        p.name for p in LESSONS
    ]


def test_cli_help_and_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit):
        main(["editions", "nbgrader", "--help"])
    text = capsys.readouterr().out
    assert "COURSE_DIR/source/lesson-NN-slug/NN-slug.ipynb" in text
    assert "--assignment NAME" in text
    assert "pip install 'geokit[grading]'" in text
    # without nbgrader: a clear message, exit 1, nothing written
    monkeypatch.setitem(sys.modules, "nbgrader", None)
    monkeypatch.setitem(sys.modules, "nbgrader.nbgraderformat", None)
    assert main(["editions", "nbgrader", str(tmp_path / "c")]) == 1
    assert "nbgrader is not installed" in (out := capsys.readouterr().err)
    assert "pip install 'geokit[grading]'" in out
    assert not (tmp_path / "c").exists()


def test_bad_source_and_assignment_names(
    nbgrader_installed: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["editions", "nbgrader", str(tmp_path / "c"), "--source", str(tmp_path)]) == 1
    assert "no lessons" in capsys.readouterr().err
    assert main(["editions", "nbgrader", str(tmp_path / "c"), "--assignment", "a b/c"]) == 1
    assert "letters, digits" in capsys.readouterr().err


def test_tags_without_metadata_are_made_gradable(nbgrader_installed: None) -> None:
    """What an instructor's own lesson might hold: tags only, no nbgrader metadata yet."""
    v4 = nbformat.v4
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell(
                "Read me", metadata={"nbgrader": {"locked": True, "grade_id": "intro"}}
            ),
            v4.new_code_cell("import geokit\nart = geokit.load_article('x')"),
            v4.new_markdown_cell("Note for me", metadata={"tags": ["instructor"]}),
            v4.new_code_cell(
                "# Write it here  # keep\nanswer = 1", metadata={"tags": ["solution"]}
            ),
            v4.new_code_cell('geokit.exercises.check("ex-a", answer)'),
            v4.new_code_cell("answer = 2", metadata={"tags": ["solution"]}),
            v4.new_code_cell("assert answer == 2", metadata={"tags": ["hidden-check"]}),
            v4.new_code_cell("answer = 3", metadata={"tags": ["solution"]}),
            v4.new_markdown_cell("Explain.", metadata={"tags": ["solution"]}),
            v4.new_code_cell("print('free to change')"),
        ]
    )
    before = nbformat.writes(nb)
    made, notes = _nbgrader.source_notebook(nb, "09-mine")
    assert nbformat.writes(nb) == before, "the lesson itself is unchanged"
    MetadataValidator().validate_nb(made)
    cells = made.cells
    assert [ng(c).get("grade_id") for c in cells] == [
        "intro",  # metadata already there is kept
        "09-mine-setup",
        "ex-a-answer",
        "ex-a-check",  # the visible check, promoted: it asserts in hidden tests
        "09-mine-exercise-2-answer",
        "09-mine-exercise-2-check",
        "09-mine-exercise-3-answer",
        "09-mine-exercise-4-answer",  # a markdown answer: graded by hand
        None,
    ]
    assert cells[2].source == "# Write it here\n### BEGIN SOLUTION\nanswer = 1\n### END SOLUTION"
    assert cells[3].source.startswith('geokit.exercises.check("ex-a", answer)\n')
    assert "assert geokit.exercises.check('ex-a', answer).correct" in cells[3].source
    assert cells[5].source.splitlines()[1:] == [
        "### BEGIN HIDDEN TESTS",
        "assert answer == 2",
        "### END HIDDEN TESTS",
    ]
    assert ng(cells[0])["locked"]
    assert ng(cells[7]) == {
        "grade": True,
        "solution": True,
        "locked": False,
        "points": 1,
        "grade_id": "09-mine-exercise-4-answer",
        "schema_version": 3,
    }
    assert notes == [
        "09-mine: exercise cell 8 (09-mine-exercise-3) has no hidden-check cell "
        "and no geokit.exercises.check(...) call after it: collected, but not autograded"
    ]


# -- the real nbgrader commands ------------------------------------------------------------


@pytest.mark.slow
def test_generate_assignment_releases_every_lesson_without_solutions(
    nbgrader_installed: None, tmp_path: Path
) -> None:
    """All lessons as one assignment: one generate_assignment releases the six notebooks."""
    course = tmp_path / "course"
    assert main(["editions", "nbgrader", str(course), "--assignment", "geokit"]) == 0
    run_nbgrader(course, tmp_path / "home", "generate_assignment", "geokit", "--force")
    released = sorted((course / "release" / "geokit").iterdir())
    assert [p.name for p in released] == [p.name for p in LESSONS], "and nothing else"
    for lesson in LESSONS:
        source = load(lesson)
        release = load(course / "release" / "geokit" / lesson.name)
        text = "\n".join(c.source for c in release.cells)
        # Lines that also stand in the public cells (a loop header, a bare `answer`) prove nothing.
        public = "\n".join(c.source for c in source.cells if not c.metadata.get("tags"))
        secret = [
            ln
            for ln in editions.solution_text(source)
            if ln.strip() not in public and len(ln.strip()) > 3
        ]
        assert secret
        for line in secret:
            assert line.strip() not in text, f"{lesson.name}: leaked into the release: {line!r}"
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "Instructor note", "# keep"):
            assert marker not in text
        stubs = [c for c in release.cells if ng(c).get("solution") and c.cell_type == "code"]
        tagged = [c for c in source.cells if "solution" in c.metadata.get("tags", ())]
        assert len(stubs) == len(tagged)
        for stub, sol in zip(stubs, tagged, strict=True):
            kept = [
                re.sub(r"\s*# keep$", "", ln) for ln in sol.source.splitlines() if "# keep" in ln
            ]
            assert stub.source.splitlines() == [
                *kept,
                "# YOUR CODE HERE",
                "raise NotImplementedError()",
            ]
        for cell in release.cells:
            if ng(cell).get("grade") and cell.cell_type == "markdown":  # an open response
                assert cell.source == "YOUR ANSWER HERE", "the model answer is not released"
            elif ng(cell).get("grade"):
                assert "assert" not in cell.source
                assert cell.source.startswith("# Autograded (1 point)")


def _submit(course: Path, student: str, nb) -> Path:
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{ROUND_TRIP}.ipynb")
    return folder


def _solution(cell) -> str:
    return re.search(r"### BEGIN SOLUTION\n(.*)### END SOLUTION", cell.source, re.DOTALL)[1]


@pytest.mark.slow
def test_autograde_and_export_grade_three_sample_submissions(course: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    run_nbgrader(course, home, "generate_assignment", ASSIGNMENT, "--force")
    source = load(course / "source" / ASSIGNMENT / f"{ROUND_TRIP}.ipynb")
    release = load(course / "release" / ASSIGNMENT / f"{ROUND_TRIP}.ipynb")
    assert "NotImplementedError" in by_id(release)["01-who-met-answer"].source

    # alice hands in the worked solutions, with quiz answers saved where geokit saves them:
    # .geokit/ in the assignment folder, so they travel with the submission
    alice = _submit(course, "alice", source)
    import geokit

    quiz = geokit.quiz("pakistan-russia-2012", "actors", student="alice", store=alice / ".geokit")
    assert quiz.answer("act-lavrov-role", "foreign-minister").correct
    # bob fills in the release: the first exercise wrong, the second right
    bob = by_id(release)
    bob["01-who-met-answer"].source = 'answer = {"putin", "lavrov"}  # not who met'
    bob["01-meeting-date-answer"].source = _solution(by_id(source)["01-meeting-date-answer"])
    _submit(course, "bob", release)
    # carol hands the release back untouched
    _submit(course, "carol", load(course / "release" / ASSIGNMENT / f"{ROUND_TRIP}.ipynb"))

    run_nbgrader(course, home, "autograde", ASSIGNMENT, "--force")
    run_nbgrader(course, home, "export", "--to", "grades.csv")

    with open(course / "grades.csv", newline="") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    scores = {s: (float(r["score"]), float(r["max_score"])) for s, r in rows.items()}
    assert scores == {"alice": (2.0, 2.0), "bob": (1.0, 2.0), "carol": (0.0, 2.0)}
    assert {r["assignment"] for r in rows.values()} == {ASSIGNMENT}

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="geokit") as gb:
        per_cell = {
            (s, g): gb.find_grade(g, ROUND_TRIP, ASSIGNMENT, s).score
            for s in ("alice", "bob", "carol")
            for g in ("01-who-met-check", "01-meeting-date-check")
        }
    assert per_cell == {
        ("alice", "01-who-met-check"): 1,
        ("alice", "01-meeting-date-check"): 1,
        ("bob", "01-who-met-check"): 0,
        ("bob", "01-meeting-date-check"): 1,
        ("carol", "01-who-met-check"): 0,
        ("carol", "01-meeting-date-check"): 0,
    }

    # the quiz answers came along: the gradebook reads them from the submitted folders
    from geokit.teach.gradebook import collect

    submissions, report = collect([course / "submitted"])
    assert [(s.student, s.bank) for s in submissions] == [("alice", "actors")]
    assert not report.unreadable
