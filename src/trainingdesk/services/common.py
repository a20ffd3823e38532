"""Small helpers every service uses."""

from typing import Protocol, TypeVar

from trainingdesk.domain.errors import ValidationFailed


class Validatable(Protocol):
    """A draft that can say what is wrong with it."""

    def problems(self) -> dict[str, str]:
        """Field -> message."""
        ...


V = TypeVar("V", bound=Validatable)


def validated(draft: V) -> V:
    """The draft itself, or ValidationFailed listing every problem at once."""
    problems = draft.problems()
    if problems:
        raise ValidationFailed(problems)
    return draft
