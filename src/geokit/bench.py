"""Benchmarks as ratios against a floor, measured in one run (``geokit bench``).

Absolute times drift on shared machines, so every item compares two things measured
interleaved in the same run, and reports medians over several repetitions:

1. lessons: executing every lesson notebook against executing as many one-cell notebooks;
2. import: ``import geokit`` (and loading the corpus) against a bare ``python -c pass``;
3. feedback: answering questions through the quiz API, including the atomic save;
4. gradebook: 100, 1,000 and 10,000 synthetic students (time and peak memory);
5. corpus: loading and validating 1, 10 and 100 copies of the shipped article;
6. new-article: from the text file :data:`SAMPLE_NEWS` to a validated article folder of drafts
   with a generated draft quiz, as an instructor runs it (``geokit new-article``, ``geokit quiz
   generate``, then ``geokit validate``, each a fresh process), against a bare ``python -c
   pass``. The instructor's reading is not machine time.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = ["Result", "run"]

SHIPPED = "pakistan-russia-2012"

#: The news text `geokit new-article` is measured on, and tested on (tests/test_scaffold.py).
#: Written for geokit: the states are real, the people, quotes and figures invented; it is in no
#: article of the corpus, and nothing in the scaffolder knows it. Published Thursday 12 June 2025.
SAMPLE_NEWS_DATE = "2025-06-12"
SAMPLE_NEWS = """\
Pakistan and China agree to speed up corridor power projects

By Staff Correspondent

Pakistan and China agreed on Tuesday to speed up three power projects under the China-Pakistan \
Economic Corridor (CPEC), Pakistan's Foreign Minister Sana Rehmat told reporters in Islamabad. \
The agreement follows talks in Beijing last week between Prime Minister Tariq Hameed and \
Chinese Premier Zhao Lin.

Under the deal, China will finance the 1,320-megawatt Thar Coal Power Plant and a $2.4 billion \
transmission line to Lahore, while Pakistan will cut its tariff on Chinese-built power by 15 \
percent. The cut will "pay for itself within five years", according to a statement from the \
Ministry of Energy.

"We will not let these projects stall again," Rehmat said. "Every megawatt we add is a factory \
that stays open."

The daily Dawn quoted an energy official as saying that the first unit would be "ready by the \
end of next year", and that the line would carry 40% of the new supply.

India's foreign ministry protested on Wednesday that the corridor runs through territory it \
claims. The next day, the hashtag #CPECWatch trended in New Delhi, and the ministry's \
spokesperson, Arvind Mehra, said India "will raise the matter with partners".

The two countries first discussed the coal plant in May last year, and Iran and Afghanistan \
asked earlier this year to join the transmission network. Russia, which offered a rival \
pipeline in 2023, has not commented.

Analyst Omar Farooq of the Institute of Regional Studies said the deal was "a hedge, not a \
switch": Pakistan still buys most of its liquefied gas from Qatar, and its $7 billion loan \
programme with the International Monetary Fund runs until 2027.
"""


@dataclass
class Result:
    """One benchmark item: what was measured, the figures, the target and whether it is met."""

    name: str
    summary: str
    figures: dict[str, Any] = field(default_factory=dict)
    target: str = ""
    met: bool | None = None  # None: no target, or not measurable here
    note: str = ""


def _median_times(commands: dict[str, Callable[[], None]], repeat: int) -> dict[str, float]:
    """Run each command ``repeat`` times, interleaved (A B A B ...), and return median seconds."""
    samples: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(repeat):
        for name, fn in commands.items():
            t0 = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in samples.items()}


def _python(code: str, **env: str) -> Callable[[], None]:
    def run() -> None:
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                       env={**os.environ, **env} if env else None)

    return run


@contextmanager
def _own_cache() -> Iterator[None]:
    """Checked articles cached in a folder of the run's own (unless GEOKIT_CACHE says where)."""
    if "GEOKIT_CACHE" in os.environ:
        yield
        return
    with _tmpdir() as where, _env("GEOKIT_CACHE", str(where)):
        yield


