"""Figures a notebook has shown before, kept on disk: a later run shows them without matplotlib.

In a lesson, loading matplotlib and drawing take most of a figure cell's time, more than a
second for the first figure of a kernel, and most of a lesson's run beyond starting Python. A
figure is a pure function of the article's files, the call's arguments and the code that
draws it. So, in a notebook (an IPython session), the figure functions of :mod:`geokit.plots`
return a :class:`KeptFigure`: the first time a call is shown, its display (SVG, the ``<img>``
with alt text, the plain text) is kept beside the checked articles
(:mod:`geokit.data.diskcache`, ``GEOKIT_CACHE=off`` turns it off); the next time the same call
is made on the same files, by any later kernel, the kept display is shown as it is and
matplotlib is not loaded at all.

The key covers everything the drawing depends on: the function and its arguments, every file of
the article (size and modification time), geokit's own code and data files, and the installed
matplotlib and NumPy. A call that cannot be keyed (drawing into the caller's ``ax``, an
article built or changed in memory, an argument that is not plain data) is drawn as before.

Anything asked of a :class:`KeptFigure` beyond showing itself (``fig.axes``, ``fig.savefig``,
``fig.figure``) draws the matplotlib Figure and passes the request on; a figure that has been
asked for is shown as it now is, never from the kept display, and is never kept. Outside
IPython (scripts, tests, the command line) the functions return the Figure itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import importlib.util
import inspect
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from geokit.data import diskcache
from geokit.data.loader import article_state

__all__ = ["KeptFigure", "kept_function"]

#: argument values whose repr says all there is to say about them
_PLAIN = (str, int, float, bool, type(None), dt.date)

#: what a KeptFigure carries besides its display (what geokit.plots.alt_text etc. read)
_META = ("geokit_alt_text", "geokit_data", "geokit_title", "geokit_name")


def _in_notebook() -> bool:
    """True inside an IPython session (a Jupyter kernel, Voila, the IPython shell)."""
    ipython = sys.modules.get("IPython")
    return ipython is not None and ipython.get_ipython() is not None


def _plain(value: object) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return isinstance(value, _PLAIN)


def _version_state(package: str) -> tuple[str, int, int] | None:
    """Where an installed package is, and its version file's size and time (not imported)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    for name in ("_version.py", "version.py", "__init__.py"):
        with_version = folder / name
        if with_version.is_file():
            st = with_version.stat()
            return str(with_version), st.st_mtime_ns, st.st_size
    return None


@cache
def _drawing_state() -> tuple[object, ...]:
    """geokit's code and shipped data files, matplotlib and NumPy: all a drawing depends on
    besides the article and the call. Computed once a process (they do not change under it)."""
    from geokit.data import paths

    root = Path(__file__).resolve().parent.parent  # the geokit package
    files = sorted(root.rglob("*.py"))
    with contextlib.suppress(FileNotFoundError):  # the regional map says so when it draws
        files.append(paths.geo_file(paths.BORDERS_FILE))
    out: list[object] = []
    for p in files:
        st = p.stat()
        out.append((str(p), st.st_mtime_ns, st.st_size))
    out += [_version_state("matplotlib"), _version_state("numpy")]
    return tuple(out)


def _call_key(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any] | None:
    """(what, state) for a figure call that can be kept, else None."""
    if not args and "article" not in kwargs:
        return None
    article, rest = (args[0], args[1:]) if args else (kwargs["article"], ())
    options = {k: v for k, v in kwargs.items() if k != "article"}
    if options.get("ax") is not None or not _plain(rest) or not _plain(list(options.values())):
        return None
    where = article_state(article)
    if where is None:
        return None
    folder, files = where
    what = (name, folder, repr(rest), repr(sorted(options.items())))
    return what, (files, _drawing_state())


class KeptFigure:
    """A geokit figure in a notebook: shows the display kept from an earlier run, or draws.

    ``alt_text(fig)`` and ``figure_data(fig)`` work on it as on a Figure. Any other attribute
    (``fig.axes``, ``fig.savefig(...)``) is the matplotlib Figure's, drawn on first use;
    ``fig.figure`` is that Figure itself.
    """

    def __init__(self, draw: Callable[[], Any], *, figure: Any = None,
                 kept: dict[str, Any] | None = None, key: tuple[Any, Any] | None = None) -> None:
        self._draw = draw
        self._figure = figure  # drawn, and not yet handed out: the kept display still holds
        self._handed_out = False
        self._key = key
        if kept is not None:
            self._bundle: dict[str, str] | None = kept["bundle"]
            meta = kept["meta"]
        else:
            self._bundle = None
            meta = {k: getattr(figure, k, None) for k in _META}
        for k in _META:
            setattr(self, k, meta[k])

    @property
    def figure(self) -> Any:
        """The matplotlib Figure (drawn now if it was shown from the kept display)."""
        if self._figure is None:
            self._figure = self._draw()
        self._handed_out = True  # it may change from here on: show it as it is
        return self._figure

    def __getattr__(self, name: str) -> Any:
        # only public names pass on: IPython probes private and dunder ones (its display
        # canary among them), and a probe must not draw the figure
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.figure, name)

    def __repr__(self) -> str:
        return f"<geokit figure {self.geokit_name!r}: {self.geokit_title}>"  # type: ignore[attr-defined]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if self._handed_out:
            display(self._figure.display_bundle(), raw=True)  # type: ignore[no-untyped-call]
            return
        if self._bundle is None:
            self._bundle = self._figure.display_bundle()
            if self._key is not None:
                meta = {k: getattr(self, k) for k in _META}
                diskcache.store(*self._key, {"bundle": self._bundle, "meta": meta},
                                prefix="figure")
        display(self._bundle, raw=True)  # type: ignore[no-untyped-call]


class _KeptFunction:
    """``geokit.plots.<figure>``: the drawing function, kept-display aware in a notebook.

    Its signature, docstring and source are the drawing function's (for ``?``, Shift-Tab and
    :func:`inspect.signature`), read when asked for, so that naming the function does not load
    matplotlib.
    """

    def __init__(self, name: str, module: str) -> None:
        self.__name__ = self.__qualname__ = name
        self._module = module

    @property
    def __wrapped__(self) -> Callable[..., Any]:
        fn: Callable[..., Any] = getattr(importlib.import_module(self._module), self.__name__)
        return fn

    @property
    def __signature__(self) -> inspect.Signature:
        return inspect.signature(self.__wrapped__)

    @property
    def __doc__(self) -> str | None:  # type: ignore[override]
        return self.__wrapped__.__doc__

    def __repr__(self) -> str:
        return f"<function geokit.plots.{self.__name__}>"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not _in_notebook() or diskcache.cache_dir() is None:
            return self.__wrapped__(*args, **kwargs)
        key = _call_key(self.__name__, args, kwargs)

        def draw() -> Any:
            return self.__wrapped__(*args, **kwargs)

        if key is not None:
            kept = diskcache.fetch(*key, dict, prefix="figure")
            if kept is not None and {"bundle", "meta"} <= kept.keys():
                return KeptFigure(draw, kept=kept, key=key)
        figure = draw()
        if not hasattr(figure, "display_bundle"):  # drawn into the caller's own figure
            return figure
        return KeptFigure(draw, figure=figure, key=key)


@cache
def kept_function(name: str, module: str) -> _KeptFunction:
    """The one ``geokit.plots.<name>`` for the drawing function ``name`` of ``module``."""
    return _KeptFunction(name, module)

