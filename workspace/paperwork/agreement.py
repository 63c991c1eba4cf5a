"""The agreement on the network form of implementing an educational programme (договор о сетевой форме реализации
образовательной программы, article 15 of Federal Law 273-ФЗ) between a school and a provider for one programme: the
sections the article requires — the programme (kind, level, direction, hours), the parties' resources, the pupils'
status, the conditions and procedure of the educational activity, the document issued at the end, the term, the
parties' rights and responsibilities, changing and terminating — and the parties' requisites and signatures.
From the agreement record when the network has one for the programme and both parties, else from the programme."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docx.shared import Mm, Pt

from tenants.models import Institution, Network
from workspace.core.dates import ru_date
from workspace.core.documents import document_bytes
from workspace.core.labels import label
from workspace.core.words import decline_name, decline_phrase, initials, name_gender, plural, quoted
from workspace.paperwork import blanks
from workspace.paperwork.order import in_sentence
from workspace.paperwork.queries import AgreementRecord, Delivery, Person
from workspace.programmes.models import GradeScale, Programme

KIND = "дополнительную общеобразовательную общеразвивающую программу"  # the accusative: «реализуют … программу»
LEVEL = "дополнительное образование детей и взрослых"


@dataclass
class NetworkAgreement:
    network: Network
    programme: Programme
    school: Institution
    provider: Institution
    school_head: Person | None
    provider_head: Person | None
    delivery: Delivery
    pupils: int  # the school's pupils enrolled in the programme
    record: AgreementRecord | None
    on: date | None
    number: str


def in_person_of(head: Person | None) -> str:
    """«в лице директора Иванова Ивана Ивановича, действующего (действующей) на основании Устава»."""
    if head is None:
        return "в лице руководителя ______________________________, действующего на основании Устава"
    acting = "действующей" if name_gender(head.full_name) == "femn" else "действующего"
    position = decline_phrase(in_sentence(head.position), "gent")
    return f"в лице {position} {decline_name(head.full_name, 'gent')}, {acting} на основании Устава"


def final_document(programme: Programme) -> str:
    if programme.grade_scale is GradeScale.PASS_FAIL:
        result = "получившим «зачтено» на итоговой аттестации"
    else:
        result = "успешно прошедшим итоговую аттестацию"
    return (f"Обучающимся, освоившим Программу и {result}, Организация выдаёт сертификат об обучении; обучающимся, "
            f"не прошедшим итоговую аттестацию или освоившим часть Программы, — справку об обучении (о периоде "
            f"обучения). Форма оценивания результатов: {label(programme.grade_scale)}.")


def term(data: NetworkAgreement) -> tuple[date | None, date | None]:
    if data.record is not None:
        return data.record.agreement.starts_on, data.record.agreement.ends_on
    return data.programme.starts_on or data.network.starts_on, data.programme.ends_on or data.network.ends_on


def agreement_docx(data: NetworkAgreement) -> bytes:
    school, provider, programme = data.school, data.provider, data.programme
    title = "о сетевой форме реализации образовательной программы"
    document = blanks.new_document(school.full_name, f"Договор № {data.number or '___'} {title}")
    blanks.centred(document, f"ДОГОВОР № {data.number or blanks.BLANK_NUMBER}", bold=True)
    blanks.centred(document, title, bold=True, after=12)
    blanks.spread(document, blanks.place_of(school.city) or "____________",
                  ru_date(data.on) if data.on else blanks.BLANK_DATE)
    blanks.line(document, after=6)
    blanks.point(document, "", f"{school.full_name} (далее — Школа), {in_person_of(data.school_head)}, с одной "
                 f"стороны, и {provider.full_name} (далее — Организация), {in_person_of(data.provider_head)}, с другой "
                 f"стороны, совместно именуемые «Стороны», в соответствии со статьёй 15 Федерального закона от "
                 f"29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации» заключили настоящий договор о "
                 f"нижеследующем.")

    starts_on, ends_on = term(data)
    grades = (f"{programme.grade_min}–{programme.grade_max} классов" if programme.grade_min != programme.grade_max
              else f"{programme.grade_min} класса")
    subject = data.record.agreement.subject.strip() if data.record and data.record.agreement.subject.strip() else ""
    pupils = (f"Численность обучающихся Школы, зачисленных на обучение по Программе, на дату заключения договора — "
              f"{plural(data.pupils, 'обучающийся')}." if data.pupils else
              "Численность обучающихся Школы определяется списками, согласованными Сторонами.")
    _section(document, "1", "Предмет договора", [
        f"Стороны реализуют в сетевой форме {KIND} {quoted(programme.title)} (далее — Программа): уровень "
        f"(подвид) образования — {LEVEL}; направленность — {label(programme.direction)}; объём — "
        f"{plural(programme.hours, 'час')}; для обучающихся {grades}; в рамках программы сетевого взаимодействия "
        f"{quoted(data.network.name)}.",
        pupils,
    ] + ([subject] if subject else []))

    delivery = data.delivery
    provider_resources = ["педагогических работников, реализующих Программу"
                          + (f" ({plural(len(delivery.teachers), 'педагог')})" if delivery.teachers else ""),
                          "учебные помещения" + (f": {', '.join(delivery.places)}" if delivery.places else ""),
                          "оборудование и учебно-методические материалы, необходимые для реализации Программы",
                          "сетевой электронный журнал занятий, посещаемости и результатов обучающихся"]
    _section(document, "2", "Ресурсы Сторон, используемые при реализации Программы", [
        "Организация использует: " + "; ".join(provider_resources) + ".",
        "Школа использует: информационные ресурсы для информирования обучающихся и их родителей (законных "
        "представителей); по согласованию Сторон — помещения и оборудование Школы; кадровые ресурсы для "
        "сопровождения обучающихся (ответственный за сетевое взаимодействие).",
    ])
    _section(document, "3", "Статус обучающихся", [
        "Обучающиеся, осваивающие Программу, являются обучающимися Школы и на период освоения Программы — "
        "участниками образовательной деятельности Организации; зачисление на обучение по Программе не влечёт их "
        "отчисления из Школы.",
        "Обучающиеся пользуются правами, предусмотренными статьёй 34 Федерального закона № 273-ФЗ, соблюдают правила "
        "внутреннего распорядка Организации на время занятий.",
        "Персональные данные обучающихся передаются Организации в объёме, необходимом для реализации Программы "
        "(фамилия, имя, отчество, класс), с согласия родителей (законных представителей).",
    ])
    conditions = [
        "Обучение по Программе организуется в сетевых группах Организации по расписанию, согласованному Сторонами"
        + (f": {'; '.join(delivery.slots)}" if delivery.slots else "") + ".",
        "Зачисление на обучение производится Организацией по заявке Школы, составленной на основании заявлений "
        "родителей (законных представителей) обучающихся.",
        "Организация ведёт учёт посещаемости и результатов обучающихся в сетевом электронном журнале; Школа получает "
        "сведения о своих обучающихся.",
        f"Промежуточная и итоговая аттестация проводится Организацией; форма оценивания — {label(programme.grade_scale)}.",
    ]
    _section(document, "4", "Условия и порядок осуществления образовательной деятельности", conditions)
    _section(document, "5", "Документ, выдаваемый по итогам освоения Программы", [final_document(programme)])
    _section(document, "6", "Срок действия договора", [
        f"Договор вступает в силу с {ru_date(starts_on) if starts_on else blanks.BLANK_DATE} и действует до "
        f"{ru_date(ends_on) if ends_on else blanks.BLANK_DATE}, а в части обязательств по обучению — до их полного "
        f"исполнения.",
    ])
    obligations = data.record.obligations if data.record else {}
    _section(document, "7", "Права и обязанности Сторон", [
        "Организация обязуется: реализовать Программу в полном объёме в соответствии с учебным планом и расписанием; "
        "обеспечить безопасность обучающихся во время занятий; вести сетевой электронный журнал; выдать документ "
        "по итогам освоения Программы" + _extra(obligations.get(provider.id)) + ".",
        "Школа обязуется: сформировать и направить заявку на зачисление обучающихся; информировать обучающихся и их "
        "родителей (законных представителей) об условиях обучения; назначить ответственного за сетевое "
        "взаимодействие" + _extra(obligations.get(school.id)) + ".",
        "Стороны вправе запрашивать друг у друга сведения, необходимые для исполнения договора, вносить предложения "
        "по совершенствованию Программы и организации обучения.",
    ])
    _section(document, "8", "Ответственность Сторон", [
        "За неисполнение или ненадлежащее исполнение обязательств по договору Стороны несут ответственность в "
        "соответствии с законодательством Российской Федерации.",
        "Каждая Сторона отвечает за сохранность и конфиденциальность персональных данных обучающихся, полученных при "
        "исполнении договора.",
    ])
    _section(document, "9", "Порядок изменения и прекращения договора", [
        "Изменения и дополнения к договору оформляются дополнительными соглашениями, подписанными обеими Сторонами.",
        "Договор может быть расторгнут по соглашению Сторон или по инициативе одной из Сторон с письменным "
        "уведомлением другой Стороны не менее чем за 30 дней; обучающимся обеспечивается завершение освоения "
        "Программы или выдача справки об обучении.",
        "Договор составлен в двух экземплярах, имеющих равную юридическую силу, по одному для каждой из Сторон.",
    ])
    blanks.section(document, "10", "Реквизиты и подписи Сторон")
    _signatures(document, [("Школа", school, data.school_head), ("Организация", provider, data.provider_head)])
    return document_bytes(document)


def _extra(lines: list[str] | None) -> str:
    """The obligations the agreement record gives a party, after the standard ones."""
    return "; " + "; ".join(line[:1].lower() + line[1:].rstrip(".;") for line in lines) if lines else ""


def _section(document, number: str, heading: str, points: list[str]) -> None:
    blanks.section(document, number, heading)
    for index, text in enumerate(points, start=1):
        blanks.point(document, f"{number}.{index}", text)


def _signatures(document, parties) -> None:
    """The two parties side by side, row by row so that the columns stay level: the party, its name, address and
    contacts, the head's position, a line to sign with the initials, the seal's place."""
    columns = []
    for role, institution, head in parties:
        contacts = [institution.full_name] + [text for text in (
            f"Адрес: {institution.address}" if institution.address else "",
            f"Телефон: {institution.phone}" if institution.phone else "",
            f"Эл. почта: {institution.email}" if institution.email else "") if text]
        columns.append([role, "\n".join(contacts), head.position if head else "Руководитель",
                        f"_____________ {initials(head.full_name) if head else '_______________'}", "М.П."])
    table = document.add_table(rows=0, cols=2)
    table.autofit = False
    for index, texts in enumerate(zip(*columns)):
        for cell, text in zip(table.add_row().cells, texts):
            cell.width = Mm(85)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(6)
            for number, part in enumerate(blanks.typeset(text).split("\n")):
                if number:
                    paragraph.add_run().add_break()
                paragraph.add_run(part).bold = index == 0
