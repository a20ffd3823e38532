"""Write the sample rosters of this folder; every person in them is invented.

Usage: .venv/bin/python tests/data/rosters/make_samples.py [FOLDER]

The files are committed so that a coordinator can try them without running anything;
this script is how they were made, and remakes them after a change. README.md says what
each file shows and what TrainingDesk should make of it.
"""

import csv
import io
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
# Fixed workbook dates, so that a remade workbook differs only where its content does.
WORKBOOK_DATE = datetime(2013, 10, 6, 9, 0)


def cells(*lines: str) -> list[list[str]]:
    """Rows written as lines of "|"-separated cells, which keeps wide tables readable."""
    return [line.split("|") for line in lines]


def csv_bytes(rows: Sequence[Sequence[str]], encoding: str, delimiter: str = ",") -> bytes:
    """Rows as CSV with Windows line ends, as Excel saves them."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def abp_roster_dari(folder: Path) -> Path:
    """Afghan Border Police: a workbook with a title row, Dari headers, names in Arabic
    script only, Persian digits and Solar Hijri dates."""
    rows = cells(
        "شماره|نام|تخلص|ولد|جنسیت|ارگان|رتبه|شماره تذکره|تلفن|تاریخ تولد",
        "۱|محمد کریم|احمدزی|گل آغا|مرد|ABP|جگړن|۱۴۰۰-۰۱۰۱-۲۳۴۵۶|۰۷۰۰۱۲۳۴۵۶|۱۳۶۴/۰۵/۱۲",
        "۲|فرشته|نوری|عبدالقادر|زن|پولیس سرحدی افغانستان|سمونیار|۱۴۰۰-۰۲۰۳-۳۳۱۲۰|۰۷۹۹۵۵۵۰۱۲|"
        "۱۳۶۹/۱۱/۰۳",
        "۳|عبدالرحمن|صافی‌زاده|شیر آغا|مرد|ABP|ډگروال|۱۴۰۰-۰۳۰۴-۷۷۸۱۰||۱۳۵۸/۰۱/۲۹",
        "۴|حمیدالله|ستانکزی|نور محمد|مرد|abp|څارنوال||۰۷۸۸ ۴۴۴ ۳۲۱|۱۳۷۰/۰۷/۱۵",
    )
    path = folder / "abp_roster_dari.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "لست"
    sheet.sheet_view.rightToLeft = True
    sheet.append(["لست اشتراک کنندگان ورکشاپ مدیریت سرحدات - قومندانی پولیس سرحدی ننگرهار"])
    sheet.merge_cells("A1:J1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for row in rows:
        sheet.append(row)
    workbook.properties.created = workbook.properties.modified = WORKBOOK_DATE
    workbook.save(path)
    return path


def fc_roster_urdu(folder: Path) -> Path:
    """Frontier Corps Khyber Pakhtunkhwa: "CSV UTF-8" from Excel (with a BOM), Urdu headers."""
    rows = cells(
        "نمبر شمار|نام|والد کا نام|جنس|ادارہ|عہدہ|شناختی کارڈ نمبر|موبائل|تاریخ پیدائش|ملک",
        "1|محمد عمران آفریدی|گل زمان|مرد|FC-KP|حوالدار|17301-1234567-1|0300-1234567|15/03/1985|"
        "پاکستان",
        "2|بلال احمد خٹک|محمد اسلم|مرد|فرنٹیئر کور خیبر پختونخوا|نائب صوبیدار|17201-7654321-3|"
        "0333-7654321|02/11/1979|پاکستان",
        "3|عائشہ یوسفزئی|شیر افضل|عورت|FC KP|سپاہی||0345-1112223|21.06.1992|پاکستان",
    )
    path = folder / "fc_roster_urdu.csv"
    path.write_bytes(csv_bytes(rows, "utf-8-sig"))
    return path


def acd_roster_windows_1256(folder: Path) -> Path:
    """Afghan Customs, saved as plain CSV by Dari Windows Excel, in Windows-1256.

    Windows-1256 has no Persian ی, so the file spells it with the Arabic ي, as such files do.
    """
    rows = cells(
        "نام|نام پدر|جنسيت|ارگان|رتبه|شماره تذكره|تاريخ تولد",
        "احمد ظاهر نوري|عبدالكريم|مرد|ACD|مامور گمرك|1399-0101-45678|1365/04/20",
        "زهرا حيدري|غلام سخي|زن|ACD|مفتش گمرك|1399-0505-11223|1371/09/02",
    )
    path = folder / "acd_roster_windows1256.csv"
    path.write_bytes(csv_bytes(rows, "cp1256"))
    return path


def pc_roster_french(folder: Path) -> Path:
    """A French-speaking partner's list: semicolons, French headers, Windows-1252."""
    rows = cells(
        "Nom|Prénom|Nom du père|Sexe|Pays|Organisation|Grade|Matricule|Tél.|Date de naissance",
        "Qureshi|Bilal Ahmed|Muhammad Aslam|Homme|Pakistan|Pakistan Customs|Inspecteur|PC-20417|"
        "+92 300 5550101|06/10/1985",
        "Siddiqui|Fatima|Abdul Ghani|Femme|Pakistan|PC|Surintendante|PC-20988|+92 321 5550177|"
        "12/01/1990",
        "Wardak|Jawed|Sardar|Homme|Afghanistan|Afghan Customs Department|Contrôleur|AF-3301||"
        "29.02.1984",
    )
    path = folder / "pc_roster_french.csv"
    path.write_bytes(csv_bytes(rows, "cp1252", delimiter=";"))
    return path


