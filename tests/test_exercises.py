"""The exercise checker, as a student meets it: right, wrong, not answered, wrong form."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

import geokit
from geokit import exercises
from geokit.data.text import occurs_in, paragraph_number

IDS = exercises.list_exercises()
OPEN = {"04-objection", "05-essay-sources", "05-essay-balance"}
CLOSED = [i for i in IDS if i not in OPEN]

#: one plausible wrong answer per exercise, in the form the exercise asks for
WRONG = {
    "00-channels": ["Pakistan Observer"],
    "00-classify": {"c-simultaneous-visits": "opinion"},
    "00-dates": {"last week": "2012-10", "May last year": "2012-05", "Next day": "2012-10-04"},
    "01-who-met": ["Putin", "Lavrov"],
    "01-meeting-date": "2012-10-04",
    "02-energy-projects": ["mou-steel"],
    "02-matrix": {"steel-mill": ("opposes", 3)},
    "03-bases-query": {"russia": "supports"},
    "03-position-map": {"united-states": ("supports", 21)},
    "04-premises": {"premises": ["A"], "assumption": "A"},
    "04-unstated": ["bop-claim"],
    "05-template-claims": {"varga-visited": "speculation"},
    "05-template-dates": {"last week": "2023-03"},
}
GOOD_ESSAY = (
    "Iqbal says Pakistan cannot do without the US because Russia cannot offer the "
    "aid it needs (¶18). " * 12
)


def test_every_exercise_has_a_wrong_answer_here() -> None:
    assert set(WRONG) == set(CLOSED)


@pytest.mark.parametrize("ex_id", CLOSED)
def test_reference_answer_is_right(ex_id: str) -> None:
    fb = exercises.check(ex_id, exercises.reference_answer(ex_id))
    assert fb.status == "correct", str(fb)
    assert fb.correct


@pytest.mark.parametrize("ex_id", CLOSED)
def test_wrong_answer_is_marked_wrong_and_points_back(ex_id: str) -> None:
    fb = exercises.check(ex_id, WRONG[ex_id])
    assert fb.status in ("incorrect", "partly"), str(fb)
    assert not fb.correct
    assert fb.details, "feedback must say why"
    text = str(fb)
    assert "Not yet right" in text or "Partly right" in text


@pytest.mark.parametrize("ex_id", IDS)
@pytest.mark.parametrize("stub", [..., None, "", [], {}])
def test_stub_is_not_answered_yet(ex_id: str, stub: object) -> None:
    fb = exercises.check(ex_id, stub)
    assert fb.status == "unanswered"
    assert "Not answered yet" in str(fb)
    assert "Not answered yet" in fb._repr_html_()


@pytest.mark.parametrize("ex_id", IDS)
@pytest.mark.parametrize("bad", [42, 3.5, object(), ("a", 1), b"bytes", {"x": object()}])
def test_wrong_types_give_a_message_never_a_traceback(ex_id: str, bad: object) -> None:
    fb = exercises.check(ex_id, bad)
    assert fb.status in ("invalid", "incorrect", "partly"), str(fb)
    assert fb.message


def test_messages_name_the_form() -> None:
    fb = exercises.check("01-who-met", "Lavrov")
    assert fb.status == "invalid"
    assert "['Lavrov']" in fb.message
    fb = exercises.check("00-dates", {"last week": "the week before"})
    assert fb.status == "invalid"
    assert "ISO 8601" in fb.message
    fb = exercises.check("02-matrix", {"steel-mill": "seeks"})
    assert fb.status == "invalid"
    assert "(stance, paragraph)" in fb.message
    fb = exercises.check("02-matrix", {"steel-mill": ("seeks", 99)})
    assert fb.status == "invalid"
    assert "¶99 does not exist" in fb.message


def test_names_aliases_and_ids_all_count() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    want = exercises.reference_answer("01-who-met")
    names = [art.actor(a).aliases[-1] if art.actor(a).aliases else art.actor(a).name for a in want]
    assert exercises.check("01-who-met", names).correct
    assert exercises.check("01-who-met", {a.upper() for a in want}).correct


def test_cancelled_trip_is_explained() -> None:
    fb = exercises.check("01-who-met", [*exercises.reference_answer("01-who-met"), "Putin"])
    assert fb.status == "partly"
    assert any("cancelled" in d for d in fb.details)


def test_date_precision_feedback() -> None:
    fb = exercises.check("00-dates", {"last week": "2012-10"})
    assert any("narrower" in d for d in fb.details)
    fb = exercises.check("00-dates", {"last week": "2012-10-01/2012-10-07"})
    assert not any("last week" in d for d in fb.details)  # the week as an interval is right


def test_unknown_exercise_raises_lookup_error() -> None:
    with pytest.raises(LookupError, match="the exercises are 00-"):
        exercises.check("99-nope", 1)


@pytest.mark.parametrize("ex_id", sorted(OPEN))
def test_open_responses_are_ready_for_the_instructor(ex_id: str) -> None:
    assert exercises.check(ex_id, "Too short ¶18").status == "incorrect"
    assert exercises.check(ex_id, GOOD_ESSAY.replace("¶18", "")).status == "incorrect"
    fb = exercises.check(ex_id, GOOD_ESSAY)
    assert fb.status == "ready"
    assert fb.correct
    assert fb.details
    assert exercises.check(ex_id, GOOD_ESSAY + " ¶99").status == "incorrect"


@pytest.mark.parametrize("ex_id", IDS)
def test_tasks_render(ex_id: str) -> None:
    t = exercises.task(ex_id)
    assert ex_id in str(t)
    assert ex_id in t._repr_html_()


def test_feedback_reprs_do_not_leak_the_answer_before_answering() -> None:
    fb = exercises.check("01-who-met", ...)
    for who in exercises.reference_answer("01-who-met"):
        assert who not in str(fb).lower()


def test_what_if_is_labelled_a_teaching_device() -> None:
    reading = exercises.what_if(us_ties_mend=True)
    assert "NOT A FORECAST" in str(reading)
    assert "NOT A FORECAST" in reading._repr_html_()
    assert reading.picture.startswith("back towards")
    with pytest.raises(TypeError, match="unknown switch"):
        exercises.what_if(typo=True)


def test_what_if_cites_real_paragraphs() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    for f in exercises.FACTORS:
        assert f.paragraphs
        assert all(1 <= n <= len(art.paragraphs) for n in f.paragraphs)
    for text in (exercises.TEACHING_DEVICE, *(exercises._picture(s)[1] for s in range(-3, 6))):
        for n in re.findall(r"¶(\d+)", text):
            assert 1 <= int(n) <= len(art.paragraphs)


def test_what_if_explorer_widget_and_text() -> None:
    pytest.importorskip("ipywidgets")
    ex = exercises.what_if_explorer()
    assert "NOT A FORECAST" in repr(ex)
    reading = ex.set(russia_can_supply=True, russia_india_rupture=True, putin_visit_happens=True)
    assert reading.picture == "a realignment"
    assert "realignment" in ex._out.value
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "NOT A FORECAST" in bundle["text/plain"]


def test_task_items_quote_real_claims() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    ids = {c.id for c in art.claims}
    assert {k for k, _ in exercises.task("00-classify").items} <= ids
    for key, text in exercises.task("00-dates").items:
        n = int(re.search(r"¶(\d+)", text)[1])
        assert occurs_in(key.lower(), art.paragraph(n).text.lower())


def _full_matrix(**changes: tuple[str, int]) -> dict[str, tuple[str, int]]:
    answer = dict(exercises.reference_answer("02-matrix"))
    answer.update(changes)
    return answer


def test_matrix_accepts_any_paragraph_that_supports_the_stance() -> None:
    # ¶20: "Pakistani military has always been keen to diversify its supply sources"
    fb = exercises.check(
        "02-matrix", _full_matrix(**{"arms-supply-diversification": ("seeks", 20)})
    )
    assert fb.status == "correct", str(fb)
    fb = exercises.check("02-matrix", _full_matrix(**{"arms-supply-diversification": ("seeks", 3)}))
    assert fb.status == "partly"


def test_matrix_extra_paragraphs_hold_the_words_that_justify_them() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    for topic, paragraphs in exercises._MATRIX_ALSO_PARAGRAPHS.items():
        for n, words in paragraphs.items():
            assert occurs_in(words, art.paragraph(n).text), (topic, n, words)


def test_matrix_accepts_seeks_and_supports_where_the_article_does_not_decide() -> None:
    """Signing an MoU (¶7, ¶11) does not say which side pushed: both stances fit, and the
    feedback says why."""
    for stance in ("seeks", "supports"):
        fb = exercises.check("02-matrix", _full_matrix(**{"steel-mill": (stance, 11)}))
        assert fb.status == "correct", str(fb)
    recorded = exercises.reference_answer("02-matrix")["steel-mill"][0]
    other = "supports" if recorded == "seeks" else "seeks"
    fb = exercises.check("02-matrix", _full_matrix(**{"steel-mill": (other, 7)}))
    assert any("which side pushed" in d for d in fb.details), str(fb)


def test_energy_projects_are_those_of_paragraphs_10_and_11_whoever_the_parties_are() -> None:
    """Russia is only 'interested' in some of them (¶10-11), so it need not be a party."""
    art = geokit.load_article("pakistan-russia-2012")
    want = exercises.reference_answer("02-energy-projects")
    projects = {p.id: p for p in art.projects}
    assert want
    for pid in want:
        p = projects[pid]
        assert p.sector == "energy"
        assert {10, 11} & set(p.paragraphs)
        assert "russia" in p.parties or "Russia" in p.status, pid


def test_energy_projects_of_unknown_kind_count_either_way() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    unknown_kind = [p.id for p in art.projects if not p.sector and 11 in p.paragraphs]
    want = sorted(exercises.reference_answer("02-energy-projects"))
    for answer in (want, want + unknown_kind, want + unknown_kind[:1]):
        fb = exercises.check("02-energy-projects", answer)
        assert fb.status == "correct", str(fb)
        if unknown_kind:
            assert any("never says what they are" in d for d in fb.details), str(fb)


def test_position_map_accepts_silence_for_india() -> None:
    """Iqbal says only what US bases would give India (¶21); India's own view is never reported."""
    answer = dict(exercises.reference_answer("03-position-map"))
    answer["india"] = "unknown"
    fb = exercises.check("03-position-map", answer)
    assert fb.status == "correct", str(fb)
    answer["russia"] = "unknown"  # Iqbal does state Russia's position
    assert exercises.check("03-position-map", answer).status == "partly"


