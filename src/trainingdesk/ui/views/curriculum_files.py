"""Curricula exchanged as files: export one version to XLSX or CSV, import one, off the
GUI thread. An import adds a new version or nothing: one already here is refused."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from trainingdesk.domain.records import CurriculumRecord
from trainingdesk.services.curricula import CurriculumService
from trainingdesk.ui.tasks import BackgroundTask, Report
from trainingdesk.ui.views.curriculum_forms import curriculum_name

FILE_KINDS = "Excel workbook (*.xlsx);;CSV file (*.csv)"
SUFFIXES = (".xlsx", ".csv")


class CurriculumFiles:
    """Asks where, then reads or writes in the background; says what happened."""

    def __init__(
        self,
        parent: QWidget,
        curricula: CurriculumService,
        say: Callable[[str], None],
        imported: Callable[[CurriculumRecord], None],
        show_error: Callable[[str, str], None],
    ) -> None:
        self._parent = parent
        self._curricula = curricula
        self._say = say
        self._imported = imported
        self._show_error = show_error
        self.task: BackgroundTask | None = None

    def busy(self) -> bool:
        """True while a file is being read or written."""
        return self.task is not None and not self.task.finished.is_set()

    def export(self, curriculum: CurriculumRecord) -> None:
        """Write a curriculum with its modules and links to the XLSX or CSV file chosen."""
        if self.busy():
            return
        suggested = Path.home() / f"{curriculum.code}-{curriculum.version}.xlsx"
        path, kind = QFileDialog.getSaveFileName(
            self._parent, "Export the curriculum", str(suggested), FILE_KINDS
        )
        if not path:
            return
        suffix = ".csv" if "csv" in kind.lower() else ".xlsx"
        target = Path(path if path.lower().endswith(SUFFIXES) else f"{path}{suffix}")
        curricula, name = self._curricula, curriculum_name(curriculum)

        def work(report: Report) -> Path:
            report(f"Writing {name}")
            curricula.export_curriculum(curriculum.id, target)
            return target

        self.task = BackgroundTask(
            self._parent,
            "Exporting the curriculum",
            work,
            lambda written: self._say(f"Exported {name} to {written}."),
            lambda message: self._show_error("The curriculum was not exported", message),
        )

    def import_file(self) -> None:
        """Read the curriculum in the file chosen; nothing changes if it cannot be read."""
        if self.busy():
            return
        path, _ = QFileDialog.getOpenFileName(
            self._parent,
            "Import a curriculum",
            str(Path.home()),
            "Curricula (*.xlsx *.csv);;All files (*)",
        )
        if not path:
            return
        curricula, source = self._curricula, Path(path)

        def work(report: Report) -> CurriculumRecord:
            report(f"Reading {source.name}")
            return curricula.import_curriculum(source)

        self.task = BackgroundTask(
            self._parent,
            "Importing the curriculum",
            work,
            self._imported,
            lambda message: self._show_error("The curriculum was not imported", message),
        )
