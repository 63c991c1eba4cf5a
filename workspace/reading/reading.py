"""Finding the table in a plan-like sheet (a plan of events, a project roadmap) and reading its rows.

The input is what a spreadsheet gives: a list of row tuples (``openpyxl``'s
``iter_rows(values_only=True)``; merged cells give None after their first cell). Nothing here
touches Flask or the database.

* ``find_table(rows)`` finds the header row wherever it is — below title rows and approval stamps
  («УТВЕРЖДАЮ Директор ____»), with line breaks and hyphenation inside header cells, columns in any
  order, extra columns — by scoring every row: each cell's *head word* (the first word after
  modifiers like «планируемые», «ожидаемый», «целевая», «социальный») is matched to a meaning. The
  best-scoring row that names a title column and at least one more wins. Below it: blank rows,
  a column-number row («1 2 3 4»), repeated headers, footnotes («* …», «Примечание …») and
  signature lines («Директор ____») are skipped; a row whose only text is one cell left of the
  timing columns («1. Организационная работа», «План мероприятий с …»), or a number and a title with
  nothing else that the following numbers refine («1.» then «1.1»), or a roman numeral, becomes a
  section for the items below it (a «section» with no items under it stays an item: nothing is
  dropped). Numbers are kept as typed, as text.
* ``choose_sheet(sheets)`` picks the sheet with the plan table, or None when it cannot tell.
* ``read_item(raw, year)`` reads an item's timing and audience (taken off the end of the title
  when there is no audience column) and lists its doubts for the preview.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache

from workspace.core.dates import AcademicYear
from workspace.reading.audience import Audience, read_audience, split_audience_from_title
from workspace.reading.timing import Timing, read_timing

KEYS = ("number", "title", "audience", "timing", "responsible", "report_form", "partner")
LABELS = {
    "number": "№",
    "title": "Мероприятие",
    "audience": "Участники",
    "timing": "Сроки",
    "responsible": "Ответственные",
    "report_form": "Форма отчётности",
    "partner": "Партнёр",
}

NO_HEADER = ("Не найдена строка заголовков таблицы: нужны столбцы «Мероприятие» (или «Наименование "
             "мероприятия», «Содержание работы») и хотя бы один из «Сроки», «Участники», "
             "«Ответственные», «Форма отчётности»")


@dataclass(frozen=True)
class RawItem:
    """One row of the table, every value as text (None when the cell is empty).

    ``line`` is the 1-based row number in the sheet (the index in ``rows`` + 1)."""

    line: int
    number: str | None
    title: str | None
    audience: str | None = None
    timing: str | None = None
    responsible: str | None = None
    report_form: str | None = None
    partner: str | None = None
    section: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    line: int
    title: str


@dataclass
class Table:
    header_row_index: int | None
    columns: dict[str, int]
    items: list[RawItem]
    sections: list[Section]
    problems: list[str]
    header_score: float = 0.0
    preamble: list[str] = field(default_factory=list)     # texts above the header (title, stamp)
    footnotes: list[str] = field(default_factory=list)    # skipped footnotes and signature lines
    extra_columns: dict[int, str] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return self.header_row_index is not None

    @property
    def caption(self) -> str | None:
        """The title above the table («План мероприятий с …», «Дорожная карта …»), not the stamp."""
        texts = [text for text in self.preamble if not _STAMP.search(text)]
        return max(texts, key=len) if texts else None


# --- cells ----------------------------------------------------------------------------------

def cell_text(value) -> str | None:
    """A cell as text: stripped, None when empty; 1 → «1», 2.5 → «2.5», dates → «22.11.2019»."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- the header -----------------------------------------------------------------------------

