"""The parts of an organisational document as ГОСТ Р 7.0.97-2016 places them, on the A4 sheet of core/documents.py:
the author (the institution), the kind of document, its date and number, the place, the title; the approval stamp
(«УТВЕРЖДАЮ»); numbered points (1., 1.1.); the signature (position, initials and surname)."""
from __future__ import annotations

import re
from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt

from workspace.core.dates import ru_date
from workspace.core.documents import a4_blank, add_page_numbers, add_table
from workspace.core.words import nest_quotes

TEXT_WIDTH = Mm(170)  # 210 mm less the margins of 30 and 10
STAMP_INDENT = Mm(95)
PARAGRAPH_INDENT = Mm(12.5)
BLANK_NUMBER = "_______"
BLANK_DATE = "«___» ____________ 20___ г."


SETTLEMENT = re.compile(r"^(г|с|п|пос|пгт|рп|ст|ст-ца|а|аул|д|х|село|город|посёлок|станица|деревня|хутор)(\.|\s)",
                        re.IGNORECASE)


def place_of(city: str) -> str:
    """The place of compiling (место составления): «г. Энск», or the settlement as written when it names its kind
    («с. Натырбово», «а. Кошехабль»); empty when the institution has no city."""
    city = (city or "").strip()
    if not city:
        return ""
    return city if SETTLEMENT.match(city) else f"г. {city}"


def new_document(author: str, title: str, font_size: int = 12):
    """An A4 sheet (core/documents.a4_blank) whose pages from the second on are numbered."""
    document = a4_blank(author, title, font_size)
    add_page_numbers(document)
    return document


def line(document, text: str = "", *, bold: bool = False, align=None, indent: bool = False, left=None,
         after: float = 0, keep_with_next: bool = False):
    """One paragraph; the body text is justified with the first-line indent of 12.5 mm."""
    paragraph = document.add_paragraph()
    format_ = paragraph.paragraph_format
    format_.space_after = Pt(after)
    format_.space_before = Pt(0)
    if indent:
        format_.first_line_indent = PARAGRAPH_INDENT
    if left is not None:
        format_.left_indent = left
    if keep_with_next:
        format_.keep_with_next = True
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align is None else align
    if text:
        paragraph.add_run(typeset(text)).bold = bold
    return paragraph


def centred(document, text: str, *, bold: bool = False, after: float = 0):
    return line(document, text, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER, after=after)


def date_and_number(on: date | None, number: str) -> tuple[str, str]:
    return (ru_date(on) if on else BLANK_DATE), f"№ {number or BLANK_NUMBER}"


def requisites(document, *, author: str, kind: str, on: date | None, number: str, place: str) -> None:
    """The head of an order or a regulation: the institution (centred, bold), the kind of document, the date at the
    left margin and the number at the right one on one line, the place."""
    centred(document, author, bold=True, after=12)
    centred(document, kind, bold=True, after=12)
    written_on, numbered = date_and_number(on, number)
    spread(document, written_on, numbered)
    if place:
        centred(document, place, after=12)


def spread(document, left: str, right: str, *, bold: bool = False):
    """Two texts on one line, at the left and the right margin (a right tab stop at the text's width)."""
    paragraph = line(document, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(typeset(f"{left}\t{right}")).bold = bold
    return paragraph


def title(document, text: str, *, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    """The title of the text (заголовок к тексту), bold, before the text."""
    paragraph = line(document, text, bold=True, align=align, after=12)
    paragraph.paragraph_format.keep_with_next = True


def approval_stamp(document, lines: list[str]) -> None:
    """«УТВЕРЖДАЮ» and the lines under it, in the upper right part of the first page."""
    for index, text in enumerate(lines):
        line(document, text, bold=index == 0, align=WD_ALIGN_PARAGRAPH.LEFT, left=STAMP_INDENT,
             after=12 if index == len(lines) - 1 else 0)


def section(document, number: str, text: str) -> None:
    """A numbered section heading («1. Общие положения»), centred, kept with its first point."""
    paragraph = line(document, f"{number}. {text}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True


def point(document, number: str, text: str, *, keep_with_next: bool = False):
    """A numbered point of the text («1.1. …»), justified, first line indented."""
    return line(document, f"{number}. {text}" if number else text, indent=True, keep_with_next=keep_with_next)


def signature(document, position: str, signed_by: str) -> None:
    """The signature: the position at the left margin, the initials and surname at the right one."""
    line(document, after=12)
    for index, text in enumerate(_wrapped(position, 45)):
        spread(document, text, signed_by if index == len(_wrapped(position, 45)) - 1 else "")


def typeset(text: str) -> str:
    """Quotes inside quotes as „…“, and «№» kept on the line of its number (a no-break space)."""
    return nest_quotes(text).replace("№ ", "№\u00a0")


def table(document, header: list[str], rows: list[list[str]], widths_mm: list[float]):
    """A bordered table (core/documents.add_table) whose texts have their inner quotes as „…“."""
    table_ = add_table(document, header, [[typeset(value) for value in row] for row in rows], widths_mm)
    line(document, after=6)  # the text goes on below the table, not glued to it
    return table_


def sentence_start(text: str) -> str:
    """A text that continues a sentence («Цель: создание …»): its first letter lower-case, unless the first word is
    an abbreviation («МБОУ»)."""
    text = text.strip()
    first = text.split(" ", 1)[0] if text else ""
    return text if not first or (len(first) > 1 and first.isupper()) else text[:1].lower() + text[1:]


def _wrapped(text: str, width: int) -> list[str]:
    """A long position broken into lines of about ``width`` characters (the signature's left column)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
