"""Help > About: the version, and what the program is made of, under which licences."""

import platform
from dataclasses import dataclass

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainingdesk import __version__
from trainingdesk.resources import resource_path

_LGPL_3 = ("licences", "LGPL-3.0.txt")
_GPL_3 = ("licences", "GPL-3.0.txt")


@dataclass(frozen=True)
class Component:
    """Something the program ships, the licence it is shipped under, and that licence's text."""

    name: str
    licence: str
    texts: tuple[tuple[str, ...], ...]
    note: str = ""


def _licence(file_name: str) -> tuple[tuple[str, ...], ...]:
    return (("licences", file_name),)


# The files are copies of the components' own licence files (resources/licences/README.md
# says where each came from). The LGPL is the GPL plus permissions, so both go with it.
COMPONENTS = (
    Component(
        "Noto Sans, Noto Naskh Arabic, Noto Nastaliq Urdu (fonts)",
        "OFL-1.1",
        (("fonts", "OFL.txt"),),
        "Embedded, as subsets, in the PDFs the program writes; the licence does not apply "
        "to those documents.",
    ),
    Component(
        "Qt 6",
        "LGPL-3.0-only",
        (_LGPL_3, _GPL_3),
        "The Qt libraries are the Qt6*/libQt6* files in the program's folder; they may be "
        "replaced by compatible builds of Qt's source code (https://download.qt.io). Qt "
        "contains third-party code under its own licences, listed at "
        "https://doc.qt.io/qt-6/licenses-used-in-qt.html; ICU is shipped beside it.",
    ),
    Component("Qt for Python (PySide6, Shiboken6)", "LGPL-3.0-only", (_LGPL_3, _GPL_3)),
    Component("ICU", "Unicode licence (MIT style)", _licence("ICU.txt")),
    Component("Python", "PSF-2.0", _licence("Python.txt")),
    Component("ReportLab", "BSD-3-Clause", _licence("ReportLab.txt")),
    Component("rl_accel (ReportLab accelerator)", "BSD-3-Clause", _licence("rl_accel.txt")),
    Component("SQLAlchemy", "MIT", _licence("SQLAlchemy.txt")),
    Component("Alembic", "MIT", _licence("Alembic.txt")),
    Component("Mako", "MIT", _licence("Mako.txt")),
    Component("MarkupSafe", "BSD-3-Clause", _licence("MarkupSafe.txt")),
    Component(
        "psycopg and psycopg-binary",
        "LGPL-3.0-only",
        (_LGPL_3, _GPL_3, ("licences", "PostgreSQL.txt"), ("licences", "Apache-2.0.txt")),
        "psycopg-binary contains the PostgreSQL client library (PostgreSQL licence) and "
        "OpenSSL (Apache-2.0), with MIT Kerberos, OpenLDAP and Cyrus SASL.",
    ),
    Component("cryptography", "Apache-2.0 OR BSD-3-Clause", _licence("cryptography.txt")),
    Component("cffi", "MIT-0", _licence("cffi.txt")),
    Component("pycparser", "BSD-3-Clause", _licence("pycparser.txt")),
    Component("openpyxl", "MIT", _licence("openpyxl.txt")),
    Component("et-xmlfile", "MIT", _licence("et-xmlfile.txt")),
    Component("pypdf", "BSD-3-Clause", _licence("pypdf.txt")),
    Component(
        "Pillow",
        "MIT-CMU",
        _licence("Pillow.txt"),
        "The licence text includes those of the image libraries Pillow carries.",
    ),
    Component("uharfbuzz", "Apache-2.0", _licence("uharfbuzz.txt")),
    Component("HarfBuzz (inside uharfbuzz)", "MIT-Modern-Variant", _licence("HarfBuzz.txt")),
    Component("RapidFuzz", "MIT", _licence("RapidFuzz.txt")),
    Component("jdatetime", "PSF-2.0", _licence("jdatetime.txt")),
    Component(
        "jalali-core",
        "LGPL-2.1-or-later",
        (("licences", "jalali-core.txt"), ("licences", "LGPL-2.1.txt")),
    ),
    Component("platformdirs", "MIT", _licence("platformdirs.txt")),
    Component("typing_extensions", "PSF-2.0", _licence("typing_extensions.txt")),
    Component("charset-normalizer", "MIT", _licence("charset-normalizer.txt")),
    Component(
        "PyInstaller bootloader",
        "GPL-2.0-or-later WITH Bootloader-exception",
        _licence("PyInstaller.txt"),
        "The small program that starts the installed TrainingDesk; the exception lets it "
        "start programs under any licence.",
    ),
    Component(
        "System libraries (Linux build)",
        "LGPL-2.1-or-later, MIT and others",
        _licence("LGPL-2.1.txt"),
        "Taken from the build machine: GLib (LGPL-2.1-or-later), the X11 and XCB libraries, "
        "libxkbcommon, Fontconfig, Expat and MIT Kerberos (MIT style), FreeType (FreeType "
        "licence), SQLite (public domain), zlib (Zlib), bzip2, XZ and PCRE2 (BSD style).",
    ),
)


class AboutDialog(QDialog):
    """The version and the licences; a component's licence text shows when it is selected."""

    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle("About TrainingDesk")
        self.heading = QLabel(
            f"<h3>TrainingDesk {__version__}</h3>"
            "<p>Training coordination for the Afghanistan–Pakistan border-cooperation "
            f"programme.</p><p>Python {platform.python_version()}, Qt {qVersion()}, "
            f"PySide6 {PySide6.__version__}</p>"
        )
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.database = QLabel(f"Database: {database}")
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.database.setWordWrap(True)
        self.components = QTableWidget(len(COMPONENTS), 2)
        self.components.setAccessibleName("Components and their licences")
        self.components.setHorizontalHeaderLabels(["Component", "Licence"])
        self.components.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.components.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.components.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.components.verticalHeader().hide()
        header = self.components.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, component in enumerate(COMPONENTS):
            self.components.setItem(row, 0, QTableWidgetItem(component.name))
            self.components.setItem(row, 1, QTableWidgetItem(component.licence))
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        self.licence_text.setAccessibleName("Licence text")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.components)
        splitter.addWidget(self.licence_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.database)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.components.currentCellChanged.connect(lambda row, *_: self.show_licence(row))
        self.components.selectRow(0)
        self.resize(760, 620)

    def show_licence(self, row: int) -> None:
        """Show the note and the licence texts of the component in `row`."""
        component = COMPONENTS[row]
        parts = [component.note] if component.note else []
        for text in component.texts:
            try:
                parts.append(resource_path(*text).read_text(encoding="utf-8"))
            except FileNotFoundError as exc:
                parts.append(f"This installation is incomplete: {exc}.")
        self.licence_text.setPlainText("\n\n".join(parts))
