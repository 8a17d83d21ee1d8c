"""How many students this machine holds on a real JupyterHub: step N until feedback slows.

    .venv/bin/python benchmarks/hub.py -o benchmarks/results.json     (about 15 minutes)

Beside ``geokit bench`` (which measures the kit in one process), this starts the hub the tests
use (tests/hub/harness.py: deploy/jupyterhub_config.py, configurable-http-proxy, local-process
spawners, everything on 127.0.0.1) and, for N = 10, 20, 30, 45, 60, 80, 100, 120 students in
turn, has all N at once log in through the API, spawn a server, clone the student edition with
nbgitpuller, run lesson 00 in a kernel, then answer every question of every quiz through the
kernel with a think time of 1 to 2 s (a class answers far more slowly: this is a burst). It
records spawn time, answer-to-feedback latency, and memory (PSS and RSS) and CPU per student
server with its kernel. Stepping stops at 120 students, when p99 feedback reaches 1 s, when a
step fails, or when the next step's memory would pass 16 GiB or what the machine has free.

The results go under the key "hub" of the JSON file given with -o; other keys are kept.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from hub.answers import banks, plan  # noqa: E402
from hub.harness import Hub, children, missing_tools  # noqa: E402
from hub.students import Student, percentile  # noqa: E402

STEPS = (10, 20, 30, 45, 60, 80, 100, 120)
MEMORY_CEILING_MIB = 16 * 1024
P99_LIMIT_S = 1.0
STEP_TIMEOUT_S = 900.0
LESSON = "00-reading-the-source.ipynb"
TICK = os.sysconf("SC_CLK_TCK")


def mem_available_mib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return 0.0


def proc_figures(pid: int) -> tuple[float, float, float]:
    """(PSS MiB, RSS MiB, CPU seconds) of one process."""
    pss = rss = 0.0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
            elif line.startswith("Rss:"):
                rss = int(line.split()[1]) / 1024
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0, 0.0, 0.0
    return pss, rss, cpu


def student_edition(root: Path) -> str:
    out, repo = root / "editions", root / "student-edition"
    subprocess.run([sys.executable, "-m", "geokit", "editions", "build", str(out), "--source",
                    str(REPO / "notebooks")], check=True, capture_output=True)
    shutil.copytree(out / "student", repo)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "edition"]):
        subprocess.run([*git, *args], cwd=repo, check=True)
    return repo.as_uri()


async def one_student(s: Student, index: int, repo: str, rng: random.Random) -> None:
    await s.login()
    await s.spawn()
    await s.pull(repo)
    await s.run_notebook(f"geokit/{LESSON}")
    await s.open_quizzes(banks())
    for bank, questions in plan(index).items():
        for qid, value in questions:
            await asyncio.sleep(rng.uniform(1.0, 2.0))
            await s.answer(bank, qid, value)


async def step(hub: Hub, n: int, repo: str) -> dict[str, Any]:
    names = [f"n{n:03d}s{i:03d}" for i in range(n)]
    hub.create_users(names)
    students = [Student(hub, name) for name in names]
    rng = random.Random(n)  # noqa: S311 - think times, not secrets
    t0 = time.monotonic()
    await asyncio.wait_for(
        asyncio.gather(*(one_student(s, i, repo, rng) for i, s in enumerate(students))),
        STEP_TIMEOUT_S)
    elapsed = time.monotonic() - t0
    pss, rss, cpu = [], [], []
    for s in students:
        _, server = await s.pids()
        figs = [proc_figures(p) for p in (server, *children(server))]
        pss.append(sum(f[0] for f in figs))
        rss.append(sum(f[1] for f in figs))
        cpu.append(sum(f[2] for f in figs))
    hub_pss = proc_figures(hub.proc.pid)[0] if hub.proc else 0.0
    spawn = [s.spawn_seconds for s in students]
    latency = [x for s in students for x in s.feedback_seconds]
    await asyncio.gather(*(s.stop_server() for s in students))
    return {
        "n": n,
        "seconds": round(elapsed, 1),
        "spawn_p50_s": round(percentile(spawn, 0.5), 2),
        "spawn_p95_s": round(percentile(spawn, 0.95), 2),
        "answers": len(latency),
        "feedback_p50_ms": round(1000 * percentile(latency, 0.5), 1),
        "feedback_p99_ms": round(1000 * percentile(latency, 0.99), 1),
        "reconnects": sum(s.reconnects for s in students),
        "pss_mean_mib": round(sum(pss) / n, 1),
        "rss_mean_mib": round(sum(rss) / n, 1),
        "rss_p95_mib": round(percentile(rss, 0.95), 1),
        "cpu_s_per_student": round(sum(cpu) / n, 2),
        "hub_pss_mib": round(hub_pss, 1),
    }


def run(steps: tuple[int, ...]) -> dict[str, Any]:
    why = missing_tools()
    if why:
        raise SystemExit(f"benchmarks/hub.py: {why}")
    root = Path(tempfile.mkdtemp(prefix="geokit-hub-bench-"))
    rows: list[dict[str, Any]] = []
    stopped = f"reached the last step ({steps[-1]} students)"
    hub = Hub(root / "hub")
    try:
        repo = student_edition(root)
        hub.start()
        for n in steps:
            if rows:
                need = n * rows[-1]["pss_mean_mib"] * 1.1
                free = mem_available_mib() - 4096
                if need > min(MEMORY_CEILING_MIB, free):
                    stopped = (f"stopped before {n} students: they would need about "
                               f"{need / 1024:.1f} GiB (ceiling 16 GiB; {free / 1024:.1f} GiB "
                               "free beyond a 4 GiB reserve)")
                    break
            print(f"{n} students ...", file=sys.stderr, flush=True)
            try:
                row = asyncio.run(step(hub, n, repo))
            except Exception as exc:  # a step that cannot finish is the machine's limit
                stopped = f"stopped at {n} students: {type(exc).__name__}: {exc}"[:300]
                print(stopped, "\nthe hub's log ends:\n", hub.log(200), file=sys.stderr)
                hub.stop_all_servers(timeout=300)
                break
            print(json.dumps(row), file=sys.stderr, flush=True)
            rows.append(row)
            if row["feedback_p99_ms"] >= 1000 * P99_LIMIT_S:
                stopped = f"stopped at {n} students: p99 feedback {row['feedback_p99_ms']} ms"
                break
    finally:
        hub.close()
        shutil.rmtree(root, ignore_errors=True)
    held = [r["n"] for r in rows if r["feedback_p99_ms"] < 1000 * P99_LIMIT_S]
    at30 = next((r for r in rows if r["n"] == 30), rows[-1] if rows else {})
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                    "memory_gib": round(os.sysconf("SC_PAGE_SIZE")
                                        * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)},
        "summary": "N students at once on a real JupyterHub (local-process spawners, "
                   "127.0.0.1): log in, spawn, nbgitpuller, run lesson 00, answer every quiz "
                   "question through the kernel with 1-2 s think time",
        "figures": {
            "students_at_30": at30.get("n"),
            "spawn_s": {"p50": at30.get("spawn_p50_s"), "p95": at30.get("spawn_p95_s")},
            "feedback_ms": {"p50": at30.get("feedback_p50_ms"),
                            "p99": at30.get("feedback_p99_ms")},
            "memory_per_student_mib": {"pss_mean": at30.get("pss_mean_mib"),
                                       "rss_mean": at30.get("rss_mean_mib"),
                                       "rss_p95": at30.get("rss_p95_mib")},
            "cpu_s_per_student": at30.get("cpu_s_per_student"),
            "largest_n_p99_under_1s": max(held) if held else 0,
            "steps": rows,
        },
        "target": "p99 answer-to-feedback under 1 s",
        "met": bool(held),
        "note": stopped,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, help="JSON file to add the 'hub' key to")
    parser.add_argument("--steps", default=",".join(map(str, STEPS)),
                        help="class sizes to step through (default: %(default)s)")
    args = parser.parse_args()
    steps = tuple(int(x) for x in args.steps.split(","))
    if not steps or any(n < 1 or n > 120 for n in steps):
        parser.error("--steps: class sizes from 1 to 120, e.g. 10,20,30")
    result = run(steps)
    print(json.dumps(result, indent=2))
    if args.output:
        data = json.loads(args.output.read_text()) if args.output.exists() else {}
        data["hub"] = result
        tmp = args.output.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        tmp.replace(args.output)
        print(f"written to {args.output} (key 'hub')", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
