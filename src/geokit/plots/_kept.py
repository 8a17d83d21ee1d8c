"""Figures a notebook has shown before, kept on disk: a later run shows them without matplotlib.

In a lesson, loading matplotlib and drawing take most of a figure cell's time, more than a
second for the first figure of a kernel, and most of a lesson's run beyond starting Python. A
figure is a pure function of the article's files, the call's arguments and the code that
draws it. So, in a notebook (a Jupyter kernel), the figure functions of :mod:`geokit.plots`
return a :class:`KeptFigure`: the first time a call is shown, its display (SVG, the ``<img>``
with alt text, the plain text) is kept beside the checked articles
(:mod:`geokit.data.diskcache`, ``GEOKIT_CACHE=off`` turns it off); the next time the same call
is made on the same files, by any later kernel, the kept display is shown as it is and
matplotlib is not loaded at all.

The key covers everything the drawing depends on: the function and its arguments, every file of
the article (size and modification time), geokit's code, the borders file, the installed
matplotlib and NumPy, and the locale's month names (the pinned style covers rcParams; dates are
labelled in UTC). A call that cannot be keyed (drawing into the caller's ``ax``, an article
built or changed in memory, an argument that is not plain data) returns the Figure, drawn as
before.

Anything asked of a :class:`KeptFigure` beyond showing itself and its alt text and data
(``fig.axes``, ``fig.savefig``, setting an attribute, a copy) draws the matplotlib Figure and
passes the request on; from then on it is shown as it now is, and nothing more is kept from it.
``fig.figure`` is the Figure itself, for code that checks the type (``plt.close``, ``PdfPages``).
Outside a Jupyter kernel (scripts, ``%run`` in a terminal IPython, tests, the command line) the
functions return the Figure itself.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import importlib
import importlib.util
import inspect
import locale
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geokit.data import diskcache
from geokit.data.loader import article_state, load_article

__all__ = ["KeptFigure", "kept_function"]

#: argument values whose repr says all there is to say about them
_PLAIN = (str, int, float, bool, type(None), dt.date)

#: figures kept at most (the newest): the lessons show seven; a date slider may ask for many
KEEP_AT_MOST = 64

#: what a KeptFigure carries besides its display (what geokit.plots.alt_text etc. read)
_META = ("geokit_alt_text", "geokit_data", "geokit_title", "geokit_name")


def _in_notebook() -> bool:
    """True in a Jupyter kernel (JupyterLab, Voila, nbclient); not in a terminal IPython shell,
    nor under ``%run`` or ``ipython script.py`` there, where a script expects a Figure."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and getattr(shell, "kernel", None) is not None


