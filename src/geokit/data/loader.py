"""Load articles from their folders: parse, cross-check, cache.

An article folder holds ``article.yaml`` (metadata), ``paragraphs.yaml`` (the body), the captured
page named by ``source_file``, optional annotation files (``actors.yaml`` ... ``arguments.yaml``),
``context.yaml`` (facts from outside the article, each with its source), optional question
banks under ``quizzes/``, an optional ``exercises.yaml`` and an optional ``sources.yaml`` (related
reports and the article spans traced to their wording), and an optional ``briefs.yaml`` (the summit
simulation's delegation briefs, every line cited). See ``docs/data-format.md``.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geokit.data import diskcache
from geokit.data import paths as _paths
from geokit.data.checks import check_article, check_places
from geokit.data.model import (
    Actor,
    Argument,
    Article,
    ArticleMeta,
    Claim,
    Event,
    Interest,
    OutsideFact,
    Paragraph,
    Place,
    Project,
    ProjectDrawing,
    Quote,
    Relation,
)
from geokit.data.records import Context, describe, parse_list, parse_record
from geokit.data.yamlio import LineDict, display_path, load_yaml, read_text
from geokit.errors import ArticleNotFoundError, GeokitDataError, Problem

if TYPE_CHECKING:
    from geokit.data.exercises import Borrowed, Exercise

__all__ = [
    "ANNOTATION_FILES",
    "MIN_PARAGRAPHS",
    "article_dict",
    "article_state",
    "list_articles",
    "load_article",
    "read_article",
    "resolve_folder",
]

#: file stem -> record class; each file is ``{stem: [record, ...]}``
ANNOTATION_FILES: dict[str, type] = {
    "actors": Actor,
    "events": Event,
    "projects": Project,
    "quotes": Quote,
    "claims": Claim,
    "interests": Interest,
    "relations": Relation,
    "arguments": Argument,
    "context": OutsideFact,  # facts from outside the article, each with its source
}

#: paragraphs.yaml needs this many paragraphs (an annotation file may be empty, or ``actors:``
#: with nothing after it); the JSON Schema says the same
MIN_PARAGRAPHS = 1

_cache: dict[tuple[str, tuple[tuple[str, int, int], ...]], Article] = {}


def list_articles() -> list[str]:
    """Ids of the articles bundled with geokit.

    >>> "pakistan-russia-2012" in list_articles()
    True
    """
    return _paths.bundled_ids()


def resolve_folder(id_or_path: str | os.PathLike[str]) -> Path:
    """The folder for a bundled article id, or for a path to an instructor's own article."""
    if (
        isinstance(id_or_path, os.PathLike)
        or os.sep in str(id_or_path)
        or ("/" in str(id_or_path))
        or _is(Path(str(id_or_path)), "dir")
    ):
        folder = Path(id_or_path)
        if _is(folder, "file"):  # e.g. `geokit validate my-article/actors.yaml`
            raise ArticleNotFoundError(
                Problem(
                    display_path(folder),
                    "not an article folder",
                    expected="the folder holding article.yaml (an article is checked whole)",
                    found=f"a file; try {display_path(folder.parent)}",
                )
            )
        if not _is(folder, "dir"):
            raise ArticleNotFoundError(
                Problem(
                    display_path(folder),
                    "no such article folder",
                    expected="a folder holding article.yaml",
                    found="nothing at that path",
                )
            )
        if not _is(folder / "article.yaml", "file"):
            raise ArticleNotFoundError(
                Problem(
                    display_path(folder),
                    "not an article folder",
                    expected="a folder holding article.yaml",
                    found="no article.yaml in it",
                )
            )
        return folder
    if not isinstance(id_or_path, str) or not id_or_path:
        raise ArticleNotFoundError(
            Problem(
                "<article id>",
                "not an article id",
                expected="a bundled id or a folder path",
                found=repr(id_or_path),
            )
        )
    folder = _paths.articles_root() / id_or_path
    if not _is(folder / "article.yaml", "file"):
        known = ", ".join(repr(i) for i in list_articles())
        shown = found = repr(id_or_path)
        if len(id_or_path) > 80:  # a pasted paragraph, not an id: show its start, once
            shown, found = f"{id_or_path[:40]!r}...", f"an id of {len(id_or_path)} characters"
        raise ArticleNotFoundError(
            Problem(
                shown,
                "unknown article id",
                expected=f"one of {known}, or the path to an article folder",
                found=found,
            )
        )
    return folder


