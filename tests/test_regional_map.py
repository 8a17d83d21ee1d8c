"""The regional map's base map: real borders read from disk (China, the Wakhan corridor, the
Afghanistan-Pakistan border, Kashmir marked disputed), the alt text that names them, the script
that derives the borders file, and another article's own places drawn from its data alone."""

from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.text
import pytest
import yaml
from conftest import write_yaml
from test_places import MINI_PLACES

import geokit.plots as gp
from geokit.data import paths as _paths
from geokit.errors import GeokitDataError
from geokit.plots import _borders

SHIPPED = "pakistan-russia-2012"
ROOT = Path(__file__).resolve().parent.parent


def gids(fig: Any) -> dict[str, Any]:
    return {a.get_gid(): a for a in fig.findobj(lambda a: bool(a.get_gid()))}


def texts(fig: Any) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]


@pytest.fixture(scope="module")
def shipped_map() -> tuple[Any, dict[str, Any]]:
    fig = gp.regional_map(SHIPPED)
    return fig, gp.figure_data(fig)


def test_the_map_lists_the_countries_it_draws_with_borders(shipped_map) -> None:
    fig, data = shipped_map
    names = [c["name"] for c in data["countries"]]
    assert {"Afghanistan", "Pakistan", "India", "China", "Iran", "Tajikistan", "Kyrgyzstan",
            "Uzbekistan", "Turkmenistan"} <= set(names)
    assert "Egypt" not in names  # in the borders file, outside the window
    assert "Siachen Glacier" not in names  # Natural Earth's disputed unit is not a country
    land = gids(fig)["countries"]
    areas = [a for d in data["disputed"] for a in d["areas"]]
    assert areas == ["Siachen Glacier"]
    assert len(land.get_paths()) == len(names) + 1  # one filled shape per country, and the area
    state = {c["name"]: c["state"] for c in data["countries"]}
    assert state["Pakistan"] == "pakistan"
    assert state["Kyrgyzstan"] == "kyrgyzstan"
    assert state["China"] is None  # drawn, but the article names no Chinese actor as a state


def test_china_and_the_wakhan_corridor_are_shown_and_labelled(shipped_map) -> None:
    fig, data = shipped_map
    borders = _borders.load_borders()
    china = next(c for c in data["countries"] if c["name"] == "China")
    assert china["labelled"]
    assert borders.country("China").path.contains_point(china["label"])
    assert gids(fig)["country-label:China"].get_text() == "CHINA"
    (wakhan,) = data["features"]
    assert (wakhan["name"], wakhan["country"]) == ("Wakhan corridor", "Afghanistan")
    point = (wakhan["lon"], wakhan["lat"])
    # the corridor survives simplification: the point is Afghan, between Tajikistan and Pakistan
    assert borders.country("Afghanistan").path.contains_point(point)
    assert not borders.country("Pakistan").path.contains_point(point)
    assert not borders.country("Tajikistan").path.contains_point(point)
    assert "Wakhan\ncorridor" in texts(fig)


def test_the_afghanistan_pakistan_border_is_drawn_heavier(shipped_map) -> None:
    fig, data = shipped_map
    assert data["borders"]["highlighted"] == [
        {"between": ["Afghanistan", "Pakistan"], "label": "Afghanistan–Pakistan border"}]
    drawn = gids(fig)
    af_pk, other = drawn["borders:af-pk"], drawn["borders:border"]
    points = [p for seg in af_pk.get_segments() for p in seg]
    assert len(points) > 50
    assert all(60.5 < x < 75.5 and 29.0 < y < 37.5 for x, y in points)
    assert af_pk.get_linewidths()[0] > other.get_linewidths()[0]
    assert "Afghanistan–Pakistan\nborder" in texts(fig)  # in the legend


