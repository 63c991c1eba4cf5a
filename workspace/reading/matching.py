"""Finding the network's member institutions in free text («МБУ «МИБС»» → the library system)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"[0-9a-zа-я]+")
STEM = 5  # Russian endings change with case: «учреждение» / «учреждением» share their first letters
COMMON = {"муниц", "бюдже", "учреж", "образ", "общео", "казен", "автон", "госуд", "город", "район", "облас",
          "средн", "школа", "допол", "детей", "центр", "имени", "сельс", "дом"}


def _normal(text: str) -> str:
    return text.lower().replace("ё", "е")


def _stems(text: str) -> set[str]:
    return {word[:STEM] for word in WORD.findall(_normal(text)) if len(word) > 2}


def _bare(text: str) -> str:
    return " ".join(WORD.findall(_normal(text)))


@dataclass(frozen=True)
class Candidate:
    id: int
    short_name: str
    full_name: str


QUOTED = re.compile(r"[«\"“„]([^«»\"“”„]+)[»\"”“]")
MIN_QUOTED = 3  # «ТЮЗ», «МИБС»: a name in quotes shorter than this is too easily found by chance


def _quoted_names(short_name: str) -> list[str]:
    """The names in quotes of a short name («ГАУК «ТЮЗ»» → «тюз»), as bare words."""
    names = [_bare(name) for name in QUOTED.findall(short_name)]
    return [name for name in names if len(name.replace(" ", "")) >= MIN_QUOTED]


@lru_cache(maxsize=20_000)
def _institution_names(short_name: str, full_name: str) -> tuple[str, tuple[str, ...], frozenset[str]]:
    """What a member is found by: its short name and the names in quotes in it, as bare words, and the distinctive
    stems of its full name (read once per name: a cell save matches the text against every member)."""
    return _bare(short_name), tuple(_quoted_names(short_name)), frozenset(_stems(full_name) - COMMON)


def find_institutions(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Members named in the text: by short name (quotes and case ignored), by the name in quotes of the short name
    alone («План мероприятий с ТЮЗ» for «ГАУК «ТЮЗ»»), or by the distinctive words of the full name, whatever
    their grammatical case."""
    if not text:
        return []
    bare = f" {_bare(text)} "
    stems = _stems(text)
    found = []
    for candidate in candidates:
        short, quoted, distinctive = _institution_names(candidate.short_name, candidate.full_name)
        if short and f" {short} " in bare or any(f" {name} " in bare for name in quoted):
            found.append(candidate)
            continue
        if len(distinctive) >= 2 and len(distinctive & stems) / len(distinctive) >= 0.75:
            found.append(candidate)
    return found


@dataclass(frozen=True)
class Person:
    id: int
    full_name: str  # «Иванова Ольга Николаевна»


@lru_cache(maxsize=20_000)
def _person_name(full_name: str) -> tuple[str, int, str, tuple[tuple[str, str], ...]] | None:
    """A colleague's full name as the text is searched for it: the surname, how many of its first letters a word
    must share (all but the last, at least three), those letters, and (initial, name) of the first name and the
    patronymic; None for a name of one word. Read once per name."""
    parts = WORD.findall(_normal(full_name))
    if len(parts) < 2:
        return None
    surname = parts[0]
    length = max(len(surname) - 1, 3)
    return surname, length, surname[:length], tuple((part[0], part) for part in parts[1:3])


def find_people(text: str, people: list[Person]) -> list[Person]:
    """Colleagues named in the text: «Иванова О.Н.», «Иванова О. Н.», «Ольга Николаевна Иванова» or the
    full name; a bare surname is not enough (namesakes are common). The people are grouped by the beginning of
    their surname, so that each word of the text is compared with the colleagues it may name only."""
    if not text:
        return []
    words = WORD.findall(_normal(text))
    by_start: dict[int, dict[str, list[tuple[int, Person, str, tuple]]]] = {}
    for position, person in enumerate(people):
        name = _person_name(person.full_name)
        if name is not None:
            surname, length, start, names = name
            by_start.setdefault(length, {}).setdefault(start, []).append((position, person, surname, names))
    found: dict[int, tuple[bool, Person]] = {}  # by the person's position: the first word that names them
    for index, word in enumerate(words):
        for length, starts in by_start.items():
            for position, person, surname, names in starts.get(word[:length], ()):
                if position in found:
                    continue
                around = words[index + 1:index + 3] + words[max(0, index - 2):index]
                if all(any(other == letter or other.startswith(letter) and len(other) > 2 and other[:3] == part[:3]
                           for other in around)
                       for letter, part in names):
                    found[position] = (word == surname, person)
    matches = [found[position] for position in sorted(found)]
    if any(exact for exact, _person in matches):  # «Иванова» is Иванова, not Иванов in the genitive
        return [person for exact, person in matches if exact]
    return [person for _exact, person in matches]
