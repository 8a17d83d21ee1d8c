"""The benchmark code itself runs (on tiny sizes); this is not a timing test."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from geokit.bench import run, table


def test_benchmarks_run_on_tiny_sizes_and_write_json(tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    log = tmp_path / "caches.log"  # each run of the lesson notes its cache and what it held
    nb.cells.append(nbformat.v4.new_code_cell(
        "import os, pathlib, geokit\ngeokit.list_articles()\n"
        "cache = pathlib.Path(os.environ['GEOKIT_CACHE'])\n"
        f"with open({str(log)!r}, 'a') as f:\n"
        "    f.write(f'{cache} {len(list(cache.glob(\"*.pickle\")))}\\n')\n"
        "geokit.load_article('pakistan-russia-2012')"))
    nbformat.write(nb, notebooks / "00-tiny.ipynb")
    out = tmp_path / "results.json"
    out.write_text(json.dumps({"hub": {"figures": {"kept": 1}}, "quick": "old"}))
    results = run(quick=True, notebooks=notebooks, out=out)
    names = [r.name for r in results]
    assert names == ["import", "corpus", "feedback", "gradebook", "lessons", "new-article"]
    by_name = {r.name: r for r in results}
    assert by_name["import"].figures["heavy_modules_imported"] == "none"
    assert by_name["corpus"].figures["1_articles_s"] > 0
    # every answer the benchmark gives is valid, so every one is graded and saved
    assert by_name["feedback"].figures["saved"] == 20
    assert by_name["lessons"].figures["ratio"] > 0
    # the first run starts from an empty cache of its own; the timed repeats use the bench's
    assert by_name["lessons"].figures["first_run_ratio"] > 0
    assert by_name["lessons"].figures["first_run_per_lesson_ratio"]["00-tiny"] > 0
    (first_cache, first_held), *later = [line.split() for line in log.read_text().splitlines()]
    assert first_held == "0"
    assert later
    assert all(cache != first_cache for cache, _ in later)
    new = by_name["new-article"].figures
    assert new["commands_s"] > 0
    assert new["in_process_s"] > 0
    assert new["drafts"] == 38  # the sample text's drafts, as tests/test_scaffold.py counts them
    assert new["quiz_questions"] > 0  # a draft quiz, generated and validated with the article
    data = json.loads(out.read_text())
    assert data["quick"] is True
    assert data["hub"] == {"figures": {"kept": 1}}, "another benchmark's key was dropped"
    assert len(data["results"]) == 6
    assert "| import |" in table(results)
