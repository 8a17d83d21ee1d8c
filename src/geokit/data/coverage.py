"""Annotation coverage: each sentence that names an actor, a date, a figure or a quote, unrecorded.

``geokit validate --coverage`` prints what :func:`coverage` finds, one line per sentence. A
sentence is covered when every one of these has a record citing its paragraph (drafts count: a
draft is a record waiting to be confirmed):

(a) actors: each name or alias of an actor in the sentence needs that actor to cite the
    paragraph, and every capitalised word that does not start a sentence must be part of an
    actor's name or alias, a project's name, or a word that names no actor: a title, a demonym
    or a place from the kit's gazetteer (:mod:`geokit.data.gazetteer`), or one of the article's
    own ``not_actors`` (``article.yaml``). So an actor nobody recorded is found;
(b) dates: month names, years and decades, weekdays and relative dates ("last week", "earlier
    this year", "Next day") must sit inside the ``date.wording`` of an event citing the paragraph;
(c) figures: every run of digits must sit inside a project's figure wording, a project's name
    (CASA-1000) or an event's date wording, of a record citing the paragraph;
(d) quotations: every quotation (nested ones too) starts a quote record of its paragraph, and
    every quoted sentence is carried by one;
(e) cue words: words that signal an unnamed source ("an official", "observers"), an event
    ("visit", "summit", "statement") or a memorandum need a record of the right sort citing the
    paragraph, so that sources without a proper name and undated events are not dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geokit.data.gazetteer import gazetteer
from geokit.data.model import Actor, Article, Project
from geokit.data.text import normalise
from geokit.data.yamlio import LineDict, display_path, load_yaml
from geokit.errors import Problem

__all__ = ["DATE_PATTERNS", "Gap", "coverage", "coverage_problems", "quoted_passages",
           "split_sentences"]

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
#: what counts as a date in a sentence
DATE_PATTERNS = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:{MONTHS})\b",
        rf"\b(?:{WEEKDAYS})\b",
        r"\b(?:1[89]|20)\d\d(?:s)?\b",  # years and decades: 2003, 1990s
        r"\b(?:[Ll]ast|[Tt]his|[Nn]ext|[Pp]revious) (?:week|month|year)\b",
        r"\b(?:[Nn]ext|[Pp]revious|[Ff]ollowing) day\b",
        r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\b",
    )
)
_DIGITS = re.compile(r"\$?\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*")
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[“\"(]?[A-Z0-9])")
_OPENERS = ("“", '"', ":")  # a capitalised word right after these starts a (quoted) sentence

# (e) Words that signal an unnamed source: some actor citing the paragraph must have the word in
# its name, aliases or role.
_SOURCE_CUES = tuple(
    (re.compile(p, re.IGNORECASE), word)
    for p, word in (
        (r"\bofficials?\b", "official"),
        (r"\bobservers\b", "observers"),
        (r"\bmedia\b", "media"),
        (r"\bminister\b", "minister"),
        (r"\bdelegation\b", "delegation"),
        (r"\bPakistani? military\b", "military"),
    )
)
# Words that signal an event: some event of one of the kinds must cite the paragraph.
_EVENT_CUES = tuple(
    (re.compile(p, re.IGNORECASE), kinds)
    for p, kinds in (
        (r"\bvisit(?:s|ed|ing)?\b|\bflew\b|\barrived\b|\btrip\b", {"visit", "signing", "meeting"}),
        (r"\bmeeting\b|\bcalled on\b|\btalks\b", {"meeting", "commission_session"}),
        (r"\bsummit\b|\bconference\b", {"summit"}),
        (r"\bcommission\b", {"commission_session"}),
        (r"\bsigned\b", {"signing"}),
        (r"\bstatement\b", {"statement"}),
        (r"\binvited\b", {"invitation"}),
        (r"\bcancell?ation\b", {"cancellation"}),
        (r"\burging\b|\bprocess\b", {"process"}),
    )
)
# Words that signal a project: some project with the field's value must cite the paragraph.
_PROJECT_CUES = tuple(
    (re.compile(p), field, values)
    for p, field, values in (
        (r"\bmemorandums? of understanding\b|\bMoUs?\b", "kind", {"mou"}),
        (r"\b[Rr]ail(?:ways?)?\b", "sector", {"transport", "railways"}),
        (r"\bpipeline\b", "sector", {"energy"}),
    )
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Gap:
    """One sentence that names something no record covers."""

    paragraph: int
    sentence: int
    text: str
    missing: tuple[str, ...]

    def __str__(self) -> str:
        lacks = "; ".join(self.missing)
        return f"¶{self.paragraph} sentence {self.sentence}: {lacks} «{self.text}»"


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (also inside quotations).

    >>> split_sentences('He left. “We stay,” she said. Then: nothing.')
    ['He left.', '“We stay,” she said.', 'Then: nothing.']
    """
    return [s for s in _SENTENCE_BREAK.split(text) if s.strip()]


