"""Russian words as a person writes them: numerals agreeing with nouns (pymorphy3) and quotes inside
quotes („…“ inside «…»). One place for both: templates use the ``plural`` and ``quoted`` filters."""
from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3
from markupsafe import Markup, escape

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@lru_cache(maxsize=1)
def _morph():
    return pymorphy3.MorphAnalyzer()


_LATIN_WORD = re.compile(r"^[a-z][a-z ]*$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _agree(word: str, n: int | None, case: str = "nomn") -> str:
    """The word's form after the number ``n`` («заседание» or «заседаний» → «заседания» after 3; a fraction,
    ``None``, asks the genitive singular: «2,5 заседания»); abbreviations and unknown words stay.
    ``case="gent"``: the whole phrase in the genitive, as after «из», «больше», «до» — «из 21 члена»,
    «из 3 членов», «не больше 20 файлов»."""
    if word.endswith(".") or not word.isalpha():
        return word
    parses = [parse for parse in _morph().parse(word) if "NOUN" in parse.tag or "ADJF" in parse.tag
              or "PRTF" in parse.tag] or _morph().parse(word)
    if not parses:
        return word
    nominative = parses[0].inflect({"nomn"}) or parses[0]
    if n is None:
        agreed = nominative.inflect({"gent", "sing"})
    elif case == "gent":
        agreed = nominative.inflect({"gent", "sing" if n % 10 == 1 and n % 100 != 11 else "plur"})
    else:
        agreed = nominative.make_agree_with_number(n)
    if agreed is None:
        return word
    form = agreed.word
    return form.capitalize() if word[:1].isupper() else form


def noun_for(n, noun: str, case: str = "nomn") -> str:
    """The noun (its first word; «член совета» → «члена совета») in the form the number ``n`` asks for,
    the phrase standing in ``case`` («nomn», or «gent» after «из»). A noun in English (the English catalogue)
    takes the English plural; anything else («%», «ч.») stays."""
    noun = (noun or "").strip()
    if not noun:
        return noun
    whole = float(n).is_integer()
    if not _CYRILLIC.search(noun):
        if not _LATIN_WORD.match(noun) or (whole and abs(int(n)) == 1):
            return noun
        return noun + "es" if noun.endswith(("s", "x", "ch", "sh")) else noun + "s"
    head, _space, rest = noun.partition(" ")
    return _agree(head, abs(int(n)) if whole else None, case) + (f" {rest}" if rest else "")


def plural(n, noun: str, shown: str | None = None, case: str = "nomn") -> str:
    """«3 заседания», «21 заседание», «5 заседаний»; ``shown`` is the number as written (e.g. «2,5»);
    ``case="gent"`` after «из» or «больше»: «из 21 члена совета», «не больше 20 файлов»."""
    return f"{n if shown is None else shown} {noun_for(n, noun, case)}".rstrip()


PATRONYMIC = re.compile(r"(?:ич|вна|ична|оглы|кызы|улы)$", re.I)


def addressed(full_name: str) -> str:
    """How a letter addresses a person: «Ольга Петровна» for «Иванова Ольга Петровна» (name and patronymic, as
    Russian business letters do); a name without a patronymic stays whole («Иванова Ольга», «Olga Ivanova»)."""
    parts = (full_name or "").split()
    if len(parts) == 3 and PATRONYMIC.search(parts[2]):
        return f"{parts[1]} {parts[2]}"
    return " ".join(parts)


def nest_quotes(text):
    """Quotes inside quotes written as a person writes them: «Договор с МБУ «МИБС»» → «Договор с МБУ „МИБС“».
    Keeps a Markup a Markup (« and » are not HTML)."""
    if text is None or str(text).count("«") < 2:
        return text
    out, depth = [], 0
    for char in str(text):
        if char == "«":
            out.append("„" if depth else "«")
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            out.append("“" if depth else "»")
        else:
            out.append(char)
    nested = "".join(out)
    return Markup(nested) if isinstance(text, Markup) else nested


def quoted(text: str) -> str:
    """«text», its own quotes turned into „…“: «Договор с МБУ „МИБС“», never «…«…»»."""
    return f"«{inner_quotes(text)}»"


def inner_quotes(text: str) -> str:
    """Quotes of a text that will stand inside «…»: «» become „“, and straight "…" too."""
    text = text or ""
    text = text.replace("«", "„").replace("»", "“")
    return re.sub(r'"([^"]*)"', "„\\1“", text)


def quoted_html(text) -> Markup:
    """The ``quoted`` filter of the templates: escaped, then wrapped."""
    return Markup("«") + escape(inner_quotes(str(text or ""))) + Markup("»")
