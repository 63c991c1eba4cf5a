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


# --- names and positions declined where a sentence needs them ----------------------------------------------

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_NAME_TAGS = ("Surn", "Name", "Patr")
# A surname the rules below decline when the dictionary does not know it, by its ending: (masculine, feminine).
_POSSESSIVE_MASCULINE = ("ов", "ев", "ёв", "ин", "ын")
_POSSESSIVE_FEMININE = ("ова", "ева", "ёва", "ина", "ына")
_SURNAME_ENDINGS = {
    # case: (after a masculine -ов/-ин, after another masculine consonant, feminine -ова/-ина → replaces «а»)
    "gent": ("а", "а", "ой"), "datv": ("у", "у", "ой"), "accs": ("а", "а", "у"),
    "ablt": ("ым", "ом", "ой"), "loct": ("е", "е", "ой"),
}
_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def _gender_of(words: list[str]) -> str:
    """«masc» or «femn»: from the patronymic (…вич, …вна, оглы, кызы), else the first name, else the surname."""
    if len(words) >= 3:
        patronymic = words[2].casefold()
        if patronymic.endswith(("ич", "оглы", "улы")):
            return "masc"
        if patronymic.endswith(("на", "кызы", "гызы")):
            return "femn"
    if len(words) >= 2:
        for parse in _morph().parse(words[1]):
            if "Name" in parse.tag and parse.tag.case == "nomn" and parse.tag.gender in ("masc", "femn"):
                return parse.tag.gender
    surname = words[0].casefold() if words else ""
    return "femn" if surname.endswith(_POSSESSIVE_FEMININE + ("ая", "яя")) else "masc"


def name_gender(full_name: str) -> str:
    """«masc» or «femn» of a person's «Фамилия Имя Отчество» (the patronymic, else the first name, else the surname):
    what «действующего»/«действующей» agrees with."""
    return _gender_of((full_name or "").split())


def _with_capitals(form: str, written: str) -> str:
    """The declined form spelt as the word was written: a capital at the start and after each hyphen."""
    parts, originals = form.split("-"), written.split("-")
    if len(parts) != len(originals):
        return form.capitalize() if written[:1].isupper() else form
    return "-".join(part.capitalize() if original[:1].isupper() else part for part, original in zip(parts, originals))


def _inflect_known(word: str, kind: str, gender: str, case: str) -> str | None:
    """The word as the dictionary (or pymorphy3's guess for a surname) declines it as a ``kind`` (Surn, Name, Patr)
    of ``gender`` in the nominative; None when it offers no such reading."""
    for parse in _morph().parse(word):
        tag = parse.tag
        if kind not in tag or tag.case != "nomn" or tag.number == "plur":
            continue
        if "ms-f" not in tag and tag.gender != gender:
            continue
        if "Fixd" in tag:
            return word
        inflected = parse.inflect({case, "sing"})
        if inflected is not None:
            return _with_capitals(inflected.word, word)
    return None


def _surname_by_rule(word: str, gender: str, case: str) -> str:
    """A surname the dictionary does not know, declined by its ending as Russian grammar declines surnames:
    -ов/-ин (Зюзякин → Зюзякина), another masculine consonant (Шевчук → Шевчука), a masculine -ь or -й (Лебедь →
    Лебедя), feminine -ова/-ина and -ая;
    -ых/-их, -о, -е, -и, -у, -ю and a feminine consonant stay as written."""
    lower = word.casefold()
    if case == "nomn" or lower.endswith(("ых", "их", "о", "е", "и", "у", "ю", "э")):
        return word
    if gender == "masc":
        if lower.endswith(_POSSESSIVE_MASCULINE):
            return word + _SURNAME_ENDINGS[case][0]
        if lower[-1:] in _CONSONANTS:
            return word + _SURNAME_ENDINGS[case][1]
        if lower[-1:] in ("ь", "й"):  # Лебедь → Лебедя, Гайдай → Гайдая
            return word[:-1] + {"gent": "я", "datv": "ю", "accs": "я", "ablt": "ем", "loct": "е"}[case]
        return word
    if lower.endswith(_POSSESSIVE_FEMININE):
        return word[:-1] + _SURNAME_ENDINGS[case][2]
    if lower.endswith("ая"):
        return word[:-2] + {"gent": "ой", "datv": "ой", "accs": "ую", "ablt": "ой", "loct": "ой"}[case]
    return word


