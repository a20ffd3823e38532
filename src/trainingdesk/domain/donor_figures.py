"""From the counts the database gives to the donor report: suppressed, laid out, explained.

The service counts (in SQL); this module decides what a donor may see. Every count of
people in the report is a cell of one of a few linked sets of cells, each protected as a
whole, because a figure in one table is a total of figures in another:

- trained: people by country, agency and sex (a person counted once), and participants by
  exercise and country, by key area, site and quarter (counted once per exercise);
- completed: the same for completion, each exercise's completions being readable from its
  completion rate and participants;
- person-days by key area and site; people assessed by country and by sex; certificates.

People of a country are at most the sum of that country's participants over the exercises
(equal when no one took part twice), and the suppression is told so.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from trainingdesk.domain.donor import (
    Cell,
    DonorReport,
    ExerciseSummary,
    Headline,
    IndicatorTable,
    ModuleDelivered,
    QuarterFigures,
    ReportScope,
)
from trainingdesk.domain.donor_text import (
    COUNTRY_NAMES,
    SEX_NAMES,
    ScoreSums,
    assessment_table,
    methodology,
    rate,
)
from trainingdesk.domain.enums import Country, KeyArea, Sex
from trainingdesk.domain.periods import Period, quarters_within
from trainingdesk.domain.suppression import Cells, Protection

COUNTRIES = (Country.AF, Country.PK, Country.OTHER)
NO_SITE = "No site recorded"

GroupKey = tuple[str, str]  # ("key_area", "dialogue"), ("site", "TKM-AF"), ("quarter", "2025 Q2")
_ALL: GroupKey = ("all", "")


@dataclass(frozen=True)
class ExerciseFigures:
    """One exercise that took place (a session attended), as counted in SQL."""

    code: str
    title: str
    start: date
    end: date
    site_code: str
    site_name: str
    site_country: Country | None
    key_area: KeyArea
    sessions: int  # sessions attended by anyone
    joint_sessions: int  # sessions attended by officers of both countries
    participants: Mapping[Country, int]  # participants who attended a session, by country
    completed: int
    person_days: int


@dataclass(frozen=True)
class PeopleCount:
    """People of one country, agency and sex, trained and completed in the period."""

    country: Country
    agency: str
    sex: Sex
    trained: int
    completed: int


@dataclass(frozen=True)
class ReportFigures:
    """Everything the service counted, before suppression."""

    exercises: tuple[ExerciseFigures, ...]
    people: tuple[PeopleCount, ...]
    scores: tuple[ScoreSums, ...]
    certificates: int
    modules: tuple[ModuleDelivered, ...]


@dataclass(frozen=True)
class ReportHeader:
    """Who the report is for and when it was made."""

    generated_on: date
    project_name: str
    donor: str


def assemble(scope: ReportScope, figures: ReportFigures, header: ReportHeader) -> DonorReport:
    """The donor report of `figures`, every count of people suppressed."""
    threshold = scope.min_cell
    quarters = quarters_within(scope.start, scope.end)
    groups = _Groups(figures.exercises, quarters)
    trained = _Linked(
        threshold,
        groups,
        [[e.participants.get(c, 0) for c in COUNTRIES] for e in figures.exercises],
        people={k: p.trained for k, p in _by_key(figures.people).items()},
        by_country=True,
    )
    completed = _Linked(
        threshold,
        groups,
        [[e.completed] for e in figures.exercises],
        people={k: p.completed for k, p in _by_key(figures.people).items()},
        unknown=trained.exercises_with_hidden_counts(),
    )
    days = _Linked(
        threshold,
        groups,
        [[e.person_days] for e in figures.exercises],
        kinds=("key_area", "site"),
        unknown=frozenset(range(len(figures.exercises))),
    )
    assessed, assessment = assessment_table(figures.scores, threshold)
    certificates = Cells()
    certificate_cell = certificates.add(figures.certificates)
    certificates_shown = certificates.protect(threshold).show(certificate_cell)
    site_rows = groups.site_rows()
    return DonorReport(
        scope=scope,
        generated_on=header.generated_on,
        project_name=header.project_name,
        donor=header.donor,
        headlines=_headlines(groups, trained, completed, days, assessed, certificates_shown),
        tables=(
            _country_sex_table(trained, completed),
            _agency_table(trained, "agency_trained", "People trained, by agency and sex"),
            _agency_table(completed, "agency_completed", "People who completed, by agency and sex"),
            _group_table(
                "key_areas",
                "Exercises and participants, by key area",
                ("Key area",),
                [((area.label,), ("key_area", area.value)) for area in KeyArea],
                groups,
                (trained, completed, days),
            ),
            _group_table(
                "sites",
                "Exercises and participants, by crossing point or training centre",
                ("Site", "Country"),
                site_rows,
                groups,
                (trained, completed, days),
            ),
            assessment,
        ),
        quarters=tuple(
            QuarterFigures(
                label=quarter.label,
                trained=trained.group(("quarter", quarter.label)),
                completed=completed.group(("quarter", quarter.label)),
                sessions=groups.sessions[("quarter", quarter.label)],
                joint_sessions=groups.joint[("quarter", quarter.label)],
            )
            for quarter in quarters
        ),
        exercises=_exercise_list(figures.exercises, trained, completed),
        modules=figures.modules,
        methodology=methodology(scope),
    )


class _Groups:
    """Which exercises fall in which key area, site and quarter, and what they add up to."""

    def __init__(self, exercises: Sequence[ExerciseFigures], quarters: Sequence[Period]) -> None:
        self.exercises = exercises
        self.quarters = quarters
        self.keys: list[list[GroupKey]] = []
        self.count: dict[GroupKey, int] = defaultdict(int)
        self.sessions: dict[GroupKey, int] = defaultdict(int)
        self.joint: dict[GroupKey, int] = defaultdict(int)
        for exercise in exercises:
            keys = [
                ("key_area", exercise.key_area.value),
                ("site", exercise.site_code),
                *(("quarter", q.label) for q in quarters if q.start <= exercise.start <= q.end),
                _ALL,
            ]
            self.keys.append(keys)
            for key in keys:
                self.count[key] += 1
                self.sessions[key] += exercise.sessions
                self.joint[key] += exercise.joint_sessions

    def all_keys(self, kind: str) -> list[GroupKey]:
        """Every group of a kind, those without exercises too (but sites only with some)."""
        if kind == "key_area":
            return [("key_area", area.value) for area in KeyArea]
        if kind == "quarter":
            return [("quarter", quarter.label) for quarter in self.quarters]
        return sorted({keys[1] for keys in self.keys})

    def site_rows(self) -> list[tuple[tuple[str, ...], GroupKey]]:
        """(site name, country name) of each site, by name, and its group key."""
        labels = {
            exercise.site_code: (
                exercise.site_name or NO_SITE,
                COUNTRY_NAMES[exercise.site_country] if exercise.site_country else "",
            )
            for exercise in self.exercises
        }
        ordered = sorted(labels.items(), key=lambda item: (item[1][0] == NO_SITE, item[1]))
        return [(label, ("site", code)) for code, label in ordered]


class _Linked:
    """One set of linked counts (people trained, say), protected together.

    Each exercise has one cell per value given: participants by country (`by_country`,
    printed in the list of exercises), or one count that is never printed itself
    (completions, read from a completion rate; person-days). The groups of exercises (key
    areas, sites, quarters) and their grand total are the sums of those. `people`, by
    (country, agency, sex), adds the people counted once, with their subtotals. The
    cells of `unknown` exercises can be neither printed nor worked out (no completion
    rate where a participant count is hidden).
    """

    def __init__(
        self,
        threshold: int,
        groups: _Groups,
        exercise_values: list[list[int]],
        *,
        people: Mapping[tuple[str, str, str], int] | None = None,
        kinds: tuple[str, ...] = ("key_area", "site", "quarter"),
        unknown: frozenset[int] = frozenset(),
        by_country: bool = False,
    ) -> None:
        self.cells = Cells()
        self.exercise_cells = [
            [self.cells.add(v, silent=not by_country, forced=n in unknown) for v in values]
            for n, values in enumerate(exercise_values)
        ]
        self.group_cells = self._groups(groups, kinds)
        self.cube = self._people(people) if people is not None else {}
        if people is not None:
            self._link_people_to_exercises(by_country)
        self.protection: Protection = self.cells.protect(threshold)

    def show(self, cell: int) -> int | str:
        """The number, or its mark of suppression."""
        return self.protection.show(cell)

    def group(self, key: GroupKey) -> int | str:
        """Participants (or completions, person-days) of a group of exercises."""
        return self.show(self.group_cells[key])

    def people(self, country: str = "", agency: str = "", sex: str = "") -> int | str:
        """People counted once; a group with no one in it has no cell, and is 0."""
        cell = self.cube.get((country, agency, sex))
        return 0 if cell is None else self.show(cell)

    def exercises_with_hidden_counts(self) -> frozenset[int]:
        """Exercises (by position) with a count hidden."""
        return frozenset(
            number
            for number, cells in enumerate(self.exercise_cells)
            if any(self.protection.hidden(cell) for cell in cells)
        )

    def _groups(self, groups: _Groups, kinds: tuple[str, ...]) -> dict[GroupKey, int]:
        members: dict[GroupKey, list[int]] = {key: [] for k in kinds for key in groups.all_keys(k)}
        for keys, cells in zip(groups.keys, self.exercise_cells, strict=True):
            for key in keys:
                if key in members:
                    members[key] += cells
        values = self.cells.values
        everything = [cell for cells in self.exercise_cells for cell in cells]
        result = {_ALL: self.cells.add(sum(values[c] for c in everything), keep=True)}
        for key, cells in members.items():
            result[key] = self.cells.add(sum(values[c] for c in cells))
            self.cells.add_line(result[key], cells)
        for kind in kinds:
            self.cells.add_line(result[_ALL], [c for key, c in result.items() if key[0] == kind])
        return result

    def _people(
        self, people: Mapping[tuple[str, str, str], int]
    ) -> dict[tuple[str, str, str], int]:
        """Cells by (country, agency, sex), "" standing for all: ("AF", "", "F") say."""
        totals: dict[tuple[str, str, str], int] = defaultdict(int)
        totals[("", "", "")] = 0
        for (country, agency, sex), value in people.items():
            for key in {
                (country, agency, sex),
                (country, agency, ""),
                (country, "", sex),
                (country, "", ""),
                ("", "", sex),
                ("", "", ""),
            }:
                totals[key] += value
        for country, agency, _ in list(totals):  # every row has its men and its women
            for sex in Sex:
                totals.setdefault((country, agency, sex.value), 0)
        cube = {
            key: self.cells.add(totals[key], keep=key == ("", "", "")) for key in sorted(totals)
        }
        for (country, agency, sex), cell in cube.items():
            if not sex:  # a row: men and women
                self.cells.add_line(cell, [cube[(country, agency, s.value)] for s in Sex])
            if country and not agency:  # a country: its agencies
                parts = [k for k in cube if k[0] == country and k[1] and k[2] == sex]
                self.cells.add_line(cell, [cube[k] for k in parts])
            if not country:  # everyone: the countries
                parts = [k for k in cube if k[0] and not k[1] and k[2] == sex]
                self.cells.add_line(cell, [cube[k] for k in parts])
        return cube

    def _link_people_to_exercises(self, by_country: bool) -> None:
        """People are at most their participations (equal when no one came twice)."""
        if by_country:
            for number, country in enumerate(COUNTRIES):
                people = self.cube.get((country.value, "", ""))
                if people is not None:
                    column = [cells[number] for cells in self.exercise_cells]
                    self.cells.add_line(people, column, at_most=True)
        self.cells.add_line(self.cube[("", "", "")], [self.group_cells[_ALL]], at_most=True)


def _by_key(people: Sequence[PeopleCount]) -> dict[tuple[str, str, str], PeopleCount]:
    return {(p.country.value, p.agency, p.sex.value): p for p in people}


def _headlines(
    groups: _Groups,
    trained: _Linked,
    completed: _Linked,
    days: _Linked,
    assessed: Mapping[str, Cell],
    certificates: Cell,
) -> tuple[Headline, ...]:
    everyone, finished = trained.people(), completed.people()
    women = trained.people(sex=Sex.FEMALE.value)
    return (
        Headline("People trained", everyone, "attended at least one session"),
        Headline("People who completed", finished, "met their exercise's completion rules"),
        Headline("Completion rate", rate(finished, everyone), "people who completed / trained"),
        Headline("Women trained", women),
        Headline("Share of women among people trained", rate(women, everyone)),
        Headline("Afghan officials trained", trained.people(country=Country.AF.value)),
        Headline("Pakistani officials trained", trained.people(country=Country.PK.value)),
        Headline("Exercises held", groups.count[_ALL]),
        Headline("Sessions held", groups.sessions[_ALL]),
        Headline("Joint sessions", groups.joint[_ALL], "officers of both countries present"),
        Headline("Participants", trained.group(_ALL), "a person counted once per exercise"),
        Headline("Person-days of training", days.group(_ALL), "days attended, summed"),
        *(Headline(label, value) for label, value in assessed.items()),
        Headline("Certificates issued", certificates, "valid certificates for these exercises"),
    )


def _country_sex_table(trained: _Linked, completed: _Linked) -> IndicatorTable:
    rows: list[tuple[Cell, ...]] = []
    for country in COUNTRIES:
        if (country.value, "", "") not in trained.cube:
            continue
        for sex in Sex:
            keys = {"country": country.value, "sex": sex.value}
            people, finished = trained.people(**keys), completed.people(**keys)
            rows.append(
                (COUNTRY_NAMES[country], SEX_NAMES[sex], people, finished, rate(finished, people))
            )
    everyone, finished = trained.people(), completed.people()
    rows.append(("Total", None, everyone, finished, rate(finished, everyone)))
    return IndicatorTable(
        key="trained",
        title="People trained and completed, by country and sex",
        columns=("Country", "Sex", "Trained", "Completed", "Completion rate"),
        rows=tuple(rows),
        label_columns=2,
        has_total_row=True,
        note="A person is counted once, however many exercises they attended.",
    )


def _agency_table(linked: _Linked, key: str, title: str) -> IndicatorTable:
    rows: list[tuple[Cell, ...]] = []

    def row(country: str, agency: str, first: Cell, second: Cell) -> tuple[Cell, ...]:
        return (
            first,
            second,
            *(linked.people(country, agency, s.value) for s in Sex),
            linked.people(country, agency),
        )

    for country in COUNTRIES:
        code = country.value
        agencies = sorted(k[1] for k in linked.cube if k[0] == code and k[1] and not k[2])
        for agency in agencies:
            rows.append(row(code, agency, COUNTRY_NAMES[country], agency))
        if agencies:
            rows.append(row(code, "", COUNTRY_NAMES[country], "All agencies"))
    rows.append(row("", "", "Total", None))
    return IndicatorTable(
        key=key,
        title=title,
        columns=("Country", "Agency", *(SEX_NAMES[s] for s in Sex), "Total"),
        rows=tuple(rows),
        label_columns=2,
        has_total_row=True,
        note="Agencies as recorded for each person today. A person is counted once.",
    )


def _group_table(
    key: str,
    title: str,
    labels: tuple[str, ...],
    rows_of: Sequence[tuple[tuple[str, ...], GroupKey]],
    groups: _Groups,
    linked: tuple[_Linked, _Linked, _Linked],
) -> IndicatorTable:
    trained, completed, days = linked
    rows: list[tuple[Cell, ...]] = []
    for label, group in [*rows_of, ((("Total",) + ("",) * (len(labels) - 1)), _ALL)]:
        people, finished = trained.group(group), completed.group(group)
        rows.append(
            (
                *label,
                groups.count[group],
                groups.sessions[group],
                groups.joint[group],
                people,
                finished,
                rate(finished, people),
                days.group(group),
            )
        )
    return IndicatorTable(
        key=key,
        title=title,
        columns=(
            *labels,
            "Exercises",
            "Sessions",
            "Joint sessions",
            "Participants",
            "Completed",
            "Completion rate",
            "Person-days",
        ),
        rows=tuple(rows),
        label_columns=len(labels),
        has_total_row=True,
        note="Participants are counted once per exercise: a person in two exercises counts twice.",
    )


def _exercise_list(
    exercises: Sequence[ExerciseFigures], trained: _Linked, completed: _Linked
) -> tuple[ExerciseSummary, ...]:
    summaries = []
    for exercise, cells, (completions,) in zip(
        exercises, trained.exercise_cells, completed.exercise_cells, strict=True
    ):
        shown = [trained.show(cell) for cell in cells]
        participants = sum(exercise.participants.values())
        readable = not completed.protection.hidden(completions) and participants > 0
        summaries.append(
            ExerciseSummary(
                code=exercise.code,
                title=exercise.title,
                start=exercise.start,
                end=exercise.end,
                site=exercise.site_name,
                key_area=exercise.key_area,
                participants_af=shown[0],
                participants_pk=shown[1],
                participants_other=shown[2],
                completion_rate=(round(exercise.completed / participants, 3) if readable else None),
            )
        )
    return tuple(summaries)
