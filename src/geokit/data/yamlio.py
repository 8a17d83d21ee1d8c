"""Read one YAML file safely, keeping line numbers so errors can point at them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from geokit.errors import GeokitDataError, Problem


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping from YAML that remembers the line of itself and of each key (1-based)."""

    line: int | None = None
    key_lines: dict[str, int]


# libyaml's parser is about ten times faster than the pure-Python one and still gives marks (line
# numbers); the constructor stays PyYAML's safe one. Fall back when PyYAML was built without it.
_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader whose mappings are :class:`LineDict` and which rejects duplicate keys."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> Any:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found an unhashable key",
                key_node.start_mark,
            ) from None
        if key in data:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"found duplicate key {key!r}",
                key_node.start_mark,
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[str(key)] = key_node.start_mark.line + 1


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def display_path(path: Path) -> str:
    """A path as short as is still clear: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning every failure into a :class:`GeokitDataError`."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GeokitDataError(Problem(shown, "file is missing")) from None
    except OSError as exc:
        raise GeokitDataError(Problem(shown, f"cannot read file: {exc.strerror}")) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GeokitDataError(
            Problem(
                shown,
                f"is not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
                line=line,
                expected="UTF-8 text",
                found="other bytes; re-save the file as UTF-8",
            )
        ) from None


def load_yaml(path: Path) -> Any:
    """Parse a YAML file with safe loading; errors name the file and line."""
    text = read_text(path)
    shown = display_path(path)
    if not text.strip():
        raise GeokitDataError(
            Problem(shown, "file is empty", expected="a YAML mapping", found="an empty file")
        )
    try:
        return yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        ctx_mark = exc.context_mark
        if ctx_mark is not None and mark is not None and ctx_mark.line != mark.line:
            what += f" ({exc.context or 'the structure'} that opened on line {ctx_mark.line + 1})"
        raise GeokitDataError(Problem(shown, f"is not valid YAML: {what}", line=line)) from None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        raise GeokitDataError(Problem(shown, f"is not valid YAML: {exc}")) from None
