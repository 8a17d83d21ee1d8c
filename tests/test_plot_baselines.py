"""Every figure still looks like its committed baseline image (pytest-mpl).

Each figure is drawn for the small test article (``mini-*``) and for the bundled one
(``shipped-*``) and compared with ``tests/baseline/<which>-<figure>.png`` by pytest-mpl, which
``--mpl`` in the pytest configuration turns on. Refresh the images after an intended visual
change, or after the shipped article's annotations change, with::

    make baselines

then look at every new PNG before committing it (docs/figures.md).
"""

from __future__ import annotations

import importlib
import textwrap
from pathlib import Path
from typing import Any

import pytest
from test_plots_article import make_mini_article

import geokit
import geokit.plots as gp
from geokit.plots._common import STYLE
from geokit.plots._registry import FIGURES

SHIPPED = "pakistan-russia-2012"
TOLERANCE = 3.0  # RMS, on a 0-255 scale: anti-aliasing noise passes, a moved label does not
#: how save_figure draws: matplotlib's defaults, then geokit's pinned style
PINNED = ["default", STYLE]


def compared(name: str, which: str) -> Any:
    """One case, compared with its baseline under the name it has always had."""
    mark = pytest.mark.mpl_image_compare(
        baseline_dir="baseline", filename=f"{which}-{name}.png", tolerance=TOLERANCE,
        style=PINNED, savefig_kwargs={"metadata": {"Software": None}})
    return pytest.param(name, which, marks=mark, id=f"{which}-{name}")


CASES = [compared(name, which) for name in FIGURES for which in ("mini", "shipped")]


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> geokit.data.model.Article:
    return geokit.load_article(make_mini_article(tmp_path_factory.mktemp("plots")))


@pytest.fixture(scope="module")
def shipped() -> geokit.data.model.Article:
    return geokit.load_article(SHIPPED)


@pytest.mark.parametrize(("name", "which"), CASES)
def test_figure_matches_its_baseline(name: str, which: str, mini: Any, shipped: Any) -> Any:
    spec = FIGURES[name]
    draw = getattr(importlib.import_module(spec.module), spec.function)
    return draw(mini if which == "mini" else shipped)


def test_every_figure_has_a_baseline() -> None:
    folder = Path(__file__).parent / "baseline"
    wanted = {f"{which}-{name}.png" for name in FIGURES for which in ("mini", "shipped")}
    missing = wanted - {p.name for p in folder.glob("*.png")}
    assert not missing, f"no baseline for {sorted(missing)}: run `make baselines`, look, commit"


CHANGED = """\
    import geokit, geokit.plots as gp, pytest

    @pytest.mark.mpl_image_compare(baseline_dir="baseline", filename="timeline.png",
                                   tolerance={tolerance}, style={style!r})
    def test_figure():
        return gp.timeline(geokit.load_article({article!r}){change})
    """


@pytest.mark.parametrize(("change", "outcome"), [("", "passed"), (", start='2012-09'", "failed")])
def test_a_changed_figure_fails_its_comparison(pytester: pytest.Pytester, mini: Any,
                                               change: str, outcome: str) -> None:
    """A baseline in a temporary folder: the same figure passes, a changed one fails."""
    (pytester.path / "baseline").mkdir()
    gp.save_figure(gp.timeline(mini), pytester.path / "baseline" / "timeline.png")
    pytester.makepyfile(test_changed=textwrap.dedent(CHANGED).format(
        tolerance=TOLERANCE, style=PINNED, article=str(mini.folder), change=change))
    result = pytester.runpytest("--mpl", "-p", "no:cacheprovider",
                                f"--mpl-results-path={pytester.path / 'results'}")
    result.assert_outcomes(**{outcome: 1})
    if outcome == "failed":
        result.stdout.fnmatch_lines(["*Error: Image files did not match.*"])

