"""The regional map: the states the article names, at their capitals, and its projects.

No map data is downloaded and no geometry package is needed: every point comes from the table
in :mod:`geokit.plots._places`, where each coordinate names its source. No borders or
coastlines are drawn (we ship none); a graticule and a few sea names orient the reader. Routes
are schematic, and the figure says so.
"""

from __future__ import annotations

import math
import os
import re
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from geokit.data.model import Article
from geokit.data.text import cite, cite_compact, join_names, plural
from geokit.plots._common import (
    OKABE_ITO,
    as_article,
    attach,
    axes_inches,
    caption,
    new_axes,
    style,
    wrap,
)
from geokit.plots._places import CAPITALS, PLACES, PROJECT_GEOMETRY, Place, capital_for

__all__ = ["regional_data", "regional_map"]

#: the window drawn, in degrees: Iran to India, the Arabian Sea to Kyrgyzstan
EXTENT = {"lon": (43.0, 81.0), "lat": (21.0, 45.5)}
_MID_LAT = 33.0

ROUTE_STYLE: dict[str, dict[str, Any]] = {
    "electricity": {"color": OKABE_ITO["orange"], "ls": (0, (7, 3)), "lw": 3.4,
                    "label": "power line (dashed)"},
    "gas": {"color": OKABE_ITO["purple"], "ls": "-", "lw": 3.8, "label": "gas pipeline (solid)"},
    "transport": {"color": OKABE_ITO["green"], "ls": (0, (7, 2, 1.5, 2)), "lw": 3.2,
                  "label": "rail and road (dash-dot)"},
}
SITE_STYLE: dict[str, dict[str, Any]] = {
    "steel": {"color": OKABE_ITO["vermillion"], "marker": "P", "label": "steel mill"},
    "power": {"color": OKABE_ITO["orange"], "marker": "*", "label": "power plant"},
    "hydro": {"color": OKABE_ITO["sky"], "marker": "v", "label": "hydropower"},
}


def _tokens(*texts: str) -> set[str]:
    return {w for t in texts for w in re.split(r"[^a-z0-9]+", t.casefold()) if w}


def _point(key: str) -> Place:
    return PLACES[key] if key in PLACES else CAPITALS[key]


def regional_data(article: Article | str | os.PathLike[str]) -> dict[str, Any]:
    """What :func:`regional_map` draws: states at capitals, project routes and sites."""
    art = as_article(article)
    states, unplaced_states = [], []
    for a in art.actors:
        if a.kind != "state":
            continue
        found = capital_for(a.id, a.name)
        if found is None:
            unplaced_states.append(a.id)
            continue
        key, p = found
        lon0, lon1 = EXTENT["lon"]
        lat0, lat1 = EXTENT["lat"]
        states.append({"id": a.id, "name": a.name, "capital": p.name, "lat": p.lat,
                       "lon": p.lon, "source": p.source, "key": key,
                       "on_map": lon0 <= p.lon <= lon1 and lat0 <= p.lat <= lat1,
                       "paragraphs": sorted(a.paragraphs)})
    geoms: dict[str, dict[str, Any]] = {}
    unplaced = []
    for pr in art.projects:
        toks = _tokens(pr.id, pr.name)
        g = next((g for g in PROJECT_GEOMETRY if any(set(m) <= toks for m in g.match)), None)
        if g is None:
            unplaced.append({"id": pr.id, "name": pr.name, "paragraphs": sorted(pr.paragraphs)})
            continue
        d = geoms.setdefault(g.key, {
            "key": g.key, "label": g.label, "kind": g.kind, "style": g.style, "note": g.note,
            "points": [{"key": k, "name": _point(k).name, "lat": _point(k).lat,
                        "lon": _point(k).lon, "source": _point(k).source} for k in g.points],
            "projects": [], "paragraphs": []})
        d["projects"].append(pr.id)
        d["paragraphs"] = sorted(set(d["paragraphs"]) | set(pr.paragraphs))
    order = {g.key: i for i, g in enumerate(PROJECT_GEOMETRY)}
    drawn = sorted(geoms.values(), key=lambda d: order[d["key"]])
    return {
        "figure": "regional_map",
        "article": art.id,
        "extent": EXTENT,
        "states": states,
        "routes": [d for d in drawn if d["kind"] == "route"],
        "sites": [d for d in drawn if d["kind"] == "site"],
        "unplaced_states": unplaced_states,
        "unplaced_projects": unplaced,
    }


