"""The audience of a plan item («участники», «классы») read into a range of grades 1..11.

``read_audience(text)`` keeps the text as typed and reads the grades when it can:
«5-11 классы», «1-6», «3-4 классы», «7 класс», «5–9 кл.», «обучающиеся 5-11 классов, родители»,
«с 5 по 9 класс», «7-е классы», «7а, 7б классы», «5, 7, 9 классы» (→ 5..9: the span of the
grades named), «начальная школа» / «начальные классы» (1..4), «основная школа» / «среднее звено»
(5..9), «старшеклассники» / «старшие классы» (10..11), «все классы» (1..11). A bare number or
range («1-6», «7») is read only when it is the whole text. Anything else («родители», «педагоги»)
keeps ``grade_from``/``grade_to`` at None; grades outside 1..11 are not read.

``split_audience_from_title(title)`` takes the audience off the end of a title:
«Библиосумерки. 5-9 классы» → («Библиосумерки.», Audience(«5-9 классы», 5, 9)).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
GRADES = range(1, 12)


@dataclass(frozen=True)
class Audience:
    text: str
    grade_from: int | None = None
    grade_to: int | None = None

    @property
    def is_read(self) -> bool:
        return self.grade_from is not None

    def __contains__(self, grade: int) -> bool:
        return self.is_read and self.grade_from <= grade <= self.grade_to


def _normal(text: str) -> str:
    """Same length as the text (positions carry over to it); the patterns ignore case."""
    text = text.replace("\u00a0", " ").replace("ё", "е").replace("Ё", "Е")
    return text.translate({ord(c): "-" for c in _DASHES})


_LETTER = r"(?:\s*-?\s*[«\"']?[абвгдежзклмн][»\"']?(?![а-я]))?"     # 7а, 7-б, 7 «в»
_SUFFIX = r"(?:\s*-?\s*(?:х|е|ых|ые|й|го|м|ом)(?![а-я]))?"           # 7-х, 7-е, 7-й
_GRADE = rf"(?<!\d)\d{{1,2}}(?!\d){_SUFFIX}{_LETTER}"
_JOIN = r"\s*(?:-|по|,|и|;)\s*"
_CLASS_WORD = r"(?:класс(?:ы|а|ов|ах|ам|ами|е|у|ом)?|кл)(?![а-я])\.?"
_GRADES_WITH_WORD = re.compile(rf"(?:с\s+)?(?P<grades>{_GRADE}(?:{_JOIN}{_GRADE})*)\s*{_CLASS_WORD}", re.I)
_BARE = re.compile(r"\s*(\d{1,2})\s*(?:-\s*(\d{1,2}))?\s*(?:кл\.?)?\s*", re.I)
_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")

_STAGES = [
    (re.compile(r"все(?:х|м)?\s+класс", re.I), 1, 11),
    (re.compile(r"начальн\w*\s+(?:школ|класс|звен|ступен)|младш\w*\s+(?:школьник|класс)", re.I), 1, 4),
    (re.compile(r"основн\w*\s+(?:школ|звен|ступен)|средн\w*\s+(?:звен|класс|ступен)", re.I), 5, 9),
    (re.compile(r"старшеклассник|старш\w*\s+(?:школ|класс|звен|ступен)", re.I), 10, 11),
]

_TITLE_TAIL = re.compile(
    rf"[\s,;:-]*\(?\s*(?:для\s+)?(?:(?:обучающ|учащ|учени|школьник)\w*\s+)?"
    rf"(?P<grades>{_GRADE}(?:{_JOIN}{_GRADE})*)\s*{_CLASS_WORD}\s*\)?\s*$", re.I)


def _grades_in(fragment: str) -> list[int]:
    return [int(n) for n in _NUMBER.findall(fragment)]


def _span(grades: list[int]) -> tuple[int | None, int | None]:
    if grades and all(g in GRADES for g in grades):
        return min(grades), max(grades)
    return None, None


def read_audience(text) -> Audience:
    """Read the grades out of an audience cell; the text is always kept as typed."""
    if text is None:
        return Audience("")
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    text = str(text)
    normal = _normal(text)
    bare = _BARE.fullmatch(normal)
    if bare:
        first = int(bare.group(1))
        last = int(bare.group(2)) if bare.group(2) else first
        if first <= last:
            grade_from, grade_to = _span([first, last])
            return Audience(text, grade_from, grade_to)
        return Audience(text)
    grades: list[int] = []
    for match in _GRADES_WITH_WORD.finditer(normal):
        found = _grades_in(match.group("grades"))
        if not found or not all(g in GRADES for g in found):
            return Audience(text)
        if "-" in match.group("grades") or re.search(r"\sпо\s", match.group("grades"), re.I):
            found = list(range(min(found), max(found) + 1))
        grades.extend(found)
    for pattern, first, last in _STAGES:
        if pattern.search(normal):
            grades.extend((first, last))
    grade_from, grade_to = _span(grades)
    return Audience(text, grade_from, grade_to)


def split_audience_from_title(title) -> tuple[str, Audience | None]:
    """«Классный час «…» 5-11 классы» → («Классный час «…»», Audience(«5-11 классы», 5, 11)).

    Only an audience at the very end of the title is taken off (optionally in brackets, after
    «для», «обучающихся», a dash or a comma); a title without one comes back unchanged with None."""
    if title is None:
        return "", None
    title = str(title)
    match = _TITLE_TAIL.search(_normal(title))
    if match is None:
        return title, None
    audience_text = title[match.start():].strip(" \t\n,;:()-\u2013\u2014")
    audience = read_audience(audience_text)
    if not audience.is_read:
        return title, None
    rest = title[:match.start()].rstrip()
    if not rest:
        return title, None
    if rest.count("(") > rest.count(")") and rest.endswith("("):
        rest = rest[:-1].rstrip()
    return rest, audience
