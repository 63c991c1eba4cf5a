"""Finding the table in a plan-like sheet (a plan of events, a project roadmap) and reading its rows.

The input is what a spreadsheet gives: a list of row tuples (``openpyxl``'s
``iter_rows(values_only=True)``; merged cells give None after their first cell). Nothing here
touches Flask or the database.

* ``find_table(rows)`` finds the header row wherever it is — below title rows and approval stamps
  («УТВЕРЖДАЮ Директор ____»), with line breaks and hyphenation inside header cells, columns in any
  order, extra columns — by scoring every row: each cell's *head word* (the first word after
  modifiers like «планируемые», «ожидаемый», «целевая», «социальный») is matched to a meaning. The
  best-scoring row that names a title column and at least one more wins. A header in two levels
  («Ответственные» merged over «от школы | от партнёра», «Сроки» over «начало | окончание») keeps
  every sub-column: their values joined one per line («начало – окончание» for the timing); the
  sub-columns of an unknown header are extra columns named «Место: город»; a known header merged over
  several columns without a lower level keeps them all the same way. Below it: blank rows,
  a column-number row («1 2 3 4»), repeated headers, footnotes («* …», «Примечание …»), stamps and
  signature lines (``is_stamp_line``: «УТВЕРЖДАЮ», «Приказ № … от …», «М.П.», «____ И.О. Фамилия»,
  «Исполнитель: …, тел. …», with the lines of their block down to a blank row), wherever they sit,
  also in a corner column beside the rows, are skipped into ``footnotes``; a row whose only text is one cell left of the
  timing columns («1. Организационная работа», «План мероприятий с …»), or a number and a title with
  nothing else that the following numbers refine («1.» then «1.1»), or a roman numeral, becomes a
  section for the items below it (a «section» with no items under it stays an item: nothing is
  dropped). Numbers are kept as typed, as text. Above the header, ``caption`` is the title line
  («План (совместных) мероприятий … с <partner> на … год», with the lines that go on with it), never
  a line of the stamp. Paragraphs of a Word file come as one-cell rows and are read the same way.
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

KEYS = ("number", "title", "audience", "timing", "responsible", "report_form", "partner", "interaction")
LABELS = {
    "number": "№",
    "title": "Мероприятие",
    "audience": "Участники",
    "timing": "Сроки",
    "responsible": "Ответственные",
    "report_form": "Форма отчётности",
    "partner": "Партнёр",
    "interaction": "Партнёр и форма взаимодействия",
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
    interaction: str | None = None   # the interaction model's partner and form («Драмтеатр — Спектакли»)


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
    groups: dict[str, list[int]] = field(default_factory=dict)   # a key over sub-columns (headers in two levels)
    sub_labels: dict[int, str] = field(default_factory=dict)     # the lower header of those sub-columns
    title_line: str | None = None
    stamps: list[str] = field(default_factory=list)    # the lines of the stamps above the header

    @property
    def found(self) -> bool:
        return self.header_row_index is not None

    @property
    def caption(self) -> str | None:
        """The title above the table («План мероприятий с …», «Дорожная карта …»), not the stamp."""
        return self.title_line


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
_INTERACTION = re.compile(r"взаимодейств\w*")   # «Партнёр и форма взаимодействия», «Форма взаимодействия»
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
    if re.fullmatch(r"(?:форм[аы]?|партнер\w*)", head) and any(_INTERACTION.fullmatch(word) for word in rest):
        return {"interaction": 1.0}
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
# A line of an approval stamp or of a signature: the stamp's word, an order or minutes by number, the
# position that signs, a line to sign on, a date to fill in, «М.П.», who prepared the document and their phone.
_STAMP_LINE = re.compile(
    r"_{3,}"
    r"|^\s*(?:утверждаю|утверждено|утвержд[её]н[аоы]?|согласовано|согласован[аоы]?|принято|принят[аоы]?"
    r"|рассмотрено|одобрено|введено в действие)(?![а-я])"
    r"|^\s*(?:приказ(?:ом)?|протокол(?:ом)?|приложение|решение)\s*(?:№|n\s*\d|\d)"
    r"|^\s*от\s*«?\s*[\d_]{1,2}\s*»?\s*[.\w]*\s*(?:19|20)[\d_]{2}"
    r"|^\s*«\s*[\d_]{0,2}\s*»\s*_*\s*[а-я]*\s*(?:19|20)[\d_]{2}"
    r"|^\s*м\.?\s?п\.?\s*$"
    r"|^\s*(?:директор|заместитель директора|зам\.?\s*директора|и\.?\s?о\.?\s*директора|заведующ(?:ий|ая)"
    r"|председатель|секретарь|руководитель учреждения|руководитель организации)(?![а-я])"
    r"|^\s*(?:исполнител[ьи]|ответственный исполнитель|составил[аи]?|подготовил[аи]?)\s*:"
    r"|(?<![а-я])тел\.?\s*[:(+\d]",
    re.I)
_PERSON = re.compile(r"^\s*(?:[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
                     r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.?)\s*$")
# A title line: «План (совместных) мероприятий … с <partner> на … год», «Раздел 2. Работа с …», «Дорожная карта …».
_TITLE_LINE = re.compile(r"^\s*(?:(?:перспективный|сетевой|совместный|календарный|общий)\s+)?"
                         r"(?:план|раздел|дорожная карта|перечень|график|программа)(?![а-я])", re.I)
_LONGEST_STAMP_LINE = 60   # a longer line under a stamp, not a stamp's own, is the title that follows it
_GOES_ON = re.compile(r"^(?:на|с|со|между|в|по|для|и)\s", re.I)   # «НА 2024/2025 УЧЕБНЫЙ ГОД» under «ПЛАН …»
_BARE_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s*$")
_ROMAN = re.compile(r"^\s*[IVXLC]+\.?\s*$")
_SECTION_WORD = re.compile(r"^\s*(?:раздел|блок|направление|этап|модуль)(?![а-я])", re.I)
_STARTS = re.compile(r"^(?:начал\w*|дата начала|старт|с|от)$", re.I)
_ENDS = re.compile(r"^(?:окончани\w*|конец|дата окончания|завершени\w*|по|до)$", re.I)


def is_stamp_line(text: str | None) -> bool:
    """A line of an approval stamp or a signature («УТВЕРЖДАЮ», «Приказ № 5 от …», «____ И.О. Фамилия», «М.П.»,
    «Исполнитель: …, тел. …», a bare «О.Н. Иванова»): never a section, never an item."""
    if not text:
        return False
    first = text.strip().split("\n", 1)[0]
    return bool(_STAMP_LINE.search(first) or "___" in text or _PERSON.match(first))


def is_title_line(text: str | None) -> bool:
    """«План мероприятий с … на … год», «Раздел 2. Работа с …»: a line that names a section."""
    return bool(text) and bool(_TITLE_LINE.match(text)) and not is_stamp_line(text)


def _normal_row(row) -> list[str | None]:
    return [cell_text(value) for value in row]


def _header_signature(cells: list[str | None]) -> tuple:
    return tuple(" ".join(_header_words(c)) if c else "" for c in cells)


def _is_column_numbers(cells: list[str | None]) -> bool:
    values = [c for c in cells if c is not None]
    return len(values) >= 3 and values == [str(n) for n in range(1, len(values) + 1)]


def _title_line(rows: list[tuple], stamps: list[str] | None = None) -> str | None:
    """The title above the header: the first title line («План …») with the lines that go on with it («на 2024/2025
    учебный год»), else the longest text that is no part of a stamp. A stamp block is the stamp's word and the lines
    under it in its column down to a blank cell or a title line; its texts go to ``stamps``."""
    stamps = [] if stamps is None else stamps
    in_stamp: set[int] = set()
    texts: list[tuple[int, int, str]] = []      # (row, column, text) outside stamps
    for row_index, row in enumerate(rows):
        for at, text in enumerate(_normal_row(row)):
            if text is None:
                in_stamp.discard(at)
            elif is_title_line(text) or len(text) > _LONGEST_STAMP_LINE and not is_stamp_line(text):
                in_stamp.discard(at)
                texts.append((row_index, at, text))
            elif is_stamp_line(text) or at in in_stamp:
                in_stamp.add(at)
                stamps.append(text)
            else:
                texts.append((row_index, at, text))
    for position, (row_index, at, text) in enumerate(texts):
        if is_title_line(text):
            parts, last = [text], row_index
            for next_row, next_at, more in texts[position + 1:]:
                if next_row != last + 1 or next_at != at or not (more[:1].islower() or _GOES_ON.match(more)):
                    break
                parts.append(more)
                last = next_row
            return " ".join(" ".join(part.split()) for part in parts)
    return max((text for _row, _at, text in texts), key=len, default=None)


def _sub_header(header_cells: list[str | None], below: list[str | None], columns: dict[str, int]) -> dict[int, int]:
    """A header in two levels: the row under the header holds only short labels («от школы | от партнёра»,
    «начало | окончание») under header cells merged over them. Returns each sub-column's parent column, or {}."""
    filled = [(at, text) for at, text in enumerate(below) if text is not None]
    if len(filled) < 2 or "title" in columns and below[columns["title"]] is not None:
        return {}
    parents: dict[int, int] = {}
    for at, text in filled:
        if len(text.split()) > 4 or _BARE_NUMBER.match(text) or is_stamp_line(text):
            return {}
        parent = at
        while parent >= 0 and (parent >= len(header_cells) or header_cells[parent] is None):
            parent -= 1
        if parent < 0:
            return {}
        parents[at] = parent
    spans = [parent for at, parent in parents.items() if at != parent]
    if not spans or any(list(parents.values()).count(parent) < 2 for parent in set(parents.values())
                        if parent not in spans):
        return {}
    return parents


