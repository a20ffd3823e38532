"""Every change made through the services leaves an audit entry and a laptop stamp."""

import gc
import uuid
from datetime import date

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import sessionmaker

from tests import builders
from trainingdesk.domain.enums import (
    AttendanceStatus,
    Country,
    CurriculumKind,
    Equivalence,
    Role,
)
from trainingdesk.domain.records import (
    AssessmentDraft,
    CurriculumDraft,
    MarkChange,
    ModuleDraft,
    SessionDraft,
)
from trainingdesk.services.container import Services
from trainingdesk.storage.audit import install_audit
from trainingdesk.storage.models import Agency, AuditEntry, Base, Replicated


def test_every_row_written_by_a_use_case_is_audited_and_stamped(services: Services) -> None:
    abp = builders.agency(services)
    torkham = builders.site(services)
    person = builders.person(services, agency_record=abp)
    national = services.curricula.create(
        CurriculumDraft("AF-ABP", "1", "ABP", CurriculumKind.NATIONAL, abp.country)
    )
    joint = services.curricula.create(CurriculumDraft("JBM", "1", "Joint", CurriculumKind.JOINT))
    abp_module = services.curricula.add_module(national.id, ModuleDraft("ABP-1", "Law"))
    jbm_module = services.curricula.add_module(joint.id, ModuleDraft("JBM-1", "IBM"))
    services.curricula.map_module(abp_module.id, jbm_module.id, Equivalence.PARTIAL)
    exercise = builders.exercise(services, builders.exercise_draft(site_record=torkham))
    services.exercises.set_modules(exercise.id, [jbm_module.id])
    session = services.exercises.add_session(exercise.id, SessionDraft(day=date(2012, 10, 6)))
    services.enrolments.enrol(exercise.id, [person.id], Role.PARTICIPANT)
    services.grid.set_marks([MarkChange(session.id, person.id, AttendanceStatus.LATE)])
    services.attendance.set_assessment(exercise.id, person.id, AssessmentDraft(40, 70, 4))

    with services.database.session_factory() as db:
        audited = {(entry.table_name, entry.row_id) for entry in db.scalars(select(AuditEntry))}
        for mapper in Base.registry.mappers:
            model = mapper.class_
            if not issubclass(model, Replicated):
                continue
            for row in db.scalars(select(model)):
                assert (model.__tablename__, row.id) in audited, model.__tablename__
                assert row.changed_by == services.actor.laptop_id
                assert row.updated_at >= row.created_at
    touched = {table for table, _ in audited}
    assert {"attendance_mark", "assessment", "enrolment", "module_mapping"} <= touched


def test_every_session_factory_is_audited_even_one_reusing_a_freed_ones_id() -> None:
    # SQLAlchemy's `event.contains` answered True for a new factory that got a freed
    # factory's id(), so databases opened later (File > Open) went unaudited.
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    unaudited = 0
    for turn in range(200):
        factory = sessionmaker(bind=engine)
        install_audit(factory)
        with factory() as session:
            session.add(Agency(id=uuid.uuid4(), country=Country.AF, acronym=f"A{turn}", name="x"))
            session.flush()
            unaudited += not session.scalar(select(func.count()).select_from(AuditEntry))
        del factory, session
        if turn % 5 == 0:
            gc.collect()
    engine.dispose()
    assert unaudited == 0
