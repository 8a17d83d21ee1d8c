"""Typed records for one article and its annotations.

Every record is a frozen dataclass whose fields *are* the schema: the loader parses YAML into them
(:mod:`geokit.data.records`), the JSON Schema in each article folder is generated from them, and the
validator checks the cross-references between them. A field's ``metadata["doc"]`` is its
description in the JSON Schema, so an instructor's editor shows the same words as this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from geokit.data.questions import Bank
from geokit.data.records import doc
from geokit.data.rules import ID_PATTERN, Count, Filled, OneFilled, Pattern, RuleSet, When
from geokit.data.text import cite as _cite_numbers

if TYPE_CHECKING:  # exercise records build on this module; the loader attaches them
    from geokit.data.exercises import Borrowed, Exercise, WhatIf
    from geokit.data.sources import Explanation, RelatedSource, Trace

__all__ = [
    "ANNOTATION_KINDS",
    "Actor",
    "Argument",
    "ArgumentNode",
    "Article",
    "ArticleMeta",
    "Claim",
    "Event",
    "FigureValue",
    "FuzzyDate",
    "Interest",
    "OutsideFact",
    "Paragraph",
    "Place",
    "PlacesFile",
    "Project",
    "ProjectDrawing",
    "Quote",
    "Relation",
    "Source",
]


_ID = Pattern(name="id", regex=ID_PATTERN, message="ids are lower-case words joined by hyphens",
              expected="e.g. 'lavrov-visit'")
_CITES = Count(name="paragraphs", message="every record cites its paragraph(s)",
               expected="at least one paragraph number", show=lambda _: "none")
_ROOT = "an argument has exactly one root, its main claim"
_ROOT_EXPECTED = "one node with role 'claim' and parent null"
_PERSON = "a person needs a role and an affiliation"


#: the annotation record kinds, in the order files are read, exported and counted
ANNOTATION_KINDS = (
    "actors",
    "events",
    "projects",
    "quotes",
    "claims",
    "interests",
    "relations",
    "arguments",
    "context",
)

#: the description of every record's ``draft`` field
DRAFT_DOC = (
    "True while the record is a draft that nobody has confirmed (geokit new-article writes "
    "drafts). geokit validate counts drafts; geokit validate --strict fails on any."
)

ActorKind = Literal["state", "person", "organisation", "company", "media_outlet", "analyst"]
StatementKind = Literal["reported_fact", "attributed_claim", "opinion", "speculation"]
EventKind = Literal[
    "visit", "meeting", "summit", "commission_session", "signing", "statement", "invitation",
    "cancellation", "process",
]
EventStatus = Literal["took_place", "cancelled", "planned", "proposed"]
Stance = Literal["seeks", "supports", "opposes", "wary", "mixed"]
NodeRole = Literal["claim", "premise", "objection", "limit", "assumption"]
#: what a drawn project carries or is: the map's line style or marker for it
DrawingStyle = Literal["electricity", "gas", "transport", "steel", "power", "hydro"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the article body, copied verbatim from the captured page."""

    # a blank paragraph is a passage of no page (geokit.data.page): the schema says so too
    RULES: ClassVar[RuleSet] = (
        Filled(name="text", message="a paragraph has text", expected="the paragraph's words"),
    )

    n: int = doc("Paragraph number, from 1, in page order.")
    text: str = doc("The paragraph exactly as it stands in source.txt.")
    section: str | None = doc("The sub-heading the paragraph sits under, if any.", None)


@dataclass(frozen=True)
class ArticleMeta:
    """Bibliographic data for the article (``article.yaml``)."""

    id: str = doc("Short id used by load_article(), e.g. 'pakistan-russia-2012'.")
    title: str = doc("Headline as published.")
    author: str = doc("Author as given in the byline.")
    outlet: str = doc("Publication the article appeared in.")
    publisher: str = doc("Who publishes the outlet, as the page states it.")
    published: str = doc("Publication date, ISO 8601 (YYYY-MM-DD).")
    source_file: str = doc("The captured page, byte for byte, relative to the article folder.")
    language: str = doc("BCP 47 language tag of the text.", "en")
    url: str | None = doc("Where the page was captured from, if recorded.", None)
    capture_note: str = doc("How and when the page was captured; what is known of its origin.", "")
    attribution: str = doc("Attribution and fair-use statement shown with the text.", "")
    not_actors: tuple[str, ...] = doc(
        "Capitalised words and phrases of this text that name no actor (places, named events, "
        "words of the trade), so that geokit validate --coverage asks no record for them. Titles "
        "and demonyms ('Foreign Minister', 'Russian') are known already.",
        (),
    )


