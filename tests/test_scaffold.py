"""`geokit new-article`: from a news text to an article folder of drafts that validates.

The text is geokit.bench.SAMPLE_NEWS, the one `geokit bench` times: written for these tests
(real states, invented people, quotes and figures), in no article of the corpus. Each test writes
it to ``tmp_path`` and scaffolds it as an instructor would, through the command line.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geokit.bench import SAMPLE_NEWS, SAMPLE_NEWS_DATE
from geokit.cli import main
from geokit.data.loader import load_article, read_article
from geokit.data.model import Article
from geokit.data.scaffold.when import find_dates

ROOT = Path(__file__).resolve().parent.parent


def scaffold(tmp_path: Path, text: str = SAMPLE_NEWS, name: str = "cpec-power-2025",
             *extra: str, date: str = SAMPLE_NEWS_DATE) -> Path:
    source = tmp_path / "news.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / name
    assert main(["new-article", str(source), str(out), "--date", date, *extra]) == 0
    return out


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Article:
    return load_article(scaffold(tmp_path_factory.mktemp("news")))


def _by(records: Any, key: str) -> dict[Any, Any]:
    return {getattr(r, key): r for r in records}


# -- the Done-when lines ---------------------------------------------------------------------------


def test_the_text_is_none_of_the_corpus() -> None:
    first = SAMPLE_NEWS.split("\n\n")[2].replace("\\\n", "").split("\n")[0][:60]
    for source in (ROOT / "data" / "articles").glob("*/source.txt"):
        assert first not in source.read_text(encoding="utf-8")


def test_the_scaffolded_article_validates(tmp_path: Path) -> None:
    folder = scaffold(tmp_path)
    article, problems = read_article(folder)
    assert problems == []
    assert article is not None
    assert (folder / "source.txt").read_text(encoding="utf-8") == SAMPLE_NEWS  # the page, whole


def test_its_paragraphs_equal_the_texts(article: Article) -> None:
    blocks = [" ".join(b.split("\n")) for b in SAMPLE_NEWS.strip().split("\n\n")]
    assert blocks[0] == article.meta.title == ("Pakistan and China agree to speed up corridor "
                                               "power projects")
    assert blocks[1] == "By " + article.meta.author
    assert [p.text for p in article.paragraphs] == blocks[2:]
    assert [p.n for p in article.paragraphs] == list(range(1, 8))


def test_a_paragraph_with_a_hash_is_quoted_for_yaml(article: Article) -> None:
    raw = (Path(article.folder) / "paragraphs.yaml").read_text(encoding="utf-8")
    line = next(x for x in raw.splitlines() if "#CPECWatch" in x)
    assert line.startswith("  text: '")  # quoted: unquoted, YAML would cut it at ' #'
    assert "#CPECWatch trended" in article.paragraph(5).text


def test_every_record_is_a_draft(article: Article) -> None:
    kinds = ("actors", "events", "projects", "quotes")
    assert all(r.draft for k in kinds for r in getattr(article, k))
    assert len(article.drafts) == sum(len(getattr(article, k)) for k in kinds) > 30


def test_the_drafts_name_the_states(article: Article) -> None:
    states = {a.name for a in article.actors if a.kind == "state"}
    assert states == {"Pakistan", "China", "India", "Iran", "Afghanistan", "Russia", "Qatar"}
    assert article.actor("Russia").paragraphs == (6,)


def test_the_drafts_name_the_people_with_roles(article: Article) -> None:
    people = {a.name: a for a in article.actors if a.kind in ("person", "analyst")}
    expected = {  # name: (role, affiliation)
        "Sana Rehmat": ("Foreign Minister", "pakistan"),
        "Tariq Hameed": ("Prime Minister", None),
        "Zhao Lin": ("Premier", "china"),
        "Arvind Mehra": ("spokesperson", None),
        "Omar Farooq": ("Analyst", "institute-of-regional-studies"),
    }
    assert {n: (people[n].role, people[n].affiliation) for n in expected} == expected
    assert people["Omar Farooq"].kind == "analyst"
    assert "Rehmat" in people["Sana Rehmat"].aliases
    assert people["Sana Rehmat"].paragraphs == (1, 3)
    organisations = {a.name: a.kind for a in article.actors
                     if a.kind in ("organisation", "media_outlet")}
    assert organisations == {
        "Ministry of Energy": "organisation", "Dawn": "media_outlet",
        "India's foreign ministry": "organisation", "International Monetary Fund": "organisation",
        "Institute of Regional Studies": "organisation"}


def test_the_drafts_resolve_relative_dates(article: Article) -> None:
    dates = {(e.paragraphs[0], e.date.wording): e.date.value for e in article.events}
    assert dates == {
        (1, "Tuesday"): "2025-06-10",  # published Thursday 12 June 2025
        (1, "last week"): "2025-W23",  # the ISO week before: 2-8 June
        (4, "next year"): "2026",
        (5, "Wednesday"): "2025-06-11",
        (5, "The next day"): "2025-06-12",  # the day after that Wednesday
        (6, "May last year"): "2024-05",
        (6, "earlier this year"): "2025-01/2025-06",  # no invented precision
        (6, "2023"): "2023",
        (7, "2027"): "2027",
    }
    by_wording = _by(article.events, "id")
    assert by_wording["next-year-p4"].status == "planned"  # "would be ready by ..."
    assert "Thursday 12 June 2025" in by_wording["tuesday-p1"].date.note


def test_the_drafts_give_the_figures(article: Article) -> None:
    figures = {(f.wording, f.unit, f.low, f.high) for p in article.projects for f in p.figures}
    assert figures == {
        ("1,320-megawatt", "MW", 1320, 1320),
        ("$2.4 billion", "USD", 2.4e9, 2.4e9),
        ("15 percent", "%", 15, 15),
        ("40%", "%", 40, 40),
        ("$7 billion", "USD", 7e9, 7e9),
    }
    plant = article.record("thar-coal-power-plant")
    assert [f.wording for f in plant.figures] == ["1,320-megawatt"]  # the figure before its name


def test_the_drafts_attribute_the_quotes(article: Article) -> None:
    quotes = {q.text: (q.speaker, q.channel) for q in article.quotes}
    assert quotes == {
        "pay for itself within five years": ("ministry-of-energy", None),  # according to
        "We will not let these projects stall again": ("rehmat", None),  # ..., Rehmat said
        "Every megawatt we add is a factory that stays open.": ("rehmat", None),  # runs on
        "ready by the end of next year": ("energy-official-p4", "dawn"),  # quoted ... as saying
        "will raise the matter with partners": ("mehra", None),
        "a hedge, not a switch": ("farooq", None),  # Farooq ... said the deal was "..."
    }
    official = article.actor("energy-official-p4")
    assert (official.kind, official.role) == ("person", "energy official")


def test_validate_counts_the_drafts_and_strict_fails_until_confirmed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = scaffold(tmp_path)
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 0
    assert "38 draft records remain" in capsys.readouterr().err
    assert main(["validate", "--strict", str(folder)]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 38
    for path in folder.glob("*.yaml"):  # the instructor confirms every draft
        path.write_text(path.read_text(encoding="utf-8").replace("  draft: true\n", ""),
                        encoding="utf-8")
    assert main(["validate", "--strict", str(folder)]) == 0


# -- what the command refuses ----------------------------------------------------------------------


def test_it_never_writes_over_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "news.txt").write_text(SAMPLE_NEWS, encoding="utf-8")
    existing = tmp_path / "cpec-power-2025"
    existing.mkdir()
    (existing / "notes.md").write_text("mine")
    code = main(["new-article", str(tmp_path / "news.txt"), str(existing), "--date",
                 SAMPLE_NEWS_DATE])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert "exists already" in err
    assert [p.name for p in existing.iterdir()] == ["notes.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cpec-power-2025", "news.txt"]


@pytest.mark.parametrize(("argv", "code", "says"), [
    (["--date", "2025-13-01"], 2, "is not a real date"),
    (["--date", "2025-06"], 2, "is not a day"),
    ([], 2, "the following arguments are required: --date"),
])
def test_a_bad_date_is_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 argv: list[str], code: int, says: str) -> None:
    (tmp_path / "news.txt").write_text(SAMPLE_NEWS, encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["new-article", str(tmp_path / "news.txt"), str(tmp_path / "x"), *argv])
    assert info.value.code == code
    assert says in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_an_empty_text_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    assert main(["new-article", str(tmp_path / "empty.txt"), str(tmp_path / "x"), "--date",
                 SAMPLE_NEWS_DATE]) == 1
    assert "no paragraphs found" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt"]  # nothing left behind


# -- the shapes a text comes in --------------------------------------------------------------------

PAGE = """\
Example Daily | Home | World | Business
Advertisement: summer sale

