"""Figures a notebook has shown before are shown again from disk, without matplotlib
(geokit.plots._kept): the same display, never a stale one, and a real Figure on demand.

The notebook tests run real kernels (as a lesson's Run All does), each with a cache folder of
its own.
"""

from __future__ import annotations

import dataclasses
import inspect
import os
import pydoc
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_mini_article

import geokit
import geokit.plots as gp
from geokit.plots import _kept

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ARTICLE = "pakistan-russia-2012"
SEPT = 'geokit.plots.timeline(art, start="2012-09", end="2012-10")'
LOADED = "print('matplotlib loaded:', 'matplotlib' in sys.modules)"


def _absolute_pythonpath() -> dict[str, str]:
    entries = os.environ.get("PYTHONPATH", "")
    return {"PYTHONPATH": os.pathsep.join(str(Path(e).resolve())
                                          for e in entries.split(os.pathsep) if e)}


def _run(cells: list[str], cache: Path | str, *, article: str | Path = ARTICLE,
         monkeypatch: pytest.MonkeyPatch, cwd: Path) -> list[list[dict]]:
    """Run ``cells`` in a new kernel after loading ``article`` as ``art``; each cell's outputs."""
    monkeypatch.setenv("GEOKIT_CACHE", str(cache))
    for key, value in _absolute_pythonpath().items():
        monkeypatch.setenv(key, value)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        f"import sys, geokit, geokit.plots\nart = geokit.load_article({str(article)!r})")]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}}).execute()
    return [[dict(o) for o in cell.outputs] for cell in nb.cells[1:]]


def _shown(outputs: list[dict]) -> dict:
    (data,) = [o["data"] for o in outputs if o["output_type"] in ("display_data", "execute_result")]
    return dict(data)


def _printed(outputs: list[dict]) -> str:
    return "".join(o.get("text", "") for o in outputs if o["output_type"] == "stream")


def _kept_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("figure-*.pickle"))


