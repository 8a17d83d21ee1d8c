"""The gradebook: many students' saved answers in, grades and an item analysis out.

``geokit gradebook RESPONSES... -o grades.csv`` reads answer files (the format of
``docs/quiz-format.md``, as ``geokit.quiz`` saves them) from files or folders, regrades every
answer against the current question bank (so an edited file cannot award itself points), and
writes:

- ``grades.csv``: one row per student, points per bank and in total, open responses counted;
- ``grades-open.csv``: every open response, for the instructor to score by its rubric;
- ``grades-items.csv``: per question, the share correct, the most common wrong answer and a
  discrimination index (upper 27 % minus lower 27 % of students by total score);
- ``grades-objectives.csv``: mastery per learning objective, for the class and each student;
- ``grades-summary.png``: a figure of the score distribution and question difficulty.

Missing, partial, duplicate and corrupt files are reported, one line each, with what was done.
No student is dropped: a student whose only file is corrupt still gets a row, marked, and so does
every student named in a ``roster.txt`` (one name a line) in a folder read, answers or not.
"""

from __future__ import annotations

import contextlib
import csv
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geokit.data.questions import COUNTING, Bank, Question
from geokit.quizzes.store import FORMAT  # the answer-file format the quizzes write
from geokit.quizzes.types import question_type
from geokit.teach.answers import Report, Submission, answer_files, collect
from geokit.teach.rubric import BASE_COLUMNS, OpenScores, merge, new_row, score_columns

if TYPE_CHECKING:  # pragma: no cover
    import random

__all__ = [
    "Gradebook",
    "Report",
    "Submission",
    "answer_files",
    "build",
    "build_all",
    "collect",
    "output_paths",
    "write",
]

MASTERY_THRESHOLD = 0.7


@dataclass
class Item:
    bank: str
    question: Any  # geokit.data.questions.Question
    credits: dict[str, float] = field(default_factory=dict)  # student -> 0..1, as counted
    wrong: Counter[str] = field(default_factory=Counter)


@dataclass
class Gradebook:
    """Grades for every student, with the item analysis and mastery per objective.

    ``points`` holds the automatically graded points as the bank counts them (its
    ``counting``: first, best or last attempt), ``first`` the points of the first attempts, and
    ``rubric`` the open-response points the instructor scored in ``grades-open.csv``.
    """

    article: str
    banks: list[Any]
    students: list[str]
    points: dict[str, dict[str, float]]  # student -> bank -> points
    items: list[Item]
    open_responses: list[dict[str, str]]
    notes: dict[str, list[str]]
    report: Report
    first: dict[str, dict[str, float]] = field(default_factory=dict)
    rubric: dict[str, dict[str, float]] = field(default_factory=dict)
    unscored: dict[str, int] = field(default_factory=dict)
    lessons: list[Any] = field(default_factory=list)  # geokit.data.lessons.Lesson

    @property
    def max_points(self) -> dict[str, float]:
        """Each bank's maximum, open responses included: what the student sees as "x / max"."""
        return {b.id: sum(q.points for q in b.questions) for b in self.banks}

    def bank_points(self, student: str, bank: str) -> float:
        """Counted points plus scored rubric points of one student in one bank."""
        return self.points[student][bank] + self.rubric.get(student, {}).get(bank, 0.0)

    def total(self, student: str) -> float:
        return sum(self.bank_points(student, b.id) for b in self.banks)

    def first_total(self, student: str) -> float:
        return sum(self.first.get(student, {}).values())

    def merge_scores(self, previous: Path) -> None:
        """Keep the rubric scores already filled in ``previous`` (an earlier grades-open.csv)."""
        questions = {(b.id, q.id): q for b in self.banks for q in b.questions
                     if _by_instructor(q)}
        scores: OpenScores = merge(self.open_responses, previous, questions, self.report)
        self.open_responses = scores.rows
        self.rubric = scores.points
        self.unscored = scores.unscored

    def item_rows(self) -> list[dict[str, Any]]:
        ranked = sorted(self.students, key=self.total)
        k = max(1, round(0.27 * len(ranked))) if len(ranked) >= 4 else 0
        lower, upper = set(ranked[:k]), set(ranked[-k:]) if k else set()
        rows = []
        for it in self.items:
            q = it.question
            if _by_instructor(q):
                continue
            n = len(self.students)
            answered = len(it.credits)
            # a question nobody answered has no difficulty to show: blank, not "hardest"
            share = f"{sum(it.credits.values()) / n:.2f}" if answered else ""
            disc = ""
            if k and answered:
                up = sum(it.credits.get(s, 0.0) for s in upper) / k
                low = sum(it.credits.get(s, 0.0) for s in lower) / k
                disc = f"{up - low:.2f}"
            common = it.wrong.most_common(1)
            rows.append(
                {
                    "bank": it.bank,
                    "question": q.id,
                    "type": q.type,
                    "objective": " ".join(_objectives(q)),
                    "level": q.level or "",
                    "answered": answered,
                    "students": n,
                    "share_correct": share,
                    "discrimination": disc,
                    "most_common_wrong_answer": common[0][0] if common else "",
                    "times_given": common[0][1] if common else 0,
                    "paragraphs": " ".join(f"¶{p}" for p in q.paragraphs),
                }
            )
        return rows

    def mastery(self) -> dict[str, dict[str, float]]:
        """objective -> student -> share of that objective's points earned.

        Objectives are the lesson-objective ids a question names (``objectives``); a question
        that names none counts under its free-text ``objective``. Open responses count by the
        rubric points scored.
        """
        weights: dict[str, float] = defaultdict(float)
        earned: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        open_points: dict[tuple[str, str], float] = {}
        for row in self.open_responses:
            if row.get("scored"):
                open_points[(row["student"], row["question"])] = float(row["scored"])
        for it in self.items:
            q = it.question
            for objective in _objectives(q) or ("(no objective)",):
                weights[objective] += q.points
                if _by_instructor(q):
                    for s in self.students:
                        earned[objective][s] += min(open_points.get((s, q.id), 0.0), q.points)
                    continue
                for s, credit in it.credits.items():
                    earned[objective][s] += credit * q.points
        return {o: {s: earned[o][s] / w for s in self.students} for o, w in weights.items()}

    def objective_texts(self) -> dict[str, tuple[str, str]]:
        """Lesson-objective id -> (lesson id, objective text), from ``lessons.yaml``."""
        return {o.id: (lesson.id, o.text) for lesson in self.lessons for o in lesson.objectives}