def _merged_spans(header_row: tuple, header_cells: list[str | None], columns: dict[str, int]) -> dict[int, int]:
    """A header cell merged over several columns with no lower level («Ответственные» over two columns once the row
    «от школы | от партнёра» was deleted): the header-less cells right of a known header, within the header row,
    are that header's columns too (each column to its header's column)."""
    known = {at for key, at in columns.items() if key != "number"}
    spans: dict[int, int] = {}
    for index in range(1, len(header_row)):
        if header_cells[index] is not None:
            continue
        parent = index - 1
        while parent >= 0 and header_cells[parent] is None:
            parent -= 1
        if parent in known:
            spans[index] = spans[parent] = parent
    return spans


def _groups(parents: dict[int, int], columns: dict[str, int]) -> dict[str, list[int]]:
    key_of = {at: key for key, at in columns.items()}
    groups: dict[str, list[int]] = {}
    for at, parent in sorted(parents.items()):
        if parent in key_of:
            groups.setdefault(key_of[parent], []).append(at)
    return groups


def find_table(rows: list[tuple]) -> Table:
    """Find the plan table in the rows of a sheet; see the module docstring."""
    rows = [tuple(row) if row is not None else () for row in rows]
    header_index, columns, score = _find_header(rows)
    if header_index is None:
        return Table(None, {}, [], [], [NO_HEADER])
    width = max((len(row) for row in rows), default=0)
    header_cells = _normal_row(rows[header_index]) + [None] * (width - len(rows[header_index]))
    signatures = {_header_signature(header_cells)}
    below = (_normal_row(rows[header_index + 1]) + [None] * width)[:width] if header_index + 1 < len(rows) else []
    parents = _sub_header(header_cells, below, columns) if below else {}
    sub_labels = {at: below[at] for at in parents}
    if parents:
        signatures.add(_header_signature(below))
    for at, parent in _merged_spans(rows[header_index], header_cells, columns).items():
        parents.setdefault(at, parent)
    groups = _groups(parents, columns)
    extra_columns = _extra_columns(header_cells, columns, width, parents, sub_labels)
    problems: list[str] = []
    if "timing" not in columns:
        problems.append("В таблице нет столбца сроков — сроки нужно будет указать вручную")
    preamble = [text for row in rows[:header_index] for text in _normal_row(row) if text]
    stamp_columns = frozenset(at for at in extra_columns if is_stamp_line(header_cells[at]))
    layout = _Layout(columns, extra_columns, groups, sub_labels, width, stamp_columns)
    entries, footnotes = _entries(rows, header_index + (2 if sub_labels else 1), signatures, layout)
    items, sections = _settle_sections(entries, columns["title"], footnotes)
    if not items:
        problems.append("Под строкой заголовков нет ни одного мероприятия")
    stamps: list[str] = []
    title_line = _title_line(rows[:header_index], stamps)
    return Table(header_index, columns, items, sections, problems, header_score=score,
                 preamble=preamble, footnotes=footnotes, extra_columns=extra_columns, groups=groups,
                 sub_labels=sub_labels, title_line=title_line, stamps=stamps)


