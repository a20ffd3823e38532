"""Reading the CSV and XLSX files coordinators bring: encodings, delimiters, title rows."""

import codecs
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from trainingdesk.importing.tables import Table, UnreadableFile, read_table

DARI_SHEET = "نام,شماره,1,2\nاحمد نوري,AF-1002,حاضر,غايب\nمحمد كريمي,AF-1001,P,A\n"
FRENCH_SHEET = "Nom;Matricule;Séance 1\nÉlodie Ferré;FR-9;présent\nAndré Lefèvre;FR-8;excusé\n"


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def cells(table: Table) -> list[list[str]]:
    return [list(row.cells) for row in table.rows]


# ------------------------------------------------------------------------ encodings


def test_a_utf8_csv_is_read_with_arabic_names_intact(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "marks.csv", DARI_SHEET.encode("utf-8"))

    table = read_table(path)

    assert table.headers == ("نام", "شماره", "1", "2")
    assert cells(table)[0] == ["احمد نوري", "AF-1002", "حاضر", "غايب"]
    assert [row.number for row in table.rows] == [2, 3]


def test_excel_csv_utf8_with_a_bom_does_not_leak_the_bom_into_the_first_header(
    tmp_path: Path,
) -> None:
    path = write_bytes(tmp_path, "marks.csv", codecs.BOM_UTF8 + b"Name,ID,1\nAhmad,AF-1,P\n")

    assert read_table(path).headers == ("Name", "ID", "1")


def test_excel_unicode_text_utf16_with_tabs_is_read(tmp_path: Path) -> None:
    text = "Name\tNative name\t1\r\nAhmad Noori\tاحمد نوری\tP\r\n"
    path = write_bytes(tmp_path, "marks.txt", text.encode("utf-16"))

    table = read_table(path)

    assert table.headers == ("Name", "Native name", "1")
    assert cells(table) == [["Ahmad Noori", "احمد نوری", "P"]]


def test_a_dari_windows_csv_in_windows_1256_is_read_as_arabic_script(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "marks.csv", DARI_SHEET.encode("cp1256"))

    table = read_table(path)

    assert table.headers[0] == "نام"
    assert cells(table)[1][0] == "محمد كريمي"


def test_a_french_windows_csv_in_windows_1252_keeps_its_accents(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "présence.csv", FRENCH_SHEET.encode("cp1252"))

    table = read_table(path)

    assert table.headers == ("Nom", "Matricule", "Séance 1")
    assert cells(table) == [
        ["Élodie Ferré", "FR-9", "présent"],
        ["André Lefèvre", "FR-8", "excusé"],
    ]


def test_accents_first_met_after_a_long_plain_start_are_still_read(tmp_path: Path) -> None:
    plain = "".join(f"Officer {n},ID-{n},P\n" for n in range(5000))
    data = ("Name,ID,1\n" + plain + "Élodie Ferré,FR-9,présent\n").encode("cp1252")
    assert len(data) > 64 * 1024
    path = write_bytes(tmp_path, "long.csv", data)

    table = read_table(path)

    assert len(table.rows) == 5001
    assert table.rows[-1].cells == ("Élodie Ferré", "FR-9", "présent")
    assert table.rows[-1].number == 5002


def test_the_encoding_can_be_named_by_the_user(tmp_path: Path) -> None:
    # Windows-1252 bytes that would also be valid Windows-1256: only the user can tell.
    path = write_bytes(tmp_path, "marks.csv", "Nom,Séance 1\nÉric,P\n".encode("cp1252"))

    assert read_table(path, encoding="cp1252").rows[0].cells == ("Éric", "P")
    with pytest.raises(UnreadableFile, match="not a text encoding"):
        read_table(path, encoding="klingon")


def test_utf16_without_a_bom_is_read_when_the_user_names_it(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "marks.txt", "Name\t1\nاحمد\tP\n".encode("utf-16-le"))

    with pytest.raises(UnreadableFile, match="does not contain text"):
        read_table(path)
    assert read_table(path, encoding="utf-16-le").rows[0].cells == ("احمد", "P")


def test_a_windows_1256_file_with_one_word_names_is_still_taken_for_arabic(
    tmp_path: Path,
) -> None:
    text = "Name,ID,1\nاحمد,AF-1,P\nبلال,PK-2,A\nفاطمه,PK-3,E\n"
    path = write_bytes(tmp_path, "marks.csv", text.encode("cp1256"))

    assert [row.cells[0] for row in read_table(path).rows] == ["احمد", "بلال", "فاطمه"]