_MODIFIERS = {
    "планируемые", "планируемое", "планируемый", "планируемая", "запланированные", "основные",
    "основное", "проводимые", "предполагаемые", "предполагаемый", "ожидаемый", "ожидаемые",
    "ожидаемое", "ожидаемая", "целевая", "целевые", "социальный", "социальные", "социальная",
    "сетевой", "сетевые", "сетевая", "конкретные", "краткое", "полное", "общее", "фио", "ф", "и", "о",
}
_NUMBER_WORDS = {"номер", "номера", "пп", "п", "no", "n", "nn", "нпп"}
_HEADS: dict[str, list[tuple[str, float]]] = {
    "title": [(r"мероприят\w*", 1.0), (r"наименовани\w*", 0.9), (r"названи\w*", 0.9),
              (r"содержани\w*", 0.85), (r"задач[аи]?", 0.75), (r"тем[аы]", 0.7), (r"виды?", 0.6),
              (r"событи\w*", 0.8), (r"деятельност\w*", 0.5), (r"направлени\w*", 0.4)],
    "audience": [(r"участник\w*", 1.0), (r"класс(?:ы|а|ов)?", 1.0), (r"аудитори\w*", 1.0),
                 (r"контингент\w*", 0.9), (r"категори\w*", 0.8), (r"возраст\w*", 0.7),
                 (r"охват\w*", 0.6)],
    "timing": [(r"срок\w*", 1.0), (r"дат[аы]", 1.0), (r"период\w*", 0.8), (r"время", 0.9),
               (r"месяц\w*", 0.8), (r"когда", 0.8)],
    "responsible": [(r"ответственн\w*", 1.0), (r"исполнител\w*", 1.0), (r"организатор\w*", 0.9),
                    (r"кто", 0.7), (r"руководител\w*", 0.7)],
    "report_form": [(r"отчет\w*", 1.0), (r"результат\w*", 1.0), (r"итог\w*", 0.8),
                    (r"продукт\w*", 0.8)],
    "partner": [(r"партнер\w*", 1.0), (r"соисполнител\w*", 0.8), (r"организаци\w*", 0.6),
                (r"учреждени\w*", 0.6)],
}
_HEAD_RE = {key: [(re.compile(pattern), weight) for pattern, weight in heads] for key, heads in _HEADS.items()}
_FORM_OF = re.compile(r"(?:отчет|результат|итог|представлени)\w*")
_MAX_HEADER_WORDS = 7


def _header_words(text: str) -> list[str]:
    text = text.lower().replace("ё", "е").replace("№", " номер ")
    text = re.sub(r"-\s*\n\s*", "", text)            # «Ответст-\nвенные»
    text = re.sub(r"\([^)]*\)", " ", text)           # «Ответственный (Ф.И.О., должность)»
    return re.findall(r"[a-zа-я0-9]+", text)


def header_meanings(value) -> dict[str, float]:
    """What a header cell may mean, with a score per key (empty when it means nothing known)."""
    if not isinstance(value, str):
        return {}
    return dict(_meanings(value))


@lru_cache(maxsize=4096)
def _meanings(value: str) -> tuple[tuple[str, float], ...]:
    return tuple(_text_meanings(value).items())


def _text_meanings(value: str) -> dict[str, float]:
    text = cell_text(value)
    if text is None:
        return {}
    if text.strip() == "#":
        return {"number": 1.0}
    words = _header_words(text)
    if not words or len(words) > _MAX_HEADER_WORDS:
        return {}
    if all(word in _NUMBER_WORDS for word in words):
        return {"number": 1.0}
    while len(words) > 1 and words[0] in _MODIFIERS:
        words = words[1:]
    head, rest = words[0], words[1:]
    scores: dict[str, float] = {}
    if re.fullmatch(r"форм[аы]?", head):
        if any(_FORM_OF.fullmatch(word) for word in rest):
            scores["report_form"] = 1.0
        return scores
    for key, patterns in _HEAD_RE.items():
        best = 0.0
        for pattern, weight in patterns:
            if pattern.fullmatch(head):
                best = max(best, weight)
            elif any(pattern.fullmatch(word) for word in rest):
                best = max(best, weight * 0.4)
        if best:
            scores[key] = best
    return scores


def map_header(row: tuple) -> tuple[dict[str, int], float]:
    """Columns of a header row by meaning (each key to its best column, each column to one key)."""
    candidates = []
    for index, value in enumerate(row):
        for key, score in header_meanings(value).items():
            candidates.append((score, -index, key, index))
    candidates.sort(reverse=True)
    columns: dict[str, int] = {}
    used: set[int] = set()
    total = 0.0
    for score, _, key, index in candidates:
        if key in columns or index in used:
            continue
        columns[key] = index
        used.add(index)
        total += score
    if "title" not in columns or len(columns) < 2:
        return {}, 0.0
    return dict(sorted(columns.items(), key=lambda pair: pair[1])), total


def _find_header(rows: list[tuple]) -> tuple[int | None, dict[str, int], float]:
    best_index, best_columns, best_score = None, {}, 0.0
    for index, row in enumerate(rows):
        columns, score = map_header(row)
        if score > best_score + 1e-9:
            best_index, best_columns, best_score = index, columns, score
    return best_index, best_columns, best_score


