"""Reading and checking an article's ``exercises.yaml``.

Parsing goes through :mod:`geokit.data.records`, so a malformed field is reported like any other
data problem (file, line, record, field, expected, found). Then every exercise is checked against
the article it belongs to:

- its kind is known (the parser refuses any other) and it sets only the fields its kind uses;
- every paragraph it cites exists, in number fields and in ``¶N`` references in its text, and
  every phrase it gives as the article's words is verbatim in its paragraph;
- every actor, record, topic, argument and node id it names exists;
- its query reads real fields, finds something, and names the kind of item the answer names;
- expected answers fit the answer form (categories hold the records' values, wordings name dated
  events, premises include a premise and an unstated assumption);
- every ``{placeholder}`` of a feedback sentence is one the grader fills in.
"""

from __future__ import annotations

import dataclasses
import re
import string
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from geokit.data import paths as _paths
from geokit.data.checks import ACTOR_FIELDS
from geokit.data.dates import date_bounds
from geokit.data.exercises import (
    FEEDBACK_KEYS,
    KIND_FIELDS,
    OPS,
    REQUIRED_FIELDS,
    Borrowed,
    Condition,
    Exercise,
    ExerciseFile,
    Query,
    WhatIf,
)
from geokit.data.loader import ANNOTATION_FILES
from geokit.data.model import ArgumentNode, Article
from geokit.data.query import argument_of, passes, records_of, run
from geokit.data.records import Context, describe, parse_record
from geokit.data.sources import Explanation, RelatedSource, Trace
from geokit.data.text import occurs_in
from geokit.data.yamlio import LineDict, display_path, load_yaml
from geokit.errors import GeokitDataError, Problem

__all__ = ["borrowed_folder", "premise_nodes", "read_exercise_file", "read_exercises"]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: '¶6', '¶ 6' and ranges '¶16-22' in free text
_PARA_REF = re.compile(r"¶\s*(\d+)(?:\s*[-–]\s*¶?\s*(\d+))?")
_COMMON = ("id", "kind", "prompt", "form", "example", "objectives")
_TOP = ("exercises", "borrowed", "what_if")
RECORD_CLASSES: dict[str, type] = {**ANNOTATION_FILES, "nodes": ArgumentNode,
                                   "sources": RelatedSource, "traces": Trace,
                                   "explanations": Explanation}

Add = Callable[..., None]


def read_exercises(folder: Path, article: Article,
                   unavailable: frozenset[str] = frozenset()) -> tuple[ExerciseFile | None,
                                                                        list[Problem]]:
    """Parse and check ``folder/exercises.yaml`` against ``article``.

    ``unavailable`` names record kinds whose file failed to load (e.g. the traces of a broken
    sources.yaml): exercises reading them are not cross-checked, so the file's own problem is
    reported once instead of as a cascade here.
    """
    parsed, raws, ctx = read_exercise_file(folder / "exercises.yaml")
    if parsed is None:
        return None, ctx.problems
    checker = _Checker(parsed, raws, ctx, article, folder)
    checker.unavailable = unavailable
    checker.run()
    return (parsed if not ctx.problems else None), ctx.problems


