"""Where the article came from: related sources, short excerpts, and traces to the article.

An article folder may hold ``sources.yaml``: the reports, editorials and op-eds of the same days
(each with outlet, date, headline, URL and kind, and a sentence or two quoted), ``traces`` that
link a span of an article paragraph to the excerpt whose wording it follows, and
``explanations``: the competing explanations offered at the time for an event the article
reports, each with who offered it, when, on what basis, and the excerpts that bear it out or
tell against it.

A trace is a claim about wording, so the validator measures it: :func:`overlap` counts the words
of the article's span that fall inside word 4-grams also found in the excerpt. A trace below
:data:`MIN_SHARE` is refused, so a trace cannot be claimed where the words do not match (a source
that makes the same point in other words is context, not a trace). See ``docs/data-format.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from geokit.data.dates import date_bounds
from geokit.data.model import Article
from geokit.data.records import Context, describe, doc, parse_record
from geokit.data.text import normalise, occurs_in
from geokit.data.yamlio import display_path, load_yaml
from geokit.errors import GeokitDataError, Problem

__all__ = [
    "MIN_SHARE",
    "MIN_WORDS",
    "NGRAM",
    "Excerpt",
    "Explanation",
    "Overlap",
    "RelatedSource",
    "SourceFile",
    "Trace",
    "overlap",
    "read_sources",
    "trace_lines",
]

#: a trace's span shares at least this share of its words with the excerpt (in shared 4-grams)
MIN_SHARE = 0.5
#: a trace's span has at least this many words: a short phrase matches too easily to prove reuse
MIN_WORDS = 8
#: the length of the word sequences compared
NGRAM = 4
#: a quoted excerpt is a sentence or two, never a whole article
MAX_EXCERPT_WORDS = 80

SourceKind = Literal["news_report", "editorial", "op_ed", "republication"]
Status = Literal["confirmed", "partly"]
Basis = Literal["official", "unnamed_officials", "speculation", "opinion"]


@dataclass(frozen=True)
class Excerpt:
    """A sentence or two of a source, copied verbatim (its spelling and typos kept)."""

    id: str = doc("Unique id (unique in sources.yaml), for traces to name.")
    text: str = doc("The source's words, verbatim: a sentence or two, only what a comparison "
                    "needs.")
    paragraphs: tuple[int, ...] = doc("Article paragraphs this excerpt bears on, if any.", ())
    note: str = doc("What the comparison shows, and whose reading that is.", "")


@dataclass(frozen=True)
class RelatedSource:
    """A report, editorial, op-ed or republication related to the article."""

    id: str = doc("Unique id, e.g. 'dawn-2012-09-27-print'.")
    outlet: str = doc("Outlet or publisher, as the page names it.")
    headline: str = doc("Headline, as published (see headline_basis).")
    url: str = doc("Where it can be read: an http(s) address.")
    kind: SourceKind = doc("news_report, editorial, op_ed or republication.")
    status: Status = doc("confirmed: outlet, date and wording all visible on the retrieved page; "
                         "partly: outlet or date rests on the URL or on inference (say which in "
                         "date_basis / note).")
    date: str = doc("Publication date, ISO 8601 (YYYY-MM-DD, YYYY-MM), or an inferred range "
                    "(YYYY-MM-DD/YYYY-MM-DD) when the page shows none; empty when not even a "
                    "range can be inferred. date_basis says which.", "")
    date_basis: str = doc("What the date rests on: the page's own stamp, the URL, an inference.",
                          "")
    headline_basis: Literal["page", "url-slug"] = doc(
        "page: printed on the retrieved page; url-slug: read from the address only.", "page")
    excerpts: tuple[Excerpt, ...] = doc("Short verbatim excerpts.", ())
    note: str = doc("Anything a reader should know about the source.", "")


@dataclass(frozen=True)
class Trace:
    """A span of an article paragraph whose wording follows a source excerpt."""

    id: str = doc("Unique id (unique in sources.yaml).")
    paragraph: int = doc("The article paragraph the span is in.")
    span: str = doc("The article's words, verbatim from that paragraph.")
    source: str = doc("Id of the source in this file.")
    excerpt: str = doc("Id of that source's excerpt whose wording the span follows.")
    credited_to: str = doc("Actor id of whom the article credits the span to, where it "
                           "credits anyone.", "")
    note: str = doc("What the match shows and what it leaves open, and whose reading that is.",
                    "")


@dataclass(frozen=True)
class Explanation:
    """One explanation offered at the time for an event, with its sources and its evidence."""

    id: str = doc("Unique id (unique in sources.yaml), e.g. 'gazprom-without-bidding'.")
    claim: str = doc("The explanation in plain words (the kit's summary, not a quotation).")
    offered_by: str = doc("Who offered it, as the sources show: an office, officials, an "
                          "outlet, an analyst.")
    date: str = doc("When it was first offered in these sources, ISO 8601: the date of the "
                    "earliest source that offers it.")
    basis: Basis = doc("How it was offered: official (an on-record statement), "
                       "unnamed_officials (officials or diplomats not named), speculation "
                       "(reported as rumour or speculation), opinion (an editorial's or "
                       "analyst's own reading).")
    sources: tuple[str, ...] = doc("Ids of the sources in this file that offer it.")
    support: tuple[str, ...] = doc("Ids of excerpts that state it or bear it out, each from "
                                   "one of its sources.")
    against: tuple[str, ...] = doc("Ids of excerpts that tell against it (the kit's reading; "
                                   "the note says why).", ())
    paragraphs: tuple[int, ...] = doc("Article paragraphs that carry or touch it; empty when "
                                      "the article does not.", ())
    note: str = doc("What weighs for and against it, and whose reading that is.", "")


@dataclass(frozen=True)
class SourceFile:
    """An article's ``sources.yaml``."""

    sources: tuple[RelatedSource, ...] = doc("Sources related to the article.", ())
    traces: tuple[Trace, ...] = doc("Article spans traced to source excerpts.", ())
    explanations: tuple[Explanation, ...] = doc("Competing explanations offered at the time.",
                                                ())


