"""places.yaml: an article's own map points and project drawings, loaded and checked like every
other annotation file (geokit.data.model.Place and ProjectDrawing)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import write_yaml

import geokit
from geokit.data import paths as _paths
from geokit.data.loader import article_dict, read_article
from geokit.errors import GeokitDataError

SHIPPED = "pakistan-russia-2012"

#: a valid places file for conftest's mini article (Riverland and Hillstate are fictional, so
#: their "capitals" are made up for the test and say so)
MINI_PLACES = {
    "places": [
        {"id": "river-city", "name": "River City", "lat": 28.5, "lon": 67.5,
         "capital_of": "riverland", "source": "invented for the test article"},
        {"id": "hill-town", "name": "Hill Town", "lat": 36.7, "lon": 70.0,
         "capital_of": "hillstate", "source": "invented for the test article"},
        {"id": "dam", "name": "The dams", "lat": 34.0, "lon": 68.5,
         "source": "invented for the test article"},
    ],
    "drawings": [
        {"id": "water-deal", "label": "Water-sharing memorandum", "kind": "site",
         "places": ["dam"], "projects": ["water-mou"], "style": "hydro"},
    ],
}


def _problems(folder: Path) -> list[str]:
    article, problems = read_article(folder)
    assert article is None
    return [str(p) for p in problems]


def test_shipped_places_are_loaded_and_each_names_its_source(shipped) -> None:
    assert {p.capital_of for p in shipped.places if p.capital_of} == {
        a.id for a in shipped.actors if a.kind == "state"}
    for place in shipped.places:
        assert place.source.strip(), place.id
        assert round(place.lat, 2) == place.lat, place.id
        assert round(place.lon, 2) == place.lon, place.id
    drawn = {pid for d in shipped.drawings for pid in d.projects}
    assert {"casa-1000", "iran-pakistan-gas-pipeline", "tarbela-4"} <= drawn
    assert drawn <= {p.id for p in shipped.projects}


def test_places_are_exported_with_the_article(shipped) -> None:
    out = article_dict(shipped)
    assert out["places"][0]["id"] == shipped.places[0].id
    assert {d["id"] for d in out["drawings"]} == {d.id for d in shipped.drawings}


def test_an_article_without_places_has_none(mini_article: Path) -> None:
    art = geokit.load_article(mini_article)
    assert art.places == ()
    assert art.drawings == ()


def test_a_valid_places_file_loads(mini_article: Path) -> None:
    write_yaml(mini_article / "places.yaml", MINI_PLACES)
    art = geokit.load_article(mini_article)
    assert [p.id for p in art.places] == ["river-city", "hill-town", "dam"]
    assert art.drawings[0].projects == ("water-mou",)


BREAKAGES = [
    (lambda d: d["places"][0].update(lat=95), r"places\[0\] 'river-city', field 'lat': "
     r"latitude out of range \(expected a number from -90 to 90; found 95"),
    (lambda d: d["places"][0].update(lon="66E"), r"field 'lon': wrong type \(expected a number"),
    (lambda d: d["places"][1].update(source=" "), r"places\[1\] 'hill-town', field 'source': a "
     r"place needs the source of its coordinates"),
    (lambda d: d["places"][1].pop("source"), r"field 'source': missing required field"),
    (lambda d: d["places"][0].update(capital_of="atlantis"), r"field 'capital_of': reference "
     r"to an unknown actor \(expected an id from actors.yaml; found 'atlantis'\)"),
    (lambda d: d["places"][0].update(capital_of="ruiz"), r"only a state has a capital.*'ruiz', "
     r"a person"),
    (lambda d: d["places"][1].update(capital_of="riverland"), r"a state has one capital"),
    (lambda d: d["places"][2].update(id="river-city"), r"places\[2\] 'river-city', field 'id': "
     r"duplicate id"),
    (lambda d: d["drawings"][0].update(places=["nowhere"]), r"drawings\[0\] 'water-deal', field "
     r"'places': reference to an unknown place"),
    (lambda d: d["drawings"][0].update(projects=["no-such-project"]), r"reference to an unknown "
     r"project \(expected an id from projects.yaml; found 'no-such-project'\)"),
    (lambda d: d["drawings"][0].update(kind="route"), r"a route needs two or more places"),
    (lambda d: d["drawings"][0].update(style="water"), r"field 'style': not an allowed value"),
    (lambda d: d.update(routes=[]), r"unknown top-level key \(expected 'places' or 'drawings'"),
    (lambda d: d.pop("places"), r"wrong top-level shape \(expected a mapping with the keys "
     r"'places:'"),
]


@pytest.mark.parametrize(("breakage", "message"), BREAKAGES)
def test_each_broken_place_gets_a_clear_message(mini_article: Path, breakage, message) -> None:
    data = yaml.safe_load(yaml.safe_dump(MINI_PLACES))
    breakage(data)
    write_yaml(mini_article / "places.yaml", data)
    problems = _problems(mini_article)
    assert any("places.yaml:" in p for p in problems), problems
    assert any(re.search(message, p) for p in problems), problems


def test_a_problem_names_the_line(mini_article: Path) -> None:
    data = yaml.safe_load(yaml.safe_dump(MINI_PLACES))
    data["places"][2]["lat"] = 123
    write_yaml(mini_article / "places.yaml", data)
    with pytest.raises(GeokitDataError) as info:
        geokit.load_article(mini_article)
    text = (mini_article / "places.yaml").read_text().splitlines()
    assert info.value.line is not None
    assert "dam" in "\n".join(text[info.value.line - 1: info.value.line + 3])


def test_a_project_is_drawn_once(mini_article: Path) -> None:
    data = yaml.safe_load(yaml.safe_dump(MINI_PLACES))
    data["drawings"].append(dict(data["drawings"][0], id="again"))
    write_yaml(mini_article / "places.yaml", data)
    assert any("a project is drawn once" in p for p in _problems(mini_article))


def test_bad_yaml_in_places_is_a_problem_not_a_traceback(mini_article: Path) -> None:
    (mini_article / "places.yaml").write_text("places: [unclosed\n", encoding="utf-8")
    (problem,) = _problems(mini_article)
    assert "places.yaml" in problem
    assert "not valid YAML" in problem


def test_the_json_schema_knows_places(shipped) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from geokit.data.schema import schemas

    schema = schemas()["places"]
    path = _paths.articles_root() / SHIPPED / "places.yaml"
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = yaml.safe_load(yaml.safe_dump(MINI_PLACES))
    bad["drawings"][0]["style"] = "water"
    with pytest.raises(jsonschema.ValidationError, match="'water' is not one of"):
        jsonschema.validate(bad, schema)
