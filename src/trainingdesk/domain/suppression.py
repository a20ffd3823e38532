"""Small-cell suppression: a count of a few people is hidden, and enough other figures with it
that it cannot be worked out from the totals.

The rule, as the donor report states it (threshold 5):

- Primary: a count from 1 to 4 is shown as "<5". Zero is shown as 0: a group with no one in
  it points at no one, and hiding zeros would blank most of a table broken down by sex and
  agency.
- Complementary: further counts, of 5 or more, are hidden as "x" until no "<5" can be
  recovered. Every sum a row or column shows must then hide two figures or none, so that
  subtraction gives nothing away. A reader is assumed to know every sum the report shows
  (a row and its total, agencies and their country, the quarters and the year...), that
  "<5" stands for 1 to 4 and "x" for 5 or more; no reader may pin a "<5" down, whether by
  linear algebra, by narrowing ranges sum by sum (row [<5, x | 6] leaves at most 1 for
  the "<5", since x is at least 5), or by linear programming over all the sums at once
  (see `suppression_audit`). Figures to hide are chosen near the exposed count, in the
  sums that hide a single figure first, smallest first, grand totals last.
- In the rare sum whose every non-zero figure is already hidden and still gives a "<5"
  away (four "<5" cells whose total is "<5" must each be 1), its zeros are hidden as "<5"
  too, and "<5" then means 0 to 4 there. Should even that fail (a tiny table), the
  figures concerned are all withheld as "–", which says nothing of their size.
- Threshold 0 (or 1) turns suppression off.

The figures of one report are linked (the same total appears in several tables), so the
cells and sums of all linked tables are protected together, as one `Cells` set.
"""

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from trainingdesk.domain.suppression_audit import (
    Equation,
    Range,
    determined,
    narrowed,
    pinned_by_program,
)

COMPLEMENTARY_MARK = "x"
WITHHELD_MARK = "–"
_TRIALS = 4  # figures tried, one audit each, before settling for the best-placed


def primary_mark(threshold: int) -> str:
    """How a small count reads: "<5"."""
    return f"<{threshold}"


class Status(Enum):
    """What became of a cell."""

    SHOWN = "shown"
    PRIMARY = "primary"  # a small count, or a zero hidden with small counts
    COMPLEMENTARY = "complementary"  # hidden so that a small count cannot be worked out
    WITHHELD = "withheld"  # all of a few figures that nothing else could protect


@dataclass(frozen=True)
class Line:
    """A sum a reader can see: the cell `total` is the sum of the cells `members`.

    When not `exact`, the total is at most the sum: people counted once in the total may
    be counted in several members (a person trained in two exercises).
    """

    total: int
    members: tuple[int, ...]
    exact: bool = True

    @property
    def cells(self) -> tuple[int, ...]:
        """The total and its members."""
        return (self.total, *self.members)


@dataclass
class Cells:
    """Counts and the sums between them, to be protected together.

    A `silent` cell is not printed itself but can be worked out from what is (an exercise's
    completions from its completion rate and participants): hiding it means hiding what
    reveals it. A `forced` cell is hidden whatever its value. A `keep` cell (a grand total)
    is hidden only when nothing else protects a small count.
    """

    values: list[int] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    silent: set[int] = field(default_factory=set)
    forced: set[int] = field(default_factory=set)
    keep: set[int] = field(default_factory=set)

    def add(
        self, value: int, *, silent: bool = False, forced: bool = False, keep: bool = False
    ) -> int:
        """A new cell; returns its index."""
        if value < 0:
            raise ValueError(f"a count cannot be negative: {value}")
        index = len(self.values)
        self.values.append(value)
        for flag, cells in ((silent, self.silent), (forced, self.forced), (keep, self.keep)):
            if flag:
                cells.add(index)
        return index

    def add_line(self, total: int, members: Iterable[int], *, at_most: bool = False) -> None:
        """Declare that cell `total` is the sum of `members` (`at_most`: at most their sum).

        An `at_most` line whose total happens to equal the sum is protected as a sum: a
        reader who guesses that no one was counted twice would guess right.
        """
        members = tuple(members)
        whole = sum(self.values[m] for m in members)
        if self.values[total] > whole or (not at_most and self.values[total] != whole):
            raise ValueError(f"cell {total} does not add up from cells {members}")
        self.lines.append(Line(total, members, exact=self.values[total] == whole))

    def protect(self, threshold: int) -> "Protection":
        """Apply the rule; threshold 0 or 1 hides nothing."""
        return _Protector(self, threshold).run()


