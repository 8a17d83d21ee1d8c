"""States, people, organisations and named projects in a text, proposed as draft actors.

- **States** come from the ISO 3166 country database (pycountry, loaded only here, on first
  use) and the gazetteer's short names ("Russia", "UK", "Turkey"); a demonym before a title
  ("Chinese Premier ...") names the person's state.
- **People** are found by a title or role before a name ("Foreign Minister Sana Rehmat",
  "analyst Omar Farooq"), by a role in apposition ("Omar Farooq, an analyst at ..."), and by the
  names the gazetteer knows. A surname standing alone elsewhere, or after Mr/Ms, is an alias.
- **Organisations** are capitalised names that end in an organisation word ("... Institute",
  "Ministry of ...") or that the gazetteer knows; a name ending in a media word ("... Times"), or
  after "the daily", is a media outlet. "India's foreign ministry" is an organisation too.
- **Projects** are capitalised names ending in a project word ("... Economic Corridor",
  "... Power Plant", "... Agreement").

Everything found is a draft: the instructor confirms it against the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from geokit.data.gazetteer import gazetteer

__all__ = ["Found", "FoundProject", "find_actors", "find_projects", "slug", "whole_word"]

_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.)"
_PARTICLE = r"(?:bin|ibn|ul|al|el|de|van|von|da)"
_NAME = rf"{_NAME_WORD}(?:\s(?:{_PARTICLE}\s|{_PARTICLE}-)?{_NAME_WORD}){{0,3}}"
_CONNECTORS = ("of", "for", "and", "the", "on", "de", "&")
_ROLE_NOUNS = (
    "analyst", "expert", "economist", "researcher", "scholar", "professor", "commentator",
    "spokesperson", "spokesman", "spokeswoman", "official", "diplomat", "minister", "adviser",
    "advisor", "ambassador", "envoy", "secretary", "chief", "director", "president", "premier",
    "general", "commander", "head", "chairman", "chairwoman", "chair", "leader", "editor",
    "correspondent", "governor", "senator", "lawmaker", "negotiator",
)
_ANALYST_NOUNS = ("analyst", "expert", "economist", "researcher", "scholar", "professor",
                  "commentator")
_UNIT_NOUNS = ("ministry", "army", "military", "navy", "air force", "government", "embassy",
               "foreign office", "parliament", "cabinet", "central bank", "delegation",
               "high commission", "senate", "armed forces", "intelligence agency")
_MEDIA_CUES = re.compile(r"\b(?:the\s+)?(?:daily|weekly|newspaper|news\s+agency|channel|"
                         r"broadcaster|paper|magazine|tabloid)\s+$", re.IGNORECASE)
_PROJECT_WORDS = ("Corridor", "Project", "Pipeline", "Plant", "Dam", "Port", "Railway",
                  "Highway", "Motorway", "Initiative", "Programme", "Program", "Agreement",
                  "Accord", "Treaty", "Pact", "Scheme", "Zone", "Mine", "Airport", "Line",
                  "Memorandum of Understanding", "Deal", "Framework")
_AGREEMENT_WORDS = {"Agreement": "agreement", "Accord": "agreement", "Treaty": "agreement",
                    "Pact": "agreement", "Deal": "agreement", "Framework": "agreement",
                    "Memorandum of Understanding": "mou"}
_TIME_WORDS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
}


@dataclass
class Found:
    """A draft actor being assembled."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    note: str = ""
    paragraphs: set[int] = field(default_factory=set)
    code: str = ""  # a state's ISO 3166 code
    wants: str = ""  # the name of its affiliation, as the gazetteer gives it, to look up


@dataclass
class FoundProject:
    """A draft project: a named one, or the figures of one sentence (see spans.py)."""

    id: str
    name: str
    kind: str
    paragraphs: set[int] = field(default_factory=set)
    note: str = ""
    figures: list[tuple[str, str, float | None, float | None]] = field(default_factory=list)


def slug(text: str) -> str:
    """A record id from words: 'Sana Rehmat' -> 'sana-rehmat'.

    >>> slug("China-Pakistan Economic Corridor (CPEC)")
    'china-pakistan-economic-corridor-cpec'
    """
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower())) or "record"


@functools.lru_cache(maxsize=4096)
def whole_word(phrase: str) -> re.Pattern[str]:
    """A pattern for ``phrase`` as whole words (case-sensitive)."""
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(phrase) + r"(?![A-Za-z0-9])")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def country_names() -> dict[str, str]:
    """``{name: ISO alpha-3 code}`` from pycountry and the gazetteer's short names."""
    import pycountry  # the one import of the country database: `import geokit` stays light

    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name and "," not in name and "(" not in name:
                out.setdefault(name, c.alpha_3)
    for s in gazetteer().states:
        for name in s.names:
            out[name] = s.code
    return out


