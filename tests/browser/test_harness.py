"""The harness checks itself: a clean notebook passes, a failing one is caught, nothing leaves
127.0.0.1. If these fail, the lesson tests' verdicts mean nothing."""

from __future__ import annotations

import pytest

from ._harness import Lab, Server, assert_no_widget_failures, screenshot, write_notebook

pytestmark = pytest.mark.browser


def test_clean_notebook_passes(lab: Server, page) -> None:
    write_notebook(
        lab.cwd / "harness" / "smoke.ipynb",
        [
            ("markdown", "# Smoke\nA widget and a figure."),
            ("code", "import ipywidgets as w\nw.IntSlider(value=3, description='three')"),
            ("code", ""),
            ("code", "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3]);"),
        ],
    )
    nb = Lab(page, lab)
    nb.open("harness/smoke.ipynb", "smoke")
    nb.run_all()
    nb.assert_clean_run()
    slider = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider")
    assert slider.count() == 1, "the IntSlider did not render as a widget"
    assert page.locator(".jp-OutputArea-output img").count() >= 1, "the figure is missing"
    screenshot(page, "harness-smoke")


def test_error_is_caught(lab: Server, page) -> None:
    write_notebook(
        lab.cwd / "harness" / "fails.ipynb",
        [
            ("code", "x = 1"),
            ("code", "1 / 0"),
            ("code", "y = 2"),
        ],
    )
    nb = Lab(page, lab)
    nb.open("harness/fails.ipynb", "fails")
    nb.run_all()
    errors = nb.errors()
    assert errors
    assert "ZeroDivisionError" in errors[0]
    with pytest.raises(AssertionError, match="ZeroDivisionError"):
        nb.assert_clean_run()
    assert_no_widget_failures(page)
