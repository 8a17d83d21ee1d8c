"""The one place that knows where the bundled corpus lives."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder holding ``articles/`` and ``schema/``.

    An installed wheel carries the corpus inside the package (``geokit/_corpus``, put there by
    hatchling's force-include); a source checkout or an editable install uses the top-level
    ``data/`` folder that instructors read and extend.
    """
    bundled = _PACKAGE / "_corpus"
    if (bundled / "articles").is_dir():
        return bundled
    checkout = _PACKAGE.parent.parent / "data"
    if (checkout / "articles").is_dir():
        return checkout
    raise FileNotFoundError(
        "geokit cannot find its bundled articles: looked in "
        f"{bundled / 'articles'} and {checkout / 'articles'}. Reinstall geokit "
        "(pip install .) from a complete checkout."
    )


def articles_root() -> Path:
    return data_root() / "articles"


def bundled_ids() -> list[str]:
    """Ids of the articles shipped with geokit (folder names that hold an article.yaml)."""
    return sorted(p.name for p in articles_root().iterdir() if (p / "article.yaml").is_file())