def state_display_name(code: str) -> str:
    """'RUS' -> 'Russia': the gazetteer's short name, else pycountry's common or plain name."""
    import pycountry

    short = gazetteer().display_name(code)
    if short:
        return short
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


class _Actors:
    """The draft actors found so far, with unique ids and one owner per name."""

    def __init__(self) -> None:
        self.items: list[Found] = []
        self.by_name: dict[str, Found] = {}
        self.ids: set[str] = set()

    def new_id(self, base: str) -> str:
        rid, n = base, 2
        while rid in self.ids:
            rid, n = f"{base}-{n}", n + 1
        self.ids.add(rid)
        return rid

    def get(self, name: str) -> Found | None:
        return self.by_name.get(name.casefold())

    def add(self, name: str, kind: str, *, base: str | None = None, **kw: object) -> Found:
        found = self.get(name)
        if found is not None:
            return found
        found = Found(self.new_id(base or slug(name)), name, kind, **kw)  # type: ignore[arg-type]
        self.items.append(found)
        self.by_name[name.casefold()] = found
        return found

    def alias(self, actor: Found, alias: str) -> None:
        other = self.get(alias)
        if other is None:
            actor.aliases.append(alias)
            self.by_name[alias.casefold()] = actor


def _states(text: str, actors: _Actors, n: int) -> None:
    names = country_names()
    for m in _state_pattern().finditer(text):
        if text[: m.start()].endswith("New "):
            continue  # 'New Jersey'; 'Papua New Guinea' and 'New Zealand' are matched whole
        state = _state(actors, names[m[0]])
        state.paragraphs.add(n)
        if m[0] != state.name:
            actors.alias(state, m[0])


def _state(actors: _Actors, code: str) -> Found:
    for a in actors.items:
        if a.code == code:
            return a
    name = state_display_name(code)
    found = actors.add(name, "state")
    found.code = code
    return found


@functools.cache
def _state_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z0-9])(?:" + _alternation(country_names())
                      + r")(?![A-Za-z0-9])")


@functools.cache
def _title_pattern() -> re.Pattern[str]:
    g = gazetteer()
    states = _alternation([*country_names(), *g.demonyms()])
    titles = _alternation(g.titles)
    nouns = _alternation(_ROLE_NOUNS)
    return re.compile(
        rf"(?:(?P<pre>{states})(?:['’]s)?\s+)?"
        rf"(?P<title>(?:(?:former|retired|deputy|acting|senior|interim)\s+)?"
        rf"(?:{titles}|(?i:{nouns})))(?:,\s+|\s+)(?P<name>{_NAME})"
    )


def _clean_name(name: str) -> str:
    """Cut a name at the first word that cannot be part of it (a weekday, a state, a title, an
    organisation word) and at a possessive: 'Putin’s' is Putin."""
    g = gazetteer()
    stop = (_TIME_WORDS | set(g.titles) | set(g.demonyms()) | set(g.places)
            | set(country_names()) | set(g.organisation_words) | {"Staff"})
    out: list[str] = []
    for w in name.split():
        bare = re.sub(r"['’]s$", "", w)
        if w in stop or bare in stop:
            break
        out.append(bare)
        if bare != w:
            break
    return " ".join(out)


def _affiliation(actors: _Actors, pre: str | None) -> str | None:
    if not pre:
        return None
    code = country_names().get(pre) or gazetteer().state_codes().get(pre)
    return _state(actors, code).id if code else None


def _person(actors: _Actors, name: str, role: str, kind: str, n: int,
            affiliation: str | None) -> Found:
    found = actors.get(name)
    if found is None:
        surname = name.split()[-1]
        base = slug(surname) if len(name.split()) > 1 else slug(name)
        found = actors.add(name, kind, base=base, role=role, affiliation=affiliation)
    if not found.role:
        found.role = role
    if not found.affiliation and affiliation:
        found.affiliation = affiliation
    found.paragraphs.add(n)
    return found


def _is_other(actors: _Actors, name: str, kinds: tuple[str, ...] = ("person", "analyst")) -> bool:
    """Whether ``name`` is already something other than a person."""
    found = actors.get(name)
    return found is not None and found.kind not in kinds


def _after_name(text: str, end: int, actors: _Actors) -> str | None:
    """The organisation a name is 'of' or 'at' ('Omar Farooq of the Institute of ...')."""
    m = re.match(r"\s*,?\s+(?:of|at|from|with)\s+(?:the\s+)?", text[end:])
    if not m:
        return None
    rest = text[end + m.end():]
    best = None
    for a in actors.items:
        if a.kind != "state" and rest.startswith(a.name) and (best is None
                                                              or len(a.name) > len(best.name)):
            best = a
    return best.id if best else None