@contextmanager
def _env(name: str, value: str) -> Iterator[None]:
    """``$name`` set to ``value`` for the block (kernels started in it inherit it)."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


@contextmanager
def _tmpdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="geokit-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def bench_new_article(repeat: int) -> Result:
    from geokit.data.loader import read_article
    from geokit.data.quizgen import bank_yaml, generate_bank
    from geokit.data.scaffold import scaffold_article

    with _tmpdir() as root:
        source = root / "news.txt"
        source.write_text(SAMPLE_NEWS, encoding="utf-8")
        made: list[Path] = []

        def geokit(*args: str) -> None:
            subprocess.run([sys.executable, "-m", "geokit", *args], check=True,
                           capture_output=True, cwd=root)

        def commands() -> None:  # what the instructor types, each a new process
            out = root / f"cli-{len(made)}"
            made.append(out)
            geokit("new-article", str(source), str(out), "--date", SAMPLE_NEWS_DATE)
            (out / "quizzes").mkdir()
            geokit("quiz", "generate", str(out), "-o", str(out / "quizzes" / "practice.yaml"))
            geokit("validate", str(out))

        def in_process() -> None:  # the same work without Python's start and imports
            out = root / f"api-{len(made)}"
            made.append(out)
            scaffold_article(source, out, SAMPLE_NEWS_DATE)
            art, _ = read_article(out)
            if art is None:
                raise RuntimeError(f"the scaffolded {out} does not validate")
            (out / "quizzes").mkdir()
            text = bank_yaml(generate_bank(art, "practice"), art.id)
            (out / "quizzes" / "practice.yaml").write_text(text, encoding="utf-8")
            if read_article(out)[1]:
                raise RuntimeError(f"the scaffolded {out} does not validate")

        t = _median_times({"bare": _python("pass"), "commands": commands,
                           "in_process": in_process}, repeat)
        last = read_article(made[-1])[0]
        drafts = len(last.drafts) if last else 0
        questions = sum(len(b.questions) for b in last.quiz_banks) if last else 0
    return Result(
        "new-article",
        "text file to a validated article of drafts with a draft quiz: geokit new-article + "
        f"geokit quiz generate + geokit validate on the {len(SAMPLE_NEWS.split())}-word sample "
        "news text",
        {
            "commands_s": round(t["commands"], 3),
            "in_process_s": round(t["in_process"], 3),
            "bare_python_s": round(t["bare"], 4),
            "drafts": drafts,
            "quiz_questions": questions,
        },
        "machine time under 60 s (the hour is the instructor's reading)",
        t["commands"] < 60,
    )


def bench_import(repeat: int) -> Result:
    load = f"import geokit; geokit.load_article({SHIPPED!r})"
    _python(load)()  # the first load checks the article and caches it on disk
    t = _median_times(
        {
            "bare": _python("pass"),
            "import": _python("import geokit"),
            "load": _python(load),
            "cold": _python(load, GEOKIT_CACHE="off"),
        },
        repeat,
    )
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, geokit; geokit.load_article({SHIPPED!r}); "
            "print(','.join(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    added_ms = (t["load"] - t["bare"]) * 1000
    return Result(
        "import",
        "python -c 'import geokit' (and loading the corpus, from the on-disk cache that the "
        "first load fills; uncached too) vs python -c pass",
        {
            "bare_s": round(t["bare"], 4),
            "import_s": round(t["import"], 4),
            "import_and_load_s": round(t["load"], 4),
            "import_and_load_uncached_s": round(t["cold"], 4),
            "import_ratio": round(t["import"] / t["bare"], 2),
            "load_ratio": round(t["load"] / t["bare"], 2),
            "added_ms_with_corpus": round(added_ms, 1),
            "heavy_modules_imported": check or "none",
        },
        "geokit adds <= 150 ms with the corpus loaded; no matplotlib or ipywidgets",
        added_ms <= 150 and not check,
    )


def bench_corpus(sizes: tuple[int, ...], repeat: int) -> Result:
    from geokit.data import paths as _paths
    from geokit.data.loader import read_article

    src = _paths.articles_root() / SHIPPED
    per_size: dict[str, float] = {}
    with _tmpdir() as root:
        folders = []
        for i in range(max(sizes)):
            dst = root / f"copy-{i:03d}"
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("quizzes"))
            text = (dst / "article.yaml").read_text(encoding="utf-8")
            (dst / "article.yaml").write_text(
                text.replace(f"id: {SHIPPED}", f"id: {dst.name}"), encoding="utf-8"
            )
            folders.append(dst)

        def load_n(n: int) -> Callable[[], None]:
            def run() -> None:
                for folder in folders[:n]:
                    _, problems = read_article(folder)
                    if problems:
                        raise RuntimeError(problems[0])

            return run

        per_size = _median_times({str(n): load_n(n) for n in sizes}, repeat)
    small, large = min(sizes), max(sizes)
    per_article = {n: per_size[str(n)] / n for n in sizes}
    growth = per_article[large] / per_article[small]
    return Result(
        "corpus",
        f"load and validate {', '.join(map(str, sizes))} copies of the shipped article",
        {
            **{f"{n}_articles_s": round(per_size[str(n)], 4) for n in sizes},
            "per_article_ms": {str(n): round(v * 1000, 2) for n, v in per_article.items()},
            "per_article_growth": round(growth, 2),
        },
        "linear: time per article stays flat (growth <= 1.5x)",
        growth <= 1.5,
    )


def _trivial_notebook(path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("1 + 1"))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


def _execute(paths: list[Path], cwd: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    for path in paths:
        nb = nbformat.read(path, as_version=4)
        # the kernel's own stderr (start-up warnings; tracebacks when Ctrl-C stops it) is not
        # the benchmark's output: geokit bench reports in one line what went wrong
        client = NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
        )
        try:
            client.execute(stderr=subprocess.DEVNULL)
        except Exception:
            # nbclient takes SIGINT over while it runs: its handler starts the kernel's clean-up
            # (and leaves this attribute behind), and the run may then end in an error of the
            # clean-up's own, with no KeyboardInterrupt in its chain. It was a Ctrl-C all the same.
            if getattr(client, "_async_cleanup_kernel_future", None) is not None:
                raise KeyboardInterrupt from None
            raise


def bench_lessons(notebooks: Path, repeat: int) -> Result:
    from geokit.teach.editions import lessons_in

    lessons = lessons_in(notebooks)
    if not lessons:
        return Result(
            "lessons", "lesson notebooks vs trivial notebooks", note=f"no lessons in {notebooks}"
        )
    # Each lesson is paired with a one-cell notebook, run alternately, and each notebook's time
    # is the median of its runs. nbclient now and then waits out its 4 s IOPub timeout when a
    # kernel's first "idle" message is missed; that hits trivial and lesson notebooks alike at
    # random and would swamp a sum, while a per-notebook median leaves it out.
    with _tmpdir() as root:
        trivial = []
        for i in range(len(lessons)):
            trivial.append(root / f"trivial-{i}.ipynb")
            _trivial_notebook(trivial[-1])
        # A student's first Run All of each lesson, in order, from an empty cache: the article
        # is checked and every figure drawn (later runs show the kept figures, and these are
        # what the medians below measure). Each pass starts from a new empty cache; each
        # lesson's time is its median over the passes.
        passes: dict[str, list[float]] = {path.stem: [] for path in lessons}
        for _ in range(repeat):
            with _tmpdir() as empty, _env("GEOKIT_CACHE", str(empty)):
                for path in lessons:
                    t0 = time.perf_counter()
                    _execute([path], notebooks)
                    passes[path.stem].append(time.perf_counter() - t0)
        first = {stem: statistics.median(times) for stem, times in passes.items()}
        first_s = sum(first.values())
        floor = lesson = 0.0
        per_lesson, first_ratio = {}, {}
        for triv, path in zip(trivial, lessons, strict=True):
            t = _median_times(
                {
                    "trivial": functools.partial(_execute, [triv], root),
                    "lesson": functools.partial(_execute, [path], notebooks),
                },
                repeat,
            )
            floor += t["trivial"]
            lesson += t["lesson"]
            per_lesson[path.stem] = round(t["lesson"] / t["trivial"], 2)
            first_ratio[path.stem] = round(first[path.stem] / t["trivial"], 2)
    ratio = lesson / floor
    return Result(
        "lessons",
        f"executing the {len(lessons)} lessons vs {len(lessons)} one-cell notebooks (nbclient; "
        "medians of repeated runs, which show the figures kept from the first; first_run: the "
        "lessons in order from an empty cache, each lesson's median over as many such passes)",
        {
            "trivial_s": round(floor, 3),
            "lessons_s": round(lesson, 3),
            "ratio": round(ratio, 2),
            "per_lesson_ratio": per_lesson,
            "first_run_s": round(first_s, 3),
            "first_run_ratio": round(first_s / floor, 2),
            "first_run_per_lesson_ratio": first_ratio,
        },
        "ratio <= 1.5 (issue target; the lessons issue asks < 2)",
        ratio <= 1.5,
    )


def bench_feedback(n_answers: int) -> Result:
    try:
        from geokit import quiz
    except ImportError as exc:  # the quiz package is not there yet
        return Result("feedback", "quiz answers with atomic save", note=f"not measurable: {exc}")
    from geokit.data.loader import load_article
    from geokit.quizzes.types import question_type

    article = load_article(SHIPPED)
    if not article.quiz_banks:
        return Result("feedback", "quiz answers with atomic save", note="no question banks")
    with _tmpdir() as store:
        bank = article.quiz_banks[0]
        q = quiz(SHIPPED, bank.id, store=store, student="bench")
        questions = list(bank.questions)
        samples = []
        saved = 0
        for i in range(n_answers):
            question = questions[i % len(questions)]
            # each type's sample answer is valid, so every answer is graded *and* saved
            value = question_type(question.type).sample(question)
            t0 = time.perf_counter()
            result = q.answer(question.id, value)
            samples.append(time.perf_counter() - t0)
            saved += result.saved
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(0.99 * len(samples)))]
    return Result(
        "feedback",
        f"{n_answers} answers through quiz.answer(), each graded and saved atomically",
        {"median_ms": round(statistics.median(samples) * 1000, 3), "p99_ms": round(p99 * 1000, 3),
         "saved": saved},
        "p99 < 20 ms, every answer saved",
        p99 < 0.020 and saved == n_answers,
    )


def bench_gradebook(sizes: tuple[int, ...]) -> Result:
    try:
        from geokit.teach.gradebook import synthetic_benchmark
    except ImportError as exc:
        return Result("gradebook", "gradebook at scale", note=f"not measurable yet: {exc}")
    figures = synthetic_benchmark(sizes)
    times = {n: figures[str(n)]["seconds"] for n in sizes}
    growth = (times[max(sizes)] / max(sizes)) / (times[min(sizes)] / min(sizes))
    return Result(
        "gradebook",
        f"gradebook for {', '.join(map(str, sizes))} synthetic students",
        {**figures, "per_student_growth": round(growth, 2)},
        "linear; 1,000 students < 2 s",
        growth <= 1.5 and times.get(1000, 0) < 2,
    )


def run(
    *,
    quick: bool = False,
    notebooks: Path | None = None,
    out: Path | None = None,
    only: tuple[str, ...] = (),
) -> list[Result]:
    """Run the benchmarks. ``quick`` uses tiny sizes (for the test that the code itself runs)."""
    repeat = 1 if quick else 5
    items: dict[str, Callable[[], Result]] = {
        "import": lambda: bench_import(2 if quick else 10),
        "corpus": lambda: bench_corpus((1, 2) if quick else (1, 10, 100), repeat),
        "feedback": lambda: bench_feedback(20 if quick else 1000),
        "gradebook": lambda: bench_gradebook((10, 20) if quick else (100, 1000, 10000)),
        "lessons": lambda: bench_lessons(notebooks or Path("notebooks"), repeat),
        "new-article": lambda: bench_new_article(repeat),
    }
    with _own_cache():
        results = [fn() for name, fn in items.items() if not only or name in only]
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "processor": platform.machine(),
                "cpus": os.cpu_count(),
            },
            "quick": quick,
            "results": [asdict(r) for r in results],
        }
        # keep what other benchmarks wrote to the same file (benchmarks/hub.py: "hub")
        try:
            kept = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = {}
        if isinstance(kept, dict):
            payload = {k: v for k, v in kept.items() if k not in payload} | payload
        tmp = out.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, out)
    return results


def table(results: list[Result]) -> str:
    """The results as a Markdown table (what ``geokit bench`` prints and the README shows)."""
    rows = ["| item | figures | target | met |", "| --- | --- | --- | --- |"]
    for r in results:
        figs = "; ".join(f"{k} {v}" for k, v in r.figures.items()) or r.note
        met = {True: "yes", False: "no", None: "n/a"}[r.met]
        rows.append(f"| {r.name} | {figs} | {r.target} | {met} |")
    return "\n".join(rows)