@dataclass(frozen=True)
class FuzzyDate:
    """A date at the precision the text allows, with the article's own wording kept.

    ``value`` is ISO 8601: ``2012-10-04`` (a day), ``2012-10`` (a month), ``2012`` (a year),
    ``2012-W40`` (an ISO week, for "last week"), or an interval ``2012-10-02/2012-10-03`` whose
    ends use any of those forms. ``None`` means the article gives no date at all.
    """

    value: str | None = doc("ISO 8601 date, week or interval; null when the article gives none.")
    wording: str = doc("The article's own words for the date, verbatim (e.g. 'last week').")
    note: str = doc("How the value was resolved, e.g. against the publication date.", "")


@dataclass(frozen=True)
class Actor:
    """A person, state, organisation, company, media outlet or analyst the article names."""

    RULES: ClassVar[RuleSet] = (
        _ID, _CITES,
        When("kind", "person", (
            Filled(name="role", message=_PERSON, expected="a value"),
            OneFilled(names=("affiliation", "note"), message=_PERSON,
                      expected="an actor id, or a note saying why the article leaves it open"),
        )),
    )

    id: str = doc("Canonical id, lower-case with hyphens, e.g. 'lavrov'.")
    name: str = doc("Display name.")
    kind: ActorKind = doc("What sort of actor this is.")
    paragraphs: tuple[int, ...] = doc("Paragraphs that name or refer to the actor.")
    aliases: tuple[str, ...] = doc("Other spellings and forms the article uses.", ())
    role: str | None = doc("For people: their office or position, as the article gives it.", None)
    affiliation: str | None = doc(
        "For people (and armed forces, delegations): id of the actor they act for or belong to.",
        None,
    )
    note: str = doc(
        "Anything a reader should know; context from outside the article names its source.", ""
    )
    draft: bool = doc(DRAFT_DOC, False)


@dataclass(frozen=True)
class Event:
    """A visit, meeting, summit, commission session, signing or statement."""

    RULES: ClassVar[RuleSet] = (_ID, _CITES)

    id: str = doc("Unique id.")
    title: str = doc("Short description in our words.")
    kind: EventKind = doc("What sort of event.")
    date: FuzzyDate = doc("When, at the precision the article allows.")
    paragraphs: tuple[int, ...] = doc("Paragraphs that report the event.")
    participants: tuple[str, ...] = doc("Actor ids of those who took part.", ())
    place: str | None = doc("Where, in the article's words (city or country).", None)
    status: EventStatus = doc("Whether it happened, as the article reports it.", "took_place")
    note: str = doc("Anything a reader should know.", "")
    draft: bool = doc(DRAFT_DOC, False)


@dataclass(frozen=True)
class FigureValue:
    """A number the article gives, with its unit and its original wording."""

    wording: str = doc(
        "The figure as the article writes it, verbatim (e.g. '$300 to $500 million')."
    )
    unit: str = doc("Unit, e.g. 'USD' or 'MW'.")
    low: float | None = doc("The value, or the low end of a range.", None)
    high: float | None = doc("The high end of a range; equal to low for a single value.", None)


@dataclass(frozen=True)
class Project:
    """A project, agreement or memorandum the article names."""

    RULES: ClassVar[RuleSet] = (_ID, _CITES)

    id: str = doc("Unique id.")
    name: str = doc("Name as the article gives it.")
    kind: Literal["project", "agreement", "mou"] = doc(
        "Project, agreement or memorandum of understanding."
    )
    status: str = doc("Status as the article reports it, in our words.")
    paragraphs: tuple[int, ...] = doc("Paragraphs that mention it.")
    parties: tuple[str, ...] = doc("Actor ids involved.", ())
    figures: tuple[FigureValue, ...] = doc("Amounts, capacities and other figures given.", ())
    sector: str = doc("Sector, e.g. 'energy', 'steel', 'transport'.", "")
    place: str | None = doc("Where, in the article's words.", None)
    note: str = doc("Anything a reader should know; outside context names its source.", "")
    draft: bool = doc(DRAFT_DOC, False)


