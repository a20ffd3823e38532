"""`trainingdesk curricula …`: listing, the crosswalk PDF, and curriculum files in and out."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, trainingdesk


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("curricula-cli") / "demo.sqlite"
    run = trainingdesk("--db", str(path), "demo", "--people", "40", "--seed", "3")
    assert run.code == 0, run.err
    return path


@pytest.fixture
def copy(demo: Path, tmp_path: Path) -> Path:
    """A demo database of the test's own, for commands that change it."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo, path)
    return path


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_curricula_are_listed_joint_first_with_their_versions(demo: Path) -> None:
    run = trainingdesk("--db", str(demo), "curricula", "list")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].split()[:3] == ["code", "version", "kind"]
    assert lines[1].split()[:4] == ["JBM", "2011.1", "joint", "retired"]
    assert lines[2].split()[:4] == ["JBM", "2013.1", "joint", "adopted"]
    assert "Joint Harmonised Border Management Curriculum" in lines[2]
    assert lines[-1] == "6 curriculum version(s)"
    listed = json.loads(trainingdesk("--db", str(demo), "curricula", "list", "--json").out)
    assert [(c["code"], c["version"], c["country"]) for c in listed] == [
        ("JBM", "2011.1", None),
        ("JBM", "2013.1", None),
        ("AF-ABP-BASIC", "2012.1", "AF"),
        ("AF-ACD-CORE", "2012.2", "AF"),
        ("PK-FC-BORDER", "2012.1", "PK"),
        ("PK-PC-INDUCT", "2011.3", "PK"),
    ]
    assert listed[1] | {"id": ""} == {
        "id": "",
        "code": "JBM",
        "version": "2013.1",
        "title": "Joint Harmonised Border Management Curriculum",
        "kind": "joint",
        "country": None,
        "status": "adopted",
        "adopted_on": "2013-03-01",
        "retired_on": None,
        "modules": 12,
        "hours": 156.0,
    }


def test_the_crosswalk_pdf_of_the_joint_curriculum_in_force(demo: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "crosswalk.pdf"
    run = trainingdesk("--db", str(demo), "curricula", "crosswalk", "--out", str(pdf))
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        f"Wrote {pdf}: JBM 2013.1 against AF-ABP-BASIC 2012.1, AF-ACD-CORE 2012.2, "
        "PK-FC-BORDER 2012.1, PK-PC-INDUCT 2011.3.",
        "  Afghan side: 6 of 12 joint modules covered (72 of 156 hours), 4 partly (60 hours), "
        "2 not at all; 2 national module(s) with no joint equivalent",
        "  Pakistani side: 6 of 12 joint modules covered (88 of 156 hours), 4 partly (48 hours), "
        "2 not at all; 2 national module(s) with no joint equivalent",
    ]
    text = _pdf_text(pdf)
    assert "JBM version 2013.1" in text
    assert "Non-intrusive inspection and scanner image analysis" in text
    assert "Weapons handling and marksmanship" in text


