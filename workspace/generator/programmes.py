"""The generator's programmes area: pupils of every school, programmes of the providers of every network,
groups with teachers and weekly slots, and the enrollment flow (applications → requests → enrollments).

City scale: ~50 000 pupils and ~2 000 groups. Rows are written by ``City.insert`` (Core executemany, explicit
ids); everything comes from ``city.rng``, so a seed gives the same city. The bench school (the first place)
also offers programmes in the first network, so its coordinator has an inbox of requests."""
from __future__ import annotations

from datetime import time, timedelta

from tenants.models import InstitutionKind
from workspace.accounts.models import StaffRole
from workspace.core.dates import AcademicYear
from workspace.core.text import search_text
from workspace.generator import names as N
from workspace.generator.journal import JournalGroupSpec
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
from workspace.pupils.models import Pupil

PROVIDER_KINDS = {InstitutionKind.SUPPLEMENTARY, InstitutionKind.SPORTS_SCHOOL, InstitutionKind.IT_CENTRE,
                  InstitutionKind.MUSEUM, InstitutionKind.THEATRE, InstitutionKind.CULTURE_HOUSE,
                  InstitutionKind.LIBRARY, InstitutionKind.COLLEGE, InstitutionKind.UNIVERSITY}
TITLES = {
    Direction.TECHNICAL: ("Робототехника", "Программирование на Python", "3D-моделирование", "Авиамоделирование",
                          "Электроника для начинающих"),
    Direction.NATURAL_SCIENCE: ("Юный эколог", "Занимательная химия", "Астрономия", "Юный биолог-исследователь"),
    Direction.SPORT: ("Шахматы", "Волейбол", "Лёгкая атлетика", "Настольный теннис", "Самбо"),
    Direction.ART: ("Театральная студия", "Хоровое пение", "Изостудия", "Народный танец", "Фотостудия"),
    Direction.TOURISM: ("Юный краевед", "Спортивный туризм", "Музейное дело"),
    Direction.SOCIAL: ("Школа журналистики", "Юные волонтёры", "Финансовая грамотность", "Английский клуб"),
}
PROVIDER_DIRECTIONS = {
    InstitutionKind.SPORTS_SCHOOL: (Direction.SPORT,), InstitutionKind.IT_CENTRE: (Direction.TECHNICAL,),
    InstitutionKind.MUSEUM: (Direction.TOURISM, Direction.SOCIAL), InstitutionKind.THEATRE: (Direction.ART,),
    InstitutionKind.CULTURE_HOUSE: (Direction.ART,), InstitutionKind.LIBRARY: (Direction.SOCIAL,),
}
SLOTS = ((time(14, 0), time(15, 30)), (time(15, 0), time(16, 30)), (time(16, 0), time(17, 30)),
         (time(17, 0), time(18, 30)))


def build_pupils(city) -> None:
    rng, scale = city.rng, city.scale
    schools = [place for place in city.places if place.kind is InstitutionKind.SCHOOL]
    city.pupils_of = {}
    if not scale.pupils or not schools:
        return
    weights = [3.0 if index == 0 else rng.uniform(0.5, 1.5) for index, _ in enumerate(schools)]
    total_weight = sum(weights)
    rows = []
    for school, weight in zip(schools, weights):
        count = max(20, int(scale.pupils * weight / total_weight))
        mine = city.pupils_of[school.id] = []
        for _ in range(count):
            surname = rng.choice(N.SURNAMES)
            male, female = rng.choice(N.PATRONYMICS)
            if rng.random() < 0.5:
                surname, name, patronymic = N.female_surname(surname), rng.choice(N.FEMALE_NAMES), female
            else:
                name, patronymic = rng.choice(N.MALE_NAMES), male
            grade = rng.randint(1, 11)
            class_label = f"{grade}{rng.choice('АБВГ')}"
            pupil_id = city.new_id(Pupil)
            birth = city.today.replace(month=1, day=1) - timedelta(days=365 * (grade + 7) + rng.randint(0, 360))
            rows.append({"id": pupil_id, "institution_id": school.id, "surname": surname, "name": name,
                         "patronymic": patronymic, "class_label": class_label, "grade": grade, "birth_on": birth,
                         "parent_name": f"{N.female_surname(surname)} {rng.choice(N.FEMALE_NAMES)} {female}",
                         "parent_phone": f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-"
                                         f"{rng.randint(10, 99)}",
                         "parent_email": f"parent{pupil_id}@mail.example", "is_active": True,
                         "search_text": search_text(surname, name, patronymic, class_label), "version": 1,
                         "created_at": city.past(700)})
            mine.append((pupil_id, f"{surname} {name} {patronymic}", class_label, grade))
    city.insert(Pupil, rows)


