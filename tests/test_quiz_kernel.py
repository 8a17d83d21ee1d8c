"""In a real kernel (what nbval and JupyterLab run): the quiz displays as a widget view beside
readable text/plain and HTML, and a click on Check saves the answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_quiz_fixtures import make_article

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


@pytest.mark.slow
def test_quiz_in_a_kernel(tmp_path: Path) -> None:
    folder = make_article(tmp_path / "a")
    store = tmp_path / "store"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"import geokit\nquiz = geokit.quiz({str(folder)!r}, 'every-type', student='kim', "
            f"store={str(store)!r})\nquiz"),
        nbformat.v4.new_code_cell("quiz.show()"),
        nbformat.v4.new_code_cell(
            "from geokit.quizzes.widgets import QuizView\nview = QuizView(quiz)\n"
            "view.questions[0].control.value = 'a'\nview.questions[0].button.click()\n"
            "print(quiz.saved('t-single')['status'])"),
    ]
    nbclient.NotebookClient(nb, timeout=60, kernel_name="python3",
                            store_widget_state=True).execute()
    for cell in nb.cells[:2]:
        outs = [o for o in cell.outputs if o.output_type in ("execute_result", "display_data")]
        (out,) = [o for o in outs if "application/vnd.jupyter.widget-view+json" in o["data"]]
        data = out["data"]
        assert "application/vnd.jupyter.widget-view+json" in data
        assert data["text/plain"].startswith("Quiz: Every type")
        assert "SECRET" not in data["text/plain"]
        assert 'class="geokit-quiz-static"' in data["text/html"]
    # show() adds a printable copy for exports that cannot render widgets, answers left out
    (printable,) = [o["data"] for o in nb.cells[1].outputs
                    if "application/vnd.jupyter.widget-view+json" not in o.get("data", {"x": 1})]
    assert 'class="geokit-quiz-print"' in printable["text/html"]
    assert "SECRET" not in printable["text/html"]
    assert not [o for o in nb.cells[0].outputs if "geokit-quiz-print" in str(o)]  # repr: no copy
    assert nb.cells[2].outputs[0]["text"].strip() == "correct"
    assert "widgets" in nb.metadata  # widget state stored for static renderers
