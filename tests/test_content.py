"""Content a specialist would sign: statements the kit makes in its own voice stay within what
the article says, and say whose reading they are.

Each test pins one correction, so that a later edit cannot quietly bring the slip back. They
read the shipped data, the question banks and the lessons' prose as committed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import geokit

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = geokit.load_article("pakistan-russia-2012")
FOLDER = Path(ARTICLE.folder)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _strings(value: Any, where: str) -> list[tuple[str, str]]:
    """Every string in a loaded YAML document, with a path to it."""
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [s for i, v in enumerate(value) for s in _strings(v, f"{where}[{i}]")]
    return []


def data_strings() -> list[tuple[str, str]]:
    """Every string of every YAML file of the shipped article (annotations and banks)."""
    out = []
    for path in sorted(FOLDER.rglob("*.yaml")):
        if path.name == "paragraphs.yaml":
            continue  # the article's own words
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(w, s) for w, s in _strings(doc, str(path.relative_to(FOLDER)))
                if not _VERBATIM.match(w)]
    return out


#: other people's words, verbatim: a source's excerpt, and the article span a trace follows
_VERBATIM = re.compile(r"^sources\.yaml\.(sources\[\d+\]\.excerpts\[\d+\]\.text|"
                       r"traces\[\d+\]\.span)$")


def prose() -> list[tuple[str, str]]:
    """The markdown of every lesson, cell by cell."""
    return [(f"{p.name}[{i}]", c.source) for p in NOTEBOOKS
            for i, c in enumerate(nbformat.read(p, as_version=4).cells)
            if c.cell_type == "markdown"]


def unquoted(text: str) -> str:
    """``text`` with every double-quoted passage removed: what is said in our own voice."""
    return re.sub(r"[\"“][^\"“”]*[\"”]", "", text)


def test_unquoted_removes_quotations_only() -> None:
    assert unquoted('the "Russian Military Chief" came') == "the  came"
    assert "military chief" in unquoted("Russia's military chief came").lower()


# -- Postnikov: the article's title, kept as a quote; his office from a named source ------------

def test_postnikov_is_military_chief_only_in_the_articles_words() -> None:
    # "military chiefs" (Kayani, Makarov, Butt and Postnikov as a group) is our plain English;
    # "military chief" for one man is the article's title for Postnikov (¶14)
    slips = [w for w, s in data_strings() + prose()
             if re.search(r"military chief\b", unquoted(s), re.IGNORECASE)]
    assert not slips, f"'military chief' in our own voice: {slips}"


def test_postnikovs_office_is_an_outside_fact_with_its_source() -> None:
    facts = [f for f in ARTICLE.context if "postnikov" in f.about]
    assert facts, "no outside record about Postnikov"
    src = facts[0].source
    assert src.outlet
    assert src.date
    assert (src.url or src.reference)
    assert "postnikov-ground-forces" in ARTICLE.actor("postnikov").note


# -- Jamshoro: "Under the MoUs" (¶11) governs the steel mill; extending it is a reading --------

def says_reading(text: str) -> bool:
    return re.search(r"\breading\b", text, re.IGNORECASE) is not None


def test_jamshoro_under_the_mous_is_marked_as_a_reading() -> None:
    plant = ARTICLE.record("new-jamshoro-power-plant")
    assert says_reading(plant.note)
    assert "under the MoUs (¶11)" not in plant.status  # the old wording, stated as the text's
    assert says_reading(ARTICLE.record("mou-energy").note)
    assert says_reading(ARTICLE.record("int-pakistan-energy").summary)
    bank = next(b for b in ARTICLE.quiz_banks if b.id == "interests")
    q = next(q for q in bank.questions if q.id == "int-mou-sectors")
    energy = next(o for o in q.options if o.text == "Energy")
    assert says_reading(energy.feedback)
    assert "a Russian delegation" not in q.prompt  # ¶7 says "a high-powered delegation"


# -- Lesson 1: who enters where, and what only ¶1 says ------------------------------------------

def test_lesson_1_has_the_us_enter_where_the_article_first_names_it() -> None:
    first = min(ARTICLE.actor("united-states").paragraphs)
    assert first == 6  # Dawn, not the analyst
    cell = next(s for w, s in prose() if w.startswith("01-actors") and "**States.**" in s)
    states = cell.split("**States.**", 1)[1].split("\n- ", 1)[0]
    assert f"(¶{first})" in states
    assert "enter\n  through the analyst" not in states


def test_unscheduled_is_cited_to_the_one_paragraph_that_says_it() -> None:
    says = [p.n for p in ARTICLE.paragraphs if "unscheduled" in p.text]
    assert says == [1]
    for where, text in prose() + data_strings():
        for refs in re.findall(r"[\"“]unscheduled[\"”]\s*\(([^)]*)\)", text):
            assert refs == "¶1", f"{where}: 'unscheduled' cited to {refs}"


# -- who said it: slips where the feedback dropped the source -------------------------------------

def test_the_objections_of_19_are_not_rebuttals_of_iqbals_argument() -> None:
    """¶19 reports India's and the US's objections to the rapprochement, as Iqbal sees them:
    resistance his argument expects, not an objection to it."""
    nodes = [n for a in ARTICLE.arguments for n in a.nodes if 19 in n.paragraphs]
    assert nodes
    for n in nodes:
        assert n.role != "objection", n.id
        assert "In Iqbal's reading" in n.text, n.id


def test_butts_visit_is_reported_as_air_defence_by_someone_unnamed() -> None:
    slips = [w for w, s in data_strings() + prose()
             if re.search(r"mainly about air defen[cs]e", s, re.IGNORECASE)]
    assert not slips
    # every statement in our voice that ties Butt's visit to air defence says it was reported
    for where, text in data_strings():
        if "air defen" in text and "visit" in text and (
                "Butt" in text or "air chief" in text.lower()):
            assert "report" in text.lower(), f"{where}: {text}"


def test_iqbal_expects_no_dramatic_change_not_only_a_modest_one() -> None:
    """¶18: "Things are not set to change dramatically. But even a modest change would be
    immensely useful." He values a modest change; he does not say that is all he expects."""
    slips = [w for w, s in data_strings() + prose() if "only a modest" in s]
    assert not slips


