"""A student in Chromium on the hub: log in on the hub's page, follow the nbgitpuller link, run
the lesson, click answers, read the feedback (Playwright's sync API, Debian's Chromium)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from _chromium import FLAGS

from .harness import PASSWORD, REPO

ARTIFACTS = REPO / "test-artifacts" / "hub"
LOCAL = ("127.0.0.1", "localhost")
KERNEL_IDLE = re.compile(r"\(ipykernel\)\s*\|\s*Idle")


def chromium() -> str:
    """Debian's Chromium, or '' when it is not installed."""
    fixed = Path("/usr/bin/chromium")
    if fixed.exists():
        return str(fixed)
    return shutil.which("chromium") or ""


def click_through(hub_url: str, name: str, link: str, answers: list[tuple[str, str]],
                  screenshot: bool = True) -> list[str]:
    """Log in as ``name``, open ``link`` (the nbgitpuller link), Run All, then for each
    (question prompt start, option label) click the option and Check; return the feedback
    texts. Fails on any request to a host other than 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    foreign: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(120_000)

            def record(req: Any) -> None:
                host = re.sub(r"^[a-z]+://([^/:]+).*$", r"\1", req.url)
                if req.url.startswith(("http", "ws")) and host not in LOCAL:
                    foreign.append(req.url)

            page.on("request", record)
            try:
                feedback = _student(page, hub_url, name, link, answers)
            except Exception:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"FAILED-{name}.png"))
                raise
            if screenshot:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        finally:
            browser.close()
    assert not foreign, f"requests beyond 127.0.0.1: {foreign[:5]}"
    return feedback


def _student(page: Any, hub_url: str, name: str, link: str,
             answers: list[tuple[str, str]]) -> list[str]:
    from playwright.sync_api import expect

    page.goto(f"{hub_url}/hub/login")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(r".*/(spawn-pending|user|hub/home).*"), timeout=120_000)
    page.goto(link)  # starts the server if needed, clones, opens the lesson
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").wait_for(
        state="visible", timeout=240_000)
    page.locator(".jp-StatusBar-Item").filter(has_text=KERNEL_IDLE).first.wait_for(
        state="visible", timeout=120_000)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
    quiz = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .geokit-quiz")
    expect(quiz).to_have_count(1, timeout=120_000)
    feedback = []
    for prompt, label in answers:
        question = quiz.locator(".geokit-question", has_text=prompt)
        question.get_by_label(label, exact=True).check()
        question.locator("button.geokit-check").click()
        fb = question.locator(".geokit-feedback")
        expect(fb).to_contain_text("Correct", timeout=60_000)
        feedback.append(fb.inner_text())
    return feedback
