"""A real JupyterHub on 127.0.0.1 for the hub tests and the hub benchmark.

:class:`Hub` starts configurable-http-proxy (vendored from the npm registry by `make test`) and
JupyterHub with deploy/jupyterhub_config.py, swapping only what needs the outside world: a
test authenticator, local-process spawners with homes under the run's own temporary folder,
the addresses. :class:`Student` (in students.py) drives one student through the hub's REST API
and a kernel's websocket. Every wait is bounded; every process is stopped by its own PID.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VENDOR = Path(__file__).resolve().parent / "vendor"
CHP = VENDOR / "node_modules" / ".bin" / "configurable-http-proxy"
DEPLOY_CONFIG = REPO / "deploy" / "jupyterhub_config.py"
PASSWORD = "class-password"  # the test authenticator's shared password (never a real one)
ARTICLE = "pakistan-russia-2012"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def missing_tools() -> str:
    """Why a hub cannot be started here, or '' if it can."""
    if shutil.which("node") is None:
        return "node is not installed (apt-get install nodejs npm; .ci/run does)"
    if not CHP.exists():
        return f"configurable-http-proxy is not vendored at {CHP} (run `make test`, which runs npm)"
    if not (BIN / "jupyterhub").exists() or not (BIN / "jupyterhub-singleuser").exists():
        return "JupyterHub is not installed in this environment (pip install '.[test]')"
    return ""


def children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (read from /proc), deepest last."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def pss_mib(pid: int) -> float:
    """Proportional set size of one process (shared pages split among their users), in MiB."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not alive
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def stop_pid(pid: int, grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds: one process we started, by its PID."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


TEST_CONFIG = """\
# written by tests/hub/harness.py: deploy/jupyterhub_config.py with the outside world swapped out
import json
c = get_config()  # noqa: F821
load_subconfig({deploy!r})  # noqa: F821
t = json.loads({settings!r})
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = t["password"]
c.Authenticator.allow_all = True
c.Authenticator.admin_users = set()
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = t["homes"] + "/{{username}}"
c.Spawner.cmd = [t["singleuser"]]
c.Spawner.args = list(c.Spawner.args) + t["extra_args"]
c.Spawner.environment = dict(c.Spawner.environment, **t["environment"])
# every student's kernels' sockets under a short folder of the run's own (a Unix socket's path
# is limited to 107 bytes)
c.Spawner.environment["JUPYTER_RUNTIME_DIR"] = lambda sp: t["runtime"] + "/" + sp.user.name
c.Spawner.poll_interval = 2
c.Spawner.mem_limit = None
c.Spawner.cpu_limit = None
c.JupyterHub.bind_url = t["public_url"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = t["hub_port"]
c.JupyterHub.db_url = "sqlite:///" + t["root"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = t["root"] + "/cookie_secret"
c.JupyterHub.pid_file = t["root"] + "/jupyterhub.pid"
c.JupyterHub.last_activity_interval = 5
c.JupyterHub.api_page_max_limit = 10  # so that a class of 30 needs several pages of users
c.ConfigurableHTTPProxy.should_start = False
c.ConfigurableHTTPProxy.api_url = t["proxy_api"]
c.ConfigurableHTTPProxy.auth_token = t["proxy_token"]
c.JupyterHub.services = list(c.JupyterHub.services) + [
    {{"name": "class-admin", "api_token": t["admin_token"]}}]
# the tests run the deploy's idle culler themselves, with a short timeout, under the deploy's role
for role in c.JupyterHub.load_roles:
    if role["name"] == "idle-culler":
        role["services"] = list(role["services"]) + ["idle-culler-test"]
c.JupyterHub.services.append({{"name": "idle-culler-test", "api_token": t["culler_token"]}})
c.JupyterHub.load_roles = list(c.JupyterHub.load_roles) + [
    {{"name": "class-admin", "services": ["class-admin"],
      "scopes": ["admin:users", "admin:servers", "access:servers", "tokens",
                 "list:services", "read:services"]}}]
"""


class Hub:
    """configurable-http-proxy and JupyterHub on 127.0.0.1, with everything under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.homes = root / "homes"
        self.homes.mkdir(parents=True, exist_ok=True)
        self.port, self.proxy_api_port, self.hub_port = free_port(), free_port(), free_port()
        self.admin_token = secrets.token_hex(24)
        self.proxy_token = secrets.token_hex(24)
        self.proxy: subprocess.Popen[bytes] | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self.server_pids: set[int] = set()
        self.culler_token = secrets.token_hex(24)
        self.runtime = Path(tempfile.mkdtemp(prefix="gkrt-"))
        # a Lab without the announcements pop-up (it can cover the quiz in a browser)
        self.jupyter_config = root / "jupyter-config"
        (self.jupyter_config / "labconfig").mkdir(parents=True, exist_ok=True)
        (self.jupyter_config / "labconfig" / "page_config.json").write_text(
            '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}\n')

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PATH"] = os.pathsep.join([str(BIN), str(CHP.parent), env.get("PATH", "")])
        # the student servers start in their homes: a relative PYTHONPATH (src) must be absolute
        if env.get("PYTHONPATH"):
            env["PYTHONPATH"] = os.pathsep.join(
                str(Path(p).resolve()) for p in env["PYTHONPATH"].split(os.pathsep) if p)
        env.pop("GEOKIT_STORE", None)
        env.pop("JUPYTERHUB_API_TOKEN", None)
        return env

    def write_config(self) -> Path:
        settings = {
            "password": PASSWORD,
            "homes": str(self.homes),
            "singleuser": str(BIN / "jupyterhub-singleuser"),
            "extra_args": ["--allow-root"] if AS_ROOT else [],
            "environment": {"JUPYTERHUB_ACTIVITY_INTERVAL": "5",
                            "JUPYTER_CONFIG_DIR": str(self.jupyter_config)},
            "public_url": self.url,
            "hub_port": self.hub_port,
            "root": str(self.root),
            "proxy_api": f"http://127.0.0.1:{self.proxy_api_port}",
            "proxy_token": self.proxy_token,
            "admin_token": self.admin_token,
            "culler_token": self.culler_token,
            "runtime": str(self.runtime),
        }
        path = self.root / "jupyterhub_config.py"
        path.write_text(TEST_CONFIG.format(deploy=str(DEPLOY_CONFIG),
                                           settings=json.dumps(settings)))
        return path

    # -- life cycle ------------------------------------------------------------------------

    def start(self, timeout: float = 90.0) -> None:
        if self.proxy is None:
            env = self.env() | {"CONFIGPROXY_AUTH_TOKEN": self.proxy_token}
            log = (self.root / "proxy.log").open("ab")
            self.proxy = subprocess.Popen(
                [str(CHP), "--ip", "127.0.0.1", "--port", str(self.port), "--api-ip",
                 "127.0.0.1", "--api-port", str(self.proxy_api_port), "--default-target",
                 f"http://127.0.0.1:{self.hub_port}", "--error-target",
                 f"http://127.0.0.1:{self.hub_port}/hub/error", "--log-level", "warn"],
                cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT)
        config = self.write_config()
        log = (self.root / "hub.log").open("ab")
        self.proc = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)], cwd=self.root, env=self.env(),
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited ({self.proc.returncode}):\n{self.log()}")
            try:
                status, _ = self.api("GET", "/hub/api/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not answer within {timeout:g} s:\n{self.log()}")

    def culler(self, timeout: int) -> subprocess.Popen[bytes]:
        """The deploy's idle culler with a short timeout, run by the test (stop it by PID)."""
        log = (self.root / "culler.log").open("ab")
        return subprocess.Popen(
            [sys.executable, "-m", "jupyterhub_idle_culler",
             f"--url=http://127.0.0.1:{self.hub_port}/hub/api", f"--timeout={timeout}",
             f"--cull-every={max(1, timeout // 5)}"],
            cwd=self.root, env=self.env() | {"JUPYTERHUB_API_TOKEN": self.culler_token},
            stdout=log, stderr=subprocess.STDOUT)

    def log(self, tail: int = 60) -> str:
        try:
            return "\n".join((self.root / "hub.log").read_text(errors="replace")
                             .splitlines()[-tail:])
        except OSError:
            return ""

    def note_servers(self) -> None:
        """Remember every process the hub has started (servers, kernels, services)."""
        if self.proc is not None and self.proc.poll() is None:
            self.server_pids.update(children(self.proc.pid))

    def stop_hub(self) -> None:
        """Stop the hub alone (its students' servers keep running: cleanup_servers is False)."""
        self.note_servers()
        if self.proc is not None:
            stop_pid(self.proc.pid, grace=20)
            with contextlib.suppress(Exception):
                self.proc.wait(timeout=5)
            self.proc = None

    def restart(self) -> float:
        """Stop the hub and start it again with the same database; return the downtime."""
        t0 = time.monotonic()
        self.stop_hub()
        self.start()
        return time.monotonic() - t0

    def stop_all_servers(self, timeout: float = 60.0) -> None:
        with contextlib.suppress(Exception):
            for user in self.users():
                if user.get("servers"):
                    self.api("DELETE", f"/hub/api/users/{user['name']}/server")
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and any(u.get("servers") for u in self.users()):
                time.sleep(0.5)

    def close(self) -> None:
        """Stop every server, the hub and the proxy; then any process they left, by PID."""
        self.note_servers()
        if self.proc is not None and self.proc.poll() is None:
            self.stop_all_servers()
        self.stop_hub()
        if self.proxy is not None:
            stop_pid(self.proxy.pid)
            with contextlib.suppress(Exception):
                self.proxy.wait(timeout=5)
            self.proxy = None
        for pid in sorted(self.server_pids):
            if alive(pid):
                stop_pid(pid, grace=5)
        shutil.rmtree(self.runtime, ignore_errors=True)

    # -- REST ------------------------------------------------------------------------------

    def api(self, method: str, path: str, body: Any = None, token: str | None = None,
            timeout: float = 30.0, paginated: bool = False) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"token {token or self.admin_token}"}
        if paginated:
            headers["Accept"] = "application/jupyterhub-pagination+json"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                raw = resp.read()
                status = resp.status
        except urllib.error.HTTPError as exc:
            raw, status = exc.read(), exc.code
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw.decode(errors="replace")

    def users(self) -> list[dict[str, Any]]:
        """Every user, page by page (at most 1,000 pages)."""
        out: list[dict[str, Any]] = []
        for _ in range(1000):
            status, body = self.api("GET", f"/hub/api/users?offset={len(out)}", paginated=True)
            assert status == 200, body
            out += body["items"]
            if not body["_pagination"].get("next") or not body["items"]:
                break
        return out

    def create_users(self, names: list[str]) -> None:
        status, body = self.api("POST", "/hub/api/users", {"usernames": names})
        assert status in (201, 409), body


def run_async(coro: Any) -> Any:
    """``asyncio.run(coro)``, in a thread of its own when this thread already runs an event loop
    (Playwright's sync API, used by the browser tests in the same session, leaves one running)."""
    import asyncio
    import concurrent.futures

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
