"""Accessibility: axe-core (vendored from the npm registry by ``make test``, never a CDN) on a
rendered lesson, on a quiz of every type with its feedback and cited paragraphs showing, and on
Voilà's quiz mode. geokit's own widgets (``.geokit-quiz``) may have no serious or critical
violation; everything axe finds elsewhere (JupyterLab, Voilà, figures) is printed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._banks import ALL_TYPES_BANK
from ._harness import AXE_JS, Lab, Server, expect
from .conftest import QUIZ_CELL, unavailable
from .test_lessons import expected_quizzes
from .test_voila import open_voila, serve_quiz

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")

#: answers that leave feedback, explanations and citation toggles on every question
ANSWERS = {
    "who-visited": "b",
    "which-states": ["a", "c"],
    "deal-worth": "40",
    "which-outlet": "Daily Bugle",
    "who-is-what": {"Ana Ruiz": "Minister", "Ben Ode": "Editor"},
    "story-order": ["The quotation", "The visit", "The analysis"],
    "dependence": [3],
    "will-it-hold": "It will hold for now, as paragraph 3 suggests.",
}


@pytest.fixture(scope="session")
def axe_js() -> Path:
    if not AXE_JS.is_file():
        unavailable(
            f"axe-core is not vendored ({AXE_JS} is missing); `make test` fetches it with npm "
            "from the npm registry (npm pack axe-core@4), or run that step by hand"
        )
    return AXE_JS


def run_axe(page, axe_js: Path, context: str | None = None) -> list[dict]:
    """axe's violations in ``context`` (a CSS selector; the whole page if None)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_js))
    return page.evaluate(
        """async (context) => {
          const target = context ? {include: [...document.querySelectorAll(context)]} : document;
          const res = await axe.run(target, {resultTypes: ['violations']});
          return res.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300),
                                      summary: n.failureSummary}))}));
        }""",
        context,
    )


def report(where: str, violations: list[dict]) -> str:
    lines = [f"axe on {where}: {len(violations)} rule(s) violated"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} node(s))")
        for n in v["nodes"][:3]:
            lines.append(f"      {n['target']}: {n['html'][:160]}")
    return "\n".join(lines)


def check(page, axe_js: Path, where: str) -> None:
    """Print every finding on the page; fail on serious/critical ones inside geokit's widgets."""
    everything = run_axe(page, axe_js)
    print("\n" + report(f"{where} (whole page, for information)", everything))
    ours = run_axe(page, axe_js, ".geokit-quiz")
    print(report(f"{where} (geokit widgets)", ours))
    bad = [v for v in ours if v["impact"] in SERIOUS]
    assert not bad, report(f"{where}: serious or critical in geokit's widgets", bad) + (
        "\n" + json.dumps(bad, indent=1)[:4000]
    )


def first_lesson_with_a_quiz() -> Path:
    from .conftest import lesson_paths

    for path in lesson_paths():
        if expected_quizzes(path):
            return path
    pytest.fail("no lesson shows a quiz")
    raise AssertionError  # unreachable


def test_lesson_a11y(lab: Server, page, axe_js: Path) -> None:
    lesson = first_lesson_with_a_quiz()
    nb = Lab(page, lab)
    nb.open(f"notebooks/{lesson.name}", f"a11y-{lesson.stem}")
    nb.run_all()
    nb.assert_clean_run()
    check(page, axe_js, f"lesson {lesson.stem} in JupyterLab")


@pytest.fixture
def answered_store(served_root: Path, tmp_path: Path) -> Path:
    """A store holding an answer to every question of the all-types bank."""
    import geokit

    store = tmp_path / "store"
    article = served_root / "harness" / "articles" / "mini-2020"
    quiz = geokit.quiz(article, "all-types", store=store)
    assert sorted(ANSWERS) == sorted(q["id"] for q in ALL_TYPES_BANK["questions"])
    for qid, value in ANSWERS.items():
        result = quiz.answer(qid, value)
        assert result.saved, (qid, result)
    return store


def test_answered_quiz_a11y(lab: Server, page, axe_js: Path, answered_store: Path) -> None:
    article = str(lab.cwd / "harness" / "articles" / "mini-2020")
    cell = QUIZ_CELL.format(article=article, bank="all-types").replace(
        "'all-types')", f"'all-types', store={str(answered_store)!r})"
    )
    from ._harness import write_notebook

    write_notebook(lab.cwd / "harness" / "a11y-all-types.ipynb", [("code", cell)])
    nb = Lab(page, lab)
    nb.open("harness/a11y-all-types.ipynb", "a11y-all-types")
    nb.run_all()
    nb.assert_clean_run()
    quiz = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .geokit-quiz")
    # every answer restored with its feedback (each question's status class is set)
    graded = ", ".join(
        f".geokit-feedback.geokit-{s}" for s in ("correct", "incorrect", "partial", "submitted")
    )
    expect(quiz.locator(graded)).to_have_count(8)
    quiz.locator(".geokit-cite-toggle").first.click()  # one cited paragraph open
    quiz.locator(".geokit-paragraph").first.wait_for(state="visible")
    check(page, axe_js, "the all-types quiz, answered, in JupyterLab")

    # the check can fail: a nameless button put inside a geokit widget is caught
    page.evaluate(
        """() => document.querySelector('.geokit-quiz').appendChild(
             Object.assign(document.createElement('button'), {className: 'geokit-probe'}))"""
    )
    found = {v["id"] for v in run_axe(page, axe_js, ".geokit-quiz") if v["impact"] in SERIOUS}
    assert "button-name" in found, found


@pytest.fixture
def voila_server(served_root: Path, tmp_path: Path, browser: object) -> Iterator[Server]:
    article = served_root / "harness" / "articles" / "mini-2020"
    server = serve_quiz(["all-types", "--article", str(article)], cwd=tmp_path, state=tmp_path)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def test_voila_quiz_a11y(voila_server: Server, page, axe_js: Path) -> None:
    open_voila(page, voila_server)
    check(page, axe_js, "geokit serve-quiz (Voilà)")
