"""geokit.plots.actor_network: who is tied to whom, drawn so that a reader can trust each line.

Every tie keeps clear of the nodes it does not join (checked on the drawn paths), parallel
ties stay apart, a tie aimed at a relationship ends on that tie, and a tie that is someone's
reading says whose. Baselines and the checks every figure shares are in ``test_plots.py``.
"""

from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use("Agg")  # the tests write files; they never show a window

import matplotlib.pyplot as plt
import matplotlib.text
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from test_plots_article import make_mini_article

import geokit
import geokit.plots as gp
from geokit.plots import _network_layout
from geokit.plots.network import KIND_STYLE

SHIPPED = "pakistan-russia-2012"


@pytest.fixture(autouse=True)
def _pinned_style():
    matplotlib.rcdefaults()
    matplotlib.rcParams["font.family"] = "DejaVu Sans"
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> geokit.data.model.Article:
    return geokit.load_article(make_mini_article(tmp_path_factory.mktemp("network")))


@pytest.fixture(scope="module")
def shipped() -> geokit.data.model.Article:
    return geokit.load_article(SHIPPED)


def gids(fig: Any, prefix: str) -> dict[str, Any]:
    return {a.get_gid(): a for a in fig.findobj(lambda a: str(a.get_gid() or "").startswith(
        prefix))}


def test_legend_and_layout_share_one_order_of_kinds() -> None:
    assert tuple(KIND_STYLE) == _network_layout.KINDS


def test_network_nodes_and_edges(mini):
    fig = gp.actor_network(mini)
    data = gp.figure_data(fig)
    assert {n["id"] for n in data["nodes"]} == {a.id for a in mini.actors}
    rels = {(e["source"], e["target"], e["type"]) for e in data["edges"]
            if e["kind"] == "relation"}
    assert rels == {("russia", "pakistan", "rapprochement"),
                    ("pakistan", "united-states", "dependency"),
                    ("putin", "pakistan", "diplomatic_snub")}
    # events that took place with several participants
    meets = {(e["source"], e["target"]): e["ids"] for e in data["edges"]
             if e["kind"] == "interaction"}
    assert meets == {("lavrov", "khar"): ["lavrov-visit"],
                     ("russia", "pakistan"): ["steel-signing"]}
    # the cancelled summit still ties those it would have brought together, drawn dotted;
    # Putin stands for Russia there, and Putin and Pakistan are tied already (the snub)
    planned = {(e["source"], e["target"]): e["statuses"] for e in data["edges"]
               if e["kind"] == "unrealised"}
    assert planned == {("pakistan", "tajikistan"): ["cancelled"],
                       ("tajikistan", "putin"): ["cancelled"]}
    nodes = gids(fig, "node:")
    assert set(nodes) == {f"node:{a.id}" for a in mini.actors}
    assert nodes["node:lavrov"].get_marker() == "o"  # person
    assert nodes["node:gazprom"].get_marker() == "D"  # company: shape, not only colour
    edges = gids(fig, "edge:")
    assert "edge:relation:dependency:pakistan:united-states" in edges
    dashed = edges["edge:relation:rapprochement:russia:pakistan"].get_linestyle()
    solid = edges["edge:relation:dependency:pakistan:united-states"].get_linestyle()
    assert dashed != solid


def test_network_labels_every_actor(mini):
    fig = gp.actor_network(mini)
    labels = {t.get_gid(): t.get_text() for t in fig.findobj(matplotlib.text.Text)
              if str(t.get_gid()).startswith("label:")}
    assert labels["label:russia"] == "Russia"
    assert labels["label:putin"].replace("\n", " ") == "Vladimir Putin"
    assert len(labels) == len(mini.actors)


def test_network_filters(mini):
    states = gp.figure_data(gp.actor_network(mini, kinds=["state"]))
    assert {n["kind"] for n in states["nodes"]} == {"state"}
    assert {(e["source"], e["target"]) for e in states["edges"]} == {
        ("russia", "pakistan"), ("pakistan", "united-states"),
        # the cancelled summit, with Putin filtered out: Russia stands for him
        ("russia", "tajikistan"), ("pakistan", "tajikistan")}
    para4 = gp.figure_data(gp.actor_network(mini, paragraphs=(4, 4)))
    assert {n["id"] for n in para4["nodes"]} == {"butt", "musharraf"}
    assert para4["edges"] == []
    assert "Filtered to" in gp.alt_text(gp.actor_network(mini, paragraphs=(4, 4)))
    with pytest.raises(ValueError, match="unknown actor kind"):
        gp.actor_network(mini, kinds=["country"])
    with pytest.raises(ValueError, match="ends before it starts"):
        gp.actor_network(mini, paragraphs=(5, 2))