def _is(path: Path, kind: str) -> bool:
    """``path.is_dir()`` / ``is_file()``, False where the name itself cannot be looked up.

    A name too long for the file system (or otherwise unusable) names no folder, so an id of
    300 characters is an unknown id, not an ``OSError``.
    """
    try:
        return path.is_dir() if kind == "dir" else path.is_file()
    except (OSError, ValueError):  # ENAMETOOLONG, ELOOP, EACCES; a NUL byte in the name
        return False


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    out = []
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            st = p.stat()
            out.append((str(p.relative_to(folder)), st.st_mtime_ns, st.st_size))
    return tuple(out)


def load_article(id_or_path: str | os.PathLike[str] = "pakistan-russia-2012") -> Article:
    """Load, check and cache one article.

    A checked article is also kept on disk (:mod:`geokit.data.diskcache`; ``GEOKIT_CACHE=off``
    turns that off), so the next process, a lesson's kernel say, loads it in milliseconds. Any
    change to the article's files or to geokit's data code checks it again.

    Parameters
    ----------
    id_or_path
        A bundled article id (see :func:`list_articles`) or the path to an article folder.

    Raises
    ------
    ArticleNotFoundError
        For an unknown id or a folder that is not an article.
    GeokitDataError
        When any file of the article is malformed; the message lists every problem, one per
        line, naming file, line, record and field.

    Examples
    --------
    >>> import geokit
    >>> art = geokit.load_article("pakistan-russia-2012")
    >>> art.meta.published
    '2012-10-08'
    >>> geokit.load_article("no-such-article")
    Traceback (most recent call last):
    ...
    geokit.errors.ArticleNotFoundError: 'no-such-article': unknown article id (expected one of ...
    """
    folder = resolve_folder(id_or_path).resolve()
    fingerprint = _fingerprint(folder)
    key = (str(folder), fingerprint)
    if key not in _cache:
        kept = diskcache.fetch(folder, fingerprint, Article)  # checked by an earlier process
        if kept is None:
            article, problems = read_article(folder)
            if problems or article is None:
                raise GeokitDataError(problems)
            diskcache.store(folder, fingerprint, article)
            kept = article
        _cache[key] = kept
    return _cache[key]


def article_state(article: Article | str | os.PathLike[str]) -> tuple[str, object] | None:
    """The folder and file state an article was loaded from, or None when that is not known.

    For an id or a path: the folder's state now. For an :class:`Article`: the state it was
    loaded in, when :func:`load_article` returned this very object; an article built or changed
    in memory has no state on disk, and gives None. Results that are kept between processes
    (the figures a notebook shows) are keyed on this, so an edited article is never matched
    with what was made from its earlier files.
    """
    if isinstance(article, Article):
        for (where, fingerprint), kept in _cache.items():
            if kept is article:
                return where, fingerprint
        return None
    try:
        folder = resolve_folder(article).resolve()
        return str(folder), _fingerprint(folder)
    except (ArticleNotFoundError, OSError, ValueError):
        return None


