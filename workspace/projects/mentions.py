"""@mentions in a project's discussion: «@Иванова» or «@Иванова Ольга» names a colleague of a participant
institution; the mention reaches that colleague's desk."""
from __future__ import annotations

import re

MENTION = re.compile(r"(?<![\w@])@([A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё-]*)(?:[ \u00a0]+([A-Za-zА-Яа-яЁё]+))?")


def _normal(text: str) -> str:
    return text.lower().replace("ё", "е")


def mentioned(body: str, colleagues: list[tuple[int, str]]) -> set[int]:
    """The ids of the colleagues the text mentions. A surname shared by several colleagues is narrowed by the
    word after it (a first name or an initial); if that does not tell them apart, all of them are mentioned."""
    people = [(user_id, _normal(name).split()) for user_id, name in colleagues]
    found: set[int] = set()
    for match in MENTION.finditer(body or ""):
        surname, following = _normal(match.group(1)), _normal(match.group(2) or "")
        namesakes = [(user_id, parts) for user_id, parts in people if parts and parts[0] == surname]
        if len(namesakes) > 1 and following:
            narrowed = [(user_id, parts) for user_id, parts in namesakes
                        if len(parts) > 1 and parts[1].startswith(following.rstrip("."))]
            namesakes = narrowed or namesakes
        found.update(user_id for user_id, _parts in namesakes)
    return found
