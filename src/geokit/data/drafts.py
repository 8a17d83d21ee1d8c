"""Draft records: what ``geokit new-article`` proposed and nobody has confirmed yet.

A draft is an ordinary record with ``draft: true``. It must pass every check a confirmed record
passes, so an article of drafts loads and runs; ``geokit validate`` says how many remain, and
``geokit validate --strict`` fails on each, naming its file and line.
"""

from __future__ import annotations

from pathlib import Path

from geokit.data.model import ANNOTATION_KINDS, Article
from geokit.data.text import plural
from geokit.data.yamlio import LineDict, display_path, load_yaml
from geokit.errors import Problem

__all__ = ["draft_counts", "draft_problems", "draft_summary"]


def draft_counts(article: Article) -> dict[str, int]:
    """``{kind: number of drafts}`` for the kinds that have any, in file order."""
    counts = {kind: sum(1 for rec in getattr(article, kind) if rec.draft)
              for kind in ANNOTATION_KINDS}
    return {kind: n for kind, n in counts.items() if n}


def draft_summary(article: Article) -> str:
    """'12 draft records remain (5 actors, 7 events)', or '' when there is none.

    >>> import geokit
    >>> draft_summary(geokit.load_article("pakistan-russia-2012"))
    ''
    """
    counts = draft_counts(article)
    if not counts:
        return ""
    total = sum(counts.values())
    parts = ", ".join(f"{n} {kind if n > 1 else kind.removesuffix('s')}"
                      for kind, n in counts.items())
    return f"{plural(total, 'draft record')} {'remains' if total == 1 else 'remain'} ({parts})"


def draft_problems(article: Article) -> list[Problem]:
    """One problem per draft record, with its file and the line of its ``draft`` field."""
    folder = Path(article.folder)
    problems: list[Problem] = []
    for kind in draft_counts(article):
        path = folder / f"{kind}.yaml"
        raw = load_yaml(path)  # the article loaded, so the file reads
        items = raw.get(kind, []) if isinstance(raw, dict) else []
        for i, item in enumerate(items):
            if isinstance(item, dict) and item.get("draft") is True:
                rid = item.get("id")
                problems.append(Problem(
                    display_path(path),
                    "draft record: check it against the text, then delete 'draft: true'",
                    f"{kind}[{i}]" + (f" '{rid}'" if isinstance(rid, str) else ""),
                    "draft",
                    "a confirmed record (--strict allows no draft)",
                    "draft: true",
                    item.key_lines.get("draft") if isinstance(item, LineDict) else None,
                ))
    return problems