# --- the rows below the header --------------------------------------------------------------

_FOOTNOTE = re.compile(r"^\s*(?:\*|примечани[ея]|прим\.|сноска|\d\)\s|※)", re.I)
_SIGNATURE = re.compile(r"_{3,}|^\s*(?:директор|заместитель директора|зам\.? директора|исполнитель\s*:|"
                        r"составил|согласовано|утверждаю|утверждено|м\.?\s?п\.?)(?![а-я])", re.I)
_STAMP = re.compile(r"_{2,}|утвержда|утвержден|согласован|^\s*(?:директор|приказ|приложение|протокол)(?![а-я])"
                    r"|^\s*«?\s*_*\s*»?\s*\d{4}\s*г", re.I)
_BARE_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s*$")
_ROMAN = re.compile(r"^\s*[IVXLC]+\.?\s*$")
_SECTION_WORD = re.compile(r"^\s*(?:раздел|блок|направление|этап|модуль)(?![а-я])", re.I)


def _normal_row(row) -> list[str | None]:
    return [cell_text(value) for value in row]


def _header_signature(cells: list[str | None]) -> tuple:
    return tuple(" ".join(_header_words(c)) if c else "" for c in cells)


def _is_column_numbers(cells: list[str | None]) -> bool:
    values = [c for c in cells if c is not None]
    return len(values) >= 3 and values == [str(n) for n in range(1, len(values) + 1)]


def find_table(rows: list[tuple]) -> Table:
    """Find the plan table in the rows of a sheet; see the module docstring."""
    rows = [tuple(row) if row is not None else () for row in rows]
    header_index, columns, score = _find_header(rows)
    if header_index is None:
        return Table(None, {}, [], [], [NO_HEADER])
    width = max((len(row) for row in rows), default=0)
    header_cells = _normal_row(rows[header_index]) + [None] * (width - len(rows[header_index]))
    header_signature = _header_signature(header_cells)
    extra_columns = _extra_columns(header_cells, columns, width)
    problems: list[str] = []
    if "timing" not in columns:
        problems.append("В таблице нет столбца сроков — сроки нужно будет указать вручную")
    preamble = [text for row in rows[:header_index] for text in _normal_row(row) if text]

    title_at = columns["title"]
    fields_at = [columns[key] for key in KEYS if key in columns and key not in ("number", "title")]
    first_field = min(fields_at, default=width)
    entries: list[tuple[str, int, object]] = []   # ("item" | "lone" | "numbered", index, data)
    footnotes: list[str] = []
    for index in range(header_index + 1, len(rows)):
        cells = _normal_row(rows[index]) + [None] * (width - len(rows[index]))
        filled = [(at, text) for at, text in enumerate(cells) if text is not None]
        if not filled:
            continue
        if _header_signature(cells) == header_signature or _is_column_numbers(cells):
            continue
        if len(filled) == 1:
            at, text = filled[0]
            if _FOOTNOTE.match(text) or (_SIGNATURE.search(text) and at != title_at):
                footnotes.append(text)
                continue
            if _BARE_NUMBER.match(text) and at == columns.get("number", -1):
                continue   # an empty numbered row of a template
            if at < first_field and at <= max(title_at, columns.get("number", -1)):
                entries.append(("lone", index, (at, text)))
                continue
        item = _item(index, cells, columns, extra_columns)
        if _numbered_section_candidate(item):
            entries.append(("numbered", index, item))
        else:
            entries.append(("item", index, item))

    items, sections = _settle_sections(entries, columns["title"], footnotes)
    if not items:
        problems.append("Под строкой заголовков нет ни одного мероприятия")
    return Table(header_index, columns, items, sections, problems, header_score=score,
                 preamble=preamble, footnotes=footnotes, extra_columns=extra_columns)


def _extra_columns(header_cells: list[str | None], columns: dict[str, int], width: int) -> dict[int, str]:
    mapped = set(columns.values())
    names: dict[int, str] = {}
    seen: set[str] = set()
    for index in range(width):
        if index in mapped:
            continue
        text = header_cells[index] if index < len(header_cells) else None
        name = " ".join(text.split()) if text else column_letter(index)
        if name in seen:
            name = f"{name} ({column_letter(index)})"
        seen.add(name)
        names[index] = name
    return names


