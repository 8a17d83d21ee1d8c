"""The exercise checker, as a student meets it: right, wrong, not answered, wrong form.

Sections follow the modules of ``geokit.exercises``: core (lookup and check), feedback, answers,
then one per grader (sets, classify, dates, interests, arguments) and the what-if device; last,
what the package promises about itself (exercises are data: no article literal in its code, and
no module over 600 lines). The exercise records and their validator are tested in
``tests/test_exercise_data.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import tokenize
from pathlib import Path

import pytest
import yaml

import geokit
from geokit import exercises
from geokit.data import paths
from geokit.data.exercises import KINDS
from geokit.data.feedback import LOOK, STATUSES, css_class
from geokit.data.text import occurs_in, paragraph_number
from geokit.exercises.core import GRADERS, Grader
from geokit.exercises.feedback import Feedback

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "geokit" / "exercises"
TEMPLATE = "template-example"

IDS = exercises.list_exercises()
OPEN = {"04-objection", "05-essay-sources", "05-essay-balance", "00b-weigh", "00b-compilation"}
CLOSED = [i for i in IDS if i not in OPEN]

#: one plausible wrong answer per exercise, in the form the exercise asks for
WRONG = {
    "00-channels": ["Pakistan Observer"],
    "00-classify": {"c-simultaneous-visits": "opinion"},
    "00-dates": {"last week": "2012-10", "May last year": "2012-05", "Next day": "2012-10-04"},
    "00b-earliest-source": {"t18-dawn-silent-reset": "nation-oped-2012-10-08-iqbal"},
    "00b-reattributed": ["t16-iqbal", "t18-dawn-silent-reset"],
    "00b-misdated": ["lavrov-visit-islamabad"],
    "00b-basis": {"gazprom-without-bidding": "official"},
    "00b-in-article": ["putins-schedule"],
    "00b-evidence-against": ["gazprom-without-bidding", "putins-schedule"],
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
    "06-summit-voices": ["Pakistan", "Russia", "Tajikistan", "Afghanistan"],
}
GOOD_ESSAY = (
    "Iqbal says Pakistan cannot do without the US because Russia cannot offer the "
    "aid it needs (¶18). " * 12
)
NOT_RIGHT = (LOOK["incorrect"].headline, LOOK["partial"].headline)


# -- core: finding an exercise, checking an answer ----------------------------------------------


def test_every_exercise_has_a_wrong_answer_here() -> None:
    assert set(WRONG) == set(CLOSED)


def test_every_kind_of_exercise_has_a_grader() -> None:
    assert set(GRADERS) == set(KINDS)
    used = {e.kind for e in geokit.load_article().exercises}
    assert used == set(KINDS), "every grader is used by a lesson"


@pytest.mark.parametrize("ex_id", CLOSED)
def test_reference_answer_is_right(ex_id: str) -> None:
    fb = exercises.check(ex_id, exercises.reference_answer(ex_id))
    assert fb.status == "correct", str(fb)
    assert fb.correct


@pytest.mark.parametrize("ex_id", CLOSED)
def test_wrong_answer_is_marked_wrong_and_points_back(ex_id: str) -> None:
    fb = exercises.check(ex_id, WRONG[ex_id])
    assert fb.status in ("incorrect", "partial"), str(fb)
    assert not fb.correct
    assert fb.details, "feedback must say why"
    text = str(fb)
    assert any(word in text for word in NOT_RIGHT)


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
    assert fb.status in ("invalid", "incorrect", "partial"), str(fb)
    assert fb.message


def test_unknown_exercise_raises_lookup_error() -> None:
    with pytest.raises(LookupError, match="the exercises are 00-"):
        exercises.check("99-nope", 1)


@pytest.mark.parametrize("bad_id", [["x"], 1, None, ("01-who-met",)])
def test_exercise_id_that_is_not_a_string_raises_lookup_error(bad_id: object) -> None:
    with pytest.raises(LookupError, match=r"exercise id is a string.*the exercises are 00-"):
        exercises.check(bad_id, 1)  # type: ignore[arg-type]


def test_a_grader_that_breaks_gives_feedback_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(ex: object, art: object, answer: object) -> Feedback:
        raise ValueError("boom")

    monkeypatch.setitem(GRADERS, "set", Grader(broken, GRADERS["set"].expected))
    fb = exercises.check("01-who-met", ["Putin"])
    assert fb.status == "unavailable"
    assert fb.message.startswith("Could not check this answer (ValueError: boom)")
    assert "tell your instructor" in fb.message
    with pytest.raises(LookupError):  # an unknown id still raises, as documented
        exercises.check("99-nope", ["Putin"])


@pytest.mark.parametrize("ex_id", IDS)
def test_tasks_render(ex_id: str) -> None:
    t = exercises.task(ex_id)
    assert ex_id in str(t)
    assert ex_id in t._repr_html_()


def test_feedback_reprs_do_not_leak_the_answer_before_answering() -> None:
    fb = exercises.check("01-who-met", ...)
    for who in exercises.reference_answer("01-who-met"):
        assert who not in str(fb).lower()


def test_an_unknown_article_raises_and_broken_data_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="unknown article id"):
        exercises.check("01-who-met", ["Putin"], article="no-such-article")
    folder = tmp_path / TEMPLATE
    shutil.copytree(paths.articles_root() / TEMPLATE, folder)
    (folder / "claims.yaml").write_text("claims: [unclosed\n", encoding="utf-8")
    fb = exercises.check("classify-claims", {"varga-visited": "fact"}, article=folder)
    assert fb.status == "unavailable"
    assert "claims.yaml" in fb.message
    assert "tell your instructor" in fb.message


# -- feedback: the shared vocabulary ------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES)
def test_feedback_speaks_the_shared_vocabulary(status: str) -> None:
    fb = Feedback("ex-1", status, "Message.", ("A detail.",), (3,))  # type: ignore[arg-type]
    assert str(fb).startswith(f"{LOOK[status].symbol} {LOOK[status].headline} (ex-1)")  # type: ignore[index]
    html = fb._repr_html_()
    assert f'class="geokit-feedback {css_class(status)}"' in html
    assert LOOK[status].colour in html  # type: ignore[index]
    assert fb.correct is (status in ("correct", "submitted"))


# -- answers: reading the form of an answer ------------------------------------------------------


def test_messages_name_the_form() -> None:
    fb = exercises.check("01-who-met", "Lavrov")
    assert fb.status == "invalid"
    assert "['Lavrov']" in fb.message
    fb = exercises.check("00-dates", {"last week": "the week before"})
    assert fb.status == "invalid"
    assert "ISO 8601" in fb.message
    assert "'2012-10-08' (a day)" in fb.message  # examples in the article's own time
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


PARAGRAPH_FORMS = [6, 6.0, "6", " 6 ", "¶6", "¶ 6", "p6", "P6", "¶p6", "para 6", "paragraph 6",
                   "Para. 6"]


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


def test_datetime_answers_count_as_their_day() -> None:
    # datetime is a date subclass whose isoformat() adds T00:00:00: it must not raise
    assert exercises.check("01-meeting-date", dt.datetime(2012, 10, 5)).status == "correct"
    assert exercises.check("01-meeting-date", dt.datetime(2012, 10, 4)).status == "incorrect"
    fb = exercises.check("00-dates", {"Next day": dt.datetime(2012, 10, 5, 9, 30)})
    assert fb.status == "partial"
    assert not any("Next day" in d for d in fb.details)


# -- sets ------------------------------------------------------------------------------------


def test_cancelled_trip_is_explained() -> None:
    fb = exercises.check("01-who-met", [*exercises.reference_answer("01-who-met"), "Putin"])
    assert fb.status == "partial"
    assert any("cancelled" in d for d in fb.details)


def test_extra_items_are_explained_by_the_test_they_fail() -> None:
    ref = sorted(exercises.reference_answer("01-who-met"))
    details = exercises.check("01-who-met", [*ref, "Russia", "Postnikov", "Obama"]).details
    assert "Russia: a state; the question asks for people." in details
    assert ("Alexander Postnikov: Alexander Postnikov's visit or meeting is dated "
            "'May last year' (¶14), not October 2012.") in details
    assert "Barack Obama: the article reports no visit or meeting with Barack Obama." in details
    fb = exercises.check("00-channels", ["Pakistan Observer", "Russia"])
    assert "Russia: a state, not a newspaper." in fb.details
    assert any(d.startswith("Pakistan Observer: the article cites it (¶8)") for d in fb.details)


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


def test_energy_projects_name_unknown_ids() -> None:
    fb = exercises.check("02-energy-projects", ["no-such-project"])
    assert fb.status == "invalid"
    assert fb.message.startswith("Not project ids: 'no-such-project'.")
    fb = exercises.check("02-energy-projects", ["mou-steel"])
    assert "its sector is 'steel', not energy" in " ".join(fb.details)


@pytest.mark.parametrize("bad", [[{}], [[1]], [1], [None]])
def test_unstated_rejects_items_that_are_not_ids(bad: object) -> None:
    fb = exercises.check("04-unstated", bad)
    assert fb.status == "invalid"
    assert "node id (a string)" in fb.message


# -- classify -------------------------------------------------------------------------------


def test_task_items_quote_real_claims() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    ids = {c.id for c in art.claims}
    assert {k for k, _ in exercises.task("00-classify").items} <= ids
    for key, text in exercises.task("00-dates").items:
        n = int(re.search(r"¶(\d+)", text)[1])
        assert occurs_in(key.lower(), art.paragraph(n).text.lower())


def test_classification_words_and_hints_come_from_the_data() -> None:
    ref = exercises.reference_answer("00-classify")
    answer = {cid: kind.replace("_", "-").upper() for cid, kind in ref.items()}
    assert exercises.check("00-classify", answer).status == "correct"
    answer["c-gazprom-without-bidding-story"] = "judgement"
    fb = exercises.check("00-classify", answer)
    assert fb.status == "partial"
    (detail,) = fb.details
    assert detail.startswith("c-gazprom-without-bidding-story (¶8): not opinion. Hint: here the "
                             "wording signals uncertainty or rumour")
    fb = exercises.check("00-classify", {"c-simultaneous-visits": "gossip"})
    assert fb.status == "invalid"
    assert "'reported fact', 'attributed claim', 'opinion', 'speculation'" in fb.message


# -- dates -------------------------------------------------------------------------------------


def test_date_precision_feedback() -> None:
    fb = exercises.check("00-dates", {"last week": "2012-10"})
    assert any("narrower" in d for d in fb.details)
    fb = exercises.check("00-dates", {"last week": "2012-10-01/2012-10-07"})
    assert not any("last week" in d for d in fb.details)  # the week as an interval is right


def test_meeting_date_names_the_other_event_and_the_wording() -> None:
    fb = exercises.check("01-meeting-date", "2012-10-04")
    assert fb.status == "incorrect"
    assert fb.details[0].startswith("2012-10-04 is the date of another event:")
    assert "how ¶12 begins its second sentence" in fb.details[1]
    fb = exercises.check("01-meeting-date", "2012-10-05")
    assert fb.message == "'Next day' in the article, counted from the arrival date."


# -- interests: matrix, position map, stance query --------------------------------------------


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
    assert fb.status == "partial"


def test_matrix_extra_paragraphs_hold_the_words_that_justify_them() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    (matrix,) = [e for e in art.exercises if e.kind == "matrix"]
    assert matrix.accept
    for acc in matrix.accept:
        for ev in acc.paragraphs:
            assert occurs_in(ev.words, art.paragraph(ev.paragraph).text), (acc.topic, ev)


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


def test_matrix_asks_about_the_actor_of_its_row() -> None:
    fb = exercises.check("02-matrix", _full_matrix(**{"ip-pipeline": ("seeks", 3)}))
    assert any("does Pakistan push for it" in d for d in fb.details), str(fb)
    assert any("does not report Pakistan's stance" in d for d in fb.details), str(fb)


def test_matrix_accepts_a_float_paragraph() -> None:
    ref = exercises.reference_answer("02-matrix")
    as_float = {t: (stance, float(p)) for t, (stance, p) in ref.items()}
    assert exercises.check("02-matrix", as_float).status == "correct"


def test_position_map_accepts_silence_for_india() -> None:
    """Iqbal says only what US bases would give India (¶21); India's own view is never reported."""
    answer = dict(exercises.reference_answer("03-position-map"))
    answer["india"] = "unknown"
    fb = exercises.check("03-position-map", answer)
    assert fb.status == "correct", str(fb)
    assert any(d.startswith("India: 'unknown' accepted.") for d in fb.details)
    answer["russia"] = "unknown"  # Iqbal does state Russia's position
    fb = exercises.check("03-position-map", answer)
    assert fb.status == "partial"
    assert any("through Khalid Iqbal; reread ¶21" in d for d in fb.details)


