"""Competing explanations as data: each with who offered it, when, on what basis, its sources
and the excerpts for and against it, checked against sources.yaml and the article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_sources import edit_sources

from geokit.data.model import Article


def _expl(data: dict, eid: str) -> dict:
    return next(e for e in data["explanations"] if e["id"] == eid)


def test_shipped_explanations_name_real_sources_and_excerpts(shipped: Article) -> None:
    sources = {s.id: s for s in shipped.sources}
    excerpt_source = {ex.id: s.id for s in shipped.sources for ex in s.excerpts}
    ids = {e.id for e in shipped.explanations}
    # the explanations the issue names: the Foreign Office's, The Nation's three, Gazprom's,
    # and the article's own pipeline framing
    assert {"summit-rescheduled", "gazprom-without-bidding", "too-little-substance",
            "india-discouraged", "article-pipeline-displeasure"} <= ids
    for e in shipped.explanations:
        assert e.offered_by.strip(), e.id
        assert e.claim.strip(), e.id
        assert all(sid in sources for sid in e.sources), e.id
        assert all(x in excerpt_source for x in (*e.support, *e.against)), e.id
        if e.sources:  # at least one source that offers it also states it
            assert {excerpt_source[x] for x in e.support} & set(e.sources), e.id
        else:  # offered only in the article's own paragraphs, on its date
            assert e.paragraphs, e.id
            assert e.date == shipped.meta.published, e.id
    nation = next(e for e in shipped.explanations if e.id == "too-little-substance")
    assert nation.date == "2012-09-29"
    assert "nation-editorial-2012-09-29" in nation.sources
    fo = next(e for e in shipped.explanations if e.id == "summit-rescheduled")
    assert fo.basis == "official"
    assert "putin-letter" in fo.support


def test_the_article_leaves_out_most_explanations(shipped: Article) -> None:
    carried = {e.id for e in shipped.explanations if e.paragraphs}
    left_out = {e.id for e in shipped.explanations} - carried
    assert {"putins-schedule", "forum-lost-momentum"} <= left_out
    assert "gazprom-without-bidding" in carried


def test_explanations_are_exported(shipped: Article) -> None:
    from geokit.data.loader import article_dict

    exported = article_dict(shipped)["explanations"]
    assert [e["id"] for e in exported] == [e.id for e in shipped.explanations]
    assert exported[0]["sources"]
    assert exported[0]["basis"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda d: _expl(d, "gazprom-without-bidding").update(
            sources=["pti-deccanherald-2012-09-27", "no-such-source"]),
         "sources", "unknown source"),
        (lambda d: _expl(d, "gazprom-without-bidding").update(
            against=["no-such-excerpt"]), "against", "unknown excerpt"),
        (lambda d: _expl(d, "gazprom-without-bidding").update(date="2012-10-01"),
         "date", "earliest source"),
        (lambda d: _expl(d, "gazprom-without-bidding").update(date="27 September"),
         "date", "bad date"),
        (lambda d: _expl(d, "forum-lost-momentum").update(support=["nation-three-reasons"]),
         "support", "no supporting excerpt comes from a source that offers"),
        (lambda d: _expl(d, "forum-lost-momentum").update(sources=[]),
         "sources", "needs its sources"),
        (lambda d: _expl(d, "article-pipeline-displeasure").update(date="2012-10-01"),
         "date", "dated by the article"),
        (lambda d: _expl(d, "india-discouraged").update(paragraphs=[99]),
         "paragraphs", "paragraph out of range"),
        (lambda d: _expl(d, "india-discouraged").update(basis="rumour"), "basis", "rumour"),
    ],
)
def test_bad_explanations_name_file_record_and_field(
    shipped_copy: Path, change: Callable[[dict], None], field: str, message: str
) -> None:
    problems = edit_sources(shipped_copy, change)
    assert len(problems) == 1, problems
    assert "pakistan-russia-2012/sources.yaml:" in problems[0]
    assert "explanations[" in problems[0]
    assert f"field '{field}'" in problems[0]
    assert message in problems[0]
