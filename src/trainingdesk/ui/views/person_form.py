"""The person form: every field with its own validation message beside it."""

import uuid
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from trainingdesk.domain.dates import parse_date
from trainingdesk.domain.enums import Country, RankTier, Sex
from trainingdesk.domain.errors import ValidationFailed
from trainingdesk.domain.records import AgencyRecord, PersonDraft
from trainingdesk.services.people import PeopleService
from trainingdesk.ui.views.forms import add_field, combo_box, finish_dialog, select_data

TEXT_FIELDS = (
    ("given_name", "&Given name", False),
    ("family_name", "&Family name", False),
    ("native_name", "Name in &native script", True),
    ("father_name", "Fa&ther's name", False),
    ("father_name_native", "Father's name, native scr&ipt", True),
    ("rank", "&Rank", False),
    ("service_number", "ID / service &number", False),
    ("phone", "&Phone", False),
)


class PersonDialog(QDialog):
    """Create or edit one person; OK is accepted only when the service accepts the draft."""

    def __init__(
        self,
        people: PeopleService,
        agencies: list[AgencyRecord],
        draft: PersonDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit person" if draft else "New person")
        self._people = people
        # Details the form does not show (the duty station) are kept as they were.
        self._original = draft
        self.result_draft: PersonDraft | None = None
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label, right_to_left in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            if right_to_left:
                edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            self.fields[name] = edit
            self._add_row(form, label, name, edit)
        self.sex = combo_box([(s.value, s) for s in Sex])
        self.country = combo_box([(c.value, c) for c in Country])
        self.agency = combo_box([("(none)", None), *((a.acronym, a.id) for a in agencies)])
        self.rank_tier = combo_box([(t.value, t) for t in RankTier])
        for name, label, combo in (
            ("sex", "&Sex", self.sex),
            ("country", "&Country", self.country),
            ("agency_id", "&Agency", self.agency),
            ("rank_tier", "Rank &level", self.rank_tier),
        ):
            self._add_row(form, label, name, combo)
        self.birth_date = QLineEdit()
        self.birth_date.setObjectName("birth_date")
        self.birth_date.setPlaceholderText("e.g. 1985-03-21, 21/03/1985 or 1364/01/01 (solar)")
        self._add_row(form, "Date of &birth", "birth_date", self.birth_date)
        self.consent_photo = QCheckBox("May be p&hotographed")
        self.consent_roster = QCheckBox("May be printed on r&osters")
        form.addRow("", self.consent_photo)
        form.addRow("", self.consent_roster)
        finish_dialog(self, form)
        if draft is not None:
            self._load(draft)

    def _add_row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        self.errors[name] = add_field(form, label, name, widget)

    def _load(self, draft: PersonDraft) -> None:
        for name, edit in self.fields.items():
            edit.setText(getattr(draft, name))
        select_data(self.sex, draft.sex)
        select_data(self.country, draft.country)
        select_data(self.agency, draft.agency_id)
        select_data(self.rank_tier, draft.rank_tier)
        self.birth_date.setText(draft.birth_date.isoformat() if draft.birth_date else "")
        self.consent_photo.setChecked(draft.consent_photo)
        self.consent_roster.setChecked(draft.consent_roster)

    def draft(self) -> PersonDraft:
        """What the form holds now; ValueError names a date it cannot read."""
        agency = self.agency.currentData()
        text = {name: edit.text() for name, edit in self.fields.items()}
        born = self.birth_date.text().strip()
        shown = PersonDraft(
            given_name=text["given_name"],
            family_name=text["family_name"],
            native_name=text["native_name"],
            father_name=text["father_name"],
            father_name_native=text["father_name_native"],
            rank=text["rank"],
            service_number=text["service_number"],
            phone=text["phone"],
            sex=Sex(self.sex.currentData()),
            country=Country(self.country.currentData()),
            agency_id=agency if isinstance(agency, uuid.UUID) else None,
            rank_tier=RankTier(self.rank_tier.currentData()),
            consent_photo=self.consent_photo.isChecked(),
            consent_roster=self.consent_roster.isChecked(),
            birth_date=parse_date(born) if born else None,
        )
        if self._original is None:
            return shown
        return replace(shown, duty_station_id=self._original.duty_station_id)

    def accept(self) -> None:
        """Check with the service; show each problem beside its field, or close."""
        for label in self.errors.values():
            label.hide()
        try:
            self.result_draft = self._people.check(self.draft())
        except ValueError as unreadable:
            self._show_problems({"birth_date": str(unreadable)})
            self.birth_date.setFocus()
            return
        except ValidationFailed as failure:
            self._show_problems(failure.errors)
            first = next(iter(failure.errors))
            if first in self.fields:
                self.fields[first].setFocus()
            return
        super().accept()

    def _show_problems(self, problems: dict[str, str]) -> None:
        for name, message in problems.items():
            shown = self.errors.get(name)
            if shown is not None:
                shown.setText(message)
                shown.show()
