"""geokit.plots: every figure renders, draws what the data says, is deterministic and has alt
text. (That each still looks like its committed baseline image: tests/test_plot_baselines.py.)

Structure is checked two ways: through ``figure_data(fig)`` (the summary the drawing code reads
its positions and labels from) and through the artists themselves, found by their ``gid``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import subprocess
import sys
from typing import Any

import matplotlib

matplotlib.use("Agg")  # the tests write files; they never show a window

import matplotlib.pyplot as plt
import matplotlib.text
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from test_plots_article import make_mini_article

import geokit
import geokit.plots as gp
from geokit.plots._registry import FIGURES

SHIPPED = "pakistan-russia-2012"


@pytest.fixture(autouse=True)
def _pinned_style():
    """Defaults and DejaVu Sans (shipped with matplotlib), whatever the machine's matplotlibrc;
    the figures pin their own style too, this makes sure the test's own artists agree."""
    matplotlib.rcdefaults()
    matplotlib.rcParams["font.family"] = "DejaVu Sans"
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> geokit.data.model.Article:
    return geokit.load_article(make_mini_article(tmp_path_factory.mktemp("plots")))


@pytest.fixture(scope="module")
def shipped() -> geokit.data.model.Article:
    return geokit.load_article(SHIPPED)


def draw(name: str, article: Any, **kw: Any) -> Any:
    spec = FIGURES[name]
    return getattr(importlib.import_module(spec.module), spec.function)(article, **kw)


def gids(fig: Any, prefix: str) -> dict[str, Any]:
    return {a.get_gid(): a for a in fig.findobj(lambda a: str(a.get_gid() or "").startswith(
        prefix))}


