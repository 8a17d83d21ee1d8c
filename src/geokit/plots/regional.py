"""The regional map: country borders, the states the article names at their capitals, and its
projects as schematic routes and sites.

Nothing is downloaded and no geometry package is needed. Borders come from a small file derived
from Natural Earth (:mod:`geokit.plots._borders`); every point comes from the article's own
``places.yaml``, where each coordinate names its source, so another article brings its own places
without code. Natural Earth draws the lines each state administers: in Kashmir those are lines
of control, drawn dashed and called disputed in the figure, its legend, caption and alt text.
Routes are schematic, and the figure says so.
"""

from __future__ import annotations

import math
import os
from typing import Any

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch

from geokit.data.model import Article
from geokit.data.text import cite, cite_compact, join_names, plural
from geokit.plots._borders import Borders, load_borders
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

__all__ = ["regional_data", "regional_map"]

#: the window drawn, in degrees: Iran to western China, the Arabian Sea to Kyrgyzstan
EXTENT = {"lon": (43.0, 82.0), "lat": (21.0, 45.5)}
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
#: the base map: pale fills told apart by lightness, so colour is never the only cue
SEA = "#DCE8F1"
LAND = "#F1EFEA"
NAMED_LAND = "#FFFFFF"  # countries of the states the article names
BORDER: dict[str, Any] = {"color": "#767676", "lw": 0.8}
COAST: dict[str, Any] = {"color": "#8AA4BA", "lw": 0.7}
AF_PK: dict[str, Any] = {"color": "#222222", "lw": 2.0}
DISPUTED: dict[str, Any] = {"color": "#222222", "lw": 1.6, "ls": (0, (3, 2))}

#: where names go (lon, lat), chosen by eye so they sit inside their country and clear of the
#: points, routes and labels; a country not listed here is drawn and named in the alt text
_COUNTRY_LABEL = {
    "China": (79.6, 40.8),
    "Afghanistan": (65.0, 33.4),
    "Pakistan": (69.2, 28.2),
    "India": (77.5, 24.0),
    "Iran": (57.3, 31.6),
    "Tajikistan": (71.5, 38.9),
    "Kyrgyzstan": (75.5, 41.4),
    "Uzbekistan": (63.5, 41.6),
    "Turkmenistan": (58.8, 39.0),
    "Kazakhstan": (60.5, 44.8),
    "Oman": (57.0, 21.8),
    "Saudi Arabia": (46.5, 24.5),
    "Iraq": (44.3, 31.6),
    "Azerbaijan": (47.7, 40.4),
    "Nepal": (81.3, 29.4),
}
#: named features of the base map: (name, country, point it names, where its label goes)
_FEATURES = (
    ("Wakhan corridor", "Afghanistan", (73.0, 37.05), (72.6, 38.4)),
)
#: where a disputed area's name goes (lon, lat), inside the area
_DISPUTED_LABEL = {"kashmir": (77.0, 33.95)}
_SEAS = (("Arabian Sea", 64.0, 21.9), ("Caspian Sea", 51.2, 39.6), ("Persian\nGulf", 50.3, 27.2))
_AF_PK = ("Afghanistan", "Pakistan")


def _box() -> tuple[float, float, float, float]:
    (lon0, lon1), (lat0, lat1) = EXTENT["lon"], EXTENT["lat"]
    return lon0, lat0, lon1, lat1


