"""What each simulated student answers: right or wrong by a fixed pattern, of the right shape
for every question type (the gradebook must agree with the feedback the student saw)."""

from __future__ import annotations

from typing import Any

from geokit.data.loader import load_article

from .harness import ARTICLE


def value(q: Any, right: bool) -> Any:
    """An answer to ``q``, right (full credit) or not."""
    if q.type in ("single_choice", "multiple_select"):
        good = [o.id for o in q.options if o.correct]
        bad = [o.id for o in q.options if not o.correct] or good
        if q.type == "single_choice":
            return good[0] if right else bad[0]
        return good if right else bad[:1]
    if q.type == "numeric":
        a = next(a for a in q.answers if a.correct)
        x = a.value if a.value is not None else a.low
        return x if right else (x or 0) + 12345
    if q.type == "short_text":
        return next(a.text for a in q.accepted if a.correct) if right else "no idea at all"
    if q.type == "matching":
        rights = [p.right for p in q.pairs]
        if not right:
            rights = rights[1:] + rights[:1]
        return {p.left: r for p, r in zip(q.pairs, rights, strict=True)}
    if q.type == "ordering":
        return list(q.items) if right else list(reversed(q.items))
    if q.type == "evidence":
        return list(q.evidence) if right else [p for p in (q.candidates or range(1, 30))
                                               if p not in q.evidence][:1]
    sentence = "The article cites paragraph 5 and paragraph 7 for this reading."
    return " ".join([sentence] * (1 + (q.min_words or 0) // len(sentence.split()) + 1))


def plan(index: int) -> dict[str, list[tuple[str, Any]]]:
    """Every question of every bank, for student number ``index``: right unless
    (index + position) is a multiple of 3."""
    art = load_article(ARTICLE)
    out: dict[str, list[tuple[str, Any]]] = {}
    for bank in art.quiz_banks:
        out[bank.id] = [(q.id, value(q, (index + i) % 3 != 0))
                        for i, q in enumerate(bank.questions)]
    return out


def banks() -> list[str]:
    return [b.id for b in load_article(ARTICLE).quiz_banks]
