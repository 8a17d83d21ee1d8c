"""Graders over the interest records: ``matrix``, ``position_map`` and ``stance_query``.

- ``matrix``: one actor's row of the interest matrix, a (stance, paragraph) per topic. Besides
  the recorded stance and paragraphs, the exercise's ``accept`` entries add paragraphs that
  support the stance (with the words that do) and stances the article does not decide between.
- ``position_map``: several actors on one topic, a (stance, paragraph) each or 'unknown' where
  the article is silent; ``accept`` marks stances that are only someone's inference.
- ``stance_query``: the dict from actor id to stance that code reads from ``article.interests``.
"""

from __future__ import annotations

from typing import Any, get_args

from geokit.data.exercises import Accept, Exercise
from geokit.data.model import Article, Stance
from geokit.data.query import fill
from geokit.data.text import cite
from geokit.exercises.answers import (
    UNKNOWN_WORDS,
    actor_ids,
    paragraphs_cited,
    type_name,
    unknown_detail,
)
from geokit.exercises.feedback import Feedback, Invalid

__all__ = ["STANCES", "matrix_expected", "matrix_grade", "matrix_items", "positions_expected",
           "positions_grade", "positions_items", "stances_expected", "stances_grade"]

STANCES: tuple[str, ...] = get_args(Stance)


def _stance(value: Any, where: str) -> str:
    if not isinstance(value, str) or value.strip().lower() not in STANCES:
        raise Invalid(f"{value!r}{where} is not a stance; use one of " + ", ".join(STANCES) + ".")
    return value.strip().lower()


# -- matrix ------------------------------------------------------------------------------------


def _cells(ex: Exercise, art: Article) -> dict[str, Any]:
    """The actor's interest record for each topic (topics it lacks give way to others)."""
    mine = {i.topic: i for i in art.interests if i.actor == ex.actor}
    chosen = {t: mine[t] for t in ex.topics if t in mine}
    for t, i in mine.items():  # fall back on whatever topics the data has
        if len(chosen) >= len(ex.topics):
            break
        chosen.setdefault(t, i)
    if not chosen:
        raise LookupError(f"{art.id} has no interests of {ex.actor}")
    return chosen


def _accepts(ex: Exercise, key: str) -> dict[str, Accept]:
    return {getattr(a, key): a for a in ex.accept if getattr(a, key)}


def matrix_items(ex: Exercise, art: Article) -> tuple[tuple[str, str], ...]:
    return tuple((t, i.topic_label) for t, i in _cells(ex, art).items())


def matrix_expected(ex: Exercise, art: Article) -> dict[str, Any]:
    return {t: (i.stance, i.paragraphs[0]) for t, i in _cells(ex, art).items()}


def matrix_grade(ex: Exercise, art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict):
        raise Invalid(
            "This exercise expects a dict from topic to (stance, paragraph), e.g. "
            f"{ex.example}; your answer is {type_name(answer)}."
        )
    cells = _cells(ex, art)
    accepts = _accepts(ex, "topic")
    who = art.actor(ex.actor or "").name
    details, notes, paras, right = [], [], set(), 0
    for topic, value in answer.items():
        if topic not in cells:
            raise Invalid(f"{topic!r} is not one of this exercise's topics: " + ", ".join(cells))
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise Invalid(
                f"For {topic!r} give a pair (stance, paragraph), e.g. {ex.item_example}; "
                f"found {value!r}."
            )
        stance = _stance(value[0], f" (for {topic})")
        nums = paragraphs_cited(value[1])
        bad = [n for n in nums if not 1 <= n <= len(art.paragraphs)]
        if bad:
            raise Invalid(
                f"¶{bad[0]} does not exist; the article has paragraphs 1 to {len(art.paragraphs)}."
            )
        i = cells[topic]
        also = accepts.get(topic)
        accepted = set(i.paragraphs) | {e.paragraph for e in (also.paragraphs if also else ())}
        ok_stance = stance in {i.stance, *(also.stances if also else ())}
        ok_para = any(n in accepted for n in nums)
        if ok_stance and ok_para:
            right += 1
            if stance != i.stance and also is not None:
                notes.append(
                    f"{topic}: {stance!r} accepted, as is {i.stance!r} (the annotators' "
                    f"choice): {also.reason}."
                )
            continue
        paras.update(accepted)
        if not ok_stance:
            details.append(
                f"{topic}: the stance is not {stance!r}. Reread {cite(accepted)} "
                f"and ask: does {who} push for it, welcome it, resist it, or hold "
                "back?"
            )
        if not ok_para:
            details.append(
                f"{topic}: {cite(nums)} does not report {who}'s stance on this; "
                f"look in {cite(accepted)}."
            )
    missing = [t for t in cells if t not in answer]
    if missing:
        details.append("Still to fill in: " + ", ".join(missing))
    if right == len(cells):
        return Feedback(
            ex.id,
            "correct",
            f"All {right} cells filled and justified from the text.",
            tuple(notes),
            paragraphs=tuple(sorted({p for i in cells.values() for p in i.paragraphs})),
        )
    return Feedback(
        ex.id,
        "partial" if right else "incorrect",
        f"{right} of {len(cells)} cells right, with a paragraph that supports them.",
        tuple(details + notes),
        tuple(sorted(paras)),
    )


# -- position map -------------------------------------------------------------------------------


