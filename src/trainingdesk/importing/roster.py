"""Read a participant list (roster) from an agency into person drafts, row by row.

Rosters come from Afghan and Pakistani agencies with their own column names, in English,
French, Dari, Pashto or Urdu, names in Latin letters, Arabic script or both, and digits in
any script. `propose_mapping` guesses which column holds what from the headers; the
coordinator confirms or corrects it; `read_roster` then checks every row and says, cell by
cell, what is wrong. Nothing here touches the database: the caller decides what to save
(all or nothing) and which people are duplicates (see `duplicates`).
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

from trainingdesk.domain.dates import parse_date
from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.domain.names import display_name, fold_digits, is_arabic_script, match_key
from trainingdesk.domain.records import AgencyRecord, PersonDraft
from trainingdesk.importing.report import (
    RowError,
    describe_errors,
    looks_like_formula,
    without_text_mark,
)
from trainingdesk.importing.tables import Table, TableRow

__all__ = [
    "RosterField",
    "RosterMappingError",
    "RosterRow",
    "mapping_problems",
    "propose_mapping",
    "read_roster",
    "rejected_rows",
]


class RosterField(StrEnum):
    """What a roster column holds."""

    GIVEN_NAME = "given_name"
    FAMILY_NAME = "family_name"
    # One column with the whole Latin name, split into given and family name on reading.
    FULL_NAME = "full_name"
    NATIVE_NAME = "native_name"
    FATHER_NAME = "father_name"
    FATHER_NAME_NATIVE = "father_name_native"
    SEX = "sex"
    COUNTRY = "country"
    AGENCY = "agency"
    RANK = "rank"
    SERVICE_NUMBER = "service_number"
    PHONE = "phone"
    BIRTH_DATE = "birth_date"
    IGNORE = "ignore"


F = RosterField
_V = TypeVar("_V", Sex, Country)
_NAME_FIELDS = (F.GIVEN_NAME, F.FAMILY_NAME, F.FULL_NAME, F.NATIVE_NAME)

# Header words, "|"-separated, compared through `_key` (no case, spaces, punctuation,
# accents or Arabic letter variants). Urdu and Dari spellings of one word fold together.
_HEADERS: dict[RosterField, str] = {
    F.GIVEN_NAME: "given name|given names|first name|forename|prénom|prénoms|اسم کوچک|نام کوچک",
    F.FAMILY_NAME: "surname|family name|last name|nom de famille|تخلص|نام خانوادگی|کورنی نوم|"
    "کورنۍ نوم|خاندانی نام",
    F.FULL_NAME: "name|names|full name|name in english|english name|name english|latin name|"
    "participant|participants|participant name|participant's name|name of participant|"
    "officer name|name of officer|nom|nom complet|nom et prénom|prénom et nom|نام|نوم|اسم|"
    "نام کامل|نام و تخلص|پوره نوم|مکمل نام",
    F.NATIVE_NAME: "native name|name native|name in native script|local name|name local|"
    "name in dari|name in pashto|name in urdu|dari name|pashto name|urdu name|name dari|"
    "name pashto|name urdu|nom en dari|nom en pachto|nom en ourdou|نام به دری|نام به پشتو|"
    "نوم په پښتو|اردو میں نام|نام اردو",
    F.FATHER_NAME: "father's name|fathers name|father name|father|s/o|d/o|son of|daughter of|"
    "f/name|f. name|father's name in english|nom du père|nom du pere|père|fils de|fille de|ولد|"
    "ولدیت|بنت|نام پدر|د پلار نوم|پلار|والد کا نام|والد|ولد/بنت",
    F.FATHER_NAME_NATIVE: "father's name native|father name native|native father name|"
    "father's name in dari|father's name in pashto|father's name in urdu|father name dari|"
    "father name pashto|father name urdu|nom du père en dari",
    F.SEX: "sex|gender|m/f|sexe|genre|جنسیت|جنس",
    F.COUNTRY: "country|nationality|pays|nationalité|کشور|ملک|هیواد|ملیت|تابعیت",
    F.AGENCY: "agency|department|dept|organisation|organization|org|institution|ministry|agence|"
    "organisme|administration|ministère|service d'origine|ارگان|اداره|ادارہ|اداره مربوطه|محکمه|"
    "وزارت|موسسه|سازمان",
    F.RANK: "rank|grade|rank/grade|designation|position|post|rang|fonction|poste|رتبه|رتبہ|عہدہ|"
    "عهده|بست|درجه|رتبه/بست|منصب",
    F.SERVICE_NUMBER: "id|id no|id number|id card|id card number|identity number|service no|"
    "service number|service id|personnel number|personal number|employee id|employee no|"
    "badge number|cnic|cnic no|cnic number|nic|nic no|tazkira|tazkira no|tazkira number|tazkera|"
    "taskera|e-tazkira|matricule|numéro de service|numéro d'identité|تذکره|نمبر تذکره|شماره تذکره|"
    "د تذکرې شمیره|شناختی کارڈ|شناختی کارڈ نمبر|شماره شناسایی",
    F.PHONE: "phone|phone no|phone number|telephone|telephone no|tel|tél|téléphone|mobile|"
    "mobile no|mobile number|cell|cell no|cell number|contact|contact no|contact number|portable|"
    "تلفن|شماره تلفن|شماره تماس|تیلفون|ټیلیفون|د تلیفون شمیره|موبائل|موبائل نمبر|فون|فون نمبر|"
    "رابطہ نمبر",
    F.BIRTH_DATE: "date of birth|dob|birth date|birthdate|born|born on|date de naissance|né le|"
    "née le|تاریخ تولد|تولد|د زیږیدو نیټه|زیږیدنه|تاریخ پیدائش|پیدائش",
}

# Values, compared through `_key` as well. Only words whose meaning is certain.
_SEXES: dict[Sex, str] = {
    Sex.MALE: "m|male|man|men|h|homme|masculin|mard|narina|مرد|مذکر|نارینه|نر|سړی",
    Sex.FEMALE: "f|female|woman|women|femme|féminin|feminin|zan|khaza|aurat|زن|مونث|مؤنث|"
    "ښځه|ښځینه|عورت|خاتون",
}
_COUNTRIES: dict[Country, str] = {
    Country.AF: "af|afg|afghanistan|afghan|afghane|افغانستان|افغان|د افغانستان",
    Country.PK: "pk|pak|pakistan|pakistani|pakistanais|pakistanaise|پاکستان|پاکستانی",
}
_COUNTRY_NAMES = {Country.AF: "Afghan", Country.PK: "Pakistani", Country.OTHER: "foreign"}

# Full-name splitting: the last word is the family name, except that linking words stay
# with their neighbours, so "Zia ul Haq" and "Abdul Rahman" are never cut in two.
_JOIN_NEXT = frozenset({"abd", "abdul", "abdur", "abdus", "abu", "al", "el", "ul", "ud", "ur"})
_JOIN_PREVIOUS = frozenset({"ul", "ud", "ur", "ullah", "ulla", "uddin", "ud-din", "din"})

_UNKNOWN_SEX = "'{}' is not a sex TrainingDesk knows: write M (male) or F (female)."
_UNKNOWN_COUNTRY = "'{}' is not a programme country: write AF (Afghanistan) or PK (Pakistan)."
# What people write in a cell they have nothing for; the cell then counts as empty.
_NOTHING = frozenset(
    {"-", "--", "—", "/", ".", "n/a", "na", "nil", "none", "ندارد", "نیست", "نہیں"}
)

# Letters of the Latin alphabets (with accents) and characters of the Arabic blocks.
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_ARABIC_BLOCK = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_BILINGUAL = re.compile(r"\s+[/|]\s+")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
_PHONE = re.compile(r"\+?[\d\s\-()./,]+")
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?e\+?\d+", re.IGNORECASE)
_MIN_PHONE_DIGITS = 7


def _key(text: str) -> str:
    """Header and value key: match_key without spaces, so "D.O.B" is "DOB"."""
    return match_key(text.replace("#", " no ")).replace(" ", "")


def _keys(words: str) -> frozenset[str]:
    return frozenset(_key(word) for word in words.split("|"))


_HEADER_FIELDS = {key: field for field, words in _HEADERS.items() for key in _keys(words)}
_SEX_KEYS = {key: sex for sex, words in _SEXES.items() for key in _keys(words)}
_COUNTRY_KEYS = {key: country for country, words in _COUNTRIES.items() for key in _keys(words)}


class RosterMappingError(TrainingDeskError):
    """The chosen columns cannot make people; the message says what to change."""


@dataclass(frozen=True)
class RosterRow:
    """One roster row as read: its number in the file, its cells, and a draft or errors."""

    row: int
    cells: tuple[str, ...]
    draft: PersonDraft | None
    errors: tuple[RowError, ...]


def propose_mapping(headers: Sequence[str]) -> dict[int, RosterField]:
    """Guess each column's field from its header; IGNORE when the header means nothing known.

    A header is tried whole, then without any (parenthesised) part, then by its first line
    only ("Name\\n(as on tazkira)"), then part by part ("Name / نام"). No field is given
    to two columns: the first column wins and later ones are IGNORE. A name column beside a
    surname column is the given name, beside a first-name column the family name (French
    "Nom" and "Prénom"), and beside both it is ignored.
    """
    mapping: dict[int, RosterField] = {}
    taken: set[RosterField] = set()
    for index, header in enumerate(headers):
        field = _field_for_header(header)
        if field in taken:
            field = F.IGNORE
        if field is not F.IGNORE:
            taken.add(field)
        mapping[index] = field
    parts = taken & {F.GIVEN_NAME, F.FAMILY_NAME}
    if F.FULL_NAME in taken and parts:
        full = next(i for i, field in mapping.items() if field is F.FULL_NAME)
        missing = {F.GIVEN_NAME, F.FAMILY_NAME} - parts
        mapping[full] = missing.pop() if missing else F.IGNORE
    return mapping


def _field_for_header(header: str) -> RosterField:
    lines = [line for line in header.splitlines() if line.strip()]
    # Bilingual headers ("Name / نام") are tried part by part; "S/O" has no spaces.
    parts = _BILINGUAL.split(header)
    tries = (header, _PARENTHESES.sub(" ", header), lines[0] if lines else "", *parts)
    return next((_HEADER_FIELDS[k] for k in map(_key, tries) if k in _HEADER_FIELDS), F.IGNORE)


def mapping_problems(mapping: Mapping[int, RosterField]) -> tuple[str, ...]:
    """What makes a mapping unusable, in words; empty when `read_roster` can use it."""
    problems: list[str] = []
    columns: dict[RosterField, list[int]] = {}
    for index, field in sorted(mapping.items()):
        if field is not F.IGNORE:
            columns.setdefault(field, []).append(index)
    for field, indexes in columns.items():
        if len(indexes) > 1:
            listed = ", ".join(str(i + 1) for i in indexes)
            problems.append(f"Columns {listed} are all marked as {_label(field)}; keep one.")
    if not any(field in columns for field in _NAME_FIELDS):
        problems.append("No column holds names: mark one as the name or the native name.")
    if F.FULL_NAME in columns and (F.GIVEN_NAME in columns or F.FAMILY_NAME in columns):
        problems.append(
            "A full-name column cannot be used together with given-name or family-name "
            "columns: mark it as the given or the family name, or ignore it."
        )
    return tuple(problems)


def _label(field: RosterField) -> str:
    return field.value.replace("_", " ")


def read_roster(
    table: Table,
    mapping: Mapping[int, RosterField],
    agencies: Sequence[AgencyRecord],
    *,
    default_country: Country | None = None,
) -> list[RosterRow]:
    """Check every row of `table` and turn the good ones into person drafts.

    Raises `RosterMappingError` when `mapping_problems` finds the mapping unusable. Rows
    with nothing in the mapped columns (a fully empty row, only a serial number, only
    dashes) are skipped. A missing or empty country is taken from the agency, else
    `default_country`, else it is an error; a country that is neither Afghanistan nor
    Pakistan is an error (TrainingDesk does not guess "other"). `rank_tier` is left
    UNKNOWN for the coordinator.
    """
    problems = mapping_problems(mapping)
    if problems:
        raise RosterMappingError(" ".join(problems))
    columns: dict[RosterField, int] = {
        field: index for index, field in mapping.items() if field is not F.IGNORE
    }
    reader = _RowReader(table.headers, columns, _AgencyFinder(agencies))
    return [
        reader.read(row, default_country)
        for row in table.rows
        if any(_clean(row.cell(index)) for index in columns.values())
    ]


def rejected_rows(rows: Sequence[RosterRow]) -> list[tuple[int, tuple[str, ...], str]]:
    """The rows with errors, in the shape `report.write_rejected_rows` takes."""
    return [(row.row, row.cells, describe_errors(row.errors)) for row in rows if row.errors]


# ------------------------------------------------------------------------ agencies


class _AgencyFinder:
    """Finds an agency by acronym, English or native name, ignoring case and spacing."""

    def __init__(self, agencies: Sequence[AgencyRecord]) -> None:
        self._agencies = agencies
        self._found: dict[tuple[str, Country | None], AgencyRecord | str] = {}
        self._by_key: dict[str, list[AgencyRecord]] = {}
        for agency in agencies:
            for text in (agency.acronym, agency.name, agency.native_name):
                for key in _agency_keys(text):
                    found = self._by_key.setdefault(key, [])
                    if agency not in found:
                        found.append(agency)

    def find(self, text: str, country: Country | None) -> AgencyRecord | str:
        """The agency `text` names, or a message saying why there is none."""
        # A roster names the same few agencies on every row.
        if (text, country) not in self._found:
            self._found[text, country] = self._find(text, country)
        return self._found[text, country]

    def _find(self, text: str, country: Country | None) -> AgencyRecord | str:
        found: list[AgencyRecord] = []
        # "Afghan Border Police (ABP)": the whole text, then without and inside the brackets.
        for variant in (text, _PARENTHESES.sub(" ", text), *_PARENTHESES.findall(text)):
            for key in _agency_keys(variant):
                found += [a for a in self._by_key.get(key, []) if a not in found]
        if country is not None and any(a.country is country for a in found):
            found = [a for a in found if a.country is country]
        if len(found) > 1:
            # Names change over time; a file sent today means the agency valid today.
            today = date.today()
            current = [a for a in found if a.valid_to is None or a.valid_to >= today]
            found = current or found
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(sorted(a.acronym for a in found))
            return f"'{text}' could be any of these agencies: {listed}. Write the acronym."
        known = [a for a in self._agencies if country is None or a.country is country]
        listed = ", ".join(sorted({a.acronym for a in known})) or "none yet"
        return f"'{text}' is not an agency TrainingDesk knows. Known agencies: {listed}."


def _agency_keys(text: str) -> tuple[str, ...]:
    # The acronym key keeps letters and digits only (FC-KP, FCKP, fc kp); the name key
    # goes through match_key so that Arabic letter variants and spacing do not matter.
    acronym = "".join(ch for ch in fold_digits(text).casefold() if ch.isalnum())
    return tuple(key for key in {acronym, _key(text)} if key)


# ---------------------------------------------------------------------------- rows


class _RowReader:
    """Reads one row into a draft, collecting every error instead of stopping at the first."""

    def __init__(
        self, headers: Sequence[str], columns: dict[RosterField, int], agencies: _AgencyFinder
    ) -> None:
        self._headers, self._columns, self._agencies = headers, columns, agencies
        self._row = TableRow(0, ())
        # Cleaned cells, "" for a formula; `_filled`: the fields whose cell is not empty.
        self._cells: dict[RosterField, str] = {}
        self._filled: set[RosterField] = set()
        self._errors: list[RowError] = []

    def read(self, row: TableRow, default_country: Country | None) -> RosterRow:
        """The row's draft, or its errors."""
        self._row, self._errors = row, []
        self._filled = set()
        self._cells = {}
        cells, width = row.cells, len(row.cells)
        for field, index in self._columns.items():
            text = _clean(cells[index]) if index < width else ""
            if text:
                self._filled.add(field)
                if text[0] in "=+-@" and looks_like_formula(text):
                    self._error(field, "This cell holds a spreadsheet formula, not a value.")
                    text = ""
            self._cells[field] = text
        given, family, native = self._names()
        father, father_native = self._father()
        country = self._lookup(F.COUNTRY, _COUNTRY_KEYS, _UNKNOWN_COUNTRY.format)
        agency = self._agency(country)
        if country is None and F.COUNTRY not in self._filled:
            country = agency.country if agency is not None else default_country
            # An unknown agency has its own error; its correction will settle the country.
            if country is None and not (agency is None and F.AGENCY in self._filled):
                self._error(F.COUNTRY, "The country is missing: write AF or PK.")
        elif agency is not None and country is not None and agency.country is not country:
            self._error(
                F.AGENCY,
                f"{agency.acronym} is {_COUNTRY_NAMES[agency.country]}, but this row's "
                f"country is {country.value}.",
            )
        sex = self._lookup(F.SEX, _SEX_KEYS, _UNKNOWN_SEX.format)
        if sex is None and F.SEX not in self._filled:
            self._error(F.SEX, "The sex is missing: write M (male) or F (female).")
        service_number = self._identifier(F.SERVICE_NUMBER)
        phone = self._phone()
        birth_date = self._birth_date()
        rank = self._cell(F.RANK)
        if self._errors or sex is None or country is None:
            return RosterRow(row.number, row.cells, None, tuple(self._errors))
        draft = PersonDraft(
            given_name=given,
            family_name=family,
            native_name=native,
            father_name=father,
            father_name_native=father_native,
            sex=sex,
            country=country,
            agency_id=agency.id if agency is not None else None,
            rank=rank,
            service_number=service_number,
            phone=phone,
            birth_date=birth_date,
        )
        for name, message in draft.problems().items():
            column = F.BIRTH_DATE if name == "birth_date" else F.PHONE
            self._error(column, message[0].upper() + message[1:] + ".")
        errors = tuple(self._errors)
        return RosterRow(row.number, row.cells, None if errors else draft, errors)

    # ------------------------------------------------------------------ cells

    def _cell(self, field: RosterField) -> str:
        return self._cells.get(field, "")

    def _label(self, field: RosterField) -> str:
        index = self._columns.get(field)
        if index is None:
            return ""
        header = self._headers[index] if index < len(self._headers) else ""
        return " ".join(header.split()) or f"column {index + 1}"

    def _error(self, field: RosterField, message: str) -> None:
        index = self._columns.get(field)
        value = self._row.cell(index) if index is not None else ""
        self._errors.append(RowError(self._row.number, self._label(field), value, message))

    # ------------------------------------------------------------------ names

    def _names(self) -> tuple[str, str, str]:
        latin: dict[RosterField, str] = {}
        moved_native: list[tuple[RosterField, str]] = []
        for field in (F.GIVEN_NAME, F.FAMILY_NAME, F.FULL_NAME):
            text, native = _by_script(self._name_text(field))
            latin[field] = text
            if native:
                moved_native.append((field, native))
        moved_latin, native = _by_script(self._name_text(F.NATIVE_NAME))
        native = self._settle(native, moved_native, "native-name")
        whole = " ".join(latin[f] for f in (F.GIVEN_NAME, F.FAMILY_NAME, F.FULL_NAME) if latin[f])
        whole = self._settle(whole, [(F.NATIVE_NAME, moved_latin)] if moved_latin else [], "name")
        if latin[F.GIVEN_NAME] or latin[F.FAMILY_NAME]:
            given, family = latin[F.GIVEN_NAME], latin[F.FAMILY_NAME]
        else:
            given, family = _split_full_name(whole)
        # A name cell that was filled but refused has its own error already.
        if not (given or family or native) and self._filled.isdisjoint(_NAME_FIELDS):
            field = next(f for f in _NAME_FIELDS if f in self._columns)
            self._error(field, "A name is required, in Latin letters or in Arabic script.")
        return given, family, native

    def _father(self) -> tuple[str, str]:
        latin, moved_native = _by_script(self._name_text(F.FATHER_NAME))
        moved_latin, native = _by_script(self._name_text(F.FATHER_NAME_NATIVE))
        native = self._settle(
            native, [(F.FATHER_NAME, moved_native)] if moved_native else [], "native father"
        )
        latin = self._settle(
            latin, [(F.FATHER_NAME_NATIVE, moved_latin)] if moved_latin else [], "father"
        )
        return latin, native

    def _name_text(self, field: RosterField) -> str:
        text = self._cell(field)
        if text and not text[0].isalpha():
            self._error(field, "This is not a name: a name starts with a letter.")
            return ""
        return text

    def _settle(self, kept: str, moved: list[tuple[RosterField, str]], target: str) -> str:
        """A name from its own column, or else text in the other script from other columns."""
        if not moved:
            return kept
        text = " ".join(part for _, part in moved)
        if not kept or match_key(kept) == match_key(text):
            return kept or text
        script = "Arabic script" if is_arabic_script(text) else "Latin letters"
        self._error(
            moved[0][0],
            f"'{text}' is in {script}, but the {target} column already says '{kept}'. "
            "Put each script in its own column.",
        )
        return kept

    # ----------------------------------------------------------------- values

    def _lookup(
        self, field: RosterField, keys: Mapping[str, _V], message: Callable[[str], str]
    ) -> _V | None:
        """The value a cell names; None (with an error unless empty) when it names none."""
        text = self._cell(field)
        if not text:
            return None
        value = keys.get(_value_key(text))
        if value is None:
            self._error(field, message(text))
        return value

    def _agency(self, country: Country | None) -> AgencyRecord | None:
        text = self._cell(F.AGENCY)
        if not text:
            return None
        found = self._agencies.find(text, country)
        if isinstance(found, str):
            self._error(F.AGENCY, found)
            return None
        return found

    def _identifier(self, field: RosterField) -> str:
        text = fold_digits(self._cell(field))
        if _SCIENTIFIC.fullmatch(text):
            self._error(
                field,
                f"Excel has turned this number into '{text}' and lost digits. Format the "
                "column as text and type the number again.",
            )
            return ""
        return text

    def _phone(self) -> str:
        text = self._identifier(F.PHONE)
        if not text:
            return ""
        digits = sum(map(str.isdigit, text))
        if not _PHONE.fullmatch(text) or digits < _MIN_PHONE_DIGITS:
            self._error(
                F.PHONE,
                f"'{text}' is not a phone number: use digits, spaces and + - ( ) only, "
                f"at least {_MIN_PHONE_DIGITS} digits.",
            )
            return ""
        return text

    def _birth_date(self) -> date | None:
        text = self._cell(F.BIRTH_DATE)
        if not text:
            return None
        try:
            return _parse_date(text)
        except ValueError as exc:
            self._error(F.BIRTH_DATE, str(exc))
            return None