def read_article(folder: Path) -> tuple[Article | None, list[Problem]]:
    """Parse and cross-check one article folder, collecting every problem instead of raising."""
    problems: list[Problem] = []

    unread = object()  # a file that could not be read (its problem is reported), not `null`

    def load(name: str) -> Any:
        try:
            return load_yaml(folder / name)
        except GeokitDataError as exc:
            problems.extend(exc.problems)
            return unread

    shown = display_path(folder / "article.yaml")
    ctx = Context(shown)
    raw_meta = load("article.yaml")
    meta = parse_record(ArticleMeta, raw_meta, ctx, "article") if raw_meta is not unread else None
    problems += ctx.problems

    ctx = Context(display_path(folder / "paragraphs.yaml"))
    raw = load("paragraphs.yaml")
    paragraphs = (parse_list(Paragraph, raw, ctx, "paragraphs", min_items=MIN_PARAGRAPHS)
                  if raw is not unread else [])
    problems += ctx.problems
    where: dict[int, tuple[str, str, int | None]] = {}
    items = raw.get("paragraphs") if isinstance(raw, dict) else None
    if isinstance(items, list) and len(items) == len(paragraphs):  # the line of each text
        for i, (para, item) in enumerate(zip(paragraphs, items, strict=True)):
            key_lines = getattr(item, "key_lines", {})
            where[id(para)] = (ctx.file, f"paragraphs[{i}]",
                               key_lines.get("text", getattr(item, "line", None)))

    source_text = ""
    if meta is not None:
        try:
            source_text = read_text(folder / meta.source_file)
        except GeokitDataError as exc:
            problems.append(
                dataclasses.replace(
                    exc.problems[0],
                    record="article",
                    field="source_file",
                    message=exc.problems[0].message + " (the captured page named by source_file)",
                )
            )

    records: dict[str, list[Any]] = {}
    broken: set[str] = set()
    for stem, cls in ANNOTATION_FILES.items():
        path = folder / f"{stem}.yaml"
        if not path.exists():
            records[stem] = []
            continue
        raw = load(path.name)
        ctx = Context(display_path(path))
        recs: list[Any] = parse_list(cls, raw, ctx, stem) if raw is not unread else []
        problems += ctx.problems
        records[stem] = recs
        items = raw.get(stem) if isinstance(raw, dict) else None
        file_failed = raw is unread or any(p.file == ctx.file for p in ctx.problems)
        if not isinstance(items, list) and file_failed:
            broken.add(f"*{stem}*")  # the whole file is unreadable: its ids are all unknown
        if isinstance(items, list):  # remember each record's place for cross-check messages
            # records come out in file order, skipping the ones that failed to parse: walk the
            # items alongside them, so two records with one id each keep their own line
            pending = iter(enumerate(items))
            for rec in recs:
                for i, it in pending:
                    if isinstance(it, dict) and it.get("id") == rec.id:
                        where[id(rec)] = (ctx.file, f"{stem}[{i}] '{rec.id}'",
                                          getattr(it, "line", None))
                        break
            # A record that failed to parse still names its id: references to it are not
            # reported again as dangling, which would only bury the real problem.
            parsed = {rec.id for rec in recs}
            broken |= {
                it["id"] for it in items
                if isinstance(it, dict) and isinstance(it.get("id"), str)
                and it["id"] not in parsed
            }

    if meta is None or not paragraphs:
        return None, problems  # parse_list reported an empty paragraphs.yaml

    annotations: dict[str, Any] = {k: tuple(v) for k, v in records.items()}
    article = Article(
        meta=meta,
        folder=str(folder),
        paragraphs=tuple(paragraphs),
        source_text=source_text,
        **annotations,
    )
    problems += check_article(article, folder, where, broken)
    places, drawings, place_problems = _read_places(folder, where)
    problems += place_problems
    if not place_problems:
        article = dataclasses.replace(article, places=places, drawings=drawings)
        problems += check_places(article, where, "*projects*" in broken)
    if (folder / "quizzes").is_dir():
        from geokit.data.banks import read_banks  # light: no widgets

        banks, bank_problems = read_banks(folder / "quizzes", article)
        problems += bank_problems
        article = dataclasses.replace(article, quiz_banks=tuple(banks))
    if (folder / "sources.yaml").is_file():
        from geokit.data.sources import read_sources

        source_file, source_problems = read_sources(folder, article)
        problems += source_problems
        if source_file is not None:
            article = dataclasses.replace(article, sources=source_file.sources,
                                          traces=source_file.traces,
                                          explanations=source_file.explanations)
    # sources before exercises: an exercise's query may read the traces and explanations
    if (folder / "exercises.yaml").is_file():
        from geokit.data.exercise_checks import read_exercises

        unavailable = (frozenset({"sources", "traces", "explanations"})
                       if (folder / "sources.yaml").is_file() and not article.sources
                       else frozenset())
        exercises, exercise_problems = read_exercises(folder, article, unavailable)
        problems += exercise_problems
        if exercises is not None:
            article = dataclasses.replace(article, exercises=exercises.exercises,
                                          borrowed_exercises=exercises.borrowed,
                                          what_if=exercises.what_if)
    # briefs after the sources: a brief's line may cite one
    if (folder / "briefs.yaml").is_file():
        from geokit.data.briefs import read_briefs

        brief_file, brief_problems = read_briefs(folder, article)
        problems += brief_problems
        if brief_file is not None:
            article = dataclasses.replace(article, briefs=brief_file.briefs)
    # after the banks and the exercises: both name the lesson objectives they assess
    tagged: tuple[Exercise | Borrowed, ...] = (*article.exercises, *article.borrowed_exercises)
    if (folder / "lessons.yaml").is_file() or any(
        getattr(q, "objectives", ()) for b in article.quiz_banks for q in b.questions
    ) or any(e.objectives for e in tagged):
        from geokit.data.lessons import objective_problems, read_lessons

        lessons, lesson_problems = read_lessons(folder)
        problems += lesson_problems
        problems += objective_problems(lessons, article.quiz_banks, folder, tagged)
        article = dataclasses.replace(article, lessons=tuple(lessons))
    return (article if not problems else None), problems


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def article_dict(article: Article) -> dict[str, Any]:
    """The whole article as plain JSON-ready data (what ``geokit export`` prints)."""
    out: dict[str, Any] = {
        "id": article.id,
        "meta": _plain(article.meta),
        "paragraphs": _plain(article.paragraphs),
    }
    for stem in ANNOTATION_FILES:
        out[stem] = _plain(getattr(article, stem))
    out["quiz_banks"] = _plain(article.quiz_banks)
    out["exercises"] = _plain(article.exercises)
    out["what_if"] = _plain(article.what_if)
    out["places"] = _plain(article.places)
    out["drawings"] = _plain(article.drawings)
    out["sources"] = _plain(article.sources)
    out["traces"] = _plain(article.traces)
    out["briefs"] = _plain(article.briefs)
    out["explanations"] = _plain(article.explanations)
    return out


