"""The demo's programme passport: the main network's («Культурно-образовательная среда школы №31»), filled in by its
base school as such programmes are written — grounds from the network's register and the federal law, four stages
over the network's period, results for pupils, teachers and parents, resources, the system of control — and
approved by the council at its August meeting (№ 1 of the year), the question voted and decided like the others."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from tenants.models import Institution, Membership, Network, Seat
from workspace.accounts.models import User
from workspace.bank.models import NormativeDocument
from workspace.core.dates import AcademicYear
from workspace.council.models import (
    AgendaItem,
    Approval,
    ApprovalStatus,
    Choice,
    Decision,
    MajorityRule,
    Meeting,
    Outcome,
    QuorumRule,
    Vote,
)
from workspace.extensions import db
from workspace.passport.approval import passport_title
from workspace.passport.models import PassportGround, PassportStage, PassportStatus, ProgrammePassport

NETWORK = "sosh31-kultura"
SUBMITTED_BY = "zam.vr@sosh31.example"
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
    """The council's first meeting of the year approves the passport: a question added to it, every seat «за»."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.network_id == network.id, Meeting.number == 1,
                                                      Meeting.closed_at.is_not(None)))
    if meeting is None:  # no meeting held before the load day: the passport waits on approval
        passport.status = PassportStatus.DRAFT
        return
    author = db.session.scalar(select(User).where(User.email == SUBMITTED_BY))
    submitted = meeting.held_on - timedelta(days=5)
    approval = Approval(network_id=network.id, subject_type="passport", subject_id=passport.id, round=1,
                        title=passport_title(passport),
                        status=ApprovalStatus.APPROVED, comment="Паспорт программы на весь период реализации.",
                        created_at=datetime(submitted.year, submitted.month, submitted.day, 9, 0, tzinfo=UTC),
                        submitted_by_id=author.id, submitted_by_name=author.full_name)
    db.session.add(approval)
    db.session.flush()
    position = len(db.session.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id)).all()) + 1
    item = AgendaItem(network_id=network.id, meeting_id=meeting.id, position=position,
                      title=f"Об утверждении: {approval.title}", approval_id=approval.id, closed_at=meeting.closed_at,
                      discussion="Выступила заместитель директора по ВР; паспорт программы обсуждён, замечаний нет.")
    db.session.add(item)
    db.session.flush()
    seats = list(db.session.scalars(select(Seat.id).where(Seat.network_id == network.id).order_by(Seat.id)))
    db.session.add_all(Vote(network_id=network.id, agenda_item_id=item.id, seat_id=seat_id, choice=Choice.FOR,
                            cast_at=meeting.closed_at) for seat_id in seats)
    db.session.add(Decision(network_id=network.id, agenda_item_id=item.id, outcome=Outcome.APPROVED,
                            votes_for=len(seats), seats=len(seats), quorum=QuorumRule.MORE_THAN_HALF,
                            majority=MajorityRule.SIMPLE_OF_CAST, decided_on=meeting.held_on))
