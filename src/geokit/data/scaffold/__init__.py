"""From a text file to an article folder of drafts (``geokit new-article``).

:func:`scaffold_article` reads a news text (plain, or a captured page with its body marked by
``[body]`` and ``[/body]`` lines), and writes a new article folder:

- ``source.txt``, the text as given (without the marker lines);
- ``article.yaml``, the metadata;
- ``paragraphs.yaml``, each paragraph exactly as the text has it, quoted safely for YAML;
- ``actors.yaml``, ``events.yaml``, ``projects.yaml`` and ``quotes.yaml``: draft records
  (``draft: true``) for the states, people, organisations, dates, figures and quotations it
  finds (see :mod:`.names`, :mod:`.when`, :mod:`.spans`);
- ``ATTRIBUTION.md``, to fill in.

The folder is written in a temporary place beside the target, validated as ``geokit validate``
would, and only then moved into place: it never writes over an existing folder, and a failure
leaves nothing behind. A draft that would not validate (a case the finders got wrong) is left
out and counted, so the rest still arrives.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from geokit.data import rules
from geokit.data.dates import date_bounds
from geokit.data.loader import read_article
from geokit.data.scaffold.assemble import build_records
from geokit.data.scaffold.body import Body, split_body
from geokit.data.text import plural
from geokit.data.yamlio import display_path, read_text
from geokit.errors import GeokitDataError, Problem

__all__ = ["ID_PATTERN", "Draft", "draft_files", "scaffold_article"]

#: what an article id (the folder's name) looks like: an id like every other
ID_PATTERN = re.compile(rules.ID_PATTERN)


@dataclass(frozen=True)
class Draft:
    """What :func:`scaffold_article` wrote."""

    folder: Path
    paragraphs: int
    counts: dict[str, int]
    left_out: tuple[str, ...]
    missing_meta: tuple[str, ...]

    def summary(self) -> str:
        """One line: paragraphs and drafts, e.g. '7 paragraphs; drafts: 18 actors, 9 events'."""
        drafts = ", ".join(plural(n, kind.removesuffix("s"), kind)
                           for kind, n in self.counts.items() if n)
        return f"{plural(self.paragraphs, 'paragraph')}; drafts: {drafts or 'none'}"


#: libyaml's safe loader where PyYAML has it (ten times faster), else PyYAML's own
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Flow(list):  # type: ignore[type-arg]
    """A list written on one line, as the shipped files write paragraph numbers."""


class _Dumper(yaml.SafeDumper):
    """Safe YAML, block style, long lines kept whole; short lists of numbers on one line."""


_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _flow(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _flow(v) for k, v in value.items()}
    if isinstance(value, list):
        if all(isinstance(v, (int, str)) for v in value) and sum(len(str(v)) for v in value) < 60:
            return _Flow(value)
        return [_flow(v) for v in value]
    return value


def _dump(header: str, data: dict[str, Any]) -> str:
    body = yaml.dump(_flow(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=10**6, default_flow_style=False)
    return header + body


def _schema_line(stem: str) -> str:
    return f"# yaml-language-server: $schema=../../schema/{stem}.schema.json\n"


_DRAFT_HEADER = (
    "# Drafts written by geokit new-article: what it found in the text, to check against the\n"
    "# text. Correct each record (or delete it), then delete its 'draft: true'.\n"
    "# geokit validate says how many remain; geokit validate --strict fails until none does.\n"
)


def draft_files(text: str, article_id: str, published: str, *, title: str | None = None,
                author: str | None = None, outlet: str | None = None,
                source: str = "source.txt") -> tuple[dict[str, str], Body, list[str]]:
    """The files of a new article folder, as ``{name: text}``; also the body and what is
    missing from the metadata. ``source`` names the text file in messages."""
    try:
        lo, hi = date_bounds(published)
    except ValueError as exc:
        raise GeokitDataError(Problem("--date", f"not a date: {exc}", expected="YYYY-MM-DD",
                                      found=repr(published))) from None
    if lo != hi:
        raise GeokitDataError(Problem("--date", "the publication date needs a day",
                                      expected="YYYY-MM-DD", found=repr(published)))
    body = split_body(text, source, title)
    missing = [name for name, value in (("title", body.title), ("author", author or body.author),
                                        ("outlet", outlet)) if not value]
    meta = {
        "id": article_id,
        "title": body.title or "(title to fill in)",
        "author": author or body.author or "(author to fill in)",
        "outlet": outlet or "(outlet to fill in)",
        "publisher": outlet or "(publisher to fill in)",
        "published": published,
        "source_file": "source.txt",
        "language": "en",
        "url": None,
        "capture_note": (f"Written by geokit new-article from {Path(source).name}. "
                         + (f"Fill in: {', '.join(missing)}. " if missing else "")
                         + "Say where and when the text was captured, and set the publisher as "
                         "the page states it."),
        "attribution": "(to fill in: whose text this is, and on what basis it is reproduced)",
    }
    paragraphs = [{"n": i, "section": section, "text": t}
                  for i, (t, section) in enumerate(body.paragraphs, start=1)]
    records = build_records([t for t, _ in body.paragraphs], dt.date.fromisoformat(published))
    files = {
        "source.txt": body.page,
        "article.yaml": _dump(_schema_line("article")
                              + "# Bibliographic data, as geokit new-article found or was told "
                              "it: check each field.\n", meta),
        "paragraphs.yaml": _dump(_schema_line("paragraphs")
                                 + "# The body, one record per paragraph, exactly as "
                                 "source.txt has it (geokit validate\n# compares them). Quoted "
                                 "where YAML needs it: keep the quotes when you edit.\n",
                                 {"paragraphs": paragraphs}),
        "ATTRIBUTION.md": (f"# {meta['title']}\n\n{meta['author']}, {meta['outlet']}, "
                           f"{published}.\n\nTo fill in: who wrote the text, who publishes it, "
                           "and on what basis it is reproduced here (licence, permission, or "
                           "fair use for teaching).\n"),
    }
    for stem, recs in records.items():
        if recs:
            files[f"{stem}.yaml"] = _dump(_schema_line(stem) + _DRAFT_HEADER, {stem: recs})
    return files, body, missing


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")


def _drop(files: dict[str, str], problems: list[Problem]) -> list[str]:
    """Leave out the draft records ``problems`` name; return 'kind id' for each."""
    dropped: list[str] = []
    for stem in ("actors", "events", "projects", "quotes"):
        name = f"{stem}.yaml"
        bad = {m[1] for p in problems if Path(p.file).name == name
               for m in [re.match(rf"{stem}\[\d+\] '([^']+)'", p.record)] if m}
        if not bad or name not in files:
            continue
        header, _, _ = files[name].partition(f"{stem}:\n")
        data = yaml.load(files[name], Loader=_Loader)  # noqa: S506 - a safe loader
        kept = [r for r in data[stem] if r["id"] not in bad]
        dropped += [f"{stem.removesuffix('s')} {r['id']}" for r in data[stem] if r["id"] in bad]
        if kept:
            files[name] = _dump(header, {stem: kept})
        else:
            del files[name]
    return dropped


def scaffold_article(source: Path, out: Path, published: str, *, title: str | None = None,
                     author: str | None = None, outlet: str | None = None) -> Draft:
    """Write the article folder ``out`` from the text file ``source``; never over a folder.

    Parameters
    ----------
    source
        A UTF-8 text file: the article's text, or a captured page with the body between a line
        ``[body]`` and a line ``[/body]``.
    out
        The folder to create; its name is the article's id (lower-case words and hyphens).
    published
        The publication date, ``YYYY-MM-DD``: relative dates are resolved against it.
    title, author, outlet
        Metadata; title and author are otherwise taken from the text's headline and byline.

    Raises
    ------
    GeokitDataError
        For an unreadable source, a bad date or id, an existing ``out``, or a text without
        paragraphs; the message names the culprit.
    """
    shown = display_path(out)
    if not ID_PATTERN.match(out.name):
        raise GeokitDataError(Problem(shown, "the folder's name is the article id",
                                      expected="lower-case words joined by hyphens, e.g. "
                                      "'cpec-power-2025'", found=repr(out.name)))
    if out.exists() or out.is_symlink():
        raise GeokitDataError(Problem(shown, "exists already; new-article writes a new folder "
                                      "and never over one", expected="a name not in use",
                                      found="a folder" if out.is_dir() else "a file"))
    text = read_text(source)
    files, body, missing = draft_files(text, out.name, published, title=title, author=author,
                                       outlet=outlet, source=display_path(source))
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=".geokit-new-article-"))
    try:
        left_out: list[str] = []
        for _round in range(5):  # each round leaves out what would not validate
            folder = staging / out.name
            if folder.exists():
                shutil.rmtree(folder)
            _write(folder, files)
            _, problems = read_article(folder)
            if not problems:
                break
            dropped = _drop(files, problems)
            if not dropped:  # not a draft record: a bug of the scaffolder's, with its reason
                raise GeokitDataError([Problem(
                    shown, "geokit new-article wrote a folder that does not validate; please "
                    f"report it with the text: {problems[0]}")])
            left_out += dropped
        else:
            raise GeokitDataError(Problem(shown, "geokit new-article could not write drafts "
                                          "that validate; please report it with the text"))
        os.rename(folder, out)  # atomic, and fails rather than replace anything
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    counts = {stem: len(yaml.load(files[f"{stem}.yaml"], Loader=_Loader)[stem])  # noqa: S506
              if f"{stem}.yaml" in files else 0
              for stem in ("actors", "events", "projects", "quotes")}
    return Draft(out, len(body.paragraphs), counts, tuple(left_out), tuple(missing))
