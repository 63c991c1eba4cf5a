"""Timing phrases of real plans («сроки») read into dates of the plan's academic year.

``read_timing(text, year)`` never fails and never loses the text: what it cannot read comes back
with ``kind == "unread"``, no dates, the text verbatim and a Russian ``warning`` for the preview.

What it reads (case, «ё», dashes -, ‐, –, — and extra spaces do not matter, nor Latin look-alike
letters typed for Cyrillic ones, «c сентября»; a range wrapped onto a second line of its cell stays
one range; «март, 2020» is March 2020):

======================  ===================================================  ============
kind                    examples                                             dates
======================  ===================================================  ============
``month``               сентябрь, сентября, в сентябре, Сентябрь 2023,        the whole month
                        сент., май 2024 г.
``date``                22.11.2019, 22.11, 22.11.19, 22 ноября, 5 мая 2024 г.  that day
``days``                22-24.11., 22-24.11.2019, 28.02-03.03, 22-24 ноября,   the days
                        с 1 по 15 сентября, 22.11.2019 – 24.11.2019,
                        в начале / середине / конце сентября (1–10, 11–20,
                        21–last), 2 декада октября, первая неделя мая
``range``               сентябрь - октябрь, март – май, Сентябрь-октябрь,    first to last day
                        ноябрь – февраль, с октября по май, сентябрь 2023 –
                        май 2024, с октября (→ to the end of the academic
                        year), в течение 2024 года (the calendar year)
``list``                октябрь, март; апрель, май; one month per line;      each period in
                        октябрь и март; 5, 12, 19 октября; сентябрь-октябрь,  ``dates``, the span in
                        март; в каждую четверть, ежечетвертно, по            starts_on/ends_on
                        полугодиям, каждый триместр (each term, see below)
``deadline``            К маю 2024, до 15 мая, не позднее 1 октября,         see below
                        до конца мая, до конца учебного года
``whole_year``          в течение года, в течение учебного года, в течении    1 Sep – 31 Aug
                        года, весь год, весь период, 2024-2025 учебный год,
                        2023/24 уч. г., ежемесячно, еженедельно, постоянно,
                        систематически, 1 раз в месяц, в течение года (по
                        плану)
``term``                I четверть, 2-я четверть, 1 полугодие, II полугодие,  see below
                        3 триместр, IV квартал, I квартал 2024, осень,
                        летом, летние каникулы
======================  ===================================================  ============

Decisions:

* A day or month without a year is placed in the plan's academic year: September–December in
  ``start_year``, January–August in ``start_year + 1``.
* A range is chronological: its start is placed as above and its end is the first occurrence on or
  after the start (ноябрь – февраль → Nov–Feb of the next calendar year; 28.02-03.03 spans the
  months; the short form 28-03.03 crosses into the previous month only for a span of at most two
  weeks, so 24-22.11 is a slip and unread). A year written on one end only places the other end
  next to it (сентябрь-октябрь 2023).
  A list with a year written on some items places the others next to the nearest written one.
* A deadline («К маю 2024», «до 15 мая») ends on the last day of the named month or on the named
  day, and starts on the first day of the academic year (the work is under way during the year):
  so a read timing always has both dates, and ``kind == "deadline"`` tells the UI to show «до …».
* Terms: школьные четверти I 1 Sep–31 Oct, II 1 Nov–31 Dec, III 1 Jan–31 Mar, IV 1 Apr–31 May;
  полугодия 1 Sep–31 Dec and 1 Jan–31 May; триместры Sep–Nov, Dec–Feb, Mar–May; кварталы are
  calendar quarters; seasons are the meteorological ones (осень Sep–Nov, зима Dec–Feb, весна
  Mar–May, лето and летние каникулы Jun–Aug). A year written with a term is the calendar year it
  ends in («2 полугодие 2024» → Jan–May 2024).
* A written year that puts a period outside the plan's academic year is read all the same, and a
  ``warning`` says so. Qualifiers «по согласованию», «по плану», «ориентировочно» and the like are
  ignored next to a date; alone they are unreadable.
* Anything else — «по мере необходимости», «по запросу», a time of day, a word it does not know,
  a date that does not exist (30.02), an end before the start — is ``unread``.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from workspace.core.dates import AcademicYear

KINDS = ("month", "range", "list", "days", "deadline", "whole_year", "date", "term", "unread")


@dataclass(frozen=True)
class Timing:
    """A timing phrase as typed and what it means. ``dates`` holds every period (one for all
    kinds but ``list``); ``starts_on``/``ends_on`` span them all."""

    text: str
    kind: str
    starts_on: date | None = None
    ends_on: date | None = None
    dates: tuple[tuple[date, date], ...] = ()
    warning: str | None = None

    @property
    def is_read(self) -> bool:
        return self.kind != "unread"

    @property
    def needs_review(self) -> bool:
        """Unread, or read with a doubt: the preview shows it to the user."""
        return not self.is_read or self.warning is not None


class Unreadable(ValueError):
    """Raised inside the reader; ``read_timing`` turns it into an unread Timing."""


def read_timing(text, year: AcademicYear) -> Timing:
    """Read a timing phrase of a plan of the academic year ``year``; see the module docstring."""
    if text is None:
        text = ""
    if isinstance(text, datetime):
        text = text.date()
    if isinstance(text, date):
        return _timing(text.strftime("%d.%m.%Y"), "date", [(text, text)], year)
    text = str(text)
    if not text.strip():
        return Timing(text=text, kind="unread", warning="Срок не указан")
    try:
        kind, periods = _read(text, year)
    except Unreadable as problem:
        reason = str(problem)
        return Timing(text=text, kind="unread",
                      warning="Срок не распознан" + (f" ({reason})" if reason else "") + " — укажите даты")
    return _timing(text, kind, periods, year)


def _timing(text: str, kind: str, periods: list[tuple[date, date]], year: AcademicYear) -> Timing:
    return Timing(text=text, kind=kind, starts_on=min(p[0] for p in periods),
                  ends_on=max(p[1] for p in periods), dates=tuple(periods), warning=outside_warning(periods, year))


def outside_warning(periods, year: AcademicYear) -> str | None:
    """The warning for the periods that fall outside the plan's academic year (None when none do): the
    import's preview and a plan's timing cell say the same."""
    outside = [p for p in periods if p[0] < year.starts_on or p[1] > year.ends_on]
    if not outside:
        return None
    shown = ", ".join(_period_label(p) for p in outside)
    return f"Срок вне {year.label} учебного года плана: {shown}"


def _period_label(period: tuple[date, date]) -> str:
    start, end = period
    if start == end:
        return start.strftime("%d.%m.%Y")
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"


# --- normalising and tokens -----------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006"
_IGNORABLE = re.compile(
    r"\(?\s*(?<![а-я])(?:по\s+(?:согласованию|графику|плану|расписанию|отдельному\s+(?:плану|графику))"
    r"|ориентировочно|примерно|приблизительно|включительно)(?![а-я])\s*\)?")
_TIMES_PER = re.compile(
    r"(?<![а-я\d])(?:\d+\s*)?раз[а]?\s+в\s+(?:месяц|неделю|четверть|квартал|полугодие|триместр|год)(?![а-я])")
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)-?(?:ого|ому|ой|ая|ое|ый|ий|ей|ом|ым|го|му|я|й|е|м|х)(?![а-я])")

_TOKEN = re.compile(r"""
    (?P<acad>(?<!\d)(\d{4})\s*[-/]\s*(\d{4}|\d{2})(?!\d|\.\d))
  | (?P<date>(?<![\d.])(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?!\d)\.?)
  | (?P<year>(?<!\d)\d{4}(?!\d))
  | (?P<num>(?<!\d)\d{1,2}(?!\d))
  | (?P<word>[а-яa-z]+)\.?
  | (?P<dash>-)
  | (?P<sep>[,;\n/+&])
  | (?P<space>[\s()"«»„“”'.:!]+)
  | (?P<other>.)
""", re.VERBOSE)

_MONTHS = [
    (1, r"январ[ьяюеи]|январем|янв"),
    (2, r"феврал[ьяюеи]|февралем|фев|февр"),
    (3, r"март[аеу]?|мартом|мар"),
    (4, r"апрел[ьяюеи]|апрелем|апр"),
    (5, r"ма[йяюе]|маем"),
    (6, r"июн[ьяюеи]|июнем"),
    (7, r"июл[ьяюеи]|июлем"),
    (8, r"август[аеу]?|августом|авг"),
    (9, r"сентябр[ьяюеи]|сентябрем|сен|сент"),
    (10, r"октябр[ьяюеи]|октябрем|окт"),
    (11, r"ноябр[ьяюеи]|ноябрем|ноя|нояб"),
    (12, r"декабр[ьяюеи]|декабрем|дек"),
]
_MONTH_RE = [(number, re.compile(f"(?:{pattern})")) for number, pattern in _MONTHS]


def _forms(cls, value, *words):
    return {word: (cls, value) for word in words}


_WORDS: dict[str, tuple[str, object]] = {
    **_forms("filler", None, "в", "во", "на", "течение", "течении", "продолжение", "продолжении",
             "протяжении", "срок", "сроки", "срока", "месяц", "месяца", "месяце", "проведения",
             "числа", "число", "начиная"),
    **_forms("from", None, "с", "со"),
    **_forms("to", None, "по"),
    **_forms("until", None, "до"),
    **_forms("by", None, "к", "ко"),
    **_forms("not", None, "не"),
    **_forms("later", None, "позднее", "позже", "позднее"),
    **_forms("sep", None, "и", "или"),
    **_forms("yearword", None, "год", "года", "году", "годом", "годы", "годов"),
    **_forms("yabbr", None, "г", "гг"),
    **_forms("acadword", None, "учебный", "учебного", "учебном", "учебному", "учебным", "уч",
             "учеб", "учебн"),
    **_forms("all", None, "весь", "всего", "всем", "целый", "целого", "целом", "круглый",
             "круглого"),
    **_forms("period", None, "период", "периода", "периоде"),
    **_forms("periodic", None, "ежемесячно", "ежеквартально", "еженедельно", "ежедневно",
             "постоянно", "систематически", "регулярно", "круглогодично", "ежегодно",
             "ежемесячный", "еженедельный"),
    **_forms("part", 1, "начало", "начале", "начала"),
    **_forms("part", 2, "середина", "середине", "середины", "середину"),
    **_forms("part", 3, "конец", "конце", "конца", "концу"),
    **_forms("term", "quarter", "четверть", "четверти", "четвертью", "четвертях"),
    **_forms("term", "half", "полугодие", "полугодия", "полугодии", "полугодии", "полугодиях"),
    **_forms("term", "trimester", "триместр", "триместра", "триместре", "триместрах"),
    **_forms("term", "calendar_quarter", "квартал", "квартала", "квартале", "кварталах"),
    **_forms("term", "decade", "декада", "декады", "декаде", "декаду"),
    **_forms("term", "week", "неделя", "недели", "неделе", "неделю"),
    **_forms("ord", 1, "первый", "первая", "первое", "первой", "первого", "первом", "первую"),
    **_forms("ord", 2, "второй", "вторая", "второе", "второго", "втором", "вторую"),
    **_forms("ord", 3, "третий", "третья", "третье", "третьей", "третьего", "третьем", "третью"),
    **_forms("ord", 4, "четвертый", "четвертая", "четвертое", "четвертой", "четвертого",
             "четвертом", "четвертую"),
    **_forms("ord", -1, "последний", "последняя", "последней", "последнюю", "последнего"),
    **_forms("roman", 1, "i"),
    **_forms("roman", 2, "ii"),
    **_forms("roman", 3, "iii"),
    **_forms("roman", 4, "iv"),
    **_forms("season", "autumn", "осень", "осенью", "осенний", "осенние", "осенних", "осеннем",
             "осеннего", "осени"),
    **_forms("season", "winter", "зима", "зимой", "зимний", "зимние", "зимних", "зимнем",
             "зимнего", "зимы"),
    **_forms("season", "spring", "весна", "весной", "весенний", "весенние", "весенних",
             "весеннем", "весеннего", "весны"),
    **_forms("season", "summer", "лето", "летом", "летний", "летние", "летних", "летнем",
             "летнего", "лета"),
    **_forms("holidays", None, "каникулы", "каникул", "каникулах", "каникулярный",
             "каникулярное", "каникулярного"),
}


@dataclass(frozen=True)
class _Token:
    cls: str
    value: object = None
    text: str = ""


def _normalise(text: str) -> str:
    text = text.translate({ord(c): " " for c in _SPACES}).lower().replace("ё", "е")
    text = text.translate({ord(c): "-" for c in _DASHES})
    text = text.replace("\u0456", "i").replace("\u0406", "i")  # Cyrillic І typed for Latin I
    text = re.sub(r"[\r\u2028\u2029]", "\n", text)
    text = _TIMES_PER.sub(" ежемесячно ", text)
    text = _ORDINAL_SUFFIX.sub("", text)
    return text


def _tokenise(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        raw = match.group(0)
        if kind == "space":
            if "\n" in raw:
                tokens.append(_Token("sep", None, "\n"))
            continue
        if kind == "acad":
            first = int(match.group(2))
            second_text = match.group(3)
            second = int(second_text)
            if len(second_text) == 2:
                second = first - first % 100 + second
                if second < first:
                    second += 100
            tokens.append(_Token("acad", (first, second), raw))
        elif kind == "date":
            day, month, year = match.group(5), match.group(6), match.group(7)
            tokens.append(_Token("date", (int(day), int(month), _full_year(year)), raw))
        elif kind == "year":
            tokens.append(_Token("year", int(raw), raw))
        elif kind == "num":
            tokens.append(_Token("num", int(raw), raw))
        elif kind == "word":
            word = match.group("word")
            tokens.append(_word(word))
        elif kind == "dash":
            tokens.append(_Token("dash", None, raw))
        elif kind == "sep":
            tokens.append(_Token("sep", None, raw))
        else:
            raise Unreadable(f"непонятный знак «{raw}»")
    return tokens


def _full_year(text: str | None) -> int | None:
    if text is None:
        return None
    value = int(text)
    return 2000 + value if len(text) == 2 else value


_LATIN_LOOKALIKES = str.maketrans("aceopxykmtbh", "асеорхукмтвн")


def _word(word: str) -> _Token:
    known = _WORDS.get(word)
    if known:
        return _Token(known[0], known[1], word)
    for number, pattern in _MONTH_RE:
        if pattern.fullmatch(word):
            return _Token("month", number, word)
    cyrillic = word.translate(_LATIN_LOOKALIKES)   # «c сентября» typed with a Latin c
    if cyrillic != word and re.fullmatch(r"[а-я]+", cyrillic):
        return _word(cyrillic)
    raise Unreadable(f"непонятное слово «{word}»")


# --- periods named relative to a year ---------------------------------------------------------

def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass
class _Spec:
    """A period named without (or with) its year: start (m1, d1), end (m2, d2 or the last day of
    m2) ``span`` calendar years after the start."""

    m1: int
    d1: int
    m2: int
    d2: int | None
    kind: str
    span: int = 0
    year: int | None = None          # a written calendar year
    year_is_end: bool = False        # … which is the year of the end (terms)
    acad: int | None = None          # a written academic year (its start year)
    builder: Callable[[int], _Spec] | None = field(default=None, repr=False)

    @property
    def precise(self) -> bool:
        return self.kind in ("date", "days")

    def written_start_year(self) -> int | None:
        if self.year is not None:
            return self.year - (self.span if self.year_is_end else 0)
        if self.acad is not None:
            return self.acad if self.m1 >= 9 else self.acad + 1
        return None

    def academic_start_year(self, year: AcademicYear) -> int:
        return year.start_year if self.m1 >= 9 else year.start_year + 1

    def place(self, start_year: int) -> tuple[date, date]:
        end_year = start_year + self.span
        try:
            start = date(start_year, self.m1, self.d1)
            end = date(end_year, self.m2, self.d2 if self.d2 is not None else _last_day(end_year, self.m2))
        except ValueError:
            raise Unreadable(f"нет такой даты {self.d1:02d}.{self.m1:02d}.{start_year}") from None
        return start, end

    def try_place(self, start_year: int) -> tuple[date, date] | None:
        try:
            return self.place(start_year)
        except Unreadable:
            return None


@dataclass
class _Bare:
    """A number or an ordinal waiting for the month or term that follows it (22-24.11, I-II
    четверть, 5, 12, 19 октября)."""

    number: int


def _check_year(value: int | None) -> int | None:
    if value is not None and not 1990 <= value <= 2100:
        raise Unreadable(f"год {value}")
    return value


def _day_spec(day: int, month: int, year: int | None) -> _Spec:
    if not 1 <= month <= 12:
        raise Unreadable(f"нет месяца {month}")
    if not 1 <= day <= 31:
        raise Unreadable(f"нет дня {day}")
    spec = _Spec(month, day, month, day, "date", year=_check_year(year))
    spec.builder = lambda n, m=month, y=year: _day_spec(n, m, y)
    return spec


def _month_spec(month: int, year: int | None) -> _Spec:
    return _Spec(month, 1, month, None, "month", year=_check_year(year))


def _part_of_month(part: int, month: int, year: int | None) -> _Spec:
    first, last = {1: (1, 10), 2: (11, 20), 3: (21, None)}[part]
    return _Spec(month, first, month, last, "days", year=_check_year(year))


_SCHOOL_TERMS = {
    "quarter": {1: (9, 1, 10, 31), 2: (11, 1, 12, 31), 3: (1, 1, 3, 31), 4: (4, 1, 5, 31)},
    "half": {1: (9, 1, 12, 31), 2: (1, 1, 5, 31)},
    "trimester": {1: (9, 1, 11, 30), 2: (12, 1, 2, None), 3: (3, 1, 5, 31)},
    "calendar_quarter": {1: (1, 1, 3, 31), 2: (4, 1, 6, 30), 3: (7, 1, 9, 30), 4: (10, 1, 12, 31)},
}
_SEASONS = {"autumn": (9, 1, 11, 30), "winter": (12, 1, 2, None), "spring": (3, 1, 5, 31),
            "summer": (6, 1, 8, 31)}


def _ranged_spec(bounds, kind: str, year: int | None, acad: int | None) -> _Spec:
    m1, d1, m2, d2 = bounds
    return _Spec(m1, d1, m2, d2, kind, span=1 if m2 < m1 else 0, year=_check_year(year),
                 year_is_end=True, acad=acad)


def _term_spec(term: str, number: int, year: int | None, acad: int | None) -> _Spec:
    terms = _SCHOOL_TERMS[term]
    if number == -1:
        number = max(terms)
    if number not in terms:
        raise Unreadable(f"нет такой части года: {number}")
    spec = _ranged_spec(terms[number], "term", year, acad)
    spec.builder = lambda n, t=term, y=year, a=acad: _term_spec(t, n, y, a)
    return spec


def _week_spec(kind: str, number: int, month: int, year: int | None) -> _Spec:
    if kind == "decade":
        if number == -1:
            number = 3
        if number not in (1, 2, 3):
            raise Unreadable(f"нет {number}-й декады")
        return _part_of_month(number, month, year)
    if number == -1:
        return _Spec(month, -7, month, None, "days", year=_check_year(year))  # resolved in place
    if number not in (1, 2, 3, 4):
        raise Unreadable(f"нет {number}-й недели")
    return _Spec(month, (number - 1) * 7 + 1, month, number * 7, "days", year=_check_year(year))


# --- the parts of a phrase ------------------------------------------------------------------

@dataclass
class _Fixed:
    """Already concrete (the academic year, its end)."""

    start: date
    end: date
    kind: str
    written: bool = False   # a year was written («2024-2025 учебный год»)

    def written_year(self) -> bool:
        return self.written

    def resolve(self, year: AcademicYear, start_year: int | None = None):
        return self.start, self.end


@dataclass
class _Single:
    spec: _Spec
    deadline: bool = False
    open_end: bool = False   # «с октября»: to the end of the academic year

    @property
    def kind(self) -> str:
        if self.deadline:
            return "deadline"
        if self.open_end:
            return "range"
        return self.spec.kind

    def written_year(self) -> bool:
        return self.spec.written_start_year() is not None

    def resolve(self, year: AcademicYear, start_year: int | None = None):
        spec = self.spec
        placed_year = spec.written_start_year()
        if placed_year is None:
            placed_year = start_year if start_year is not None else spec.academic_start_year(year)
        start, end = _place_last_week(spec, placed_year)
        if self.deadline:
            return min(year.starts_on, end), end
        if self.open_end:
            return start, AcademicYear.containing(start).ends_on
        return start, end


def _place_last_week(spec: _Spec, start_year: int) -> tuple[date, date]:
    if spec.d1 == -7:  # the last week of the month
        last = _last_day(start_year, spec.m1)
        return date(start_year, spec.m1, last - 6), date(start_year, spec.m1, last)
    return spec.place(start_year)


@dataclass
class _Range:
    first: _Spec
    last: _Spec

    @property
    def kind(self) -> str:
        return "days" if self.first.precise and self.last.precise else "range"

    def written_year(self) -> bool:
        return self.first.written_start_year() is not None or self.last.written_start_year() is not None

    def resolve(self, year: AcademicYear, start_year: int | None = None):
        first, last = self.first, self.last
        first_year, last_year = first.written_start_year(), last.written_start_year()
        if first_year is None and last_year is not None:
            last_start, last_end = last.place(last_year)
            placed = [p for c in (last_year + 1, last_year, last_year - 1)
                      if (p := first.try_place(c)) and p[0] <= last_start]
            if not placed:
                raise Unreadable("начало позже конца")
            return placed[0][0], last_end
        if first_year is None:
            first_year = start_year if start_year is not None else first.academic_start_year(year)
        start, _ = first.place(first_year)
        if last_year is None:
            placed = [p for c in (first_year - 1, first_year, first_year + 1)
                      if (p := last.try_place(c)) and p[0] >= start]
            if not placed:
                raise Unreadable("нет такой даты")
            end = placed[0][1]
        else:
            end = last.place(last_year)[1]
        if end < start:
            raise Unreadable("конец раньше начала")
        return start, end


# --- the parser -----------------------------------------------------------------------------

class _Parser:
    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.at = 0

    def peek(self, ahead: int = 0) -> _Token | None:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, *classes: str) -> _Token | None:
        token = self.peek()
        if token is not None and token.cls in classes:
            self.at += 1
            return token
        return None

    def done(self) -> bool:
        return self.at >= len(self.tokens)

    def year_suffix(self) -> tuple[int | None, int | None]:
        """A written year after a point: «2023», «2023 г.», «2023 года», «2023-2024 уч. года»."""
        written = acad = None
        token = self.take("year")
        if token is not None:
            written = token.value
        else:
            token = self.take("acad")
            if token is not None:
                first, second = token.value
                if second != first + 1:
                    raise Unreadable("годы не подряд")
                acad = first
        if token is not None:
            while self.take("yabbr", "yearword", "acadword"):
                pass
        return written, acad

    def point(self):
        token = self.peek()
        if token is None:
            return None
        read = self._POINTS.get(token.cls)
        if read is None:
            return None
        self.at += 1
        return read(self, token)

    def _part_point(self, token):  # «начало/конец/середина <месяца>»
        month = self.take("month")
        if month is None:
            raise Unreadable("начало/конец чего?")
        written, acad = self.year_suffix()
        spec = _part_of_month(token.value, month.value, written)
        spec.acad = acad
        return spec

    def _number_point(self, token):  # «15 октября», «2 четверть», «I полугодие», «3 неделя марта», a bare number
        following = self.peek()
        if token.cls == "num" and following is not None and following.cls == "month":
            self.at += 1
            written, acad = self.year_suffix()
            spec = _day_spec(token.value, following.value, written)
            spec.acad = acad
            return spec
        if following is not None and following.cls == "term":
            self.at += 1
            if following.value in ("decade", "week"):
                month = self.take("month")
                if month is None:
                    raise Unreadable("декада/неделя какого месяца?")
                written, acad = self.year_suffix()
                spec = _week_spec(following.value, token.value, month.value, written)
                spec.acad = acad
                return spec
            written, acad = self.year_suffix()
            return _term_spec(following.value, token.value, written, acad)
        return _Bare(token.value)

    def _date_point(self, token):  # «15.10», «15.10.2024»
        day, month, written = token.value
        if written is not None:
            while self.take("yabbr", "yearword"):
                pass
        return _day_spec(day, month, written)

    def _month_point(self, token):
        written, acad = self.year_suffix()
        spec = _month_spec(token.value, written)
        spec.acad = acad
        return spec

    def _season_point(self, token):  # «осень», «летние каникулы», «каникулы летние»
        season = token.value
        other = self.take("season", "holidays")
        if season is None:  # «каникулы летние»
            season = other.value if other is not None else None
        elif other is not None and other.cls == "season":
            raise Unreadable("два времени года")
        holidays = token.cls == "holidays" or (other is not None and other.cls == "holidays")
        if holidays and season != "summer":
            raise Unreadable("каникулы — только летние")
        if season is None:
            raise Unreadable("какие каникулы?")
        self.take("period")   # «в летний период»
        written, acad = self.year_suffix()
        return _ranged_spec(_SEASONS[season], "term", written, acad)

    def _year_point(self, token):  # «2024 год»
        while self.take("yabbr", "yearword"):
            pass
        return _Spec(1, 1, 12, 31, "range", year=_check_year(token.value))

    _POINTS = {"part": _part_point, "num": _number_point, "roman": _number_point, "ord": _number_point,
               "date": _date_point, "month": _month_point, "season": _season_point, "holidays": _season_point,
               "year": _year_point}


_SHORTHAND_DAYS = 14   # «28-03.03» crosses into the previous month only for a short span


def _completed(value, template: _Spec | None, *, before: _Spec | None = None):
    if not isinstance(value, _Bare):
        return value
    if template is None or template.builder is None:
        raise Unreadable(f"непонятное число {value.number}")
    spec = template.builder(value.number)
    if before is not None and spec.kind == "date" and spec.d1 > before.d1:
        # 28-03.03 → from 28 February; but 24-22.11 is a slip, not a month-long range
        if 31 - spec.d1 + before.d1 > _SHORTHAND_DAYS:
            raise Unreadable("начало позже конца")
        month = before.m1 - 1 or 12
        written = before.year - 1 if (before.year is not None and month == 12) else before.year
        spec = _day_spec(value.number, month, written)
    return spec


def _whole_years(tokens: list[_Token], classes: list[str], year: AcademicYear):
    """A phrase of a whole year or whole academic years, or None."""
    kinds = set(classes)
    # «в течение года», «весь учебный год», «весь период»
    if kinds <= {"all", "acadword", "yearword", "period"} and (
            "yearword" in kinds or {"all", "period"} <= kinds):
        return _Fixed(year.starts_on, year.ends_on, "whole_year")
    # «2024-2025 учебный год», «в течение 2023/24 уч. г.»
    if classes[0] == "acad" and set(classes[1:]) <= {"acadword", "yearword", "yabbr", "all"}:
        return _academic_years(tokens[0].value)
    if classes[0] == "all" and len(classes) > 1 and classes[1] == "acad" and \
            set(classes[2:]) <= {"acadword", "yearword", "yabbr"}:
        return _academic_years(tokens[1].value)
    return None


def _deadline_word(parser) -> bool:
    """«до …», «к …», «не позднее …» taken from the front."""
    if parser.take("until", "by"):
        return True
    if parser.take("not"):
        if not parser.take("later"):
            raise Unreadable("«не …»")
        return True
    return False


def _parse_part(tokens: list[_Token], year: AcademicYear):
    """One item of a list: a whole-year phrase, a point, a range or a deadline."""
    classes = [t.cls for t in tokens]
    periodic = "periodic" in classes
    tokens = [t for t in tokens if t.cls not in ("filler", "periodic")]
    classes = [t.cls for t in tokens]
    if not tokens:
        return _Fixed(year.starts_on, year.ends_on, "whole_year") if periodic else None
    whole = _whole_years(tokens, classes, year)
    if whole is not None:
        return whole

    parser = _Parser(tokens)
    deadline = _deadline_word(parser)
    if deadline:
        ahead = parser.peek()
        if ahead is not None and ahead.cls == "part" and ahead.value != 3:
            raise Unreadable("«до начала …» — укажите дату")
        end = _deadline_of_year(parser, year)
        if end is not None:
            return _Fixed(min(year.starts_on, end), end, "deadline")
    opened = bool(parser.take("from"))
    first = parser.point()
    if first is None:
        raise Unreadable("")
    part = None
    if parser.take("dash", "to", "until"):
        last = parser.point()
        if last is None:
            raise Unreadable("диапазон без конца")
        if isinstance(last, _Bare):
            part = ("bare-range", first, last)
        else:
            first = _completed(first, last, before=last)
            part = _Range(first, last)
    elif opened:
        if isinstance(first, _Bare):
            raise Unreadable("")
        part = _Single(first, open_end=True)
    else:
        part = first if isinstance(first, _Bare) else _Single(first)
    if not parser.done():
        raise Unreadable("лишнее в конце")
    if deadline:
        if not isinstance(part, _Single):
            raise Unreadable("срок «до» диапазона")
        part.deadline = True
    return part


def _deadline_of_year(parser: _Parser, year: AcademicYear) -> date | None:
    """«до конца (учебного) года», «до конца 2023 года», «к концу 2023-2024 уч. года»."""
    rest = parser.tokens[parser.at:]
    classes = [t.cls for t in rest]
    if not classes or rest[0].cls != "part" or rest[0].value != 3:
        return None
    tail = classes[1:]
    if tail and set(tail) <= {"acadword", "yearword", "all"} and "yearword" in tail:
        return year.ends_on
    if tail and tail[0] == "year" and set(tail[1:]) <= {"yearword", "yabbr"} and tail[1:]:
        return date(_check_year(rest[1].value), 12, 31)
    if tail and tail[0] == "acad" and set(tail[1:]) <= {"acadword", "yearword", "yabbr"}:
        first, second = rest[1].value
        return date(second, 8, 31)
    return None


def _academic_years(pair: tuple[int, int]) -> _Fixed:
    first, second = pair
    _check_year(first), _check_year(second)
    if second <= first:
        raise Unreadable("годы не по порядку")
    kind = "whole_year" if second == first + 1 else "range"
    return _Fixed(date(first, 9, 1), date(second, 8, 31), kind, written=True)


_CONNECTORS = ("dash", "to", "until", "from", "by", "not")


def _split(tokens: list[_Token]) -> list[list[_Token]]:
    parts: list[list[_Token]] = [[]]
    for index, token in enumerate(tokens):
        if token.cls == "sep":
            before = parts[-1][-1].cls if parts[-1] else None
            after = tokens[index + 1].cls if index + 1 < len(tokens) else None
            if token.text == "\n" and (before in _CONNECTORS or after == "dash"):
                continue   # «Сентябрь –⏎октябрь»: a range wrapped in its cell
            parts.append([])
        else:
            parts[-1].append(token)
    merged: list[list[_Token]] = []
    for part in (p for p in parts if p):
        if merged and part[0].cls == "year" and all(t.cls in ("yabbr", "yearword") for t in part[1:]):
            merged[-1].extend(part)   # «март, 2020» is March 2020
        else:
            merged.append(part)
    return merged


def _read(text: str, year: AcademicYear) -> tuple[str, list[tuple[date, date]]]:
    normal = _normalise(text)
    stripped = _IGNORABLE.sub(" ", normal)
    if stripped.strip(" \n,;.()") == "":
        raise Unreadable("")
    every = _EVERY_TERM.fullmatch(stripped.strip(" \n,;.()"))
    if every:
        return "list", _every_term(every, year)
    tokens = _tokenise(stripped)
    parsed = [p for p in (_parse_part(tokens_of_part, year) for tokens_of_part in _split(tokens))
              if p is not None]
    if not parsed:
        raise Unreadable("")
    parts = _complete_bare(parsed)
    periods = _resolve_list(parts, year)
    unique: list[tuple[date, date]] = []
    kinds: list[str] = []
    for part, period in zip(parts, periods):   # «ежемесячно, в течение года» is one period
        if period not in unique:
            unique.append(period)
            kinds.append(part.kind)
    if len(unique) == 1:
        return kinds[0], unique
    return "list", unique


_EVERY_TERM = re.compile(
    r"(?:(?:в|во)\s+)?(?:кажд(?:ую|ой|ое|ом|ый|ые)\s+(?P<every>четверт[ьи]|полугоди[еия]|триместр[еаы]?)"
    r"|(?P<each>ежечетвертно)|по\s+(?P<by>четвертям|полугодиям|триместрам))")
_EVERY_TERM_KINDS = {"ч": "quarter", "е": "quarter", "п": "half", "т": "trimester"}


def _every_term(match: re.Match, year: AcademicYear) -> list[tuple[date, date]]:
    """«в каждую четверть», «ежечетвертно», «по полугодиям», «каждый триместр»: each school term of the year."""
    word = match.group("every") or match.group("each") or match.group("by")
    periods = []
    for first_month, first_day, last_month, last_day in _SCHOOL_TERMS[_EVERY_TERM_KINDS[word[0]]].values():
        starts = date(year.start_year + (first_month < 9), first_month, first_day)
        ends_year = year.start_year + (last_month < 9)
        ends = date(ends_year, last_month, last_day or calendar.monthrange(ends_year, last_month)[1])
        periods.append((starts, ends))
    return periods


def _template_of(part) -> _Spec | None:
    if isinstance(part, _Single):
        return part.spec
    if isinstance(part, _Range):
        return part.first
    return None


def _complete_bare(parsed: list) -> list:
    """Bare numbers take the month (or term) of the next item: «5, 12, 19 октября», «22-24, 28 ноября»."""
    parts = []
    for index, part in enumerate(parsed):
        if isinstance(part, (_Bare, tuple)):
            template = next((t for p in parsed[index + 1:]
                             if not isinstance(p, (_Bare, tuple)) and (t := _template_of(p)) is not None),
                            None)
            if isinstance(part, _Bare):
                part = _Single(_completed(part, template))
            else:
                _, first, last = part
                last_spec = _completed(last, template)
                part = _Range(_completed(first, template, before=last_spec), last_spec)
        parts.append(part)
    return parts


def _resolve_list(parts: list, year: AcademicYear) -> list[tuple[date, date]]:
    """Items with a written year are placed first; the others next to the nearest of them
    (the following one preferred: «22 ноября, 15 декабря 2019»), else in the academic year."""
    periods: list[tuple[date, date] | None] = [None] * len(parts)
    for index, part in enumerate(parts):
        if part.written_year():
            periods[index] = part.resolve(year)
    if all(p is None for p in periods):
        return [part.resolve(year) for part in parts]
    for index, part in enumerate(parts):
        if periods[index] is not None:
            continue
        following = next((periods[i] for i in range(index + 1, len(parts)) if parts[i].written_year()), None)
        if following is not None:
            anchor = following[0]
            candidates = [p for c in (anchor.year + 1, anchor.year, anchor.year - 1)
                          if (p := _try_resolve(part, year, c)) and p[0] <= anchor]
        else:
            anchor = next(periods[i] for i in range(index - 1, -1, -1) if parts[i].written_year())[0]
            candidates = [p for c in (anchor.year - 1, anchor.year, anchor.year + 1)
                          if (p := _try_resolve(part, year, c)) and p[0] >= anchor]
        periods[index] = candidates[0] if candidates else part.resolve(year)
    return periods


def _try_resolve(part, year: AcademicYear, start_year: int):
    try:
        return part.resolve(year, start_year)
    except Unreadable:
        return None