def _countries(art: Article, borders: Borders,
               states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The countries in the window, each matched to the article's state for it (by name or
    alias, else by its capital lying inside), and where its name goes."""
    by_name = {k.casefold(): a.id for a in art.actors if a.kind == "state"
               for k in (a.id, a.name, *a.aliases)}
    areas = {a for info in borders.disputed.values() for a in info.get("areas", ())}
    out = []
    for c in borders.countries:
        if not c.overlaps(_box()) or c.name in areas:  # a disputed area is not a country
            continue
        state = by_name.get(c.name.casefold()) or next(
            (s["id"] for s in states if s["on_map"]
             and c.path.contains_point((s["lon"], s["lat"]))), None)
        at_capital = any(s["id"] == state and s["on_map"] for s in states)
        label = None if at_capital else _COUNTRY_LABEL.get(c.name)
        out.append({"name": c.name, "state": state, "labelled": at_capital or label is not None,
                    "label": list(label) if label else None})
    return out


def regional_data(article: Article | str | os.PathLike[str]) -> dict[str, Any]:
    """What :func:`regional_map` draws: countries and borders, states at their capitals,
    project routes and sites, and what is disputed."""
    art = as_article(article)
    lon0, lat0, lon1, lat1 = _box()
    places = {p.id: p for p in art.places}
    capitals = {p.capital_of: p for p in art.places if p.capital_of}
    states, unplaced_states = [], []
    for a in art.actors:
        if a.kind != "state":
            continue
        cap = capitals.get(a.id)
        if cap is None:
            unplaced_states.append(a.id)
            continue
        states.append({"id": a.id, "name": a.name, "capital": cap.name, "place": cap.id,
                       "lat": cap.lat, "lon": cap.lon, "source": cap.source,
                       "label_dx": cap.label_dx, "label_dy": cap.label_dy,
                       "on_map": lon0 <= cap.lon <= lon1 and lat0 <= cap.lat <= lat1,
                       "paragraphs": sorted(a.paragraphs)})
    projects = {p.id: p for p in art.projects}
    drawn = []
    for d in art.drawings:
        paras = sorted({n for pid in d.projects if pid in projects
                        for n in projects[pid].paragraphs})
        drawn.append({
            "key": d.id, "label": d.label, "kind": d.kind, "style": d.style, "note": d.note,
            "points": [{"key": k, "name": places[k].name, "lat": places[k].lat,
                        "lon": places[k].lon, "source": places[k].source,
                        "label_dx": places[k].label_dx, "label_dy": places[k].label_dy}
                       for k in d.places],
            "projects": list(d.projects), "paragraphs": paras})
    in_drawing = {pid for d in art.drawings for pid in d.projects}
    unplaced = [{"id": p.id, "name": p.name, "paragraphs": sorted(p.paragraphs)}
                for p in art.projects if p.id not in in_drawing]
    borders = load_borders()
    countries = _countries(art, borders, states)
    shown = {c["name"] for c in countries}
    disputed = []
    for key, info in borders.disputed.items():
        segments = [ln for ln in borders.lines if ln.disputed == key and ln.overlaps(_box())]
        areas = [a for a in info.get("areas", ()) if borders.country(a).overlaps(_box())]
        if segments:
            disputed.append({"key": key, "name": info["name"], "note": info["note"],
                             "source": info["source"], "segments": len(segments),
                             "between": sorted({n for ln in segments for n in ln.between}
                                               - set(areas)), "areas": areas,
                             "label": list(_DISPUTED_LABEL.get(key, ())) or None})
    src = borders.source
    return {
        "figure": "regional_map",
        "article": art.id,
        "extent": EXTENT,
        "borders": {
            "source": f"Natural Earth {src['natural_earth_version']}, {src['natural_earth']} "
                      f"(public domain), via the npm package {src['npm_package']} "
                      f"{src['npm_version']}",
            "depiction": "de facto: the lines each state administers",
            "highlighted": [{"between": list(_AF_PK), "label": "Afghanistan–Pakistan border"}]
            if set(_AF_PK) <= shown else [],
        },
        "countries": countries,
        "features": [{"name": n, "country": c, "lon": p[0], "lat": p[1], "label": list(at)}
                     for n, c, p, at in _FEATURES if c in shown],
        "disputed": disputed,
        "states": states,
        "routes": [d for d in drawn if d["kind"] == "route"],
        "sites": [d for d in drawn if d["kind"] == "site"],
        "unplaced_states": unplaced_states,
        "unplaced_projects": unplaced,
    }


def _alt(art: Article, data: dict[str, Any]) -> str:
    on = [s for s in data["states"] if s["on_map"]]
    off = [s for s in data["states"] if not s["on_map"]]
    names = [c["name"] for c in data["countries"]]
    text = (f"Regional map for “{art.meta.title}” ({art.meta.outlet}, {art.meta.published}), "
            f"with country borders from Natural Earth for the "
            f"{plural(len(names), 'country', 'countries')} in view: "
            + join_names(names, limit=len(names)) + ". ")
    if data["features"]:
        text += "Labelled: " + join_names(
            [f"{f['name']} ({f['country']})" for f in data["features"]]) + ". "
    if data["borders"]["highlighted"]:
        text += "The Afghanistan–Pakistan border is drawn heavier. "
    for d in data["disputed"]:
        around = f", and around {join_names(d['areas'])}" if d["areas"] else ""
        text += (f"{d['name']} is disputed, and shown as such: the lines Natural Earth draws "
                 f"there (between {join_names(d['between'])}{around}) are dashed, as lines of "
                 "control, not agreed borders. ")
    text += (f"{plural(len(data['states']), 'state')} the article names, each placed at its "
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
    text += "Coordinates come from the article's places file, each with its source"
    used = {p["key"]: p["source"] for d in (*data["routes"], *data["sites"]) for p in d["points"]}
    used |= {s["place"]: s["source"] for s in data["states"]}
    geonames = sum("GeoNames" in src for src in used.values())
    if geonames:
        text += f" ({geonames} of {len(used)} are GeoNames gazetteer values)"
    return text + ", not from the article."


def regional_map(article: Article | str | os.PathLike[str], ax: Axes | None = None, *,
                 figsize: tuple[float, float] | None = None) -> Figure:
    """Draw country borders, the named states at their capitals and the projects as schematic
    routes and sites.

    Parameters
    ----------
    article
        An :class:`~geokit.data.model.Article`, a bundled article id or an article folder. Its
        ``places.yaml`` says where capitals and project places are; without one, only the
        borders are drawn and every state and project is listed as not placed.
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
    >>> [d["name"] for d in figure_data(fig)["disputed"]]
    ['Kashmir']
    """
    art = as_article(article)
    data = regional_data(art)
    with style():
        w, h = figsize or (12, 9)
        # the map is 1.3 times wider than high; 2.6 in on its right hold the legend
        fig, ax, _ = new_axes(ax, (w, h), rect=(0.06, 1.3 / h, 0.94 - 2.6 / w, 1 - 1.95 / h))
        _draw(fig, ax, art, data)
    return attach(fig, ax, "regional_map", data, _alt(art, data))


def _base_map(ax: Axes, data: dict[str, Any]) -> None:
    """Countries, coasts, borders, the Afghanistan-Pakistan border and the disputed lines."""
    borders = load_borders()
    named = {c["name"] for c in data["countries"] if c["state"]}
    # one collection, not a patch per country: add_patch walks every vertex to update the data
    # limits (the window is fixed anyway), which cost more than the drawing
    fills = [(borders.country(c["name"]).path, NAMED_LAND if c["name"] in named else LAND)
             for c in data["countries"]]
    fills += [(borders.country(a).path, LAND) for d in data["disputed"] for a in d["areas"]]
    land = PathCollection([p for p, _ in fills], facecolors=[f for _, f in fills],
                          edgecolors="none", linewidths=0, zorder=0.5)
    land.set_gid("countries")
    ax.add_collection(land, autolim=False)
    groups: dict[str, list[Any]] = {"coast": [], "border": [], "af-pk": [], "disputed": []}
    for ln in borders.lines:
        if not ln.overlaps(_box()):
            continue
        key = ("disputed" if ln.disputed else "coast" if len(ln.between) == 1
               else "af-pk" if ln.between == _AF_PK else "border")
        groups[key].append(ln.points)
    for key, st, z in (("coast", COAST, 1.6), ("border", BORDER, 1.7), ("af-pk", AF_PK, 1.8),
                       ("disputed", DISPUTED, 1.8)):
        if key == "disputed" and groups[key]:  # a white line under the dashes: gaps read as gaps
            ax.add_collection(LineCollection(groups[key], colors="white", linewidths=st["lw"] + 1,
                                             zorder=z - 0.01), autolim=False)
        coll = LineCollection(groups[key], colors=st["color"], linewidths=st["lw"],
                              linestyles=st.get("ls", "solid"), zorder=z, capstyle="butt")
        coll.set_gid(f"borders:{key}")
        ax.add_collection(coll, autolim=False)
    for c in data["countries"]:
        if c["label"]:
            (x, y) = c["label"]
            ax.text(x, y, c["name"].upper(), ha="center", va="center", fontsize=9.5,
                    color="#5F5F5F", zorder=3, gid=f"country-label:{c['name']}")
    for f in data["features"]:
        ax.annotate(wrap(f["name"], 10), (f["lon"], f["lat"]), xytext=tuple(f["label"]),
                    fontsize=9.5, fontstyle="italic", color="#333333", ha="center", va="center",
                    linespacing=1.0, arrowprops={"arrowstyle": "-", "color": "#333333",
                                                 "linewidth": 0.8, "shrinkB": 1},
                    zorder=6, gid=f"feature:{f['name']}")
    for d in data["disputed"]:
        if d["label"]:
            (x, y) = d["label"]
            ax.text(x, y, f"{d['name']}\n(disputed)", ha="center", va="center",
                    fontsize=10.5, fontstyle="italic", fontweight="bold", color="#222222",
                    linespacing=1.0, zorder=6, gid=f"disputed:{d['key']}",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.8})


def _draw(fig: Figure, ax: Axes, art: Article, data: dict[str, Any]) -> None:
    (lon0, lon1), (lat0, lat1) = EXTENT["lon"], EXTENT["lat"]
    n_proj = len(data["routes"]) + len(data["sites"])
    ax.set_title(f"Where it happens: {plural(len(data['states']), 'state')}, "
                 f"{plural(n_proj, 'project')} (routes schematic)", loc="left")
    ax.set_anchor("W")  # the map keeps its shape; the legend takes the room on its right
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / math.cos(math.radians(_MID_LAT)))  # equirectangular, true at 33°N
    ax.set_facecolor(SEA)
    ax.set_xticks(range(45, int(lon1) + 1, 5))
    ax.set_yticks(range(25, 46, 5))
    ax.set_xticklabels([f"{d}°E" for d in range(45, int(lon1) + 1, 5)])
    ax.set_yticklabels([f"{d}°N" for d in range(25, 46, 5)])
    ax.grid(color="#BFCBD6", linewidth=0.5)
    ax.tick_params(labelsize=10, colors="#555555")
    _base_map(ax, data)
    for name, lon, lat in _SEAS:
        ax.text(lon, lat, name, ha="center", va="center", fontsize=10.5, fontstyle="italic",
                color="#4A6F94")

    for r in data["routes"]:
        st = ROUTE_STYLE[r["style"]]
        xs, ys = [p["lon"] for p in r["points"]], [p["lat"] for p in r["points"]]
        (line,) = ax.plot(xs, ys, color=st["color"], linestyle=st["ls"],
                          linewidth=st["lw"], zorder=2, solid_capstyle="round")
        line.set_gid(f"route:{r['key']}")
        ax.add_artist(FancyArrowPatch((xs[-2], ys[-2]), (xs[-1], ys[-1]), arrowstyle="-|>",
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
        (mk,) = ax.plot([p["lon"]], [p["lat"]], linestyle="none", marker=st["marker"],
                        markersize=17 if st["marker"] == "*" else 13,
                        markerfacecolor=st["color"], markeredgecolor="black", zorder=5)
        mk.set_gid(f"site:{s['key']}")
        ax.annotate(f"{s['label']}\n{cite_compact(s['paragraphs'])}", (p["lon"], p["lat"]),
                    xytext=(p["lon"] + p["label_dx"], p["lat"] + p["label_dy"]),
                    fontsize=10.5, ha="left" if p["label_dx"] >= 0 else "right", va="center",
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.9},
                    arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.9,
                                "shrinkB": 6}, zorder=6)
    _states(ax, data)
    _legend(ax, data)
    _caption(fig, ax, art, data)


def _states(ax: Axes, data: dict[str, Any]) -> None:
    (lon0, lon1), (lat0, lat1) = EXTENT["lon"], EXTENT["lat"]
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    for s in data["states"]:
        dx_label, dy_label = s["label_dx"], s["label_dy"]
        if s["on_map"]:
            (mk,) = ax.plot([s["lon"]], [s["lat"]], linestyle="none", marker="s",
                            markersize=11, markerfacecolor=OKABE_ITO["blue"],
                            markeredgecolor="black", zorder=5)
            mk.set_gid(f"state:{s['id']}")
            far = abs(dx_label) > 1.5 or abs(dy_label) > 1.5
            ax.annotate(f"{s['name']}\n({s['capital']})", (s["lon"], s["lat"]),
                        xytext=(s["lon"] + dx_label, s["lat"] + dy_label),
                        fontsize=11.5, fontweight="bold", ha="left" if dx_label > 0.3
                        else "right" if dx_label < -0.3 else "center", va="center",
                        linespacing=1.0, color=OKABE_ITO["blue"],
                        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                              "edgecolor": "none", "alpha": 0.9},
                        arrowprops={"arrowstyle": "-", "color": OKABE_ITO["blue"],
                                    "linewidth": 0.9, "shrinkB": 6} if far else None,
                        zorder=7)
            continue
        # off the window: an arrow at the map's edge, pointing the way to the capital
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
        ax.add_artist(arrow)  # the limits are fixed: no need to measure the arrow
        ax.text(ex - dx * back * 1.15, ey - dy / 1.19 * back * 1.15,
                f"{s['name']}\n({s['capital']}, off map)", fontsize=11, fontweight="bold",
                color=OKABE_ITO["blue"], ha="left" if dx < 0 else "right",
                va="top" if dy > 0 else "bottom", linespacing=1.0, zorder=7,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                      "edgecolor": "none", "alpha": 0.9})


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
    handles.append(Patch(facecolor=NAMED_LAND, edgecolor=BORDER["color"],
                         label="country of a state\nthe article names"))
    handles.append(Line2D([], [], color=BORDER["color"], linewidth=1.2,
                          label="border (Natural Earth)"))
    if data["borders"]["highlighted"]:
        handles.append(Line2D([], [], color=AF_PK["color"], linewidth=AF_PK["lw"],
                              label="Afghanistan–Pakistan\nborder"))
    for d in data["disputed"]:
        handles.append(Line2D([], [], color=DISPUTED["color"], linewidth=DISPUTED["lw"],
                              linestyle=DISPUTED["ls"],
                              label=f"line of control,\n{d['name']} (disputed)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10,
              framealpha=0.95, title="Routes are schematic", title_fontsize=10.5,
              borderaxespad=0.0)


def _caption(fig: Figure, ax: Axes, art: Article, data: dict[str, Any]) -> None:
    bits = [f"Source: {art.meta.author}, “{art.meta.title}”, {art.meta.outlet}, "
            f"{art.meta.published}. Borders: Natural Earth (1:50m, public domain), which draws "
            "the lines each state administers."]
    for d in data["disputed"]:
        bits.append(f"{d['name']} is disputed: its dashed lines are lines of control, not "
                    "agreed borders.")
    bits.append("Positions: the article's places file, each with its source (see "
                "docs/figures.md). Routes join the places named, in order, with straight lines.")
    if data["unplaced_projects"]:
        bits.append("Not placed (no location in the article): "
                    + "; ".join(p["name"] for p in data["unplaced_projects"]) + ".")
    _, h_in = axes_inches(ax)
    caption(ax, -0.45 / h_in, " ".join(bits))
