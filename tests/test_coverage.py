"""Annotation coverage for the pakistan-russia-2012 article.

Every sentence of the article body that names an actor, gives a date or gives a figure must be
annotated by a record that cites the sentence's paragraph:

(a) actors: each name or alias of an actor found in a sentence requires that actor to cite the
    paragraph; every capitalised word that does not start a sentence must be part of an actor's
    name or alias, of a project's name, or of the short list of non-actor words below (titles,
    places used only as places, demonyms), so that an actor nobody annotated makes the check fail;
(b) dates: month names, years and decades, and relative dates ("last week", "earlier this year",
    "Next day") must sit inside the ``date.wording`` of an event that cites the paragraph;
(c) figures: every run of digits must sit inside a project's figure wording, a project's name
    (CASA-1000) or an event's date wording, of a record that cites the paragraph;
(d) quotations: every quotation (nested ones too) starts a quote record of its paragraph, and
    every sentence in quotation marks is carried by one;
(e) cue words: a few words that signal an unnamed source ("an official", "observers"), an event
    ("visit", "summit", "statement") or an MoU need a record of the right sort citing the paragraph,
    so that sources without a proper name and undated events are not silently dropped.

The files are read directly with ``yaml.safe_load`` (not through geokit's loader), so this test
guards the data on its own. The check lives in plain functions; ``test_*_is_detected`` tests
break the data in memory and assert that the checker notices.
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import yaml

ARTICLE_DIR = Path(__file__).resolve().parents[1] / "data" / "articles" / "pakistan-russia-2012"
ANNOTATION_KINDS = (
    "actors",
    "events",
    "projects",
    "quotes",
    "claims",
    "interests",
    "relations",
    "arguments",
)

# Capitalised words and phrases in this article that are not actors. Keep the list short and
# explicit: anything capitalised that is neither here nor an actor/project name fails the check.
NON_ACTOR_PHRASES = (
    # titles and offices (the people holding them are actors)
    "President",
    "Mr",
    "General",
    "Foreign Minister",
    "Chief",
    "Chief of Army Staff",
    "COAS",
    "Chief of General Staff",
    "CGS",
    "Col-Gen",
    "Military Chief",
    "Air Chief Marshal",
    "Air Commodore",
    "Special Envoy",
    "Chief Editor",
    # places used only as places (¶5's metonymic "Moscow"/"Islamabad" are noted on the actors)
    "Islamabad",
    "Moscow",
    "Kremlin",
    "New York",
    "Chicago",
    # demonyms and adjectives
    "Russian",
    "Pakistani",
    "Indian",
    "American",
    "Afghan",
    "South Asian",
    # a named event, and words naming the MoUs and a sector of the economy (¶7, ¶11)
    "Quadrilateral Summit",
    "MoUs",
    "Railways",
)

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_PATTERNS = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:{MONTHS})\b",
        r"\b(?:1[89]|20)\d\d(?:s)?\b",  # years and decades: 2003, 1990s
        r"\b(?:last|this|next|previous) (?:week|month|year)\b",
        r"\b(?:[Nn]ext|[Pp]revious|[Ff]ollowing) day\b",
        r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\b",
    )
)
DIGITS = re.compile(r"\$?\d+(?:[.,]\d+)*")
CAPITALISED = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*")
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[“\"(]?[A-Z0-9])")
OPENERS = ("“", '"', ":")  # a capitalised word right after these starts a (quoted) sentence

# (e) Words that signal an unnamed source: some actor citing the paragraph must have the given
# word in its name, aliases or role.
SOURCE_CUES = tuple(
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
# Words that signal an event: some event of one of the given kinds must cite the paragraph.
EVENT_CUES = tuple(
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
# Words that signal a project: some project with the given field value must cite the paragraph.
PROJECT_CUES = tuple(
    (re.compile(p), field, values)
    for p, field, values in (
        (r"\bmemorandums? of understanding\b|\bMoUs?\b", "kind", {"mou"}),
        (r"\b[Rr]ail(?:ways?)?\b", "sector", {"transport", "railways"}),
        (r"\bpipeline\b", "sector", {"energy"}),
    )
)

Span = tuple[int, int]
Data = dict[str, list[dict[str, Any]]]


# --- loading -------------------------------------------------------------------------------
@functools.cache
def _load(folder: Path) -> tuple[dict[int, str], Data]:
    paragraphs = yaml.safe_load((folder / "paragraphs.yaml").read_text(encoding="utf-8"))
    texts = {p["n"]: p["text"] for p in paragraphs["paragraphs"]}
    data: Data = {}
    for kind in ANNOTATION_KINDS:
        path = folder / f"{kind}.yaml"
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        data[kind] = list((loaded or {}).get(kind) or [])
    return texts, data


def load_article(folder: Path = ARTICLE_DIR) -> tuple[dict[int, str], Data]:
    """Paragraph texts by number, and the annotation records by kind (a fresh copy each call)."""
    texts, data = _load(folder)
    return dict(texts), copy.deepcopy(data)


# --- text helpers --------------------------------------------------------------------------
def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (also inside quotations)."""
    return [s for s in SENTENCE_BREAK.split(text) if s.strip()]