@functools.lru_cache(maxsize=8192)  # re's own cache (512) is too small for the gazetteer
def _whole_words(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(phrase) + r"(?![A-Za-z0-9])")


def _spans(sentence: str, phrase: str) -> list[Span]:
    """Where ``phrase`` occurs in ``sentence`` as whole words (case-sensitive)."""
    if not phrase or phrase not in sentence:
        return []
    return [m.span() for m in _whole_words(phrase).finditer(sentence)]


def _inside(span: Span, covers: list[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in covers)


def _actor_phrases(actors: Iterable[Actor]) -> list[tuple[str, str]]:
    """(name or alias, actor id) pairs, longest first: 'Pakistan Steel Mills' beats 'Pakistan'."""
    pairs = {(p, a.id) for a in actors for p in (a.name, *a.aliases) if p}
    return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0]))


def _mentions(sentence: str, phrases: list[tuple[str, str]]) -> list[tuple[Span, str, str]]:
    """Non-overlapping actor mentions in a sentence, longest first: (span, phrase, id)."""
    taken: list[Span] = []
    found: list[tuple[Span, str, str]] = []
    for phrase, actor_id in phrases:
        for span in _spans(sentence, phrase):
            if any(span[0] < b and a < span[1] for a, b in taken):
                continue
            taken.append(span)
            found.append((span, phrase, actor_id))
    return found


def _project_forms(project: Project) -> list[str]:
    """A project's name and the short form in its brackets: 'Iran-Pakistan gas pipeline (IP)'."""
    return [part.strip() for part in re.split(r"[()]", project.name) if part.strip()]


def quoted_passages(text: str) -> list[str]:
    """The text inside each pair of quotation marks, nested pairs included.

    Typographic marks pair as opening and closing; straight double quotes pair in turn. An
    opening mark never closed runs to the next opening mark or to the end of the paragraph.

    >>> quoted_passages('He said: “They call it “the reset” now.”')
    ['the reset', 'They call it “the reset” now.']
    """
    passages: list[str] = []
    stack: list[int] = []
    for m in re.finditer(r"[“”]", text):
        if m.group() == "“":
            stack.append(m.end())
        elif stack:
            passages.append(text[stack.pop() : m.start()])
    for start in stack:
        following = text.find("“", start)
        passages.append(text[start : following if following != -1 else len(text)])
    straight = [m.start() for m in re.finditer('"', text)]
    passages += [text[a + 1 : b] for a, b in zip(straight[::2], straight[1::2], strict=False)]
    return passages


def _no_actor_words(article: Article) -> tuple[str, ...]:
    g = gazetteer()
    return (*g.titles, *g.demonyms(), *g.places, *(p.name for p in article.places),
            *article.meta.not_actors)


