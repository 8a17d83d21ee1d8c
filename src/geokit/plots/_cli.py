"""`geokit figure ...` (registered by geokit.cli)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("figure", help="write a figure for slides",
                       description="Write a lesson figure to PNG, SVG or PDF.")
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