def roster_with_errors(folder: Path) -> Path:
    """One mistake of each kind, and one good row whose phone has Persian digits."""
    rows = cells(
        "Name|Father's name|Sex|Country|Agency|Rank|ID|Phone|Date of birth",
        "Ahmad Zahir Noori|Abdul Qadir|M|AF|ABP|Captain|AF-1002|۰۷۰۰ ۱۲۳ ۴۵۶|1985-03-02",
        "Khalid Safi|Rahim|X|AF|ABP|Sergeant|AF-1003||",
        "Tariq Hotak|Farid|M|AF|NDS|Captain|||",
        '=HYPERLINK("http://example.invalid/update","Click to update")|Sharif|M|AF|ABP||||',
        "Nasir Popal|Bashir|M|AF|ABP|||۰۷۰۰|",
        "Asif Malik|Tariq|M|PK|FIA|Inspector|||12/25/1984",
        "Imran Butt|Aslam|M|India|PC||||",
        "||||||||",
        "|Ghulam Rasool|F|PK|PC||||",
    )
    path = folder / "roster_with_errors.csv"
    path.write_bytes(csv_bytes(rows, "utf-8-sig"))
    return path


def roster_with_duplicates(folder: Path) -> Path:
    """The same officers written two or three ways, and two namesakes who are not one."""
    rows = cells(
        "Name|Native name|Father's name|Sex|Agency|Tazkira|DOB",
        "Mohammad Karim|محمد کریم|Gul Agha|M|ABP||1980-04-01",
        "Muhammad Kareem||Gul Agha|M|ABP||",
        "|محمد كريم|گل آغا|M|ABP||",
        "Abdul Rahman Wardak|عبدالرحمن وردک|Sher Khan|M|ACD|1400-0101-55512|",
        "Abdulrahman Wardag||Shir Khan|M|ACD|۱۴۰۰-۰۱۰۱-۵۵۵۱۲|",
        "Mohammad Karimi||Sher Khan|M|ABP||",
        "Mohammad Karimi||Abdul Qadir|M|ABP||",
    )
    path = folder / "roster_with_duplicates.csv"
    path.write_bytes(csv_bytes(rows, "utf-8"))
    return path


SAMPLES: tuple[Callable[[Path], Path], ...] = (
    abp_roster_dari,
    fc_roster_urdu,
    acd_roster_windows_1256,
    pc_roster_french,
    roster_with_errors,
    roster_with_duplicates,
)


def write_all(folder: Path) -> list[Path]:
    """Write every sample into `folder`; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write(folder) for write in SAMPLES]


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
