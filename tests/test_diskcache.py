"""The checked-article cache on disk (geokit.data.diskcache):
fast, never stale, never in the way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_mini_article

from geokit.data import diskcache, loader
from geokit.errors import GeokitDataError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("GEOKIT_CACHE", str(where))
    monkeypatch.setattr(loader, "_cache", {})  # a fresh process, as far as the loader knows
    return where


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_cache", {})


def _unparseable(*_args: object, **_kwargs: object) -> object:
    raise AssertionError("the article was parsed again")


def test_a_second_process_takes_the_checked_article_from_disk(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_mini_article(tmp_path / "articles")
    first = loader.load_article(folder)
    assert len(list(cache.glob("article-*.pickle"))) == 1
    _new_process(monkeypatch)
    monkeypatch.setattr(loader, "read_article", _unparseable)
    again = loader.load_article(folder)
    assert again == first
    assert again is not first  # from the file, not from memory


def test_an_edited_article_is_checked_again_never_served_stale(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_mini_article(tmp_path / "articles")
    loader.load_article(folder)
    actors = folder / "actors.yaml"
    actors.write_text(actors.read_text().replace("kind: state", "kind: sttae", 1))
    _new_process(monkeypatch)
    with pytest.raises(GeokitDataError, match="sttae"):
        loader.load_article(folder)
    actors.write_text(actors.read_text().replace("kind: sttae", "kind: state", 1))
    loader.load_article(folder)
    assert len(list(cache.glob("article-*.pickle"))) == 1  # the older state's file is gone


def test_a_damaged_cache_file_is_ignored_and_replaced(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_mini_article(tmp_path / "articles")
    first = loader.load_article(folder)
    (kept,) = cache.glob("article-*.pickle")
    kept.write_bytes(kept.read_bytes()[:100])  # a disk that filled up half-way
    _new_process(monkeypatch)
    assert loader.load_article(folder) == first
    assert kept.stat().st_size > 100


def test_the_cache_stays_out_of_the_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_mini_article(tmp_path / "articles")
    monkeypatch.setattr(loader, "_cache", {})
    monkeypatch.setenv("GEOKIT_CACHE", "off")
    assert diskcache.cache_dir() is None
    loader.load_article(folder)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("GEOKIT_CACHE", str(blocked / "cache"))
    _new_process(monkeypatch)
    assert loader.load_article(folder).meta.id == "mini-2020"  # loads; nothing to write into
    assert blocked.read_text() == "not a folder"
    monkeypatch.delenv("GEOKIT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert diskcache.cache_dir() == tmp_path / "xdg" / "geokit"


def test_in_real_processes_the_second_load_skips_the_checks(tmp_path: Path) -> None:
    """Two fresh interpreters: the second one never imports the cross-checks' parsing."""
    env = {**os.environ, "GEOKIT_CACHE": str(tmp_path / "cache")}
    code = ("import sys, geokit; geokit.load_article('pakistan-russia-2012'); "
            "print('geokit.data.exercise_checks' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, timeout=120, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0,
                    reason="giving a file to another user needs root on a POSIX system")
def test_a_file_another_user_put_in_a_shared_cache_is_never_read(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_mini_article(tmp_path / "articles")
    loader.load_article(folder)
    (kept,) = cache.glob("article-*.pickle")
    os.chown(kept, 4242, 4242)  # as if a classmate had written it
    _new_process(monkeypatch)
    monkeypatch.setattr(loader, "read_article", _unparseable)
    with pytest.raises(AssertionError, match="parsed again"):
        loader.load_article(folder)


def test_a_file_of_another_owner_is_never_unpickled(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    diskcache.store("what", "state", {"planted": True})
    assert diskcache.fetch("what", "state", dict) == {"planted": True}
    monkeypatch.setattr(diskcache, "_UID", os.stat(cache).st_uid + 1)  # we are someone else
    assert diskcache.fetch("what", "state", dict) is None


def test_figures_are_kept_up_to_a_number_the_newest_first(cache: Path) -> None:
    base = time.time() - 100
    seen: set[Path] = set()
    for i in range(7):
        diskcache.store(("call", i), "state", {"n": i}, prefix="figure", keep_at_most=4)
        (new,) = set(cache.glob("figure-*.pickle")) - seen
        os.utime(new, (base + i, base + i))  # one second apart, whatever the clock's grain
        seen.add(new)
    left = [diskcache.fetch(("call", i), "state", dict, prefix="figure") for i in range(7)]
    assert left == [None, None, None, {"n": 3}, {"n": 4}, {"n": 5}, {"n": 6}]
    # a figure read is in use: it outlives those written after it and not read since
    for path in cache.glob("figure-*.pickle"):
        os.utime(path, (base, base))
    three = diskcache._path(("call", 3), "state", "figure")
    os.utime(three, (base - 10, base - 10))  # the oldest, until it is read
    diskcache.fetch(("call", 3), "state", dict, prefix="figure")
    diskcache.store(("call", 7), "state", {"n": 7}, prefix="figure", keep_at_most=4)
    left = [diskcache.fetch(("call", i), "state", dict, prefix="figure") for i in (3, 4, 5, 6, 7)]
    assert left[0] == {"n": 3}
    assert left[-1] == {"n": 7}
    assert left[1:4].count(None) == 1
    diskcache.store("an article", "state", {"a": 1})  # other kinds are not counted
    assert diskcache.fetch("an article", "state", dict) == {"a": 1}
    assert len(list(cache.glob("figure-*.pickle"))) == 4