def _objectives(q: Any) -> tuple[str, ...]:
    ids = tuple(getattr(q, "objectives", ()) or ())
    return ids or ((q.objective,) if q.objective else ())


def _attempts(record: dict[str, Any]) -> list[tuple[Any, str]] | str:
    """(answer, time) of every Check in a saved record, oldest first; a string says what is
    wrong. A record without ``history`` is one attempt: its saved value."""
    history = record.get("history")
    if history is None:
        return [(record.get("value"), str(record.get("timestamp", "")))]
    if not isinstance(history, list) or not all(isinstance(h, dict) and "answer" in h
                                                for h in history):
        return '"history" is not a list of {"at", "answer", ...} records'
    if not history:
        return [(record.get("value"), str(record.get("timestamp", "")))]
    return [(h["answer"], str(h.get("at", ""))) for h in history]


def _counting(bank: Bank, report: Report) -> str:
    """The bank's ``counting`` (declared and validated in its YAML; a bank built in Python
    with another value is reported and counts the last attempt)."""
    how = bank.counting
    if how not in COUNTING:
        report.add(bank.id, f"unknown counting {how!r}; counted the last attempt")
        return "last"
    return str(how)


def build_all(
    submissions: Sequence[Submission], report: Report, *, articles: Sequence[str | Path] = ()
) -> list[Gradebook]:
    """One :class:`Gradebook` per article the answers name (or per article given, each an id
    or a folder). Answers for an article that cannot be loaded are reported, one line, with
    how to name its folder."""
    from geokit.data.loader import load_article
    from geokit.errors import GeokitDataError

    loaded: dict[str, Any] = {}
    for ref in articles:  # an article the instructor names must load: its error is raised
        art = load_article(ref)
        loaded[art.id] = art
    if not articles:
        # <student>/<article>/<bank>.json: a student whose only file is unreadable still
        # names the article by its folder, and keeps a row
        named = {s.article for s in submissions} | {
            p.parent.name for p in report.unreadable if len(p.parts) >= 3}
        for art_id in sorted(named):
            # an id that is no installed article is reported below, with what to do
            with contextlib.suppress(GeokitDataError, LookupError, OSError, ValueError):
                loaded[art_id] = load_article(art_id)
    books = [build([s for s in submissions if s.article == a], report, article=art)
             for a, art in loaded.items()]
    for art_id in sorted({s.article for s in submissions} - set(loaded)):
        n = sum(s.article == art_id for s in submissions)
        how = ("it is not among the articles given with --article" if articles
               else "no installed article has this id")
        report.add(art_id, f"skipped {n} answer file(s) for article {art_id!r}: {how}; "
                   "add --article FOLDER (the article's folder, or its id) to grade them")
    return books