def _decline_surname(surname: str, gender: str, case: str) -> str:
    whole = _inflect_known(surname, "Surn", gender, case)
    if whole is not None:
        return whole
    if "-" in surname:  # a double-barrelled surname: each part is declined on its own (Петров-Водкин)
        return "-".join(_decline_surname(part, gender, case) for part in surname.split("-"))
    for parse in _morph().parse(surname):  # an adjectival surname (Римская, Толстой)
        if "ADJF" in parse.tag and parse.tag.case == "nomn" and parse.tag.gender == gender:
            inflected = parse.inflect({case, gender, "sing"} | ({"anim"} if case == "accs" and gender == "masc" else set()))
            if inflected is not None:
                return _with_capitals(inflected.word, surname)
    return _surname_by_rule(surname, gender, case)


@lru_cache(maxsize=2048)
def decline_name(full_name: str, case: str) -> str:
    """A person's «Фамилия Имя Отчество» in ``case`` (pymorphy3's «gent», «datv», «accs», «ablt», «loct»):
    «Иванова Ольга Петровна» → «Иванову Ольгу Петровну» (accs). The gender comes from the patronymic, else the
    first name; the surname through the dictionary's Surn readings, a double-barrelled one part by part, one the
    dictionary does not know by its ending; a first name or patronymic the dictionary does not know, and
    «оглы»/«кызы», stay as written."""
    assert case in CASES, case
    words = (full_name or "").split()
    if case == "nomn" or not words:
        return " ".join(words)
    gender = _gender_of(words)
    declined = [_decline_surname(words[0], gender, case)]
    for word, kind in zip(words[1:3], ("Name", "Patr")):
        declined.append(_inflect_known(word, kind, gender, case) or word)
    declined.extend(words[3:])  # «оглы», «кызы» and anything after the patronymic
    return " ".join(declined)


def initials(full_name: str, case: str = "nomn", *, surname_first: bool = False) -> str:
    """«О.П. Иванова» (a signature, ГОСТ Р 7.0.97-2016: initials before the surname) or, ``surname_first``,
    «Ивановой О.П.» in ``case``; a name of one word stays that word."""
    words = (full_name or "").split()
    if not words:
        return ""
    surname = decline_name(full_name, case).split()[0] if case != "nomn" else words[0]
    letters = "".join(f"{word[0].upper()}." for word in words[1:3] if word[:1].isalpha())
    if not letters:
        return surname
    return f"{surname}\u00a0{letters}" if surname_first else f"{letters}\u00a0{surname}"


def _is_abbreviation(word: str) -> bool:
    return word.endswith(".") or (len(word) > 1 and word.isupper())


def _adjective_form(parse, case: str):
    grammemes = {case}
    if case == "accs" and (parse.tag.gender == "masc" or parse.tag.number == "plur"):
        grammemes.add("anim")  # a person: the accusative of the animate («главного библиотекаря»)
    return parse.inflect(grammemes) or parse.inflect({case})


def _nominative(word: str, parts_of_speech: tuple[str, ...]):
    return next((parse for parse in _morph().parse(word)
                 if parse.tag.POS in parts_of_speech and parse.tag.case == "nomn"), None)


@lru_cache(maxsize=1024)
def decline_phrase(position: str, case: str) -> str:
    """A position in ``case``: the head phrase (its leading adjectives or participles and the first noun agreeing
    with them) is declined, the rest — the genitive and prepositional complements — stays: «заместитель директора
    по учебно-воспитательной работе» → «заместителя директора по учебно-воспитательной работе» (gent), «главный
    библиотекарь» → «главного библиотекаря», «исполняющий обязанности директора» → «исполняющего обязанности
    директора», «заведующая библиотекой» → «заведующую библиотекой» (accs). An abbreviation or an unknown word
    ends the head; what cannot be read stays as written."""
    assert case in CASES, case
    words = (position or "").split()
    if case == "nomn" or not words:
        return " ".join(words)
    declined: list[str] = []
    modifiers = []
    for index, word in enumerate(words):
        if _is_abbreviation(word) or not _CYRILLIC.search(word):
            break
        adjective = _nominative(word, ("ADJF", "PRTF"))
        noun = _nominative(word, ("NOUN",))
        if noun is not None and (not modifiers or all(
                (m.tag.number == noun.tag.number == "plur") or (m.tag.number == noun.tag.number
                                                                and m.tag.gender == noun.tag.gender)
                for m in modifiers)) and (adjective is None or index + 1 == len(words)
                                          or _nominative(words[index + 1], ("NOUN",)) is None):
            inflected = noun.inflect({case})
            declined.append(_with_capitals(inflected.word, word) if inflected else word)
            return " ".join(declined + words[index + 1:])
        if adjective is None or (modifiers and noun is not None and adjective is None):
            break
        modifiers.append(adjective)
        inflected = _adjective_form(adjective, case)
        declined.append(_with_capitals(inflected.word, word) if inflected else word)
    # only modifiers (a participle used as a noun: «исполняющий», «заведующая») — they are the head
    return " ".join(declined + words[len(declined):])
