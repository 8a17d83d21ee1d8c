"""Helpers for the browser suite: servers, the request log, notebook files and JupyterLab actions.

Kept out of conftest.py so that tests can import them by name.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

try:  # without Playwright the modules still import; the `browser` fixture then skips (or fails
    # under CI=true) with the reason, instead of a collection error
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - exercised only where Playwright is missing
    expect = None

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "browser"
VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_JS = VENDOR / "axe.min.js"
BIN = Path(sys.executable).parent

#: the only hosts a page may talk to
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

#: how long a whole lesson may take to run in the browser (cells, figures, widgets)
RUN_TIMEOUT_MS = 120_000


def find_chromium() -> Path | None:
    """Debian's Chromium: /usr/bin/chromium, else ``chromium`` (or ``chromium-browser``) on PATH."""
    fixed = Path("/usr/bin/chromium")
    if fixed.is_file() and os.access(fixed, os.X_OK):
        return fixed
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- servers -------------------------------------------------------------------------------------


@dataclass
class Server:
    """A server process on 127.0.0.1 that a test starts, waits for and always stops."""

    argv: list[str]
    env: dict[str, str]
    cwd: Path
    port: int
    log_path: Path
    token: str = ""
    #: a path whose answer shows the server is up (for Voilà a 404 path: GET / runs the notebook)
    probe: str = "api/status"
    probe_ok: tuple[int, ...] = (200,)
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    startup_seconds: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str = "", **query: str) -> str:
        params = dict(query)
        if self.token:
            params["token"] = self.token
        qs = "&".join(f"{k}={v}" if v != "" else k for k, v in params.items())
        return self.base + path.lstrip("/") + (f"?{qs}" if qs else "")

    # -- builders --------------------------------------------------------------------------

    @classmethod
    def jupyterlab(cls, root: Path, state: Path) -> Server:
        """JupyterLab serving ``root``, with all of its own state under ``state``."""
        port, token = free_port(), secrets.token_hex(16)
        env = isolated_env(state)
        config = Path(env["JUPYTER_CONFIG_DIR"])
        # The announcements plugin asks about news in a pop-up that can cover the widgets.
        (config / "labconfig").mkdir(parents=True, exist_ok=True)
        (config / "labconfig" / "page_config.json").write_text(
            '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}\n',
            encoding="utf-8",
        )
        argv = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--port={port}",
            "--port-retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--ServerApp.open_browser=False",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            argv.append("--allow-root")
        return cls(
            argv=argv, env=env, cwd=root, port=port, token=token, log_path=state / "server.log"
        )

    @classmethod
    def command(cls, argv: Sequence[str], cwd: Path, state: Path, port: int) -> Server:
        """Any server command (e.g. ``geokit serve-quiz``), probed with a path that runs nothing:
        Voilà answers a missing static file with 403 (GET / would execute the notebook)."""
        return cls(
            argv=list(argv),
            env=isolated_env(state),
            cwd=cwd,
            port=port,
            log_path=state / "server.log",
            probe="voila/static/geokit-readiness-probe.js",
            probe_ok=(403, 404),
        )

    # -- life cycle ------------------------------------------------------------------------

    def start(self, timeout: float = 90.0) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        url = self.url(self.probe)
        deadline = t0 + timeout
        last = ""
        while True:
            code = self.proc.poll()
            if code is not None:
                raise RuntimeError(
                    f"server exited with {code} before it was ready: "
                    f"{' '.join(self.argv)}\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    status = resp.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                status, last = 0, str(exc)
            if status in self.probe_ok:
                break
            if status:
                last = f"HTTP {status}"
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"server not ready after {timeout:g} s ({last}): "
                    f"{' '.join(self.argv)}\n{self.log_tail()}"
                )
            time.sleep(0.1)  # polling interval of a readiness loop, not a synchronisation
        self.startup_seconds = time.monotonic() - t0

    def stop(self) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()  # SIGTERM: the server shuts its kernels down cleanly
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # its own session: take its children too
            proc.wait(timeout=10)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


