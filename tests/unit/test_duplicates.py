"""Duplicate people: the same officer spelled three ways is one person, namesakes are not."""

import random
import uuid
from datetime import date

import pytest

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.records import PersonDraft
from trainingdesk.importing.duplicates import (
    DEFAULT_THRESHOLD,
    MAX_PER_ROW,
    DuplicateMatch,
    PersonIdentity,
    find_duplicates,
    identity_of_draft,
    identity_of_person,
)
from trainingdesk.services.demo_pools import AFGHAN_FAMILY, AFGHAN_MALE_GIVEN

ABP = uuid.UUID(int=1)
ACD = uuid.UUID(int=2)
KARIM_ID = uuid.UUID(int=100)


def person(key: int, **names: str | uuid.UUID | date | None) -> PersonIdentity:
    """A stored person (UUID key) in ABP unless told otherwise."""
    values: dict = {"agency_id": ABP} | names
    return identity_of_person(uuid.UUID(int=key), **values)


def row(number: int, **names: str | uuid.UUID | date | None) -> PersonIdentity:
    """A roster row in ABP unless told otherwise."""
    values: dict = {"agency_id": ABP} | names
    return PersonIdentity(number, **values)


def score(a: PersonIdentity, b: PersonIdentity) -> DuplicateMatch:
    """The match of a row with a person or with an earlier row, whatever its score."""
    rows, people = ([b, a], []) if isinstance(b.key, int) else ([a], [b])
    [match] = [m for m in find_duplicates(rows, people, threshold=0.0) if m.row == a.key]
    return match


KARIM = person(100, given_name="Mohammad", family_name="Karim", father_name="Gul Agha")


@pytest.mark.parametrize(
    "spelling",
    [
        {"given_name": "Muhammad", "family_name": "Kareem", "father_name": "Gul Agha"},
        {"given_name": "Mohammed", "family_name": "Karim", "father_name": "Gul Agha"},
        {"native_name": "محمد کریم", "father_name_native": "گل آغا"},
        {"native_name": "محمد كريم", "father_name": "Gul Agha"},
    ],
)
def test_one_officer_spelled_three_ways_is_one_person(spelling: dict[str, str]) -> None:
    match = score(row(2, **spelling), KARIM)

    assert match.existing == KARIM_ID
    assert match.score >= 0.7
    assert "same agency" in match.reasons


def test_the_latin_and_native_spellings_together_score_highest() -> None:
    both = person(
        100,
        given_name="Mohammad",
        family_name="Karim",
        native_name="محمد کریم",
        father_name="Gul Agha",
        father_name_native="گل آغا",
    )
    match = score(
        row(
            2,
            given_name="Muhammad",
            family_name="Kareem",
            native_name="محمد کريم",
            father_name="Gul Agha",
        ),
        both,
    )

    assert match.score == 0.85
    assert match.reasons == ("same name", "same father's name", "same agency")


def test_two_men_called_mohammad_with_different_fathers_are_not_one() -> None:
    other = row(2, given_name="Mohammad", family_name="Karim", father_name="Sher Khan")

    assert score(other, KARIM).score < DEFAULT_THRESHOLD
    assert find_duplicates([other], [KARIM]) == []
    assert "different father's name" in score(other, KARIM).reasons


def test_brothers_are_not_one_person() -> None:
    brother = row(2, given_name="Mohammad", family_name="Rahim", father_name="Gul Agha")

    assert find_duplicates([brother], [KARIM]) == []


def test_the_same_id_number_is_a_very_strong_signal_in_any_digits() -> None:
    stored = person(100, given_name="Ahmad Zahir", family_name="Noori", service_number="AF-1234")
    same = row(2, given_name="Ahmad Zahir", family_name="Noori", service_number="af ۱۲۳۴")
    misspelled = row(3, given_name="Ahmed Zaher", service_number="AF1234")

    assert score(same, stored).score == 1.0
    assert score(misspelled, stored).score >= 0.9
    assert "same ID number" in score(same, stored).reasons


def test_two_people_with_one_id_number_are_always_listed() -> None:
    stored = person(100, given_name="Ahmad", father_name="Farid", service_number="AF-1234")
    other = row(2, given_name="Bilal", father_name="Aslam", service_number="AF-1234")

    [match] = find_duplicates([other], [stored])

    assert match.score < DEFAULT_THRESHOLD
    assert match.reasons == (
        "different name",
        "different father's name",
        "same agency",
        "same ID number",
    )


@pytest.mark.parametrize("nothing", ["", "0", "000", "N/A", "-"])
def test_placeholder_id_numbers_say_nothing(nothing: str) -> None:
    a = row(2, given_name="Ahmad", father_name="Farid", service_number=nothing)
    b = person(100, given_name="Bilal", father_name="Aslam", service_number=nothing)

    assert find_duplicates([a], [b]) == []