def test_position_map_asks_for_silence_where_the_article_is_silent() -> None:
    answer = dict(exercises.reference_answer("03-position-map"))
    answer["united-states"] = ("supports", 21)
    fb = exercises.check("03-position-map", answer)
    assert ("United States: the article never states its position on US bases; mark it "
            "'unknown' rather than guess.") in fb.details


def test_bases_query_names_the_topic_to_filter_on() -> None:
    answer = {**exercises.reference_answer("03-bases-query"), "lavrov": "opposes"}
    fb = exercises.check("03-bases-query", answer)
    assert fb.status == "partial"
    assert ("Sergey Lavrov has no record on this topic; filter on topic == "
            "'us-bases-in-afghanistan'.") in fb.details


# -- arguments: premises and open responses -----------------------------------------------------


def test_premises_explain_each_wrong_letter() -> None:
    fb = exercises.check("04-premises", {"premises": ["A", "B", "C", "E"], "assumption": "F"})
    assert fb.status == "partial"
    text = "\n".join(fb.details)
    assert "A (¶17) speaks against the claim" in text
    assert "C is something the argument needs but never says" in text
    assert "E (¶18) narrows how far the claim goes" in text
    assert "2 premise(s) missing: which statements give Iqbal reasons" in text
    assert "'F' is not the unstated assumption" in text
    assert "one you cannot find in ¶16-22" in text