def test_a_file_that_changes_encoding_half_way_is_refused_with_the_line(tmp_path: Path) -> None:
    data = "Name,1\nاحمد,P\n".encode() + "محمد,A\n".encode("cp1256")
    path = write_bytes(tmp_path, "mixed.csv", data)

    with pytest.raises(UnreadableFile, match=r"Line 3 of mixed\.csv cannot be read as UTF-8"):
        read_table(path)


def test_a_long_utf8_file_with_a_windows_line_far_down_is_refused_with_the_line(
    tmp_path: Path,
) -> None:
    plain = "".join(f"احمد {n},ID-{n},P\n" for n in range(5000)).encode()
    data = b"Name,ID,1\n" + plain + "محمد,ID-X,A\n".encode("cp1256")
    assert len(data) > 64 * 1024
    path = write_bytes(tmp_path, "long.csv", data)

    with pytest.raises(UnreadableFile, match=r"Line 5002 of long\.csv cannot be read as UTF-8"):
        read_table(path)


# ----------------------------------------------------------------------- delimiters


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_and_tab_separated_files_are_all_recognised(
    tmp_path: Path, delimiter: str
) -> None:
    lines = [
        ["Name", "ID", "1", "2"],
        ["Karimi, Mohammad", "AF-1", "P", "L"],
        ["Noori", "", "A", ""],
    ]
    text = "\n".join(
        delimiter.join(f'"{cell}"' if "," in cell else cell for cell in line) for line in lines
    )
    path = write_bytes(tmp_path, "marks.csv", text.encode())

    table = read_table(path)

    assert table.headers == ("Name", "ID", "1", "2")
    assert cells(table) == [["Karimi, Mohammad", "AF-1", "P", "L"], ["Noori", "", "A", ""]]


def test_a_row_is_numbered_by_the_line_it_starts_on(tmp_path: Path) -> None:
    text = 'Name,Remark\n"Ahmad","first line\nsecond line"\n\nBilal,ok\n'
    path = write_bytes(tmp_path, "marks.csv", text.encode())

    table = read_table(path)

    assert [(row.number, row.cells[0]) for row in table.rows] == [(2, "Ahmad"), (5, "Bilal")]


def test_title_rows_and_empty_rows_above_the_header_are_skipped_in_a_csv(
    tmp_path: Path,
) -> None:
    text = "Attendance JX-2027-01,,\n,,\nName,ID,1\n , ,\nAhmad , AF-1 , P \n"
    path = write_bytes(tmp_path, "marks.csv", text.encode())

    table = read_table(path)

    assert table.header_row == 3
    assert table.headers == ("Name", "ID", "1")
    assert [(row.number, row.cells) for row in table.rows] == [(5, ("Ahmad", "AF-1", "P"))]


# ----------------------------------------------------------------------------- XLSX


def save_workbook(tmp_path: Path, name: str = "marks.xlsx") -> tuple[Workbook, Path]:
    workbook = Workbook()
    return workbook, tmp_path / name


def test_a_workbook_with_a_merged_title_and_a_subtitle_is_read_from_its_header(
    tmp_path: Path,
) -> None:
    workbook, path = save_workbook(tmp_path)
    sheet = workbook.active
    sheet["A1"] = "JX-2027-01 Joint border exercise"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = "Torkham, March 2027"
    sheet.append([])
    sheet.append(["Name", "ID number", datetime(2027, 3, 1), "2", None])
    sheet.append(["Ahmad Noori", 1002.0, "P", "l", None])
    sheet.append([None, None, None, None, None])
    sheet.append(["Bilal Qureshi", 2001, None, 2.5, True])
    workbook.save(path)

    table = read_table(path)

    assert table.header_row == 4
    assert table.headers == ("Name", "ID number", "2027-03-01", "2")
    assert [(row.number, row.cells) for row in table.rows] == [
        (5, ("Ahmad Noori", "1002", "P", "l")),
        (7, ("Bilal Qureshi", "2001", "", "2.5", "TRUE")),
    ]