def phrase_spans(sentence: str, phrase: str) -> list[Span]:
    """Where ``phrase`` occurs in ``sentence`` as whole words (case-sensitive)."""
    if not phrase:
        return []
    pattern = r"(?<![A-Za-z0-9])" + re.escape(phrase) + r"(?![A-Za-z0-9])"
    return [m.span() for m in re.finditer(pattern, sentence)]


def _inside(span: Span, covers: list[Span]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in covers)


def _cites(record: dict[str, Any], n: int) -> bool:
    return n in (record.get("paragraphs") or ())


def actor_phrases(actors: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(name or alias, actor id) pairs, longest first: 'Pakistan Steel Mills' beats 'Pakistan'."""
    pairs = {(p, a["id"]) for a in actors for p in (a.get("name"), *(a.get("aliases") or ())) if p}
    return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0]))


def find_actor_mentions(
    sentence: str, phrases: list[tuple[str, str]]
) -> list[tuple[Span, str, str]]:
    """Non-overlapping actor mentions in a sentence, longest match first: (span, phrase, id)."""
    taken: list[Span] = []
    found: list[tuple[Span, str, str]] = []
    for phrase, actor_id in phrases:
        for span in phrase_spans(sentence, phrase):
            if any(span[0] < b and a < span[1] for a, b in taken):
                continue
            taken.append(span)
            found.append((span, phrase, actor_id))
    return found


def project_forms(project: dict[str, Any]) -> list[str]:
    """A project's name and the short form in its brackets: 'Iran-Pakistan gas pipeline (IP)'."""
    return [part.strip() for part in re.split(r"[()]", project.get("name") or "") if part.strip()]


# --- the check -----------------------------------------------------------------------------
def coverage_problems(
    paragraphs: dict[int, str],
    data: Data,
    non_actor_phrases: tuple[str, ...] = NON_ACTOR_PHRASES,
) -> list[str]:
    """One message per unannotated actor, date, figure or quotation, naming where it is."""
    problems: list[str] = []
    phrases = actor_phrases(data["actors"])
    actors_by_id = {a["id"]: a for a in data["actors"]}
    for n, text in sorted(paragraphs.items()):
        events = [e for e in data["events"] if _cites(e, n)]
        projects = [p for p in data["projects"] if _cites(p, n)]
        actor_words = " ".join(
            " ".join((a.get("name") or "", *(a.get("aliases") or ()), a.get("role") or ""))
            for a in data["actors"]
            if _cites(a, n)
        ).casefold()
        for i, sentence in enumerate(split_sentences(text), start=1):
            where = f"¶{n} sentence {i}"

            def report(what: str, where: str = where, sentence: str = sentence) -> None:
                problems.append(f"{where}: {what} «{sentence}»")

            # (a) actors named in the sentence must cite the paragraph
            mentions = find_actor_mentions(sentence, phrases)
            for _span, phrase, actor_id in mentions:
                if not _cites(actors_by_id[actor_id], n):
                    report(f"names {phrase!r} but actor {actor_id!r} does not cite ¶{n};")
            # projects named in the sentence must cite the paragraph too
            project_spans: list[Span] = []
            for project in data["projects"]:
                for form in project_forms(project):
                    spans = phrase_spans(sentence, form)
                    project_spans += spans
                    if spans and not _cites(project, n):
                        report(f"names {form!r} but project {project['id']!r} does not cite ¶{n};")
            # (a) every capitalised word that does not start a sentence must be accounted for
            covered = [span for span, _, _ in mentions] + project_spans
            covered += [s for phrase in non_actor_phrases for s in phrase_spans(sentence, phrase)]
            covered += [m.span() for pattern in DATE_PATTERNS for m in pattern.finditer(sentence)]
            for m in CAPITALISED.finditer(sentence):
                before = sentence[: m.start()].rstrip()
                if not before or before.endswith(OPENERS) or _inside(m.span(), covered):
                    continue
                report(
                    f"capitalised word {m.group()!r} is not part of any actor's name or alias "
                    "(add the actor, or list the word in NON_ACTOR_PHRASES);"
                )
            # (b) dates must sit inside the wording of an event citing the paragraph
            wordings = [(e.get("date") or {}).get("wording") or "" for e in events]
            wording_spans = [s for w in wordings for s in phrase_spans(sentence, w)]
            for pattern in DATE_PATTERNS:
                for m in pattern.finditer(sentence):
                    if not _inside(m.span(), wording_spans):
                        report(f"date {m.group()!r} is no date.wording of an event citing ¶{n};")
            # (c) figures must sit inside a figure wording, a project name or a date wording
            figure_spans = [
                s
                for p in projects
                for f in (p.get("figures") or ())
                for s in phrase_spans(sentence, f.get("wording") or "")
            ]
            own_project_spans = [
                s
                for p in projects
                for form in project_forms(p)
                for s in phrase_spans(sentence, form)
            ]
            for m in DIGITS.finditer(sentence):
                if not _inside(m.span(), figure_spans + own_project_spans + wording_spans):
                    report(f"figure {m.group()!r} is no figure wording of a project citing ¶{n};")
            # (e) cue words for unnamed sources, events and projects
            for pattern, word in SOURCE_CUES:
                for m in pattern.finditer(sentence):
                    if word not in actor_words:
                        report(
                            f"mentions {m.group()!r} but no actor citing ¶{n} has {word!r} "
                            "in its name, aliases or role;"
                        )
            for pattern, kinds in EVENT_CUES:
                for m in pattern.finditer(sentence):
                    if not any(e.get("kind") in kinds for e in events):
                        report(
                            f"mentions {m.group()!r} but no event of kind {sorted(kinds)} "
                            f"cites ¶{n};"
                        )
            for pattern, field, values in PROJECT_CUES:
                for m in pattern.finditer(sentence):
                    if not any(p.get(field) in values for p in projects):
                        report(
                            f"mentions {m.group()!r} but no project with {field} in "
                            f"{sorted(values)} cites ¶{n};"
                        )
        # (d) every quoted sentence is carried by a quote record of this paragraph
        quotes = [_normalise(q["text"]) for q in data["quotes"] if q.get("paragraph") == n]
        for passage in quoted_passages(text):
            opening = _normalise(passage)[:30]
            if opening and not any(q.startswith(opening) for q in quotes):
                problems.append(f"¶{n}: no quote record starts the quotation “{opening}…”")
            for sentence in split_sentences(passage):
                words = _normalise(sentence).strip(' "').rstrip(",.;")
                if words.endswith(":"):  # introduces a nested quotation (¶21): quoting text
                    continue
                if words and not any(words in q for q in quotes):
                    problems.append(f"¶{n}: the quoted words “{words}” are in no quote record")
    return problems


def quoted_passages(text: str) -> list[str]:
    """The text inside each pair of typographic quotation marks, nested pairs included.

    An opening mark that is never closed (¶21 has one) runs to the next opening mark or to the
    end of the paragraph.
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
    return passages


def _normalise(text: str) -> str:
    """Collapse whitespace and straighten typographic quotes, as the validator allows."""
    for curly, straight in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def reference_problems(paragraphs: dict[int, str], data: Data) -> list[str]:
    """Ids unique across files, paragraphs in range, actor/quote/node references resolving."""
    problems: list[str] = []
    seen: dict[str, str] = {}

    def claim_id(rid: str, where: str) -> None:
        if rid in seen:
            problems.append(f"{where}: id {rid!r} already used in {seen[rid]}")
        seen[rid] = where

    for kind in ANNOTATION_KINDS:
        for rec in data[kind]:
            claim_id(rec["id"], kind)
            for node in rec.get("nodes") or ():
                claim_id(node["id"], f"{kind}/{rec['id']}")
    actor_ids = {a["id"] for a in data["actors"]}
    quote_ids = {q["id"] for q in data["quotes"]}
    aliases: dict[str, str] = {}
    for a in data["actors"]:
        for p in (a["name"], *(a.get("aliases") or ())):
            other = aliases.setdefault(p.casefold(), a["id"])
            if other != a["id"]:
                problems.append(f"actors/{a['id']}: {p!r} also names {other!r}")

    def check_actor(value: Any, where: str) -> None:
        if value is not None and value not in actor_ids:
            problems.append(f"{where}: {value!r} is not an actor id")

    def check_paragraphs(numbers: Any, where: str) -> None:
        for n in numbers or ():
            if n not in paragraphs:
                problems.append(f"{where}: no paragraph {n}")

    for kind in ANNOTATION_KINDS:
        for rec in data[kind]:
            where = f"{kind}/{rec['id']}"
            check_paragraphs(rec.get("paragraphs"), where)
            if kind == "quotes":
                check_paragraphs([rec["paragraph"]], where)
                if _normalise(rec["text"]) not in _normalise(paragraphs.get(rec["paragraph"], "")):
                    problems.append(f"{where}: text is not verbatim in ¶{rec['paragraph']}")
            for field in (
                "affiliation",
                "speaker",
                "channel",
                "holder",
                "actor",
                "according_to",
                "source",
                "target",
            ):
                check_actor(rec.get(field), f"{where}.{field}")
            for field in ("participants", "parties", "about"):
                for value in rec.get(field) or ():
                    check_actor(value, f"{where}.{field}")
            if rec.get("quote") is not None and rec["quote"] not in quote_ids:
                problems.append(f"{where}.quote: {rec['quote']!r} is not a quote id")
            nodes = rec.get("nodes") or ()
            node_ids = {node["id"] for node in nodes}
            for node in nodes:
                check_paragraphs(node.get("paragraphs"), f"{where}/{node['id']}")
                if node.get("parent") is not None and node["parent"] not in node_ids:
                    problems.append(f"{where}/{node['id']}: parent {node['parent']!r} unknown")
    return problems


# --- tests ---------------------------------------------------------------------------------
def test_every_actor_date_figure_and_quotation_is_annotated() -> None:
    paragraphs, data = load_article()
    problems = coverage_problems(paragraphs, data)
    assert not problems, "unannotated mentions:\n" + "\n".join(problems)


def test_references_resolve() -> None:
    paragraphs, data = load_article()
    assert list(paragraphs) == list(range(1, len(paragraphs) + 1))
    problems = reference_problems(paragraphs, data)
    assert not problems, "\n".join(problems)


def test_sentence_splitting_keeps_quotations_apart() -> None:
    paragraphs, _ = load_article()
    sentences = split_sentences(paragraphs[16])
    assert sentences[0].startswith("According to Khalid Iqbal")
    assert sentences[-1].startswith("Obama had acted in a similar way")


def test_a_missing_actor_is_detected() -> None:
    paragraphs, data = load_article()
    data["actors"] = [a for a in data["actors"] if a["id"] != "kabulov"]
    problems = coverage_problems(paragraphs, data)
    assert any(p.startswith("¶21 ") and "'Kabulov'" in p for p in problems), problems


def test_a_missing_paragraph_citation_is_detected() -> None:
    paragraphs, data = load_article()
    obama = next(a for a in data["actors"] if a["id"] == "obama")
    obama["paragraphs"] = []
    problems = coverage_problems(paragraphs, data)
    assert any(p.startswith("¶16 ") and "actor 'obama' does not cite ¶16" in p for p in problems)


def test_a_missing_event_is_detected() -> None:
    paragraphs, data = load_article()
    data["events"] = [e for e in data["events"] if e["id"] != "butt-visit-moscow"]
    problems = coverage_problems(paragraphs, data)
    assert any(p.startswith("¶15 sentence 1") and "date 'August'" in p for p in problems), problems


def test_a_missing_figure_is_detected() -> None:
    paragraphs, data = load_article()
    for project in data["projects"]:
        if project["id"] == "psm-modernization":
            project["figures"] = []
    problems = coverage_problems(paragraphs, data)
    assert any(p.startswith("¶11 sentence 1") and "figure '$300'" in p for p in problems), problems


def test_a_missing_quote_is_detected() -> None:
    paragraphs, data = load_article()
    data["quotes"] = [
        q
        for q in data["quotes"]
        if q["id"] not in ("q-kabulov-afghanistan", "q-iqbal-nato-chicago")
    ]
    problems = coverage_problems(paragraphs, data)
    assert any(p.startswith("¶21: the quoted words “Our own experience") for p in problems)
    assert any(p.startswith("¶16: the quoted words “Obama had acted") for p in problems)


def test_a_missing_nested_quote_is_detected() -> None:
    paragraphs, data = load_article()
    data["quotes"] = [q for q in data["quotes"] if q["id"] != "q-silent-reset"]
    problems = coverage_problems(paragraphs, data)
    assert "¶18: no quote record starts the quotation “formalizing the silent reset…”" in problems


def test_a_missing_unnamed_source_is_detected() -> None:
    paragraphs, data = load_article()
    data["actors"] = [a for a in data["actors"] if a["id"] != "dawn-official"]
    problems = coverage_problems(paragraphs, data)
    assert any(p.startswith("¶5 sentence 1") and "'official'" in p for p in problems), problems


def test_a_missing_undated_event_is_detected() -> None:
    paragraphs, data = load_article()
    data["events"] = [e for e in data["events"] if e["id"] != "pakistan-military-statement"]
    problems = coverage_problems(paragraphs, data)
    assert any(p.startswith("¶13 sentence 1") and "'statement'" in p for p in problems), problems
