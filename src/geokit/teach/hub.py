"""A class on JupyterHub: hand out the lessons with a link, collect every student's answers.

Distribution is an nbgitpuller link (:func:`gitpuller_link`): one click clones (or updates) the
student edition into the student's home and opens a lesson. Collection is the equivalent of
nbgrader's exchange for hubs where every student has a home of their own (The Littlest
JupyterHub, Kubernetes): the instructor copies each student's saved answers into one folder,

    OUT/roster.txt                           every student of the class, one a line
    OUT/<student>/<article>/<bank>.json      what that student handed in

either through the hub's REST API and each student's Jupyter server (:func:`collect_from_hub`,
an admin's token; works wherever the hub runs) or straight from the file system
(:func:`collect_from_homes`, on the hub's own machine). ``geokit gradebook OUT`` then grades
it; a student in the roster who handed in nothing still gets a row.

What counts as handed in: the answer files in the student's own store folder,
``<home>/<store>/<student>/`` (``GEOKIT_STORE=~/.geokit`` on the hub, see deploy/), and only
those whose ``student`` field is that student. A file in Ada's home that claims to be Bob's is
reported and left behind, so one student cannot hand in answers for another.
"""

from __future__ import annotations

import glob
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from geokit.quizzes.store import FORMAT, folder_name
from geokit.teach.answers import ROSTER

__all__ = [
    "Collection",
    "HubError",
    "collect_from_homes",
    "collect_from_hub",
    "gitpuller_link",
]

#: where the answers live in a student's home on the hub (``GEOKIT_STORE=~/.geokit``)
DEFAULT_STORE = ".geokit"
#: bounds: a student's store holds a few files per article; more is not a geokit store
MAX_FILES_PER_STUDENT = 500
MAX_FILE_BYTES = 5 * 2**20


class HubError(RuntimeError):
    """The hub could not be reached or refused a request; the message says which and why."""


# -- distribution --------------------------------------------------------------------------------


