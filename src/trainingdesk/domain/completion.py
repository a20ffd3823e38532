"""Completion rules of an exercise and the certificate eligibility that follows from them."""

from collections.abc import Iterable
from dataclasses import dataclass

from trainingdesk.domain.enums import AttendanceStatus, EnrolmentStatus, Role


@dataclass(frozen=True)
class CompletionRule:
    """What a participant must do to complete an exercise.

    `min_attendance_share` is a fraction (0.8 = 80 %). Late counts as present unless
    `late_counts_as_present` is off. Excused sessions are left out of the denominator
    unless `excused_in_denominator` is on, so an officer excused for a border emergency is
    not punished for it. Unmarked sessions count as not attended: completion is never
    claimed for attendance nobody recorded.
    """

    min_attendance_share: float = 0.8
    late_counts_as_present: bool = True
    excused_in_denominator: bool = False
    post_test_pass_mark: float | None = None

    def problems(self) -> dict[str, str]:
        """Field -> message for values a rule cannot have."""
        errors: dict[str, str] = {}
        if not 0.0 <= self.min_attendance_share <= 1.0:
            errors["min_attendance_share"] = "must be between 0 and 100 %"
        if self.post_test_pass_mark is not None and not 0.0 <= self.post_test_pass_mark <= 100.0:
            errors["post_test_pass_mark"] = "must be between 0 and 100"
        return errors


@dataclass(frozen=True)
class AttendanceTally:
    """How one participant's sessions of one exercise were marked."""

    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    unmarked: int = 0

    @property
    def sessions(self) -> int:
        """All sessions of the exercise."""
        return self.present + self.late + self.excused + self.absent + self.unmarked

    @classmethod
    def of(cls, statuses: Iterable[AttendanceStatus | None]) -> "AttendanceTally":
        """Count a participant's marks, one entry per session (None = not marked yet)."""
        counts = dict.fromkeys(("P", "L", "E", "A", None), 0)
        for status in statuses:
            counts[status.value if status is not None else None] += 1
        return cls(counts["P"], counts["L"], counts["E"], counts["A"], counts[None])


@dataclass(frozen=True)
class CompletionResult:
    """Whether a participant completed, their attendance share, and why not if not."""

    completed: bool
    attendance_share: float | None
    reasons: tuple[str, ...]


def attendance_share(tally: AttendanceTally, rule: CompletionRule) -> float | None:
    """Attended sessions over counted sessions; None when no session counts."""
    attended = tally.present + (tally.late if rule.late_counts_as_present else 0)
    counted = tally.sessions - (0 if rule.excused_in_denominator else tally.excused)
    if counted == 0:
        return None
    return attended / counted


def evaluate(
    tally: AttendanceTally, rule: CompletionRule, post_test: float | None = None
) -> CompletionResult:
    """Apply the rule to one participant's attendance and post-test score."""
    share = attendance_share(tally, rule)
    reasons: list[str] = []
    if tally.sessions == 0:
        reasons.append("the exercise has no sessions")
    elif share is None:
        reasons.append("every session was excused")
    elif share + 1e-9 < rule.min_attendance_share:
        reasons.append(
            f"attended {share:.0%} of sessions, {rule.min_attendance_share:.0%} required"
        )
    if tally.unmarked and share is not None and share + 1e-9 < rule.min_attendance_share:
        reasons.append(f"{tally.unmarked} session(s) not marked yet")
    if rule.post_test_pass_mark is not None:
        if post_test is None:
            reasons.append("no post-test score")
        elif post_test + 1e-9 < rule.post_test_pass_mark:
            reasons.append(
                f"post-test {post_test:g} below the pass mark {rule.post_test_pass_mark:g}"
            )
    return CompletionResult(completed=not reasons, attendance_share=share, reasons=tuple(reasons))


def eligible_for_certificate(
    role: Role, enrolment_status: EnrolmentStatus, result: CompletionResult
) -> bool:
    """Certificates go to participants who stayed enrolled and completed."""
    return (
        role is Role.PARTICIPANT
        and enrolment_status is EnrolmentStatus.ENROLLED
        and result.completed
    )
