"""Shared drawing helpers: the pinned style, the palette, figure creation, saving, metadata.

Imported only by the figure modules, so matplotlib loads when a figure is asked for, never on
``import geokit``. Nothing here changes global state: the style applies inside a context manager.
"""

from __future__ import annotations

import contextlib
import functools
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.style
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from geokit.data.loader import load_article
from geokit.data.model import Article

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
#: deficiency. Every colour use below is paired with a non-colour cue (marker, line style, word).
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#8C8C8C",
}

#: The style every geokit figure is drawn in, whatever the user's rcParams: readable from the
#: back of a classroom (12 pt body at 100 dpi) and byte-stable output (fixed SVG hash salt,
#: DejaVu Sans, which ships with matplotlib).
STYLE: dict[str, Any] = {
    # measured in DejaVu Sans; an SVG names it first and falls back to the viewer's sans-serif
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 12,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.titlepad": 10,
    "axes.titley": 1.0,  # fixed: no tick labels sit above an axes, so skip the search for them
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 10.5,
    "legend.title_fontsize": 11,
    "legend.frameon": True,
    "legend.framealpha": 0.95,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "svg.hashsalt": "geokit",
    # text stays text in SVG: a quarter of the size of glyph outlines and about half the time
    # to write, and wide Jupyter and browser support; PNG and PDF keep the font itself
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "hatch.linewidth": 1.0,
}

#: Metadata that would otherwise make two saves of one figure differ (dates, versions).
_STABLE_META = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Draw (or save) in geokit's pinned style; the caller's rcParams come back afterwards."""
    with mpl.style.context(["default", STYLE]):
        yield


def as_article(article: Article | str | os.PathLike[str]) -> Article:
    """Accept an Article, a bundled id or an article folder."""
    return article if isinstance(article, Article) else load_article(article)


#: where a figure's own axes go: nearly the whole canvas, title above, caption below
AXES_RECT = (0.015, 0.075, 0.97, 0.85)


class GeokitFigure(Figure):
    """A matplotlib Figure that shows itself in Jupyter once, as SVG, with its alt text beside it.

    The inline backend draws every figure twice (``bbox_inches="tight"`` measures with a full
    draw), which costs a lesson a noticeable part of its run time; geokit's layouts already fit
    the page, so one draw is enough. ``_ipython_display_`` is what IPython asks first. The
    drawing is SVG: it takes about 0.6 of the time of a PNG at 100 dpi (text dominates both)
    and stays sharp on a projector or when zoomed. The ``text/html`` part is the image with its
    alt text (JupyterLab shows a bare image without one), and ``text/plain`` carries title and
    alt text for nbval and terminals. Slides and handouts take files from :func:`save_figure`.
    """

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.display_bundle(), raw=True)  # type: ignore[no-untyped-call]

    def display_bundle(self) -> dict[str, str]:
        """What a notebook shows for this figure: SVG, an ``<img>`` with its alt text, and text."""
        import base64
        import html
        import io

        buf = io.BytesIO()
        alt = getattr(self, "geokit_alt_text", "")
        title = getattr(self, "geokit_title", "") or "geokit figure"
        with style():  # as save_figure: the pinned style, and stable ids in a saved notebook
            self.savefig(buf, format="svg", metadata={"Title": title, "Date": None})
        svg = buf.getvalue()
        uri = base64.b64encode(svg).decode("ascii")
        # text/html ranks above the image types in JupyterLab and nbviewer: an <img> with the
        # alt text is what makes the description reach a screen reader there
        return {"image/svg+xml": svg.decode("utf-8"),
                "text/html": f'<img src="data:image/svg+xml;base64,{uri}" '
                             f'alt="{html.escape(alt or title, quote=True)}" '
                             'style="max-width: 100%; height: auto;">',
                "text/plain": f"<{title}>" + (f"\nAlt text: {alt}" if alt else "")}


def new_axes(ax: Axes | None, figsize: tuple[float, float],
             rect: tuple[float, float, float, float] = AXES_RECT) -> tuple[Figure, Axes, bool]:
    """The caller's axes, or a new figure of ``figsize`` inches; the flag says it is new.

    A new figure is a plain :class:`GeokitFigure`, not a pyplot one: it shows itself in a
    notebook, as the function's return value, and pyplot (with the inline backend it would set
    up) is never loaded, nor keeps a reference to it.
    """
    if ax is not None:
        fig: Any = ax.figure
        return getattr(fig, "figure", fig), ax, False  # a SubFigure's .figure is the root
    fig = GeokitFigure(figsize=figsize, dpi=100)
    return fig, fig.add_axes(rect), True


def axes_inches(ax: Axes) -> tuple[float, float]:
    """The axes' width and height in inches (layouts reason in inches, not fractions)."""
    fig: Any = ax.figure
    root = getattr(fig, "figure", fig)  # a SubFigure's .figure is its root figure
    box = ax.get_position()
    return box.width * root.get_figwidth(), box.height * root.get_figheight()


