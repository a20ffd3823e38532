"""Pieces every form shares: a field with its own message beside it, and OK / Cancel."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b00020"


def add_field(form: QFormLayout, label: str, name: str, widget: QWidget) -> QLabel:
    """Add a captioned field (the label's & gives its shortcut); returns its hidden message."""
    error = QLabel()
    error.setObjectName(f"{name}_error")
    error.setStyleSheet(ERROR_STYLE)
    error.hide()
    row = QHBoxLayout()
    row.addWidget(widget, stretch=1)
    row.addWidget(error)
    caption = QLabel(label)
    caption.setBuddy(widget)
    form.addRow(caption, row)
    return error


def finish_dialog(dialog: QDialog, *parts: QLayout | QWidget) -> None:
    """Lay out the parts top to bottom with OK and Cancel under them."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addWidget(buttons)
