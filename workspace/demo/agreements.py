"""Demo agreements: in force, on signing, one ending within 30 days, one expired last year — with each party's
obligations written the way real programmes write their regulation, month by month."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from workspace.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementLink,
    AgreementParty,
    AgreementStatus,
    Obligation,
)
from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.plans.models import PlanSection

# network, number ({year}: the academic year's first calendar year), kind, title, subject, status, published,
# term: None for the academic year, "ending" (ends within 30 days of the load day) or "last_year",
# parties: (institution slug, accepted by e-mail or None, obligations: (text, term))
AGREEMENTS = [
    ("koshekhabl-set", "СФ-3/{year}", "network_programme",
     "Договор о сетевой форме реализации дополнительной общеобразовательной программы «Робототехника»",
     "Совместная реализация программы технической направленности «Робототехника» (144 часа, 5–8 классы) "
     "в сетевой форме: обучающиеся МБОУ СОШ №8 занимаются в объединении ЦДО.",
     "active", True, None,
     [("sosh8", "direktor@sosh8.example", [
         ("Формирует группы обучающихся 5–8 классов и передаёт списки в ЦДО", "до 10 сентября"),
         ("Предоставляет кабинет информатики для практических занятий", "по расписанию"),
         ("Назначает ответственного за сопровождение обучающихся", "сентябрь"),
         ("Учитывает результаты освоения программы во внеурочной деятельности", "май")]),
      ("cdo-koshekhabl", "direktor@cdo-koshekhabl.example", [
         ("Реализует программу «Робототехника» силами педагога дополнительного образования", "в течение года"),
         ("Предоставляет конструкторы и программное обеспечение", "в течение года"),
         ("Ведёт сетевой электронный журнал и сообщает школе о посещаемости", "ежемесячно"),
         ("Выдаёт обучающимся документы об освоении программы", "май")])]),
    ("koshekhabl-set", "СФ-4/{year}", "network_programme",
     "Договор о сетевой форме реализации программ «Робототехника» и «Адыгейская вышивка» для обучающихся "
     "МБОУ СОШ №5 с. Натырбово",
     "Обучающиеся МБОУ СОШ №5 с. Натырбово осваивают программы ЦДО в сетевых группах вместе с обучающимися "
     "МБОУ СОШ №8; школа организует подвоз, ЦДО ведёт общий сетевой журнал.",
     "active", True, None,
     [("sosh5-natyrbovo", "direktor@sosh5-natyrbovo.example", [
         ("Передаёт в ЦДО списки обучающихся и согласия родителей", "до 28 августа"),
         ("Организует подвоз обучающихся к месту занятий", "по расписанию"),
         ("Следит за посещаемостью своих обучающихся в сетевом журнале", "еженедельно")]),
      ("cdo-koshekhabl", "direktor@cdo-koshekhabl.example", [
         ("Включает обучающихся в сетевые группы вместе с обучающимися МБОУ СОШ №8", "сентябрь"),
         ("Ведёт сетевой электронный журнал", "в течение года"),
         ("Выдаёт документы об обучении по итогам аттестации", "май")])]),
    ("koshekhabl-set", "7/{last_year}", "cooperation",
     "Договор о сотрудничестве МБОУ СОШ №8 и Кошехабльской ДЮСШ",
     "Сотрудничество в подготовке обучающихся к сдаче норм ГТО и в проведении спортивных праздников.",
     "expired", False, "last_year",
     [("sosh8", "direktor@sosh8.example", [
         ("Предоставляет спортивный зал для тренировок", "по графику")]),
      ("dyussh-koshekhabl", "trener@dyussh-koshekhabl.example", [
         ("Проводит тренировки по подготовке к сдаче норм ГТО", "в течение года")])]),
    ("chtenie-nk", "3/{year}", "cooperation",
     "Договор о сотрудничестве МБУ «МИБС» и МБОУ «Гимназия №17» по программе «Читающий Новокузнецк»",
     "Открытие школьного читального зала, литературные гостиные и участие гимназистов в городском конкурсе чтецов.",
     "active", True, None,
     [("mibs", "direktor@mibs.example", [
         ("Передаёт в читальный зал гимназии книги из обменного фонда", "до 1 декабря"),
         ("Проводит литературные гостиные для 9–11 классов", "октябрь, апрель")]),
      ("gimnaziya17", "direktor@gimnaziya17.example", [
         ("Оборудует читальный зал и назначает ответственного библиотекаря", "ноябрь"),
         ("Направляет победителей школьного этапа на городской конкурс чтецов", "февраль")])]),
    ("sosh31-kultura", "14/{year}", "cooperation",
     "Договор о сотрудничестве МБОУ «СОШ №31» и МБУ «МИБС»",
     "Сотрудничество в развитии читательской активности обучающихся: библиотечные уроки, литературные "
     "гостиные, конкурсы чтецов и книжные выставки.",
     "signing", False, None,
     [("sosh31", "direktor@sosh31.example", [
         ("Организует посещение библиотеки классами по согласованному графику", "ежемесячно"),
         ("Назначает классных руководителей ответственными за участие классов", "сентябрь"),
         ("Размещает информацию о совместных мероприятиях на сайте школы", "в течение года")]),
      ("mibs", None, [
         ("Проводит библиотечные уроки для 1–4 классов", "октябрь, февраль"),
         ("Организует литературные гостиные и конкурс чтецов", "ноябрь, март"),
         ("Готовит тематические книжные выставки к памятным датам", "в течение года")])]),
    ("sosh31-kultura", "9/{last_year}", "joint_activity",
     "Договор о совместной деятельности по программе «Театральная гостиная»",
     "Совместная деятельность по приобщению обучающихся к театральной культуре: спектакли, театральные уроки, "
     "обсуждения спектаклей.",
     "active", True, "ending",
     [("sosh31", "direktor@sosh31.example", [
         ("Обеспечивает организованное посещение спектаклей классами", "по графику театра"),
         ("Проводит обсуждения спектаклей на уроках литературы", "после каждого спектакля")]),
      ("dramteatr", "koordinator@dramteatr.example", [
         ("Предоставляет места на спектакли по школьной программе на льготных условиях", "в течение сезона"),
         ("Проводит театральные уроки и встречи с актёрами", "ноябрь, апрель")])]),
]


def load_agreements(networks: dict, institutions: dict, users: dict, year: AcademicYear, today: date) -> None:
    for slug, number, kind, title, subject, status, published, term, parties in AGREEMENTS:
        network = networks[slug]
        if term == "ending":
            starts_on, ends_on = today - timedelta(days=340), today + timedelta(days=20)
        elif term == "last_year":
            starts_on, ends_on = AcademicYear(year.start_year - 1).starts_on, AcademicYear(year.start_year - 1).ends_on
        else:
            starts_on, ends_on = year.starts_on, year.ends_on
        signed_on = starts_on - timedelta(days=10)
        accepted_at = datetime.combine(signed_on, time(10, 0), tzinfo=UTC)
        number = number.format(year=year.start_year, last_year=year.start_year - 1)
        agreement = Agreement(network_id=network.id, number=number, signed_on=signed_on, kind=AgreementKind(kind),
                              title=title, subject=subject, starts_on=starts_on, ends_on=ends_on,
                              status=AgreementStatus(status), is_published=published,
                              activated_at=accepted_at if status in ("active", "expired") else None)
        db.session.add(agreement)
        db.session.flush()
        for position, (institution, accepter, obligations) in enumerate(parties, start=1):
            party = AgreementParty(network_id=network.id, agreement_id=agreement.id,
                                   institution_id=institutions[institution].id, position=position)
            if accepter is not None:
                party.accepted_by_id, party.accepted_at = users[accepter].id, accepted_at
            db.session.add(party)
            db.session.flush()
            for line, (text, when) in enumerate(obligations, start=1):
                db.session.add(Obligation(network_id=network.id, agreement_id=agreement.id, party_id=party.id,
                                          position=line, text=text, term=when))
            partner_section = db.session.scalar(select(PlanSection.id).where(
                PlanSection.network_id == network.id,
                PlanSection.partner_institution_id == institutions[institution].id).limit(1))
            if partner_section is not None and institution != network_base(networks, slug, institutions):
                db.session.add(AgreementLink(network_id=network.id, agreement_id=agreement.id,
                                             target_kind="plan_section", target_id=partner_section))


def network_base(networks: dict, slug: str, institutions: dict) -> str | None:
    base_id = networks[slug].base_institution_id
    return next((key for key, institution in institutions.items() if institution.id == base_id), None)