@dataclass(frozen=True)
class _Layout:
    columns: dict[str, int]
    extra_columns: dict[int, str]
    groups: dict[str, list[int]]
    sub_labels: dict[int, str]
    width: int
    stamp_columns: frozenset[int] = frozenset()   # a stamp beside the header («УТВЕРЖДАЮ» in the header row)

    @property
    def first_field(self) -> int:
        fields_at = [at for key, at in self.columns.items() if key not in ("number", "title")]
        return min(fields_at, default=self.width)


def _entries(rows: list[tuple], start: int, signatures: set[tuple], layout: _Layout):
    """The rows under the header as entries ("item" | "lone" | "numbered", index, data) and the skipped texts:
    footnotes, stamps and signature lines (with the lines of their block: up to a blank row or an item)."""
    columns, title_at = layout.columns, layout.columns["title"]
    entries: list[tuple[str, int, object]] = []
    footnotes: list[str] = []
    in_stamp = False
    for index in range(start, len(rows)):
        cells = (_normal_row(rows[index]) + [None] * layout.width)[:max(layout.width, len(rows[index]))]
        filled = [(at, text) for at, text in enumerate(cells) if text is not None]
        if not filled:
            in_stamp = False
            continue
        if _header_signature(cells) in signatures or _is_column_numbers(cells):
            continue
        if all(is_stamp_line(text) for _at, text in filled) or (
                in_stamp and len(filled) == 1 and not is_title_line(filled[0][1])):
            footnotes.extend(text for _at, text in filled)
            in_stamp = True
            continue
        in_stamp = False
        for at, text in filled:    # a stamp in a corner column beside the rows of the table
            if at in layout.extra_columns and (is_stamp_line(text) or at in layout.stamp_columns):
                footnotes.append(text)
                cells[at] = None
        filled = [(at, text) for at, text in enumerate(cells) if text is not None]
        if len(filled) == 1:
            at, text = filled[0]
            if _FOOTNOTE.match(text) or (_SIGNATURE.search(text) and at != title_at):
                footnotes.append(text)
                continue
            if _BARE_NUMBER.match(text) and at == columns.get("number", -1):
                continue   # an empty numbered row of a template
            if at < layout.first_field and at <= max(title_at, columns.get("number", -1)):
                entries.append(("lone", index, (at, text)))
                continue
        item = _item(index, cells, layout)
        entries.append(("numbered" if _numbered_section_candidate(item) else "item", index, item))
    return entries, footnotes


