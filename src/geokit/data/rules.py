"""Rules a record keeps beyond the types of its fields, each written once and read twice.

The loader checks every parsed record against its class's ``RULES`` (:func:`check_rules`), and
the JSON Schema states the same rules (:meth:`Rule.schema`), so an instructor's editor and
``geokit validate`` accept the same files; ``tests/test_schema_agreement.py`` holds them to it.
A rule never drops a record: the record is kept and the problem reported, so that cross-record
checks still see it.

What a JSON Schema cannot say stays in Python and is named as such where it is checked: anything
that compares two values (duplicates after normalising, rubric totals, range ends, references
between records or files).

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Item:
...     name: str
...     count: int = 0
>>> rule = Bound(name="count", minimum=0, message="a count is not negative",
...              expected="0 or more")
>>> rule.violations(Item("x", -2), {}, authoring=True)
[Violation(field='count', message='a count is not negative', expected='0 or more', found='-2')]
>>> rule.schema(Item)
{'properties': {'count': {'minimum': 0}}}
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple, Union, get_args, get_origin, get_type_hints

__all__ = [
    "FILLED",
    "ID_PATTERN",
    "Bound",
    "Count",
    "Filled",
    "Forbid",
    "OneFilled",
    "Pattern",
    "Rule",
    "RuleSet",
    "Shapes",
    "Unique",
    "Violation",
    "When",
    "check_rules",
    "field_default",
    "filled",
    "rules_of",
    "type_hints",
]

#: every id geokit data uses: lower-case words (letters and digits) joined by hyphens
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: a ``where`` value in :class:`Count`: the item's field must be filled (see :func:`filled`)
FILLED: Any = type("Filled", (), {"__repr__": lambda self: "FILLED"})()
_NONBLANK = r"\S"


class Violation(NamedTuple):
    """One broken rule: the field (relative to the record), and what to tell the author."""

    field: str
    message: str
    expected: str
    found: str


@functools.cache
def type_hints(cls: type) -> dict[str, Any]:
    """The resolved annotations of a record class (resolving them is slow: done once)."""
    return get_type_hints(cls)


def field_default(cls: type, name: str) -> Any:
    """The default of field ``name`` of dataclass ``cls`` (``dataclasses.MISSING`` if none)."""
    for f in dataclasses.fields(cls):
        if f.name == name:
            return f.default
    raise LookupError(f"{cls.__name__} has no field {name!r}")


def rules_of(cls: type) -> RuleSet:
    """The rules records of ``cls`` keep (its ``RULES`` class variable; none by default)."""
    rules: RuleSet = getattr(cls, "RULES", ())
    return rules


def filled(value: Any) -> bool:
    """Not null, not blank text, not an empty list.

    >>> [filled(v) for v in (None, " ", "a", (), (1,), 0, False)]
    [False, False, True, False, True, True, True]
    """
    if value is None:
        return False
    if isinstance(value, str):
        return re.search(_NONBLANK, value) is not None  # as JSON Schema's "pattern" tests it
    if isinstance(value, tuple):
        return len(value) > 0
    return True


def _filled_schema(cls: type, name: str) -> dict[str, Any]:
    """JSON Schema for "field ``name`` of ``cls`` is filled", in the terms of its type."""
    tp = type_hints(cls)[name]
    nullable = get_origin(tp) in (Union, types.UnionType) and type(None) in get_args(tp)
    inner = [a for a in get_args(tp) if a is not type(None)] if nullable else [tp]
    prop: dict[str, Any] = {"not": {"type": "null"}} if nullable else {}
    if str in inner:
        prop["pattern"] = _NONBLANK
    if any(get_origin(a) is tuple for a in inner):
        prop["minItems"] = 1
    return {"required": [name], "properties": {name: prop}}


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if isinstance(value, str) else str(value)


@dataclass(frozen=True, kw_only=True)
class Rule:
    """Base class: a message for the author, what was expected, and whether the rule holds only
    for a record beside its article (``authoring``: a question bank read on its own, such as a
    converted jupyterquiz file, need not cite paragraphs or explain its options)."""

    message: str
    expected: str
    authoring: bool = False

    def violations(self, rec: Any, raw: Any, *, authoring: bool) -> list[Violation]:
        """What is wrong with ``rec`` (parsed from the mapping ``raw``) under this rule."""
        if self.authoring and not authoring:
            return []
        return [Violation(f, self.message, self.expected, found) for f, found in self._broken(
            rec, raw)]

    def _broken(self, rec: Any, raw: Any) -> list[tuple[str, str]]:
        raise NotImplementedError

    def schema(self, cls: type) -> dict[str, Any]:
        """The rule as JSON Schema, for an object that holds a record of ``cls``."""
        raise NotImplementedError

    def described(self, cls: type) -> dict[str, Any]:
        """:meth:`schema` with the rule's message as its description (an editor shows it)."""
        return {"description": self.message, **self.schema(cls)}


