"""The argument map: one argument as a tree, read from the claim on the left outwards.

Each step is a box headed by its role and the paragraphs it comes from; arrows run from a step
to the step it supports or attacks. Unstated assumptions (our words, not the article's) have
dashed borders, italic text and say "unstated". The layout is a tidy tree: leaves take one row
each in depth-first order, every parent sits level with the middle of its children.
"""

from __future__ import annotations

import os
import re
import textwrap
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from geokit.data.model import Argument, Article
from geokit.data.text import cite, cite_compact, plural
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

__all__ = ["argument_data", "argument_map"]

ROLE_STYLE: dict[str, dict[str, Any]] = {
    "claim": {"color": OKABE_ITO["blue"], "ls": "-", "verb": "main claim"},
    "premise": {"color": OKABE_ITO["green"], "ls": "-", "verb": "supports"},
    "objection": {"color": OKABE_ITO["vermillion"], "ls": (0, (6, 3)), "verb": "objects to"},
    "limit": {"color": OKABE_ITO["orange"], "ls": (0, (1, 2)), "verb": "limits"},
    "assumption": {"color": OKABE_ITO["purple"], "ls": (0, (4, 2)), "verb": "is assumed by"},
}
_ROLE_ORDER = {r: i for i, r in enumerate(ROLE_STYLE)}


def _choose(art: Article, argument_id: str | None) -> Argument | None:
    if not art.arguments:
        return None
    if argument_id is None:
        return art.arguments[0]
    for a in art.arguments:
        if a.id == argument_id:
            return a
    known = ", ".join(repr(a.id) for a in art.arguments)
    raise LookupError(f"{art.id} has no argument {argument_id!r}; choose one of {known}")


def argument_data(article: Article | str | os.PathLike[str],
                  argument_id: str | None = None) -> dict[str, Any]:
    """What :func:`argument_map` draws: nodes with depth and row, edges child -> parent."""
    art = as_article(article)
    arg = _choose(art, argument_id)
    if arg is None:
        return {"figure": "argument_map", "article": art.id, "argument": None, "nodes": [],
                "edges": [], "rows": 0, "depth": 0}
    order = {n.id: i for i, n in enumerate(arg.nodes)}
    kids: dict[str | None, list[Any]] = {}
    for n in arg.nodes:
        kids.setdefault(n.parent, []).append(n)
    for v in kids.values():
        v.sort(key=lambda n: (_ROLE_ORDER[n.role], order[n.id]))
    placed: dict[str, dict[str, Any]] = {}
    next_row = [0.0]

    def visit(n: Any, depth: int, seen: frozenset[str]) -> float:
        children = [c for c in kids.get(n.id, []) if c.id not in seen]
        if children:
            ys = [visit(c, depth + 1, seen | {n.id}) for c in children]
            row = (ys[0] + ys[-1]) / 2
        else:
            row = next_row[0]
            next_row[0] += 1
        placed[n.id] = {"id": n.id, "role": n.role, "text": n.text, "parent": n.parent,
                        "paragraphs": sorted(n.paragraphs), "stated": n.stated,
                        "depth": depth, "row": row}
        return row

    for root in kids.get(None, []):
        visit(root, 0, frozenset())
    # nodes whose parent chain never reaches a root (bad data) still get drawn, last
    for n in arg.nodes:
        if n.id not in placed:
            placed[n.id] = {"id": n.id, "role": n.role, "text": n.text, "parent": n.parent,
                            "paragraphs": sorted(n.paragraphs), "stated": n.stated,
                            "depth": 0, "row": next_row[0]}
            next_row[0] += 1
    nodes = [placed[n.id] for n in arg.nodes]
    edges = [{"source": n["id"], "target": n["parent"], "role": n["role"]}
             for n in nodes if n["parent"] in placed]
    return {
        "figure": "argument_map",
        "article": art.id,
        "argument": {"id": arg.id, "title": arg.title, "holder": arg.holder,
                     "holder_name": (art.get_actor(arg.holder) or arg).__dict__.get(
                         "name", arg.holder)},
        "nodes": nodes,
        "edges": edges,
        "rows": int(next_row[0]),
        "depth": max(n["depth"] for n in nodes) + 1,
        "others": [a.id for a in art.arguments if a.id != arg.id],
    }