def isolated_env(state: Path) -> dict[str, str]:
    """The environment for a server: Jupyter's and geokit's state all under ``state``."""
    env = dict(os.environ)
    dirs = {
        "JUPYTER_CONFIG_DIR": state / "config",
        "JUPYTERLAB_SETTINGS_DIR": state / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": state / "lab-workspaces",
        "JUPYTER_RUNTIME_DIR": state / "runtime",
        "IPYTHONDIR": state / "ipython",
        "MPLCONFIGDIR": state / "matplotlib",
        "GEOKIT_STORE": state / "geokit-store",
    }
    for name, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONUNBUFFERED"] = "1"
    env.pop("MPLBACKEND", None)  # the kernel picks the inline backend itself
    env.pop("JUPYTERHUB_USER", None)
    return env


# -- the request log -----------------------------------------------------------------------------


class RequestLog:
    """Every request (and WebSocket) a page opens; :meth:`assert_offline` fails on any other
    host."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def attach(self, page: Any) -> None:
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("websocket", lambda ws: self.urls.append(ws.url))

    def external(self) -> list[str]:
        out = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about", "chrome-error"):
                continue
            if parts.hostname not in LOCAL_HOSTS:
                out.append(url)
        return sorted(set(out))

    def assert_offline(self) -> None:
        ext = self.external()
        assert not ext, (
            f"{len(ext)} request(s) left 127.0.0.1 (the page must work offline):\n" + "\n".join(ext)
        )
        assert self.urls, "no request was recorded at all: the request log is not attached"


# -- notebooks -----------------------------------------------------------------------------------


def write_notebook(path: Path, cells: Sequence[tuple[str, str]]) -> Path:
    """A notebook of ``(kind, source)`` cells, kind ``"code"`` or ``"markdown"``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for kind, source in cells:
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb.cells.append(make(source))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


# -- test articles -------------------------------------------------------------------------------


