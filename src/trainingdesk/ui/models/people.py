"""The people table: filtered and sorted in Python, fast enough for 20,000 rows per keystroke.

Measured offscreen on 20,000 people, a `QSortFilterProxyModel` costs ~30 ms per keystroke
even when `filterAcceptsRow` only looks the row up in a precomputed set, because Qt calls
back into Python once per row; sorting through it calls `data()` once per comparison. This
model instead keeps everyone in a list, works out the rows to show over precomputed match
and sort keys (~1–10 ms), and resets itself once (~11 ms).
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt

from trainingdesk.domain.enums import Country, Sex
from trainingdesk.domain.records import PersonRow
from trainingdesk.domain.search import query_tokens
from trainingdesk.ui.models.records import Column, RecordTableModel

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


@dataclass(frozen=True)
class PeopleCriteria:
    """What the list is narrowed to; the empty criteria show everyone."""

    search: str = ""
    country: Country | None = None
    sex: Sex | None = None
    agency: str | None = None

    def narrows(self, earlier: "PeopleCriteria") -> bool:
        """True when every person matching these criteria also matched the earlier ones.

        Typing more letters only narrows: each new word contains the word typed before it.
        """
        if (self.country, self.sex, self.agency) != (earlier.country, earlier.sex, earlier.agency):
            return False
        now, before = query_tokens(self.search), query_tokens(earlier.search)
        if not before or len(now) < len(before):
            return False
        return all(old in new for old, new in zip(before, now, strict=False))


class PeopleTableModel(RecordTableModel[PersonRow]):
    """Everyone is held; the rows shown are those matching the criteria, in the sort order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(PEOPLE_COLUMNS, parent)
        self._everyone: list[PersonRow] = []
        self._criteria = PeopleCriteria()
        self._matching: list[int] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sort_keys: dict[int, list[str]] = {}

    def everyone(self) -> list[PersonRow]:
        """All people held, shown or not, in database order."""
        return self._everyone

    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        """Hold a fresh list of everyone and show those matching the current criteria."""
        self._everyone = list(rows)
        self._sort_keys.clear()
        self._matching = None
        self._show()

    def set_criteria(self, criteria: PeopleCriteria) -> None:
        """Show only the people matching every given criterion."""
        narrowing = self._matching is not None and criteria.narrows(self._criteria)
        self._criteria = criteria
        self._matching = self._match(self._matching if narrowing else None)
        self._show()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's text, case-insensitively; column -1 is the database order."""
        self._sort_column, self._sort_order = column, order
        self._show()

    def put(self, person: PersonRow) -> None:
        """Show a new or changed person (the criteria still apply)."""
        position = self._position(person.id)
        if position is None:
            self._everyone.append(person)
        else:
            self._everyone[position] = person
        self._sort_keys.clear()
        self._matching = None
        self._show()

    def discard(self, person_id: uuid.UUID) -> None:
        """Stop holding a person who is gone from the database."""
        position = self._position(person_id)
        if position is not None:
            del self._everyone[position]
            self._sort_keys.clear()
            self._matching = None
            self._show()

    def row_of(self, person_id: uuid.UUID) -> int | None:
        """The row a person is shown in, if shown."""
        return next((n for n, row in enumerate(self.rows()) if row.id == person_id), None)

    def _position(self, person_id: uuid.UUID) -> int | None:
        return next((n for n, row in enumerate(self._everyone) if row.id == person_id), None)

    def _show(self) -> None:
        if self._matching is None:
            self._matching = self._match(None)
        order = self._matching
        if self._sort_column >= 0:
            keys = self._sort_key_column(self._sort_column)
            order = sorted(
                order,
                key=keys.__getitem__,
                reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
            )
        everyone = self._everyone
        super().set_rows([everyone[n] for n in order])

    def _match(self, within: list[int] | None) -> list[int]:
        criteria = self._criteria
        everyone = self._everyone
        candidates = list(range(len(everyone))) if within is None else within
        tokens = query_tokens(criteria.search)
        if criteria.search.strip() and not tokens:
            return []
        if criteria.country is not None or criteria.sex is not None or criteria.agency:
            candidates = [
                n
                for n in candidates
                if (criteria.country is None or everyone[n].country is criteria.country)
                and (criteria.sex is None or everyone[n].sex is criteria.sex)
                and (criteria.agency is None or everyone[n].agency_acronym == criteria.agency)
            ]
        for token in tokens:  # one narrowing pass per word typed
            candidates = [n for n in candidates if token in everyone[n].search_key]
        return candidates

    def _sort_key_column(self, column: int) -> list[str]:
        if column not in self._sort_keys:
            text = PEOPLE_COLUMNS[column].text
            self._sort_keys[column] = [text(person).casefold() for person in self._everyone]
        return self._sort_keys[column]