def build(
    submissions: Sequence[Submission], report: Report, *, article: Any = None
) -> Gradebook:
    """Regrade every submission against the current banks of ``article`` (an id, a folder or
    a loaded article; by default the article the answers name)."""
    from geokit.data.loader import load_article
    from geokit.quizzes.grading import grade
    from geokit.teach.essays import essay_banks

    articles = sorted({s.article for s in submissions})
    if article is None or isinstance(article, (str, Path)):
        art = load_article(article or (articles[0] if articles else "pakistan-russia-2012"))
    else:
        art = article
    art_id = art.id
    for other in articles:
        if other != art_id:
            report.add(other, f"skipped: answers for article {other!r}; this gradebook is for "
                       f"{art_id!r} (grade them with --article and that article's folder)")
    # the essays (open-response exercises) are saved as one-question banks of their own: the
    # instructor scores them with the open responses, and their rubric points reach the totals
    banks = [*art.quiz_banks, *essay_banks(art)]
    by_bank = {b.id: b for b in banks}
    items = {(b.id, q.id): Item(b.id, q) for b in banks for q in b.questions}
    n_paras = len(art.paragraphs)
    # <store>/<student>/<article>/<bank>.json is the layout geokit.quizzes writes: a student whose
    # file is unreadable is still known from its path, and keeps a row in the gradebook
    orphans: dict[str, list[str]] = defaultdict(list)
    for path in report.unreadable:
        if path.parent.name == art_id and len(path.parts) >= 3:
            orphans[path.parent.parent.name].append(str(path))
    students = sorted(
        {s.student for s in submissions if s.article == art_id} | set(orphans) | set(report.roster)
    )
    points: dict[str, dict[str, float]] = {s: {b.id: 0.0 for b in banks} for s in students}
    first: dict[str, dict[str, float]] = {s: {b.id: 0.0 for b in banks} for s in students}
    notes: dict[str, list[str]] = defaultdict(list)
    open_rows: list[dict[str, str]] = []
    seen_banks: dict[str, set[str]] = defaultdict(set)
    for student, files in orphans.items():
        notes[student].append(f"{len(files)} unreadable file(s): " + ", ".join(files))
    for sub in submissions:
        if sub.article != art_id:
            continue
        bank = by_bank.get(sub.bank)
        if bank is None:
            report.add(sub.path, f"skipped: no bank {sub.bank!r} in {art_id!r}")
            notes[sub.student].append(f"answers to unknown bank {sub.bank!r} not graded")
            continue
        seen_banks[sub.student].add(bank.id)
        counting = _counting(bank, report)
        for qid, record in sub.answers.items():
            item = items.get((bank.id, qid))
            if item is None:
                report.add(sub.path, f"ignored answer to unknown question {qid!r}")
                continue
            q = item.question
            if _by_instructor(q):
                open_rows.append(new_row(sub.student, bank.id, q, str(record.get("value") or "")))
                continue
            attempts = _attempts(record)
            if isinstance(attempts, str):
                report.add(sub.path, f"{qid!r}: {attempts}; graded its saved answer only")
                attempts = [(record.get("value"), "")]
            credits = []
            invalid: list[str] = []
            for value, _at in attempts:
                g = grade(q, value, n_paragraphs=n_paras)
                if not g.valid:  # e.g. an option id the bank no longer has: never another one
                    invalid.append(g.message)
                credits.append(g.credit)
                if g.status != "correct":
                    item.wrong[_show(q, value)] += 1
            if invalid:  # one line per question, however many of its attempts it concerns
                n = len(attempts)
                tried = f" in {len(invalid)} of {n} attempts; those count" if n > 1 else "; counted"
                report.add(sub.path, f"answer to {qid!r} is not a valid answer ({invalid[0]})"
                           f"{tried} as 0")
            counted = (credits[0] if counting == "first" else max(credits)
                       if counting == "best" else credits[-1])
            item.credits[sub.student] = counted
            points[sub.student][bank.id] += counted * q.points
            first[sub.student][bank.id] += credits[0] * q.points
    for s in students:
        missing = [b.id for b in banks if b.id not in seen_banks[s]]
        if missing:
            notes[s].append("no answers for bank(s) " + ", ".join(missing))
    book = Gradebook(art_id, banks, students, points, list(items.values()), open_rows,
                     dict(notes), report, first=first,
                     lessons=list(getattr(art, "lessons", ()) or ()))
    book.unscored = dict(Counter(r["student"] for r in open_rows))
    return book


