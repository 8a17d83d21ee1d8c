"""Typed records for code exercises: what an article's ``exercises.yaml`` holds.

An exercise names a *grader kind* (a set of items, a classification, dates, a matrix, ...) and
gives everything article-specific that the grader needs: the prompt, the answer form, the expected
answer or the query that computes it from the article's records, the alternatives it also accepts
and why, paragraph references, rubric items and feedback sentences. The Python graders in
:mod:`geokit.exercises` are generic; a new article gets exercises by writing this file.

One :class:`Exercise` dataclass serves every kind, as one ``Question`` serves every question type:
:data:`KIND_FIELDS` lists the fields each kind uses and the validator rejects the others. The
fields are the schema: ``geokit schema`` writes ``exercises.schema.json`` from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from geokit.data.model import Stance
from geokit.data.records import doc

__all__ = [
    "FEEDBACK_KEYS",
    "KINDS",
    "KIND_FIELDS",
    "OPS",
    "RECORD_KINDS",
    "REQUIRED_FIELDS",
    "Accept",
    "Borrowed",
    "Category",
    "Condition",
    "Evidence",
    "Exercise",
    "ExerciseFile",
    "ExerciseKind",
    "Factor",
    "Query",
    "Reading",
    "RecordKind",
    "WhatIf",
    "Wording",
]

ExerciseKind = Literal["set", "classification", "dates", "date", "matrix", "position_map",
                       "stance_query", "premises", "open_response"]
#: every grader kind; :mod:`geokit.exercises` registers one grader for each
KINDS: tuple[str, ...] = get_args(ExerciseKind)

#: the record lists of an article a query can read; ``nodes`` are the nodes of one argument
RecordKind = Literal["actors", "events", "projects", "quotes", "claims", "interests",
                     "relations", "arguments", "nodes", "context", "sources", "traces",
                     "explanations"]
RECORD_KINDS: tuple[str, ...] = get_args(RecordKind)

#: the tests a condition can make; each condition sets exactly one
OPS: tuple[str, ...] = ("equals", "one_of", "contains", "overlaps", "within", "is_set")


@dataclass(frozen=True)
class Condition:
    """One test a record must pass. Give ``field`` and exactly one of the tests."""

    field: str = doc("The record's field, dotted for a nested one (e.g. 'date.value').")
    equals: str | None = doc("The field's value is exactly this.", None)
    one_of: tuple[str, ...] = doc("The field's value is one of these.", ())
    contains: tuple[str, ...] = doc("The field (a list, e.g. participants) holds all of these.",
                                    ())
    overlaps: tuple[int, ...] = doc("The field (paragraph numbers) shares a number with these.",
                                    ())
    within: str | None = doc("The field (an ISO 8601 date) lies within this day, week, month, "
                             "year or interval.", None)
    is_set: bool | None = doc("true: the field has a value; false: it is empty, null or false.",
                              None)
    why: str = doc(
        "Why an answer item that fails this test does not belong, shown to the student. "
        "{placeholders} name the record's fields ({title}, {date.wording}, {paragraphs:cite}, "
        "{paragraphs:cite2} for the first two) and {item}, the item's name.", "")


@dataclass(frozen=True)
class Query:
    """Which records answer an exercise: read ``records``, keep those passing ``where``, and
    collect the value(s) of ``select`` that pass ``select_where``."""

    records: RecordKind = doc("The article's records to read ('nodes': one argument's nodes).")
    where: tuple[Condition, ...] = doc("Tests every record must pass, in order. A test with a "
                                       "'why' explains an item that fails it.", ())
    select: str = doc("The field that names the answer's items, e.g. 'participants' (a list "
                      "adds each) or 'id' (the record itself).", "id")
    select_where: tuple[Condition, ...] = doc(
        "Tests on each selected item's own record (e.g. an actor's kind).", ())
    argument: str | None = doc("For records: nodes, the argument's id (default: the first).",
                               None)


@dataclass(frozen=True)
class Category:
    """One category of a classification, with the words a student may use for it."""

    value: str = doc("The value the records hold, e.g. 'reported_fact'.")
    words: tuple[str, ...] = doc("Ways to write it, the first shown in messages, e.g. "
                                 "['reported fact', 'fact'].")
    hint: str = doc("Shown when a record of this category is classified wrongly: "
                    "'Hint: here ...'.")


@dataclass(frozen=True)
class Evidence:
    """A paragraph accepted as support, with the article's words that make it so."""

    paragraph: int = doc("The paragraph number.")
    words: str = doc("The words of that paragraph that support it, verbatim (checked).")


