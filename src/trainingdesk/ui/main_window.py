"""The main window: a side bar of screens over one open database."""

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
)

from trainingdesk.domain.enums import CertificateStatus, Country, ExerciseStatus, Sex
from trainingdesk.domain.errors import TrainingDeskError
from trainingdesk.services.container import Services
from trainingdesk.storage.database import demo_database_path
from trainingdesk.storage.errors import StorageError
from trainingdesk.ui.commands import Editing, SaveCertificateSettings
from trainingdesk.ui.tasks import BackgroundTask
from trainingdesk.ui.views.about import AboutDialog
from trainingdesk.ui.views.attendance import AttendanceView
from trainingdesk.ui.views.certificate_settings import CertificateSettingsDialog
from trainingdesk.ui.views.certificates import CertificatesView
from trainingdesk.ui.views.curricula import CurriculaView
from trainingdesk.ui.views.dashboard import DashboardView
from trainingdesk.ui.views.donor_report import DonorReportView
from trainingdesk.ui.views.exercises import ExercisesView
from trainingdesk.ui.views.people import PeopleView

ServicesOpener = Callable[[str], Services]
SCREENS = (
    "Dashboard",
    "Exercises",
    "Attendance",
    "People",
    "Certificates",
    "Reports",
    "Curricula",
)
MAX_RECENT = 8


