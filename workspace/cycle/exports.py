"""The analysis as a .docx «Аналитическая справка о реализации программы сетевого взаимодействия за 20__/20__ учебный
год»: A4 portrait with the ГОСТ Р 7.0.97-2016 margins (core/documents.py), the base institution as author, the
УТВЕРЖДЕНО block of the council once approved, the network in total with its indicators as a table, each partner's
facts, conclusion and decision, the overall conclusion, the signature of the base's head; page numbers."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from workspace.core.documents import (
    a4_blank,
    add_approval_and_title,
    add_grid,
    add_grid_row,
    add_page_numbers,
    document_bytes,
)
from workspace.core.i18n import gettext as _
from workspace.core.words import quoted
from workspace.cycle.content import period_words
from workspace.paperwork.blanks import signature
from workspace.plans.exports import approval_block

INDICATOR_WIDTHS_MM = (56, 17, 15, 15, 25, 42)   # 170 mm: a portrait A4 page within the ГОСТ margins
APPROVAL_INDENT_MM = 95


def title_lines(analysis, network_name: str) -> list[str]:
    if analysis.is_stage:
        return [_("АНАЛИТИЧЕСКАЯ СПРАВКА"),
                _("о реализации программы сетевого взаимодействия %(name)s %(period)s", name=quoted(network_name),
                  period=period_words(analysis))]
    return [_("АНАЛИТИЧЕСКАЯ СПРАВКА"),
            _("о реализации программы сетевого взаимодействия %(name)s за %(year)s учебный год",
              name=quoted(network_name), year=analysis.year.label)]


def _paragraph(document, text: str, *, bold: bool = False, centred: bool = False, after: int = 6):
    paragraph = document.add_paragraph()
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.add_run(text).bold = bold
    return paragraph


def _head(document, author: str, protocol, title: list[str]) -> None:
    _paragraph(document, author, bold=True)
    add_approval_and_title(document, approval_block(protocol), title, indent_mm=APPROVAL_INDENT_MM)


def analysis_document(context: dict) -> bytes:
    analysis = context["analysis"]
    title = context["title"]
    document = a4_blank(context["author"], " ".join(title))
    add_page_numbers(document)
    _head(document, context["author"], context["protocol"], title)
    _paragraph(document, _("1. Сеть в целом"), bold=True)
    _paragraph(document, context["totals"])
    if context["indicator_rows"]:
        widths = list(INDICATOR_WIDTHS_MM)
        table = add_grid(document, context["indicator_header"], widths, font_size=10)
        for row in context["indicator_rows"]:
            add_grid_row(table, row, widths)
        _paragraph(document, "", after=0)
    _paragraph(document, _("2. Итоги по партнёрам"), bold=True)
    for number, section in enumerate(context["sections"], start=1):
        _paragraph(document, f"2.{number}. {section.line.name}", bold=True, after=2)
        for fact in section.facts:
            _paragraph(document, fact, after=2)
        paragraph = _paragraph(document, "", after=2)
        paragraph.add_run(_("Решение: ")).bold = True
        paragraph.add_run(section.decision)
        if section.conclusion:
            _paragraph(document, _("Вывод: %(text)s", text=section.conclusion))
    _paragraph(document, _("3. Общий вывод"), bold=True)
    _paragraph(document, analysis.conclusion or "—", after=24)
    position, name = context["signature"]
    signature(document, position, name)
    return document_bytes(document)


def export_filename(analysis) -> str:
    if analysis.is_stage:
        return f"analysis-stage-{analysis.starts_on:%Y%m%d}-{analysis.ends_on:%Y%m%d}.docx"
    return f"analysis-{analysis.start_year}-{analysis.start_year + 1}.docx"