def test_src_iqbal_open_names_the_unattributed_phrase_of_18() -> None:
    bank = next(b for b in ARTICLE.quiz_banks if b.id == "sources")
    q = next(q for q in bank.questions if q.id == "src-iqbal-open")
    for text in (q.explanation, q.model_answer):
        assert "silent reset" in text
        assert "paragraph 18" in text


def test_the_quadrilateral_summit_is_only_planned_in_the_feedback() -> None:
    bank = next(b for b in ARTICLE.quiz_banks if b.id == "afghanistan")
    q = next(q for q in bank.questions if q.id == "afg-quadrilateral-members")
    assert "was\n    at the table" not in q.explanation
    assert "at the table" not in q.explanation.replace("to be at the table", "")
    docs = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    assert "cancelled summit" not in docs  # only Putin's trip was cancelled (¶2)


# -- data and display -----------------------------------------------------------------------------

def test_afghanistan_cites_every_paragraph_that_names_it_or_its_war() -> None:
    """"Afghan" counts: ¶19's "this critical moment of the Afghan war" is about Afghanistan."""
    named = {p.n for p in ARTICLE.paragraphs if re.search(r"\bAfghan", p.text)}
    assert 19 in named
    assert named <= set(ARTICLE.actor("afghanistan").paragraphs)


def _run_cell(notebook: str, marker: str) -> str:
    """Run the set-up cell and the code cell holding ``marker`` of a lesson; return stdout."""
    import contextlib
    import io

    every = [c for c in nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells
             if c.cell_type == "code"]
    params = [c for c in every if "parameters" in c.metadata.get("tags", ())]  # ARTICLE = ...
    cells = [c for c in every if c not in params]
    (cell,) = [c for c in cells if marker in c.source]
    scope: dict[str, Any] = {"display": print}  # a guarded cell displays its last value
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for p in params:
            exec(compile(p.source, "parameters", "exec"), scope)
        exec(compile(cells[0].source, "setup", "exec"), scope)  # our own lesson's code
        exec(compile(cell.source, notebook, "exec"), scope)
    return out.getvalue()


def test_lesson_0_never_prints_an_outlet_via_itself() -> None:
    printed = _run_cell("00-reading-the-source.ipynb", "where = defaultdict(list)")
    assert "Dawn" in printed
    for line in printed.splitlines():
        speaker = line[:26].strip()
        assert f"via {speaker} " not in line + " ", line


# -- lessons 3 and 5 ----------------------------------------------------------------------------

def test_lesson_3_does_not_put_every_route_through_afghanistan() -> None:
    cell = next(s for w, s in prose()
                if w.startswith("03-") and "## 2. The regional map" in s)
    assert "the routes the article mentions\nwould cross it" not in cell
    pipeline = cell[cell.index("Iran–Pakistan gas pipeline"):]
    assert "south of Afghanistan" in pipeline.split(".")[0] + pipeline.split(".")[1]


def test_lesson_5_model_answer_gives_the_dawn_official_no_nationality() -> None:
    """¶5 says only that "the daily Dawn quoted an official": whose official, it never says."""
    from geokit.exercises.core import find

    nb = nbformat.read(ROOT / "notebooks" / "05-synthesis.ipynb", as_version=4)
    answers = [c.source for c in nb.cells if c.cell_type == "code"
               and "05-essay" not in c.source and "(¶5)" in c.source]
    # the essays' model answers live with the exercises now (geokit.teach.essays)
    answers += [" ".join(ex.model_answer.split()) for ex in (find("05-essay-sources")[0],)
                if "(¶5)" in ex.model_answer]
    assert answers
    for text in answers:
        (sentence,) = [s for s in re.split(r"(?<=\.)\s", text) if "official (¶5)" in s]
        assert "Pakistan" not in sentence, sentence
        assert "Russian" not in sentence, sentence


# -- every lesson shows the paragraphs it says to read first ------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_lesson_prints_the_paragraphs_it_says_to_read_first(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    (line,) = [ln for ln in nb.cells[0].source.splitlines() if ln.startswith("**Read first:**")]
    wanted: set[int] = set()
    for lo, hi in re.findall(r"¶\s?(\d+)(?:\s?[–-]\s?(\d+))?", line):
        wanted |= set(range(int(lo), int(hi or lo) + 1))
    assert wanted, line
    code = [c for c in nb.cells if c.cell_type == "code"
            and "parameters" not in c.metadata.get("tags", ())]
    # the cell after the set-up cell prints them, as "How to use this notebook" promises
    printed = _run_cell(path.name, code[1].source)
    shown = {int(n) for n in re.findall(r"^¶(\d+)  ", printed, re.MULTILINE)}
    assert shown == wanted
    for n in wanted:
        assert ARTICLE.paragraph(n).text in printed
