"""Agencies, sites, curricula, modules and the crosswalk."""

from dataclasses import replace
from datetime import date

import pytest

from tests import builders
from trainingdesk.domain.enums import Country, CurriculumKind, Equivalence
from trainingdesk.domain.errors import Conflict, NotFound, ValidationFailed
from trainingdesk.domain.records import (
    AgencyDraft,
    CurriculumDraft,
    CurriculumRecord,
    ModuleDraft,
    SiteDraft,
)
from trainingdesk.services.container import Services


def test_an_agency_acronym_is_reused_only_for_another_period(services: Services) -> None:
    services.reference.create_agency(
        AgencyDraft(Country.AF, "ACD", "Afghan Customs Department", valid_to=date(2012, 12, 31))
    )
    with pytest.raises(Conflict, match="already exists for that period"):
        services.reference.create_agency(AgencyDraft(Country.AF, "acd", "Customs"))
    renamed = services.reference.create_agency(
        AgencyDraft(Country.AF, "ACD", "Afghanistan Customs", valid_from=date(2013, 1, 1))
    )
    assert [a.name for a in services.reference.list_agencies(Country.AF)] == [
        "Afghan Customs Department",
        "Afghanistan Customs",
    ]
    assert services.reference.update_agency(renamed.id, renamed).id == renamed.id


def test_an_agency_with_members_is_not_deleted(services: Services) -> None:
    abp = builders.agency(services)
    person = builders.person(services, agency_record=abp)
    with pytest.raises(Conflict, match="still has 1 people"):
        services.reference.delete_agency(abp.id)
    services.people.delete(person.id)
    services.reference.delete_agency(abp.id)
    with pytest.raises(NotFound):
        services.reference.agency_by_acronym("ABP")


def test_an_agency_validity_cannot_end_before_it_starts(services: Services) -> None:
    with pytest.raises(ValidationFailed, match="valid_to"):
        services.reference.create_agency(
            AgencyDraft(
                Country.PK, "FIA", "FIA", valid_from=date(2013, 1, 1), valid_to=date(2012, 1, 1)
            )
        )


def test_site_codes_are_unique_and_found_in_any_case(services: Services) -> None:
    torkham = builders.site(services)
    with pytest.raises(Conflict, match="already in use"):
        builders.site(services, "tkm-af")
    assert services.reference.site_by_code("tkm-af") == torkham
    moved = services.reference.update_site(
        torkham.id,
        replace(
            SiteDraft(torkham.code, torkham.name, torkham.country, torkham.kind),
            province="Nangarhar Province",
        ),
    )
    assert moved.province == "Nangarhar Province"
    services.reference.delete_site(torkham.id)
    assert services.reference.list_sites() == []


def _curricula(services: Services) -> tuple[CurriculumRecord, CurriculumRecord]:
    national = services.curricula.create(
        CurriculumDraft(
            "AF-ABP-BASIC", "2012.1", "ABP basic course", CurriculumKind.NATIONAL, Country.AF
        )
    )
    joint = services.curricula.create(
        CurriculumDraft("JBM", "2013.1", "Joint border management", CurriculumKind.JOINT)
    )
    return national, joint


def test_a_national_curriculum_needs_its_country_and_a_joint_one_none(services: Services) -> None:
    with pytest.raises(ValidationFailed, match="country"):
        services.curricula.create(CurriculumDraft("X", "1", "X", CurriculumKind.NATIONAL))
    with pytest.raises(ValidationFailed, match="country"):
        services.curricula.create(CurriculumDraft("Y", "1", "Y", CurriculumKind.JOINT, Country.PK))


def test_a_curriculum_version_is_unique(services: Services) -> None:
    _curricula(services)
    with pytest.raises(Conflict, match="already exists"):
        services.curricula.create(CurriculumDraft("JBM", "2013.1", "Again", CurriculumKind.JOINT))
    services.curricula.create(CurriculumDraft("JBM", "2014.1", "Next", CurriculumKind.JOINT))
    assert [(c.code, c.version) for c in services.curricula.find()] == [
        ("JBM", "2013.1"),
        ("JBM", "2014.1"),
        ("AF-ABP-BASIC", "2012.1"),
    ]


def test_modules_are_appended_in_order_with_unique_codes(services: Services) -> None:
    national, _ = _curricula(services)
    first = services.curricula.add_module(
        national.id, ModuleDraft("ABP-101", "Border law", "قانون سرحد", 16)
    )
    second = services.curricula.add_module(
        national.id, ModuleDraft("ABP-102", "Patrolling", hours=24)
    )
    assert [m.position for m in services.curricula.modules(national.id)] == [0, 1]
    with pytest.raises(Conflict, match="already used"):
        services.curricula.add_module(national.id, ModuleDraft("abp-101", "Again"))
    with pytest.raises(ValidationFailed, match="hours"):
        services.curricula.add_module(national.id, ModuleDraft("ABP-103", "Too long", hours=5000))
    edited = services.curricula.update_module(
        second.id, ModuleDraft("ABP-102", "Patrolling", hours=20)
    )
    assert edited.hours == 20
    services.curricula.delete_module(first.id)
    assert services.curricula.modules(national.id) == [replace(edited, position=0)]
    assert services.curricula.restore_module(first.id).code == "ABP-101"
    listed = {c.code: c for c in services.curricula.find()}
    assert (listed["AF-ABP-BASIC"].modules, listed["AF-ABP-BASIC"].hours) == (2, 36.0)


def test_the_crosswalk_links_national_to_joint_modules_only(services: Services) -> None:
    national, joint = _curricula(services)
    abp = services.curricula.add_module(national.id, ModuleDraft("ABP-101", "Border law"))
    jbm = services.curricula.add_module(
        joint.id, ModuleDraft("JBM-01", "Integrated border management")
    )
    link = services.curricula.map_module(abp.id, jbm.id, Equivalence.PARTIAL, " National law only ")
    assert (link.equivalence, link.note) == (Equivalence.PARTIAL, "National law only")
    changed = services.curricula.map_module(abp.id, jbm.id, Equivalence.FULL)
    assert changed.id == link.id
    with pytest.raises(Conflict, match="national module to a joint module"):
        services.curricula.map_module(jbm.id, abp.id, Equivalence.FULL)
    services.curricula.unmap(link.id)
    assert services.curricula.mappings() == []


def test_a_curriculum_is_deleted_and_restored(services: Services) -> None:
    national, joint = _curricula(services)
    services.curricula.delete(national.id)
    assert services.curricula.find() == [joint]
    assert services.curricula.restore(national.id) == national
    renamed = services.curricula.update(
        national.id,
        CurriculumDraft(
            "AF-ABP-BASIC", "2012.1", "ABP basic border course", CurriculumKind.NATIONAL, Country.AF
        ),
    )
    assert renamed.title == "ABP basic border course"
