"""Delegation briefs for the summit simulation, built from the article's records.

An article folder may hold ``briefs.yaml``: one brief per delegation or observer, in sections of
lines. A line is either built from a record the kit already has (``record:`` an interest,
relation, claim or context id: its words and its citation come from that record) or is a line
of its own (``text:``) that says whose reading it is (``reading:`` the article's, a source's, or
ours) and cites its basis: paragraphs, context records, sources from ``sources.yaml``, or an
outside ``source:`` of its own (outlet, date, URL). A ``terms:`` line states what the article
does *not* say: the validator checks that the terms occur in exactly the paragraphs it lists.
So no line of a brief is a free-floating fact. See ``docs/data-format.md``.

:func:`brief_page` renders a brief as Markdown and HTML (no widgets), for the lesson and for the
printed copies that ``geokit editions build`` writes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from geokit.data.dates import date_bounds
from geokit.data.model import Article, Source
from geokit.data.records import Context, describe, doc, parse_record
from geokit.data.text import cite, normalise, occurs_in
from geokit.data.yamlio import display_path, load_yaml
from geokit.errors import Problem

__all__ = [
    "BRIEFS_FILE",
    "Brief",
    "BriefBook",
    "BriefFile",
    "BriefLine",
    "BriefPage",
    "BriefSection",
    "PrintedLine",
    "brief_book",
    "brief_page",
    "printed_lines",
    "read_briefs",
]

BRIEFS_FILE = "briefs.yaml"
Reading = Literal["article", "source", "ours"]


@dataclass(frozen=True)
class BriefLine:
    """One line of a brief: built from a record, or a cited line of its own."""

    record: str = doc("Id of an interest, relation, claim or context record: the line shows "
                      "that record's words with its citation and whose reading it is.", "")
    text: str = doc("A line of our own, in plain words (instead of record). Anything in double "
                    "quotation marks is verbatim from the cited paragraphs.", "")
    reading: Reading | None = doc("Whose reading a text line is: 'article' (the article's "
                                  "reporting, or according_to's words in it), 'source' (an "
                                  "outside source's), or 'ours' (the kit's inference).", None)
    according_to: str = doc("Actor id whose reading the article reports, for a text line with "
                            "reading 'article'.", "")
    paragraphs: tuple[int, ...] = doc("Paragraphs the line rests on (for terms: every "
                                      "paragraph where a term occurs).", ())
    context: tuple[str, ...] = doc("Ids of context.yaml records the line rests on.", ())
    sources: tuple[str, ...] = doc("Ids of sources.yaml sources the line rests on.", ())
    source: Source | None = doc("An outside source of this line's own: outlet, date, URL and "
                                "a short verbatim excerpt.", None)
    terms: tuple[str, ...] = doc("For a line about the article's silence: words that occur in "
                                 "exactly the listed paragraphs (none: nowhere).", ())
    note: str = doc("For editors, not printed: what a date or a reading rests on.", "")


@dataclass(frozen=True)
class BriefSection:
    """A heading and its lines."""

    heading: str = doc("The section heading, e.g. 'What Pakistan wants'.")
    lines: tuple[BriefLine, ...] = doc("The lines, each cited.")


@dataclass(frozen=True)
class Brief:
    """A one-page brief for one delegation or observer."""

    id: str = doc("Unique id, lower-case with hyphens; the printed file's name.")
    title: str = doc("Heading of the page, e.g. 'Pakistan (host delegation)'.")
    role: Literal["delegation", "observer"] = doc("A delegation at the table, or an observer.")
    sections: tuple[BriefSection, ...] = doc("The sections of the brief, in order.")
    actor: str = doc("Actor id from actors.yaml; empty for a state the article never names.",
                     "")
    task: str = doc("What the team must do in the simulation, in our words (no facts).", "")


@dataclass(frozen=True)
class BriefFile:
    """An article's ``briefs.yaml``."""

    briefs: tuple[Brief, ...] = doc("One brief per delegation or observer.")


