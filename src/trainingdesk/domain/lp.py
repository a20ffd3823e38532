"""A small linear program solver, for auditing small-cell suppression.

The audit asks how far hidden counts could move while every figure a reader sees stays
the same: maximise some cells subject to the visible sums and to the ranges the marks
allow. The programs are small (a few dozen sums over the hidden cells of one report), so
a dense two-phase simplex with Bland's rule is enough, and keeps TrainingDesk free of a
numerical library it would need nowhere else. A variable's range is kept out of the
tableau: a variable not in the basis sits at one end of its range or the other, and may
jump from one to the other without a pivot. With a row per sum only, a report with
thousands of small counts hidden (a high threshold) stays a tableau of a few dozen rows.
Phase one runs once; each objective then starts from its feasible tableau.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_EPS = 1e-9
_PATIENCE = 50  # pivots without gain before Bland's rule takes over


@dataclass(frozen=True)
class Constraint:
    """sum(coefficients[v] * v) == bound, or >= bound when not `equal`."""

    coefficients: Mapping[int, float]
    bound: float
    equal: bool = True


class Program:
    """Variables 0..n-1 within [low, high] (`low` finite), under linear constraints."""

    def __init__(
        self, constraints: Sequence[Constraint], low: Sequence[float], high: Sequence[float]
    ) -> None:
        self.low = list(low)
        self.count = len(low)
        rows = [(dict(c.coefficients), c.bound, c.equal) for c in constraints]
        upper = [h - lo for h, lo in zip(high, self.low, strict=True)]
        self._tableau = _Tableau(self.count, rows, self.low, upper)
        self.feasible = self._tableau.phase_one()

    def maximise(self, objective: Mapping[int, float]) -> list[float] | None:
        """The variables' values at a maximum of the objective, or None if infeasible.

        An objective that can grow without limit gives a solution some way along a
        direction in which it does (the objective 1 or more above where the search found
        that direction), so that the cells that can move are seen to move.
        """
        if not self.feasible:
            return None
        tableau = self._tableau.copy()
        tableau.phase_two([objective.get(v, 0.0) for v in range(self.count)])
        return [self.low[v] + value for v, value in enumerate(tableau.values())]


class _Tableau:
    """Rows over the shifted variables (each from 0 to its width of range), then a surplus
    for each inequality, then an artificial for each row.

    `rows[r]` expresses basic variable `basis[r]` in the others; `value[r]` is its value.
    A variable outside the basis is at 0, or at its upper end when in `at_upper`, or, once
    the search has stopped on an unbounded direction, at its value in `off_bounds`.
    """

    def __init__(
        self,
        count: int,
        rows: list[tuple[dict[int, float], float, bool]],
        low: list[float],
        upper: list[float],
    ) -> None:
        self.count = count
        surpluses = sum(1 for *_, equal in rows if not equal)
        self.artificial_start = count + surpluses
        self.width = self.artificial_start + len(rows)
        self.upper = upper + [math.inf] * (self.width - count)
        self.rows: list[list[float]] = []
        self.value: list[float] = []
        self.basis: list[int] = []
        self.at_upper: set[int] = set()
        self.off_bounds: dict[int, float] = {}
        surplus = count
        for number, (coefficients, bound, equal) in enumerate(rows):
            full = [0.0] * self.width
            rhs = bound
            for variable, coefficient in coefficients.items():
                full[variable] += coefficient
                rhs -= coefficient * low[variable]
            if not equal:
                full[surplus] = -1.0
                surplus += 1
            if rhs < 0:
                full = [-value for value in full]
                rhs = -rhs
            if not equal and full[surplus - 1] == 1.0:
                self.basis.append(surplus - 1)
            else:
                full[self.artificial_start + number] = 1.0
                self.basis.append(self.artificial_start + number)
            self.rows.append(full)
            self.value.append(rhs)

    def copy(self) -> "_Tableau":
        twin = object.__new__(_Tableau)
        twin.__dict__.update(self.__dict__)
        twin.rows = [row[:] for row in self.rows]
        twin.value = self.value[:]
        twin.basis = self.basis[:]
        twin.at_upper = set(self.at_upper)
        twin.off_bounds = dict(self.off_bounds)
        return twin

    def phase_one(self) -> bool:
        """Drive the artificials out, then drop their columns; False if there is no solution."""
        cost = [0.0] * self.artificial_start + [-1.0] * (self.width - self.artificial_start)
        self._run(cost)
        start = self.artificial_start
        if sum(self.value[r] for r, c in enumerate(self.basis) if c >= start) > 1e-7:
            return False
        kept_rows, kept_values, kept_basis = [], [], []
        for r, row in enumerate(self.rows):
            column = self.basis[r]
            value = self.value[r]
            if column >= start:
                entering = next((c for c in range(start) if abs(row[c]) > _EPS), None)
                if entering is None:
                    continue  # a row that repeats the others
                # A step of nothing: the artificial is at 0, the entering column stays put.
                value = self.upper[entering] if entering in self.at_upper else 0.0
                self.at_upper.discard(entering)
                self._pivot(r, entering, None)
                column = entering
            kept_rows.append(row)
            kept_values.append(value)
            kept_basis.append(column)
        self.rows = [row[:start] for row in kept_rows]
        self.value = kept_values
        self.basis = kept_basis
        self.width = start
        self.upper = self.upper[:start]
        return True

    def phase_two(self, objective: list[float]) -> None:
        self._run(objective + [0.0] * (self.width - self.count))

    def values(self) -> list[float]:
        result = [self.upper[v] if v in self.at_upper else 0.0 for v in range(self.count)]
        for column, value in self.off_bounds.items():
            if column < self.count:
                result[column] = value
        for r, column in enumerate(self.basis):
            if column < self.count:
                result[column] = self.value[r]
        return result

    def _run(self, cost: list[float]) -> None:
        # The reduced costs ride along as one more row, updated at each pivot.
        reduced = list(cost)
        for r, column in enumerate(self.basis):
            if cost[column]:
                _axpy(reduced, -cost[column], _nonzero(self.rows[r]))
        # The steepest column first (few pivots); after a run of steps that gain nothing,
        # Bland's rule (lowest column, lowest tying row), which cannot cycle.
        stalled = 0
        basic = set(self.basis)
        for _ in range(50 * (len(self.rows) + self.width)):
            entering = self._entering(reduced, basic, bland=stalled >= _PATIENCE)
            if entering is None:
                return
            direction = -1.0 if entering in self.at_upper else 1.0
            step, leaving = self._ratio(entering, direction)
            if step is None:  # unbounded: the objective grows without limit this way
                step = max(1.0, 1.0 / abs(reduced[entering]))
                self._move(entering, direction, step)
                self.off_bounds[entering] = step  # only up: its range has no top
                return
            stalled = stalled + 1 if step <= _EPS else 0
            self._move(entering, direction, step)
            if leaving is None:  # the entering column goes to the other end of its range
                self.at_upper ^= {entering}
                continue
            r, to_upper = leaving
            entered = self.upper[entering] - step if direction < 0 else step
            self.at_upper.discard(entering)
            left = self.basis[r]
            if to_upper:
                self.at_upper.add(left)
            basic.discard(left)
            basic.add(entering)
            self._pivot(r, entering, reduced)
            self.value[r] = entered

    def _move(self, entering: int, direction: float, step: float) -> None:
        """The basic variables as the entering column moves `step` in `direction`."""
        for r, row in enumerate(self.rows):
            if row[entering]:
                self.value[r] -= row[entering] * direction * step

    def _entering(self, reduced: list[float], basic: set[int], *, bland: bool) -> int | None:
        """A column whose move improves the objective: up from 0, or down from its top."""
        best, best_gain = None, _EPS
        for column in range(self.width):
            gain = -reduced[column] if column in self.at_upper else reduced[column]
            if gain > _EPS and column not in basic:
                if bland:
                    return column
                if gain > best_gain:
                    best, best_gain = column, gain
        return best

    def _ratio(
        self, entering: int, direction: float
    ) -> tuple[float | None, tuple[int, bool] | None]:
        """How far the entering column can move, and the row that stops it (and whether
        its basic variable stops at the top of its range), or None when its own range does.
        """
        best: tuple[float, int, int, bool] | None = None
        for r, row in enumerate(self.rows):
            rate = row[entering] * direction
            if rate > _EPS:
                candidate = (max(self.value[r], 0.0) / rate, self.basis[r], r, False)
            elif rate < -_EPS and self.upper[self.basis[r]] != math.inf:
                room = max(self.upper[self.basis[r]] - self.value[r], 0.0)
                candidate = (room / -rate, self.basis[r], r, True)
            else:
                continue
            if best is None or candidate[:2] < best[:2]:
                best = candidate
        own = self.upper[entering]
        if own != math.inf and (best is None or own <= best[0]):
            return own, None
        if best is None:
            return None, None
        return best[0], (best[2], best[3])

    def _pivot(self, r: int, column: int, reduced: list[float] | None) -> None:
        pivot_row = self.rows[r]
        factor = pivot_row[column]
        pivot_row[:] = [value / factor for value in pivot_row]
        entries = _nonzero(pivot_row)
        for other_r, other in enumerate(self.rows):
            if other_r != r and abs(other[column]) > _EPS:
                _axpy(other, -other[column], entries)
        if reduced is not None and abs(reduced[column]) > _EPS:
            _axpy(reduced, -reduced[column], entries)
        self.basis[r] = column


def _nonzero(row: list[float]) -> list[tuple[int, float]]:
    return [(column, value) for column, value in enumerate(row) if value]


def _axpy(target: list[float], scale: float, entries: list[tuple[int, float]]) -> None:
    """target += scale * source, given the source's non-zero entries, in place."""
    for column, value in entries:
        target[column] += scale * value
