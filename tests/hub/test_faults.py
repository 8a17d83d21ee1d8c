"""Faults in the middle of a class: a kernel killed mid-save, a student's server killed, the hub
restarted, the idle culler stopping a server. In every case no answer that the student saw
feedback for is lost, and a fresh quiz restores them all when the student returns."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest

from .answers import banks, plan
from .harness import ARTICLE, Hub, alive, run_async, stop_pid
from .students import Student, StudentError

#: one fault scenario, start to finish, or the test fails (it never hangs)
FAULT_TIMEOUT = 300.0
#: how long the culler (10 s timeout) may take to stop an idle server on a busy machine
CULL_WAIT = 180.0


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    return run_async(asyncio.wait_for(coro, FAULT_TIMEOUT))


NAMES = ("fault-kernel", "fault-server", "fault-restart0", "fault-restart1", "fault-restart2",
         "fault-idle")


@pytest.fixture(scope="module")
def students(hub: Hub) -> dict[str, Student]:
    """Every student of these scenarios, logged in, their servers started together (one at a
    time, each start would wait on the hub's polling)."""
    hub.create_users(list(NAMES))

    async def prepare() -> list[Student]:
        group = [Student(hub, name) for name in NAMES]
        await asyncio.gather(*(s.login() for s in group))
        await asyncio.gather(*(s.spawn() for s in group))
        return group

    return {s.name: s for s in run(prepare())}


async def ready(s: Student) -> Student:
    """The student opens a notebook with every quiz of the article."""
    await s.spawn()  # at once if the server is running
    await s.open_kernel()
    await s.open_quizzes(banks())
    return s


async def answer_bank(s: Student, bank: str, index: int = 1, pause: float = 0.0) -> None:
    for qid, value in plan(index)[bank]:
        assert (await s.answer(bank, qid, value))["saved"]
        if pause:
            await asyncio.sleep(pause)


async def assert_restored(s: Student) -> None:
    """In a new kernel: every answer the student got feedback for is there, as given."""
    await s.open_kernel()
    saved = await s.saved()
    for bank, answers in s.answered.items():
        for qid, (value, _) in answers.items():
            assert qid in saved.get(bank, {}), f"{s.name}: {bank}/{qid} was lost"
            assert saved[bank][qid] == value or str(saved[bank][qid]) == str(value) or (
                isinstance(value, list) and sorted(map(str, saved[bank][qid]))
                == sorted(map(str, value))), (bank, qid, saved[bank][qid], value)


#: the options of src-dawn-official, which the fault tests answer over and over
DAWN_OFFICIAL = ("unnamed-official", "russian-foreign-minister", "foreign-minister-khar",
                 "analyst-khalid-iqbal")


def store_folder(hub: Hub, name: str) -> Path:
    return hub.homes / name / ".geokit" / name / ARTICLE


def test_kernel_killed_mid_save(hub: Hub, students: dict[str, Student]) -> None:
    async def scenario() -> None:
        s = await ready(students["fault-kernel"])
        kernel, _ = await s.pids()
        await answer_bank(s, "actors")
        lock = store_folder(hub, s.name) / "sources.json.lock"
        # the student checks answers as fast as the kernel can save them; each printed line is
        # feedback the student saw (the save had finished)
        loop = (f"_ids = {DAWN_OFFICIAL!r}\n"
                "for _i in range(1_000_000):\n"
                "    _r = _quizzes['sources'].answer('src-dawn-official', _ids[_i % 4])\n"
                "    print('saved', _i, _r.saved, flush=True)")
        out = await s.execute(loop, until=lambda text: text.count("saved") >= 40, timeout=120)
        # kill the kernel while it holds the lock: in the middle of a save
        deadline = time.monotonic() + 10
        while not lock.exists() and time.monotonic() < deadline:
            await asyncio.sleep(0)
        os.kill(kernel, signal.SIGKILL)
        s.close_ws()
        acked = [int(i) for i, ok in re.findall(r"saved (\d+) (True|False)", out.text)
                 if ok == "True"]
        assert len(acked) >= 40
        last = max(acked)
        deadline = time.monotonic() + 30
        while alive(kernel) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert not alive(kernel)

        # the student opens the lesson again: the quiz has every answer it acknowledged
        await s.open_kernel()
        await s.open_quizzes(banks())
        rec = await s.execute("import json\nprint(json.dumps(_quizzes['sources']"
                              ".saved('src-dawn-official')))")
        saved = __import__("json").loads(rec.text.strip().splitlines()[-1])
        assert saved["attempts"] >= last + 1, (saved, last)
        assert saved["value"] == DAWN_OFFICIAL[(saved["attempts"] - 1) % 4]
        assert not list(store_folder(hub, s.name).glob("*.corrupt-*")), "a file was set aside"
        # and saving goes on: the dead kernel's lock is broken, its temporary file swept
        again = await s.answer("sources", "src-dawn-official", "unnamed-official")
        assert again["saved"]
        assert again["attempts"] == saved["attempts"] + 1
        assert not list(store_folder(hub, s.name).glob(".sources.json.*.tmp"))
        s.answered.setdefault("sources", {})["src-dawn-official"] = ("unnamed-official",
                                                                    again["points"])
        await assert_restored(s)
        await s.stop_server()

    run(scenario())


def test_student_server_killed(hub: Hub, students: dict[str, Student]) -> None:
    async def scenario() -> None:
        s = await ready(students["fault-server"])
        await answer_bank(s, "sources")
        kernel, server = await s.pids()
        os.kill(server, signal.SIGKILL)
        os.kill(kernel, signal.SIGKILL)  # orphaned by its server: the test started it too
        s.close_ws()
        with_timeout = time.monotonic() + 30
        while alive(server) and time.monotonic() < with_timeout:
            await asyncio.sleep(0.1)
        # the student reloads the page: the hub notices the server died and starts a new one
        await s.spawn()
        await s.open_kernel()
        _, new_server = await s.pids()
        assert new_server != server
        await assert_restored(s)
        await s.stop_server()

    run(scenario())


def test_hub_restarted_mid_class(hub: Hub, students: dict[str, Student]) -> None:
    async def scenario() -> float:
        group = list(await asyncio.gather(*(ready(students[f"fault-restart{i}"])
                                            for i in range(3))))
        before = [await s.pids() for s in group]

        async def keep_answering(s: Student) -> None:
            for bank in ("sources", "actors", "interests"):
                await answer_bank(s, bank, pause=0.3)

        work = [asyncio.ensure_future(keep_answering(s)) for s in group]
        await asyncio.sleep(1.0)
        downtime = await asyncio.to_thread(hub.restart)  # while they answer
        await asyncio.gather(*work)
        # the servers (and kernels) were never restarted: same processes, same answers
        assert [await s.pids() for s in group] == before
        for s in group:
            assert sum(len(a) for a in s.answered.values()) == sum(
                len(plan(1)[b]) for b in ("sources", "actors", "interests"))
            await assert_restored(s)
            await s.stop_server()
        return downtime

    downtime = run(scenario())
    print(f"hub restarted in {downtime:.1f} s while students answered")


def test_idle_culler_stops_a_server_the_student_reopens(
        hub: Hub, students: dict[str, Student]) -> None:
    # the deploy's culler runs as a hub service (an hour's timeout); the same culler, with the
    # same role, is run here with a timeout of seconds
    status, services = hub.api("GET", "/hub/api/services")
    assert status == 200, services
    assert "idle-culler" in services, services
    culler = hub.culler(timeout=10)
    try:
        async def scenario() -> float:
            s = await ready(students["fault-idle"])
            await answer_bank(s, "sources")
            s.close_ws()
            await s.call("DELETE", f"{s.server}/api/kernels/{s.kernel_id}", ok=(204,))
            # the student walks away; the culler stops the server
            t0 = time.monotonic()
            while time.monotonic() - t0 < CULL_WAIT:
                user = await s.call("GET", f"/hub/api/users/{s.name}")
                if not user.get("servers"):
                    break
                await asyncio.sleep(1)
            else:
                raise StudentError(f"the idle culler did not stop the server within "
                                   f"{CULL_WAIT:g} s:\n{hub.log(40)}")
            culled_after = time.monotonic() - t0
            # the student comes back the next day
            await s.spawn()
            await assert_restored(s)
            await s.stop_server()
            return culled_after

        culled_after = run(scenario())
        print(f"culled {culled_after:.0f} s after the student left")
    finally:
        stop_pid(culler.pid)
        culler.wait(timeout=10)