def _alt(art: Article, data: dict[str, Any]) -> str:
    if data["argument"] is None:
        return f"Argument map for “{art.meta.title}”: the article has no argument annotated."
    a, nodes = data["argument"], data["nodes"]
    count: dict[str, int] = {}
    for n in nodes:
        count[n["role"]] = count.get(n["role"], 0) + 1
    parts = [plural(count[r], r) for r in ROLE_STYLE if r in count]
    unstated = [n for n in nodes if not n["stated"]]
    text = (f"Argument map from “{art.meta.title}” ({art.meta.outlet}, {art.meta.published}): "
            f"“{a['title']}”, argued by {a['holder_name']}, as a tree of "
            f"{plural(len(nodes), 'step')} ({', '.join(parts)}). ")
    by_id = {n["id"]: n for n in nodes}
    for n in nodes:
        where = cite(n["paragraphs"]) if n["paragraphs"] else "unstated in the article"
        if n["parent"] is None:
            text += f"Main claim ({where}): {n['text']} "
        else:
            text += (f"{n['role'].capitalize()} ({where}), which "
                     f"{ROLE_STYLE[n['role']]['verb'].replace('is assumed by', 'underlies')} "
                     f"“{_short(by_id[n['parent']]['text'], 60)}”: {n['text']} ")
    if unstated:
        text += (f"{plural(len(unstated), 'assumption')} the article leaves unstated "
                 "are drawn with dashed borders. ")
    return text.strip()


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def argument_map(article: Article | str | os.PathLike[str], argument_id: str | None = None,
                 ax: Axes | None = None, *,
                 figsize: tuple[float, float] | None = None) -> Figure:
    """Draw one argument as a tree of claim, premises, objections, limits and assumptions.

    Parameters
    ----------
    article
        An :class:`~geokit.data.model.Article`, a bundled article id or an article folder.
    argument_id
        Which argument (see ``article.arguments``); default the first, which for the bundled
        article is the balance-of-power argument.
    ax
        Axes to draw into; default a new figure sized to the tree.
    figsize
        Size in inches of the new figure (ignored with ``ax``).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from geokit.plots import argument_map
    >>> fig = argument_map("pakistan-russia-2012")
    >>> argument_map("pakistan-russia-2012", "no-such-argument")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    LookupError: pakistan-russia-2012 has no argument 'no-such-argument'; choose one of ...
    """
    art = as_article(article)
    data = argument_data(art, argument_id)
    with style():
        w, h = figsize or (14, max(8.0, 0.8 * data["rows"] + 2.0))
        fig, ax, _ = new_axes(ax, (w, h), rect=(0.01, 1.05 / h, 0.98, 1 - 1.85 / h))
        _draw(fig, ax, art, data)
    return attach(fig, ax, "argument_map", data, _alt(art, data))


