"""Demo programmes: ЦДО, ДЮСШ and the IT centre offer programmes in the Кошехабль network to СОШ №8 and
СОШ №5 с. Натырбово (two groups mix the pupils of both schools); the drama theatre and the Bardin museum in
the СОШ №31 network. 48 pupils of three schools,
their parents' applications (one still new, from the public catalog), requests, decisions (a waiting
list, a refusal with a reason), groups with teachers and weekly schedules."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.programmes.models import (
    Application,
    ApplicationSource,
    ApplicationStatus,
    Direction,
    Enrollment,
    EnrollmentRequest,
    EnrollmentStatus,
    GradeScale,
    Group,
    Programme,
    RequestStatus,
    ScheduleSlot,
)
from workspace.pupils.models import ConsentPurpose, Pupil, PupilConsent, grade_of

# network, provider, title, direction, hours, grades, capacity, scale, description,
#   groups: (name, teacher e-mail or None, place, [(weekday, "15:00", "16:30")])
PROGRAMMES = [
    ("koshekhabl-set", "cdo-koshekhabl", "Робототехника", "technical", 144, (5, 8), 12, "five_point",
     "Конструирование и программирование роботов на базе наборов LEGO Education и Arduino: от первых механизмов "
     "до участия в районных соревнованиях.",
     [("Робототехника, группа 1", "pedagog@cdo-koshekhabl.example", "ЦДО, каб. 12", [(1, "15:00", "16:30"), (3, "15:00", "16:30")])]),
    ("koshekhabl-set", "cdo-koshekhabl", "Юный эколог", "natural_science", 72, (5, 7), 15, "pass_fail",
     "Наблюдения за природой родного края, экологические акции, исследовательские проекты о реке Лаба.",
     [("Юный эколог, группа 1", "pedagog@cdo-koshekhabl.example", "ЦДО, каб. 8", [(2, "14:30", "16:00")])]),
    ("koshekhabl-set", "cdo-koshekhabl", "Адыгейская вышивка", "art", 72, (3, 9), 10, "levels",
     "Традиционные техники адыгейского золотого шитья и вышивки, изделия для выставки «Наследие».",
     [("Вышивка, группа 1", "pedagog@cdo-koshekhabl.example", "ЦДО, мастерская", [(4, "14:00", "15:30")])]),
    ("koshekhabl-set", "dyussh-koshekhabl", "Шахматы", "sport", 72, (2, 11), 16, "five_point",
     "Основы шахматной игры, решение задач, подготовка к районному турниру и сдаче разрядов.",
     [("Шахматы, группа 1", "trener@dyussh-koshekhabl.example", "ДЮСШ, шахматный клуб", [(0, "16:00", "17:30")])]),
    ("koshekhabl-set", "it-cube", "Программирование на Python", "technical", 144, (7, 11), 12, "five_point",
     "Алгоритмы, переменные, циклы и функции на Python; небольшие игры и проекты для школьного сайта.",
     [("Python, группа 1", "direktor@it-cube.example", "IT-куб, аудитория 2", [(1, "16:00", "17:30"), (4, "16:00", "17:30")])]),
    ("sosh31-kultura", "dramteatr", "Театральная студия «Маска»", "art", 72, (5, 9), 15, "levels",
     "Сценическая речь, актёрское мастерство, постановка спектакля по школьной программе на малой сцене театра.",
     [("Студия «Маска»", "koordinator@dramteatr.example", "Драмтеатр, малая сцена", [(2, "15:30", "17:00")])]),
    ("sosh31-kultura", "muzey-bardina", "Юный инженер-исследователь", "technical", 72, (5, 8), 12, "pass_fail",
     "Музейные занятия по истории металлургии и техники Кузбасса, исследовательские мини-проекты по экспонатам.",
     [("Юные инженеры", "metodist@muzey-bardina.example", "Музей им. И.П. Бардина, лекторий", [(5, "11:00", "12:30")])]),
]

# The pupils of each school: (surname, first name, patronymic, is a girl). Every pupil has a surname of their own,
# shared with no other pupil and no demo user, so a pupil's name is found only where that pupil is shown.
PUPILS = {
    "sosh8": [
        ("Тлехас", "Азамат", "Русланович", False), ("Схаляхо", "Саида", "Аслановна", True),
        ("Панеш", "Тимур", "Нальбиевич", False), ("Кушу", "Мадина", "Казбековна", True),
        ("Напсо", "Адам", "Мухамедович", False), ("Хапай", "Бэла", "Заурбиевна", True),
        ("Мамий", "Ислам", "Асланович", False), ("Чич", "Аминат", "Хазретовна", True),
        ("Богус", "Айдамир", "Русланович", False), ("Куек", "Дана", "Азаматовна", True),
        ("Бжассо", "Казбек", "Юрьевич", False), ("Тлюстен", "Милана", "Нурбиевна", True),
        ("Шеуджен", "Амин", "Асланович", False), ("Хакуй", "Асиет", "Мугдиновна", True),
        ("Меретуков", "Заур", "Хазретович", False), ("Хачемизова", "Сатаней", "Рамазановна", True),
        ("Хатков", "Руслан", "Айдамирович", False), ("Ешугова", "Нафисет", "Асланбиевна", True),
        ("Абрегов", "Мурат", "Ибрагимович", False), ("Даурова", "Лиана", "Анзауровна", True),
        ("Ткаченко", "Егор", "Владимирович", False), ("Сидоренко", "Ксения", "Олеговна", True),
    ],
    "sosh5-natyrbovo": [
        ("Бондаренко", "Никита", "Сергеевич", False), ("Литвинова", "Варвара", "Игоревна", True),
        ("Головко", "Матвей", "Андреевич", False), ("Мирошниченко", "Виктория", "Павловна", True),
        ("Пшизов", "Ахмед", "Нурбиевич", False), ("Ашинова", "Фатимет", "Руслановна", True),
        ("Сиюхов", "Алим", "Хазретович", False), ("Кравченко", "Ульяна", "Денисовна", True),
    ],
    "sosh31": [
        ("Соколов", "Артём", "Дмитриевич", False), ("Попова", "Анна", "Владимировна", True),
        ("Новиков", "Максим", "Игоревич", False), ("Волкова", "София", "Александровна", True),
        ("Зайцев", "Даниил", "Евгеньевич", False), ("Макарова", "Дарья", "Константиновна", True),
        ("Семёнов", "Кирилл", "Романович", False), ("Голубева", "Алина", "Вадимовна", True),
        ("Виноградов", "Михаил", "Артурович", False), ("Богданова", "Полина", "Геннадьевна", True),
        ("Воробьёв", "Ярослав", "Олегович", False), ("Фёдорова", "Вероника", "Станиславовна", True),
        ("Михайлов", "Тимофей", "Борисович", False), ("Тарасова", "Алиса", "Витальевна", True),
        ("Комаров", "Глеб", "Эдуардович", False), ("Жукова", "Ева", "Георгиевна", True),
        ("Баранов", "Лев", "Григорьевич", False), ("Куликова", "Злата", "Леонидовна", True),
    ],
}
# Mothers' first names and patronymics: adults' names, never a pupil's.
MOTHERS = [("Фатима", "Аслановна"), ("Замира", "Мухамедовна"), ("Римма", "Казбековна"), ("Елена", "Викторовна"),
           ("Ирина", "Николаевна"), ("Оксана", "Петровна"), ("Юлия", "Сергеевна"), ("Светлана", "Борисовна"),
           ("Марьям", "Хазретовна"), ("Людмила", "Анатольевна"), ("Татьяна", "Геннадьевна")]


def _feminine(surname: str) -> str:
    """The mother's form of the family name: Тхагапсоев → Тхагапсоева; Тлехас, Ткаченко and Попова stay."""
    return surname + "а" if surname.endswith(("ов", "ев", "ёв", "ин")) else surname


