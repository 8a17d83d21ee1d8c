"""The interest matrix: what each actor wants, topic by topic, as the article reports it.

Rows are topics and columns actors (topic names are long and read best horizontally). A filled
cell holds the stance (a word and a symbol, on a tint of the stance colour) and the paragraphs;
a cell the article is silent on stays blank, because silence is not disagreement. The last
column says whether the actors who speak to a topic converge or diverge.
"""

from __future__ import annotations

import os
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from geokit.data.model import Article
from geokit.data.text import cite, cite_compact, join_names, plural
from geokit.plots._common import (
    CAPTION_MARGIN_PT,
    OKABE_ITO,
    as_article,
    attach,
    axes_inches,
    caption,
    empty_message,
    new_axes,
    style,
    wrap,
    wrap_to_width,
)

__all__ = ["interest_data", "interest_matrix"]

STANCE_STYLE: dict[str, dict[str, str]] = {
    "seeks": {"color": OKABE_ITO["blue"], "symbol": "▲"},
    "supports": {"color": OKABE_ITO["sky"], "symbol": "+"},
    "opposes": {"color": OKABE_ITO["vermillion"], "symbol": "✕"},
    "wary": {"color": OKABE_ITO["orange"], "symbol": "◆"},
    "mixed": {"color": OKABE_ITO["purple"], "symbol": "◐"},
}
_FOR = {"seeks", "supports"}

VERDICT_WORD = {
    "converge": "converge",
    "diverge": "diverge",
    "tension": "tension",
    "one": "one actor only",
}


def _verdict(stances: list[str]) -> str:
    """converge: all for; diverge: for against opposes; tension: for against wary/mixed."""
    if len(stances) < 2:
        return "one"
    kinds = set(stances)
    if kinds <= _FOR or kinds == {"opposes"}:
        return "converge"
    if kinds & _FOR and "opposes" in kinds:
        return "diverge"
    return "tension"


def interest_data(article: Article | str | os.PathLike[str]) -> dict[str, Any]:
    """What :func:`interest_matrix` draws: rows, columns, filled cells, empty cells, verdicts."""
    art = as_article(article)
    order = {a.id: i for i, a in enumerate(art.actors)}
    topics: dict[str, str] = {}
    for i in art.interests:
        topics.setdefault(i.topic, i.topic_label)
    actor_ids = sorted({i.actor for i in art.interests}, key=lambda a: order.get(a, 10**6))
    names = {a.id: a.name for a in art.actors}
    sources = sorted({i.according_to for i in art.interests if i.according_to},
                     key=lambda a: order.get(a, 10**6))
    keys = {s: chr(ord("a") + k) for k, s in enumerate(sources)}
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for i in art.interests:
        c = cells.setdefault((i.actor, i.topic), {"actor": i.actor, "topic": i.topic,
                                                  "stances": [], "paragraphs": [],
                                                  "according_to": [], "ids": []})
        if i.stance not in c["stances"]:
            c["stances"].append(i.stance)
        c["paragraphs"] = sorted(set(c["paragraphs"]) | set(i.paragraphs))
        if i.according_to and i.according_to not in c["according_to"]:
            c["according_to"].append(i.according_to)
        c["ids"].append(i.id)
    by_id = {i.id: i for i in art.interests}
    for c in cells.values():
        c["stance"] = c["stances"][0] if len(c["stances"]) == 1 else "mixed"
        c["keys"] = [keys[s] for s in c["according_to"]]
        recs = [by_id[i] for i in c["ids"]]
        c["inferred"] = any(r.inferred for r in recs)
        c["caveats"] = [r.caveat.strip() for r in recs if r.caveat.strip()]
    # Numbered notes keep each caveat and each inference of ours beside the cell it qualifies,
    # in the figure's caption and in the alt text alike.
    notes: list[dict[str, Any]] = []
    for key in sorted(cells, key=lambda k: (list(topics).index(k[1]), actor_ids.index(k[0]))):
        c = cells[key]
        c["notes"] = []
        if not (c["inferred"] or c["caveats"]):
            continue
        whose = join_names([names.get(s, s) for s in c["according_to"]]) or "the article"
        bits = ([f"our inference from {whose}'s words, not a stance a source states"]
                if c["inferred"] else []) + c["caveats"]
        notes.append({"key": len(notes) + 1, "actor": c["actor"], "topic": c["topic"],
                      "inferred": c["inferred"], "text": "; ".join(bits)})
        c["notes"].append(len(notes))
    columns = []
    for t, label in topics.items():
        # the verdict weighs only stances a source states; an inference of ours does not count
        st = [cells[(a, t)]["stance"] for a in actor_ids
              if (a, t) in cells and not cells[(a, t)]["inferred"]]
        columns.append({"topic": t, "label": label, "verdict": _verdict(st),
                        "actors": [a for a in actor_ids if (a, t) in cells],
                        "inferred": [a for a in actor_ids
                                     if (a, t) in cells and cells[(a, t)]["inferred"]]})
    return {
        "figure": "interest_matrix",
        "article": art.id,
        "actors": [{"id": a, "name": names.get(a, a)} for a in actor_ids],
        "topics": columns,
        "cells": [cells[k] for k in sorted(cells, key=lambda k: (list(topics).index(k[1]),
                                                                actor_ids.index(k[0])))],
        "empty": [[a, t] for t in topics for a in actor_ids if (a, t) not in cells],
        "according_to": [{"key": keys[s], "actor": s, "name": names.get(s, s)}
                         for s in sources],
        "notes": notes,
    }