@dataclass(frozen=True, kw_only=True)
class Filled(Rule):
    """Field ``name`` is given and not null, blank text or an empty list."""

    name: str = ""
    found: str = "nothing"

    def _broken(self, rec: Any, raw: Any) -> list[tuple[str, str]]:
        return [] if filled(getattr(rec, self.name)) else [(self.name, self.found)]

    def schema(self, cls: type) -> dict[str, Any]:
        return _filled_schema(cls, self.name)


@dataclass(frozen=True, kw_only=True)
class OneFilled(Rule):
    """At least one of ``names`` is filled; reported on the first."""

    names: tuple[str, ...] = ()

    def _broken(self, rec: Any, raw: Any) -> list[tuple[str, str]]:
        if any(filled(getattr(rec, n)) for n in self.names):
            return []
        return [(self.names[0], "nothing")]

    def schema(self, cls: type) -> dict[str, Any]:
        return {"anyOf": [_filled_schema(cls, n) for n in self.names]}


@dataclass(frozen=True, kw_only=True)
class Bound(Rule):
    """A number field (when not null) lies within bounds."""

    name: str = ""
    minimum: float | None = None
    exclusive_minimum: float | None = None
    maximum: float | None = None

    def _broken(self, rec: Any, raw: Any) -> list[tuple[str, str]]:
        v = getattr(rec, self.name)
        if v is None:
            return []
        ok = ((self.minimum is None or v >= self.minimum)
              and (self.exclusive_minimum is None or v > self.exclusive_minimum)
              and (self.maximum is None or v <= self.maximum))
        return [] if ok else [(self.name, _show(v))]

    def schema(self, cls: type) -> dict[str, Any]:
        keywords = {k: v for k, v in (("minimum", self.minimum),
                                      ("exclusiveMinimum", self.exclusive_minimum),
                                      ("maximum", self.maximum)) if v is not None}
        return {"properties": {self.name: keywords}}


@dataclass(frozen=True, kw_only=True)
class Pattern(Rule):
    """A text field (when not null) matches a regular expression (searched, as JSON Schema
    does: anchor it with ``^`` and ``$``)."""

    name: str = ""
    regex: str = ""

    def _broken(self, rec: Any, raw: Any) -> list[tuple[str, str]]:
        v = getattr(rec, self.name)
        if v is None or re.search(self.regex, v):
            return []
        return [(self.name, repr(v))]

    def schema(self, cls: type) -> dict[str, Any]:
        return {"properties": {self.name: {"pattern": self.regex}}}


@dataclass(frozen=True, kw_only=True)
class Count(Rule):
    """List field ``name`` holds at least ``at_least`` (at most ``at_most``) items, counting only
    the items whose fields equal the values in ``where`` (:data:`FILLED`: any filled value)."""

    name: str = ""
    at_least: int = 1
    at_most: int | None = None
    where: tuple[tuple[str, Any], ...] = ()
    #: how the counted items are shown as "found"; default: how many there are
    show: Callable[[list[Any]], str] | None = None

    def _matches(self, item: Any) -> bool:
        return all(filled(getattr(item, k)) if v is FILLED else getattr(item, k) == v
                   for k, v in self.where)

    def _broken(self, rec: Any, raw: Any) -> list[tuple[str, str]]:
        counted = [item for item in getattr(rec, self.name) if self._matches(item)]
        if self.at_least <= len(counted) and (self.at_most is None
                                              or len(counted) <= self.at_most):
            return []
        return [(self.name, self.show(counted) if self.show else str(len(counted)))]

    def schema(self, cls: type) -> dict[str, Any]:
        limits: dict[str, Any] = {}
        if not self.where:
            limits["minItems"] = self.at_least
            if self.at_most is not None:
                limits["maxItems"] = self.at_most
        else:
            item_cls = get_args(type_hints(cls)[self.name])[0]
            props: dict[str, Any] = {}
            required: list[str] = []
            for k, v in self.where:
                if v is FILLED:
                    props[k] = _filled_schema(item_cls, k)["properties"][k]
                    required.append(k)
                else:
                    props[k] = {"const": v}
                    if field_default(item_cls, k) != v:  # an absent field has its default
                        required.append(k)
            limits = {"contains": {"properties": props, "required": required},
                      "minContains": self.at_least}
            if self.at_most is not None:
                limits["maxContains"] = self.at_most
        out: dict[str, Any] = {"properties": {self.name: limits}}
        if self.at_least > 0:
            out["required"] = [self.name]  # an absent list is empty
        return out


