"""geokit.teach.hub and `geokit hub`: the nbgitpuller link, collection from homes (no hub
needed; tests/hub/ runs both against a real hub)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from geokit.cli import main
from geokit.teach.gradebook import build, collect
from geokit.teach.hub import collect_from_homes, gitpuller_link

ARTICLE = "pakistan-russia-2012"


def answer_file(home: Path, owner: str, student: str, bank: str = "sources",
                folder: str | None = None) -> Path:
    path = home / ".geokit" / (folder or owner) / ARTICLE / f"{bank}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "format": "geokit-answers", "version": 1, "student": student, "article": ARTICLE,
        "bank": bank, "updated": "2026-11-29T10:00:00.000Z",
        "answers": {"src-dawn-official": {"value": "unnamed-official", "timestamp": "t"}}}))
    return path


def test_link_opens_the_lesson_inside_the_clone() -> None:
    link = gitpuller_link("https://hub.example.edu/", "https://git.example.org/c/student.git",
                          branch="spring", path="/01-actors.ipynb")
    parts = urlsplit(link)
    assert parts.path == "/hub/user-redirect/git-pull"
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert q == {"repo": "https://git.example.org/c/student.git", "branch": "spring",
                 "targetpath": "student", "urlpath": "lab/tree/student/01-actors.ipynb"}


@pytest.mark.parametrize(("hub", "repo", "path", "message"), [
    ("hub.example.edu", "r.git", "", "must start with http:// or https://"),
    ("https://hub.example.edu", "  ", "", "repository address is empty"),
    ("https://hub.example.edu", "r.git", "../../etc", "must stay inside the clone"),
])
def test_link_refuses_what_would_not_work(hub: str, repo: str, path: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        gitpuller_link(hub, repo, path=path)


def test_cli_link_prints_the_link_or_says_what_is_wrong(capsys) -> None:
    assert main(["hub", "link", "https://hub.example.edu", "https://x.org/s.git"]) == 0
    assert capsys.readouterr().out.startswith("https://hub.example.edu/hub/user-redirect/")
    assert main(["hub", "link", "ftp://hub", "https://x.org/s.git"]) == 2
    assert "must start with http:// or https://" in capsys.readouterr().err


def test_collect_from_homes_takes_each_students_own_answers_only(tmp_path: Path) -> None:
    homes = tmp_path / "homes"
    answer_file(homes / "ada", "ada", "ada")
    answer_file(homes / "ada", "ada", "bob", bank="interests")  # claims to be Bob's
    answer_file(homes / "ada", "bob", "bob")  # "as Bob", but in Ada's home
    answer_file(homes / "bob", "bob", "bob")
    (homes / "cy").mkdir(parents=True)  # never opened a lesson
    coll = collect_from_homes(tmp_path / "out", f"{homes}/{{username}}")
    assert coll.roster == ["ada", "bob", "cy"]
    got = sorted(p.relative_to(tmp_path / "out").as_posix()
                 for p in (tmp_path / "out").rglob("*.json"))
    assert got == [f"ada/{ARTICLE}/sources.json", f"bob/{ARTICLE}/sources.json"]
    assert any("holds the answers of 'bob', not 'ada'" in line for line in coll.lines)
    assert any(line.startswith("cy: nothing handed in") for line in coll.lines)
    # the gradebook lists the student who handed in nothing, from the roster
    subs, report = collect([tmp_path / "out"])
    book = build(subs, report)
    assert book.students == ["ada", "bob", "cy"]
    assert book.total("cy") == 0
    assert "no answers for bank(s)" in " ".join(book.notes["cy"])


def test_cli_collect_needs_one_source_and_a_token(tmp_path: Path, capsys, monkeypatch) -> None:
    out = tmp_path / "out"
    assert main(["hub", "collect", str(out)]) == 2
    assert "give one of --hub URL" in capsys.readouterr().err
    monkeypatch.delenv("GEOKIT_HUB_TOKEN", raising=False)
    assert main(["hub", "collect", str(out), "--hub", "http://127.0.0.1:9"]) == 2
    assert "GEOKIT_HUB_TOKEN holds no API token" in capsys.readouterr().err
    monkeypatch.setenv("GEOKIT_HUB_TOKEN", "x")
    # nothing listens on port 9 of 127.0.0.1: a clear message, exit 1, no traceback
    assert main(["hub", "collect", str(out), "--hub", "http://127.0.0.1:9"]) == 1
    assert "cannot reach the hub at http://127.0.0.1:9" in capsys.readouterr().err
    assert main(["hub", "collect", str(out), "--homes", str(tmp_path / "no-username")]) == 1
    assert "must contain {username} once" in capsys.readouterr().err