def gitpuller_link(hub_url: str, repo: str, *, branch: str = "main", path: str = "",
                   targetpath: str = "") -> str:
    """The nbgitpuller link that gives every student the student edition and opens ``path``.

    Parameters
    ----------
    hub_url
        The hub's public address, e.g. ``https://hub.example.edu``.
    repo
        The git repository holding the student edition (``geokit editions build``).
    branch
        Its branch.
    path
        A notebook (or folder) in the repository to open in JupyterLab; default its top.
    targetpath
        The folder in the student's home to clone into; default the repository's name.

    >>> link = gitpuller_link("https://hub.example.edu",
    ...                       "https://example.org/geokit-student.git",
    ...                       path="00-reading-the-source.ipynb")
    >>> link.split("?")[0]
    'https://hub.example.edu/hub/user-redirect/git-pull'
    >>> for part in link.split("?")[1].split("&"):
    ...     print(part)
    repo=https%3A%2F%2Fexample.org%2Fgeokit-student.git
    branch=main
    targetpath=geokit-student
    urlpath=lab%2Ftree%2Fgeokit-student%2F00-reading-the-source.ipynb
    >>> gitpuller_link("hub.example.edu", "x.git")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: the hub address must start with http:// or https://, e.g. ...; found 'hub...'
    """
    parts = urlsplit(hub_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("the hub address must start with http:// or https://, e.g. "
                         f"https://hub.example.edu; found {hub_url!r}")
    if not repo.strip():
        raise ValueError("the repository address is empty; give the git URL of the student "
                         "edition")
    target = targetpath or _repo_name(repo)
    inner = str(PurePosixPath(target, path.strip("/"))) if path.strip("/") else target
    if ".." in PurePosixPath(inner).parts or target.startswith("/"):
        raise ValueError(f"the path to open must stay inside the clone; found {inner!r}")
    query = urlencode({"repo": repo, "branch": branch, "targetpath": target,
                       "urlpath": f"lab/tree/{inner}"})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def _repo_name(repo: str) -> str:
    name = repo.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return name.removesuffix(".git") or "lessons"


# -- collection ----------------------------------------------------------------------------------


@dataclass
class Collection:
    """What was collected into ``out``: files per student and one line per thing left behind."""

    out: Path
    roster: list[str] = field(default_factory=list)
    files: dict[str, list[Path]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def note(self, student: str, what: str) -> None:
        self.lines.append(f"{student}: {what}")  # list.append: safe from collecting threads

    def summary(self) -> str:
        handed = sum(1 for s in self.roster if self.files.get(s))
        n = sum(len(v) for v in self.files.values())
        return (f"{len(self.roster)} student(s) in the roster, {handed} handed in {n} answer "
                f"file(s), into {self.out}")


def _take(coll: Collection, student: str, rel: PurePosixPath, raw: bytes) -> None:
    """Write one handed-in file to ``out/<student>/<rel>``, if it is this student's own."""
    where = f"{folder_name(student)}/{rel}"
    if len(raw) > MAX_FILE_BYTES:
        coll.note(student, f"{where}: left behind: larger than {MAX_FILE_BYTES >> 20} MiB")
        return
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None  # unreadable: copied all the same, so the gradebook reports it for them
    if isinstance(data, dict):
        if data.get("format") != FORMAT:
            coll.note(student, f"{where}: left behind: not a geokit answer file")
            return
        if data.get("student") != student:
            coll.note(student, f"{where}: left behind: it holds the answers of "
                      f"{data.get('student')!r}, not {student!r}")
            return
    target = coll.out / folder_name(student) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    coll.files.setdefault(student, []).append(target)


def _start(out: Path, roster: Iterable[str]) -> Collection:
    out.mkdir(parents=True, exist_ok=True)
    coll = Collection(out, sorted(dict.fromkeys(roster)))
    header = "# the class: one student a line (geokit hub collect); the gradebook lists each\n"
    (out / ROSTER).write_text(header + "".join(f"{s}\n" for s in coll.roster), encoding="utf-8")
    return coll


def _answer_file(rel: PurePosixPath) -> bool:
    return rel.suffix == ".json" and not any(p.startswith(".") for p in rel.parts)


def collect_from_homes(out: Path, home: str, students: Sequence[str] | None = None, *,
                       store: str = DEFAULT_STORE) -> Collection:
    """Copy each student's answers from their home on this machine into ``out``.

    Parameters
    ----------
    out
        The collection folder (made if missing).
    home
        Where a student's home is, with ``{username}``: ``/home/jupyter-{username}`` on The
        Littlest JupyterHub.
    students
        The roster; by default every folder that matches ``home``.
    store
        The store folder inside a home (``GEOKIT_STORE=~/.geokit`` on the hub).
    """
    if home.count("{username}") != 1:
        raise ValueError("the home pattern must contain {username} once, e.g. "
                         f"/home/jupyter-{{username}}; found {home!r}")
    if students is None:
        head, tail = (re.escape(x) for x in home.split("{username}"))
        pattern = re.compile(f"^{head}(.+){tail}$")
        found = (pattern.match(p) for p in glob.glob(home.replace("{username}", "*")))
        students = sorted(m[1] for m in found if m)
    coll = _start(out, students)
    for student in coll.roster:
        folder = Path(home.format(username=student)).expanduser() / store / folder_name(student)
        if not folder.is_dir():
            coll.note(student, f"nothing handed in ({folder} does not exist)")
            continue
        files = sorted(f for f in folder.rglob("*.json") if f.is_file())
        for f in files[:MAX_FILES_PER_STUDENT]:
            rel = PurePosixPath(f.relative_to(folder).as_posix())
            if _answer_file(rel):
                _take(coll, student, rel, f.read_bytes())
        if not coll.files.get(student):
            coll.note(student, f"nothing handed in (no answer file in {folder})")
    return coll


class _Hub:
    """The few REST calls collection needs, with an admin's token, each bounded in time."""

    def __init__(self, url: str, token: str, timeout: float = 30.0) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"the hub address must start with http:// or https://; found {url!r}")
        if not token:
            raise ValueError("no API token: create one on the hub's Token page (as an admin) and "
                             "put it in the environment, e.g. GEOKIT_HUB_TOKEN")
        self.url, self.token, self.timeout = url.rstrip("/"), token, timeout

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(  # noqa: S310 - the hub's own http(s) address, checked above
            self.url + path, data=data, method=method,
            headers={"Authorization": f"token {self.token}",
                     "Accept": "application/jupyterhub-pagination+json, application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
                return int(resp.status), resp.read()
        except urllib.error.HTTPError as exc:
            return int(exc.code), exc.read()
        except (urllib.error.URLError, OSError) as exc:
            raise HubError(f"cannot reach the hub at {self.url}: "
                           f"{getattr(exc, 'reason', exc)}") from None

    def json(self, path: str) -> Any:
        status, raw = self.request("GET", path)
        if status in (401, 403):
            raise HubError(f"the hub refused {path} ({status}): the token needs an admin's "
                           "rights (list:users, read:users, admin:servers, access:servers)")
        if status != 200:
            raise HubError(f"GET {path} answered {status}: {raw[:200].decode(errors='replace')}")
        return json.loads(raw)

    def server_ready(self, name: str) -> bool:
        user = self.json(f"/hub/api/users/{quote(name, safe='')}")
        return bool((user.get("servers") or {}).get("", {}).get("ready"))

    def start(self, name: str, wait: float) -> str:
        """Start a stopped server and wait until it is ready; '' or what went wrong."""
        status, raw = self.request("POST", f"/hub/api/users/{quote(name, safe='')}/server")
        if status not in (201, 202, 400):  # 400: already running
            return f"could not start the server ({status}: {raw[:200].decode(errors='replace')})"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.server_ready(name):
                return ""
            time.sleep(1.0)
        return f"the server did not start within {wait:g} s"


def _hub_users(hub: _Hub, *, admins: bool = False) -> list[dict[str, Any]]:
    """Every user of the hub (all pages), without admins unless ``admins``."""
    users: list[dict[str, Any]] = []
    offset = 0
    for _ in range(10_000):  # bounded: 10,000 pages
        page = hub.json(f"/hub/api/users?include_stopped_servers=1&offset={offset}&limit=200")
        items = page["items"] if isinstance(page, dict) else page
        users += items
        nxt = page.get("_pagination", {}).get("next") if isinstance(page, dict) else None
        if not nxt or not items:
            break
        offset = int(nxt["offset"])
    return [u for u in users if admins or not u.get("admin")]


def collect_from_hub(out: Path, hub_url: str, token: str,
                     students: Sequence[str] | None = None, *, store: str = DEFAULT_STORE,
                     start: bool = False, start_timeout: float = 120.0,
                     workers: int = 8) -> Collection:
    """Copy each student's answers through the hub into ``out``.

    Each student's files are read from their running Jupyter server with the contents API
    (``/user/<name>/api/contents/<store>/<student>/...``), which needs the servers to allow
    dot-folders (``ContentsManager.allow_hidden``, as deploy/ sets).

    Parameters
    ----------
    out
        The collection folder (made if missing).
    hub_url
        The hub's address, e.g. ``https://hub.example.edu``.
    token
        An admin's API token (the hub's Token page).
    students
        The roster; by default every user of the hub who is not an admin.
    store
        The store folder inside a home (``GEOKIT_STORE=~/.geokit`` on the hub).
    start
        Start a stopped server for the copy, and stop it again; otherwise its student is
        reported as not collected.
    start_timeout
        Seconds to wait for a server to start.
    workers
        Students copied at the same time.

    Raises
    ------
    HubError
        The hub cannot be reached, or refuses the token.
    """
    hub = _Hub(hub_url, token)
    users = {u["name"]: u for u in _hub_users(hub)}
    coll = _start(out, students if students is not None else users)

    def one(student: str) -> None:
        user = users.get(student)
        if user is None:
            coll.note(student, "not a user of this hub: nothing collected")
            return
        server = (user.get("servers") or {}).get("")
        started = False
        if not server:
            coll.note(student, "never started a server: nothing handed in")
            return
        if not server.get("ready"):
            if not start:
                coll.note(student, "server stopped: not collected (run again with --start)")
                return
            problem = hub.start(student, start_timeout)
            if problem:
                coll.note(student, f"not collected: {problem}")
                return
            started = True
        try:
            _copy_through_server(hub, coll, student, store)
        finally:
            if started:
                hub.request("DELETE", f"/hub/api/users/{quote(student, safe='')}/server")
        if not coll.files.get(student):
            coll.note(student, "nothing handed in (no answer file in the store)")

    # a few students at a time: each copy mostly waits on the network (300 students in about
    # a minute, not five), without starting many servers at once
    def guarded(student: str) -> None:
        try:
            one(student)
        except (HubError, ValueError, KeyError, OSError) as exc:  # one student, not the class
            coll.note(student, f"not collected: {exc}")

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done in [pool.submit(guarded, s) for s in coll.roster]:
            done.result()
    coll.lines.sort()
    return coll


def _copy_through_server(hub: _Hub, coll: Collection, student: str, store: str) -> None:
    base = f"/user/{quote(student, safe='')}/api/contents/"
    top = PurePosixPath(store, folder_name(student))
    todo, seen = [top], 0
    while todo and seen < MAX_FILES_PER_STUDENT:
        folder = todo.pop()
        status, raw = hub.request("GET", base + quote(str(folder)) + "?content=1")
        if status == 404:
            if folder == top:
                return  # no store: nothing handed in
            continue
        if status != 200:
            coll.note(student, f"not collected: {folder} answered {status} (if 404 for "
                      "dot-folders, set c.ContentsManager.allow_hidden = True)")
            return
        for entry in json.loads(raw).get("content") or []:
            rel = PurePosixPath(entry["path"]).relative_to(top)
            if entry["type"] == "directory" and not entry["name"].startswith("."):
                todo.append(top / rel)
            elif entry["type"] == "file" and _answer_file(rel):
                seen += 1
                s, body = hub.request("GET", base + quote(entry["path"]) +
                                      "?content=1&format=text&type=file")
                if s != 200:
                    coll.note(student, f"{entry['path']}: not collected ({s})")
                    continue
                text = json.loads(body).get("content") or ""
                _take(coll, student, rel, text.encode("utf-8"))
