"""Draft records validate; `geokit validate` counts them, `--strict` fails on each, `--coverage`
lists what no record covers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import make_mini_article, write_yaml

from geokit.cli import main
from geokit.data.drafts import draft_counts, draft_problems, draft_summary
from geokit.data.loader import load_article, read_article


def _mark_drafts(folder: Path, kind: str, ids: set[str]) -> None:
    path = folder / f"{kind}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for rec in data[kind]:
        if rec["id"] in ids:
            rec["draft"] = True
    write_yaml(path, data)


@pytest.fixture
def drafted(tmp_path: Path) -> Path:
    folder = make_mini_article(tmp_path)
    _mark_drafts(folder, "actors", {"ruiz", "bugle"})
    _mark_drafts(folder, "events", {"ruiz-visit"})
    return folder


def test_an_article_with_drafts_validates_and_counts_them(drafted: Path) -> None:
    article, problems = read_article(drafted)
    assert problems == []
    assert article is not None
    assert [r.id for r in article.drafts] == ["ruiz", "bugle", "ruiz-visit"]
    assert draft_counts(article) == {"actors": 2, "events": 1}
    assert draft_summary(article) == "3 draft records remain (2 actors, 1 event)"


def test_a_draft_is_checked_like_any_record(drafted: Path) -> None:
    path = drafted / "actors.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["actors"][2]["affiliation"] = "nowhere"  # ruiz, a draft
    write_yaml(path, data)
    _, problems = read_article(drafted)
    assert [p.message for p in problems] == ["reference to an unknown actor"]


def test_draft_problems_name_file_line_and_record(drafted: Path) -> None:
    problems = draft_problems(load_article(drafted))
    assert [(Path(p.file).name, p.record) for p in problems] == [
        ("actors.yaml", "actors[2] 'ruiz'"), ("actors.yaml", "actors[3] 'bugle'"),
        ("events.yaml", "events[0] 'ruiz-visit'")]
    lines = (drafted / "actors.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problems[0].line - 1].strip() == "draft: true"  # type: ignore[operator]


def test_validate_says_how_many_drafts_remain(drafted: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(drafted)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "3 draft records remain (2 actors, 1 event)" in err
    assert "--strict fails on them" in err


def test_validate_strict_fails_on_each_draft(drafted: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", str(drafted)]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 3
    assert "actors[2] 'ruiz', field 'draft': draft record: check it against the text" in out
    assert "geokit validate: 3 problem(s) found" in err


def test_validate_strict_passes_a_finished_article(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_mini_article(tmp_path)
    assert main(["validate", "--strict", str(folder)]) == 0
    assert capsys.readouterr().out == ""


def test_validate_coverage_lists_uncovered_sentences(drafted: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--coverage", str(drafted)]) == 0  # gaps fail only with --strict
    out, err = capsys.readouterr()
    # the mini article records no signing: ¶1's "signed" is a gap, with its file, line, sentence
    assert out.splitlines() == [
        f"{drafted / 'paragraphs.yaml'}:3: ¶1 sentence 1: 'signed', but no event of kind "
        "signing cites ¶1 «Riverland Minister Ana Ruiz visited Hillstate last week and signed a "
        "water-sharing memorandum worth $40 million.»"]
    assert "1 sentence(s) name something no record covers" in err
    assert main(["validate", "--coverage", "--strict", str(drafted)]) == 1
    assert capsys.readouterr().err.count("problem(s) found") == 1


def test_the_model_and_schema_know_the_draft_field() -> None:
    from geokit.data.model import ANNOTATION_KINDS
    from geokit.data.schema import schemas

    for kind in ANNOTATION_KINDS:  # every record kind, whatever the schema's shape around it
        defs = schemas()[kind]["$defs"]
        record = next(d for d in defs.values() if "id" in d.get("properties", {}))
        field = record["properties"]["draft"]
        assert field["type"] == "boolean", kind
        assert field["default"] is False, kind
