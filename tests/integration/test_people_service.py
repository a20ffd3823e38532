"""A coordinator records, corrects, finds and deletes people."""

import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from tests import builders
from trainingdesk.domain.enums import AuditAction, Country, Sex
from trainingdesk.domain.errors import NotFound, ValidationFailed
from trainingdesk.domain.records import PersonDraft
from trainingdesk.services.container import Services
from trainingdesk.storage.models import AuditEntry, Laptop


def test_a_person_is_stored_with_both_scripts_and_their_agency(services: Services) -> None:
    abp = builders.agency(services)
    created = builders.person(services, agency_record=abp)
    loaded = services.people.get(created.id)
    assert loaded == created
    assert loaded.full_name == "Mohammad Karimi"
    assert loaded.native_name == "محمد کریمی"
    assert loaded.agency_acronym == "ABP"


def test_names_are_tidied_but_keep_their_zero_width_non_joiner(services: Services) -> None:
    created = builders.person(
        services, given_name="  Abdul   Rahman ", native_name=" عبد\u200cالرحمن   کریمی "
    )
    assert created.given_name == "Abdul Rahman"
    assert created.native_name == "عبد\u200cالرحمن کریمی"


def test_a_person_needs_a_name_in_some_script(services: Services) -> None:
    with pytest.raises(ValidationFailed) as failure:
        services.people.create(PersonDraft(given_name=" ", sex=Sex.MALE, country=Country.AF))
    assert "given_name" in failure.value.errors


def test_an_unknown_agency_is_refused(services: Services) -> None:
    draft = PersonDraft(
        given_name="Ali", sex=Sex.MALE, country=Country.PK, agency_id=builders.site(services).id
    )
    with pytest.raises(ValidationFailed, match="no such agency"):
        services.people.create(draft)


def test_editing_replaces_the_details(services: Services) -> None:
    created = builders.person(services)
    draft = PersonDraft(
        given_name="Mohammad",
        family_name="Karimi",
        native_name="محمد کریمی",
        sex=Sex.MALE,
        country=Country.AF,
        rank="Major",
    )
    updated = services.people.update(created.id, draft)
    assert updated.rank == "Major"
    assert services.people.get(created.id).rank == "Major"


def test_deleting_hides_the_person_and_restoring_brings_them_back(services: Services) -> None:
    created = builders.person(services)
    services.people.delete(created.id)
    with pytest.raises(NotFound):
        services.people.get(created.id)
    assert services.people.find() == []
    assert services.people.restore(created.id) == created
    assert services.people.find() == [created]


@pytest.mark.parametrize(
    "query",
    [
        "Muhammad",  # transliteration variant
        "mohammed karimi",
        "محمد",
        "كريمي",  # Arabic kaf and yeh for Persian ک and ی
        "Abdulrahman",  # father's name, written joined
        "عبد الرحمن",
        "۱۲۳۴۵",  # Persian digits of the ID number
        "af-12345",
        "12345",
    ],
)
def test_search_finds_a_person_however_the_name_or_number_is_typed(
    services: Services, query: str
) -> None:
    wanted = builders.person(services, service_number="AF-12345")
    builders.person(
        services,
        given_name="Nasir",
        family_name="Afridi",
        native_name="ناصر آفریدی",
        father_name="Gul Khan",
        father_name_native="گل خان",
        country=Country.PK,
        service_number="PK-777",
    )
    assert [p.id for p in services.people.find(search=query)] == [wanted.id]


def test_filters_by_country_sex_and_agency(services: Services) -> None:
    abp = builders.agency(services)
    pc = builders.agency(services, "PC", Country.PK)
    afghan = builders.person(services, agency_record=abp)
    pakistani = builders.person(
        services,
        "Ayesha",
        "Khan",
        native_name="عائشہ خان",
        country=Country.PK,
        sex=Sex.FEMALE,
        agency_record=pc,
    )
    assert services.people.find(country=Country.PK) == [pakistani]
    assert services.people.find(sex=Sex.MALE) == [afghan]
    assert services.people.find(agency_id=abp.id) == [afghan]
    assert services.people.count() == 2


def test_every_change_leaves_an_audit_entry_naming_the_laptop(services: Services) -> None:
    created = builders.person(services)
    services.people.update(created.id, replace(created.draft(), rank="Colonel"))
    services.people.delete(created.id)
    services.people.restore(created.id)
    with services.database.session_factory() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.row_id == created.id).order_by(AuditEntry.at)
        ).all()
        laptop = session.get(Laptop, services.actor.laptop_id)
    assert [e.action for e in entries] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.DELETE,
        AuditAction.RESTORE,
    ]
    assert {e.laptop_id for e in entries} == {services.actor.laptop_id}
    assert {e.user_name for e in entries} == {"coordinator"}
    assert json.loads(entries[1].changes) == {"rank": ["Captain", "Colonel"]}
    assert laptop is not None and laptop.name == "test-laptop"


@pytest.mark.parametrize("query", ["%", "_", "'", "%%", " - "])
def test_punctuation_and_wildcards_find_nobody(services: Services, query: str) -> None:
    builders.person(services)
    assert services.people.find(search=query) == []


def test_an_overlong_search_is_refused_with_a_reason(services: Services) -> None:
    with pytest.raises(ValidationFailed, match="too long"):
        services.people.find(search="Mohammad " * 100)
