"""A coordinator prints the sign-in sheet of a session and participants sign it.

All people here are synthetic. Afghan names use the Pashto letters ګ ځ ډ ټ ښ ۍ that
break naive Arabic shaping; Pakistani names are Urdu, drawn in Nastaliq.
"""

import io
import re
import shutil
import subprocess
import uuid
from datetime import date, time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from trainingdesk.domain.enums import (
    Country,
    ExerciseType,
    KeyArea,
    Role,
)
from trainingdesk.domain.records import (
    ExerciseRecord,
    GridParticipant,
    GridSession,
    SignInSheet,
)
from trainingdesk.reports.signin_sheet import write_sign_in_sheet
from trainingdesk.reports.text import (
    Hand,
    Run,
    Script,
    TextStyle,
    fit_size,
    hand_for_country,
    hand_for_language,
    split_runs,
    text_width,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs poppler-utils (pdftotext, pdftoppm)",
)

AFGHANS = (
    ("Gul Mohammad Zadran", "ګل محمد ځدراڼ"),
    ("Spogmai Zadran", "سپوږمۍ ځدراڼ"),
    ("Dr Wali Jan Hotak", "ډاکټر ولي جان هوتک"),
    ("Gulalai Ahmadzai", "ګلالۍ احمدزی"),
    ("Zalmai Kakar", "ځلمی کاکړ"),
    ("Pashtana Durrani", "پښتنه دراني"),
    ("Malalai Ghotai", "ملالۍ غوټی"),
    ("Farid Ahmad Noori", "فرید احمد نوری"),
    ("Mohammad Nabi Hakimi", "محمد نبی حکیمی"),
    ("Ghulam Haidar Tanai", "غلام حیدر تڼی"),
)
PAKISTANIS = (
    ("Muhammad Asif Khan", "محمد آصف خان"),
    ("Ayesha Siddiqui", "عائشہ صدیقی"),
    ("Imran Qureshi", "عمران قریشی"),
    ("Tariq Mehmood", "طارق محمود"),
    ("Sana Butt", "ثنا بٹ"),
)
LONG_NAME = (
    "Mohammad Abdul Rahman Abdul Ghafoor Khan Ahmadzai Popalzai Durrani Barakzai",
    "محمد عبدالرحمن عبدالغفور خان احمدزی پوپلزی درانی بارکزی",
)
RANKS = ("Captain", "Lieutenant", "Major", "Inspector", "Sub-Inspector", "Civilian")


def exercise(code: str = "JX-2025-07") -> ExerciseRecord:
    """A joint exercise at Torkham."""
    return ExerciseRecord(
        code=code,
        title="Joint risk analysis at the crossing",
        type=ExerciseType.JOINT_EXERCISE,
        key_area=KeyArea.HARMONISATION,
        start_date=date(2025, 10, 12),
        end_date=date(2025, 10, 16),
        id=uuid.UUID(int=1),
        site_code="TKM-AF",
        site_name="Torkham (Nangarhar side)",
        sessions=6,
    )


def session(number: int = 3) -> GridSession:
    """A morning session on risk profiles."""
    return GridSession(
        id=uuid.UUID(int=2),
        number=number,
        day=date(2025, 10, 14),
        start_time=time(9, 0),
        end_time=time(12, 30),
        module_code="M03",
        module_title="Risk profiles and targeting",
    )


def person(number: int, latin: str, native: str, country: Country) -> GridParticipant:
    """One enrolled person."""
    return GridParticipant(
        person_id=uuid.UUID(int=1000 + number),
        full_name=latin,
        native_name=native,
        father_name="",
        agency_acronym="ABP" if country is Country.AF else "FIA",
        country=country,
        rank=RANKS[number % len(RANKS)],
        service_number=f"SN-{number:04d}",
        role=Role.TRAINER if number == 0 else Role.PARTICIPANT,
    )


