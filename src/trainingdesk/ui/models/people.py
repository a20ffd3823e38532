"""The people table and its filter, fast enough for 20,000 rows on every keystroke."""

from PySide6.QtCore import QObject, QSortFilterProxyModel

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.records import PersonRow
from trainingdesk.domain.search import query_tokens
from trainingdesk.ui.models.records import AnyIndex, Column, RecordTableModel

PEOPLE_COLUMNS: tuple[Column[PersonRow], ...] = (
    Column("Name", lambda p: p.full_name),
    Column("Native name", lambda p: p.native_name, right_to_left=True),
    Column("Father", lambda p: p.father_name),
    Column("Sex", lambda p: p.sex.value),
    Column("Country", lambda p: p.country.value),
    Column("Agency", lambda p: p.agency_acronym),
    Column("Rank", lambda p: p.rank),
    Column("ID number", lambda p: p.service_number),
)


def people_model(parent: QObject | None = None) -> RecordTableModel[PersonRow]:
    """A people table model with the standard columns."""
    return RecordTableModel(PEOPLE_COLUMNS, parent)


class PeopleFilter(QSortFilterProxyModel):
    """Filters on precomputed match keys; the accepted rows are worked out in Python once.

    Asking `data()` of every row per keystroke costs ~165 ms on 20,000 rows; checking a
    set of accepted row numbers costs a tenth of that.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accepted: set[int] | None = None

    def set_criteria(
        self,
        search: str = "",
        country: Country | None = None,
        sex: Sex | None = None,
        agency: str | None = None,
    ) -> None:
        """Show only the people matching every given criterion."""
        source = self.sourceModel()
        assert isinstance(source, RecordTableModel)
        people: list[PersonRow] = source.rows()
        tokens = query_tokens(search)
        accepted: set[int] | None
        if search.strip() and not tokens:
            accepted = set()
        elif not tokens and country is None and sex is None and agency is None:
            accepted = None
        else:
            candidates = [
                number
                for number, person in enumerate(people)
                if (country is None or person.country is country)
                and (sex is None or person.sex is sex)
                and (agency is None or person.agency_acronym == agency)
            ]
            for token in tokens:  # one narrowing pass per word typed
                candidates = [n for n in candidates if token in people[n].search_key]
            accepted = set(candidates)
        self.beginFilterChange()
        self._accepted = accepted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        """A row is shown when no criterion is set or it was accepted."""
        return self._accepted is None or source_row in self._accepted