def attach(fig: Figure, ax: Axes, name: str, data: dict[str, Any], alt: str) -> Figure:
    """Store alt text, the structured summary and the title on the axes and the figure.

    Every figure function ends with ``return attach(...)``.
    """
    ax.geokit_alt_text = alt  # type: ignore[attr-defined]
    ax.geokit_data = data  # type: ignore[attr-defined]
    parts = getattr(fig, "_geokit_parts", [])
    parts = [p for p in parts if p[0] is not ax] + [(ax, name, data, alt)]
    fig._geokit_parts = parts  # type: ignore[attr-defined]
    fig.geokit_alt_text = " ".join(p[3] for p in parts)  # type: ignore[attr-defined]
    fig.geokit_data = data  # type: ignore[attr-defined]
    fig.geokit_name = name  # type: ignore[attr-defined]
    fig.geokit_title = ax.get_title(loc="left")  # type: ignore[attr-defined]
    return fig


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: float | None = None) -> Path:
    """Save a figure to PNG, SVG or PDF with stable bytes and its alt text embedded.

    The same figure always gives the same file: no dates, no tool versions, a fixed SVG hash
    salt. The alt text goes into the file's description (PNG ``Description``, SVG
    ``Description``, PDF ``Subject``) so slides keep it.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in _STABLE_META:
        raise ValueError(f"cannot write {path.name!r}: use a .png, .svg or .pdf file name")
    meta: dict[str, Any] = dict(_STABLE_META[fmt])
    alt = getattr(fig, "geokit_alt_text", "")
    title = getattr(fig, "geokit_title", "")
    if fmt == "pdf":
        meta.update({"Subject": alt, "Title": title})
    else:
        meta.update({"Description": alt, "Title": title})
    with style():
        fig.savefig(path, format=fmt, metadata=meta, dpi=dpi or fig.dpi)
    return path


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


#: room kept free at the figure's right edge by :func:`caption`, in points
CAPTION_MARGIN_PT = 9.0


@functools.lru_cache(maxsize=4096)
def text_width_pt(text: str, size: float) -> float:
    """The width of one line of ``text`` in DejaVu Sans at ``size`` points, in points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(family=STYLE["font.family"], size=size)
    width, _, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
    return float(width)


def wrap_to_width(text: str, width_pt: float, size: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width_pt`` (a long word keeps its own line)."""
    space = text_width_pt("a a", size) - text_width_pt("aa", size)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split():
        w = text_width_pt(word, size)
        if line and used + space + w > width_pt:
            lines.append(" ".join(line))
            line, used = [], 0.0
        used += (space if line else 0.0) + w
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def caption(ax: Axes, y: float, text: str, *, fontsize: float = 9.5) -> Text:
    """A left-aligned note under the axes at axes height ``y``, wrapped at the figure's edge.

    Wrapped here rather than with matplotlib's ``wrap=True``, which measures the line again for
    every word it adds: that was a sixth of each figure's drawing time. Each word is measured
    once here (and remembered), and the lines break where matplotlib's would, give or take a
    word, since both stop at the figure's right edge.
    """
    fig: Any = ax.figure
    root = getattr(fig, "figure", fig)  # a SubFigure's .figure is its root figure
    left = ax.get_position().x0 * root.get_figwidth() * 72
    room = root.get_figwidth() * 72 - left - CAPTION_MARGIN_PT
    return ax.text(0.0, y, "\n".join(wrap_to_width(text, room, fontsize)),
                   transform=ax.transAxes, ha="left", va="top", fontsize=fontsize,
                   color="#333333")


def empty_message(ax: Axes, text: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=13, color="#444444",
            transform=ax.transAxes, wrap=True)


def short_title(article: Article, limit: int = 60) -> str:
    t = article.meta.title
    return t if len(t) <= limit else t[: limit - 1] + "…"
