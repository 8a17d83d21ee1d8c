"""A real JupyterHub for the tests under tests/hub/ (marker ``hub``): one hub per run, started
on 127.0.0.1 with a proxy of its own, torn down (servers, hub, proxy, homes) after the run.

Without node or the vendored proxy the tests skip and say why; under CI=true they fail instead,
so CI cannot pass by skipping them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .harness import REPO, Hub, missing_tools

IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
#: students in the load test: GEOKIT_HUB_STUDENTS, default 30
N_STUDENTS = int(os.environ.get("GEOKIT_HUB_STUDENTS", "30"))
LESSON = "00-reading-the-source.ipynb"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.hub)


def unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def hub_root() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="geokit-hub-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)  # the students' homes are in here too


@pytest.fixture(scope="session")
def hub(hub_root: Path) -> Iterator[Hub]:
    why = missing_tools()
    if why:
        unavailable(why)
    h = Hub(hub_root / "hub")
    try:
        h.start()
        yield h
    finally:
        h.close()


@pytest.fixture(scope="session")
def student_repo(hub_root: Path) -> str:
    """The student edition in a git repository, as an instructor publishes it for nbgitpuller
    (a local file:// repository: nothing leaves the machine)."""
    repo = hub_root / "student-edition"
    out = hub_root / "editions"
    subprocess.run([sys.executable, "-m", "geokit", "editions", "build", str(out), "--source",
                    str(REPO / "notebooks")], check=True, capture_output=True)
    shutil.copytree(out / "student", repo)
    git = ["git", "-c", "user.name=instructor", "-c", "user.email=instructor@localhost"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "student edition"], cwd=repo, check=True)
    return repo.as_uri()
