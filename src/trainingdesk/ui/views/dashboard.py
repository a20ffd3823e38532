"""The dashboard: a coordinator's first figures, each a way into the filtered list."""

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from trainingdesk.domain.enums import Country, ExerciseStatus, Sex
from trainingdesk.services.dashboard import DashboardService


def _people_action(
    show: Callable[[Country, Sex], None], country: Country, sex: Sex
) -> Callable[[], None]:
    return lambda: show(country, sex)


def _count(number: int, thing: str) -> str:
    """`1 exercise`, `2 exercises`, `1,234 certificates`."""
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


COUNTRY_NAMES = {Country.AF: "Afghanistan", Country.PK: "Pakistan", Country.OTHER: "Other"}
SEX_NAMES = {Sex.MALE: "men", Sex.FEMALE: "women"}


class DashboardView(QWidget):
    """Buttons with counts; clicking one opens the matching list."""

    def __init__(
        self,
        dashboard: DashboardService,
        show_people: Callable[[Country, Sex], None],
        show_exercises: Callable[[int | None, ExerciseStatus | None], None],
        show_certificates: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dashboard = dashboard
        self._show_people = show_people
        self._show_exercises = show_exercises
        self._show_certificates = show_certificates
        self.people_box = QGroupBox("People")
        self.people_grid = QGridLayout(self.people_box)
        self.exercise_box = QGroupBox("Exercises and certificates")
        self.exercise_grid = QGridLayout(self.exercise_box)
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.people_box)
        layout.addWidget(self.exercise_box)
        layout.addStretch()

    def reload(self, today: date | None = None) -> None:
        """Read the figures again."""
        day = today or date.today()
        figures = self._dashboard.figures(day)
        for grid in (self.people_grid, self.exercise_grid):
            while grid.count():
                item = grid.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()
        self.buttons.clear()
        for row, country in enumerate((Country.AF, Country.PK, Country.OTHER)):
            self.people_grid.addWidget(QLabel(COUNTRY_NAMES[country]), row, 0)
            for column, sex in enumerate((Sex.MALE, Sex.FEMALE), start=1):
                count = figures.people_by_country_sex.get((country, sex), 0)
                self._button(
                    self.people_grid,
                    f"people-{country.value}-{sex.value}",
                    f"{count:,} {SEX_NAMES[sex]}",
                    row,
                    column,
                    _people_action(self._show_people, country, sex),
                )
        entries = (
            (
                "this-year",
                f"{_count(figures.exercises_this_year, 'exercise')} in {day.year}",
                lambda: self._show_exercises(day.year, None),
            ),
            (
                "ongoing",
                f"{figures.ongoing_exercises:,} ongoing",
                lambda: self._show_exercises(None, ExerciseStatus.ONGOING),
            ),
            (
                "upcoming",
                f"{figures.upcoming_exercises:,} upcoming",
                lambda: self._show_exercises(None, ExerciseStatus.PLANNED),
            ),
        )
        for column, (name, text, action) in enumerate(entries):
            self._button(self.exercise_grid, name, text, 0, column, action)
        self._button(
            self.exercise_grid,
            "certificates",
            f"{_count(figures.certificates_issued, 'certificate')} issued",
            1,
            0,
            self._show_certificates,
        )

    def _button(
        self,
        grid: QGridLayout,
        name: str,
        text: str,
        row: int,
        column: int,
        action: Callable[[], object],
    ) -> None:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(action)
        grid.addWidget(button, row, column)
        self.buttons[name] = button