def _pupils(school_id: int, school: str, offset: int, city_code: str, today: date) -> list[Pupil]:
    pupils = []
    for n, (surname, name, patronymic, _girl) in enumerate(PUPILS[school]):
        k = n + offset
        grade = 5 + k % 4
        class_label = f"{grade}{'АБВ'[k % 3]}"
        mother, mother_patronymic = MOTHERS[k % len(MOTHERS)]
        parent = f"{_feminine(surname)} {mother} {mother_patronymic}"
        birth_year = AcademicYear.containing(today).start_year - grade - 6
        pupil = Pupil(institution_id=school_id, surname=surname, name=name, patronymic=patronymic,
                      class_label=class_label, grade=grade_of(class_label),
                      birth_on=date(birth_year, 1 + k % 12, 1 + k % 27), parent_name=parent,
                      parent_phone=f"+7 9{city_code} {100 + k:03d}-{10 + k % 80:02d}-{20 + k % 70:02d}",
                      parent_email=f"parent{k}.{school}@mail.example", is_active=True)
        pupils.append(pupil)
    db.session.add_all(pupils)
    db.session.flush()
    return pupils


def load_programmes(networks, institutions, users, year: AcademicYear, today: date) -> None:
    programmes: dict[str, Programme] = {}
    groups: dict[str, list[Group]] = {}
    published = datetime(year.start_year, 8, 20, 9, tzinfo=UTC)
    for network, provider, title, direction, hours, (low, high), capacity, scale, description, group_rows in PROGRAMMES:
        programme = Programme(network_id=networks[network].id, provider_institution_id=institutions[provider].id,
                              title=title, direction=Direction(direction), description=description, hours=hours,
                              grade_min=low, grade_max=high, capacity=capacity, grade_scale=GradeScale(scale),
                              starts_on=year.starts_on, ends_on=date(year.start_year + 1, 5, 31), is_published=True,
                              published_at=published)
        db.session.add(programme)
        db.session.flush()
        programmes[title] = programme
        for name, teacher, place, slots in group_rows:
            group = Group(network_id=programme.network_id, programme_id=programme.id,
                          provider_institution_id=programme.provider_institution_id, name=name,
                          teacher_id=users[teacher].id if teacher else None, place=place, capacity=capacity,
                          load_agreed_at=published if provider == "cdo-koshekhabl" else None,
                          load_agreed_by_id=users["direktor@cdo-koshekhabl.example"].id
                          if provider == "cdo-koshekhabl" else None)
            db.session.add(group)
            db.session.flush()
            groups.setdefault(title, []).append(group)
            for weekday, starts, ends in slots:
                db.session.add(ScheduleSlot(network_id=group.network_id, group_id=group.id, weekday=weekday,
                                            starts_at=time.fromisoformat(starts), ends_at=time.fromisoformat(ends)))
    sosh8 = _pupils(institutions["sosh8"].id, "sosh8", 0, "18", today)
    sosh31 = _pupils(institutions["sosh31"].id, "sosh31", 7, "23", today)
    natyrbovo = _pupils(institutions["sosh5-natyrbovo"].id, "sosh5-natyrbovo", 30, "28", today)
    # Requests go before the year begins, so the groups start on 1 September whatever day the demo is loaded.
    sent = datetime(year.start_year, 8, 27, 10, tzinfo=UTC)
    plan = [  # school, pupils, programme, decisions («e» enrolled, «w» waiting, «d» declined, «r» requested), sender
        # Робототехника and Адыгейская вышивка mix the pupils of two schools in one group: the common journal
        # shows each school only its own pupils' rows.
        ("sosh5-natyrbovo", natyrbovo[0:4], "Робототехника", "eeee", "zam.vr@sosh5-natyrbovo.example"),
        ("sosh8", sosh8[0:9], "Робототехника", "eeeeeeeew", "zam.vr@sosh8.example"),
        ("sosh8", [sosh8[k] for k in (13, 14, 15, 16, 17, 18, 12)], "Юный эколог", "eedeeer", "zam.vr@sosh8.example"),
        ("sosh8", [sosh8[k] for k in (9, 10, 11, 19, 21)], "Адыгейская вышивка", "eeeee", "zam.vr@sosh8.example"),
        ("sosh5-natyrbovo", natyrbovo[4:8], "Адыгейская вышивка", "eeee", "zam.vr@sosh5-natyrbovo.example"),
        ("sosh8", [sosh8[k] for k in (2, 3, 6, 7, 14, 18)], "Программирование на Python", "eeeeee",
         "zam.vr@sosh8.example"),
        ("sosh8", sosh8[4:10], "Шахматы", "rrrrrr", "zam.vr@sosh8.example"),
        ("sosh31", sosh31[0:10], "Театральная студия «Маска»", "eeeeeeeeer", "zam.vr@sosh31.example"),
        ("sosh31", sosh31[10:16], "Юный инженер-исследователь", "eeeerr", "zam.vr@sosh31.example"),
    ]
    consented: set[int] = set()
    for school, pupils, title, decisions, sender in plan:
        programme = programmes[title]
        request = EnrollmentRequest(network_id=programme.network_id, home_institution_id=institutions[school].id,
                                    programme_id=programme.id, sent_at=sent, sent_by_id=users[sender].id,
                                    status=RequestStatus.ANSWERED if "r" not in decisions else RequestStatus.SENT,
                                    note="Просим зачислить обучающихся по заявлениям родителей.")
        db.session.add(request)
        db.session.flush()
        waiting = 0
        for pupil, decision in zip(pupils, decisions):
            status = {"e": EnrollmentStatus.ENROLLED, "w": EnrollmentStatus.WAITING, "d": EnrollmentStatus.DECLINED,
                      "r": EnrollmentStatus.REQUESTED}[decision]
            waiting += status is EnrollmentStatus.WAITING
            enrollment = Enrollment(
                network_id=programme.network_id, request_id=request.id, programme_id=programme.id,
                home_institution_id=pupil.institution_id, pupil_id=pupil.id,
                pupil_name=f"{pupil.surname} {pupil.name} {pupil.patronymic}", class_label=pupil.class_label,
                status=status, group_id=groups[title][0].id if status is EnrollmentStatus.ENROLLED else None,
                waiting_position=waiting if status is EnrollmentStatus.WAITING else None,
                decline_reason="Возраст не соответствует программе (с 5 по 7 класс)" if decision == "d" else "",
                decided_at=sent + timedelta(days=2) if decision != "r" else None)
            db.session.add(enrollment)
            db.session.flush()
            db.session.add(Application(
                institution_id=pupil.institution_id, pupil_id=pupil.id, programme_id=programme.id,
                network_id=programme.network_id, submitted_on=(sent - timedelta(days=5)).date(), has_consent=True,
                source=ApplicationSource.MANUAL, pupil_full_name=enrollment.pupil_name, class_label=pupil.class_label,
                parent_name=pupil.parent_name, parent_contact=pupil.parent_phone, status=ApplicationStatus.SENT,
                enrollment_id=enrollment.id))
            _consent(consented, pupil, (sent - timedelta(days=5)).date())
    # Waiting to be sent, and one from the public catalog waiting to be matched.
    for pupil, title in ((sosh8[20], "Шахматы"), (sosh8[21], "Шахматы"), (sosh31[16], "Театральная студия «Маска»")):
        programme = programmes[title]
        db.session.add(Application(
            institution_id=pupil.institution_id, pupil_id=pupil.id, programme_id=programme.id,
            network_id=programme.network_id, submitted_on=today, has_consent=True,
            source=ApplicationSource.MANUAL, pupil_full_name=f"{pupil.surname} {pupil.name} {pupil.patronymic}",
            class_label=pupil.class_label, parent_name=pupil.parent_name, parent_contact=pupil.parent_phone,
            status=ApplicationStatus.ACCEPTED))
        _consent(consented, pupil, today)
    robotics = programmes["Робототехника"]
    db.session.add(Application(
        institution_id=institutions["sosh8"].id, programme_id=robotics.id, network_id=robotics.network_id,
        submitted_on=today, has_consent=True, source=ApplicationSource.PUBLIC,
        pupil_full_name="Тхагапсоев Амир Русланович", class_label="6Б", parent_name="Тхагапсоева Зарина Аслановна",
        parent_contact="+7 918 222-33-44", status=ApplicationStatus.NEW))


def _consent(consented: set[int], pupil, given_on) -> None:
    """The parent's consent to processing that the demo's applications carry (one per pupil)."""
    if pupil.id in consented:
        return
    consented.add(pupil.id)
    db.session.add(PupilConsent(institution_id=pupil.institution_id, pupil_id=pupil.id,
                                purpose=ConsentPurpose.PROCESSING, given_by=pupil.parent_name, given_on=given_on,
                                document="Заявление-согласие родителя, хранится в личном деле"))
