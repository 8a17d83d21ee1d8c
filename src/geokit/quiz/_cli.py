"""`geokit quiz ...` subcommands (registered by geokit.cli)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("quiz", help="question banks: import jupyterquiz banks",
                       description="Work with question banks.")
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
