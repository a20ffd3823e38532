"""The link form: a national module, the joint module it corresponds to, how far, and why."""

import uuid

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from trainingdesk.domain.crosswalk import CrosswalkLink, CrosswalkModule
from trainingdesk.domain.enums import Country, Equivalence
from trainingdesk.ui.models.curricula import SIDE_NAME, module_label
from trainingdesk.ui.views.curriculum_forms import show_problems
from trainingdesk.ui.views.forms import add_field, combo_box, finish_dialog, select_data

EQUIVALENCE_CHOICES = (
    ("full — the national module covers the joint module entirely", Equivalence.FULL),
    ("partial — it covers part of the joint module", Equivalence.PARTIAL),
    ("none — it does not cover it (say why in the note)", Equivalence.NONE),
)
LinkKey = tuple[uuid.UUID, uuid.UUID]


class LinkDialog(QDialog):
    """Link a national module to a joint module, or change an existing link."""

    def __init__(
        self,
        national: list[tuple[Country, CrosswalkModule]],
        joint: list[CrosswalkModule],
        existing: dict[LinkKey, CrosswalkLink],
        preset: tuple[uuid.UUID | None, uuid.UUID | None] = (None, None),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._existing = existing
        national_id, joint_id = preset
        fixed = national_id is not None and (national_id, joint_id) in existing
        self.setWindowTitle("Change link" if fixed else "Link modules")
        self.chosen: tuple[uuid.UUID, uuid.UUID, Equivalence, str] | None = None
        self.national = combo_box(
            [
                (f"{SIDE_NAME.get(side, side.value)}: {module_label(module)}", module.id)
                for side, module in national
            ]
        )
        self.joint = combo_box([(module_label(module), module.id) for module in joint])
        self.equivalence = combo_box([(text, value) for text, value in EQUIVALENCE_CHOICES])
        self.note = QLineEdit()
        self.note.setPlaceholderText("e.g. the joint module adds cross-border liaison")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label, widget in (
            ("national", "&National module", self.national),
            ("joint", "&Joint module", self.joint),
            ("equivalence", "&Equivalence", self.equivalence),
            ("note", "N&ote", self.note),
        ):
            self.errors[name] = add_field(form, label, name, widget)
        finish_dialog(self, form, self.state)
        for combo, value in ((self.national, national_id), (self.joint, joint_id)):
            if value is not None:
                select_data(combo, value)
        self.national.setEnabled(not fixed)
        self.joint.setEnabled(not fixed)
        self.national.currentIndexChanged.connect(lambda _index: self._pair_changed())
        self.joint.currentIndexChanged.connect(lambda _index: self._pair_changed())
        self._pair_changed()
        self.resize(640, self.sizeHint().height())

    def pair(self) -> LinkKey | None:
        """The national and joint module chosen."""
        national, joint = self.national.currentData(), self.joint.currentData()
        if isinstance(national, uuid.UUID) and isinstance(joint, uuid.UUID):
            return national, joint
        return None

    def _pair_changed(self) -> None:
        """An existing link shows its equivalence and note, ready to change."""
        pair = self.pair()
        link = self._existing.get(pair) if pair else None
        if link is None:
            self.state.setText("These modules are not linked yet.")
            return
        self.equivalence.setCurrentIndex(max(self.equivalence.findData(link.equivalence), 0))
        self.note.setText(link.note)
        self.state.setText(
            f"Already linked as {link.equivalence.value}; OK stores the equivalence and note above."
        )

    def accept(self) -> None:
        """Both modules are needed; the link is returned, or nothing when nothing changed."""
        pair = self.pair()
        problems: dict[str, str] = {}
        if self.national.currentData() is None:
            problems["national"] = "no national module in the chosen curricula"
        if self.joint.currentData() is None:
            problems["joint"] = "the joint curriculum has no module yet"
        show_problems(self.errors, problems)
        if problems or pair is None:
            return
        equivalence = Equivalence(self.equivalence.currentData())
        self.chosen = (*pair, equivalence, self.note.text().strip())
        super().accept()