@lru_cache(maxsize=65_536)
def _split_full_name(text: str) -> tuple[str, str]:
    """(given, family) of a whole Latin name: the last word, linking words kept together."""
    units: list[str] = []
    join_next = False
    for word in text.split():
        lower = word.casefold()
        if units and (join_next or lower in _JOIN_PREVIOUS):
            units[-1] += " " + word
        else:
            units.append(word)
        join_next = lower in _JOIN_NEXT
    if len(units) < 2:
        return text, ""
    return " ".join(units[:-1]), units[-1]


# Cached: on a long roster the same names, ranks, agencies and dates recur on many rows.
@lru_cache(maxsize=65_536)
def _clean(raw: str) -> str:
    """A cell tidied as `display_name` does, "" for the words that mean nothing there."""
    # display_name's Unicode clean-up is only needed (and only costs) off plain ASCII.
    text = without_text_mark(" ".join(raw.split()) if raw.isascii() else display_name(raw))
    return "" if text.casefold() in _NOTHING else text


@lru_cache(maxsize=65_536)
def _by_script(text: str) -> tuple[str, str]:
    """(Latin part, Arabic-script part) of a cell; words without letters go with the rest."""
    if text.isascii() or not is_arabic_script(text):
        return text, ""
    if not _LATIN_LETTER.search(text):
        return "", text
    words = text.split()
    latin = [w for w in words if not _ARABIC_BLOCK.search(w) and _LATIN_LETTER.search(w)]
    native = [w for w in words if _ARABIC_BLOCK.search(w)]
    return " ".join(latin), " ".join(native)


_parse_date = lru_cache(maxsize=65_536)(parse_date)


@lru_cache(maxsize=4096)
def _value_key(text: str) -> str:
    # Sex and country cells repeat the same few words on every row.
    return _key(text)