def _people(text: str, actors: _Actors, n: int) -> None:
    for m in _title_pattern().finditer(text):
        name = _clean_name(m["name"])
        if not name or _is_other(actors, name) or text[: m.start()].endswith(" of "):
            continue
        title = " ".join(m["title"].split())
        kind = "analyst" if title.lower() in _ANALYST_NOUNS else "person"
        where = _affiliation(actors, m["pre"]) or _after_name(text, m.start("name") + len(name),
                                                              actors)
        _person(actors, name, title, kind, n, where)
    apposition = re.compile(
        rf"(?P<name>{_NAME}),\s+(?:the|a|an)\s+(?P<role>[^,.;:“”\"]{{3,90}}?)(?=[,.;])")
    for m in apposition.finditer(text):
        role = m["role"].strip()
        if not any(re.search(rf"\b{noun}\b", role, re.IGNORECASE) for noun in _ROLE_NOUNS):
            continue
        name = _clean_name(m["name"])
        if len(name.split()) < 2 or _is_other(actors, name):
            continue
        kind = "analyst" if any(w in role.lower() for w in _ANALYST_NOUNS) else "person"
        dem = next((d for d in (*gazetteer().demonyms(), *country_names())
                    if whole_word(d).search(role)), None)
        where = _affiliation(actors, dem) or _after_name(text, m.start("role") - 1, actors)
        _person(actors, name, role, kind, n, where)


def _capitalised_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words, joined by 'of', 'for', 'and', 'the' (not at either end)."""
    tokens = list(re.finditer(r"[A-Za-z][\w'’.-]*|&", text))
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        if not tokens[i][0][0].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(tokens):
            gap = text[tokens[j].end():tokens[j + 1].start()]
            nxt = tokens[j + 1][0]
            if gap != " ":
                break
            if nxt[0].isupper():
                j += 1
            elif nxt in _CONNECTORS and j + 2 < len(tokens) and tokens[j + 2][0][0].isupper() \
                    and text[tokens[j + 1].end():tokens[j + 2].start()] == " ":
                j += 2
            else:
                break
        start, end = tokens[i].start(), tokens[j].end()
        runs.append((start, end, text[start:end].rstrip(".")))
        i = j + 1
    return runs


def _before_title(run: str, titles: set[str]) -> str:
    """A run cut where an office starts after its first word: 'Pakistan Army Chief General
    Kiani' is 'Pakistan Army' (its people are found by their titles)."""
    words = run.split()
    for i in range(1, len(words)):
        if any(" ".join(words[i:i + k]) in titles for k in (1, 2, 3, 4)):
            return " ".join(words[:i])
    return run


def _organisations(text: str, actors: _Actors, n: int) -> None:
    g = gazetteer()
    org_words = g.organisation_words
    media_words = set(g.media_words)
    titles = set(g.titles)
    for start, _end, whole in _capitalised_runs(text):
        run = _before_title(whole, titles)
        words = run.split()
        if (words[0] in ("The", "A", "An") and len(words) > 1
                and not _MEDIA_CUES.search(text[:start]) and words[-1] not in media_words):
            run, words = " ".join(words[1:]), words[1:]
        if any(run.startswith(t + " ") or run == t for t in titles):
            continue
        if re.sub(r"['’]s$", "", run) in country_names():
            continue
        media = words[-1] in media_words or bool(_MEDIA_CUES.search(text[:start]))
        org = any(whole_word(w).search(run) for w in org_words)
        if media and (len(words) > 1 or _MEDIA_CUES.search(text[:start])):
            actors.add(run, "media_outlet").paragraphs.add(n)
        elif org and len(words) > 1:
            actors.add(run, "organisation").paragraphs.add(n)
    states = _alternation([*country_names(), *g.demonyms()])
    units = _alternation(_UNIT_NOUNS)
    for m in re.finditer(rf"(?<![A-Za-z])(?P<whose>{states})(?:['’]s)?\s+"
                         rf"(?P<what>(?:[a-z]+\s+){{0,2}}(?:{units}))\b", text):
        actors.add(m[0], "organisation").paragraphs.add(n)


@functools.cache
def _known_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for every name and alias the gazetteer knows, and each one's entry."""
    entries: dict[str, int] = {}
    for i, k in enumerate(gazetteer().known):
        for name in (k.name, *k.aliases):
            entries.setdefault(name, i)
    return re.compile(r"(?<![A-Za-z0-9])(?:" + _alternation(entries) + r")(?![A-Za-z0-9])"), \
        entries