def test_a_different_birth_date_is_strong_evidence_against() -> None:
    stored = person(
        100,
        given_name="Mohammad",
        family_name="Karim",
        father_name="Gul Agha",
        birth_date=date(1980, 4, 1),
    )
    same_day = row(
        2,
        given_name="Muhammad",
        family_name="Kareem",
        father_name="Gul Agha",
        birth_date=date(1980, 4, 1),
    )
    other_day = row(
        3,
        given_name="Muhammad",
        family_name="Kareem",
        father_name="Gul Agha",
        birth_date=date(1991, 1, 23),
    )

    assert score(same_day, stored).score == 1.0
    assert score(other_day, stored).score < DEFAULT_THRESHOLD
    assert "different dates of birth" in score(other_day, stored).reasons


def test_another_agency_lowers_the_score() -> None:
    same_agency = score(
        row(2, given_name="Muhammad", family_name="Kareem", father_name="Gul Agha"), KARIM
    )
    other_agency = score(
        row(3, given_name="Muhammad", family_name="Kareem", father_name="Gul Agha", agency_id=ACD),
        KARIM,
    )

    assert other_agency.score == pytest.approx(same_agency.score - 0.2)
    assert "different agencies" in other_agency.reasons


def test_a_missing_family_name_still_finds_the_person() -> None:
    stored = person(
        100, given_name="Mohammad Karim", family_name="Ahmadzai", father_name="Gul Agha"
    )

    assert score(row(2, given_name="Mohammad Karim", father_name="Gul Agha"), stored).score >= 0.8


def test_duplicates_within_the_file_are_reported_on_the_later_row() -> None:
    rows = [
        row(2, given_name="Mohammad", family_name="Karim", father_name="Gul Agha"),
        row(3, given_name="Abdul Rahman", family_name="Wardak", father_name="Sher Khan"),
        row(4, given_name="Muhammad", family_name="Kareem", father_name="Gul Aqa"),
        row(5, native_name="محمد کریم", father_name_native="گل آغا"),
        row(6, given_name="Abdulrahman", family_name="Wardak", father_name="Shir Khan"),
    ]

    matches = find_duplicates(rows, [])

    assert [(m.row, m.other_row, m.existing) for m in matches] == [
        (4, 2, None),
        (5, 2, None),
        (6, 3, None),
    ]


def test_candidates_come_best_first_and_a_few_per_row() -> None:
    people = [
        person(
            100 + i,
            given_name="Mohammad",
            family_name="Karim",
            father_name="Gul Agha",
            birth_date=None if i else date(1980, 4, 1),
        )
        for i in range(8)
    ]
    people.append(
        person(
            200,
            given_name="Mohammad",
            family_name="Karim",
            father_name="Gul Agha",
            service_number="AF-77",
        )
    )
    roster = [
        row(
            2,
            given_name="Mohammad",
            family_name="Karim",
            father_name="Gul Agha",
            service_number="AF-77",
        )
    ]

    matches = find_duplicates(roster, people)

    assert len(matches) == MAX_PER_ROW
    assert matches[0].existing == uuid.UUID(int=200)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_identities_come_from_drafts_and_stored_people() -> None:
    draft = PersonDraft(
        given_name="Mohammad",
        family_name="Karim",
        father_name="Gul Agha",
        sex=Sex.MALE,
        country=Country.AF,
        agency_id=ABP,
    )

    assert identity_of_draft(7, draft) == row(
        7, given_name="Mohammad", family_name="Karim", father_name="Gul Agha"
    )
    assert find_duplicates([identity_of_draft(7, draft)], [KARIM])[0].score == 0.85


def test_a_roster_row_is_keyed_by_its_row_number() -> None:
    with pytest.raises(TypeError, match="row number"):
        find_duplicates([KARIM], [KARIM])


def test_thousands_of_rows_against_thousands_of_people_are_matched() -> None:
    """How fast blocking makes this is measured by benchmarks/roster_duplicates.py (a timed
    assertion here would fail on a busy machine)."""
    rng = random.Random(4)

    def someone(key: uuid.UUID | int) -> PersonIdentity:
        return PersonIdentity(
            key,
            rng.choice(AFGHAN_MALE_GIVEN).latin,
            rng.choice(AFGHAN_FAMILY).latin,
            father_name=rng.choice(AFGHAN_MALE_GIVEN).latin,
            agency_id=rng.choice([ABP, ACD]),
        )

    people = [someone(uuid.UUID(int=i + 1)) for i in range(6_000)]
    rows = [someone(number) for number in range(2, 3_002)]

    matches = find_duplicates(rows, people)

    assert matches
    assert all(m.score >= DEFAULT_THRESHOLD for m in matches)