def test_the_crosswalk_of_an_earlier_joint_version(demo: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "crosswalk-2011.pdf"
    run = trainingdesk(
        "--db", str(demo), "curricula", "crosswalk", "--out", str(pdf), "--joint", "jbm:2011.1"
    )
    assert run.code == 0, run.err
    assert run.out.startswith(f"Wrote {pdf}: JBM 2011.1 against ")
    assert "JBM version 2011.1" in _pdf_text(pdf)


@pytest.mark.parametrize(
    ("joint", "message"),
    [
        ("XYZ", "no curriculum XYZ"),
        ("JBM:2099.1", "no curriculum JBM version 2099.1"),
        ("AF-ABP-BASIC", "AF-ABP-BASIC 2012.1 is a national curriculum, not a joint one"),
        ("JBM:", "'JBM:' is not CODE or CODE:VERSION"),
    ],
)
def test_a_joint_curriculum_that_is_not_there_is_one_line(
    demo: Path, tmp_path: Path, joint: str, message: str
) -> None:
    pdf = tmp_path / "crosswalk.pdf"
    run = trainingdesk(
        "--db", str(demo), "curricula", "crosswalk", "--out", str(pdf), "--joint", joint
    )
    assert_one_line_error(run, message)
    assert not pdf.exists()


def test_a_curriculum_exported_and_imported_as_a_new_version(copy: Path, tmp_path: Path) -> None:
    xlsx, csv = tmp_path / "abp.xlsx", tmp_path / "abp.csv"
    run = trainingdesk("--db", str(copy), "curricula", "export", "AF-ABP-BASIC", "--out", str(xlsx))
    assert run.code == 0, run.err
    assert run.out.strip() == f"Wrote {xlsx}: AF-ABP-BASIC 2012.1, 9 module(s)."
    run = trainingdesk(
        "--db", str(copy), "curricula", "export", "AF-ABP-BASIC:2012.1", "--out", str(csv)
    )
    assert run.code == 0, run.err
    again = trainingdesk("--db", str(copy), "curricula", "import", str(csv))
    assert_one_line_error(
        again, "curriculum AF-ABP-BASIC version 2012.1 is already here; abp.csv was not imported"
    )
    text = csv.read_text(encoding="utf-8-sig")
    csv.write_text(
        text.replace("Version,2012.1", "Version,2014.1")
        .replace("Status,adopted", "Status,draft")
        .replace("Adopted on,2012-03-01", "Adopted on,"),
        encoding="utf-8-sig",
    )
    run = trainingdesk("--db", str(copy), "curricula", "import", str(csv))
    assert run.code == 0, run.err
    assert run.out.strip() == (
        "Imported AF-ABP-BASIC 2014.1 (national, draft): 9 module(s), 144 hours."
    )
    listed = json.loads(trainingdesk("--db", str(copy), "curricula", "list", "--json").out)
    assert ("AF-ABP-BASIC", "2014.1", "draft") in {
        (c["code"], c["version"], c["status"]) for c in listed
    }


def test_links_to_a_curriculum_not_here_are_left_out_with_a_note(
    copy: Path, tmp_path: Path
) -> None:
    jbm = tmp_path / "jbm.csv"
    assert (
        trainingdesk("--db", str(copy), "curricula", "export", "JBM", "--out", str(jbm)).code == 0
    )
    text = jbm.read_text(encoding="utf-8-sig")
    # A revision of the joint curriculum that names a revision of the ABP course, and the
    # same competency twice ("DOC, doc").
    text = (
        text.replace("Version,2013.1", "Version,2016.1")
        .replace("AF-ABP-BASIC,2012.1", "AF-ABP-BASIC,2016.1")
        .replace(",DOC\n", ',"DOC, doc"\n')
    )
    assert '"DOC, doc"' in text
    jbm.write_text(text, encoding="utf-8-sig")
    run = trainingdesk("--db", str(copy), "curricula", "import", str(jbm))
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "Imported JBM 2016.1 (joint, adopted): 12 module(s), 156 hours.",
        "  8 links to AF-ABP-BASIC 2016.1 left out: that curriculum is not in this database; "
        "they are made when it is imported.",
    ]


def test_the_competency_catalogue_is_listed_and_grows(copy: Path) -> None:
    run = trainingdesk("--db", str(copy), "curricula", "competencies")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[-1] == "12 competencies"
    assert lines[0].split()[0] == "BLO"
    assert any(line.startswith("DOC ") and "(بررسی اسناد)" in line for line in lines)
    added = trainingdesk(
        "--db",
        str(copy),
        "curricula",
        "competencies",
        "--add",
        "NII",
        "Non-intrusive inspection",
        "--local",
        "بازرسی غیرمداخله‌ای",
    )
    assert added.code == 0, added.err
    assert added.out.strip() == ("Added NII to the competency catalogue: Non-intrusive inspection.")
    run = trainingdesk("--db", str(copy), "curricula", "competencies")
    assert "NII   Non-intrusive inspection (بازرسی غیرمداخله‌ای)" in run.out.splitlines()
    assert_one_line_error(
        trainingdesk("--db", str(copy), "curricula", "competencies", "--add", "nii", "Again"),
        "competency NII is already in the catalogue",
    )
    assert_one_line_error(
        trainingdesk("--db", str(copy), "curricula", "competencies", "--add", "A B", "Two"),
        "a competency code is one word",
    )


def test_a_file_with_problems_is_listed_row_by_row_and_nothing_is_imported(
    copy: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Curriculum code,PK-FIA\nVersion,2014.1\nTitle,FIA course\nKind,national\nCountry,PK\n"
        "Modules\nModule code,English title,Hours\nFIA-1,Passports,twelve\nFIA-1,Visas,8\n",
        encoding="utf-8",
    )
    run = trainingdesk("--db", str(copy), "curricula", "import", str(bad))
    assert run.code == 1
    assert run.err.splitlines() == [
        "bad.csv: row 8, Hours: 'twelve' is not a number of hours",
        "bad.csv: row 9, Module code: FIA-1 is already on row 8",
        "trainingdesk: error: 2 problem(s) in bad.csv; nothing was imported",
    ]
    listed = json.loads(trainingdesk("--db", str(copy), "curricula", "list", "--json").out)
    assert len(listed) == 6


def test_files_the_commands_cannot_use_are_one_line(demo: Path, tmp_path: Path) -> None:
    missing = trainingdesk("--db", str(demo), "curricula", "import", str(tmp_path / "no.csv"))
    assert_one_line_error(missing, "no such file")
    wrong = trainingdesk(
        "--db", str(demo), "curricula", "export", "JBM", "--out", str(tmp_path / "jbm.pdf")
    )
    assert_one_line_error(wrong, "the file name must end in .csv or .xlsx")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert_one_line_error(
        trainingdesk("--db", str(demo), "curricula", "import", str(empty)), "empty.xlsx is empty"
    )