@dataclass(frozen=True)
class Overlap:
    """How much of an article span an excerpt shares, in word n-grams."""

    covered: int  #: span words inside an n-gram also found in the excerpt
    words: int  #: words in the span
    longest: int  #: the longest run of words shared, in a row

    @property
    def share(self) -> float:
        return self.covered / self.words if self.words else 0.0

    def __str__(self) -> str:
        return (f"{self.share:.0%} ({self.covered} of {self.words} words in shared "
                f"{NGRAM}-word sequences; longest run {self.longest})")


#: spellings folded so that spelling alone does not break a match
_FOLD = {"kayani": "kiani", "defence": "defense", "offence": "offense", "pak": "pakistan"}
_ISE = re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations)$")


def _words(text: str) -> list[str]:
    out = []
    for w in re.findall(r"[a-z0-9]+", normalise(text).lower()):
        w = _FOLD.get(w, w)
        out.append(_ISE.sub(r"iz\1", w))
    return out


def overlap(span: str, excerpt: str, n: int = NGRAM) -> Overlap:
    """How many of ``span``'s words fall inside word ``n``-grams shared with ``excerpt``.

    Words are compared lower-cased, without punctuation, with British -ise spellings and
    'Kayani'/'Kiani' folded together.

    >>> str(overlap("he was formalizing the silent reset in ties", "formalising the silent reset"))
    '50% (4 of 8 words in shared 4-word sequences; longest run 4)'
    >>> overlap("a major factor behind it", "one of the major factors behind").covered
    0
    """
    a, b = _words(span), _words(excerpt)
    grams = {tuple(b[i:i + n]) for i in range(len(b) - n + 1)}
    covered = [False] * len(a)
    for i in range(len(a) - n + 1):
        if tuple(a[i:i + n]) in grams:
            covered[i:i + n] = [True] * n
    longest = 0
    for i in range(len(a)):  # longest common run, by dynamic programming over the excerpt
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            longest = max(longest, k)
    return Overlap(sum(covered), len(a), longest)