class MainWindow(QMainWindow):
    """One window for the whole working day."""

    def __init__(self, services: Services, open_services: ServicesOpener) -> None:
        super().__init__()
        self._open_services = open_services
        self.services = services
        self.task: BackgroundTask | None = None
        self.navigation = QListWidget()
        self.navigation.addItems(SCREENS)
        self.navigation.setAccessibleName("Screens")
        # Wide enough for the longest screen name: a side bar never scrolls sideways.
        self.navigation.setMinimumWidth(
            self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 24
        )
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.undo_stack = QUndoStack(self)
        self._build_menus()
        self._build_screens()
        self._restore_layout()

    def _build_screens(self) -> None:
        while (widget := self.stack.widget(0)) is not None:
            self.stack.removeWidget(widget)
            widget.deleteLater()
        services = self.services
        # Commands hold the services of the database they were made on.
        self.undo_stack.clear()
        editing = Editing(
            self.undo_stack,
            lambda message: self.show_error("The change could not be made", message),
        )
        self.exercises = ExercisesView(
            services,
            editing,
            self.show_attendance,
            lambda exercise_id: self.show_certificates_as_they_are().issue(exercise_id),
        )
        self.attendance = AttendanceView(services, editing)
        self.people = PeopleView(services, editing)
        self.certificates = CertificatesView(services, self.show_error)
        self.reports = DonorReportView(services, self.show_error)
        self.curricula = CurriculaView(services, editing, self.show_error)
        self.dashboard = DashboardView(
            services.dashboard,
            self.show_people,
            self.show_exercises,
            lambda: self.show_certificates(CertificateStatus.VALID),
        )
        self.certificates.register_changed.connect(self.dashboard.reload)
        screens = (
            self.dashboard,
            self.exercises,
            self.attendance,
            self.people,
            self.certificates,
            self.reports,
            self.curricula,
        )
        for screen in screens:
            self.stack.addWidget(screen)
            screen.reload()
        self._restore_columns_and_splitters()
        self.navigation.setCurrentRow(0)
        self.setWindowTitle(f"TrainingDesk — {services.database.location}")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(
            file_menu.addAction("&Open database…"),
            QKeySequence.StandardKey.Open,
            self.ask_open_database,
        )
        new_database = file_menu.addAction("&New database…")
        # Plain Ctrl+N adds a person or an exercise on those screens.
        new_database.setShortcut(QKeySequence("Ctrl+Shift+N"))
        new_database.triggered.connect(lambda _=False: self.ask_new_database())
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._action(file_menu.addAction("Open &demo database"), None, self.open_demo_database)
        file_menu.addSeparator()
        self._action(file_menu.addAction("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        view_menu = self.menuBar().addMenu("&View")
        for number, name in enumerate(SCREENS):
            action = view_menu.addAction(f"&{number + 1} {name}")
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _=False, row=number: self.navigation.setCurrentRow(row))
        view_menu.addSeparator()
        record = view_menu.addAction("&Competency record of the selected person")
        record.setShortcut(QKeySequence("Ctrl+Shift+R"))
        record.triggered.connect(lambda _=False: self.show_competency_record())
        certificates_menu = self.menuBar().addMenu("&Certificates")
        self._action(
            certificates_menu.addAction("&Issue for an exercise…"),
            None,
            lambda: self.show_certificates().issue(),
        )
        self._action(
            certificates_menu.addAction("&Print the selected certificates…"),
            None,
            lambda: self.show_certificates_as_they_are().print_selected(),
        )
        verify = certificates_menu.addAction("&Verify a certificate…")
        verify.setShortcut(QKeySequence("Ctrl+Shift+V"))
        verify.triggered.connect(lambda _=False: self.show_certificates().verify())
        self._action(
            certificates_menu.addAction("&Settings…"), None, self.edit_certificate_settings
        )
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu.addAction("&About TrainingDesk"), None, self.show_about)

    @staticmethod
    def _action(
        action: QAction, shortcut: QKeySequence.StandardKey | None, slot: Callable[[], object]
    ) -> None:
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())

    def show_people(self, country: Country, sex: Sex) -> None:
        """Switch to People, filtered."""
        self.navigation.setCurrentRow(SCREENS.index("People"))
        self.people.show_filtered(country, sex)

    def show_attendance(self, exercise_id: uuid.UUID) -> None:
        """Switch to Attendance on one exercise, ready for typing."""
        self.attendance.open_exercise(exercise_id)
        self.navigation.setCurrentRow(SCREENS.index("Attendance"))
        self.attendance.table.setFocus()

    def show_competency_record(self) -> None:
        """View > Competency record: the Curricula screen on the person selected under People."""
        person = self.people.selected_person()
        self.navigation.setCurrentRow(SCREENS.index("Curricula"))
        self.curricula.show_competency_record(person.id if person else None)

    def show_certificates(self, status: CertificateStatus | None = None) -> CertificatesView:
        """Switch to the certificate register, showing every certificate or those of a status."""
        self.navigation.setCurrentRow(SCREENS.index("Certificates"))
        self.certificates.show_filtered(status=status)
        return self.certificates

    def show_certificates_as_they_are(self) -> CertificatesView:
        """Switch to the certificate register, keeping its filters and selection."""
        self.navigation.setCurrentRow(SCREENS.index("Certificates"))
        return self.certificates

    def edit_certificate_settings(self) -> None:
        """Certificates > Settings…: languages, signatories and logos, as one undoable change."""
        before = self.services.certificates.settings()
        dialog = CertificateSettingsDialog(before, self)
        dialog.setObjectName("certificate-settings")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            if dialog.chosen is not None and dialog.chosen != before:
                self.undo_stack.push(
                    SaveCertificateSettings(
                        self.services.certificates,
                        before,
                        dialog.chosen,
                        lambda message: self.show_error("The settings were not saved", message),
                    )
                )

        dialog.accepted.connect(save)
        dialog.open()

    def show_exercises(self, year: int | None, status: ExerciseStatus | None) -> None:
        """Switch to Exercises, filtered."""
        self.navigation.setCurrentRow(SCREENS.index("Exercises"))
        self.exercises.show_filtered(year, status)

    def ask_open_database(self) -> None:
        """File > Open database…"""
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Open a TrainingDesk database",
            "",
            "TrainingDesk databases (*.sqlite);;All files (*)",
        )
        if path:
            self.open_database(path)

    def open_demo_database(self) -> None:
        """File > Open demo database: filled with demo data, in the background, the first time."""
        path = demo_database_path()
        if self.open_database(str(path)) and not self.services.demo.holds_data():
            demo = self.services.demo
            self.task = BackgroundTask(
                self,
                "Making the demo database",
                lambda report: demo.generate(progress=report),
                lambda _summary: self._build_screens(),
                lambda message: self.show_error("The demo database could not be made", message),
            )

    def ask_new_database(self) -> None:
        """File > New database…: an empty database in a new file (never over an old one)."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            "New TrainingDesk database",
            "",
            "TrainingDesk databases (*.sqlite)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.new_database(path)

    def new_database(self, path: str) -> bool:
        """Create and open an empty database; an existing file is refused, not replaced."""
        target = Path(path if path.endswith(".sqlite") else f"{path}.sqlite")
        if target.exists():
            self.show_error(
                "This file already exists",
                f"{target} already exists and was left as it is; open it with File > Open.",
            )
            return False
        return self.open_database(str(target))

    def open_database(self, location: str) -> bool:
        """Switch to another database; a refused one changes nothing and is explained."""
        try:
            opened = self._open_services(location)
        except (StorageError, TrainingDeskError) as exc:
            self.show_error("This database cannot be opened", str(exc))
            return False
        self._save_columns_and_splitters()
        self.services.close()
        self.services = opened
        self._build_screens()
        self._remember_recent()
        return True

    def recent_databases(self) -> list[str]:
        """Recently opened database files, newest first."""
        stored = QSettings().value("recent_databases", [])
        return [str(item) for item in stored] if isinstance(stored, list) else []

    def _remember_recent(self) -> None:
        path = self.services.database.sqlite_path
        if path is None:  # server URLs may carry passwords; they are not kept
            return
        recent = [str(path), *(p for p in self.recent_databases() if p != str(path))]
        QSettings().setValue("recent_databases", recent[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_databases()
        for number, location in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {location}")
            action.triggered.connect(lambda _=False, where=location: self.open_database(where))
        if not recent:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def _tables(self) -> dict[str, QTableView]:
        return {
            "people": self.people.table,
            "exercises": self.exercises.table,
            "sessions": self.exercises.sessions_table,
            "enrolments": self.exercises.enrolments_table,
            "scores": self.attendance.scores_table,
            "curricula": self.curricula.curricula_table,
            "modules": self.curricula.modules_table,
        }

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "main_window": self.splitter,
            "exercises": self.exercises.splitter,
            "curricula": self.curricula.splitter,
            "reports": self.reports.splitter,
        }

    def _save_columns_and_splitters(self) -> None:
        settings = QSettings()
        for name, table in self._tables().items():
            settings.setValue(f"columns/{name}", table.horizontalHeader().saveState())
        for name, splitter in self._splitters().items():
            settings.setValue(f"splitters/{name}", splitter.saveState())

    def _restore_columns_and_splitters(self) -> None:
        settings = QSettings()
        for name, table in self._tables().items():
            state = settings.value(f"columns/{name}")
            if isinstance(state, QByteArray):
                table.horizontalHeader().restoreState(state)
        self.splitter.setSizes([180, 1020])
        for name, splitter in self._splitters().items():
            state = settings.value(f"splitters/{name}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    def show_error(self, title: str, message: str) -> None:
        """A dialog that says what went wrong, without blocking the caller."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("error-dialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_about(self) -> None:
        """Help > About: the version and the licences of what the program is made of."""
        dialog = AboutDialog(self.services.database.location, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Stop background work, remember the layout and release the database."""
        if self.task is not None and not self.task.finished.is_set():
            self.task.cancel()
            QThreadPool.globalInstance().waitForDone(30_000)
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        self._save_columns_and_splitters()
        self.services.close()
        super().closeEvent(event)