def _draw(fig: Figure, ax: Axes, art: Article, data: dict[str, Any]) -> None:
    ax.set_axis_off()
    if data["argument"] is None:
        ax.set_title("Argument map", loc="left")
        empty_message(ax, "No argument annotated for this article.")
        return
    a = data["argument"]
    w_in, h_in = axes_inches(ax)
    ax.set_title(wrap(f"The argument: {a['title']} ({a['holder_name']})",
                      int(w_in * 72 / (15 * 0.62))), loc="left")
    depth, rows = data["depth"], max(data["rows"], 1)
    # Column widths: the claim's column is narrow (one box, free to grow downwards); the
    # others widen with the number of boxes they hold, which must each fit in one row.
    count = [sum(1 for n in data["nodes"] if n["depth"] == d) for d in range(depth)]
    weights = [0.75] + [1.0 + 0.6 * c / max(count[1:]) for c in count[1:]]
    widths = [w_in * wt / sum(weights) for wt in weights]
    lefts = [sum(widths[:d]) for d in range(depth)]
    row_h = h_in / rows
    fs = max(8.5, min(11.0, row_h * 72 / 4.6))
    line_h = fs * 1.15 / 72
    max_lines = max(2, int((row_h - 0.12) / line_h) - 1)  # minus the header line
    ax.set_xlim(0, w_in)
    ax.set_ylim(h_in, 0)

    texts: dict[str, Any] = {}
    for n in data["nodes"]:
        d = n["depth"]
        x = lefts[d] + (0.05 if d == 0 else 0.7)
        width_in = widths[d] - (0.6 if d == 0 else 0.8)
        chars = max(18, int(width_in * 72 / (fs * 0.6)))
        body = n["text"]
        if not n["stated"]:  # the header already says "unstated"; drop a "(Our words...)" lead
            body = re.sub(r"^\([^)]{0,60}\)\s*", "", body)
        lines = textwrap.wrap(body, chars, break_long_words=False)
        room = 10 if d == 0 else max_lines
        if len(lines) > room:  # the full text is in the alt text and figure_data
            lines = [*lines[: room - 1], _short(" ".join(lines[room - 1:]), chars)]
        st = ROLE_STYLE[n["role"]]
        head = n["role"].upper() + (" · " + cite_compact(n["paragraphs"])
                                     if n["paragraphs"] else "")
        if not n["stated"]:
            head += " · UNSTATED"
        y = (n["row"] + 0.5) * row_h
        t = ax.text(x, y, head + "\n" + "\n".join(lines), ha="left", va="center", fontsize=fs,
                    linespacing=1.15, fontstyle="normal" if n["stated"] else "italic",
                    fontweight="bold" if n["role"] == "claim" else "normal", zorder=3,
                    gid=f"node:{n['id']}",
                    bbox={"boxstyle": "round,pad=0.4",
                          "facecolor": "white" if not n["stated"] else st["color"] + "26",
                          "edgecolor": st["color"], "linewidth": 2.6 if n["role"] == "claim"
                          else 1.6, "linestyle": (0, (5, 3)) if not n["stated"] else "-"})
        texts[n["id"]] = t
    for e in data["edges"]:
        st = ROLE_STYLE[e["role"]]
        ann = ax.annotate("", xy=(1.0, 0.5), xycoords=texts[e["target"]], xytext=(0.0, 0.5),
                          textcoords=texts[e["source"]],
                          arrowprops={"arrowstyle": "-|>", "color": st["color"],
                                      "linestyle": st["ls"], "linewidth": 2.0,
                                      "mutation_scale": 16, "shrinkA": 9, "shrinkB": 9},
                          zorder=2)
        ann.set_gid(f"edge:{e['source']}:{e['target']}")
    _legend(ax, data, h_in)
    _caption(fig, ax, art, data, h_in)


def _legend(ax: Axes, data: dict[str, Any], h_in: float) -> None:
    from matplotlib.lines import Line2D

    used = [r for r in ROLE_STYLE if r != "claim" and any(n["role"] == r for n in data["nodes"])]
    handles = [Line2D([], [], color=ROLE_STYLE[r]["color"], linestyle=ROLE_STYLE[r]["ls"],
                      linewidth=2.2, label=f"{r}: {ROLE_STYLE[r]['verb']}") for r in used]
    if any(not n["stated"] for n in data["nodes"]):
        handles.append(Line2D([], [], color="black", linestyle=(0, (5, 3)), linewidth=1.6,
                              label="dashed box: unstated, our words"))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.05 / h_in),
                  ncol=min(len(handles), 3), fontsize=10, frameon=False, handlelength=2.6,
                  columnspacing=1.4)


def _caption(fig: Figure, ax: Axes, art: Article, data: dict[str, Any], h_in: float) -> None:
    text = (f"Source: {art.meta.author}, “{art.meta.title}”, {art.meta.outlet}, "
            f"{art.meta.published}. Arrows run from each step to the step it bears on. Steps in "
            "our words; ¶ = the paragraphs they come from.")
    if data.get("others"):
        text += f" Other arguments: {', '.join(data['others'])}."
    caption(ax, -0.62 / h_in, text)