def test_kashmir_is_marked_disputed(shipped_map) -> None:
    fig, data = shipped_map
    (kashmir,) = data["disputed"]
    assert kashmir["name"] == "Kashmir"
    assert kashmir["between"] == ["China", "India", "Pakistan"]
    assert "World Factbook" in kashmir["source"]
    lines = gids(fig)["borders:disputed"]
    _, dashes = lines.get_linestyles()[0]
    assert dashes is not None  # dashed, unlike every other border
    assert len(dashes) >= 2
    assert gids(fig)["borders:border"].get_linestyles()[0][1] is None
    points = [p for seg in lines.get_segments() for p in seg]
    assert all(y >= 32.5 and 73 < x < 80.5 for x, y in points)
    shown = texts(fig)
    assert "Kashmir\n(disputed)" in shown
    assert any("Kashmir is disputed" in t and "Natural Earth" in t for t in shown)  # caption
    assert any("line of control" in t for t in shown)  # legend


def test_alt_text_names_the_countries_and_the_dispute(shipped_map) -> None:
    fig, data = shipped_map
    alt = gp.alt_text(fig)
    for country in data["countries"]:
        assert country["name"] in alt, country["name"]
    assert f"for the {len(data['countries'])} countries in view" in alt
    assert "Kashmir is disputed" in alt
    assert "(between China, India and Pakistan, and around Siachen Glacier)" in alt
    assert "Wakhan corridor (Afghanistan)" in alt
    assert "Afghanistan–Pakistan border" in alt
    assert "No borders" not in alt


def test_borders_are_read_from_disk_not_the_network(monkeypatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the map tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    _borders._parse.cache_clear()
    try:
        data = gp.figure_data(gp.regional_map(SHIPPED))
    finally:
        _borders._parse.cache_clear()
    assert "Natural Earth 4.1.0" in data["borders"]["source"]
    assert "world-atlas 2.0.2" in data["borders"]["source"]
    path = _paths.geo_file(_borders.BORDERS_FILE)
    assert path.parent.name == "geo"
    assert path.stat().st_size < 300_000


def test_a_missing_or_damaged_borders_file_is_a_clear_error(monkeypatch, tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match=r"cannot find its map file 'nope\.json'"):
        _paths.geo_file("nope.json")
    damaged = tmp_path / "countries-50m.json"
    damaged.write_text('{"countries": []}', encoding="utf-8")
    monkeypatch.setattr(_paths, "geo_file", lambda name: damaged)
    _borders._parse.cache_clear()
    try:
        with pytest.raises(GeokitDataError, match=r"borders file is damaged .*KeyError: 'lines'"):
            gp.regional_map(SHIPPED)
    finally:
        _borders._parse.cache_clear()


def test_another_article_draws_its_own_places_without_python(mini_article: Path) -> None:
    write_yaml(mini_article / "places.yaml", MINI_PLACES)
    fig = gp.regional_map(mini_article)
    data = gp.figure_data(fig)
    states = {s["id"]: s for s in data["states"]}
    assert (states["riverland"]["lat"], states["riverland"]["lon"]) == (28.5, 67.5)
    assert states["hillstate"]["capital"] == "Hill Town"
    assert all(s["on_map"] for s in states.values())
    assert data["unplaced_states"] == []
    assert data["unplaced_projects"] == []
    (site,) = data["sites"]
    assert (site["key"], site["projects"], site["points"][0]["name"]) == (
        "water-deal", ["water-mou"], "The dams")
    drawn = gids(fig)
    assert {"state:riverland", "state:hillstate", "site:water-deal"} <= set(drawn)
    # the fictional states take the countries their capitals lie in
    assert {c["state"] for c in data["countries"]} >= {"riverland", "hillstate"}
    assert "Riverland (River City)" in gp.alt_text(fig)


def test_without_places_the_map_still_draws_the_borders(mini_article: Path) -> None:
    fig = gp.regional_map(mini_article)
    data = gp.figure_data(fig)
    assert (data["states"], data["routes"], data["sites"]) == ([], [], [])
    assert data["unplaced_states"] == ["riverland", "hillstate"]
    assert [p["id"] for p in data["unplaced_projects"]] == ["water-mou"]
    assert "China" in {c["name"] for c in data["countries"]}
    assert "No coordinates on file for: riverland, hillstate" in gp.alt_text(fig)


# -- scripts/make_borders.py --------------------------------------------------------------------

@pytest.fixture(scope="module")
def make_borders() -> Any:
    script = ROOT / "scripts" / "make_borders.py"
    spec = importlib.util.spec_from_file_location("make_borders", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_borders"] = module
    spec.loader.exec_module(module)
    return module


#: two squares sharing one border from 32N to 34N at 70E, quantized on a 0.5-degree grid from
#: (60E, 30N), plus a country far outside the region; India's ring uses the shared arc reversed
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [60, 30]},
    "arcs": [
        [[20, 4], [0, 2], [0, 2]],  # 70E 32N -> 70E 33N -> 70E 34N (the middle point is redundant)
        [[20, 8], [-4, 0], [0, -4], [4, 0]],  # Pakistan's coast: 70,34 -> 68,34 -> 68,32 -> 70,32
        [[20, 4], [4, 0], [0, 4], [-4, 0]],  # India's coast: 70,32 -> 72,32 -> 72,34 -> 70,34
        [[120, 4], [2, 0], [0, 2], [-2, 0], [0, -2]],  # Farland, at 120E: outside the region
    ],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "id": "586", "properties": {"name": "Pakistan"}, "arcs": [[1, 0]]},
        {"type": "Polygon", "id": "356", "properties": {"name": "India"}, "arcs": [[2, -1]]},
        {"type": "Polygon", "properties": {"name": "Farland"}, "arcs": [[3]]},
    ]}},
}