def _url_problem(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return "not a web address"
    if not parts.netloc or "." not in parts.netloc or " " in url.strip():
        return "a web address needs a host"
    return ""


_KEYS: dict[str, type] = {"sources": RelatedSource, "traces": Trace,
                          "explanations": Explanation}


def read_sources(folder: Path, article: Article) -> tuple[SourceFile | None, list[Problem]]:
    """Parse ``folder/sources.yaml`` and check it against ``article``.

    Every problem names the file, the line, the record and the field.
    """
    path = folder / "sources.yaml"
    ctx = Context(display_path(path))
    try:
        raw = load_yaml(path)
    except GeokitDataError as exc:
        return None, list(exc.problems)
    if not isinstance(raw, dict):
        ctx.add("wrong top-level shape", expected="a mapping with the keys 'sources:', "
                "'traces:' and 'explanations:'", found=describe(raw), line=1)
        return None, ctx.problems
    key_lines: dict[str, int] = getattr(raw, "key_lines", {})
    for key in raw:
        if key not in _KEYS:
            ctx.add("unknown top-level key", field=str(key),
                    expected="sources, traces or explanations",
                    found=repr(key), line=key_lines.get(str(key)))
    parsed: dict[str, list[tuple[str, Any, Any]]] = {}
    for key, cls in _KEYS.items():
        items = raw.get(key) or []
        if not isinstance(items, list):
            ctx.add("wrong type", field=key, expected="a list of mappings",
                    found=describe(items), line=key_lines.get(key))
            items = []
        out: list[tuple[str, Any, Any]] = []
        for i, item in enumerate(items):
            rid = item.get("id") if isinstance(item, dict) else None
            label = f"{key}[{i}]" + (f" '{rid}'" if isinstance(rid, str) else "")
            rec = parse_record(cls, item, ctx, label)
            if rec is not None:
                out.append((label, rec, item))
        parsed[key] = out
    if ctx.problems:
        return None, ctx.problems
    _check(parsed, ctx, article)
    result = SourceFile(sources=tuple(r for _, r, _ in parsed["sources"]),
                        traces=tuple(r for _, r, _ in parsed["traces"]),
                        explanations=tuple(r for _, r, _ in parsed["explanations"]))
    return (result if not ctx.problems else None), ctx.problems


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check(parsed: dict[str, list[tuple[str, Any, Any]]], ctx: Context,
           article: Article) -> None:
    n_paras = len(article.paragraphs)
    actor_ids = {a.id for a in article.actors}
    seen: dict[str, str] = {}
    excerpts: dict[str, tuple[str, Excerpt]] = {}  # excerpt id -> (source id, excerpt)

    def line(item: Any, field: str) -> int | None:
        return getattr(item, "key_lines", {}).get(field, getattr(item, "line", None))

    def unique(label: str, item: Any, field: str, rid: str) -> None:
        if not _ID.match(rid):
            ctx.add("ids are lower-case words joined by hyphens", record=label, field=field,
                    expected="e.g. 'dawn-2012-09-27'", found=repr(rid), line=line(item, "id"))
        if rid in seen:
            ctx.add("duplicate id", record=label, field=field,
                    expected="an id used once in sources.yaml",
                    found=f"{rid!r} again (first in {seen[rid]})", line=line(item, "id"))
        seen.setdefault(rid, label)

    for label, src, item in parsed["sources"]:
        unique(label, item, "id", src.id)
        if not src.outlet.strip():
            ctx.add("a source needs its outlet", record=label, field="outlet",
                    expected="e.g. 'Dawn'", found="nothing", line=line(item, "outlet"))
        problem = _url_problem(src.url)
        if problem:
            ctx.add(problem, record=label, field="url", expected="an address starting "
                    "https:// or http:// with a host, e.g. https://www.dawn.com/news/752485",
                    found=repr(src.url), line=line(item, "url"))
        if src.date.strip():
            try:
                date_bounds(src.date)
            except ValueError as exc:
                ctx.add(f"bad date: {exc}", record=label, field="date",
                        expected="ISO 8601, YYYY-MM-DD or YYYY-MM", found=repr(src.date),
                        line=line(item, "date"))
        elif not src.date_basis.strip():
            ctx.add("a source needs its date, or a date_basis saying why it has none",
                    record=label, field="date", expected="ISO 8601, YYYY-MM-DD",
                    found="nothing", line=line(item, "date"))
        raw_excerpts = item.get("excerpts") or []
        for j, ex in enumerate(src.excerpts):
            raw_ex = raw_excerpts[j] if j < len(raw_excerpts) else item
            ex_label = f"{label}, excerpts[{j}] '{ex.id}'"
            unique(ex_label, raw_ex, "id", ex.id)
            excerpts[ex.id] = (src.id, ex)
            n_words = len(ex.text.split())
            if n_words > MAX_EXCERPT_WORDS:
                ctx.add("an excerpt is a sentence or two, not a whole article", record=ex_label,
                        field="text", expected=f"at most {MAX_EXCERPT_WORDS} words",
                        found=f"{n_words} words", line=line(raw_ex, "text"))
            for p in ex.paragraphs:
                if not 1 <= p <= n_paras:
                    ctx.add("paragraph out of range", record=ex_label, field="paragraphs",
                            expected=f"a number from 1 to {n_paras}", found=str(p),
                            line=line(raw_ex, "paragraphs"))

    for label, tr, item in parsed["traces"]:
        unique(label, item, "id", tr.id)
        if not 1 <= tr.paragraph <= n_paras:
            ctx.add("paragraph out of range", record=label, field="paragraph",
                    expected=f"a number from 1 to {n_paras}", found=str(tr.paragraph),
                    line=line(item, "paragraph"))
            continue
        if not occurs_in(tr.span, article.paragraphs[tr.paragraph - 1].text):
            ctx.add("span is not verbatim in its paragraph", record=label, field="span",
                    expected=f"the exact words of paragraph {tr.paragraph}",
                    found=repr(tr.span[:60]), line=line(item, "span"))
            continue
        if tr.credited_to and tr.credited_to not in actor_ids:
            ctx.add("reference to an unknown actor", record=label, field="credited_to",
                    expected="an id from actors.yaml", found=repr(tr.credited_to),
                    line=line(item, "credited_to"))
        found = excerpts.get(tr.excerpt)
        if found is None or found[0] != tr.source:
            if tr.source not in {s.id for _, s, _ in parsed["sources"]}:
                ctx.add("reference to an unknown source", record=label, field="source",
                        expected="an id from sources:", found=repr(tr.source),
                        line=line(item, "source"))
            else:
                ctx.add("reference to an unknown excerpt", record=label, field="excerpt",
                        expected=f"the id of an excerpt of {tr.source!r}",
                        found=repr(tr.excerpt), line=line(item, "excerpt"))
            continue
        words = len(_words(tr.span))
        if words < MIN_WORDS:
            ctx.add("span too short to show reuse", record=label, field="span",
                    expected=f"at least {MIN_WORDS} words", found=f"{words} words",
                    line=line(item, "span"))
            continue
        ov = overlap(tr.span, found[1].text)
        if ov.share < MIN_SHARE:
            ctx.add("the span does not follow the excerpt's wording", record=label,
                    field="excerpt", expected=f"at least {MIN_SHARE:.0%} of the span's words in "
                    f"{NGRAM}-word sequences shared with excerpt {tr.excerpt!r}",
                    found=str(ov), line=line(item, "excerpt"))

    dates = {s.id: s.date if _is_date(s.date) else "" for _, s, _ in parsed["sources"]}
    for label, ex, item in parsed["explanations"]:
        unique(label, item, "id", ex.id)
        _check_explanation(ex, label, lambda f, it=item: line(it, f), ctx, dates, excerpts,
                           article)


def _is_date(value: str) -> bool:
    try:
        date_bounds(value)
    except ValueError:
        return False
    return True


def _check_explanation(ex: Explanation, label: str, line: Any, ctx: Context,
                       dates: dict[str, str], excerpts: dict[str, tuple[str, Excerpt]],
                       article: Article) -> None:
    """An explanation names known sources, excerpts of those sources, a date and paragraphs.

    One offered only by the article itself names no source: then its paragraphs say where,
    and its date is the article's.
    """
    n_paras = len(article.paragraphs)
    for field in ("claim", "offered_by"):
        if not getattr(ex, field).strip():
            ctx.add(f"an explanation needs its {field}", record=label, field=field,
                    expected="a few words", found="nothing", line=line(field))
    if not ex.sources and not ex.paragraphs:
        ctx.add("an explanation needs its sources", record=label, field="sources",
                expected="at least one id from sources: (or, for one the article itself offers, "
                "its paragraphs)", found="none", line=line("sources"))
    for sid in ex.sources:
        if sid not in dates:
            ctx.add("reference to an unknown source", record=label, field="sources",
                    expected="an id from sources:", found=repr(sid), line=line("sources"))
    if ex.sources and not ex.support:
        ctx.add("an explanation needs the excerpts that state it", record=label,
                field="support", expected="at least one excerpt id", found="none",
                line=line("support"))
    stated = False
    for field in ("support", "against"):
        for xid in getattr(ex, field):
            found = excerpts.get(xid)
            if found is None:
                ctx.add("reference to an unknown excerpt", record=label, field=field,
                        expected="the id of an excerpt in sources:", found=repr(xid),
                        line=line(field))
            elif field == "support" and found[0] in ex.sources:
                stated = True
    if ex.sources and ex.support and not stated and all(x in excerpts for x in ex.support):
        ctx.add("no supporting excerpt comes from a source that offers the explanation",
                record=label, field="support",
                expected=f"at least one excerpt of {', '.join(ex.sources) or 'its sources'}",
                found=", ".join(repr(x) for x in ex.support), line=line("support"))
    try:
        start = date_bounds(ex.date)[0]
    except ValueError as exc:
        ctx.add(f"bad date: {exc}", record=label, field="date",
                expected="ISO 8601, YYYY-MM-DD or YYYY-MM", found=repr(ex.date),
                line=line("date"))
    else:
        own = [d for sid in ex.sources if (d := dates.get(sid, ""))]
        if not ex.sources and ex.paragraphs and ex.date != article.meta.published:
            ctx.add("an explanation only the article offers is dated by the article",
                    record=label, field="date", expected=repr(article.meta.published),
                    found=repr(ex.date), line=line("date"))
        elif own and (ex.date not in own or any(date_bounds(d)[1] < start for d in own)):
            earliest = min(own, key=lambda d: date_bounds(d)[0])
            ctx.add("an explanation's date is that of its earliest source", record=label,
                    field="date", expected=repr(earliest), found=repr(ex.date),
                    line=line("date"))
    for p in ex.paragraphs:
        if not 1 <= p <= n_paras:
            ctx.add("paragraph out of range", record=label, field="paragraphs",
                    expected=f"a number from 1 to {n_paras}", found=str(p),
                    line=line("paragraphs"))


def trace_lines(article: Article) -> list[str]:
    """One line per trace of ``article``: paragraph, source, and the computed overlap.

    >>> import geokit
    >>> lines = trace_lines(geokit.load_article("pakistan-russia-2012"))
    >>> any(line.startswith("¶18 ") and "dawn-2012-09-27-print" in line for line in lines)
    True
    """
    by_excerpt = {ex.id: ex for s in article.sources for ex in s.excerpts}
    out = []
    for tr in article.traces:
        ov = overlap(tr.span, by_excerpt[tr.excerpt].text)
        out.append(f"¶{tr.paragraph} {tr.id} <- {tr.source} [{tr.excerpt}]: {ov}")
    return out
