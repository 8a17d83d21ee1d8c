"""Shared fixtures: a small second article built in a temporary folder, in the shipped format;
and the skipping of docstring examples whose optional packages are not installed."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import geokit
from geokit.data import paths as _paths

SHIPPED = "pakistan-russia-2012"

MINI_SOURCE = """\
Example Gazette - Home | Archive

March 3, 2020

Riverland and Hillstate sign a water deal

By A. Writer

Riverland Minister Ana Ruiz visited Hillstate last week and signed a water-sharing \
memorandum worth $40 million.

"We share one river," the Daily Bugle quoted an official as saying.

Analyst Ben Ode believes the deal will hold, although Hillstate still depends on Riverland's dams.
"""


def write_yaml(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_mini_article(root: Path, article_id: str = "mini-2020") -> Path:
    """A tiny, complete article folder in the same format as the shipped one."""
    folder = root / article_id
    folder.mkdir(parents=True)
    (folder / "source.txt").write_text(MINI_SOURCE, encoding="utf-8")
    body = MINI_SOURCE.split("By A. Writer\n\n", 1)[1].strip().split("\n\n")
    write_yaml(
        folder / "article.yaml",
        {
            "id": article_id,
            "title": "Riverland and Hillstate sign a water deal",
            "author": "A. Writer",
            "outlet": "Example Gazette",
            "publisher": "Example Press",
            "published": "2020-03-03",
            "source_file": "source.txt",
        },
    )
    write_yaml(
        folder / "paragraphs.yaml",
        {"paragraphs": [{"n": i, "text": t} for i, t in enumerate(body, start=1)]},
    )
    write_yaml(
        folder / "actors.yaml",
        {
            "actors": [
                {"id": "riverland", "name": "Riverland", "kind": "state", "paragraphs": [1, 3]},
                {"id": "hillstate", "name": "Hillstate", "kind": "state", "paragraphs": [1, 3]},
                {
                    "id": "ruiz",
                    "name": "Ana Ruiz",
                    "kind": "person",
                    "aliases": ["Ruiz"],
                    "role": "Minister",
                    "affiliation": "riverland",
                    "paragraphs": [1],
                },
                {"id": "bugle", "name": "Daily Bugle", "kind": "media_outlet", "paragraphs": [2]},
                {
                    "id": "official",
                    "name": "an official",
                    "kind": "person",
                    "role": "official",
                    "affiliation": "hillstate",
                    "paragraphs": [2],
                    "note": "The article does not say whose official; Hillstate is our guess.",
                },
                {
                    "id": "ode",
                    "name": "Ben Ode",
                    "kind": "analyst",
                    "role": "analyst",
                    "paragraphs": [3],
                },
            ]
        },
    )
    write_yaml(
        folder / "events.yaml",
        {
            "events": [
                {
                    "id": "ruiz-visit",
                    "title": "Ruiz visits Hillstate",
                    "kind": "visit",
                    "participants": ["ruiz", "hillstate"],
                    "place": "Hillstate",
                    "date": {
                        "value": "2020-W09",
                        "wording": "last week",
                        "note": "the week before publication (2020-03-03)",
                    },
                    "paragraphs": [1],
                },
            ]
        },
    )
    write_yaml(
        folder / "projects.yaml",
        {
            "projects": [
                {
                    "id": "water-mou",
                    "name": "water-sharing memorandum",
                    "kind": "mou",
                    "status": "signed",
                    "parties": ["riverland", "hillstate"],
                    "paragraphs": [1],
                    "figures": [
                        {"wording": "$40 million", "unit": "USD", "low": 40e6, "high": 40e6}
                    ],
                },
            ]
        },
    )
    write_yaml(
        folder / "quotes.yaml",
        {
            "quotes": [
                {
                    "id": "one-river",
                    "text": "We share one river",
                    "paragraph": 2,
                    "speaker": "official",
                    "channel": "bugle",
                },
            ]
        },
    )
    write_yaml(
        folder / "claims.yaml",
        {
            "claims": [
                {
                    "id": "deal-will-hold",
                    "text": "The deal will hold.",
                    "kind": "opinion",
                    "holder": "ode",
                    "paragraphs": [3],
                },
            ]
        },
    )
    write_yaml(
        folder / "relations.yaml",
        {
            "relations": [
                {
                    "id": "hill-depends",
                    "source": "hillstate",
                    "target": "riverland",
                    "type": "dependency",
                    "paragraphs": [3],
                },
            ]
        },
    )
    write_yaml(
        folder / "interests.yaml",
        {
            "interests": [
                {
                    "id": "river-water",
                    "actor": "hillstate",
                    "topic": "water",
                    "topic_label": "Water",
                    "stance": "seeks",
                    "summary": "A share of the river.",
                    "paragraphs": [2],
                },
            ]
        },
    )
    write_yaml(
        folder / "arguments.yaml",
        {
            "arguments": [
                {
                    "id": "ode-argument",
                    "title": "Will the deal hold?",
                    "holder": "ode",
                    "nodes": [
                        {
                            "id": "ode-claim",
                            "role": "claim",
                            "text": "The deal will hold.",
                            "paragraphs": [3],
                        },
                        {
                            "id": "ode-limit",
                            "role": "limit",
                            "text": "Hillstate depends on the dams.",
                            "paragraphs": [3],
                            "parent": "ode-claim",
                        },
                        {
                            "id": "ode-assume",
                            "role": "assumption",
                            "text": "Neither side wants a crisis.",
                            "paragraphs": [],
                            "parent": "ode-claim",
                            "stated": False,
                        },
                    ],
                },
            ]
        },
    )
    return folder


@pytest.fixture
def mini_article(tmp_path: Path) -> Path:
    return make_mini_article(tmp_path)


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped article, for breaking one thing at a time."""
    dst = tmp_path / SHIPPED
    shutil.copytree(_paths.articles_root() / SHIPPED, dst)
    return dst