def _loaded(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[tuple[Any, ...],
                                                                     dict[str, Any]]:
    """The call with an article id or folder replaced by the loaded Article, so that a figure
    drawn later from a kept one draws what was kept: the article as it was at the call."""
    if args and isinstance(args[0], (str, os.PathLike)):
        return (load_article(args[0]), *args[1:]), kwargs
    if isinstance(kwargs.get("article"), (str, os.PathLike)):
        return args, {**kwargs, "article": load_article(kwargs["article"])}
    return args, kwargs


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
        with contextlib.suppress(OSError):
            st = (folder / name).stat()
            return str(folder / name), st.st_mtime_ns, st.st_size
    return None


def _file_state(path: Path) -> tuple[str, int, int] | None:
    try:
        st = path.stat()
    except OSError:  # an editor's lock file, a file removed as we look: not part of geokit
        return None
    return str(path), st.st_mtime_ns, st.st_size


@functools.cache
def _code_state() -> tuple[object, ...]:
    """geokit's code, matplotlib and NumPy: they do not change under a running process."""
    root = Path(__file__).resolve().parent.parent  # the geokit package
    files = [p for p in sorted(root.rglob("*.py")) if not p.name.startswith(".")]
    return (*map(_file_state, files), _version_state("matplotlib"), _version_state("numpy"))


def _drawing_state() -> tuple[object, ...]:
    """All a drawing depends on besides the article and the call: geokit's code, the borders
    file in use (``GEOKIT_DATA`` and the folder decide which), matplotlib and NumPy, and the
    locale month names are written in."""
    from geokit.data import paths

    try:
        borders = _file_state(paths.geo_file(paths.BORDERS_FILE))
    except FileNotFoundError:  # the regional map says so when it draws
        borders = None
    return _code_state(), borders, locale.setlocale(locale.LC_TIME)  # a query: changes nothing


def _call_key(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any] | None:
    """(what, state) for a figure call that can be kept, else None (the call is drawn)."""
    if args and "article" in kwargs:  # the function will say what is wrong
        return None
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


def _figure_class() -> type:
    from matplotlib.figure import Figure

    return Figure


def _same(obj: Any) -> Any:
    """What a pickled KeptFigure is unpickled with: its Figure, as it was pickled."""
    return obj


def _meta_property(name: str) -> Any:
    """One of the attributes :mod:`geokit.plots._meta` reads: as drawn by the call while the
    kept display holds, the Figure's own once the Figure has been handed out."""

    def get(self: KeptFigure) -> Any:
        if self._handed_out:
            return getattr(self._figure, name, None)
        return copy.deepcopy(self._meta[name])  # what a cell does to it is not kept

    return property(get, doc=f"The figure's ``{name}``.")


class KeptFigure:
    """A geokit figure in a notebook: shows the display kept from an earlier run, or draws.

    ``alt_text(fig)`` and ``figure_data(fig)`` work on it as on a Figure. Anything else asked
    of it (``fig.axes``, ``fig.savefig(...)``, setting an attribute, a copy, a pickle) goes to
    the matplotlib Figure, drawn then if it was not yet; from then on the figure is shown as it
    is, never from the kept display. ``fig.figure`` is the Figure itself, for code that needs a
    real one (``isinstance``, ``plt.close``, ``PdfPages``).
    """

    #: names that tools ask every object for (IPython's ``?`` asks for ``getdoc``): answering
    #: them must not draw the figure
    _PROBES = frozenset({"getdoc", "trait_names"})

    _draw: Callable[[], Any]
    _meta: dict[str, Any]
    _figure: Any
    _bundle: dict[str, str] | None
    _key: tuple[Any, Any]
    _handed_out: bool

    def __init__(self, draw: Callable[[], Any], meta: dict[str, Any], *, figure: Any = None,
                 bundle: dict[str, str] | None = None, key: tuple[Any, Any]) -> None:
        object.__setattr__(self, "_draw", draw)
        object.__setattr__(self, "_meta", meta)  # as drawn by the call, never changed
        object.__setattr__(self, "_figure", figure)
        object.__setattr__(self, "_bundle", bundle)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_handed_out", False)

    @property
    def figure(self) -> Any:
        """The matplotlib Figure (drawn now if it was shown from the kept display)."""
        if self._figure is None:
            object.__setattr__(self, "_figure", self._draw())
        object.__setattr__(self, "_handed_out", True)  # it may change from here on
        return self._figure

    geokit_alt_text = _meta_property("geokit_alt_text")
    geokit_data = _meta_property("geokit_data")
    geokit_title = _meta_property("geokit_title")
    geokit_name = _meta_property("geokit_name")

    def __getattr__(self, name: str) -> Any:
        # Public names pass on. IPython probes private and dunder ones (its display canary
        # among them), and a probe must not draw the figure: private names pass on only once
        # the Figure is out, dunder names never.
        if name.startswith("__") or name in self._PROBES or (
            name.startswith("_") and not self.__dict__.get("_handed_out")
        ):
            raise AttributeError(name)
        return getattr(self.figure, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.figure, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self.figure, name)

    def __dir__(self) -> list[str]:
        names = set(dir(type(self))) | set(dir(_figure_class()))  # imports, does not draw
        if self._figure is not None:
            names |= set(vars(self._figure))
        return sorted(n for n in names if not n.startswith("_"))

    def __copy__(self) -> Any:
        return copy.copy(self.figure)

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return copy.deepcopy(self.figure, memo)

    def __reduce_ex__(self, protocol: Any) -> Any:  # a pickle holds the Figure
        return _same, (self.figure,)

    def __repr__(self) -> str:
        return f"<geokit figure {self.geokit_name!r}: {self.geokit_title}>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if self._handed_out:
            display(self._figure.display_bundle(), raw=True)  # type: ignore[no-untyped-call]
            return
        if self._bundle is None:
            object.__setattr__(self, "_bundle", self._figure.display_bundle())
            diskcache.store(*self._key, {"bundle": self._bundle, "meta": self._meta},
                            prefix="figure", keep_at_most=KEEP_AT_MOST)
        display(self._bundle, raw=True)  # type: ignore[no-untyped-call]


class _KeptFunction:
    """``geokit.plots.<figure>``: the drawing function, kept-display aware in a notebook.

    Its signature, docstring and source are the drawing function's (for ``?``, Shift-Tab,
    :func:`help` and :func:`inspect.signature`), read when asked for, so that naming the
    function does not load matplotlib.
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

    def __get__(self, obj: object, owner: type | None = None) -> _KeptFunction:
        # a function is a descriptor too; being one makes pydoc (help()) document this as a
        # routine, with its signature, rather than as a value
        return self

    def __repr__(self) -> str:
        return f"<function geokit.plots.{self.__name__}>"

    def _draw(self, *args: Any, **kwargs: Any) -> Any:
        return self.__wrapped__(*args, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not _in_notebook() or diskcache.cache_dir() is None:
            return self._draw(*args, **kwargs)
        try:
            args, kwargs = _loaded(args, kwargs)
            key = _call_key(self.__name__, args, kwargs)
        except Exception:  # an unknown article, say: the drawing function says what is wrong
            key = None
        draw = functools.partial(self._draw, *args, **kwargs)  # loads matplotlib when called
        if key is None:
            return draw()
        kept = diskcache.fetch(*key, dict, prefix="figure")
        if kept is not None and {"bundle", "meta"} <= kept.keys():
            return KeptFigure(draw, kept["meta"], bundle=kept["bundle"], key=key)
        figure = draw()
        if not hasattr(figure, "display_bundle"):
            return figure
        # a copy: what a cell does to the Figure's own summary before showing it is not kept
        meta = copy.deepcopy({k: getattr(figure, k, None) for k in _META})
        return KeptFigure(draw, meta, figure=figure, key=key)


@functools.cache
def kept_function(name: str, module: str) -> _KeptFunction:
    """The one ``geokit.plots.<name>`` for the drawing function ``name`` of ``module``."""
    return _KeptFunction(name, module)
