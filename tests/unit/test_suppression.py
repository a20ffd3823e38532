"""Small counts are hidden, and so are enough others that no total gives them away."""

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainingdesk.domain.lp import Constraint, Program
from trainingdesk.domain.suppression import (
    COMPLEMENTARY_MARK,
    WITHHELD_MARK,
    Cells,
    Protection,
    Status,
    suppress_table,
    table_cells,
)
from trainingdesk.domain.suppression_audit import Equation, _narrow, narrowed

Table = list[list[int | str]]


def full_table(body: list[list[int]]) -> list[list[int]]:
    """The body with its row totals and the total row, as `suppress_table` lays it out."""
    rows = [[*row, sum(row)] for row in body]
    return [*rows, [sum(column) for column in zip(*rows, strict=True)]]


def hidden(shown: Table) -> set[tuple[int, int]]:
    return {
        (r, c) for r, row in enumerate(shown) for c, cell in enumerate(row) if isinstance(cell, str)
    }


def lines_of_table(rows: int, columns: int) -> list[list[tuple[int, int]]]:
    """Every row and column of a laid-out table, totals included: each one a sum."""
    return [[(r, c) for c in range(columns)] for r in range(rows)] + [
        [(r, c) for r in range(rows)] for c in range(columns)
    ]


def rank(rows: list[list[Fraction]]) -> int:
    """Rank by plain Gaussian elimination over the rationals."""
    matrix = [row[:] for row in rows]
    rank_found = 0
    columns = len(matrix[0]) if matrix else 0
    for column in range(columns):
        pivot = next((r for r in range(rank_found, len(matrix)) if matrix[r][column]), None)
        if pivot is None:
            continue
        matrix[rank_found], matrix[pivot] = matrix[pivot], matrix[rank_found]
        for r in range(len(matrix)):
            if r != rank_found and matrix[r][column]:
                factor = matrix[r][column] / matrix[rank_found][column]
                matrix[r] = [
                    a - factor * b for a, b in zip(matrix[r], matrix[rank_found], strict=True)
                ]
        rank_found += 1
    return rank_found


def derivable(table: list[list[int]], secret: set[tuple[int, int]], cell: tuple[int, int]) -> bool:
    """Whether the sums of the table pin `cell` down, the `secret` cells being unknown."""
    unknowns = sorted(secret)
    rows, columns = len(table), len(table[0])
    equations = []
    for r in range(rows):  # row r: sum of the first cells = the last
        equations.append({(r, c): 1 for c in range(columns - 1)} | {(r, columns - 1): -1})
    for c in range(columns):
        equations.append({(r, c): 1 for r in range(rows - 1)} | {(rows - 1, c): -1})
    matrix = [[Fraction(eq.get(u, 0)) for u in unknowns] for eq in equations]
    target = [Fraction(int(u == cell)) for u in unknowns]
    return rank([*matrix, target]) == rank(matrix)


def alternatives_exist(
    table: list[list[int]],
    shown: Table,
    threshold: int,
    cell: tuple[int, int],
    *,
    zeros: set[tuple[int, int]],
) -> bool:
    """Whether another table that reads the same holds a different number at `cell`.

    "x" reads 5 or more, "<5" 1 to 4 (0 to 4 at `zeros`), "–" anything. Exact for a table
    with totals: two such tables differ by a sum of alternating cycles through the hidden
    cells, each of which alone keeps within the ranges.
    """
    rows, columns = len(table), len(table[0])

    def allowed(r: int, c: int, value: int) -> bool:
        mark = shown[r][c]
        if mark == COMPLEMENTARY_MARK:
            return value >= threshold
        if mark == WITHHELD_MARK:
            return value >= 0
        return (0 if (r, c) in zeros else 1) <= value < threshold

    def sign(r: int, c: int) -> int:  # margins enter their sums with the other sign
        return -1 if (r == rows - 1) != (c == columns - 1) else 1

    secret = hidden(shown)
    start_row, start_column = cell
    # Walk row -> column (+1) and column -> row (-1) along hidden cells back to the start.
    for first in (1, -1):
        stack = [(("c", start_column), [cell], {("r", start_row), ("c", start_column)})]
        while stack:
            (kind, index), path, visited = stack.pop()
            if kind == "c":
                options = [(r, index) for r in range(rows) if (r, index) in secret]
                next_nodes = [("r", r) for r, _ in options]
            else:
                options = [(index, c) for c in range(columns) if (index, c) in secret]
                next_nodes = [("c", c) for _, c in options]
            for edge, node in zip(options, next_nodes, strict=True):
                if edge in path:
                    continue
                if node == ("r", start_row) and len(path) >= 3:
                    cycle = [*path, edge]
                    steps = [first * (1 if n % 2 == 0 else -1) for n in range(len(cycle))]
                    if all(
                        allowed(r, c, table[r][c] + step * sign(r, c))
                        for (r, c), step in zip(cycle, steps, strict=True)
                    ):
                        return True
                elif node not in visited:
                    stack.append((node, [*path, edge], visited | {node}))
    return False


