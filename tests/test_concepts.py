"""The concepts bank: apply/analyse items whose keys do not give themselves away, and whose
historical cases rest on sourced outside records."""

from __future__ import annotations

import re
from collections import Counter

import geokit

ART = geokit.load_article("pakistan-russia-2012")
BANK = next(b for b in ART.quiz_banks if b.id == "concepts")
CONTEXT_IDS = {f.id for f in ART.context}


def _key_index(q) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, o in enumerate(q.options) if o.correct)


def test_at_least_eight_apply_or_analyse_items() -> None:
    assert len(BANK.questions) >= 8
    assert {q.level for q in BANK.questions} <= {"apply", "analyse"}


def test_keys_vary_in_position_and_are_never_the_longest_option() -> None:
    positions = Counter(_key_index(q) for q in BANK.questions)
    assert len(positions) >= 3
    assert max(positions.values()) <= len(BANK.questions) // 2
    for q in BANK.questions:
        key = q.options[_key_index(q)]
        others = [len(o.text) for o in q.options if not o.correct]
        assert len(key.text) <= max(others), f"{q.id}: the key is the longest option"


def test_the_four_historical_cases_cite_sourced_context_records() -> None:
    cited = set()
    for q in BANK.questions:
        cited |= set(re.findall(r"c\d\d-[a-z0-9-]+[a-z0-9]", q.prompt))
    assert {"c02-seato", "c03-indo-soviet-treaty", "c04-soviet-invasion", "c14-salala",
            "c17-routes-reopened"} <= cited
    assert cited <= CONTEXT_IDS
    for fid in cited:
        src = ART.record(fid).source
        assert src.outlet
        assert src.date
        assert src.url or src.reference


def test_every_explanation_says_whose_reading_it_is() -> None:
    for q in BANK.questions:
        assert "our reading" in q.explanation.lower() or "invented" in q.explanation, q.id
        assert q.paragraphs, q.id


def test_dependence_on_a_patron_is_not_called_bandwagoning() -> None:
    q = next(q for q in BANK.questions if q.id == "cn-pak-us-2012")
    bandwagon = next(o for o in q.options if o.text.startswith("Bandwagoning"))
    assert not bandwagon.correct
    assert q.options[_key_index(q)].text == "The alliance security dilemma"