def _load_mini_article_maker() -> Any:
    """``make_mini_article`` from tests/conftest.py (loaded by path: both conftests are named
    ``conftest``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_geokit_tests_conftest", REPO / "tests" / "conftest.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_mini_article


def make_test_article(root: Path) -> dict[str, Path]:
    """Test articles under ``root``: ``mini-2020`` (a bank of every question type) and
    ``xss-2020`` (markup in every text a quiz shows). Returns their folders by id."""
    import yaml

    from ._banks import ALL_TYPES_BANK, XSS_PARAGRAPH, xss_bank

    make = _load_mini_article_maker()
    out = {}
    for article_id, banks in (
        ("mini-2020", {"all-types": ALL_TYPES_BANK}),
        ("xss-2020", {"xss": xss_bank()}),
    ):
        folder = make(root, article_id)
        if article_id == "xss-2020":  # markup in the article text itself (paragraph 3)
            source = folder / "source.txt"
            text = source.read_text(encoding="utf-8")
            last = text.rstrip("\n").rsplit("\n", 1)[1]
            source.write_text(text.replace(last, f"{last} {XSS_PARAGRAPH}"), encoding="utf-8")
            paras = yaml.safe_load((folder / "paragraphs.yaml").read_text(encoding="utf-8"))
            paras["paragraphs"][2]["text"] += f" {XSS_PARAGRAPH}"
            (folder / "paragraphs.yaml").write_text(
                yaml.safe_dump(paras, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        (folder / "quizzes").mkdir()
        for bank_id, bank in banks.items():
            (folder / "quizzes" / f"{bank_id}.yaml").write_text(
                yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        out[article_id] = folder
    return out


# -- JupyterLab actions --------------------------------------------------------------------------

ERROR_JS = r"""
() => {
  const out = [];
  for (const el of document.querySelectorAll(
      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')) {
    const mime = el.getAttribute('data-mime-type') || '';
    const text = el.innerText || '';
    if (mime === 'application/vnd.jupyter.stderr') {
      if (/Traceback|^\s*\w+(Error|Exception)\b/m.test(text)) out.push(text.slice(0, 2000));
    }
  }
  return out;
}
"""

#: the input prompts ("[ ]:", "[*]:", "[3]:") of the open notebook's non-empty code cells
#: (an empty cell never gets a count); null while no notebook is open
CODE_PROMPTS_JS = r"""() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  return [...panel.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell')]
    .filter(c => { const s = c.querySelector('.cm-content'); return !s || s.textContent.trim(); })
    .map(c => ((c.querySelector('.jp-InputPrompt') || {}).textContent || '').trim());
}"""


class Lab:
    """A student's actions in JupyterLab, each waiting on a condition it can see."""

    KERNEL_IDLE = re.compile(r"\(ipykernel\)\s*\|\s*Idle")

    def __init__(self, page: Any, server: Server) -> None:
        self.page = page
        self.server = server

    def open(self, relpath: str, workspace: str) -> None:
        """Open a notebook in a workspace of its own (nothing restored from other tests) and
        wait until its kernel is idle."""
        page = self.page
        page.goto(self.server.url(f"lab/workspaces/{workspace}/tree/{relpath}"))
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").wait_for(
            state="visible", timeout=60_000
        )
        self.wait_kernel_idle()
        self.collapse_left_sidebar()

    def collapse_left_sidebar(self) -> None:
        """More room for the lesson (and its screenshot): close the file browser."""
        current = self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if current.count():
            current.first.click()
            expect_gone = self.page.locator("#jp-left-stack:not(.lm-mod-hidden)")
            expect_gone.wait_for(state="hidden")

    def wait_kernel_idle(self, timeout: float = 60_000) -> None:
        # The status bar, not the toolbar: the toolbar says "idle" while the kernel is still
        # starting, and a Run All clicked then is lost (recipe, "Kernel readiness").
        self.page.locator(".jp-StatusBar-Item").filter(has_text=self.KERNEL_IDLE).first.wait_for(
            state="visible", timeout=timeout
        )

    def menu(self, top: str, item: str) -> None:
        page = self.page
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()

    def run_all(self, timeout: float = RUN_TIMEOUT_MS) -> None:
        """Edit > Clear Outputs of All Cells, then Run > Run All Cells, then wait until every
        non-empty code cell has a new execution count (or an error stopped the run) and the
        kernel is idle again. Clearing first matters: after a kernel restart the old counts
        are still shown, and "every cell has a count" would be true before anything ran."""
        self.menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            f"""() => {{ const p = ({CODE_PROMPTS_JS})();
                return p !== null && p.length > 0 && p.every(x => !/[0-9*]/.test(x)); }}""",
            timeout=10_000,
            polling=50,
        )
        self.menu("Run", "Run All Cells")
        self.wait_run_finished(timeout)

    def wait_run_finished(self, timeout: float = RUN_TIMEOUT_MS) -> None:
        self.page.wait_for_function(
            f"""() => {{
              const p = ({CODE_PROMPTS_JS})();
              if (p === null || p.length === 0 || p.some(x => x.includes('*'))) return false;
              if (p.every(x => /\\[\\d+\\]/.test(x))) return true;
              return ({ERROR_JS})().length > 0;  // an error stops Run All: the rest stay [ ]
            }}""",
            timeout=timeout,
            polling=100,
        )
        self.wait_kernel_idle(timeout)
        self.wait_widgets_rendered()

    def wait_widgets_rendered(self, timeout: float = 30_000) -> None:
        wait_widgets_rendered(self.page, timeout)

    def restart_kernel(self) -> None:
        """Kernel > Restart Kernel (confirmed) and wait until it is idle with no outputs run."""
        page = self.page
        self.menu("Kernel", "Restart Kernel…")
        page.locator(".jp-Dialog-button.jp-mod-accept").click()
        page.locator(".jp-Dialog").wait_for(state="detached")
        self.wait_kernel_idle()

    def prompts(self) -> list[str]:
        return self.page.evaluate(CODE_PROMPTS_JS) or []

    def errors(self) -> list[str]:
        return self.page.evaluate(ERROR_JS)

    def assert_clean_run(self) -> None:
        """No error output, every code cell ran, no widget left loading or failed."""
        errors = self.errors()
        assert not errors, "cell error output(s):\n" + "\n---\n".join(errors)
        prompts = self.prompts()
        assert prompts, "no code cell found in the open notebook"
        not_run = [i for i, p in enumerate(prompts, 1) if not re.search(r"\[\d+\]", p)]
        assert not not_run, f"non-empty code cells (by position) that did not run: {not_run}"
        assert_no_widget_failures(self.page)


