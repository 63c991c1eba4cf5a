"""The dashboard's figure providers and the indicators' computed sources: two small registries, and the
helpers every provider shares (the months of an academic year, shares, terms overlapping a year).

See the package docstring (``workspace/monitoring/__init__.py``) for how an area adds its own.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from flask_babel import format_date
from markupsafe import Markup
from sqlalchemy import Date, Integer, Select, bindparam, select
from sqlalchemy.sql.elements import BindParameter

from tenants.models import Institution, Membership, Network
from workspace.core.dates import AcademicYear
from workspace.core.union import ordered_union
from workspace.extensions import db
from workspace.monitoring.charts import CHARTS


@dataclass
class Figure:
    """One chart and the table of its numbers: ``categories`` × ``series``.

    ``chart`` is ``bars`` (grouped horizontal bars), ``lines`` (ordered categories such as months),
    ``stacked`` (each category's series as shares of its total; the table adds the shares) or ``table``
    (numbers only). ``series`` is ``[(name, [value per category])]``.
    """

    key: str
    title: str
    chart: str
    category_label: str
    categories: list[str]
    series: list[tuple[str, list[float]]]
    description: str = ""
    unit: str = ""
    rows_url: str = ""  # a page listing the rows the figure counts («Строки, из которых посчитано»), if any

    @property
    def is_empty(self) -> bool:
        return not self.categories or not any(value for _name, values in self.series for value in values)

    def svg(self) -> Markup:
        if self.chart not in CHARTS or self.is_empty:
            return Markup("")
        return CHARTS[self.chart](f"chart-{self.key}", self.title, self.description or self.title,
                                  self.categories, self.series)

    @property
    def header(self) -> list[str]:
        names = [name for name, _values in self.series]
        if self.chart == "stacked":
            return [self.category_label, *names, *[f"{name}, %" for name in names]]
        return [self.category_label, *names]

    @property
    def rows(self) -> list[list]:
        table = []
        for index, category in enumerate(self.categories):
            values = [values[index] for _name, values in self.series]
            row = [category, *values]
            if self.chart == "stacked":
                total = sum(values)
                row += [round(100 * value / total, 1) if total else 0 for value in values]
            table.append(row)
        return table


@dataclass
class Headline:
    """A big number at the top of a section: this year and the previous one."""

    label: str
    value: float | None
    previous: float | None = None
    unit: str = ""


@dataclass
class SectionContent:
    headlines: list[Headline] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    note: str = ""


@dataclass
class MonitoringScope:
    """What a provider computes for: the networks, optionally one institution's share, the year.

    ``institution_id`` is None on a network's dashboard; on an institution's dashboard it is the
    institution, and ``network_ids`` are all its networks. The tenant scope of the request already
    limits every query to these networks: providers add only the finer filters.
    """

    network_ids: list[int]
    institution_id: int | None
    year: AcademicYear
    cache: dict = field(default_factory=dict)
    computed_at: datetime | None = None  # when the rows in ``cache`` were read (a shared cache: earlier)

    @property
    def previous(self) -> AcademicYear:
        return AcademicYear(self.year.start_year - 1)

    @property
    def years(self) -> tuple[AcademicYear, AcademicYear]:
        return self.year, self.previous

    def rows(self, key: str):
        """The rows of the registered read ``key`` (``register_monitoring_rows``), as its ``convert`` gives them:
        from the cache, else read alone."""
        if key not in self.cache:
            self._read([key])
        return self.cache[key]

    def read_all(self) -> None:
        """Every registered read not yet at hand, in ONE statement: what a dashboard does before its sections."""
        self._read([key for key in READS if key not in self.cache])

    def _read(self, keys: list[str]) -> None:
        asked, union = _union_of(tuple(keys), self.institution_id is not None)
        for key in keys:
            if key not in asked:  # nothing to read for this kind of scope
                self.cache[key] = READS[key].convert(self, [])
        if union is None:
            return
        for key, rows in zip(asked, union.split(db.session.execute(union.statement, _values(self)))):
            self.cache[key] = READS[key].convert(self, rows)

    def year_of(self, day) -> AcademicYear | None:
        """The year (this or the previous) a date falls in, or None."""
        for year in self.years:
            if day is not None and day in year:
                return year
        return None

    def institution_names(self) -> dict[int, str]:
        """id → short name of the members of the scope's networks."""
        return self.rows("institution_names")

    def network_names(self) -> dict[int, str]:
        return self.rows("network_names")


@dataclass(frozen=True)
class _BoundYear:
    start_year: BindParameter
    starts_on: BindParameter
    ends_on: BindParameter


class BoundScope:
    """A scope whose values are bound parameters: what a registered read builds its statement from, so that the
    statement of the reads is built once per kind of scope (a network's, an institution's) and run with the values
    of each request (``_values``). It answers the attributes a read uses: ``institution_id`` (None on a network's
    dashboard), ``network_ids``, ``year`` and ``previous`` (``start_year``, ``starts_on``, ``ends_on``), ``years``."""

    def __init__(self, by_institution: bool) -> None:
        self.institution_id = bindparam("monitoring_institution_id", type_=Integer) if by_institution else None
        self.network_ids = bindparam("monitoring_network_ids", expanding=True)
        self.year, self.previous = (_BoundYear(bindparam(f"monitoring_{name}_start_year", type_=Integer),
                                               bindparam(f"monitoring_{name}_starts_on", type_=Date),
                                               bindparam(f"monitoring_{name}_ends_on", type_=Date))
                                    for name in ("year", "previous"))

    @property
    def years(self) -> tuple[_BoundYear, _BoundYear]:
        return self.year, self.previous


def _values(scope: MonitoringScope) -> dict:
    values = {"monitoring_institution_id": scope.institution_id, "monitoring_network_ids": list(scope.network_ids)}
    for name, year in (("year", scope.year), ("previous", scope.previous)):
        values.update({f"monitoring_{name}_start_year": year.start_year, f"monitoring_{name}_starts_on": year.starts_on,
                       f"monitoring_{name}_ends_on": year.ends_on})
    return values


_UNIONS: dict[tuple[tuple[str, ...], bool], tuple[list[str], object]] = {}


def _union_of(keys: tuple[str, ...], by_institution: bool):
    """The keys read for this kind of scope (a read may have nothing to read) and their ONE statement (None when
    none is read): built once per keys and kind of scope."""
    found = _UNIONS.get((keys, by_institution))
    if found is None:
        bound = BoundScope(by_institution)
        statements = [(key, READS[key].statement(bound)) for key in keys]
        asked = [(key, statement) for key, statement in statements if statement is not None]
        union = ordered_union([(statement.order_by(None), tuple(statement._order_by_clauses))
                               for _key, statement in asked]) if asked else None
        found = _UNIONS[(keys, by_institution)] = ([key for key, _statement in asked], union)
    return found


# The rows the providers read, shared between the requests of this process for MONITORING_CACHE_SECONDS:
# (network ids, institution id, start year) → (expires at, read at, rows by key). The dashboard aggregates
# every journal mark of two years (hundreds of milliseconds in a city); its figures may be minutes old, and
# the page says when they were read. Hand-entered indicator values are read on every request.
_SHARED: dict[tuple, tuple[float, datetime, dict]] = {}


def share_rows(scope: MonitoringScope, seconds: float) -> None:
    """Give ``scope`` the rows read for the same scope less than ``seconds`` ago, or a new shared dict."""
    if seconds <= 0:
        return
    key = (tuple(sorted(scope.network_ids)), scope.institution_id, scope.year.start_year)
    now = time.monotonic()
    entry = _SHARED.get(key)
    if entry is None or entry[0] <= now:
        for stale in [k for k, (expires, _at, _rows) in _SHARED.items() if expires <= now]:
            _SHARED.pop(stale, None)
        entry = _SHARED[key] = (now + seconds, datetime.now(UTC), {})
    _expires, scope.computed_at, scope.cache = entry


@dataclass(frozen=True)
class RowsRead:
    statement: Callable[[BoundScope], Select | None]
    convert: Callable[[MonitoringScope, list], object]


READS: dict[str, RowsRead] = {}


def register_monitoring_rows(key: str, statement: Callable[[BoundScope], Select | None],
                             convert: Callable[[MonitoringScope, list], object]) -> None:
    """A grouped read that sections and indicator sources share: ``statement(scope)`` builds it from a
    ``BoundScope`` (the scope's values as bound parameters; None: nothing to read for this kind of scope),
    ``convert(scope, rows)`` turns its rows (tuples of its columns, in its order) into what ``scope.rows(key)``
    gives. A dashboard reads every registered read in one statement (``scope.read_all``)."""
    READS[key] = RowsRead(statement, convert)
    _UNIONS.clear()  # the statements built with the read it replaces


def _institution_names(scope: BoundScope) -> Select:
    return (select(Institution.id, Institution.short_name).join(Membership, Membership.institution_id == Institution.id)
            .where(Membership.network_id.in_(scope.network_ids)).group_by(Institution.id, Institution.short_name))


def _network_names(scope: BoundScope) -> Select:
    return select(Network.id, Network.name).where(Network.id.in_(scope.network_ids))


register_monitoring_rows("institution_names", _institution_names, lambda _scope, rows: dict(rows))
register_monitoring_rows("network_names", _network_names, lambda _scope, rows: dict(rows))


SectionProvider = Callable[[MonitoringScope], SectionContent]
SourceCompute = Callable[[MonitoringScope], tuple[float | None, float | None]]


@dataclass(frozen=True)
class SectionEntry:
    key: str
    title: object  # str or lazy string
    provider: SectionProvider
    position: int


@dataclass(frozen=True)
class SourceEntry:
    key: str
    label: object
    unit: str
    compute: SourceCompute
    position: int = 100


SECTIONS: dict[str, SectionEntry] = {}
SOURCES: dict[str, SourceEntry] = {}


def register_monitoring_section(key: str, title, provider: SectionProvider, *, position: int = 100) -> None:
    """Add a dashboard section; ``provider(scope)`` returns its SectionContent (a fixed number of queries).
    Sections are shown by ``position``."""
    SECTIONS[key] = SectionEntry(key, title, provider, position)


def register_indicator_source(key: str, label, unit: str, compute: SourceCompute, *, position: int = 100) -> None:
    """Add a computed source an indicator may name: ``compute(scope)`` → (this year's fact, last year's).
    The indicator form lists the sources by ``position``."""
    SOURCES[key] = SourceEntry(key, label, unit, compute, position)


def source_choices() -> list[tuple[str, str]]:
    return [(entry.key, str(entry.label)) for entry in sorted(SOURCES.values(), key=lambda e: e.position)]


def sorted_sections() -> list[SectionEntry]:
    """The registered sections in the order they are shown."""
    return sorted(SECTIONS.values(), key=lambda e: (e.position, e.key))


def build_sections(scope: MonitoringScope) -> list[tuple[SectionEntry, SectionContent]]:
    scope.read_all()
    return [(entry, entry.provider(scope)) for entry in sorted_sections()]


@dataclass
class RowsTable:
    """What a figure counted: a heading, the columns and the rows (the last column usually the number)."""
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


RowsProvider = Callable[[MonitoringScope], RowsTable]
ROWS: dict[str, RowsProvider] = {}


def register_figure_rows(keys: tuple[str, ...], provider: RowsProvider) -> None:
    """``provider(scope)`` lists the rows the figures ``keys`` count (a fixed number of statements)."""
    for key in keys:
        ROWS[key] = provider


# ---------------------------------------------------------------- helpers the providers share

MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)  # the months of an academic year, in order


def month_labels(scope: MonitoringScope) -> list[str]:
    return [format_date(scope.year.date_of(month), "LLL") for month in MONTHS]


def percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def overlaps(starts_on: date | None, ends_on: date | None, year: AcademicYear) -> bool:
    """A term (open where a date is missing) overlaps the academic year."""
    return (starts_on is None or starts_on <= year.ends_on) and (ends_on is None or ends_on >= year.starts_on)


def by_year(compute: Callable[[MonitoringScope], dict], key: str | None = None) -> SourceCompute:
    """A computed source from ``compute(scope)`` → {start year: value} (or {start year: {key: value}})."""
    if key is None:
        return lambda scope: tuple(compute(scope)[year.start_year] for year in scope.years)
    return lambda scope: tuple(compute(scope)[year.start_year][key] for year in scope.years)
