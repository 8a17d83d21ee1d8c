"""Annotation coverage (geokit.data.coverage), and an independent check of the references.

The coverage check lives in the package (``geokit validate --coverage``); these tests run it on
the shipped article, which must be covered, and break that article in memory to show that each
kind of gap is found and named. ``reference_problems`` reads the files with ``yaml.safe_load``,
not through geokit's loader, so the shipped data is guarded on its own as well.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

import geokit
from geokit.data.coverage import Gap, coverage, split_sentences
from geokit.data.model import Article
from geokit.data.text import normalise

ARTICLE_DIR = Path(__file__).resolve().parents[1] / "data" / "articles" / "pakistan-russia-2012"
ANNOTATION_KINDS = (
    "actors",
    "events",
    "projects",
    "quotes",
    "claims",
    "interests",
    "relations",
    "arguments",
)
Data = dict[str, list[dict[str, Any]]]


@functools.cache
def _load(folder: Path) -> tuple[dict[int, str], Data]:
    paragraphs = yaml.safe_load((folder / "paragraphs.yaml").read_text(encoding="utf-8"))
    texts = {p["n"]: p["text"] for p in paragraphs["paragraphs"]}
    data: Data = {}
    for kind in ANNOTATION_KINDS:
        path = folder / f"{kind}.yaml"
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        data[kind] = list((loaded or {}).get(kind) or [])
    return texts, data


def load_raw(folder: Path = ARTICLE_DIR) -> tuple[dict[int, str], Data]:
    """Paragraph texts by number, and the annotation records by kind (a fresh copy each call)."""
    texts, data = _load(folder)
    return dict(texts), copy.deepcopy(data)


def _normalise(text: str) -> str:
    return normalise(text)


# --- coverage -------------------------------------------------------------------------------
def article() -> Article:
    return geokit.load_article("pakistan-russia-2012")


def without(art: Article, kind: str, *ids: str) -> Article:
    return dataclasses.replace(art, **{kind: tuple(r for r in getattr(art, kind)
                                                   if r.id not in ids)})


def edited(art: Article, kind: str, rid: str, **changes: Any) -> Article:
    return dataclasses.replace(art, **{kind: tuple(
        dataclasses.replace(r, **changes) if r.id == rid else r for r in getattr(art, kind))})


def lines(gaps: list[Gap]) -> list[str]:
    return [str(g) for g in gaps]


def test_every_actor_date_figure_and_quotation_is_annotated() -> None:
    gaps = coverage(article())
    assert not gaps, "unannotated mentions:\n" + "\n".join(lines(gaps))


def test_sentence_splitting_keeps_quotations_apart() -> None:
    sentences = split_sentences(article().paragraph(16).text)
    assert sentences[0].startswith("According to Khalid Iqbal")
    assert sentences[-1].startswith("Obama had acted in a similar way")


def test_a_missing_actor_is_detected() -> None:
    gaps = lines(coverage(without(article(), "actors", "kabulov")))
    assert any(g.startswith("¶21 sentence") and "'Zamir Kabulov' is in no actor's name" in g
               for g in gaps), gaps


def test_a_word_the_article_lists_as_no_actor_is_not_reported() -> None:
    art = article()
    assert not coverage(art)
    meta = dataclasses.replace(art.meta, not_actors=tuple(w for w in art.meta.not_actors
                                                          if w != "Chicago"))
    gaps = lines(coverage(dataclasses.replace(art, meta=meta)))
    assert gaps == [g for g in gaps if g.startswith("¶16 sentence 5: 'Chicago' is in no")], gaps
    assert len(gaps) == 1


def test_a_missing_paragraph_citation_is_detected() -> None:
    gaps = lines(coverage(edited(article(), "actors", "obama", paragraphs=())))
    assert any(g.startswith("¶16 ") and "actor 'obama' does not cite ¶16" in g for g in gaps)


def test_a_missing_event_is_detected() -> None:
    gaps = lines(coverage(without(article(), "events", "butt-visit-moscow")))
    assert any(g.startswith("¶15 sentence 1") and "date 'August'" in g for g in gaps), gaps


def test_a_missing_figure_is_detected() -> None:
    gaps = lines(coverage(edited(article(), "projects", "psm-modernization", figures=())))
    assert any(g.startswith("¶11 sentence 1") and "figure '$300'" in g for g in gaps), gaps


def test_a_missing_quote_is_detected() -> None:
    art = without(article(), "quotes", "q-kabulov-afghanistan", "q-iqbal-nato-chicago")
    gaps = lines(coverage(art))
    assert any(g.startswith("¶21 sentence") and "the quoted words “Our own experience" in g
               for g in gaps), gaps
    assert any(g.startswith("¶16 sentence 5") and "the quoted words “Obama had acted" in g
               for g in gaps), gaps


def test_a_missing_nested_quote_is_detected() -> None:
    gaps = lines(coverage(without(article(), "quotes", "q-silent-reset")))
    assert any("no quote record starts the quotation “formalizing the silent reset…”" in g
               and g.startswith("¶18 sentence 8") for g in gaps), gaps


def test_a_missing_unnamed_source_is_detected() -> None:
    gaps = lines(coverage(without(article(), "actors", "dawn-official")))
    assert any(g.startswith("¶5 sentence 1") and "'official'" in g for g in gaps), gaps


def test_a_missing_undated_event_is_detected() -> None:
    gaps = lines(coverage(without(article(), "events", "pakistan-military-statement")))
    assert any(g.startswith("¶13 sentence 1") and "'statement'" in g for g in gaps), gaps


def test_each_sentence_is_one_line_naming_all_it_lacks() -> None:
    art = without(article(), "events", "butt-visit-moscow")
    art = without(art, "actors", "butt")
    gaps = [g for g in coverage(art) if g.paragraph == 15 and g.sentence == 1]
    assert len(gaps) == 1
    text = str(gaps[0])
    assert "'Tahir Rafique Butt' is in no actor's name" in text
    assert "date 'August'" in text
    assert text.endswith("«Likewise, Pakistan’s Air Chief Marshal Tahir Rafique Butt visited "
                         "Moscow in August.»")


@pytest.mark.parametrize("quote", ['He said "we stay" and left.', "He said “we stay” and left."])
def test_straight_and_typographic_quotations_are_both_found(quote: str) -> None:
    art = article()
    para = dataclasses.replace(art.paragraphs[0], text=quote)
    gaps = lines(coverage(dataclasses.replace(art, paragraphs=(para,), actors=(), events=(),
                                              projects=(), quotes=())))
    assert gaps == ["¶1 sentence 1: no quote record starts the quotation “we stay…”; the quoted "
                    f"words “we stay” are in no quote record «{quote}»"]


# --- references, read without geokit's loader -------------------------------------------------
def reference_problems(paragraphs: dict[int, str], data: Data) -> list[str]:
    """Ids unique across files, paragraphs in range, actor/quote/node references resolving."""
    problems: list[str] = []
    seen: dict[str, str] = {}

    def claim_id(rid: str, where: str) -> None:
        if rid in seen:
            problems.append(f"{where}: id {rid!r} already used in {seen[rid]}")
        seen[rid] = where

    for kind in ANNOTATION_KINDS:
        for rec in data[kind]:
            claim_id(rec["id"], kind)
            for node in rec.get("nodes") or ():
                claim_id(node["id"], f"{kind}/{rec['id']}")
    actor_ids = {a["id"] for a in data["actors"]}
    quote_ids = {q["id"] for q in data["quotes"]}
    aliases: dict[str, str] = {}
    for a in data["actors"]:
        for p in (a["name"], *(a.get("aliases") or ())):
            other = aliases.setdefault(p.casefold(), a["id"])
            if other != a["id"]:
                problems.append(f"actors/{a['id']}: {p!r} also names {other!r}")

    def check_actor(value: Any, where: str) -> None:
        if value is not None and value not in actor_ids:
            problems.append(f"{where}: {value!r} is not an actor id")

    def check_paragraphs(numbers: Any, where: str) -> None:
        for n in numbers or ():
            if n not in paragraphs:
                problems.append(f"{where}: no paragraph {n}")

    for kind in ANNOTATION_KINDS:
        for rec in data[kind]:
            where = f"{kind}/{rec['id']}"
            check_paragraphs(rec.get("paragraphs"), where)
            if kind == "quotes":
                check_paragraphs([rec["paragraph"]], where)
                if _normalise(rec["text"]) not in _normalise(paragraphs.get(rec["paragraph"], "")):
                    problems.append(f"{where}: text is not verbatim in ¶{rec['paragraph']}")
            for field in (
                "affiliation",
                "speaker",
                "channel",
                "holder",
                "actor",
                "according_to",
                "source",
                "target",
            ):
                check_actor(rec.get(field), f"{where}.{field}")
            for field in ("participants", "parties", "about"):
                for value in rec.get(field) or ():
                    check_actor(value, f"{where}.{field}")
            if rec.get("quote") is not None and rec["quote"] not in quote_ids:
                problems.append(f"{where}.quote: {rec['quote']!r} is not a quote id")
            nodes = rec.get("nodes") or ()
            node_ids = {node["id"] for node in nodes}
            for node in nodes:
                check_paragraphs(node.get("paragraphs"), f"{where}/{node['id']}")
                if node.get("parent") is not None and node["parent"] not in node_ids:
                    problems.append(f"{where}/{node['id']}: parent {node['parent']!r} unknown")
    return problems


def test_references_resolve() -> None:
    paragraphs, data = load_raw()
    assert list(paragraphs) == list(range(1, len(paragraphs) + 1))
    problems = reference_problems(paragraphs, data)
    assert not problems, "\n".join(problems)
