"""A checked article kept on disk, so that the next process loads it in milliseconds.

Parsing and cross-checking an article (every YAML file, the question banks, the exercises, the
source traces) takes a few hundred milliseconds, and each lesson's kernel does it again. Once an
article has loaded without a problem, :func:`store` keeps the result under a key made of the
folder, the size and modification time of each of its files, and the data layer's own code;
:func:`fetch` returns it while all of those are unchanged. Editing any file of the article, or
upgrading geokit, gives a new key, so a stale or unchecked article is never returned.

The figures a notebook shows are kept here too (:mod:`geokit.plots._kept`), under ``figure-``
names, by the same rules.

Where: ``$GEOKIT_CACHE`` if set (``off`` turns the cache off), else ``$XDG_CACHE_HOME/geokit``,
else ``~/.cache/geokit``. A cache that cannot be read or written is skipped without a word: it
only ever saves time. On POSIX systems, a file another user put in the folder is never read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "fetch", "store"]

#: bump when what is pickled changes shape in a way the code fingerprint would not show
_LAYOUT = 1

#: files in the cache are read only when this user wrote them (None: no owners, e.g. Windows)
_UID = os.getuid() if hasattr(os, "getuid") else None


def cache_dir() -> Path | None:
    """The folder the cache lives in, or None when ``GEOKIT_CACHE=off``."""
    env = os.environ.get("GEOKIT_CACHE", "")
    if env.lower() == "off":
        return None
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geokit"


@cache
def _code() -> tuple[tuple[str, int, int], ...]:
    """The data layer's code as (file, mtime, size): a new geokit means new keys."""
    root = Path(__file__).resolve().parent.parent  # the geokit package
    out = []
    for p in sorted([root / "errors.py", *root.joinpath("data").rglob("*.py")]):
        with contextlib.suppress(OSError):
            st = p.stat()
            out.append((str(p.relative_to(root)), st.st_mtime_ns, st.st_size))
    return tuple(out)


def _path(what: object, state: object, prefix: str) -> Path | None:
    where = cache_dir()
    if where is None:
        return None
    def digest(value: object, n: int) -> str:
        return hashlib.sha256(repr(value).encode("utf-8", "surrogateescape")).hexdigest()[:n]

    # one file per article folder (or figure call) at a time: that part of the name finds
    # the files of its earlier states
    key = digest((_LAYOUT, state, _code()), 24)
    return where / f"{prefix}-{digest(str(what), 12)}-{key}.pickle"


def fetch(what: object, state: object, kind: type, *, prefix: str = "article") -> Any | None:
    """What was kept for ``what`` in this ``state``, or None (not kept, unreadable, other type).

    ``what`` names the thing kept (an article's folder; a figure call), ``state`` what it was
    made from (the files' sizes and times), ``prefix`` the start of the file name.
    """
    path = _path(what, state, prefix)
    if path is None:
        return None
    try:
        with path.open("rb") as f:
            if _UID is not None and os.fstat(f.fileno()).st_uid != _UID:
                return None  # a shared cache folder: never unpickle what another user put there
            obj = pickle.load(f)  # noqa: S301 - our own file, in the user's own cache
    except Exception:
        return None
    if not isinstance(obj, kind):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # in use: the last to go when the cache keeps only so many
    return obj


def store(what: object, state: object, obj: object, *, prefix: str = "article",
          keep_at_most: int | None = None) -> None:
    """Keep ``obj`` (a checked article; a drawn figure) for the next process; never fails.

    What was kept for ``what`` in an earlier state is removed: it would never be read again.
    With ``keep_at_most``, the oldest files of this ``prefix`` beyond that many go too.
    """
    path = _path(what, state, prefix)
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{prefix}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole or not at all: a reader never sees half a file
        tmp = None
        what_part = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{what_part}-*.pickle"):
            if old != path:  # the same article or call in an earlier state
                old.unlink(missing_ok=True)
        if keep_at_most is not None:
            kept = sorted(path.parent.glob(f"{prefix}-*.pickle"),
                          key=lambda p: p.stat().st_mtime_ns)
            kept = [p for p in kept if p != path]  # the file just written stays
            for old in kept[: max(0, len(kept) - keep_at_most + 1)]:
                old.unlink(missing_ok=True)
    except Exception:  # noqa: S110 - read-only home, full disk, unpicklable: no cache
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
