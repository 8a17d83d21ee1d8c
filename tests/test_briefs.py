"""The summit simulation's briefs: built from records, every line cited, checked against the
text, printed as Markdown and HTML, and written into the editions."""

from __future__ import annotations

import re
import sys
from html import escape
from pathlib import Path

import pytest
import yaml
from conftest import SHIPPED

import geokit
from geokit.data.briefs import brief_book, brief_page, printed_lines
from geokit.data.loader import read_article

ARTICLE = geokit.load_article(SHIPPED)
BRIEF_IDS = [b.id for b in ARTICLE.briefs]
CASTS = {"delegation": {"pakistan", "russia", "tajikistan", "afghanistan"},
         "observer": {"united-states", "india", "china"}}


def test_the_four_delegations_and_three_observers_have_briefs() -> None:
    for role, ids in CASTS.items():
        assert {b.id for b in ARTICLE.briefs if b.role == role} == ids


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_every_line_says_whose_reading_it_is_and_cites_it(brief_id: str) -> None:
    brief = next(b for b in ARTICLE.briefs if b.id == brief_id)
    lines = printed_lines(ARTICLE, brief)
    assert len(lines) == sum(len(s.lines) for s in brief.sections)
    for line in lines:
        assert line.text
        assert line.reading
        assert line.cites, line
        assert all(c.strip() for c in line.cites), line
        # a citation is a paragraph, an outside record with outlet and date, or the searched terms
        for c in line.cites:
            assert re.match(r"¶\d+|context \S+: .+, \d{4}|source \S+: .+|all paragraphs "
                            r"searched|.+, \d{4}-\d\d", c), c


@pytest.mark.parametrize("brief_id", BRIEF_IDS)
def test_each_brief_renders_as_markdown_and_html_with_every_citation(brief_id: str) -> None:
    page = brief_page(ARTICLE, brief_id)
    html = page.html(standalone=True)
    assert page.markdown.startswith(f"# Brief: {page.brief.title}")
    assert html.startswith("<!DOCTYPE html>")
    assert "@page" in html  # prints one page per brief
    for line in page.lines:
        for c in line.cites:
            assert c in page.markdown
            assert escape(c) in html
    assert page._repr_markdown_() == page.markdown
    assert "<script" not in html  # plain text, no widgets
    assert "widget" not in html
    assert repr(page).startswith(f"<Brief {brief_id!r}")


def test_record_lines_carry_the_records_own_reading() -> None:
    india = {ln.text: ln for ln in brief_page(ARTICLE, "india").lines}
    opposes = ARTICLE.record("int-india-closer-ties")
    line = india[" ".join(opposes.summary.split())]
    assert line.reading == "Khalid Iqbal's reading, as the article reports it"
    assert line.cites == ("¶19",)
    inferred = india[" ".join(ARTICLE.record("int-india-us-bases").summary.split())]
    assert inferred.reading.startswith("our inference from")


def test_thin_briefs_say_what_the_article_does_not() -> None:
    china = brief_page(ARTICLE, "china")
    first = china.lines[0]
    assert first.reading == "our reading"
    assert first.text.startswith("Nothing.")
    assert all("outside the article" in ln.reading for ln in china.lines[1:])
    tajik = brief_page(ARTICLE, "tajikistan")
    assert any(ln.cites == ("¶2, ¶10",) and ln.reading == "our reading" for ln in tajik.lines)


def test_brief_book_shows_every_brief_and_an_unknown_id_is_a_clear_error() -> None:
    book = brief_book(ARTICLE)
    assert [p.brief.id for p in book.pages] == BRIEF_IDS
    assert book._repr_html_().count('<div class="geokit-brief">') == len(BRIEF_IDS)
    with pytest.raises(LookupError, match="has no brief 'mars'; its briefs: pakistan"):
        brief_page(ARTICLE, "mars")


# -- the validator refuses an uncited or untrue line -------------------------------------------

def _break(folder: Path, change) -> list[str]:
    path = folder / "briefs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["briefs"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    article, problems = read_article(folder)
    assert article is None
    return [str(p) for p in problems]