def _keep_sept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache in which an earlier kernel kept the September timeline (SEPT)."""
    cache = tmp_path / "cache"
    _run([SEPT], cache, monkeypatch=monkeypatch, cwd=tmp_path)
    return cache


@pytest.mark.slow
def test_a_figure_shown_before_is_shown_again_without_matplotlib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = _run([SEPT, LOADED], cache, monkeypatch=monkeypatch, cwd=tmp_path)
    assert _printed(first[1]).strip() == "matplotlib loaded: True"
    assert len(_kept_files(cache)) == 1
    again = _run([SEPT, LOADED], cache, monkeypatch=monkeypatch, cwd=tmp_path)
    assert _printed(again[1]).strip() == "matplotlib loaded: False"
    assert _shown(again[0]) == _shown(first[0])
    # and it is what the figure itself shows: drawn here, outside IPython, as a plain Figure
    fig = gp.timeline(ARTICLE, start="2012-09", end="2012-10")
    assert _shown(again[0]) == fig.display_bundle()
    assert 'alt="Timeline' in _shown(again[0])["text/html"]
    # another call is another figure; the cache keeps the newest KEEP_AT_MOST of them
    other = _run(['geokit.plots.timeline(art, start="2012-08", end="2012-10")', LOADED,
                  "geokit.plots._kept.KEEP_AT_MOST = 1\n"
                  'geokit.plots.timeline(art, start="2012-07", end="2012-10")'], cache,
                 monkeypatch=monkeypatch, cwd=tmp_path)
    assert _printed(other[1]).strip() == "matplotlib loaded: True"
    assert _shown(other[0]) != _shown(first[0])
    assert len(_kept_files(cache)) == 1
    july = _run(['geokit.plots.timeline(art, start="2012-07", end="2012-10")', LOADED], cache,
                monkeypatch=monkeypatch, cwd=tmp_path)
    assert _printed(july[1]).strip() == "matplotlib loaded: False"  # the newest one was kept


@pytest.mark.slow
def test_a_figure_changed_in_the_notebook_is_shown_as_changed_and_never_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    changed = f"fig = {SEPT}\nfig.axes[0].set_title('CHANGED IN CLASS')\nfig"
    out = _run([changed], cache, monkeypatch=monkeypatch, cwd=tmp_path)
    assert "CHANGED IN CLASS" in _shown(out[0])["image/svg+xml"]
    assert _kept_files(cache) == []
    plain = _run([SEPT, f"fig = {SEPT}\nfig.axes[0].set_title('CHANGED AFTER')\nfig"], cache,
                 monkeypatch=monkeypatch, cwd=tmp_path)
    assert "CHANGED" not in _shown(plain[0])["image/svg+xml"]
    # the second cell's call was kept by the first cell's display: it comes from disk, then
    # the change draws the Figure and shows it as it now is
    assert "CHANGED AFTER" in _shown(plain[1])["image/svg+xml"]
    assert len(_kept_files(cache)) == 1
    later = _run([SEPT], cache, monkeypatch=monkeypatch, cwd=tmp_path)
    assert "CHANGED" not in _shown(later[0])["image/svg+xml"]
    assert _shown(later[0]) == _shown(plain[0])


@pytest.mark.slow
def test_a_kept_figure_answers_as_a_figure_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _keep_sept(tmp_path, monkeypatch)
    png = tmp_path / "sept.png"
    out = _run([f"fig = {SEPT}\n"
                "print(geokit.plots.alt_text(fig)[:8], geokit.plots.figure_data(fig) != {})\n"
                + LOADED,
                f"print(len(fig.axes))\nfig.savefig({str(png)!r})\n" + LOADED,
                "print(type(fig.figure).__name__)"],
               cache, monkeypatch=monkeypatch, cwd=tmp_path)
    assert _printed(out[0]).split("\n")[:2] == ["Timeline True", "matplotlib loaded: False"]
    n_axes, loaded = _printed(out[1]).strip().split("\n")
    assert int(n_axes) >= 1
    assert loaded == "matplotlib loaded: True"
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert _printed(out[2]).strip() == "GeokitFigure"


@pytest.mark.slow
def test_what_reaches_the_figure_otherwise_draws_it_and_is_never_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _keep_sept(tmp_path, monkeypatch)
    saved = tmp_path / "sept.svg"
    out = _run([
        # what IPython's ? and tab completion ask for: answered without drawing
        f"fig = {SEPT}\nprint(hasattr(fig, 'getdoc'), 'savefig' in dir(fig), fig._figure is None)",
        # an attribute set on it is set on the Figure, and shown
        "fig.geokit_alt_text = 'A STUDENT WROTE THIS'\nfig",
        # a copy or a pickle is the Figure's
        f"import copy, pickle\nf2 = {SEPT}\nf3 = {SEPT}\n"
        "print(type(copy.copy(f2)).__name__, type(pickle.loads(pickle.dumps(f3))).__name__)",
        f"f4 = {SEPT}\ngeokit.plots.save_figure(f4, {str(saved)!r})\nprint(f4._figure is None)",
        # a call that cannot be keyed is a plain Figure
        "print(type(geokit.plots.actor_network(art, paragraphs=range(1, 5))).__name__)",
    ], cache, monkeypatch=monkeypatch, cwd=tmp_path)
    assert _printed(out[0]).split() == ["False", "True", "True"]
    assert 'alt="A STUDENT WROTE THIS"' in _shown(out[1])["text/html"]
    assert _printed(out[2]).split() == ["GeokitFigure", "GeokitFigure"]
    assert _printed(out[3]).split() == ["False"]
    assert "A STUDENT WROTE THIS" not in saved.read_text(encoding="utf-8")
    assert _printed(out[4]).split() == ["GeokitFigure"]
    again = _run([SEPT, f"print(geokit.plots.alt_text({SEPT})[:9])"], cache,
                 monkeypatch=monkeypatch, cwd=tmp_path)
    assert "A STUDENT WROTE THIS" not in _shown(again[0])["text/html"]
    assert _printed(again[1]) == "Timeline \n"
    assert len(_kept_files(cache)) == 1


@pytest.mark.slow
def test_an_edited_article_is_drawn_again_never_shown_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    folder = make_mini_article(tmp_path / "articles")
    call = "geokit.plots.timeline(art)"
    first = _run([call], cache, article=folder, monkeypatch=monkeypatch, cwd=tmp_path)
    meta = folder / "article.yaml"
    old_title = geokit.load_article(folder).meta.title
    meta.write_text(meta.read_text(encoding="utf-8").replace(old_title, "An Edited Headline"),
                    encoding="utf-8")
    again = _run([call, LOADED], cache, article=folder, monkeypatch=monkeypatch, cwd=tmp_path)
    assert "An Edited Headline" in _shown(again[0])["image/svg+xml"]
    assert "An Edited Headline" not in _shown(first[0])["image/svg+xml"]
    assert _printed(again[1]).strip() == "matplotlib loaded: True"
    assert len(_kept_files(cache)) == 1  # the earlier state's file is gone


@pytest.mark.slow
def test_a_kept_figure_drawn_later_is_the_article_as_it_was_at_the_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    folder = make_mini_article(tmp_path / "articles")
    old_title = geokit.load_article(folder).meta.title
    call = f"fig = geokit.plots.timeline({str(folder)!r})\nfig"
    _run([call], cache, article=folder, monkeypatch=monkeypatch, cwd=tmp_path)
    meta = folder / "article.yaml"
    edit = (f"import pathlib\nm = pathlib.Path({str(meta)!r})\n"
            f"m.write_text(m.read_text().replace({old_title!r}, 'An Edited Headline'))")
    out = _run([call, edit, "print(geokit.plots.alt_text(fig.figure))"], cache, article=folder,
               monkeypatch=monkeypatch, cwd=tmp_path)
    assert old_title in _printed(out[2])
    assert "An Edited Headline" not in _printed(out[2])


@pytest.mark.slow
def test_a_damaged_or_switched_off_cache_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = _run([SEPT], cache, monkeypatch=monkeypatch, cwd=tmp_path)
    (kept,) = _kept_files(cache)
    kept.write_bytes(b"not a pickle")
    again = _run([SEPT, LOADED], cache, monkeypatch=monkeypatch, cwd=tmp_path)
    assert _shown(again[0]) == _shown(first[0])
    assert _printed(again[1]).strip() == "matplotlib loaded: True"
    off = _run([SEPT, LOADED], "off", monkeypatch=monkeypatch, cwd=tmp_path)
    assert _shown(off[0]) == _shown(first[0])
    assert _printed(off[1]).strip() == "matplotlib loaded: True"


def test_calls_that_cannot_be_keyed_are_drawn() -> None:
    art = geokit.load_article(ARTICLE)
    assert _kept._call_key("timeline", (art,), {"start": "2012-09"}) is not None
    assert _kept._call_key("timeline", (ARTICLE,), {}) is not None
    # an article changed in memory has no files that say what it holds
    edited = dataclasses.replace(art, events=art.events[:1])
    assert _kept._call_key("timeline", (edited,), {}) is None
    assert _kept._call_key("timeline", (art,), {"ax": object()}) is None  # the caller's axes
    assert _kept._call_key("interest_matrix", (art, object()), {}) is None  # ax by position
    assert _kept._call_key("actor_network", (art,), {"paragraphs": range(3)}) is None
    assert _kept._call_key("timeline", ("no-such-article",), {}) is None
    assert _kept._call_key("timeline", (art,), {"article": art}) is None  # a TypeError to come
    same = _kept._call_key("timeline", (art,), {"start": "2012-09", "end": "2012-10"})
    assert same == _kept._call_key("timeline", (ARTICLE,), {"end": "2012-10", "start": "2012-09"})


def test_outside_a_notebook_the_functions_are_the_drawing_functions() -> None:
    import matplotlib.figure

    assert isinstance(gp.timeline(ARTICLE), matplotlib.figure.Figure)
    assert gp.timeline is gp.timeline
    assert "context" in inspect.signature(gp.timeline).parameters
    assert gp.timeline.__doc__.startswith("Draw every dated event")
    assert "argument_id" in inspect.signature(gp.argument_map).parameters
    doc = pydoc.render_doc(gp.timeline, renderer=pydoc.plaintext)  # help(geokit.plots.timeline)
    assert "timeline(article: " in doc
    assert "Draw every dated event" in doc
    # naming a figure function does not load matplotlib (its signature does: it is read there)
    done = subprocess.run(
        [sys.executable, "-c",
         "import inspect, sys, geokit.plots as gp\nf = gp.actor_network\n"
         "assert 'matplotlib' not in sys.modules\n"
         "print(inspect.signature(f).parameters['kinds'].name)"],
        capture_output=True, text=True, check=False, env={**os.environ, **_absolute_pythonpath()})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "kinds"


def test_the_key_covers_the_borders_file_the_locale_and_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = geokit.load_article(ARTICLE)
    key = _kept._call_key("regional_map", (art,), {})
    assert key is not None
    # another borders file, through GEOKIT_DATA (the folder the map would read)
    data = tmp_path / "data"
    (data / "geo").mkdir(parents=True)
    (data / "articles").symlink_to(Path(art.folder).parent)
    (data / "geo" / "countries-50m.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("GEOKIT_DATA", str(data))
    other_borders = _kept._drawing_state()
    monkeypatch.delenv("GEOKIT_DATA")
    assert other_borders != key[1][1]
    # month names in another language
    monkeypatch.setattr(_kept.locale, "setlocale", lambda *a: "fr_FR.UTF-8")
    assert _kept._call_key("regional_map", (art,), {}) != key
    monkeypatch.undo()
    # another geokit, matplotlib or NumPy
    monkeypatch.setattr(_kept, "_code_state", lambda: ("another geokit",))
    assert _kept._call_key("regional_map", (art,), {}) != key
    monkeypatch.undo()
    assert _kept._call_key("regional_map", (art,), {}) == key


def test_a_terminal_ipython_or_percent_run_gets_a_figure() -> None:
    """Outside a kernel, a script run by IPython expects a Figure (plt.close, PdfPages)."""
    done = subprocess.run(
        [sys.executable, "-m", "IPython", "--no-banner", "--quick", "-c",
         "import geokit.plots as gp; print(type(gp.timeline('pakistan-russia-2012')).__name__)"],
        capture_output=True, text=True, check=False, timeout=120,
        env={**os.environ, **_absolute_pythonpath()})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "GeokitFigure"
