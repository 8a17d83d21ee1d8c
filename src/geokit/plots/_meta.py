"""What a geokit figure carries besides its pixels: alt text and the structured summary it was
drawn from. Light on purpose: nothing here imports matplotlib."""

from __future__ import annotations

from typing import Any

__all__ = ["alt_text", "figure_data"]


def _holder(obj: Any) -> Any:
    """The Figure (or Axes) that carries geokit's attributes; an Axes or a widget with a
    ``figure`` attribute leads to its figure."""
    if getattr(obj, "geokit_alt_text", None) is not None:
        return obj
    fig = getattr(obj, "figure", None)
    return fig if fig is not None else obj


def alt_text(fig: Any) -> str:
    """The one-paragraph description of a figure drawn by :mod:`geokit.plots`.

    Pass the Figure a plot function returned (or one of its Axes). The text is computed from the
    data the figure shows: counts, names, paragraphs, and what is left out.

    Raises
    ------
    LookupError
        For a figure geokit did not draw.
    """
    text = getattr(_holder(fig), "geokit_alt_text", None)
    if not text:
        raise LookupError(f"{type(fig).__name__} was not drawn by geokit.plots; it has no alt text")
    return str(text)


def figure_data(fig: Any) -> dict[str, Any]:
    """The structured summary (plain dicts and lists) a geokit figure was drawn from.

    The drawing code reads its positions, styles and labels from this summary, so tests and
    lessons can ask *what* a figure shows without reading pixels.
    """
    data = getattr(_holder(fig), "geokit_data", None)
    if data is None:
        raise LookupError(f"{type(fig).__name__} was not drawn by geokit.plots; it has no data")
    return dict(data)
