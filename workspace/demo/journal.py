"""Demo journal: lessons with the topics of each group's programme, from its schedule, and realistic marks on
the lessons held before the load day (none on a later one).

``load_journal_demo(groups)`` takes ORM ``Group`` rows of the demo (made by workspace/demo/programmes.py),
runs inside the loader's ``unscoped()`` and is deterministic (a fixed seed per group)."""
from __future__ import annotations

import random
from collections import Counter
from datetime import date, time, timedelta

from sqlalchemy import select

from workspace.core.dates import local_today
from workspace.extensions import db
from workspace.journal.certificates import take_numbers
from workspace.journal.lessons import lesson_dates
from workspace.journal.models import Attendance, AttestationResult, Certificate, CertificateKind, Lesson, Mark
from workspace.journal.scales import grade_value
from workspace.programmes.models import (
    Attestation,
    AttestationForm,
    AttestationKind,
    Enrollment,
    EnrollmentStatus,
    GradeScale,
    Group,
    Programme,
    ScheduleSlot,
)

# The lesson topics of each demo programme, in the order the programme teaches them over the year.
PROGRAMME_TOPICS = {
    "Робототехника": (
        "Техника безопасности. Знакомство с конструктором", "Детали конструктора и способы их соединения",
        "Простые механизмы: рычаг и блок", "Зубчатая передача", "Моторы и их управление", "Датчик касания",
        "Датчик цвета", "Ультразвуковой датчик расстояния", "Программирование движения по линии",
        "Сборка модели «Сортировщик»", "Сборка модели «Умный светофор»", "Подготовка к соревнованию «Кегельринг»",
        "Соревнование «Кегельринг»", "Работа над собственным проектом", "Защита проекта"),
    "Юный эколог": (
        "Что изучает экология", "Осенние изменения в природе родного края", "Деревья и кустарники аула",
        "Птицы нашего края: наблюдения у кормушки", "Река Лаба и её обитатели", "Почва и её жители",
        "Экологическая акция «Чистые берега»", "Красная книга Республики Адыгея", "Комнатные растения",
        "Весенние явления в природе", "Исследовательский проект: выбор темы", "Защита исследовательских проектов"),
    "Адыгейская вышивка": (
        "История адыгейского золотого шитья", "Материалы и инструменты вышивальщицы", "Орнаменты адыгов",
        "Шов «вперёд иголку» и стебельчатый шов", "Вышивка по контуру", "Золотное шитьё: прикреп нити",
        "Узор для закладки", "Вышивка пояса: разметка", "Вышивка пояса: орнамент",
        "Подготовка работ к выставке «Наследие»", "Оформление изделия"),
    "Шахматы": (
        "Шахматная доска и фигуры", "Ходы и взятие фигур", "Шах, мат и пат", "Рокировка и взятие на проходе",
        "Ценность фигур", "Дебют: общие принципы", "Мат ладьёй и королём", "Тактика: связка и вилка",
        "Решение задач в два хода", "Разбор партий мастеров", "Турнирная практика"),
    "Программирование на Python": (
        "Среда разработки. Первая программа", "Переменные и типы данных", "Ввод и вывод", "Условный оператор",
        "Цикл while", "Цикл for и функция range", "Строки и операции над ними", "Списки", "Функции",
        "Модуль turtle: рисуем графику", "Игра «Угадай число»", "Проект: текстовая викторина", "Защита проектов"),
    "Театральная студия «Маска»": (
        "Знакомство с театром", "Сценическая речь: дыхание и дикция", "Этюды на воображение",
        "Пластика и сценическое движение", "Чтение пьесы по ролям", "Работа над ролью", "Репетиция",
        "Генеральная репетиция", "Показ спектакля"),
    "Юный инженер-исследователь": (
        "Музей истории техники: экскурсия-знакомство", "Как выплавляют металл: от руды до стали",
        "Академик И.П. Бардин и Кузнецкий металлургический комбинат", "Паровые машины и двигатели",
        "Измерительные приборы прошлого", "Исследование экспоната: постановка вопроса",
        "Исследование экспоната: сбор сведений", "Мини-проект: оформление", "Защита мини-проектов"),
}
# A group of another programme (the tests' own) takes the topics of its direction.
TOPICS = {
    "technical": PROGRAMME_TOPICS["Робототехника"],
    "art": PROGRAMME_TOPICS["Театральная студия «Маска»"],
    "sport": ("Правила игры", "Разминка и ОФП", "Передачи мяча", "Тактика защиты", "Товарищеская встреча"),
}
DEFAULT_TOPICS = ("Вводное занятие", "Знакомство с темой", "Практическая работа", "Работа в группах",
                  "Экскурсия", "Проектная задача", "Повторение", "Итоговое занятие")
GRADES = {GradeScale.FIVE_POINT: ("5", "5", "4", "4", "4", "3"), GradeScale.PASS_FAIL: ("pass", "pass", "pass", "fail"),
          GradeScale.LEVELS: ("high", "medium", "medium", "low")}


