"""One command-line policy: every subcommand, every bad input, one stderr line, no traceback.

The subcommands are read from ``geokit --help``, so a new one must join the matrix below
(``test_the_matrix_covers_every_subcommand``). Each case runs ``geokit.cli.main`` in-process
against a bad input built in ``tmp_path`` and asserts the exit status, exactly one non-empty
stderr line starting ``geokit <command>:``, no traceback, and that nothing under ``tmp_path``
changed: every pre-existing file at an output path is byte-for-byte the same, and no file or
folder was added (no half-written output, no stray temporary file).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import make_mini_article

from geokit.cli import main
from geokit.cli.app import build_parser
from geokit.cli.output import staged
from geokit.quizzes.store import FORMAT

ROOT = Path(__file__).resolve().parent.parent
LONG = "a" * 300  # longer than any file name may be (255 bytes on Linux and macOS)
DEEP = "[" * 100_000 + "]" * 100_000
OLD = b"an earlier output, which a failed command must leave alone\n"


# -- the subcommands, as `geokit --help` lists them ------------------------------------------------


def _help(argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main([*argv, "--help"])
    return out.getvalue()


def _listed(text: str) -> list[str]:
    """The subcommands a help text lists (4-space indented names under the positionals)."""
    section = text.split("positional arguments:", 1)[-1].split("\n\n", 1)[0]
    return re.findall(r"^ {4}([a-z][a-z-]*)", section, re.M)


def commands() -> list[str]:
    """Every runnable command: ``list``, ..., ``quiz import``, ``editions build``, ..."""
    out = []
    for name in _listed(build_parser().format_help()):
        nested = _listed(_help([name]))
        out += [f"{name} {n}" for n in nested] or [name]
    return out


def writers() -> dict[str, str]:
    """The commands that write files: command -> the option or argument naming the output."""
    out = {}
    for cmd in commands():
        usage = _help(cmd.split())
        for flag in ("-o", "OUT", "COURSE_DIR"):
            if re.search(rf"(^|\s|\[){re.escape(flag)}\b", usage.split("\n\n")[0]):
                out[cmd] = flag
                break
    return out


# -- the bad inputs ------------------------------------------------------------------------------


@dataclass
class World:
    """The files the cases use, all under ``tmp_path``."""

    root: Path
    answers: Path
    deep_json: Path
    deep_article: Path
    locked: Path | None = None
    patches: list[Callable[[pytest.MonkeyPatch], None]] = field(default_factory=list)

    def old(self, name: str) -> str:
        """A pre-existing output file ``name`` (created once); its path as an argument."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_bytes(OLD)
        return str(path)

    def folder(self, name: str) -> str:
        """A folder named like an output file, holding an earlier file of its own."""
        (self.root / name).mkdir(exist_ok=True)
        (self.root / name / "inside.txt").write_bytes(OLD)
        return str(self.root / name)


@dataclass(frozen=True)
class Case:
    command: str  # as typed, e.g. "quiz import"
    kind: str  # which bad input
    argv: Callable[[World], list[str]]
    code: int
    says: str  # in the message (stderr, or stdout for validate's problem lines)
    patch: Callable[[pytest.MonkeyPatch, World], None] | None = None
    needs_lock: bool = False

    @property
    def id(self) -> str:
        return f"{self.command.replace(' ', '-')}:{self.kind}"


def _interrupt(*_args: Any, **_kwargs: Any) -> Any:
    raise KeyboardInterrupt


def _interrupt_at(target: str) -> Callable[[pytest.MonkeyPatch, World], None]:
    def patch(mp: pytest.MonkeyPatch, world: World) -> None:
        mp.setattr(target, _interrupt)

    return patch


def _hide(*modules: str) -> Callable[[pytest.MonkeyPatch, World], None]:
    def patch(mp: pytest.MonkeyPatch, world: World) -> None:
        for module in modules:
            mp.setitem(sys.modules, module, None)

    return patch


def _interrupt_while_saving_figure(mp: pytest.MonkeyPatch, world: World) -> None:
    import geokit.plots

    def half_written(fig: Any, path: Any, **kwargs: Any) -> None:
        Path(path).write_bytes(b"\x89PNG half a figure")
        raise KeyboardInterrupt

    mp.setattr(geokit.plots, "save_figure", half_written)


