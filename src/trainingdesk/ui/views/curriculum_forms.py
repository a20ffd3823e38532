"""Forms of the Curricula screen: a curriculum version, a new version copied from one, a module."""

import re
import uuid
from dataclasses import fields, replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from trainingdesk.domain.enums import Country, CurriculumKind, CurriculumStatus
from trainingdesk.domain.records import (
    AgencyRecord,
    CompetencyEntry,
    CurriculumDraft,
    CurriculumRecord,
    ModuleDraft,
)
from trainingdesk.ui.views.forms import add_field, combo_box, finish_dialog, select_data

ASSESSMENT_METHODS = (
    "practical exercise",
    "written test",
    "oral examination",
    "simulation",
    "observation",
    "participation",
)
COUNTRY_NAMES = {Country.AF: "Afghanistan", Country.PK: "Pakistan"}


class OptionalDate(QWidget):
    """A date that may be left unset: a box to tick, and the date beside it."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.given = QCheckBox("on")
        self.given.setAccessibleName(f"{caption} given")
        self.given.setObjectName(f"{name}_given")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName(name)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setAccessibleName(caption)
        self.day.setEnabled(False)
        self.given.toggled.connect(self.day.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.given)
        layout.addWidget(self.day, stretch=1)
        self.setFocusProxy(self.given)

    def value(self) -> date | None:
        """The date, if ticked."""
        if not self.given.isChecked():
            return None
        day = self.day.date()
        return date(day.year(), day.month(), day.day())

    def set_value(self, value: date | None) -> None:
        """Tick and show a date, or untick."""
        self.given.setChecked(value is not None)
        if value is not None:
            self.day.setDate(QDate(value))


def show_problems(errors: dict[str, QLabel], problems: dict[str, str]) -> None:
    """Show each problem beside its field (every earlier message hidden first)."""
    for label in errors.values():
        label.hide()
    for name, message in problems.items():
        shown = errors.get(name)
        if shown is not None:
            shown.setText(message)
            shown.show()


def curriculum_name(curriculum: CurriculumRecord) -> str:
    """How a curriculum version is named in titles and messages."""
    return f"{curriculum.code} {curriculum.version}"


class CurriculumDialog(QDialog):
    """Create or edit a curriculum version; its life cycle (draft, adopted, retired) with dates."""

    def __init__(
        self,
        agencies: list[AgencyRecord],
        taken: set[tuple[str, str]],
        draft: CurriculumDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit curriculum" if draft else "New curriculum")
        self._taken = taken
        self.result_draft: CurriculumDraft | None = None
        self.errors: dict[str, QLabel] = {}
        self.code = QLineEdit()
        self.code.setPlaceholderText("e.g. ABP-BASIC")
        self.version = QLineEdit()
        self.version.setPlaceholderText("e.g. 2013")
        self.title = QLineEdit()
        self.kind = combo_box(
            [("national", CurriculumKind.NATIONAL), ("joint", CurriculumKind.JOINT)]
        )
        self.country = combo_box(
            [(name, country) for country, name in COUNTRY_NAMES.items()] + [("(none)", None)]
        )
        self.owner = combo_box(
            [("(the programme)", None), *((f"{a.acronym} — {a.name}", a.id) for a in agencies)]
        )
        self.status = combo_box([(s.value, s) for s in CurriculumStatus])
        self.adopted_on = OptionalDate("Adoption date", "adopted_on")
        self.retired_on = OptionalDate("Retirement date", "retired_on")
        form = QFormLayout()
        for name, label, widget in (
            ("code", "&Code", self.code),
            ("version", "&Version", self.version),
            ("title", "&Title", self.title),
            ("kind", "&Kind", self.kind),
            ("country", "C&ountry", self.country),
            ("owner_agency_id", "O&wner", self.owner),
            ("status", "&Status", self.status),
            ("adopted_on", "&Adopted", self.adopted_on),
            ("retired_on", "&Retired", self.retired_on),
        ):
            self.errors[name] = add_field(form, label, name, widget)
        finish_dialog(self, form)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.status.currentIndexChanged.connect(self._status_changed)
        if draft is not None:
            self._load(draft)
        self.resize(520, self.sizeHint().height())

    def _load(self, draft: CurriculumDraft) -> None:
        self.code.setText(draft.code)
        self.version.setText(draft.version)
        self.title.setText(draft.title)
        for combo, value in (
            (self.kind, draft.kind),
            (self.country, draft.country),
            (self.owner, draft.owner_agency_id),
            (self.status, draft.status),
        ):
            combo.blockSignals(True)
            select_data(combo, value)
            combo.blockSignals(False)
        self.adopted_on.set_value(draft.adopted_on)
        self.retired_on.set_value(draft.retired_on)

    def _kind_changed(self) -> None:
        """A joint curriculum has no country; a national one needs one."""
        joint = self.kind.currentData() == CurriculumKind.JOINT
        if joint:
            self.country.setCurrentIndex(self.country.findData(None))
        elif self.country.currentData() is None:
            self.country.setCurrentIndex(0)

    def _status_changed(self) -> None:
        """Adopting or retiring offers a date (today's, or the one shown before), which the
        user may change; a date the new status cannot have is unticked (and kept)."""
        status = CurriculumStatus(self.status.currentData())
        self.adopted_on.given.setChecked(status is not CurriculumStatus.DRAFT)
        self.retired_on.given.setChecked(status is CurriculumStatus.RETIRED)

    def draft(self) -> CurriculumDraft:
        """What the form holds now."""
        country = self.country.currentData()
        owner = self.owner.currentData()
        return CurriculumDraft(
            code=self.code.text().strip(),
            version=self.version.text().strip(),
            title=self.title.text().strip(),
            kind=CurriculumKind(self.kind.currentData()),
            country=Country(country) if country else None,
            owner_agency_id=owner if isinstance(owner, uuid.UUID) else None,
            status=CurriculumStatus(self.status.currentData()),
            adopted_on=self.adopted_on.value(),
            retired_on=self.retired_on.value(),
        )

    def accept(self) -> None:
        """Show each problem beside its field, or close with the draft."""
        draft = self.draft()
        problems = draft.problems()  # the life-cycle rules (status and dates) among them
        if (draft.code.upper(), draft.version) in self._taken:
            problems.setdefault("version", f"{draft.code} version {draft.version} already exists")
        show_problems(self.errors, problems)
        if problems:
            return
        self.result_draft = draft
        super().accept()


def next_version(version: str) -> str:
    """A likely name for the version after this one: 2013 -> 2014, 2.1 -> 2.2, v3 -> v4."""
    match = re.search(r"(\d+)(\D*)$", version)
    if match is None:
        return f"{version}-2" if version else "1"
    number = str(int(match.group(1)) + 1).zfill(len(match.group(1)))
    return f"{version[: match.start(1)]}{number}{match.group(2)}"


class NewVersionDialog(QDialog):
    """Name the new draft version copied from a curriculum (which stays as it is)."""

    def __init__(
        self,
        source: CurriculumRecord,
        taken: set[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"New version of {source.code}")
        self._source = source
        self._taken = taken
        self.chosen: tuple[str, str | None] | None = None
        explanation = QLabel(
            f"A new draft version of {source.code} is made with the {source.modules} module(s) "
            f"of version {source.version}, their competencies and their crosswalk links. "
            f"Version {source.version} ({source.status.value}) stays as it is, for the record."
        )
        explanation.setWordWrap(True)
        suggestion = next_version(source.version)
        while (source.code.upper(), suggestion) in taken:
            suggestion = next_version(suggestion)
        self.version = QLineEdit(suggestion)
        self.title = QLineEdit(source.title)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        self.errors["version"] = add_field(form, "New &version", "version", self.version)
        self.errors["title"] = add_field(form, "&Title", "title", self.title)
        finish_dialog(self, explanation, form)
        self.version.selectAll()
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        """Check the version is new and the title given, or close."""
        version, title = self.version.text().strip(), self.title.text().strip()
        problems: dict[str, str] = {}
        if not version:
            problems["version"] = "Version is required"
        elif (self._source.code.upper(), version) in self._taken:
            problems["version"] = f"{self._source.code} version {version} already exists"
        if not title:
            problems["title"] = "Title is required"
        show_problems(self.errors, problems)
        if problems:
            return
        self.chosen = (version, None if title == self._source.title else title)
        super().accept()


class ModuleDialog(QDialog):
    """Add or edit a module: titles in English and the local language, hours, objectives,
    assessment, and the competencies it develops."""

    def __init__(
        self,
        catalogue: list[CompetencyEntry],
        taken_codes: set[str],
        draft: ModuleDraft | None = None,
        chosen: list[uuid.UUID] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit module" if draft else "New module")
        self._taken = taken_codes
        self._stored = draft
        self._chosen = list(chosen or [])
        self._as_loaded: ModuleDraft | None = None
        self.result_draft: ModuleDraft | None = None
        self.errors: dict[str, QLabel] = {}
        self.code = QLineEdit()
        self.title_en = QLineEdit()
        self.title_local = QLineEdit()
        # Pashto, Dari and Urdu are typed right to left; Qt shapes them itself.
        self.title_local.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 1000)
        # Quarter hours are common (1.25 h); the table shows up to two decimals too.
        self.hours.setDecimals(2)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(" h")
        self.objectives = QPlainTextEdit()
        self.objectives.setTabChangesFocus(True)
        self.objectives.setPlaceholderText("One learning objective a line")
        self.objectives.setFixedHeight(90)
        self.assessment = QComboBox()
        self.assessment.setEditable(True)
        self.assessment.addItems(["", *ASSESSMENT_METHODS])
        self.competencies = QListWidget()
        self.competencies.setAccessibleName("Competencies")
        for entry in catalogue:
            local = f"  ({entry.title_local})" if entry.title_local else ""
            item = QListWidgetItem(f"{entry.code} — {entry.title_en}{local}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.competencies.addItem(item)
        form = QFormLayout()
        for name, label, widget in (
            ("code", "&Code", self.code),
            ("title_en", "&English title", self.title_en),
            ("title_local", "&Local title", self.title_local),
            ("hours", "&Hours", self.hours),
            ("objectives", "&Objectives", self.objectives),
            ("assessment_method", "&Assessment", self.assessment),
            ("competencies", "Co&mpetencies", self.competencies),
        ):
            self.errors[name] = add_field(form, label, name, widget)
        finish_dialog(self, form)
        if draft is not None:
            self._load(draft, chosen or [])
            self._as_loaded = self._form()
        self.resize(620, 560)

    def _load(self, draft: ModuleDraft, chosen: list[uuid.UUID]) -> None:
        self.code.setText(draft.code)
        self.title_en.setText(draft.title_en)
        self.title_local.setText(draft.title_local)
        self.hours.setValue(draft.hours)
        self.objectives.setPlainText(draft.objectives)
        self.assessment.setCurrentText(draft.assessment_method)
        for row in range(self.competencies.count()):
            item = self.competencies.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) in chosen:
                item.setCheckState(Qt.CheckState.Checked)

    def _form(self) -> ModuleDraft:
        return ModuleDraft(
            code=self.code.text().strip(),
            title_en=self.title_en.text().strip(),
            title_local=self.title_local.text().strip(),
            hours=self.hours.value(),
            objectives=self.objectives.toPlainText().strip(),
            assessment_method=self.assessment.currentText().strip(),
        )

    def draft(self) -> ModuleDraft:
        """What the form holds now; a field left as it was keeps its stored value exactly
        (the form may show it rounded or trimmed)."""
        shown, stored, loaded = self._form(), self._stored, self._as_loaded
        if stored is None or loaded is None:
            return shown
        kept = {
            f.name: getattr(stored, f.name)
            for f in fields(ModuleDraft)
            if getattr(shown, f.name) == getattr(loaded, f.name)
        }
        return replace(shown, **kept)

    def chosen_competencies(self) -> list[uuid.UUID]:
        """The competencies ticked, in catalogue order (as stored if the ticks are unchanged)."""
        chosen = []
        for row in range(self.competencies.count()):
            item = self.competencies.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                chosen.append(item.data(Qt.ItemDataRole.UserRole))
        return self._chosen if set(chosen) == set(self._chosen) else chosen

    def changed(self) -> bool:
        """Whether the form differs from the module it was opened on (a new one always does)."""
        if self._stored is None:
            return True
        return (self.draft(), self.chosen_competencies()) != (self._stored, self._chosen)

    def accept(self) -> None:
        """Show each problem beside its field, or close with the draft."""
        draft = self.draft()
        problems = draft.problems()
        if draft.code.upper() in self._taken:
            problems.setdefault("code", f"{draft.code} is already used in this curriculum")
        show_problems(self.errors, problems)
        if problems:
            first = {"code": self.code, "title_en": self.title_en}.get(next(iter(problems)))
            if first is not None:
                first.setFocus()
            return
        self.result_draft = draft
        super().accept()