def test_network_highlight(mini):
    fig = gp.actor_network(mini, highlight="Sergey Lavrov")
    data = gp.figure_data(fig)
    assert data["highlight"] == "lavrov"
    nodes = gids(fig, "node:")
    assert nodes["node:lavrov"].get_markeredgewidth() > nodes["node:khar"].get_markeredgewidth()
    assert "Sergey Lavrov is highlighted, with 1 tie" in gp.alt_text(fig)
    with pytest.raises(LookupError, match="names no actor"):
        gp.actor_network(mini, highlight="Nobody")


def test_network_shipped_layout_is_stable(shipped):
    a = gp.figure_data(gp.actor_network(shipped))
    b = gp.figure_data(gp.actor_network(SHIPPED))
    assert a["nodes"] == b["nodes"]
    states = [n for n in a["nodes"] if n["kind"] == "state"]
    assert all(n["ring"] == "inner" for n in states)


NEAR = 0.03  # inches: closer than this, a tie seems to pass through the node


def edge_artists(fig: Any, prefix: str = "edge:") -> list[Any]:
    return fig.findobj(lambda a: str(a.get_gid() or "").startswith(prefix))


def path_points(arrow: Any) -> Any:
    """Points along an edge as drawn (data coordinates, inches), in order."""
    return np.concatenate([seg(np.linspace(0, 1, 60))
                           for seg, _code in arrow.get_path().iter_bezier()])


def halfway(arrow: Any) -> Any:
    """The point half-way along an edge as drawn."""
    pts = path_points(arrow)
    run = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(pts, axis=0).T))])
    return pts[int(np.searchsorted(run, run[-1] / 2))]


def edges_near_nodes(fig: Any, margin: float = NEAR) -> list[tuple[str, str, float]]:
    """Every drawn tie that passes within ``margin`` inches of a node it does not join.

    Read from the artists themselves: each edge's path as matplotlib draws it (arrow heads and
    curves included), each person's or organisation's marker, each state's boxed name. A tie
    aimed at another tie (opposition to a rapprochement) joins only its source.
    """
    ax = fig.axes[0]
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    nodes: dict[str, tuple[str, Any]] = {}
    for gid, line in gids(fig, "node:").items():
        nid = gid.split(":", 1)[1]
        x, y = line.get_xdata()[0], line.get_ydata()[0]
        if line.get_visible():
            nodes[nid] = ("disc", (x, y, line.get_markersize() / 2 / 72))
        else:  # a state: its boxed name is the node
            label = gids(fig, f"label:{nid}")[f"label:{nid}"]
            (x0, y0), (x1, y1) = to_data.transform(
                label.get_bbox_patch().get_window_extent(renderer).get_points())
            nodes[nid] = ("box", (x0, y0, x1, y1))
    found = []
    for arrow in edge_artists(fig):  # every one: parallel ties of one type share a gid
        gid = arrow.get_gid()
        _, kind, _type, source, target = gid.split(":")
        ends = {source} if kind == "aimed" else {source, target}
        points = path_points(arrow)
        for nid, (shape, geo) in nodes.items():
            if nid in ends:
                continue
            if shape == "disc":
                x, y, r = geo
                d = float(np.min(np.hypot(points[:, 0] - x, points[:, 1] - y))) - r
            else:
                x0, y0, x1, y1 = geo
                dx = np.maximum(np.maximum(x0 - points[:, 0], points[:, 0] - x1), 0)
                dy = np.maximum(np.maximum(y0 - points[:, 1], points[:, 1] - y1), 0)
                d = float(np.min(np.hypot(dx, dy)))
            if d < margin:
                found.append((gid, nid, round(d, 3)))
    return found



