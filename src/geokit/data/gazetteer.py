"""The kit's gazetteer: words for recognising states, people and organisations in a new text.

Two files beside this module: ``gazetteer.yaml``, written by hand (short names and demonyms of
states, titles, organisation and media words, places, well-known organisations), and
``gazetteer-grown.yaml``, grown from the ``actors.yaml`` of the articles that ``grown_from``
lists (:func:`write_grown`; ``make gazetteer``). ``geokit new-article`` uses both to propose
draft actors; ``geokit validate --coverage`` uses the titles, demonyms and places as words that
name no actor.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from geokit.data.loader import load_article
from geokit.data.model import ActorKind, Article
from geokit.data.records import Context, doc, parse_record
from geokit.data.yamlio import load_yaml
from geokit.errors import GeokitDataError

__all__ = ["GROWN_FILE", "HAND_FILE", "Gazetteer", "Known", "State", "gazetteer", "grow",
           "grown_text", "write_grown"]

HAND_FILE = Path(__file__).with_name("gazetteer.yaml")
GROWN_FILE = Path(__file__).with_name("gazetteer-grown.yaml")

T = TypeVar("T")


@dataclass(frozen=True)
class State:
    """Short names and demonyms of one state, by its ISO 3166-1 alpha-3 code."""

    code: str = doc("ISO 3166-1 alpha-3 code, e.g. 'RUS'.")
    names: tuple[str, ...] = doc("Short names; the first is the display name.", ())
    demonyms: tuple[str, ...] = doc("Adjectives and nouns for the state's people.", ())


@dataclass(frozen=True)
class Known:
    """A person, organisation, company or media outlet the kit knows by name."""

    name: str = doc("Display name.")
    kind: ActorKind = doc("What sort of actor.")
    aliases: tuple[str, ...] = doc("Other forms texts use.", ())
    role: str | None = doc("For people: the role their article gave them.", None)
    affiliation: str | None = doc("For people: the name of whom they act for.", None)
    source: str = doc("The article it was grown from; empty for the hand-written list.", "")


@dataclass(frozen=True)
class _HandFile:
    grown_from: tuple[str, ...] = doc("Article ids the grown file comes from.", ())
    states: tuple[State, ...] = doc("States.", ())
    titles: tuple[str, ...] = doc("Titles and forms of address.", ())
    organisation_words: tuple[str, ...] = doc("Words that make a name an organisation.", ())
    media_words: tuple[str, ...] = doc("Words that make a name a media outlet.", ())
    places: tuple[str, ...] = doc("Places that are not actors.", ())
    known: tuple[Known, ...] = doc("Organisations and outlets by name.", ())


@dataclass(frozen=True)
class _GrownFile:
    known: tuple[Known, ...] = doc("Named actors of the articles in grown_from.", ())


@dataclass(frozen=True)
class Gazetteer:
    """Everything both files hold, read once (see :func:`gazetteer`)."""

    grown_from: tuple[str, ...]
    states: tuple[State, ...]
    titles: tuple[str, ...]
    organisation_words: tuple[str, ...]
    media_words: tuple[str, ...]
    places: tuple[str, ...]
    known: tuple[Known, ...]

    def state_codes(self) -> dict[str, str]:
        """``{short name or demonym: code}``: every word naming or describing a state."""
        out: dict[str, str] = {}
        for s in self.states:
            for word in (*s.names, *s.demonyms):
                out.setdefault(word, s.code)
        return out

    def display_name(self, code: str) -> str | None:
        """The short name the kit shows for a state code, if the gazetteer has one."""
        return next((s.names[0] for s in self.states if s.code == code and s.names), None)

    def demonyms(self) -> tuple[str, ...]:
        return tuple(d for s in self.states for d in s.demonyms)


def _read(path: Path, cls: type[T], what: str) -> T:
    ctx = Context(path.name)
    rec = parse_record(cls, load_yaml(path), ctx, what)
    if ctx.problems or rec is None:
        raise GeokitDataError(ctx.problems)
    return rec


@functools.cache
def gazetteer() -> Gazetteer:
    """The kit's gazetteer, read from its two files on first use.

    >>> "Foreign Minister" in gazetteer().titles
    True
    >>> gazetteer().state_codes()["Russia"]
    'RUS'
    """
    hand = _read(HAND_FILE, _HandFile, "gazetteer")
    grown = _read(GROWN_FILE, _GrownFile, "gazetteer-grown") if GROWN_FILE.exists() else None
    known = hand.known + (grown.known if grown is not None else ())
    return Gazetteer(hand.grown_from, hand.states, hand.titles, hand.organisation_words,
                     hand.media_words, hand.places, known)


# -- growing it from the kit's own articles -----------------------------------------------------

_LOWER_WORD = re.compile(r"(?:^|\s)(?!(?:of|the|for|and|al|bin|de|van|von|e)\b)[a-z]")


def _proper(name: str) -> bool:
    """A proper name ('Pakistan Air Force'), not a description ('Official quoted by Dawn')."""
    return bool(name) and name[0].isupper() and not _LOWER_WORD.search(name)


def grow(articles: Iterable[Article], known: Iterable[Known] = ()) -> list[Known]:
    """The named people and organisations of ``articles``, as gazetteer entries.

    States are left out (the country database knows them), and so are descriptions standing in
    for a name ("Official quoted by Dawn", "Diplomatic observers") and names ``known`` has
    already; aliases are kept only where they are names too.
    """
    out: list[Known] = []
    seen = {n.casefold() for k in known for n in (k.name, *k.aliases)}
    for article in articles:
        names = {a.id: a.name for a in article.actors}
        for a in article.actors:
            if a.kind == "state" or not _proper(a.name) or a.name.casefold() in seen:
                continue
            seen.add(a.name.casefold())
            aliases = tuple(x for x in a.aliases if _proper(x))
            out.append(Known(a.name, a.kind, aliases, a.role,
                             names.get(a.affiliation or ""), article.id))
    return out


class _Flow(list):  # type: ignore[type-arg]
    """A list YAML writes on one line: [a, b]."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def grown_text(articles: Iterable[Article], known: Iterable[Known] = ()) -> str:
    """The text of ``gazetteer-grown.yaml`` for ``articles`` (leaving out names ``known`` has)."""
    entries = []
    for k in grow(articles, known):
        entry: dict[str, object] = {"name": k.name, "kind": k.kind}
        if k.aliases:
            entry["aliases"] = _Flow(k.aliases)
        if k.role:
            entry["role"] = k.role
        if k.affiliation:
            entry["affiliation"] = k.affiliation
        entry["source"] = k.source
        entries.append(entry)
    header = (
        "# Grown from the actors.yaml of the articles gazetteer.yaml lists under grown_from, by\n"
        "# geokit.data.gazetteer.write_grown (make gazetteer). Do not edit: edit the articles.\n"
        "# A role is the one the source article gave, at its date.\n"
    )
    return header + yaml.dump({"known": entries}, Dumper=_Dumper, allow_unicode=True,
                              sort_keys=False, width=100)


def write_grown(path: Path = GROWN_FILE) -> Path:
    """Regrow ``gazetteer-grown.yaml`` from the articles ``grown_from`` names; return its path."""
    hand = _read(HAND_FILE, _HandFile, "gazetteer")
    text = grown_text((load_article(i) for i in hand.grown_from), hand.known)
    path.write_text(text, encoding="utf-8")
    gazetteer.cache_clear()
    return path
