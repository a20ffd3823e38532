"""Small widgets of the crosswalk: bilingual cells, and the buttons that choose the national
curricula of a side from a menu that stays open while boxes are ticked."""

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from trainingdesk.ui.models.curricula import LOCAL_LINE_ROLE

# Longer than this, a side button counts its curricula instead of naming them.
LONGEST_NAMES = 45


class BilingualDelegate(QStyledItemDelegate):
    """A cell of English lines and a Pashto, Dari or Urdu line (`LOCAL_LINE_ROLE`): the
    English aligned left, the Arabic-script line right to left and aligned right, as in the
    modules table and the crosswalk PDF. Other cells are drawn as usual."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """The cell's background as usual, then each script on its own side."""
        local = index.data(LOCAL_LINE_ROLE)
        if not local:
            super().paint(painter, option, index)
            return
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        english = str(index.data(Qt.ItemDataRole.DisplayRole) or "").removesuffix(f"\n{local}")
        widget = shown.widget
        style = widget.style() if widget is not None else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, widget)
        area = area.adjusted(margin, 0, -margin, 0)
        shown.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, widget)
        painter.save()
        painter.setPen(shown.palette.color(_colour_group(shown), _text_role(shown)))
        painter.setFont(shown.font)
        wrap = Qt.TextFlag.TextWordWrap if shown.features & shown.ViewItemFeature.WrapText else 0
        top = Qt.AlignmentFlag.AlignTop
        left = int(Qt.AlignmentFlag.AlignLeft | top) | int(wrap)
        # Absolute: in a right-to-left layout a plain AlignRight would mean the left edge.
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | top) | int(wrap)
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        used = painter.boundingRect(area, left, english)
        painter.drawText(area, left, english)
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        painter.drawText(area.adjusted(0, used.height(), 0, 0), right, str(local))
        painter.restore()


def _colour_group(option: QStyleOptionViewItem) -> QPalette.ColorGroup:
    if not option.state & QStyle.StateFlag.State_Enabled:
        return QPalette.ColorGroup.Disabled
    if not option.state & QStyle.StateFlag.State_Active:
        return QPalette.ColorGroup.Inactive
    return QPalette.ColorGroup.Normal


def _text_role(option: QStyleOptionViewItem) -> QPalette.ColorRole:
    if option.state & QStyle.StateFlag.State_Selected:
        return QPalette.ColorRole.HighlightedText
    return QPalette.ColorRole.Text


class KeepOpenMenu(QMenu):
    """A menu of boxes to tick that stays open while they are ticked (by mouse, Space or
    Enter); Esc or a click outside closes it."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Tick or untick the box under the pointer, and stay open."""
        action = self.actionAt(event.position().toPoint())
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Space or Enter ticks the highlighted box, and the menu stays open."""
        action = self.activeAction()
        keys = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() in keys and action is not None and action.isCheckable():
            if action.isEnabled():
                action.trigger()
            event.accept()
            return
        super().keyPressEvent(event)


def side_button(side: str, parent: QWidget | None = None) -> QPushButton:
    """A button that opens the menu of a side's national curricula.

    A push button leaves room for its menu arrow (a tool button drew the arrow over the
    last characters of its text).
    """
    button = QPushButton(parent)
    button.setMenu(KeepOpenMenu(button))
    button.setAccessibleName(f"{side} curricula")
    return button


def name_side(button: QPushButton, side: str, names: Sequence[str]) -> None:
    """Name the curricula chosen on the button, or count them when the names are long; the
    tip lists them all."""
    joined = ", ".join(names)
    if not names:
        text = "(none)"
    elif len(names) == 1 or len(joined) <= LONGEST_NAMES:
        text = joined
    else:
        text = f"{len(names)} {side} curricula"
    button.setText(text)
    tip = "\n".join(names) if names else f"No {side} curriculum chosen"
    button.setToolTip(f"{tip}\n(click to choose)")
    button.setAccessibleDescription(joined or tip)
