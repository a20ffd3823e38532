"""How certificates look: the second language per country, the signatories and the logos."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from trainingdesk.domain.certificates import LANGUAGES, MAX_LOGOS, MAX_SIGNATORIES, image_problem
from trainingdesk.domain.records import CertificateSettings, Signatory
from trainingdesk.services.certificates import settings_problems
from trainingdesk.ui.views.forms import ERROR_STYLE, finish_dialog

# Which second languages make sense for whom; French is the donor's language.
COUNTRY_LANGUAGES = {
    "AF": ("Afghan participants", ("prs", "ps", "fr")),
    "PK": ("Pakistani participants", ("ur", "fr")),
    "XX": ("Others", ("prs", "ps", "ur", "fr")),
}
_THUMBNAIL = (120, 40)
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg)"


class ImageSlot(QWidget):
    """A logo or signature: a thumbnail with Choose… and Remove."""

    def __init__(self, label: str, data: bytes, report: "_Report") -> None:
        super().__init__()
        self._label = label
        self._report = report
        self.data = b""
        self.preview = QLabel()
        self.preview.setFixedSize(*_THUMBNAIL)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #bbb; background: white")
        self.choose = QPushButton("Choose…")
        self.choose.setAccessibleName(f"Choose {label}")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"Remove {label}")
        self.choose.clicked.connect(self._choose)
        self.remove.clicked.connect(lambda: self.set_image(b""))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addWidget(self.choose)
        layout.addWidget(self.remove)
        self.set_image(data)

    def set_image(self, data: bytes) -> None:
        """Show an image (or none)."""
        self.data = data
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("none")
        else:
            self.preview.setPixmap(
                QPixmap.fromImage(image).scaled(
                    *_THUMBNAIL,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove.setEnabled(bool(data))

    def load(self, path: Path) -> bool:
        """Take the image in a file; a file that is not a usable image is explained."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._report(f"{path.name} cannot be read: {exc.strerror or exc}")
            return False
        problem = image_problem(data)
        if problem is None and QImage.fromData(data).isNull():
            problem = "cannot be read as an image"
        if problem is not None:
            self._report(f"{path.name} {problem}.")
            return False
        self._report("")
        self.set_image(data)
        return True

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Choose the {self._label}", "", IMAGE_FILTER)
        if path:
            self.load(Path(path))


class _Report:
    """Where an image slot says what is wrong with a file."""

    def __init__(self, label: QLabel) -> None:
        self._label = label

    def __call__(self, message: str) -> None:
        self._label.setText(message)
        self._label.setVisible(bool(message))


class CertificateSettingsDialog(QDialog):
    """Edit the certificate settings; OK gives `result()` a checked `CertificateSettings`."""

    def __init__(self, settings: CertificateSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Certificate settings")
        self.chosen: CertificateSettings | None = None
        self.error = QLabel()
        self.error.setObjectName("settings-error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        report = _Report(self.error)

        languages = QGroupBox("Second language, beside English")
        language_form = QFormLayout(languages)
        self.languages: dict[str, QComboBox] = {}
        for country, (caption, codes) in COUNTRY_LANGUAGES.items():
            combo = QComboBox()
            for code in codes:
                combo.addItem(LANGUAGES[code], code)
            combo.setCurrentIndex(max(0, combo.findData(settings.languages.get(country))))
            label = QLabel(f"&{caption}" if country != "XX" else caption)
            label.setBuddy(combo)
            language_form.addRow(label, combo)
            self.languages[country] = combo

        signatories = QGroupBox(
            f"Signatories (up to {MAX_SIGNATORIES}; leave a row empty to drop it)"
        )
        grid = QGridLayout(signatories)
        for column, heading in enumerate(("Name", "Title", "Scanned signature")):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        self.signatory_rows: list[tuple[QLineEdit, QLineEdit, ImageSlot]] = []
        for row in range(MAX_SIGNATORIES):
            given = settings.signatories[row] if row < len(settings.signatories) else None
            name = QLineEdit(given.name if given else "")
            name.setAccessibleName(f"Signatory {row + 1} name")
            title = QLineEdit(given.title if given else "")
            title.setAccessibleName(f"Signatory {row + 1} title")
            slot = ImageSlot(
                f"signature of signatory {row + 1}", given.signature_image if given else b"", report
            )
            grid.addWidget(name, row + 1, 0)
            grid.addWidget(title, row + 1, 1)
            grid.addWidget(slot, row + 1, 2)
            self.signatory_rows.append((name, title, slot))

        logos = QGroupBox(f"Logos across the top, left to right (up to {MAX_LOGOS})")
        logo_layout = QHBoxLayout(logos)
        self.logo_slots = [
            ImageSlot(
                f"logo {number + 1}",
                settings.logos[number] if number < len(settings.logos) else b"",
                report,
            )
            for number in range(MAX_LOGOS)
        ]
        for slot in self.logo_slots:
            logo_layout.addWidget(slot)
        finish_dialog(self, languages, signatories, logos, self.error)

    def settings(self) -> CertificateSettings:
        """The settings as the dialog shows them."""
        return CertificateSettings(
            languages={country: combo.currentData() for country, combo in self.languages.items()},
            signatories=tuple(
                Signatory(name.text().strip(), title.text().strip(), slot.data)
                for name, title, slot in self.signatory_rows
                if name.text().strip() or title.text().strip() or slot.data
            ),
            logos=tuple(slot.data for slot in self.logo_slots if slot.data),
        )

    def accept(self) -> None:
        """Close only with settings that can be printed."""
        chosen = self.settings()
        problems = settings_problems(chosen)
        if problems:
            self.error.setText("\n".join(problems.values()))
            self.error.show()
            return
        self.chosen = chosen
        super().accept()
