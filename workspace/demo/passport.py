"""The demo's programme passport: the main network's («Культурно-образовательная среда школы №31»), filled in by its
base school as such programmes are written — grounds from the network's register and the federal law, four stages
over the network's period, results for pupils, teachers and parents, resources, the system of control — and
approved by the council at its August meeting (№ 1 of the year), the question voted and decided like the others."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from tenants.models import Institution, Membership, Network
from workspace.bank.models import NormativeDocument
from workspace.core.dates import AcademicYear
from workspace.demo.approvals import approve_at_first_meeting
from workspace.extensions import db
from workspace.passport.approval import passport_title
from workspace.passport.models import PassportGround, PassportStage, PassportStatus, ProgrammePassport

NETWORK = "sosh31-kultura"
LAW = "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
TEXT = {
    "grounds": f"{LAW}\nФедеральный государственный образовательный стандарт основного общего образования "
               "(приказ Минпросвещения России от 31.05.2021 № 287)\nПрограмма воспитания МБОУ «СОШ №31»",
    "developer": "Администрация МБОУ «СОШ №31»",
    "results_pupils": "Рост читательской активности и интереса к театру и музею\n"
                      "Участие в конкурсах чтецов, литературных и исторических квестах\n"
                      "Навыки работы с информацией в библиотеке и музее",
    "results_teachers": "Освоение форм урока в библиотеке, театре и музее\n"
                        "Методические разработки совместных мероприятий в банке лучших практик",
    "results_parents": "Совместные культурные мероприятия детей и родителей\n"
                       "Участие родителей в работе координационного совета",
    "resources_staff": "Заместитель директора по ВР, учителя литературы и истории, классные руководители\n"
                       "Библиотекари МБУ «МИБС», актёры и завлиты театров, научные сотрудники музеев",
    "resources_material": "Читальный зал детской библиотеки, малая сцена драмтеатра, экспозиции музеев\n"
                          "Мультимедийный проектор, транспорт для выездных мероприятий",
    "resources_information": "Раздел «Сетевое взаимодействие» на сайте школы\nСетевой электронный журнал, "
                             "летопись сети",
    "resources_methodical": "Положение о сетевом взаимодействии, сценарии библиотечных и музейных уроков",
    "control": "Координационный совет утверждает план на учебный год и рассматривает итоги каждой четверти; "
               "заместитель директора по ВР ведёт мониторинг эффективности (входная и итоговая диагностика); "
               "в конце учебного года — аналитическая справка о реализации программы.",
}


def _stages(network: Network) -> list[tuple[str, date, date, str]]:
    """Four stages over the network's academic years: the first year prepares and organises, the middle ones
    practise, the last one sums up."""
    first = AcademicYear.containing(network.starts_on)
    last = AcademicYear.containing(network.ends_on)
    middle_ends = AcademicYear(max(last.start_year - 1, first.start_year + 1)).ends_on
    return [
        ("Подготовительный", first.starts_on, first.date_of(12, 31),
         "Изучение запросов обучающихся и родителей, заключение договоров с учреждениями культуры, создание "
         "координационного совета"),
        ("Организационный", first.date_of(1, 1), first.ends_on,
         "Разработка положения о сетевом взаимодействии и сетевого плана мероприятий, входная диагностика"),
        ("Практический (основной)", AcademicYear(first.start_year + 1).starts_on, middle_ends,
         "Реализация сетевого плана мероприятий, совместные проекты, промежуточная диагностика"),
        ("Обобщающий", middle_ends + timedelta(days=1), last.ends_on,
         "Итоговая диагностика, анализ результатов, обобщение опыта в банке лучших практик"),
    ]


def load_passport(today: date) -> None:
    """Call inside ``unscoped()`` at the end of ``load_demo`` (the register and the council's meetings are there)."""
    network = db.session.scalar(select(Network).where(Network.slug == NETWORK))
    base = db.session.scalar(select(Institution).where(Institution.id == network.base_institution_id))
    members = db.session.scalars(select(Institution.full_name)
                                 .join(Membership, Membership.institution_id == Institution.id)
                                 .where(Membership.network_id == network.id)
                                 .order_by(Institution.id != base.id, Institution.short_name)).all()
    passport = ProgrammePassport(network_id=network.id, name=network.name,
                                 executors="\n".join(members), goal=network.goal, tasks=network.tasks,
                                 starts_on=network.starts_on, ends_on=network.ends_on, status=PassportStatus.APPROVED,
                                 **TEXT)
    db.session.add(passport)
    db.session.flush()
    for position, (title, starts_on, ends_on, content) in enumerate(_stages(network), start=1):
        db.session.add(PassportStage(network_id=network.id, passport_id=passport.id, position=position, title=title,
                                     starts_on=starts_on, ends_on=ends_on, content=content))
    for document_id in db.session.scalars(select(NormativeDocument.id).where(
            NormativeDocument.network_id == network.id, NormativeDocument.kind.in_(("regulation", "order")))):
        db.session.add(PassportGround(network_id=network.id, passport_id=passport.id, document_id=document_id))
    _approve(network, passport)


def _approve(network: Network, passport: ProgrammePassport) -> None:
    """The council's first meeting of the year approves the passport (no meeting held before the load day: it waits
    as a draft)."""
    if not approve_at_first_meeting(
            network, "passport", passport.id, passport_title(passport), days_before=5,
            comment="Паспорт программы на весь период реализации.",
            discussion="Выступила заместитель директора по ВР; паспорт программы обсуждён, замечаний нет."):
        passport.status = PassportStatus.DRAFT