def _alt(art: Article, data: dict[str, Any]) -> str:
    if not data["cells"]:
        return f"Interest matrix for “{art.meta.title}”: the article has no interests annotated."
    names = {a["id"]: a["name"] for a in data["actors"]}
    n_a, n_t = len(data["actors"]), len(data["topics"])
    n_inf = sum(1 for c in data["cells"] if c["inferred"])
    by = {v: [t["label"] for t in data["topics"] if t["verdict"] == v] for v in VERDICT_WORD}
    text = (f"Interest matrix for “{art.meta.title}” ({art.meta.outlet}, "
            f"{art.meta.published}): {plural(n_t, 'topic')} as rows by "
            f"{plural(n_a, 'actor')} as columns ({join_names(list(names.values()))}). "
            f"{len(data['cells'])} of {n_a * n_t} cells hold a stance"
            + (f": {len(data['cells']) - n_inf} one the article reports, {n_inf} our inference"
               if n_inf else " the article reports") + "; "
            f"{len(data['empty'])} stay blank where the article is silent (silence is not "
            f"disagreement). ")
    if by["converge"]:
        text += "Actors converge on " + join_names(by["converge"]) + ". "
    if by["diverge"]:
        text += "They diverge on " + join_names(by["diverge"]) + ". "
    if by["tension"]:
        text += "Stances differ without open opposition on " + join_names(by["tension"]) + ". "
    if by["one"]:
        text += "Only one actor speaks to " + join_names(by["one"]) + ". "
    note_text = {n["key"]: n["text"] for n in data["notes"]}
    whose = {s["actor"]: s["name"] for s in data["according_to"]}
    cells = "; ".join(f"{names[c['actor']]} {c['stance']} "
                      + ("(our inference) " if c["inferred"] else "")
                      + f"{next(t['label'] for t in data['topics'] if t['topic'] == c['topic'])} "
                      f"({cite(c['paragraphs'])}"
                      + ((", from " if c["inferred"] else ", according to ")
                         + join_names([whose[a] for a in c["according_to"]])
                         + ("'s words" if c["inferred"] else "") if c["according_to"] else "")
                      + "".join(f"; note {k}: {note_text[k]}" for k in c["notes"])
                      + ")" for c in data["cells"])
    inferred = [t["label"] for t in data["topics"] if t["inferred"]]
    if inferred:
        text += ("Hatched cells are our inference, not a stance a source states; verdicts "
                 "leave them out (" + join_names(inferred) + "). ")
    return text + "Cells: " + cells + "."


