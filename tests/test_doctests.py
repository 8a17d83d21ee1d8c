"""The examples in geokit's docstrings run, as a student would type them."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import geokit

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(geokit.__path__, "geokit.")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
