"""Parse YAML mappings into the frozen dataclasses of :mod:`geokit.data.model`, and describe them
as JSON Schema. The dataclass fields, with the ``RULES`` of their classes
(:mod:`geokit.data.rules`), are the only schema; both directions read them."""

from __future__ import annotations

import dataclasses
import datetime
import math
import types
import typing
from dataclasses import MISSING
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from geokit.data.rules import check_rules, rules_of, type_hints
from geokit.data.yamlio import LineDict
from geokit.errors import Problem

__all__ = ["Context", "describe", "doc", "json_schema", "parse_list", "parse_record"]

T = TypeVar("T")


def doc(text: str, default: Any = ..., **kw: Any) -> Any:
    """A dataclass field carrying its JSON Schema description (and a default, when optional)."""
    if default is ...:
        return dataclasses.field(metadata={"doc": text}, **kw)
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple default")
    return dataclasses.field(default=default, metadata={"doc": text}, **kw)


@dataclasses.dataclass
class Context:
    """Where parsing is, and the problems found so far."""

    file: str
    problems: list[Problem] = dataclasses.field(default_factory=list)
    #: check the rules that hold only for a record beside its article (see geokit.data.rules)
    authoring: bool = True

    def add(
        self,
        message: str,
        *,
        record: str = "",
        field: str = "",
        expected: str = "",
        found: str = "",
        line: int | None = None,
    ) -> None:
        self.problems.append(Problem(self.file, message, record, field, expected, found, line))


def describe(value: Any) -> str:
    """How a found value is shown in a message: short, with its type."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, (datetime.date, datetime.datetime)):
        # YAML reads an unquoted 2012-10-08 as a date; every geokit date is text
        return f"an unquoted date {value.isoformat()} (write it in quotes: \"{value.isoformat()}\")"
    kind = {
        dict: "a mapping",
        LineDict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a whole number",
        float: "a number",
    }.get(type(value), type(value).__name__)
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{kind} {shown}" if not isinstance(value, (dict, list)) else kind


def _expected(tp: Any) -> str:
    origin = get_origin(tp)
    if tp is str:
        return "text"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if tp is bool:
        return "true or false"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    if origin is tuple:
        return f"a list of {_expected(get_args(tp)[0])}"
    if origin in (Union, types.UnionType):
        return " or ".join("null" if a is type(None) else _expected(a) for a in get_args(tp))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return f"a mapping ({tp.__name__})"
    return str(tp)


def _convert(
    tp: Any, value: Any, ctx: Context, record: str, field: str, line: int | None
) -> tuple[bool, Any]:
    """Return (ok, converted). Adds a problem when not ok."""
    origin = get_origin(tp)

    def bad(extra: str = "") -> tuple[bool, Any]:
        ctx.add(
            "wrong type" + extra,
            record=record,
            field=field,
            expected=_expected(tp),
            found=describe(value),
            line=line,
        )
        return False, None

    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if value is None and type(None) in args:
            return True, None
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            sub = Context(ctx.file)
            ok, out = _convert(inner[0], value, sub, record, field, line)
            if ok:
                return True, out
            if sub.problems and sub.problems[0].field != field:  # nested: keep the precise one
                ctx.problems.extend(sub.problems)
                return False, None
            return bad()
        return bad()
    if tp is bool:
        return (True, value) if isinstance(value, bool) else bad()
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return True, value
        # JSON Schema counts 1.0 as an integer, and so does the loader: the author means 1
        if isinstance(value, float) and value.is_integer():
            return True, int(value)
        return bad()
    if tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                number = float(value)
            except OverflowError:  # an integer beyond any float
                return bad()
            if math.isfinite(number):
                return True, number
        return bad()
    if tp is str:
        return (True, value) if isinstance(value, str) else bad()
    if origin is Literal:
        if isinstance(value, str) and value in get_args(tp):
            return True, value
        ctx.add(
            "not an allowed value",
            record=record,
            field=field,
            expected=_expected(tp),
            found=describe(value),
            line=line,
        )
        return False, None
    if origin is tuple:
        (item_tp, _ellipsis) = get_args(tp)
        if not isinstance(value, list):
            return bad()
        items, ok_all = [], True
        for i, item in enumerate(value):
            item_line = item.line if isinstance(item, LineDict) else line
            ok, out = _convert(item_tp, item, ctx, record, f"{field}[{i}]", item_line)
            ok_all &= ok
            items.append(out)
        return (True, tuple(items)) if ok_all else (False, None)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            return bad()
        out = parse_record(typing.cast(type, tp), value, ctx, record, prefix=f"{field}.")
        return (out is not None), out
    raise TypeError(f"geokit schema cannot handle field type {tp!r}")  # a programming error


def parse_record(
    cls: type[T], data: Any, ctx: Context, record: str, *, prefix: str = "", rules: bool = True
) -> T | None:
    """Build ``cls`` from a mapping, or add problems to ``ctx`` and return None.

    A record whose fields all have the right type is built, and then checked against the
    ``RULES`` of its class (unless ``rules`` is false): a broken rule is reported, but the record
    is still returned, so that checks across records see it.
    """
    line = data.line if isinstance(data, LineDict) else None
    if not isinstance(data, dict):
        ctx.add(
            "wrong type",
            record=record,
            field=prefix.rstrip("."),
            expected=f"a mapping ({cls.__name__})",
            found=describe(data),
            line=line,
        )
        return None
    key_lines = getattr(data, "key_lines", {})
    hints = type_hints(typing.cast(type, cls))
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {}
    ok_all = True
    for key in data:
        if key not in fields:
            ctx.add(
                "unknown field",
                record=record,
                field=f"{prefix}{key}",
                expected="one of " + ", ".join(fields),
                found=repr(key),
                line=key_lines.get(str(key), line),
            )
            ok_all = False
    for name, f in fields.items():
        if name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                ctx.add(
                    "missing required field",
                    record=record,
                    field=f"{prefix}{name}",
                    expected=_expected(hints[name]),
                    line=line,
                )
                ok_all = False
            continue
        ok, out = _convert(
            hints[name], data[name], ctx, record, f"{prefix}{name}", key_lines.get(name, line)
        )
        ok_all &= ok
        kwargs[name] = out
    if not ok_all:
        return None
    out = cls(**kwargs)
    if rules:
        report_rules(out, data, ctx, record, prefix=prefix)
    return out


def report_rules(rec: Any, data: Any, ctx: Context, record: str, *, prefix: str = "") -> None:
    """Add a problem to ``ctx`` for each rule of ``rec``'s class that ``rec`` breaks."""
    line = data.line if isinstance(data, LineDict) else None
    key_lines = getattr(data, "key_lines", {})
    for v in check_rules(rec, data, authoring=ctx.authoring):
        key = v.field.split(".")[0].split("[")[0]
        ctx.add(v.message, record=record, field=f"{prefix}{v.field}".rstrip("."),
                expected=v.expected, found=v.found, line=key_lines.get(key, line))


