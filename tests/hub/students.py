"""Simulated students on a real hub: the REST API to log in and spawn, nbgitpuller to get the
lessons, a kernel's websocket to run a lesson and answer quizzes. Async (tornado), so a whole
class runs in one event loop; every wait is bounded in time."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.iostream import StreamClosedError
from tornado.websocket import WebSocketClientConnection, WebSocketClosedError, websocket_connect

from .harness import ARTICLE, PASSWORD, Hub

AsyncHTTPClient.configure(None, max_clients=1000)


class StudentError(AssertionError):
    pass


class Closed(Exception):
    """The server closed the kernel's websocket."""


@dataclass
class Outcome:
    """What one piece of code produced in the kernel."""

    text: str = ""
    error: str = ""
    seconds: float = 0.0


@dataclass
class Student:
    hub: Hub
    name: str
    token: str = ""
    spawn_seconds: float = 0.0
    kernel_id: str = ""
    ws: WebSocketClientConnection | None = None
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    #: seconds from sending each quiz answer to its feedback arriving
    feedback_seconds: list[float] = field(default_factory=list)
    #: bank -> question -> (value, points) as the feedback reported them
    answered: dict[str, dict[str, tuple[Any, float]]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    #: kernel connections the server dropped and the student reopened
    reconnects: int = 0

    # -- HTTP ------------------------------------------------------------------------------

    async def call(self, method: str, path: str, body: Any = None, *, token: str | None = None,
                   timeout: float = 60.0, ok: tuple[int, ...] = (200, 201, 202, 204)) -> Any:
        headers = {"Authorization": f"token {token if token is not None else self.token}"}
        req = HTTPRequest(self.hub.url + path, method=method, headers=headers,
                          body=json.dumps(body) if body is not None else
                          (b"" if method in ("POST", "PUT", "PATCH") else None),
                          request_timeout=timeout, connect_timeout=timeout,
                          follow_redirects=False)
        try:
            resp = await AsyncHTTPClient().fetch(req, raise_error=False)
        except Exception as exc:  # refused while the hub restarts, a timeout
            raise StudentError(
                f"{self.name}: {method} {path}: {type(exc).__name__}: {exc}") from None
        if resp.code not in ok:
            raise StudentError(f"{self.name}: {method} {path} answered {resp.code}: "
                               f"{(resp.body or b'')[:300]!r}")
        body_raw = resp.body or b""
        try:
            return json.loads(body_raw) if body_raw else None
        except ValueError:
            return body_raw.decode(errors="replace")

    @property
    def server(self) -> str:
        return f"/user/{quote(self.name)}"

    # -- a student's day -------------------------------------------------------------------

    async def login(self) -> None:
        """Log in through the hub's API: the authenticator checks the password, the hub
        returns a token for this student (no admin involved)."""
        body = {"auth": {"username": self.name, "password": PASSWORD}, "note": "hub test"}
        got = await self.call("POST", f"/hub/api/users/{quote(self.name)}/tokens", body, token="")
        self.token = got["token"]

    async def spawn(self, timeout: float = 300.0) -> float:
        """Start this student's server (again, if it died or was stopped) and wait until it
        answers through the proxy."""
        t0 = time.monotonic()
        deadline = t0 + timeout
        while time.monotonic() < deadline:
            user = await self.call("GET", f"/hub/api/users/{quote(self.name)}")
            server = (user.get("servers") or {}).get("")
            if not server:
                await self.call("POST", f"/hub/api/users/{quote(self.name)}/server",
                                ok=(201, 202, 400))
            elif server.get("ready"):
                try:
                    await self.call("GET", f"{self.server}/api/status", timeout=30)
                    self.spawn_seconds = time.monotonic() - t0
                    return self.spawn_seconds
                except StudentError:
                    pass
            await asyncio.sleep(0.5)
        raise StudentError(f"{self.name}: server not ready within {timeout:g} s")

    async def pull(self, repo: str, branch: str = "main", target: str = "geokit") -> None:
        """What the nbgitpuller link does: clone the student edition into the home."""
        query = urlencode({"repo": repo, "branch": branch, "targetpath": target})
        text = await self.call("GET", f"{self.server}/git-pull/api?{query}", timeout=120)
        if '"phase": "finished"' not in str(text):
            raise StudentError(f"{self.name}: nbgitpuller did not finish: {str(text)[-500:]}")

    async def open_kernel(self, path: str = "", timeout: float = 120.0) -> None:
        """Open a notebook's session (its kernel starts in the notebook's folder)."""
        body = {"path": path or f"scratch-{uuid.uuid4().hex[:6]}.ipynb", "type": "notebook",
                "name": "", "kernel": {"name": "python3"}}
        got = await self.call("POST", f"{self.server}/api/sessions", body, timeout=timeout)
        self.kernel_id = got["kernel"]["id"]
        await self.connect(timeout)

    async def connect(self, timeout: float = 60.0, attempts: int = 4) -> None:
        """Open the kernel's websocket and wait until the kernel answers. Like JupyterLab, try
        again (a few times, backing off) when the server drops a connection that it could not
        set up in time, as it does under heavy load."""
        url = (self.hub.url.replace("http", "ws", 1) + f"{self.server}/api/kernels/"
               f"{self.kernel_id}/channels?session_id={self.session}")
        for attempt in range(attempts):
            req = HTTPRequest(url, headers={"Authorization": f"token {self.token}"},
                              request_timeout=timeout, connect_timeout=timeout)
            self.ws = await websocket_connect(req)
            try:
                await self._execute_once("1", timeout, None)
                return
            except Closed as exc:
                self.log.append(f"reconnecting: {exc}")
                self.reconnects += 1
                await asyncio.sleep(1.0 + 2 * attempt)
        raise StudentError(f"{self.name}: no kernel connection after {attempts} attempts: "
                           f"{self.log[-1]}")

    def close_ws(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(RuntimeError):  # its event loop may have ended already
                self.ws.close()
            self.ws = None

    async def execute(self, code: str, timeout: float = 120.0,
                      until: Callable[[str], bool] | None = None, retries: int = 3) -> Outcome:
        """Run code in the kernel; the text it printed or returned, and any error. With
        ``until``, return as soon as the text printed so far satisfies it (the code may still
        be running). A dropped connection is reopened and the code sent again, as a student
        clicks again after JupyterLab reconnects (at most ``retries`` times)."""
        for attempt in range(retries + 1):
            try:
                return await self._execute_once(code, timeout, until)
            except Closed as exc:
                if attempt == retries:
                    raise StudentError(str(exc)) from None
                self.log.append(f"reconnecting: {exc}")
                self.reconnects += 1
                await asyncio.sleep(1.0 + attempt)
                await self.connect(timeout)
        raise AssertionError("unreachable")

    async def _execute_once(self, code: str, timeout: float,
                            until: Callable[[str], bool] | None) -> Outcome:
        if self.ws is None:
            raise StudentError(f"{self.name}: no kernel connection")
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {"msg_id": msg_id, "username": self.name, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }
        t0 = time.monotonic()
        try:
            await self.ws.write_message(json.dumps(msg))
        except (WebSocketClosedError, StreamClosedError):
            raise Closed(f"{self.name}: the kernel connection was closed before "
                         f"{code[:80]!r}") from None
        out = Outcome()
        deadline = t0 + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise StudentError(f"{self.name}: no answer from the kernel in {timeout:g} s "
                                   f"to {code[:80]!r}")
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                why = (self.ws.close_code, self.ws.close_reason)
                raise Closed(f"{self.name}: the kernel connection closed {why} during "
                             f"{code[:80]!r}")
            reply = json.loads(raw)
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = reply["msg_type"], reply["content"]
            if kind == "stream":
                out.text += content["text"]
                if until is not None and until(out.text):
                    out.seconds = time.monotonic() - t0
                    return out
            elif kind in ("execute_result", "display_data"):
                out.text += content["data"].get("text/plain", "") + "\n"
            elif kind == "error":
                out.error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                out.seconds = time.monotonic() - t0
                return out

    async def run_notebook(self, path: str, timeout: float = 300.0) -> int:
        """Execute every code cell of a notebook in the home, in order; the cells run."""
        nb = await self.call("GET", f"{self.server}/api/contents/{quote(path)}?content=1")
        await self.open_kernel(path)
        n = 0
        for cell in nb["content"]["cells"]:
            if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
                continue
            out = await self.execute("".join(cell["source"]), timeout=timeout)
            if out.error:
                raise StudentError(f"{self.name}: {path}, code cell {n + 1}: {out.error}")
            n += 1
        return n

    async def answer(self, bank: str, question: str, value: Any) -> dict[str, Any]:
        """Check one answer in the kernel, as the quiz's Check button does; return the
        feedback's status, points and whether it was saved."""
        code = (f"_r = _quizzes[{bank!r}].answer({question!r}, {value!r})\n"
                "print(_json.dumps({'status': _r.status, 'points': _r.points, "
                "'saved': _r.saved, 'attempts': _r.attempts}))")
        out = await self.execute(code, timeout=120)
        if out.error:
            raise StudentError(f"{self.name}: answering {bank}/{question}: {out.error}")
        result: dict[str, Any] = json.loads(out.text.strip().splitlines()[-1])
        self.feedback_seconds.append(out.seconds)
        if result["saved"]:
            self.answered.setdefault(bank, {})[question] = (value, result["points"])
        return result

    async def open_quizzes(self, banks: list[str]) -> None:
        out = await self.execute(
            "import json as _json, geokit\n"
            f"_quizzes = {{b: geokit.quiz({ARTICLE!r}, b) for b in {banks!r}}}")
        if out.error:
            raise StudentError(f"{self.name}: opening the quizzes: {out.error}")

    async def saved(self) -> dict[str, dict[str, Any]]:
        """What a fresh quiz restores for every bank: question -> saved value."""
        out = await self.execute(
            "import json, geokit\n"
            f"_art = geokit.load_article({ARTICLE!r})\n"
            "print(json.dumps({b.id: {q.id: geokit.quiz(_art.id, b.id).saved(q.id)['value'] "
            "for q in b.questions if geokit.quiz(_art.id, b.id).saved(q.id)} "
            "for b in _art.quiz_banks}))")
        if out.error:
            raise StudentError(f"{self.name}: reading the saved answers: {out.error}")
        got: dict[str, dict[str, Any]] = json.loads(out.text.strip().splitlines()[-1])
        return got

    async def pids(self) -> tuple[int, int]:
        """(kernel PID, server PID): the kernel's parent is the student's Jupyter server."""
        out = await self.execute("import os; print(os.getpid(), os.getppid())")
        kernel, server = out.text.split()
        return int(kernel), int(server)

    async def stop_server(self) -> None:
        self.close_ws()
        await self.call("DELETE", f"/hub/api/users/{quote(self.name)}/server", ok=(202, 204))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            user = await self.call("GET", f"/hub/api/users/{quote(self.name)}")
            if not user.get("servers"):
                return
            await asyncio.sleep(0.5)
        raise StudentError(f"{self.name}: server did not stop within 60 s")


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by the nearest-rank method."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 1)) - 1))
    return ordered[k]