def _interrupt_while_writing_gradebook(mp: pytest.MonkeyPatch, world: World) -> None:
    def half_written(book: Any, out: Path, **_: Any) -> list[Path]:
        out.write_text("student,total\nann,")
        raise KeyboardInterrupt

    mp.setattr("geokit.teach.gradebook.write", half_written)


def _w(*args: str | Callable[[World], str]) -> Callable[[World], list[str]]:
    """argv with some parts computed from the world (``lambda w: w.old('x')``)."""
    return lambda world: [a(world) if callable(a) else a for a in args]


FIG = ("figure", "map")
GB = lambda w: str(w.answers)  # noqa: E731 - answers to grade, one of them corrupt
QI = ("quiz", "import")
QG = ("quiz", "generate", "template-example")
JQ = lambda w: str(w.deep_json)  # noqa: E731
BENCH = ("bench", "--only", "import")
EB = ("editions", "build")
NB = ("editions", "nbgrader")
DEEP_ART = lambda w: str(w.deep_article)  # noqa: E731


def _news(world: World) -> str:
    """A short news text to scaffold (written once)."""
    path = world.root / "news.txt"
    if not path.exists():
        path.write_text("Talks resume\n\nPakistan and India met on Monday, officials said.\n")
    return str(path)


NEW = ("new-article", "--date", "2025-06-12", _news)  # then OUT, the folder to create


def _homes(world: World) -> str:
    """Two students' homes, as on The Littlest JupyterHub: ann handed in, bob never did."""
    answer = world.root / "homes" / "ann" / ".geokit" / "ann" / "pakistan-russia-2012"
    if not answer.exists():
        answer.mkdir(parents=True)
        (answer / "actors.json").write_text(json.dumps(
            {"format": FORMAT, "student": "ann", "article": "pakistan-russia-2012",
             "bank": "actors", "answers": {}}))
        (world.root / "homes" / "bob").mkdir()
    return str(world.root / "homes") + "/{username}"


def _interrupt_after_the_first_student(mp: pytest.MonkeyPatch, world: World) -> None:
    """Ctrl-C once ann's file is copied, while bob is looked at: half a collection exists."""
    import geokit.teach.hub

    def note(self: Any, student: str, what: str) -> None:
        raise KeyboardInterrupt

    mp.setattr(geokit.teach.hub.Collection, "note", note)


