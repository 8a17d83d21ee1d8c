"""A small article in the corpus folder format, built in ``tmp_path`` for the figure tests.

It is small enough to reason about by hand, so the structure tests can say exactly which nodes,
edges, events and cells each figure must draw; and it is ours, so its baselines do not move when
the shipped article's annotations change. ``make_mini_article(folder)`` writes it and returns the
folder; the tests below check that it is itself a clean article.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import geokit

PARAGRAPHS = [
    "Foreign Minister Lavrov visited Islamabad last week and met Foreign Minister Khar.",
    "President Putin cancelled his trip to the Quadrilateral Summit planned for 2-3 October 2012.",
    "Russia will help modernise Pakistan Steel Mills in Karachi, the daily Dawn reported.",
    "Air Chief Butt visited Moscow in August. Musharraf had visited Moscow in 2003.",
    "Russia is interested in CASA-1000, the line from Tajikistan to Pakistan, and wants the "
    "Iran-Pakistan pipeline; Pakistan is wary of the pipeline bid.",
    "Analyst Iqbal argues Pakistan seeks balance, not a break with the United States, since "
    "Russia cannot replace American aid. A meeting is expected some day.",
]

FILES = {
    "article.yaml": """\
        id: mini-summit
        title: A small test article
        author: Test Author
        outlet: Test Outlet
        publisher: Tests
        published: "2012-10-08"
        source_file: source.txt
        """,
    "actors.yaml": """\
        actors:
        - {id: russia, name: Russia, kind: state, paragraphs: [2, 3, 5, 6]}
        - {id: pakistan, name: Pakistan, kind: state, paragraphs: [1, 3, 5, 6]}
        - {id: tajikistan, name: Tajikistan, kind: state, paragraphs: [5]}
        - {id: united-states, name: United States, kind: state, paragraphs: [6]}
        - {id: lavrov, name: Sergey Lavrov, kind: person, paragraphs: [1], role: Foreign Minister,
           affiliation: russia}
        - {id: putin, name: Vladimir Putin, kind: person, paragraphs: [2], role: President,
           affiliation: russia}
        - {id: khar, name: Hina Rabbani Khar, kind: person, paragraphs: [1],
           role: Foreign Minister, affiliation: pakistan}
        - {id: butt, name: Tahir Rafique Butt, kind: person, paragraphs: [4],
           role: Air Chief Marshal, affiliation: pakistan}
        - {id: musharraf, name: Pervez Musharraf, kind: person, paragraphs: [4],
           role: former President, affiliation: pakistan}
        - {id: dawn, name: Dawn, kind: media_outlet, paragraphs: [3]}
        - {id: iqbal, name: Khalid Iqbal, kind: analyst, paragraphs: [6]}
        - {id: gazprom, name: Gazprom, kind: company, paragraphs: [5]}
        """,
    "events.yaml": """\
        events:
        - id: lavrov-visit
          title: Lavrov visits Islamabad
          kind: visit
          date: {value: "2012-W40", wording: last week}
          paragraphs: [1]
          participants: [lavrov, khar]
          place: Islamabad
        - id: quad-summit
          title: Quadrilateral Summit
          kind: summit
          date: {value: "2012-10-02/2012-10-03", wording: 2-3 October 2012}
          paragraphs: [2]
          participants: [putin, russia, pakistan, tajikistan]
          status: cancelled
        - id: butt-visit
          title: Butt visits Moscow
          kind: visit
          date: {value: "2012-08", wording: in August}
          paragraphs: [4]
          participants: [butt]
        - id: musharraf-visit
          title: Musharraf visits Moscow
          kind: visit
          date: {value: "2003", wording: "2003"}
          paragraphs: [4]
          participants: [musharraf]
        - id: steel-signing
          title: Steel Mills memorandum
          kind: signing
          date: {value: "2012-10-04", wording: last week}
          paragraphs: [3, 1]
          participants: [russia, pakistan]
        - id: some-meeting
          title: A meeting with no date
          kind: meeting
          date: {value: null, wording: some day}
          paragraphs: [6]
          participants: [pakistan, russia]
          status: proposed
        """,
    "projects.yaml": """\
        projects:
        - id: steel-mills
          name: Pakistan Steel Mills
          kind: mou
          status: memorandum signed
          paragraphs: [3]
          parties: [russia, pakistan]
          sector: steel
          place: Karachi
        - id: casa-1000
          name: CASA-1000
          kind: project
          status: Russia interested
          paragraphs: [5]
          parties: [russia, tajikistan, pakistan]
          sector: energy
        - id: ip-pipeline
          name: Iran-Pakistan gas pipeline
          kind: project
          status: no progress
          paragraphs: [5]
          parties: [gazprom, pakistan]
          sector: energy
        - id: energy-mou
          name: Energy cooperation memorandum
          kind: mou
          status: signed
          paragraphs: [3]
          parties: [russia, pakistan]
          sector: energy
        """,
    "interests.yaml": """\
        interests:
        - {id: i-ru-casa, actor: russia, topic: casa-1000, topic_label: CASA-1000,
           stance: seeks, summary: Russia wants a part in CASA-1000., paragraphs: [5]}
        - {id: i-ru-pipe, actor: russia, topic: ip-pipeline, topic_label: IP pipeline,
           stance: seeks, summary: Russia wants the pipeline for Gazprom., paragraphs: [5]}
        - {id: i-pk-pipe, actor: pakistan, topic: ip-pipeline, topic_label: IP pipeline,
           stance: wary, summary: Pakistan is wary of a bid without tender., paragraphs: [5]}
        - {id: i-pk-balance, actor: pakistan, topic: balance, topic_label: Balancing the US,
           stance: seeks, summary: Pakistan seeks balance., paragraphs: [6],
           according_to: iqbal}
        - {id: i-us-balance, actor: united-states, topic: balance, topic_label: Balancing the US,
           stance: opposes, summary: The US opposes the rapprochement., paragraphs: [6],
           according_to: iqbal}
        """,
    "relations.yaml": """\
        relations:
        - {id: r-ru-pk, source: russia, target: pakistan, type: rapprochement,
           paragraphs: [1, 3], directed: false}
        - {id: r-pk-us, source: pakistan, target: united-states, type: dependency,
           paragraphs: [6]}
        - {id: r-putin-pk, source: putin, target: pakistan, type: diplomatic_snub,
           paragraphs: [2]}
        """,
    "places.yaml": """\
        places:
        - {id: islamabad, name: Islamabad, lat: 33.72, lon: 73.04, capital_of: pakistan,
           label_dx: 3.2, label_dy: -2.6, source: GeoNames}
        - {id: moscow, name: Moscow, lat: 55.75, lon: 37.62, capital_of: russia, source: GeoNames}
        - {id: dushanbe, name: Dushanbe, lat: 38.54, lon: 68.78, capital_of: tajikistan,
           label_dx: -1.3, label_dy: 0.4, source: GeoNames}
        - {id: washington, name: "Washington, D.C.", lat: 38.90, lon: -77.04,
           capital_of: united-states, source: GeoNames}
        - {id: bishkek, name: Bishkek, lat: 42.87, lon: 74.59, source: GeoNames}
        - {id: kabul, name: Kabul, lat: 34.53, lon: 69.17, source: GeoNames}
        - {id: peshawar, name: Peshawar, lat: 34.01, lon: 71.58, source: GeoNames}
        - {id: asaluyeh, name: Asaluyeh, lat: 27.48, lon: 52.61, source: GeoNames}
        - {id: gwadar, name: Gwadar, lat: 25.12, lon: 62.33, source: GeoNames}
        - {id: nawabshah, name: Nawabshah, lat: 26.24, lon: 68.41, source: GeoNames}
        - {id: karachi, name: Karachi, lat: 24.86, lon: 67.01, label_dx: -5.0, label_dy: -1.3,
           source: GeoNames}
        drawings:
        - {id: casa-1000, label: CASA-1000 power line, kind: route,
           places: [bishkek, dushanbe, kabul, peshawar], projects: [casa-1000],
           style: electricity, note: schematic}
        - {id: ip-pipeline, label: Iran–Pakistan gas pipeline, kind: route,
           places: [asaluyeh, gwadar, nawabshah], projects: [ip-pipeline], style: gas,
           note: schematic}
        - {id: steel-mills, label: Pakistan Steel Mills, kind: site, places: [karachi],
           projects: [steel-mills], style: steel, note: placed at Karachi}
        """,
    "arguments.yaml": """\
        arguments:
        - id: balance
          title: Pakistan seeks balance, not a break
          holder: iqbal
          nodes:
          - {id: a-claim, role: claim, text: Pakistan seeks to balance its ties., paragraphs: [6]}
          - {id: a-premise, role: premise, text: Russia cannot replace American aid.,
             paragraphs: [6], parent: a-claim}
          - {id: a-objection, role: objection, text: Russia is interested in Pakistan's projects.,
             paragraphs: [5], parent: a-claim}
          - {id: a-limit, role: limit, text: Only a modest change., paragraphs: [6],
             parent: a-premise}
          - {id: a-assume, role: assumption, text: Aid is what keeps a state aligned.,
             paragraphs: [], parent: a-premise, stated: false}
        """,
}


def make_mini_article(folder: Path) -> Path:
    """Write the mini article into ``folder/mini-summit`` and return that folder."""
    art = folder / "mini-summit"
    art.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (art / name).write_text(textwrap.dedent(text), encoding="utf-8")
    lines = ["paragraphs:"]
    for n, text in enumerate(PARAGRAPHS, start=1):
        lines += [f"- n: {n}", "  section: null", f"  text: {text!r}"]
    (art / "paragraphs.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (art / "source.txt").write_text("Test page\n\n" + "\n\n".join(PARAGRAPHS) + "\n",
                                    encoding="utf-8")
    return art


def test_mini_article_is_clean(tmp_path: Path) -> None:
    art = geokit.load_article(make_mini_article(tmp_path))
    assert art.id == "mini-summit"
    assert len(art.actors) == 12
    assert [e.status for e in art.events].count("cancelled") == 1
