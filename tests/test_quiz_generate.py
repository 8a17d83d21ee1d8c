"""`geokit quiz generate`: a draft bank from an article's records that validates and runs.

The bank is generated for ``template-example``, written where an instructor would put it (a
copy of the article's folder), checked by ``geokit validate``, opened as a quiz and answered
right, question by question, with the key the bank itself holds.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

import geokit
from geokit.cli.app import main
from geokit.data.banks import bank_warnings, parse_bank
from geokit.data.loader import load_article
from geokit.data.questions import Question
from geokit.data.quizgen import FAMILIES, bank_yaml, generate_bank
from geokit.data.text import normalise

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "data" / "articles" / "template-example"


@pytest.fixture
def article_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "template-example"
    shutil.copytree(TEMPLATE, folder)
    shutil.rmtree(folder / "quizzes", ignore_errors=True)
    return folder


def _generate(folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    (folder / "quizzes").mkdir(exist_ok=True)
    out = folder / "quizzes" / "practice.yaml"
    assert main(["quiz", "generate", str(folder), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err
    return out


def _key(q: Question) -> object:
    """The right answer to a question, read from the question itself."""
    if q.type == "single_choice":
        return next(o.id for o in q.options if o.correct)
    if q.type == "matching":
        return {p.left: p.right for p in q.pairs}
    if q.type == "ordering":
        return list(q.items)
    if q.type == "evidence":
        return list(q.evidence)
    raise AssertionError(f"the generator made a {q.type} question nobody expected")


def test_the_generated_bank_validates_and_every_answer_key_grades_right(
    article_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    _generate(article_copy, capsys)
    assert main(["validate", str(article_copy)]) == 0, capsys.readouterr()
    quiz = geokit.quiz(str(article_copy), "practice", student="ada", store=tmp_path / "store")
    types = Counter(q.type for q in quiz.bank.questions)
    assert set(types) == {"single_choice", "matching", "ordering", "evidence"}
    for q in quiz.bank.questions:
        r = quiz.answer(q.id, _key(q))
        assert r.correct, (q.id, r.text())
    assert quiz.score().points == quiz.bank.max_points


def test_every_family_is_there_each_cites_and_no_distractor_is_empty_or_twice() -> None:
    art = load_article(TEMPLATE)
    g = generate_bank(art, "practice")
    assert not g.left_out
    prefixes = {q["id"].split("-")[1] for q in g.questions}
    # who said / through whom, when, which paragraph, roles, order, kind: all six families
    assert prefixes == {"said", "channel", "when", "evidence", "match", "order", "kind"}
    paragraphs = {p.n for p in art.paragraphs}
    for q in g.questions:
        assert q["paragraphs"], q["id"]
        assert set(q["paragraphs"]) <= paragraphs, q["id"]
        texts = [normalise(o["text"]).casefold() for o in q.get("options", [])]
        assert all(texts), q["id"]
        assert len(texts) == len(set(texts)), q["id"]
        if q["type"] == "evidence":
            assert set(q["evidence"]) < set(q["candidates"]), q["id"]


def test_distractors_are_the_articles_own_records() -> None:
    art = load_article(TEMPLATE)
    names = {a.name for a in art.actors}
    dates = {e.date.value for e in art.events}
    for q in generate_bank(art, "practice", ("quotes", "dates")).questions:
        pool = names if q["id"].startswith(("gen-said", "gen-channel")) else dates
        assert {o["text"] for o in q["options"]} <= pool, q["id"]


def test_the_key_moves_round_the_positions() -> None:
    g = generate_bank(load_article(TEMPLATE), "practice")
    positions = Counter(i for q in g.questions for i, o in enumerate(q.get("options", []))
                        if o.get("correct"))
    assert len(positions) > 1
    bank, problems = parse_bank(g.as_dict(), "practice.yaml", "practice", load_article(TEMPLATE))
    assert bank is not None
    assert not problems
    assert bank_warnings(bank, "practice.yaml") == []


def test_every_question_is_marked_as_a_draft() -> None:
    art = load_article(TEMPLATE)
    g = generate_bank(art, "practice")
    text = bank_yaml(g, art.id)
    assert text.count("# DRAFT: keep, edit or drop") == len(g.questions)
    assert yaml.safe_load(text)["questions"] == g.questions
    assert "draft" in g.description.lower()


def test_a_question_whose_quote_is_not_verbatim_is_left_out() -> None:
    art = load_article(TEMPLATE)
    broken = dataclasses.replace(art.quotes[0], text="words never said")
    art = dataclasses.replace(art, quotes=(broken, *art.quotes[1:]))  # a copy: the cache stays
    g = generate_bank(art, "practice", ("quotes",))
    assert any(why.startswith(f"gen-said-{broken.id}") for why in g.left_out), g.left_out
    assert all(broken.id not in q["id"] for q in g.questions)


def test_too_few_records_gives_no_question() -> None:
    art = dataclasses.replace(load_article(TEMPLATE), claims=())
    assert generate_bank(art, "practice", ("kinds", "evidence")).questions == []


def test_an_unknown_family_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown question family 'riddles'"):
        generate_bank(load_article(TEMPLATE), "practice", ("riddles",))
    assert set(FAMILIES) == {"quotes", "dates", "evidence", "roles", "order", "kinds"}


def test_it_never_writes_over_a_file(article_copy: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = _generate(article_copy, capsys)
    before = out.read_bytes()
    assert main(["quiz", "generate", str(article_copy), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "exists already" in err
    assert len(err.splitlines()) == 1
    assert out.read_bytes() == before


def test_stdout_and_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quiz", "generate", "template-example", "--only", "kinds"]) == 0
    out = capsys.readouterr().out
    assert yaml.safe_load(out)["id"] == "generated"
    with pytest.raises(SystemExit) as exit_info:  # argparse's own usage error
        main(["quiz", "generate", "template-example", "--only", "riddles"])
    assert exit_info.value.code == 2
    assert "unknown question family riddles" in capsys.readouterr().err
    assert main(["quiz", "generate", "template-example", "--id", "Bad Id"]) == 2
    assert "lower-case words" in capsys.readouterr().err
