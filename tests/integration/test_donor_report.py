"""A coordinator reports a fiscal year to the donor: exact figures, and no one in them.

The programme (tests/integration/donor_programme.py) is small and synthetic, so that every
figure can be worked out by hand (its comments do); the demo database then checks the SQL
against the attendance service.
"""

import re
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import TEST_ACTOR
from tests.integration.donor_programme import Programme, build_programme
from trainingdesk.domain.donor import DonorReport, IndicatorTable, ReportScope
from trainingdesk.domain.enums import AttendanceStatus, ExerciseType, KeyArea, Role
from trainingdesk.domain.errors import NotFound, ValidationFailed
from trainingdesk.domain.records import PersonRecord
from trainingdesk.reports.donor_summary import write_donor_summary
from trainingdesk.reports.donor_xlsx import write_donor_workbook
from trainingdesk.services.container import Services, open_services

ROOT = Path(__file__).resolve().parents[2]
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
FISCAL_2025 = ReportScope(date(2025, 4, 1), date(2026, 3, 31), min_cell=0)


@pytest.fixture
def programme(services: Services) -> Programme:
    """The synthetic programme of `donor_programme` (see its comments for the figures)."""
    return build_programme(services)


def _table(report: DonorReport, key: str) -> IndicatorTable:
    return next(table for table in report.tables if table.key == key)


def _headlines(report: DonorReport) -> dict[str, object]:
    return {headline.label: headline.value for headline in report.headlines}


def test_the_headline_figures_of_the_year_are_exact(
    services: Services, programme: Programme
) -> None:
    report = services.donor.build(FISCAL_2025, today=date(2026, 4, 15))
    assert report.generated_on == date(2026, 4, 15)
    assert (report.project_name, report.donor) == (
        "All projects",
        "Global Affairs Canada, Government of Japan",
    )
    assert _headlines(report) == {
        "People trained": 16,  # A1-A6, W1, W2, C1, B1-B6 in JTX; V1 in CRS
        "People who completed": 13,  # A1-A6, W2, B1-B5 in JTX; V1 in CRS
        "Completion rate": 0.812,
        "Women trained": 3,
        "Share of women among people trained": 0.188,
        "Afghan officials trained": 9,
        "Pakistani officials trained": 7,
        "Exercises held": 2,
        "Sessions held": 8,
        "Joint sessions": 7,  # the fourth day of the course had no Afghan present
        "Participants": 25,  # 15 in JTX, 10 in CRS
        "Person-days of training": 76,  # 40 in JTX, 36 in CRS
        "Mean pre-test score": 51.5,
        "Mean post-test score": 71.1,  # 640 / 9
        "Mean knowledge gain": 20.6,  # 185 / 9
        "Share passing the post-test": 0.889,  # 8 of 9
        "Mean satisfaction (1–5)": 4.1,
        "Certificates issued": 11,  # 12 issued, one revoked
    }


def test_people_are_counted_once_by_country_sex_and_agency(
    services: Services, programme: Programme
) -> None:
    report = services.donor.build(FISCAL_2025)
    assert _table(report, "trained").rows == (
        ("Afghanistan", "Male", 7, 6, 0.857),
        ("Afghanistan", "Female", 2, 1, 0.5),
        ("Pakistan", "Male", 6, 5, 0.833),
        ("Pakistan", "Female", 1, 1, 1.0),
        ("Total", None, 16, 13, 0.812),
    )
    assert _table(report, "agency_trained").rows == (
        ("Afghanistan", "Afghan Border Police (ABP)", 6, 2, 8),
        ("Afghanistan", "Afghan Customs Department (ACD)", 1, 0, 1),
        ("Afghanistan", "All agencies", 7, 2, 9),
        ("Pakistan", "Federal Investigation Agency (FIA)", 0, 1, 1),
        ("Pakistan", "Pakistan Customs (PC)", 6, 0, 6),
        ("Pakistan", "All agencies", 6, 1, 7),
        ("Total", None, 13, 3, 16),
    )
    assert _table(report, "agency_completed").rows == (
        ("Afghanistan", "Afghan Border Police (ABP)", 6, 1, 7),
        ("Afghanistan", "Afghan Customs Department (ACD)", 0, 0, 0),  # C1 withdrew
        ("Afghanistan", "All agencies", 6, 1, 7),
        ("Pakistan", "Federal Investigation Agency (FIA)", 0, 1, 1),
        ("Pakistan", "Pakistan Customs (PC)", 5, 0, 5),
        ("Pakistan", "All agencies", 5, 1, 6),
        ("Total", None, 11, 2, 13),
    )