@dataclass(frozen=True)
class PrintedLine:
    """A brief line as printed: words, whose reading, and the citations."""

    section: str
    text: str
    reading: str  #: e.g. "the article's reporting", "Iqbal's reading, as the article reports it"
    cites: tuple[str, ...]  #: e.g. ("¶19",), ("context c08-...: President of Russia, 2009-07-30",)


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QUOTED = re.compile(r"[\"“]([^\"”]{3,})[\"”]")
_RECORD_KINDS = ("interests", "relations", "claims", "context")
#: a claim's kind, as a brief prints it beside whose reading the claim is
_KIND_WORDS = {"attributed_claim": "a claim", "opinion": "an opinion",
               "speculation": "speculation"}


def _url_problem(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in url.strip():
        return "not a web address with a host"
    return ""


def _occurs_as_word(term: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(normalise(term))}(?!\w)", normalise(text),
                     re.IGNORECASE) is not None


def read_briefs(folder: Path, article: Article) -> tuple[BriefFile | None, list[Problem]]:
    """Parse ``folder/briefs.yaml`` and check every line's citation against ``article``."""
    path = folder / BRIEFS_FILE
    ctx = Context(display_path(path))
    try:
        raw = load_yaml(path)
    except Exception as exc:  # GeokitDataError carries its problems
        return None, list(getattr(exc, "problems", [])) or [
            Problem(ctx.file, f"cannot read: {exc}", "", "", "", "", None)]
    if not isinstance(raw, dict) or set(raw) != {"briefs"}:
        ctx.add("wrong top-level shape", expected="a mapping with the one key 'briefs:'",
                found=describe(raw) if not isinstance(raw, dict)
                else "keys " + ", ".join(repr(k) for k in raw), line=1)
        return None, ctx.problems
    items = raw["briefs"]
    if not isinstance(items, list) or not items:
        ctx.add("wrong type", field="briefs", expected="a list of at least one brief",
                found=describe(items), line=getattr(raw, "key_lines", {}).get("briefs"))
        return None, ctx.problems
    briefs: list[tuple[str, Brief, Any]] = []
    for i, item in enumerate(items):
        rid = item.get("id") if isinstance(item, dict) else None
        label = f"briefs[{i}]" + (f" '{rid}'" if isinstance(rid, str) else "")
        rec = parse_record(Brief, item, ctx, label)
        if rec is not None:
            briefs.append((label, rec, item))
    if ctx.problems:
        return None, ctx.problems
    seen: set[str] = set()
    for label, brief, item in briefs:
        _check_brief(label, brief, item, ctx, article, seen)
    if ctx.problems:
        return None, ctx.problems
    return BriefFile(tuple(b for _, b, _ in briefs)), []


def _line_of(item: Any, *keys: Any) -> int | None:
    node = item
    for k in keys:
        try:
            node = node[k]
        except (KeyError, IndexError, TypeError):
            break
    return getattr(node, "line", getattr(item, "line", None))


def _check_brief(label: str, brief: Brief, item: Any, ctx: Context, article: Article,
                 seen: set[str]) -> None:
    actors = {a.id for a in article.actors}
    if not _ID.match(brief.id) or brief.id in seen:
        ctx.add("ids are lower-case words joined by hyphens, each used once", record=label,
                field="id", expected="e.g. 'pakistan'", found=repr(brief.id),
                line=_line_of(item))
    seen.add(brief.id)
    if brief.actor and brief.actor not in actors:
        ctx.add("reference to an unknown actor", record=label, field="actor",
                expected="an id from actors.yaml, or nothing for a state the article never "
                "names", found=repr(brief.actor), line=_line_of(item))
    if not brief.sections or not any(s.lines for s in brief.sections):
        ctx.add("a brief needs at least one line", record=label, field="sections",
                expected="sections with lines", found="none", line=_line_of(item))
    for s, section in enumerate(brief.sections):
        for j, ln in enumerate(section.lines):
            where = f"{label}, sections[{s}].lines[{j}]"
            line = _line_of(item, "sections", s, "lines", j)
            for message, field, expected, found in _line_problems(ln, article, actors):
                ctx.add(message, record=where, field=field, expected=expected, found=found,
                        line=line)


