"""Bad input to the gradebook: every case one clear line, never a silent drop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_mini_article, write_yaml
from test_gradebook import BANK, make_course, read_csv, save

from geokit.teach.gradebook import build, build_all, collect, write


@pytest.fixture
def course(mini_article: Path) -> Path:
    return make_course(mini_article)



def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geokit", "gradebook", *args],
                          capture_output=True, text=True, timeout=120)


def test_two_articles_in_one_run_give_a_gradebook_each(course: Path, tmp_path: Path) -> None:
    other = make_mini_article(tmp_path / "second", "other-2021")
    (other / "quizzes").mkdir()
    write_yaml(other / "quizzes" / "basics.yaml", BANK)
    root = tmp_path / "collected"
    save(root, "ann", "basics", {"who-visited": "a"})
    path = save(root, "bob", "basics", {"who-visited": "a"})
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "article": "other-2021"}))
    result = run(str(root), "-o", str(tmp_path / "g.csv"), "--article", str(course),
                 "--article", str(other))
    assert result.returncode == 0, result.stderr
    assert [r["student"] for r in read_csv(tmp_path / "g-mini-2020.csv")] == ["ann"]
    assert [r["student"] for r in read_csv(tmp_path / "g-other-2021.csv")] == ["bob"]
    assert "2 student(s) in 2 article(s)" in result.stderr


def test_an_article_not_given_is_named_with_a_hint_that_works(course: Path,
                                                              tmp_path: Path) -> None:
    save(tmp_path / "c", "ann", "basics", {"who-visited": "a"})
    subs, report = collect([tmp_path / "c"])
    assert build_all(subs, report) == []  # mini-2020 is a folder article, not installed
    (line,) = report.lines
    assert "skipped 1 answer file(s) for article 'mini-2020'" in line
    assert "--article FOLDER" in line
    # and the hint works: the folder named, the answers are graded
    (book,) = build_all(subs, report, articles=[course])
    assert book.students == ["ann"]


def test_output_naming_an_input_is_refused(course: Path, tmp_path: Path) -> None:
    path = save(tmp_path / "c", "ann", "basics", {"who-visited": "a"})
    before = path.read_bytes()
    result = run(str(tmp_path / "c"), "-o", str(path), "--article", str(course))
    assert result.returncode == 2
    assert "would overwrite the input" in result.stderr
    assert path.read_bytes() == before


def test_an_unattempted_question_is_blank_not_hardest(course: Path, tmp_path: Path) -> None:
    subs, report = collect([save(tmp_path / "c", "ann", "basics", {"who-visited": "b"})])
    write(build(subs, report, article=course), tmp_path / "g.csv")
    items = {r["question"]: r for r in read_csv(tmp_path / "g-items.csv")}
    assert items["how-much"]["share_correct"] == ""
    assert items["how-much"]["answered"] == "0"
    assert items["who-visited"]["share_correct"] == "0.00"
    alt = (tmp_path / "g-summary.txt").read_text()
    assert "the hardest were who-visited" in alt
    assert "how-much" not in alt


def test_a_byte_order_mark_is_read(course: Path, tmp_path: Path) -> None:
    path = save(tmp_path / "c", "ann", "basics", {"who-visited": "a"})
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    subs, report = collect([path])
    assert report.lines == []
    assert build(subs, report, article=course).points["ann"]["basics"] == 1


@pytest.mark.parametrize(("version", "says"), [
    (None, 'no format "version" in the file'),
    (0, "an old or unknown format version 0"),
    ("1", "format version '1' is not a whole number"),
])
def test_missing_or_old_versions_name_the_file(course: Path, tmp_path: Path, version: object,
                                               says: str) -> None:
    path = save(tmp_path / "c", "ann", "basics", {"who-visited": "a"})
    data = json.loads(path.read_text())
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    path.write_text(json.dumps(data))
    subs, report = collect([tmp_path / "c"])
    (line,) = report.lines
    assert line.startswith(f"{path}: skipped: {says}")
    assert build(subs, report, article=course).students == ["ann"]  # kept, with a note


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="folder permissions do not bind root or non-POSIX systems")
def test_a_folder_it_cannot_read_is_one_line(tmp_path: Path) -> None:
    save(tmp_path / "c", "ann", "basics", {"who-visited": "a"})
    locked = tmp_path / "c" / "bob"
    locked.mkdir()
    locked.chmod(0)
    try:
        _, report = collect([tmp_path / "c"])
    finally:
        locked.chmod(0o755)
    assert f"{locked}: skipped: cannot read this folder" in report.lines


def test_a_folder_it_cannot_read_is_reported_even_as_root(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    save(tmp_path / "c", "ann", "basics", {"who-visited": "a"})
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("ann"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    subs, report = collect([tmp_path / "c"])
    assert subs == []
    assert any(line.endswith("skipped: cannot read this folder (Permission denied)")
               and "ann" in line for line in report.lines)


def test_symlinks_are_reported_not_followed(course: Path, tmp_path: Path) -> None:
    outside = save(tmp_path / "elsewhere", "eve", "basics", {"who-visited": "a"})
    root = tmp_path / "c"
    save(root, "ann", "basics", {"who-visited": "a"})
    (root / "eve.json").symlink_to(outside)
    (root / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    subs, report = collect([root])
    assert [s.student for s in subs] == ["ann"]
    assert f"{root / 'eve.json'}: skipped: a symbolic link; not followed" in "\n".join(
        report.lines)
    assert f"{root / 'more'}: skipped: a symbolic link to a folder; not followed" in report.lines


def test_no_answer_files_exit_1(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(str(tmp_path / "empty"), "-o", str(tmp_path / "g.csv"))
    assert result.returncode == 1
    assert "no answer files found" in result.stderr
    assert "Traceback" not in result.stderr
