"""The actor network: who is tied to whom, as the article tells it.

Layout is by hand and deterministic (no force-directed randomness, no networkx): states sit on
an inner ring, every other actor on an outer ring next to the state it belongs to (following
``affiliation`` up to a state), and actors that belong to no state (outlets, analysts,
companies) are grouped by kind on the rest of the outer ring.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from geokit.data.model import Actor, Article
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
    wrap,
)

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
KINDS: tuple[str, ...] = tuple(KIND_STYLE)

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

_INNER_X, _INNER_Y, _OUTER = 0.5, 0.8, 1.05


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


def _home(actor: Actor, by_id: dict[str, Actor], states: set[str]) -> str | None:
    """The state an actor belongs to, following affiliations (a person -> army -> Pakistan)."""
    seen: set[str] = set()
    cur: Actor | None = actor
    while cur is not None and cur.affiliation and cur.id not in seen:
        seen.add(cur.id)
        if cur.affiliation in states:
            return cur.affiliation
        cur = by_id.get(cur.affiliation)
    return None


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
    def first_para(a: Actor) -> int:
        return min(a.paragraphs, default=10**6)

    states = sorted((a for a in actors if a.kind == "state"),
                    key=lambda a: (-len(a.paragraphs), order[a.id]))
    state_ids = {s.id for s in states}
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    others = [a for a in actors if a.kind != "state"]
    homes = {a.id: _home(a, by_id, state_ids) for a in others}
    sequence: list[str | None] = []
    blocks: dict[str, list[int]] = {}
    for s in states:
        members = sorted((a for a in others if homes[a.id] == s.id),
                         key=lambda a: (kind_rank[a.kind], first_para(a), order[a.id]))
        if not members:
            continue
        if sequence:
            sequence.append(None)  # a gap between blocks
        blocks[s.id] = list(range(len(sequence), len(sequence) + len(members)))
        sequence += [a.id for a in members]
    prev_single_kind: str | None = None
    # Actors of no state form blocks around the organisation they belong to (the Pakistan
    # Army with Kayani), blocks ordered by the kind of their head, then by first mention.
    def head(a: Actor) -> Actor:
        cur, seen = a, {a.id}
        while cur.affiliation and cur.affiliation in kept and cur.affiliation not in seen:
            seen.add(cur.affiliation)
            cur = by_id[cur.affiliation]
        return cur

    loose = [a for a in others if homes[a.id] is None]
    groups: dict[str, list[Actor]] = {}
    for a in loose:
        groups.setdefault(head(a).id, []).append(a)
    for hid in sorted(groups, key=lambda h: (kind_rank[by_id[h].kind],
                                              min(first_para(m) for m in groups[h]),
                                              order[h])):
        members = sorted(groups[hid], key=lambda a: (a.id != hid, kind_rank[a.kind],
                                                      first_para(a), order[a.id]))
        if sequence and (len(members) > 1 or prev_single_kind != members[0].kind):
            sequence.append(None)
        sequence += [a.id for a in members]
        prev_single_kind = members[0].kind if len(members) == 1 else None

    # Outer actors stand in two columns, down the right side then up the left, so every
    # label reads horizontally beside its node; the columns bow outwards a little so that
    # edges between neighbours stay visible.
    pos: dict[str, tuple[float, float, str]] = {}
    n_right = (len(sequence) + 1) // 2
    slots: list[tuple[float, float]] = []
    for i in range(len(sequence)):
        side, j, m = (1, i, n_right) if i < n_right else (
            -1, len(sequence) - 1 - i, len(sequence) - n_right)
        y = 1.0 - 2.0 * (j + 0.5) / max(m, 1)
        slots.append((side * (_OUTER + 0.22 * (1 - y * y)), y))
    for aid, (x, y) in zip(sequence, slots, strict=False):
        if aid is not None:
            pos[aid] = (x, y, "outer")

    # States stand in two inner columns (evenly spaced in height, so their boxed names never
    # touch), ordered clockwise like the blocks they head, so each faces its own actors;
    # states without a block of their own fill in after them.
    def clockwise(sid: str) -> float:
        xs = sum(slots[k][0] for k in blocks[sid])
        ys = sum(slots[k][1] for k in blocks[sid])
        return (math.pi / 2 - math.atan2(ys, xs)) % (2 * math.pi)

    ring = sorted((s for s in states if s.id in blocks), key=lambda s: clockwise(s.id)) + [
        s for s in states if s.id not in blocks]
    n_r = (len(ring) + 1) // 2
    for i, s in enumerate(ring):
        side, j, m = (1, i, n_r) if i < n_r else (-1, len(ring) - 1 - i, len(ring) - n_r)
        shift = 0.0 if side > 0 else 0.5 / max(m, 1)  # stagger the left column
        y = _INNER_Y * (1.0 - 2.0 * (j + 0.5) / max(m, 1) - shift) if m > 1 else 0.0
        x = side * _INNER_X * (0.55 + 0.45 * (1 - y * y)) if len(ring) > 1 else 0.0
        pos[s.id] = (x, y, "inner")

    nodes = [{"id": a.id, "name": a.name, "kind": a.kind,
              "x": round(pos[a.id][0], 6), "y": round(pos[a.id][1], 6),
              "ring": pos[a.id][2],
              "home": homes.get(a.id), "paragraphs": list(a.paragraphs)}
             for a in sorted(actors, key=lambda a: order[a.id])]

    # -- edges: typed relations, and events that brought actors together ------------------
    edges: list[dict[str, Any]] = []
    for r in art.relations:
        if r.source in kept and r.target in kept and r.source != r.target and in_range(
                r.paragraphs):
            edges.append({"kind": "relation", "type": r.type, "source": r.source,
                          "target": r.target, "directed": r.directed, "ids": [r.id],
                          "paragraphs": sorted(r.paragraphs)})
    def chain(aid: str) -> set[str]:  # the actor and everything it belongs to
        out, cur = {aid}, by_id.get(aid)
        while cur is not None and cur.affiliation and cur.affiliation not in out:
            out.add(cur.affiliation)
            cur = by_id.get(cur.affiliation)
        return out

    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for e in art.events:
        if e.status != "took_place" or not in_range(e.paragraphs):
            continue
        people = sorted(dict.fromkeys(p for p in e.participants if p in kept),
                        key=lambda p: order[p])
        for i, p in enumerate(people):
            for q in people[i + 1:]:
                if p in chain(q) or q in chain(p):
                    continue  # Kayani with the Pakistan Army says nothing new
                d = pairs.setdefault((p, q), {"kind": "interaction", "type": "interaction",
                                              "source": p, "target": q, "directed": False,
                                              "ids": [], "paragraphs": []})
                d["ids"].append(e.id)
                d["paragraphs"] = sorted(set(d["paragraphs"]) | set(e.paragraphs))
    edges += list(pairs.values())

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
    rel_txt = "; ".join(
        f"{name[e['source']]} {'→' if e['directed'] else '–'} {name[e['target']]}: "
        f"{e['type'].replace('_', ' ')} ({cite(e['paragraphs'])})" for e in rels)
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
    n_int = len(edges) - n_rel
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
    legend_w = 1.95
    label_w = min(2.3, max(1.2, (w_in - legend_w - 3.4) / 2 - 0.3))
    left_col, right_col = label_w + 0.3, w_in - legend_w - label_w - 0.3
    sx = (right_col - left_col) / (2 * (_OUTER + 0.22))
    cx = (left_col + right_col) / 2
    sy, cy = (h_in - 0.3) / 2.0, h_in / 2
    ax.set_xlim(0, w_in)
    ax.set_ylim(0, h_in)
    pos = {n["id"]: (cx + sx * n["x"], cy + sy * n["y"]) for n in nodes}
    wrap_at = max(12, int(label_w * 72 / (10.5 * 0.58)))
    hl = data["highlight"] if data["highlight_shown"] else None

    shrink = {n["id"]: 17 if n["ring"] == "inner" else 11 for n in nodes}
    # parallel edges between one pair bend apart so each stays visible
    seen: dict[frozenset[str], int] = {}
    for e in edges:
        key = frozenset((e["source"], e["target"]))
        k = seen.get(key, 0)
        seen[key] = k + 1
        rad = 0.12 * ((k + 1) // 2) * (1 if k % 2 else -1) if k else 0.0
        st = REL_STYLE.get(e["type"], INTERACTION_STYLE) if e["kind"] == "relation" \
            else INTERACTION_STYLE
        lw = st["lw"] + (0.6 * (len(e["ids"]) - 1) if e["kind"] == "interaction" else 0)
        alpha = 1.0
        if hl:
            touches = hl in (e["source"], e["target"])
            alpha = 1.0 if touches else 0.18
            lw = lw * 1.5 if touches else lw
        arrow = FancyArrowPatch(
            pos[e["source"]], pos[e["target"]],
            arrowstyle="-|>" if e["directed"] else "-", mutation_scale=18,
            connectionstyle=f"arc3,rad={rad}", color=st["color"], linestyle=st["ls"],
            linewidth=lw, alpha=alpha, shrinkA=shrink[e["source"]],
            shrinkB=shrink[e["target"]], zorder=1 if e["kind"] ==
            "interaction" else 2)
        arrow.set_gid(f"edge:{e['kind']}:{e['type']}:{e['source']}:{e['target']}")
        ax.add_patch(arrow)

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
    bits.append("Arrows: one-way ties. Grey: events that took place (cancelled ones excluded).")
    caption(ax, -0.01, " ".join(bits))
