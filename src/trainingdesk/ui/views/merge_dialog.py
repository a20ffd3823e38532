"""Two records of one officer, side by side: choose per field what the merged record keeps."""

from dataclasses import fields, replace

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from trainingdesk.domain.records import MergePreview, PersonDraft, PersonRecord
from trainingdesk.ui.views.forms import finish_dialog

FIELD_LABELS = {
    "given_name": "Given name",
    "family_name": "Family name",
    "native_name": "Native name",
    "father_name": "Father's name",
    "father_name_native": "Father's name (native)",
    "sex": "Sex",
    "country": "Country",
    "agency_id": "Agency",
    "rank": "Rank",
    "rank_tier": "Rank level",
    "duty_station_id": "Duty station",
    "service_number": "ID number",
    "phone": "Phone",
    "birth_date": "Date of birth",
    "consent_photo": "May be photographed",
    "consent_roster": "May be printed on rosters",
}


class MergeDialog(QDialog):
    """Pick which record stays, and for each differing field which value survives."""

    def __init__(self, first: MergePreview, second: MergePreview, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge two records of one person")
        self._previews = (first, second)
        self.keep_first = QRadioButton()
        self.keep_second = QRadioButton()
        self.keep_first.setChecked(True)
        keep = QButtonGroup(self)
        keep.addButton(self.keep_first)
        keep.addButton(self.keep_second)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.choices: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        grid = QGridLayout()
        people = (first.survivor, first.merged)
        grid.addWidget(QLabel("Keep the record of"), 0, 0)
        for column, (button, person) in enumerate(
            ((self.keep_first, people[0]), (self.keep_second, people[1])), start=1
        ):
            button.setText(person.full_name or person.native_name)
            grid.addWidget(button, 0, column)
        row = 1
        for name, label in FIELD_LABELS.items():
            values = tuple(_shown(person, name) for person in people)
            a, b = QRadioButton(values[0] or "—"), QRadioButton(values[1] or "—")
            a.setAccessibleName(f"{label}: {values[0]}")
            b.setAccessibleName(f"{label}: {values[1]}")
            group = QButtonGroup(self)
            group.addButton(a)
            group.addButton(b)
            # An empty value never wins by default over a filled one.
            (b if not values[0] and values[1] else a).setChecked(True)
            caption = QLabel(label)
            if values[0] != values[1]:
                bold = QFont(caption.font())
                bold.setBold(True)
                caption.setFont(bold)
            else:
                a.setEnabled(False)
                b.setEnabled(False)
            grid.addWidget(caption, row, 0)
            grid.addWidget(a, row, 1)
            grid.addWidget(b, row, 2)
            self.choices[name] = (a, b)
            row += 1
        finish_dialog(self, grid, self.summary)
        self.keep_first.toggled.connect(lambda _on: self._show_summary())
        self._show_summary()

    def preview(self) -> MergePreview:
        """The merge as chosen: which record stays, which goes."""
        return self._previews[0] if self.keep_first.isChecked() else self._previews[1]

    def chosen(self) -> PersonDraft:
        """The surviving details: per field, the value whose button is checked."""
        first, second = self._previews[0].survivor, self._previews[0].merged
        values = {
            name: getattr(first if self.choices[name][0].isChecked() else second, name)
            for name in FIELD_LABELS
        }
        draft = first.draft()
        return replace(draft, **{f.name: values[f.name] for f in fields(draft)})

    def _show_summary(self) -> None:
        preview = self.preview()
        moving = ", ".join(f"{count} {what}(s)" for what, count in preview.moving) or "nothing"
        dropping = ", ".join(f"{count} {what}(s)" for what, count in preview.dropping)
        kept = preview.survivor.full_name or preview.survivor.native_name
        text = f"Moving to {kept}: {moving}."
        if dropping:
            text += f" Both records have {dropping}: {kept}'s are kept."
        self.summary.setText(f"{text} You can undo the merge (Ctrl+Z) until TrainingDesk closes.")


def _shown(person: PersonRecord, name: str) -> str:
    if name == "agency_id":
        return person.agency_acronym
    if name == "duty_station_id":
        return person.duty_station_code
    value = getattr(person, name)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return ""
    return str(getattr(value, "value", value))
