"""JSON Schema for every file of an article folder, generated from the records the loader reads
(:mod:`geokit.data.model`, :mod:`geokit.data.questions`) and the rules of their classes, so that
an editor checking a file against it and ``geokit validate`` accept the same files, up to what a
schema cannot say (references between records and files, duplicates after normalising, totals).
"""

from __future__ import annotations

from typing import Any

from geokit.data.loader import ANNOTATION_FILES, MIN_PARAGRAPHS
from geokit.data.model import ArticleMeta, Paragraph, PlacesFile
from geokit.data.questions import Bank
from geokit.data.records import json_schema

__all__ = ["schemas"]


def schemas() -> dict[str, dict[str, Any]]:
    """``{file stem: schema}`` for article.yaml, paragraphs.yaml, each annotation file,
    places.yaml, the question banks (``quiz``) and exercises.yaml."""
    out = {
        "article": json_schema(ArticleMeta, title="geokit article.yaml"),
        "paragraphs": json_schema(Paragraph, top_key="paragraphs", min_items=MIN_PARAGRAPHS,
                                  title="geokit paragraphs.yaml"),
    }
    for stem, cls in ANNOTATION_FILES.items():
        out[stem] = json_schema(cls, top_key=stem, title=f"geokit {stem}.yaml")
    out["places"] = json_schema(PlacesFile, title="geokit places.yaml")
    out["quiz"] = json_schema(Bank, title="geokit question bank (quizzes/*.yaml)")
    from geokit.data.exercises import ExerciseFile

    out["exercises"] = json_schema(ExerciseFile, title="geokit exercises.yaml")
    from geokit.data.sources import SourceFile

    out["sources"] = json_schema(SourceFile, title="geokit sources.yaml")

    from geokit.data.briefs import BriefFile

    out["briefs"] = json_schema(BriefFile, title="geokit briefs.yaml")

    from geokit.data.lessons import Lesson

    out["lessons"] = json_schema(Lesson, top_key="lessons", title="geokit lessons.yaml")
    return out