[body]
Talks resume in Kabul

By A. Reporter

Afghanistan and Uzbekistan signed a rail agreement on Monday, officials said.

Background

The line was first proposed in March last year.
[/body]

(c) Example Daily. Share | Print
"""


def test_a_captured_page_keeps_its_menus_in_source_but_not_in_the_body(tmp_path: Path) -> None:
    folder = scaffold(tmp_path, PAGE, "kabul-rail-2025", "--outlet", "Example Daily")
    article = load_article(folder)
    assert [(p.text, p.section) for p in article.paragraphs] == [
        ("Afghanistan and Uzbekistan signed a rail agreement on Monday, officials said.", None),
        ("The line was first proposed in March last year.", "Background"),
    ]
    assert (folder / "source.txt").read_text(encoding="utf-8") == PAGE.replace(
        "[body]\n", "").replace("[/body]\n", "")
    assert (article.meta.title, article.meta.author, article.meta.outlet) == (
        "Talks resume in Kabul", "A. Reporter", "Example Daily")
    assert {e.date.wording: e.date.value for e in article.events} == {
        "Monday": "2025-06-09", "March last year": "2024-03"}
    assert {e.kind for e in article.events if e.date.wording == "Monday"} == {"signing"}


def test_a_text_with_a_paragraph_on_each_line(tmp_path: Path) -> None:
    text = ("India and Nepal agreed to a power deal yesterday.\n"
            "The 900 MW plant will open next month.\n")
    article = load_article(scaffold(tmp_path, text, "nepal-power"))
    assert [p.text for p in article.paragraphs] == text.splitlines()
    assert article.meta.title == "(title to fill in)"
    assert {e.date.wording: e.date.value for e in article.events} == {
        "yesterday": "2025-06-11", "next month": "2025-07"}
    assert [f.wording for p in article.projects for f in p.figures] == ["900 MW"]


def test_a_draft_that_would_not_validate_is_left_out_and_counted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import geokit.data.scaffold as scaffold_module

    real = scaffold_module.build_records

    def with_a_bad_quote(paragraphs: Any, published: dt.date) -> Any:
        records = real(paragraphs, published)
        records["quotes"].append({"id": "q-bad", "draft": True, "text": "words nobody wrote",
                                  "paragraph": 1, "speaker": "rehmat"})
        return records

    monkeypatch.setattr(scaffold_module, "build_records", with_a_bad_quote)
    folder = scaffold(tmp_path)
    err = capsys.readouterr().err
    assert "left out 1 draft(s) that did not validate: quote q-bad" in err
    article = load_article(folder)
    assert "q-bad" not in {q.id for q in article.quotes}
    assert len(article.quotes) == 6


def test_the_2012_page_gives_the_hand_made_body_and_dates(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped article's page, body marked, against its annotations made by hand."""
    shipped = load_article("pakistan-russia-2012")
    page = (Path(shipped.folder) / "source.txt").read_text(encoding="utf-8")
    start = page.index(shipped.meta.title + "\n")
    marked = page[:start] + "[body]\n" + page[start:] + "\n[/body]\n"
    article = load_article(scaffold(tmp_path, marked, "pr-2012", date=shipped.meta.published))
    assert "left out" not in capsys.readouterr().err  # every draft validated as written
    assert (article.meta.title, article.meta.author) == (shipped.meta.title, shipped.meta.author)
    assert [p.text for p in article.paragraphs] == [p.text for p in shipped.paragraphs]
    # the sub-headings too, but for the author's note: "About the author" is not on the page
    assert [p.section for p in article.paragraphs][:22] == [
        p.section for p in shipped.paragraphs][:22]
    hand = {(e.date.wording.lower(), n): e.date.value for e in shipped.events
            for n in e.paragraphs if e.date.value
            and e.date.wording.lower() in shipped.paragraph(n).text.lower()}
    drafted = {(e.date.wording.lower(), e.paragraphs[0]): e.date.value for e in article.events}
    both = hand.keys() & drafted.keys()
    assert len(both) >= 10, sorted(hand)
    assert {k: drafted[k] for k in both} == {k: hand[k] for k in both}