def coverage(article: Article) -> list[Gap]:
    """Each sentence of ``article`` that names an actor, a date, a figure or a quote unrecorded.

    >>> import geokit
    >>> coverage(geokit.load_article("pakistan-russia-2012"))
    []
    """
    phrases = _actor_phrases(article.actors)
    by_id = {a.id: a for a in article.actors}
    no_actor = _no_actor_words(article)
    out: list[Gap] = []
    for para in article.paragraphs:
        n, text = para.n, para.text
        events = [e for e in article.events if n in e.paragraphs]
        projects = [p for p in article.projects if n in p.paragraphs]
        actor_words = " ".join(
            " ".join((a.name, *a.aliases, a.role or "")) for a in article.actors
            if n in a.paragraphs
        ).casefold()
        sentences = split_sentences(text)
        missing: list[list[str]] = [[] for _ in sentences]
        for i, sentence in enumerate(sentences):
            report = missing[i].append
            # (a) actors named in the sentence must cite the paragraph; so must projects
            mentions = _mentions(sentence, phrases)
            for _span, phrase, actor_id in mentions:
                if n not in by_id[actor_id].paragraphs:
                    report(f"names {phrase!r}, but actor {actor_id!r} does not cite ¶{n}")
            project_spans: list[Span] = []
            for project in article.projects:
                for form in _project_forms(project):
                    spans = _spans(sentence, form)
                    project_spans += spans
                    if spans and n not in project.paragraphs:
                        report(f"names {form!r}, but project {project.id!r} does not cite ¶{n}")
            # (a) every capitalised word that does not start a sentence is accounted for
            covered = [span for span, _, _ in mentions] + project_spans
            covered += [s for phrase in no_actor for s in _spans(sentence, phrase)]
            covered += [m.span() for pattern in DATE_PATTERNS for m in pattern.finditer(sentence)]
            unknown: list[Span] = []  # runs of capitalised words nothing accounts for
            for m in _CAPITALISED.finditer(sentence):
                before = sentence[: m.start()].rstrip()
                if not before or before.endswith(_OPENERS) or _inside(m.span(), covered):
                    continue
                if unknown and sentence[unknown[-1][1]:m.start()] == " ":
                    unknown[-1] = (unknown[-1][0], m.end())
                else:
                    unknown.append(m.span())
            for a, b in unknown:
                report(f"{sentence[a:b]!r} is in no actor's name or alias (add the actor, or "
                       "list the words under not_actors in article.yaml)")
            # (b) dates sit inside the wording of an event citing the paragraph
            wording_spans = [s for e in events for s in _spans(sentence, e.date.wording)]
            wording_spans += [s for e in events
                              for s in _spans(sentence.lower(), e.date.wording.lower())]
            for pattern in DATE_PATTERNS:
                for m in pattern.finditer(sentence):
                    if not _inside(m.span(), wording_spans):
                        report(f"date {m.group()!r} is the date.wording of no event citing ¶{n}")
            # (c) figures sit inside a figure wording, a project name or a date wording
            figure_spans = [s for p in projects for f in p.figures
                            for s in _spans(sentence, f.wording)]
            own_spans = [s for p in projects for form in _project_forms(p)
                         for s in _spans(sentence, form)]
            for m in _DIGITS.finditer(sentence):
                if not _inside(m.span(), figure_spans + own_spans + wording_spans):
                    report(f"figure {m.group()!r} is the figure wording of no project citing ¶{n}")
            # (e) cue words for unnamed sources, events and projects
            for pattern, word in _SOURCE_CUES:
                for m in pattern.finditer(sentence):
                    if word not in actor_words:
                        report(f"{m.group()!r}, but no actor citing ¶{n} has {word!r} in its "
                               "name, aliases or role")
            for pattern, kinds in _EVENT_CUES:
                for m in pattern.finditer(sentence):
                    if not any(e.kind in kinds for e in events):
                        report(f"{m.group()!r}, but no event of kind "
                               f"{' or '.join(sorted(kinds))} cites ¶{n}")
            for pattern, field, values in _PROJECT_CUES:
                for m in pattern.finditer(sentence):
                    if not any(getattr(p, field) in values for p in projects):
                        report(f"{m.group()!r}, but no project with {field} "
                               f"{' or '.join(sorted(values))} cites ¶{n}")
        # (d) every quoted sentence is carried by a quote record of this paragraph
        quotes = [normalise(q.text) for q in article.quotes if q.paragraph == n]

        def at(quoted: str, sentences: list[str] = sentences) -> int:
            """The sentence the quoted words stand in (the first, if they span several)."""
            key = normalise(quoted)[:20]
            return next((i for i, s in enumerate(sentences) if key in normalise(s)), 0)

        for passage in quoted_passages(text):
            opening = normalise(passage).rstrip(",.;:!?")[:30]
            if opening and not any(q.startswith(opening) for q in quotes):
                missing[at(passage)].append(f"no quote record starts the quotation “{opening}…”")
            for sentence in split_sentences(passage):
                words = normalise(sentence).strip(' "').rstrip(",.;")
                if words.endswith(":"):  # introduces a nested quotation: quoting text
                    continue
                if words and not any(words in q for q in quotes):
                    missing[at(sentence)].append(f"the quoted words “{words}” are in no quote "
                                                 "record")
        out += [Gap(n, i + 1, s, tuple(dict.fromkeys(m)))
                for i, (s, m) in enumerate(zip(sentences, missing, strict=True)) if m]
    return out


def coverage_problems(article: Article) -> list[Problem]:
    """:func:`coverage` as problems naming ``paragraphs.yaml`` and the line of each paragraph."""
    path = Path(article.folder) / "paragraphs.yaml"
    raw = load_yaml(path)  # the article loaded, so the file reads
    items = raw.get("paragraphs", []) if isinstance(raw, dict) else []
    lines = {item.get("n"): item.key_lines.get("text", item.line) for item in items
             if isinstance(item, LineDict)}
    return [Problem(display_path(path), f"{'; '.join(g.missing)} «{g.text}»",
                    f"¶{g.paragraph} sentence {g.sentence}", line=lines.get(g.paragraph))
            for g in coverage(article)]
