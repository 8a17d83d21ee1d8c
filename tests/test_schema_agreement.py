"""The loader and the JSON Schema accept exactly the same documents.

Hypothesis writes ``paragraphs.yaml``, ``actors.yaml`` and a question bank: valid documents, and
near-misses made from them by one change (a value of the wrong type, a null, a float for a whole
number, zero or a negative number, an empty list, blank text, a field too many, a field of
another question type, another question type). Each goes into a copy of the mini article. The
loader accepts it when it reports no problem in that file; jsonschema accepts it when
``data/schema/<file>.schema.json`` validates it. The two must agree on every document.

A JSON Schema cannot look beyond one value at a time, so the documents stay inside what it can
say: valid ones keep references (paragraph numbers within the article, actor ids), names unique
after folding case, and rubric totals right by construction, and no near-miss breaks those (a
near-miss never gives one field another field's value). JSON has no NaN, no infinity and no
number beyond a double: none is generated.
"""

from __future__ import annotations

import copy
import functools
import json
import shutil
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import make_mini_article
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from geokit.data.banks import read_banks
from geokit.data.loader import read_article
from geokit.data.model import Article
from geokit.data.questions import ANSWER_FIELDS, LEVELS, SPECS, TYPE_FIELDS
from geokit.data.schema import schemas
from geokit.data.yamlio import display_path

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "data" / "schema"
N_PARAGRAPHS = 3  # the mini article's
BANK = "gen-bank"
FILES = {"paragraphs": "paragraphs.yaml", "actors": "actors.yaml",
         "quiz": f"quizzes/{BANK}.yaml"}
#: every near-miss of each generated document is tried, so a few documents go a long way; a
#: failure is shown whole, not shrunk (each example reads many files)
EXAMPLES = {"paragraphs": 4, "actors": 10, "quiz": 12}
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's, where PyYAML has it


