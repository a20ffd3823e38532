"""Short ways to put realistic rows into a test database through the services."""

from datetime import date

from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import (
    Country,
    ExerciseType,
    KeyArea,
    RankTier,
    Sex,
    SiteKind,
)
from trainingdesk.domain.records import (
    AgencyDraft,
    AgencyRecord,
    ExerciseDraft,
    ExerciseRecord,
    PersonDraft,
    PersonRecord,
    SiteDraft,
    SiteRecord,
)
from trainingdesk.services.container import Services


def agency(services: Services, acronym: str = "ABP", country: Country = Country.AF) -> AgencyRecord:
    """An agency of one side."""
    names = {"ABP": "Afghan Border Police", "PC": "Pakistan Customs"}
    return services.reference.create_agency(
        AgencyDraft(country=country, acronym=acronym, name=names.get(acronym, acronym))
    )


def site(services: Services, code: str = "TKM-AF") -> SiteRecord:
    """Torkham, Afghan side."""
    return services.reference.create_site(
        SiteDraft(
            code=code,
            name="Torkham (Nangarhar side)",
            country=Country.AF,
            kind=SiteKind.CROSSING,
            province="Nangarhar",
            native_name="تورخم",
        )
    )


def person(
    services: Services,
    given_name: str = "Mohammad",
    family_name: str = "Karimi",
    *,
    native_name: str = "محمد کریمی",
    father_name: str = "Abdul Rahman",
    father_name_native: str = "عبدالرحمن",
    country: Country = Country.AF,
    sex: Sex = Sex.MALE,
    agency_record: AgencyRecord | None = None,
    service_number: str = "",
) -> PersonRecord:
    """An officer with names in both scripts."""
    return services.people.create(
        PersonDraft(
            given_name=given_name,
            family_name=family_name,
            native_name=native_name,
            father_name=father_name,
            father_name_native=father_name_native,
            sex=sex,
            country=country,
            agency_id=agency_record.id if agency_record else None,
            rank="Captain",
            rank_tier=RankTier.MIDDLE,
            service_number=service_number,
        )
    )


def exercise_draft(
    code: str = "JTX-2012-03",
    *,
    start: date = date(2012, 10, 6),
    end: date = date(2012, 10, 8),
    rule: CompletionRule | None = None,
    site_record: SiteRecord | None = None,
) -> ExerciseDraft:
    """A three-day joint exercise at Torkham."""
    return ExerciseDraft(
        code=code,
        title="Joint cargo search exercise at Torkham",
        type=ExerciseType.JOINT_EXERCISE,
        key_area=KeyArea.INFRASTRUCTURE,
        start_date=start,
        end_date=end,
        site_id=site_record.id if site_record else None,
        rule=rule or CompletionRule(),
    )


def exercise(services: Services, draft: ExerciseDraft | None = None) -> ExerciseRecord:
    """A stored exercise, by default `exercise_draft()`."""
    return services.exercises.create(draft or exercise_draft())