def test_make_borders_decodes_simplifies_clips_and_tags(make_borders) -> None:
    out = make_borders.derive(TOPOLOGY, {"npm_package": "test"})
    assert [c["name"] for c in out["countries"]] == ["India", "Pakistan"]  # Farland is cut
    (ring,) = next(c for c in out["countries"] if c["name"] == "Pakistan")["rings"]
    assert sorted(map(tuple, ring)) == [(68, 32), (68, 34), (70, 32), (70, 34)]
    shared = [ln for ln in out["lines"] if ln["between"] == ["India", "Pakistan"]]
    assert {(ln["disputed"], tuple(map(tuple, ln["points"]))) for ln in shared} == {
        (None, ((70, 32), (70, 32.5))),  # south of the cut: a border like any other
        ("kashmir", ((70, 32.5), (70, 34))),  # north of it, between India and Pakistan: disputed
    }
    coasts = [ln for ln in out["lines"] if len(ln["between"]) == 1]
    assert sorted(ln["between"][0] for ln in coasts) == ["India", "Pakistan"]
    assert all(ln["disputed"] is None for ln in coasts)
    assert "World Factbook" in out["disputed"]["kashmir"]["source"]
    assert out["disputed"]["kashmir"]["areas"] == ["Siachen Glacier"]


def test_make_borders_refuses_a_folder_without_the_file(make_borders, tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        make_borders.main([str(tmp_path), "-o", str(tmp_path / "out.json")])
    assert info.value.code == 2
    assert "countries-50m.json not found" in capsys.readouterr().err


def test_the_committed_file_is_what_the_script_writes(make_borders) -> None:
    """Its header matches the script's settings (rerun `make borders` after changing them)."""
    committed = yaml.safe_load((ROOT / "data" / "geo" / "countries-50m.json").read_text())
    west, south, east, north = make_borders.BOX
    assert committed["box"] == {"west": west, "south": south, "east": east, "north": north}
    assert committed["tolerance_degrees"] == make_borders.TOLERANCE
    assert committed["disputed"]["kashmir"]["source"] == make_borders.KASHMIR_SOURCE
    assert committed["disputed"]["kashmir"]["areas"] == make_borders.KASHMIR_AREAS
    assert committed["source"]["natural_earth_version"] == "4.1.0"