def test_exercises_are_broken_down_by_key_area_site_and_quarter(
    services: Services, programme: Programme
) -> None:
    report = services.donor.build(FISCAL_2025)
    infrastructure = (1, 4, 4, 15, 12, 0.8, 40)
    harmonisation = (1, 4, 3, 10, 7, 0.7, 36)
    assert _table(report, "key_areas").rows == (
        (KeyArea.INFRASTRUCTURE.label, *infrastructure),
        (KeyArea.HARMONISATION.label, *harmonisation),
        (KeyArea.DIALOGUE.label, 0, 0, 0, 0, 0, None, 0),
        ("Total", 2, 8, 7, 25, 19, 0.76, 76),
    )
    assert _table(report, "sites").rows == (
        ("Chaman (Balochistan side)", "Pakistan", *harmonisation),
        ("Torkham (Nangarhar side)", "Afghanistan", *infrastructure),
        ("Total", "", 2, 8, 7, 25, 19, 0.76, 76),
    )
    assert [
        (q.label, q.trained, q.completed, q.sessions, q.joint_sessions) for q in report.quarters
    ] == [
        ("2025 Q2", 15, 12, 4, 4),
        ("2025 Q3", 0, 0, 0, 0),
        ("2025 Q4", 10, 7, 4, 3),
        ("2026 Q1", 0, 0, 0, 0),
    ]
    assert [
        (
            e.code,
            e.site,
            e.participants_af,
            e.participants_pk,
            e.participants_other,
            e.completion_rate,
        )
        for e in report.exercises
    ] == [
        ("JTX-2025-01", "Torkham (Nangarhar side)", 9, 6, 0, 0.8),
        ("CRS-2025-01", "Chaman (Balochistan side)", 4, 6, 0, 0.7),
    ]
    assert [(m.code, m.title, m.hours, m.exercises) for m in report.modules] == [
        ("JBM-01", "Risk analysis", 8.0, 1),
        ("JBM-02", "Cargo inspection", 12.0, 2),
    ]


def test_scores_are_given_by_country_and_sex(services: Services, programme: Programme) -> None:
    rows = _table(services.donor.build(FISCAL_2025), "assessment").rows
    assert rows == (
        ("All participants", 10, 51.5, 71.1, 20.6, 0.889, 4.1),
        ("Afghanistan", 4, 55.0, 75.0, 21.7, 0.667, 4.0),  # A1-A3 and W1
        ("Pakistan", 6, 49.2, 69.2, 20.0, 1.0, 4.17),
        ("Male", 8, 50.0, 69.3, 20.7, 0.857, 4.0),
        ("Female", 2, 57.5, 77.5, 20.0, 1.0, 4.5),
    )


def test_the_scope_narrows_to_a_project_a_key_area_a_site_or_a_type(
    services: Services, programme: Programme
) -> None:
    def people(**narrowing: Any) -> object:
        report = services.donor.build(replace(FISCAL_2025, **narrowing))
        return _headlines(report)["People trained"], [e.code for e in report.exercises]

    assert people(project_code="apcp-1") == (15, ["JTX-2025-01"])
    assert people(key_area=KeyArea.HARMONISATION) == (10, ["CRS-2025-01"])
    assert people(site_code="TKM-AF") == (15, ["JTX-2025-01"])
    assert people(exercise_type=ExerciseType.COURSE) == (10, ["CRS-2025-01"])
    report = services.donor.build(replace(FISCAL_2025, project_code="JPN-2"))
    assert (report.project_name, report.donor) == ("Project JPN-2", "Government of Japan")
    with pytest.raises(NotFound, match="no project"):
        services.donor.build(replace(FISCAL_2025, project_code="NONE"))
    with pytest.raises(ValidationFailed, match="ends before it starts"):
        services.donor.build(replace(FISCAL_2025, end=date(2025, 1, 1)))


def test_an_empty_period_gives_zeros_and_no_exercise(services: Services) -> None:
    report = services.donor.build(ReportScope(date(2030, 1, 1), date(2030, 12, 31)))
    assert _headlines(report)["People trained"] == 0
    assert report.exercises == () and report.modules == ()
    assert _table(report, "trained").rows == (("Total", None, 0, 0, None),)


def _hidden(value: object) -> bool:
    return isinstance(value, str)


