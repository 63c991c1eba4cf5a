"""Joint projects of the generated city: a few per network, each with its four stages over the current
academic year, a roadmap whose terms are read by the plan's timing reader, indicators, participants and a
discussion. Core inserts with explicit ids, like the other areas of the generator."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from workspace.core.dates import AcademicYear
from workspace.core.text import search_text
from workspace.generator import names as N
from workspace.plans.periods import encode_periods
from workspace.projects.models import (
    DEFAULT_STAGES,
    Direction,
    Project,
    ProjectComment,
    ProjectIndicator,
    ProjectParticipant,
    ProjectStage,
    ProjectStatus,
    ProjectTask,
    ProjectTaskInstitution,
    TaskStatus,
)
from workspace.reading.timing import read_timing

PROJECTS_PER_NETWORK = {"demo": 2, "city": 5, "region": 5}
TASKS_PER_PROJECT = 12
TABLES = ("projects", "project_participants", "project_stages", "project_tasks", "project_task_institutions",
          "project_indicators", "project_comments")

TITLES = ("Читающая школа", "Робототехника без границ", "Музей в чемодане", "Театральная гостиная",
          "Здоровое поколение", "Тропами родного края", "Школа юного экскурсовода", "Цифровая лаборатория",
          "Семейные выходные в музее", "Лаборатория юного исследователя", "Готов к труду и обороне",
          "Мастерская народных промыслов")
DIRECTIONS = {"Читающая школа": Direction.SOCIAL, "Робототехника без границ": Direction.TECHNICAL,
              "Музей в чемодане": Direction.TOURISM, "Театральная гостиная": Direction.ARTS,
              "Здоровое поколение": Direction.SPORTS, "Тропами родного края": Direction.TOURISM,
              "Школа юного экскурсовода": Direction.TOURISM, "Цифровая лаборатория": Direction.TECHNICAL,
              "Семейные выходные в музее": Direction.SOCIAL, "Лаборатория юного исследователя":
              Direction.NATURAL_SCIENCE, "Готов к труду и обороне": Direction.SPORTS,
              "Мастерская народных промыслов": Direction.ARTS}
TASKS = ("Изучить запросы участников", "Разработать программу мероприятий", "Провести цикл занятий",
         "Организовать итоговое мероприятие", "Обобщить и распространить опыт")
RESULTS = ("Таблица запросов", "Программа утверждена", "Не менее 8 занятий", "Участие 100 обучающихся",
           "Буклет лучших практик", "Публикация на сайте")
INDICATORS = (("Охват обучающихся", "чел.", 100), ("Проведено мероприятий", "мероприятий", 12),
              ("Доля удовлетворённых участников", "%", 85), ("Привлечено родителей", "чел.", 40))
COMMENTS = ("Программу отправили на согласование.", "Зал свободен по средам, можно начинать.",
            "Фотоотчёт выложили на сайт.", "Нужна помощь с транспортом на экскурсию.",
            "Список участников обновлён.")


def rows(scale) -> int:
    per = PROJECTS_PER_NETWORK.get(scale.name, 2) * scale.networks
    return per * (1 + 4 + TASKS_PER_PROJECT * 2 + 3 + 3 + 3)


def build_projects(city) -> None:
    rng = city.rng
    year = AcademicYear.containing(city.today)
    timings: dict[str, object] = {}
    stage_bounds = [(year.starts_on, date(year.start_year, 9, 30)), (date(year.start_year, 10, 1), date(year.start_year, 10, 31)),
                    (date(year.start_year, 11, 1), date(year.start_year + 1, 4, 30)),
                    (date(year.start_year + 1, 5, 1), date(year.start_year + 1, 5, 31))]
    tables: dict[type, list[dict]] = {model: [] for model in (Project, ProjectParticipant, ProjectStage, ProjectTask,
                                                              ProjectTaskInstitution, ProjectIndicator, ProjectComment)}
    for group in city.networks:
        places = [place for _m, place, _f, _e in group.members]
        for title in rng.sample(TITLES, k=min(len(TITLES), PROJECTS_PER_NETWORK.get(city.scale.name, 2))):
            lead = rng.choice(places)
            partners = [lead] + rng.sample([p for p in places if p is not lead], k=min(len(places) - 1, rng.randint(2, 4)))
            project_id = city.new_id(Project)
            created = min(city.now, datetime.combine(year.starts_on, time(10, 0), tzinfo=UTC)
                          - timedelta(days=rng.randint(1, 20)))
            goal = f"Совместная работа учреждений сети «{group.name}» по теме «{title}»."
            full_title = f"{title}: {lead.short_name}"
            tables[Project].append({
                "id": project_id, "network_id": group.id, "title": full_title, "goal": goal,
                "tasks": "\n".join(TASKS[:3]), "direction": DIRECTIONS[title], "lead_institution_id": lead.id,
                "starts_on": year.starts_on, "ends_on": date(year.start_year + 1, 5, 31),
                "status": ProjectStatus.DRAFT, "search_text": search_text(full_title, goal),
                "resources_staff": "\n".join(p.short_name for p in partners[:2]), "resources_information": "",
                "resources_material": "Актовый зал\nМультимедийный проектор", "resources_methodical": "",
                "resources_social": "Родительский комитет", "version": 1, "created_at": created})
            for place in partners:
                tables[ProjectParticipant].append({"id": city.new_id(ProjectParticipant), "network_id": group.id,
                                                   "project_id": project_id, "institution_id": place.id})
            stage_ids = []
            for position, (stage_title, (starts, ends)) in enumerate(zip(DEFAULT_STAGES, stage_bounds), start=1):
                stage_ids.append(city.new_id(ProjectStage))
                tables[ProjectStage].append({"id": stage_ids[-1], "network_id": group.id, "project_id": project_id,
                                             "position": position, "title": stage_title, "starts_on": starts,
                                             "ends_on": ends, "version": 1})
            for number in range(1, TASKS_PER_PROJECT + 1):
                month = rng.randrange(len(N.MONTHS))
                timing_text = (N.MONTHS[month].capitalize() if rng.random() < 0.6 else "В течение года"
                               if rng.random() < 0.3 else f"{N.MONTHS[month]} - {N.MONTHS[min(8, month + 1)]}")
                timing = timings.get(timing_text) or timings.setdefault(timing_text, read_timing(timing_text, year))
                owner = rng.choice(partners)
                status = TaskStatus.PLANNED
                if timing.ends_on is not None and timing.ends_on < city.today:
                    status = TaskStatus.DONE if rng.random() < 0.75 else TaskStatus.IN_PROGRESS
                task_id = city.new_id(ProjectTask)
                tables[ProjectTask].append({
                    "id": task_id, "network_id": group.id, "project_id": project_id,
                    "stage_id": stage_ids[min(3, (number - 1) * 4 // TASKS_PER_PROJECT)], "position": number,
                    "number": str(number), "task": TASKS[min(4, (number - 1) * 5 // TASKS_PER_PROJECT)],
                    "title": rng.choice(N.PLAN_EVENTS), "timing": timing_text, "starts_on": timing.starts_on,
                    "ends_on": timing.ends_on, "periods": encode_periods(timing.dates), "timing_is_read": timing.is_read,
                    "expected_result": rng.choice(RESULTS),
                    "report_form": rng.choice(N.PLAN_REPORT_FORMS), "responsible": owner.short_name,
                    "status": status, "version": 1, "created_at": created})
                tables[ProjectTaskInstitution].append({"id": city.new_id(ProjectTaskInstitution), "network_id": group.id,
                                                       "task_id": task_id, "institution_id": owner.id})
            for position, (name, unit, target) in enumerate(rng.sample(INDICATORS, k=3), start=1):
                tables[ProjectIndicator].append({
                    "id": city.new_id(ProjectIndicator), "network_id": group.id, "project_id": project_id,
                    "position": position, "name": name, "unit": unit, "target_value": float(target),
                    "actual_value": float(rng.randint(0, target)) if rng.random() < 0.7 else None, "version": 1})
            for _ in range(3):
                author = rng.choice(rng.choice(partners).managers() or lead.staff)
                tables[ProjectComment].append({
                    "id": city.new_id(ProjectComment), "network_id": group.id, "project_id": project_id,
                    "author_id": author.id, "author_name": author.full_name, "body": rng.choice(COMMENTS),
                    "created_at": city.past(60)})
    for model, batch in tables.items():
        city.insert(model, batch)