WIDGETS_RENDERED_JS = """() => {
  if (document.body.innerText.includes('Loading widget')) return false;
  // ipywidgets renders a box's children asynchronously: a quiz is there once every question
  // has its parts (prompt, answer, Check, feedback, citations)
  return [...document.querySelectorAll('.geokit-quiz')].every(quiz => {
    const qs = [...quiz.querySelectorAll('.geokit-question')];
    return quiz.querySelector('.geokit-score') && qs.length > 0 && qs.every(q =>
      ['.geokit-prompt', '.geokit-answer', '.geokit-check', '.geokit-feedback',
       '.geokit-citations'].every(part => q.querySelector(part)));
  });
}"""


def wait_widgets_rendered(page: Any, timeout: float = 30_000) -> None:
    """Until no "Loading widget..." placeholder is left and every quiz has all its parts. On
    timeout this returns anyway: the assertions that follow say what is missing."""
    with contextlib.suppress(Exception):
        page.wait_for_function(WIDGETS_RENDERED_JS, timeout=timeout, polling=100)


def assert_no_widget_failures(page: Any) -> None:
    body = page.locator("body").inner_text()
    for bad in (
        "Loading widget",
        "Error displaying widget",
        "Failed to load model class",
        "Model not found",
    ):
        assert bad not in body, f"{bad!r} is shown on the page"


SCROLLER_JS = """() => {
  const notebook = document.querySelector(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  if (notebook) return notebook;
  const all = [document.scrollingElement, document.body, ...document.querySelectorAll('*')];
  return all.find(el => el && el.scrollHeight > el.clientHeight + 1 &&
      (el === document.scrollingElement ||
       /(auto|scroll)/.test(getComputedStyle(el).overflowY))) || document.scrollingElement;
}"""


def full_screenshot(page: Any, name: str, max_pages: int = 40) -> list[Path]:
    """The whole open notebook (or Voilà page), top to bottom, one picture per screenful:
    ``<name>-01.png``, ``<name>-02.png``... (a single picture of a long lesson is too tall for
    Chromium and too small to read). Scrolls back to the top afterwards."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 1600})
    for old in ARTIFACTS.glob(f"{name}-[0-9][0-9].png"):
        old.unlink()
    shots = []
    try:
        for i in range(1, max_pages + 1):
            # scroll one screenful (less a strip, so no line is cut in two), wait two frames
            page.evaluate(
                f"""(first) => new Promise(r => {{
                  const el = ({SCROLLER_JS})();
                  el.scrollTop = first ? 0 : el.scrollTop + el.clientHeight - 80;
                  requestAnimationFrame(() => requestAnimationFrame(r));
                }})""",
                i == 1,
            )
            shots.append(screenshot(page, f"{name}-{i:02d}"))
            at_end = page.evaluate(
                f"""() => {{ const el = ({SCROLLER_JS})();
                     return el.scrollTop + el.clientHeight >= el.scrollHeight - 2; }}"""
            )
            if at_end:
                break
    finally:
        page.evaluate(f"() => {{ ({SCROLLER_JS})().scrollTop = 0; }}")
        page.set_viewport_size(size)
    return shots


def screenshot(target: Any, name: str, **kwargs: Any) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    target.screenshot(path=str(path), **kwargs)
    return path
