"""The donor PDF of a known synthetic year says exactly what the figures are, end to end."""

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.integration.donor_programme import Programme, build_programme
from trainingdesk.domain.donor import ReportScope
from trainingdesk.reports.donor_summary import write_donor_summary
from trainingdesk.services.container import Services

FISCAL_2025 = ReportScope(date(2025, 4, 1), date(2026, 3, 31), min_cell=5)

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)"
)


@pytest.fixture
def programme(services: Services) -> Programme:
    """The synthetic programme of `donor_programme` (its comments work out the figures)."""
    return build_programme(services)


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


def test_the_summary_page_shows_the_years_figures(
    services: Services, programme: Programme, tmp_path: Path
) -> None:
    pdf = tmp_path / "fy.pdf"
    write_donor_summary(services.donor.build(FISCAL_2025, today=date(2026, 4, 15)), pdf)
    summary = _pages(pdf)[1]
    assert "Summary of headline figures" in summary
    for figure, label in (
        ("16", "People trained"),
        ("13", "People who completed"),
        ("81.2%", "Completion rate"),
        ("<5", "Women trained"),
        ("2", "Exercises held"),
        ("7", "Joint sessions"),
        ("76", "Person-days of training"),
        ("20.6", "Mean knowledge gain"),
        ("11", "Certificates issued"),
    ):
        assert re.search(rf"(^| ){re.escape(figure)} .*{re.escape(label)}", summary), label
    pages = len(PdfReader(pdf).pages)
    assert f"Page 2 of {pages}" in summary


def test_the_tables_show_suppressed_cells_as_the_workbook_does(
    services: Services, programme: Programme, tmp_path: Path
) -> None:
    report = services.donor.build(FISCAL_2025, today=date(2026, 4, 15))
    pdf = tmp_path / "fy.pdf"
    write_donor_summary(report, pdf)
    text = " ".join(_pages(pdf))
    assert "Pakistan Female <5 <5" in text
    crs = next(e for e in report.exercises if e.code == "CRS-2025-01")
    assert crs.participants_af == "<5"
    assert "CRS-2025-01" in text

    open_report = services.donor.build(replace(FISCAL_2025, min_cell=0))
    write_donor_summary(open_report, pdf)
    assert "<5" not in " ".join(_pages(pdf)), "0 turns suppression off"