def read_exercise_file(path: Path) -> tuple[ExerciseFile | None, dict[str, Any], Context]:
    """Parse one exercises.yaml without cross-checks: the records that parsed (None when the
    file itself cannot be read), the raw mapping of each, by its label and in file order
    (exercises, then borrowed, then ``what_if``), and the parsing context with any problems."""
    ctx = Context(display_path(path))
    try:
        raw = load_yaml(path)
    except GeokitDataError as exc:
        ctx.problems.extend(exc.problems)
        return None, {}, ctx
    if not isinstance(raw, dict):
        ctx.add("wrong top-level shape", expected="a mapping with the key 'exercises:'",
                found=describe(raw), line=1)
        return None, {}, ctx
    key_lines: dict[str, int] = getattr(raw, "key_lines", {})
    for key in raw:
        if key not in _TOP:
            ctx.add("unknown top-level key", field=str(key), expected="one of " + ", ".join(_TOP),
                    found=repr(key), line=key_lines.get(str(key)))
    raws: dict[str, Any] = {}
    lists: dict[str, list[Any]] = {}
    for key, cls in (("exercises", Exercise), ("borrowed", Borrowed)):
        items = raw.get(key) or []
        if not isinstance(items, list):
            ctx.add("wrong type", field=key, expected="a list of mappings", found=describe(items),
                    line=key_lines.get(key))
            items = []
        out = []
        for i, item in enumerate(items):
            rid = item.get("id") if isinstance(item, dict) else None
            label = f"{key}[{i}]" + (f" '{rid}'" if isinstance(rid, str) else "")
            rec = parse_record(cls, item, ctx, label)
            if rec is not None:
                raws[label] = item
                out.append((label, rec))
        lists[key] = out
    what_if = None
    if raw.get("what_if") is not None:
        what_if = parse_record(WhatIf, raw["what_if"], ctx, "what_if")
        raws["what_if"] = raw["what_if"]
    parsed = ExerciseFile(exercises=tuple(r for _, r in lists["exercises"]),
                          borrowed=tuple(r for _, r in lists["borrowed"]), what_if=what_if)
    return parsed, raws, ctx


def borrowed_folder(folder: Path, article_id: str) -> Path | None:
    """The folder of an article a borrowed exercise comes from: the one beside ``folder``, or
    else the bundled one; None when neither exists."""
    for candidate in (folder.parent / article_id, _paths.articles_root() / article_id):
        if (candidate / "article.yaml").is_file():
            return candidate
    return None


def premise_nodes(argument: Any, items: Iterable[str]) -> list[Any]:
    """The nodes a premises exercise letters A, B, ...: those named by ``items``, or else three
    premises of the main claim, a limit, an objection and an unstated assumption, in a fixed
    mixed order (the same for every student)."""
    items = tuple(items)
    nodes = {n.id: n for n in argument.nodes}
    if items:
        return [nodes[i] for i in items]
    root = argument.nodes[0].id
    premises = [n for n in argument.nodes if n.role == "premise" and n.parent == root][:3]
    others = ([n for n in argument.nodes if n.role == "limit"][:1]
              + [n for n in argument.nodes if n.role == "objection"][:1])
    picked = premises + others + [n for n in argument.nodes if not n.stated][:1]
    return [picked[i] for i in (4, 0, 5, 2, 3, 1) if i < len(picked)]


def _field_type(cls: type, path: str) -> Any:
    """The type of a dotted field path of a record class, or None when there is no such field."""
    tp: Any = cls
    for part in path.split("."):
        if not (isinstance(tp, type) and dataclasses.is_dataclass(tp)):
            return None
        hints = typing.get_type_hints(tp)
        if part not in hints:
            return None
        tp = hints[part]
        args = [a for a in get_args(tp) if a is not type(None)]
        if get_origin(tp) is not Literal and get_origin(tp) is not tuple and len(args) == 1:
            tp = args[0]  # X | None
    return tp


def _walk_text(value: Any, prefix: str = "") -> Iterable[tuple[str, str]]:
    """Every (field path, text) of a record, nested records and lists included."""
    if isinstance(value, str):
        yield prefix, value
    elif isinstance(value, tuple):
        for i, v in enumerate(value):
            yield from _walk_text(v, f"{prefix}[{i}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk_text(getattr(value, f.name), f"{prefix}.{f.name}" if prefix
                                  else f.name)