def test_premise_statements_hide_the_editors_note() -> None:
    items = dict(exercises.task("04-premises").items)
    assert len(items) == 6
    assert not any(text.startswith("(") for text in items.values())


@pytest.mark.parametrize("ex_id", sorted(OPEN))
def test_open_responses_are_submitted_for_the_instructor(ex_id: str) -> None:
    assert exercises.check(ex_id, "Too short ¶18").status == "incorrect"
    assert exercises.check(ex_id, GOOD_ESSAY.replace("¶18", "")).status == "incorrect"
    fb = exercises.check(ex_id, GOOD_ESSAY)
    assert fb.status == "submitted"
    assert fb.correct
    assert fb.details
    assert exercises.check(ex_id, GOOD_ESSAY + " ¶99").status == "incorrect"
    example = next(e for e in geokit.load_article().exercises if e.id == ex_id).item_example
    assert f"for example {example}" in " ".join(exercises.check(ex_id, "no citation").details)


# -- borrowed exercises and a second article without Python ------------------------------------


def test_borrowed_exercises_grade_on_their_own_article() -> None:
    answer = {"varga-visited": "speculation"}
    here = exercises.check("05-template-claims", answer)
    there = exercises.check("classify-claims", answer, article=TEMPLATE)
    assert here.exercise == "05-template-claims"
    assert dataclasses.replace(here, exercise=there.exercise) == there
    assert exercises.task("05-template-claims").prompt.startswith("The same method on a new")
    assert not exercises.task("classify-claims", article=TEMPLATE).prompt.startswith("The same")


