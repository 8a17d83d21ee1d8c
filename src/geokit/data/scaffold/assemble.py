"""Turn what the finders found into draft records: plain mappings, ready to write as YAML."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from typing import Any

from geokit.data.scaffold.names import (
    Found,
    FoundProject,
    find_actors,
    find_projects,
    slug,
    whole_word,
)
from geokit.data.scaffold.spans import QuoteMention, find_figures, find_quotes, unnamed_source
from geokit.data.scaffold.when import DateMention, find_dates

__all__ = ["build_records"]

Record = dict[str, Any]

_EVENT_CUES = (
    (r"\bcancel|\bcalled off\b|\bpostpone", "cancellation"),
    (r"\bsummit\b", "summit"),
    (r"\bsign(?:ed|ing)\b", "signing"),
    (r"\bvisit|\barriv|\bflew\b|\btrip\b|\btravel", "visit"),
    (r"\bcommission\b", "commission_session"),
    (r"\bmet\b|\bmeet|\btalks\b|\bcalled on\b|\bdiscuss", "meeting"),
    (r"\binvit", "invitation"),
    (r"\bstatement\b|\bsaid\b|\bannounc|\bprotest|\btold\b|\bdeclar", "statement"),
)
_SPEAKER_ORDER = {"person": 0, "analyst": 0, "organisation": 1, "company": 1, "media_outlet": 1,
                  "state": 2}


def _number(value: float | None) -> float | int | None:
    """A whole number as an int (written 1320, not 1320.0)."""
    return int(value) if value is not None and value.is_integer() else value


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph."""
    cuts = [0, *(m.end() for m in re.finditer(r"[.!?][”\"]?\s+(?=[“\"A-Z])", text)), len(text)]
    return list(itertools.pairwise(cuts))


def _sentence_at(text: str, at: int) -> tuple[int, int, int]:
    """(index from 1, start, end) of the sentence holding offset ``at``."""
    spans = _sentences(text)
    for i, (a, b) in enumerate(spans, start=1):
        if a <= at < b:
            return i, a, b
    return len(spans), *spans[-1]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _named_in(text: str, actors: Sequence[Found]) -> list[tuple[int, Found]]:
    """(end offset, actor) for each actor named in ``text``, by name or alias."""
    out = []
    for a in actors:
        ends = [m.end() for x in (a.name, *a.aliases) for m in whole_word(x).finditer(text)]
        if ends:
            out.append((max(ends), a))
    return out


