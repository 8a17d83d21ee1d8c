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
No student is dropped: a student whose only file is corrupt still gets a row, marked.
"""

from __future__ import annotations

import csv
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geokit.data.questions import Question
from geokit.quizzes.store import FORMAT, FORMAT_VERSION  # the answer-file format the quizzes write
from geokit.quizzes.types import question_type

if TYPE_CHECKING:  # pragma: no cover
    import random

__all__ = [
    "Gradebook",
    "Report",
    "Submission",
    "answer_files",
    "build",
    "collect",
    "output_paths",
    "write",
]

MASTERY_THRESHOLD = 0.7


@dataclass
class Submission:
    """One student's saved answers to one bank."""

    student: str
    article: str
    bank: str
    updated: str
    answers: dict[str, dict[str, Any]]
    path: str


@dataclass
class Report:
    """What the gradebook did with each input, for the instructor to read."""

    read: int = 0
    lines: list[str] = field(default_factory=list)
    #: files that could not be read; their student may still be known from the path
    unreadable: list[Path] = field(default_factory=list)

    def add(self, path: Path | str, what: str) -> None:
        self.lines.append(f"{path}: {what}")


def answer_files(paths: Iterable[str | Path], report: Report | None = None) -> list[Path]:
    """The files :func:`collect` reads: each file given, and the ``*.json`` in each folder."""
    report = report if report is not None else Report()
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*.json") if not f.name.startswith("."))
            if not found:
                report.add(p, "skipped: no .json answer files in this folder")
            out += found
            for aside in sorted(p.rglob("*.json.corrupt-*")):
                report.add(aside, "note: a file geokit set aside as unreadable; not graded")
        elif p.is_file():
            out.append(p)
        else:
            report.add(p, "skipped: no such file or folder")
    return out


def collect(paths: Iterable[str | Path]) -> tuple[list[Submission], Report]:
    """Read answer files; keep the newest of duplicates; report everything skipped and why."""
    report = Report()
    chosen: dict[tuple[str, str, str], Submission] = {}
    for path in answer_files(paths, report):
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            why = (exc.strerror if isinstance(exc, OSError)
                   else "nested too deeply" if isinstance(exc, RecursionError)
                   else str(exc).split(":")[0])
            report.add(path, f"skipped: not readable JSON ({why})")
            report.unreadable.append(path)
            continue
        problem = _shape_problem(data)
        if problem:
            report.add(path, f"skipped: {problem}")
            report.unreadable.append(path)
            continue
        report.read += 1
        sub = Submission(
            data["student"],
            data["article"],
            data["bank"],
            str(data.get("updated", "")),
            data["answers"],
            str(path),
        )
        key = (sub.student, sub.article, sub.bank)
        if key in chosen:
            old = chosen[key]
            newer, older = (sub, old) if sub.updated >= old.updated else (old, sub)
            report.add(
                older.path,
                f"duplicate of {newer.path} for student {sub.student!r}, bank "
                f"{sub.bank!r}: kept the newer one (updated {newer.updated})",
            )
            chosen[key] = newer
        else:
            chosen[key] = sub
    return list(chosen.values()), report


def _shape_problem(data: Any) -> str:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return f'not a geokit answer file (no "format": "{FORMAT}")'
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return f"bad format version {version!r}"
    if version > FORMAT_VERSION:
        return (f"written by a newer geokit (format version {version}; this one reads "
                f"{FORMAT_VERSION}): upgrade geokit to grade it")
    for key in ("student", "article", "bank"):
        if not isinstance(data.get(key), str) or not data[key]:
            return f"no {key!r} named in the file"
    answers = data.get("answers")
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) for k, v in answers.items()
    ):
        return '"answers" is not a mapping of question id to answer records'
    return ""


@dataclass
class Item:
    bank: str
    question: Any  # geokit.data.questions.Question
    credits: dict[str, float] = field(default_factory=dict)  # student -> 0..1
    wrong: Counter[str] = field(default_factory=Counter)


@dataclass
class Gradebook:
    """Grades for every student, with the item analysis and mastery per objective."""

    article: str
    banks: list[Any]
    students: list[str]
    points: dict[str, dict[str, float]]  # student -> bank -> points
    items: list[Item]
    open_responses: list[dict[str, str]]
    notes: dict[str, list[str]]
    report: Report

    @property
    def max_points(self) -> dict[str, float]:
        return {
            b.id: sum(q.points for q in b.questions if not _by_instructor(q))
            for b in self.banks
        }

    def total(self, student: str) -> float:
        return sum(self.points[student].values())

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
            share = sum(it.credits.values()) / n if n else 0.0
            disc = ""
            if k:
                up = sum(it.credits.get(s, 0.0) for s in upper) / k
                low = sum(it.credits.get(s, 0.0) for s in lower) / k
                disc = f"{up - low:.2f}"
            common = it.wrong.most_common(1)
            rows.append(
                {
                    "bank": it.bank,
                    "question": q.id,
                    "type": q.type,
                    "objective": q.objective,
                    "level": q.level or "",
                    "answered": len(it.credits),
                    "students": n,
                    "share_correct": f"{share:.2f}",
                    "discrimination": disc,
                    "most_common_wrong_answer": common[0][0] if common else "",
                    "times_given": common[0][1] if common else 0,
                    "paragraphs": " ".join(f"¶{p}" for p in q.paragraphs),
                }
            )
        return rows

    def mastery(self) -> dict[str, dict[str, float]]:
        """objective -> student -> share of that objective's points earned."""
        weights: dict[str, float] = defaultdict(float)
        earned: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for it in self.items:
            q = it.question
            if _by_instructor(q):
                continue
            objective = q.objective or "(no objective)"
            weights[objective] += q.points
            for s, credit in it.credits.items():
                earned[objective][s] += credit * q.points
        return {o: {s: earned[o][s] / w for s in self.students} for o, w in weights.items()}