def test_datetime_answers_count_as_their_day() -> None:
    # datetime is a date subclass whose isoformat() adds T00:00:00: it must not raise
    assert exercises.check("01-meeting-date", dt.datetime(2012, 10, 5)).status == "correct"
    assert exercises.check("01-meeting-date", dt.datetime(2012, 10, 4)).status == "incorrect"
    fb = exercises.check("00-dates", {"Next day": dt.datetime(2012, 10, 5, 9, 30)})
    assert fb.status == "partly"
    assert not any("Next day" in d for d in fb.details)


@pytest.mark.parametrize("bad", [[{}], [[1]], [1], [None]])
def test_unstated_rejects_items_that_are_not_ids(bad: object) -> None:
    fb = exercises.check("04-unstated", bad)
    assert fb.status == "invalid"
    assert "node id (a string)" in fb.message


@pytest.mark.parametrize("bad_id", [["x"], 1, None, ("01-who-met",)])
def test_exercise_id_that_is_not_a_string_raises_lookup_error(bad_id: object) -> None:
    with pytest.raises(LookupError, match=r"exercise id is a string.*the exercises are 00-"):
        exercises.check(bad_id, 1)  # type: ignore[arg-type]


def test_a_grader_that_breaks_gives_feedback_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(art: object, answer: object) -> exercises.Feedback:
        raise ValueError("boom")

    ex = exercises.EXERCISES["01-who-met"]
    monkeypatch.setitem(exercises.EXERCISES, ex.id, dataclasses.replace(ex, grade=broken))
    fb = exercises.check("01-who-met", ["Putin"])
    assert fb.status == "unavailable"
    assert fb.message.startswith("Could not check this answer (ValueError: boom)")
    assert "tell your instructor" in fb.message
    with pytest.raises(LookupError):  # an unknown id still raises, as documented
        exercises.check("99-nope", ["Putin"])