def test_dates_in_cells_come_back_as_iso_dates(tmp_path: Path) -> None:
    workbook, path = save_workbook(tmp_path)
    workbook.active.append(["Session", "Day", "Starts"])
    workbook.active.append([1, date(2027, 3, 2), datetime(2027, 3, 2, 8, 30)])
    workbook.save(path)

    assert read_table(path).rows[0].cells == ("1", "2027-03-02", "2027-03-02 08:30:00")


def test_a_named_sheet_is_read_and_an_unknown_one_is_refused_with_the_list(
    tmp_path: Path,
) -> None:
    workbook, path = save_workbook(tmp_path)
    workbook.active.title = "Roster"
    workbook.active.append(["Name", "Rank"])
    marks = workbook.create_sheet("Marks")
    marks.append(["Name", "1"])
    marks.append(["Ahmad", "P"])
    workbook.save(path)

    assert read_table(path, sheet="marks").rows[0].cells == ("Ahmad", "P")
    with pytest.raises(UnreadableFile, match=r"no sheet named 'Day 2'.*'Roster', 'Marks'"):
        read_table(path, sheet="Day 2")


def test_a_workbook_renamed_csv_is_still_read_as_a_workbook(tmp_path: Path) -> None:
    workbook, path = save_workbook(tmp_path, "marks.csv")
    workbook.active.append(["Name", "1"])
    workbook.active.append(["Ahmad", "P"])
    workbook.save(path)

    assert read_table(path).rows[0].cells == ("Ahmad", "P")


def test_a_workbook_from_a_program_openpyxl_complains_about_is_read_quietly(
    tmp_path: Path,
) -> None:
    workbook, original = save_workbook(tmp_path, "original.xlsx")
    workbook.active.append(["Name", "1"])
    workbook.active.append(["Ahmad", "P"])
    workbook.save(original)
    path = tmp_path / "from-a-phone.xlsx"
    # Some phone apps write a stylesheet without any styles; openpyxl warns about it.
    bare_styles = b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, bare_styles if item.filename == "xl/styles.xml" else data)

    assert read_table(path).rows[0].cells == ("Ahmad", "P")


# --------------------------------------------------------------------- refusals


@pytest.mark.parametrize("content", [b"", b"\r\n \r\n", codecs.BOM_UTF8, b",,,\n,,\n"])
def test_an_empty_file_is_refused_as_empty(tmp_path: Path, content: bytes) -> None:
    path = write_bytes(tmp_path, "marks.csv", content)

    with pytest.raises(UnreadableFile, match=r"marks.csv is empty\."):
        read_table(path)


def test_an_empty_workbook_is_refused_as_empty(tmp_path: Path) -> None:
    workbook, path = save_workbook(tmp_path)
    workbook.save(path)

    with pytest.raises(UnreadableFile, match="is empty"):
        read_table(path)


def test_a_pdf_renamed_csv_is_refused_as_a_pdf(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "marks.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n")

    with pytest.raises(UnreadableFile, match="is a PDF document, not a table"):
        read_table(path)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "marks.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo-list.txt", "not a workbook")

    with pytest.raises(UnreadableFile, match="ZIP archive but not an Excel workbook"):
        read_table(path)


def test_an_old_xls_file_is_refused_with_a_way_out(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "marks.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))

    with pytest.raises(UnreadableFile, match=r"Excel 97-2003 \(.xls\).*save it"):
        read_table(path)


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "marks.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    with pytest.raises(UnreadableFile, match="not a CSV or Excel file"):
        read_table(path)


def test_a_file_with_only_single_cells_has_no_header_row(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "marks.csv", b"Attendance\nAhmad\nBilal\n")

    with pytest.raises(UnreadableFile, match="has no header row"):
        read_table(path)


def test_a_missing_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match=r"could not open gone\.csv"):
        read_table(tmp_path / "gone.csv")


def test_a_header_merged_over_two_columns_names_both(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Officers trained at Torkham"])
    sheet.merge_cells("A1:D1")
    sheet.append(["Name", None, "Father's name", "Sex"])
    sheet.merge_cells("A2:B2")
    sheet.append(["Gul Agha", "ګل آغا", "Abdul Wali", "M"])
    path = tmp_path / "merged.xlsx"
    workbook.save(path)

    table = read_table(path)

    assert table.header_row == 2
    assert table.headers == ("Name", "Name (2)", "Father's name", "Sex")
    assert table.rows[0].cells[:2] == ("Gul Agha", "ګل آغا")
