"""Errors a use case raises for a user to read; the message is the whole explanation."""

from collections.abc import Mapping


class TrainingDeskError(Exception):
    """Base of the errors that front ends show as one clear line."""


class NotFound(TrainingDeskError):
    """A row named by the user does not exist (or was deleted)."""


class Conflict(TrainingDeskError):
    """The change contradicts data already there, e.g. a code already in use."""


class ValidationFailed(TrainingDeskError):
    """Input was rejected; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))
