"""Tests for trainingdesk.domain.names: match keys for names and identifiers."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from trainingdesk.domain.names import (
    display_name,
    fold_digits,
    is_arabic_script,
    match_key,
    normalize_identifier,
    normalize_latin,
    normalize_native,
    search_tokens,
)

ZWNJ = "\u200c"
RLM = "\u200f"
LRM = "\u200e"

# ---------------------------------------------------------------------------- digits


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("AF-۱۲ ٣٤", "AF-12 34"),
        ("no digits here", "no digits here"),
        ("", ""),
    ],
)
def test_persian_and_arabic_indic_digits_become_ascii(typed: str, expected: str) -> None:
    assert fold_digits(typed) == expected


def test_fold_digits_leaves_letters_and_marks_alone() -> None:
    text = f"مُحَمَّد{ZWNJ}ـ ي ك"
    assert fold_digits(text) == text


# ---------------------------------------------------------------------------- native script


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("علي", "علی"),  # Arabic yeh vs Farsi yeh
        ("مصطفى", "مصطفی"),  # alef maksura
        ("عیسے", "عیسی"),  # Urdu yeh barree
        ("ملګرۍ", "ملگری"),  # Pashto feminine yeh and gaf
        ("پېژندل", "پیژندل"),  # Pashto e
        ("كريم", "کریم"),  # Arabic kaf vs keheh
        ("فاطمه", "فاطمە"),  # heh vs ae
        ("فاطمة", "فاطمه"),  # teh marbuta
        ("فاطمۀ", "فاطمه"),  # heh with yeh above
        ("أحمد", "احمد"),
        ("إبراهیم", "ابراهیم"),
        ("آمنه", "امنه"),
        ("ٱلله", "الله"),
        ("مؤمن", "مومن"),
        ("رئیس", "رییس"),
        ("جزء", "جز"),  # standalone hamza dropped
    ],
)
def test_letter_variants_typed_on_different_keyboards_share_a_key(one: str, other: str) -> None:
    assert normalize_native(one) == normalize_native(other)


@pytest.mark.parametrize(
    "variant",
    [
        "محمد",
        "محـــمد",  # tatweel
        "مُحَمَّد",  # harakat and shadda
        "ﻣﺤﻤﺪ",  # presentation forms
        f"{RLM}محمد{LRM}",  # bidi marks from copy-paste
        "\u202bمحمد\u202c",  # embedding
        "\u2067محمد\u2069",  # isolate
        "\u061cمحمد",  # Arabic letter mark
        f"مح{ZWNJ}مد",
        "مح\u200dمد",  # zero-width joiner
        "  محمد  ",
    ],
)
def test_invisible_and_decorative_characters_do_not_change_muhammad(variant: str) -> None:
    assert normalize_native(variant) == "محمد"


def test_superscript_alef_and_quranic_marks_are_removed() -> None:
    assert normalize_native("رحمٰن") == normalize_native("رحمن")
    assert normalize_native("الله\u06da") == "الله"


@pytest.mark.parametrize(
    "spelling", ["عبدالرحمن", f"عبد{ZWNJ}الرحمن", "عبد الرحمن", "عبد   الرحمن", "عبدُالرَّحمن"]
)
def test_abdul_rahman_fused_zwnj_or_spaced_gives_one_key(spelling: str) -> None:
    assert normalize_native(spelling) == "عبدالرحمن"


@pytest.mark.parametrize("spelling", ["حمیدالله", "حمید الله", f"حمید{ZWNJ}الله", "حمید اللہ"])
def test_hamidullah_fused_or_split_gives_one_key(spelling: str) -> None:
    assert normalize_native(spelling) == "حمیدالله"


@pytest.mark.parametrize(
    ("pashto", "dari_keyboard"),
    [
        ("ټولي", "تولی"),
        ("ډاکټر", "داکتر"),
        ("ړومبی", "رومبی"),
        ("ښکلی", "شکلی"),
        ("ږغ", "ژغ"),
        ("ځلمی", "زلمی"),
        ("څرخی", "چرخی"),
        ("ڼ", "ن"),
        ("ګل", "گل"),
    ],
)
def test_pashto_letters_match_their_dari_keyboard_spelling(pashto: str, dari_keyboard: str) -> None:
    assert normalize_native(pashto) == normalize_native(dari_keyboard)


@pytest.mark.parametrize(
    ("urdu", "dari"),
    [
        ("محمود خاں", "محمود خان"),  # noon ghunna
        ("اللہ", "الله"),  # heh goal
        ("بھٹو", "بهتو"),  # do-chashmi heh and retroflex tteh
        ("ڈار", "دار"),
        ("بڑا", "برا"),
        ("کریمے", "کریمی"),  # yeh barree
        ("کاکا", "كاكا"),
    ],
)
def test_urdu_spellings_meet_their_dari_counterparts(urdu: str, dari: str) -> None:
    assert normalize_native(urdu) == normalize_native(dari)


def test_native_digits_are_folded_and_spaces_collapsed() -> None:
    assert normalize_native("  محمد \t کریم\n ۱۲٣ ") == "محمد کریم 123"


@pytest.mark.parametrize(
    ("one", "other"),
    [("محمد کریم", "محمد کمال"), ("نصیر", "نذیر"), ("احمد", "حامد"), ("علی", "عالم")],
)
def test_genuinely_different_native_names_stay_apart(one: str, other: str) -> None:
    assert normalize_native(one) != normalize_native(other)


# ---------------------------------------------------------------------------- latin


@pytest.mark.parametrize(
    "group",
    [
        ["Mohammad", "Muhammad", "Mohammed", "Mohamed", "Muhammed", "Mohd", "Md.", "MOHAMAD"],
        ["Ahmad", "Ahmed"],
        ["Mahmood", "Mahmud", "Mehmood"],
        [
            "Abdul Rahman",
            "Abdulrahman",
            "Abdur Rahman",
            "Abd al-Rahman",
            "Abdurrahman",
            "Abdul-Rahman",
            "Abd' al Rahman",
            "Abd-ur-Rahman",
            "Abdel Rahman",
            "Abdul Rehman",
        ],
        ["Rahman", "Rehman", "Rahmaan"],
        ["Karim", "Kareem", "Kerim"],
        ["Hussain", "Husain", "Hussein", "Husein", "Hosain", "Husayn"],
        ["Yousaf", "Yusuf", "Yousuf", "Yusef", "Yousef"],
        ["Zahir", "Zaheer", "Zaher"],
        ["Nasir", "Naseer", "Naser"],
        ["Hamid Ullah", "Hamidullah", "Hamidulla", "Hamid-Ullah", "Hamidollah"],
        ["Abdullah", "Abdulla", "Abdallah", "Abd Allah"],
        ["Zia ul Haq", "Zia-ul-Haq", "Ziaulhaq"],
        ["Nizamuddin", "Nizam Uddin", "Nizam ud Din"],
        ["Syed", "Sayed", "Sayyed", "Sayyid"],
        ["Hamid", "Hamed", "Hameed"],
        ["Ibrahim", "Ebrahim"],
        ["Gul", "Gol"],
        ["Noor", "Nur"],
        ["Umar", "Omar"],
        ["Javed", "Jawed", "Javid"],
        ["Muḥammad ʿAlī", "Muhammad Ali"],
    ],
)
def test_transliteration_variants_of_one_name_share_a_key(group: list[str]) -> None:
    keys = {normalize_latin(name) for name in group}
    assert len(keys) == 1, dict(zip(group, map(normalize_latin, group), strict=True))


@pytest.mark.parametrize("name", ["Ali", "Khan", "Shah", "Alam", "Kamal", "Nazir"])
def test_plain_names_come_through_unchanged_but_lower_case(name: str) -> None:
    assert normalize_latin(name) == name.lower()


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Nasir", "Nazir"),
        ("Karim", "Kamal"),
        ("Ahmad", "Hamid"),
        ("Ali", "Alam"),
        ("Mohammad Karim", "Mohammad Kamal"),
        ("Hasan", "Hussain"),
        ("Said", "Sayed"),
        ("Rahim", "Rahman"),
        ("Abdullah", "Abdul Rahman"),
    ],
)
def test_genuinely_different_latin_names_stay_apart(one: str, other: str) -> None:
    assert normalize_latin(one) != normalize_latin(other)


def test_abdul_rahman_key_is_a_single_joined_word() -> None:
    assert normalize_latin("Abdul Rahman") == "abdulrahman"
    assert normalize_latin("abdul rahman") == normalize_latin("abdulrahman")


def test_dots_between_words_separate_them() -> None:
    assert normalize_latin("Mohd.Ali") == normalize_latin("Mohammad Ali")


def test_latin_whitespace_and_case_are_collapsed() -> None:
    assert normalize_latin("  ZAHIR \t\n  khan ") == "zahir khan"


def test_latin_keeps_digits_as_they_are() -> None:
    assert normalize_latin("Karim 11 ۲۲") == "karim 11 22"


# ---------------------------------------------------------------------------- match_key


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("محمد Karim", "محمد karim"),
        ("Mohd. Ali خاں ۱۲", "muhamad ali خان 12"),
        ("Karimکریم", "karim کریم"),
        ("ﻣﺤﻤﺪ Abdur Rahman", "محمد abdulrahman"),
        ("عبد الرحمن Khan", "عبدالرحمن khan"),
    ],
)
def test_mixed_script_names_are_keyed_word_by_word(typed: str, expected: str) -> None:
    assert match_key(typed) == expected


def test_match_key_finds_a_record_while_the_name_is_being_typed() -> None:
    stored = match_key("Mohammad Abdul Rahman Hamidullah")
    for prefix in ["Moh", "Muhamm", "Abdul", "Abdul R", "Rahman", "hamid", "Hamid Ul"]:
        assert match_key(prefix) in stored, prefix


def test_search_tokens_are_the_words_of_the_match_key() -> None:
    assert search_tokens("Mohammed  Abdul-Rahman علي") == ("muhamad", "abdulrahman", "علی")


def test_search_tokens_all_appear_in_a_differently_spelled_record() -> None:
    stored = match_key("Muhammad Yousaf Khan")
    assert all(token in stored for token in search_tokens("khan mohd yusuf"))


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u200c", "\u200f \u200e", "ـ", "- . '"])
def test_empty_and_blank_input_give_empty_keys(blank: str) -> None:
    assert match_key(blank) == ""
    assert search_tokens(blank) == ()
    assert normalize_native(blank) == ""
    if not is_arabic_script(blank):
        assert normalize_latin(blank) == ""


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u200f \u200e", "- / . _"])
def test_blank_identifiers_give_empty_keys(blank: str) -> None:
    assert normalize_identifier(blank) == ""


# ---------------------------------------------------------------------------- identifiers


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("AF-12 345", "AF12345"),
        ("af12345", "AF12345"),
        ("۱۲۳۴۵", "12345"),
        ("٠٣٠٠ / ١٢٣.٤٥", "030012345"),
        ("(0300) 123-4567", "03001234567"),
        ("PK\u2013۷۷", "PK77"),
        ("ＡＦ１２", "AF12"),
    ],
)
def test_identifiers_lose_separators_and_case(typed: str, expected: str) -> None:
    assert normalize_identifier(typed) == expected


def test_identifier_typed_in_persian_digits_is_found_inside_the_prefixed_one() -> None:
    assert normalize_identifier("AF-12 345") == normalize_identifier("af12345")
    assert normalize_identifier("۱۲۳۴۵") in normalize_identifier("AF-12 345")


# ---------------------------------------------------------------------------- display


def test_display_name_keeps_zwnj_inside_a_persian_name() -> None:
    assert display_name(f"عبد{ZWNJ}الله") == f"عبد{ZWNJ}الله"


def test_display_name_trims_bidi_marks_and_collapses_spaces() -> None:
    assert display_name(f"{RLM}  محمد   \t کریم {LRM}\n") == "محمد کریم"


def test_display_name_composes_to_nfc_but_is_not_a_match_key() -> None:
    assert display_name("Muhamme\u0301d  Karim") == "Muhamm\u00e9d Karim"
    # Presentation forms and case survive: this is what the user typed, not a key.
    assert display_name("ﻣﺤﻤﺪ MOHD") == "ﻣﺤﻤﺪ MOHD"


# ---------------------------------------------------------------------------- script detection


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("محمد", True),
        ("Karim کریم", True),
        ("ﻣﺤﻤﺪ", True),
        ("Karim", False),
        ("۱۲۳", False),
        ("", False),
        ("\u064e", False),
    ],
)
def test_arabic_script_is_detected_by_its_letters(text: str, expected: bool) -> None:
    assert is_arabic_script(text) is expected


# ---------------------------------------------------------------------------- idempotence

_NORMALISERS: list[Callable[[str], str]] = [
    fold_digits,
    normalize_native,
    normalize_latin,
    match_key,
    normalize_identifier,
    display_name,
]

_SAMPLES = [
    "Mohammad Abdul Rahman",
    "Abd al-Rahman ibn Hamid-Ullah",
    "Zia ul Haq",
    "عبد‌الرحمن حمید الله",
    "مُحَمَّد ﻣﺤﻤﺪ ۱۲٣",
    "Mohd. Ali خاں",
    "eabdur ul a",
    "  \u200f Syed  Yusef\u200e ",
    "AF-12 ۳۴۵",
]


@pytest.mark.parametrize("normalise", _NORMALISERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("sample", _SAMPLES)
def test_normalising_twice_changes_nothing(normalise: Callable[[str], str], sample: str) -> None:
    once = normalise(sample)
    assert normalise(once) == once


def _random_names(rng: random.Random, count: int) -> list[str]:
    latin = "abdeiouhlrsnmkyvwz  -'."
    pieces = ["abd", "abdur", "al", "el", "ul", "ud", "ullah", "uddin", "abu", "ahmed", "hamed"]
    pieces += ["syed", "yusef", "ee", "oo", "ay", "sher", "mohd", "ebd", "ule", "۲"]
    arabic = "عبدالرحمنيىیےۍېئكکګهەہھۀةأإآؤءـ\u200c\u064e\u0670ټډړښږځڅڼٹڈڑں ۱٢"
    names = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.4:
            names.append("".join(rng.choice(latin) for _ in range(rng.randint(0, 14))))
        elif kind < 0.7:
            names.append(" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))))
        else:
            names.append("".join(rng.choice(arabic + latin) for _ in range(rng.randint(0, 14))))
    return names


@pytest.mark.parametrize("normalise", _NORMALISERS, ids=lambda f: f.__name__)
def test_normalising_random_names_twice_changes_nothing(normalise: Callable[[str], str]) -> None:
    for name in _random_names(random.Random(20240611), 3000):
        once = normalise(name)
        assert normalise(once) == once, name
