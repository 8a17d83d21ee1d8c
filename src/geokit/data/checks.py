"""Cross-record checks: ids, references, paragraph ranges, verbatim quotes, dates, aliases."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geokit.data.dates import date_bounds
from geokit.data.model import Article, OutsideFact
from geokit.data.page import compare as compare_page
from geokit.data.rules import ID_PATTERN
from geokit.data.text import normalise, occurs_in
from geokit.data.yamlio import display_path
from geokit.errors import Problem

_ID = re.compile(ID_PATTERN)

#: fields that hold actor ids, per record kind
ACTOR_FIELDS: dict[str, tuple[str, ...]] = {
    "actors": ("affiliation",),
    "events": ("participants",),
    "projects": ("parties",),
    "quotes": ("speaker", "channel"),
    "claims": ("holder", "about"),
    "interests": ("actor", "according_to"),
    "relations": ("source", "target", "according_to"),
    "arguments": ("holder",),
    "context": ("about",),
}


def _as_list(value: Any) -> Iterable[Any]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def check_article(
    article: Article,
    folder: Path,
    where: dict[int, tuple[str, str, int | None]],
    broken: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """Every cross-record problem in ``article``.

    ``where`` maps a record to (file, label, line); ``broken`` holds ids of records that failed
    to parse, so that references to them are not reported as dangling too.
    """
    problems: list[Problem] = []
    n_paras = len(article.paragraphs)
    meta_file = display_path(folder / "article.yaml")
    para_file = display_path(folder / "paragraphs.yaml")

    def add(rec: Any, field: str, message: str, expected: str = "", found: str = "") -> None:
        file, label, line = where.get(id(rec), (meta_file, "", None))
        problems.append(Problem(file, message, label, field, expected, found, line))

    # -- metadata and paragraphs ---------------------------------------------------------
    if article.meta.id != folder.name:
        problems.append(
            Problem(
                meta_file,
                "article id does not match its folder",
                "article",
                "id",
                f"'{folder.name}' (the folder's name)",
                repr(article.meta.id),
            )
        )
    try:
        lo, hi = date_bounds(article.meta.published)
        if lo != hi:
            raise ValueError("a publication date needs a day")
    except ValueError as exc:
        problems.append(
            Problem(
                meta_file,
                f"bad publication date: {exc}",
                "article",
                "published",
                "YYYY-MM-DD",
                repr(article.meta.published),
            )
        )
    # a section is a sub-heading the page really has: a line of its own in the captured page
    page_lines = {normalise(line) for line in article.source_text.splitlines()}
    for i, para in enumerate(article.paragraphs, start=1):
        label = f"paragraphs[{i - 1}]"
        if article.source_text and para.section and normalise(para.section) not in page_lines:
            problems.append(
                Problem(
                    para_file,
                    "section is not a sub-heading on the captured page",
                    label,
                    "section",
                    f"a heading that stands on a line of its own in {article.meta.source_file}, "
                    "or null",
                    repr(para.section),
                )
            )
        if para.n != i:
            problems.append(
                Problem(
                    para_file,
                    "paragraphs must be numbered 1, 2, 3... in order",
                    label,
                    "n",
                    str(i),
                    str(para.n),
                )
            )
    if article.source_text:  # each paragraph is a passage of the page, exactly and in order
        for m in compare_page([p.text for p in article.paragraphs], article.source_text,
                              article.meta.source_file):
            line = where.get(id(article.paragraphs[m.index]), ("", "", None))[2]
            problems.append(Problem(para_file, m.message, f"paragraphs[{m.index}]", "text",
                                    m.expected, m.found, line))

    # -- ids --------------------------------------------------------------------------------
    seen: dict[str, Any] = {}
    all_records = [(kind, rec) for kind in ACTOR_FIELDS for rec in getattr(article, kind)]
    for kind, rec in all_records:
        ids = [(rec, "id", rec.id)]
        if kind == "arguments":
            ids += [(rec, f"nodes '{n.id}'.id", n.id) for n in rec.nodes]
        for owner, field, rid in ids:  # the form of an id is a rule of its record (model.py)
            if rid in seen:
                first = where.get(id(seen[rid]), ("", "", None))
                add(
                    owner,
                    field,
                    "duplicate id",
                    "an id used once in the whole article",
                    f"{rid!r} again (first in {first[0]}"
                    + (f":{first[2]}" if first[2] else "")
                    + ")",
                )
            else:
                seen[rid] = owner

    # -- references to actors, quotes and argument nodes --------------------------------
    actor_ids = {a.id for a in article.actors} | broken
    quote_ids = {q.id for q in article.quotes} | broken
    for kind, rec in all_records:
        if "*actors*" in broken:  # actors.yaml itself is reported; every reference would dangle
            break
        for field in ACTOR_FIELDS[kind]:
            for ref in _as_list(getattr(rec, field)):
                if ref not in actor_ids:
                    add(
                        rec,
                        field,
                        "reference to an unknown actor",
                        "an id from actors.yaml",
                        repr(ref),
                    )
    for c in article.claims:
        if c.quote is not None and c.quote not in quote_ids and "*quotes*" not in broken:
            add(
                c, "quote", "reference to an unknown quote", "an id from quotes.yaml", repr(c.quote)
            )
    for arg in article.arguments:  # one root, and cited stated steps, are rules (model.py)
        node_ids = {n.id for n in arg.nodes}
        for n in arg.nodes:
            if n.parent is not None and n.parent not in node_ids:
                add(
                    arg,
                    f"nodes '{n.id}'.parent",
                    "reference to an unknown node",
                    "a node id of the same argument",
                    repr(n.parent),
                )

    # -- paragraph references ---------------------------------------------------------------
    # (that a record cites at least one paragraph is a rule of its record: see model.py)
    def check_paras(rec: Any, field: str, numbers: Iterable[int]) -> None:
        for n in numbers:
            if not 1 <= n <= n_paras:
                add(rec, field, "paragraph out of range", f"a number from 1 to {n_paras}", str(n))

    for kind, rec in all_records:
        if kind == "quotes":
            check_paras(rec, "paragraph", (rec.paragraph,))
        elif kind == "arguments":
            for n in rec.nodes:
                check_paras(rec, f"nodes '{n.id}'.paragraphs", n.paragraphs)
        else:
            check_paras(rec, "paragraphs", rec.paragraphs)

    def text_of(numbers: Iterable[int]) -> str:
        return " ".join(article.paragraphs[n - 1].text for n in numbers if 1 <= n <= n_paras)

    # -- verbatim text: quotes, date wordings, figures --------------------------------------
    for q in article.quotes:
        if 1 <= q.paragraph <= n_paras and not occurs_in(q.text, text_of((q.paragraph,))):
            add(
                q,
                "text",
                "quote is not verbatim in its paragraph",
                f"the exact words of paragraph {q.paragraph}",
                repr(q.text[:60]),
            )
    for e in article.events:
        if e.date.value is None:
            continue
        try:
            date_bounds(e.date.value)
        except ValueError as exc:
            add(
                e,
                "date.value",
                f"bad date: {exc}",
                "an ISO 8601 date, week or interval",
                repr(e.date.value),
            )
        if not occurs_in(e.date.wording.lower(), text_of(e.paragraphs).lower()):
            add(
                e,
                "date.wording",
                "date wording is not the article's own words",
                f"words found in paragraph(s) {', '.join(map(str, e.paragraphs))}",
                repr(e.date.wording),
            )
    for p in article.projects:
        for i, f in enumerate(p.figures):
            if not occurs_in(f.wording, text_of(p.paragraphs)):
                add(
                    p,
                    f"figures[{i}].wording",
                    "figure wording is not in the cited paragraphs",
                    "the figure exactly as the article writes it",
                    repr(f.wording),
                )
            if f.low is not None and f.high is not None and f.high < f.low:
                add(
                    p,
                    f"figures[{i}]",
                    "range ends below its start",
                    "low <= high",
                    f"{f.low} > {f.high}",
                )

    # -- facts from outside the article: each names its source --------------------------------
    event_ids = {e.id for e in article.events} | broken
    for fact in article.context:
        for field, message, expected, found in _outside_fact_problems(fact):
            add(fact, field, message, expected, found)
        if fact.event and fact.event not in event_ids:
            add(fact, "event", "reference to an unknown event", "an id from events.yaml",
                repr(fact.event))

    # -- relations: a tie aimed at another tie names it; a source's own word is verbatim ------
    relation_ids = {r.id for r in article.relations} | broken
    for r in article.relations:
        if r.aimed_at is not None and (r.aimed_at not in relation_ids or r.aimed_at == r.id):
            add(r, "aimed_at", "reference to an unknown relation",
                "the id of another relation in relations.yaml", repr(r.aimed_at))
        if r.wording and not occurs_in(r.wording, text_of(r.paragraphs)):
            add(r, "wording", "wording is not the article's own words",
                "words found in the cited paragraphs", repr(r.wording))

    # -- actors: names and aliases are unambiguous (a person's role is a rule: model.py) -------
    owner_of: dict[str, str] = {}
    for a in article.actors:
        for name in dict.fromkeys((a.id, a.name, *a.aliases)):
            key = name.casefold()
            other = owner_of.setdefault(key, a.id)
            if other != a.id:
                add(
                    a,
                    "aliases",
                    "ambiguous name or alias",
                    "each name or alias to belong to one actor",
                    f"{name!r}, which also names {other!r}",
                )
    return problems


def _outside_fact_problems(fact: OutsideFact) -> list[tuple[str, str, str, str]]:
    """What is wrong with an outside fact's date or source, as (field, message, expected, found).

    The source must name its outlet or publisher, its date, and a URL or a bibliographic
    reference: a fact from outside the article that a reader cannot trace is refused.
    """
    out: list[tuple[str, str, str, str]] = []

    def check_date(field: str, value: str, expected: str, missing: str) -> None:
        if not value.strip():
            out.append((field, missing, expected, "nothing"))
            return
        try:
            date_bounds(value)
        except ValueError as exc:
            out.append((field, f"bad date: {exc}", expected, repr(value)))

    check_date("when", fact.when, "an ISO 8601 date or START/END interval",
               "an outside fact needs a date")
    src = fact.source
    if not src.outlet.strip():
        out.append(("source.outlet", "an outside fact's source needs its outlet or publisher",
                    "e.g. 'The Express Tribune' or 'World Bank'", "nothing"))
    check_date("source.date", src.date, "the publication date, ISO 8601 (YYYY-MM-DD, YYYY-MM, "
               "YYYY)", "an outside fact's source needs its date")
    url, ref = src.url.strip(), src.reference.strip()
    if not url and not ref:
        out.append(("source.url", "an outside fact's source needs a URL or a bibliographic "
                    "reference", "url: https://... or reference: author, title, publisher",
                    "neither"))
    elif url and not url.startswith(("https://", "http://")):
        out.append(("source.url", "not a web address", "a URL starting https:// or http://",
                    repr(src.url)))
    return out


def check_places(
    article: Article,
    where: dict[int, tuple[str, str, int | None]],
    projects_broken: bool = False,
) -> list[Problem]:
    """Problems in ``places.yaml``: ids, coordinates, sources, and what places and drawings
    refer to (actors, projects, places). ``projects_broken``: projects.yaml itself failed, so
    references to its ids are not reported again."""
    problems: list[Problem] = []

    def add(rec: Any, field: str, message: str, expected: str = "", found: str = "") -> None:
        file, label, line = where.get(id(rec), ("places.yaml", "", None))
        problems.append(Problem(file, message, label, field, expected, found, line))

    actors = {a.id: a for a in article.actors}
    capitals: dict[str, str] = {}
    for kind, records in (("places", article.places), ("drawings", article.drawings)):
        seen: set[str] = set()
        for rec in records:
            if not _ID.match(rec.id):
                add(rec, "id", "ids are lower-case words joined by hyphens", "e.g. 'islamabad'",
                    repr(rec.id))
            if rec.id in seen:
                add(rec, "id", "duplicate id", f"an id used once among the {kind}", repr(rec.id))
            seen.add(rec.id)
    for p in article.places:
        if not -90 <= p.lat <= 90:
            add(p, "lat", "latitude out of range", "a number from -90 to 90", repr(p.lat))
        if not -180 <= p.lon <= 180:
            add(p, "lon", "longitude out of range", "a number from -180 to 180", repr(p.lon))
        if not p.source.strip():
            add(p, "source", "a place needs the source of its coordinates",
                "a gazetteer, a publication, or 'approximate: <why>'", "nothing")
        if p.capital_of is not None:
            actor = actors.get(p.capital_of)
            if actor is None:
                add(p, "capital_of", "reference to an unknown actor", "an id from actors.yaml",
                    repr(p.capital_of))
            elif actor.kind != "state":
                add(p, "capital_of", "only a state has a capital", "the id of a state actor",
                    f"{p.capital_of!r}, a {actor.kind}")
            elif p.capital_of in capitals:
                add(p, "capital_of", "a state has one capital", "one place per state",
                    f"{p.capital_of!r} again (also {capitals[p.capital_of]!r})")
            else:
                capitals[p.capital_of] = p.id
    place_ids = {p.id for p in article.places}
    project_ids = {p.id for p in article.projects}
    drawn: dict[str, str] = {}
    for d in article.drawings:
        for ref in d.places:
            if ref not in place_ids:
                add(d, "places", "reference to an unknown place", "an id from places:",
                    repr(ref))
        wanted = "two or more places" if d.kind == "route" else "exactly one place"
        if (len(d.places) < 2) if d.kind == "route" else (len(d.places) != 1):
            add(d, "places", f"a {d.kind} needs {wanted}", wanted, str(len(d.places)))
        if not d.projects:
            add(d, "projects", "a drawing shows at least one project", "an id from projects.yaml",
                "none")
        for ref in d.projects:
            if ref not in project_ids and not projects_broken:
                add(d, "projects", "reference to an unknown project", "an id from projects.yaml",
                    repr(ref))
            elif ref in drawn:
                add(d, "projects", "a project is drawn once", "each project in one drawing",
                    f"{ref!r}, also in {drawn[ref]!r}")
            else:
                drawn[ref] = d.id
    return problems