@pytest.mark.parametrize("kinds", [None, ["state", "person"]], ids=["all", "states-people"])
@pytest.mark.parametrize("size", [None, (10.24, 7.68)], ids=["default", "projector"])
def test_network_ties_keep_clear_of_nodes_they_do_not_join(shipped, size, kinds):
    fig = gp.actor_network(shipped, kinds=kinds, **({"figsize": size} if size else {}))
    assert edges_near_nodes(fig) == []


def test_the_check_for_ties_through_nodes_can_fail(shipped):
    from matplotlib.patches import FancyArrowPatch

    fig = gp.actor_network(shipped)
    ax = fig.axes[0]
    nodes = gids(fig, "node:")
    top, low = nodes["node:kayani"], nodes["node:pakistan-army"]  # one column, others between
    arrow = FancyArrowPatch((top.get_xdata()[0], top.get_ydata()[0]),
                            (low.get_xdata()[0], low.get_ydata()[0]), shrinkA=11, shrinkB=11)
    arrow.set_gid("edge:interaction:interaction:kayani:pakistan-army")
    ax.add_patch(arrow)
    near = {nid for gid, nid, _ in edges_near_nodes(fig) if gid.endswith("kayani:pakistan-army")}
    assert {"khar", "zardari"} <= near


def test_network_opposition_is_aimed_at_the_rapprochement(shipped):
    """¶19: India and the US oppose the growing Pak-Russia ties, not Pakistan."""
    fig = gp.actor_network(shipped)
    data = gp.figure_data(fig)
    opp = {e["source"]: e for e in data["edges"] if e["type"] == "opposition"}
    assert set(opp) == {"india", "united-states"}
    assert all(e["aimed_at"] == "russia-pakistan-rapprochement" for e in opp.values())
    arrows = gids(fig, "edge:")
    middle = halfway(arrows["edge:relation:rapprochement:russia:pakistan"])
    for src in opp:
        end = path_points(arrows[f"edge:aimed:opposition:{src}:russia-pakistan-rapprochement"])
        tip = min(end, key=lambda v: np.hypot(*(v - middle)))
        assert np.hypot(*(tip - middle)) < 0.15  # it ends on the rapprochement, mid-way
    alt = gp.alt_text(fig)
    assert "India → the Russia–Pakistan rapprochement: opposition, per Khalid Iqbal" in alt


def test_network_labels_whose_reading_a_tie_is(shipped):
    fig = gp.actor_network(shipped)
    data = gp.figure_data(fig)
    per = {t.get_gid(): t.get_text() for t in fig.findobj(matplotlib.text.Text)
           if str(t.get_gid()).startswith("per:")}
    attributed = {e["ids"][0] for e in data["edges"] if e["kind"] == "relation"
                  and e["according_to"]}
    assert set(per) == {f"per:{r}" for r in attributed}
    assert per["per:armies-cooperation"] == "per Pakistan military"  # ¶13's statement
    # "strategic alliance" is Iqbal's loose word (¶19): his words, his reading, not our type
    assert per["per:india-us-alliance"] == "“strategic alliance”, per Iqbal"
    tie = next(e for e in data["edges"] if e["ids"] == ["india-us-alliance"])
    assert tie["type"] == "cooperation"
    assert "alliance" not in {e["type"] for e in data["edges"]}
    assert "per Khalid Iqbal" in gp.alt_text(fig)


def test_network_spreads_parallel_ties_and_ties_putin_in(shipped):
    fig = gp.actor_network(shipped)
    data = gp.figure_data(fig)
    both = [e for e in data["edges"] if e["kind"] == "relation"
            and {e["source"], e["target"]} == {"russia", "pakistan"}]
    assert len(both) == 5
    arrows = [a for a in edge_artists(fig, "edge:relation:")
              if a.get_gid().endswith(":russia:pakistan")]
    assert len(arrows) == 5
    centres = [halfway(a) for a in arrows]
    gaps = [np.hypot(*(a - b)) for i, a in enumerate(centres) for b in centres[i + 1:]]
    assert min(gaps) > 0.12, gaps  # inches apart at their middles: five lines, not one
    # Putin's trip was cancelled (¶2), and still it is what ties him to Pakistan
    putin = [e for e in data["edges"] if "putin" in (e["source"], e["target"])]
    assert putin
    assert all(e["kind"] == "unrealised" for e in putin)
