"""The director's order «Об организации обучения учащихся с помощью сетевого взаимодействия» of a school: the
training organised per the network's programmes, the person responsible (declined as the sentence needs), per
programme and provider the school's pupils enrolled (names and classes — minors' data: only the school's own
admin and coordinator generate it), the control over its execution."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tenants.models import Institution, Network
from workspace.core.dates import AcademicYear
from workspace.core.documents import document_bytes
from workspace.core.labels import label
from workspace.core.words import decline_name, decline_phrase, initials, plural, quoted
from workspace.paperwork import blanks
from workspace.paperwork.queries import Enrolled, Person
from workspace.paperwork.regulation import LAW_273, ORDER_882

TITLE = "Об организации обучения учащихся с помощью сетевого взаимодействия"


@dataclass
class Order:
    network: Network
    school: Institution
    on: date
    number: str
    responsible: Person
    signatory: Person
    controller: Person | None  # None: the signatory keeps the control
    enrolled: list[Enrolled]


def in_sentence(position: str) -> str:
    """A position as it stands inside a sentence: lower-case, unless it starts with an abbreviation («МБОУ»)."""
    first = position.split(" ", 1)[0] if position else ""
    return position if not first or (len(first) > 1 and first.isupper()) else position[:1].lower() + position[1:]


def person_phrase(person: Person, case: str) -> str:
    """«заместителя директора по УВР Иванову Ольгу Петровну»: the position and the full name, both in ``case``."""
    position = decline_phrase(in_sentence(person.position), case) if person.position else ""
    return f"{position} {decline_name(person.full_name, case)}".strip()


def hours_text(hours: int) -> str:
    return plural(hours, "час") if hours else ""


def programme_line(entry: Enrolled) -> str:
    programme = entry.programme
    facts = [f"{label(programme.direction)} направленность"]
    if programme.hours:
        facts.append(hours_text(programme.hours))
    return f"{quoted(programme.title)} ({', '.join(facts)}), организация — {entry.provider}"


def order_docx(data: Order) -> bytes:
    school = data.school
    document = blanks.new_document(school.full_name, TITLE, font_size=14)
    blanks.requisites(document, author=school.full_name, kind="ПРИКАЗ", on=data.on, number=data.number,
                      place=blanks.place_of(school.city))
    blanks.title(document, TITLE)
    year = AcademicYear.containing(data.on)
    blanks.point(document, "", f"В соответствии с {LAW_273.replace('Федеральный закон', 'Федеральным законом', 1)}, "
                 f"{ORDER_882.replace('приказ', 'приказом', 1)}, на основании договоров о сетевой форме реализации образовательных программ, в рамках "
                 f"программы сетевого взаимодействия {quoted(data.network.name)}")
    blanks.line(document, "ПРИКАЗЫВАЮ:", bold=True, after=6, keep_with_next=True)

    pupils = sum(len(entry.pupils) for entry in data.enrolled)
    points = 0

    def next_point(text: str, *, keep_with_next: bool = False) -> str:
        nonlocal points
        points += 1
        blanks.point(document, f"{points}", text, keep_with_next=keep_with_next)
        return str(points)

    next_point(f"Организовать в {year.label} учебном году обучение учащихся {school.short_name} по дополнительным "
               f"общеобразовательным программам, реализуемым в сетевой форме организациями — участниками сети, в "
               f"соответствии с договорами о сетевой форме реализации образовательных программ.")
    if data.enrolled:
        number = next_point(f"Утвердить списки учащихся, зачисленных на обучение по сетевым образовательным "
                            f"программам ({plural(len(data.enrolled), 'программа')}, всего "
                            f"{plural(pupils, 'обучающийся')}):", keep_with_next=True)
        for index, entry in enumerate(data.enrolled, start=1):
            blanks.point(document, f"{number}.{index}",
                         f"{programme_line(entry)}: {plural(len(entry.pupils), 'обучающийся')}.", keep_with_next=True)
            blanks.table(document, ["№", "Фамилия, имя, отчество", "Класс"],
                      [[str(row), name, class_label] for row, (name, class_label) in enumerate(entry.pupils, start=1)],
                      widths_mm=[12, 123, 25])
    else:
        next_point("Списки учащихся, зачисленных на обучение по сетевым образовательным программам, утвердить "
                   "дополнительным приказом после зачисления.")
    next_point(f"Назначить ответственным за организацию обучения учащихся с помощью сетевого взаимодействия "
               f"{person_phrase(data.responsible, 'accs')}.")
    responsible = initials(data.responsible.full_name, "datv", surname_first=True)
    number = next_point(f"{responsible}:", keep_with_next=True)
    for index, text in enumerate([
        "обеспечить взаимодействие с организациями — участниками сети по вопросам зачисления учащихся, расписания "
        "занятий и их посещаемости;",
        "вести учёт посещаемости и результатов учащихся по данным сетевого электронного журнала;",
        "информировать родителей (законных представителей) учащихся об условиях обучения в сетевой форме;",
        "по окончании учебного года представить сведения о результатах обучения для аналитической справки о "
        "реализации программы сетевого взаимодействия.",
    ], start=1):
        blanks.point(document, f"{number}.{index}", text)
    if data.controller is None:
        next_point("Контроль за исполнением настоящего приказа оставляю за собой.")
    else:
        next_point(f"Контроль за исполнением настоящего приказа возложить на {person_phrase(data.controller, 'accs')}.")

    blanks.signature(document, data.signatory.position, initials(data.signatory.full_name))
    blanks.line(document, after=12)
    blanks.line(document, "С приказом ознакомлены:", keep_with_next=True)
    acquainted = [data.responsible] + ([data.controller] if data.controller and data.controller != data.responsible
                                       else [])
    for person in acquainted:
        blanks.spread(document, f"_____________ {initials(person.full_name)}", blanks.BLANK_DATE)
    return document_bytes(document)
