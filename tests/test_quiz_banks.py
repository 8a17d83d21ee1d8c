"""Question banks on disk: the shipped ones are sound, bad ones are reported precisely, and
validate, export and the JSON Schema include them."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from test_quiz_fixtures import EVERY_TYPE, SHIPPED, make_article, shipped_banks_copy

from geokit.cli import main
from geokit.data import paths as _paths
from geokit.data.banks import quoted_phrases
from geokit.data.loader import read_article
from geokit.data.questions import LEVELS, TYPES
from geokit.data.schema import schemas
from geokit.data.text import occurs_in

ROOT = Path(__file__).resolve().parent.parent
BANKS = ("sources", "actors", "interests", "afghanistan", "balance-of-power", "synthesis")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped text and banks, without the annotation files (another engineer's)."""
    article, problems = read_article(shipped_banks_copy(tmp_path_factory.mktemp("shipped")))
    assert not problems, "\n".join(map(str, problems))
    return article


def test_shipped_banks_exist_and_cover_every_type_and_level(shipped) -> None:
    banks = {b.id: b for b in shipped.quiz_banks}
    assert set(BANKS) <= set(banks)
    questions = [q for b in banks.values() for q in b.questions]
    assert len(questions) >= 40
    assert all(len(banks[b].questions) >= 8 for b in BANKS)
    assert set(Counter(q.type for q in questions)) == set(TYPES)
    assert set(Counter(q.level for q in questions)) == set(LEVELS)
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))


def test_shipped_questions_cite_existing_paragraphs_and_quote_verbatim(shipped) -> None:
    n = len(shipped.paragraphs)
    checked = 0
    for bank in shipped.quiz_banks:
        for q in bank.questions:
            assert q.paragraphs, q.id
            assert all(1 <= p <= n for p in q.paragraphs), q.id
            assert all(1 <= p <= n for p in (*q.evidence, *q.candidates)), q.id
            cited = " ".join(shipped.paragraph(p).text for p in q.paragraphs)
            for phrase in quoted_phrases(q.prompt):
                assert occurs_in(phrase, cited), (q.id, phrase)
                checked += 1
            assert q.objective, q.id
            assert q.explanation, q.id
            assert q.level, q.id
    assert checked >= 10  # the banks do quote the article, and each quotation was checked


def test_shipped_choice_answers_are_among_the_options(shipped) -> None:
    for bank in shipped.quiz_banks:
        for q in bank.questions:
            if q.type == "single_choice":
                assert sum(o.correct for o in q.options) == 1, q.id
            if q.type == "multiple_select":
                assert any(o.correct for o in q.options), q.id
                assert not all(o.correct for o in q.options), q.id  # something to reject
            if q.options:
                assert all(o.feedback for o in q.options), q.id
                assert len({o.id for o in q.options}) == len(q.options), q.id
            if q.type == "evidence" and q.candidates:
                assert set(q.evidence) <= set(q.candidates), q.id
            if q.type == "numeric":
                assert any(a.correct for a in q.answers), q.id


#: feedback that rejects an option only because the article is silent about it
ABSENCE = re.compile(
    r"\b(not (mentioned|cited|quoted|named|in the article)|does not (mention|cite|appear)"
    r"|never (mentions|appears|cites|quoted)|no \w+ (is|are) (mentioned|cited|quoted|proposed))",
    re.I)
#: a reference to a paragraph of the article
PARAGRAPH = re.compile(r"\bparagraphs? \d|¶\s?\d", re.I)


def _absence_options(q) -> list[str]:
    return [o.id for o in q.options if not o.correct and ABSENCE.search(o.feedback)]


def test_the_absence_check_finds_throwaway_options() -> None:
    from geokit.data.questions import Option, Question

    q = Question(id="q", type="single_choice", prompt="Who?", options=(
        Option("a", "Lavrov", True, "Right (paragraph 1)."),
        Option("b", "China", False, "China is not mentioned in the article."),
        Option("c", "The UN", False, "The article does not mention the UN."),
        Option("d", "Putin", False, "Putin's visit was cancelled (paragraph 1).")))
    assert _absence_options(q) == ["b", "c"]


def test_at_most_one_not_in_the_article_option_per_question(shipped) -> None:
    choice = [q for b in shipped.quiz_banks for q in b.questions if q.options]
    assert len(choice) >= 30
    crowded = {q.id: _absence_options(q) for q in choice if len(_absence_options(q)) > 1}
    assert crowded == {}


def test_every_distractor_in_the_article_banks_points_to_a_paragraph(shipped) -> None:
    """The case-based concepts bank explains by the concept; the others point to the text."""
    unpointed = [(q.id, o.id) for b in shipped.quiz_banks if b.id in BANKS
                 for q in b.questions for o in q.options
                 if not o.correct and not PARAGRAPH.search(o.feedback)]
    assert unpointed == []


def test_quoted_phrases() -> None:
    assert quoted_phrases('He said "a b" and \u201cc d\u201d.') == ["a b", "c d"]
    assert quoted_phrases("Pakistan's 'view'") == []


def test_the_checker_rejects_a_misquotation(tmp_path: Path) -> None:
    bad = EVERY_TYPE.replace('Who visited Islamabad "last week"?',
                             'Who visited Islamabad "last month"?')
    _, problems = read_article(make_article(tmp_path, bad))
    assert [p.message for p in problems] == [
        "quoted phrase is not verbatim in the cited paragraphs"]


# -- bad banks: one problem each, named precisely ------------------------------------------------