# -- dates, against the publication date --------------------------------------------------------


@pytest.mark.parametrize(("sentence", "wording", "value"), [
    ("They met on Thursday.", "Thursday", "2025-06-12"),  # the publication day itself
    ("They met on Friday.", "Friday", "2025-06-06"),
    ("They will meet on Friday.", "Friday", "2025-06-13"),  # the sentence looks ahead
    ("They meet next Tuesday.", "next Tuesday", "2025-06-17"),
    ("They met last Tuesday.", "last Tuesday", "2025-06-10"),
    ("The talks ended this week.", "this week", "2025-W24"),
    ("The talks resume next week.", "next week", "2025-W25"),
    ("Prices rose last month.", "last month", "2025-05"),
    ("A deal is due later this year.", "later this year", "2025-06/2025-12"),
    ("It was agreed in August.", "August", "2024-08"),  # no year: the latest August up to now
    ("It will be signed in August.", "August", "2025-08"),
    ("He arrived on October 4.", "October 4", "2024-10-04"),
    ("He arrived on 10th September 2012.", "10th September 2012", "2012-09-10"),
    ("Talks ran from 2-3 October 2012.", "2-3 October 2012", "2012-10-02/2012-10-03"),
    ("Two weeks ago, it rained.", "Two weeks ago", "2025-W22"),
    ("Ties soured in the late 1990s.", "late 1990s", "1995/1999"),
    ("Ties soured in the 1990s.", "1990s", "1990/1999"),
    ("It rained yesterday.", "yesterday", "2025-06-11"),
])
def test_relative_dates_resolve_at_the_precision_of_their_words(sentence: str, wording: str,
                                                                value: str) -> None:
    found = find_dates([sentence], dt.date.fromisoformat(SAMPLE_NEWS_DATE))
    assert [(d.wording, d.value) for d in found] == [(wording, value)]


def test_the_next_day_after_a_week_has_no_day() -> None:
    found = find_dates(["They met last week.", "The next day, they left."],
                       dt.date.fromisoformat(SAMPLE_NEWS_DATE))
    assert found[1].value is None
    assert "names no single day" in found[1].note


def test_may_the_verb_is_no_month() -> None:
    assert find_dates(["Valmar may press Norland."], dt.date(2023, 3, 14)) == []


# -- light imports -------------------------------------------------------------------------------


def test_only_scaffolding_loads_the_country_database(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(SAMPLE_NEWS, encoding="utf-8")
    code = (
        "import sys, geokit, geokit.data.scaffold\n"
        "from geokit.cli import main\n"
        "geokit.load_article('pakistan-russia-2012')\n"
        "assert main(['validate', '-q']) == 0\n"
        "before = 'pycountry' in sys.modules\n"
        f"main(['new-article', {str(tmp_path / 'news.txt')!r}, "
        f"{str(tmp_path / 'cpec')!r}, '--date', '2025-06-12'])\n"
        "print(before, 'pycountry' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.stdout.splitlines()[-1].split() == ["False", "True"], done.stderr