def png_bytes(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def drawn_texts(fig: Any) -> tuple[Any, list[tuple[str, Any]]]:
    """Render and return (renderer, [(text, window bbox)]) for every text actually drawn."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    hidden: set[int] = set()
    for ax in fig.axes:
        if not ax.axison:  # tick labels of a hidden axis are never drawn
            for axis in (ax.xaxis, ax.yaxis):
                for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                    hidden |= {id(tick.label1), id(tick.label2)}
                hidden |= {id(axis.label), id(axis.get_offset_text())}
    out = []
    for t in fig.findobj(matplotlib.text.Text):
        if t.get_visible() and t.get_text().strip() and id(t) not in hidden:
            out.append((t.get_text(), matplotlib.text.Text.get_window_extent(t, renderer)))
    return renderer, out


# -- every figure, both articles ----------------------------------------------------------------

CASES = [(name, which) for name in FIGURES for which in ("mini", "shipped")]


@pytest.mark.parametrize(("name", "which"), CASES)
def test_every_figure_renders_with_title_and_alt_text(name, which, mini, shipped):
    art = mini if which == "mini" else shipped
    fig = draw(name, art)
    assert isinstance(fig, matplotlib.figure.Figure)
    assert fig.geokit_title, "the figure says what it shows"
    alt = gp.alt_text(fig)
    assert art.meta.title in alt
    assert len(alt) > 120
    assert gp.figure_data(fig)["article"] == art.id
    assert png_bytes(fig).startswith(b"\x89PNG")


@pytest.mark.parametrize(("name", "which"), CASES)
@pytest.mark.parametrize("size", [None, (10.24, 7.68)], ids=["default", "projector"])
def test_no_text_overlaps_or_leaves_the_page(name, which, size, mini, shipped):
    art = mini if which == "mini" else shipped
    fig = draw(name, art, figsize=size) if size else draw(name, art)
    _, texts = drawn_texts(fig)
    w, h = fig.bbox.width, fig.bbox.height
    clipped = [s for s, b in texts if b.x0 < -1 or b.y0 < -1 or b.x1 > w + 1 or b.y1 > h + 1]
    assert not clipped, f"clipped at the page edge: {clipped}"
    clashes = [(a[0][:30], b[0][:30]) for i, a in enumerate(texts) for b in texts[i + 1:]
               if a[1].x0 < b[1].x1 - 1 and b[1].x0 < a[1].x1 - 1
               and a[1].y0 < b[1].y1 - 1 and b[1].y0 < a[1].y1 - 1]
    assert not clashes, f"overlapping labels: {clashes}"


def test_the_check_for_overlaps_can_fail():
    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "one label")
    ax.text(0.5, 0.5, "another label")
    _, texts = drawn_texts(fig)
    a, b = (bb for s, bb in texts if "label" in s)
    assert a.overlaps(b)


def test_figures_accept_an_axes_and_an_id(mini):
    fig, (left, right) = plt.subplots(1, 2, figsize=(20, 8))
    out = gp.actor_network(mini, ax=left)
    gp.interest_matrix(mini, ax=right)
    assert out is fig
    assert left.geokit_data["figure"] == "actor_network"
    assert "Interest matrix" in gp.alt_text(right)
    assert "Actor network" in gp.alt_text(fig)
    assert "Interest matrix" in gp.alt_text(fig)
    assert gp.figure_data(gp.timeline(SHIPPED))["article"] == SHIPPED


def test_alt_text_refuses_a_figure_geokit_did_not_draw():
    fig, _ = plt.subplots()
    with pytest.raises(LookupError, match=r"not drawn by geokit\.plots"):
        gp.alt_text(fig)


def test_import_is_light():
    code = ("import sys, geokit, geokit.plots, geokit.cli.app; geokit.cli.app.build_parser(); "
            "bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]; "
            "sys.exit(str(bad) if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr or done.stdout


def test_figures_do_not_change_global_state(mini):
    before = dict(matplotlib.rcParams)
    gp.timeline(mini)
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)


def test_figures_leave_pyplot_alone():
    """A figure is a plain Figure: drawing one neither loads pyplot nor registers it there."""
    done = _run("import sys, geokit.plots as gp; gp.timeline('pakistan-russia-2012'); "
                "sys.exit('pyplot loaded' if 'matplotlib.pyplot' in sys.modules else 0)")
    assert done.returncode == 0, done.stderr or done.stdout


def test_figures_leave_the_garbage_collector_alone():
    """No gc.freeze, no changed thresholds: a figure drawn is collected like any object."""
    done = _run(
        "import gc, weakref, geokit.plots as gp\n"
        "before = (gc.get_freeze_count(), gc.get_threshold(), gc.isenabled())\n"
        "fig = gp.timeline('pakistan-russia-2012')\n"
        "gp.actor_network('pakistan-russia-2012')\n"
        "after = (gc.get_freeze_count(), gc.get_threshold(), gc.isenabled())\n"
        "assert after == before, (before, after)\n"
        "ref = weakref.ref(fig); del fig; gc.collect()\n"
        "assert ref() is None, 'a figure was not collected'\n")
    assert done.returncode == 0, done.stderr or done.stdout


def test_wrap_to_width_keeps_every_word_and_fits():
    from geokit.plots._common import text_width_pt, wrap_to_width

    text = ("Source: Abdus Sattar Ghazali, Pakistan-Russia relations warm up, Journal of America. "
            "Not drawn: eight events the article gives no date for; the alt text lists them.")
    lines = wrap_to_width(text, 200, 9.5)
    assert len(lines) > 2
    assert " ".join(lines).split() == text.split()
    assert all(text_width_pt(line, 9.5) <= 200 for line in lines)
    # a word wider than the room keeps a line of its own instead of vanishing or looping
    assert wrap_to_width("a " + "x" * 80 + " b", 50, 9.5) == ["a", "x" * 80, "b"]
    assert wrap_to_width(text, 10_000, 9.5) == [" ".join(text.split())]


@pytest.mark.parametrize("name", list(FIGURES))
def test_caption_breaks_into_lines_within_the_figure(name, shipped):
    """The source line under each figure ends inside the page, as matplotlib itself measures it."""
    fig = draw(name, shipped)
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    (cap,) = [t for t in fig.findobj(matplotlib.text.Text) if t.get_text().startswith("Source:")]
    box = cap.get_window_extent(renderer)
    assert box.x1 <= fig.bbox.x1, f"caption runs {box.x1 - fig.bbox.x1:.0f} px off the page"
    assert box.x1 >= 0.8 * fig.bbox.x1 or "\n" not in cap.get_text()  # wrapped late, not early


# -- determinism --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(FIGURES))
def test_same_input_same_bytes(name, mini, tmp_path):
    a, b = draw(name, mini), draw(name, mini)
    assert png_bytes(a) == png_bytes(b)
    gp.save_figure(a, tmp_path / "a.svg")
    gp.save_figure(b, tmp_path / "b.svg")
    assert (tmp_path / "a.svg").read_text() == (tmp_path / "b.svg").read_text()
    gp.save_figure(a, tmp_path / "a.pdf")
    gp.save_figure(b, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert gp.figure_data(a) == gp.figure_data(b)


def test_saved_files_carry_the_alt_text(mini, tmp_path):
    fig = gp.regional_map(mini)
    svg = gp.save_figure(fig, tmp_path / "map.svg").read_text()
    assert "schematic" in svg
    assert "<dc:description>" in svg
    with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
        gp.save_figure(fig, tmp_path / "map.gif")


# -- timeline -----------------------------------------------------------------------------------

def test_timeline_events_spans_and_panels(mini):
    fig = gp.timeline(mini)
    data = gp.figure_data(fig)
    evs = {e["id"]: e for e in data["events"]}
    assert set(evs) == {"lavrov-visit", "quad-summit", "butt-visit", "musharraf-visit",
                        "steel-signing"}
    assert [u["id"] for u in data["undated"]] == ["some-meeting"]
    # month-only, week, year and interval dates are spans over the days they cover
    assert evs["butt-visit"]["span"]
    assert (evs["butt-visit"]["start"], evs["butt-visit"]["end"]) \
        == ("2012-08-01", "2012-08-31")
    assert evs["lavrov-visit"]["span"]
    assert evs["lavrov-visit"]["start"] == "2012-10-01"
    assert not evs["steel-signing"]["span"]
    spans = gids(fig, "event:")
    month = spans["event:butt-visit:span"]
    assert isinstance(month, Rectangle)
    assert month.get_width() == pytest.approx(31)  # 31 days of August, not one fake day
    assert isinstance(spans["event:steel-signing:day"], Line2D)
    assert [p["name"] for p in data["panels"]] == ["long", "zoom"]
    assert data["panels"][0]["events"] == ["musharraf-visit"]
    assert {ax.get_gid() for ax in fig.axes[0].child_axes} == {"panel:long", "panel:zoom"}


def test_timeline_marks_the_cancelled_summit(mini):
    fig = gp.timeline(mini)
    summit = gids(fig, "event:quad-summit")["event:quad-summit:span"]
    assert summit.get_facecolor()[:3] == (1.0, 1.0, 1.0)  # hollow
    assert summit.get_hatch()
    label = gids(fig, "label:quad-summit")["label:quad-summit"].get_text()
    assert "CANCELLED" in label
    assert "¶2" in label
    assert "Quadrilateral Summit (2–3 Oct 2012, ¶2, cancelled)" in gp.alt_text(fig)


def test_timeline_labels_cite_paragraphs_and_lists_undated(mini, shipped):
    for art in (mini, shipped):
        fig = gp.timeline(art)
        labels = [t.get_text() for t in fig.findobj(matplotlib.text.Text)
                  if str(t.get_gid()).startswith("label:")]
        assert len(labels) == len(gp.figure_data(fig)["events"])
        origin = {e["id"]: e["origin"] for e in gp.figure_data(fig)["events"]}
        for t in fig.findobj(matplotlib.text.Text):
            gid = str(t.get_gid())
            if gid.startswith("label:"):  # the article's events cite it; outside ones a source
                assert ("¶" if origin[gid[6:]] == "article" else "outside:") in t.get_text()
        for u in gp.figure_data(fig)["undated"]:
            assert u["title"] in gp.alt_text(fig)
    assert "A meeting with no date (¶6)" in gp.alt_text(gp.timeline(mini))


def test_timeline_range(mini):
    data = gp.figure_data(gp.timeline(mini, start="2012-09", end=dt.date(2012, 10, 31)))
    assert {e["id"] for e in data["events"]} == {"lavrov-visit", "quad-summit", "steel-signing"}
    assert [p["name"] for p in data["panels"]] == ["all"]
    with pytest.raises(ValueError, match="ends"):
        gp.timeline(mini, start="2012-10", end="2012-01")


def test_timeline_shipped_reaches_2003_and_october_2012(shipped):
    data = gp.figure_data(gp.timeline(shipped))
    starts = {e["start"][:7] for e in data["events"]}
    assert "2003-02" in starts
    assert max(e["end"] for e in data["events"]) >= "2012-10-05"
    status = {e["id"]: e["status"] for e in data["events"]}
    # only Putin's trip was cancelled (¶2); the summit itself is still to be held (¶22)
    assert status["putin-trip-to-pakistan"] == "cancelled"
    assert status["quadrilateral-summit"] == "planned"


def test_timeline_keeps_a_vague_date_vague_and_in_the_articles_words(shipped):
    """"late 1990s" (¶17) is not the early 1990s, and the label says whose reading the span is."""
    fig = gp.timeline(shipped)
    ev = next(e for e in gp.figure_data(fig)["events"]
              if e["id"] == "pak-russia-normalization-start")
    assert ev["start"] >= "1995-01-01"
    assert ev["end"] == "1999-12-31"
    assert ev["date_label"].startswith("“late 1990s”, read as ")
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert any(t.startswith("“late 1990s”, read as 1995") for t in texts)
    alt = gp.alt_text(fig)
    assert "between 1995 and" in alt
    assert "Jan 1995" not in alt


# -- interest matrix ----------------------------------------------------------------------------

def test_interest_matrix_cells_and_silence(mini):
    fig = gp.interest_matrix(mini)
    data = gp.figure_data(fig)
    assert [a["id"] for a in data["actors"]] == ["russia", "pakistan", "united-states"]
    assert [t["topic"] for t in data["topics"]] == ["casa-1000", "ip-pipeline", "balance"]
    filled = {(c["actor"], c["topic"]): c["stance"] for c in data["cells"]}
    assert filled == {("russia", "casa-1000"): "seeks", ("russia", "ip-pipeline"): "seeks",
                      ("pakistan", "ip-pipeline"): "wary", ("pakistan", "balance"): "seeks",
                      ("united-states", "balance"): "opposes"}
    silent = {tuple(x) for x in data["empty"]}
    assert silent == {("pakistan", "casa-1000"), ("united-states", "casa-1000"),
                      ("united-states", "ip-pipeline"), ("russia", "balance")}
    cells = gids(fig, "cell:")
    assert set(cells) == {f"cell:{a}:{t}" for a, t in filled}
    assert not any(f"cell:{a}:{t}" in cells for a, t in silent)  # silence stays empty
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert "✕ opposes\n¶6 (a)" in texts
    verdicts = {t["topic"]: t["verdict"] for t in data["topics"]}
    assert verdicts == {"casa-1000": "one", "ip-pipeline": "tension", "balance": "diverge"}
    assert "4 stay blank where the article is silent" in gp.alt_text(fig)


def test_interest_matrix_shipped_keeps_silence_empty(shipped):
    fig = gp.interest_matrix(shipped)
    data = gp.figure_data(fig)
    assert len(data["cells"]) + len(data["empty"]) == len(data["actors"]) * len(data["topics"])
    assert len(gids(fig, "cell:")) == len(data["cells"])
    verdicts = {t["topic"]: t["verdict"] for t in data["topics"]}
    assert "diverge" in verdicts.values()
    assert "converge" in verdicts.values()


def test_interest_matrix_keeps_caveats_and_marks_our_inferences(shipped):
    """The figure and its alt text keep what the data says of a stance: Gazprom's ¶9 says
    nothing of bidding, and India "supports" US bases only by our inference from ¶21."""
    fig = gp.interest_matrix(shipped)
    data = gp.figure_data(fig)
    cell = {(c["actor"], c["topic"]): c for c in data["cells"]}
    india = cell[("india", "us-bases-in-afghanistan")]
    assert india["inferred"]
    assert india["notes"]
    assert "inferred:india:us-bases-in-afghanistan" in gids(fig, "inferred:")
    assert len(gids(fig, "inferred:")) == sum(c["inferred"] for c in data["cells"])
    gazprom = cell[("gazprom", "ip-pipeline")]
    notes = {n["key"]: n["text"] for n in data["notes"]}
    assert "says nothing of bidding" in notes[gazprom["notes"][0]]
    assert "our inference" in notes[india["notes"][0]]
    # an inference of ours never decides a verdict
    bases = next(t for t in data["topics"] if t["topic"] == "us-bases-in-afghanistan")
    assert bases["inferred"] == ["india"]
    assert bases["verdict"] == "converge"
    alt = gp.alt_text(fig)
    assert "India supports (our inference) US military bases in Afghanistan" in alt
    assert "says nothing of bidding" in alt
    assert "India supports US military bases" not in alt
    texts = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "says nothing of bidding" in " ".join(texts.split())
    assert "hatched: our inference" in texts


# -- argument map -------------------------------------------------------------------------------

def test_argument_map_tree(mini):
    fig = gp.argument_map(mini)
    data = gp.figure_data(fig)
    depth = {n["id"]: n["depth"] for n in data["nodes"]}
    assert depth == {"a-claim": 0, "a-premise": 1, "a-objection": 1, "a-limit": 2,
                     "a-assume": 2}
    assert {(e["source"], e["target"]) for e in data["edges"]} == {
        ("a-premise", "a-claim"), ("a-objection", "a-claim"), ("a-limit", "a-premise"),
        ("a-assume", "a-premise")}
    boxes = {t.get_gid(): t for t in fig.findobj(matplotlib.text.Text)
             if str(t.get_gid()).startswith("node:")}
    assert boxes["node:a-claim"].get_text().startswith("CLAIM · ¶6")
    assert "¶5" in boxes["node:a-objection"].get_text()
    unstated = boxes["node:a-assume"]
    assert "UNSTATED" in unstated.get_text()
    assert unstated.get_bbox_patch().get_linestyle() not in ("-", "solid")
    assert boxes["node:a-premise"].get_bbox_patch().get_linestyle() in ("-", "solid")
    assert len(gids(fig, "edge:")) == 4


def test_argument_map_choice(shipped):
    first = gp.figure_data(gp.argument_map(shipped))
    assert first["argument"]["id"] == shipped.arguments[0].id
    assert "balanc" in first["argument"]["title"].lower()  # the balance-of-power argument
    with pytest.raises(LookupError, match="no argument 'nope'"):
        gp.argument_map(shipped, "nope")
    for arg in shipped.arguments:
        data = gp.figure_data(gp.argument_map(shipped, arg.id))
        assert len(data["nodes"]) == len(arg.nodes)
        assert all(n["paragraphs"] or not n["stated"] for n in data["nodes"])


# -- regional map -------------------------------------------------------------------------------

def test_regional_map_places_and_projects(mini):
    fig = gp.regional_map(mini)
    data = gp.figure_data(fig)
    states = {s["id"]: s for s in data["states"]}
    assert set(states) == {"russia", "pakistan", "tajikistan", "united-states"}
    assert (states["pakistan"]["lat"], states["pakistan"]["lon"]) == (33.72, 73.04)
    assert not states["russia"]["on_map"]
    assert not states["united-states"]["on_map"]
    assert [r["key"] for r in data["routes"]] == ["casa-1000", "ip-pipeline"]
    assert [s["key"] for s in data["sites"]] == ["steel-mills"]
    assert [p["id"] for p in data["unplaced_projects"]] == ["energy-mou"]
    drawn = gids(fig, "")
    assert {"route:casa-1000", "route:ip-pipeline", "site:steel-mills", "state:pakistan",
            "state:russia:off-map"} <= set(drawn)
    alt = gp.alt_text(fig)
    assert "schematic" in alt
    assert "Pakistan (Islamabad)" in alt
    assert "11 of 11 are GeoNames" in alt
    assert "schematic" in fig.geokit_title


def test_regional_map_shipped_projects(shipped):
    data = gp.figure_data(gp.regional_map(shipped))
    assert {r["key"] for r in data["routes"]} == {"casa-1000", "ip-pipeline",
                                                  "tajikistan-rail-road"}
    assert {s["key"] for s in data["sites"]} == {"steel-mills", "new-jamshoro", "tarbela-4",
                                                 "keyal-khwar"}
    casa = next(r for r in data["routes"] if r["key"] == "casa-1000")
    assert [p["name"] for p in casa["points"]] == ["Bishkek", "Dushanbe", "Kabul", "Peshawar"]


# -- interactive --------------------------------------------------------------------------------

def test_interactive_network_redraws(shipped, monkeypatch):
    import IPython.display

    shown: list[Any] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append(obj))
    ui = gp.interactive_network(shipped)
    assert ui.redraws == 1
    assert ui.figure is not None
    # the redraw shows the figure itself, so it goes out as the figure's own SVG <img> with alt
    assert shown == [ui.figure]
    kinds, paras, who = ui.children[1].children
    paras.value = (12, 15)
    assert ui.redraws == 2
    assert gp.figure_data(ui.figure)["filters"]["paragraphs"] == [12, 13, 14, 15]
    who.value = "kayani"
    assert gp.figure_data(ui.figure)["highlight"] == "kayani"
    for box in kinds.children:
        box.value = box.description == "state"
    assert {n["kind"] for n in gp.figure_data(ui.figure)["nodes"]} <= {"state"}
    text = ui._repr_mimebundle_()["text/plain"]
    assert text.startswith("Actor network: “Pakistan-Russia relations warm up”")
    assert "highlighting" in text
    assert len(text) > 110


def test_interactive_timeline_redraws(mini):
    ui = gp.interactive_timeline(mini)
    (rng,) = ui.children[1].children
    rng.value = ("2012-08", "2012-10")
    assert ui.redraws == 2
    assert {e["id"] for e in gp.figure_data(ui.figure)["events"]} == {
        "butt-visit", "lavrov-visit", "quad-summit", "steel-signing"}
    assert "Control: month range" in repr(ui)
    assert "Aug 2012" in repr(ui)


def test_notebook_display_draws_once_and_carries_alt_text(shipped, monkeypatch):
    """In Jupyter a geokit figure shows as one SVG drawn once, with its alt text as text/plain."""
    import base64

    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda data, metadata=None, raw=False: shown.append((data, metadata, raw)))
    fig = gp.timeline(shipped)
    draws = []
    fig.canvas.mpl_connect("draw_event", lambda event: draws.append(event))
    fig._ipython_display_()
    ((data, metadata, raw),) = shown
    assert raw is True
    assert len(draws) == 1  # the inline backend's bbox_inches="tight" would draw twice
    svg = data["image/svg+xml"]
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg[:2000]
    assert f"<dc:title>{fig.geokit_title}</dc:title>" in svg
    assert data["text/plain"].startswith(f"<{fig.geokit_title}>\nAlt text: ")
    assert gp.alt_text(fig) in data["text/plain"]
    assert metadata is None
    uri = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    assert data["text/html"].startswith(f'<img src="data:image/svg+xml;base64,{uri}"')
    assert 'alt="Timeline of events' in data["text/html"]
    # drawn in the pinned style whatever the user's settings: the same figure, the same bytes
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": None}):
        fig._ipython_display_()
    assert shown[-1][0]["image/svg+xml"] == svg