class _Checker:
    """The cross-checks of one parsed exercises.yaml; problems go to ``ctx``."""

    def __init__(self, parsed: ExerciseFile, raws: dict[str, Any], ctx: Context,
                 article: Article, folder: Path) -> None:
        self.parsed, self.raws, self.ctx, self.art, self.folder = (parsed, raws, ctx, article,
                                                                   folder)
        self.n = len(article.paragraphs)
        self.unavailable: frozenset[str] = frozenset()

    def adder(self, label: str) -> Add:
        raw = self.raws.get(label)
        lines: dict[str, int] = getattr(raw, "key_lines", {})
        line0 = raw.line if isinstance(raw, LineDict) else None

        def add(field: str, message: str, expected: str = "", found: str = "") -> None:
            self.ctx.add(message, record=label, field=field, expected=expected, found=found,
                         line=lines.get(re.split(r"[.\[]", field)[0], line0))

        return add

    def run(self) -> None:
        labels = [label for label in self.raws if label != "what_if"]  # one per record, in order
        records: list[Exercise | Borrowed] = [*self.parsed.exercises, *self.parsed.borrowed]
        seen: dict[str, str] = {}
        for label, rec in zip(labels, records, strict=True):
            add = self.adder(label)
            if not _ID.match(rec.id):
                add("id", "ids are lower-case words joined by hyphens", "e.g. '01-who-met'",
                    repr(rec.id))
            if rec.id in seen:
                add("id", "duplicate exercise id", "an id used once in the file",
                    f"{rec.id!r} again (first in {seen[rec.id]})")
            seen.setdefault(rec.id, label)
            if isinstance(rec, Exercise):
                reads = {rec.records, rec.answer_items, rec.query.records if rec.query else None}
                if not reads & self.unavailable:
                    self.exercise(rec, self.raws[label], add)
            else:
                self.borrowed(rec, add)
        if self.parsed.what_if is not None:
            self.what_if(self.parsed.what_if, self.adder("what_if"))

    # -- shared checks ------------------------------------------------------------------------

    def paragraph(self, add: Add, field: str, n: int) -> None:
        if not 1 <= n <= self.n:
            add(field, "paragraph out of range", f"a number from 1 to {self.n}", str(n))

    def text_references(self, record: Any, add: Add) -> None:
        for field, text in _walk_text(record):
            for m in _PARA_REF.finditer(text):
                for number in filter(None, m.groups()):
                    if not 1 <= int(number) <= self.n:
                        add(field, "reference to a paragraph that does not exist",
                            f"¶1 to ¶{self.n}", repr(m.group(0)))

    def ids(self, add: Add, field: str, ids: Iterable[str], kind: str) -> None:
        known = ({n.id for a in self.art.arguments for n in a.nodes} if kind == "nodes"
                 else {r.id for r in getattr(self.art, kind)})
        for rid in ids:
            if rid not in known:
                what = "an actor id from actors.yaml" if kind == "actors" else \
                    f"an id from {kind}.yaml"
                add(field, f"reference to an unknown {'actor' if kind == 'actors' else 'record'}",
                    what, repr(rid))

    def template(self, add: Add, field: str, text: str, names: Iterable[str],
                 record: type | None = None) -> None:
        """Check a feedback sentence's placeholders: ``names`` and, dotted, fields of
        ``record``."""
        allowed = set(names)
        try:
            parts = list(string.Formatter().parse(text))
        except ValueError as exc:
            add(field, f"broken placeholder: {exc}", "{name} placeholders; {{ or }} for a brace",
                repr(text[:60]))
            return
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            root = re.split(r"[.\[]", name)[0]
            nested = record is not None and "." in name and _field_type(record, name) is None
            if root not in allowed or nested:
                add(field, "unknown placeholder", "one of " + ", ".join(
                    "{" + n + "}" for n in sorted(allowed)), "{" + name + "}")
            if conversion not in (None, "r", "s"):
                add(field, "unknown conversion in a placeholder", "none, or !r", f"!{conversion}")
            if spec and not re.fullmatch(r"cite\d*", spec):
                add(field, "unknown format in a placeholder", "none, or :cite / :citeN",
                    f":{spec}")

    def condition(self, add: Add, field: str, cond: Condition, kind: str) -> None:
        cls = RECORD_CLASSES[kind]
        tp = _field_type(cls, cond.field)
        if tp is None:
            add(f"{field}.field", f"{kind} records have no such field",
                "one of " + ", ".join(f.name for f in dataclasses.fields(cls)),
                repr(cond.field))
            return
        ops = [op for op in OPS if getattr(cond, op) not in (None, ())]
        if len(ops) != 1:
            add(field, "a condition makes exactly one test", "one of " + ", ".join(OPS),
                ", ".join(ops) or "none")
        allowed = get_args(tp) if get_origin(tp) is Literal else ()
        actor_field = cond.field in ACTOR_FIELDS.get(kind, ())
        for op in ("equals", "one_of", "contains"):
            values = getattr(cond, op)
            values = (values,) if isinstance(values, str) else values or ()
            for v in values:
                if allowed and v not in allowed:
                    add(f"{field}.{op}", "not an allowed value",
                        "one of " + ", ".join(map(repr, allowed)), repr(v))
            if actor_field:
                self.ids(add, f"{field}.{op}", values, "actors")
        for n in cond.overlaps:
            self.paragraph(add, f"{field}.overlaps", n)
        if cond.within is not None:
            try:
                date_bounds(cond.within)
            except ValueError as exc:
                add(f"{field}.within", f"bad date: {exc}", "an ISO 8601 date",
                    repr(cond.within))
        self.template(add, f"{field}.why", cond.why,
                      [*(f.name for f in dataclasses.fields(cls)), "item"], cls)

    def feedback(self, ex: Exercise, raw: Any, add: Add, record_kind: str | None) -> None:
        keys = FEEDBACK_KEYS.get(ex.kind, {})
        given = raw.get("feedback") if isinstance(raw, dict) else None
        for key in given or {}:
            if key not in keys:
                add(f"feedback.{key}", f"feedback not used by {ex.kind} exercises",
                    "only " + (", ".join(keys) or "none"), repr(key))
        if ex.feedback is None:
            return
        for key, names in keys.items():
            fields: list[str] = []
            cls = RECORD_CLASSES[record_kind] if record_kind is not None else None
            if "*" in names and cls is not None:
                fields = [f.name for f in dataclasses.fields(cls)]
            self.template(add, f"feedback.{key}", getattr(ex.feedback, key),
                          [*fields, *(n for n in names if n != "*")], cls)

    # -- one exercise --------------------------------------------------------------------------

    def exercise(self, ex: Exercise, raw: Any, add: Add) -> None:
        used = (*_COMMON, *KIND_FIELDS[ex.kind])
        for f in dataclasses.fields(Exercise):
            if f.name in raw and f.name not in used:
                add(f.name, f"field not used by {ex.kind} exercises",
                    "only " + ", ".join(KIND_FIELDS[ex.kind]), repr(f.name))
        for name in REQUIRED_FIELDS[ex.kind]:
            if getattr(ex, name) in (None, (), ""):
                add(name, f"{ex.kind} exercises need this field", f"a value for {name}",
                    "nothing")
        for field in ("prompt", "form"):
            if not getattr(ex, field).strip():
                add(field, f"empty {field}", "a sentence for the student", "empty text")
        self.text_references(ex, add)
        for i, acc in enumerate(ex.accept):
            for j, ev in enumerate(acc.paragraphs):
                self.paragraph(add, f"accept[{i}].paragraphs[{j}].paragraph", ev.paragraph)
                if 1 <= ev.paragraph <= self.n and not occurs_in(
                        ev.words, self.art.paragraphs[ev.paragraph - 1].text):
                    add(f"accept[{i}].paragraphs[{j}].words", "words not in their paragraph",
                        f"the exact words of ¶{ev.paragraph}", repr(ev.words[:60]))
        try:
            getattr(self, f"kind_{ex.kind}")(ex, raw, add)
        except LookupError as exc:  # a missing argument, topic... named by the exercise
            add("kind", f"the article lacks what this exercise needs: {exc}")

    def query(self, add: Add, field: str, q: Query) -> str | None:
        """Check a query; return the kind of record its items name (None when it cannot)."""
        if q.records == "nodes":
            if q.argument is not None:
                self.ids(add, f"{field}.argument", (q.argument,), "arguments")
            argument_of(self.art, q.argument)
        elif q.argument is not None:
            add(f"{field}.argument", "only a query of nodes names an argument",
                "records: nodes", repr(q.records))
        for i, c in enumerate(q.where):
            self.condition(add, f"{field}.where[{i}]", c, q.records)
        cls = RECORD_CLASSES[q.records]
        if _field_type(cls, q.select) is None:
            add(f"{field}.select", f"{q.records} records have no such field",
                "one of " + ", ".join(f.name for f in dataclasses.fields(cls)), repr(q.select))
            return None
        names = (q.records if q.select == "id"
                 else "actors" if q.select in ACTOR_FIELDS.get(q.records, ()) else None)
        if names is None and q.select_where:
            add(f"{field}.select_where", "only ids of records can be tested",
                "select: id or a field of actor ids", repr(q.select))
        for i, c in enumerate(q.select_where):
            if names is not None:
                self.condition(add, f"{field}.select_where[{i}]", c, names)
        return names

    def kind_set(self, ex: Exercise, raw: Any, add: Add) -> None:
        names = ex.answer_items
        if (ex.query is None) == (not ex.expected):
            add("query", "give a query or the expected ids (one of them)", "query or expected",
                "both" if ex.query else "neither")
        if names is not None and ex.expected:
            self.ids(add, "expected", ex.expected, names)
        if ex.query is not None:
            before = len(self.ctx.problems)
            found = self.query(add, "query", ex.query)
            if found is not None and names is not None and found != names:
                add("answer_items", "the query's items are not what the answer names",
                    repr(found), repr(names))
            for i, c in enumerate(ex.either):
                self.condition(add, f"either[{i}]", c, ex.query.records)
            clean = len(self.ctx.problems) == before
            if found is not None and clean and not run(self.art, ex.query):
                add("query", "the query finds nothing: the exercise would have no answer",
                    "at least one record passing its conditions", "none")
        elif ex.either:
            add("either", "either needs a query", "a query", "none")
        if ex.cite_first is not None and ex.cite_first < 1:
            add("cite_first", "cite at least one paragraph", "1 or more", str(ex.cite_first))
        self.feedback(ex, raw, add, names)

    def kind_classification(self, ex: Exercise, raw: Any, add: Add) -> None:
        if ex.records is None:
            return
        cls = RECORD_CLASSES[ex.records]
        tp = _field_type(cls, ex.field)
        if tp is None:
            add("field", f"{ex.records} records have no such field",
                "one of " + ", ".join(f.name for f in dataclasses.fields(cls)), repr(ex.field))
            return
        self.ids(add, "items", ex.items, ex.records)
        allowed = get_args(tp) if get_origin(tp) is Literal else ()
        values = [c.value for c in ex.categories]
        for i, c in enumerate(ex.categories):
            if allowed and c.value not in allowed:
                add(f"categories[{i}].value", "not an allowed value",
                    "one of " + ", ".join(map(repr, allowed)), repr(c.value))
            if values.index(c.value) != i:
                add(f"categories[{i}].value", "duplicate category", "each value once",
                    repr(c.value))
            if not c.words:
                add(f"categories[{i}].words", "a category needs a word for it",
                    "at least one word", "none")
        pool = records_of(self.art, Query(records=ex.records))
        chosen = [r for r in pool if r.id in ex.items] if ex.items else pool
        if not chosen:
            add("items", "nothing to classify", f"records in {ex.records}.yaml", "none")
        for r in chosen if values else ():  # no categories at all is reported above
            if getattr(r, ex.field) not in values:
                add("categories", "a record's category is not among the categories",
                    "categories for every value the records hold",
                    f"{getattr(r, ex.field)!r} (of {r.id})")
        ids = {r.id for r in chosen}
        for i, acc in enumerate(ex.accept):
            if acc.record is None or acc.topic or acc.actor or acc.paragraphs or acc.stances:
                add(f"accept[{i}]", "a classification accepts alternatives per record",
                    "record, categories, reason", "topic, actor, paragraphs or stances"
                    if acc.record else "no record")
                continue
            if acc.record not in ids:
                add(f"accept[{i}].record", "not one of the records classified",
                    "an id of items", repr(acc.record))
            for j, v in enumerate(acc.categories):
                if v not in values:
                    add(f"accept[{i}].categories[{j}]", "not a category of this exercise",
                        "one of " + ", ".join(map(repr, values)), repr(v))
            if not acc.reason.strip():
                add(f"accept[{i}].reason", "say why the other categories are accepted",
                    "a reason", "nothing")

    def kind_dates(self, ex: Exercise, raw: Any, add: Add) -> None:
        dated = {e.date.wording.lower() for e in self.art.events if e.date.value}
        for i, w in enumerate(ex.wordings):
            if w.lower() not in dated:
                add(f"wordings[{i}]", "no dated event has this wording",
                    "the date.wording of an event with a date.value", repr(w))

    def kind_date(self, ex: Exercise, raw: Any, add: Add) -> None:
        if ex.query is None:
            return
        if ex.query.records != "events":
            add("query.records", "a date exercise reads events", "'events'",
                repr(ex.query.records))
            return
        before = len(self.ctx.problems)
        self.query(add, "query", ex.query)
        if len(self.ctx.problems) == before and not any(
                e.date.value for e in records_of(self.art, ex.query)
                if all(_passes_safe(e, c) for c in ex.query.where)):
            add("query", "the query finds no dated event", "one event with a date.value",
                "none")
        self.feedback(ex, raw, add, "events")

    def _topic(self, add: Add, field: str, topic: str, actor: str | None = None) -> None:
        topics = {i.topic for i in self.art.interests if actor is None or i.actor == actor}
        if topic not in topics:
            whose = f" of {actor}" if actor else ""
            add(field, f"no interest{whose} on this topic", "a topic from interests.yaml",
                repr(topic))

    def kind_matrix(self, ex: Exercise, raw: Any, add: Add) -> None:
        if ex.actor is None:
            return
        self.ids(add, "actor", (ex.actor,), "actors")
        for i, t in enumerate(ex.topics):
            self._topic(add, f"topics[{i}]", t, ex.actor)
        for i, acc in enumerate(ex.accept):
            if acc.topic is None or acc.actor is not None or acc.unknown or acc.record:
                add(f"accept[{i}]", "a matrix accepts alternatives per topic",
                    "topic, paragraphs, stances, reason", "actor or unknown"
                    if acc.topic else "no topic")
                continue
            self._topic(add, f"accept[{i}].topic", acc.topic, ex.actor)
            if acc.stances and not acc.reason.strip():
                add(f"accept[{i}].reason", "say why the other stances are accepted",
                    "a reason", "nothing")

    def kind_position_map(self, ex: Exercise, raw: Any, add: Add) -> None:
        if ex.topic is not None:
            self._topic(add, "topic", ex.topic)
        self.ids(add, "items", ex.items, "actors")
        for i, acc in enumerate(ex.accept):
            if (acc.actor is None or acc.topic is not None or acc.paragraphs or acc.stances
                    or acc.record):
                add(f"accept[{i}]", "a position map accepts alternatives per actor",
                    "actor, unknown, reason", "topic, paragraphs or stances")
                continue
            self.ids(add, f"accept[{i}].actor", (acc.actor,), "actors")
        self.feedback(ex, raw, add, "actors")

    def kind_stance_query(self, ex: Exercise, raw: Any, add: Add) -> None:
        if ex.topic is not None:
            self._topic(add, "topic", ex.topic)

    def kind_premises(self, ex: Exercise, raw: Any, add: Add) -> None:
        if ex.argument is None:
            return
        self.ids(add, "argument", (ex.argument,), "arguments")
        argument = argument_of(self.art, ex.argument)
        nodes = {n.id for n in argument.nodes}
        bad = [i for i in ex.items if i not in nodes]
        for i in bad:
            add("items", "reference to an unknown node", f"a node id of {ex.argument}", repr(i))
        if bad:
            return
        picked = premise_nodes(argument, ex.items)
        if len(picked) > 26:
            add("items", "too many statements to letter", "at most 26", str(len(picked)))
        if not any(n.role == "premise" for n in picked) or all(n.stated for n in picked):
            add("items", "the statements need a premise and an unstated assumption",
                "at least one node with role premise and one with stated: false",
                ", ".join(f"{n.id} ({n.role})" for n in picked) or "none")
        self.feedback(ex, raw, add, None)

    def kind_open_response(self, ex: Exercise, raw: Any, add: Add) -> None:
        if ex.min_words < 0:
            add("min_words", "negative word count", "0 or more", str(ex.min_words))

    # -- borrowed exercises and the what-if device -----------------------------------------

    def borrowed(self, b: Borrowed, add: Add) -> None:
        if not _ID.match(b.article):
            add("article", "an article id is lower-case words joined by hyphens",
                "e.g. 'template-example'", repr(b.article))
            return
        folder = borrowed_folder(self.folder, b.article)
        if folder is None:
            add("article", "no such article beside this one or bundled",
                "an article id", repr(b.article))
            return
        path = folder / "exercises.yaml"
        other = read_exercise_file(path)[0] if path.is_file() else None
        if other is None:
            add("article", "that article has no readable exercises.yaml",
                "an article whose exercises.yaml loads", repr(b.article))
            return
        ids = [e.id for e in other.exercises]
        if b.exercise not in ids:
            add("exercise", f"no such exercise in {b.article}",
                "one of " + ", ".join(ids), repr(b.exercise))

    def what_if(self, w: WhatIf, add: Add) -> None:
        self.text_references(w, add)
        if w.argument is not None:
            self.ids(add, "argument", (w.argument,), "arguments")
        keys: set[str] = set()
        for i, f in enumerate(w.factors):
            if not f.key.isidentifier() or f.key == "article":
                add(f"factors[{i}].key", "a switch is a Python name",
                    "letters, digits and _ (not 'article')", repr(f.key))
            if f.key in keys:
                add(f"factors[{i}].key", "duplicate switch", "each key once", repr(f.key))
            keys.add(f.key)
            if not f.paragraphs:
                add(f"factors[{i}].paragraphs", "every factor cites its paragraph(s)",
                    "at least one paragraph number", "none")
            for n in f.paragraphs:
                self.paragraph(add, f"factors[{i}].paragraphs", n)
        bounds = [r.up_to for r in w.readings]
        if not bounds or bounds[-1] is not None or None in bounds[:-1]:
            add("readings", "readings need an upper score each, and none on the last",
                "up_to on every reading but the last", ", ".join(map(str, bounds)) or "none")
        elif bounds[:-1] != sorted(set(bounds[:-1])):  # type: ignore[type-var]
            add("readings", "readings go from the lowest scores to the highest",
                "rising up_to values", ", ".join(map(str, bounds)))


def _passes_safe(record: Any, cond: Condition) -> bool:
    try:
        return passes(record, cond)
    except (AttributeError, ValueError, TypeError):
        return False

