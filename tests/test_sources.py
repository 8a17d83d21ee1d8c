"""sources.yaml: related sources, excerpts and traces, with each trace's overlap computed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from geokit.data.loader import read_article
from geokit.data.model import Article
from geokit.data.sources import MIN_SHARE, overlap, trace_lines


def edit_sources(folder: Path, change: Callable[[dict], None]) -> list[str]:
    path = folder / "sources.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    article, problems = read_article(folder)
    assert article is None
    return [str(p) for p in problems]


def _source(data: dict, sid: str) -> dict:
    return next(s for s in data["sources"] if s["id"] == sid)


def _trace(data: dict, tid: str) -> dict:
    return next(t for t in data["traces"] if t["id"] == tid)


def test_shipped_sources_load_with_every_kind(shipped: Article) -> None:
    kinds = {s.kind for s in shipped.sources}
    assert kinds == {"news_report", "editorial", "op_ed", "republication"}
    assert {t.paragraph for t in shipped.traces} >= {2, 18, 21}
    for s in shipped.sources:
        assert s.url.startswith(("http://", "https://")), s.id
        for ex in s.excerpts:
            assert len(ex.text.split()) <= 80, ex.id  # a sentence or two, never an article


def test_every_shipped_trace_reaches_the_threshold(shipped: Article) -> None:
    texts = {ex.id: ex.text for s in shipped.sources for ex in s.excerpts}
    for t in shipped.traces:
        assert overlap(t.span, texts[t.excerpt]).share >= MIN_SHARE, t.id


def test_the_dawn_sentences_are_traced_and_credited_to_iqbal(shipped: Article) -> None:
    traces = {t.paragraph: t for t in shipped.traces if t.source == "dawn-2012-09-27-print"}
    for n in (18, 21):
        t = traces[n]
        assert t.credited_to == "khalid-iqbal"
        assert "credited to Iqbal in the article" in " ".join(t.note.split())
        assert "not determined" in t.note  # who moved the words is left open


def test_trace_lines_report_the_computed_overlap(shipped: Article) -> None:
    lines = trace_lines(shipped)
    assert len(lines) == len(shipped.traces)
    line = next(x for x in lines if "t21-dawn-endgame" in x)
    # 11 of 16 words: 'the endgame in afghanistan' and 'one of the major factors behind the'
    assert line.startswith("¶21 ")
    assert "69% (11 of 16 words" in line


def test_overlap_folds_spelling_but_not_paraphrase() -> None:
    spelt = overlap("formalizing the silent reset today", "formalising the silent reset")
    assert spelt.covered == 4
    assert overlap("Kayani flew to Russia on Wednesday", "Kiani flew to Russia").covered == 4
    assert overlap("a b c", "a b c").share == 0.0  # shorter than one 4-gram: nothing shared


def test_a_fabricated_trace_fails(shipped_copy: Path) -> None:
    # the Express Tribune makes ¶21's claim in its own words: same claim, no shared wording
    def fabricate(data: dict) -> None:
        t = _trace(data, "t21-dawn-endgame")
        t["source"], t["excerpt"] = "tribune-2012-10-02", "tribune-afghan-endgame"

    problems = edit_sources(shipped_copy, fabricate)
    assert len(problems) == 1
    assert "sources.yaml:" in problems[0]
    assert "traces[" in problems[0]
    assert "'t21-dawn-endgame'" in problems[0]
    assert "field 'excerpt'" in problems[0]
    assert "does not follow the excerpt's wording" in problems[0]
    assert "found 0% (0 of 16 words" in problems[0]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda d: _source(d, "dawn-2012-09-27-print").update(url="www.dawn.com/news/752485"),
         "url", "not a web address"),
        (lambda d: _source(d, "dawn-2012-09-27-print").update(url="https:///news/752485"),
         "url", "a web address needs a host"),
        (lambda d: _source(d, "dawn-2012-09-27-print").update(date="27 Sep 2012"),
         "date", "bad date"),
        (lambda d: _source(d, "dawn-2012-09-27-print").update(date="2012-09-31"),
         "date", "bad date"),
        (lambda d: _source(d, "asiaplus-2012-09-28").update(date="", date_basis=""),
         "date", "needs its date"),
        (lambda d: _trace(d, "t18-dawn-silent-reset").update(span="formalising the silent reset "
                                                               "in Pak-Russia relations today"),
         "span", "not verbatim"),
        (lambda d: _trace(d, "t18-dawn-silent-reset").update(excerpt="no-such-excerpt"),
         "excerpt", "unknown excerpt"),
        (lambda d: _trace(d, "t18-dawn-silent-reset").update(span="the silent reset"),
         "span", "too short"),
    ],
)
def test_bad_records_name_file_record_and_field(
    shipped_copy: Path, change: Callable[[dict], None], field: str, message: str
) -> None:
    problems = edit_sources(shipped_copy, change)
    assert len(problems) == 1, problems
    assert "pakistan-russia-2012/sources.yaml:" in problems[0]
    assert f"field '{field}'" in problems[0]
    assert message in problems[0]
    assert "sources[" in problems[0] or "traces[" in problems[0]


def test_validate_reports_each_traces_computed_overlap(
    shipped_copy: Path, shipped: Article, capsys: pytest.CaptureFixture[str]
) -> None:
    from geokit.cli.app import main

    assert main(["validate", str(shipped_copy)]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # stdout is for problems only
    reported = [line.strip() for line in err.splitlines() if line.startswith("  trace ")]
    assert len(reported) == len(shipped.traces)
    texts = {ex.id: ex.text for s in shipped.sources for ex in s.excerpts}
    for tr in shipped.traces:
        line = next(x for x in reported if f" {tr.id} " in x)
        share = overlap(tr.span, texts[tr.excerpt]).share
        assert line.startswith(f"trace ¶{tr.paragraph} "), line
        assert f"<- {tr.source} " in line
        assert f": {share:.0%} (" in line


def test_validate_fails_a_fabricated_trace_with_one_clear_line(
    shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from geokit.cli.app import main

    def fabricate(data: dict) -> None:
        t = _trace(data, "t18-dawn-silent-reset")  # the Tribune's own words, not Dawn's
        t["source"], t["excerpt"] = "tribune-2012-10-02", "tribune-afghan-endgame"

    edit_sources(shipped_copy, fabricate)
    assert main(["validate", str(shipped_copy)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1, lines
    assert "sources.yaml:" in lines[0]
    assert "'t18-dawn-silent-reset'" in lines[0]
    assert "does not follow the excerpt's wording" in lines[0]
    assert "Traceback" not in err
    assert "  trace " not in err  # no overlap report for an article that failed
    assert "1 problem(s) found" in err