def build_programmes(city) -> None:
    """This year's programmes (``scale.groups`` groups) and, before them, last year's editions
    (``scale.past_groups`` groups): finished, taken out of the catalog, their pupils «completed», every
    lesson held — the journal's history and the dashboards' previous year."""
    if not city.scale.groups or not city.networks:
        return
    rows = {model: [] for model in (Programme, Group, ScheduleSlot, EnrollmentRequest, Enrollment, Application)}
    this_year = AcademicYear.containing(city.today)
    _build_year(city, rows, AcademicYear(this_year.start_year - 1), city.scale.past_groups, past=True)
    _build_year(city, rows, this_year, city.scale.groups, past=False)
    for model, model_rows in rows.items():
        city.insert(model, model_rows)
    city.journal_groups = _journal_groups(rows)


def _build_year(city, rows, year: AcademicYear, groups: int, *, past: bool) -> None:
    rng = city.rng
    pupils_of = getattr(city, "pupils_of", {})
    taken: set[tuple[int, int]] = set()  # (programme, pupil)
    groups_left = groups
    per_network = max(1, groups // len(city.networks))
    for index, network in enumerate(city.networks):
        providers = [place for _m, place, *_ in network.members if place.kind in PROVIDER_KINDS]
        if index == 0:
            providers.insert(0, network.base)  # the bench school offers programmes too
        schools = [place for _m, place, *_ in network.members
                   if place.kind is InstitutionKind.SCHOOL and pupils_of.get(place.id)]
        if not providers:
            continue
        quota = groups_left if index == len(city.networks) - 1 else min(groups_left, per_network)
        made = 0
        while made < quota:
            provider = providers[made % len(providers)] if index == 0 and made < 3 * len(providers) \
                else rng.choice(providers)
            direction = rng.choice(PROVIDER_DIRECTIONS.get(provider.kind, tuple(Direction)))
            low = rng.randint(1, 8)
            high = min(11, low + rng.randint(1, 4))
            # The first group of the first network is the size of a whole class (the benchmark's 30 × 40 grid).
            capacity = 30 if index == 0 and made == 0 else rng.choice((10, 12, 15, 20))
            programme_id = city.new_id(Programme)
            title = rng.choice(TITLES[direction])
            published = rng.random() < 0.9
            rows[Programme].append({
                "id": programme_id, "network_id": network.id, "provider_institution_id": provider.id, "title": title,
                "direction": direction, "description": f"{title}: программа дополнительного образования в сетевой форме.",
                "hours": rng.choice((34, 36, 68, 72, 144)), "grade_min": low, "grade_max": high,
                "capacity": capacity * 2, "grade_scale": rng.choice(tuple(GradeScale)),
                "starts_on": year.starts_on, "ends_on": year.date_of(5, 31), "is_published": published and not past,
                "published_at": city.past(300) - timedelta(days=365 if past else 0) if published else None,
                "search_text": search_text(title), "version": 1,
                "created_at": city.past(400) - timedelta(days=365 if past else 0)})
            teachers = [p for p in provider.staff if p.role is StaffRole.TEACHER] or provider.staff
            for number in range(min(quota - made, rng.randint(1, 2))):
                group_id = city.new_id(Group)
                whole_class = capacity == 30
                made += 1
                rows[Group].append({
                    "id": group_id, "network_id": network.id, "programme_id": programme_id,
                    "provider_institution_id": provider.id, "name": f"{title}, группа {number + 1}",
                    "teacher_id": rng.choice(teachers).id if teachers else None,
                    "place": f"{provider.short_name}, каб. {rng.randint(1, 40)}", "capacity": capacity,
                    "load_agreed_at": city.past(200) if rng.random() < 0.6 else None, "load_agreed_by_id": None,
                    "version": 1, "created_at": city.past(300)})
                for weekday in rng.sample(range(6), k=1 if whole_class else rng.choice((1, 2, 2, 3))):
                    starts, ends = rng.choice(SLOTS)
                    rows[ScheduleSlot].append({"id": city.new_id(ScheduleSlot), "network_id": network.id,
                                               "group_id": group_id, "weekday": weekday, "starts_at": starts,
                                               "ends_at": ends, "place": ""})
                if published and schools:
                    _enroll(city, rows, taken, (network.id, programme_id, group_id), capacity,
                            rng.choice(schools), pupils_of, (low, high), past=past)
        groups_left -= made


def _journal_groups(rows) -> list:
    """What the journal's area needs of each group: its period, weekdays and enrolled pupils."""
    programmes = {row["id"]: row for row in rows[Programme]}
    weekdays: dict[int, set[int]] = {}
    for slot in rows[ScheduleSlot]:
        weekdays.setdefault(slot["group_id"], set()).add(slot["weekday"])
    pupils: dict[int, list[tuple[int, int]]] = {}
    for row in rows[Enrollment]:
        if row["group_id"] is not None:
            pupils.setdefault(row["group_id"], []).append((row["id"], row["home_institution_id"]))
    specs = []
    for group in rows[Group]:
        programme = programmes[group["programme_id"]]
        if group["id"] in pupils:
            specs.append(JournalGroupSpec(group_id=group["id"], network_id=group["network_id"],
                                          starts_on=programme["starts_on"], ends_on=programme["ends_on"],
                                          weekdays=tuple(sorted(weekdays.get(group["id"], {1, 3}))),
                                          enrollments=pupils[group["id"]],
                                          grade_scale=programme["grade_scale"].value))
    return specs


def _enroll(city, rows, taken, where, capacity, school, pupils_of, grades, *, past: bool) -> None:
    """A request of one school for one group's worth of pupils: most enrolled, a few waiting or still open
    (last year's: enrolled ones completed the programme, nothing left open)."""
    rng = city.rng
    network_id, programme_id, group_id = where
    low, high = grades
    fitting = [p for p in pupils_of[school.id] if low <= p[3] <= high and (programme_id, p[0]) not in taken]
    chosen = rng.sample(fitting, k=min(len(fitting), capacity + rng.randint(-3, 2)))
    if not chosen:
        return
    sent = city.past(60) - timedelta(days=365 if past else 0)
    request_id = city.new_id(EnrollmentRequest)
    open_left = False
    for _position, (pupil_id, full_name, class_label, _grade) in enumerate(chosen):
        taken.add((programme_id, pupil_id))
        roll = rng.random()
        status = (EnrollmentStatus.ENROLLED if roll < 0.85 else EnrollmentStatus.REQUESTED if roll < 0.93
                  else EnrollmentStatus.DECLINED)
        if past and status is not EnrollmentStatus.DECLINED:
            status = EnrollmentStatus.COMPLETED
        open_left |= status is EnrollmentStatus.REQUESTED
        enrollment_id = city.new_id(Enrollment)
        rows[Enrollment].append({
            "id": enrollment_id, "network_id": network_id, "request_id": request_id, "programme_id": programme_id,
            "group_id": group_id if status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED) else None, "home_institution_id": school.id,
            "pupil_id": pupil_id, "pupil_name": full_name, "class_label": class_label, "status": status,
            "decline_reason": "Нет свободных мест в удобное время" if status is EnrollmentStatus.DECLINED else "",
            "decided_at": None if status is EnrollmentStatus.REQUESTED else sent + timedelta(days=2),
            "decided_by_id": None, "waiting_position": None, "version": 1, "created_at": sent})
        rows[Application].append({
            "id": city.new_id(Application), "institution_id": school.id, "pupil_id": pupil_id,
            "programme_id": programme_id, "network_id": network_id, "submitted_on": (sent - timedelta(days=5)).date(),
            "has_consent": True, "source": ApplicationSource.MANUAL, "pupil_full_name": full_name,
            "class_label": class_label, "parent_name": "", "parent_contact": "", "status": ApplicationStatus.SENT,
            "note": "", "enrollment_id": enrollment_id, "client_hash": "", "version": 1, "created_at": sent})
    coordinator = next((p for p in school.staff if p.role is StaffRole.COORDINATOR), None)
    rows[EnrollmentRequest].append({
        "id": request_id, "network_id": network_id, "home_institution_id": school.id, "programme_id": programme_id,
        "sent_at": sent, "status": RequestStatus.SENT if open_left else RequestStatus.ANSWERED,
        "sent_by_id": coordinator.id if coordinator else None, "note": "", "version": 1, "created_at": sent})


WRITTEN = ("pupils", "programmes", "network_groups", "schedule_slots", "enrollment_requests", "enrollments",
           "applications")
