"""Loading articles: bundled ids and instructors' folders, lookups, caching, export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import SHIPPED

import geokit
from geokit.data.loader import ANNOTATION_FILES, article_dict
from geokit.data.model import ANNOTATION_KINDS


def test_list_articles_names_the_shipped_article() -> None:
    assert SHIPPED in geokit.list_articles()


def test_shipped_article_loads_with_its_metadata(shipped) -> None:
    assert shipped.meta.title == "Pakistan-Russia relations warm up"
    assert shipped.meta.author == "Abdus Sattar Ghazali"
    assert shipped.meta.outlet == "Journal of America"
    assert shipped.meta.published == "2012-10-08"
    assert "Lavrov" in shipped.paragraph(1).text


def test_body_leaves_out_the_page_boilerplate_but_the_raw_file_keeps_it(shipped) -> None:
    body = " ".join(p.text for p in shipped.paragraphs)
    for boilerplate in ("Current_Issue_Nregular_1_1", "Your donation", "Disclaimer and Fair Use"):
        assert boilerplate in shipped.source_text
        assert boilerplate not in body
    assert shipped.paragraphs[0].text.startswith("In an unprecedented exchange")


def test_every_paragraph_of_the_captured_body_is_in_the_data(shipped) -> None:
    start = shipped.source_text.index(shipped.paragraphs[0].text)
    blocks = [b.strip() for b in shipped.source_text[start:].split("\n\n") if b.strip()]
    headings = {p.section for p in shipped.paragraphs}
    texts = [p.text for p in shipped.paragraphs]
    assert [b for b in blocks if b not in headings] == texts


def test_the_army_chief_is_found_under_both_spellings(shipped) -> None:
    assert shipped.actor("Kiani") is shipped.actor("Kayani")
    assert shipped.actor("kayani").kind == "person"


def test_lookup_raises_and_get_returns_default(shipped) -> None:
    with pytest.raises(LookupError, match="names no actor 'Nobody'"):
        shipped.actor("Nobody")
    assert shipped.get_actor("Nobody") is None
    with pytest.raises(LookupError, match="no paragraph 0"):
        shipped.paragraph(0)


def test_a_second_article_in_the_same_format_loads_validates_and_exports(
    mini_article: Path,
) -> None:
    art = geokit.load_article(mini_article)
    assert art.id == "mini-2020"
    assert art.actor("Ruiz").affiliation == "riverland"
    assert art.record("ruiz-visit").date.value == "2020-W09"
    result = subprocess.run(
        [sys.executable, "-m", "geokit", "validate", str(mini_article)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout
    out = subprocess.run(
        [sys.executable, "-m", "geokit", "export", "--article", str(mini_article)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    data = json.loads(out.stdout)
    (exported,) = data["articles"]
    assert exported["id"] == "mini-2020"
    assert exported["events"][0]["date"] == {
        "value": "2020-W09",
        "wording": "last week",
        "note": "the week before publication (2020-03-03)",
    }
    assert exported["quotes"][0]["paragraph"] == 2


def test_export_of_bundled_corpus_is_json_with_every_record(shipped) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "geokit", "export"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    data = json.loads(out.stdout)
    exported = next(a for a in data["articles"] if a["id"] == SHIPPED)
    for kind in ANNOTATION_KINDS:
        assert len(exported[kind]) == len(getattr(shipped, kind)), kind
    assert len(exported["paragraphs"]) == len(shipped.paragraphs)
    assert "quiz_banks" in exported
    assert exported == json.loads(json.dumps(article_dict(shipped), ensure_ascii=False))


def test_cache_returns_the_same_object_until_a_file_changes(mini_article: Path) -> None:
    first = geokit.load_article(mini_article)
    assert geokit.load_article(mini_article) is first
    path = mini_article / "claims.yaml"
    data = yaml.safe_load(path.read_text())
    data["claims"][0]["text"] = "The deal will probably hold."
    path.write_text(yaml.safe_dump(data))
    second = geokit.load_article(mini_article)
    assert second is not first
    assert second.claims[0].text == "The deal will probably hold."


def test_one_list_of_annotation_kinds() -> None:
    assert tuple(ANNOTATION_FILES) == ANNOTATION_KINDS


def test_records_are_frozen(shipped) -> None:
    with pytest.raises(AttributeError):
        shipped.actors[0].name = "changed"  # type: ignore[misc]
