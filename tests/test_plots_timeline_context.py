"""The timeline with the article's outside records (context.yaml) drawn apart from its events."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pytest

import geokit.plots as gp
from geokit.plots.timelines import KIND_STYLE, OUTSIDE_STYLE

SHIPPED = "pakistan-russia-2012"


@pytest.fixture(scope="module")
def fig():  # type: ignore[no-untyped-def]
    figure = gp.timeline(SHIPPED, context=True, figsize=(12, 16))
    yield figure
    plt.close(figure)


def _gids(figure, prefix):  # type: ignore[no-untyped-def]
    return {a.get_gid(): a for a in figure.findobj() if str(a.get_gid()).startswith(prefix)}


def test_outside_records_are_drawn_only_when_asked() -> None:
    plain = gp.figure_data(gp.timeline(SHIPPED))
    # only the record that dates one of the article's own events comes without asking
    assert [e["id"] for e in plain["events"] if e["origin"] != "article"] \
        == ["putin-cancellation-announced"]
    data = gp.figure_data(gp.timeline(SHIPPED, context=True))
    outside = [e for e in data["events"] if e["origin"] == "outside"]
    ids = {e["id"] for e in outside}
    assert {"c02-seato", "c03-indo-soviet-treaty", "c14-salala"} <= ids
    assert all(e["source"]["outlet"] and e["source"]["date"] for e in outside)
    assert min(e["start"] for e in outside) < "1948"  # partition, 1947
    assert max(e["end"] for e in outside) >= "2014-11-20"


def test_outside_records_are_styled_apart_from_every_article_kind(fig) -> None:  # type: ignore[no-untyped-def]
    drawn = _gids(fig, "outside:")
    assert "outside:c02-seato:day" in drawn
    assert "outside:c23-arms-embargo-lifted:span" in drawn  # June 2014: a month, a span
    seato = drawn["outside:c02-seato:day"]
    assert seato.get_marker() == OUTSIDE_STYLE["marker"]
    assert matplotlib.colors.to_hex(seato.get_markerfacecolor()) == OUTSIDE_STYLE["color"].lower()
    assert OUTSIDE_STYLE["color"] not in {s["color"] for s in KIND_STYLE.values()}
    # no article event is drawn in the outside look
    for gid, artist in _gids(fig, "event:").items():
        if gid.endswith(":day"):
            assert matplotlib.colors.to_hex(artist.get_markerfacecolor()) \
                != OUTSIDE_STYLE["color"].lower()
    label = _gids(fig, "label:c02-seato")["label:c02-seato"]
    assert label.get_fontstyle() == "italic"
    assert "outside" in label.get_text()
    assert "¶" not in label.get_text()
    article_label = _gids(fig, "label:lavrov-visit-islamabad")["label:lavrov-visit-islamabad"]
    assert article_label.get_fontstyle() == "normal"
    assert "¶" in article_label.get_text()


def test_legend_and_alt_text_say_which_is_which(fig) -> None:  # type: ignore[no-untyped-def]
    legend = fig.axes[0].get_legend()
    texts = [t.get_text() for t in legend.get_texts()]
    assert any("outside the article" in t for t in texts)
    alt = gp.alt_text(fig)
    assert "from the article are drawn in colour" in alt
    assert "not the article" in alt
    assert "grey squares" in alt
    assert ("Pakistan joins SEATO (Manila Pact) (8 Sep 1954, outside the article, source: "
            "International Organization") in alt
    # an article event in the same alt text keeps its paragraph
    assert "Kayani calls on General Makarov (5 Oct 2012, ¶12, ¶13)" in alt
    plain = gp.alt_text(gp.timeline(SHIPPED))
    assert "SEATO" not in plain  # only the cancellation's outside date comes unasked
    assert plain.count("outside the article, source:") == 1


def test_zoom_stays_on_the_articles_months(fig) -> None:  # type: ignore[no-untyped-def]
    data = gp.figure_data(fig)
    zoom = data["panels"][1]
    assert (zoom["start"], zoom["end"]) == ("2012-08-01", "2012-10-31")
    assert "c24-military-cooperation-agreement" in data["panels"][0]["events"]


def test_the_timeline_starts_at_partition_with_the_month_the_source_gives(fig) -> None:  # type: ignore[no-untyped-def]
    data = gp.figure_data(gp.timeline(SHIPPED, context=True))
    first = min((e for e in data["events"] if e["origin"] == "outside"), key=lambda e: e["start"])
    assert first["id"] == "c01-partition"
    assert first["start"].startswith("1947-08")  # month precision: the sources differ on the day
    assert first["source"]["url"]
    assert "outside:c01-partition:span" in _gids(fig, "outside:")  # a month is drawn as a span


def test_every_outside_record_on_the_timeline_has_a_short_label() -> None:
    """A record without a title is drawn with its whole `what`, which overruns its neighbours."""
    data = gp.figure_data(gp.timeline(SHIPPED, context=True))
    for e in data["events"]:
        if e["origin"] == "outside":
            assert len(e["title"]) <= 60, (e["id"], e["title"])

def test_the_cancellation_is_drawn_with_both_dates_styled_apart() -> None:
    # without context=True too: the article's vague date is never shown alone
    figure = gp.timeline(SHIPPED)
    try:
        data = gp.figure_data(figure)
        events = {e["id"]: e for e in data["events"]}
        article, outside = events["putin-trip-cancellation"], events["putin-cancellation-announced"]
        # the article's date keeps its words and its vagueness: a week, not a day
        assert (article["origin"], article["value"], article["span"]) == ("article", "2012-W40",
                                                                          True)
        assert article["date_label"] == "“last week”, read as week of 1 Oct 2012"
        assert article["outside_record"] == "putin-cancellation-announced"
        # the sources' date: a day, earlier, with its source
        assert (outside["origin"], outside["start"], outside["span"]) == ("outside", "2012-09-27",
                                                                          False)
        assert outside["corrects"] == "putin-trip-cancellation"
        assert outside["source"]["outlet"].startswith("Dawn")
        assert outside["start"] < article["start"]
        drawn = _gids(figure, "")
        assert "event:putin-trip-cancellation:span" in drawn
        dot = drawn["outside:putin-cancellation-announced:day"]
        assert dot.get_marker() == OUTSIDE_STYLE["marker"]
        assert matplotlib.colors.to_hex(dot.get_markerfacecolor()) \
            == OUTSIDE_STYLE["color"].lower()
        span = drawn["event:putin-trip-cancellation:span"]
        assert matplotlib.colors.to_hex(span.get_facecolor()) != OUTSIDE_STYLE["color"].lower()
        assert "link:putin-cancellation-announced:putin-trip-cancellation" in drawn
        label = drawn["label:putin-cancellation-announced"]
        assert label.get_fontstyle() == "italic"
        assert "outside: Dawn" in label.get_text()
        assert "“last week”" in drawn["label:putin-trip-cancellation"].get_text()
        alt = gp.alt_text(figure)
        assert ("Two dates for one event: the article dates “Russia cancels Putin's trip to "
                "Pakistan” “last week”, read as week of 1 Oct 2012; an outside source, Dawn "
                "(dawn.com) of 2012-09-27, dates it 27 Sep 2012") in alt
    finally:
        plt.close(figure)
