"""What a reader can work out of hidden figures from the sums a report shows.

Each sum becomes an equation over the hidden cells only, the shown figures folded into
its constant:  sum(sign * cell) + constant == 0  (or >= 0 when the total counts people
once who may be counted twice in its members). Three readers are tried, cheapest first:

1. linear algebra: a hidden cell whose value follows from the equations alone;
2. bounds: each cell's range ("<5" is 1 to 4, "x" is 5 or more) narrowed equation by
   equation until nothing changes; a range of one value gives the cell away;
3. linear programming: the same ranges and all the equations at once, for what several
   sums say only together.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from trainingdesk.domain.lp import Constraint, Program

_PRIME = (1 << 61) - 1  # a determinant of sums of ±1 is never a multiple of it
_SWEEPS = 60

Range = tuple[float, float]


@dataclass(frozen=True)
class Equation:
    """sum(terms[cell] * cell) + constant == 0, or >= 0 when not `exact`."""

    terms: Mapping[int, float]
    constant: float
    exact: bool


def determined(equations: Iterable[Equation]) -> set[int]:
    """Cells whose value the exact equations give (fully reduced row echelon form, mod p)."""
    pivots: dict[int, dict[int, int]] = {}
    for equation in equations:
        if not equation.exact:
            continue
        row = {cell: int(sign) % _PRIME for cell, sign in equation.terms.items() if sign}
        for pivot in [cell for cell in row if cell in pivots]:
            factor = row.get(pivot, 0)
            if factor:
                _subtract(row, pivots[pivot], factor)
        if not row:
            continue
        pivot = min(row)
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        row = {cell: c * inverse % _PRIME for cell, c in row.items()}
        for other in pivots.values():
            factor = other.get(pivot, 0)
            if factor:
                _subtract(other, row, factor)
        pivots[pivot] = row
    return {pivot for pivot, row in pivots.items() if len(row) == 1}


def narrowed(equations: Sequence[Equation], ranges: Mapping[int, Range]) -> dict[int, Range]:
    """The ranges left once every equation has been applied until none changes.

    Sweep after sweep, each equation in turn; an equation none of whose cells has moved
    since it was last applied would change nothing, and is skipped.
    """
    low = {cell: r[0] for cell, r in ranges.items()}
    high = {cell: r[1] for cell, r in ranges.items()}
    equations_of: dict[int, list[int]] = {cell: [] for cell in ranges}
    for number, equation in enumerate(equations):
        for cell in equation.terms:
            equations_of[cell].append(number)
    stale = [True] * len(equations)
    for _ in range(_SWEEPS):
        changed = False
        for number, equation in enumerate(equations):
            if not stale[number]:
                continue
            stale[number] = False
            moved = _narrow(equation, low, high)
            if moved:
                changed = True
                for cell in moved:
                    for other in equations_of[cell]:
                        stale[other] = True
        if not changed:
            break
    return {cell: (low[cell], high[cell]) for cell in ranges}


def _narrow(equation: Equation, low: dict[int, float], high: dict[int, float]) -> list[int]:
    """Apply one equation to the ranges of its cells; the cells whose range it narrowed."""
    # Each term sign*cell lies in [least, most]; a term is minus the constant and the others.
    # (Counts and bounds are whole numbers, so the float sums are exact in any order.)
    spans = []
    least_finite = most_finite = 0.0
    least_unbounded = most_unbounded = 0
    for cell, sign in equation.terms.items():
        if sign > 0:
            least, most = sign * low[cell], sign * high[cell]
        else:
            least, most = sign * high[cell], sign * low[cell]
        if least == -math.inf:
            least_unbounded += 1
        else:
            least_finite += least
        if most == math.inf:
            most_unbounded += 1
        else:
            most_finite += most
        spans.append((cell, sign, least, most))
    constant = equation.constant
    moved = []
    for cell, sign, least, most in spans:
        if low[cell] == high[cell]:
            continue
        if most_unbounded - (most == math.inf):
            term_low = -math.inf
        else:
            term_low = -constant - (most_finite - (most if most != math.inf else 0))
        if not equation.exact or least_unbounded - (least == -math.inf):
            term_high = math.inf
        else:
            term_high = -constant - (least_finite - (least if least != -math.inf else 0))
        new_low, new_high = (
            (term_low / sign, term_high / sign) if sign > 0 else (term_high / sign, term_low / sign)
        )
        narrowed_here = False
        if new_low > low[cell]:
            low[cell] = math.ceil(new_low - 1e-9) if new_low != math.inf else new_low
            narrowed_here = True
        if new_high < high[cell]:
            high[cell] = math.floor(new_high + 1e-9) if new_high != -math.inf else new_high
            narrowed_here = True
        if narrowed_here:
            moved.append(cell)
    return moved


def pinned_by_program(
    equations: Sequence[Equation],
    ranges: Mapping[int, Range],
    small: Sequence[int],
    values: Sequence[int],
) -> list[int]:
    """Of `small`, the cells that no solution of all the equations at once can move.

    The program moves as many of them as it can up, then down, then each remaining one
    alone; a cell that never moves has one possible value.
    """
    cells = sorted(ranges)
    column = {cell: number for number, cell in enumerate(cells)}
    constraints = [
        Constraint({column[c]: s for c, s in e.terms.items()}, -e.constant, e.exact)
        for e in equations
    ]
    program = Program(constraints, [ranges[c][0] for c in cells], [ranges[c][1] for c in cells])

    def moved(chosen: list[int], direction: float) -> set[int]:
        solution = program.maximise({column[c]: direction for c in chosen})
        if solution is None:  # cannot happen: the true values are a solution
            return set()
        return {c for c in chosen if abs(solution[column[c]] - values[c]) > 0.5}

    unresolved = set(small)
    while unresolved:
        freed = moved(sorted(unresolved), 1.0)
        freed |= moved(sorted(unresolved - freed), -1.0)
        if not freed:
            break
        unresolved -= freed
    return [c for c in sorted(unresolved) if not (moved([c], 1.0) or moved([c], -1.0))]


def _subtract(row: dict[int, int], pivot_row: dict[int, int], factor: int) -> None:
    """row -= factor * pivot_row, modulo the prime."""
    for cell, coefficient in pivot_row.items():
        value = (row.get(cell, 0) - factor * coefficient) % _PRIME
        if value:
            row[cell] = value
        else:
            row.pop(cell, None)