def _alt(art: Article, data: dict[str, Any]) -> str:
    on = [s for s in data["states"] if s["on_map"]]
    off = [s for s in data["states"] if not s["on_map"]]
    text = (f"Regional map for “{art.meta.title}” ({art.meta.outlet}, {art.meta.published}): "
            f"{plural(len(data['states']), 'state')} the article names, each placed at its "
            f"capital's real coordinates: "
            + join_names([f"{s['name']} ({s['capital']})" for s in on]) + ". ")
    if off:
        text += ("Off the map, shown by arrows pointing towards them: "
                 + join_names([f"{s['name']} ({s['capital']})" for s in off]) + ". ")
    if data["routes"]:
        text += "Routes, drawn schematically (straight segments between named places, not " \
                "surveyed alignments): " + "; ".join(
                    f"{r['label']} via {', '.join(p['name'] for p in r['points'])} "
                    f"({cite(r['paragraphs'])})" for r in data["routes"]) + ". "
    if data["sites"]:
        text += "Sites: " + "; ".join(
            f"{s['label']} at {s['points'][0]['name']} ({cite(s['paragraphs'])})"
            for s in data["sites"]) + ". "
    if data["unplaced_projects"]:
        text += ("Not placed, because the article gives them no location: "
                 + join_names([p["name"] for p in data["unplaced_projects"]]) + ". ")
    if data["unplaced_states"]:
        text += f"No coordinates on file for: {', '.join(data['unplaced_states'])}. "
    text += ("No borders or coastlines are drawn. Coordinates are public gazetteer values "
             "(GeoNames) written into geokit, not taken from the article.")
    return text


def regional_map(article: Article | str | os.PathLike[str], ax: Axes | None = None, *,
                 figsize: tuple[float, float] | None = None) -> Figure:
    """Draw the named states at their capitals and the projects as schematic routes and sites.

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
    >>> from geokit.plots import regional_map, figure_data
    >>> fig = regional_map("pakistan-russia-2012")
    >>> [s["capital"] for s in figure_data(fig)["states"]][:2]
    ['Moscow', 'Islamabad']
    """
    art = as_article(article)
    data = regional_data(art)
    with style():
        w, h = figsize or (12, 9)
        # the map is 1.3 times wider than high; 2.3 in on its right hold the legend
        fig, ax, _ = new_axes(ax, (w, h), rect=(0.06, 1.15 / h, 0.94 - 2.6 / w, 1 - 1.8 / h))
        _draw(fig, ax, art, data)
    return attach(fig, ax, "regional_map", data, _alt(art, data))


def _draw(fig: Figure, ax: Axes, art: Article, data: dict[str, Any]) -> None:
    (lon0, lon1), (lat0, lat1) = EXTENT["lon"], EXTENT["lat"]
    n_proj = len(data["routes"]) + len(data["sites"])
    ax.set_title(f"Where it happens: {plural(len(data['states']), 'state')}, "
                 f"{plural(n_proj, 'project')} (routes schematic)", loc="left")
    ax.set_anchor("W")  # the map keeps its shape; the legend takes the room on its right
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / math.cos(math.radians(_MID_LAT)))  # equirectangular, true at 33°N
    ax.set_facecolor("#FAFAFA")
    ax.set_xticks(range(45, 81, 5))
    ax.set_yticks(range(25, 46, 5))
    ax.set_xticklabels([f"{d}°E" for d in range(45, 81, 5)])
    ax.set_yticklabels([f"{d}°N" for d in range(25, 46, 5)])
    ax.grid(color="#DDDDDD", linewidth=0.8)
    ax.tick_params(labelsize=10, colors="#555555")
    for name, lon, lat in (("Arabian Sea", 64.0, 21.9), ("Caspian Sea", 51.5, 39.4)):
        ax.text(lon, lat, name, ha="center", va="center", fontsize=11, fontstyle="italic",
                color="#6A8CAF")

    for r in data["routes"]:
        st = ROUTE_STYLE[r["style"]]
        xs, ys = [p["lon"] for p in r["points"]], [p["lat"] for p in r["points"]]
        (line,) = ax.plot([*xs[:-1], xs[-1]], ys, color=st["color"], linestyle=st["ls"],
                          linewidth=st["lw"], zorder=2, solid_capstyle="round")
        line.set_gid(f"route:{r['key']}")
        ax.add_patch(FancyArrowPatch((xs[-2], ys[-2]), (xs[-1], ys[-1]), arrowstyle="-|>",
                                     mutation_scale=22, color=st["color"], linewidth=0,
                                     shrinkA=0, shrinkB=4, zorder=2))
        k = len(xs) // 2
        mx, my = (xs[k - 1] + xs[k]) / 2, (ys[k - 1] + ys[k]) / 2
        ax.annotate(f"{wrap(r['label'], 24)}\n{cite_compact(r['paragraphs'])}", (mx, my),
                    xytext=_ROUTE_LABEL.get(r["key"], (mx + 1, my + 1)), fontsize=10.5,
                    color="black", ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.25", "facecolor": "white",
                          "edgecolor": st["color"], "linewidth": 1.5},
                    arrowprops={"arrowstyle": "-", "color": st["color"], "linewidth": 1.0},
                    zorder=6)
    for s in data["sites"]:
        st = SITE_STYLE[s["style"]]
        p = s["points"][0]
        place = PLACES[p["key"]]
        (mk,) = ax.plot([p["lon"]], [p["lat"]], linestyle="none", marker=st["marker"],
                        markersize=17 if st["marker"] == "*" else 13,
                        markerfacecolor=st["color"], markeredgecolor="black", zorder=5)
        mk.set_gid(f"site:{s['key']}")
        ax.annotate(f"{s['label']}\n{cite_compact(s['paragraphs'])}", (p["lon"], p["lat"]),
                    xytext=(p["lon"] + place.label_dx, p["lat"] + place.label_dy),
                    fontsize=10.5, ha="left" if place.label_dx >= 0 else "right", va="center",
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.9},
                    arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.9,
                                "shrinkB": 6}, zorder=6)
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    for s in data["states"]:
        place = CAPITALS[s["key"]]
        if s["on_map"]:
            (mk,) = ax.plot([s["lon"]], [s["lat"]], linestyle="none", marker="s",
                            markersize=11, markerfacecolor=OKABE_ITO["blue"],
                            markeredgecolor="black", zorder=5)
            mk.set_gid(f"state:{s['id']}")
            far = abs(place.label_dx) > 1.5 or abs(place.label_dy) > 1.5
            ax.annotate(f"{s['name']}\n({s['capital']})", (s["lon"], s["lat"]),
                        xytext=(s["lon"] + place.label_dx, s["lat"] + place.label_dy),
                        fontsize=11.5, fontweight="bold", ha="left" if place.label_dx > 0.3
                        else "right" if place.label_dx < -0.3 else "center", va="center",
                        linespacing=1.0, color=OKABE_ITO["blue"],
                        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                              "edgecolor": "none", "alpha": 0.9},
                        arrowprops={"arrowstyle": "-", "color": OKABE_ITO["blue"],
                                    "linewidth": 0.9, "shrinkB": 6} if far else None,
                        zorder=7)
        else:  # an arrow at the map's edge, pointing the way to the capital
            dx, dy = s["lon"] - cx, (s["lat"] - cy) * 1.19
            t = min((lon1 - 0.6 - cx) / dx if dx > 0 else (lon0 + 0.6 - cx) / dx if dx else 9e9,
                    (lat1 - 0.6 - cy) / (dy / 1.19) if dy > 0 else
                    (lat0 + 0.6 - cy) / (dy / 1.19) if dy else 9e9)
            ex, ey = cx + dx * t, cy + dy / 1.19 * t
            back = 3.2 / math.hypot(dx, dy)
            arrow = FancyArrowPatch((ex - dx * back, ey - dy / 1.19 * back), (ex, ey),
                                    arrowstyle="simple,head_width=1.2,head_length=1.2",
                                    mutation_scale=14, color=OKABE_ITO["blue"], zorder=5)
            arrow.set_gid(f"state:{s['id']}:off-map")
            ax.add_patch(arrow)
            ax.text(ex - dx * back * 1.15, ey - dy / 1.19 * back * 1.15,
                    f"{s['name']}\n({s['capital']}, off map)", fontsize=11, fontweight="bold",
                    color=OKABE_ITO["blue"], ha="left" if dx < 0 else "right",
                    va="top" if dy > 0 else "bottom", linespacing=1.0, zorder=7,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.9})
    _legend(ax, data)
    _caption(fig, ax, art, data)


