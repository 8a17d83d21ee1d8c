"""Whatever YAML an instructor writes, the loader answers with geokit's own error, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geokit.data.loader import ANNOTATION_FILES, read_article

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["riverland", "ruiz", "state", "1"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.text(max_size=10),
                st.sampled_from(["id", "name", "kind", "paragraphs", "actors", "date", "value"]),
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=25,
)
raw_text = st.one_of(
    st.text(max_size=200), st.binary(max_size=100).map(lambda b: b.decode("latin-1"))
)
FILES = ["article.yaml", "paragraphs.yaml", *(f"{s}.yaml" for s in ANNOTATION_FILES),
         "places.yaml"]


def _case(mini_article: Path, tmp_path: Path, file: str, text: str) -> Path:
    """A fresh copy of the mini article with ``file`` replaced by ``text``."""
    folder = tmp_path / "case" / "mini-2020"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(mini_article, folder)
    (folder / file).write_text(text, encoding="utf-8")
    return folder


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(file=st.sampled_from(FILES), doc=documents)
def test_arbitrary_yaml_documents_give_only_geokit_errors(
    mini_article: Path, tmp_path: Path, file: str, doc: object
) -> None:
    folder = _case(mini_article, tmp_path, file, yaml.safe_dump(doc))
    article, problems = read_article(folder)  # never raises: it collects problems
    assert (article is None) == bool(problems), problems  # an article only when it is clean
    if not isinstance(doc, dict):  # every file of an article is a mapping
        assert any(Path(p.file).name == file for p in problems), problems
    names = {f.name for f in folder.rglob("*")}
    for p in problems:  # each names a file of the article and says what is wrong, on one line
        assert Path(p.file).name in names, p
        assert p.message, p
        assert "\n" not in str(p), p


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(file=st.sampled_from(FILES), text=raw_text)
def test_arbitrary_text_gives_only_geokit_errors(
    mini_article: Path, tmp_path: Path, file: str, text: str
) -> None:
    folder = _case(mini_article, tmp_path, file, text)
    _, problems = read_article(folder)  # read_article never raises: it collects problems
    for p in problems:
        assert p.file
        assert p.message