HC = ("hub", "collect")  # then OUT, then the source
HOMES = ("--homes", _homes)
L = lambda name: lambda w: str(w.locked / name)  # noqa: E731
OUTPUT_CASES = [
    # -o naming a folder where a file is meant (or a file where a folder is meant)
    Case("figure", "folder", _w(*FIG, "-o", lambda w: w.folder("fig.png")), 1, "is a folder"),
    Case("gradebook", "folder", _w("gradebook", GB, "-o", lambda w: w.folder("g.csv")), 1,
         "is a folder"),
    Case("quiz import", "folder", _w(*QI, JQ, "-o", lambda w: w.folder("bank.yaml")), 1,
         "is a folder"),
    Case("quiz generate", "folder", _w(*QG, "-o", lambda w: w.folder("bank.yaml")), 1,
         "is a folder"),
    Case("bench", "folder", _w(*BENCH, "-o", lambda w: w.folder("results.json")), 1,
         "is a folder"),
    Case("schema", "folder", _w("schema", "-o", lambda w: w.old("schema.json")), 1,
         "is a file, not a folder"),
    Case("editions build", "folder", _w(*EB, lambda w: w.old("handout")), 1,
         "is a file, not a folder"),
    Case("editions nbgrader", "folder", _w(*NB, lambda w: w.old("course")), 1,
         "is a file, not a folder"),
    Case("new-article", "folder", _w(*NEW, lambda w: w.folder("talks")), 1,
         "exists already"),
    Case("hub collect", "folder", _w(*HC, lambda w: w.old("collected"), *HOMES), 1,
         "is a file, not a folder"),
    # -o in a folder that does not exist
    *(Case(cmd, "missing-parent", _w(*argv, lambda w, n=name: str(w.root / "no" / n)), 1,
           "no such folder")
      for cmd, argv, name in [
          ("figure", (*FIG, "-o"), "fig.png"),
          ("gradebook", ("gradebook", GB, "-o"), "g.csv"),
          ("quiz import", (*QI, JQ, "-o"), "bank.yaml"),
          ("quiz generate", (*QG, "-o"), "bank.yaml"),
          ("bench", (*BENCH, "-o"), "results.json"),
          ("schema", ("schema", "-o"), "schema"),
          ("editions build", EB, "handout"),
          ("editions nbgrader", NB, "course"),
          ("new-article", NEW, "talks"),
    ]),
    Case("hub collect", "missing-parent", _w(*HC, lambda w: str(w.root / "no" / "collected"),
                                             *HOMES), 1, "no such folder"),
    # -o in a folder nothing can be written in; the earlier file there stays
    *(Case(cmd, "unwritable", _w(*argv), 1, "cannot write in", needs_lock=True)
      for cmd, argv in [
          ("figure", (*FIG, "-o", L("fig.png"))),
          ("gradebook", ("gradebook", GB, "-o", L("g.csv"))),
          ("quiz import", (*QI, JQ, "-o", L("bank.yaml"))),
          ("quiz generate", (*QG, "-o", L("bank.yaml"))),
          ("bench", (*BENCH, "-o", L("results.json"))),
          ("schema", ("schema", "-o", L("."))),
          ("editions build", (*EB, L("."))),
          ("editions nbgrader", (*NB, L("."))),
          ("new-article", (*NEW, L("talks"))),
          ("hub collect", (*HC, L("."), *HOMES)),
    ]),
]
ARTICLE_CASES = [
    # a 300-character article name: "File name too long" from the file system
    Case("validate", "long-name", _w("validate", LONG), 1, "unknown article id"),
    Case("export", "long-name", _w("export", "--article", LONG), 1, "unknown article id"),
    Case("figure", "long-name", _w(*FIG, "--article", LONG, "-o", lambda w: w.old("fig.png")),
         1, "unknown article id"),
    Case("serve-quiz", "long-name", _w("serve-quiz", "--article", LONG, "--print-command"), 1,
         "no such article folder"),
    Case("quiz generate", "long-name", _w("quiz", "generate", LONG), 1, "unknown article id"),
    # a bank file that exists already: never written over
    Case("quiz generate", "exists", _w(*QG, "-o", lambda w: w.old("bank.yaml")), 1,
         "exists already"),
    Case("quiz generate", "nested", _w("quiz", "generate", DEEP_ART), 1, "deep.yaml"),
    Case("gradebook", "long-name",
         _w("gradebook", GB, "--article", LONG, "-o", lambda w: w.old("g.csv")), 1,
         "unknown article id"),
    # 100,000 nested brackets in a bank: JSON to import, or YAML in an article's quizzes/
    Case("quiz import", "nested", _w(*QI, JQ, "-o", lambda w: w.old("bank.yaml")), 1,
         "nested too deeply"),
    Case("validate", "nested", _w("validate", DEEP_ART), 1, "deep.yaml"),
    Case("export", "nested", _w("export", "--article", DEEP_ART), 1, "deep.yaml"),
    Case("figure", "nested", _w(*FIG, "--article", DEEP_ART, "-o", lambda w: w.old("fig.png")),
         1, "deep.yaml"),
    Case("serve-quiz", "nested", _w("serve-quiz", "--article", DEEP_ART, "--print-command"), 1,
         "deep.yaml"),
    Case("gradebook", "nested",
         _w("gradebook", GB, "--article", DEEP_ART, "-o", lambda w: w.old("g.csv")), 1,
         "deep.yaml"),
]
INTERRUPT_CASES = [
    Case("list", "ctrl-c", _w("list"), 130, "interrupted",
         _interrupt_at("geokit.data.loader.list_articles")),
    Case("validate", "ctrl-c", _w("validate"), 130, "interrupted",
         _interrupt_at("geokit.data.loader.read_article")),
    Case("export", "ctrl-c", _w("export"), 130, "interrupted",
         _interrupt_at("geokit.data.loader.load_article")),
    Case("schema", "ctrl-c", _w("schema", "-o", lambda w: str(Path(w.old("schema/a.json")).parent)),
         130, "interrupted", _interrupt_at("geokit.data.schema.schemas")),
    Case("bench", "ctrl-c", _w(*BENCH, "-o", lambda w: w.old("results.json")), 130,
         "interrupted", _interrupt_at("geokit.bench.run")),
    Case("gradebook", "ctrl-c", _w("gradebook", GB, "-o", lambda w: w.old("g.csv")), 130,
         "interrupted", _interrupt_at("geokit.teach.gradebook.collect")),
    Case("gradebook", "ctrl-c-while-writing", _w("gradebook", GB, "-o", lambda w: w.old("g.csv")),
         130, "interrupted", _interrupt_while_writing_gradebook),
    Case("quiz import", "ctrl-c", _w(*QI, JQ, "-o", lambda w: w.old("bank.yaml")), 130,
         "interrupted", _interrupt_at("geokit.quizzes.jupyterquiz.load_jupyterquiz")),
    Case("quiz generate", "ctrl-c", _w(*QG, "-o", lambda w: str(w.root / "bank.yaml")), 130,
         "interrupted", _interrupt_at("geokit.data.quizgen.generate_bank")),
    Case("figure", "ctrl-c", _w(*FIG, "-o", lambda w: w.old("fig.png")), 130, "interrupted",
         _interrupt_at("geokit.plots.regional_map")),
    Case("figure", "ctrl-c-while-saving", _w(*FIG, "-o", lambda w: w.old("fig.png")), 130,
         "interrupted", _interrupt_while_saving_figure),
    Case("editions build", "ctrl-c",
         _w(*EB, lambda w: str(Path(w.old("handout/student/01-a.ipynb")).parent.parent)), 130,
         "interrupted", _interrupt_at("geokit.teach.editions.build")),
    Case("editions nbgrader", "ctrl-c",
         _w(*NB, lambda w: str(Path(w.old("course/nbgrader_config.py")).parent)), 130,
         "interrupted", _interrupt_at("geokit.teach.nbgrader.layout")),
    Case("serve-quiz", "ctrl-c", _w("serve-quiz", "actors"), 130, "interrupted",
         _interrupt_at("geokit.teach.serve.to_serve")),
    # after the drafts are written, while they are validated: nothing may be left behind
    Case("new-article", "ctrl-c", _w(*NEW, lambda w: str(w.root / "talks")), 130,
         "interrupted", _interrupt_at("geokit.data.scaffold.read_article")),
    Case("hub link", "ctrl-c", _w("hub", "link", "https://hub.example.edu", "https://x.org/s.git"),
         130, "interrupted", _interrupt_at("geokit.teach.hub.gitpuller_link")),
    # into an earlier week's collection, which must stay as it was
    Case("hub collect", "ctrl-c", _w(*HC, lambda w: str(Path(w.old("collected/roster.txt")).parent),
                                     *HOMES), 130, "interrupted",
         _interrupt_after_the_first_student),
]
MODULE_CASES = [
    # an optional module that is not installed: the message names the extra that brings it
    Case("editions build", "no-nbformat", _w(*EB, lambda w: str(w.root / "handout")), 1,
         "pip install 'geokit[lab]'", _hide("nbformat")),
    Case("serve-quiz", "no-nbformat", _w("serve-quiz", "actors", "--print-command"), 1,
         "pip install 'geokit[lab]'", _hide("nbformat")),
    Case("bench", "no-nbclient", _w("bench", "--only", "lessons", "-o",
                                    lambda w: w.old("results.json")), 1,
         "pip install 'geokit[lab]'", _hide("nbclient")),
    Case("editions nbgrader", "no-nbgrader", _w(*NB, lambda w: str(w.root / "course")), 1,
         "pip install 'geokit[grading]'", _hide("nbgrader", "nbgrader.nbgraderformat")),
]
HUB_CASES = [
    Case("hub link", "bad-url", _w("hub", "link", "hub.example.edu", "https://x.org/s.git"), 2,
         "must start with http:// or https://"),
    Case("hub collect", "no-source", _w(*HC, lambda w: str(w.root / "collected")), 2,
         "give one of --hub URL"),
    Case("hub collect", "no-token", _w(*HC, lambda w: str(w.root / "collected"), "--hub",
                                       "http://127.0.0.1:9"), 2, "holds no API token",
         lambda mp, w: mp.delenv("GEOKIT_HUB_TOKEN", raising=False)),
    Case("hub collect", "missing-roster", _w(*HC, lambda w: str(w.root / "collected"), *HOMES,
                                             "--roster", lambda w: str(w.root / "class.txt")),
         1, "class.txt"),
    Case("hub collect", "bad-pattern", _w(*HC, lambda w: str(w.root / "collected"), "--homes",
                                          lambda w: str(w.root / "homes")), 1,
         "must contain {username} once"),
]
CASES = OUTPUT_CASES + ARTICLE_CASES + INTERRUPT_CASES + MODULE_CASES + HUB_CASES