def build(
    submissions: Sequence[Submission], report: Report, *, article: str | Path | None = None
) -> Gradebook:
    """Regrade every submission against the current banks of ``article`` (an id or a folder;
    by default the article the answers name)."""
    from geokit.data.loader import load_article
    from geokit.quizzes.grading import grade

    articles = sorted({s.article for s in submissions})
    art = load_article(article or (articles[0] if articles else "pakistan-russia-2012"))
    art_id = art.id
    for other in articles:
        if other != art_id:
            report.add(
                other,
                f"skipped: answers for article {other!r}; this gradebook is for "
                f"{art_id!r} (run it again with --article {other})",
            )
    banks = list(art.quiz_banks)
    by_bank = {b.id: b for b in banks}
    items = {(b.id, q.id): Item(b.id, q) for b in banks for q in b.questions}
    n_paras = len(art.paragraphs)
    # <store>/<student>/<article>/<bank>.json is the layout geokit.quizzes writes: a student whose
    # file is unreadable is still known from its path, and keeps a row in the gradebook
    orphans: dict[str, list[str]] = defaultdict(list)
    for path in report.unreadable:
        if path.parent.name == art_id and len(path.parts) >= 3:
            orphans[path.parent.parent.name].append(str(path))
    students = sorted({s.student for s in submissions if s.article == art_id} | set(orphans))
    points: dict[str, dict[str, float]] = {s: {b.id: 0.0 for b in banks} for s in students}
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
        for qid, record in sub.answers.items():
            item = items.get((bank.id, qid))
            if item is None:
                report.add(sub.path, f"ignored answer to unknown question {qid!r}")
                continue
            q = item.question
            value = record.get("value")
            if _by_instructor(q):
                open_rows.append(
                    {
                        "student": sub.student,
                        "bank": bank.id,
                        "question": qid,
                        "max_points": f"{q.points:g}",
                        "rubric": " | ".join(f"{r.criterion} ({r.points:g})" for r in q.rubric),
                        "response": str(value or ""),
                    }
                )
                continue
            g = grade(q, value, n_paragraphs=n_paras)
            if not g.valid:
                report.add(
                    sub.path, f"answer to {qid!r} is not a valid answer ({g.message}); counted as 0"
                )
            item.credits[sub.student] = g.credit
            points[sub.student][bank.id] += g.credit * q.points
            if g.status != "correct":
                item.wrong[_show(q, value)] += 1
    for s in students:
        missing = [b.id for b in banks if b.id not in seen_banks[s]]
        if missing:
            notes[s].append("no answers for bank(s) " + ", ".join(missing))
    return Gradebook(
        art_id, banks, students, points, list(items.values()), open_rows, dict(notes), report
    )


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


def write(book: Gradebook, out: Path) -> list[Path]:
    """Write the CSV files (and the summary figure) next to ``out``; return their paths.

    The files are those of :func:`output_paths`; the figure's alt text goes beside it as
    ``OUT-summary.txt``.
    """
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

    n_open = Counter(r["student"] for r in book.open_responses)
    header = [
        "student",
        *[f"{b.id} ({maxes[b.id]:g})" for b in book.banks],
        f"total ({sum(maxes.values()):g})",
        "percent",
        "open_responses_to_score",
        "notes",
    ]
    total_max = sum(maxes.values()) or 1.0
    dump(
        out,
        header,
        (
            {
                "student": s,
                **{f"{b.id} ({maxes[b.id]:g})": f"{book.points[s][b.id]:g}" for b in book.banks},
                f"total ({sum(maxes.values()):g})": f"{book.total(s):g}",
                "percent": f"{100 * book.total(s) / total_max:.1f}",
                "open_responses_to_score": n_open.get(s, 0),
                "notes": "; ".join(book.notes.get(s, [])),
            }
            for s in book.students
        ),
    )
    dump(
        open_csv,
        ["student", "bank", "question", "max_points", "rubric", "response"],
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
    dump(
        objectives_csv,
        ["objective", "class_mean", f"share_of_students_at_{MASTERY_THRESHOLD:g}", *book.students],
        (
            {
                "objective": o,
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
    shares = sorted((float(r["share_correct"]), r["question"]) for r in items)
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
