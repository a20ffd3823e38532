"""TrainingDesk: offline-first training management for the Afghanistan–Pakistan programme."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("trainingdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