def _item(index: int, cells: list[str | None], columns: dict[str, int], extra_columns: dict[int, str],
          section: str | None = None) -> RawItem:
    values = {key: cells[at] for key, at in columns.items()}
    extra = {extra_columns[at]: cells[at] for at in extra_columns if at < len(cells) and cells[at] is not None}
    return RawItem(line=index + 1, number=values.get("number"), title=values.get("title"),
                   audience=values.get("audience"), timing=values.get("timing"),
                   responsible=values.get("responsible"), report_form=values.get("report_form"),
                   partner=values.get("partner"), section=section, extra=extra)


def _numbered_section_candidate(item: RawItem) -> bool:
    """«I | Организационная работа | | |» or «1. | Организационная работа | | |» (refined by 1.1 …)."""
    if item.number is None or item.title is None or item.extra:
        return False
    others = (item.audience, item.timing, item.responsible, item.report_form, item.partner)
    return all(value is None for value in others)


def _refines(number: str, following: str | None) -> bool:
    """«1.» is refined by «1.1», «1.2.» — not by «1.» or «10.»."""
    if following is None:
        return False
    prefix = number.strip().rstrip(".") + "."
    following = following.strip()
    return following.startswith(prefix) and len(following.rstrip(".")) > len(prefix)


def _settle_sections(entries, title_at: int, footnotes: list[str]) -> tuple[list[RawItem], list[Section]]:
    """Lone texts become sections when items follow somewhere below; a trailing one is an item
    (in the title column) or a footnote. Numbered candidates are sections only when they look it."""
    items: list[RawItem] = []
    sections: list[Section] = []
    current: str | None = None
    next_row: list[RawItem | None] = [None] * len(entries)   # the first item-like entry below each
    following: RawItem | None = None
    for position in range(len(entries) - 1, -1, -1):
        next_row[position] = following
        if entries[position][0] != "lone":
            following = entries[position][2]
    for position, (kind, index, data) in enumerate(entries):
        below = next_row[position]
        if kind == "lone":
            at, text = data
            if below is not None:
                current = text
                sections.append(Section(index + 1, text))
            elif at == title_at:
                items.append(RawItem(line=index + 1, number=None, title=text, section=current))
            else:
                footnotes.append(text)
            continue
        if kind == "numbered":
            next_number = below.number if below is not None else None
            if _ROMAN.match(data.number) or _SECTION_WORD.match(data.title) or _refines(data.number, next_number):
                current = f"{data.number} {data.title}"
                sections.append(Section(index + 1, current))
                continue
        items.append(_with_section(data, current))
    return items, sections


def _with_section(item: RawItem, section: str | None) -> RawItem:
    return RawItem(line=item.line, number=item.number, title=item.title, audience=item.audience,
                   timing=item.timing, responsible=item.responsible, report_form=item.report_form,
                   partner=item.partner, section=section, extra=item.extra)


# --- sheets ---------------------------------------------------------------------------------

def choose_sheet(sheets: list[tuple[str, list[tuple]]]) -> int | None:
    """The index of the sheet that holds the plan: the only one with a table and items, else the
    one whose header maps the most columns. None when no sheet has a table or several tie — the
    user is then asked."""
    ranked = []
    for index, (_title, rows) in enumerate(sheets):
        table = find_table(rows)
        if table.found:
            ranked.append(((1 if table.items else 0, len(table.columns)), index))
    if not ranked:
        return None
    best = max(quality for quality, _ in ranked)
    winners = [index for quality, index in ranked if quality == best]
    return winners[0] if len(winners) == 1 else None


# --- reading an item ------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadItem:
    """An item with its timing and audience read, and what the preview must ask about."""

    raw: RawItem
    title: str | None
    audience: Audience | None
    timing: Timing | None
    doubts: tuple[str, ...]


def read_item(raw: RawItem, year: AcademicYear) -> ReadItem:
    title = raw.title
    audience = read_audience(raw.audience) if raw.audience else None
    if audience is None and title:
        title, audience = split_audience_from_title(title)
    timing = read_timing(raw.timing, year) if raw.timing else None
    doubts = []
    if not title:
        doubts.append("Нет названия мероприятия")
    if timing is None:
        doubts.append("Срок не указан")
    elif timing.warning:
        doubts.append(timing.warning if timing.is_read else f"{timing.warning}: «{timing.text}»")
    return ReadItem(raw=raw, title=title, audience=audience, timing=timing, doubts=tuple(doubts))
