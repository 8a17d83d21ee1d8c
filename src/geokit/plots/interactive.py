"""Interactive variants for the lessons: ipywidgets controls that redraw a figure.

ipywidgets is imported inside the functions, never with this module. Each explorer is a
``VBox`` (controls above, an ``Output`` below that holds the figure as an ``<img>`` with its alt
text) and has a readable ``text/plain`` repr, so nbval, GitHub and nbviewer show a sentence
rather than a widget model id.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Callable
from functools import cache
from typing import Any

from geokit.data.model import Article
from geokit.data.text import plural
from geokit.plots._common import (
    as_article,
)

__all__ = ["interactive_network", "interactive_timeline"]


@cache
def _explorer_class() -> type:
    import ipywidgets as w

    class FigureExplorer(w.VBox):  # type: ignore[misc]
        """Controls and the figure they redraw; ``.figure`` is the latest Figure."""

        def __init__(self, title: str, controls: list[Any],
                     draw: Callable[[], Any], describe: Callable[[], str]) -> None:
            self.output = w.Output()
            self.figure: Any = None
            self.redraws = 0
            self.error: str | None = None
            self._title = title
            self._draw = draw
            self._describe = describe
            super().__init__([w.HTML(f"<b>{html.escape(title)}</b>"),
                              w.HBox(controls, layout=w.Layout(flex_flow="row wrap")),
                              self.output])
            for c in controls:
                for widget in getattr(c, "children", None) or (c,):
                    widget.observe(lambda _change: self.redraw(), names="value")
            self.redraw()

        def redraw(self) -> None:
            import importlib

            ipd: Any = importlib.import_module("IPython.display")  # untyped
            HTML, display = ipd.HTML, ipd.display

            try:
                fig = self._draw()
                self.error = None
            except (LookupError, ValueError) as exc:
                fig, self.error = None, str(exc)
            self.redraws += 1
            self.output.clear_output(wait=True)
            with self.output:
                if fig is None:
                    display(HTML(f"<p>{html.escape(self.error or '')}</p>"))
                    return
                self.figure = fig
                display(fig)  # the figure's own display: one SVG <img> carrying its alt text

        def __repr__(self) -> str:
            return f"{self._title}: {self._describe()}"

        def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
            data = super()._repr_mimebundle_(**kwargs) or {}
            data["text/plain"] = repr(self)  # whole sentence, not cut at 110 characters
            return data

    return FigureExplorer


def interactive_network(article: Article | str | os.PathLike[str]) -> Any:
    """The actor network with checkboxes for actor kinds, a paragraph range and a highlight.

    Returns an ipywidgets ``VBox``; ``.figure`` is the figure currently shown.
    """
    import ipywidgets as w

    from geokit.plots.network import KIND_STYLE, actor_network

    art = as_article(article)
    present = [k for k in KIND_STYLE if any(a.kind == k for a in art.actors)]
    boxes = {k: w.Checkbox(value=True, description=KIND_STYLE[k]["label"], indent=False,
                           layout=w.Layout(width="auto")) for k in present}
    n = len(art.paragraphs)
    paras = w.IntRangeSlider(value=(1, n), min=1, max=n, step=1, description="¶",
                             continuous_update=False)
    people = sorted(((a.name, a.id) for a in art.actors), key=lambda t: t[0].casefold())
    options: list[tuple[str, str | None]] = [("(nobody)", None), *people]
    who = w.Dropdown(options=options, value=None, description="Highlight")

    def draw() -> Any:
        kinds = [k for k, b in boxes.items() if b.value]
        return actor_network(art, kinds=kinds, paragraphs=tuple(paras.value),
                             highlight=who.value)

    def describe() -> str:
        kinds = [KIND_STYLE[k]["label"] for k, b in boxes.items() if b.value]
        lo, hi = paras.value
        return (f"“{art.meta.title}”, {plural(len(art.actors), 'actor')}; showing "
                f"{', '.join(kinds) or 'no kind'} in ¶{lo}–¶{hi}"
                + (f", highlighting {who.label}" if who.value else "")
                + ". Controls: actor kinds, paragraph range, highlight (run the notebook to "
                  "use them).")

    cls = _explorer_class()
    return cls("Actor network", [w.HBox(list(boxes.values())), paras, who], draw, describe)


def interactive_timeline(article: Article | str | os.PathLike[str]) -> Any:
    """The timeline with a month-range slider. Returns an ipywidgets ``VBox``."""
    import ipywidgets as w

    from geokit.data.dates import date_bounds
    from geokit.plots.timelines import timeline

    art = as_article(article)
    dated = [date_bounds(e.date.value) for e in art.events if e.date.value]
    published = dt.date.fromisoformat(art.meta.published)
    first = min((lo for lo, _ in dated), default=published)
    last = max([hi for _, hi in dated] + [published])
    months = []
    m = first.year * 12 + first.month - 1
    while m <= last.year * 12 + last.month - 1:
        d = dt.date(m // 12, m % 12 + 1, 1)
        months.append((d.strftime("%b %Y"), d.strftime("%Y-%m")))
        m += 1
    rng = w.SelectionRangeSlider(options=months, index=(0, len(months) - 1),
                                 description="Months", continuous_update=False,
                                 layout=w.Layout(width="90%"))

    def draw() -> Any:
        lo, hi = rng.value
        return timeline(art, start=lo, end=hi)

    def describe() -> str:
        lo, hi = rng.label
        n = sum(1 for e in art.events if e.date.value)
        return (f"“{art.meta.title}”, {plural(n, 'dated event')}; showing {lo} to {hi}. "
                "Control: month range (run the notebook to use it).")

    cls = _explorer_class()
    return cls("Timeline", [rng], draw, describe)