def roster(size: int) -> tuple[GridParticipant, ...]:
    """`size` people, Afghans and Pakistanis mixed, one with a very long name; names unique."""
    people = [person(0, *LONG_NAME, Country.AF)]
    while len(people) < size:
        number = len(people)
        round_ = number // (len(AFGHANS) + len(PAKISTANIS))
        if number % 3 == 2:
            latin, native = PAKISTANIS[number // 3 % len(PAKISTANIS)]
            country = Country.PK
        else:
            latin, native = AFGHANS[number % len(AFGHANS)]
            country = Country.AF
        suffix = f" {round_ + 1}" if round_ else ""
        people.append(person(number, latin + suffix, native, country))
    return tuple(people)


def sheet(size: int = 45) -> SignInSheet:
    """The sign-in sheet of session 3 for `size` people."""
    return SignInSheet(exercise=exercise(), session=session(), participants=roster(size))


def pdf_text(path: Path, *, page: int | None = None) -> str:
    """What `pdftotext` reads from the PDF (or from one page of it)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


@pytest.fixture
def printed(tmp_path: Path) -> Path:
    """The 45-person sheet written to a file."""
    path = tmp_path / "sign-in.pdf"
    write_sign_in_sheet(sheet(), path)
    return path


@needs_poppler
def test_every_participant_appears_on_the_printed_sheet(printed: Path) -> None:
    text = " ".join(pdf_text(printed).split())
    for participant in sheet().participants[1:]:
        assert participant.full_name in text
    # The very long name goes on two lines of its cell, so only its words keep their order.
    assert re.search(".*".join(LONG_NAME[0].split()), text)
    assert "JX-2025-07" in text
    assert "Afghanistan–Pakistan Border Cooperation Programme" in text
    assert "page 1 of" in text


@needs_poppler
def test_dari_and_pashto_names_can_be_searched_in_the_pdf(printed: Path) -> None:
    text = pdf_text(printed)
    for _, native in AFGHANS:
        assert native in text


def test_forty_five_people_need_several_pages_with_fonts_embedded(printed: Path) -> None:
    reader = PdfReader(printed)
    assert len(reader.pages) >= 2
    embedded = {}
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            embedded[name] = "/FontFile2" in font.get("/FontDescriptor", {})
    assert set(embedded) == {
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoNaskhArabic-Regular",
        "NotoNaskhArabic-Bold",
        "NotoNastaliqUrdu-Regular",
    }
    assert all(embedded.values())


@needs_poppler
def test_the_first_page_renders_as_a_picture_with_ink_on_it(printed: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(printed), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p*.png")
    with Image.open(png) as image:
        assert image.size == (497, 702)  # A4 at 60 dpi, rounded up
        grey = image.convert("L")
        dark = sum(count for level, count in enumerate(grey.histogram()) if level < 128)
    assert dark > 2000


@needs_poppler
def test_three_hundred_people_paginate_with_every_name_once(tmp_path: Path) -> None:
    big = sheet(300)
    path = tmp_path / "big.pdf"
    write_sign_in_sheet(big, path)
    pages = len(PdfReader(path).pages)
    assert pages >= 14
    text = " ".join(pdf_text(path).split())
    for participant in big.participants[1:]:
        assert text.count(participant.full_name + " ") >= 1
    last = pdf_text(path, page=pages)
    assert f"page {pages} of {pages}" in last
    assert "Coordinator:" in last
    assert "Coordinator:" not in pdf_text(path, page=pages - 1)


def test_a_sheet_can_be_written_to_a_stream() -> None:
    buffer = io.BytesIO()
    write_sign_in_sheet(sheet(3), buffer)
    assert buffer.getvalue().startswith(b"%PDF")
    assert len(PdfReader(buffer).pages) == 1


def test_the_same_sheet_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    write_sign_in_sheet(sheet(), first)
    write_sign_in_sheet(sheet(), second)
    assert first.getvalue() == second.getvalue()


def test_a_bilingual_heading_splits_into_latin_and_arabic_runs() -> None:
    assert split_runs("Name / نام") == [
        Run("Name / ", Script.LATIN, 0),
        Run("نام", Script.ARABIC, 1),
    ]


def test_a_native_name_is_one_right_to_left_run_words_and_all() -> None:
    (run,) = split_runs("ګل محمد ځدراڼ")
    assert run == Run("ګل محمد ځدراڼ", Script.ARABIC, 1)
    assert run.rtl


def test_numbers_read_left_to_right_inside_dari_text() -> None:
    runs = split_runs("۱۵ میزان ۱۴۰۴")
    assert [(run.text, run.rtl) for run in runs] == [
        ("۱۵", False),
        (" میزان ", True),
        ("۱۴۰۴", False),
    ]


def test_a_long_name_shrinks_to_fit_its_column_and_a_short_one_does_not() -> None:
    style = TextStyle(10.5, hand=Hand.NASKH)
    long_native = LONG_NAME[1]
    size = fit_size(long_native, style, 120)
    assert size < style.size
    assert text_width(long_native, style.resized(size)) <= 120
    assert fit_size("ځلمی کاکړ", style, 120) == style.size


def test_urdu_is_written_in_nastaliq_and_dari_and_pashto_in_naskh() -> None:
    assert hand_for_language("ur") is Hand.NASTALIQ
    assert hand_for_language("fa-AF") is Hand.NASKH
    assert hand_for_language("ps") is Hand.NASKH
    assert hand_for_country(Country.PK) is Hand.NASTALIQ
    assert hand_for_country(Country.AF) is Hand.NASKH