def _lines_of(table: IndicatorTable) -> list[list[object]]:
    """The sums a reader sees in a table: each row's men + women = total, each country's
    agencies = its subtotal, the countries = the total; or the rows of a column = its total."""
    first = table.label_columns
    rows = [list(row[first:]) for row in table.rows]
    if table.key.startswith("agency_"):
        lines = [row for row in rows]  # Male, Female, Total
        labels = [row[:first] for row in table.rows]
        subtotals = [i for i, label in enumerate(labels) if label[1] == "All agencies"]
        start = 0
        for index in subtotals:
            for column in range(3):
                lines.append([rows[i][column] for i in range(start, index + 1)])
            start = index + 1
        for column in range(3):
            lines.append([rows[i][column] for i in [*subtotals, len(rows) - 1]])
        return lines
    return [[row[column] for row in rows] for column in range(len(rows[0]))]


PEOPLE_COLUMNS = {"Trained", "Completed", "Male", "Female", "Total", "Participants", "Assessed"}


def test_small_counts_are_hidden_and_cannot_be_worked_out_from_the_totals(
    services: Services, programme: Programme
) -> None:
    report = services.donor.build(replace(FISCAL_2025, min_cell=5))
    raw = services.donor.build(FISCAL_2025)
    for table, counts in zip(report.tables, raw.tables, strict=True):
        first = table.label_columns
        people = [header in PEOPLE_COLUMNS for header in table.columns[first:]]
        for row, raw_row in zip(table.rows, counts.rows, strict=True):
            for value, true, of_people in zip(row[first:], raw_row[first:], people, strict=True):
                if of_people and isinstance(true, int) and 0 < true < 5:
                    assert value in ("<5", "–"), (table.key, row)
                elif _hidden(value):
                    assert of_people or table.columns[-1] == "Person-days", (table.key, row)
                else:
                    assert value in (true, None), (table.key, row, raw_row)
        if table.key.startswith("agency_") or table.key in ("key_areas", "sites"):
            for line in _lines_of(table):
                assert sum(1 for value in line if _hidden(value)) != 1, (table.key, line)
    trained = _table(report, "trained")
    assert trained.rows[-1][2:4] == (16, 13)  # the grand totals stay
    assert ("Pakistan", "Female", "<5", "<5", None) in trained.rows
    headlines = _headlines(report)
    assert headlines["Women trained"] == "<5"
    assert headlines["Share of women among people trained"] is None
    # Four Afghans took the course: their count is hidden, and with it the completion rate.
    crs = next(e for e in report.exercises if e.code == "CRS-2025-01")
    assert (crs.participants_af, crs.completion_rate) == ("<5", None)
    quarters = [q.trained for q in report.quarters]
    assert all(isinstance(value, int) and value not in range(1, 5) for value in quarters)


def test_the_workbook_holds_the_figures_as_numbers(
    services: Services, programme: Programme, tmp_path: Path
) -> None:
    report = services.donor.build(replace(FISCAL_2025, min_cell=5))
    path = tmp_path / "donor.xlsx"
    write_donor_workbook(report, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == [
        "Summary",
        "trained",
        "agency_trained",
        "agency_completed",
        "key_areas",
        "sites",
        "assessment",
        "Exercises",
        "Modules",
        "Trend",
        "Methodology",
    ]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=3, values_only=True)}
    assert summary["People trained"] == 16
    assert summary["Women trained"] == "<5"
    assert summary["Person-days of training"] == 76
    assert workbook["Summary"]["B5"].number_format == "0.0%"  # the completion rate
    sheet = workbook["agency_trained"]
    assert sheet.freeze_panes == "C3"
    assert sheet["A2"].font.bold and sheet["C2"].value == "Male"
    rows = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]]
    table = _table(report, "agency_trained")
    assert [tuple(row[:5]) for row in rows[: len(table.rows)]] == [tuple(r) for r in table.rows]
    assert isinstance(rows[len(table.rows) - 1][4], int)
    key_areas = workbook["key_areas"]
    assert [c.value for c in key_areas[3]][1:5] == [1, 4, 4, 15]
    trend = [row for row in workbook["Trend"].iter_rows(min_row=3, values_only=True)]
    assert trend[0] == ("2025 Q2", 15, 12, 4, 4)
    exercises = list(workbook["Exercises"].iter_rows(min_row=3, values_only=True))
    assert exercises[0][:4] == (
        "JTX-2025-01",
        "joint_exercise JTX-2025-01",
        exercises[0][2],
        exercises[0][3],
    )
    assert exercises[0][2].date() == date(2025, 5, 5)
    methodology = [row[0] for row in workbook["Methodology"].iter_rows(min_row=2, values_only=True)]
    assert any("“<5”" in paragraph for paragraph in methodology)


