"""The actor network: who is tied to whom, as the article tells it.

Layout is by hand and deterministic (no force-directed randomness, no networkx): states sit on
an inner ring, every other actor on an outer ring next to the state it belongs to (following
``affiliation`` up to a state), and actors that belong to no state (outlets, analysts,
companies) are grouped by kind on the rest of the outer ring.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from geokit.data.model import Article
from geokit.data.text import cite, join_names, plural
from geokit.plots._common import (
    OKABE_ITO,
    as_article,
    attach,
    axes_inches,
    caption,
    empty_message,
    new_axes,
    style,
    text_width_pt,
    wrap,
)
from geokit.plots._network_layout import KINDS as _LAYOUT_KINDS
from geokit.plots._network_layout import OUTER, layout
from geokit.plots._routing import Obstacle, arc_points, route

__all__ = ["KINDS", "actor_network", "network_data"]

#: node style per actor kind: colour, marker, label in the legend (order = legend order)
KIND_STYLE: dict[str, dict[str, Any]] = {
    "state": {"color": OKABE_ITO["blue"], "marker": "s", "size": 20, "label": "state"},
    "person": {"color": OKABE_ITO["orange"], "marker": "o", "size": 15, "label": "person"},
    "organisation": {"color": OKABE_ITO["green"], "marker": "^", "size": 16,
                     "label": "organisation"},
    "company": {"color": OKABE_ITO["purple"], "marker": "D", "size": 13, "label": "company"},
    "media_outlet": {"color": OKABE_ITO["sky"], "marker": "h", "size": 16,
                     "label": "media outlet"},
    "analyst": {"color": OKABE_ITO["vermillion"], "marker": "p", "size": 16, "label": "analyst"},
}
KINDS: tuple[str, ...] = _LAYOUT_KINDS  # the legend's order is the layout's (KIND_STYLE's)

_POS, _NEG, _ASYM = OKABE_ITO["green"], OKABE_ITO["vermillion"], OKABE_ITO["blue"]
#: edge style per relation type: colour says friendly / hostile / one-sided, line style the type
REL_STYLE: dict[str, dict[str, Any]] = {
    "cooperation": {"color": _POS, "ls": "-", "lw": 2.6},
    "alliance": {"color": _POS, "ls": "-", "lw": 4.5},
    "rapprochement": {"color": _POS, "ls": (0, (6, 3)), "lw": 2.6},
    "historic_ties": {"color": _POS, "ls": (0, (1, 2)), "lw": 3.0},
    "dependency": {"color": _ASYM, "ls": "-", "lw": 2.6},
    "invitation": {"color": OKABE_ITO["purple"], "ls": (0, (6, 3)), "lw": 2.4},
    "rivalry": {"color": _NEG, "ls": "-", "lw": 2.6},
    "opposition": {"color": _NEG, "ls": (0, (6, 3)), "lw": 2.6},
    "mistrust": {"color": _NEG, "ls": (0, (1, 2)), "lw": 3.0},
    "diplomatic_snub": {"color": _NEG, "ls": (0, (6, 2, 1, 2)), "lw": 2.6},
    "pressure": {"color": _ASYM, "ls": (0, (6, 2, 1, 2)), "lw": 2.6},
}
INTERACTION_STYLE: dict[str, Any] = {"color": OKABE_ITO["grey"], "ls": "-", "lw": 1.4}
UNREALISED_STYLE: dict[str, Any] = {"color": OKABE_ITO["grey"], "ls": (0, (1, 2.5)), "lw": 2.0}

#: kinds of event that bring their participants together (a shared event in the network)
MEETING_KINDS = frozenset({"visit", "meeting", "summit", "commission_session", "signing"})

#: room an edge keeps from every node it does not join, in inches (tests check the same)
EDGE_MARGIN = 0.07

_LEGEND_W = 1.95  # inches kept for the legends at the right


def _paragraph_set(paragraphs: Any, n_paras: int) -> frozenset[int] | None:
    """``None`` (all), an int, an inclusive ``(first, last)`` pair, or an iterable of ints."""
    if paragraphs is None:
        return None
    if isinstance(paragraphs, int):
        return frozenset({paragraphs})
    if isinstance(paragraphs, tuple) and len(paragraphs) == 2 and all(
            isinstance(p, int) for p in paragraphs):
        lo, hi = paragraphs
        if hi < lo:
            raise ValueError(f"paragraph range {paragraphs!r} ends before it starts")
        return frozenset(range(lo, hi + 1))
    try:
        chosen = frozenset(int(p) for p in paragraphs)
    except (TypeError, ValueError):
        raise ValueError(
            f"paragraphs must be a (first, last) pair, a number or a list of numbers from 1 to "
            f"{n_paras}; got {paragraphs!r}") from None
    return chosen


def network_data(article: Article | str | os.PathLike[str], *, kinds: Iterable[str] | None = None,
                 paragraphs: Any = None, highlight: str | None = None) -> dict[str, Any]:
    """What :func:`actor_network` draws: nodes with positions, edges with styles, filters."""
    art = as_article(article)
    if kinds is not None:
        kinds = tuple(kinds)
        unknown = [k for k in kinds if k not in KIND_STYLE]
        if unknown:
            raise ValueError(f"unknown actor kind(s) {', '.join(map(repr, unknown))}: "
                             f"choose from {', '.join(KINDS)}")
    chosen = _paragraph_set(paragraphs, len(art.paragraphs))

    def in_range(numbers: Iterable[int]) -> bool:
        return chosen is None or bool(chosen.intersection(numbers))

    order = {a.id: i for i, a in enumerate(art.actors)}
    actors = [a for a in art.actors
              if (kinds is None or a.kind in kinds) and in_range(a.paragraphs)]
    by_id = {a.id: a for a in art.actors}
    kept = {a.id for a in actors}

    # -- layout: states inside, the rest outside next to their state ----------------------
    ties: dict[frozenset[str], int] = {}  # how often two actors are tied, for the layout
    for r in art.relations:
        k = frozenset((r.source, r.target))
        ties[k] = ties.get(k, 0) + 1
    for ev in art.events:
        for i, p in enumerate(ev.participants):
            for q in ev.participants[i + 1:]:
                k = frozenset((p, q))
                ties[k] = ties.get(k, 0) + 1
    pos = layout(actors, by_id, order, ties)

    nodes = [{"id": a.id, "name": a.name, "kind": a.kind,
              "x": round(pos[a.id][0], 6), "y": round(pos[a.id][1], 6),
              "ring": pos[a.id][2],
              "home": pos[a.id][3], "paragraphs": list(a.paragraphs)}
             for a in sorted(actors, key=lambda a: order[a.id])]

    # -- edges: typed relations, and events that brought actors together ------------------
    def short(aid: str | None) -> str | None:  # "per Iqbal", not "per Khalid Iqbal"
        if aid is None:
            return None
        a = by_id.get(aid)
        return min((a.name, *a.aliases), key=len) if a else aid

    edges: list[dict[str, Any]] = []
    for r in art.relations:
        if r.source in kept and r.target in kept and r.source != r.target and in_range(
                r.paragraphs):
            edges.append({"kind": "relation", "type": r.type, "source": r.source,
                          "target": r.target, "directed": r.directed, "ids": [r.id],
                          "paragraphs": sorted(r.paragraphs), "according_to": r.according_to,
                          "per": short(r.according_to), "wording": r.wording,
                          "aimed_at": r.aimed_at})
    drawn = {e["ids"][0] for e in edges}
    for e in edges:  # a tie aimed at a tie that is filtered out goes to its target instead
        if e["aimed_at"] not in drawn:
            e["aimed_at"] = None

    def chain(aid: str) -> set[str]:  # the actor and everything it belongs to
        out, cur = {aid}, by_id.get(aid)
        while cur is not None and cur.affiliation and cur.affiliation not in out:
            out.add(cur.affiliation)
            cur = by_id.get(cur.affiliation)
        return out

    def event_pairs(e: Any) -> list[tuple[str, str]]:
        present = [p for p in dict.fromkeys(e.participants) if p in kept]
        # a state or an organisation stands for its members only when none of them is there:
        # Kayani's visit links Kayani to Russia, not the Pakistan Army and Pakistan as well
        present = sorted((p for p in present if not any(q != p and p in chain(q)
                                                        for q in present)),
                         key=lambda p: order[p])
        return [(p, q) for i, p in enumerate(present) for q in present[i + 1:]
                if p not in chain(q) and q not in chain(p)]

    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    unrealised: dict[tuple[str, str], dict[str, Any]] = {}
    for ev in art.events:
        # only events that bring actors together tie them: not a statement, nor a process
        if not in_range(ev.paragraphs) or ev.kind not in MEETING_KINDS:
            continue
        done = ev.status == "took_place"
        for p, q in event_pairs(ev):
            into = pairs if done else unrealised
            d = into.setdefault((p, q), {
                "kind": "interaction" if done else "unrealised",
                "type": "interaction" if done else "unrealised", "source": p, "target": q,
                "directed": False, "ids": [], "paragraphs": [], "statuses": []})
            d["ids"].append(ev.id)
            d["statuses"] = sorted(set(d["statuses"]) | {ev.status})
            d["paragraphs"] = sorted(set(d["paragraphs"]) | set(ev.paragraphs))
    edges += list(pairs.values())
    # a visit that did not happen still ties its actors (Putin's trip), unless they are tied
    # already
    tied = {frozenset((e["source"], e["target"])) for e in edges}
    edges += [d for k, d in unrealised.items() if frozenset(k) not in tied]

    hl = None
    if highlight is not None:
        hl = art.actor(highlight).id
    return {
        "figure": "actor_network",
        "article": art.id,
        "nodes": nodes,
        "edges": edges,
        "filters": {"kinds": list(kinds) if kinds is not None else None,
                    "paragraphs": sorted(chosen) if chosen is not None else None},
        "highlight": hl,
        "highlight_shown": hl in kept if hl else False,
        "left_out": [a.id for a in art.actors if a.id not in kept],
    }


def _alt(art: Article, data: dict[str, Any]) -> str:
    nodes, edges = data["nodes"], data["edges"]
    if not nodes:
        return (f"Actor network for “{art.meta.title}”: no actor matches the filters "
                f"(kinds {data['filters']['kinds']}, paragraphs {data['filters']['paragraphs']}).")
    name = {n["id"]: n["name"] for n in nodes}
    by_kind: dict[str, list[str]] = {}
    for n in nodes:
        by_kind.setdefault(n["kind"], []).append(n["name"])
    kinds = "; ".join(f"{plural(len(v), KIND_STYLE[k]['label'])} ({join_names(v, 8)})"
                      for k, v in sorted(by_kind.items(), key=lambda kv: KINDS.index(kv[0])))
    rels = [e for e in edges if e["kind"] == "relation"]
    inter = [e for e in edges if e["kind"] == "interaction"]
    unreal = [e for e in edges if e["kind"] == "unrealised"]
    by_rel = {e["ids"][0]: e for e in rels}
    whose = {a.id: a.name for a in art.actors}

    def end(e: dict[str, Any]) -> str:
        if e["aimed_at"]:
            t = by_rel[e["aimed_at"]]
            return (f"the {name[t['source']]}–{name[t['target']]} "
                    f"{t['type'].replace('_', ' ')}")
        return str(name[e["target"]])

    rel_txt = "; ".join(
        f"{name[e['source']]} {'→' if e['directed'] else '–'} {end(e)}: "
        f"{e['type'].replace('_', ' ')}"
        + (f" (in the source's words, “{e['wording']}”)" if e["wording"] else "")
        + (f", per {whose.get(e['according_to'], e['according_to'])}"
           if e["according_to"] else "")
        + f" ({cite(e['paragraphs'])})" for e in rels)
    text = (f"Actor network for “{art.meta.title}” ({art.meta.outlet}, {art.meta.published}): "
            f"{plural(len(nodes), 'actor')} as nodes, {kinds}. "
            f"{plural(len(rels), 'relation')} drawn as typed edges"
            + (f": {rel_txt}. " if rels else ". ")
            + f"{plural(len(inter), 'pair')} of actors linked because they took part in the "
            f"same event")
    if inter:
        text += ": " + "; ".join(f"{name[e['source']]} – {name[e['target']]} "
                                  f"({cite(e['paragraphs'])})" for e in inter[:10])
        if len(inter) > 10:
            text += f"; and {len(inter) - 10} more"
    text += "."
    if unreal:
        text += (f" {plural(len(unreal), 'pair')} tied only by an event that was planned, "
                 "proposed or cancelled, drawn dotted: " + "; ".join(
                     f"{name[e['source']]} – {name[e['target']]} ({', '.join(e['statuses'])}, "
                     f"{cite(e['paragraphs'])})" for e in unreal) + ".")
    attributed = sorted({e["per"] for e in rels if e["per"]})
    if attributed:
        text += (" Ties labelled “per” a source are that source's reading, not the author's "
                 "reporting (" + join_names([f"per {a}" for a in attributed]) + ").")
    f = data["filters"]
    if f["kinds"] is not None or f["paragraphs"] is not None:
        parts = []
        if f["kinds"] is not None:
            parts.append("kinds " + ", ".join(f["kinds"]))
        if f["paragraphs"] is not None:
            ps = f["paragraphs"]
            parts.append(f"paragraphs {ps[0]}–{ps[-1]}" if ps == list(range(ps[0], ps[-1] + 1))
                         else "paragraphs " + ", ".join(map(str, ps)))
        text += f" Filtered to {' and '.join(parts)}; {plural(len(data['left_out']), 'actor')} "
        text += "left out."
    if data["highlight"]:
        hl = data["highlight"]
        if data["highlight_shown"]:
            deg = sum(1 for e in edges if hl in (e["source"], e["target"]))
            text += f" {name[hl]} is highlighted, with {plural(deg, 'tie')}."
        else:
            text += f" The highlighted actor ({hl}) is filtered out."
    return text


def actor_network(article: Article | str | os.PathLike[str], *,
                  kinds: Iterable[str] | None = None, paragraphs: Any = None,
                  highlight: str | None = None, ax: Axes | None = None,
                  figsize: tuple[float, float] | None = None) -> Figure:
    """Draw the actors as a network: nodes styled by kind, edges by relation type.

    Parameters
    ----------
    article
        An :class:`~geokit.data.model.Article`, a bundled article id or an article folder.
    kinds
        Actor kinds to keep (``state``, ``person``, ``organisation``, ``company``,
        ``media_outlet``, ``analyst``); default all.
    paragraphs
        Keep only actors, relations and events cited in these paragraphs: an inclusive
        ``(first, last)`` pair, one number, or a list of numbers.
    highlight
        An actor id, name or alias to emphasise (bold ring; its ties drawn stronger).
    ax
        Axes to draw into; by default a new figure.
    figsize
        Size in inches of the new figure (ignored with ``ax``); default 13 x 8. For a
        1024 x 768 projector, ``(10.24, 7.68)``.

    Returns
    -------
    matplotlib.figure.Figure
        With ``geokit.plots.alt_text(fig)`` and ``geokit.plots.figure_data(fig)``.

    Examples
    --------
    >>> from geokit.plots import actor_network
    >>> fig = actor_network("pakistan-russia-2012", kinds=["state", "person"])
    >>> actor_network("pakistan-russia-2012", kinds=["country"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown actor kind(s) 'country': choose from state, person, ...
    """
    art = as_article(article)
    data = network_data(art, kinds=kinds, paragraphs=paragraphs, highlight=highlight)
    with style():
        fig, ax, _ = new_axes(ax, figsize or (13, 8))
        _draw(ax, art, data)
    return attach(fig, ax, "actor_network", data, _alt(art, data))


def _draw(ax: Axes, art: Article, data: dict[str, Any]) -> None:
    nodes, edges = data["nodes"], data["edges"]
    n_rel = sum(1 for e in edges if e["kind"] == "relation")
    n_int = sum(1 for e in edges if e["kind"] == "interaction")
    ax.set_title(f"Who is tied to whom: {plural(len(nodes), 'actor')}, "
                 f"{plural(n_rel, 'relation')}, {plural(n_int, 'shared event')}", loc="left")
    ax.set_axis_off()
    _caption(ax, art, data)
    if not nodes:
        empty_message(ax, "No actor matches these filters.")
        return
    # Map the layout's unit coordinates onto the axes in inches, so that label room and the
    # legend column keep their size whatever the axes' size: labels get what is left beside
    # the columns, and wrap to fit it.
    w_in, h_in = axes_inches(ax)
    legend_w = _LEGEND_W
    label_w = min(2.3, max(1.2, (w_in - legend_w - 3.4) / 2 - 0.3))
    left_col, right_col = label_w + 0.3, w_in - legend_w - label_w - 0.3
    sx = (right_col - left_col) / (2 * (OUTER + 0.22))
    cx = (left_col + right_col) / 2
    sy, cy = (h_in - 0.3) / 2.0, h_in / 2
    ax.set_xlim(0, w_in)
    ax.set_ylim(0, h_in)
    pos = {n["id"]: (cx + sx * n["x"], cy + sy * n["y"]) for n in nodes}
    wrap_at = max(12, int(label_w * 72 / (10.5 * 0.58)))
    hl = data["highlight"] if data["highlight_shown"] else None

    _draw_edges(ax, data, pos, wrap_at, hl)

    for n in nodes:
        st = KIND_STYLE[n["kind"]]
        is_hl = n["id"] == hl
        faded = bool(hl) and not is_hl and not any(
            hl in (e["source"], e["target"]) and n["id"] in (e["source"], e["target"])
            for e in edges)
        (line,) = ax.plot(*([c] for c in pos[n["id"]]), linestyle="none", marker=st["marker"],
                          markersize=st["size"] * (1.25 if is_hl else 1.0),
                          markerfacecolor=st["color"], markeredgecolor="black",
                          markeredgewidth=3.2 if is_hl else 1.2,
                          alpha=0.35 if faded else 1.0, zorder=4)
        line.set_gid(f"node:{n['id']}")
        if n["ring"] == "inner":
            line.set_visible(False)  # a state's node is its boxed name (drawn by _label)
        _label(ax, n, pos[n["id"]], wrap_at, bold=is_hl, faded=faded,
               highlighted=is_hl)

    kind_handles = [Line2D([], [], linestyle="none", marker=KIND_STYLE[k]["marker"],
                           markersize=11, markerfacecolor=KIND_STYLE[k]["color"],
                           markeredgecolor="black", label=KIND_STYLE[k]["label"])
                    for k in KINDS if any(n["kind"] == k for n in nodes)]
    leg1 = ax.legend(handles=kind_handles, title="Actors", loc="upper right",
                     borderaxespad=0.0, fontsize=10)
    ax.add_artist(leg1)
    types = [t for t in REL_STYLE if any(e["type"] == t for e in edges)]
    edge_handles = [Line2D([], [], color=REL_STYLE[t]["color"], linestyle=REL_STYLE[t]["ls"],
                           linewidth=REL_STYLE[t]["lw"], label=t.replace("_", " "))
                    for t in types]
    if n_int:
        edge_handles.append(Line2D([], [], color=INTERACTION_STYLE["color"], linestyle="-",
                                   linewidth=1.4, label="shared event\n(thicker: more)"))
    if any(e["kind"] == "unrealised" for e in edges):
        edge_handles.append(Line2D([], [], color=UNREALISED_STYLE["color"],
                                   linestyle=UNREALISED_STYLE["ls"], linewidth=2.0,
                                   label="event planned or\ncancelled"))
    if edge_handles:
        ax.legend(handles=edge_handles, title="Ties", loc="lower right",
                  borderaxespad=0.0, handlelength=2.6, fontsize=10)


def _label(ax: Axes, n: dict[str, Any], xy: tuple[float, float], wrap_at: int, *, bold: bool,
           faded: bool, highlighted: bool) -> None:
    (x, y), _below = xy, n["y"] <= 0.05
    if n["ring"] == "inner":
        # a state is its own label: the name in a box of the state colour, on the node
        ax.text(x, y, n["name"], ha="center", va="center", fontsize=11.5, fontweight="bold",
                color="white", alpha=0.45 if faded else 1.0, zorder=6, gid=f"label:{n['id']}",
                bbox={"boxstyle": "square,pad=0.3", "facecolor": KIND_STYLE["state"]["color"],
                      "edgecolor": "black", "linewidth": 3.2 if highlighted else 1.2})
        return
    tx, ty, va = x + (0.17 if n["x"] > 0 else -0.17), y, "center"
    ha = "left" if n["x"] > 0 else "right"
    text = wrap(n["name"], wrap_at)
    ax.text(tx, ty, text, ha=ha, va=va, fontsize=12 if n["ring"] == "inner" else 10.5,
            fontweight="bold" if bold else "normal", alpha=0.45 if faded else 1.0, zorder=5,
            linespacing=1.0,
            bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none",
                  "alpha": 0.85}, gid=f"label:{n['id']}")


def _caption(ax: Axes, art: Article, data: dict[str, Any]) -> None:
    f = data["filters"]
    bits = [f"Source: {art.meta.author}, “{art.meta.title}”, {art.meta.outlet}, "
            f"{art.meta.published}."]
    if f["kinds"] is not None:
        bits.append("Kinds: " + ", ".join(KIND_STYLE[k]["label"] for k in f["kinds"]) + ".")
    if f["paragraphs"] is not None:
        ps = f["paragraphs"]
        bits.append(f"Paragraphs ¶{ps[0]}–¶{ps[-1]}." if ps == list(range(ps[0], ps[-1] + 1))
                    else "Paragraphs " + cite(ps) + ".")
    bits.append("Arrows: one-way ties. Grey: events that took place; dotted grey: planned, "
                "proposed or cancelled.")
    if any(e.get("per") for e in data["edges"]):
        bits.append("“per X”: the tie is X's reading, not the author's reporting; words in "
                    "quotation marks are the source's own.")
    caption(ax, -0.01, " ".join(bits))


def _obstacles(ax: Axes, nodes: list[dict[str, Any]], pos: dict[str, tuple[float, float]],
               hl: str | None) -> dict[str, Obstacle]:
    """Each node as the router sees it: a state's boxed name, or a marker's disc."""
    out = {}
    for n in nodes:
        x, y = pos[n["id"]]
        if n["ring"] == "inner":  # the box drawn by _label: bold 11.5 pt text, pad 0.3 em
            w = (text_width_pt(n["name"], 11.5) * 1.1 + 2 * 0.3 * 11.5 + 3) / 72
            h = (11.5 * 1.25 + 2 * 0.3 * 11.5 + 3) / 72
            out[n["id"]] = Obstacle(n["id"], x, y, w / 2, h / 2, disc=False)
        else:
            size = KIND_STYLE[n["kind"]]["size"] * (1.25 if n["id"] == hl else 1.0)
            out[n["id"]] = Obstacle(n["id"], x, y, size / 2 / 72 + 0.01, size / 2 / 72 + 0.01)
    return out


def _draw_edges(ax: Axes, data: dict[str, Any], pos: dict[str, tuple[float, float]],
                wrap_at: int, hl: str | None) -> None:
    """Route and draw every tie so that it keeps clear of the nodes it does not join; label
    the ties that are someone's reading "per <who>"."""
    nodes, edges = data["nodes"], data["edges"]
    obstacles = _obstacles(ax, nodes, pos, hl)
    ring = {n["id"]: n["ring"] for n in nodes}
    shrink = {nid: 17 if r == "inner" else 11 for nid, r in ring.items()}
    taken: dict[tuple[str, str], list[float]] = {}
    curves: dict[str, list[tuple[float, float]]] = {}
    drawn: dict[int, list[tuple[float, float]]] = {}
    # ties aimed at another tie are routed last, to the middle of the tie they aim at
    ordered = sorted(range(len(edges)), key=lambda i: (edges[i].get("aimed_at") is not None, i))
    for i in ordered:
        e = edges[i]
        a = pos[e["source"]]
        aimed = e.get("aimed_at")
        if aimed:
            target_curve = curves[aimed]
            b = target_curve[len(target_curve) // 2]
            ends = {e["source"]}
            cut_b = 0.02
        else:
            b = pos[e["target"]]
            ends = {e["source"], e["target"]}
            cut_b = shrink[e["target"]] / 72
        key = tuple(sorted((e["source"], aimed if aimed else e["target"])))
        sign = 1.0 if (e["source"], aimed if aimed else e["target"]) == key else -1.0
        rad, room = route(a, b, [o for k, o in obstacles.items() if k not in ends],
                          cut_a=shrink[e["source"]] / 72, cut_b=cut_b, margin=EDGE_MARGIN,
                          taken=[sign * t for t in taken.get(key, [])], spacing=0.17)
        taken.setdefault(key, []).append(sign * rad)
        e["rad"], e["clearance"] = rad, round(room, 3)
        points = arc_points(a, b, rad)
        drawn[i] = points
        if e["kind"] == "relation":
            curves[e["ids"][0]] = points
        st = (REL_STYLE.get(e["type"], INTERACTION_STYLE) if e["kind"] == "relation"
              else UNREALISED_STYLE if e["kind"] == "unrealised" else INTERACTION_STYLE)
        lw = st["lw"] + (0.6 * (len(e["ids"]) - 1) if e["kind"] == "interaction" else 0)
        alpha = 1.0
        if hl:
            touches = hl in (e["source"], e["target"])
            alpha = 1.0 if touches else 0.18
            lw = lw * 1.5 if touches else lw
        arrow = FancyArrowPatch(
            a, b, arrowstyle="-|>" if e["directed"] else "-", mutation_scale=18,
            connectionstyle=f"arc3,rad={rad}", color=st["color"], linestyle=st["ls"],
            linewidth=lw, alpha=alpha, shrinkA=shrink[e["source"]],
            shrinkB=2 if aimed else shrink[e["target"]],
            zorder=2 if e["kind"] == "relation" else 1)
        arrow.set_gid(f"edge:{'aimed' if aimed else e['kind']}:{e['type']}:{e['source']}:"
                      f"{aimed or e['target']}")
        ax.add_artist(arrow)  # the limits are fixed: add_patch would measure each curve again
    _label_edges(ax, data, pos, wrap_at, obstacles, drawn)


def _label_edges(ax: Axes, data: dict[str, Any], pos: dict[str, tuple[float, float]],
                 wrap_at: int, obstacles: dict[str, Obstacle],
                 drawn: dict[int, list[tuple[float, float]]]) -> None:
    """Put "per <who>" (and the source's own word) on each attributed tie, clear of the node
    labels and of one another."""
    boxes: list[tuple[float, float, float, float]] = [
        (o.x - o.half_w, o.y - o.half_h, o.x + o.half_w, o.y + o.half_h)
        for o in obstacles.values()]
    for n in data["nodes"]:  # outer labels sit beside their node (see _label)
        if n["ring"] == "inner":
            continue
        x, y = pos[n["id"]]
        lines = wrap(n["name"], wrap_at).split("\n")
        w = max(text_width_pt(line, 10.5) for line in lines) / 72 + 0.06
        h = len(lines) * 10.5 * 1.2 / 72 + 0.04
        x0 = x + 0.15 if n["x"] > 0 else x - 0.15 - w
        boxes.append((x0, y - h / 2, x0 + w, y + h / 2))
    right, top = axes_inches(ax)
    right -= _LEGEND_W  # the legends' column

    def overlap(box: tuple[float, float, float, float]) -> float:
        return sum(max(0.0, min(box[2], q[2]) - max(box[0], q[0]))
                   * max(0.0, min(box[3], q[3]) - max(box[1], q[1])) for q in boxes)

    for k, e in enumerate(data["edges"]):
        if not e.get("per"):
            continue
        text = (f"“{e['wording']}”, " if e["wording"] else "") + f"per {e['per']}"
        w = text_width_pt(text, 8.5) * 1.05 / 72 + 0.1  # italic, and the white pad around it
        h = 8.5 * 1.3 / 72 + 0.08
        points = drawn[k]
        # along the tie from its middle outwards, then a little to either side of it; where
        # nothing is free, the place that covers least
        spot: tuple[float, float, tuple[float, float, float, float]] | None = None
        least = float("inf")
        for dx, dy in ((0.0, 0.0), (0.0, 0.11), (0.0, -0.11), (0.3, 0.0), (-0.3, 0.0),
                       (0.0, 0.22), (0.0, -0.22)):
            for t in (0.5, 0.44, 0.56, 0.38, 0.62, 0.32, 0.68, 0.26, 0.74, 0.2, 0.8, 0.14,
                      0.86):
                cx, cy = points[round(t * (len(points) - 1))]
                cx, cy = cx + dx, cy + dy
                box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                if box[0] < 0 or box[1] < 0 or box[2] > right or box[3] > top:
                    continue
                cover = overlap(box)
                if cover < least:
                    spot, least = (cx, cy, box), cover
                if cover == 0.0:
                    break
            if least == 0.0:
                break
        if spot is None:
            cx, cy = points[len(points) // 2]
            spot = (cx, cy, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
        boxes.append(spot[2])
        ax.text(spot[0], spot[1], text, ha="center", va="center", fontsize=8.5,
                fontstyle="italic", color="#222222", zorder=3,
                gid=f"per:{e['ids'][0]}",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                      "alpha": 0.9})
