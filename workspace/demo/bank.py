"""The demo's bank of best practices, register of normative documents and request table."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from workspace.core.dates import AcademicYear
from workspace.extensions import db


def _pdf(title: str) -> bytes:
    """A small, valid one-page PDF (the title goes into a comment line; the file name says what it is)."""
    body = b"BT /F1 14 Tf 72 760 Td (Demo) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n% " + title.encode("utf-8")[:60] + b"\n"), []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# network, author, title, direction, audience, tags, plan item it came from (title start), description
MATERIALS = [
    ("sosh31-kultura", "mibs", "Методическая разработка урока в библиотеке «Как найти нужную книгу»", "social",
     "5-6 классы", "библиотечный урок, информационная грамотность", None,
     "Урок знакомит с каталогом, расстановкой фонда и электронным поиском. Есть сценарий, карточки-задания "
     "и рабочий лист для групповой работы."),
    ("sosh31-kultura", "kuznetskaya-krepost", "Сценарий квеста в музее «Тайны Кузнецкой крепости»", "tourism",
     "5-7 классы", "квест, музей, краеведение", None,
     "Командный квест по экспозиции: маршрутные листы, задания по истории крепости, ключи и критерии оценки. "
     "Продолжительность — 60 минут, до 30 участников."),
    ("sosh31-kultura", "mibs", "Сценарий «Библиосумерки» для 5–9 классов", "arts", "5-9 классы",
     "библиосумерки, чтение, квест", "Библиосумерки",
     "Вечер в библиотеке: литературный квест, громкие чтения и мастер-класс по буктрейлерам."),
    ("sosh31-kultura", "dramteatr", "Театральный урок «Профессия — актёр»: конспект и раздаточные материалы", "arts",
     "5-7 классы", "театр, профориентация", "Театральный урок",
     "Конспект встречи с актёром, упражнения по сценической речи, памятка «Как смотреть спектакль»."),
    ("sosh31-kultura", "muzey-dostoevskogo", "Музейный урок «Достоевский в Кузнецке»", "social", "8-11 классы",
     "литература, музейный урок", None,
     "Урок-экскурсия по мемориальной экспозиции с заданиями по роману «Униженные и оскорблённые»."),
    ("sosh31-kultura", "sosh31", "Программа внеурочной деятельности «Школьный театр»", "arts", "5-8 классы",
     "театр, программа", None, "Программа на 34 часа: сценическая речь, пластика, постановка спектакля."),
    ("koshekhabl-set", "it-cube", "Занятие по робототехнике «Умный светофор»", "technical", "5-6 классы",
     "робототехника, ПДД", None, "Сборка и программирование модели светофора; связь с уроками безопасности."),
    ("koshekhabl-set", "dyussh-koshekhabl", "Комплекс общей физической подготовки для 1–4 классов", "sports",
     "1-4 классы", "ОФП, здоровье", None, "Разминка, круговая тренировка и подвижные игры на 40 минут."),
]

# network, kind, number, title, versions: (approved on, file name, note, current)
DOCUMENTS = [
    ("sosh31-kultura", "regulation", "1", "Положение о сетевом взаимодействии МБОУ «СОШ №31» с учреждениями культуры",
     [(date(2024, 8, 30), "polozhenie-2024.pdf", "Утверждено приказом №98-о, протокол педсовета №1", False),
      (date(2025, 8, 29), "polozhenie-2025.pdf", "Редакция с изменениями: добавлены театры и «Кузнецкая крепость»",
       True)]),
    ("sosh31-kultura", "order", "112-о", "Приказ об организации сетевого взаимодействия на 2025/2026 учебный год",
     [(date(2025, 9, 1), "prikaz-112-o.pdf", "", True)]),
    ("sosh31-kultura", "protocol", "1", "Протокол заседания координационного совета №1",
     [(date(2025, 9, 10), "protokol-1.pdf", "Утверждён сетевой план мероприятий", True)]),
]

# network, institution, kind, category, title, description, starts (days from the start of November), days
REQUESTS = [
    ("sosh31-kultura", "sosh31", "need", "venue", "Площадка для литературного квеста на 50 человек",
     "Нужен зал или фойе для квеста по произведениям Достоевского, 8-е классы.", 0, 20),
    ("sosh31-kultura", "muzey-dostoevskogo", "offer", "room", "Выставочный зал музея для квеста и литературных чтений",
     "Зал на 60 мест, по будням с 10 до 16 часов.", 5, 45),
    ("sosh31-kultura", "dramteatr", "need", "audience", "Зрители на дневной спектакль «Гроза»",
     "Ищем классы на дневные показы, 9-11 классы, до 120 мест.", 20, 30),
    ("sosh31-kultura", "sosh31", "offer", "classes", "9-11 классы на дневные спектакли по школьной программе",
     "Готовы организовать выход трёх классов с классными руководителями.", 0, 60),
    ("sosh31-kultura", "mibs", "offer", "equipment", "Мультимедийный проектор и экран на время мероприятий",
     "Переносной проектор, экран 2×2 м, колонки.", None, None),
    ("sosh31-kultura", "sosh31", "need", "equipment", "Проектор для выездного классного часа",
     "На один день, классный час в библиотеке или в музее.", None, None),
    ("sosh31-kultura", "mibs", "need", "specialist", "Психолог для классного часа о кибербуллинге",
     "Нужен специалист на 45 минут для 7-8 классов.", 40, 10),
]


def load_bank(networks: dict, institutions: dict, users: dict) -> None:
    from workspace.bank.editing import split_tags
    from workspace.bank.models import (Direction, DocumentKind, DocumentVersion, Material, MaterialFile, MaterialTag,
                                       NormativeDocument)
    from workspace.plans.audience import read_audience
    from workspace.plans.models import PlanItem

    coordinators = {}
    for user in users.values():
        if user.institution_id and user.role is not None and user.role.value in ("coordinator", "admin"):
            coordinators.setdefault(user.institution_id, user.id)
    for network, author, title, direction, audience, tags, item_start, description in MATERIALS:
        institution = institutions[author]
        source_id = None
        if item_start:
            source_id = db.session.scalar(select(PlanItem.id).where(PlanItem.network_id == networks[network].id,
                                                                    PlanItem.title.startswith(item_start)))
        read = read_audience(audience)
        material = Material(network_id=networks[network].id, author_institution_id=institution.id,
                            author_id=coordinators.get(institution.id), title=title, description=description,
                            direction=Direction(direction), audience=audience, grade_from=read.grade_from,
                            grade_to=read.grade_to, tags=", ".join(split_tags(tags)),
                            source_kind="plan_item" if source_id else None, source_id=source_id)
        db.session.add(material)
        db.session.flush()
        for tag in split_tags(tags):
            db.session.add(MaterialTag(network_id=material.network_id, material_id=material.id, tag=tag))
        content = _pdf(title)
        db.session.add(MaterialFile(network_id=material.network_id, material_id=material.id,
                                    filename=f"material-{material.id}.pdf", content_type="application/pdf",
                                    size=len(content), content=content, author_id=material.author_id))
    for network, kind, number, title, versions in DOCUMENTS:
        current = next(on for on, _name, _note, is_current in versions if is_current)
        document = NormativeDocument(network_id=networks[network].id, kind=DocumentKind(kind), number=number,
                                     title=title, approved_on=current)
        db.session.add(document)
        db.session.flush()
        for on, filename, note, is_current in versions:
            content = _pdf(title)
            db.session.add(DocumentVersion(network_id=document.network_id, document_id=document.id, approved_on=on,
                                           note=note, is_current=is_current, filename=filename,
                                           content_type="application/pdf", size=len(content), content=content))
    _load_requests(networks, institutions, users, coordinators)


def _load_requests(networks, institutions, users, coordinators) -> None:
    from workspace.requests_table.models import (Conversation, ConversationMessage, RequestCategory, RequestKind,
                                                 RequestStatus, ResourceRequest)
    november = date(AcademicYear.current().start_year, 11, 1)
    rows = []
    for network, slug, kind, category, title, description, starts, days in REQUESTS:
        row = ResourceRequest(network_id=networks[network].id, institution_id=institutions[slug].id,
                              kind=RequestKind(kind), category=RequestCategory(category), title=title,
                              description=description, author_id=coordinators.get(institutions[slug].id),
                              starts_on=november + timedelta(days=starts) if starts is not None else None,
                              ends_on=november + timedelta(days=starts + days) if starts is not None else None)
        db.session.add(row)
        rows.append(row)
    db.session.flush()
    need, offer = rows[0], rows[1]  # the school's venue and the museum's hall: already talking
    need.status = offer.status = RequestStatus.DISCUSSION
    conversation = Conversation(network_id=need.network_id, need_id=need.id, offer_id=offer.id,
                                need_institution_id=need.institution_id, offer_institution_id=offer.institution_id)
    db.session.add(conversation)
    db.session.flush()
    for institution_id, email, body in (
            (need.institution_id, "zam.vr@sosh31.example",
             "Добрый день! Можно ли провести у вас квест для двух восьмых классов во второй половине ноября?"),
            (offer.institution_id, "koordinator@muzey-dostoevskogo.example",
             "Здравствуйте! Зал свободен по вторникам и четвергам. Можем подготовить задания по экспозиции.")):
        db.session.add(ConversationMessage(network_id=need.network_id, conversation_id=conversation.id,
                                           institution_id=institution_id, author_id=users[email].id, body=body))