#: the optional map file: ``places:`` (points, each with its source) and ``drawings:`` (projects)
PLACES_FILE = "places.yaml"
_PLACES_KEYS: dict[str, type] = {"places": Place, "drawings": ProjectDrawing}


def _read_places(
    folder: Path, where: dict[int, tuple[str, str, int | None]]
) -> tuple[tuple[Place, ...], tuple[ProjectDrawing, ...], list[Problem]]:
    """Parse ``places.yaml`` (absent: no places), noting each record's line in ``where``."""
    path = folder / PLACES_FILE
    if not path.exists():
        return (), (), []
    try:
        raw = load_yaml(path)
    except GeokitDataError as exc:
        return (), (), list(exc.problems)
    ctx = Context(display_path(path))
    if not isinstance(raw, dict) or "places" not in raw:
        ctx.add("wrong top-level shape", expected="a mapping with the keys 'places:' and "
                "(optionally) 'drawings:'", found=describe(raw) if not isinstance(raw, dict)
                else "keys " + ", ".join(repr(k) for k in raw) if raw else "no keys", line=1)
        return (), (), ctx.problems
    parsed: dict[str, list[Any]] = {}
    for key, value in raw.items():
        if key not in _PLACES_KEYS:
            ctx.add("unknown top-level key", field=str(key), expected="'places' or 'drawings'",
                    found=repr(key), line=getattr(raw, "key_lines", {}).get(str(key)))
            continue
        one = LineDict({key: value})  # parse_list reads one key; keep the lines it reports
        one.line, one.key_lines = getattr(raw, "line", None), getattr(raw, "key_lines", {})
        parsed[key] = parse_list(_PLACES_KEYS[key], one, ctx, key)
        pending = iter(enumerate(value if isinstance(value, list) else []))
        for rec in parsed[key]:  # in file order, as in read_article: duplicates keep their line
            for i, item in pending:
                if isinstance(item, dict) and item.get("id") == rec.id:
                    where[id(rec)] = (ctx.file, f"{key}[{i}] '{rec.id}'",
                                      getattr(item, "line", None))
                    break
    return tuple(parsed.get("places", ())), tuple(parsed.get("drawings", ())), ctx.problems
