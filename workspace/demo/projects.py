"""Two joint projects of the demo networks, as their coordinators would have filled them in: stages with
dates in the current academic year, the roadmap (its terms read by the plan's timing reader), resources,
indicators with what is reached so far, and a discussion with a mention that reaches a colleague's desk."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from workspace.accounts.models import User
from workspace.core.dates import AcademicYear
from workspace.council.models import Approval, ApprovalStatus
from workspace.extensions import db
from workspace.plans.periods import encode_periods
from workspace.projects.mentions import mentioned
from workspace.projects.models import (
    DEFAULT_STAGES,
    Direction,
    Project,
    ProjectComment,
    ProjectIndicator,
    ProjectMention,
    ProjectParticipant,
    ProjectStage,
    ProjectStatus,
    ProjectTask,
    ProjectTaskInstitution,
    TaskStatus,
)
from workspace.reading.matching import Candidate, find_institutions
from workspace.reading.timing import read_timing

PROJECTS = [
    {
        "network": "sosh31-kultura", "lead": "mibs", "participants": ("sosh31", "dramteatr", "muzey-dostoevskogo"),
        "title": "Читающая школа — читающий город", "direction": "social", "submitted_by": "koordinator@mibs.example",
        "goal": "Сформировать у обучающихся 5–9 классов устойчивый интерес к чтению через совместные проекты "
                "школы, библиотеки, театра и литературного музея.",
        "tasks": "Создать в школе читательский клуб на базе детской библиотеки МБУ «МИБС».\n"
                 "Провести цикл театрализованных чтений по произведениям школьной программы.\n"
                 "Подготовить буклет лучших практик для педагогов сети.",
        "resources": {
            "staff": "Библиотекари детской библиотеки МБУ «МИБС»\nУчителя литературы МБОУ «СОШ №31»\n"
                     "Актёры и завлит Новокузнецкого драмтеатра",
            "information": "Страница проекта на сайте школы\nГруппа «Читающая школа» в социальной сети",
            "material": "Читальный зал детской библиотеки\nМалая сцена драмтеатра\nМультимедийный проектор",
            "methodical": "Программа читательского клуба\nСценарии театрализованных чтений",
            "social": "Родительский комитет 6 «А» класса\nСовет обучающихся",
        },
        "roadmap": [
            # (задача, мероприятие, срок, ожидаемый результат, форма отчётности, ответственный, этап); each task's
            # state follows from its term, its stage's dates and the load day (task_status below)
            ("Изучить читательские интересы", "Анкетирование обучающихся 5–9 классов", "Сентябрь",
             "Карта читательских интересов", "Аналитическая справка", "МБУ «МИБС», Иванова О.Н.", 0),
            ("Изучить читательские интересы", "Собеседование по формированию запроса", "Сентябрь-октябрь",
             "Таблица запросов школы", "Составление таблицы запросов", "МБОУ «СОШ №31»", 0),
            ("Создать читательский клуб", "Утверждение программы читательского клуба", "Октябрь",
             "Программа клуба", "Приказ", "МБУ «МИБС»", 1),
            ("Создать читательский клуб", "Заседания читательского клуба (ежемесячно)", "В течение года",
             "Не менее 8 заседаний", "Фотоотчёт на сайте", "МБУ «МИБС»", 2),
            ("Провести театрализованные чтения", "Театрализованные чтения «Живая классика» на малой сцене",
             "Ноябрь - декабрь", "Выступления 4 классных коллективов", "Видеозапись, программа",
             "Новокузнецкий драмтеатр", 2),
            ("Провести театрализованные чтения", "Литературная экскурсия «Достоевский в Кузнецке»", "Февраль",
             "Экскурсия для 8–9 классов", "Отзывы участников", "Музей Ф.М. Достоевского", 2),
            ("Обобщить опыт", "Обобщение и распространение опыта", "Май",
             "Буклет лучших практик", "Отчет, заключение. Банк лучших практик", "МБУ «МИБС», МБОУ «СОШ №31»", 3),
        ],
        "indicators": [("Обучающиеся — участники клуба", "чел.", 60, 34),
                       ("Проведено заседаний клуба", "заседаний", 8, 2),
                       ("Доля обучающихся, прочитавших 5 и более книг", "%", 70, None)],
        "comments": [("koordinator@mibs.example", "Программу клуба отправила на согласование, жду замечаний."),
                     ("koordinator@dramteatr.example", "Малая сцена свободна по средам до конца месяца. @Иванова, "
                                                       "подтвердите, пожалуйста, классы для первых чтений.")],
    },
    {
        "network": "koshekhabl-set", "lead": "cdo-koshekhabl", "participants": ("sosh8", "it-cube"),
        "title": "Робототехника для сельских школ", "direction": "technical", "submitted_by": None,
        "goal": "Дать обучающимся 5–8 классов аула Кошехабль доступ к занятиям робототехникой в сетевой форме.",
        "tasks": "Открыть сетевую группу робототехники для обучающихся МБОУ СОШ №8 и МБОУ СОШ №5 с. Натырбово.\n"
                 "Провести районные соревнования по робототехнике.",
        "resources": {
            "staff": "Педагог дополнительного образования МБОУ ДО ЦДО\nНаставник Центра IT-образования",
            "material": "Наборы LEGO Education SPIKE Prime (8 шт.)\nКабинет информатики МБОУ СОШ №8",
            "methodical": "Дополнительная общеразвивающая программа «Робототехника»",
        },
        "roadmap": [
            ("Открыть сетевую группу", "Запись обучающихся, формирование группы", "Сентябрь",
             "Группа 12 человек", "Список группы", "МБОУ ДО ЦДО, МБОУ СОШ №8", 0),
            ("Открыть сетевую группу", "Занятия по программе «Робототехника»", "Октябрь - май",
             "144 часа занятий", "Сетевой журнал", "МБОУ ДО ЦДО", 2),
            ("Провести соревнования", "Районные соревнования «РобоКошехабль»", "Апрель",
             "Не менее 6 команд", "Протокол соревнований", "Центр IT-образования", 2),
            ("Обобщить опыт", "Отчёт о реализации проекта на координационном совете", "Май",
             "Решение совета о продолжении", "Отчёт", "МБОУ ДО ЦДО", 3),
        ],
        "indicators": [("Обучающиеся в сетевой группе", "чел.", 12, 12), ("Команды на соревнованиях", "команд", 6, None)],
        "comments": [("metodist@cdo-koshekhabl.example", "Наборы получены, первое занятие — в понедельник.")],
    },
]


def task_status(stage_starts: date, stage_ends: date, task_starts: date | None, task_ends: date | None,
                today: date) -> str:
    """What a real roadmap shows on ``today``: a stage that is over has every task done (the page calls it
    «завершён»), a stage still ahead has none begun; in the current stage a task is done when its own term is
    over, in progress when it has begun."""
    if today > stage_ends:
        return "done"
    if today < stage_starts:
        return "planned"
    if task_ends is not None and task_ends < today:
        return "done"
    if task_starts is None or task_starts <= today:
        return "in_progress"
    return "planned"


def load_projects(networks, institutions, year: AcademicYear, today: date) -> None:
    users = {user.email: user for user in db.session.scalars(select(User))}
    stage_bounds = [(year.starts_on, date(year.start_year, 9, 30)), (date(year.start_year, 10, 1), date(year.start_year, 10, 31)),
                    (date(year.start_year, 11, 1), date(year.start_year + 1, 4, 30)),
                    (date(year.start_year + 1, 5, 1), date(year.start_year + 1, 5, 31))]
    for spec in PROJECTS:
        network = networks[spec["network"]]
        submitted = spec["submitted_by"] is not None
        project = Project(network_id=network.id, title=spec["title"], goal=spec["goal"], tasks=spec["tasks"],
                          direction=Direction(spec["direction"]), lead_institution_id=institutions[spec["lead"]].id,
                          starts_on=year.starts_on, ends_on=date(year.start_year + 1, 5, 31),
                          status=ProjectStatus.SUBMITTED if submitted else ProjectStatus.DRAFT,
                          **{f"resources_{kind}": text for kind, text in spec["resources"].items()})
        db.session.add(project)
        db.session.flush()
        members = [Candidate(institutions[slug].id, institutions[slug].short_name, institutions[slug].full_name)
                   for slug in (spec["lead"], *spec["participants"])]
        for slug in {spec["lead"], *spec["participants"]}:
            db.session.add(ProjectParticipant(network_id=network.id, project_id=project.id,
                                              institution_id=institutions[slug].id))
        stages = []
        for position, (title, (starts, ends)) in enumerate(zip(DEFAULT_STAGES, stage_bounds), start=1):
            stage = ProjectStage(network_id=network.id, project_id=project.id, position=position, title=title,
                                 starts_on=starts, ends_on=ends)
            db.session.add(stage)
            stages.append(stage)
        db.session.flush()
        for number, (task_text, title, timing, result, report, responsible, stage) in enumerate(
                spec["roadmap"], start=1):
            read = read_timing(timing, year)
            bounds = stage_bounds[stage]
            status = task_status(bounds[0], bounds[1], read.starts_on, read.ends_on, today)
            task = ProjectTask(network_id=network.id, project_id=project.id, position=number, number=str(number),
                               task=task_text, title=title, timing=timing, starts_on=read.starts_on,
                               ends_on=read.ends_on, periods=encode_periods(read.dates), timing_is_read=read.is_read,
                               expected_result=result,
                               report_form=report, responsible=responsible, status=TaskStatus(status),
                               stage_id=stages[stage].id)
            db.session.add(task)
            db.session.flush()
            for institution_id in {c.id for c in find_institutions(responsible, members)}:
                db.session.add(ProjectTaskInstitution(network_id=network.id, task_id=task.id,
                                                      institution_id=institution_id))
        for position, (name, unit, target, actual) in enumerate(spec["indicators"], start=1):
            # the figures reached by November; nothing is measured before the practical stage begins
            reached = actual if today >= stage_bounds[2][0] else None
            db.session.add(ProjectIndicator(network_id=network.id, project_id=project.id, position=position,
                                            name=name, unit=unit, target_value=target, actual_value=reached))
        colleagues = [(user.id, user.full_name) for user in users.values()
                      if user.institution_id in {institutions[s].id for s in (spec["lead"], *spec["participants"])}]
        for n, (email, body) in enumerate(spec["comments"]):
            author = users[email]
            written = today - timedelta(days=2 * (len(spec["comments"]) - n))
            comment = ProjectComment(network_id=network.id, project_id=project.id, author_id=author.id,
                                     author_name=author.full_name, body=body,
                                     created_at=datetime(written.year, written.month, written.day, 10, 40,
                                                         tzinfo=UTC))
            db.session.add(comment)
            db.session.flush()
            for user_id in mentioned(body, colleagues) - {author.id}:
                db.session.add(ProjectMention(network_id=network.id, comment_id=comment.id, project_id=project.id,
                                              user_id=user_id))
        if submitted:
            author = users[spec["submitted_by"]]
            db.session.add(Approval(network_id=network.id, subject_type="project", subject_id=project.id, round=1,
                                    title=project.title, status=ApprovalStatus.SUBMITTED,
                                    created_at=datetime(today.year, today.month, today.day, 8, 0,
                                                        tzinfo=UTC) - timedelta(days=3),
                                    comment="Просим утвердить проект на текущий учебный год.",
                                    submitted_by_id=author.id, submitted_by_name=author.full_name))
    db.session.flush()

