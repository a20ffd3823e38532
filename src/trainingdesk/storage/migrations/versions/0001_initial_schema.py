"""Initial schema: every table of the data model.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 00:30:00.842255
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "agency",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "country",
            sa.Enum("AF", "PK", "XX", name="country", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("acronym", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("native_name", sa.String(length=200), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency")),
    )
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.create_index("ix_agency_country_acronym", ["country", "acronym"], unique=False)

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("laptop_id", sa.Uuid(), nullable=True),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "create",
                "update",
                "delete",
                "restore",
                name="audit_action",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_at", ["at"], unique=False)
        batch_op.create_index(
            "ix_audit_entry_table_name_row_id", ["table_name", "row_id"], unique=False
        )

    op.create_table(
        "competency",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("title_local", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competency")),
    )
    with op.batch_alter_table("competency", schema=None) as batch_op:
        batch_op.create_index(
            "uq_competency_code",
            ["code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "laptop",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_laptop")),
    )
    op.create_table(
        "project",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("donor", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(
            "uq_project_code",
            ["code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "site",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("native_name", sa.String(length=200), nullable=False),
        sa.Column(
            "country",
            sa.Enum("AF", "PK", "XX", name="country", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("province", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "crossing",
                "training_centre",
                "other",
                name="site_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
    )
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.create_index(
            "uq_site_code",
            ["code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "curriculum",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "national",
                "joint",
                name="curriculum_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "country",
            sa.Enum("AF", "PK", "XX", name="country", native_enum=False, create_constraint=True),
            nullable=True,
        ),
        sa.Column("owner_agency_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "adopted",
                "retired",
                name="curriculum_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("retired_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"], ["agency.id"], name=op.f("fk_curriculum_owner_agency_id_agency")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curriculum")),
    )
    with op.batch_alter_table("curriculum", schema=None) as batch_op:
        batch_op.create_index(
            "uq_curriculum_code_version",
            ["code", "version"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "exercise",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "joint_exercise",
                "course",
                "workshop",
                "tabletop",
                "field_exercise",
                "dialogue",
                name="exercise_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "key_area",
            sa.Enum(
                "infrastructure",
                "harmonisation",
                "dialogue",
                name="key_area",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "ongoing",
                "completed",
                "cancelled",
                name="exercise_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("site_id", sa.Uuid(), nullable=True),
        sa.Column("project_id", sa.Uuid(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("min_attendance_share", sa.Float(), nullable=False),
        sa.Column("late_counts_as_present", sa.Boolean(), nullable=False),
        sa.Column("excused_in_denominator", sa.Boolean(), nullable=False),
        sa.Column("post_test_pass_mark", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_exercise_project_id_project")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_exercise_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise")),
    )
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.create_index("ix_exercise_project_id", ["project_id"], unique=False)
        batch_op.create_index("ix_exercise_site_id", ["site_id"], unique=False)
        batch_op.create_index("ix_exercise_start_date", ["start_date"], unique=False)
        batch_op.create_index(
            "uq_exercise_code",
            ["code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "person",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("native_name", sa.String(length=200), nullable=False),
        sa.Column("father_name", sa.String(length=100), nullable=False),
        sa.Column("father_name_native", sa.String(length=100), nullable=False),
        sa.Column(
            "sex",
            sa.Enum("M", "F", name="sex", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column(
            "country",
            sa.Enum("AF", "PK", "XX", name="country", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("rank", sa.String(length=100), nullable=False),
        sa.Column(
            "rank_tier",
            sa.Enum(
                "senior",
                "middle",
                "junior",
                "civilian",
                "unknown",
                name="rank_tier",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("duty_station_id", sa.Uuid(), nullable=True),
        sa.Column("service_number", sa.String(length=50), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("consent_photo", sa.Boolean(), nullable=False),
        sa.Column("consent_roster", sa.Boolean(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_person_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["duty_station_id"], ["site.id"], name=op.f("fk_person_duty_station_id_site")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index("ix_person_agency_id", ["agency_id"], unique=False)
        batch_op.create_index("ix_person_country_sex", ["country", "sex"], unique=False)
        batch_op.create_index("ix_person_service_number", ["service_number"], unique=False)

    op.create_table(
        "assessment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("pre_test", sa.Float(), nullable=True),
        sa.Column("post_test", sa.Float(), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercise.id"], name=op.f("fk_assessment_exercise_id_exercise")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_assessment_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index("ix_assessment_person_id", ["person_id"], unique=False)
        batch_op.create_index(
            "uq_assessment_exercise_id_person_id", ["exercise_id", "person_id"], unique=True
        )

    op.create_table(
        "certificate",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("serial", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("languages", sa.String(length=40), nullable=False),
        sa.Column("verification_code", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "valid",
                "revoked",
                "superseded",
                name="certificate_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("revoked_reason", sa.Text(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("superseded_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercise.id"], name=op.f("fk_certificate_exercise_id_exercise")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_certificate_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"],
            ["certificate.id"],
            name=op.f("fk_certificate_superseded_by_id_certificate"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
        sa.UniqueConstraint("serial", name=op.f("uq_certificate_serial")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index("ix_certificate_exercise_id", ["exercise_id"], unique=False)
        batch_op.create_index("ix_certificate_person_id", ["person_id"], unique=False)

    op.create_table(
        "enrolment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "participant",
                "trainer",
                "observer",
                name="role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "enrolled",
                "withdrawn",
                name="enrolment_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercise.id"], name=op.f("fk_enrolment_exercise_id_exercise")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_enrolment_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment")),
    )
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.create_index("ix_enrolment_person_id", ["person_id"], unique=False)
        batch_op.create_index(
            "uq_enrolment_exercise_id_person_id", ["exercise_id", "person_id"], unique=True
        )

    op.create_table(
        "module",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("curriculum_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=False),
        sa.Column("title_local", sa.String(length=300), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("objectives", sa.Text(), nullable=False),
        sa.Column("assessment_method", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["curriculum_id"], ["curriculum.id"], name=op.f("fk_module_curriculum_id_curriculum")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module")),
    )
    with op.batch_alter_table("module", schema=None) as batch_op:
        batch_op.create_index(
            "ix_module_curriculum_id_position", ["curriculum_id", "position"], unique=False
        )
        batch_op.create_index(
            "uq_module_curriculum_id_code",
            ["curriculum_id", "code"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "exercise_module",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("module_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercise.id"], name=op.f("fk_exercise_module_exercise_id_exercise")
        ),
        sa.ForeignKeyConstraint(
            ["module_id"], ["module.id"], name=op.f("fk_exercise_module_module_id_module")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_module")),
    )
    with op.batch_alter_table("exercise_module", schema=None) as batch_op:
        batch_op.create_index(
            "uq_exercise_module_exercise_id_module_id", ["exercise_id", "module_id"], unique=True
        )

    op.create_table(
        "module_competency",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("module_id", sa.Uuid(), nullable=False),
        sa.Column("competency_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["competency_id"],
            ["competency.id"],
            name=op.f("fk_module_competency_competency_id_competency"),
        ),
        sa.ForeignKeyConstraint(
            ["module_id"], ["module.id"], name=op.f("fk_module_competency_module_id_module")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module_competency")),
    )
    with op.batch_alter_table("module_competency", schema=None) as batch_op:
        batch_op.create_index(
            "uq_module_competency_module_id_competency_id",
            ["module_id", "competency_id"],
            unique=True,
        )

    op.create_table(
        "module_mapping",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("national_module_id", sa.Uuid(), nullable=False),
        sa.Column("joint_module_id", sa.Uuid(), nullable=False),
        sa.Column(
            "equivalence",
            sa.Enum(
                "full",
                "partial",
                "none",
                name="equivalence",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["joint_module_id"],
            ["module.id"],
            name=op.f("fk_module_mapping_joint_module_id_module"),
        ),
        sa.ForeignKeyConstraint(
            ["national_module_id"],
            ["module.id"],
            name=op.f("fk_module_mapping_national_module_id_module"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_module_mapping")),
    )
    with op.batch_alter_table("module_mapping", schema=None) as batch_op:
        batch_op.create_index(
            "ix_module_mapping_joint_module_id", ["joint_module_id"], unique=False
        )
        batch_op.create_index(
            "uq_module_mapping_national_module_id_joint_module_id",
            ["national_module_id", "joint_module_id"],
            unique=True,
        )

    op.create_table(
        "training_session",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("module_id", sa.Uuid(), nullable=True),
        sa.Column("trainer_id", sa.Uuid(), nullable=True),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("locked_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercise.id"], name=op.f("fk_training_session_exercise_id_exercise")
        ),
        sa.ForeignKeyConstraint(
            ["module_id"], ["module.id"], name=op.f("fk_training_session_module_id_module")
        ),
        sa.ForeignKeyConstraint(
            ["trainer_id"], ["person.id"], name=op.f("fk_training_session_trainer_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_session")),
    )
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.create_index(
            "ix_training_session_exercise_id_day", ["exercise_id", "day"], unique=False
        )

    op.create_table(
        "attendance_mark",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "P",
                "L",
                "E",
                "A",
                name="attendance_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("remark", sa.String(length=500), nullable=False),
        sa.Column("marked_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_attendance_mark_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_session.id"],
            name=op.f("fk_attendance_mark_session_id_training_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_mark")),
    )
    with op.batch_alter_table("attendance_mark", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_mark_person_id", ["person_id"], unique=False)
        batch_op.create_index(
            "ix_attendance_mark_session_id_status_person_id",
            ["session_id", "status", "person_id"],
            unique=False,
        )
        batch_op.create_index(
            "uq_attendance_mark_session_id_person_id", ["session_id", "person_id"], unique=True
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("attendance_mark", schema=None) as batch_op:
        batch_op.drop_index("uq_attendance_mark_session_id_person_id")
        batch_op.drop_index("ix_attendance_mark_session_id_status_person_id")
        batch_op.drop_index("ix_attendance_mark_person_id")

    op.drop_table("attendance_mark")
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.drop_index("ix_training_session_exercise_id_day")

    op.drop_table("training_session")
    with op.batch_alter_table("module_mapping", schema=None) as batch_op:
        batch_op.drop_index("uq_module_mapping_national_module_id_joint_module_id")
        batch_op.drop_index("ix_module_mapping_joint_module_id")

    op.drop_table("module_mapping")
    with op.batch_alter_table("module_competency", schema=None) as batch_op:
        batch_op.drop_index("uq_module_competency_module_id_competency_id")

    op.drop_table("module_competency")
    with op.batch_alter_table("exercise_module", schema=None) as batch_op:
        batch_op.drop_index("uq_exercise_module_exercise_id_module_id")

    op.drop_table("exercise_module")
    with op.batch_alter_table("module", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_module_curriculum_id_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index("ix_module_curriculum_id_position")

    op.drop_table("module")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_index("uq_enrolment_exercise_id_person_id")
        batch_op.drop_index("ix_enrolment_person_id")

    op.drop_table("enrolment")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index("ix_certificate_person_id")
        batch_op.drop_index("ix_certificate_exercise_id")

    op.drop_table("certificate")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index("uq_assessment_exercise_id_person_id")
        batch_op.drop_index("ix_assessment_person_id")

    op.drop_table("assessment")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_service_number")
        batch_op.drop_index("ix_person_country_sex")
        batch_op.drop_index("ix_person_agency_id")

    op.drop_table("person")
    with op.batch_alter_table("exercise", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_exercise_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index("ix_exercise_start_date")
        batch_op.drop_index("ix_exercise_site_id")
        batch_op.drop_index("ix_exercise_project_id")

    op.drop_table("exercise")
    with op.batch_alter_table("curriculum", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_curriculum_code_version",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.drop_table("curriculum")
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_site_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.drop_table("site")
    op.drop_table("setting")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_project_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.drop_table("project")
    op.drop_table("laptop")
    with op.batch_alter_table("competency", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_competency_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.drop_table("competency")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_table_name_row_id")
        batch_op.drop_index("ix_audit_entry_at")

    op.drop_table("audit_entry")
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.drop_index("ix_agency_country_acronym")

    op.drop_table("agency")
