"""Every paragraph is a passage of the captured page, exactly and in order (geokit.data.page).

YAML cuts an unquoted value at `` #``; what is left still occurs in the page, which is why the
validator compares whole passages, not substrings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import make_mini_article

from geokit.data.loader import read_article
from geokit.data.page import compare, passages

PAGE = """\
Daily Example | Home | World

Talks resume

The ministers met at Pier # 4 on Monday, officials said.

“We will meet again,” the envoy said.
A second line of the same paragraph.

The end.
"""


def _paragraph_lines(folder: Path) -> list[str]:
    """paragraphs.yaml as lines, one line to a paragraph's text, as an instructor may write it."""
    path = folder / "paragraphs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6).splitlines()


def test_passages_are_runs_of_lines_and_their_lines() -> None:
    texts = [p.text for p in passages(PAGE)]
    assert "“We will meet again,” the envoy said. A second line of the same paragraph." in texts
    assert "A second line of the same paragraph." in texts
    assert passages(PAGE)[0].line == 1


def test_the_page_itself_matches() -> None:
    body = ["The ministers met at Pier # 4 on Monday, officials said.",
            "“We will meet again,” the envoy said. A second line of the same paragraph.",
            "The end."]
    assert compare(body, PAGE) == []


@pytest.mark.parametrize(
    ("paragraph", "message", "detail"),
    [
        # what YAML leaves of `text: The ministers met at Pier # 4 on Monday, officials said.`
        ("The ministers met at Pier", "stops short of the page; YAML reads ' #'", "on ' # 4 on"),
        ("The ministers met at Pier # 4 on Monday, officials said", "stops short", "'.'"),
        ("The ministers met at Pier # 4 on Monday, officials  said.", "at character 52", ""),
        ("The ministers met at Pier # 4 on Monday, officials said. More.", "runs on past", ""),
        ('"We will meet again," the envoy said. A second line of the same paragraph.',
         "at character 1", "'“We will"),
        ("Invented words that the page never had.", "not in the captured page", ""),
    ],
)
def test_any_difference_from_the_page_is_named(paragraph: str, message: str,
                                              detail: str) -> None:
    problems = compare([paragraph, "The end."], PAGE)
    assert len(problems) == 1
    assert problems[0].index == 0
    assert message in problems[0].message
    assert detail in problems[0].found


def test_paragraphs_out_of_order_are_named_once() -> None:
    body = ["The end.", "The ministers met at Pier # 4 on Monday, officials said.",
            "“We will meet again,” the envoy said. A second line of the same paragraph."]
    problems = compare(body, PAGE)
    assert [(p.index, p.message) for p in problems] == [(0, "paragraph is out of the page's order")]


def test_a_paragraph_cut_short_by_yaml_fails_validation(tmp_path: Path) -> None:
    folder = make_mini_article(tmp_path)
    page = (folder / "source.txt").read_text(encoding="utf-8")
    # the page says "#1", as a captured page may; the paragraph is written unquoted by hand
    (folder / "source.txt").write_text(page.replace("worth $40 million.", "worth $40 million, "
                                                    "its #1 project."), encoding="utf-8")
    lines = _paragraph_lines(folder)
    i = next(i for i, line in enumerate(lines) if "worth $40 million" in line)
    lines[i] = lines[i].replace("worth $40 million.", "worth $40 million, its #1 project.")
    (folder / "paragraphs.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = yaml.safe_load((folder / "paragraphs.yaml").read_text(encoding="utf-8"))
    assert data["paragraphs"][0]["text"].endswith("million, its")  # YAML took '#1...' as a comment

    _, problems = read_article(folder)
    assert [str(p) for p in problems if "paragraphs.yaml" in p.file] == [
        f"{problems[0].file}:{i + 1}: paragraphs[0], field 'text': paragraph stops short of the "
        "page; YAML reads ' #' in an unquoted value as the start of a comment: put the text in "
        "quotes (expected the passage of source.txt at line 9, exactly; found the text ends at "
        "'…rth $40 million, its'; the page goes on ' #1 project.')"
    ]

    quoted = yaml.safe_dump(data | {"paragraphs": [
        {**data["paragraphs"][0], "text": data["paragraphs"][0]["text"] + " #1 project."},
        *data["paragraphs"][1:]]}, allow_unicode=True, sort_keys=False)
    (folder / "paragraphs.yaml").write_text(quoted, encoding="utf-8")
    assert read_article(folder)[1] == []  # quoted, it is the page again


def test_a_paragraph_differing_from_the_page_fails_validation(tmp_path: Path) -> None:
    folder = make_mini_article(tmp_path)
    lines = _paragraph_lines(folder)
    i = next(i for i, line in enumerate(lines) if "Ana Ruiz" in line)
    lines[i] = lines[i].replace("Ana Ruiz", "Ana Ruíz")  # one accent the page does not have
    (folder / "paragraphs.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = read_article(folder)
    assert len(problems) == 1
    assert "paragraph differs from the page at character 26" in str(problems[0])
    assert f":{i + 1}: paragraphs[0]" in str(problems[0])
