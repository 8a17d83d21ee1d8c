"""Bad input gets a clear message naming file, line, record, field, expected and found."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import geokit
from geokit.data.loader import read_article
from geokit.errors import ArticleNotFoundError, GeokitDataError


def edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _set(file: str, fn: Callable[[dict], None]) -> Callable[[Path], None]:
    return lambda folder: edit_yaml(folder / file, fn)


def _write(file: str, content: bytes | str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / file).write_bytes(data)

    return apply


# (name, how to break the mini article, file named in the message, what the message must say)
BREAKAGES = [
    (
        "bad YAML",
        _write("actors.yaml", "actors:\n  - id: x\n    name: [unclosed\n"),
        "actors.yaml:4",
        r"is not valid YAML: .*opened on line 3",
    ),
    (
        "missing field",
        _set("actors.yaml", lambda d: d["actors"][0].pop("kind")),
        "actors.yaml",
        r"actors\[0\] 'riverland', field 'kind': missing required field",
    ),
    (
        "wrong type",
        _set("events.yaml", lambda d: d["events"][0].update(paragraphs="one")),
        "events.yaml",
        r"field 'paragraphs': wrong type \(expected a list of a whole number; "
        r"found text 'one'\)",
    ),
    (
        "duplicate id",
        _set("claims.yaml", lambda d: d["claims"][0].update(id="ruiz")),
        "claims.yaml",
        r"field 'id': duplicate id .*'ruiz' again \(first in .*actors.yaml:\d+\)",
    ),
    (
        "dangling reference",
        _set("quotes.yaml", lambda d: d["quotes"][0].update(speaker="nobody")),
        "quotes.yaml",
        r"field 'speaker': reference to an unknown actor .*found 'nobody'",
    ),
    (
        "paragraph out of range",
        _set("claims.yaml", lambda d: d["claims"][0].update(paragraphs=[9])),
        "claims.yaml",
        r"paragraph out of range \(expected a number from 1 to 3; found 9\)",
    ),
    (
        "paraphrased quote",
        _set("quotes.yaml", lambda d: d["quotes"][0].update(text="We all share the river")),
        "quotes.yaml",
        r"field 'text': quote is not verbatim in its paragraph",
    ),
    (
        "impossible date",
        _set("events.yaml", lambda d: d["events"][0]["date"].update(value="2020-02-30")),
        "events.yaml",
        r"field 'date.value': bad date: '2020-02-30' is not a real date",
    ),
    ("empty file", _write("relations.yaml", ""), "relations.yaml", r"file is empty"),
    (
        "non-UTF-8 file",
        _write("claims.yaml", "claims: []\n# caf\u00e9\n".encode("latin-1")),
        "claims.yaml:2",
        r"is not UTF-8 text: byte 0xe9",
    ),
    (
        "list where a mapping belongs",
        _write("actors.yaml", "- id: riverland\n  name: Riverland\n"),
        "actors.yaml:1",
        r"wrong top-level shape \(expected a mapping with the key 'actors:'",
    ),
    (
        "unknown field",
        _set("actors.yaml", lambda d: d["actors"][1].update(colour="red")),
        "actors.yaml",
        r"field 'colour': unknown field",
    ),
    (
        "value not allowed",
        _set("actors.yaml", lambda d: d["actors"][0].update(kind="country")),
        "actors.yaml",
        r"field 'kind': not an allowed value \(expected one of 'state', 'person'",
    ),
    (
        "ambiguous alias",
        _set("actors.yaml", lambda d: d["actors"][2].update(aliases=["Ben Ode"])),
        "actors.yaml",
        r"ambiguous name or alias .*'Ben Ode', which also names 'ruiz'",
    ),
    (
        "duplicate YAML key",
        _write("claims.yaml", "claims: []\nclaims: []\n"),
        "claims.yaml:2",
        r"found duplicate key 'claims'",
    ),
    (
        "date wording not in text",
        _set("events.yaml", lambda d: d["events"][0]["date"].update(wording="two weeks ago")),
        "events.yaml",
        r"date wording is not the article's own words",
    ),
    (
        "figure not in text",
        _set(
            "projects.yaml", lambda d: d["projects"][0]["figures"][0].update(wording="$45 million")
        ),
        "projects.yaml",
        r"figure wording is not in the cited paragraphs",
    ),
    (
        "paragraph not in source",
        _set("paragraphs.yaml", lambda d: d["paragraphs"][1].update(text="Invented words.")),
        "paragraphs.yaml",
        r"paragraph text is not in the captured page",
    ),
    (
        "missing source file",
        lambda folder: (folder / "source.txt").unlink(),
        "source.txt",
        r"file is missing \(the captured page named by source_file\)",
    ),
    (
        "person without role",
        _set("actors.yaml", lambda d: d["actors"][2].pop("role")),
        "actors.yaml",
        r"field 'role': a person needs a role and an affiliation",
    ),
    (
        "tie aimed at an unknown tie",
        _set("relations.yaml", lambda d: d["relations"][0].update(aimed_at="no-such-tie")),
        "relations.yaml",
        r"field 'aimed_at': reference to an unknown relation .*found 'no-such-tie'",
    ),
    (
        "tie wording not in text",
        _set("relations.yaml", lambda d: d["relations"][0].update(wording="eternal friendship")),
        "relations.yaml",
        r"field 'wording': wording is not the article's own words",
    ),
    (
        "argument without root",
        _set("arguments.yaml", lambda d: d["arguments"][0]["nodes"][0].update(parent="ode-limit")),
        "arguments.yaml",
        r"an argument has exactly one root",
    ),
]


def test_mini_article_is_clean(mini_article: Path) -> None:
    article, problems = read_article(mini_article)
    assert problems == []
    assert article is not None
    assert article.actor("Ruiz").id == "ruiz"


@pytest.mark.parametrize(
    ("name", "breakage", "file", "message"), BREAKAGES, ids=[b[0] for b in BREAKAGES]
)
def test_each_breakage_gets_its_own_clear_message(
    mini_article: Path, name: str, breakage: Callable[[Path], None], file: str, message: str
) -> None:
    breakage(mini_article)
    with pytest.raises(GeokitDataError, match=message) as info:
        geokit.load_article(mini_article)
    first = str(info.value.problems[0])
    assert file in first, first
    assert "Traceback" not in str(info.value)


def test_breakages_are_distinct_messages(tmp_path: Path) -> None:
    from conftest import make_mini_article

    seen = set()
    for i, (_name, breakage, _file, _message) in enumerate(BREAKAGES):
        folder = make_mini_article(tmp_path / str(i))
        breakage(folder)
        _, problems = read_article(folder)
        assert problems, _name
        seen.add(problems[0].message)
    assert len(seen) >= 12


def test_problem_names_line_of_the_field(mini_article: Path) -> None:
    edit_yaml(mini_article / "actors.yaml", lambda d: d["actors"][3].update(kind="newspaper"))
    _, problems = read_article(mini_article)
    (p,) = problems
    text = (mini_article / "actors.yaml").read_text().splitlines()
    assert text[p.line - 1].strip() == "kind: newspaper"
    assert p.expected.startswith("one of")
    assert p.found == "text 'newspaper'"


def test_validator_reports_every_problem_not_just_the_first(mini_article: Path) -> None:
    edit_yaml(mini_article / "actors.yaml", lambda d: d["actors"][0].pop("kind"))
    edit_yaml(mini_article / "quotes.yaml", lambda d: d["quotes"][0].update(paragraph=7))
    _, problems = read_article(mini_article)
    assert {Path(p.file).name for p in problems} == {"actors.yaml", "quotes.yaml"}


def test_unknown_article_id_lists_the_known_ones() -> None:
    with pytest.raises(ArticleNotFoundError, match=r"unknown article id.*'pakistan-russia-2012'"):
        geokit.load_article("pakistan-russia-2013")
    with pytest.raises(LookupError):  # also a LookupError, as pycountry's lookups are
        geokit.load_article("nope")


def test_folder_without_article_yaml(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFoundError, match=r"no article\.yaml in it"):
        geokit.load_article(tmp_path)
    with pytest.raises(ArticleNotFoundError, match="no such article folder"):
        geokit.load_article(tmp_path / "missing")


def test_id_must_match_folder(mini_article: Path) -> None:
    edit_yaml(mini_article / "article.yaml", lambda d: d.update(id="other"))
    with pytest.raises(GeokitDataError, match=r"article id does not match its folder"):
        geokit.load_article(mini_article)


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geokit", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_cli_validate_bundled_corpus_is_clean() -> None:
    result = _cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_cli_validate_prints_one_line_per_problem_and_exits_1(mini_article: Path) -> None:
    edit_yaml(mini_article / "actors.yaml", lambda d: d["actors"][0].pop("kind"))
    edit_yaml(mini_article / "claims.yaml", lambda d: d["claims"][0].update(paragraphs=[0]))
    _write("relations.yaml", b"\xff\xfe")(mini_article)
    result = _cli("validate", str(mini_article))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3, result.stdout
    assert all("yaml" in line for line in lines)
    assert "Traceback" not in result.stderr
    assert "3 problem(s) found" in result.stderr


def test_cli_validate_unknown_id_is_one_clear_line() -> None:
    result = _cli("validate", "no-such-article")
    assert result.returncode == 1
    assert result.stdout.strip().startswith("'no-such-article': unknown article id")
    assert "Traceback" not in result.stderr


def test_duplicate_id_points_at_the_first_occurrence(mini_article: Path) -> None:
    def dup(d: dict) -> None:
        d["actors"].append(dict(d["actors"][0], name="Riverland again"))

    edit_yaml(mini_article / "actors.yaml", dup)
    _, problems = read_article(mini_article)
    (p,) = [p for p in problems if p.message == "duplicate id"]
    text = (mini_article / "actors.yaml").read_text().splitlines()
    first = next(i for i, line in enumerate(text, 1) if "id: riverland" in line)
    assert p.line != first
    assert f"actors.yaml:{first})" in p.found
    assert p.record.startswith("actors[6] ")


def test_an_id_that_is_a_list_is_a_problem_not_a_crash(mini_article: Path) -> None:
    edit_yaml(mini_article / "actors.yaml", lambda d: d["actors"][0].update(id=["riverland"]))
    _, problems = read_article(mini_article)
    assert any(p.field == "id" and p.message == "wrong type" for p in problems)


def test_an_unquoted_date_says_to_quote_it(mini_article: Path) -> None:
    path = mini_article / "article.yaml"
    path.write_text(path.read_text().replace("published: '2020-03-03'", "published: 2020-03-03"))
    hint = r'unquoted date 2020-03-03 \(write it in quotes: "2020-03-03"\)'
    with pytest.raises(GeokitDataError, match=hint):
        geokit.load_article(mini_article)


def test_validating_a_file_points_at_its_folder(mini_article: Path) -> None:
    result = _cli("validate", str(mini_article / "actors.yaml"))
    assert result.returncode == 1
    assert "not an article folder" in result.stdout
    assert "a file; try " in result.stdout
    assert result.stdout.rstrip().endswith("mini-2020)")


def test_schema_into_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    target.write_text("{}")
    result = _cli("schema", "-o", str(target))
    assert result.returncode == 1
    assert "is a file, not a folder; -o names a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_actors_file_is_one_problem_not_a_cascade(mini_article: Path) -> None:
    (mini_article / "actors.yaml").write_text("actors: [unclosed\n")
    _, problems = read_article(mini_article)
    assert len(problems) == 1, problems
    assert "is not valid YAML" in problems[0].message


# -- facts from outside the article (context.yaml) ------------------------------------------------

GOOD_FACT = {
    "id": "dam-built",
    "what": "Riverland finished its upstream dam.",
    "when": "2019-06",
    "about": ["riverland"],
    "paragraphs": [3],
    "source": {
        "outlet": "Example Times",
        "date": "2019-07-01",
        "url": "https://example.org/dam",
    },
}


def _context(folder: Path, change: Callable[[dict], None] | None = None) -> None:
    fact = yaml.safe_load(yaml.safe_dump(GOOD_FACT))  # a deep copy
    if change:
        change(fact)
    (folder / "context.yaml").write_text(
        yaml.safe_dump({"context": [fact]}, sort_keys=False), encoding="utf-8"
    )


def test_an_outside_fact_with_its_source_loads(mini_article: Path) -> None:
    _context(mini_article)
    article = geokit.load_article(mini_article)
    (fact,) = article.context
    assert fact.source.outlet == "Example Times"
    assert article.record("dam-built") is fact
    # a bibliographic reference stands in for a URL
    _context(mini_article, lambda f: f["source"].update(url="", reference="A. Author, Dams, 2019"))
    assert geokit.load_article(mini_article).context[0].source.reference


OUTSIDE_BREAKAGES = [
    ("no source", lambda f: f.pop("source"), "source", "missing required field"),
    ("no outlet", lambda f: f["source"].pop("outlet"), "source.outlet", "missing required field"),
    ("blank outlet", lambda f: f["source"].update(outlet=" "), "source.outlet",
     "source needs its outlet or publisher"),
    ("no date", lambda f: f["source"].pop("date"), "source.date", "missing required field"),
    ("blank date", lambda f: f["source"].update(date=""), "source.date",
     "source needs its date"),
    ("bad date", lambda f: f["source"].update(date="last spring"), "source.date", "bad date"),
    ("no url or reference", lambda f: f["source"].pop("url"), "source.url",
     "needs a URL or a bibliographic reference"),
    ("url not a web address", lambda f: f["source"].update(url="example.org/dam"), "source.url",
     "not a web address"),
    ("bad when", lambda f: f.update(when="the 2010s"), "when", "bad date"),
    ("unknown actor", lambda f: f.update(about=["nobody"]), "about",
     "reference to an unknown actor"),
]


@pytest.mark.parametrize(
    ("name", "change", "field", "message"), OUTSIDE_BREAKAGES, ids=[b[0] for b in OUTSIDE_BREAKAGES]
)
def test_an_outside_fact_without_a_full_source_is_refused(
    mini_article: Path, name: str, change: Callable[[dict], None], field: str, message: str
) -> None:
    _context(mini_article, change)
    with pytest.raises(GeokitDataError) as info:
        geokit.load_article(mini_article)
    (problem,) = info.value.problems
    assert Path(problem.file).name == "context.yaml"
    assert problem.record == "context[0] 'dam-built'"
    assert problem.field == field
    assert message in problem.message
    assert f"context.yaml:{problem.line}: context[0] 'dam-built', field '{field}'" in str(
        problem
    )


def test_cli_validate_names_the_outside_fact_without_a_source(mini_article: Path) -> None:
    _context(mini_article, lambda f: f.pop("source"))
    result = _cli("validate", str(mini_article))
    assert result.returncode == 1
    assert "context.yaml" in result.stdout
    assert "context[0] 'dam-built', field 'source': missing required field" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_section_the_page_does_not_have_is_refused(mini_article: Path) -> None:
    """A paragraph's section is a heading of the captured page, not a label we make up."""
    edit_yaml(
        mini_article / "paragraphs.yaml",
        lambda d: d["paragraphs"][2].update(section="About the analyst"),
    )
    _, problems = read_article(mini_article)
    (p,) = problems
    assert Path(p.file).name == "paragraphs.yaml"
    assert (p.record, p.field) == ("paragraphs[2]", "section")
    assert p.message == "section is not a sub-heading on the captured page"
    assert p.found == "'About the analyst'"


def test_the_shipped_sections_are_the_pages_own_headings() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    assert {p.section for p in art.paragraphs} == {
        None, "General Kayani’s visit", "Russia-Pakistan-America relations",
        "The endgame in Afghanistan",
    }
    assert art.paragraph(23).section != "About the author"
