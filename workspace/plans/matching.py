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


def find_institutions(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Members named in the text: by short name (quotes and case ignored), or by the distinctive
    words of the full name, whatever their grammatical case."""
    if not text:
        return []
    bare = f" {_bare(text)} "
    stems = _stems(text)
    found = []
    for candidate in candidates:
        short = _bare(candidate.short_name)
        if short and f" {short} " in bare:
            found.append(candidate)
            continue
        distinctive = _stems(candidate.full_name) - COMMON
        if len(distinctive) >= 2 and len(distinctive & stems) / len(distinctive) >= 0.75:
            found.append(candidate)
    return found
