"""Finding the network's member institutions in free text («МБУ «МИБС»» → the library system)."""
from __future__ import annotations

import re
from dataclasses import dataclass

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
        short = _bare(candidate.short_name)
        if short and f" {short} " in bare or any(f" {name} " in bare for name in _quoted_names(candidate.short_name)):
            found.append(candidate)
            continue
        distinctive = _stems(candidate.full_name) - COMMON
        if len(distinctive) >= 2 and len(distinctive & stems) / len(distinctive) >= 0.75:
            found.append(candidate)
    return found


@dataclass(frozen=True)
class Person:
    id: int
    full_name: str  # «Иванова Ольга Николаевна»


def find_people(text: str, people: list[Person]) -> list[Person]:
    """Colleagues named in the text: «Иванова О.Н.», «Иванова О. Н.», «Ольга Николаевна Иванова» or the
    full name; a bare surname is not enough (namesakes are common)."""
    if not text:
        return []
    words = WORD.findall(_normal(text))
    found: list[tuple[bool, Person]] = []
    for person in people:
        parts = WORD.findall(_normal(person.full_name))
        if len(parts) < 2:
            continue
        surname, initials = parts[0], [part[0] for part in parts[1:3]]
        for index, word in enumerate(words):
            if word[:max(len(surname) - 1, 3)] != surname[:max(len(surname) - 1, 3)]:
                continue
            around = words[index + 1:index + 3] + words[max(0, index - 2):index]
            if all(any(other == letter or other.startswith(letter) and len(other) > 2 and
                       other[:3] == part[:3] for other in around)
                   for letter, part in zip(initials, parts[1:3])):
                found.append((word == surname, person))
                break
    if any(exact for exact, _person in found):  # «Иванова» is Иванова, not Иванов in the genitive
        return [person for exact, person in found if exact]
    return [person for _exact, person in found]
