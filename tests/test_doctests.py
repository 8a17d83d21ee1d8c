"""The examples in geokit's docstrings run, as a student would type them.

pytest itself runs them: ``--doctest-modules`` with ``geokit`` in ``testpaths`` (see
pyproject.toml), over the geokit that is imported, so every ``pytest`` run collects them. These
tests check that it does, that a failing example fails the run, and that an example needing an
optional package that is missing is skipped with the reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import missing_for_doctest

import geokit

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(geokit.__file__).resolve().parent


def _pytest(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """Run pytest from the checkout, with its configuration, in a fresh interpreter."""
    code = f"{prelude}\nimport sys, pytest\nsys.exit(pytest.main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, "-p", "no:cacheprovider", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def test_pytest_collects_every_module_with_examples_from_the_imported_package() -> None:
    done = _pytest("--collect-only", "-q", "geokit")
    assert done.returncode == 0, done.stdout + done.stderr
    ids = [line for line in done.stdout.splitlines() if "::" in line]
    # the package's own __init__ too, which no hand-written module walk reached
    assert any(i.endswith("geokit/__init__.py::geokit") for i in ids), ids
    assert any(i.endswith("geokit/__init__.py::geokit.quiz") for i in ids), ids
    assert any("teach/editions.py::geokit.teach.editions" in i for i in ids), ids
    assert len(ids) >= 20, ids
    # the very package these tests import, not a second copy of it
    first = ROOT / ids[0].split("::")[0]
    assert first.resolve().is_relative_to(PACKAGE), (first, PACKAGE)


def test_a_wrong_example_fails_the_run(tmp_path: Path) -> None:
    module = tmp_path / "wrong_example.py"
    module.write_text('def f():\n    """\n    >>> 1 + 1\n    3\n    """\n', encoding="utf-8")
    done = _pytest("--doctest-modules", str(module))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 failed" in done.stdout


def test_an_example_needing_a_missing_package_is_skipped_with_the_reason() -> None:
    # nbconvert made unimportable, as in an install without the lab extra
    done = _pytest("-rs", "--pyargs", "geokit.teach.editions",
                   prelude="import sys; sys.modules['nbconvert'] = None")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout
    assert "needs nbconvert (pip install 'geokit[lab]')" in done.stdout


def test_the_examples_own_imports_count_too() -> None:
    assert missing_for_doctest("geokit.data.text", [">>> import geokit\n", "x = 1\n"]) == []
    assert missing_for_doctest("geokit.x", ["import no_such_package_here\n"]) == [
        "no_such_package_here"]
    assert missing_for_doctest("geokit.x", ["from json import loads\n"]) == []

