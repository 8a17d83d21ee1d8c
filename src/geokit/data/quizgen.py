"""Draft question banks generated from an article's own records (``geokit quiz generate``).

Six families of question, each built only from records the article already has:

- ``quotes``: who is quoted saying a quotation, and through which outlet or channel;
- ``dates``: when a dated event happened (the record's ISO value, with the article's wording);
- ``evidence``: which paragraph supports a claim;
- ``roles``: match people to the offices the article gives them;
- ``order``: put the dated events in order;
- ``kinds``: classify a claim as a reported fact, an attributed claim, an opinion or speculation.

Every wrong option (a distractor) is another record of the same article: another speaker,
another event's date, another claim's paragraph. A question is left out when the article has
too few records to give it a distinct distractor, never padded with invented text. Every
question cites its paragraphs, and each is a draft: the YAML marks it with a comment for the
instructor to keep, edit or drop. The correct option moves round the positions, so the key
forms no pattern (see :func:`geokit.data.banks.bank_warnings`).

The result is checked as ``geokit validate`` would check a bank beside the article; a question
that fails (odd data, say) is left out and named, never written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from geokit.data.banks import parse_bank, quoted_phrases
from geokit.data.dates import date_bounds
from geokit.data.model import Actor, Article, Claim, Event, Quote
from geokit.data.text import cite, normalise, option_ids

__all__ = ["FAMILIES", "KIND_LABELS", "Generated", "bank_yaml", "generate_bank"]

#: the families of question, in the order the bank lists them
FAMILIES: tuple[str, ...] = ("quotes", "dates", "evidence", "roles", "order", "kinds")

#: how the classification question names each statement kind
KIND_LABELS: dict[str, str] = {
    "reported_fact": "a reported fact",
    "attributed_claim": "an attributed claim",
    "opinion": "an opinion or analysis",
    "speculation": "speculation",
}

_MAX_OPTIONS = 4  # the correct option and up to three distractors
_MAX_QUOTE_WORDS = 14  # a long quotation is shown by its opening words


@dataclass
class Generated:
    """A generated bank: its questions (plain dicts, in bank order) and what was left out."""

    bank_id: str
    title: str
    description: str
    questions: list[dict[str, Any]] = field(default_factory=list)
    #: ``question id: why`` for each question that could not be made or did not validate
    left_out: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.bank_id, "title": self.title, "description": self.description,
                "questions": self.questions}


class _Keys:
    """Where each single-choice question puts its correct option: round the positions."""

    def __init__(self) -> None:
        self.n = 0

    def place(self, right: dict[str, Any], wrong: list[dict[str, Any]]) -> list[dict[str, Any]]:
        at = self.n % (len(wrong) + 1)
        self.n += 1
        options = [*wrong[:at], right, *wrong[at:]]
        # ids from the options' own words: students see them, so no letter that follows the key
        ids = option_ids([str(o["text"]) for o in options])
        return [{"id": oid, **o} for oid, o in zip(ids, options, strict=True)]


def _slug(text: str, limit: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:limit].rstrip("-") or "item"


def _distinct(values: Iterator[str] | list[str], exclude: str, limit: int) -> list[str]:
    """Up to ``limit`` values, none blank, none equal (ignoring case and spacing) to another
    or to ``exclude``."""
    seen = {normalise(exclude).casefold()}
    out = []
    for v in values:
        key = normalise(v).casefold()
        if v.strip() and key not in seen:
            seen.add(key)
            out.append(v)
        if len(out) == limit:
            break
    return out


def _shown_quote(q: Quote) -> str | None:
    """The quotation's words as the prompt shows them (its opening words if long), or None when
    they cannot be put in double quotation marks (they hold some of their own)."""
    text = normalise(q.text).strip()
    if not text or '"' in text or "\u201c" in text or "\u201d" in text:
        return None
    words = text.split()
    if len(words) > _MAX_QUOTE_WORDS:
        text = " ".join(words[:_MAX_QUOTE_WORDS])
        return f"{text} ..."
    return text


def _prompt_quote(shown: str) -> str:
    # the ellipsis stays outside the quotation marks: only the article's own words go inside
    if shown.endswith(" ..."):
        return f'"{shown[:-4]}" ...'
    return f'"{shown}"'


def _name(art: Article, actor_id: str | None) -> str | None:
    actor = art.get_actor(actor_id) if actor_id else None
    return actor.name if actor else None


def _quote_questions(art: Article, keys: _Keys) -> Iterator[dict[str, Any]]:
    speakers = [a for a in art.actors if a.kind in ("person", "analyst")]
    speakers += [a for a in art.actors if a.kind not in ("person", "analyst")]
    channels = [a for a in art.actors if a.kind in ("media_outlet", "organisation")]
    for q in art.quotes:
        shown = _shown_quote(q)
        speaker = _name(art, q.speaker)
        if shown is None or speaker is None:
            continue
        quoted = _prompt_quote(shown)
        para = cite([q.paragraph])
        # the other speakers of the article's quotations first, then its other people
        others = [_name(art, o.speaker) or "" for o in art.quotes if o.speaker != q.speaker]
        wrong = _distinct(iter([*others, *(a.name for a in speakers if a.id != q.speaker)]),
                          speaker, _MAX_OPTIONS - 1)
        if wrong:
            yield {
                "id": f"gen-said-{_slug(q.id)}",
                "type": "single_choice",
                "paragraphs": [q.paragraph],
                "objective": "Say whose words a quotation is.",
                "level": "remember",
                "prompt": f"Who does the article quote as saying {quoted}?",
                "explanation": f"{para} gives these words to {speaker}. Check who is speaking "
                               "before you use a quotation: the article reports it, it does not "
                               "say it itself.",
                "options": keys.place(
                    {"text": speaker, "correct": True,
                     "feedback": f"Right: {para} gives these words to {speaker}."},
                    [{"text": w, "feedback": f"Not {w}: reread {para} and find who is "
                      "speaking."} for w in wrong]),
            }
        channel = _name(art, q.channel) if q.channel and q.channel != q.speaker else None
        if channel is None:
            continue
        wrong = _distinct(iter([*(_name(art, o.channel) or "" for o in art.quotes
                                  if o.channel not in (None, q.channel)),
                                *(a.name for a in channels if a.id != q.channel)]),
                          channel, _MAX_OPTIONS - 1)
        if wrong:
            yield {
                "id": f"gen-channel-{_slug(q.id)}",
                "type": "single_choice",
                "paragraphs": [q.paragraph],
                "objective": "Say through whom the article knows a quotation.",
                "level": "understand",
                "prompt": f"{speaker} is quoted as saying {quoted}. Through whom does the "
                          "article report these words?",
                "explanation": f"{para} reports the words through {channel}: the article did "
                               f"not hear {speaker} itself, so it depends on {channel}'s "
                               "account.",
                "options": keys.place(
                    {"text": channel, "correct": True,
                     "feedback": f"Right: {para} reports them through {channel}."},
                    [{"text": w, "feedback": f"{w} does not carry these words; reread "
                      f"{para}."} for w in wrong]),
            }


def _dated(art: Article) -> list[Event]:
    """The events with a date value that can be read, earliest first."""
    out = []
    for e in art.events:
        try:
            if e.date.value:
                date_bounds(e.date.value)
                out.append(e)
        except ValueError:
            continue
    return sorted(out, key=lambda e: date_bounds(e.date.value or "")[0])


def _date_questions(art: Article, keys: _Keys) -> Iterator[dict[str, Any]]:
    events = _dated(art)
    for e in events:
        value = e.date.value or ""
        wrong = _distinct(iter([o.date.value or "" for o in events if o is not e]), value,
                          _MAX_OPTIONS - 1)
        if not wrong:
            continue
        para = cite(e.paragraphs)
        how = f" ({e.date.note})" if e.date.note else ""
        # a cancelled or planned event did not happen: ask when it was dated
        when = "did this happen" if e.status == "took_place" else "is this dated"
        yield {
            "id": f"gen-when-{_slug(e.id)}",
            "type": "single_choice",
            "paragraphs": list(e.paragraphs),
            "objective": "Date an event from the article's wording.",
            "level": "apply",
            "prompt": f"By the article's account, when {when}: {e.title}? Dates are ISO "
                      "8601 (YYYY-MM-DD, YYYY-MM, or YYYY-Www for a week).",
            "explanation": f"{para} dates it '{e.date.wording}', which gives {value}{how}.",
            "options": keys.place(
                {"text": value, "correct": True,
                 "feedback": f"Right: '{e.date.wording}' in {para} gives {value}."},
                [{"text": w, "feedback": f"{w} is the date of another event in the article; "
                  f"reread {para}."} for w in wrong]),
        }


def _claim_text(c: Claim) -> str | None:
    """The claim as a prompt may show it: quoted phrases must be verbatim in its paragraphs."""
    return c.text.strip() or None


def _evidence_questions(art: Article, keys: _Keys) -> Iterator[dict[str, Any]]:
    for c in art.claims:
        text = _claim_text(c)
        if text is None:
            continue
        own = sorted(set(c.paragraphs))
        others = [n for o in art.claims if o is not c for n in o.paragraphs if n not in own]
        wrong = sorted(set(others), key=others.index)[:_MAX_OPTIONS - len(own)]
        if not wrong:
            continue
        para = cite(own)
        yield {
            "id": f"gen-evidence-{_slug(c.id)}",
            "type": "evidence",
            "paragraphs": own,
            "objective": "Find the paragraph that supports a statement.",
            "level": "understand",
            "prompt": f"Which paragraph supports this statement? {text}",
            "explanation": f"The statement rests on {para}. The other paragraphs offered "
                           "support other statements in the article.",
            "evidence": own,
            "candidates": sorted({*own, *wrong}),
        }


def _people_with_roles(art: Article) -> list[Actor]:
    out: list[Actor] = []
    roles: set[str] = set()
    for a in art.actors:
        role = normalise(a.role or "").casefold()
        if a.kind in ("person", "analyst") and role and role not in roles:
            roles.add(role)
            out.append(a)
    return out


def _role_questions(art: Article, keys: _Keys) -> Iterator[dict[str, Any]]:
    people = _people_with_roles(art)[:6]
    if len(people) < 2:
        return
    paragraphs = sorted({a.paragraphs[0] for a in people if a.paragraphs})
    yield {
        "id": "gen-match-roles",
        "type": "matching",
        "paragraphs": paragraphs,
        "objective": "Match the people to the offices the article gives them.",
        "level": "remember",
        "prompt": "Match each person to the role the article gives them.",
        "explanation": "; ".join(f"{a.name}: {a.role} ({cite(a.paragraphs[:1])})"
                                 for a in people) + ".",
        "pairs": [{"left": a.name, "right": a.role or "",
                   "feedback": f"{cite(a.paragraphs[:1])} calls {a.name} {a.role}."}
                  for a in people],
    }


def _order_questions(art: Article, keys: _Keys) -> Iterator[dict[str, Any]]:
    events, starts, titles = [], set(), set()
    for e in _dated(art):
        start = date_bounds(e.date.value or "")[0]
        title = normalise(e.title).casefold()
        if start not in starts and title not in titles:
            starts.add(start)
            titles.add(title)
            events.append(e)
    events = events[:5]
    if len(events) < 3:
        return
    yield {
        "id": "gen-order-events",
        "type": "ordering",
        "paragraphs": sorted({n for e in events for n in e.paragraphs}),
        "objective": "Place the article's events in time.",
        "level": "apply",
        "prompt": "Put these events in order, earliest first.",
        "explanation": "; ".join(f"{e.title}: {e.date.value} ('{e.date.wording}', "
                                 f"{cite(e.paragraphs)})" for e in events) + ".",
        "items": [e.title for e in events],
    }


def _kind_questions(art: Article, keys: _Keys) -> Iterator[dict[str, Any]]:
    for c in art.claims:
        text = _claim_text(c)
        if text is None:
            continue
        para = cite(c.paragraphs)
        holder = _name(art, c.holder) or c.holder
        right = KIND_LABELS[c.kind]
        wrong = [label for kind, label in KIND_LABELS.items() if kind != c.kind]
        yield {
            "id": f"gen-kind-{_slug(c.id)}",
            "type": "single_choice",
            "paragraphs": list(c.paragraphs),
            "objective": "Tell a reported fact from a claim, an opinion and speculation.",
            "level": "analyse",
            "prompt": f"As the article presents it, what kind of statement is this? {text}",
            "explanation": f"In {para} the statement is {holder}'s, and it is {right}: "
                           "ask who says it and how sure the wording is.",
            "options": keys.place(
                {"text": right, "correct": True,
                 "feedback": f"Right: {para} gives it as {right}, held by {holder}."},
                [{"text": w, "feedback": f"Reread {para}: who says it ({holder}), and how "
                  f"sure is the wording? It is {right}."} for w in wrong]),
        }


_BUILDERS: dict[str, Callable[[Article, _Keys], Iterator[dict[str, Any]]]] = {
    "quotes": _quote_questions,
    "dates": _date_questions,
    "evidence": _evidence_questions,
    "roles": _role_questions,
    "order": _order_questions,
    "kinds": _kind_questions,
}


def _problems(art: Article, bank_id: str, questions: list[dict[str, Any]]) -> list[str]:
    raw = {"id": bank_id, "title": "check", "questions": questions}
    _, problems = parse_bank(raw, f"{bank_id}.yaml", bank_id, art)
    return [str(p) for p in problems]


def generate_bank(art: Article, bank_id: str = "generated",
                  families: tuple[str, ...] = FAMILIES) -> Generated:
    """Draft questions on ``art`` from its records, checked as ``geokit validate`` checks a bank.

    Parameters
    ----------
    art
        The article whose records the questions ask about.
    bank_id
        The bank's id (the file name it is saved under, without ``.yaml``).
    families
        Which families of question to make (see :data:`FAMILIES`), in bank order.

    Returns
    -------
    Generated
        The questions that validate, and the ids of any left out with the reason.

    Raises
    ------
    ValueError
        For a family that does not exist.

    Examples
    --------
    >>> from geokit.data.loader import load_article
    >>> art = load_article("template-example")
    >>> g = generate_bank(art, "practice", ("kinds",))
    >>> g.questions[0]["type"], g.questions[0]["paragraphs"]
    ('single_choice', [1])
    >>> generate_bank(art, families=("riddles",))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown question family 'riddles'; the families are quotes, dates, evidence, ...
    """
    for fam in families:
        if fam not in _BUILDERS:
            raise ValueError(f"unknown question family {fam!r}; the families are "
                             + ", ".join(FAMILIES))
    keys = _Keys()
    out = Generated(
        bank_id=bank_id,
        title=f"Draft questions: {art.meta.title}",
        description=("Generated by geokit quiz generate from the article's records. Every "
                     "question is a draft: keep, edit or drop each one before a class uses it."),
    )
    seen: set[str] = set()
    for fam in families:
        for q in _BUILDERS[fam](art, keys):
            if q["id"] in seen:
                continue
            seen.add(q["id"])
            bad = _problems(art, bank_id, [q])
            if bad:
                out.left_out.append(f"{q['id']}: {bad[0]}")
                continue
            if any(p not in normalise(" ".join(art.paragraph(n).text for n in q["paragraphs"]))
                   for p in map(normalise, quoted_phrases(q["prompt"]))):
                out.left_out.append(f"{q['id']}: a quoted phrase is not in its paragraphs")
                continue
            out.questions.append(q)
    return out


class _Dumper(yaml.SafeDumper):
    """No anchors and aliases (``&id001``): an instructor edits each list where it stands."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100).rstrip("\n")


def bank_yaml(generated: Generated, article_id: str) -> str:
    """The bank as YAML, in the shipped format, each question marked as a draft by a comment."""
    head = {k: v for k, v in generated.as_dict().items() if k != "questions"}
    lines = [
        "# yaml-language-server: $schema=../../../schema/quiz.schema.json",
        f"# DRAFT question bank generated by `geokit quiz generate {article_id}` from the "
        "article's records.",
        "# Every question below is a draft: keep, edit or drop each, then run geokit validate.",
        "# Format: docs/quiz-format.md.",
        _dump(head),
        "questions:",
    ]
    for q in generated.questions:
        lines.append(f"# DRAFT: keep, edit or drop ({q['type']}, {cite(q['paragraphs'])})")
        lines.append(_dump([q]))
    return "\n".join(lines) + "\n"
