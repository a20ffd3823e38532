"""The session form: day, times, module and trainer of one block of an exercise."""

import uuid
from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from trainingdesk.domain.records import EnrolmentRecord, ModuleRecord, SessionDraft
from trainingdesk.ui.views.forms import ERROR_STYLE, finish_dialog


class SessionDialog(QDialog):
    """Edit a session; problems are shown under the form and the dialog stays open."""

    def __init__(
        self,
        draft: SessionDraft,
        first_day: date,
        last_day: date,
        modules: list[ModuleRecord],
        trainers: list[EnrolmentRecord],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit session")
        self.result_draft: SessionDraft | None = None
        self.day = QDateEdit(QDate(draft.day))
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDateRange(QDate(first_day), QDate(last_day))
        self.timed = QCheckBox("Has &times")
        self.timed.setChecked(draft.start_time is not None)
        self.start = _time_edit(draft.start_time or time(8, 30))
        self.end = _time_edit(draft.end_time or time(12, 0))
        self.title = QLineEdit(draft.title)
        self.module = QComboBox()
        self.module.addItem("(none)", None)
        for module in modules:
            self.module.addItem(f"{module.code}  {module.title_en}", str(module.id))
        self.trainer = QComboBox()
        self.trainer.addItem("(none)", None)
        for trainer in trainers:
            self.trainer.addItem(trainer.person_name, str(trainer.person_id))
        for combo, value in ((self.module, draft.module_id), (self.trainer, draft.trainer_id)):
            combo.setCurrentIndex(max(combo.findData(str(value) if value else None), 0))
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.hide()
        form = QFormLayout()
        for label, widget in (
            ("&Day", self.day),
            ("", self.timed),
            ("&From", self.start),
            ("&To", self.end),
            ("T&itle", self.title),
            ("&Module", self.module),
            ("T&rainer", self.trainer),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        finish_dialog(self, form, self.problems)
        self.timed.toggled.connect(self.start.setEnabled)
        self.timed.toggled.connect(self.end.setEnabled)
        self.start.setEnabled(self.timed.isChecked())
        self.end.setEnabled(self.timed.isChecked())

    def draft(self) -> SessionDraft:
        """What the form holds now."""
        day = self.day.date()
        module, trainer = self.module.currentData(), self.trainer.currentData()
        return SessionDraft(
            day=date(day.year(), day.month(), day.day()),
            start_time=_time(self.start) if self.timed.isChecked() else None,
            end_time=_time(self.end) if self.timed.isChecked() else None,
            title=self.title.text().strip(),
            module_id=uuid.UUID(module) if module else None,
            trainer_id=uuid.UUID(trainer) if trainer else None,
        )

    def accept(self) -> None:
        """Close only with a session that makes sense."""
        draft = self.draft()
        problems = draft.problems()
        if problems:
            self.problems.setText(
                "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in problems.items())
            )
            self.problems.show()
            return
        self.result_draft = draft
        super().accept()


def _time_edit(value: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    return edit


def _time(edit: QTimeEdit) -> time:
    value = edit.time()
    return time(value.hour(), value.minute())