# -- running a case ------------------------------------------------------------------------------


def _writable(folder: Path) -> bool:
    try:
        (folder / ".probe").touch()
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """``folder`` made unwritable: by its mode, or (for root, whom modes do not stop) chattr +i."""
    folder.chmod(0o555)
    immutable = False
    try:
        if _writable(folder) and shutil.which("chattr"):
            immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True,
                                       check=False).returncode == 0
        if _writable(folder):
            pytest.skip("cannot make a folder unwritable here (root, and no chattr +i)")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        folder.chmod(0o755)


def _snapshot(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else None
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GEOKIT_DEBUG", raising=False)
    answers = tmp_path / "answers"
    corrupt = answers / "ann" / "pakistan-russia-2012" / "actors.json"
    corrupt.parent.mkdir(parents=True)
    corrupt.write_text("{ not json")
    deep_json = tmp_path / "deep.json"
    deep_json.write_text(DEEP)
    article = make_mini_article(tmp_path / "articles")
    (article / "quizzes").mkdir(exist_ok=True)
    (article / "quizzes" / "deep.yaml").write_text(DEEP)
    return World(tmp_path, answers, deep_json, article)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_bad_input_is_one_line_and_changes_nothing(
    case: Case, world: World, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if case.needs_lock:
        world.locked = world.root / "locked"
        world.locked.mkdir()
        for name in ("fig.png", "g.csv", "bank.yaml", "results.json", "x.schema.json"):
            (world.locked / name).write_bytes(OLD)
    argv = case.argv(world)
    if case.patch:
        case.patch(monkeypatch, world)
    before = _snapshot(world.root)
    with _locked(world.locked) if world.locked else contextlib.nullcontext():
        try:
            code = main(argv)
        except KeyboardInterrupt:  # uncaught, it would stop the whole test run
            pytest.fail("Ctrl-C escaped the policy")
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert code == case.code, err
    assert len(lines) == 1, err
    assert lines[0].strip(), err
    assert "Traceback" not in err
    assert lines[0].startswith(f"geokit {case.command}:"), err
    assert case.says in out + err
    assert _snapshot(world.root) == before, "a failed command changed or added files"


def test_the_matrix_covers_every_subcommand() -> None:
    listed = commands()
    assert {"list", "validate", "quiz import", "editions build", "serve-quiz"} <= set(listed)
    for kind in ("ctrl-c",):
        assert sorted(c.command for c in CASES if c.kind == kind) == sorted(listed)
    out = writers()
    assert set(out) == {"figure", "schema", "gradebook", "quiz import", "quiz generate", "bench",
                        "editions build", "editions nbgrader", "new-article", "hub collect"}
    for kind in ("folder", "missing-parent", "unwritable"):
        assert sorted(c.command for c in CASES if c.kind == kind) == sorted(out), kind
    takes_article = [c for c in listed if "--article" in _help(c.split())
                     or c in ("validate", "quiz generate")]  # ARTICLE as an argument
    assert sorted(c.command for c in CASES if c.kind == "long-name") == sorted(takes_article)


def test_a_gradebook_output_that_is_one_of_its_inputs_is_bad_usage(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = world.answers / "ann" / "pakistan-russia-2012" / "actors.json"
    before = answer.read_bytes()
    assert main(["gradebook", str(world.answers), "-o", str(answer)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "would overwrite the input" in err
    assert answer.read_bytes() == before


def _boom(*_args: Any, **_kwargs: Any) -> Any:
    return 1 / 0


def test_an_unexpected_error_is_one_line_asking_for_a_report(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("geokit.data.loader.read_article", _boom)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("geokit validate: unexpected error (ZeroDivisionError: division by")
    assert "please report it" in err
    assert "GEOKIT_DEBUG=1" in err
    monkeypatch.setenv("GEOKIT_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["validate"])


def test_a_usage_error_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["bench", "--only", "everything"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("geokit bench: argument --only: invalid choice: 'everything'")


def test_a_written_file_keeps_its_permissions_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")
    path.chmod(0o640)
    with staged(path) as tmp:
        tmp.write_text("new")
    assert path.read_text() == "new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


# -- in a real process ---------------------------------------------------------------------------


def _geokit(*args: str, cwd: Path, env: dict[str, str] | None = None,
            ) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("GEOKIT_DATA", "GEOKIT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "geokit", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**base, **(env or {})}, check=False)


def test_in_a_process_a_deep_bank_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text(DEEP)
    done = _geokit("quiz", "import", "deep.json", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [done.stderr.strip()], done.stderr
    assert "deep.json: nested too deeply" in done.stderr


def test_a_real_ctrl_c_while_lessons_run_is_one_line(tmp_path: Path) -> None:
    """SIGINT to `geokit bench` while nbclient runs lessons (nbclient takes SIGINT over)."""
    out = tmp_path / "results.json"
    out.write_bytes(OLD)
    argv = [sys.executable, "-m", "geokit", "bench", "--only", "lessons", "--quick",
            "--notebooks", str(ROOT / "notebooks"), "-o", str(out)]
    child = subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, preexec_fn=lambda: signal.signal(signal.SIGINT,
                                                                         signal.SIG_DFL))
    time.sleep(6)  # a kernel is starting or running: the quick run of 14 notebooks takes longer
    # A SIGINT that lands while a kernel is being started can be taken by jupyter_client; like a
    # user who presses Ctrl-C again, send it again (at most five times) until the run stops.
    # The first interrupt is given time to end the run cleanly (kernels shut down slowly under
    # load); another Ctrl-C during that shutdown would interrupt nbclient's own clean-up.
    for wait in (120, 10, 10, 10, 10):
        child.send_signal(signal.SIGINT)
        try:
            _, err = child.communicate(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    else:
        child.kill()
        _, err = child.communicate(timeout=30)
    assert (child.returncode, err) == (130, "geokit bench: interrupted\n")
    assert out.read_bytes() == OLD


HELP_CHECK = """\
import sys
import geokit.data.paths as paths

def loaded(*args):
    raise SystemExit("the corpus was read for --help")

paths.data_root = paths.describe_root = paths.source_label = loaded
from geokit.cli import main

for argv in {argvs!r}:
    try:
        main([*argv, "--help"])
    except SystemExit as exc:
        assert exc.code == 0, (argv, exc.code)
heavy = [m for m in ("matplotlib", "ipywidgets", "nbformat", "nbclient") if m in sys.modules]
sys.exit(f"--help imported {{heavy}}" if heavy else 0)
"""


def test_help_reads_no_corpus_and_imports_nothing_heavy(tmp_path: Path) -> None:
    argvs = [[], *(c.split() for c in commands()), ["quiz"], ["editions"]]
    done = subprocess.run([sys.executable, "-c", HELP_CHECK.format(argvs=argvs)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage: geokit" in done.stdout


def test_the_help_check_can_fail(tmp_path: Path) -> None:
    code = HELP_CHECK.format(argvs=[["--help"]]).replace(
        "from geokit.cli import main", "from geokit.cli import main\nimport nbformat")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, check=False)
    assert "--help imported ['nbformat']" in done.stderr


def _fake_checkout(tmp_path: Path) -> Path:
    checkout = tmp_path / "checkout"
    (checkout / "data").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text('[project]\nname = "geokit"\n')
    shutil.copytree(ROOT / "data" / "articles", checkout / "data" / "articles")
    return checkout


def test_validate_in_a_checkout_checks_the_checkout(tmp_path: Path) -> None:
    checkout = _fake_checkout(tmp_path)
    done = _geokit("validate", "pakistan-russia-2012", cwd=checkout)
    assert done.returncode == 0, done.stdout + done.stderr
    folder = (checkout / "data" / "articles" / "pakistan-russia-2012").resolve()
    assert f"ok: pakistan-russia-2012 (the checkout, {folder})" in done.stderr

    actors = checkout / "data" / "articles" / "pakistan-russia-2012" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    assert "kind: person" in text
    actors.write_text(text.replace("kind: person", "kind: persn", 1), encoding="utf-8")
    (checkout / "notebooks").mkdir()
    done = _geokit("validate", cwd=checkout / "notebooks")  # from a folder inside it, too
    assert done.returncode == 1, done.stdout + done.stderr
    assert "actors.yaml:" in done.stdout
    assert "'persn'" in done.stdout
    assert "Traceback" not in done.stderr
    assert f"in the checkout ({(checkout / 'data').resolve()})" in done.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = _geokit("validate", "pakistan-russia-2012", cwd=elsewhere)
    assert done.returncode == 0, done.stdout + done.stderr  # the installed copy is unbroken
    assert "(the checkout" not in done.stderr
