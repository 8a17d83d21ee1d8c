"""The one error policy of the ``geokit`` command: what each failure says and how it exits.

Every subcommand runs inside :func:`run`, which turns any exception into one line on stderr,
``geokit <command>: <message>``, and an exit status:

====  ==================================================================================
0     done
1     bad data, an unusable file or folder, a missing optional module, a failed run, or an
      unexpected error (named, with a request to report it)
2     bad usage (argparse's own errors, and :class:`CommandError` raised with ``code=2``)
130   interrupted (Ctrl-C)
====  ==================================================================================

No input ends in a traceback; ``GEOKIT_DEBUG=1`` in the environment re-raises instead, for
whoever is fixing a bug.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import NoReturn

__all__ = [
    "DEBUG_ENV",
    "EXTRAS",
    "INTERRUPTED",
    "CommandError",
    "OneLineParser",
    "describe",
    "missing_module",
    "one_line",
    "run",
    "shorten",
]

DEBUG_ENV = "GEOKIT_DEBUG"

#: optional modules and the extra of geokit that installs each (pyproject.toml)
EXTRAS: dict[str, str] = {
    "nbformat": "lab",
    "nbclient": "lab",
    "nbconvert": "lab",
    "ipykernel": "lab",
    "jupyter_client": "lab",
    "jupyterlab": "lab",
    "voila": "lab",
    "nbgrader": "grading",
}

#: exit status after Ctrl-C, as shells report a process ended by SIGINT (128 + 2)
INTERRUPTED = 130


class CommandError(Exception):
    """A command cannot go on: ``message`` is printed as one line; ``code`` is the exit status.

    Raise it with ``code=2`` for bad usage found after parsing (an output that is also an
    input), and with the default ``code=1`` for a place that cannot be used or a failed run.
    """

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), not the usage block."""

    def error(self, message: str) -> NoReturn:
        print(one_line(f"{self.prog}: {message} (see {self.prog} --help)"), file=sys.stderr)
        raise SystemExit(2)


def shorten(text: str, limit: int = 120) -> str:
    """``text`` with its middle cut out when longer than ``limit`` characters."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head - 1
    return f"{text[:head]}…{text[-tail:]} ({len(text)} characters)"


def one_line(text: str) -> str:
    """``text`` as one line: line breaks become '; ', other control characters are escaped."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n")]
    joined = "; ".join(p for p in parts if p)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in joined)


def missing_module(exc: ModuleNotFoundError) -> str | None:
    """What to install for a module that is not there, or None if it is geokit's own."""
    name = (exc.name or "").split(".")[0]
    if not name or name == "geokit":
        return None
    if name in EXTRAS:
        return (f"this command needs {name}, which is not installed: "
                f"pip install 'geokit[{EXTRAS[name]}]'")
    return (f"this command needs {name}, which is not installed: reinstall geokit "
            "(pip install geokit) with its dependencies")


def _os_error(exc: OSError) -> str:
    names = [shorten(str(f)) for f in (exc.filename, exc.filename2) if f is not None]
    if exc.strerror and names:
        return f"{' -> '.join(names)}: {exc.strerror}"
    return str(exc)


def describe(exc: BaseException) -> tuple[str, int] | None:
    """The message and exit status for an exception the policy knows, or None."""
    from geokit.errors import GeokitDataError

    if isinstance(exc, CommandError):
        return str(exc), exc.code
    if isinstance(exc, GeokitDataError):
        first, more = str(exc.problems[0]), len(exc.problems) - 1
        if more:
            first += f" (and {more} more problem(s); `geokit validate` lists them all)"
        return first, 1
    if isinstance(exc, LookupError) and not isinstance(exc, (KeyError, IndexError)):
        return str(exc), 1  # an unknown bank, question or figure: raised with a message
    if isinstance(exc, ModuleNotFoundError):
        what = missing_module(exc)
        return (what, 1) if what else None
    if isinstance(exc, OSError):
        return _os_error(exc), 1
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to read (maximum recursion depth exceeded)", 1
    return None


def _say(name: str, message: str) -> None:
    print(one_line(f"geokit {name}: {message}"), file=sys.stderr)


class _Ctrl_C:
    """Whether Ctrl-C was pressed while a command ran (see :func:`_watching_ctrl_c`)."""

    pressed = False


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    _Ctrl_C.pressed = True
    raise KeyboardInterrupt


@contextlib.contextmanager
def _watching_ctrl_c() -> Iterator[None]:
    """Note each Ctrl-C, so that an error it causes is reported as the interruption it is.

    Some libraries turn a KeyboardInterrupt into another exception on the way out (see
    :func:`_interrupted` for nbclient's). Ctrl-C still raises
    KeyboardInterrupt, as Python's own handler does; only where Python's handler is in place
    (and in the main thread) is it replaced, for the duration of the command.
    """
    _Ctrl_C.pressed = False
    ours = (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler)
    if ours:
        signal.signal(signal.SIGINT, _on_sigint)
    try:
        yield
    finally:
        if ours:
            signal.signal(signal.SIGINT, signal.default_int_handler)


def _interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` came out of a Ctrl-C: a KeyboardInterrupt, or a cancelled task, in its chain.

    nbclient (``geokit bench``) takes SIGINT over while it runs a notebook: it shuts the kernel
    down and its cancelled tasks end in another error. Nothing else cancels a task in a
    command-line run.
    """
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        asyncio = sys.modules.get("asyncio")  # loaded by whatever ran tasks, never by us
        if isinstance(cause, KeyboardInterrupt) or (
            asyncio is not None and isinstance(cause, asyncio.CancelledError)
        ):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def run(name: str, work: Callable[[], int]) -> int:
    """Run ``work`` (a subcommand) under the policy; return its exit status."""
    try:
        with _watching_ctrl_c():
            return work()
    except KeyboardInterrupt:
        _say(name, "interrupted")
        return INTERRUPTED
    except BrokenPipeError:  # `geokit export | head`: the reader has all it wanted
        _silence_stdout()
        return 0
    except BaseException as exc:  # asyncio's CancelledError, for one, is no Exception
        if isinstance(exc, (SystemExit, GeneratorExit)) or os.environ.get(DEBUG_ENV):
            raise
        if _Ctrl_C.pressed or _interrupted(exc):  # it broke because the user pressed Ctrl-C
            _say(name, "interrupted")
            return INTERRUPTED
        known = describe(exc)
        if known is not None:
            _say(name, known[0] or type(exc).__name__)
            return known[1]
        detail = str(exc).strip()
        _say(name, f"unexpected error ({type(exc).__name__}"
             + (f": {shorten(one_line(detail), 300)}" if detail else "")
             + f"); please report it with the command you ran ({DEBUG_ENV}=1 shows the traceback)")
        return 1


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that flush cannot fail too.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # a captured stdout has no file descriptor
        pass