@dataclass(frozen=True)
class Quote:
    """Words the article puts in quotation marks, verbatim, with speaker and channel."""

    RULES: ClassVar[RuleSet] = (_ID,)

    id: str = doc("Unique id.")
    text: str = doc("The quoted words, verbatim from the cited paragraph.")
    paragraph: int = doc("The paragraph the quote stands in.")
    speaker: str = doc("Actor id of who said or wrote it (may be an anonymous official).")
    channel: str | None = doc(
        "Actor id of the outlet or statement it reached the article through.", None
    )
    note: str = doc("Anything a reader should know.", "")
    draft: bool = doc(DRAFT_DOC, False)


@dataclass(frozen=True)
class Claim:
    """A statement in the article, classified by kind and attributed to who holds it."""

    RULES: ClassVar[RuleSet] = (_ID, _CITES)

    id: str = doc("Unique id.")
    text: str = doc("The claim in our words (or verbatim, in quotation marks, with a quote id).")
    kind: StatementKind = doc("Reported fact, attributed claim, opinion/analysis or speculation.")
    holder: str = doc("Actor id of who makes the claim (the author, an outlet, an analyst...).")
    paragraphs: tuple[int, ...] = doc("Paragraphs the claim comes from.")
    about: tuple[str, ...] = doc("Actor ids the claim is about.", ())
    quote: str | None = doc("Id of the quote that carries the claim, if any.", None)
    draft: bool = doc(DRAFT_DOC, False)


@dataclass(frozen=True)
class Interest:
    """What an actor wants on a topic, with the stance the article reports."""

    RULES: ClassVar[RuleSet] = (_ID, _CITES)

    id: str = doc("Unique id.")
    actor: str = doc("Actor id.")
    topic: str = doc("Topic id, shared across actors so stances can be compared.")
    topic_label: str = doc("Human-readable topic name.")
    stance: Stance = doc("The actor's stance on the topic.")
    summary: str = doc("What the actor wants, in our words.")
    paragraphs: tuple[int, ...] = doc("Paragraphs that report it.")
    according_to: str | None = doc(
        "Actor id of whose reading this is, when not the author's.", None
    )
    inferred: bool = doc(
        "True when the stance is our inference from the source's words, not a stance the source "
        "states; figures draw it apart and label it as ours.",
        False,
    )
    caveat: str = doc(
        "A limit on the stance that every display of it keeps (figure, alt text), e.g. what "
        "the cited paragraph does not say.",
        "",
    )
    draft: bool = doc(DRAFT_DOC, False)


@dataclass(frozen=True)
class Relation:
    """A typed, directed tie between two actors."""

    RULES: ClassVar[RuleSet] = (_ID, _CITES)

    id: str = doc("Unique id.")
    source: str = doc("Actor id the relation goes from.")
    target: str = doc("Actor id the relation goes to.")
    type: Literal[
        "cooperation",
        "rapprochement",
        "dependency",
        "rivalry",
        "historic_ties",
        "alliance",
        "opposition",
        "mistrust",
        "invitation",
        "diplomatic_snub",
        "pressure",
    ] = doc("What kind of tie.")
    paragraphs: tuple[int, ...] = doc("Paragraphs that support it.")
    directed: bool = doc("True when the tie runs one way (source acts on target).", True)
    note: str = doc("In our words.", "")
    according_to: str | None = doc(
        "Actor id of whose reading the tie is, when not the author's own reporting.", None
    )
    wording: str = doc(
        "The source's own word for the tie, verbatim, where the type is our plainer reading "
        "of it (e.g. 'strategic alliance').",
        "",
    )
    aimed_at: str | None = doc(
        "Id of the relation this tie is aimed at, when it is aimed at a relationship rather "
        "than at one actor (opposition to a rapprochement); figures draw it to that tie.",
        None,
    )
    draft: bool = doc(DRAFT_DOC, False)


@dataclass(frozen=True)
class ArgumentNode:
    """One step of an argument: the claim, a premise, an objection, a limit, an assumption."""

    RULES: ClassVar[RuleSet] = (
        _ID,
        When("stated", True, (
            Count(name="paragraphs", message="a stated step must cite its paragraph",
                  expected="at least one paragraph number", show=lambda _: "none"),
        )),
    )

    id: str = doc("Unique id.")
    role: NodeRole = doc("The node's role in the argument.")
    text: str = doc("The step in our words.")
    paragraphs: tuple[int, ...] = doc(
        "Paragraphs it comes from (empty only for an unstated assumption)."
    )
    parent: str | None = doc(
        "Id of the node this one supports or attacks; null for the main claim.", None
    )
    stated: bool = doc("False for an assumption the article leaves unstated.", True)


