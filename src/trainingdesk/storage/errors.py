"""Errors that storage raises for conditions a user can understand and act on."""


class StorageError(Exception):
    """A database could not be used; the message is written for the coordinator."""


class DatabaseNotFound(StorageError):
    """The named database file does not exist."""


class DatabaseUnreadable(StorageError):
    """The file is not a database, is damaged, or cannot be reached."""


class DatabaseTooNew(StorageError):
    """The database was written by a newer TrainingDesk than this one."""


class NotTrainingDeskDatabase(StorageError):
    """The database holds tables of some other program."""