def _record(article: Article, record_id: str) -> Any:
    for kind in _RECORD_KINDS:
        for rec in getattr(article, kind):
            if rec.id == record_id:
                return rec
    return None


def _line_problems(ln: BriefLine, article: Article,
                   actors: set[str]) -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    n = len(article.paragraphs)
    if bool(ln.record) == bool(ln.text.strip()):
        return [("a line is built from a record or is a text of its own, not both or neither",
                 "record", "record: <id> or text: <words>",
                 "both" if ln.record else "neither")]
    if ln.record:
        if _record(article, ln.record) is None:
            out.append(("reference to an unknown record", "record",
                        "the id of an interest, relation, claim or context record",
                        repr(ln.record)))
        return out
    for p in ln.paragraphs:
        if not 1 <= p <= n:
            out.append(("paragraph out of range", "paragraphs", f"a number from 1 to {n}",
                        str(p)))
    known_context = {c.id for c in article.context}
    for cid in ln.context:
        if cid not in known_context:
            out.append(("reference to an unknown context record", "context",
                        "an id from context.yaml", repr(cid)))
    known_sources = {s.id for s in article.sources}
    sources_read = bool(article.sources) or not Path(article.folder, "sources.yaml").is_file()
    for sid in ln.sources if sources_read else ():  # sources.yaml broken: reported there
        if sid not in known_sources:
            out.append(("reference to an unknown source", "sources", "an id from sources.yaml",
                        repr(sid)))
    if ln.source is not None:
        if not ln.source.outlet.strip():
            out.append(("an outside source needs its outlet", "source.outlet", "e.g. 'Dawn'",
                        "nothing"))
        try:
            date_bounds(ln.source.date)
        except ValueError:
            out.append(("bad date", "source.date", "ISO 8601, YYYY-MM-DD or YYYY-MM",
                        repr(ln.source.date)))
        problem = _url_problem(ln.source.url) if ln.source.url else ""
        if problem or not (ln.source.url or ln.source.reference):
            out.append((problem or "an outside source needs a URL or a reference",
                        "source.url", "an address starting https:// or http://",
                        repr(ln.source.url)))
    if ln.according_to and ln.according_to not in actors:
        out.append(("reference to an unknown actor", "according_to", "an id from actors.yaml",
                    repr(ln.according_to)))
    outside = bool(ln.context or ln.sources or ln.source)
    if ln.reading is None:
        out.append(("a line of its own says whose reading it is", "reading",
                    "article, source or ours", "nothing"))
    elif ln.reading == "article" and not ln.paragraphs:
        out.append(("the article's reading cites its paragraphs", "paragraphs",
                    "at least one paragraph number", "none"))
    elif ln.reading == "source" and not outside:
        out.append(("a source's reading cites that source", "source",
                    "context ids, sources ids or a source of its own", "none"))
    elif ln.reading == "ours" and not (ln.paragraphs or outside or ln.terms):
        out.append(("our reading cites what it rests on", "paragraphs",
                    "paragraphs, context, sources or terms", "none"))
    if ln.according_to and ln.reading != "article":
        out.append(("according_to names whom the article reports", "reading", "'article'",
                    repr(ln.reading)))
    if ln.terms:
        where = {p.n for p in article.paragraphs
                 if any(_occurs_as_word(t, p.text) for t in ln.terms)}
        if where != set(ln.paragraphs):
            out.append(("the terms do not occur in exactly the listed paragraphs", "paragraphs",
                        cite(sorted(where)) or "no paragraphs (the article never uses them)",
                        cite(ln.paragraphs) or "none"))
    elif ln.paragraphs and not ln.source:
        texts = [article.paragraphs[p - 1].text for p in ln.paragraphs if 1 <= p <= n]
        for quoted in _QUOTED.findall(ln.text):
            if not any(occurs_in(quoted, t) for t in texts):
                out.append(("quoted words are not verbatim in the cited paragraphs", "text",
                            f"words that stand in {cite(ln.paragraphs)}", repr(quoted[:60])))
    return out