@dataclass(frozen=True)
class Argument:
    """An argument as a tree of claim, premises, objections and limits."""

    RULES: ClassVar[RuleSet] = (
        _ID,
        Count(name="nodes", at_most=1, where=(("parent", None),), message=_ROOT,
              expected=_ROOT_EXPECTED,
              show=lambda roots: ", ".join(f"{n.id} ({n.role})" for n in roots) or "no root"),
        Count(name="nodes", where=(("parent", None), ("role", "claim")), message=_ROOT,
              expected=_ROOT_EXPECTED, show=lambda _: "no root with role 'claim'"),
    )

    id: str = doc("Unique id.")
    title: str = doc("What the argument is about.")
    holder: str = doc("Actor id of who argues it.")
    nodes: tuple[ArgumentNode, ...] = doc("The claim first, then the nodes that hang from it.")
    draft: bool = doc(DRAFT_DOC, False)


@dataclass(frozen=True)
class Source:
    """Where a fact from outside the article comes from."""

    outlet: str = doc("Outlet or publisher, e.g. 'The Express Tribune' or 'World Bank'.")
    date: str = doc("Publication date, ISO 8601 as precise as known (YYYY-MM-DD, YYYY-MM, YYYY).")
    url: str = doc("Where it can be read; give this, a reference, or both.", "")
    reference: str = doc(
        "Bibliographic reference (author, title, volume, pages) where there is no URL.", ""
    )
    title: str = doc("Headline or title, as published.", "")
    excerpt: str = doc(
        "A short quotation from the source, only where a comparison needs its words.", ""
    )


@dataclass(frozen=True)
class OutsideFact:
    """A fact from outside the article, stated plainly, with the source it comes from."""

    id: str = doc("Unique id (unique across the whole article folder).")
    what: str = doc("The fact, as a plain statement in our words.")
    when: str = doc(
        "When it happened or held, ISO 8601 at the precision the source gives: a day, "
        "a month, a year, or an interval START/END."
    )
    source: Source = doc("Outlet or publisher, date, and URL or reference.")
    about: tuple[str, ...] = doc("Actor ids the fact is about, where the article names them.", ())
    paragraphs: tuple[int, ...] = doc("Paragraphs of the article it gives context to, if any.", ())
    note: str = doc("How the fact bears on the article, or what the source leaves open.", "")
    title: str = doc(
        "A short label (a few words) for figures such as the timeline; default: `what`.", ""
    )

    event: str = doc(
        "Id of the article's event this record dates from outside, where the sources date it "
        "differently; the timeline draws both, the outside record styled apart.", ""
    )
    draft: bool = doc(DRAFT_DOC, False)


@dataclass(frozen=True)
class Place:
    """A point on the regional map: a capital, a town, a site. Not from the article, so sourced."""

    id: str = doc("Unique id among the places, lower-case with hyphens, e.g. 'islamabad'.")
    name: str = doc("Name shown on the map.")
    lat: float = doc("Latitude in decimal degrees, -90 to 90 (north positive).")
    lon: float = doc("Longitude in decimal degrees, -180 to 180 (east positive).")
    source: str = doc("Where the coordinates come from (gazetteer, publication, or 'approximate').")
    capital_of: str | None = doc(
        "Actor id of the state whose capital this is; the map places that state here.", None
    )
    label_dx: float = doc("Where the label goes: degrees east of the point (west if negative).",
                          0.6)
    label_dy: float = doc("Where the label goes: degrees north of the point (south if negative).",
                          0.6)


@dataclass(frozen=True)
class ProjectDrawing:
    """How the regional map draws one or more projects: a route through places, or a site."""

    id: str = doc("Unique id among the drawings, e.g. 'casa-1000'.")
    label: str = doc("Label on the map.")
    kind: Literal["route", "site"] = doc("A route (two or more places) or a site (one place).")
    places: tuple[str, ...] = doc("Place ids, in the order the route runs (one for a site).")
    projects: tuple[str, ...] = doc("Ids from projects.yaml that this drawing shows.")
    style: DrawingStyle = doc("What it carries or is: sets the line style or marker.")
    note: str = doc("How it was placed, e.g. 'schematic: capital to capital'.", "")