TEMPLATE_WRONG = {
    "classify-claims": {"valmar-may-press": "reported fact"},
    "resolve-dates": {"last week": "2023-03", "May last year": "2022-05"},
    "who-visited": ["Varga", "Pell"],
}


@pytest.fixture
def my_article(tmp_path: Path) -> Path:
    """The template copied under a new id, as an instructor starts an article of their own."""
    folder = tmp_path / "my-article"
    shutil.copytree(paths.articles_root() / TEMPLATE, folder)
    meta = folder / "article.yaml"
    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    data["id"] = "my-article"
    meta.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_a_second_article_gets_exercises_without_python(my_article: Path) -> None:
    ids = exercises.list_exercises(article=my_article)
    kinds = {e.kind for e in geokit.load_article(my_article).exercises}
    assert len(kinds) >= 2
    assert set(TEMPLATE_WRONG) <= set(ids)
    for ex_id in ids:
        ref = exercises.reference_answer(ex_id, article=my_article)
        fb = exercises.check(ex_id, GOOD_ESSAY.replace("¶18", "¶5") if isinstance(ref, str)
                             and ref.startswith("(open") else ref, article=my_article)
        assert fb.correct, str(fb)
        assert exercises.check(ex_id, ..., article=my_article).status == "unanswered"
        assert ex_id in str(exercises.task(ex_id, article=my_article))
        if ex_id in TEMPLATE_WRONG:
            wrong = exercises.check(ex_id, TEMPLATE_WRONG[ex_id], article=my_article)
            assert wrong.status in ("partial", "incorrect"), str(wrong)
            assert wrong.details


