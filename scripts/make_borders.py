"""Derive geokit's regional borders file from Natural Earth, as packed in npm's ``world-atlas``.

Usage (``make borders`` runs exactly this)::

    npm pack world-atlas@2.0.2 && tar -xzf world-atlas-2.0.2.tgz
    python scripts/make_borders.py package/ -o data/geo/countries-50m.json

Reads ``package/countries-50m.json`` (Natural Earth's Admin 0 countries at 1:50m, as TopoJSON),
decodes it (quantized, delta-encoded arcs), simplifies each arc, cuts everything to the region
the regional map can show and writes a small JSON file:

- ``countries``: each country with a part in the region, as rings to fill (outer rings and
  holes, clipped to the region's box);
- ``lines``: every arc inside the region, as the border between two countries or the coast of
  one, so a map can draw (and style) a border once, not twice;
- ``disputed``: which of those lines are the lines of control in Kashmir, with the source that
  says the area is disputed (Natural Earth draws de facto lines; see ``data/geo/README.md``).

Arcs are simplified before rings are assembled, so two neighbours keep one shared border.
Nothing here needs a package beyond the standard library.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Cross = Callable[[Point, Point], Point]

#: the region kept, in degrees: west, south, east, north (Russia is cut; China and Iran stay)
BOX = (30.0, 20.0, 100.0, 60.0)
#: Douglas-Peucker tolerance in degrees (about 2 km): the Wakhan corridor, 13 km at its
#: narrowest, keeps its shape
TOLERANCE = 0.02
DECIMALS = 2  # 0.01 degree, about 1 km

#: Kashmir. Natural Earth's Admin 0 countries follow who administers what, so the lines it draws
#: between India, Pakistan and China in Kashmir are lines of control, not agreed borders. We
#: mark as disputed every line between these four units north of this latitude (the south end
#: of Jammu, where the India-Pakistan line leaves Punjab), and Natural Earth's own "Siachen
#: Glacier" unit whole. The cut is ours, an approximation at this map's scale.
KASHMIR_UNITS = {"India", "Pakistan", "China", "Siachen Glacier"}
KASHMIR_AREAS = ["Siachen Glacier"]  # Natural Earth units that are disputed areas, not countries
KASHMIR_SOUTH = 32.5
KASHMIR_SOURCE = (
    "The World Factbook (US Central Intelligence Agency), 'Pakistan: Transnational issues, "
    "Disputes - international', editions of 2008-2012: Kashmir 'remains the site of the "
    "world's largest and most militarized territorial dispute with portions under the de facto "
    "administration of China (Aksai Chin), India (Jammu and Kashmir), and Pakistan (Azad "
    "Kashmir and Northern Areas)' and 'India does not recognize Pakistan's ceding historic "
    "Kashmir lands to China in 1964'; https://www.cia.gov/library/publications/the-world-factbook/"
    "geos/pk.html"
)


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute longitude/latitude of every arc of a quantized TopoJSON topology."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # each position is a delta from the previous one
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, keeping both ends (where arcs meet)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, where = 0.0, -1
        for k in range(i + 1, j):
            d = _segment_distance(points[k], points[i], points[j])
            if d > best:
                best, where = d, k
        if best > tolerance:
            keep[where] = True
            stack += [(i, where), (where, j)]
    out = [p for p, k in zip(points, keep, strict=True) if k]
    if out[0] == out[-1] and len(out) < 4:  # a closed arc (an island) needs three corners
        return [*points[:: max(1, len(points) // 3)], points[-1]]
    return out


def ring_points(indices: Iterable[int], arcs: list[list[Point]]) -> list[Point]:
    """A ring from arc indices (``~i`` is arc ``i`` reversed), shared ends joined once."""
    out: list[Point] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(arc if not out else arc[1:])
    return out


def _clip_edge(ring: list[Point], inside: Callable[[Point], bool], cross: Cross) -> list[Point]:
    out: list[Point] = []
    for k, cur in enumerate(ring):
        prev = ring[k - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur))
    return out


def clip_ring(ring: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland-Hodgman: a ring cut to the box (fine for filling; edges on the box are
    never drawn as lines)."""
    west, south, east, north = box

    def at_x(x: float) -> Cross:
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y: float) -> Cross:
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    pts = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    edges: tuple[tuple[Callable[[Point], bool], Cross], ...] = (
        (lambda p: p[0] >= west, at_x(west)),
        (lambda p: p[0] <= east, at_x(east)),
        (lambda p: p[1] >= south, at_y(south)),
        (lambda p: p[1] <= north, at_y(north)),
    )
    for inside, cross in edges:
        if not pts:
            break
        pts = _clip_edge(pts, inside, cross)
    return pts


