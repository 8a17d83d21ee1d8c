"""No lesson shows an exercise's answer above the exercise (issue 14, part 5).

Each lesson is run top to bottom (``_executed``) and read as a student sees it: markdown, code,
and every text output (plain text, and HTML as the text it shows), without the cells a student
edition strips (instructor notes, solutions, hidden checks). The article's own paragraphs,
which lessons print for reading, are taken out of the outputs: the source is not a give-away.

What counts as giving the answer away, per kind of exercise (the expected answer comes from
``geokit.exercises.reference_answer`` and the exercise record, never from this file):

- a set of actors: one sentence or output line names every expected actor and no other actor
  of the same kind (so a list of all the newspapers is fine, a list of the right ones is not);
- a set of other records: one sentence or line names every expected id (or name);
- a date or dates: an expected ISO value, or the day in words ("5 October"), anywhere;
- a classification: a statement's id beside its kind;
- a position map or stance query: a sentence that states an expected actor's stance (its name
  with the words of that stance and no other, or for ``unknown`` words such as "never
  reports");
- premises: an expected node id beside "premise" or "assumption".

Open responses have no expected answer and are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import nbformat
import pytest
from _executed import executed, lessons
from conftest import html_text

from geokit.data.model import Article
from geokit.exercises.core import find, reference_answer

pytestmark = pytest.mark.slow  # each lesson is run once, top to bottom

HIDDEN = {"instructor", "solution", "hidden-check"}
EXERCISE_CALL = re.compile(r"geokit\.exercises\.(?:task|check)\(\s*[\"']([\w-]+)[\"']")
#: the words that state a stance, and silence
STANCE_WORDS = {
    "opposes": ("oppose", "against", "would not like", "does not want"),
    "supports": ("support", "in favour", "in favor", "welcome"),
    "seeks": ("seek", "wants", "pursue"),
    "wary": ("wary", "suspicious", "cautious"),
    "mixed": ("mixed",),
    "unknown": ("never report", "unknown", "does not say", "no position", "not reported",
                "never says"),
}


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def cell_text(cell: Any, art: Article) -> str:
    """What a student sees of a cell: its source and its text outputs, minus the article."""
    parts = [cell.source]
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "text/html" in data and "application/vnd.jupyter.widget-view+json" not in data:
            parts.append(html_text(data["text/html"]))
        elif "text/plain" in data:
            parts.append(data["text/plain"])
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
    text = "\n".join(parts).replace("’", "'")
    for p in art.paragraphs:  # the article itself, printed for reading
        text = text.replace(p.text.replace("’", "'"), " ")
    return text


def sentences(text: str) -> list[str]:
    """Output lines, markdown bullets and sentences, each on its own."""
    out = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)", text):
        lines = block.splitlines()
        if len(lines) > 1 and all(re.match(r"^\S.*\s{2,}\S", ln) for ln in lines if ln.strip()):
            out += lines  # a printed table: one row at a time
            continue
        out += re.split(r"(?<=[.!?])\s+(?=[A-Z\"*(])", _flat(block))
    return [s for s in out if s.strip()]


def _names(art: Article, actor_id: str) -> list[str]:
    try:
        a = art.actor(actor_id)
    except LookupError:
        return [actor_id]
    return [a.name, *getattr(a, "aliases", ()), a.id]


def _says(sentence: str, words: list[str], stem: bool = False) -> bool:
    """Whether the sentence has one of the words (or, with ``stem``, a word starting so)."""
    low = sentence.lower()
    end = "" if stem else r"(?![\w-])"
    return any(re.search(rf"(?<![\w-]){re.escape(w.lower())}{end}", low) for w in words)


def giveaways(ex_id: str, text: str) -> list[str]:
    """The sentences of ``text`` that give away the exercise's expected answer."""
    ex, art = find(ex_id)
    want = reference_answer(ex_id)
    found: list[str] = []
    parts = sentences(text)
    if ex.kind == "set":
        want = set(want)
        if (ex.answer_items or "actors") == "actors":
            kinds = {art.actor(a).kind for a in want}
            others = [a.id for a in art.actors if a.kind in kinds and a.id not in want]
            for s in parts:
                if all(_says(s, _names(art, a)) for a in want) and not any(
                        _says(s, _names(art, o)) for o in others):
                    found.append(s)
        else:
            records = {getattr(r, "id", ""): r for r in getattr(art, ex.answer_items or "", ())}
            for s in parts:
                if all(_says(s, [w, getattr(records.get(w), "name", w)]) for w in want):
                    found.append(s)
    elif ex.kind in ("date", "dates"):
        values = [want] if isinstance(want, str) else list(want.values())
        words = []
        for v in values:
            words.append(v)
            if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
                d = dt.date.fromisoformat(v)
                words += [f"{d.day} {d:%B}", f"{d:%B} {d.day}"]
        found += [s for s in parts if _says(s, words)]
    elif ex.kind == "classification":
        for rid, kind in want.items():
            found += [s for s in parts if rid in s
                      and _says(s, [kind, kind.replace("_", " ")], stem=True)]
    elif ex.kind in ("position_map", "stance_query"):
        for actor, value in want.items():
            stance = value[0] if isinstance(value, tuple) else value
            for s in parts:
                named = [k for k, words in STANCE_WORDS.items() if _says(s, [*words], stem=True)]
                # a choice among stances (an answer form) states none of them
                if _says(s, _names(art, actor)) and named == [stance]:
                    found.append(s)
    elif ex.kind == "premises":
        argument = next(a for a in art.arguments if a.id == ex.argument)
        letters = {chr(ord("A") + i): n for i, n in enumerate(ex.items)}
        ids = [letters[x] for x in want["premises"]] + [letters[want["assumption"]]]
        found += [s for s in parts for n in ids
                  if n in s and _says(s, ["premise", "assumption"], stem=True)]
        assert argument.nodes
    return found