def test_the_second_articles_feedback_comes_from_its_data(my_article: Path) -> None:
    fb = exercises.check("who-visited", ["Varga", "Pell", "Kestria"], article=my_article)
    assert "Arno Pell: \"Pell's trip to Kestria\" was cancelled, so it did not take place (¶1)." \
        in fb.details
    assert "Kestria: a state; the question asks for people." in fb.details
    fb = exercises.check("resolve-dates", {"last week": "2023-03"}, article=my_article)
    assert "'last week' = 2023-03: right direction, but the text allows a narrower date than " \
        "that." in fb.details


def test_a_set_exercise_may_list_its_expected_ids(my_article: Path) -> None:
    path = my_article / "exercises.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["exercises"].append({
        "id": "who-analyses", "kind": "set", "prompt": "Who gives an analysis?",
        "form": "['Name', ...]", "answer_items": "actors", "what": "names",
        "example": "['Someone']", "expected": ["reyes"],
        "feedback": {"none": "{name} gives no analysis in the article ({paragraphs:cite})."},
    })
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert exercises.check("who-analyses", ["Reyes"], article=my_article).status == "correct"
    fb = exercises.check("who-analyses", ["Reyes", "Varga"], article=my_article)
    assert fb.status == "partial"
    assert "Ilse Varga: Ilse Varga gives no analysis in the article (¶1, ¶4)." in fb.details


# -- what would change the picture -------------------------------------------------------------


def test_what_if_is_labelled_a_teaching_device() -> None:
    reading = exercises.what_if(us_ties_mend=True)
    assert "NOT A FORECAST" in str(reading)
    assert "NOT A FORECAST" in reading._repr_html_()
    assert reading.picture == "more reliant on the US again"
    with pytest.raises(TypeError, match="unknown switch"):
        exercises.what_if(typo=True)


def test_what_if_readings_cover_every_score() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    assert art.what_if is not None
    factors = art.what_if.factors
    lowest = sum(f.shift for f in factors if f.shift < 0)
    highest = sum(f.shift for f in factors if f.shift > 0)
    assert exercises.what_if(**{f.key: f.shift < 0 for f in factors}).score == lowest
    top = exercises.what_if(**{f.key: f.shift > 0 for f in factors})
    assert top.score == highest
    assert top.picture == art.what_if.readings[-1].picture
    assert exercises.what_if().picture == "the US first, Russia a second partner (Iqbal's picture)"
    # one axis (reliance on the US): no reading puts a concept such as hedging on it
    for r in art.what_if.readings:
        assert not {"hedging", "balancing", "realignment"} & set(r.picture.lower().split())
    assert exercises.what_if(russia_can_supply=True, russia_india_rupture=True,
                             putin_visit_happens=True).picture \
        == "the swap of camps Iqbal says is not envisaged"


def test_what_if_cites_real_paragraphs() -> None:
    art = geokit.load_article("pakistan-russia-2012")
    assert art.what_if is not None
    for f in art.what_if.factors:
        assert f.paragraphs
        assert all(1 <= n <= len(art.paragraphs) for n in f.paragraphs)
    for r in art.what_if.readings:
        for n in re.findall(r"¶(\d+)", r.explanation):
            assert 1 <= int(n) <= len(art.paragraphs)


def test_what_if_on_an_article_without_one_says_so() -> None:
    with pytest.raises(LookupError, match="template-example has no what-if device"):
        exercises.what_if(article=TEMPLATE)


def test_what_if_explorer_widget_and_text() -> None:
    pytest.importorskip("ipywidgets")
    ex = exercises.what_if_explorer()
    assert "NOT A FORECAST" in repr(ex)
    reading = ex.set(russia_can_supply=True, russia_india_rupture=True, putin_visit_happens=True)
    assert reading.picture == "the swap of camps Iqbal says is not envisaged"
    assert "swap of camps" in ex._out.value
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "NOT A FORECAST" in bundle["text/plain"]