@pytest.fixture
def shipped():
    return geokit.load_article(SHIPPED)


# -- docstring examples (pytest --doctest-modules over the package) ----------------------------

#: modules whose examples call code that imports an optional package lazily (not visible in the
#: example itself); the packages come with the `lab` extra
NEEDS = {
    "geokit.teach.editions": ("nbconvert",),
    "geokit.teach.nbgrader": ("nbconvert",),
}
_IMPORT = re.compile(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", re.MULTILINE)


def _missing(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return True
    return False


def missing_for_doctest(module: str, sources: list[str]) -> list[str]:
    """The optional packages an example of ``module`` needs and this environment lacks."""
    wanted = {m for src in sources for m in _IMPORT.findall(src)}
    wanted |= set(NEEDS.get(module, ()))
    return sorted(m for m in wanted if m != "geokit" and _missing(m))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip, with the reason, a docstring example that needs a package not installed here."""
    for item in items:
        if not isinstance(item, pytest.DoctestItem) or item.dtest is None:
            continue
        module = item.dtest.globs.get("__name__", "")
        missing = missing_for_doctest(module, [ex.source for ex in item.dtest.examples])
        if missing:
            item.add_marker(pytest.mark.skip(
                reason=f"{item.dtest.name} needs {', '.join(missing)} (pip install 'geokit[lab]')"))


_SESSION_CACHE: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Checked articles are cached in a folder of the test run's own, not the user's ~/.cache."""
    global _SESSION_CACHE
    if "GEOKIT_CACHE" not in os.environ:
        _SESSION_CACHE = tempfile.mkdtemp(prefix="geokit-test-cache-")
        os.environ["GEOKIT_CACHE"] = _SESSION_CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SESSION_CACHE is not None:
        shutil.rmtree(_SESSION_CACHE, ignore_errors=True)
        os.environ.pop("GEOKIT_CACHE", None)


class _VisibleText(HTMLParser):
    """The text a reader sees: everything outside <script> and <style> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """The visible text of an HTML page, a line per text node."""
    parser = _VisibleText()
    parser.feed(markup)
    return "\n".join(parser.parts)


def visible_text(page: str) -> str:
    """The visible text of an HTML page, on one line, runs of white space as one space."""
    return " ".join(html_text(page).split())
