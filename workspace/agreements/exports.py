"""The agreement as a .docx (python-docx), from the same context as the printable page."""
from __future__ import annotations

import io
import re

from docx.enum.text import WD_ALIGN_PARAGRAPH

from tenants.queries import institution_name
from workspace.core.dates import ru_date
from workspace.core.documents import a4_blank
from workspace.core.i18n import gettext as _
from workspace.core.labels import label

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_filename(agreement) -> str:
    number = re.sub(r"[^\w.-]+", "-", agreement.number).strip("-") or str(agreement.id)
    return f"dogovor-{number}.docx"


def agreement_docx(context: dict, network) -> bytes:
    agreement, parties = context["agreement"], context["parties"]
    obligations = context.get("obligations", {})
    document = a4_blank(institution_name(network.base_institution_id),
                        _("Договор № %(number)s", number=agreement.number))

    for text, bold in ((_("ДОГОВОР № %(number)s", number=agreement.number), True),
                       (label(agreement.kind).lower() if agreement.kind.value != "other" else "", False),
                       (agreement.title, True)):
        if text:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).bold = bold
    facts = document.add_paragraph()
    facts.add_run(_("Дата: ")).bold = True
    facts.add_run(ru_date(agreement.signed_on))
    facts.add_run("\n")
    facts.add_run(_("Сеть: ")).bold = True
    facts.add_run(network.name)
    facts.add_run("\n")
    facts.add_run(_("Срок действия: ")).bold = True
    facts.add_run(_("с %(start)s по %(end)s", start=ru_date(agreement.starts_on), end=ru_date(agreement.ends_on)))

    document.add_paragraph().add_run(_("1. Стороны договора")).bold = True
    for party in parties:
        document.add_paragraph(party.full_name or party.short_name, style="List Bullet")
    if agreement.subject:
        document.add_paragraph().add_run(_("2. Предмет договора")).bold = True
        document.add_paragraph(agreement.subject)
    document.add_paragraph().add_run(_("3. Обязательства сторон")).bold = True
    for number, party in enumerate(parties, start=1):
        document.add_paragraph().add_run(f"3.{number}. {party.short_name} {_('обязуется:')}").bold = True
        own = obligations.get(party.id, [])
        if not own:
            document.add_paragraph(_("— обязательства не указаны —"))
        for line in own:
            document.add_paragraph(f"{line.text}" + (f" ({line.term})" if line.term else ""), style="List Number")
    if agreement.status.value == "terminated":
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Договор расторгнут %(date)s. Причина: %(reason)s",
                            date=ru_date(agreement.terminated_on), reason=agreement.termination_reason)).bold = True

    document.add_paragraph().add_run(_("4. Подписи сторон")).bold = True
    table = document.add_table(rows=0, cols=2)
    for party in parties:
        cells = table.add_row().cells
        cells[0].text = party.full_name or party.short_name
        accepted = party.party.accepted_at
        cells[1].text = (_("Принято в системе: %(who)s, %(when)s", who=party.accepted_by or "—",
                           when=ru_date(accepted)) if accepted else "____________ / ____________ /")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
