"""The minutes (протокол) of a meeting or e-vote as a .docx document, with python-docx.

It reads the same context as the printable page (``meeting_views._minutes_context``)."""
from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH

from workspace.core.dates import ru_date
from workspace.core.documents import a4_blank, add_page_numbers
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.words import plural
from workspace.council.voting import resolution_text

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def heading_lines(meeting, network) -> tuple[str, str]:
    kind = (_("заочного голосования членов координационного совета") if meeting.is_e_vote
            else _("заседания координационного совета"))
    return _("ПРОТОКОЛ № %(number)s", number=meeting.number), f"{kind}\n{network.name}"


def _seat_line(seat) -> str:
    where = seat.user.institution.short_name if seat.user.institution else (seat.represents or _("внешний участник"))
    return f"{seat.user.full_name} — {label(seat.role).lower()}, {where}"


def minutes_docx(context: dict) -> bytes:
    meeting, network = context["meeting"], context["network"]
    title, subtitle = heading_lines(meeting, network)
    document = a4_blank(context["author"], title)
    add_page_numbers(document)
    for text, bold in ((title, True), (subtitle, False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold

    if meeting.is_cancelled:
        cancelled = document.add_paragraph()
        cancelled.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cancelled.add_run(_("Заседание отменено")).bold = True
    facts = document.add_paragraph()
    facts.add_run(_("Дата: ")).bold = True
    facts.add_run(ru_date(meeting.held_on))
    if meeting.is_e_vote and meeting.deadline_on:
        facts.add_run("\n" + _("Голосование проводилось по %(date)s включительно.", date=ru_date(meeting.deadline_on)))
    if meeting.place:
        facts.add_run("\n")
        facts.add_run(_("Место: ")).bold = True
        facts.add_run(meeting.place)
    if meeting.link:
        facts.add_run("\n")
        facts.add_run(_("Онлайн-подключение: ")).bold = True
        facts.add_run(meeting.link)

    present = context["present"]
    paragraph = document.add_paragraph()
    paragraph.add_run(_("Присутствовали: %(present)d из %(members)s", present=len(present),
                        members=plural(len(context["seats"]), _("член совета"), case="gent"))).bold = True
    for seat in present:
        document.add_paragraph(_seat_line(seat), style="List Bullet")

    document.add_paragraph().add_run(_("Повестка:")).bold = True
    for number, item in enumerate(context["items"], start=1):
        document.add_paragraph(f"{number}. {item.title}")

    for number, item in enumerate(context["items"], start=1):
        paragraph = document.add_paragraph()
        paragraph.add_run(_("По вопросу %(n)d: %(title)s", n=number, title=item.title)).bold = True
        if item.discussion:
            paragraph = document.add_paragraph()
            paragraph.add_run(_("Слушали: ")).bold = True
            paragraph.add_run(item.discussion)
        decision = context["decisions"].get(item.id)
        tally = context["tallies"][item.id]
        paragraph = document.add_paragraph()
        paragraph.add_run(_("Голосовали: ")).bold = True
        source = decision or tally
        paragraph.add_run(_("«за» — %(f)d, «против» — %(a)d, «воздержались» — %(ab)d.",
                            f=source.votes_for, a=source.votes_against, ab=source.votes_abstain))
        paragraph = document.add_paragraph()
        paragraph.add_run(_("РЕШИЛИ: ")).bold = True
        paragraph.add_run(resolution_text(decision, item.approval_id is not None, item.decision_wording))
        if decision is not None and decision.remarks:
            paragraph.add_run(" " + _("Замечания: %(remarks)s", remarks=decision.remarks))

    for role, seat in ((_("Председатель"), context["chair"]), (_("Секретарь"), context["secretary"])):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{role} ____________ {seat.user.full_name if seat else ''}")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
