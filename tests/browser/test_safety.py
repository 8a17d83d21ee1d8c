"""An article and a bank whose every text carries ``<script>`` and ``<img onerror=...>``: shown
as a quiz (widgets, the static HTML fallback and a result's HTML), answered, its paragraph
opened. Nothing runs, and the markup is there to read as text."""

from __future__ import annotations

import pytest

from ._banks import XSS_IMG, XSS_SCRIPT
from ._harness import Lab, Server, expect, full_screenshot, write_notebook
from .conftest import QUIZ_CELL

pytestmark = pytest.mark.browser

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def assert_inert(page, scope: str) -> None:
    assert page.evaluate("() => typeof window.__pwned") == "undefined", (
        f"markup from the bank ran: window.__pwned = {page.evaluate('() => window.__pwned')}"
    )
    injected = page.evaluate(
        """(scope) => [...document.querySelectorAll(scope)].map(el =>
             el.querySelectorAll('script, img[src="x"], img[onerror], [onerror]').length)
           .reduce((a, b) => a + b, 0)""",
        scope,
    )
    assert injected == 0, f"{injected} element(s) from the bank's markup are live in {scope}"


def test_markup_in_a_bank_shows_as_text(lab: Server, page) -> None:
    article = str(lab.cwd / "harness" / "articles" / "xss-2020")
    write_notebook(
        lab.cwd / "harness" / "xss.ipynb",
        [
            ("code", QUIZ_CELL.format(article=article, bank="xss")),
            ("code", "from IPython.display import HTML\n\nHTML(quiz._repr_html_())"),
            ("code", 'quiz.answer("evil-choice", "b")'),
        ],
    )
    nb = Lab(page, lab)
    nb.open("harness/xss.ipynb", "xss")
    nb.run_all()
    nb.assert_clean_run()
    quiz = page.locator(f"{PANEL} .geokit-quiz")
    expect(quiz).to_have_count(1)
    expect(quiz.locator(".geokit-question")).to_have_count(4)

    # the widget quiz: title, description, prompts, options, menu items show the markup as text
    text = quiz.inner_text().replace("\xa0", " ")  # menus show spaces as no-break spaces
    assert f"Markup <b>{XSS_SCRIPT} {XSS_IMG}</b>" in text  # the title, <b> and all, as text
    assert f"Which is plain text? {XSS_SCRIPT} {XSS_IMG}" in text
    assert f"Option {XSS_SCRIPT}" in text
    assert f"Option {XSS_IMG}" in text
    assert f"L1 {XSS_SCRIPT}:" in text
    menu = quiz.locator(".geokit-q-matching select").first
    assert f"R1 {XSS_IMG}" in menu.inner_text().replace("\xa0", " ")

    # answer: the feedback, the explanation and the cited paragraph carry markup too
    quiz.locator(".geokit-q-single_choice").get_by_label(f"Option {XSS_IMG}", exact=True).check()
    quiz.locator(".geokit-q-single_choice button.geokit-check").click()
    fb = quiz.locator(".geokit-q-single_choice .geokit-feedback")
    expect(fb).to_contain_text(f"Feedback {XSS_SCRIPT} {XSS_IMG}")
    expect(fb).to_contain_text(f"Why: Explanation {XSS_SCRIPT} {XSS_IMG}")
    quiz.locator(".geokit-q-single_choice .geokit-cite-toggle").click()
    para = quiz.locator(".geokit-q-single_choice .geokit-paragraph")
    expect(para).to_contain_text(f"Critics wrote {XSS_SCRIPT} and {XSS_IMG} in the margins.")

    box = quiz.locator(".geokit-q-short_text").get_by_label("Your answer:")
    box.fill(f"anything {XSS_IMG}")
    box.press("Enter")
    quiz.locator(".geokit-q-short_text button.geokit-check").click()
    expect(quiz.locator(".geokit-q-short_text .geokit-feedback")).to_contain_text("Not quite")

    # the static HTML fallback and a Result's HTML repr, rendered by JupyterLab as HTML
    static = page.locator(f"{PANEL} .geokit-quiz-static")
    expect(static).to_have_count(1)
    assert f"Which is plain text? {XSS_SCRIPT} {XSS_IMG}" in static.inner_text()
    result = page.locator(f"{PANEL} .geokit-result")
    expect(result).to_have_count(1)
    assert f"Feedback {XSS_SCRIPT} {XSS_IMG}" in result.inner_text()

    assert_inert(page, f"{PANEL} .jp-OutputArea")
    full_screenshot(page, "safety-xss")