@dataclass(frozen=True)
class Protection:
    """The outcome: each cell's status, and how it reads."""

    values: tuple[int, ...]
    statuses: tuple[Status, ...]
    threshold: int
    # "<5" cells that read 0 to 4, where zeros had to be hidden too.
    may_be_zero: frozenset[int] = frozenset()
    # Small counts still given away when nothing more could be hidden (none in practice;
    # kept so that tests can say so).
    unprotected: tuple[int, ...] = ()

    def hidden(self, index: int) -> bool:
        """Whether the cell is not shown."""
        return self.statuses[index] is not Status.SHOWN

    def show(self, index: int) -> int | str:
        """The number, or how it reads hidden: "<5", "x" or "–"."""
        status = self.statuses[index]
        if status is Status.SHOWN:
            return self.values[index]
        if status is Status.PRIMARY:
            return primary_mark(self.threshold)
        if status is Status.WITHHELD:
            return WITHHELD_MARK
        return COMPLEMENTARY_MARK


def table_cells(body: Sequence[Sequence[int]]) -> tuple[Cells, list[list[int]]]:
    """A table of counts with its totals (last column, last row) as cells, and its layout."""
    cells = Cells()
    grid = [[cells.add(value) for value in row] for row in body]
    columns = len(grid[0]) if grid else 0
    row_totals = [cells.add(sum(row)) for row in body]
    column_totals = [cells.add(sum(row[c] for row in body)) for c in range(columns)]
    grand = cells.add(sum(map(sum, body)))
    for row, total in zip(grid, row_totals, strict=True):
        cells.add_line(total, row)
    for c, total in enumerate(column_totals):
        cells.add_line(total, [row[c] for row in grid])
    cells.add_line(grand, row_totals)
    cells.add_line(grand, column_totals)
    layout = [[*row, total] for row, total in zip(grid, row_totals, strict=True)]
    layout.append([*column_totals, grand])
    return cells, layout


def suppress_table(body: Sequence[Sequence[int]], threshold: int) -> list[list[int | str]]:
    """A table of counts with its totals added (last column, last row), suppressed."""
    cells, layout = table_cells(body)
    shown = cells.protect(threshold)
    return [[shown.show(index) for index in row] for row in layout]


