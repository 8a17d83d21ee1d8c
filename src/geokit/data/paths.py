"""The one place that knows where the corpus lives.

Three places can hold it, and the first that exists wins:

1. ``$GEOKIT_DATA``, a folder holding ``articles/`` (and ``schema/``);
2. the ``data/`` folder of a geokit checkout that the current folder is inside, so that an
   instructor who edits ``data/articles/<id>/actors.yaml`` and runs ``geokit validate`` (or a
   lesson) sees the edited files, not an installed copy;
3. the copy inside the installed package (``geokit/_corpus``, put there by hatchling's
   force-include), or the checkout beside an editable install.

:func:`describe_root` says which one is in use, so a command can tell the user what it read.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = ["BORDERS_FILE", "ENV_DATA", "articles_root", "bundled_ids", "checkout_root", "data_root",
           "describe_root", "geo_file", "source_label"]

ENV_DATA = "GEOKIT_DATA"
#: the country borders the regional map draws (in ``data/geo/``)
BORDERS_FILE = "countries-50m.json"
_PACKAGE = Path(__file__).resolve().parent.parent  # geokit/


def checkout_root(start: Path | None = None) -> Path | None:
    """The geokit checkout that ``start`` (default: the current folder) is inside, if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if (folder / "data" / "articles").is_dir() and pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if 'name = "geokit"' in text:
                return folder
    return None


def _candidates() -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    env = os.environ.get(ENV_DATA)
    if env:
        found.append((Path(env), f"${ENV_DATA}"))
    checkout = checkout_root()
    if checkout is not None:
        found.append((checkout / "data", "the checkout"))
    found.append((_PACKAGE / "_corpus", "the installed package"))
    found.append((_PACKAGE.parent.parent / "data", "the source tree"))
    return found


@cache
def _root(cwd: str, env: str | None) -> tuple[Path, str]:
    tried = []
    for folder, label in _candidates():
        if (folder / "articles").is_dir():
            return folder, label
        tried.append(str(folder / "articles"))
    raise FileNotFoundError(
        "geokit cannot find its articles: looked in " + " and ".join(tried)
        + ". Reinstall geokit (pip install .) from a complete checkout."
    )


def data_root() -> Path:
    """The folder holding ``articles/`` and ``schema/`` (see the module docstring)."""
    return _root(os.getcwd(), os.environ.get(ENV_DATA))[0]


def describe_root() -> str:
    """Which copy of the corpus is in use, for messages: ``'the checkout (/x/data)'``."""
    folder, label = _root(os.getcwd(), os.environ.get(ENV_DATA))
    return f"{label} ({folder})"


def source_label() -> str:
    """Which copy of the corpus is in use, in words: ``'the checkout'``, ``'$GEOKIT_DATA'``..."""
    return _root(os.getcwd(), os.environ.get(ENV_DATA))[1]


def articles_root() -> Path:
    return data_root() / "articles"


def bundled_ids() -> list[str]:
    """Ids of the articles shipped with geokit (folder names that hold an article.yaml)."""
    return sorted(p.name for p in articles_root().iterdir() if (p / "article.yaml").is_file())


def geo_file(name: str) -> Path:
    """A map file shipped with geokit (``data/geo/<name>``, e.g. the country borders).

    Looked for beside the corpus in use first, then in the installed package and the source
    tree, so an instructor's ``$GEOKIT_DATA`` holding only ``articles/`` still gets the map.
    """
    tried = []
    for folder in (data_root(), _PACKAGE / "_corpus", _PACKAGE.parent.parent / "data"):
        path = folder / "geo" / name
        if path.is_file():
            return path
        tried.append(str(path))
    raise FileNotFoundError(
        f"geokit cannot find its map file {name!r}: looked at " + " and ".join(tried)
        + ". Reinstall geokit (pip install .) from a complete checkout."
    )
