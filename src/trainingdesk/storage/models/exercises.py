"""Exercises and everything recorded during them: sessions, enrolments, marks, tests."""

import uuid
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column

from trainingdesk.domain.enums import (
    AttendanceStatus,
    EnrolmentStatus,
    ExerciseStatus,
    ExerciseType,
    KeyArea,
    Role,
)
from trainingdesk.storage.models.base import Base, Replicated, enum_column, unique_live


class Exercise(Replicated, Base):
    """A joint exercise, course, workshop or dialogue meeting, with its completion rule."""

    __tablename__ = "exercise"
    __table_args__ = (
        unique_live("uq_exercise_code", "code"),
        Index("ix_exercise_start_date", "start_date"),
        Index("ix_exercise_site_id", "site_id"),
        Index("ix_exercise_project_id", "project_id"),
    )

    code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    type: Mapped[ExerciseType] = mapped_column(enum_column(ExerciseType, "exercise_type"))
    key_area: Mapped[KeyArea] = mapped_column(enum_column(KeyArea, "key_area"))
    status: Mapped[ExerciseStatus] = mapped_column(
        enum_column(ExerciseStatus, "exercise_status"), default=ExerciseStatus.PLANNED
    )
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    site_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("site.id"))
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("project.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    min_attendance_share: Mapped[float] = mapped_column(Float, default=0.8)
    late_counts_as_present: Mapped[bool] = mapped_column(Boolean, default=True)
    excused_in_denominator: Mapped[bool] = mapped_column(Boolean, default=False)
    post_test_pass_mark: Mapped[float | None] = mapped_column(Float)


class ExerciseModule(Replicated, Base):
    """A curriculum module that an exercise covers."""

    __tablename__ = "exercise_module"
    __table_args__ = (
        Index("uq_exercise_module_exercise_id_module_id", "exercise_id", "module_id", unique=True),
    )

    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercise.id"))
    module_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("module.id"))


class TrainingSession(Replicated, Base):
    """One dated block of an exercise; columns of the attendance grid."""

    __tablename__ = "training_session"
    __table_args__ = (Index("ix_training_session_exercise_id_day", "exercise_id", "day"),)

    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercise.id"))
    day: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String(300), default="")
    module_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("module.id"))
    trainer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_by: Mapped[str] = mapped_column(String(100), default="")


class Enrolment(Replicated, Base):
    """A person taking part in an exercise in some role."""

    __tablename__ = "enrolment"
    __table_args__ = (
        Index("uq_enrolment_exercise_id_person_id", "exercise_id", "person_id", unique=True),
        Index("ix_enrolment_person_id", "person_id"),
    )

    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercise.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"), default=Role.PARTICIPANT)
    status: Mapped[EnrolmentStatus] = mapped_column(
        enum_column(EnrolmentStatus, "enrolment_status"), default=EnrolmentStatus.ENROLLED
    )


class AttendanceMark(Replicated, Base):
    """Whether a person attended a session; clearing a mark makes it a tombstone."""

    __tablename__ = "attendance_mark"
    __table_args__ = (
        Index("uq_attendance_mark_session_id_person_id", "session_id", "person_id", unique=True),
        # Reports count distinct attendees per status; this index answers them from the index.
        Index(
            "ix_attendance_mark_session_id_status_person_id", "session_id", "status", "person_id"
        ),
        # The donor report's tallies of live marks: answered from this index alone.
        Index(
            "ix_attendance_mark_session_id_deleted_at_person_id_status",
            "session_id",
            "deleted_at",
            "person_id",
            "status",
        ),
        Index("ix_attendance_mark_person_id", "person_id"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("training_session.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_column(AttendanceStatus, "attendance_status")
    )
    remark: Mapped[str] = mapped_column(String(500), default="")
    marked_by: Mapped[str] = mapped_column(String(100), default="")


class Assessment(Replicated, Base):
    """Pre-test and post-test scores (0-100) and satisfaction (1-5) of a participant."""

    __tablename__ = "assessment"
    __table_args__ = (
        Index("uq_assessment_exercise_id_person_id", "exercise_id", "person_id", unique=True),
        Index("ix_assessment_person_id", "person_id"),
    )

    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercise.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    pre_test: Mapped[float | None] = mapped_column(Float)
    post_test: Mapped[float | None] = mapped_column(Float)
    satisfaction: Mapped[int | None] = mapped_column(Integer)


class AttendanceTally(Base):
    """How each person's live marks of one exercise add up, kept for the reports.

    Derived data, never replicated: it is rebuilt from the marks of the exercise whenever
    the database's triggers have listed that exercise in `attendance_tally_stale`. Only
    live marks of live sessions count; absent marks are not tallied.
    """

    __tablename__ = "attendance_tally"

    exercise_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    present: Mapped[int] = mapped_column(Integer)
    late: Mapped[int] = mapped_column(Integer)
    excused: Mapped[int] = mapped_column(Integer)
    days: Mapped[int] = mapped_column(Integer)


class StaleAttendanceTally(Base):
    """An exercise whose tallies no longer match its marks.

    Written only by triggers on `attendance_mark` and `training_session` (migration 0006),
    so that no write path can forget it; `version` grows with every change, and a refresh
    clears only the version it counted, never a change made while it was counting.
    """

    __tablename__ = "attendance_tally_stale"

    exercise_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
