"""Cross-record checks: ids, references, paragraph ranges, verbatim quotes, dates, aliases."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geokit.data.dates import date_bounds
from geokit.data.model import Article
from geokit.data.page import compare as compare_page
from geokit.data.text import occurs_in
from geokit.data.yamlio import display_path
from geokit.errors import Problem

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


#: fields that hold actor ids, per record kind
ACTOR_FIELDS: dict[str, tuple[str, ...]] = {
    "actors": ("affiliation",),
    "events": ("participants",),
    "projects": ("parties",),
    "quotes": ("speaker", "channel"),
    "claims": ("holder", "about"),
    "interests": ("actor", "according_to"),
    "relations": ("source", "target"),
    "arguments": ("holder",),
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
    for i, para in enumerate(article.paragraphs, start=1):
        label = f"paragraphs[{i - 1}]"
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
        for owner, field, rid in ids:
            if not _ID.match(rid):
                add(
                    owner,
                    field,
                    "ids are lower-case words joined by hyphens",
                    "e.g. 'lavrov-visit'",
                    repr(rid),
                )
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
    for arg in article.arguments:
        node_ids = {n.id for n in arg.nodes}
        roots = [n for n in arg.nodes if n.parent is None]
        if len(roots) != 1 or roots[0].role != "claim":
            add(
                arg,
                "nodes",
                "an argument has exactly one root, its main claim",
                "one node with role 'claim' and parent null",
                ", ".join(f"{n.id} ({n.role})" for n in roots) or "no root",
            )
        for n in arg.nodes:
            if n.parent is not None and n.parent not in node_ids:
                add(
                    arg,
                    f"nodes '{n.id}'.parent",
                    "reference to an unknown node",
                    "a node id of the same argument",
                    repr(n.parent),
                )
            if n.stated and not n.paragraphs:
                add(
                    arg,
                    f"nodes '{n.id}'.paragraphs",
                    "a stated step must cite its paragraph",
                    "at least one paragraph number",
                    "none",
                )

    # -- paragraph references ---------------------------------------------------------------
    def check_paras(rec: Any, field: str, numbers: Iterable[int], required: bool = True) -> None:
        numbers = tuple(numbers)
        if required and not numbers:
            add(
                rec,
                field,
                "every record cites its paragraph(s)",
                "at least one paragraph number",
                "none",
            )
        for n in numbers:
            if not 1 <= n <= n_paras:
                add(rec, field, "paragraph out of range", f"a number from 1 to {n_paras}", str(n))

    for kind, rec in all_records:
        if kind == "quotes":
            check_paras(rec, "paragraph", (rec.paragraph,))
        elif kind == "arguments":
            for n in rec.nodes:
                check_paras(rec, f"nodes '{n.id}'.paragraphs", n.paragraphs, required=False)
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

    # -- actors: people need a role and affiliation; names and aliases are unambiguous ----------
    owner_of: dict[str, str] = {}
    for a in article.actors:
        if a.kind == "person":
            if not a.role:
                add(a, "role", "a person needs a role and an affiliation", "a value", "nothing")
            if not a.affiliation and not a.note:
                add(
                    a,
                    "affiliation",
                    "a person needs a role and an affiliation",
                    "an actor id, or a note saying why the article leaves it open",
                    "nothing",
                )
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
