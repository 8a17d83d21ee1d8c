"""Isolation, as far as the kit controls it: each student's answers stay in that student's home,
one student cannot read or write another's answers through the kit or the hub, and collection
(and so the gradebook) takes only what each student handed in as themselves.

Real isolation between accounts is the spawner's (a pod per student on Kubernetes, a system user
on The Littlest JupyterHub); here every server runs as one OS user, so these tests check the
kit's own paths, not file permissions."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .answers import banks, plan
from .harness import ARTICLE, Hub, run_async
from .students import Student


async def student(hub: Hub, name: str, index: int) -> Student:
    s = Student(hub, name)
    await s.login()
    await s.spawn()
    await s.open_kernel()
    await s.open_quizzes(banks())
    for qid, value in plan(index)["sources"]:
        assert (await s.answer("sources", qid, value))["saved"]
    return s


def answer_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.json") if p.is_file())


def test_each_students_answers_stay_theirs(hub: Hub, tmp_path: Path) -> None:
    async def scenario() -> tuple[Student, Student]:
        hub.create_users(["iso-ada", "iso-bob"])
        ada, bob = await asyncio.gather(student(hub, "iso-ada", 0), student(hub, "iso-bob", 1))
        # the hub: Ada's token opens neither Bob's server nor his files
        await ada.call("GET", f"{bob.server}/api/contents/.geokit", ok=(403,))
        await ada.call("GET", f"{bob.server}/api/status", ok=(403,))
        # the kit: in Ada's kernel, the store is in Ada's home, and Bob's answers are not there
        out = await ada.execute(
            "import geokit, json\nfrom geokit.quizzes.store import default_store\n"
            f"_b = geokit.quiz({ARTICLE!r}, 'sources', student='iso-bob')\n"
            "print(json.dumps([str(default_store()), "
            "[q.id for q in _b.questions if _b.saved(q.id)]]))")
        store, seen = json.loads(out.text.strip().splitlines()[-1])
        assert store == str(hub.homes / "iso-ada" / ".geokit")
        assert seen == []
        bob_file = hub.homes / "iso-bob" / ".geokit" / "iso-bob" / ARTICLE / "sources.json"
        before = bob_file.read_bytes()
        # Ada answers "as Bob", and also plants a file in her store that claims to be his
        qid, wrong = plan(0)["sources"][0]  # student 0 gets the first question wrong
        out = await ada.execute(
            f"_r = _b.answer({qid!r}, {wrong!r}); print(_r.saved)\n"
            "import pathlib\n"
            f"_p = default_store() / 'iso-ada' / {ARTICLE!r} / 'forged.json'\n"
            "_d = json.loads((_p.parent / 'sources.json').read_text())\n"
            "_d.update(student='iso-bob', bank='interests')\n"
            "_p.write_text(json.dumps(_d))\n")
        assert not out.error, out.error
        assert bob_file.read_bytes() == before, "Ada's kernel changed Bob's answers"
        ada.close_ws()
        await bob.stop_server()  # Bob has gone home (or the culler stopped his server)
        return ada, bob

    ada, bob = run_async(asyncio.wait_for(scenario(), 300))
    env = dict(os.environ, GEOKIT_HUB_TOKEN=hub.admin_token)
    roster = tmp_path / "class.txt"
    roster.write_text("iso-ada\niso-bob\n")
    via_api, via_fs = tmp_path / "api", tmp_path / "fs"
    command = [sys.executable, "-m", "geokit", "hub", "collect", str(via_api), "--hub", hub.url,
               "--roster", str(roster)]
    got = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert got.returncode == 0, got.stderr
    assert "iso-bob: server stopped: not collected (run again with --start)" in got.stderr
    # --start: Bob's server is started for the copy, and stopped again
    got = subprocess.run([*command, "--start"], capture_output=True, text=True, env=env,
                         timeout=300)
    assert got.returncode == 0, got.stderr
    assert "iso-bob: server stopped" not in got.stderr
    deadline = time.monotonic() + 60
    while "iso-bob" in [u["name"] for u in hub.users() if u.get("servers")]:
        assert time.monotonic() < deadline, "the server started for collection was not stopped"
        time.sleep(0.5)
    assert "forged.json: left behind: it holds the answers of 'iso-bob', not 'iso-ada'" in (
        got.stderr)
    fs = subprocess.run(
        [sys.executable, "-m", "geokit", "hub", "collect", str(via_fs), "--homes",
         f"{hub.homes}/{{username}}", "--roster", str(roster)], capture_output=True, text=True,
        timeout=300)
    assert fs.returncode == 0, fs.stderr
    # both ways collect the same files: each student's own, nothing of the forgery
    rel = [[p.relative_to(d) for p in answer_files(d)] for d in (via_api, via_fs)]
    assert rel[0] == rel[1] == [Path("iso-ada", ARTICLE, "sources.json"),
                                Path("iso-bob", ARTICLE, "sources.json")]
    for name in ("iso-ada", "iso-bob"):
        home = hub.homes / name / ".geokit" / name / ARTICLE / "sources.json"
        assert (via_api / name / ARTICLE / "sources.json").read_bytes() == home.read_bytes()

    # the gradebook sees what was collected and nothing else: Bob's grade is Bob's own
    grades = tmp_path / "grades.csv"
    out = subprocess.run([sys.executable, "-m", "geokit", "gradebook", str(via_api), "-o",
                          str(grades)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "2 student(s) in 1 article(s) from 2 answer file(s)" in out.stderr
    rows = {r["student"]: r for r in csv.DictReader(grades.open(encoding="utf-8"))}
    col = next(k for k in rows["iso-bob"] if k.startswith("sources"))
    for s in (ada, bob):
        expected = sum(points for _, points in s.answered["sources"].values())
        assert float(rows[s.name][col]) == expected, s.name

    run_async(asyncio.wait_for(ada.stop_server(), 120))
