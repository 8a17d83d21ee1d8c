"""Make lessons 00-02 take an article: a papermill ``parameters`` cell, used wherever they name it.

Run from the checkout: ``python tools/parametrize_lessons.py`` (``--check`` only reports whether
anything would change, exit 1 if so). Idempotent: a second run changes nothing. For each of
``notebooks/00-*.ipynb`` (not ``00c``), ``01-*`` and ``02-*`` it

1. inserts, before the first code cell, a code cell tagged ``parameters`` (papermill's
   convention) that assigns ``ARTICLE = "pakistan-russia-2012"``; if the lesson already has
   one, its source is brought up to date;
2. rewrites the article-id literal in code cells to the parameter:
   ``geokit.load_article("pakistan-russia-2012")`` and ``geokit.quiz("pakistan-russia-2012", ...)``
   become ``...(ARTICLE...)``, and ``geokit.exercises.check(...)`` / ``.task(...)`` calls that
   name no article get ``article=ARTICLE`` (they would otherwise read the shipped article);
3. guards the code cells that read records only the 2012 article has (an actor looked up by a
   2012 name, a 2012 record id, a hand-picked 2012 paragraph range, listed in ``SPECIFIC``):
   on another article they print one line saying so instead of failing. Solution cells are left
   alone: they are the instructor's answers for the 2012 article.

It never edits markdown. Cells it does not recognise are left as they are, and the fingerprints
of ``SPECIFIC`` that match no cell are reported, so a restructured lesson shows what to revisit.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = "pakistan-russia-2012"
LESSONS = ("00-reading-the-source", "01-actors", "02-interests")

PARAMETERS = f"""\
# Parameters: the article this lesson reads (papermill's convention: this cell is tagged
# "parameters"). The prose of the lesson is about the 2012 article; to run its code, exercises
# and quiz on another article, set ARTICLE to that article's id or folder, e.g. "template-example".
ARTICLE = "{SHIPPED}\""""

#: text in a code cell that marks it as reading records only the 2012 article has
SPECIFIC = (
    'art.actor("Kiani")',
    '("Lavrov", "Kiani"',
    "iran-pakistan-gas-pipeline",
    "*range(12, 18)",
    "*range(6, 12)",
)
GUARD = f'if art.id == "{SHIPPED}":  # this cell reads records only the 2012 article has'
SKIPPED = ('else:\n    print(f"(This cell reads records only the 2012 article has; {art.id} '
           'skips it.)")')

_LITERAL = re.compile(r"""(geokit\.(?:load_article|quiz)\(\s*)(['"])""" + re.escape(SHIPPED)
                      + r"\2")
_EXERCISE_CALL = re.compile(r"geokit\.exercises\.(check|task)\(([^()]*)\)")


def _with_article(m: re.Match[str]) -> str:
    args = m.group(2)
    if "article=" in args:
        return m.group(0)
    return f"geokit.exercises.{m.group(1)}({args.rstrip()}, article=ARTICLE)"


def rewrite_code(source: str) -> str:
    """The article-id literal and the exercise calls of one code cell, made to use ARTICLE."""
    source = _LITERAL.sub(r"\1ARTICLE", source)
    return _EXERCISE_CALL.sub(_with_article, source)


def guard(source: str) -> str:
    """Run ``source`` only on the 2012 article; its last expression is still displayed."""
    if source.startswith(GUARD):
        return source
    tree = ast.parse(source)
    lines = source.splitlines()
    last = tree.body[-1] if tree.body else None
    shown = isinstance(last, ast.Expr) and not (
        isinstance(last.value, ast.Call) and isinstance(last.value.func, ast.Name)
        and last.value.func.id == "print")  # print() shows itself; its None is not displayed
    if shown and last is not None and last.end_lineno is not None:
        head = lines[:last.lineno - 1]
        expr = "\n".join(lines[last.lineno - 1:last.end_lineno])
        lines = [*head, f"display({expr})", *lines[last.end_lineno:]]
    body = "\n".join(f"    {ln}" if ln.strip() else "" for ln in lines)
    return f"{GUARD}\n{body}\n{SKIPPED}"


def _is_parameters(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", [])


def parametrize(nb: nbformat.NotebookNode) -> tuple[bool, list[str]]:
    """Apply the three steps to ``nb`` in place; (whether it changed, fingerprints not found)."""
    before = nbformat.writes(nb)
    params = [c for c in nb.cells if _is_parameters(c)]
    if params:
        params[0].source = PARAMETERS
    else:
        cell = nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]})
        cell.pop("id", None)  # ids are given below, stable across runs
        first = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
        nb.cells.insert(first, cell)
        cell["id"] = "parameters"
    found = set()
    for cell in nb.cells:
        if cell.cell_type != "code" or _is_parameters(cell):
            continue
        cell.source = rewrite_code(cell.source)
        tags = set(cell.metadata.get("tags", []))
        hits = [s for s in SPECIFIC if s in cell.source]
        found.update(hits)
        if hits and not tags & {"solution", "hidden-check"}:
            cell.source = guard(cell.source)
    return nbformat.writes(nb) != before, [s for s in SPECIFIC if s not in found]


def lesson_paths(root: Path = ROOT) -> list[Path]:
    """The notebooks of lessons 00-02 (by the start of their names)."""
    return [p for name in LESSONS for p in sorted((root / "notebooks").glob(f"{name[:3]}*.ipynb"))
            if not p.stem.startswith("00c")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a lesson would change")
    args = parser.parse_args(argv)
    changed = []
    missing: set[str] = set(SPECIFIC)
    for path in lesson_paths():
        nb = nbformat.read(path, as_version=4)
        did, not_found = parametrize(nb)
        missing &= set(not_found)
        if did:
            changed.append(path.name)
            if not args.check:
                nbformat.write(nb, path)
    for s in sorted(missing):
        print(f"note: no lesson cell holds {s!r} any more; review SPECIFIC", file=sys.stderr)
    verb = "would change" if args.check else "changed"
    print(f"{verb}: {', '.join(changed) or 'nothing'}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
