"""Where the commands write: checked before any work, written whole or not at all.

A command that writes checks its output place first (:func:`check_file`, :func:`check_folder`):
a folder where a file is meant, a file where a folder is meant, a missing parent folder, a
place that cannot be written, each refused with one line before anything is read or run. It
then writes through a temporary file beside the target that replaces it only when complete
(:func:`staged`, :func:`write_text`), so an error or a Ctrl-C leaves an existing file as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geokit.cli.policy import CommandError, shorten

__all__ = ["check_file", "check_folder", "check_new_folder", "publish", "publish_tree", "staged",
           "staging_folder", "write_text"]


def _shown(path: Path) -> str:
    return shorten(str(path))


def _probe(folder: Path) -> None:
    """Refuse a folder nothing can be written in (permissions, read-only file system)."""
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".geokit-probe-")
    except OSError as exc:
        raise CommandError(f"cannot write in {_shown(folder)}: {exc.strerror or exc}") from None
    os.close(fd)
    os.unlink(name)


def _parent(path: Path, flag: str) -> Path:
    parent = path.parent
    if not parent.exists():
        raise CommandError(f"no such folder: {_shown(parent)} (for {flag} {_shown(path)}); "
                           "create it first")
    if not parent.is_dir():
        raise CommandError(f"{_shown(parent)} is a file, not a folder (for {flag} "
                           f"{_shown(path)})")
    return parent


def check_file(path: Path, *, flag: str = "-o", example: str = "out.txt",
               what: str = "file") -> None:
    """Check that ``path`` can be written as a file; raise :class:`CommandError` if not.

    ``what`` says what ``flag`` names; ``example`` is the file name suggested when ``path`` is a
    folder.
    """
    if path.is_dir():
        raise CommandError(f"{_shown(path)} is a folder; {flag} names the {what} to write, "
                           f"e.g. {_shown(path / example)}")
    if path.exists() and not path.is_file():  # /dev/stdout, a FIFO: never replaced
        raise CommandError(f"{_shown(path)} is not a regular file; {flag} names a file to write")
    _probe(_parent(path, flag))
    if path.exists() and not os.access(path, os.W_OK):
        raise CommandError(f"{_shown(path)} is read-only; make it writable or choose another "
                           f"{flag}")


def check_folder(path: Path, *, flag: str = "-o") -> None:
    """Check that ``path`` is, or can be made, a folder to write into."""
    if path.exists() and not path.is_dir():
        raise CommandError(f"{_shown(path)} is a file, not a folder; {flag} names a folder "
                           "to write into")
    _probe(path if path.is_dir() else _parent(path, flag))


def check_new_folder(path: Path, *, flag: str = "OUT") -> None:
    """Check that ``path`` does not exist and can be made: a command that never writes over."""
    if path.exists() or path.is_symlink():
        what = "a folder" if path.is_dir() else "a file"
        raise CommandError(f"{_shown(path)} exists already ({what}); {flag} names a new folder, "
                           "never one to write over: choose another name")
    _probe(_parent(path, flag))


def _mode(path: Path) -> int:
    """The permissions ``path`` keeps (if it exists) or gets (as ``open()`` would give it)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def staged(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` (same suffix) that replaces ``path`` on success.

    On any error, Ctrl-C included, the temporary file is removed and ``path`` is untouched.
    """
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:40]}-", suffix=path.suffix)
    os.close(fd)
    tmp = Path(name)
    tmp.chmod(_mode(path))  # mkstemp makes it private; the result gets the usual permissions
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with staged(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


@contextlib.contextmanager
def staging_folder(parent: Path) -> Iterator[Path]:
    """A temporary folder in ``parent`` for files to :func:`publish`; removed at the end."""
    folder = Path(tempfile.mkdtemp(dir=parent, prefix=".geokit-staging-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(staging: Path, target: Path) -> list[Path]:
    """Move every file of ``staging`` into ``target``, each replacing its namesake at once."""
    moved = []
    for tmp in sorted(staging.iterdir()):
        if tmp.is_file():
            os.replace(tmp, target / tmp.name)
            moved.append(target / tmp.name)
    return moved


def publish_tree(staging: Path, target: Path) -> list[Path]:
    """Move every file under ``staging`` to the same place under ``target`` (made as needed).

    Files already in ``target`` that ``staging`` does not hold stay; each moved file replaces
    its namesake at once, so an interrupted run never leaves a half-written file.
    """
    moved = []
    for tmp in sorted(p for p in staging.rglob("*") if p.is_file()):
        dest = target / tmp.relative_to(staging)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, dest)
        moved.append(dest)
    return moved
