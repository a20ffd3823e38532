"""A small linear program solver, for auditing small-cell suppression.

The audit asks how far hidden counts could move while every figure a reader sees stays
the same: maximise some cells subject to the visible sums and to the ranges the marks
allow. The programs are small (the hidden cells of one report, a few dozen to a few
hundred), so a dense two-phase simplex with Bland's rule is enough, and keeps TrainingDesk
free of a numerical library it would need nowhere else. Phase one runs once; each
objective then starts from its feasible tableau.
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
        rows: list[tuple[dict[int, float], float, str]] = [
            (dict(c.coefficients), c.bound, "eq" if c.equal else "ge") for c in constraints
        ]
        rows += [({v: 1.0}, high[v], "le") for v in range(self.count) if high[v] != math.inf]
        self._tableau = _Tableau(self.count, rows, self.low)
        self.feasible = self._tableau.phase_one()

    def maximise(self, objective: Mapping[int, float]) -> list[float] | None:
        """The variables' values at a maximum of the objective, or None if infeasible.

        An unbounded objective gives a solution as far as the search went.
        """
        if not self.feasible:
            return None
        tableau = self._tableau.copy()
        tableau.phase_two([objective.get(v, 0.0) for v in range(self.count)])
        return [self.low[v] + value for v, value in enumerate(tableau.values())]


class _Tableau:
    """Standard form: shifted variables, then slacks, then artificials, all >= 0."""

    def __init__(
        self, count: int, rows: list[tuple[dict[int, float], float, str]], low: list[float]
    ) -> None:
        self.count = count
        slacks = sum(1 for *_, kind in rows if kind != "eq")
        self.artificial_start = count + slacks
        self.width = self.artificial_start + len(rows)  # one artificial per row, used or not
        self.rows: list[list[float]] = []
        self.basis: list[int] = []
        slack = count
        for number, (coefficients, bound, kind) in enumerate(rows):
            full = [0.0] * (self.width + 1)
            shift = 0.0
            for variable, coefficient in coefficients.items():
                full[variable] += coefficient
                shift += coefficient * low[variable]
            full[-1] = bound - shift
            if kind != "eq":
                full[slack] = 1.0 if kind == "le" else -1.0
                slack += 1
            if full[-1] < 0:
                full = [-value for value in full]
            if kind != "eq" and full[slack - 1] == 1.0:
                self.basis.append(slack - 1)
            else:
                full[self.artificial_start + number] = 1.0
                self.basis.append(self.artificial_start + number)
            self.rows.append(full)

    def copy(self) -> "_Tableau":
        twin = object.__new__(_Tableau)
        twin.__dict__.update(self.__dict__)
        twin.rows = [row[:] for row in self.rows]
        twin.basis = self.basis[:]
        return twin

    def phase_one(self) -> bool:
        """Drive the artificials out, then drop their columns; False if there is no solution."""
        cost = [0.0] * self.artificial_start + [-1.0] * (self.width - self.artificial_start)
        self._run(cost, allowed=self.width)
        start = self.artificial_start
        if sum(self.rows[r][-1] for r, c in enumerate(self.basis) if c >= start) > 1e-7:
            return False
        kept_rows, kept_basis = [], []
        for r, row in enumerate(self.rows):
            column = self.basis[r]
            if column >= start:
                entering = next((c for c in range(start) if abs(row[c]) > _EPS), None)
                if entering is None:
                    continue  # a row that repeats the others
                self._pivot(r, entering, None)
                column = entering
            kept_rows.append(row)
            kept_basis.append(column)
        self.rows = [[*row[:start], row[-1]] for row in kept_rows]
        self.basis = kept_basis
        self.width = start
        return True

    def phase_two(self, objective: list[float]) -> None:
        self._run(objective + [0.0] * (self.width - self.count), allowed=self.width)

    def values(self) -> list[float]:
        result = [0.0] * self.count
        for r, column in enumerate(self.basis):
            if column < self.count:
                result[column] = self.rows[r][-1]
        return result

    def _run(self, cost: list[float], allowed: int) -> None:
        # The reduced costs ride along as one more row, updated at each pivot.
        reduced = [*cost, 0.0]
        for r, column in enumerate(self.basis):
            if cost[column]:
                _axpy(reduced, -cost[column], _nonzero(self.rows[r]))
        # The steepest column first (few pivots); after a run of pivots that gain nothing,
        # Bland's rule (lowest column, lowest tying row), which cannot cycle.
        stalled = 0
        for _ in range(50 * (len(self.rows) + self.width)):
            if stalled < _PATIENCE:
                entering = max(range(allowed), key=reduced.__getitem__, default=None)
                if entering is not None and reduced[entering] <= _EPS:
                    entering = None
            else:
                entering = next((c for c in range(allowed) if reduced[c] > _EPS), None)
            if entering is None:
                return
            best: tuple[float, int, int] | None = None
            for r, row in enumerate(self.rows):
                if row[entering] > _EPS:
                    candidate = (row[-1] / row[entering], self.basis[r], r)
                    if best is None or candidate[:2] < best[:2]:
                        best = candidate
            if best is None:
                return  # unbounded: the cell could grow without limit
            stalled = stalled + 1 if best[0] <= _EPS else 0
            self._pivot(best[2], entering, reduced)

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