def _held(ex: Exercise, art: Article) -> dict[str, Any]:
    """Each actor's interest record on the exercise's topic."""
    out = {i.actor: i for i in art.interests if i.topic == ex.topic}
    if not out:
        raise LookupError(f"{art.id} has no interests on {ex.topic}")
    return out


def _one_actor(art: Article, name: Any) -> str:
    ids, unknown = actor_ids(art, [name])
    if unknown:
        raise Invalid(unknown_detail(unknown)[0])
    return ids.pop()


def _author(art: Article) -> str:
    actor = art.get_actor(art.meta.author)
    return actor.name if actor is not None else art.meta.author


def positions_items(ex: Exercise, art: Article) -> tuple[tuple[str, str], ...]:
    return tuple((art.actor(a).id, art.actor(a).name) for a in ex.items)


def positions_expected(ex: Exercise, art: Article) -> dict[str, Any]:
    out: dict[str, Any] = {a: (i.stance, i.paragraphs[0]) for a, i in _held(ex, art).items()}
    for a in ex.items:
        if a not in out and art.get_actor(a):
            out[a] = "unknown"
    return out


def positions_grade(ex: Exercise, art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict):
        raise Invalid(
            "This exercise expects a dict from actor to (stance, paragraph), or to "
            f"'unknown' where the article is silent; your answer is {type_name(answer)}."
        )
    held = _held(ex, art)
    inferred = {a: acc.reason for a, acc in _accepts(ex, "actor").items() if acc.unknown}
    silent_words = (ex.feedback.silent if ex.feedback and ex.feedback.silent else
                    "{name}: the article never states its position on this; mark it 'unknown' "
                    "rather than guess.")
    details, notes, paras, right = [], [], set(), 0
    placed: set[str] = set()
    for name, value in answer.items():
        aid = _one_actor(art, name)
        placed.add(aid)
        actor = art.actor(aid)
        silent = aid not in held
        if isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS:
            if silent:
                right += 1
            elif aid in inferred:
                right += 1
                notes.append(f"{actor.name}: 'unknown' accepted. {inferred[aid]}")
            else:
                whose = held[aid].according_to
                through = art.actor(whose).name if whose else _author(art)
                details.append(
                    f"{actor.name}: the article does report a position, through "
                    f"{through}; reread {cite(held[aid].paragraphs)}."
                )
                paras.update(held[aid].paragraphs)
            continue
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise Invalid(
                f"For {name!r} give (stance, paragraph), e.g. {ex.item_example}, or "
                f"'unknown'; found {value!r}."
            )
        nums = paragraphs_cited(value[1])
        stance = _stance(value[0], "")
        if silent:
            details.append(fill(silent_words, actor, item=actor.name))
            continue
        i = held[aid]
        if stance == i.stance and any(n in i.paragraphs for n in nums):
            right += 1
            if aid in inferred:
                notes.append(f"{actor.name}: {i.stance!r} accepted. {inferred[aid]}")
        else:
            paras.update(i.paragraphs)
            details.append(f"{actor.name}: reread {cite(i.paragraphs)}, and note whose "
                           "reading it is.")
    needed = set(held) | {a for a in ex.items if art.get_actor(a)}
    missing = sorted(needed - placed)
    if missing:
        details.append("Still to place: " + ", ".join(art.actor(a).name for a in missing))
    if right == len(needed) and not details:
        return Feedback(
            ex.id,
            "correct",
            "Every placement matches the text, and silence is marked as silence.",
            tuple(notes),
            paragraphs=tuple(sorted({p for i in held.values() for p in i.paragraphs})),
        )
    return Feedback(
        ex.id,
        "partial" if right else "incorrect",
        f"{right} of {len(needed)} placements right and cited.",
        tuple(details + notes),
        tuple(sorted(paras)),
    )


# -- stance query ------------------------------------------------------------------------------


def stances_expected(ex: Exercise, art: Article) -> dict[str, str]:
    return {a: i.stance for a, i in _held(ex, art).items()}


def stances_grade(ex: Exercise, art: Article, answer: Any) -> Feedback:
    if not isinstance(answer, dict):
        raise Invalid(
            "This exercise expects a dict from actor id to stance, e.g. "
            f"{{'some-actor': 'opposes'}}; your answer is {type_name(answer)}."
        )
    want = stances_expected(ex, art)
    got = {_one_actor(art, k): v for k, v in answer.items()}
    held = _held(ex, art)
    details = []
    for a, s in want.items():
        if a not in got:
            details.append(
                f"{art.actor(a).name} has a stance on this topic in the data "
                f"({cite(held[a].paragraphs)}); your dict leaves it out."
            )
        elif got[a] != s:
            details.append(
                f"{art.actor(a).name}: the data does not say {got[a]!r}. Did you "
                "read .stance from the right record?"
            )
    for a in got:
        if a not in want:
            details.append(
                f"{art.actor(a).name} has no record on this topic; filter on "
                f"topic == {ex.topic!r}."
            )
    cited = tuple(sorted({p for i in held.values() for p in i.paragraphs}))
    if not details:
        return Feedback(
            ex.id,
            "correct",
            f"{len(want)} stances, straight from the data. Now compare them with "
            "your own position map.",
            paragraphs=cited,
        )
    return Feedback(
        ex.id,
        "partial" if set(got) & set(want) else "incorrect",
        "Not quite what the data holds.",
        tuple(details),
        cited,
    )