PARAGRAPH_FORMS = [
    6,
    6.0,
    "6",
    " 6 ",
    "¶6",
    "¶ 6",
    "p6",
    "P6",
    "¶p6",
    "para 6",
    "paragraph 6",
    "Para. 6",
]


@pytest.mark.parametrize("value", PARAGRAPH_FORMS)
def test_paragraph_numbers_read_as_in_the_quiz(value: object) -> None:
    """One parser reads a reference, and a quiz's evidence question grades it the same way."""
    from geokit.data.questions import Question
    from geokit.quizzes.grading import grade

    assert paragraph_number(value) == 6
    q = Question(id="q", type="evidence", prompt="Which paragraph?", evidence=(6,),
                 candidates=(5, 6, 7))
    result = grade(q, [value])
    assert result.status == "correct", result


@pytest.mark.parametrize("value", [True, 6.5, "6.5", "six", "p", "", None, [6], "-6"])
def test_paragraph_numbers_reject_what_is_not_one(value: object) -> None:
    assert paragraph_number(value) is None


def test_matrix_accepts_a_float_paragraph() -> None:
    ref = exercises.reference_answer("02-matrix")
    as_float = {t: (stance, float(p)) for t, (stance, p) in ref.items()}
    assert exercises.check("02-matrix", as_float).status == "correct"