#: where each route's label sits (lon, lat), chosen by eye so labels avoid points and routes
_ROUTE_LABEL = {
    "casa-1000": (65.3, 43.6),
    "ip-pipeline": (56.0, 29.6),
    "tajikistan-rail-road": (74.0, 40.3),
}


def _legend(ax: Axes, data: dict[str, Any]) -> None:
    handles: list[Any] = [Line2D([], [], linestyle="none", marker="s", markersize=10,
                                 markerfacecolor=OKABE_ITO["blue"], markeredgecolor="black",
                                 label="state, at its capital")]
    for key, st in ROUTE_STYLE.items():
        if any(r["style"] == key for r in data["routes"]):
            handles.append(Line2D([], [], color=st["color"], linestyle=st["ls"],
                                  linewidth=st["lw"], label=st["label"]))
    for key, st in SITE_STYLE.items():
        if any(s["style"] == key for s in data["sites"]):
            handles.append(Line2D([], [], linestyle="none", marker=st["marker"],
                                  markersize=14 if st["marker"] == "*" else 11,
                                  markerfacecolor=st["color"], markeredgecolor="black",
                                  label=st["label"]))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10,
              framealpha=0.95, title="Routes are schematic", title_fontsize=10.5,
              borderaxespad=0.0)


def _caption(fig: Figure, ax: Axes, art: Article, data: dict[str, Any]) -> None:
    bits = [f"Source: {art.meta.author}, “{art.meta.title}”, {art.meta.outlet}, "
            f"{art.meta.published}. Positions: GeoNames gazetteer coordinates of capitals and "
            "towns, written into geokit (see docs/figures.md); no borders or coastlines drawn. "
            "Routes join the places named, in order, with straight lines."]
    if data["unplaced_projects"]:
        bits.append("Not placed (no location in the article): "
                    + "; ".join(p["name"] for p in data["unplaced_projects"]) + ".")
    _, h_in = axes_inches(ax)
    caption(ax, -0.45 / h_in, " ".join(bits))