def _line(briefs, brief_id: str, section: int, line: int) -> dict:
    brief = next(b for b in briefs if b["id"] == brief_id)
    return brief["sections"][section]["lines"][line]


@pytest.mark.parametrize(("change", "message"), [
    (lambda b: _line(b, "pakistan", 0, 0).update(record="int-nobody-wants"),
     "reference to an unknown record"),
    (lambda b: b[0]["sections"][0]["lines"].append({"text": "Pakistan wants a dam.",
                                                    "reading": "ours"}),
     "our reading cites what it rests on"),
    (lambda b: b[0]["sections"][0]["lines"].append({"text": "Pakistan wants a dam.",
                                                    "reading": "article"}),
     "the article's reading cites its paragraphs"),
    (lambda b: b[0]["sections"][0]["lines"].append({"text": "Pakistan wants a dam."}),
     "says whose reading it is"),
    # a claimed silence that is not silent: the article names Russia all over
    (lambda b: _line(b, "china", 0, 0).update(terms=["China", "Russia"]),
     "the terms do not occur in exactly the listed paragraphs"),
    (lambda b: _line(b, "tajikistan", 0, 2).update(paragraphs=[2]),
     "the terms do not occur in exactly the listed paragraphs"),
    (lambda b: b[0]["sections"][0]["lines"].append(
        {"text": 'Iqbal says Russia "will replace the US".', "reading": "article",
         "according_to": "khalid-iqbal", "paragraphs": [18]}),
     "quoted words are not verbatim in the cited paragraphs"),
    (lambda b: _line(b, "china", 1, 0)["source"].update(url="chinanews.net.au/2012"),
     "not a web address"),
    (lambda b: _line(b, "china", 1, 0).update(reading="article"),
     "the article's reading cites its paragraphs"),
    (lambda b: b[1].update(actor="ruritania"), "reference to an unknown actor"),
])
def test_a_bad_line_is_refused_naming_the_brief(shipped_copy: Path, change, message: str) -> None:
    problems = _break(shipped_copy, change)
    assert any(message in p and "briefs.yaml" in p and "briefs[" in p for p in problems), problems


def test_geokit_validate_reports_a_broken_brief_in_one_line(shipped_copy: Path,
                                                             capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    from geokit.cli import main

    _break(shipped_copy, lambda b: _line(b, "russia", 0, 0).update(record="int-none"))
    assert main(["validate", str(shipped_copy)]) == 1
    err = capsys.readouterr()
    out = err.out + err.err
    assert "briefs.yaml" in out
    assert "int-none" in out
    assert "Traceback" not in out


# -- the editions include them ----------------------------------------------------------------

def test_editions_build_writes_every_brief_as_markdown_and_html(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]
                                                                 ) -> None:
    nbformat = pytest.importorskip("nbformat")
    from geokit.cli import main

    src = tmp_path / "lessons"
    src.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Lesson")]),
                   src / "01-one.ipynb")
    out = tmp_path / "out"
    (out / "briefs").mkdir(parents=True)
    (out / "briefs" / "renamed-away.md").write_text("stale", encoding="utf-8")
    assert main(["editions", "build", str(out), "--source", str(src)]) == 0
    assert f"briefs: {2 * len(BRIEF_IDS)} page(s)" in capsys.readouterr().out
    written = sorted(p.name for p in (out / "briefs").iterdir())
    assert written == sorted(f"{b}{s}" for b in BRIEF_IDS for s in (".md", ".html"))
    for brief_id in BRIEF_IDS:
        page = brief_page(ARTICLE, brief_id)
        md = (out / "briefs" / f"{brief_id}.md").read_text(encoding="utf-8")
        assert md == page.markdown
        html = (out / "briefs" / f"{brief_id}.html").read_text(encoding="utf-8")
        assert f"<h1>Brief: {page.brief.title}</h1>" in html
        assert html.count("<li>") == len(page.lines)


def test_the_data_layer_renders_briefs_without_widgets() -> None:
    import subprocess

    code = ("import sys, geokit; from geokit.data.briefs import brief_book; "
            "brief_book(geokit.load_article()).pages[0].html(); "
            "print(any(m in sys.modules for m in ('ipywidgets', 'matplotlib', 'IPython')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == "False"
