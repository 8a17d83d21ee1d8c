"""Corrections as data: the article's wording kept, the sources' version added beside it."""

from __future__ import annotations

from pathlib import Path

import yaml
from matplotlib.legend import Legend

import geokit.plots as gp
from geokit.data.loader import read_article
from geokit.data.model import Article


def test_cancellation_keeps_the_articles_date_and_adds_the_sources(shipped: Article) -> None:
    event = shipped.record("putin-trip-cancellation")
    assert (event.date.value, event.date.wording) == ("2012-W40", "last week")
    fact = shipped.record("putin-cancellation-announced")
    assert fact.event == "putin-trip-cancellation"
    assert fact.when == "2012-09-27"
    assert fact.source.date == "2012-09-27"
    assert fact.source.url.startswith("http://www.dawn.com/")
    assert "Thursday" in fact.source.excerpt  # the source's own words date it


def test_timeline_draws_both_dates_styled_apart(shipped: Article) -> None:
    fig = gp.timeline(shipped)
    data = gp.figure_data(fig)
    (ctx,) = data["context"]
    ev = next(e for e in data["events"] if e["id"] == "putin-trip-cancellation")
    assert (ctx["start"], ev["start"]) == ("2012-09-27", "2012-10-01")
    gids = {a.get_gid() for a in fig.findobj()}
    assert {"context:putin-cancellation-announced", "event:putin-trip-cancellation:span"} <= gids
    legend = [t.get_text() for leg in fig.findobj(Legend) for t in leg.get_texts()]
    assert "outside record" in legend
    alt = gp.alt_text(fig)
    assert "Outside record, not from the article" in alt
    assert "27 Sep 2012 (Dawn (dawn.com), 2012-09-27)" in alt
    assert "which the article dates week of 1 Oct 2012 (“last week”, ¶2)" in alt


def test_an_outside_record_must_name_a_real_event(shipped_copy: Path) -> None:
    path = shipped_copy / "context.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["context"][-1]["event"] = "putin-trip-cancelation"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, problems = read_article(shipped_copy)
    (msg,) = [str(p) for p in problems]
    assert "context.yaml" in msg
    assert "'putin-cancellation-announced'" in msg
    assert "field 'event'" in msg
    assert "unknown event" in msg
