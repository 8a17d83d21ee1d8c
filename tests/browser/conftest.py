"""Fixtures for the real-browser suite: Debian's Chromium driven by Playwright (sync API), against
JupyterLab (or Voilà) serving a fresh copy of the lessons on 127.0.0.1.

Without a browser (or Playwright) every test here skips with the reason; with ``CI=true`` the same
condition fails the suite instead, so CI cannot pass by skipping. See tests/browser/README.md
for the flags, selectors and waits these fixtures rest on.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from _chromium import FLAGS

from geokit.teach.editions import lessons_in

from ._harness import (
    ARTIFACTS,
    REPO,
    RequestLog,
    Server,
    find_chromium,
    make_test_article,
    write_notebook,
)

#: a code cell that shows one bank of one article folder, as a lesson does
QUIZ_CELL = "import geokit\n\nquiz = geokit.quiz({article!r}, {bank!r})\nquiz.show()"

IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Skip, or under CI=true fail: CI must never pass by skipping the browser suite."""
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test in this folder is a browser test; the module-level pytestmark says so too, this
    # catches one that forgets.
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# -- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        unavailable(
            "no Chromium found (looked for /usr/bin/chromium and `chromium` on PATH); "
            "install it with `apt-get install chromium` (.ci/run does)"
        )
    return str(path)


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright (Python) is not installed; `pip install '.[test]'`")
    args = FLAGS  # offline and quiet (tests/_chromium.py)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=args, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def requests_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def page(browser, requests_log: RequestLog, request: pytest.FixtureRequest) -> Iterator[object]:
    """A page in a fresh browser context; every request it makes is recorded, and the test fails
    at teardown if any went to a host other than 127.0.0.1/localhost."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000}, device_scale_factor=1, reduced_motion="reduce"
    )
    context.set_default_timeout(30_000)
    pg = context.new_page()
    requests_log.attach(pg)
    try:
        yield pg
    finally:
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
            try:
                pg.screenshot(path=str(ARTIFACTS / f"FAILED-{name}.png"))
            except Exception as exc:
                print(f"could not save a failure screenshot: {exc}")
        context.close()
    requests_log.assert_offline()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


# -- what is served ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def served_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of notebooks/ plus the suite's own notebooks, made once per run.

    Layout::

        root/notebooks/NN-*.ipynb        the lessons, copied (the server autosaves into these)
        root/harness/articles/...        test articles (the quiz of every type, the XSS article)
        root/harness/*.ipynb             notebooks that show their banks
    """
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(
        REPO / "notebooks",
        root / "notebooks",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", ".geokit"),
    )
    # The lessons may read files relative to the repository (e.g. ../data); give them the same
    # neighbours they have in the checkout, read-only in spirit (a symlink, not a copy).
    if (REPO / "data").is_dir():
        (root / "data").symlink_to(REPO / "data", target_is_directory=True)
    harness = root / "harness"
    articles = harness / "articles"
    make_test_article(articles)
    return root


@pytest.fixture(scope="session")
def lab(
    served_root: Path,
    tmp_path_factory: pytest.TempPathFactory,
    browser: object,
) -> Iterator[Server]:
    """JupyterLab on 127.0.0.1 (free port, token) serving ``served_root``; one per run."""
    state = tmp_path_factory.mktemp("lab-state")
    server = Server.jupyterlab(served_root, state)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def lesson_paths() -> list[Path]:
    return lessons_in(REPO / "notebooks")


def harness_notebook(root: Path, name: str, cells: list[tuple[str, str]]) -> str:
    """Write ``root/harness/<name>.ipynb`` and return its path relative to ``root``."""
    path = root / "harness" / f"{name}.ipynb"
    write_notebook(path, cells)
    return str(path.relative_to(root))


def dump(obj: object) -> str:
    return json.dumps(obj, indent=1, ensure_ascii=False, default=str)


__all__ = ["IN_CI", "harness_notebook", "lesson_paths", "sys"]