def clip_line(line: list[Point], box: tuple[float, float, float, float]) -> list[list[Point]]:
    """The pieces of a polyline inside the box (Liang-Barsky on each segment)."""
    west, south, east, north = box
    pieces: list[list[Point]] = []
    current: list[Point] = []
    for (x0, y0), (x1, y1) in pairwise(line):
        t0, t1 = 0.0, 1.0
        dx, dy = x1 - x0, y1 - y0
        ok = True
        for p, q in ((-dx, x0 - west), (dx, east - x0), (-dy, y0 - south), (dy, north - y0)):
            if p == 0:
                if q < 0:
                    ok = False
                    break
                continue
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
        if not ok or t0 > t1:
            if current:
                pieces.append(current)
                current = []
            continue
        a = (x0 + t0 * dx, y0 + t0 * dy)
        b = (x0 + t1 * dx, y0 + t1 * dy)
        if not current:
            current = [a]
        current.append(b)
        if t1 < 1.0:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [p for p in pieces if len(p) > 1]


def split_at_latitude(line: list[Point], lat: float) -> tuple[list[list[Point]], list[list[Point]]]:
    """The pieces of a polyline north and south of ``lat``."""
    north: list[list[Point]] = []
    south: list[list[Point]] = []
    current = [line[0]]
    side = line[0][1] >= lat
    for p, q in pairwise(line):
        if (q[1] >= lat) != side:
            x = p[0] + (q[0] - p[0]) * (lat - p[1]) / (q[1] - p[1])
            current.append((x, lat))
            (north if side else south).append(current)
            current, side = [(x, lat)], not side
        current.append(q)
    (north if side else south).append(current)
    return north, south


def _round(points: Iterable[Point]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def _area(ring: Sequence[Sequence[float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise([*ring, ring[0]])))


def derive(topology: dict[str, Any], meta: dict[str, str]) -> dict[str, Any]:
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topology)]
    owners: dict[int, list[str]] = {}
    countries = []
    for geom in topology["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        polygons = {"Polygon": [geom.get("arcs", [])], "MultiPolygon": geom.get("arcs", [])}.get(
            geom["type"], [])
        rings = []
        for polygon in polygons:
            for ring in polygon:
                for i in ring:
                    owners.setdefault(i if i >= 0 else ~i, []).append(name)
                clipped = _round(clip_ring(ring_points(ring, arcs), BOX))
                if len(clipped) >= 3 and _area(clipped) > 1e-4:
                    rings.append(clipped)
        if rings:
            countries.append({"name": name, "iso_n3": geom.get("id"), "rings": rings})
    countries.sort(key=lambda c: c["name"])

    lines: list[dict[str, Any]] = []
    for i, arc in enumerate(arcs):
        between = sorted(set(owners.get(i, [])))
        if not between:
            continue
        kashmir = len(between) == 2 and set(between) <= KASHMIR_UNITS
        north, south = split_at_latitude(arc, KASHMIR_SOUTH) if kashmir else ([], [arc])
        for part, disputed in ((north, "kashmir"), (south, None)):
            for piece in part:
                for cut in clip_line(piece, BOX):
                    pts = _round(cut)
                    if len(pts) > 1:
                        lines.append({"between": between, "disputed": disputed, "points": pts})
    lines.sort(key=lambda ln: (ln["between"], ln["points"][0]))
    return {
        "about": (
            "Country borders and coasts for geokit's regional map, derived from Natural Earth "
            "(public domain) as packed in the npm package world-atlas; see README.md beside "
            "this file. Longitude, latitude in degrees."
        ),
        "source": meta,
        "box": {"west": BOX[0], "south": BOX[1], "east": BOX[2], "north": BOX[3]},
        "tolerance_degrees": TOLERANCE,
        "countries": countries,
        "lines": lines,
        "disputed": {
            "kashmir": {
                "name": "Kashmir",
                "units": sorted(KASHMIR_UNITS),
                "areas": KASHMIR_AREAS,
                "south_of_cut": KASHMIR_SOUTH,
                "note": (
                    "Natural Earth draws the lines of control between the parts of Kashmir "
                    "that India, Pakistan and China administer as if they were borders; they "
                    "are not agreed borders. geokit marks every line between India, Pakistan, "
                    f"China and Natural Earth's 'Siachen Glacier' north of {KASHMIR_SOUTH}°N "
                    "as disputed (our cut, approximate at this scale)."
                ),
                "source": KASHMIR_SOURCE,
            }
        },
    }


def package_meta(folder: Path) -> dict[str, str]:
    pkg = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    readme = (folder / "README.md").read_text(encoding="utf-8")
    found = re.search(r"version (\d+\.\d+\.\d+)", readme)
    return {
        "npm_package": pkg["name"],
        "npm_version": pkg["version"],
        "file": "countries-50m.json",
        "natural_earth": "Admin 0 - Countries, 1:50m",
        "natural_earth_version": found[1] if found else "unknown",
        "licence": "Natural Earth: public domain; world-atlas packaging: ISC (Mike Bostock)",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas npm package folder")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the JSON file to write")
    args = parser.parse_args(argv)
    source = args.package / "countries-50m.json"
    if not source.is_file():
        parser.error(f"{source} not found: unpack `npm pack world-atlas@2.0.2` first")
    topology = json.loads(source.read_text(encoding="utf-8"))
    out = derive(topology, package_meta(args.package))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    n_pts = sum(len(r) for c in out["countries"] for r in c["rings"])
    print(f"wrote {args.output}: {len(out['countries'])} countries, {len(out['lines'])} lines, "
          f"{n_pts} ring points, {len(text) // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