def _extra_columns(header_cells: list[str | None], columns: dict[str, int], width: int,
                   parents: dict[int, int] | None = None, sub_labels: dict[int, str] | None = None) -> dict[int, str]:
    """Columns the reader does not know, by their header («Место проведения»; «Место: город» under a parent
    header; the letter when there is none). The sub-columns of a known header are not extra."""
    parents = parents or {}
    mapped = set(columns.values())
    names: dict[int, str] = {}
    seen: set[str] = set()
    for index in range(width):
        if index in mapped or parents.get(index) in mapped:
            continue
        text = header_cells[index] if index < len(header_cells) else None
        if index in sub_labels:
            text = f"{header_cells[parents[index]]}: {sub_labels[index]}"
        name = " ".join(text.split()) if text else column_letter(index)
        if name in seen:
            name = f"{name} ({column_letter(index)})"
        seen.add(name)
        names[index] = name
    return names


def _joined(key: str, cells: list[str | None], at_list: list[int], sub_labels: dict[int, str]) -> str | None:
    """The values of a header's sub-columns as one: «начало – окончание» for the timing, else one per line."""
    values = [(at, cells[at]) for at in at_list if at < len(cells) and cells[at] is not None]
    texts = list(dict.fromkeys(text for _at, text in values))
    if not texts:
        return None
    if key == "timing" and len(values) == 2 and len(texts) == 2:
        (start_at, start), (end_at, end) = values
        if _STARTS.match(sub_labels.get(start_at, "")) and _ENDS.match(sub_labels.get(end_at, "")):
            return f"{start} – {end}"
    return "\n".join(texts)


def _item(index: int, cells: list[str | None], layout: _Layout, section: str | None = None) -> RawItem:
    values = {key: cells[at] if at < len(cells) else None for key, at in layout.columns.items()}
    for key, at_list in layout.groups.items():
        values[key] = _joined(key, cells, at_list, layout.sub_labels)
    extra = {layout.extra_columns[at]: cells[at] for at in layout.extra_columns
             if at < len(cells) and cells[at] is not None}
    return RawItem(line=index + 1, number=values.get("number"), title=values.get("title"),
                   audience=values.get("audience"), timing=values.get("timing"),
                   responsible=values.get("responsible"), report_form=values.get("report_form"),
                   partner=values.get("partner"), section=section, extra=extra,
                   interaction=values.get("interaction"))


def _numbered_section_candidate(item: RawItem) -> bool:
    """«I | Организационная работа | | |» or «1. | Организационная работа | | |» (refined by 1.1 …)."""
    if item.number is None or item.title is None or item.extra:
        return False
    others = (item.audience, item.timing, item.responsible, item.report_form, item.partner, item.interaction)
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
                   partner=item.partner, section=section, extra=item.extra, interaction=item.interaction)


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