def interest_matrix(article: Article | str | os.PathLike[str], ax: Axes | None = None, *,
                    figsize: tuple[float, float] | None = None) -> Figure:
    """Draw topics by actors, each cell the stance the article reports, blank where silent.

    Parameters
    ----------
    article
        An :class:`~geokit.data.model.Article`, a bundled article id or an article folder.
    ax
        Axes to draw into; default a new figure.
    figsize
        Size in inches of the new figure (ignored with ``ax``); default 12 x 9.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from geokit.plots import interest_matrix, figure_data
    >>> fig = interest_matrix("pakistan-russia-2012")
    >>> data = figure_data(fig)
    >>> len(data["cells"]) + len(data["empty"]) == len(data["actors"]) * len(data["topics"])
    True
    """
    art = as_article(article)
    data = interest_data(art)
    with style():
        w, h = figsize or (12, 9)
        # room under the matrix for the legend and the caption, whose notes may run long
        lines = len(wrap_to_width(_caption_text(art, data), w * 72 * 0.985 - CAPTION_MARGIN_PT,
                                  9.5))
        bottom = max(1.0, 0.5 + 0.165 * lines)
        fig, ax, _ = new_axes(ax, (w, h), rect=(0.015, bottom / h, 0.97, 1 - (0.75 + bottom) / h))
        _draw(fig, ax, art, data)
    return attach(fig, ax, "interest_matrix", data, _alt(art, data))


def _draw(fig: Figure, ax: Axes, art: Article, data: dict[str, Any]) -> None:
    actors, topics = data["actors"], data["topics"]
    ax.set_title(f"What each actor wants: {plural(len(topics), 'topic')} × "
                 f"{plural(len(actors), 'actor')}, blank where the article is silent",
                 loc="left")
    if not data["cells"]:
        empty_message(ax, "No interests annotated for this article.")
        return
    w_in, h_in = axes_inches(ax)
    n_c, n_r = len(actors), len(topics)
    label_in, verdict_in = 2.7, 1.45
    cell_w = (w_in - label_in - verdict_in) / n_c
    cell_h = (h_in - 0.55) / n_r
    fs = max(8.0, min(11.0, cell_h * 72 / 2.5, cell_w * 72 / 8))
    # axes data units = inches, so text sizes and cell sizes can be reasoned about together
    ax.set_xlim(-label_in, n_c * cell_w + verdict_in)
    ax.set_ylim(n_r * cell_h, -0.55)
    ax.set_axis_off()
    col = {a["id"]: k for k, a in enumerate(actors)}
    row = {t["topic"]: k for k, t in enumerate(topics)}
    for k, a in enumerate(actors):
        ax.text((k + 0.5) * cell_w, -0.08, wrap(a["name"], max(8, int(cell_w * 72 / 7))),
                ha="center", va="bottom", fontsize=11, fontweight="bold", linespacing=1.0)
    ax.text(n_c * cell_w + 0.12, -0.08, "across actors", ha="left", va="bottom", fontsize=10.5,
            fontstyle="italic")
    for k, t in enumerate(topics):
        y = (k + 0.5) * cell_h
        ax.text(-0.1, y, wrap(t["label"], 32), ha="right", va="center", fontsize=10.5,
                linespacing=1.0)
        if k % 2 == 0:  # zebra rows beside the matrix guide the eye; the cells stay white
            for x0, width in ((-label_in, label_in), (n_c * cell_w, verdict_in)):
                ax.add_patch(Rectangle((x0, k * cell_h), width, cell_h, facecolor="#F0F0F0",
                                       edgecolor="none", zorder=0))
        ax.text(n_c * cell_w + 0.12, y, VERDICT_WORD[t["verdict"]], ha="left", va="center",
                fontsize=10.5, fontweight="bold" if t["verdict"] in ("converge", "diverge")
                else "normal", gid=f"verdict:{t['topic']}")
    for k in range(n_c + 1):
        ax.plot([k * cell_w] * 2, [0, n_r * cell_h], color="#BBBBBB", linewidth=0.8, zorder=1)
    for k in range(n_r + 1):
        ax.plot([0, n_c * cell_w], [k * cell_h] * 2, color="#BBBBBB", linewidth=0.8, zorder=1)
    for c in data["cells"]:
        st = STANCE_STYLE[c["stance"]]
        x, y = col[c["actor"]] * cell_w, row[c["topic"]] * cell_h
        ax.add_patch(Rectangle((x + 0.03, y + 0.03), cell_w - 0.06, cell_h - 0.06,
                               facecolor=st["color"], alpha=0.28, edgecolor="none", zorder=2,
                               gid=f"cell:{c['actor']}:{c['topic']}"))
        if c["inferred"]:  # our inference: hatched and outlined in dashes, never a plain tint
            ax.add_patch(Rectangle((x + 0.03, y + 0.03), cell_w - 0.06, cell_h - 0.06,
                                   facecolor="none", edgecolor=st["color"], hatch="///",
                                   linestyle=(0, (4, 2)), linewidth=1.4, zorder=2,
                                   gid=f"inferred:{c['actor']}:{c['topic']}"))
        ax.add_patch(Rectangle((x + 0.03, y + 0.03), 0.07, cell_h - 0.06,
                               facecolor=st["color"], edgecolor="none", zorder=3))
        word = " / ".join(c["stances"]) if len(c["stances"]) > 1 else c["stance"]
        ref = cite_compact(c["paragraphs"]) + (
            " (" + ",".join(c["keys"]) + ")" if c["keys"] else "") + "".join(
            f" [{k}]" for k in c["notes"])
        ax.text(x + cell_w / 2 + 0.03, y + cell_h / 2, f"{st['symbol']} {word}\n{ref}",
                ha="center", va="center", fontsize=fs, linespacing=1.05, zorder=4,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "alpha": 0.85,
                      "edgecolor": "none"} if c["inferred"] else None)
    _legend(ax, data, n_c * cell_w + verdict_in, n_r * cell_h)
    _caption(fig, ax, art, data)