def _exercises(nb: Any) -> list[tuple[int, str]]:
    """(index of the cell where each exercise starts, its id), in lesson order."""
    out: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for ex_id in EXERCISE_CALL.findall(cell.source):
            if ex_id in seen:
                continue
            seen.add(ex_id)
            start = i
            while start > 0 and not (nb.cells[start].cell_type == "markdown" and re.search(
                    r"^#+ .*Exercise", nb.cells[start].source, re.MULTILINE)):
                start -= 1
            out.append((start, ex_id))
    return out


CASES = [(p.stem, ex_id) for p in lessons()
         for _, ex_id in _exercises(nbformat.read(p, as_version=4))]


def test_every_lesson_exercise_is_found() -> None:
    ids = {ex for _, ex in CASES}
    assert {"00-channels", "01-meeting-date", "03-position-map"} <= ids


#: exercises that ask students to confirm with a query what the lesson has just shown them, so
#: that the detector's "names every expected item" finds the lesson's own material above them
CONFIRMS_WHAT_IS_SHOWN = {
    "06-summit-voices": "a query over the interest records behind the briefs shown above; any "
                        "sentence naming Pakistan and Russia together matches it",
}


@pytest.mark.parametrize(("stem", "ex_id"),
                         [c for c in CASES if c[1] not in CONFIRMS_WHAT_IS_SHOWN])
def test_no_answer_above_its_exercise(stem: str, ex_id: str) -> None:
    nb = executed(stem)
    _, art = find(ex_id)
    start = {e: s for s, e in _exercises(nb)}[ex_id]
    shown = [cell_text(c, art) for c in nb.cells[:start]
             if not HIDDEN & set(c.metadata.get("tags", []))]
    # the exercise's heading may close a cell of exposition: that part is above it too
    head = nb.cells[start].source
    cut = re.search(r"^#+ .*Exercise", head, re.MULTILINE)
    if cut and cut.start() > 0:
        shown.append(head[:cut.start()])
    above = "\n\n".join(shown)
    bad = giveaways(ex_id, above)
    assert not bad, f"{stem}: the answer to {ex_id} is given above it: {bad[:3]}"


# -- the detector can fail: it catches the give-aways the lessons used to have ----------------

def test_the_detector_catches_a_list_of_the_right_newspapers() -> None:
    said = ("Dawn is quoted in its own words (¶6; ¶5 is an official quoted by Dawn), "
            "and so is The Nation (¶7).")
    assert giveaways("00-channels", said)
    assert not giveaways("00-channels", "Dawn (¶5–6), The Nation (¶7) and Pakistan Observer (¶8).")


def test_the_detector_catches_a_date_and_an_unknown_stance() -> None:
    assert giveaways("01-meeting-date", "Kayani called on Makarov on 5 October.")
    assert giveaways("03-position-map", "The article never reports a US position on bases.")
    assert not giveaways("03-position-map", "Place the United States on the map.")
