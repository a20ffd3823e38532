"""The exercise form: what, when, where, which modules, and the completion rule."""

import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from trainingdesk.domain.completion import CompletionRule
from trainingdesk.domain.enums import ExerciseStatus, ExerciseType, KeyArea
from trainingdesk.domain.errors import ValidationFailed
from trainingdesk.domain.records import ExerciseDraft, ModuleRecord, ProjectRecord, SiteRecord
from trainingdesk.ui.views.forms import add_field, combo_box, finish_dialog, select_data


class ExerciseDialog(QDialog):
    """Create or edit an exercise; the draft is checked before the dialog closes."""

    def __init__(
        self,
        sites: list[SiteRecord],
        projects: list[ProjectRecord],
        modules: list[ModuleRecord],
        draft: ExerciseDraft | None = None,
        covered: list[uuid.UUID] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit exercise" if draft else "New exercise")
        self.result_draft: ExerciseDraft | None = None
        self.errors: dict[str, QLabel] = {}
        self.code = QLineEdit()
        self.title = QLineEdit()
        self.type = combo_box([(t.value.replace("_", " "), t) for t in ExerciseType])
        self.key_area = combo_box([(k.label, k) for k in KeyArea])
        self.status = combo_box([(s.value, s) for s in ExerciseStatus])
        self.start = _date_edit()
        self.end = _date_edit()
        self.site = combo_box([("(none)", None), *((f"{s.code} — {s.name}", s.id) for s in sites)])
        self.project = combo_box([("(none)", None), *((p.code, p.id) for p in projects)])
        self.min_share = QSpinBox()
        self.min_share.setRange(0, 100)
        self.min_share.setSuffix(" %")
        self.min_share.setValue(80)
        self.late_present = QCheckBox("&Late counts as present")
        self.late_present.setChecked(True)
        self.excused_counted = QCheckBox("E&xcused sessions count against attendance")
        self.pass_mark = QDoubleSpinBox()
        self.pass_mark.setRange(0, 100)
        self.pass_mark.setDecimals(0)
        self.pass_mark.setSpecialValueText("none")
        self.modules = QListWidget()
        for module in modules:
            item = QListWidgetItem(f"{module.code}  {module.title_en}")
            item.setData(Qt.ItemDataRole.UserRole, module.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.modules.addItem(item)

        form = QFormLayout()
        for name, label, widget in (
            ("code", "&Code", self.code),
            ("title", "&Title", self.title),
            ("type", "T&ype", self.type),
            ("key_area", "&Key area", self.key_area),
            ("status", "&Status", self.status),
            ("start_date", "St&art", self.start),
            ("end_date", "&End", self.end),
            ("site_id", "S&ite", self.site),
            ("project_id", "&Project", self.project),
            ("min_attendance_share", "&Minimum attendance", self.min_share),
            ("post_test_pass_mark", "Post-test pass mar&k", self.pass_mark),
        ):
            self._add_row(form, label, name, widget)
        form.addRow("", self.late_present)
        form.addRow("", self.excused_counted)
        form.addRow(QLabel("Modules &covered"), self.modules)
        finish_dialog(self, form)
        if draft is not None:
            self._load(draft, covered or [])

    def _add_row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        self.errors[name] = add_field(form, label, name, widget)

    def _load(self, draft: ExerciseDraft, covered: list[uuid.UUID]) -> None:
        self.code.setText(draft.code)
        self.title.setText(draft.title)
        for combo, value in (
            (self.type, draft.type),
            (self.key_area, draft.key_area),
            (self.status, draft.status),
            (self.site, draft.site_id),
            (self.project, draft.project_id),
        ):
            select_data(combo, value)
        self.start.setDate(QDate(draft.start_date))
        self.end.setDate(QDate(draft.end_date))
        self.min_share.setValue(round(draft.rule.min_attendance_share * 100))
        self.late_present.setChecked(draft.rule.late_counts_as_present)
        self.excused_counted.setChecked(draft.rule.excused_in_denominator)
        self.pass_mark.setValue(draft.rule.post_test_pass_mark or 0)
        for row in range(self.modules.count()):
            item = self.modules.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) in covered:
                item.setCheckState(Qt.CheckState.Checked)

    def draft(self) -> ExerciseDraft:
        """What the form holds now."""
        pass_mark = self.pass_mark.value()
        return ExerciseDraft(
            code=self.code.text().strip(),
            title=self.title.text().strip(),
            type=ExerciseType(self.type.currentData()),
            key_area=KeyArea(self.key_area.currentData()),
            status=ExerciseStatus(self.status.currentData()),
            start_date=_date(self.start),
            end_date=_date(self.end),
            site_id=self.site.currentData(),
            project_id=self.project.currentData(),
            rule=CompletionRule(
                min_attendance_share=self.min_share.value() / 100,
                late_counts_as_present=self.late_present.isChecked(),
                excused_in_denominator=self.excused_counted.isChecked(),
                post_test_pass_mark=pass_mark if pass_mark > 0 else None,
            ),
        )

    def covered_modules(self) -> list[uuid.UUID]:
        """The modules ticked."""
        chosen = []
        for row in range(self.modules.count()):
            item = self.modules.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                chosen.append(item.data(Qt.ItemDataRole.UserRole))
        return chosen

    def accept(self) -> None:
        """Show each problem beside its field, or close with the draft."""
        for label in self.errors.values():
            label.hide()
        draft = self.draft()
        problems = draft.problems()
        if problems:
            _show(self.errors, ValidationFailed(problems))
            return
        self.result_draft = draft
        super().accept()

    def show_problems(self, failure: ValidationFailed) -> None:
        """Show problems found by the service (e.g. a code already in use)."""
        _show(self.errors, failure)


def _show(errors: dict[str, QLabel], failure: ValidationFailed) -> None:
    for name, message in failure.errors.items():
        label = errors.get(name)
        if label is not None:
            label.setText(message)
            label.show()


def _date_edit() -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())
