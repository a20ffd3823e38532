"""Pieces every form shares: a field with its own message beside it, and OK / Cancel."""

import itertools

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
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


def combo_box(items: list[tuple[str, object]]) -> QComboBox:
    """A combo box of (text, data) pairs."""
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    return box


def select_data(combo: QComboBox, value: object) -> None:
    """Select the item holding `value`, or the first item if none does.

    `QComboBox.findData` compares Python objects such as UUIDs by identity, not by value:
    a form opened on a record would show "(none)" and save that.
    """
    found = next((n for n in range(combo.count()) if combo.itemData(n) == value), 0)
    combo.setCurrentIndex(found)


def confirm_delete(parent: QWidget, title: str, what: str) -> bool:
    """Ask before deleting; No is the default, and the answer says undo is possible."""
    answer = QMessageBox.question(
        parent,
        title,
        f"Delete {what}? You can undo this with Ctrl+Z.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab visits the widgets in reading order, whatever order they were made in."""
    for before, after in itertools.pairwise(widgets):
        QWidget.setTabOrder(before, after)