# -- the package itself: generic graders only ----------------------------------------------------


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", text.lower()))


def _article_words(article_id: str) -> tuple[set[str], set[str]]:
    """The ids (single tokens) and names (phrases) that belong to one bundled article."""
    art = geokit.load_article(article_id)
    ids = {art.id}
    for kind in ("actors", "events", "projects", "quotes", "claims", "interests", "relations",
                 "arguments"):
        ids |= {r.id for r in getattr(art, kind)}
    ids |= {n.id for a in art.arguments for n in a.nodes}
    ids |= {i.topic for i in art.interests}
    ids |= {e.id for e in art.exercises} | {b.id for b in art.borrowed_exercises}
    if art.what_if is not None:
        ids |= {f.key for f in art.what_if.factors}
    names = {n.lower() for a in art.actors for n in (a.name, *a.aliases)}
    return ids, names


def article_literals(source: str, ids: set[str], names: set[str]) -> list[str]:
    """Article-specific literals in Python source: ids, names and paragraph references in its
    strings, comments and names. ¶1 is every article's, so generic examples may use it."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type not in (tokenize.STRING, tokenize.COMMENT, tokenize.NAME):
            continue
        text = tok.string
        where = f"line {tok.start[0]}"
        refs = re.findall(r"(?:¶\s*|paragraphs? )(?!1\b)\d+", text)
        found += [f"{where}: {m}" for m in refs]
        words = _words(text) | {w.replace("_", "-") for w in _words(text)}
        found += [f"{where}: {w}" for w in sorted(words & ids)]
        found += [f"{where}: {n}" for n in sorted(names)
                  if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text.lower())]
    return found


@pytest.fixture(scope="module")
def bundled_words() -> tuple[set[str], set[str]]:
    ids: set[str] = set()
    names: set[str] = set()
    for article_id in geokit.list_articles():
        i, n = _article_words(article_id)
        ids |= i
        names |= n
    return ids, names


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_exercises_package_holds_no_article_literal(
    path: Path, bundled_words: tuple[set[str], set[str]]
) -> None:
    found = article_literals(path.read_text(encoding="utf-8"), *bundled_words)
    assert found == [], f"{path.name}: move these to the article's exercises.yaml"


def test_the_literal_check_finds_what_it_looks_for(
    bundled_words: tuple[set[str], set[str]],
) -> None:
    planted = ('MAIN = "pakistan-russia-2012"\n'
               'TOPICS = ("steel-mill",)  # see ¶11\n'
               'def grade(): return "Ask what Khalid Iqbal thinks"\n'
               "kayani = 1\n")
    found = " ".join(article_literals(planted, *bundled_words))
    for literal in ("pakistan-russia-2012", "steel-mill", "¶11", "khalid iqbal", "kayani"):
        assert literal in found
    assert article_literals("def grade(answer): return 'All found.'\n", *bundled_words) == []


def test_no_module_is_over_600_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "src" / "geokit").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}


# -- lesson 00b: graded from sources.yaml and context.yaml ---------------------------------------


def test_lateral_reading_answers_follow_the_source_records(shipped_copy: Path) -> None:
    """The expected answers are computed from the records: change a record, the answer moves."""
    import yaml

    assert exercises.reference_answer("00b-reattributed") == {"t18-dawn-silent-reset",
                                                              "t21-dawn-endgame"}
    assert exercises.reference_answer("00b-misdated") == {"putin-trip-cancellation"}
    path = shipped_copy / "sources.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    schedule = next(e for e in data["explanations"] if e["id"] == "putins-schedule")
    schedule["paragraphs"] = [4]  # as if the article gave Russia's line in ¶4
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert "putins-schedule" in exercises.reference_answer("00b-in-article", article=shipped_copy)
    assert "putins-schedule" not in exercises.reference_answer("00b-in-article")
    fb = exercises.check("00b-reattributed", ["t16-iqbal", "t18-dawn-silent-reset",
                                              "t21-dawn-endgame"])
    assert fb.status == "partial"
    assert "Iqbal's own op-ed (nation-oped-2012-10-08-iqbal)" in str(fb)