@dataclass(frozen=True)
class Accept:
    """What an exercise accepts besides what the records hold, and why."""

    topic: str | None = doc("matrix: the topic this applies to.", None)
    actor: str | None = doc("position_map: the actor id this applies to.", None)
    record: str | None = doc("classification: the record id this applies to.", None)
    categories: tuple[str, ...] = doc("classification: categories accepted besides the "
                                      "recorded one (their values).", ())
    paragraphs: tuple[Evidence, ...] = doc("matrix: further paragraphs that support the stance.",
                                           ())
    stances: tuple[Stance, ...] = doc("matrix: stances accepted besides the recorded one.", ())
    unknown: bool = doc("position_map: accept 'unknown' as well as the recorded stance.", False)
    reason: str = doc("Why the alternative is accepted; shown to the student who gives it.", "")


@dataclass(frozen=True)
class Wording:
    """Feedback sentences an exercise supplies; each kind uses some of them (see the docs)."""

    none: str = doc("set: why an item that no record relates to does not belong.", "")
    either: str = doc("set: the note on items accepted whether given or not ({names}).", "")
    correct: str = doc("date: the message for a right date (the record's fields).", "")
    incorrect: str = doc("date: the message for a wrong date ({value}, the record's fields).",
                         "")
    hint: str = doc("date: a hint after a wrong date; premises: after a wrong assumption "
                    "({answer}).", "")
    silent: str = doc("position_map: a stance given where the article is silent (the actor's "
                      "fields).", "")
    missing: str = doc("premises: premises left out ({count}).", "")


@dataclass(frozen=True)
class Exercise:
    """One exercise. Which fields apply depends on ``kind`` (see docs/data-format.md)."""

    id: str = doc("Unique id, used by check('id', answer); e.g. '01-who-met'.")
    kind: ExerciseKind = doc("The generic grader that checks the answer.")
    prompt: str = doc("The task as the student reads it.")
    form: str = doc("The answer's form, shown with the task and with every form error.")
    example: str = doc("An example answer shown when the answer has the wrong form.", "")
    objectives: tuple[str, ...] = doc(
        "Ids of the lesson objectives (declared in lessons.yaml) the exercise assesses, "
        "e.g. ['L1.5'].", ())
    item_example: str = doc("matrix, position_map: an example of one entry of the answer; "
                            "open_response: an example citation, e.g. '¶3'.", "")
    # set
    answer_items: RecordKind | None = doc("set: what the answer's items name (actors by name, "
                                          "alias or id; other records by id).", None)
    what: str = doc("set: the items in words, e.g. 'newspapers'.", "")
    query: Query | None = doc("set, date: the query that computes the expected answer.", None)
    expected: tuple[str, ...] = doc("set: the expected ids, when no query computes them.", ())
    either: tuple[Condition, ...] = doc("set: the query's records passing these tests are "
                                        "accepted whether given or not.", ())
    cite_first: int | None = doc("set: cite only this many paragraphs of each record.", None)
    # classification
    records: RecordKind | None = doc("classification: the records classified.", None)
    field: str = doc("classification: the field that holds each record's category.", "")
    items: tuple[str, ...] = doc("classification: record ids (default: all); position_map: actor "
                                 "ids; premises: node ids, lettered A, B, ... in this order.", ())
    categories: tuple[Category, ...] = doc("classification: the categories.", ())
    # dates
    wordings: tuple[str, ...] = doc("dates: the article's date wordings to resolve.", ())
    # matrix, position_map, stance_query
    actor: str | None = doc("matrix: the actor id whose row is filled in.", None)
    topics: tuple[str, ...] = doc("matrix: the interest topics of the row.", ())
    topic: str | None = doc("position_map, stance_query: the interest topic.", None)
    accept: tuple[Accept, ...] = doc("matrix, position_map, classification: what else is "
                                     "accepted, and why.", ())
    # premises
    argument: str | None = doc("premises: the argument's id.", None)
    # open_response
    min_words: int = doc("open_response: fewest words.", 0)
    rubric: tuple[str, ...] = doc("open_response: what the instructor looks for.", ())
    model_answer: str = doc("open_response: an example answer, shown once the student's own "
                            "is saved.", "")
    feedback: Wording | None = doc("Feedback sentences this kind takes from the data.", None)