# The forms of attestation of each demo programme: (intermediate, final).
ATTESTATION_FORMS = {
    "Робототехника": (AttestationForm.COMPETITION, AttestationForm.PROJECT),
    "Юный эколог": (AttestationForm.TEST, AttestationForm.PROJECT),
    "Адыгейская вышивка": (AttestationForm.EXHIBITION, AttestationForm.EXHIBITION),
    "Шахматы": (AttestationForm.COMPETITION, AttestationForm.COMPETITION),
    "Программирование на Python": (AttestationForm.TEST, AttestationForm.PROJECT),
    "Театральная студия «Маска»": (AttestationForm.CONCERT, AttestationForm.CONCERT),
    "Юный инженер-исследователь": (AttestationForm.CREDIT, AttestationForm.PROJECT),
}


def _attestations_of(programme: Programme, lessons: list[Lesson], made: dict) -> list[Attestation]:
    """The programme's intermediate attestation at the middle lesson and its final one at the last (made once per
    programme, by its first group's lessons)."""
    if programme.id in made:
        return made[programme.id]
    if not lessons:
        return []
    intermediate, final = ATTESTATION_FORMS.get(programme.title, (AttestationForm.CREDIT, AttestationForm.CREDIT))
    first_half = [lesson for lesson in lessons if lesson.held_on.month >= 9
                  and lesson.held_on.year == lessons[0].held_on.year and lesson.held_on < lessons[-1].held_on]
    # the half-year attestation: the last lesson before the winter holidays (else the middle one)
    middle = (first_half[-1] if first_half else lessons[len(lessons) // 2]).held_on
    attestations = [Attestation(network_id=programme.network_id, programme_id=programme.id,
                                kind=AttestationKind.INTERMEDIATE, form=intermediate,
                                held_on=middle),
                    Attestation(network_id=programme.network_id, programme_id=programme.id,
                                kind=AttestationKind.FINAL, form=final, held_on=lessons[-1].held_on)]
    db.session.add_all(attestations)
    db.session.flush()
    made[programme.id] = attestations
    return attestations


def _attestation_results(group, programme, attestations, presence: dict, today: date, failed: set) -> None:
    """Results of the attestations already held: «не зачтено» to a pupil who missed more than half of the
    lessons, and, once per kind in the whole demo, to the group's least diligent pupil (the demo shows both)."""
    if not presence:
        return
    rng = random.Random(group.id * 7)
    grades = {GradeScale.FIVE_POINT: ("5", "4", "4", "3"), GradeScale.PASS_FAIL: ("pass",),
              GradeScale.LEVELS: ("high", "medium", "medium", "low")}[programme.grade_scale]
    laziest = min(presence, key=lambda enrollment: presence[enrollment][0])
    for attestation in attestations:
        if attestation.held_on >= today:
            continue
        forced = attestation.kind not in failed
        failed.add(attestation.kind)
        for (enrollment_id, home_id), (present, held) in presence.items():
            fails = 2 * present < held or (forced and (enrollment_id, home_id) == laziest)
            db.session.add(AttestationResult(
                network_id=group.network_id, attestation_id=attestation.id, enrollment_id=enrollment_id,
                group_id=group.id, home_institution_id=home_id, result="fail" if fails else rng.choice(grades)))


def load_journal_demo(groups, today: date | None = None) -> tuple[int, int]:
    """Lessons for each group (from its schedule, else Tuesdays and Thursdays) over its programme's
    period, and a mark for every enrolled pupil at every lesson already held. Returns (lessons, marks)."""
    today = today or local_today()
    lessons_made = marks_made = 0
    made: dict = {}
    failed: set = set()
    for group in groups:
        rng = random.Random(group.id)
        programme = db.session.scalar(select(Programme).where(Programme.id == group.programme_id))
        slots = db.session.execute(select(ScheduleSlot.weekday, ScheduleSlot.starts_at, ScheduleSlot.ends_at)
                                   .where(ScheduleSlot.group_id == group.id)).all()
        slots = slots or [(1, time(15, 0), time(16, 30)), (3, time(15, 0), time(16, 30))]
        starts_on = programme.starts_on or date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        ends_on = programme.ends_on or date(starts_on.year + 1, 5, 31)
        topics = PROGRAMME_TOPICS.get(programme.title) or TOPICS.get(programme.direction.value, DEFAULT_TOPICS)
        days = []
        for day, hours in lesson_dates(slots, starts_on, ends_on):  # until the programme's hours are taught
            if programme.hours and sum(h for _day, h in days) >= programme.hours:
                break
            days.append((day, hours))
        # The topics follow each other over the year: each takes its share of the lessons, in order.
        lessons = [Lesson(network_id=group.network_id, group_id=group.id, held_on=day, hours=hours,
                          topic=topics[n * len(topics) // len(days)])
                   for n, (day, hours) in enumerate(days)]
        db.session.add_all(lessons)
        db.session.flush()
        lessons_made += len(lessons)
        enrollments = db.session.execute(select(Enrollment.id, Enrollment.home_institution_id).where(
            Enrollment.group_id == group.id,
            Enrollment.status.in_((EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)))).all()
        grades = GRADES[programme.grade_scale]
        presence: dict = {}
        for enrollment_id, home_id in enrollments:
            diligence = rng.uniform(0.75, 0.97)
            present = held = 0
            for lesson in lessons:
                if lesson.held_on >= today:
                    break
                if rng.random() < diligence:
                    attendance, grade = Attendance.PRESENT, rng.choice(grades) if rng.random() < 0.4 else None
                else:
                    attendance, grade = (Attendance.EXCUSED if rng.random() < 0.4 else Attendance.ABSENT), None
                db.session.add(Mark(network_id=group.network_id, lesson_id=lesson.id, enrollment_id=enrollment_id,
                                    group_id=group.id, home_institution_id=home_id, attendance=attendance,
                                    grade=grade))
                marks_made += 1
                held += 1
                present += attendance is Attendance.PRESENT
            presence[(enrollment_id, home_id)] = (present, held)
        _attestation_results(group, programme, _attestations_of(programme, lessons, made), presence, today, failed)
    db.session.flush()
    return lessons_made, marks_made


def _finals(group_id: int) -> dict[int, str]:
    """The final attestation's result per enrollment of a group."""
    return dict(db.session.execute(
        select(AttestationResult.enrollment_id, AttestationResult.result)
        .join(Attestation, Attestation.id == AttestationResult.attestation_id)
        .where(AttestationResult.group_id == group_id, Attestation.kind == AttestationKind.FINAL)).all())


def issue_certificates_demo(groups, today: date) -> int:
    """Once a group's last lesson is over, its provider issues the documents of completion the next working
    day, as its final attestation says: a certificate to a pupil who passed it, a «справка об обучении» (numbered
    in its own series) to one who did not."""
    issued = 0
    for group in groups:
        programme = db.session.scalar(select(Programme).where(Programme.id == group.programme_id))
        last = db.session.scalar(select(Lesson.held_on).where(Lesson.group_id == group.id)
                                 .order_by(Lesson.held_on.desc()).limit(1))
        if last is None or last >= today - timedelta(days=1):
            continue
        issued_on = last + timedelta(days=3 if last.weekday() == 4 else 1)
        if issued_on >= today:
            continue
        finals = _finals(group.id)
        documents: dict = {CertificateKind.CERTIFICATE: [], CertificateKind.STATEMENT: []}
        for enrollment in db.session.scalars(select(Enrollment).where(
                Enrollment.group_id == group.id, Enrollment.status == EnrollmentStatus.ENROLLED)
                .order_by(Enrollment.pupil_name)):
            final = finals.get(enrollment.id)
            if final is None:
                continue
            if final in ("fail", "2"):
                documents[CertificateKind.STATEMENT].append((enrollment, "не зачтено" if final == "fail" else "2"))
                continue
            grades = Counter(grade for (grade,) in db.session.execute(
                select(Mark.grade).where(Mark.enrollment_id == enrollment.id, Mark.grade.is_not(None))))
            documents[CertificateKind.CERTIFICATE].append((enrollment, _result(programme.grade_scale, grades)))
        teacher = db.session.scalar(select(Group.teacher_id).where(Group.id == group.id))
        for kind, rows in documents.items():
            for number, (enrollment, result) in zip(
                    take_numbers(group.provider_institution_id, issued_on.year, len(rows), kind), rows):
                db.session.add(Certificate(
                    network_id=group.network_id, kind=kind, provider_institution_id=group.provider_institution_id,
                    home_institution_id=enrollment.home_institution_id, enrollment_id=enrollment.id,
                    group_id=group.id, year=issued_on.year, number=number, pupil_name=enrollment.pupil_name,
                    class_label=enrollment.class_label, programme_title=programme.title, hours=programme.hours,
                    result=result, issued_on=issued_on, issued_by_id=teacher))
                enrollment.status = EnrollmentStatus.COMPLETED
                issued += 1
    db.session.flush()
    return issued


def _result(scale: GradeScale, grades) -> str:
    """The result as workspace.journal.certificates.result_text words it in Russian (the loader runs outside
    a request, where the interface's translations cannot be chosen)."""
    if not grades:
        return "программа освоена"
    if scale is GradeScale.FIVE_POINT:
        total = sum(grade_value(grade) * n for grade, n in grades.items())
        return "программа освоена, средний балл " + f"{total / sum(grades.values()):.1f}".replace(".", ",")
    if scale is GradeScale.PASS_FAIL:
        return "зачтено"
    level = max(("high", "medium", "low"), key=lambda name: (grades[name], name == "medium"))
    return "программа освоена, уровень: " + {"high": "высокий", "medium": "средний", "low": "низкий"}[level]
