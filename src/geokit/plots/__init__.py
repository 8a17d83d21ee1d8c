"""Figures for the lessons and for slides: actor network, timeline, interest matrix, argument
map and regional map, each with alt text, plus interactive variants for Jupyter.

matplotlib is imported only when a figure is drawn and ipywidgets only when an interactive
variant is built: ``import geokit.plots`` itself is light. In a notebook, a figure call that was
shown before (same call, same article files, same geokit) is shown again from disk without
loading matplotlib; see :mod:`geokit.plots._kept`.

>>> import geokit.plots as gp
>>> fig = gp.timeline("pakistan-russia-2012")
>>> gp.alt_text(fig).startswith("Timeline")
True
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

from geokit.plots._meta import alt_text, figure_data
from geokit.plots._registry import FIGURES

if TYPE_CHECKING:  # pragma: no cover
    from geokit.plots._common import save_figure
    from geokit.plots.arguments import argument_map
    from geokit.plots.interactive import interactive_network, interactive_timeline
    from geokit.plots.interests import interest_matrix
    from geokit.plots.network import actor_network
    from geokit.plots.regional import regional_map
    from geokit.plots.timelines import timeline

__all__ = [
    "FIGURES",
    "actor_network",
    "alt_text",
    "argument_map",
    "figure_data",
    "interactive_network",
    "interactive_timeline",
    "interest_matrix",
    "regional_map",
    "save_figure",
    "timeline",
]

_LAZY = {
    "actor_network": ".network",
    "timeline": ".timelines",
    "interest_matrix": ".interests",
    "argument_map": ".arguments",
    "regional_map": ".regional",
    "interactive_network": ".interactive",
    "interactive_timeline": ".interactive",
    "save_figure": "._common",
}


def _load(module: str) -> ModuleType:
    """Import a figure module on first use; the first one also brings in matplotlib.

    Nothing process-wide is changed on the way (no backend, no rcParams, no garbage-collector
    settings): a library leaves those to the notebook it runs in.
    """
    return importlib.import_module(module, __name__)


#: the figure functions: in a notebook, a call shown before is shown again without drawing
_DRAWINGS = {"actor_network", "timeline", "interest_matrix", "argument_map", "regional_map"}


def __getattr__(name: str) -> Any:
    # The figure modules import matplotlib; load each on first use, not with the package.
    if name in _DRAWINGS:
        from geokit.plots._kept import kept_function

        return kept_function(name, __name__ + _LAZY[name])
    if name in _LAZY:
        return getattr(_load(_LAZY[name]), name)
    raise AttributeError(f"module 'geokit.plots' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
