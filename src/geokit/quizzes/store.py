"""Saving answers: one JSON file per student per article and bank, written atomically.

Layout: ``<store>/<student>/<article>/<bank>.json`` (format in docs/quiz-format.md). The store
folder is the ``store=`` argument, else the environment variable ``GEOKIT_STORE``, else
``.geokit`` in the working directory.

Every save is a read-merge-write under a lock:

1. take ``<bank>.json.lock`` with :class:`filelock.FileLock` (``flock`` on POSIX, ``msvcrt``
   locking on Windows): the operating system releases it when its holder exits or is killed,
   so a lock is never judged stale and never broken by hand, and two savers can never both
   hold it. The lock file itself stays in place between saves (on POSIX) and holds nothing;
2. re-read the file, so answers another notebook saved in the meantime are kept;
3. write the merged answers to a temporary file in the same folder, ``fsync`` it, and
   ``os.replace`` it over the old file (atomic), then ``fsync`` the folder.

Each save adds the Check to the question's ``history`` (time, answer, status, points), so every
answer a student checked stays in the file; with ``max_attempts`` a save past the bank's tries is
refused under the same lock (:class:`TriesUsedUp`), so two notebooks cannot both take the last.

A reader therefore sees the old file or the new one, never half of one; a process killed at any
point leaves at worst a stray ``.tmp`` file, which the next save removes. A file that does not
parse is never overwritten: it is renamed ``<bank>.json.corrupt-<UTC time>`` and reported.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import math
import os
import re
import time
import warnings
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from geokit.data.feedback import GRADED
from geokit.errors import GeokitWarning

__all__ = [
    "ENV_STORE",
    "FORMAT",
    "FORMAT_VERSION",
    "LOCK_TIMEOUT_SECONDS",
    "AnswerStore",
    "StoreError",
    "TriesUsedUp",
    "default_store",
    "default_student",
    "remember",
]

ENV_STORE = "GEOKIT_STORE"
FORMAT = "geokit-answers"
FORMAT_VERSION = 1
#: how long a save waits for another process's save to finish before giving up
LOCK_TIMEOUT_SECONDS = 5.0
#: how often a waiting save retries; a save holds the lock for a few milliseconds
LOCK_POLL_SECONDS = 0.002

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class StoreError(OSError):
    """The answer file could not be read or written; the message says which file and why."""


class TriesUsedUp(Exception):
    """A save refused: the question has had all the Checks its bank allows (nothing written)."""


def _history_entry(record: dict[str, Any]) -> dict[str, Any]:
    """One Check as ``history`` keeps it: when, the answer, and how it was graded."""
    return {"at": record.get("timestamp", ""), "answer": record.get("value"),
            "status": record.get("status"), "points": record.get("points")}


def remember(previous: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """The saved record of a question after one more Check: ``record`` (the current answer),
    ``attempts`` counted on from ``previous``, and ``previous``'s ``history`` with this Check
    added. A record saved before geokit kept a history (or by hand) has its answer carried
    into the history as its first entry, so nothing a student answered is dropped; a
    ``history`` that is not a list is kept aside as ``history_unreadable``."""
    tries = previous.get("attempts", 0)
    entry = dict(record, attempts=(tries if isinstance(tries, int) else 0) + 1)
    history = previous.get("history")
    if not isinstance(history, list):
        if history is not None:
            entry["history_unreadable"] = history
        history = [_history_entry(previous)] if "value" in previous else []
    if "history_unreadable" in previous:
        entry.setdefault("history_unreadable", previous["history_unreadable"])
    entry["history"] = [*history, _history_entry(record)]
    return entry


def default_store() -> Path:
    """``$GEOKIT_STORE`` if set, else ``.geokit`` in the working directory (made absolute now,
    so a later ``os.chdir`` does not split one student's answers across two folders)."""
    return Path(os.environ.get(ENV_STORE) or ".geokit").expanduser().absolute()


def default_student() -> str:
    """``$JUPYTERHUB_USER`` on a JupyterHub, else the login name, else ``'student'``."""
    name = os.environ.get("JUPYTERHUB_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "student"
    except Exception:
        return "student"


def safe_name(text: str) -> str:
    """A file-name-safe form of a student, article or bank name."""
    return _UNSAFE.sub("_", text).strip("._") or "_"


def folder_name(text: str) -> str:
    """A file-name-safe name that is unique per ``text``.

    A plain lower-case name is kept as it is (``'ada'`` -> ``'ada'``). Any other name gets a short
    hash of the exact text appended, so names that :func:`safe_name` would merge
    (``'Ada Lovelace'``, ``'Ada_Lovelace'``) or that only differ in case (``'Ada'``, ``'ada'``,
    the same folder on a case-insensitive file system) never share a file.
    """
    safe = safe_name(text)
    if safe == text and text == text.lower():
        return safe
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe}-{digest}"


def now() -> str:
    """UTC time as ISO 8601 with milliseconds, e.g. '2024-03-01T10:15:02.123Z'."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")




def _dumps(doc: dict[str, Any]) -> str:
    """``doc`` as JSON, one line per key and one line per answer record.

    Readable and diff-friendly like ``indent=1``, but each record goes through the C encoder
    (``json`` encodes in pure Python as soon as it indents): a record's ``history`` grows with
    every Check, and a save must stay well under the 20 ms a student notices.
    """
    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    answers = doc.get("answers") or {}
    lines = [f" {one(k)}: {one(v)}," for k, v in doc.items() if k != "answers"]
    body = ",\n".join(f"  {one(q)}: {one(rec)}" for q, rec in answers.items())
    lines.append(' "answers": {\n' + body + "\n }" if answers else ' "answers": {}')
    return "{\n" + "\n".join(lines) + "\n}\n"


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _clean_record(rec: dict[str, Any]) -> list[str]:
    """Coerce the fields of a (hand-edited) record that score and progress rely on, in place,
    the way :meth:`Quiz.score` reads them: points that are not a number count 0, attempts that
    are not a whole number count 0. Return what was fixed, e.g. ``["points 'lots'"]``."""
    bad = []
    for key in ("points", "max_points"):
        if key in rec and not _is_number(rec[key]):
            bad.append(f"{key} {rec[key]!r}")
            rec[key] = 0.0
    tries = rec.get("attempts", 0)
    if not isinstance(tries, int) or isinstance(tries, bool) or tries < 0:
        bad.append(f"attempts {tries!r}")
        rec["attempts"] = 0
    if "status" in rec and rec["status"] not in GRADED:
        bad.append(f"status {rec['status']!r}")
        rec["status"] = "incorrect"
    return bad


class AnswerStore:
    """The answers of one student to one bank, on disk."""

    def __init__(self, root: str | os.PathLike[str], student: str, article: str,
                 bank: str) -> None:
        self.root = Path(root)
        self.student, self.article, self.bank = student, article, bank
        self.path = (self.root / folder_name(student) / folder_name(article)
                     / f"{folder_name(bank)}.json")
        self._adopt_legacy_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        #: the last problem met (a corrupt file set aside), for the widget to show
        self.problem = ""
        self._seen: tuple[int, int, int] | None = None

    def _adopt_legacy_path(self) -> None:
        """Keep using a file an older geokit saved under the plain :func:`safe_name` layout, if
        there is no file at the new path yet and the old file is this student's own."""
        legacy = (self.root / safe_name(self.student) / safe_name(self.article)
                  / f"{safe_name(self.bank)}.json")
        if legacy == self.path:
            return
        try:
            if self.path.exists() or not legacy.is_file():
                return
            data = json.loads(legacy.read_bytes().decode("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and all(
                data.get(k) == v for k, v in (("format", FORMAT), ("student", self.student),
                                              ("article", self.article), ("bank", self.bank))):
            self.path = legacy

    # -- reading -------------------------------------------------------------------------------

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:  # missing, or the store is not a usable folder (reading then says why)
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def changed(self) -> bool:
        """Whether the file changed since this object last read or wrote it."""
        return self._stat() != self._seen

    def _parse(self, raw: bytes) -> dict[str, dict[str, Any]]:
        """The answers in ``raw``; raise ValueError saying what is wrong with it."""
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a geokit answer file (no \"format\": \"{FORMAT}\")")
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise ValueError(f"bad format version {version!r}")
        if version > FORMAT_VERSION:
            raise StoreError(f"{self.path} was written by a newer geokit (format version "
                             f"{version}; this geokit reads {FORMAT_VERSION}). Upgrade geokit; "
                             "the file is left as it is.")
        for key, expected in (("student", self.student), ("article", self.article),
                              ("bank", self.bank)):
            if data.get(key) != expected:
                # a readable file of someone (or something) else: never move it aside
                raise StoreError(
                    f"{self.path} holds the saved answers of {key} {data.get(key)!r}, not "
                    f"{expected!r}; the file is left as it is and your answers are kept only "
                    "in this notebook. Show this message to your instructor.")
        answers = data.get("answers")
        if not isinstance(answers, dict) or not all(
                isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("timestamp"), str)
                for k, v in answers.items()):
            raise ValueError("\"answers\" is not a mapping of question id to answer records")
        fixed = [f"{qid}: {', '.join(bad)}" for qid, rec in answers.items()
                 if (bad := _clean_record(rec))]
        if fixed:
            warnings.warn(f"{self.path}: answer records with fields of the wrong type were read "
                          f"as 0 points / 0 attempts ({'; '.join(fixed)})", GeokitWarning,
                          stacklevel=5)
        return answers

    def _read(self) -> dict[str, dict[str, Any]] | ValueError:
        stat = self._stat()  # before reading: a change in between shows up as changed() later
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self._seen = None
            return {}
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        try:
            answers = self._parse(raw)
        except StoreError:
            raise
        except (ValueError, UnicodeDecodeError) as exc:
            return ValueError(str(exc))
        self._seen = stat
        return answers

    def _set_aside(self, why: str) -> None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        os.replace(self.path, target)
        self._seen = None
        self.problem = (f"The saved answers in {self.path} could not be read ({why}). The file "
                        f"was kept as {target.name}; answers from now on go to a new file. "
                        "Show it to your instructor.")
        warnings.warn(self.problem, GeokitWarning, stacklevel=4)

    def load(self) -> dict[str, dict[str, Any]]:
        """The saved answers, ``{question id: record}``; ``{}`` when nothing is saved yet.

        A file that cannot be parsed is renamed aside (never overwritten) and reported with a
        :class:`~geokit.errors.GeokitWarning`; :attr:`problem` keeps the message.
        """
        try:
            got = self._read()
            if not isinstance(got, ValueError):
                return got
            with self._locked():
                got = self._read()  # it may have been repaired or replaced meanwhile
                if isinstance(got, ValueError):
                    self._set_aside(str(got))
                    return {}
                return got
        except StoreError:
            raise
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from None

    # -- writing -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        # Imported here: only a save (or setting a corrupt file aside) takes the lock.
        from filelock import FileLock, Timeout

        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.lock_path)
        try:
            lock.acquire(timeout=LOCK_TIMEOUT_SECONDS, poll_interval=LOCK_POLL_SECONDS)
        except Timeout:
            raise StoreError(
                f"{self.lock_path} has been held by another process for over "
                f"{LOCK_TIMEOUT_SECONDS:g} s (another notebook saving to the same file?); "
                "check your answer again to retry") from None
        try:
            yield
        finally:
            lock.release()

    def _write(self, answers: dict[str, dict[str, Any]]) -> None:
        doc = {"format": FORMAT, "version": FORMAT_VERSION, "student": self.student,
               "article": self.article, "bank": self.bank, "updated": now(),
               "answers": answers}
        data = _dumps(doc).encode("utf-8")
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
            dfd = os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        self._seen = self._stat()

    def _sweep(self) -> None:
        """Remove temporary files left by processes that died mid-save.

        Called under the lock: only the lock's holder writes a temporary file, and it renames
        or removes it before letting go, so any other one is a dead process's."""
        for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()

    def save(self, question_id: str, record: dict[str, Any], *,
             max_attempts: int | None = None) -> dict[str, dict[str, Any]]:
        """Save one checked answer and return every saved answer (merged with the file).

        ``record`` holds value, status, points, max_points, correct and timestamp; ``attempts``
        is counted here from what the file already holds, and the Check is added to the
        question's ``history`` (:func:`remember`). With ``max_attempts``, a question the file
        shows checked that often already is not saved: :class:`TriesUsedUp` is raised, under
        the lock, so two notebooks cannot both take the last try.
        """
        try:
            with self._locked():
                got = self._read()
                if isinstance(got, ValueError):
                    self._set_aside(str(got))
                    got = {}
                self._sweep()
                previous = got.get(question_id, {})
                tries = previous.get("attempts", 0)
                if max_attempts is not None and isinstance(tries, int) and tries >= max_attempts:
                    raise TriesUsedUp(question_id)
                got[question_id] = remember(previous, record)
                self._write(got)
                return got
        except StoreError:
            raise
        except OSError as exc:
            raise StoreError(f"cannot save to {self.path}: {exc.strerror or exc}") from None