def _person_words(people: dict[str, PersonRecord]) -> list[str]:
    words = []
    for person in people.values():
        words += [
            person.given_name,
            person.family_name,
            person.native_name,
            person.father_name,
            person.father_name_native,
            person.service_number,
        ]
    return [word for word in words if word]


def _workbook_text(path: Path) -> str:
    workbook = load_workbook(path)
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_no_person_is_named_in_the_workbook_or_the_pdf(
    services: Services, programme: Programme, tmp_path: Path
) -> None:
    for threshold in (0, 5):
        report = services.donor.build(replace(FISCAL_2025, min_cell=threshold))
        workbook, pdf = tmp_path / f"donor-{threshold}.xlsx", tmp_path / f"donor-{threshold}.pdf"
        write_donor_workbook(report, workbook)
        write_donor_summary(report, pdf)
        texts = {
            "workbook": _workbook_text(workbook),
            "pdf": subprocess.run(
                ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout,
        }
        assert "Afghan Border Police" in texts["workbook"] and "16" in texts["pdf"]
        for where, text in texts.items():
            for word in _person_words(programme.people):
                assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), (where, word)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("donor-demo") / "demo.sqlite"
    services = open_services(str(path), actor=TEST_ACTOR)
    services.demo.generate(people=120, seed=7, today=date(2014, 6, 30))
    services.close()
    return path


def test_completion_agrees_with_the_attendance_service_on_demo_data(demo: Path) -> None:
    services = open_services(str(demo), actor=TEST_ACTOR)
    try:
        report = services.donor.build(ReportScope(date(2011, 1, 1), date(2014, 12, 31), min_cell=0))
        assert len(report.exercises) > 10
        everyone: set[uuid.UUID] = set()
        completed_anywhere: set[uuid.UUID] = set()
        for summary in report.exercises:
            exercise = services.exercises.by_code(summary.code)
            completion = services.attendance.completion(exercise.id)
            eligible = {c.person_id for c in completion if c.eligible}
            participants = {c.person_id for c in completion if c.role is Role.PARTICIPANT}
            attended = {
                mark.person_id
                for mark in services.attendance.marks(exercise.id)
                if mark.status in ATTENDED and mark.person_id in participants
            }
            counts = (summary.participants_af, summary.participants_pk, summary.participants_other)
            assert all(isinstance(count, int) for count in counts)
            trained = sum(count for count in counts if isinstance(count, int))
            assert trained == len(attended), summary.code
            assert summary.completion_rate is not None
            assert round(summary.completion_rate * trained) == len(eligible), summary.code
            everyone |= attended
            completed_anywhere |= eligible
        headlines = _headlines(report)
        assert headlines["People trained"] == len(everyone)
        assert headlines["People who completed"] == len(completed_anywhere)
    finally:
        services.close()


def test_the_benchmark_runs_on_a_small_database(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo.read_bytes())
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "donor_report.py"),
            *("--db", str(copy), "--period", "FY 2012-13", "--runs", "1"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "report ready, counting + PDF" in run.stdout
    assert "baseline: plain GROUP BY" in run.stdout
    assert "counting after every session changed" in run.stdout
    participants, recount = run.stdout.split("The recount of a changed exercise's tallies:")
    assert "SEARCH attendance_tally USING INDEX" in participants
    assert "USING COVERING INDEX ix_attendance_mark_session_id_deleted_at_person_id_status" in (
        recount
    )


def test_a_deleted_person_counts_nowhere_and_a_deleted_session_is_not_held(
    services: Services, programme: Programme
) -> None:
    services.people.delete(programme.people["B6"].id)  # PPAA in JTX: trained on 5 May only
    headlines = _headlines(services.donor.build(FISCAL_2025))
    assert (
        headlines["People trained"],
        headlines["People who completed"],
        headlines["Pakistani officials trained"],
        headlines["Participants"],
        headlines["Person-days of training"],
    ) == (15, 13, 6, 24, 75)
    jtx = services.exercises.by_code("JTX-2025-01")
    last = services.exercises.sessions(jtx.id)[-1]  # 7 May
    services.exercises.delete_session(last.id)
    headlines = _headlines(services.donor.build(FISCAL_2025))
    # JTX has three sessions on two days: A1-A6 and B1-B5 lose a day each, and so does C1
    # (withdrawn, but trained); W2's excused session is gone, so LLL is 3 of 3.
    assert (
        headlines["Sessions held"],
        headlines["Joint sessions"],
        headlines["People who completed"],
        headlines["Person-days of training"],
    ) == (7, 6, 13, 75 - 12)
