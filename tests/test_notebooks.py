"""The lessons as committed: clean, complete, sourced from geokit, and true to the article.

nbval (in the README's ``make test``) executes every lesson; these tests read them. They check
what a reviewer would: no stored outputs; objectives, time, reading and key points; a quiz with
enough questions; code exercises with checks; data only through ``geokit`` (no hand-copied
tables or text); and every paragraph reference (¶N) in the prose pointing at a paragraph that
exists and, where it follows a quotation, holds the quoted words.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import geokit
from geokit import exercises
from geokit.data.text import normalise, occurs_in

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTICLE = geokit.load_article("pakistan-russia-2012")
N_PARAS = len(ARTICLE.paragraphs)

EXPECTED = [
    "00-reading-the-source",
    "00b-lateral-reading",
    "00c-context",
    "01-actors",
    "02-interests",
    "03-afghanistan-endgame",
    "04-balance-of-power",
    "05-synthesis",
    "06-summit-simulation",
]
BANK_OF = {
    "00": "sources",
    "00b": "lateral-reading",
    "00c": "concepts",
    "01": "actors",
    "02": "interests",
    "03": "afghanistan",
    "04": "balance-of-power",
    "05": "synthesis",
    "06": "summit",
}
#: modules a lesson may import: geokit for every piece of data, and a few standard helpers
ALLOWED_IMPORTS = {
    "geokit",
    "collections",
    "datetime",
    "pathlib",
    "itertools",
    "math",
    "statistics",
    "textwrap",
    "re",
}
STATIC_FIGURES = {"actor_network", "timeline", "interest_matrix", "argument_map", "regional_map"}
TAGS = {"solution", "instructor", "hidden-check", "parameters"}


# ¶ references: "¶6", "¶5–6" or "¶5-6" (a range), in lists such as "(¶5, ¶7)".
REF = re.compile(r"¶\s?(\d+)(?:\s?[–-]\s?(\d+))?")
# A quotation (typographic or straight double quotes) followed, within the same sentence, by a
# parenthesised reference: "words" (¶6), "words", he said (¶6). No other quotation between.
QUOTED_REF = re.compile(
    r"[\"“](?P<q>[^\"“”\n]{3,300}?(?:\n[^\"“”\n]{1,300}?){0,3})[\"”]"
    r"(?P<gap>[^\"“”.!?¶]{0,80}?)\((?P<refs>[^()]*?¶[^()]*)\)"
)


def load(path: Path):
    return nbformat.read(path, as_version=4)


def markdown(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def refs_in(text: str) -> list[int]:
    out: list[int] = []
    for m in REF.finditer(text):
        lo = int(m[1])
        hi = int(m[2]) if m[2] else lo
        out.extend(range(lo, hi + 1) if hi >= lo else [lo, hi])
    return out


def strip_code_spans(text: str) -> str:
    return re.sub(r"`[^`\n]*`", "`…`", text)


ids = [p.stem for p in NOTEBOOKS]


def test_the_six_lessons_are_there() -> None:
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_valid_and_committed_without_outputs(path: Path) -> None:
    nb = load(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for i, cell in enumerate(code_cells(nb)):
        assert cell.outputs == [], f"cell {i} has stored outputs: strip them before committing"
        assert cell.execution_count is None, f"cell {i} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_opens_with_objectives_time_reading_and_help(path: Path) -> None:
    nb = load(path)
    first = nb.cells[0].source
    assert first.startswith("# Lesson ")
    for needle in ("**Time:**", "**Read first:**", "## Learning objectives"):
        assert needle in first, f"the opening cell lacks {needle}"
    assert "¶" in first.split("**Read first:**")[1], "say which paragraphs to read first"
    text = markdown(nb)
    assert "## How to use this notebook" in text
    assert "Quiz widgets" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_ends_with_key_points_and_going_further(path: Path) -> None:
    nb = load(path)
    last = nb.cells[-1]
    assert last.cell_type == "markdown"
    assert "## Key points" in last.source
    assert "## Going further" in last.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_shows_its_quiz_bank_with_at_least_eight_questions(path: Path) -> None:
    nb = load(path)
    bank = BANK_OF[path.stem.split("-")[0]]
    sources = "\n".join(c.source for c in code_cells(nb))
    assert any(f'geokit.quiz({a}, "{bank}")' in sources
               for a in ('"pakistan-russia-2012"', "ARTICLE"))
    assert "quiz.show()" in sources
    assert "quiz.score()" in sources
    banks = {b.id: b for b in ARTICLE.quiz_banks}
    assert len(banks[bank].questions) >= 8


def test_every_question_type_is_used_across_the_series() -> None:
    from geokit.quizzes import TYPES

    used = {q.type for b in ARTICLE.quiz_banks for q in b.questions}
    assert used == set(TYPES)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_code_exercises_have_solution_check_and_hidden_check(path: Path) -> None:
    nb = load(path)
    checked = []
    for i, cell in enumerate(nb.cells):
        tags = set(cell.metadata.get("tags", ()))
        assert tags <= TAGS, f"cell {i}: unknown tags {tags - TAGS}"
        if "solution" in tags:
            assert cell.cell_type == "code"
            assert "### BEGIN SOLUTION" in cell.source
            assert "### END SOLUTION" in cell.source
            meta = cell.metadata["nbgrader"]
            assert meta["solution"] is True
            assert meta["grade"] is False
            assert meta["schema_version"] == 3
            following = nb.cells[i + 1].source
            m = re.fullmatch(r'geokit\.exercises\.check\("([\w-]+)", answer'
                             r'(?:, article=ARTICLE)?\)', following)
            assert m, f"cell {i + 1} should be the visible check of the exercise above"
            assert m[1] in exercises.list_exercises()
            hidden = nb.cells[i + 2]
            assert "hidden-check" in hidden.metadata.get("tags", ())
            assert hidden.metadata["nbgrader"]["grade"] is True
            assert (f'check("{m[1]}", answer).correct' in hidden.source
                    or f'check("{m[1]}", answer, article=ARTICLE).correct' in hidden.source)
            checked.append(m[1])
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
    assert len(grade_ids) == len(set(grade_ids))
    assert all(e.startswith(path.stem[:2]) for e in checked)
    if path.stem[:2] in ("01", "02", "03", "04"):
        code_ex = [e for e in checked if "(code" in markdown(nb)]
        assert code_ex, "lessons 1-4 need at least one code exercise"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_code_imports_only_geokit_and_standard_helpers(path: Path) -> None:
    nb = load(path)
    for i, cell in enumerate(code_cells(nb)):
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in ALLOWED_IMPORTS, f"cell {i} imports {name}"
        assert "open(" not in cell.source, f"cell {i}: read data through geokit, not open()"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_hand_copied_tables_or_text(path: Path) -> None:
    nb = load(path)
    body = normalise(" ".join(p.text for p in ARTICLE.paragraphs))
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            assert not re.search(r"^\s*\|?\s*:?-{3,}:?\s*\|", cell.source, re.MULTILINE), (
                f"cell {i}: a markdown table; draw data from geokit instead"
            )
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                size = len(node.keys) if isinstance(node, ast.Dict) else len(node.elts)
                assert size <= 8, f"cell {i}: a literal with {size} items looks like copied data"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words = node.value.split()
                for k in range(len(words) - 11):  # any 12-word run copied from the article
                    assert normalise(" ".join(words[k : k + 12])) not in body, (
                        f"cell {i} copies article text: {' '.join(words[k : k + 12])!r}"
                    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_at_most_two_static_figures(path: Path) -> None:
    nb = load(path)
    calls = [
        name
        for c in code_cells(nb)
        for name in STATIC_FIGURES
        if re.search(rf"geokit\.plots\.{name}\(", c.source)
    ]
    assert len(calls) <= 2, calls


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_paragraph_references_exist(path: Path) -> None:
    text = markdown(load(path))
    numbers = refs_in(text)
    assert len(numbers) >= 10, "the prose should cite the article"
    bad = sorted({n for n in numbers if not 1 <= n <= N_PARAS})
    assert not bad, f"references to paragraphs that do not exist: {bad}"
    for m in REF.finditer(text):
        if m[2]:
            assert int(m[1]) < int(m[2]), f"backwards range {m[0]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_quoted_words_occur_in_the_cited_paragraphs(path: Path) -> None:
    text = strip_code_spans(markdown(load(path)))
    found = 0
    for m in QUOTED_REF.finditer(text):
        cited = [n for n in refs_in(m["refs"]) if 1 <= n <= N_PARAS]
        assert cited, m[0]
        haystack = " ".join(ARTICLE.paragraph(n).text for n in cited)
        assert occurs_in(m["q"], haystack), f"{m['q']!r} is not in {m['refs']}"
        found += 1
    if path.stem != "05-synthesis":
        assert found >= 3, "quote the article, with paragraph references"


def test_the_quotation_check_catches_a_misquote() -> None:
    bad = 'Iqbal says "Russia will replace the US" (¶18).'
    good = 'Iqbal says "Pakistan cannot do without the US" (¶18).'
    for text, ok in ((bad, False), (good, True)):
        m = QUOTED_REF.search(text)
        assert m is not None
        assert occurs_in(m["q"], ARTICLE.paragraph(18).text) is ok
    assert refs_in("(¶5–7, ¶9)") == [5, 6, 7, 9]
