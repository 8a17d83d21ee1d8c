"""The lateral-reading bank (lesson 00b): apply-level items whose keys follow the source records."""

from __future__ import annotations

from collections import Counter
from datetime import date

from geokit.data.banks import bank_warnings
from geokit.data.model import Article


def _bank(shipped: Article):  # type: ignore[no-untyped-def]
    return next(b for b in shipped.quiz_banks if b.id == "lateral-reading")


def test_the_bank_applies_the_method_with_keys_spread(shipped: Article) -> None:
    bank = _bank(shipped)
    assert len(bank.questions) >= 8
    levels = Counter(q.level for q in bank.questions)
    assert levels["apply"] >= len(bank.questions) - 1, levels
    assert bank_warnings(bank, "lateral-reading.yaml") == []  # no key pattern
    positions = {next(i for i, o in enumerate(q.options) if o.correct)
                 for q in bank.questions if q.type == "single_choice"}
    assert len(positions) >= 3  # the single-choice keys sit in different places
    for q in bank.questions:  # at most one 'not in the article' distractor a question
        wrong = [o for o in q.options if not o.correct]
        assert sum("not report" in o.feedback or "not in the article" in o.feedback
                   for o in wrong) <= 1, q.id


def test_the_keys_follow_the_records(shipped: Article) -> None:
    questions = {q.id: q for q in _bank(shipped).questions}
    # the ISO week of the sources' date for the cancellation
    fact = shipped.record("putin-cancellation-announced")
    week = date.fromisoformat(fact.when).isocalendar().week
    assert [a.value for a in questions["lr-iso-week"].answers if a.correct] == [week]
    # the paragraphs traced to Dawn's report of 27 September
    dawn = {t.paragraph for t in shipped.traces if t.source == "dawn-2012-09-27-print"}
    assert set(questions["lr-dawn-paragraphs"].evidence) == dawn
    # the explanations the article leaves out are the ticked ones
    left_out = [e for e in shipped.explanations if not e.paragraphs]
    ticked = [o for o in questions["lr-left-out"].options if o.correct]
    assert len(ticked) == 2
    assert {"putins-schedule", "forum-lost-momentum"} <= {e.id for e in left_out}
