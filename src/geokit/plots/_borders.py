"""Country borders for the regional map, read from disk once; nothing is downloaded.

The file is ``data/geo/countries-50m.json`` (shipped in the wheel), derived from Natural Earth's
Admin 0 countries at 1:50m (public domain) by ``scripts/make_borders.py``: country rings to
fill, and every border or coast as one line that knows which countries it lies between, so a
border is drawn once and can be styled (the lines of control in Kashmir are marked disputed
there). ``data/geo/README.md`` says where it comes from and how to make it again.
"""

from __future__ import annotations

import functools
import json
import pathlib
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.path import Path

from geokit.data import paths
from geokit.data.yamlio import display_path
from geokit.errors import GeokitDataError, Problem

__all__ = ["BORDERS_FILE", "Borders", "Country", "Line", "load_borders"]

BORDERS_FILE = paths.BORDERS_FILE

Box = tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class Country:
    name: str
    rings: tuple[np.ndarray, ...]  # each an (n, 2) array of lon, lat; outer rings and holes
    box: Box

    @functools.cached_property
    def path(self) -> Path:
        """One compound path of all the rings (holes run the other way, so they stay empty)."""
        verts = np.concatenate([np.vstack([r, r[:1]]) for r in self.rings])
        codes = np.concatenate([[Path.MOVETO] + [Path.LINETO] * (len(r) - 1)
                                + [Path.CLOSEPOLY] for r in self.rings]).astype(Path.code_type)
        return Path(verts, codes)

    def overlaps(self, box: Box) -> bool:
        return not (self.box[2] < box[0] or self.box[0] > box[2] or self.box[3] < box[1]
                    or self.box[1] > box[3])


@dataclass(frozen=True)
class Line:
    between: tuple[str, ...]  # two countries for a land border, one for a coast
    disputed: str | None  # a key of Borders.disputed, or None
    points: np.ndarray

    def overlaps(self, box: Box) -> bool:
        xs, ys = self.points[:, 0], self.points[:, 1]
        return bool(np.any((xs >= box[0]) & (xs <= box[2]) & (ys >= box[1]) & (ys <= box[3])))


@dataclass(frozen=True)
class Borders:
    source: dict[str, str]
    countries: tuple[Country, ...]
    lines: tuple[Line, ...]
    disputed: dict[str, dict[str, Any]]

    def country(self, name: str) -> Country:
        for c in self.countries:
            if c.name == name:
                return c
        raise LookupError(f"no country {name!r} in {BORDERS_FILE}")


def _box(rings: list[np.ndarray]) -> Box:
    allp = np.concatenate(rings)
    return (float(allp[:, 0].min()), float(allp[:, 1].min()), float(allp[:, 0].max()),
            float(allp[:, 1].max()))


def load_borders() -> Borders:
    """The borders file in use (see :func:`geokit.data.paths.geo_file`), parsed once a process
    for each state of it: the map always draws the file as it is now, the one a kept figure's
    key names.

    Raises
    ------
    FileNotFoundError
        When geokit was installed without its map file.
    GeokitDataError
        When the file is there but is not what ``scripts/make_borders.py`` writes.
    """
    path = paths.geo_file(BORDERS_FILE)
    st = path.stat()
    return _parse(path, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=2)
def _parse(path: pathlib.Path, mtime_ns: int, size: int) -> Borders:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        countries = tuple(
            Country(c["name"], tuple(rings), _box(rings))
            for c in raw["countries"]
            for rings in [[np.asarray(r, dtype=float).reshape(-1, 2) for r in c["rings"]]]
        )
        lines = tuple(Line(tuple(ln["between"]), ln["disputed"],
                           np.asarray(ln["points"], dtype=float).reshape(-1, 2))
                      for ln in raw["lines"])
        return Borders(dict(raw["source"]), countries, lines, dict(raw["disputed"]))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise GeokitDataError(Problem(
            display_path(path), "the map's borders file is damaged",
            expected="the JSON that scripts/make_borders.py writes (run `make borders`, or "
            "reinstall geokit)", found=f"{type(exc).__name__}: {exc}"[:120])) from None