def _known(text: str, actors: _Actors, n: int) -> None:
    known = gazetteer().known
    pattern, entries = _known_pattern()
    for i in dict.fromkeys(entries[m[0]] for m in pattern.finditer(text)):
        k = known[i]
        found = actors.get(k.name)
        if found is None:
            found = actors.add(k.name, k.kind, role=k.role)
            if k.kind in ("person", "analyst"):
                found.note = (f"Known to geokit from {k.source}"
                              + (f" as {k.role}" if k.role else "")
                              + (f" ({k.affiliation})" if k.affiliation else "")
                              + ": check the role and affiliation this text gives.")
                found.wants = k.affiliation or ""
        found.paragraphs.add(n)
        for name in k.aliases:  # every form the text uses, a longer one's parts included
            if whole_word(name).search(text):
                actors.alias(found, name)


def _aliases(paragraphs: Sequence[str], actors: _Actors) -> None:
    """Surnames standing alone, 'Mr X', and acronyms in brackets after a name."""
    for a in actors.items:
        if a.kind in ("person", "analyst") and len(a.name.split()) > 1:
            surname = a.name.split()[-1]
            others = [b for b in actors.items if b is not a and b.kind in ("person", "analyst")
                      and b.name.split()[-1] == surname]
            for form in (surname, f"Mr {surname}", f"Ms {surname}", f"Mrs {surname}",
                         f"Dr {surname}"):
                if not others and actors.get(form) is None and any(
                        _stands_alone(p, form, a) for p in paragraphs):
                    actors.alias(a, form)
        for text in paragraphs:
            m = re.search(re.escape(a.name) + r"\s+\((?P<short>[A-Z][A-Za-z0-9-]{1,10})\)", text)
            if m and actors.get(m["short"]) is None and _initials(m["short"], a.name):
                actors.alias(a, m["short"])


def _initials(short: str, name: str) -> bool:
    """Whether ``short`` abbreviates ``name``: 'ISPR' for 'Inter-Services Public Relations'."""
    capitals = iter(c for c in name if c.isupper())
    letters = [c for c in short if c.isupper()]
    return len(letters) >= 2 and all(c in capitals for c in letters)


def _stands_alone(text: str, form: str, actor: Found) -> bool:
    """Whether ``form`` occurs in ``text`` outside the actor's full name."""
    masked = whole_word(actor.name).sub(lambda m: "#" * len(m[0]), text)
    return bool(whole_word(form).search(masked))


def find_actors(paragraphs: Sequence[str]) -> list[Found]:
    """The draft actors of ``paragraphs``, each citing the paragraphs that name it."""
    actors = _Actors()
    for n, text in enumerate(paragraphs, start=1):
        _states(text, actors, n)
    for n, text in enumerate(paragraphs, start=1):
        _known(text, actors, n)
        _organisations(text, actors, n)
        _people(text, actors, n)
    _aliases(paragraphs, actors)
    for a in actors.items:  # affiliations the gazetteer names: the actor, if the text has it
        if a.wants and not a.affiliation:
            code = country_names().get(a.wants)
            found = next((b for b in actors.items if b.code == code), None) if code else None
            found = found or actors.get(a.wants)
            a.affiliation = found.id if found is not None and found is not a else None
    for a in actors.items:  # every paragraph naming it, by name or alias
        for n, text in enumerate(paragraphs, start=1):
            if any(whole_word(x).search(text) for x in (a.name, *a.aliases)):
                a.paragraphs.add(n)
    return [a for a in actors.items if a.paragraphs]


def find_projects(paragraphs: Sequence[str], taken: set[str]) -> list[FoundProject]:
    """Named projects and agreements (``taken``: ids in use already)."""
    out: dict[str, FoundProject] = {}
    words = _alternation(_PROJECT_WORDS)
    places = set(gazetteer().places)
    for n, text in enumerate(paragraphs, start=1):
        for _start, end, run in _capitalised_runs(text):
            m = re.search(rf"(?:^|\s)(?P<word>{words})$", run)
            if not m or run in places or len(run.split()) < 2:
                continue
            short = re.match(r"\s+\((?P<short>[A-Z][A-Za-z0-9-]{1,10})\)", text[end:])
            name = run + (f" ({short['short']})" if short else "")
            if run.startswith(("The ", "A ")):
                name = name.split(" ", 1)[1]
            key = name.casefold()
            if key not in out:
                rid, i = slug(name), 2
                while rid in taken:
                    rid, i = f"{slug(name)}-{i}", i + 1
                taken.add(rid)
                out[key] = FoundProject(rid, name, _AGREEMENT_WORDS.get(m["word"], "project"))
            out[key].paragraphs.add(n)
    for p in out.values():  # and every paragraph naming it
        forms = [f.strip() for f in re.split(r"[()]", p.name) if f.strip()]
        for n, text in enumerate(paragraphs, start=1):
            if any(whole_word(f).search(text) for f in forms):
                p.paragraphs.add(n)
    return list(out.values())