@dataclass(frozen=True)
class PlacesFile:
    """places.yaml: the points the regional map uses and how it draws the article's projects."""

    places: tuple[Place, ...] = doc("Capitals, towns and sites, each with its source.")
    drawings: tuple[ProjectDrawing, ...] = doc("Routes and sites for the projects.", ())


@dataclass(frozen=True)
class Article:
    """One article: metadata, paragraphs and every annotation, loaded from one folder."""

    meta: ArticleMeta
    folder: str
    paragraphs: tuple[Paragraph, ...]
    source_text: str = field(repr=False)
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    projects: tuple[Project, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    interests: tuple[Interest, ...] = ()
    relations: tuple[Relation, ...] = ()
    arguments: tuple[Argument, ...] = ()
    context: tuple[OutsideFact, ...] = ()
    quiz_banks: tuple[Bank, ...] = field(default=(), repr=False)
    #: the article's lessons.yaml: each lesson and the objectives questions cite
    lessons: tuple[Any, ...] = field(default=(), repr=False)
    #: the article's exercises.yaml: its exercises, those it borrows, its what-if device
    exercises: tuple[Exercise, ...] = field(default=(), repr=False)
    borrowed_exercises: tuple[Borrowed, ...] = field(default=(), repr=False)
    what_if: WhatIf | None = field(default=None, repr=False)
    places: tuple[Place, ...] = ()
    drawings: tuple[ProjectDrawing, ...] = ()
    #: the article's sources.yaml: related reports and the spans traced to their wording
    sources: tuple[RelatedSource, ...] = field(default=(), repr=False)
    traces: tuple[Trace, ...] = field(default=(), repr=False)
    #: the article's briefs.yaml: the summit simulation's delegation briefs
    briefs: tuple[Any, ...] = field(default=(), repr=False)
    explanations: tuple[Explanation, ...] = field(default=(), repr=False)

    @property
    def id(self) -> str:
        return self.meta.id

    def paragraph(self, n: int) -> Paragraph:
        """Return paragraph ``n`` (numbered from 1).

        >>> import geokit
        >>> geokit.load_article("pakistan-russia-2012").paragraph(99)
        Traceback (most recent call last):
        ...
        LookupError: pakistan-russia-2012 has paragraphs 1-23; there is no paragraph 99
        """
        if isinstance(n, int) and 1 <= n <= len(self.paragraphs):
            return self.paragraphs[n - 1]
        raise LookupError(
            f"{self.id} has paragraphs 1-{len(self.paragraphs)}; there is no paragraph {n!r}"
        )

    @cached_property
    def _actor_index(self) -> dict[str, Actor]:
        index: dict[str, Actor] = {}
        for a in self.actors:
            for key in (a.id, a.name, *a.aliases):
                index.setdefault(key.casefold(), a)
        return index

    def actor(self, key: str) -> Actor:
        """Look an actor up by id, name or alias (case-insensitive); raise ``LookupError``.

        >>> import geokit
        >>> geokit.load_article("pakistan-russia-2012").actor("Kiani").id
        'kayani'
        """
        found = self._actor_index.get(str(key).casefold())
        if found is None:
            raise LookupError(f"{self.id} names no actor {key!r}; try article.actors for the list")
        return found

    def get_actor(self, key: str, default: Actor | None = None) -> Actor | None:
        """Like :meth:`actor`, but return ``default`` when there is no such actor."""
        return self._actor_index.get(str(key).casefold(), default)

    def record(self, record_id: str) -> Any:
        """Any annotation record by its id (actors, events, projects, quotes, ...)."""
        for kind in ANNOTATION_KINDS:
            for rec in getattr(self, kind):
                if rec.id == record_id:
                    return rec
        raise LookupError(f"{self.id} has no record with id {record_id!r}")

    @property
    def drafts(self) -> tuple[Any, ...]:
        """The records still marked ``draft: true``, in file order (actors first)."""
        return tuple(rec for kind in ANNOTATION_KINDS for rec in getattr(self, kind) if rec.draft)

    def cite(self, *numbers: int) -> str:
        """A citation string such as ``'¶5'`` or ``'¶5, ¶6'`` for paragraph numbers."""
        return _cite_numbers(numbers)

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(getattr(self, k))} {k}"
            for k in ANNOTATION_KINDS
        )
        return (
            f"<Article {self.id!r}: {self.meta.title!r} ({self.meta.outlet}, "
            f"{self.meta.published}); {len(self.paragraphs)} paragraphs; {counts}>"
        )
