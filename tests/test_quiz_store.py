"""Saving answers: atomic, merged across notebooks and processes, safe from kills, honest about
corrupt files, restored on redisplay, fast."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_quiz_fixtures import make_article

import geokit
from geokit.errors import GeokitWarning
from geokit.quizzes import store as store_mod
from geokit.quizzes.store import FORMAT, FORMAT_VERSION, AnswerStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL and fork timing")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    return make_article(tmp_path / "articles")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


def open_quiz(article: Path, store: Path, student: str = "kim") -> geokit.quizzes.Quiz:
    return geokit.quiz(article, "every-type", student=student, store=store)


def test_file_format(article: Path, store: Path) -> None:
    q = open_quiz(article, store)
    r = q.answer("t-multi", ["a", "b"])
    assert r.saved
    assert r.attempts == 1
    q.answer("t-multi", ["a", "b", "c"])
    path = store / "kim" / "quiz-fixture" / "every-type.json"
    assert q.store.path == path
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert {k: doc[k] for k in ("format", "version", "student", "article", "bank")} == {
        "format": FORMAT, "version": FORMAT_VERSION, "student": "kim",
        "article": "quiz-fixture", "bank": "every-type"}
    rec = doc["answers"]["t-multi"]
    assert rec["value"] == ["a", "b", "c"]
    assert rec["attempts"] == 2
    assert (rec["status"], rec["points"], rec["max_points"], rec["correct"]) == (
        "correct", 3.0, 3.0, True)
    assert rec["timestamp"].endswith("Z")
    # beside the answers only the lock file, which stays (POSIX flock) and holds nothing
    assert sorted(p.name for p in path.parent.iterdir()) == ["every-type.json",
                                                              "every-type.json.lock"]
    assert q.store.lock_path.read_bytes() == b""


def test_store_location_from_env_and_student_from_hub(article: Path, tmp_path: Path,
                                                      monkeypatch) -> None:
    monkeypatch.setenv("GEOKIT_STORE", str(tmp_path / "from-env"))
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    q = geokit.quiz(article, "every-type")
    assert q.student == "ada"
    q.answer("t-single", "a")
    assert (tmp_path / "from-env" / "ada" / "quiz-fixture" / "every-type.json").is_file()


def test_default_store_is_dot_geokit_in_the_working_directory(article: Path, tmp_path: Path,
                                                                monkeypatch) -> None:
    monkeypatch.delenv("GEOKIT_STORE", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.chdir(tmp_path)
    q = geokit.quiz(article, "every-type")
    assert q.store.root == tmp_path / ".geokit"
    assert q.student  # the login name, or 'student' when none is known


def test_invalid_answers_are_not_saved(article: Path, store: Path) -> None:
    q = open_quiz(article, store)
    assert q.answer("t-num", "lots").status == "invalid"
    assert not q.store.path.exists()


def test_two_quizzes_on_one_bank_keep_both_answers(article: Path, store: Path) -> None:
    one, two = open_quiz(article, store), open_quiz(article, store)
    one.answer("t-single", "a")
    two.answer("t-num", 500)     # two has never seen one's answer in memory
    one.answer("t-text", "Kiani")
    saved = json.loads(one.store.path.read_text(encoding="utf-8"))["answers"]
    assert sorted(saved) == ["t-num", "t-single", "t-text"]
    assert two.score().answered == 3   # re-read when the file changed
    assert one.score().points == 3.0


def test_the_same_question_from_two_notebooks_counts_attempts(article: Path,
                                                              store: Path) -> None:
    one, two = open_quiz(article, store), open_quiz(article, store)
    one.answer("t-single", "b")
    r = two.answer("t-single", "a")
    assert r.attempts == 2
    assert one.saved("t-single") is not None
    assert one.progress().questions[0].attempts == 2


CHILD = textwrap.dedent("""\
    import sys, geokit
    article, store, qid = sys.argv[1:4]
    q = geokit.quiz(article, "every-type", student="kim", store=store)
    rec = q.saved(qid)
    i = rec["attempts"] if rec else 0
    while True:
        i += 1
        r = q.answer(qid, i)
        assert r.saved, r.text()
        print(i, flush=True)
    """)


def _child(article: Path, store: Path, qid: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(article), str(store), qid],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_killed_in_the_middle_of_saves_loses_and_corrupts_nothing(article: Path,
                                                                   store: Path) -> None:
    rng = random.Random(1234)
    confirmed = 0
    for _round in range(8):
        proc = _child(article, store, "t-range")
        assert proc.stdout is not None
        target = rng.randint(3, 40)
        line = ""
        for line in proc.stdout:
            if int(line) >= confirmed + target:
                break
        time.sleep(rng.random() * 0.01)  # land anywhere inside the next saves
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert line, proc.stderr.read() if proc.stderr else ""
        confirmed = int(line)
        # the file parses, holds every save the child confirmed, and is self-consistent:
        # the child answers its n-th attempt with the number n
        doc = json.loads((store / "kim" / "quiz-fixture" / "every-type.json").read_text("utf-8"))
        rec = doc["answers"]["t-range"]
        assert rec["attempts"] >= confirmed
        assert rec["value"] == rec["attempts"]
        confirmed = rec["attempts"]
    # a new session saves at once: the killed process's lock went with it, and stray temp
    # files from dead processes are swept
    q = open_quiz(article, store)
    start = time.perf_counter()
    assert q.answer("t-single", "a").saved
    # well under the 5 s a live lock is waited for
    assert time.perf_counter() - start < 3.0
    assert q.saved("t-range")["attempts"] == confirmed
    assert not list(q.store.path.parent.glob(".*.tmp"))


COUNTED = textwrap.dedent("""\
    import sys, geokit
    article, store, qid, n = sys.argv[1:5]
    q = geokit.quiz(article, "every-type", student="kim", store=store)
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(1, int(n) + 1):
        assert q.answer(qid, i).saved
    """)


def test_two_processes_saving_at_once_lose_no_update(article: Path, store: Path) -> None:
    n = 40
    procs = {qid: subprocess.Popen([sys.executable, "-c", COUNTED, str(article), str(store),
                                    qid, str(n)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for qid in ("t-num", "t-range")}
    for p in procs.values():
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "ready"
    for p in procs.values():  # both save as fast as they can, contending for the lock
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs.values():
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    rows = {row.id: row for row in open_quiz(article, store).progress().questions}
    for qid in procs:  # every save of both processes is there
        assert rows[qid].attempts == n
    assert open_quiz(article, store).saved("t-range")["value"] == n


HOLDER = textwrap.dedent("""\
    import sys, time
    from geokit.quizzes.store import AnswerStore
    with AnswerStore(sys.argv[1], "kim", "quiz-fixture", "every-type")._locked():
        print("holding", flush=True)
        time.sleep(60)
    """)


def test_a_lock_held_by_a_killed_process_does_not_block_the_next_save(
        article: Path, store: Path, monkeypatch) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding", holder.stderr
        q = open_quiz(article, store)
        monkeypatch.setattr(store_mod, "LOCK_TIMEOUT_SECONDS", 0.2)
        held = q.answer("t-single", "a")  # the lock is real while its holder lives
        assert not held.saved
        assert "has been held by another process" in held.save_error
    finally:
        holder.kill()
        holder.wait()
    assert q.store.lock_path.exists()  # left behind by the killed holder
    start = time.perf_counter()
    assert q.answer("t-single", "a").saved
    assert time.perf_counter() - start < 1.0  # not waited out: the OS released the lock
    assert q.saved("t-single")["attempts"] == 1


def test_a_lock_file_left_by_an_older_geokit_does_not_block(article: Path, store: Path) -> None:
    q = open_quiz(article, store)
    q.store.path.parent.mkdir(parents=True)
    q.store.lock_path.write_text("12345 some-host\n", encoding="utf-8")  # its old pid/host lock
    assert q.answer("t-single", "a").saved


def test_a_live_lock_times_out_with_a_clear_message(article: Path, store: Path,
                                                    monkeypatch) -> None:
    from filelock import FileLock

    monkeypatch.setattr(store_mod, "LOCK_TIMEOUT_SECONDS", 0.1)
    q = open_quiz(article, store)
    q.store.path.parent.mkdir(parents=True)
    with FileLock(q.store.lock_path):  # another saver, in the middle of its save
        r = q.answer("t-single", "a")
    assert r.status == "correct"
    assert not r.saved
    assert "has been held by another process" in r.save_error
    assert "Warning: not saved" in r.text()
    assert q.score().points == 1.0  # kept in memory meanwhile
    assert q.answer("t-single", "a").saved  # and saved once the other save is done


def test_corrupt_file_is_set_aside_and_reported(article: Path, store: Path) -> None:
    q = open_quiz(article, store)
    q.answer("t-single", "a")
    q.store.path.write_text('{"format": "geokit-answers", "answ', encoding="utf-8")
    with pytest.warns(GeokitWarning, match=r"could not be read .*kept as every-type\.json\."
                                           r"corrupt-\d{8}T\d{6}Z"):
        again = open_quiz(article, store)
    kept = list(q.store.path.parent.glob("every-type.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == '{"format": "geokit-answers", "answ'
    assert not q.store.path.exists()
    assert "Show it to your instructor" in again.store.problem
    assert again.answer("t-num", 500).saved  # a fresh file; the corrupt one untouched
    assert kept[0].read_text(encoding="utf-8") == '{"format": "geokit-answers", "answ'


def test_corrupt_file_met_while_saving_is_set_aside_too(article: Path, store: Path) -> None:
    q = open_quiz(article, store)
    q.answer("t-single", "a")
    q.store.path.write_bytes(b"\xff\xfe not json")
    with pytest.warns(GeokitWarning, match="could not be read"):
        assert q.answer("t-num", 500).saved
    assert len(list(q.store.path.parent.glob("*.corrupt-*"))) == 1


@pytest.mark.parametrize(("content", "why"), [
    ("[]", "not a geokit answer file"),
    ('{"format": "geokit-answers", "version": 1, "student": "kim", "article": "quiz-fixture",'
     ' "bank": "every-type", "answers": {"t-single": 3}}', "not a mapping of question id"),
])
def test_wrong_content_counts_as_corrupt(article: Path, store: Path, content: str,
                                         why: str) -> None:
    s = AnswerStore(store, "kim", "quiz-fixture", "every-type")
    s.path.parent.mkdir(parents=True)
    s.path.write_text(content, encoding="utf-8")
    with pytest.warns(GeokitWarning, match=why):
        assert s.load() == {}


@pytest.mark.parametrize("key", ["student", "article", "bank"])
def test_a_file_of_another_owner_is_never_set_aside(article: Path, store: Path,
                                                    key: str) -> None:
    s = AnswerStore(store, "kim", "quiz-fixture", "every-type")
    s.path.parent.mkdir(parents=True)
    doc = {"format": FORMAT, "version": 1, "student": "kim", "article": "quiz-fixture",
           "bank": "every-type", "answers": {}}
    doc[key] = "someone-else"
    text = json.dumps(doc)
    s.path.write_text(text, encoding="utf-8")
    with pytest.warns(GeokitWarning, match=f"answers of {key} 'someone-else'"):
        q = open_quiz(article, store)
    r = q.answer("t-single", "a")
    assert not r.saved
    assert f"answers of {key} 'someone-else'" in r.save_error
    assert q.score().answered == 1  # held in memory
    assert s.path.read_text(encoding="utf-8") == text  # untouched
    assert not list(s.path.parent.glob("*.corrupt-*"))


def test_two_spellings_of_one_name_do_not_share_or_destroy_a_file(article: Path,
                                                                   store: Path) -> None:
    a = open_quiz(article, store, student="Ada Lovelace")
    b = open_quiz(article, store, student="Ada_Lovelace")
    assert a.store.path != b.store.path
    assert a.answer("t-single", "a").saved
    assert b.answer("t-single", "b").saved
    for _ in range(2):  # reopening each in turn moves nothing aside
        a, b = open_quiz(article, store, "Ada Lovelace"), open_quiz(article, store, "Ada_Lovelace")
    assert a.saved("t-single")["value"] == "a"
    assert b.saved("t-single")["value"] == "b"
    assert not list(store.rglob("*.corrupt-*"))


def test_folder_names_are_readable_and_unique() -> None:
    from geokit.quizzes.store import folder_name

    assert folder_name("ada") == "ada"
    assert folder_name("ada.l-2_x") == "ada.l-2_x"
    names = {folder_name(n) for n in ("Ada", "ada", "ADA", "Ada Lovelace", "Ada_Lovelace",
                                      "ada lovelace", "ada_lovelace")}
    assert len(names) == 7
    assert folder_name("Ada Lovelace").startswith("Ada_Lovelace-")
    assert folder_name("Ada") == folder_name("Ada")  # stable


def test_student_name_is_stripped(article: Path, store: Path) -> None:
    q = open_quiz(article, store, student="  kim\n")
    assert q.student == "kim"
    assert q.store.path == store / "kim" / "quiz-fixture" / "every-type.json"


def test_a_file_saved_under_the_old_folder_name_is_still_used(article: Path,
                                                              store: Path) -> None:
    old = store / "Ada" / "quiz-fixture" / "every-type.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({
        "format": FORMAT, "version": 1, "student": "Ada", "article": "quiz-fixture",
        "bank": "every-type", "answers": {"t-single": {
            "value": "a", "status": "correct", "points": 1.0, "max_points": 1.0,
            "correct": True, "timestamp": "2024-01-01T00:00:00.000Z", "attempts": 1}}}),
        encoding="utf-8")
    q = open_quiz(article, store, student="Ada")
    assert q.store.path == old
    assert q.saved("t-single")["value"] == "a"
    other = open_quiz(article, store, student="ada")  # not Ada's file
    assert other.store.path == store / "ada" / "quiz-fixture" / "every-type.json"
    assert other.saved("t-single") is None


def test_a_file_from_a_newer_geokit_is_left_alone(article: Path, store: Path) -> None:
    s = AnswerStore(store, "kim", "quiz-fixture", "every-type")
    s.path.parent.mkdir(parents=True)
    newer = json.dumps({"format": FORMAT, "version": FORMAT_VERSION + 1, "answers": {}})
    s.path.write_text(newer, encoding="utf-8")
    with pytest.warns(GeokitWarning, match="newer geokit"):
        q = open_quiz(article, store)
    r = q.answer("t-single", "a")
    assert not r.saved
    assert "newer geokit" in r.save_error
    assert s.path.read_text(encoding="utf-8") == newer


def test_restarted_kernel_sees_every_answer(article: Path, store: Path) -> None:
    q = open_quiz(article, store)
    q.answer("t-single", "a")
    q.answer("t-open", "It is convincing because paragraph 18 says so.")
    again = open_quiz(article, store)  # what a new kernel does
    assert again.score() == q.score()
    assert again.score().pending == 1


def test_a_store_that_is_not_a_folder_is_reported_not_raised(article: Path,
                                                             tmp_path: Path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x", encoding="utf-8")
    with pytest.warns(GeokitWarning, match="Not a directory|cannot read"):
        q = open_quiz(article, not_a_folder)
    assert "cannot read" in q.store.problem
    assert "Answers are not saved" in q.store.problem
    r = q.answer("t-single", "a")
    assert not r.saved
    assert "cannot save" in r.save_error
    assert q.score().answered == 1  # held in memory
    assert "Every type" in repr(q)
    assert q.progress().score.answered == 1
    assert not_a_folder.read_text(encoding="utf-8") == "x"


def test_hand_edited_record_fields_do_not_crash_progress(article: Path, store: Path) -> None:
    q = open_quiz(article, store)
    q.answer("t-single", "a")
    q.answer("t-num", 500)
    doc = json.loads(q.store.path.read_text(encoding="utf-8"))
    doc["answers"]["t-single"].update(points="lots", attempts="many")
    doc["answers"]["t-num"].update(points=float("nan"), attempts=True, status=["x"])
    q.store.path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.warns(GeokitWarning, match=r"wrong type.*points 'lots'.*attempts 'many'"):
        again = open_quiz(article, store)
    p = again.progress()
    rows = {r.id: r for r in p.questions}
    assert (rows["t-single"].points, rows["t-single"].attempts) == (0.0, 0)
    assert (rows["t-num"].points, rows["t-num"].attempts, rows["t-num"].status) == (
        0.0, 0, "incorrect")
    assert p.score.points == again.score().points == 0.0
    assert p.score.answered == 2
    with pytest.warns(GeokitWarning):
        assert again.answer("t-single", "a").attempts == 1  # saving repairs the record
    assert not list(q.store.path.parent.glob("*.corrupt-*"))
