"""The figures by name, for the CLI and the lessons; light (no matplotlib)."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["FIGURES", "FigureSpec"]


class FigureSpec(NamedTuple):
    module: str
    function: str
    description: str


#: name -> where the function lives and what the figure shows (one line, for --list)
FIGURES: dict[str, FigureSpec] = {
    "network": FigureSpec("geokit.plots.network", "actor_network",
                          "actors as nodes by kind; relations and shared events as typed edges"),
    "timeline": FigureSpec("geokit.plots.timelines", "timeline",
                           "every dated event up to October 2012, with a zoom on the last "
                           "months; spans for month-only dates"),
    "interests": FigureSpec("geokit.plots.interests", "interest_matrix",
                            "actors by topics: stances, convergence and divergence; blank where "
                            "the article is silent"),
    "argument": FigureSpec("geokit.plots.arguments", "argument_map",
                           "the balance-of-power argument as a tree of claim, premises, "
                           "objections and limits"),
    "map": FigureSpec("geokit.plots.regional", "regional_map",
                      "Natural Earth borders, Kashmir marked disputed; the states the article "
                      "names at their capitals; projects as schematic routes and sites"),
}
