"""The kit's gazetteer: it reads, it knows the short names and titles, and its grown part is
what the shipped articles give (regrow with `make gazetteer` when an article changes)."""

from __future__ import annotations

import dataclasses

from geokit.data import gazetteer as gz
from geokit.data.loader import load_article


def test_the_gazetteer_reads_and_knows_common_short_names() -> None:
    g = gz.gazetteer()
    codes = g.state_codes()
    assert {codes[n] for n in ("Russia", "UK", "Britain", "Turkey", "US")} == {
        "RUS", "GBR", "TUR", "USA"}
    assert codes["Pakistani"] == "PAK"
    assert g.display_name("RUS") == "Russia"
    assert {"Foreign Minister", "Prime Minister", "Air Chief Marshal"} <= set(g.titles)
    assert "Islamabad" in g.places


def test_the_grown_file_is_what_the_shipped_articles_give() -> None:
    hand = gz.gazetteer()
    own = [k for k in hand.known if not k.source]
    expected = gz.grown_text((load_article(i) for i in hand.grown_from), own)
    assert gz.GROWN_FILE.read_text(encoding="utf-8") == expected, (
        "gazetteer-grown.yaml is out of date: run `make gazetteer`")


def test_growing_keeps_names_and_leaves_out_descriptions_and_states() -> None:
    grown = {k.name: k for k in gz.grow([load_article("pakistan-russia-2012")])}
    assert grown["Sergey Lavrov"].role == "Russian Foreign Minister"
    assert grown["Sergey Lavrov"].affiliation == "Russia"  # the actor's name, not its id
    assert grown["Sergey Lavrov"].source == "pakistan-russia-2012"
    assert grown["Dawn"].aliases == ()  # 'daily Dawn' is a description, not a name
    for left_out in ("Russia", "Official quoted by Dawn", "Diplomatic observers",
                     "Section of Pakistan media"):
        assert left_out not in grown


def test_growing_adds_a_new_articles_people(tmp_path: object) -> None:
    article = load_article("template-example")
    renamed = dataclasses.replace(article, meta=dataclasses.replace(article.meta, id="x"))
    grown = {k.name: k for k in gz.grow([renamed], known=gz.gazetteer().known)}
    assert grown["Ilse Varga"].affiliation == "Kestria"
    assert grown["Ilse Varga"].source == "x"
    assert "Tovik Herald" in grown
    # a name the gazetteer knows already is not grown twice
    assert not gz.grow([load_article("pakistan-russia-2012")], known=gz.gazetteer().known)