def parse_list(cls: type[T], data: Any, ctx: Context, key: str, *, min_items: int = 0) -> list[T]:
    """Parse ``{key: [mapping, ...]}``, the shape of every annotation file.

    ``{key: null}`` (the key with nothing after it, as a new file often starts) is an empty list
    when ``min_items`` is 0; otherwise the list needs that many records.
    """
    line = data.line if isinstance(data, LineDict) else None
    if not isinstance(data, dict):
        ctx.add(
            "wrong top-level shape",
            expected=f"a mapping with the key '{key}:'",
            found=describe(data),
            line=1,
        )
        return []
    if key not in data:
        ctx.add(
            f"missing top-level key '{key}'",
            expected=f"'{key}:' followed by a list",
            found="keys " + ", ".join(repr(k) for k in data) if data else "no keys",
            line=line,
        )
        return []
    extra = [k for k in data if k != key]
    for k in extra:
        ctx.add(
            "unknown top-level key",
            field=str(k),
            expected=f"only '{key}'",
            found=repr(k),
            line=getattr(data, "key_lines", {}).get(str(k), line),
        )
    items = data[key]
    key_line = getattr(data, "key_lines", {}).get(key, line)
    if items is None and min_items == 0:
        return []
    if isinstance(items, list) and len(items) < min_items:
        ctx.add(
            f"no {key}" if not items else f"too few {key}",
            field=key,
            expected=f"at least {min_items} {'record' if min_items == 1 else 'records'}",
            found="an empty list" if not items else str(len(items)),
            line=key_line,
        )
        return []
    if not isinstance(items, list):
        ctx.add(
            "wrong type",
            field=key,
            expected="a list of mappings",
            found=describe(items),
            line=key_line,
        )
        return []
    out: list[T] = []
    for i, item in enumerate(items):
        rid = item.get("id") if isinstance(item, dict) else None
        record = f"{key}[{i}]" + (f" '{rid}'" if isinstance(rid, str) else "")
        rec = parse_record(cls, item, ctx, record)
        if rec is not None:
            out.append(rec)
    return out


def json_schema(
    cls: type, *, top_key: str | None = None, min_items: int = 0, title: str = ""
) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for ``cls``, or for ``{top_key: [cls, ...]}`` (null for an
    empty list when ``min_items`` is 0, as :func:`parse_list` reads it)."""
    defs: dict[str, Any] = {}

    def of(tp: Any) -> dict[str, Any]:
        origin = get_origin(tp)
        if tp is str:
            return {"type": "string"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is bool:
            return {"type": "boolean"}
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if origin is tuple:
            return {"type": "array", "items": of(get_args(tp)[0])}
        if origin in (Union, types.UnionType):
            return {"anyOf": [{"type": "null"} if a is type(None) else of(a) for a in get_args(tp)]}
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            name = tp.__name__
            if name not in defs:
                defs[name] = {}
                defs[name] = obj(typing.cast(type, tp))
            return {"$ref": f"#/$defs/{name}"}
        raise TypeError(tp)

    def obj(c: type) -> dict[str, Any]:
        hints = type_hints(c)
        props, required = {}, []
        for f in dataclasses.fields(c):  # type: ignore[arg-type]
            p = of(hints[f.name])
            if f.metadata.get("doc"):
                p = {"description": f.metadata["doc"], **p}
            if f.default is not MISSING and not isinstance(f.default, tuple):
                p["default"] = f.default
            props[f.name] = p
            if f.default is MISSING and f.default_factory is MISSING:
                required.append(f.name)
        out: dict[str, Any] = {
            "type": "object",
            "description": (c.__doc__ or "").strip().split("\n")[0],
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }
        rules = rules_of(c)
        if rules:
            out["allOf"] = [r.described(c) for r in rules]
        return out

    root = of(cls)
    if top_key:
        array: dict[str, Any] = {"type": "array", "items": root}
        if min_items:
            array["minItems"] = min_items
        root = {
            "type": "object",
            "properties": {top_key: array if min_items else {"anyOf": [array, {"type": "null"}]}},
            "required": [top_key],
            "additionalProperties": False,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **root,
        "$defs": defs,
    }
