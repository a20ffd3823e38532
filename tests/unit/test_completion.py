"""Completion rules: who completed an exercise, and who may get a certificate."""

import pytest

from trainingdesk.domain.completion import (
    AttendanceTally,
    CompletionRule,
    attendance_share,
    eligible_for_certificate,
    evaluate,
)
from trainingdesk.domain.enums import AttendanceStatus, EnrolmentStatus, Role

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)
DEFAULT = CompletionRule()


def test_a_participant_present_at_every_session_completes() -> None:
    result = evaluate(AttendanceTally.of([P, P, P, P]), DEFAULT)
    assert result.completed
    assert result.attendance_share == 1.0
    assert result.reasons == ()


def test_an_exercise_without_sessions_completes_nobody() -> None:
    result = evaluate(AttendanceTally.of([]), DEFAULT)
    assert not result.completed
    assert result.attendance_share is None
    assert result.reasons == ("the exercise has no sessions",)


def test_all_sessions_excused_is_not_completion() -> None:
    result = evaluate(AttendanceTally.of([E, E, E]), DEFAULT)
    assert not result.completed
    assert result.attendance_share is None
    assert "every session was excused" in result.reasons


def test_late_counts_as_present_by_default() -> None:
    assert evaluate(AttendanceTally.of([L, L, L, L, P]), DEFAULT).completed


def test_late_can_be_made_not_to_count() -> None:
    rule = CompletionRule(late_counts_as_present=False)
    result = evaluate(AttendanceTally.of([L, P, P, P, P]), rule)
    assert result.attendance_share == pytest.approx(0.8)
    assert result.completed
    assert not evaluate(AttendanceTally.of([L, L, P, P, P]), rule).completed


def test_excused_sessions_leave_the_denominator_by_default() -> None:
    # 3 of 4 counted sessions attended: 75 % < 80 % ... but with 2 excused of 6, 4/4 = 100 %.
    tally = AttendanceTally.of([P, P, P, P, E, E])
    assert attendance_share(tally, DEFAULT) == 1.0
    assert evaluate(tally, DEFAULT).completed


def test_excused_sessions_count_when_configured() -> None:
    rule = CompletionRule(excused_in_denominator=True)
    tally = AttendanceTally.of([P, P, P, P, E, E])
    assert attendance_share(tally, rule) == pytest.approx(4 / 6)
    result = evaluate(tally, rule)
    assert not result.completed
    assert result.reasons == ("attended 67% of sessions, 80% required",)


def test_exactly_the_minimum_share_completes() -> None:
    assert evaluate(AttendanceTally.of([P, P, P, P, A]), DEFAULT).completed


def test_below_the_minimum_share_does_not_complete() -> None:
    result = evaluate(AttendanceTally.of([P, P, P, A, A]), DEFAULT)
    assert not result.completed
    assert result.attendance_share == pytest.approx(0.6)


def test_unmarked_sessions_count_as_not_attended_and_are_named() -> None:
    result = evaluate(AttendanceTally.of([P, P, None, None]), DEFAULT)
    assert not result.completed
    assert "2 session(s) not marked yet" in result.reasons


def test_a_zero_minimum_share_needs_no_attendance() -> None:
    assert evaluate(AttendanceTally.of([A, A]), CompletionRule(min_attendance_share=0)).completed


def test_post_test_pass_mark_is_required_when_set() -> None:
    rule = CompletionRule(post_test_pass_mark=60)
    tally = AttendanceTally.of([P, P, P])
    assert evaluate(tally, rule, post_test=60).completed
    assert evaluate(tally, rule, post_test=59.5).reasons == (
        "post-test 59.5 below the pass mark 60",
    )
    assert evaluate(tally, rule, post_test=None).reasons == ("no post-test score",)


def test_both_failures_are_reported_together() -> None:
    rule = CompletionRule(post_test_pass_mark=50)
    result = evaluate(AttendanceTally.of([A, A, P]), rule, post_test=20)
    assert len(result.reasons) == 2


@pytest.mark.parametrize(
    ("role", "status", "eligible"),
    [
        (Role.PARTICIPANT, EnrolmentStatus.ENROLLED, True),
        (Role.PARTICIPANT, EnrolmentStatus.WITHDRAWN, False),
        (Role.TRAINER, EnrolmentStatus.ENROLLED, False),
        (Role.OBSERVER, EnrolmentStatus.ENROLLED, False),
    ],
)
def test_only_enrolled_participants_who_completed_are_eligible(
    role: Role, status: EnrolmentStatus, eligible: bool
) -> None:
    completed = evaluate(AttendanceTally.of([P, P]), DEFAULT)
    assert eligible_for_certificate(role, status, completed) is eligible
    not_completed = evaluate(AttendanceTally.of([A, A]), DEFAULT)
    assert eligible_for_certificate(role, status, not_completed) is False


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (CompletionRule(min_attendance_share=1.2), "min_attendance_share"),
        (CompletionRule(min_attendance_share=-0.1), "min_attendance_share"),
        (CompletionRule(post_test_pass_mark=101), "post_test_pass_mark"),
    ],
)
def test_impossible_rules_are_rejected(rule: CompletionRule, field: str) -> None:
    assert field in rule.problems()