# -- rendering --------------------------------------------------------------------------------


def _who(article: Article, actor_id: str | None) -> str:
    if not actor_id or actor_id == article.meta.author or actor_id == _author_id(article):
        return "the article's reporting"
    actor = article.get_actor(actor_id)
    name = actor.name if actor is not None else actor_id
    return f"{name}'s reading, as the article reports it"


def _author_id(article: Article) -> str:
    for a in article.actors:
        if a.name == article.meta.author or article.meta.author in a.aliases:
            return a.id
    return ""


def _source_cite(kind: str, rid: str, outlet: str, date: str) -> str:
    return f"{kind} {rid}: {outlet}, {date}" if rid else f"{outlet}, {date}"


def printed_lines(article: Article, brief: Brief) -> list[PrintedLine]:
    """Every line of ``brief`` with its words, whose reading it is, and its citations."""
    context = {c.id: c for c in article.context}
    sources = {s.id: s for s in article.sources}
    out: list[PrintedLine] = []
    for section in brief.sections:
        for ln in section.lines:
            if ln.record:
                rec = _record(article, ln.record)
                if rec is None:
                    raise LookupError(f"brief {brief.id!r} names no record {ln.record!r}")
                if ln.record in context:
                    src = rec.source
                    out.append(PrintedLine(section.heading, rec.what,
                                           f"{src.outlet}'s report (outside the article)",
                                           (_source_cite("context", rec.id, src.outlet,
                                                         src.date),)))
                    continue
                words = getattr(rec, "summary", "") or getattr(rec, "text", "") or rec.note
                who = getattr(rec, "according_to", None) or getattr(rec, "holder", None)
                reading = _who(article, who)
                kind = getattr(rec, "kind", "")
                if kind in _KIND_WORDS:
                    reading = f"{reading} ({_KIND_WORDS[kind]})"
                if getattr(rec, "inferred", False):
                    reading = "our inference from " + reading.removesuffix(
                        ", as the article reports it")
                out.append(PrintedLine(section.heading, " ".join(words.split()), reading,
                                       (cite(rec.paragraphs),)))
                continue
            cites = [cite(ln.paragraphs)] if ln.paragraphs else []
            if ln.terms and not ln.paragraphs:
                cites.append("all paragraphs searched: " + ", ".join(ln.terms))
            cites += [_source_cite("context", c, context[c].source.outlet, context[c].source.date)
                      for c in ln.context if c in context]
            cites += [_source_cite("source", s, sources[s].outlet, sources[s].date or "undated")
                      for s in ln.sources if s in sources]
            if ln.source is not None:
                cites.append(_source_cite("", "", ln.source.outlet, ln.source.date)
                             + (f", {ln.source.url}" if ln.source.url else ""))
            if ln.reading == "article":
                reading = _who(article, ln.according_to or None)
            elif ln.reading == "source":
                outlets = [context[c].source.outlet for c in ln.context if c in context]
                outlets += [sources[s].outlet for s in ln.sources if s in sources]
                outlets += [ln.source.outlet] if ln.source is not None else []
                reading = f"{' and '.join(dict.fromkeys(outlets))}'s report (outside the article)"
            else:
                reading = "our reading"
            out.append(PrintedLine(section.heading, " ".join(ln.text.split()), reading,
                                   tuple(cites)))
    return out


_CSS = ("body{font-family:Georgia,serif;max-width:46em;margin:1.5em auto;line-height:1.35}"
        "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1em}li{margin:.25em 0}"
        ".cite{color:#444;font-size:.9em}@page{size:A4;margin:1.5cm}"
        "@media print{body{margin:0;font-size:10.5pt}}")