@dataclass(frozen=True)
class Borrowed:
    """An exercise of another article, offered here under its own id."""

    id: str = doc("The id the lessons use here.")
    article: str = doc("The other article's id (its folder beside this one, or a bundled one).")
    exercise: str = doc("The exercise's id in that article's exercises.yaml.")
    prompt: str = doc("A prompt to use here instead of the other article's.", "")
    objectives: tuple[str, ...] = doc(
        "Ids of this article's lesson objectives (lessons.yaml) the exercise assesses here.", ())


@dataclass(frozen=True)
class Factor:
    """One 'what if' the device can switch on, with the step of the argument it touches."""

    key: str = doc("The switch's name, a Python identifier: what_if(key=True).")
    label: str = doc("What the switch imagines, in a sentence.")
    touches: str = doc("The premise or limit it weakens or removes.")
    paragraphs: tuple[int, ...] = doc("Paragraphs of that premise or limit.")
    shift: int = doc("Made-up weight: + pushes towards one reading, - towards the other.")


@dataclass(frozen=True)
class Reading:
    """What the picture looks like for a range of scores."""

    picture: str = doc("The picture in a few words.")
    explanation: str = doc("One or two sentences on it.")
    up_to: int | None = doc("The highest score it covers; null for the last reading.", None)


@dataclass(frozen=True)
class WhatIf:
    """A teaching device, not a forecast: switches that show how a conclusion rests on its
    premises."""

    factors: tuple[Factor, ...] = doc("The switches, in the order they are shown.")
    readings: tuple[Reading, ...] = doc("Readings from the lowest scores to the highest.")
    towards: str = doc("Where a positive shift pushes, e.g. 'towards a break'.")
    away: str = doc("Where a negative shift pushes.")
    argument: str | None = doc("The argument the device is about.", None)


@dataclass(frozen=True)
class ExerciseFile:
    """An article's ``exercises.yaml``."""

    exercises: tuple[Exercise, ...] = doc("The article's exercises.", ())
    borrowed: tuple[Borrowed, ...] = doc("Exercises of other articles offered here.", ())
    what_if: WhatIf | None = doc("The 'what would change the picture' device, if any.", None)


#: the fields each kind uses besides id, kind, prompt, form, example; any other is a mistake
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "set": ("answer_items", "what", "query", "expected", "either", "cite_first", "feedback"),
    "classification": ("records", "field", "items", "categories", "accept"),
    "dates": ("wordings",),
    "date": ("query", "feedback"),
    "matrix": ("item_example", "actor", "topics", "accept"),
    "position_map": ("item_example", "topic", "items", "accept", "feedback"),
    "stance_query": ("topic",),
    "premises": ("argument", "items", "feedback"),
    "open_response": ("item_example", "min_words", "rubric", "model_answer"),
}
#: the fields each kind cannot do without
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "set": ("answer_items",),
    "classification": ("records", "field", "categories"),
    "dates": ("wordings",),
    "date": ("query",),
    "matrix": ("actor", "topics"),
    "position_map": ("topic", "items"),
    "stance_query": ("topic",),
    "premises": ("argument",),
    "open_response": ("rubric",),
}
#: the feedback sentences each kind reads, and the placeholders each may use besides the fields
#: of its record ('*' marks sentences formatted with a record's fields)
FEEDBACK_KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "set": {"none": ("*", "item"), "either": ("names",)},
    "date": {"correct": ("*", "value"), "incorrect": ("*", "value"), "hint": ("*", "value")},
    "position_map": {"silent": ("*", "item")},
    "premises": {"missing": ("count",), "hint": ("answer",)},
}
