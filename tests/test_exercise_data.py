"""Exercises as article data: the records of ``exercises.yaml``, their queries and validator.

Mirrors ``geokit.data.exercises`` (records), ``geokit.data.query`` (queries over the records) and
``geokit.data.exercise_checks`` (the validator). Every broken file must be reported with its
file, line, record and field, by ``load_article`` and by ``geokit validate``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import geokit
from geokit.data import paths
from geokit.data.exercises import KIND_FIELDS, KINDS, REQUIRED_FIELDS, Condition, Exercise, Query
from geokit.data.loader import read_article
from geokit.data.query import CiteFormatter, fill, passes, run
from geokit.data.schema import schemas
from geokit.errors import GeokitDataError

SHIPPED = "pakistan-russia-2012"
TEMPLATE = "template-example"


def _copy(tmp_path: Path, article: str) -> Path:
    folder = tmp_path / article
    shutil.copytree(paths.articles_root() / article, folder)
    return folder


def _edit(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = folder / "exercises.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _exercise(data: dict[str, Any], ex_id: str) -> dict[str, Any]:
    return next(e for e in data["exercises"] if e["id"] == ex_id)


def _on(ex_id: str, change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    return lambda data: change(_exercise(data, ex_id))


# -- records: the shipped files ---------------------------------------------------------------


def test_the_shipped_articles_carry_their_exercises() -> None:
    art = geokit.load_article(SHIPPED)
    assert {e.kind for e in art.exercises} == set(KINDS)
    assert {b.id for b in art.borrowed_exercises} == {"05-template-claims", "05-template-dates"}
    assert art.what_if is not None
    assert [f.key for f in art.what_if.factors][:1] == ["us_ties_mend"]
    template = geokit.load_article(TEMPLATE)
    assert len({e.kind for e in template.exercises}) >= 2
    assert template.what_if is None


def test_every_kind_names_its_fields() -> None:
    fields = set(Exercise.__dataclass_fields__)
    assert set(KIND_FIELDS) == set(KINDS) == set(REQUIRED_FIELDS)
    for kind, names in KIND_FIELDS.items():
        assert set(names) <= fields, kind
        assert set(REQUIRED_FIELDS[kind]) <= set(names) | {"id"}, kind


def test_json_schema_checks_exercise_files() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = schemas()["exercises"]
    for article in (SHIPPED, TEMPLATE):
        path = paths.articles_root() / article / "exercises.yaml"
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = {"exercises": [{"id": "x", "kind": "essay", "prompt": "P", "form": "F"}]}
    with pytest.raises(jsonschema.ValidationError, match="'essay' is not one of"):
        jsonschema.validate(bad, schema)


def test_export_carries_the_exercises() -> None:
    from geokit.data.loader import article_dict

    out = article_dict(geokit.load_article(SHIPPED))
    assert {e["id"] for e in out["exercises"]} >= {"01-who-met", "04-premises"}
    assert out["what_if"]["factors"][0]["key"] == "us_ties_mend"


# -- queries ------------------------------------------------------------------------------------


def test_conditions_test_what_they_say() -> None:
    art = geokit.load_article(SHIPPED)
    meeting = art.record("kayani-makarov-meeting")
    assert passes(meeting, Condition(field="kind", equals="meeting"))
    assert passes(meeting, Condition(field="kind", one_of=("visit", "meeting")))
    assert passes(meeting, Condition(field="participants", contains=("kayani", "makarov")))
    assert not passes(meeting, Condition(field="participants", contains=("kayani", "putin")))
    assert passes(meeting, Condition(field="paragraphs", overlaps=(13, 99)))
    assert passes(meeting, Condition(field="date.value", within="2012-10"))
    assert not passes(meeting, Condition(field="date.value", within="2012-W41"))
    assert passes(meeting, Condition(field="note", is_set=True))
    assert passes(art.record("kayani-wreath-kremlin"), Condition(field="note", is_set=False))
    undated = art.record("kabulov-statement")
    assert not passes(undated, Condition(field="date.value", within="2012"))


def test_a_query_selects_ids_through_its_conditions() -> None:
    art = geokit.load_article(SHIPPED)
    q = Query(records="events", where=(Condition(field="kind", equals="meeting"),
                                       Condition(field="date.value", within="2012-10")),
              select="participants",
              select_where=(Condition(field="kind", equals="person"),))
    assert run(art, q) == {"kayani", "makarov"}
    assert run(art, q, where=()) >= {"kayani", "makarov", "zardari"}


def test_feedback_sentences_are_filled_from_records() -> None:
    art = geokit.load_article(SHIPPED)
    trip = art.record("putin-trip-to-pakistan")
    text = fill("{title!r} was {status} ({paragraphs:cite2}); {date.wording}, {item}.", trip,
                item="Putin")
    assert text == (f"{trip.title!r} was cancelled (¶1, ¶2); {trip.date.wording}, Putin.")
    assert fill("a {kind}", art.actor("dawn")) == "a media outlet"
    assert CiteFormatter().format("{p:cite1}", p=(9, 3)) == "¶9"


# -- the validator ------------------------------------------------------------------------------

#: (name, article, change to exercises.yaml, record, field, message)
BREAKAGES: list[tuple[str, str, Callable[[dict[str, Any]], None], str, str, str]] = [
    ("unknown grader kind", TEMPLATE,
     _on("resolve-dates", lambda e: e.update(kind="essay")),
     "exercises[1] 'resolve-dates'", "kind", r"not an allowed value \(expected one of 'set'"),
    ("unknown paragraph in a query", SHIPPED,
     _on("02-energy-projects", lambda e: e["query"]["where"][0].update(overlaps=[10, 99])),
     "exercises[6] '02-energy-projects'", "query.where[0].overlaps",
     r"paragraph out of range \(expected a number from 1 to 23; found 99\)"),
    ("unknown paragraph in a text", TEMPLATE,
     _on("hedging-essay", lambda e: e.update(prompt=e["prompt"].replace("¶5", "¶50"))),
     "exercises[3] 'hedging-essay'", "prompt", r"reference to a paragraph that does not exist"),
    ("unknown actor id in a query", SHIPPED,
     _on("01-meeting-date", lambda e: e["query"]["where"][1].update(contains=["kayani", "kiyani"])),
     "exercises[4] '01-meeting-date'", "query.where[1].contains",
     r"reference to an unknown actor \(expected an actor id from actors.yaml; found 'kiyani'\)"),
    ("unknown actor id in items", SHIPPED,
     _on("03-position-map", lambda e: e["items"].append("atlantis")),
     "exercises[7] '03-position-map'", "items", r"reference to an unknown actor"),
    ("field the kind does not use", TEMPLATE,
     _on("resolve-dates", lambda e: e.update(rubric=["Is it right?"])),
     "exercises[1] 'resolve-dates'", "rubric", r"field not used by dates exercises"),
    ("missing field of the kind", TEMPLATE,
     _on("classify-claims", lambda e: e.pop("categories")),
     "exercises[0] 'classify-claims'", "categories", r"classification exercises need this"),
    ("unknown placeholder", TEMPLATE,
     _on("who-visited", lambda e: e["feedback"].update(none="no visit by {nome}.")),
     "exercises[2] 'who-visited'", "feedback.none", r"unknown placeholder .*found \{nome\}"),
    ("a query that finds nothing", TEMPLATE,
     _on("who-visited", lambda e: e["query"]["where"][0].update(equals="summit")),
     "exercises[2] 'who-visited'", "query", r"the query finds nothing"),
    ("a field records do not have", TEMPLATE,
     _on("who-visited", lambda e: e["query"]["where"][0].update(field="colour")),
     "exercises[2] 'who-visited'", "query.where[0].field", r"events records have no such field"),
    ("answer names other records than the query", TEMPLATE,
     _on("who-visited", lambda e: e.update(answer_items="projects")),
     "exercises[2] 'who-visited'", "answer_items",
     r"the query's items are not what the answer names"),
    ("a nested placeholder the record lacks", TEMPLATE,
     _on("who-visited", lambda e: e["query"]["where"][1].update(why="{date.colour}")),
     "exercises[2] 'who-visited'", "query.where[1].why", r"unknown placeholder"),
    ("a condition with two tests", TEMPLATE,
     _on("who-visited", lambda e: e["query"]["where"][0].update(one_of=["visit"])),
     "exercises[2] 'who-visited'", "query.where[0]", r"a condition makes exactly one test"),
    ("supporting words not in their paragraph", SHIPPED,
     _on("02-matrix", lambda e: e["accept"][0]["paragraphs"][0].update(words="never said")),
     "exercises[5] '02-matrix'", "accept[0].paragraphs[0].words", r"words not in their paragraph"),
    ("unknown topic", SHIPPED,
     _on("02-matrix", lambda e: e["topics"].append("space-race")),
     "exercises[5] '02-matrix'", "topics[4]", r"no interest of pakistan on this topic"),
    ("unknown node", SHIPPED,
     _on("04-premises", lambda e: e["items"].__setitem__(0, "bop-nope")),
     "exercises[9] '04-premises'", "items", r"reference to an unknown node"),
    ("a wording no event has", TEMPLATE,
     _on("resolve-dates", lambda e: e["wordings"].append("next year")),
     "exercises[1] 'resolve-dates'", "wordings[2]", r"no dated event has this wording"),
    ("a category missing", TEMPLATE,
     _on("classify-claims", lambda e: e["categories"].pop()),
     "exercises[0] 'classify-claims'", "categories",
     r"a record's category is not among the categories .*'speculation' \(of valmar-may-press\)"),
    ("duplicate id", TEMPLATE,
     _on("who-visited", lambda e: e.update(id="classify-claims")),
     "exercises[2] 'classify-claims'", "id", r"duplicate exercise id"),
    ("borrowed exercise that does not exist", SHIPPED,
     lambda d: d["borrowed"][0].update(exercise="nope"),
     "borrowed[0] '05-template-claims'", "exercise", r"no such exercise in template-example"),
    ("a what-if factor citing no real paragraph", SHIPPED,
     lambda d: d["what_if"]["factors"][0].update(paragraphs=[99]),
     "what_if", "factors[0].paragraphs", r"paragraph out of range"),
    ("what-if readings without a last one", SHIPPED,
     lambda d: d["what_if"]["readings"][-1].update(up_to=9),
     "what_if", "readings", r"readings need an upper score each, and none on the last"),
]


@pytest.mark.parametrize(("name", "article", "change", "record", "field", "message"), BREAKAGES,
                         ids=[b[0] for b in BREAKAGES])
def test_each_broken_exercise_is_named_with_file_record_and_field(
    tmp_path: Path, name: str, article: str, change: Callable[[dict[str, Any]], None],
    record: str, field: str, message: str,
) -> None:
    folder = _copy(tmp_path, article)
    _edit(folder, change)
    with pytest.raises(GeokitDataError, match=message) as info:
        geokit.load_article(folder)
    (p,) = [p for p in info.value.problems if p.record == record and p.field == field]
    assert p.file.endswith("exercises.yaml")
    assert p.line is not None
    lines = (folder / "exercises.yaml").read_text(encoding="utf-8").splitlines()
    assert 1 <= p.line <= len(lines)


def test_the_unbroken_copies_are_clean(tmp_path: Path) -> None:
    for article in (SHIPPED, TEMPLATE):
        folder = _copy(tmp_path, article)
        _edit(folder, lambda data: None)  # a round trip through YAML changes nothing that counts
        assert read_article(folder)[1] == []


def test_a_missing_borrowed_article_is_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path, SHIPPED)
    _edit(folder, lambda d: d["borrowed"][1].update(article="no-such-article"))
    _, problems = read_article(folder)
    (p,) = problems
    assert (p.record, p.field) == ("borrowed[1] '05-template-dates'", "article")
    assert "no such article beside this one or bundled" in p.message


def test_geokit_validate_reports_a_broken_exercises_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path, TEMPLATE)

    def breaks(data: dict[str, Any]) -> None:
        _exercise(data, "classify-claims").update(kind="essay")
        who = _exercise(data, "who-visited")
        who["query"]["where"].append({"field": "participants", "contains": ["nobody"]})
        who["prompt"] += " Start at ¶12."

    _edit(folder, breaks)
    result = subprocess.run([sys.executable, "-m", "geokit", "validate", str(folder)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert "exercises.yaml:" in out
    for record, field, what in (
        ("exercises[0] 'classify-claims'", "kind", "not an allowed value"),
        ("exercises[2] 'who-visited'", "query.where[2].contains",
         "reference to an unknown actor"),
        ("exercises[2] 'who-visited'", "prompt", "reference to a paragraph that does not exist"),
    ):
        line = next((ln for ln in out.splitlines() if f"{record}, field '{field}'" in ln), "")
        assert what in line, out
        assert line.split(":")[0].endswith("exercises.yaml"), line
        assert line.split(":")[1].isdigit(), line
