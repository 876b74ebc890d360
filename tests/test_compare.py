"""Compare: the council x theme matrix, near-identical priorities grouped, CSV and HTML written."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.batch import LocalExecutor, run_batch
from pipeline.compare import NO_THEME, build_comparison
from pipeline.priority_groups import group_priorities
from pipeline.reports.compare import MATRIX_CSV, PRIORITIES_CSV, REPORT_HTML, write_comparison
from pipeline.settings import Settings
from pipeline.store import connect, write_document
from schemas import Meeting, PlanExtraction, PlanPeriod, Priority, SourceInfo, Span, Status, Target
from tests.conftest import REAL_PDFS, SEEDS

# Three councils' plans as the stages would record them, plus one unreadable file.
PLANS = {
    "rotherham": (
        "Rotherham",
        (2010, 2011),
        None,
        [
            ("Reduce ASB", ["anti_social_behaviour"], 2),
            ("Tackle domestic violence", ["domestic_abuse", "violent_crime"], 2),
            ("Improve joint working between partners", [], 3),
        ],
    ),
    "rochford": (
        "Rochford",
        (2011, 2014),
        None,
        [
            ("Tackling anti-social behaviour", ["anti_social_behaviour"], 5),
            ("Reducing burglary", ["serious_acquisitive_crime"], 6),
        ],
    ),
    "kent": ("Kent", None, dt.date(2025, 1, 10), [("Reduce DV", ["domestic_abuse"], 1)]),
}


def _plan(name: str, tmp: Path) -> PlanExtraction:
    council, period, meeting, priorities = PLANS[name]
    path = tmp / f"{name}.pdf"
    return PlanExtraction(
        source=SourceInfo(path=str(path), sha256=f"{name:0>64}"[-64:], format="pdf", pages=8),
        council=council,
        kind="partnership_plan" if period else "committee_report",
        plan_period=PlanPeriod(start_year=period[0], end_year=period[1]) if period else None,
        meeting=Meeting(body="Cabinet", date=meeting) if meeting else None,
        priorities=[
            Priority(text=t, themes=themes, span=Span(page=page, start=10 * i, end=10 * i + 5), section="2")
            for i, (t, themes, page) in enumerate(priorities)
        ],
        targets=[
            Target(
                metric="anti-social behaviour incidents",
                direction="reduce",
                amount=5,
                unit="percent",
                deadline="2011-03",
                priority="Reduce ASB",
                text="Reduce ASB incidents by 5% by March 2011",
                span=Span(page=4, start=0, end=10),
            )
        ]
        if name == "rotherham"
        else [],
    )


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    db = tmp_path / "results.db"
    conn = connect(db)
    for name in PLANS:
        plan = _plan(name, tmp_path)
        write_document(conn, plan, Settings(), [(plan.source.path, 1000, 0)])
    broken = PlanExtraction(source=SourceInfo(path=str(tmp_path / "x.pdf"), sha256="f" * 64), status=Status.failed)
    write_document(conn, broken, Settings())
    conn.close()
    return db


def test_matrix_counts_priorities_per_council_period_and_theme(store: Path) -> None:
    c = build_comparison(store)
    rows = {row.key: row for row in c.rows}
    assert sorted(rows) == ["Kent 2025", "Rochford 2011–2014", "Rotherham 2010–2011"]
    counts = {key: {t: c.count(row, t) for t in c.themes if c.count(row, t)} for key, row in rows.items()}
    assert counts == {
        "Rotherham 2010–2011": {"anti_social_behaviour": 1, "domestic_abuse": 1, "violent_crime": 1, NO_THEME: 1},
        "Rochford 2011–2014": {"anti_social_behaviour": 1, "serious_acquisitive_crime": 1},
        "Kent 2025": {"domestic_abuse": 1},
    }
    assert c.themes[:2] == ["anti_social_behaviour", "domestic_abuse"] and c.themes[-1] == NO_THEME


def test_reduce_asb_lines_up_with_tackling_anti_social_behaviour(store: Path) -> None:
    groups = {tuple(sorted(p.text for p in g)) for g in build_comparison(store).shared_groups()}
    assert groups == {("Reduce ASB", "Tackling anti-social behaviour"), ("Reduce DV", "Tackle domestic violence")}


def test_grouping_keeps_different_problems_apart() -> None:
    texts = ["Reduce ASB", "Reducing anti-social behavior", "Reduce burglary", "Reduce violent crime", "Reduce crime"]
    g = group_priorities(texts)
    assert g[0] == g[1] and len({g[0], g[2], g[3], g[4]}) == 4


def test_years_keep_plans_that_overlap_them(store: Path) -> None:
    c = build_comparison(store, 2012, 2013)
    assert [row.key for row in c.rows] == ["Rochford 2011–2014"] and c.left_out == 2


def test_csv_and_html_hold_every_priority_with_its_source(store: Path, tmp_path: Path) -> None:
    c = build_comparison(store)
    write_comparison(c, tmp_path / "cmp")
    with (tmp_path / "cmp" / MATRIX_CSV).open(encoding="utf-8") as fh:
        matrix = list(csv.DictReader(fh))
    assert [(r["council"], r["anti_social_behaviour"]) for r in matrix] == [
        ("Kent", "0"),
        ("Rochford", "1"),
        ("Rotherham", "1"),
    ]
    with (tmp_path / "cmp" / PRIORITIES_CSV).open(encoding="utf-8") as fh:
        long = list(csv.DictReader(fh))
    texts = {t for _, _, _, ps in PLANS.values() for t, _, _ in ps}
    assert {r["priority"] for r in long if r["main_theme"] == "1"} == texts
    assert {(r["priority"], r["page"]) for r in long} >= {("Reduce ASB", "2"), ("Reducing burglary", "6")}
    page = (tmp_path / "cmp" / REPORT_HTML).read_text(encoding="utf-8")
    links = re.findall(r'<td[^>]*><a href="#([^"]+)">(\d+)</a></td>', page)
    assert len(links) == sum(1 for r in c.rows for t in c.themes if c.count(r, t)) == 7
    for anchor, _ in links:
        assert f'id="{anchor}"' in page
    assert f'href="{(tmp_path / "rotherham.pdf").as_uri()}#page=2"' in page
    assert "Reduce ASB incidents by 5% by March 2011" in page
    assert "<link" not in page and "<script src" not in page  # self-contained


def test_cli_compare_writes_the_report_next_to_the_database(store: Path) -> None:
    result = CliRunner().invoke(app, ["compare", "--db", str(store), "--from", "2010", "--to", "2012"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in store.parent.iterdir()} >= {MATRIX_CSV, PRIORITIES_CSV, REPORT_HTML}
    bad = CliRunner().invoke(app, ["compare", "--db", str(store.parent / "missing.db")])
    assert bad.exit_code == 3 and "[store.error]" in bad.output


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus-batch")
    run_batch([*SEEDS.glob("*.txt"), SEEDS / "002_cc554ea183c4090a.pdf"], out, LocalExecutor(workers=2))
    return out / "results.db"


def test_every_priority_and_readable_paper_of_the_corpus_is_in_the_matrix(corpus_store: Path, tmp_path: Path) -> None:
    conn = connect(corpus_store)
    priorities = conn.execute("SELECT count(*) FROM priorities").fetchone()[0]
    readable = conn.execute("SELECT count(*) FROM documents WHERE status != 'failed'").fetchone()[0]
    conn.close()
    c = build_comparison(corpus_store)
    write_comparison(c, tmp_path)
    with (tmp_path / PRIORITIES_CSV).open(encoding="utf-8") as fh:
        main_entries = [r for r in csv.DictReader(fh) if r["main_theme"] == "1"]
    assert len(main_entries) == priorities
    assert sum(len(row.documents) for row in c.rows) == readable == 6


def test_a_paper_whose_file_changed_is_compared_in_its_new_version_only(tmp_path: Path) -> None:
    paper = tmp_path / "in" / "plan.txt"
    paper.parent.mkdir()
    paper.write_bytes((SEEDS / "000_2ad17110b5a37932.txt").read_bytes())
    run_batch([paper.parent], tmp_path / "out", LocalExecutor(workers=1))
    paper.write_bytes((SEEDS / "001_af8bf309ee297552.txt").read_bytes())
    run_batch([paper.parent], tmp_path / "out", LocalExecutor(workers=1))
    c = build_comparison(tmp_path / "out" / "results.db")
    assert [row.documents for row in c.rows] == [{str(paper)}]
    conn = connect(tmp_path / "out" / "results.db")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2  # the old version is kept


def test_each_corpus_paper_gives_a_row_for_its_council_and_plan_period(corpus_store: Path) -> None:
    conn = connect(corpus_store)
    documents = conn.execute(
        "SELECT council, path, plan_start_year, plan_end_year, meeting_date FROM documents WHERE status != 'failed'"
    ).fetchall()
    conn.close()
    expected = set()
    for d in documents:
        start = d["plan_start_year"] or (int(d["meeting_date"][:4]) if d["meeting_date"] else None)
        end = d["plan_end_year"] or start
        period = "undated" if start is None else (str(start) if end == start else f"{start}–{end}")
        expected.add((d["council"] or Path(d["path"]).stem, period))
    assert {(row.council, row.period) for row in build_comparison(corpus_store).rows} == expected


def test_grouping_ignores_the_amounts_and_years_a_priority_states() -> None:
    g = group_priorities(["Reduce Anti-Social Behaviour by 10% during 2010/2011", "Anti-Social Behaviour", "Robbery"])
    assert g[0] == g[1] != g[2]


def test_priorities_grouped_across_corpus_councils_share_their_main_theme(corpus_store: Path) -> None:
    shared = build_comparison(corpus_store).shared_groups()
    assert shared, "no priority of one council lines up with another's"
    for group in shared:
        assert len({p.theme for p in group}) == 1, [(p.council, p.text, p.theme) for p in group]


def test_papers_on_other_services_are_left_out_of_the_comparison(tmp_path: Path) -> None:
    # a health and care strategy: the priorities read from it are not community safety priorities
    strategy = REAL_PDFS / "kent-cc_2025_ics-priorities-measures.pdf"
    run_batch([SEEDS / "000_2ad17110b5a37932.txt", strategy], tmp_path, LocalExecutor(workers=1))
    conn = connect(tmp_path / "results.db")
    rows = conn.execute(
        "SELECT path, community_safety, (SELECT count(*) FROM priorities p WHERE p.sha256 = d.sha256) n "
        "FROM documents d ORDER BY path"
    ).fetchall()
    conn.close()
    assert [(Path(r["path"]).name, r["community_safety"], r["n"] > 0) for r in rows] == [
        (strategy.name, "none", True),
        ("000_2ad17110b5a37932.txt", "whole", True),
    ]
    c = build_comparison(tmp_path / "results.db")
    assert c.off_topic == 1
    assert {d for row in c.rows for d in row.documents} == {str(SEEDS / "000_2ad17110b5a37932.txt")}
    write_comparison(c, tmp_path)
    assert "1 papers on other services left out" in (tmp_path / REPORT_HTML).read_text(encoding="utf-8")


def test_store_of_version_1_is_compared_as_it_is(store: Path) -> None:
    conn = connect(store)
    conn.execute("ALTER TABLE documents DROP COLUMN community_safety")
    conn.execute("UPDATE store_info SET value = '1' WHERE key = 'store_version'")
    conn.close()
    c = build_comparison(store)  # read-only: the store is left as it is
    assert sorted(row.key for row in c.rows) == ["Kent 2025", "Rochford 2011–2014", "Rotherham 2010–2011"]
    assert c.off_topic == 0