def _mutate(fn):
    data = yaml.safe_load(EVERY_TYPE)
    fn(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _q(data, qid):
    return next(q for q in data["questions"] if q["id"] == qid)


CASES = {
    "paragraph out of range": (
        lambda d: _q(d, "t-single").update(paragraphs=[99]),
        r"questions\[0\] 't-single', field 'paragraphs': paragraph out of range \(expected a "
        r"number from 1 to 23; found 99\)"),
    "no correct option": (
        lambda d: _q(d, "t-single")["options"][0].update(correct=False),
        r"'t-single', field 'options': a single-choice question has exactly one correct option"),
    "two correct options": (
        lambda d: _q(d, "t-single")["options"][1].update(correct=True),
        r"found 'a', 'b'"),
    "duplicate question id": (
        lambda d: _q(d, "t-multi").update(id="t-single"),
        r"field 'id': duplicate question id"),
    "unknown field": (
        lambda d: _q(d, "t-single").update(optoins=[]),
        r"field 'optoins': unknown field \(expected one of id, type, prompt"),
    "field of another type": (
        lambda d: _q(d, "t-num").update(options=[{"id": "a", "text": "x"}]),
        r"'t-num', field 'options': field not used by numeric questions"),
    "bad level": (
        lambda d: _q(d, "t-single").update(level="create"),
        r"field 'level': .*\(expected one of 'remember', 'understand', "
        r"'apply', 'analyse', 'evaluate' or null; found text 'create'\)"),
    "missing explanation": (
        lambda d: _q(d, "t-single").pop("explanation"),
        r"field 'explanation': missing explanation"),
    "missing option feedback": (
        lambda d: _q(d, "t-single")["options"][1].pop("feedback"),
        r"field 'options\[1\].feedback': every option needs feedback"),
    "rubric sum": (
        lambda d: _q(d, "t-open").update(points=5),
        r"rubric points do not add up to the question's points \(expected 5; found 2\)"),
    "evidence outside candidates": (
        lambda d: _q(d, "t-evidence").update(candidates=[12, 16]),
        r"field 'candidates': the correct answer is not among the options \(expected "
        r"candidates that include every evidence paragraph; found missing 18, 20\)"),
    "bank id mismatch": (
        lambda d: d.update(id="other"),
        r"record bank|bank, field 'id': bank id does not match its file name"),
    "numeric with value and range": (
        lambda d: _q(d, "t-range")["answers"][0].update(value=4),
        r"give either value \(with tolerance\) or low and high"),
    "wrong type": (
        lambda d: _q(d, "t-single").update(points="one"),
        r"field 'points': wrong type \(expected a number; found text 'one'\)"),
    "no questions": (
        lambda d: d.update(questions=[]),
        r"field 'questions': a bank needs questions"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_bank_gives_a_precise_problem(tmp_path: Path, case: str) -> None:
    fn, pattern = CASES[case]
    folder = make_article(tmp_path, _mutate(fn))
    article, problems = read_article(folder)
    assert article is None
    text = "\n".join(map(str, problems))
    assert re.search(pattern, text), text
    assert all(p.file.endswith("quizzes/every-type.yaml") for p in problems)
    assert any(p.line for p in problems), text  # a line to jump to


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    folder = make_article(tmp_path, EVERY_TYPE.replace("title: Every type", "title: [unclosed"))
    _, problems = read_article(folder)
    assert len(problems) == 1
    assert problems[0].line == 3
    assert "is not valid YAML" in problems[0].message


def test_validate_cli_reports_bank_problems(tmp_path: Path, capsys) -> None:
    good = make_article(tmp_path / "good")
    assert main(["validate", str(good)]) == 0
    bad = make_article(tmp_path / "bad", _mutate(CASES["paragraph out of range"][0]))
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"every-type\.yaml:\d+: questions\[0\] 't-single', field 'paragraphs'", out)


def test_export_includes_banks(tmp_path: Path, capsys) -> None:
    folder = make_article(tmp_path)
    assert main(["export", "--article", str(folder)]) == 0
    data = json.loads(capsys.readouterr().out)
    (bank,) = data["articles"][0]["quiz_banks"]
    assert bank["id"] == "every-type"
    assert bank["article"] == "quiz-fixture"
    q = bank["questions"][0]
    assert q["options"][0] == {"id": "a", "text": "Lavrov", "correct": True,
                               "feedback": "SECRET-FEEDBACK-a"}
    assert q["paragraphs"] == [1]
    assert "pairs" not in q  # only the fields a question uses


def test_schema_file_is_current_and_validates_the_shipped_banks() -> None:
    schema = schemas()["quiz"]
    on_disk = json.loads((ROOT / "data" / "schema" / "quiz.schema.json").read_text("utf-8"))
    assert on_disk == schema, "run: geokit schema -o data/schema"
    jsonschema = pytest.importorskip("jsonschema")
    for path in sorted((_paths.articles_root() / SHIPPED / "quizzes").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)
    bad = yaml.safe_load(EVERY_TYPE)
    bad["questions"][0]["level"] = "create"
    with pytest.raises(jsonschema.ValidationError, match="'create' is not valid"):
        jsonschema.validate(bad, schema)


def test_docs_example_bank_is_valid(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "quiz-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(# quizzes/example\.yaml.*?)```", doc, re.S)
    assert example, "docs/quiz-format.md lost its example bank"
    folder = make_article(tmp_path, example.group(1), name="example")
    article, problems = read_article(folder)
    assert not problems, problems
    assert article is not None
    assert len(article.quiz_banks[0].questions) >= 3