class _Builder:
    def __init__(self, paragraphs: Sequence[str], published: dt.date) -> None:
        self.paragraphs = paragraphs
        self.published = published
        self.actors = find_actors(paragraphs)
        self.ids = {a.id for a in self.actors}

    def new_id(self, base: str) -> str:
        rid, n = base, 2
        while rid in self.ids:
            rid, n = f"{base}-{n}", n + 1
        self.ids.add(rid)
        return rid

    # -- speakers ---------------------------------------------------------------------------
    def resolve(self, who: str, prefer_media: bool = False) -> Found | None:
        named = _named_in(who, self.actors)
        if not named:
            return None
        if prefer_media:
            media = [x for x in named if x[1].kind == "media_outlet"]
            named = media or named
        return min(named, key=lambda x: (_SPEAKER_ORDER.get(x[1].kind, 3), -x[0]))[1]

    def last_person_before(self, n: int, at: int) -> Found | None:
        for k in range(n, 0, -1):
            text = self.paragraphs[k - 1][: at if k == n else None]
            people = [x for x in _named_in(text, self.actors) if x[1].kind in ("person",
                                                                                "analyst")]
            if people:
                return max(people, key=lambda x: x[0])[1]
        return None

    def unnamed(self, desc: str, n: int) -> Found:
        name = f"{desc[0].upper()}{desc[1:]} quoted in ¶{n}"
        for a in self.actors:
            if a.name == name:
                return a
        kind = "analyst" if re.search(r"analyst|expert|observer", desc) else "person"
        found = Found(self.new_id(f"{slug(desc)}-p{n}"), name, kind, role=desc,
                      paragraphs={n},
                      note="Unnamed in the text. Whom they speak for, it does not say: set "
                      "affiliation, or keep this note saying so.")
        self.actors.append(found)
        return found

    def unknown_speaker(self, n: int) -> Found:
        for a in self.actors:
            if a.id.startswith("speaker-to-identify"):
                a.paragraphs.add(n)
                return a
        found = Found(self.new_id("speaker-to-identify"), "Speaker to identify", "person",
                      role="to identify", paragraphs={n},
                      note="geokit new-article found no attribution for the quotations that "
                      "name this speaker: read the text, and set the right speaker on each.")
        self.actors.append(found)
        return found

    def speaker(self, q: QuoteMention, previous: tuple[Found, Found | None] | None,
                ) -> tuple[Found, Found | None]:
        channel = self.resolve(q.channel, prefer_media=True) if q.channel else None
        if q.pronoun:
            person = self.last_person_before(q.paragraph, q.start)
            if person:
                return person, channel
        if q.who:
            found = self.resolve(q.who)
            if found:
                return found, channel
            desc = unnamed_source(q.who)
            if desc:
                return self.unnamed(desc, q.paragraph), channel
        if previous is not None:  # a quotation that runs on from the one before it
            return previous
        return self.unknown_speaker(q.paragraph), channel

    # -- records ------------------------------------------------------------------------------
    def quotes(self) -> list[Record]:
        out = []
        previous: tuple[Found, Found | None] | None = None
        last_paragraph = 0
        for q in find_quotes(self.paragraphs):
            if q.paragraph != last_paragraph:
                previous, last_paragraph = None, q.paragraph
            speaker, channel = self.speaker(q, previous)
            previous = (speaker, channel)
            speaker.paragraphs.add(q.paragraph)
            words = "-".join(slug(q.text).split("-")[:5])
            rec: Record = {"id": self.new_id(f"q{q.paragraph}-{words}"), "text": q.text,
                           "paragraph": q.paragraph, "speaker": speaker.id}
            if channel is not None:
                rec["channel"] = channel.id
            attribution = f"the words {q.who!r}" if q.who else "no attribution of its own"
            rec["note"] = f"Speaker found from {attribution}" + (
                f", carried by {q.channel!r}" if q.channel else "") + ": check it."
            out.append(rec)
        return out

    def events(self, dates: list[DateMention]) -> list[Record]:
        out = []
        for d in dates:
            text = self.paragraphs[d.paragraph - 1]
            _, a, b = _sentence_at(text, d.start)
            sentence = text[a:b]
            kind = next((k for rx, k in _EVENT_CUES if re.search(rx, sentence, re.I)), "process")
            status = ("cancelled" if kind == "cancellation" else "planned" if d.future
                      else "took_place")
            who = [x[1].id for x in sorted(_named_in(sentence, self.actors), key=lambda x: x[0])
                   if x[1].kind not in ("media_outlet", "analyst")]
            date: Record = {"value": d.value, "wording": d.wording}
            if d.note:
                date["note"] = d.note
            rec: Record = {"id": self.new_id(f"{slug(d.wording)}-p{d.paragraph}"),
                           "title": _short(sentence), "kind": kind, "status": status,
                           "date": date, "paragraphs": [d.paragraph]}
            if who:
                rec["participants"] = who
            rec["note"] = ("Draft from the date in this sentence: write the title in a few "
                           "words of your own; the kind and status are guesses.")
            out.append(rec)
        return out

    def projects(self) -> list[Record]:
        named = find_projects(self.paragraphs, self.ids)
        buckets: dict[tuple[int, int], FoundProject] = {}
        for f in find_figures(self.paragraphs):
            text = self.paragraphs[f.paragraph - 1]
            i, _a, b = _sentence_at(text, f.start)
            ahead = text[f.start:min(b, f.start + len(f.wording) + 60)]
            target = next((p for p in named if any(
                whole_word(form).search(ahead) for form in re.split(r"\s*[()]\s*", p.name)
                if form)), None)
            if target is None:
                key = (f.paragraph, i)
                if key not in buckets:
                    buckets[key] = FoundProject(
                        self.new_id(f"figures-p{f.paragraph}-s{i}"),
                        f"Figures in ¶{f.paragraph}, sentence {i}", "project", {f.paragraph},
                        note="Draft: the figures this sentence gives. Move each to the record "
                        "of what it measures, or name this record after it; delete what is "
                        "no project.")
                target = buckets[key]
            target.figures.append((f.wording, f.unit, f.low, f.high))
        out = []
        for p in [*named, *buckets.values()]:
            rec: Record = {"id": p.id, "name": p.name, "kind": p.kind,
                           "status": "to confirm: what the text says of it",
                           "paragraphs": sorted(p.paragraphs)}
            if p.figures:
                rec["figures"] = [{"wording": w, "unit": u, "low": _number(lo),
                                   "high": _number(hi)} for w, u, lo, hi in p.figures]
            if p.note:
                rec["note"] = p.note
            out.append(rec)
        return out

    def actor_records(self) -> list[Record]:
        ids = {a.id for a in self.actors}
        out = []
        for a in self.actors:
            rec: Record = {"id": a.id, "name": a.name, "kind": a.kind}
            if a.aliases:
                rec["aliases"] = a.aliases
            note = a.note
            if a.kind in ("person", "analyst"):
                rec["role"] = a.role or "to confirm"
                if a.affiliation in ids:
                    rec["affiliation"] = a.affiliation
                elif not note:
                    note = ("The text does not say here whom they act for: set affiliation, or "
                            "keep this note saying so.")
            if note:
                rec["note"] = note
            rec["paragraphs"] = sorted(a.paragraphs)
            out.append(rec)
        return out


def build_records(paragraphs: Sequence[str], published: dt.date) -> dict[str, list[Record]]:
    """Draft records of every kind the scaffolder finds, each marked ``draft: true``.

    Returns ``{"actors": [...], "events": [...], "projects": [...], "quotes": [...]}``.
    """
    b = _Builder(paragraphs, published)
    quotes = b.quotes()  # may add unnamed speakers to the actors
    events = b.events(find_dates(paragraphs, published))
    projects = b.projects()
    out = {"actors": b.actor_records(), "events": events, "projects": projects,
           "quotes": quotes}
    # draft: true second, under the id, where a reader looks first
    return {kind: [{"id": r["id"], "draft": True, **{k: v for k, v in r.items() if k != "id"}}
                   for r in records] for kind, records in out.items()}
