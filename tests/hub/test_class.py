"""A whole class on a real hub: N students (GEOKIT_HUB_STUDENTS, default 30) log in through the
API, spawn, get the student edition with nbgitpuller, run a lesson and answer every quiz through
the kernel, two of them clicking in Chromium; then the instructor collects and grades."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geokit.data.loader import load_article

from .answers import banks, plan
from .browser import chromium, click_through
from .conftest import IN_CI, LESSON, N_STUDENTS, unavailable
from .harness import ARTICLE, REPO, Hub, children, pss_mib, run_async
from .students import Student, percentile

#: the whole class must be done in this time, or the test fails (it never hangs)
CLASS_TIMEOUT = 480.0
N_BROWSER = 2


def gitpuller_link(hub: Hub, repo: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "geokit", "hub", "link", hub.url, repo, "--targetpath", "geokit",
         "--path", LESSON], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def browser_answers() -> list[tuple[str, str, str, float]]:
    """The single-choice questions of the lesson's quiz, answered right by clicking:
    (question id, start of its prompt, label of the right option, points)."""
    bank = next(b for b in load_article(ARTICLE).quiz_banks if b.id == "sources")
    out = []
    for q in bank.questions:
        if q.type == "single_choice":
            right = next(o for o in q.options if o.correct)
            out.append((q.id, " ".join(q.prompt.split()[:4]), right.text,
                        q.points))
    return out


async def work_through(s: Student, index: int, repo: str, skip: set[str]) -> None:
    await s.login()
    await s.spawn()
    await s.pull(repo)
    cells = await s.run_notebook(f"geokit/{LESSON}")
    assert cells > 3
    await s.open_quizzes(banks())
    for bank, questions in plan(index).items():
        for qid, value in questions:
            if qid in skip:
                continue
            result = await s.answer(bank, qid, value)
            assert result["saved"], f"{s.name}: {bank}/{qid} not saved: {result}"


async def memory_of(s: Student) -> float:
    """PSS of the student's server and everything it runs (kernels), in MiB."""
    _, server = await s.pids()
    return pss_mib(server) + sum(pss_mib(p) for p in children(server))


async def run_class(hub: Hub, repo: str, link: str, names: list[str]) -> dict[str, object]:
    students = [Student(hub, n) for n in names]
    clicks = browser_answers()
    clicked_ids = {c[0] for c in clicks}
    browser_names = set(names[:N_BROWSER]) if chromium() else set()
    feedback: dict[str, list[str]] = {}

    async def one(i: int, s: Student) -> None:
        if s.name in browser_names:
            # the student clicks through the lesson's quiz in Chromium first...
            feedback[s.name] = await asyncio.to_thread(
                click_through, hub.url, s.name, link, [(c[1], c[2]) for c in clicks])
            # ...then answers the rest of every quiz in a notebook of their own
            await s.login()
            await s.open_kernel("geokit/scratch.ipynb")
            await s.open_quizzes(banks())
            for bank, questions in plan(i).items():
                for qid, value in questions:
                    if qid not in clicked_ids:
                        assert (await s.answer(bank, qid, value))["saved"]
            s.answered.setdefault("sources", {}).update(
                {c[0]: (c[2], c[3]) for c in clicks})
        else:
            await work_through(s, i, repo, set())

    t0 = time.monotonic()
    await asyncio.wait_for(asyncio.gather(*(one(i, s) for i, s in enumerate(students))),
                           CLASS_TIMEOUT)
    elapsed = time.monotonic() - t0
    memory = [await memory_of(s) for s in students if s.name not in browser_names]
    for s in students:
        s.close_ws()
    return {"students": students, "elapsed": elapsed, "memory": memory,
            "browser": browser_names, "feedback": feedback}


def test_a_class_of_students_is_taught_collected_and_graded(
        hub: Hub, student_repo: str, tmp_path: Path) -> None:
    if not chromium() and IN_CI:
        unavailable("no Chromium at /usr/bin/chromium for the two students who click")
    names = [f"student{i:03d}" for i in range(N_STUDENTS)]
    absent = "student-absent"  # on the class list, never logs in
    hub.create_users([*names, absent])
    link = gitpuller_link(hub, student_repo)
    assert link.startswith(f"{hub.url}/hub/user-redirect/git-pull?repo=")

    got = run_async(run_class(hub, student_repo, link, names))
    students: list[Student] = got["students"]  # type: ignore[assignment]
    spawn = [s.spawn_seconds for s in students if s.spawn_seconds]
    latency = [x for s in students for x in s.feedback_seconds]
    memory: list[float] = got["memory"]  # type: ignore[assignment]
    summary = {
        "students": len(students), "browser_students": sorted(got["browser"]),  # type: ignore
        "class_seconds": round(got["elapsed"], 1),  # type: ignore[arg-type]
        "spawn_p50_s": round(percentile(spawn, 0.5), 2),
        "spawn_p95_s": round(percentile(spawn, 0.95), 2),
        "answers": len(latency), "reconnects": sum(s.reconnects for s in students),
        "feedback_p99_ms": round(1000 * percentile(latency, 0.99), 1),
        "memory_per_student_mib": round(sum(memory) / max(1, len(memory)), 1),
    }
    print("class on the hub:", json.dumps(summary))
    for name, texts in got["feedback"].items():  # type: ignore[union-attr]
        assert all("Correct" in t for t in texts), (name, texts)

    # the instructor collects through the hub's API (servers stopped meanwhile are started)...
    collected = tmp_path / "collected"
    env = dict(os.environ, GEOKIT_HUB_TOKEN=hub.admin_token)
    out = subprocess.run(
        [sys.executable, "-m", "geokit", "hub", "collect", str(collected), "--hub", hub.url,
         "--start"], capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr
    roster = (collected / "roster.txt").read_text().split()
    assert set(roster) >= {*names, absent}
    # ...and grades what was collected
    grades = tmp_path / "grades.csv"
    out = subprocess.run([sys.executable, "-m", "geokit", "gradebook", str(collected), "-o",
                          str(grades)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = {r["student"]: r for r in csv.DictReader(grades.open(encoding="utf-8"))}
    total_col = next(k for k in next(iter(rows.values())) if k.startswith("total"))
    for s in students:
        expected = sum(points for answers in s.answered.values() for _, points in answers.values())
        assert s.name in rows, f"{s.name} is missing from the gradebook"
        assert float(rows[s.name][total_col]) == pytest.approx(expected), s.name
        n_answers = sum(len(a) for a in s.answered.values())
        assert n_answers == sum(len(q) for q in plan(0).values()), s.name
    assert float(rows[absent][total_col]) == 0
    assert "no answers" in rows[absent]["notes"]
    assert len(rows) == len(names) + 1
    assert REPO.exists()