@dataclass(frozen=True)
class BriefPage:
    """A brief rendered for reading and printing: Markdown, HTML, and plain text."""

    brief: Brief
    lines: tuple[PrintedLine, ...]
    article_title: str

    @property
    def markdown(self) -> str:
        """The brief as Markdown: heading, task, one bullet per line with its citation."""
        out = [f"# Brief: {self.brief.title}", "",
               f"*Simulation brief ({self.brief.role}), built from the kit's records of "
               f"\"{self.article_title}\". Each line says whose reading it is and cites it.*",
               ""]
        if self.brief.task:
            out += [f"**Your task:** {' '.join(self.brief.task.split())}", ""]
        section = None
        for ln in self.lines:
            if ln.section != section:
                section = ln.section
                out += ["", f"## {section}", ""]
            out.append(f"- {ln.text} *({ln.reading}; {'; '.join(ln.cites)})*")
        return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"

    def html(self, standalone: bool = False) -> str:
        """The brief as HTML; ``standalone`` gives a whole page with print styles."""
        e = html.escape
        # a page of its own gets h1; inside a notebook the brief sits under the lesson's headings
        h1, h2 = ("h1", "h2") if standalone else ("h3", "h4")
        parts = [f"<{h1}>Brief: {e(self.brief.title)}</{h1}>",
                 f"<p><em>Simulation brief ({e(self.brief.role)}), built from the kit's records "
                 f"of &ldquo;{e(self.article_title)}&rdquo;. Each line says whose reading it is "
                 "and cites it.</em></p>"]
        if self.brief.task:
            parts.append(f"<p><strong>Your task:</strong> {e(' '.join(self.brief.task.split()))}"
                         "</p>")
        section = None
        for ln in self.lines:
            if ln.section != section:
                if section is not None:
                    parts.append("</ul>")
                section = ln.section
                parts.append(f"<{h2}>{e(section)}</{h2}><ul>")
            parts.append(f"<li>{e(ln.text)} <span class=\"cite\">({e(ln.reading)}; "
                         f"{e('; '.join(ln.cites))})</span></li>")
        if section is not None:
            parts.append("</ul>")
        body = "\n".join(parts)
        if not standalone:
            return f'<div class="geokit-brief">\n{body}\n</div>'
        return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>Brief: {e(self.brief.title)}</title><style>{_CSS}</style></head>"
                f"<body>\n{body}\n</body></html>\n")

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return f"<Brief {self.brief.id!r}: {self.brief.title}; {len(self.lines)} cited lines>"


def brief_page(article: Article, brief_id: str) -> BriefPage:
    """The brief ``brief_id`` of ``article``, rendered.

    >>> import geokit
    >>> page = brief_page(geokit.load_article("pakistan-russia-2012"), "tajikistan")
    >>> page.markdown.startswith("# Brief: Tajikistan")
    True
    >>> brief_page(geokit.load_article("pakistan-russia-2012"), "mars")
    Traceback (most recent call last):
    ...
    LookupError: pakistan-russia-2012 has no brief 'mars'; its briefs: pakistan, russia, ...
    """
    for brief in article.briefs:
        if brief.id == brief_id:
            return BriefPage(brief, tuple(printed_lines(article, brief)), article.meta.title)
    have = ", ".join(b.id for b in article.briefs) or "none"
    raise LookupError(f"{article.id} has no brief {brief_id!r}; its briefs: {have}")


@dataclass(frozen=True)
class BriefBook:
    """Every brief of an article, shown one after another (Markdown and HTML)."""

    pages: tuple[BriefPage, ...]

    def _repr_markdown_(self) -> str:
        return "\n---\n\n".join(p.markdown for p in self.pages)

    def _repr_html_(self) -> str:
        return "\n<hr>\n".join(p.html() for p in self.pages)

    def __repr__(self) -> str:
        return "\n".join(repr(p) for p in self.pages)


def brief_book(article: Article) -> BriefBook:
    """All the briefs of ``article``, delegations first, in the order of ``briefs.yaml``.

    >>> import geokit
    >>> print(brief_book(geokit.load_article("pakistan-russia-2012")).pages[-1].brief.title)
    China (observer)
    """
    return BriefBook(tuple(brief_page(article, b.id) for b in article.briefs))
