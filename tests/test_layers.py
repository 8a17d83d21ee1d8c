"""The layer contract: data at the bottom, engines above it, teaching tools and the CLI on top.

The contract itself is in pyproject.toml ([tool.importlinter]); ``make lint`` runs it too. Here it
runs over the source tree, and once over a copy with a forbidden import, to show it can fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(src: Path, config: Path) -> subprocess.CompletedProcess[str]:
    if not LINT.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("lint-imports is missing: install the 'test' extra")
        pytest.skip("import-linter is not installed (it comes with the 'test' extra)")
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([str(LINT), "--no-cache", "--config", str(config)], cwd=src.parent,
                          env=env, capture_output=True, text=True, timeout=120, check=False)


def test_the_source_keeps_its_layers() -> None:
    done = _lint(ROOT / "src", ROOT / "pyproject.toml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "geokit layers KEPT" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("data/model.py", "import geokit.quizzes.grading", "geokit layers"),
        ("plots/network.py", "import geokit.quizzes.store", "geokit layers"),
        ("data/loader.py", "import matplotlib", "neither matplotlib nor ipywidgets"),
    ],
)
def test_the_contract_fails_on_a_forbidden_import(tmp_path: Path, module: str, line: str,
                                                 broken: str) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "geokit", src / "geokit",
                    ignore=shutil.ignore_patterns("__pycache__", "_corpus"))
    target = src / "geokit" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    done = _lint(src, tmp_path / "pyproject.toml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert broken in done.stdout, done.stdout
    assert "BROKEN" in done.stdout, done.stdout
