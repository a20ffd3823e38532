"""Help > About: which version this is, and the licences of what it is made of."""

import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.test_main_window import trigger_menu_action
from trainingdesk.resources import resource_path
from trainingdesk.ui.main_window import MainWindow
from trainingdesk.ui.views.about import COMPONENTS, AboutDialog

PYPROJECT = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
# The extras the desktop build installs besides the dependencies (packaging/build.sh).
BUNDLED_EXTRAS = {"postgres"}
# Distributions that a component of another name covers.
COVERED_BY = {
    "pyside6": "Qt for Python",
    "pyside6-essentials": "Qt for Python",
    "pyside6-addons": "Qt for Python",
    "pyside6-pdf": "Qt for Python",
    "pyside6-webengine": "Qt for Python",
    "shiboken6": "Qt for Python",
    "rl-accel": "rl_accel",
    "psycopg-binary": "psycopg-binary",
}


def open_about(window: MainWindow, qtbot: QtBot) -> AboutDialog:
    """Help > About TrainingDesk, as a user opens it."""
    trigger_menu_action(window, "Help", "About TrainingDesk")
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AboutDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AboutDialog)
    return dialog


def cell(dialog: AboutDialog, row: int, column: int) -> str:
    """What the components table shows in a cell."""
    item = dialog.components.item(row, column)
    assert item is not None
    return item.text()


def close(dialog: AboutDialog, qtbot: QtBot) -> None:
    """Close, as the Close button does."""
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_about_shows_the_version_that_pyproject_gives(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    dialog = open_about(main_window, qtbot)

    assert f"TrainingDesk {PYPROJECT['project']['version']}</h3>" in dialog.heading.text()
    assert re.search(r"Python 3\.\d+\.\d+, Qt 6\.\d+\.\d+, PySide6 6\.", dialog.heading.text())
    assert main_window.services.database.location in dialog.database.text()
    close(dialog, qtbot)


def test_selecting_a_component_shows_its_licence(main_window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_about(main_window, qtbot)
    licences = dict(
        (cell(dialog, row, 0), cell(dialog, row, 1)) for row in range(dialog.components.rowCount())
    )
    assert licences["Qt 6"] == "LGPL-3.0-only"
    assert licences["ReportLab"] == "BSD-3-Clause"
    assert licences["SQLAlchemy"] == "MIT"
    assert licences["Noto Sans, Noto Naskh Arabic, Noto Nastaliq Urdu (fonts)"] == "OFL-1.1"

    # The fonts come first, and are shown on opening.
    assert "SIL OPEN FONT LICENSE Version 1.1" in dialog.licence_text.toPlainText()
    expected = {
        "Qt 6": "GNU LESSER GENERAL PUBLIC LICENSE",
        "ReportLab": "Copyright (c) 2000-2024, ReportLab Inc.",
        "SQLAlchemy": "Permission is hereby granted, free of charge",
    }
    for name, words in expected.items():
        dialog.components.selectRow(list(licences).index(name))
        assert words in dialog.licence_text.toPlainText()
    close(dialog, qtbot)


def test_every_licence_text_is_shipped_and_shown(main_window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_about(main_window, qtbot)
    for row, component in enumerate(COMPONENTS):
        dialog.components.selectRow(row)
        shown = dialog.licence_text.toPlainText()
        assert "incomplete" not in shown, component.name
        for text in component.texts:
            first_line = next(
                line for line in resource_path(*text).read_text().splitlines() if line.strip()
            )
            assert first_line in shown, (component.name, text)
    close(dialog, qtbot)


def test_every_library_the_program_is_built_with_is_named_with_its_licence() -> None:
    named = [_normalised(component.name) for component in COMPONENTS]
    missing = [
        name
        for name in _runtime_distributions()
        if not any(_normalised(COVERED_BY.get(name, name)) in component for component in named)
    ]
    assert missing == []


def _runtime_distributions() -> set[str]:
    """Every distribution installed for the program and its bundled extras, recursively."""
    found: set[str] = set()
    pending = [("trainingdesk", BUNDLED_EXTRAS)]
    while pending:
        name, extras = pending.pop()
        try:
            dist = distribution(name)
        except PackageNotFoundError:  # for another platform or Python version
            continue
        for line in dist.requires or []:
            requirement = Requirement(line)
            wanted = requirement.marker is None or any(
                requirement.marker.evaluate({"extra": extra}) for extra in extras | {""}
            )
            key = _normalised(requirement.name)
            if wanted and key not in found:
                found.add(key)
                pending.append((requirement.name, set(requirement.extras)))
    return found - {"trainingdesk"}


def _normalised(name: str) -> str:
    return re.sub(r"[-_.\s]+", "-", name).lower()