def _legend(ax: Axes, data: dict[str, Any], right: float, bottom: float) -> None:
    from matplotlib.patches import Patch

    used = [s for s in STANCE_STYLE if any(c["stance"] == s for c in data["cells"])]
    handles = [Patch(facecolor=STANCE_STYLE[s]["color"], alpha=0.5, edgecolor="black",
                     label=f"{STANCE_STYLE[s]['symbol']} {s}") for s in used]
    if any(c["inferred"] for c in data["cells"]):
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="///",
                             linestyle=(0, (4, 2)), label="hatched: our inference"))
    handles.append(Patch(facecolor="white", edgecolor="#BBBBBB", label="blank: article silent"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=len(handles),
              fontsize=10.5, frameon=False, handlelength=1.4, columnspacing=1.2,
              borderaxespad=0.3)


def _caption_text(art: Article, data: dict[str, Any]) -> str:
    bits = [f"Source: {art.meta.author}, “{art.meta.title}”, {art.meta.outlet}, "
            f"{art.meta.published}."]
    if data["according_to"]:
        bits.append("Whose reading, where not the author's: " + "; ".join(
            f"({s['key']}) {s['name']}" for s in data["according_to"]) + ".")
    bits.append("Converge: all who speak are for; diverge: some for, some opposed; tension: "
                "for against wary" + (" (our inferences left out)." if any(
                    c["inferred"] for c in data["cells"]) else "."))
    names = {a["id"]: a["name"] for a in data["actors"]}
    labels = {t["topic"]: t["label"] for t in data["topics"]}
    for n in data["notes"]:
        bits.append(f"[{n['key']}] {names[n['actor']]}, {labels[n['topic']]}: {n['text']}.")
    return " ".join(bits)


def _caption(fig: Figure, ax: Axes, art: Article, data: dict[str, Any]) -> None:
    _, h_in = axes_inches(ax)
    caption(ax, -0.42 / h_in, _caption_text(art, data))