@dataclass(frozen=True, kw_only=True)
class Unique(Rule):
    """No value appears twice in list field ``name`` (exactly equal values; comparing after
    normalising text is beyond JSON Schema and checked in Python where it is needed)."""

    name: str = ""

    def _broken(self, rec: Any, raw: Any) -> list[tuple[str, str]]:
        values = getattr(rec, self.name)
        if len(set(values)) == len(values):
            return []
        return [(self.name, ", ".join(map(_show, values)))]

    def schema(self, cls: type) -> dict[str, Any]:
        return {"properties": {self.name: {"uniqueItems": True}}}


@dataclass(frozen=True, kw_only=True)
class Forbid(Rule):
    """None of ``names`` may be written at all, not even with its default value."""

    names: tuple[str, ...] = ()

    def _broken(self, rec: Any, raw: Any) -> list[tuple[str, str]]:
        return [(n, repr(n)) for n in self.names if isinstance(raw, dict) and n in raw]

    def schema(self, cls: type) -> dict[str, Any]:
        return {"properties": dict.fromkeys(self.names, False)}


@dataclass(frozen=True, kw_only=True)
class Shapes(Rule):
    """Of the fields ``names``, exactly one of the sets in ``shapes`` is given (not null);
    reported on the record itself."""

    names: tuple[str, ...] = ()
    shapes: tuple[tuple[str, ...], ...] = ()

    def _broken(self, rec: Any, raw: Any) -> list[tuple[str, str]]:
        given = [n for n in self.names if getattr(rec, n) is not None]
        if any(set(given) == set(s) for s in self.shapes):
            return []
        return [("", ", ".join(given) or "neither")]

    def schema(self, cls: type) -> dict[str, Any]:
        return {"anyOf": [
            {"required": list(shape),
             "properties": {n: {"not": {"type": "null"}} if n in shape else {"type": "null"}
                            for n in self.names}}
            for shape in self.shapes]}


@dataclass(frozen=True)
class When:
    """``rules`` hold for the records whose field ``name`` equals ``value``."""

    name: str
    value: Any
    rules: tuple[Rule | When, ...]

    def violations(self, rec: Any, raw: Any, *, authoring: bool) -> list[Violation]:
        if getattr(rec, self.name) != self.value:
            return []
        return [v for r in self.rules for v in r.violations(rec, raw, authoring=authoring)]

    def schema(self, cls: type) -> dict[str, Any]:
        cond: dict[str, Any] = {"properties": {self.name: {"const": self.value}}}
        if field_default(cls, self.name) != self.value:
            cond["required"] = [self.name]
        return {"if": cond, "then": {"allOf": [r.described(cls) for r in self.rules]}}

    def described(self, cls: type) -> dict[str, Any]:
        return self.schema(cls)


#: the rules of a record class, its ``RULES`` class variable
RuleSet = tuple[Rule | When, ...]


def check_rules(rec: Any, raw: Any, *, authoring: bool = True) -> list[Violation]:
    """Every violation of the rules of ``rec``'s class (not of the records nested in it: the
    loader checks each of those as it builds it)."""
    out: list[Violation] = []
    for rule in rules_of(type(rec)):
        for v in rule.violations(rec, raw, authoring=authoring):
            if v not in out:
                out.append(v)
    return out