def _settings(n: int) -> settings:
    return settings(max_examples=n, deadline=None,
                    phases=[Phase.explicit, Phase.reuse, Phase.generate],
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


# -- the two verdicts ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mini article, its files rewritten for each document (the loader does not cache)."""
    folder = make_mini_article(tmp_path_factory.mktemp("agreement"))
    (folder / "quizzes").mkdir()
    return folder


@pytest.fixture(scope="module")
def mini_paragraphs(folder: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((folder / "paragraphs.yaml").read_text("utf-8"))
    return list(data["paragraphs"])


@pytest.fixture(scope="module")
def article(folder: Path) -> Article:
    """The mini article, for reading banks beside it."""
    art, problems = read_article(folder)
    assert art is not None, problems
    return art


def loader_accepts(folder: Path, article: Article, kind: str, doc: Any
                   ) -> tuple[bool, list[str]]:
    path = folder / FILES[kind]
    original = path.read_text("utf-8") if path.exists() else None
    path.write_text(yaml.dump(doc, Dumper=DUMPER, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    try:
        if kind == "quiz":  # what read_article does with quizzes/, without reading the rest again
            _, problems = read_banks(folder / "quizzes", article)
        else:
            _, problems = read_article(folder)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_text(original, encoding="utf-8")
    mine = [str(p) for p in problems if p.file == display_path(path)]
    return not mine, mine


@functools.cache
def _validator(schema_dir: Path, kind: str) -> Any:
    schema = json.loads((schema_dir / f"{kind}.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_errors(kind: str, doc: Any, schema_dir: Path = SCHEMA_DIR) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}"
            for e in _validator(schema_dir, kind).iter_errors(doc)]


def assert_agree(folder: Path, article: Article, kind: str, doc: Any,
                 expect: bool | None = None, schema_dir: Path = SCHEMA_DIR) -> None:
    by_loader, problems = loader_accepts(folder, article, kind, doc)
    by_schema = _validator(schema_dir, kind).is_valid(doc)
    if by_loader == by_schema and expect in (None, by_loader):
        return
    errors = schema_errors(kind, doc, schema_dir)
    shown = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    assert by_loader == by_schema, (
        f"the loader {'accepts' if by_loader else 'refuses'} and the schema "
        f"{'accepts' if by_schema else 'refuses'}:\n{shown}\nloader: {problems}\n"
        f"schema: {errors}")
    if expect is not None:
        assert by_loader is expect, f"{shown}\nloader: {problems}\nschema: {errors}"


def test_the_schema_files_are_current() -> None:
    for stem, schema in schemas().items():
        on_disk = json.loads((SCHEMA_DIR / f"{stem}.schema.json").read_text("utf-8"))
        assert on_disk == schema, f"{stem}: run make schema"


# -- the disagreements there were, settled ------------------------------------------------------

NUMERIC = {"id": "q-num", "type": "numeric", "prompt": "How many?", "paragraphs": [1],
           "objective": "Read a figure.", "level": "remember", "explanation": "It says so.",
           "answers": [{"value": 40}]}


OPTION = {"id": "a", "text": "x", "feedback": "y"}


def _bank(*questions: dict[str, Any]) -> dict[str, Any]:
    return {"id": BANK, "title": "Generated", "questions": list(questions)}


@pytest.mark.parametrize(("kind", "change", "accepted"), [
    # JSON Schema's "integer" is any number without a fraction, so 1.0 is paragraph 1 to both
    ("paragraphs", lambda d: d["paragraphs"][0].update(n=1.0), True),
    ("paragraphs", lambda d: d["paragraphs"][0].update(n=1.5), False),
    ("paragraphs", lambda d: d.update(paragraphs=None), False),
    ("paragraphs", lambda d: d.update(paragraphs=[]), False),
    # a file that starts `actors:` with nothing after it is an empty list to both
    ("actors", lambda d: d.update(actors=None), True),
    ("actors", lambda d: d["actors"][0].update(paragraphs=[]), False),
    ("actors", lambda d: d["actors"][2].update(role=None), False),
    ("quiz", lambda d: d["questions"][0].update(options=[OPTION]), False),
    ("quiz", lambda d: d.update(questions=[]), False),
    ("quiz", lambda d: d.pop("questions"), False),
    ("quiz", lambda d: d["questions"][0].update(points=0), False),
    ("quiz", lambda d: d["questions"][0]["answers"][0].update(low=1, high=2), False),
    ("quiz", lambda d: None, True),
])
def test_the_known_disagreements_are_settled(folder: Path, article: Article,
                                             mini_paragraphs: list[Any], kind: str,
                                             change: Callable[[Any], None],
                                             accepted: bool) -> None:
    docs = {"paragraphs": {"paragraphs": copy.deepcopy(mini_paragraphs)},
            "actors": yaml.safe_load((folder / "actors.yaml").read_text("utf-8")),
            "quiz": _bank(copy.deepcopy(NUMERIC))}
    doc = docs[kind]
    change(doc)
    assert_agree(folder, article, kind, doc, expect=accepted)


# -- valid documents ----------------------------------------------------------------------------

words = st.text(alphabet=string.ascii_letters + string.digits + " .,'-?!()&é¶", min_size=1,
                max_size=24).filter(lambda s: s.strip() != "")
paragraph_refs = st.lists(st.integers(1, N_PARAGRAPHS), min_size=1, max_size=3, unique=True)


def _maybe(draw: st.DrawFn, doc: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]
           ) -> None:
    if draw(st.booleans()):
        doc[key] = draw(strategy)


@st.composite
def paragraphs_docs(draw: st.DrawFn, base: list[dict[str, Any]]) -> dict[str, Any]:
    out = []
    for p in base:
        p = dict(p)
        if draw(st.booleans()):
            p["n"] = float(p["n"])
        # a section must be a heading of the captured page: a check across files, like the
        # verbatim text, which no schema can state; only null is drawn here
        _maybe(draw, p, "section", st.none())
        out.append(p)
    return {"paragraphs": out}


ACTOR_KINDS = ("state", "person", "organisation", "company", "media_outlet", "analyst")


@st.composite
def actors_docs(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(1, 4))
    ids = [f"gen{i}-{draw(st.sampled_from(['a', 'b2', 'lavrov', 'x-y']))}" for i in range(n)]
    actors = []
    for i, aid in enumerate(ids):
        a: dict[str, Any] = {"id": aid, "name": f"Generated {i}",
                             "kind": draw(st.sampled_from(ACTOR_KINDS)),
                             "paragraphs": draw(paragraph_refs)}
        _maybe(draw, a, "aliases", st.lists(st.sampled_from([f"Alias {i}a", f"Alias {i}b"]),
                                            unique=True, max_size=2))
        others = [x for x in ids if x != aid]
        if a["kind"] == "person":
            a["role"] = draw(words)
            if others and draw(st.booleans()):
                a["affiliation"] = draw(st.sampled_from(others))
            else:
                a["note"] = draw(words)
                _maybe(draw, a, "affiliation", st.none())
        else:
            _maybe(draw, a, "role", st.one_of(st.none(), words))
            _maybe(draw, a, "affiliation", st.one_of(st.none(), *(
                [st.sampled_from(others)] if others else [])))
        _maybe(draw, a, "note", st.just("") if "note" not in a else st.just(a["note"]))
        actors.append(a)
    return {"actors": actors}


def _options(draw: st.DrawFn, exactly_one: bool) -> list[dict[str, Any]]:
    n = draw(st.integers(2, 4))
    right = draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=1 if exactly_one else n))
    out = []
    for i in range(n):
        o: dict[str, Any] = {"id": "abcd"[i], "text": f"Option {i}", "feedback": draw(words)}
        if i in right:
            o["correct"] = True
        elif draw(st.booleans()):
            o["correct"] = False
        _maybe(draw, o, "code", words)
        out.append(o)
    return out


def _numeric_answer(draw: st.DrawFn, correct: bool) -> dict[str, Any]:
    x = draw(st.integers(-100, 1000))
    if draw(st.booleans()):
        a: dict[str, Any] = {"value": draw(st.sampled_from([x, x + 0.5]))}
        _maybe(draw, a, "tolerance", st.sampled_from([0, 0.5, 10]))
    else:
        a = {"low": x, "high": x + draw(st.integers(0, 50))}
        _maybe(draw, a, "include_high", st.booleans())
    if not correct:
        a["correct"] = False
    _maybe(draw, a, "feedback", words)
    return a


def _answer_fields(draw: st.DrawFn, t: str, q: dict[str, Any]) -> None:
    if t in ("single_choice", "multiple_select"):
        q["options"] = _options(draw, t == "single_choice")
    elif t == "numeric":
        q["answers"] = [_numeric_answer(draw, True)] + [
            _numeric_answer(draw, False) for _ in range(draw(st.integers(0, 1)))]
        _maybe(draw, q, "precision", st.one_of(st.none(), st.integers(1, 4)))
        _maybe(draw, q, "unit", st.sampled_from(["MW", "USD", ""]))
        _maybe(draw, q, "default_feedback", words)
    elif t == "short_text":
        q["accepted"] = [{"text": "Lavrov"}, *draw(st.lists(st.fixed_dictionaries(
            {"text": st.sampled_from(["Putin", "Kayani"]), "correct": st.booleans()}),
            max_size=2, unique_by=lambda a: a["text"]))]
        for a in q["accepted"]:
            _maybe(draw, a, "max_typos", st.one_of(st.none(), st.integers(0, 3)))
            _maybe(draw, a, "fuzzy_threshold", st.one_of(st.none(), st.sampled_from([0.5, 1])))
            _maybe(draw, a, "match_case", st.booleans())
        _maybe(draw, q, "default_feedback", words)
    elif t == "matching":
        n = draw(st.integers(2, 3))
        q["pairs"] = [{"left": f"Item {i}", "right": f"Match {i}"} for i in range(n)]
        _maybe(draw, q, "distractors", st.lists(st.sampled_from(["Other", "None"]), unique=True))
    elif t == "ordering":
        q["items"] = [f"Step {i}" for i in range(draw(st.integers(2, 4)))]
    elif t == "evidence":
        q["evidence"] = draw(paragraph_refs)
        if draw(st.booleans()):
            q["candidates"] = sorted({*q["evidence"], *draw(paragraph_refs)})
    elif t == "open_response":
        points = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
        q["rubric"] = [{"criterion": f"Criterion {i}", "points": p} for i, p in enumerate(points)]
        q["points"] = sum(points)
        _maybe(draw, q, "min_words", st.integers(0, 20))
        _maybe(draw, q, "model_answer", words)


@st.composite
def quiz_docs(draw: st.DrawFn) -> dict[str, Any]:
    questions = []
    for i, t in enumerate(draw(st.lists(st.sampled_from(sorted(SPECS)), min_size=1,
                                        max_size=4))):
        q: dict[str, Any] = {"id": f"q{i}-{t.replace('_', '-')}", "type": t,
                             "prompt": draw(words), "paragraphs": draw(paragraph_refs),
                             "objective": draw(words), "level": draw(st.sampled_from(LEVELS)),
                             "explanation": draw(words)}
        _maybe(draw, q, "points", st.sampled_from([1, 2, 0.5]))
        _maybe(draw, q, "code", words)
        if t in ("single_choice", "multiple_select", "matching"):
            _maybe(draw, q, "shuffle", st.booleans())
        _answer_fields(draw, t, q)
        questions.append(q)
    bank: dict[str, Any] = {"id": BANK, "title": draw(words), "questions": questions}
    _maybe(draw, bank, "description", words)
    _maybe(draw, bank, "article", st.just("mini-2020"))
    _maybe(draw, bank, "counting", st.sampled_from(["first", "best", "last"]))
    _maybe(draw, bank, "retries", st.one_of(st.none(), st.integers(0, 3)))
    _maybe(draw, bank, "reveal", st.sampled_from(["immediately", "after-correct", "never",
                                                  "after 1 attempt", "after 12 attempts"]))
    _maybe(draw, bank, "mode", st.sampled_from(["practice", "exam"]))
    return bank


# -- near-misses: one change to a valid document ------------------------------------------------

#: fields whose text names another record or the file: new text there is a broken reference,
#: which no schema can see (an actor's affiliation, the article a bank names; the bank's id must
#: be its file name)
REFERENCES = {"affiliation", "article"}
#: numbers with a bound of their own (an open response's points must equal its rubric's total,
#: a sum no schema can check, so those are left alone)
BOUNDED = {"points", "tolerance", "precision", "min_words", "max_typos", "fuzzy_threshold",
           "retries"}
#: one value of each JSON type, for "a value of the wrong type"
OTHER_TYPES = [True, 7, "text", [], {}]


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object", type(None): "null"}[type(value)]


def _places(doc: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) in the document, the document itself first."""
    yield path, doc
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _places(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _places(v, (*path, i))


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return doc


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _key(path: tuple[Any, ...]) -> Any:
    return next((k for k in reversed(path) if isinstance(k, str)), None)


def _changes(kind: str, doc: Any) -> list[tuple[str, tuple[Any, ...], Any]]:
    """Every one-change near-miss of ``doc``: (what, where, new value at that place)."""
    out: list[tuple[str, tuple[Any, ...], Any]] = []
    for path, value in _places(doc):
        key = path[-1] if path else None
        named = _key(path)
        if value is not None:
            out.append(("null", path, None))
            out.append(("wrong type", path, [other for other in OTHER_TYPES
                                             if _json_type(other) != _json_type(value)]))
        if isinstance(value, int) and not isinstance(value, bool):
            out.append(("float for int", path, float(value)))
        if (named in BOUNDED and _json_type(value) == "number" and "rubric" not in path
                and _get(doc, path[:-1]).get("type") != "open_response"):
            out += [("zero", path, 0), ("below zero", path, -1)]
        if isinstance(value, list) and value:
            out.append(("empty list", path, []))
        if isinstance(value, str) and named not in REFERENCES and not (
                kind == "quiz" and path == ("id",)):
            out += [("blank text", path, ""), ("blank text", path, "  ")]
        if isinstance(value, dict):
            out.append(("extra field", path, {**value, "colour": "red"}))
            if value.get("type") in SPECS and isinstance(key, int):  # a question
                mine = TYPE_FIELDS[value["type"]]
                foreign = {"options": [{"id": "a", "text": "x"}], "answers": [{"value": 1}],
                           "precision": 2, "unit": "MW", "default_feedback": "x",
                           "accepted": [{"text": "x"}], "pairs": [{"left": "l", "right": "r"}],
                           "distractors": ["d"], "items": ["a", "b"], "evidence": [1],
                           "candidates": [1], "rubric": [{"criterion": "c", "points": 1}],
                           "min_words": 0, "model_answer": "x"}
                assert set(foreign) == set(ANSWER_FIELDS)
                out += [("field of another type", path, {**value, f: v})
                        for f, v in foreign.items() if f not in mine]
                out += [("another type", path, {**value, "type": t}) for t in SPECS
                        if t != value["type"]]
    return out


@st.composite
def near_misses(draw: st.DrawFn, kind: str, valid: st.SearchStrategy[Any]
                ) -> list[tuple[str, Any]]:
    """A valid document and every near-miss of it, each one change away (a wrong type: one
    of the other types, drawn)."""
    doc = draw(valid)
    out = []
    for what, path, value in _changes(kind, doc):
        if what == "wrong type":
            value = draw(st.sampled_from(value))
        out.append((f"{what} at {list(path)}",
                    _set(copy.deepcopy(doc), path, copy.deepcopy(value))))
    return out


def _strategy(kind: str, mini_paragraphs: list[dict[str, Any]]) -> st.SearchStrategy[Any]:
    if kind == "paragraphs":
        return paragraphs_docs(mini_paragraphs)
    return actors_docs() if kind == "actors" else quiz_docs()


@pytest.mark.parametrize("kind", list(FILES))
def test_valid_documents_pass_both(folder: Path, article: Article,
                                   mini_paragraphs: list[Any], kind: str) -> None:
    @_settings(30)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        assert_agree(folder, article, kind, data.draw(_strategy(kind, mini_paragraphs)),
                     expect=True)
    check()


@pytest.mark.parametrize("kind", list(FILES))
def test_near_misses_get_the_same_verdict_from_both(folder: Path, article: Article,
                                                    mini_paragraphs: list[Any],
                                                    kind: str) -> None:
    @_settings(EXAMPLES[kind])
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        for _what, doc in data.draw(near_misses(kind, _strategy(kind, mini_paragraphs)),
                                    label="near-misses"):
            assert_agree(folder, article, kind, doc)
    check()


def test_the_comparison_can_fail(folder: Path, article: Article, tmp_path: Path) -> None:
    """With a schema that has lost a rule (numeric questions may have options), a near-miss the
    loader refuses is accepted by the schema, and the comparison says so."""
    broken = json.loads((SCHEMA_DIR / "quiz.schema.json").read_text("utf-8"))
    question = broken["$defs"]["Question"]
    question["allOf"] = [r for r in question["allOf"]
                         if r.get("if", {}).get("properties", {}).get("type") != {
                             "const": "numeric"}]
    shutil.copytree(SCHEMA_DIR, tmp_path / "schema")
    (tmp_path / "schema" / "quiz.schema.json").write_text(json.dumps(broken), encoding="utf-8")
    doc = _bank({**NUMERIC, "options": [OPTION]})
    with pytest.raises(AssertionError, match="the loader refuses and the schema accepts"):
        assert_agree(folder, article, "quiz", doc, schema_dir=tmp_path / "schema")