class _Protector:
    """One run of the rule over a set of cells.

    Each sum is kept as an equation over its hidden cells, updated as cells are hidden,
    so that an audit costs the hidden figures, not the size of the tables.
    """

    def __init__(self, cells: Cells, threshold: int) -> None:
        self.values = cells.values
        self.lines = cells.lines
        # Cells printed without a mark: a reader knows nothing of their size.
        self.unmarked = cells.silent | cells.forced
        self.keep = cells.keep
        self.threshold = threshold
        self.status = [Status.SHOWN] * len(self.values)
        self.may_be_zero: set[int] = set()  # "<5" cells that read 0 to 4
        self.lines_of: list[list[int]] = [[] for _ in self.values]
        self.hidden_terms: list[dict[int, float]] = [{} for _ in self.lines]
        self.known: list[float] = []
        # The figures of each sum that are shown and not zero: what could still be hidden.
        self.shown_figures: list[set[int]] = []
        self.small: set[int] = set()  # the "<5" cells that are not zeros
        # Audits of groups of hidden cells that share sums, by what a reader sees of them:
        # hiding a figure elsewhere leaves them as they were.
        self.audits: dict[tuple[tuple[int, Status, Range], ...], _Audit] = {}
        for number, line in enumerate(self.lines):
            for cell in line.cells:
                self.lines_of[cell].append(number)
            self.known.append(sum(self.values[m] for m in line.members) - self.values[line.total])
            self.shown_figures.append({cell for cell in line.cells if self.values[cell] > 0})
        if threshold > 1:
            for index, value in enumerate(self.values):
                if 0 < value < threshold:
                    self.set_status(index, Status.PRIMARY)
            for index in cells.forced:
                if self.status[index] is Status.SHOWN:
                    self.set_status(index, Status.COMPLEMENTARY)

    def set_status(self, cell: int, status: Status) -> None:
        was_hidden = self.is_hidden(cell)
        self.status[cell] = status
        if status is Status.PRIMARY and self.values[cell] > 0:
            self.small.add(cell)
        else:
            self.small.discard(cell)
        if was_hidden == self.is_hidden(cell):
            return
        for number in self.lines_of[cell]:
            line = self.lines[number]
            sign = -1.0 if cell == line.total else 1.0
            if was_hidden:
                del self.hidden_terms[number][cell]
                self.known[number] += sign * self.values[cell]
                if self.values[cell] > 0:
                    self.shown_figures[number].add(cell)
            else:
                self.hidden_terms[number][cell] = sign
                self.known[number] -= sign * self.values[cell]
                self.shown_figures[number].discard(cell)

    def is_hidden(self, index: int) -> bool:
        return self.status[index] is not Status.SHOWN

    def run(self) -> Protection:
        exposed: list[int] = []
        while self.threshold > 1:
            if self.cover_lone_figures():
                continue
            exposed = self.exposed(deep=True)
            if not exposed or not self.cover(exposed):
                break
        if exposed:
            self.withhold(exposed)
            exposed = self.exposed(deep=True)
        return Protection(
            tuple(self.values),
            tuple(self.status),
            self.threshold,
            frozenset(self.may_be_zero),
            tuple(exposed),
        )

    # --- What a reader can work out -----------------------------------------------------

    def exposed(self, *, deep: bool = False) -> list[int]:
        """Small counts that the visible figures give away, exactly or as the only value.

        `deep` adds the linear program when the cheaper readers find nothing. Each group
        of hidden cells joined by sums is audited on its own (a sum that hides none of a
        group's cells says nothing of them), and an audit is reused until a figure of its
        group is hidden or shown.
        """
        if not self.small:
            return []
        audits = [self.audit(group) for group in self.groups(self.small)]
        found = sorted(cell for audit in audits for cell in audit.found)
        if found or not deep:
            return found
        return sorted(cell for audit in audits for cell in audit.pinned())

    def groups(self, cells: Iterable[int]) -> list[list[int]]:
        """The groups of hidden cells joined by sums that hold `cells`, each once."""
        seen: set[int] = set()
        result = []
        for cell in sorted(cells):
            if cell not in seen:
                group = self.group(cell)
                seen.update(group)
                result.append(group)
        return result

    def group(self, cell: int) -> list[int]:
        """The hidden cells joined to hidden `cell` through the sums that hide them, sorted."""
        found = {cell}
        todo = [cell]
        seen_lines: set[int] = set()
        while todo:
            for number in self.lines_of[todo.pop()]:
                if number in seen_lines:
                    continue
                seen_lines.add(number)
                for other in self.hidden_terms[number]:
                    if other not in found:
                        found.add(other)
                        todo.append(other)
        return sorted(found)

    def audit(self, group: list[int]) -> "_Audit":
        """What a reader can work out of one group of hidden cells (sorted)."""
        ranges = {cell: self.range(cell) for cell in group}
        key = tuple((cell, self.status[cell], ranges[cell]) for cell in group)
        audit = self.audits.get(key)
        if audit is None:
            numbers = sorted({n for cell in group for n in self.lines_of[cell]})
            equations = [
                Equation(dict(self.hidden_terms[n]), self.known[n], self.lines[n].exact)
                for n in numbers
            ]
            small = [cell for cell in group if cell in self.small]
            audit = self.audits[key] = _Audit(equations, ranges, small, self.values)
        return audit

    def range(self, cell: int) -> Range:
        """What the mark of a hidden cell says of it."""
        status = self.status[cell]
        if cell in self.unmarked or status is Status.WITHHELD:
            return (0, math.inf)
        if status is Status.PRIMARY:
            return (0 if cell in self.may_be_zero else 1, self.threshold - 1)
        return (self.threshold, math.inf)

    # --- Hiding more ----------------------------------------------------------------------

    def cover_lone_figures(self) -> bool:
        """In each sum that hides one printed figure only, hide the best other figure too.

        Subtraction would give the figure away: a small count, or an "x" that a reader
        could work out and then use against its neighbours.
        """
        progress = False
        for number, line in enumerate(self.lines):
            terms = self.hidden_terms[number]
            if line.exact and len(terms) == 1 and not terms.keys() & self.unmarked:
                choice = min(self.shown_figures[number], key=self.score, default=None)
                if choice is not None:
                    self.set_status(choice, Status.COMPLEMENTARY)
                    progress = True
        return progress

    def cover(self, exposed: list[int]) -> bool:
        """Hide more figures around exposed counts; False when nothing more can be hidden.

        For a count given away by a chain of sums or by the ranges: the first nearby
        figure whose hiding frees it, best placed first; failing that, the best placed;
        failing that, the zeros beside it.
        """
        for cell in exposed:
            nearby = self.nearby(cell)
            for choice in nearby[:_TRIALS]:
                self.set_status(choice, Status.COMPLEMENTARY)
                if not self.audit(self.group(cell)).exposes(cell):
                    return True
                self.set_status(choice, Status.SHOWN)
            if nearby:
                self.set_status(nearby[0], Status.COMPLEMENTARY)
                return True
            if self.hide_zeros_beside(cell):
                return True
        return False

    def score(self, cell: int) -> tuple[bool, int, int, int, int]:
        """Best placed first: in most sums that hide a single figure, opening fewest new
        such sums, then smallest, grand totals last."""
        lone = opened = 0
        for number in self.lines_of[cell]:
            hidden = len(self.hidden_terms[number])
            lone += hidden == 1
            opened += hidden == 0
        return (cell in self.keep, -lone, opened, self.values[cell], cell)

    def nearby(self, cell: int) -> list[int]:
        """The best placed figures that could be hidden to protect `cell` (as many as
        `cover` tries): figures of its own sums, and of the sums of the figures hidden in
        those."""
        own = set(self.lines_of[cell])
        hidden = {c for n in own for c in self.hidden_terms[n]}
        lines = own.union(*(self.lines_of[c] for c in hidden))
        candidates = set().union(*(self.shown_figures[n] for n in lines))
        return heapq.nsmallest(_TRIALS, candidates, key=self.score)

    def hide_zeros_beside(self, cell: int) -> bool:
        """Hide the zeros of the sums around `cell` as "<5", which then reads 0 to 4 there.

        The last resort, when every non-zero figure around is hidden and the small counts
        still add up to too little to hide anything (1, 1, 1 and 1 of a total "<5"). The
        zeros of every sum joined to `cell` through hidden figures go, so that no sum is
        left with a single hidden zero that reads as one.
        """
        hid_zeros = True
        while hid_zeros:  # a zero hidden joins its own sums in turn
            hid_zeros = False
            reached = self.joined(cell)
            for number in reached:
                for other in self.lines[number].cells:
                    if self.status[other] is Status.SHOWN and self.values[other] == 0:
                        self.set_status(other, Status.PRIMARY)
                        hid_zeros = True
        widened = {
            c
            for n in reached
            for c in self.lines[n].cells
            if self.status[c] is Status.PRIMARY and c not in self.may_be_zero
        }
        self.may_be_zero |= widened
        return bool(widened)

    def withhold(self, exposed: list[int]) -> None:
        """Hide every figure joined to an exposed count as "–", which says nothing of its size.

        Only a tiny table comes to this (every figure hidden and "<5" and "x" still tell too
        much: [<5, <5 | <5] over [<5, <5 | x] with totals x); "–" replaces "<5" there too.
        """
        for cell in exposed:
            for number in self.joined(cell):
                for other in self.lines[number].cells:
                    if self.is_hidden(other):
                        self.set_status(other, Status.WITHHELD)
            self.set_status(cell, Status.WITHHELD)

    def joined(self, cell: int) -> set[int]:
        """The sums reached from `cell` through hidden figures."""
        reached: set[int] = set()
        ring = set(self.lines_of[cell])
        while ring:
            reached |= ring
            hidden = {c for n in ring for c in self.lines[n].cells if self.is_hidden(c)}
            ring = {n for c in hidden for n in self.lines_of[c]} - reached
        return reached


class _Audit:
    """The readers of `suppression_audit` on one group of hidden cells and its sums, each
    run once and only when asked."""

    def __init__(
        self,
        equations: list[Equation],
        ranges: dict[int, Range],
        small: list[int],
        values: Sequence[int],
    ) -> None:
        self.equations = equations
        self.ranges = ranges
        self.small = small
        self.values = values
        self._given_away: set[int] | None = None
        self._narrow: dict[int, Range] | None = None
        self._pinned: list[int] | None = None

    def exposes(self, cell: int) -> bool:
        """Whether linear algebra or the ranges pin the small count `cell` down."""
        if self._given_away is None:
            self._given_away = determined(self.equations)
        if cell in self._given_away:
            return True
        if self._narrow is None:
            self._narrow = narrowed(self.equations, self.ranges)
        low, high = self._narrow[cell]
        return low == high

    @property
    def found(self) -> list[int]:
        """The small counts that linear algebra or the ranges pin down."""
        return [cell for cell in self.small if self.exposes(cell)]

    def pinned(self) -> list[int]:
        """The small counts that the linear program pins down."""
        if self._pinned is None:
            self._pinned = pinned_by_program(self.equations, self.ranges, self.small, self.values)
        return self._pinned