def _show(q: Any, value: Any) -> str:
    """A wrong answer as the instructor would read it (option texts, not ids)."""
    texts: dict[str, str] = {o.id: o.text for o in getattr(q, "options", ())}
    if isinstance(value, list):
        return "; ".join(texts.get(str(v), str(v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} -> {v}" for k, v in sorted(value.items()))
    return texts.get(str(value), str(value))


def output_paths(out: Path) -> list[Path]:
    """Every file :func:`write` writes for ``out``: the CSV files, the figure and its alt text."""
    stem = out.with_suffix("")
    return [out, *(Path(f"{stem}-{part}") for part in
                   ("open.csv", "items.csv", "objectives.csv", "summary.png", "summary.txt"))]


def write(book: Gradebook, out: Path, *, scored: Path | None = None) -> list[Path]:
    """Write the CSV files (and the summary figure) next to ``out``; return their paths.

    The files are those of :func:`output_paths`; the figure's alt text goes beside it as
    ``OUT-summary.txt``. The rubric scores already filled in ``scored`` (by default the
    ``OUT-open.csv`` being replaced) are merged in first, and count in the totals; raise
    ``ValueError`` naming that file when it exists but cannot be read.
    """
    book.merge_scores(scored if scored is not None else output_paths(out)[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    _, open_csv, items_csv, objectives_csv, summary_png, _ = output_paths(out)
    written = []
    maxes = book.max_points

    def dump(path: Path, header: list[str], rows: Iterable[dict[str, Any]]) -> None:
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=header)
            w.writeheader()
            w.writerows(rows)
        written.append(path)

    total_max = sum(maxes.values())
    auto_max = sum(q.points for b in book.banks for q in b.questions
                   if not _by_instructor(q))
    bank_cols = {b.id: f"{b.id} ({maxes[b.id]:g})" for b in book.banks}
    header = [
        "student",
        *bank_cols.values(),
        f"total ({total_max:g})",
        "percent",
        *[f"{b.id} first attempt" for b in book.banks],
        f"first attempt total ({auto_max:g} without open responses)",
        "open_responses_to_score",
        "notes",
    ]
    dump(
        out,
        header,
        (
            {
                "student": s,
                **{bank_cols[b.id]: f"{book.bank_points(s, b.id):g}" for b in book.banks},
                f"total ({total_max:g})": f"{book.total(s):g}",
                "percent": f"{100 * book.total(s) / (total_max or 1.0):.1f}",
                **{f"{b.id} first attempt": f"{book.first.get(s, {}).get(b.id, 0.0):g}"
                   for b in book.banks},
                f"first attempt total ({auto_max:g} without open responses)":
                    f"{book.first_total(s):g}",
                "open_responses_to_score": book.unscored.get(s, 0),
                "notes": "; ".join(book.notes.get(s, [])),
            }
            for s in book.students
        ),
    )
    dump(
        open_csv,
        [*BASE_COLUMNS, *score_columns(book.banks)],
        book.open_responses,
    )
    items = book.item_rows()
    dump(
        items_csv,
        [
            "bank",
            "question",
            "type",
            "objective",
            "level",
            "answered",
            "students",
            "share_correct",
            "discrimination",
            "most_common_wrong_answer",
            "times_given",
            "paragraphs",
        ],
        items,
    )
    mastery = book.mastery()
    texts = book.objective_texts()
    dump(
        objectives_csv,
        ["objective", "lesson", "text", "class_mean",
         f"share_of_students_at_{MASTERY_THRESHOLD:g}", *book.students],
        (
            {
                "objective": o,
                "lesson": texts.get(o, ("", ""))[0],
                "text": texts.get(o, ("", ""))[1],
                "class_mean": f"{statistics.fmean(v.values()) if v else 0:.2f}",
                f"share_of_students_at_{MASTERY_THRESHOLD:g}": f"{_share_at(v):.2f}",
                **{s: f"{v[s]:.2f}" for s in book.students},
            }
            for o, v in mastery.items()
        ),
    )
    written.append(_summary_figure(book, items, summary_png))
    return written


def _share_at(mastery: dict[str, float]) -> float:
    return sum(x >= MASTERY_THRESHOLD for x in mastery.values()) / (len(mastery) or 1)


def _summary_figure(book: Gradebook, items: list[dict[str, Any]], path: Path) -> Path:
    # A bare Figure, not pyplot: writing a file must not switch the backend of the notebook
    # an instructor may be running this from.
    from matplotlib.figure import Figure

    total_max = sum(book.max_points.values()) or 1.0
    percents = [100 * book.total(s) / total_max for s in book.students]
    fig = Figure(figsize=(12, 5), layout="constrained")
    left, right = fig.subplots(1, 2)
    left.hist(percents, bins=[i * 10 for i in range(11)], color="#0072B2", edgecolor="white")
    left.set(
        title=f"Total scores of {len(percents)} students", xlabel="score (%)", ylabel="students"
    )
    shares = sorted((float(r["share_correct"]), r["question"]) for r in items
                    if r["share_correct"] != "")  # unanswered questions are not the hardest
    right.barh([q for _, q in shares], [v for v, _ in shares], color="#E69F00")
    right.axvline(0.5, color="black", linestyle="--", linewidth=1)
    right.set(
        title="Share correct per question (hardest at the bottom)",
        xlim=(0, 1),
        xlabel="share of students correct",
    )
    right.tick_params(axis="y", labelsize=max(4, min(9, int(400 / (len(shares) or 1)))))
    hardest = ", ".join(q for _, q in shares[:3])
    fig.suptitle(f"Gradebook for {book.article}: score distribution and question difficulty")
    alt = (
        f"Left: a histogram of {len(percents)} students' total scores in percent "
        f"(median {statistics.median(percents) if percents else 0:.0f}%). Right: the share "
        f"of students who answered each of {len(shares)} questions correctly, sorted; the "
        f"hardest were {hardest or 'none'}."
    )
    fig.savefig(path, dpi=100, metadata={"Description": alt, "Title": "geokit gradebook"})
    path.with_suffix(".txt").write_text(alt + "\n", encoding="utf-8")
    return path


def synthetic_benchmark(sizes: Sequence[int]) -> dict[str, dict[str, float]]:
    """Time reading and grading ``n`` synthetic students who answer every shipped question."""
    import random
    import shutil
    import tempfile
    import time
    import tracemalloc

    from geokit.data.loader import load_article

    art = load_article("pakistan-russia-2012")
    rng = random.Random(0)  # noqa: S311 - synthetic answers, not secrets
    out: dict[str, dict[str, float]] = {}
    for n in sizes:
        root = Path(tempfile.mkdtemp(prefix="geokit-gradebook-"))
        try:
            for i in range(n):
                for bank in art.quiz_banks:
                    answers = {
                        q.id: {"value": _random_answer(q, rng), "timestamp": "t"}
                        for q in bank.questions
                    }
                    folder = root / f"s{i:05d}" / art.id
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / f"{bank.id}.json").write_text(
                        json.dumps(
                            {
                                "format": FORMAT,
                                "version": 1,
                                "student": f"s{i:05d}",
                                "article": art.id,
                                "bank": bank.id,
                                "updated": "t",
                                "answers": answers,
                            }
                        )
                    )

            def run(root: Path = root) -> None:
                subs, report = collect([root])
                book = build(subs, report)
                book.item_rows()
                book.mastery()

            # time and memory in separate passes: tracemalloc slows Python several times over
            t0 = time.perf_counter()
            run()
            seconds = time.perf_counter() - t0
            tracemalloc.start()
            run()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            out[str(n)] = {"seconds": round(seconds, 3), "peak_mib": round(peak / 2**20, 1)}
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return out


def _by_instructor(q: Question) -> bool:
    """Whether the instructor scores ``q`` (an open response): the gradebook lists it apart."""
    return question_type(q.type).scored_by_instructor


def _random_answer(q: Question, rng: random.Random) -> Any:
    """A random valid answer (right about half the time), from the question type's registry."""
    return question_type(q.type).sample(q, rng)
