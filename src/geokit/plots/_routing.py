"""Edge routing for the actor network: curves that keep clear of the nodes they do not join.

Every tie is drawn as matplotlib's ``arc3`` curve, a quadratic Bézier whose control point sits
``rad`` times the tie's length off its midpoint. Routing tries a straight line first, then bends
a little more each way, and takes the first curve that keeps a margin from every other node's
marker or box, and from the curves already drawn between the same two actors. Distances are in
inches: the network's axes are laid out in inches, so a margin is a margin on the page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["RADS", "Obstacle", "arc_points", "clearance", "route"]

Point = tuple[float, float]

#: the bends tried, in order: straight, then a little more each way (rad = offset / length),
#: then the bends in between, for the few ties the coarse steps cannot clear
RADS: tuple[float, ...] = tuple(
    r for step in ((0.0, 0.12, 0.24, 0.36, 0.5, 0.65, 0.8, 1.0),
                   (0.06, 0.18, 0.3, 0.43, 0.57, 0.72, 0.9, 1.2),
                   (0.03, 0.09, 0.15, 0.21, 0.27, 0.33, 0.4, 0.46, 0.53, 0.6, 0.68, 0.76,
                    0.85, 0.95, 1.1, 1.35, 1.5))
    for x in step for r in ((x, -x) if x else (x,)))


@dataclass(frozen=True)
class Obstacle:
    """A node as the router sees it: a disc (a marker) or a box (a state's boxed name)."""

    id: str
    x: float
    y: float
    half_w: float
    half_h: float
    disc: bool = True

    def distance(self, px: float, py: float) -> float:
        """How far a point is from the node's edge (negative inside a disc)."""
        if self.disc:
            return math.hypot(px - self.x, py - self.y) - self.half_w
        dx = max(abs(px - self.x) - self.half_w, 0.0)
        dy = max(abs(py - self.y) - self.half_h, 0.0)
        return math.hypot(dx, dy)


def arc_points(a: Point, b: Point, rad: float, n: int = 64) -> list[Point]:
    """Points along matplotlib's ``arc3,rad=...`` curve from ``a`` to ``b``."""
    xy = _arc(a, b, rad, n)
    return [(float(x), float(y)) for x, y in xy]


def _arc(a: Point, b: Point, rad: float, n: int = 64) -> np.ndarray:
    (x1, y1), (x2, y2) = a, b
    cx = (x1 + x2) / 2 + rad * (y2 - y1)
    cy = (y1 + y2) / 2 - rad * (x2 - x1)
    t = np.linspace(0.0, 1.0, n + 1)[:, None]
    out: np.ndarray = ((1 - t) ** 2 * np.array([x1, y1]) + 2 * (1 - t) * t * np.array([cx, cy])
                       + t ** 2 * np.array([x2, y2]))
    return out


def _table(obstacles: Sequence[Obstacle]) -> np.ndarray:
    return np.array([(ob.x, ob.y, ob.half_w, ob.half_h, ob.disc) for ob in obstacles],
                    dtype=float).reshape(-1, 5)


def _distances(points: np.ndarray, obstacles: Sequence[Obstacle] | np.ndarray) -> np.ndarray:
    """Distance from every point to every obstacle's edge, shape (points, obstacles)."""
    o = obstacles if isinstance(obstacles, np.ndarray) else _table(obstacles)
    if not len(o):
        return np.full((len(points), 1), np.inf)
    dx = np.abs(points[:, 0:1] - o[:, 0])
    dy = np.abs(points[:, 1:2] - o[:, 1])
    disc = np.hypot(dx, dy) - o[:, 2]
    box = np.hypot(np.maximum(dx - o[:, 2], 0.0), np.maximum(dy - o[:, 3], 0.0))
    out: np.ndarray = np.where(o[:, 4] > 0, disc, box)
    return out


def clearance(points: Iterable[Point], obstacles: Iterable[Obstacle]) -> float:
    """The smallest distance between the points and any of the obstacles."""
    pts = np.array(list(points), dtype=float).reshape(-1, 2)
    obs = list(obstacles)
    if not len(pts) or not obs:
        return math.inf
    return float(_distances(pts, obs).min())


def route(a: Point, b: Point, obstacles: Sequence[Obstacle], *, cut_a: float, cut_b: float,
          margin: float, taken: Iterable[float] = (), spacing: float = 0.11
          ) -> tuple[float, float]:
    """The gentlest bend from ``a`` to ``b`` that keeps ``margin`` from every obstacle.

    ``cut_a`` and ``cut_b`` are how far short of ``a`` and ``b`` the drawn line stops (arrows
    end at the edge of their nodes). ``taken`` holds the bends already used between the same
    two points (in the same direction), which a new curve keeps ``spacing`` away from, so
    parallel ties stay apart. Returns ``(rad, clearance)``; when no bend keeps the margin, the
    one with the most room.
    """
    taken = tuple(taken)
    obs = _table(list(obstacles))
    pa, pb = np.array(a, dtype=float), np.array(b, dtype=float)
    best: tuple[float, float] | None = None
    for rad in RADS:
        if any(abs(rad - t) < spacing for t in taken):
            continue
        pts = _arc(a, b, rad)
        drawn = pts[(np.hypot(*(pts - pa).T) >= cut_a) & (np.hypot(*(pts - pb).T) >= cut_b)]
        room = float(_distances(drawn, obs).min()) if len(drawn) and len(obs) else math.inf
        if room >= margin:
            return rad, room
        if best is None or room > best[1]:
            best = (rad, room)
    return best if best is not None else (0.0, -math.inf)
