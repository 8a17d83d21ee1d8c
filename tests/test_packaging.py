"""Packaging: the two dependency lists agree, the import is light, the wheel carries the corpus."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

import geokit
from geokit.data import paths as _paths
from geokit.data.schema import schemas

ROOT = Path(__file__).resolve().parent.parent


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(specs: list[str]) -> dict[str, str]:
    out = {}
    for spec in specs:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9.]*)\s*", spec)
        assert m, f"pin lower bounds only, as NAME>=VERSION: {spec!r}"
        out[_norm(m[1])] = m[2]
    return out


def test_environment_yml_agrees_with_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _requirements(project["dependencies"])
    for extra in ("lab", "test"):
        wanted |= _requirements(project["optional-dependencies"][extra])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str) and d != "pip"]
    have = _requirements([d for d in conda if not d.startswith("python")])
    assert have == wanted
    py = next(d for d in conda if d.startswith("python"))
    assert py == "python" + project["requires-python"]


def test_import_geokit_loads_neither_matplotlib_nor_ipywidgets() -> None:
    code = (
        "import sys, geokit; geokit.load_article('pakistan-russia-2012'); "
        "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_committed_json_schema_matches_the_model() -> None:
    folder = ROOT / "data" / "schema"
    generated = schemas()
    committed = {p.name.removesuffix(".schema.json") for p in folder.glob("*.schema.json")}
    assert committed == set(generated), "run `make schema` to regenerate data/schema"
    for name, schema in generated.items():
        on_disk = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert on_disk == schema, f"data/schema/{name}.schema.json is stale: run `make schema`"


def test_json_schema_accepts_the_shipped_files_and_rejects_a_bad_one() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    folder = _paths.articles_root() / "pakistan-russia-2012"
    for name, schema in schemas().items():
        path = folder / f"{name}.yaml"
        if path.exists():
            jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError, match="'country' is not one of"):
        jsonschema.validate(
            {"actors": [{"id": "x", "name": "X", "kind": "country", "paragraphs": [1]}]},
            schemas()["actors"],
        )


def test_installed_package_carries_its_own_corpus(tmp_path: Path) -> None:
    """`make test` installs geokit non-editable, so a wheel without the corpus fails here."""
    package = Path(geokit.__file__).resolve().parent
    if package.is_relative_to(ROOT / "src"):
        if os.environ.get("CI") == "true":
            pytest.fail("under CI geokit must be installed non-editable (pip install .)")
        pytest.skip("geokit is imported from the source tree (editable install)")
    # Outside a checkout (here: a temporary folder) the installed copy is the one read.
    out = subprocess.run(
        [sys.executable, "-c", "from geokit.data import paths; print(paths.data_root())"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
        env={k: v for k, v in os.environ.items() if k != "GEOKIT_DATA"},
    )
    assert Path(out.stdout.strip()) == package / "_corpus"
    shipped = package / "_corpus" / "articles" / "pakistan-russia-2012"
    for name in ("article.yaml", "paragraphs.yaml", "source.txt", "ATTRIBUTION.md"):
        assert (shipped / name).is_file(), name
    assert (package / "py.typed").is_file()
    for name in ("gazetteer.yaml", "gazetteer-grown.yaml"):  # new-article's word lists
        assert (package / "data" / name).is_file(), name
    assert (package / "_corpus" / "schema" / "actors.schema.json").is_file()
    assert (package / "_corpus" / "schema" / "places.schema.json").is_file()
    assert (shipped / "places.yaml").is_file()
    # the map's borders: found in the installed copy, outside any checkout
    out = subprocess.run(
        [sys.executable, "-c", "from geokit.data import paths; "
         "print(paths.geo_file('countries-50m.json'))"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
        env={k: v for k, v in os.environ.items() if k != "GEOKIT_DATA"},
    )
    assert Path(out.stdout.strip()) == package / "_corpus" / "geo" / "countries-50m.json"


def test_readme_commands_are_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make lab" in readme
    assert "make test" in readme
    assert re.search(r"^make test$", ci, re.M)


def test_submodules_load_on_first_use() -> None:
    # geokit.plots loads with its first use; matplotlib with the first figure drawn
    code = (
        "import sys, geokit; assert 'geokit.plots' not in sys.modules; "
        "f = geokit.plots.timeline; print(callable(f), 'matplotlib' in sys.modules); "
        "fig = f('pakistan-russia-2012'); print(type(fig).__name__, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "GeokitFigure", "True"]


def test_readme_speed_table_matches_the_recorded_benchmark() -> None:
    """The README quotes benchmarks/results.json: rerun the benchmark, then update both."""
    import json

    readme = (ROOT / "README.md").read_text()
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text())
    by_name = {r["name"]: r for r in results["results"]}
    lessons = by_name["lessons"]["figures"]
    assert f"**{lessons['ratio']:.2f}x**" in readme
    assert f"+{by_name['import']['figures']['added_ms_with_corpus']:.0f} ms" in readme
    assert results["date"][:10] in readme
    new = by_name["new-article"]
    assert f"{new['figures']['commands_s']:.1f} s of machine time" in readme
    assert f"({new['figures']['drafts']} drafts)" in readme
    assert new["note"][len("measured on "):][:10] in readme