def read_from_zero(protection: Protection, layout: list[list[int]]) -> set[tuple[int, int]]:
    return {
        (r, c)
        for r, row in enumerate(layout)
        for c, index in enumerate(row)
        if index in protection.may_be_zero
    }


bodies = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda columns: st.lists(
            st.lists(st.integers(0, 14), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(body=bodies, threshold=st.integers(3, 6))
def test_no_hidden_count_can_be_worked_out_from_the_totals(
    body: list[list[int]], threshold: int
) -> None:
    table = full_table(body)
    cells, layout = table_cells(body)
    protection = cells.protect(threshold)
    shown = [[protection.show(index) for index in row] for row in layout]
    assert shown == suppress_table(body, threshold)
    zeros = read_from_zero(protection, layout)
    secret = hidden(shown)
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            mark = shown[r][c]
            if 0 < value < threshold:
                assert mark in (f"<{threshold}", WITHHELD_MARK)
            elif mark == COMPLEMENTARY_MARK:
                assert value >= threshold
            elif not isinstance(mark, str):
                assert mark == value
    for line in lines_of_table(len(table), len(table[0])):
        assert sum(1 for cell in line if cell in secret) != 1, (shown, line)
    for r, c in secret:
        if 0 < table[r][c] < threshold:
            assert not derivable(table, secret, (r, c)), (body, shown, (r, c))
            assert alternatives_exist(table, shown, threshold, (r, c), zeros=zeros), (
                body,
                shown,
                (r, c),
            )
    assert protection.unprotected == ()


@given(body=bodies)
def test_threshold_zero_shows_every_count(body: list[list[int]]) -> None:
    assert suppress_table(body, 0) == full_table(body)


def test_a_small_count_is_hidden_with_the_fewest_and_smallest_other_figures() -> None:
    assert suppress_table([[30, 2], [40, 50]], 5) == [
        ["x", "<5", 32],
        ["x", "x", 90],
        [70, 52, 122],
    ]


def test_a_hidden_figure_known_to_be_large_cannot_betray_its_partner() -> None:
    # 1 + 5 = 6 with the 5 hidden as "x" (5 or more) would leave only 1 for the "<5".
    shown = suppress_table([[1, 5, 40], [20, 30, 25]], 5)
    assert shown[0][0] == "<5"
    assert alternatives_exist(full_table([[1, 5, 40], [20, 30, 25]]), shown, 5, (0, 0), zeros=set())


def test_zeros_are_shown_unless_the_small_counts_beside_them_would_tell() -> None:
    assert suppress_table([[12, 0], [3, 9]], 5)[0][1] == 0
    # Four counts of at least 1 adding up to at most 4 can only be 1 each.
    shown = suppress_table([[1, 0], [1, 0], [1, 0], [1, 0]], 5)
    assert any(
        cell == "<5" and value == 0
        for cell, value in zip(
            (cell for row in shown for cell in row),
            (value for row in full_table([[1, 0], [1, 0], [1, 0], [1, 0]]) for value in row),
            strict=True,
        )
    )


def test_a_table_without_small_counts_is_shown_whole() -> None:
    assert suppress_table([[10, 12], [8, 9]], 5) == [[10, 12, 22], [8, 9, 17], [18, 21, 39]]


groups = st.lists(
    st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=1, max_size=4),
    min_size=1,
    max_size=3,
)


@settings(max_examples=200, deadline=None)
@given(agencies=groups, threshold=st.integers(3, 6))
def test_agencies_within_countries_are_protected_with_their_subtotals(
    agencies: list[list[tuple[int, int]]], threshold: int
) -> None:
    """Men and women by agency, agencies within countries: three levels of sums."""
    cells = Cells()
    lines: list[tuple[int, list[int]]] = []

    def row(men: int, women: int) -> tuple[int, int, int]:
        cells_of_row = (cells.add(men), cells.add(women), cells.add(men + women))
        lines.append((cells_of_row[2], list(cells_of_row[:2])))
        return cells_of_row

    countries = []
    for country in agencies:
        rows = [row(men, women) for men, women in country]
        subtotal = row(sum(m for m, _ in country), sum(w for _, w in country))
        for column in range(3):
            lines.append((subtotal[column], [r[column] for r in rows]))
        countries.append(subtotal)
    everyone = row(*(sum(cells.values[c[i]] for c in countries) for i in range(2)))
    for column in range(3):
        lines.append((everyone[column], [c[column] for c in countries]))
    for total, members in lines:
        cells.add_line(total, members)
    protection = cells.protect(threshold)

    secret = {i for i, status in enumerate(protection.statuses) if status is not Status.SHOWN}
    for total, members in lines:
        assert sum(1 for cell in (total, *members) if cell in secret) != 1
    unknowns = sorted(secret)
    matrix = [
        [Fraction(-1 if u == total else int(u in members)) for u in unknowns]
        for total, members in lines
    ]
    for index in secret:
        if 0 < cells.values[index] < threshold:
            target = [Fraction(int(u == index)) for u in unknowns]
            assert rank([*matrix, target]) > rank(matrix)
    assert protection.unprotected == ()


def test_a_total_may_count_people_once_who_are_counted_twice_in_its_members() -> None:
    cells = Cells()
    people = cells.add(30)
    exercises = [cells.add(20), cells.add(18)]
    cells.add_line(people, exercises, at_most=True)
    with pytest.raises(ValueError, match="does not add up"):
        cells.add_line(people, exercises)
    assert not cells.protect(5).hidden(people)


def test_a_silent_count_is_hidden_when_small_and_protected_like_the_others() -> None:
    """Completions behind a completion rate: the rate goes when the count is small."""
    cells = Cells()
    completed = [cells.add(2, silent=True), cells.add(25, silent=True), cells.add(30, silent=True)]
    total = cells.add(57, keep=True)
    cells.add_line(total, completed)
    protection = cells.protect(5)
    assert protection.statuses[completed[0]] is Status.PRIMARY
    assert protection.statuses[completed[1]] is Status.COMPLEMENTARY
    assert not protection.hidden(total)


def _sweep_every_equation(
    equations: list[Equation], ranges: dict[int, tuple[float, float]]
) -> dict[int, tuple[float, float]]:
    """`narrowed` as first written: every equation, every sweep."""
    low = {cell: r[0] for cell, r in ranges.items()}
    high = {cell: r[1] for cell, r in ranges.items()}
    for _ in range(60):
        changed = False
        for equation in equations:
            changed |= bool(_narrow(equation, low, high))
        if not changed:
            break
    return {cell: (low[cell], high[cell]) for cell in ranges}


equation_sets = st.integers(2, 7).flatmap(
    lambda cells: st.tuples(
        st.lists(
            st.tuples(
                st.dictionaries(
                    st.integers(0, cells - 1), st.sampled_from([1.0, -1.0]), min_size=1
                ),
                st.integers(-30, 30),
                st.booleans(),
            ),
            min_size=1,
            max_size=6,
        ),
        st.lists(
            st.sampled_from([(1, 4), (0, 4), (5, math.inf), (0, math.inf)]),
            min_size=cells,
            max_size=cells,
        ),
    )
)


@settings(max_examples=300, deadline=None)
@given(system=equation_sets)
def test_narrowing_skips_only_the_equations_that_would_change_nothing(
    system: tuple[list[tuple[dict[int, float], int, bool]], list[tuple[float, float]]],
) -> None:
    rows, bounds = system
    equations = [Equation(terms, float(constant), exact) for terms, constant, exact in rows]
    ranges = dict(enumerate(bounds))
    assert narrowed(equations, ranges) == _sweep_every_equation(equations, ranges)


@settings(max_examples=100, deadline=None)
@given(first=bodies, second=bodies, threshold=st.integers(3, 6))
def test_tables_that_share_no_sum_are_protected_as_if_alone(
    first: list[list[int]], second: list[list[int]], threshold: int
) -> None:
    """The audit goes group of hidden cells by group: a table's neighbours change nothing."""
    together = Cells()
    layouts = []
    for body in (first, second):
        alone, _ = table_cells(body)
        offset = len(together.values)
        for value in alone.values:
            together.add(value)
        for line in alone.lines:
            together.add_line(line.total + offset, [m + offset for m in line.members])
        layouts.append((alone.protect(threshold), offset, len(alone.values)))
    protection = together.protect(threshold)
    for alone, offset, size in layouts:
        assert protection.statuses[offset : offset + size] == alone.statuses
        assert {c - offset for c in protection.may_be_zero if offset <= c < offset + size} == (
            alone.may_be_zero
        )


programs = st.integers(1, 4).flatmap(
    lambda count: st.tuples(
        st.lists(st.integers(0, 3), min_size=count, max_size=count),  # a solution
        st.lists(st.sampled_from([0, 1, 2, None]), min_size=count, max_size=count),  # room
        st.lists(
            st.tuples(
                st.dictionaries(
                    st.integers(0, count - 1), st.sampled_from([1.0, -1.0]), min_size=1
                ),
                st.booleans(),
            ),
            max_size=4,
        ),
        st.lists(st.sampled_from([1.0, -1.0, 0.0]), min_size=count, max_size=count),
    )
)


@settings(max_examples=300, deadline=None)
@given(program=programs)
def test_the_linear_program_finds_a_feasible_maximum(
    program: tuple[list[int], list[int | None], list[tuple[dict[int, float], bool]], list[float]],
) -> None:
    """Checked against every whole-number point of the ranges (an LP may do better)."""
    solution, room, sums, weights = program
    low = [max(0, value - 1) for value in solution]
    high = [math.inf if r is None else value + r for value, r in zip(solution, room, strict=True)]
    constraints = [
        Constraint(terms, sum(c * solution[v] for v, c in terms.items()), equal)
        for terms, equal in sums
    ]
    best = Program(constraints, low, high).maximise(dict(enumerate(weights)))
    assert best is not None
    for terms, equal in sums:
        total = sum(c * best[v] for v, c in terms.items())
        target = sum(c * solution[v] for v, c in terms.items())
        assert abs(total - target) < 1e-6 if equal else total >= target - 1e-6
    assert all(lo - 1e-6 <= x <= hi + 1e-6 for lo, x, hi in zip(low, best, high, strict=True))
    if any(w > 0 and hi == math.inf for w, hi in zip(weights, high, strict=True)):
        return  # may grow without limit: the next test
    reached = sum(w * x for w, x in zip(weights, best, strict=True))
    ceiling = [lo + 3 if hi == math.inf else int(hi) for lo, hi in zip(low, high, strict=True)]
    boxes = (range(lo, top + 1) for lo, top in zip(low, ceiling, strict=True))
    for point in itertools.product(*boxes):  # some of the points, where it is bounded
        if all(_holds(terms, equal, point, solution) for terms, equal in sums):
            assert reached >= sum(w * x for w, x in zip(weights, point, strict=True)) - 1e-6


def _holds(
    terms: dict[int, float], equal: bool, point: tuple[int, ...], solution: list[int]
) -> bool:
    total = sum(c * point[v] for v, c in terms.items())
    target = sum(c * solution[v] for v, c in terms.items())
    return total == target if equal else total >= target


def test_a_count_that_can_grow_without_limit_is_seen_to_move() -> None:
    """Unbounded: the solution goes some way along, not the point where the search stopped."""
    program = Program([Constraint({0: 1.0, 1: -1.0}, 0.0)], [1, 1], [math.inf, math.inf])
    moved = program.maximise({0: 1.0})
    assert moved is not None and moved[0] >= 2 and abs(moved[0] - moved[1]) < 1e-9


def test_a_program_with_thousands_of_bounded_counts_stays_small() -> None:
    """A high threshold hides thousands of counts: each range is not a row of the tableau."""
    count = 3000
    sums = [Constraint({v: 1.0 for v in range(start, count, 30)}, 100.0) for start in range(30)]
    program = Program(sums, [0] * count, [4] * count)
    assert program.feasible
    best = program.maximise({0: 1.0})
    assert best is not None and best[0] == 4
