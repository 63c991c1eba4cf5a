"""The demo's bank of best practices, register of normative documents and request table (dated from the load
day: the needs and offers are current whatever day the demo is loaded)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from workspace.bank.editing import split_tags
from workspace.bank.models import (
    Direction,
    DocumentKind,
    DocumentVersion,
    Material,
    MaterialFile,
    MaterialTag,
    NormativeDocument,
)
from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.plans.models import PlanItem
from workspace.reading.audience import read_audience
from workspace.requests_table.models import (
    Conversation,
    ConversationMessage,
    RequestCategory,
    RequestKind,
    RequestStatus,
    ResourceRequest,
)


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
    ("koshekhabl-set", "cdo-koshekhabl", "Орнаменты адыгейского золотного шитья: альбом схем для занятий", "arts",
     "3-9 классы", "вышивка, декоративно-прикладное творчество, адыгская культура", "Выставка работ объединения",
     "Двадцать схем традиционных орнаментов с описанием техники и порядка работы; к выставке «Наследие»."),
    ("koshekhabl-set", "mcbs-filial7", "Сценарий краеведческих чтений «Адыгея — мой край родной»", "tourism",
     "5-7 классы", "краеведение, чтения, Адыгея", "Краеведческие чтения",
     "Чтения по произведениям адыгских писателей, викторина по истории района, список литературы."),
    ("chtenie-nk", "mibs", "Положение о городском конкурсе чтецов «Читающий Новокузнецк»", "social", "5-11 классы",
     "конкурс чтецов, положение", "Школьный этап конкурса",
     "Номинации, критерии оценки выступлений, состав жюри и порядок проведения школьного и городского этапов."),
    ("chtenie-nk", "gimnaziya17", "Сценарий литературной гостиной «Поэты Серебряного века»", "arts", "9-11 классы",
     "литературная гостиная, поэзия", "Литературная гостиная",
     "Сценарий вечера с чтением стихов, музыкальными паузами и презентацией о поэтах начала XX века."),
]

# network, kind, number, title ({year}: the academic year of the load day), versions:
# (approved on as (years before the academic year's first calendar year, month, day), file name, note, current)
DOCUMENTS = [
    ("sosh31-kultura", "regulation", "1", "Положение о сетевом взаимодействии МБОУ «СОШ №31» с учреждениями культуры",
     [((2, 8, 30), "polozhenie-1.pdf", "Утверждено приказом №98-о, протокол педсовета №1", False),
      ((1, 8, 29), "polozhenie-2.pdf", "Редакция с изменениями: добавлены театры и «Кузнецкая крепость»", True)]),
    ("sosh31-kultura", "order", "112-о", "Приказ об организации сетевого взаимодействия на {year} учебный год",
     [((0, 8, 31), "prikaz-112-o.pdf", "", True)]),
    ("sosh31-kultura", "protocol", "1", "Протокол заседания координационного совета №1",
     [((0, 8, 28), "protokol-1.pdf", "Одобрен проект сетевого плана на учебный год", True)]),
    ("koshekhabl-set", "regulation", "2", "Положение о реализации дополнительных общеобразовательных программ "
     "в сетевой форме", [((3, 8, 25), "polozhenie-setevaya-forma.pdf", "Утверждено приказом №64", True)]),
    ("koshekhabl-set", "order", "87", "Приказ об организации обучения в сетевой форме на {year} учебный год",
     [((0, 8, 30), "prikaz-87.pdf", "Списки сетевых групп — в приложении", True)]),
]

# network, institution, kind, category, title, description, starts (days from the load day), days
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
    ("koshekhabl-set", "sosh5-natyrbovo", "need", "venue", "Спортивный зал для подготовки к сдаче норм ГТО",
     "В школе с. Натырбово нет зала для прыжков и подтягиваний: нужен зал на два часа в неделю.", 3, 60),
    ("koshekhabl-set", "dyussh-koshekhabl", "offer", "room", "Игровой зал ДЮСШ по субботам с 10 до 13 часов",
     "Зал с гимнастическими снарядами, тренер-преподаватель может провести тренировку.", 0, 120),
    ("koshekhabl-set", "it-cube", "offer", "programme", "Интенсив «Первые шаги в Python» для 7–9 классов",
     "Пять занятий на каникулах, до 12 человек, ноутбуки центра.", 20, 10),
    ("koshekhabl-set", "mcbs-filial7", "offer", "exhibit", "Передвижная выставка «Адыгейский народный костюм»",
     "Выставка из фонда библиотеки: 12 планшетов, можно разместить в школе на две недели.", None, None),
    ("koshekhabl-set", "sosh8", "need", "specialist", "Мастер по золотному шитью для мастер-класса",
     "Мастер-класс для объединения «Адыгейская вышивка» и родителей, 90 минут.", 30, 20),
    ("chtenie-nk", "gimnaziya17", "need", "equipment", "Стеллажи и кресла-мешки для школьного читального зала",
     "На время открытия читального зала «Книжная гавань»: 4 стеллажа, 10 кресел.", 5, 30),
    ("chtenie-nk", "mibs", "offer", "other", "Книги из обменного фонда для школьных читальных залов",
     "Около 300 книг детской и подростковой литературы в хорошем состоянии.", None, None),
]


def load_bank(networks: dict, institutions: dict, users: dict, year: AcademicYear, today: date) -> None:

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
        title = title.format(year=year.label)
        versions = [(date(year.start_year - back, month, day), name, note, is_current)
                    for (back, month, day), name, note, is_current in versions]
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
    _load_requests(networks, institutions, users, coordinators, today)


def _load_requests(networks, institutions, users, coordinators, today: date) -> None:
    rows = []
    for network, slug, kind, category, title, description, starts, days in REQUESTS:
        row = ResourceRequest(network_id=networks[network].id, institution_id=institutions[slug].id,
                              kind=RequestKind(kind), category=RequestCategory(category), title=title,
                              description=description, author_id=coordinators.get(institutions[slug].id),
                              starts_on=today + timedelta(days=starts) if starts is not None else None,
                              ends_on=today + timedelta(days=starts + days) if starts is not None else None)
        db.session.add(row)
        rows.append(row)
    db.session.flush()
    talks = [  # need, offer, messages: (e-mail, text) — the need's side writes first
        (rows[0], rows[1], [  # the school's venue and the museum's hall
            ("zam.vr@sosh31.example",
             "Добрый день! Можно ли провести у вас квест для двух восьмых классов в ближайшие три недели?"),
            ("koordinator@muzey-dostoevskogo.example",
             "Здравствуйте! Зал свободен по вторникам и четвергам. Можем подготовить задания по экспозиции.")]),
        (rows[7], rows[8], [  # the village school's pupils and the sports school's hall
            ("zam.vr@sosh5-natyrbovo.example",
             "Здравствуйте! Можно ли нашим ребятам заниматься у вас по субботам? Подвоз организуем сами."),
            ("trener@dyussh-koshekhabl.example",
             "Добрый день! Да, с 10 до 12 часов зал ваш. Пришлите, пожалуйста, список ребят и классы."),
            ("zam.vr@sosh5-natyrbovo.example", "Спасибо! Список из 14 человек отправлю до пятницы.")]),
    ]
    for need, offer, messages in talks:
        need.status = offer.status = RequestStatus.DISCUSSION
        conversation = Conversation(network_id=need.network_id, need_id=need.id, offer_id=offer.id,
                                    need_institution_id=need.institution_id,
                                    offer_institution_id=offer.institution_id)
        db.session.add(conversation)
        db.session.flush()
        for email, body in messages:
            db.session.add(ConversationMessage(network_id=need.network_id, conversation_id=conversation.id,
                                               institution_id=users[email].institution_id, author_id=users[email].id,
                                               body=body))
