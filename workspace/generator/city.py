"""The city generator: scales, the per-area functions and the fast row writer (see the package doc)."""
from __future__ import annotations

import gc
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import inspect, text

from tenants.entry import enter_command_line
from tenants.models import Institution, InstitutionKind, MemberRole, Membership, Network, Seat, SeatRole
from workspace.accounts.models import StaffRole, User
from workspace.accounts.passwords import set_password
from workspace.audit.models import InstitutionAuditEntry, NetworkAuditEntry
from workspace.core.database import analyse_sqlite
from workspace.core.dates import AcademicYear
from workspace.core.text import search_text
from workspace.desk.models import Note
from workspace.extensions import db
from workspace.generator import bulk
from workspace.generator import monitoring as _monitoring
from workspace.generator import names as N
from workspace.generator import programmes as _programmes
from workspace.generator import projects as _projects
from workspace.generator.bank import build_bank
from workspace.generator.journal import build_journal
from workspace.generator.monitoring import build_monitoring
from workspace.networks.models import InteractionRow, PartnerKind
from workspace.plans.models import (
    ItemStatus,
    Plan,
    PlanItem,
    PlanItemInstitution,
    PlanItemPerson,
    PlanSection,
    PlanStatus,
)
from workspace.plans.periods import encode_periods
from workspace.plans.report_models import EventParticipation, EventReport
from workspace.reading.audience import read_audience
from workspace.reading.timing import read_timing

BENCH_PASSWORD = "bench-password-1"
BENCH_INSTITUTION = "school-001"
BENCH_LOGINS = {
    "coordinator": f"bench.coordinator@{BENCH_INSTITUTION}.example",
    "admin": f"bench.admin@{BENCH_INSTITUTION}.example",
    "operator": "bench.operator@uo.example",
}


class DatabaseNotEmpty(RuntimeError):
    """The generator fills only an empty, migrated database."""


@dataclass(frozen=True)
class Scale:
    name: str
    institutions: int
    networks: int
    members: tuple[int, int]  # members per network, base included; the first network is the largest
    staff: tuple[int, int]  # staff accounts per institution
    notes: int  # internal notes per institution, on average
    audit_entries: int  # history entries in all (institutions and networks)
    externals: int  # people outside the institutions who sit on councils (parents, deputies)
    plan_items: int = 0  # items of the current year's plans, all networks together
    pupils: int = 0  # pupils of all schools together
    groups: int = 0  # network groups of this year's programmes, all networks together
    past_groups: int = 0  # groups of last year's editions (finished, every lesson held and marked)


SCALES = {
    "demo": Scale("demo", institutions=10, networks=2, members=(5, 8), staff=(5, 7), notes=30,
                  audit_entries=2_000, externals=3, plan_items=50, pupils=300, groups=12, past_groups=6),
    "city": Scale("city", institutions=200, networks=20, members=(8, 30), staff=(7, 9), notes=100,
                  audit_entries=100_000, externals=40, plan_items=20_000, pupils=50_000, groups=2_000,
                  past_groups=2_000),
    # ten cities: every total ×10, every per-unit figure (network size, staff, notes per institution) the same
    "region": Scale("region", institutions=2_000, networks=200, members=(8, 30), staff=(7, 9), notes=100,
                    audit_entries=1_000_000, externals=400, plan_items=200_000, pupils=500_000, groups=20_000,
                    past_groups=20_000),
}

# Shares of institution kinds in a city of 200 (every kind present).
KIND_SHARES = {
    InstitutionKind.SCHOOL: 60, InstitutionKind.KINDERGARTEN: 30, InstitutionKind.LIBRARY: 15,
    InstitutionKind.SUPPLEMENTARY: 12, InstitutionKind.CULTURE_HOUSE: 12, InstitutionKind.MUSEUM: 10,
    InstitutionKind.PUBLIC_ORG: 10, InstitutionKind.SPORTS_SCHOOL: 8, InstitutionKind.COLLEGE: 8,
    InstitutionKind.HEALTH: 8, InstitutionKind.OTHER: 8, InstitutionKind.THEATRE: 6,
    InstitutionKind.PUBLIC_SAFETY: 6, InstitutionKind.IT_CENTRE: 4, InstitutionKind.UNIVERSITY: 3,
}
DEMO_KINDS = (
    InstitutionKind.SCHOOL, InstitutionKind.SCHOOL, InstitutionKind.LIBRARY, InstitutionKind.MUSEUM,
    InstitutionKind.THEATRE, InstitutionKind.SUPPLEMENTARY, InstitutionKind.SPORTS_SCHOOL,
    InstitutionKind.IT_CENTRE, InstitutionKind.CULTURE_HOUSE, InstitutionKind.SCHOOL,
)
NETWORK_PARTNER_KINDS = {
    InstitutionKind.SCHOOL, InstitutionKind.SUPPLEMENTARY, InstitutionKind.SPORTS_SCHOOL,
    InstitutionKind.IT_CENTRE, InstitutionKind.KINDERGARTEN, InstitutionKind.COLLEGE, InstitutionKind.UNIVERSITY,
}
BASE_KINDS = {InstitutionKind.SCHOOL, InstitutionKind.LIBRARY, InstitutionKind.SUPPLEMENTARY,
              InstitutionKind.MUSEUM, InstitutionKind.CULTURE_HOUSE, InstitutionKind.IT_CENTRE}


@dataclass
class Person:
    id: int
    full_name: str
    email: str
    role: StaffRole | None
    position: str
    institution_id: int | None


@dataclass
class Place:
    id: int
    slug: str
    kind: InstitutionKind
    short_name: str
    staff: list[Person] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    weight: float = 1.0

    def first(self, role: StaffRole) -> Person:
        return next(p for p in self.staff if p.role == role)

    def managers(self) -> list[Person]:
        return [p for p in self.staff if p.role in (StaffRole.ADMIN, StaffRole.COORDINATOR)]


@dataclass
class Group:
    """A network as the generator remembers it."""
    id: int
    slug: str
    name: str
    base: Place
    members: list[tuple[int, Place, str, str]]  # membership id, institution, interaction forms, effect
    seats: list[tuple[int, Person, SeatRole]] = field(default_factory=list)
    weight: float = 1.0
    # the interaction model's member rows: row id, institution, forms, effect
    model_rows: list[tuple[int, Place, str, str]] = field(default_factory=list)


class City:
    """What the areas share: the random source, the clock, what was made so far, the writer."""

    def __init__(self, scale: Scale, seed: int, progress: Callable[[int], None] | None = None,
                 today: date | None = None) -> None:
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        if today is None:
            self.now = datetime.now(UTC).replace(microsecond=0)
            self.today = self.now.date()
        else:
            self.today = today
            self.now = datetime.combine(today, time(12, 0), tzinfo=UTC)
        self.progress = progress or (lambda _n: None)
        self.password_hash = ""
        self.places: list[Place] = []
        self.networks: list[Group] = []
        self.externals: list[Person] = []
        self.operator: Person | None = None
        self.counts: dict[str, int] = {}
        self._next_id: dict[str, int] = {}
        self._emails: set[str] = set()

    # -- helpers for the areas ------------------------------------------------------------
    def new_id(self, model) -> int:
        name = model.__tablename__
        self._next_id[name] = self._next_id.get(name, 0) + 1
        return self._next_id[name]

    def insert(self, model, rows: list[dict]) -> None:
        """COPY on PostgreSQL, Core executemany in batches elsewhere (``bulk``): no ORM flush, no audit
        listener, explicit ids."""
        table = model.__table__
        bulk.write(db.session, table, rows, self.progress)
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)

    def past(self, days: float) -> datetime:
        """A moment in the last ``days`` days (working hours, Moscow time). The day is counted back from today,
        not from the clock's time of day: two generations with one seed on one day give the same moments (and
        so the same order of the rows sorted by them), whatever the minutes between them."""
        day = self.today - timedelta(days=int(self.rng.random() * days))
        moment = datetime.combine(day, time(self.rng.randint(5, 15), self.rng.randint(0, 59),
                                            self.rng.randint(0, 59)), tzinfo=UTC)
        return moment if moment <= self.now else moment - timedelta(days=1)

    def unique_email(self, local: str, domain: str) -> str:
        email, n = f"{local}@{domain}", 1
        while email in self._emails:
            n += 1
            email = f"{local}{n}@{domain}"
        self._emails.add(email)
        return email

    def person_name(self) -> tuple[str, str, str]:
        """(full name, first name, surname) — three out of four staff of these institutions are women."""
        rng = self.rng
        surname = rng.choice(N.SURNAMES)
        male, female = rng.choice(N.PATRONYMICS)
        if rng.random() < 0.75:
            surname, name, patronymic = N.female_surname(surname), rng.choice(N.FEMALE_NAMES), female
        else:
            name, patronymic = rng.choice(N.MALE_NAMES), male
        return f"{surname} {name} {patronymic}", name, surname

    def user_row(self, person: Person, *, is_operator: bool = False, is_enabled: bool = True) -> dict:
        return {"id": person.id, "email": person.email, "full_name": person.full_name,
                "position": person.position, "search_text": search_text(person.full_name, person.position),
                "password_hash": self.password_hash,
                "institution_id": person.institution_id, "role": person.role, "is_operator": is_operator,
                "is_enabled": is_enabled, "session_generation": 1, "failed_logins": 0, "last_login_at": None,
                "created_at": self.past(730)}


@dataclass(frozen=True)
class Area:
    name: str
    rows: Callable[[Scale], int]  # an estimate, for the progress bar
    build: Callable[[City], None]
    # its biggest tables: loaded on PostgreSQL before their foreign keys and indexes are back (bulk.checks_after)
    bulk_tables: tuple[str, ...] = ()


# -- institutions -----------------------------------------------------------------------------

def _kinds(scale: Scale, rng: random.Random) -> list[InstitutionKind]:
    if scale.institutions < len(KIND_SHARES):
        kinds = [DEMO_KINDS[i % len(DEMO_KINDS)] for i in range(scale.institutions)]
    else:
        total = sum(KIND_SHARES.values())
        kinds = [kind for kind, share in KIND_SHARES.items()
                 for _ in range(max(1, round(share * scale.institutions / total)))]
        while len(kinds) > scale.institutions:
            kinds.remove(InstitutionKind.SCHOOL)
        while len(kinds) < scale.institutions:
            kinds.append(InstitutionKind.SCHOOL)
    rest = kinds[1:]
    rng.shuffle(rest)
    return [InstitutionKind.SCHOOL, *rest]  # school-001 first: the base of the biggest network


def _from_list(options, n: int) -> tuple[str, str]:
    short, full = options[(n - 1) % len(options)]
    round_ = (n - 1) // len(options)
    if round_:
        return f"{short}, филиал №{round_}", f"{full}, филиал №{round_}"
    return short, full


def _school(n: int, number: int, rng: random.Random) -> tuple[str, str]:
    variant = rng.random()
    if variant < 0.7:
        return (f"МБОУ «СОШ №{number}»", "Муниципальное бюджетное общеобразовательное учреждение "
                f"«Средняя общеобразовательная школа №{number}»")
    kind = "Гимназия" if variant < 0.85 else "Лицей"
    return (f"МБОУ «{kind} №{number}»",
            f"Муниципальное бюджетное общеобразовательное учреждение «{kind} №{number}»")


def _kindergarten(n: int, number: int, rng: random.Random) -> tuple[str, str]:
    return (f"МБДОУ «Детский сад №{number}»",
            f"Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад №{number}»")


def _library(n: int, number: int, rng: random.Random) -> tuple[str, str]:
    system = "МБУК «Централизованная библиотечная система»"
    if n == 1:
        return "Центральная городская библиотека", f"{system}, Центральная городская библиотека"
    if n % 2:
        return f"Библиотека-филиал №{n}", f"{system}, библиотека-филиал №{n}"
    return f"Детская библиотека №{n}", f"{system}, детская библиотека №{n}"


def _supplementary(n: int, number: int, rng: random.Random) -> tuple[str, str]:
    if n % 3 == 0:
        return (f"МБУ ДО «ДДТ №{n}»",
                f"Муниципальное бюджетное учреждение дополнительного образования «Дом детского творчества №{n}»")
    return (f"МБУ ДО «ЦДО №{n}»", "Муниципальное бюджетное учреждение дополнительного образования "
            f"«Центр дополнительного образования детей №{n}»")


def _sports_school(n: int, number: int, rng: random.Random) -> tuple[str, str]:
    return (f"МБУ ДО «СШ №{n}»",
            f"Муниципальное бюджетное учреждение дополнительного образования «Спортивная школа №{n}»")


def _it_centre(n: int, number: int, rng: random.Random) -> tuple[str, str]:
    if n % 2:
        return f"IT-куб №{n}", f"Центр цифрового образования детей «IT-куб» №{n}"
    return f"Детский технопарк «Кванториум» №{n}", f"Детский технопарк «Кванториум» №{n}"


def _culture_house(n: int, number: int, rng: random.Random) -> tuple[str, str]:
    name = N.CULTURE_HOUSES[(n - 1) % len(N.CULTURE_HOUSES)]
    suffix = f" №{(n - 1) // len(N.CULTURE_HOUSES) + 1}" if n > len(N.CULTURE_HOUSES) else ""
    return f"ДК «{name}»{suffix}", f"МАУК «Дворец культуры «{name}»»{suffix}"


def _health(n: int, number: int, rng: random.Random) -> tuple[str, str]:
    return f"Детская поликлиника №{n}", f"ГБУЗ «Северогорская детская клиническая поликлиника №{n}»"


def _public_safety(n: int, number: int, rng: random.Random) -> tuple[str, str]:
    if n == 1:
        return "ОГИБДД УМВД", "Отдел Госавтоинспекции Управления МВД России по г. Северогорску"
    if n % 2:
        district = N.DISTRICTS[n % len(N.DISTRICTS)]
        return f"ОДН ОП «{district}»", f"Отделение по делам несовершеннолетних отдела полиции «{district}»"
    return f"ПСЧ №{n}", f"Пожарно-спасательная часть №{n} ГУ МЧС России по Кемеровской области"


def _listed(options):
    return lambda n, _number, _rng: _from_list(options, n)


_K = InstitutionKind
# kind → (names of its n-th institution, its mission)
_NAMES = {
    _K.SCHOOL: (_school, "Школа — центр культурно-образовательной среды микрорайона."),
    _K.KINDERGARTEN: (_kindergarten, "Развитие, присмотр и уход; преемственность с начальной школой."),
    _K.LIBRARY: (_library, "Поддержка детского и семейного чтения."),
    _K.SUPPLEMENTARY: (_supplementary, "Техническое, художественное и естественнонаучное творчество детей."),
    _K.SPORTS_SCHOOL: (_sports_school, "Спортивная подготовка, сдача норм ГТО."),
    _K.MUSEUM: (_listed(N.MUSEUMS), "Музейные уроки, экскурсии и исследовательские проекты школьников."),
    _K.THEATRE: (_listed(N.THEATRES), "Спектакли для детей и семей, театральная педагогика."),
    _K.IT_CENTRE: (_it_centre, "Программирование, робототехника, цифровые профессии."),
    _K.CULTURE_HOUSE: (_culture_house, "Творческие коллективы, праздники, концерты."),
    _K.UNIVERSITY: (_listed(N.UNIVERSITIES), "Научное руководство проектами школьников, профильные смены."),
    _K.COLLEGE: (_listed(N.COLLEGES), "Профессиональные пробы и ранняя профориентация."),
    _K.HEALTH: (_health, "Профилактика и здоровый образ жизни."),
    _K.PUBLIC_SAFETY: (_public_safety, "Безопасность детей: дорога, пожар, вода, интернет."),
    _K.PUBLIC_ORG: (_listed(N.PUBLIC_ORGS), "Наставничество, добровольчество, память."),
}


def _institution_names(kind: InstitutionKind, n: int, number: int, rng: random.Random) -> tuple[str, str, str]:
    """(short name, full name, mission) of the n-th institution of its kind; ``number`` is a plausible №."""
    names, mission = _NAMES.get(kind, (_listed(N.OTHERS), ""))
    short, full = names(n, number, rng)
    return short, full, mission


def build_institutions(city: City) -> None:
    rng, rows = city.rng, []
    per_kind: dict[InstitutionKind, int] = {}
    numbers = {InstitutionKind.SCHOOL: rng.sample(range(1, 121), k=120),
               InstitutionKind.KINDERGARTEN: rng.sample(range(1, 261), k=260)}
    for kind in _kinds(city.scale, rng):
        n = per_kind[kind] = per_kind.get(kind, 0) + 1
        pool = numbers.get(kind)
        number = pool[(n - 1) % len(pool)] + len(pool) * ((n - 1) // len(pool)) if pool else n
        short, full, mission = _institution_names(kind, n, number, rng)
        slug = f"{kind.value.replace('_', '-')}-{n:03d}"
        place = Place(city.new_id(Institution), slug, kind, short, weight=rng.uniform(0.5, 1.5))
        city.places.append(place)
        rows.append({
            "id": place.id, "slug": slug, "kind": kind, "full_name": full, "short_name": short,
            "city": N.CITY, "address": f"г. {N.CITY}, {rng.choice(N.STREETS)}, {rng.randint(1, 120)}",
            "phone": f"+7 (3843) {rng.randint(20, 79)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
            "email": f"info@{slug}.example", "website": f"https://{slug}.example" if rng.random() < 0.7 else "",
            "mission": mission, "search_text": search_text(short, full), "version": 1,
            "created_at": city.past(900),
        })
    city.insert(Institution, rows)


# -- people -----------------------------------------------------------------------------------

POSITIONS = {
    StaffRole.ADMIN: {InstitutionKind.KINDERGARTEN: ("Заведующая",), InstitutionKind.LIBRARY: ("Заведующая библиотекой",),
                      None: ("Директор",)},
    StaffRole.COORDINATOR: {
        InstitutionKind.SCHOOL: ("Заместитель директора по ВР", "Заместитель директора по УВР"),
        InstitutionKind.LIBRARY: ("Заведующая отделом обслуживания", "Главный библиотекарь"),
        InstitutionKind.MUSEUM: ("Заведующая научно-просветительским отделом", "Научный сотрудник"),
        InstitutionKind.THEATRE: ("Заведующий литературной частью", "Руководитель педагогических программ"),
        InstitutionKind.SPORTS_SCHOOL: ("Инструктор-методист",),
        InstitutionKind.KINDERGARTEN: ("Старший воспитатель",),
        None: ("Методист", "Специалист по связям с общественностью", "Координатор проектов"),
    },
    StaffRole.TEACHER: {
        InstitutionKind.SUPPLEMENTARY: ("Педагог дополнительного образования",),
        InstitutionKind.SPORTS_SCHOOL: ("Тренер-преподаватель",),
        InstitutionKind.LIBRARY: ("Библиотекарь", "Ведущий библиотекарь"),
        InstitutionKind.MUSEUM: ("Экскурсовод", "Научный сотрудник"),
        InstitutionKind.THEATRE: ("Актриса", "Актёр", "Педагог театральной студии"),
        InstitutionKind.CULTURE_HOUSE: ("Руководитель кружка", "Хормейстер", "Балетмейстер"),
        InstitutionKind.KINDERGARTEN: ("Воспитатель", "Музыкальный руководитель"),
        InstitutionKind.IT_CENTRE: ("Педагог-программист",),
        InstitutionKind.UNIVERSITY: ("Доцент", "Старший преподаватель"),
        InstitutionKind.COLLEGE: ("Преподаватель", "Мастер производственного обучения"),
        InstitutionKind.HEALTH: ("Врач-педиатр", "Медицинская сестра"),
        InstitutionKind.PUBLIC_SAFETY: ("Инспектор по пропаганде",),
        None: ("Специалист", "Ведущий специалист"),
    },
    StaffRole.STAFF: {None: ("Секретарь", "Делопроизводитель", "Специалист по кадрам", "Бухгалтер")},
}


def _position(role: StaffRole, kind: InstitutionKind, rng: random.Random) -> str:
    if role is StaffRole.TEACHER and kind is InstitutionKind.SCHOOL:
        return f"Учитель {rng.choice(N.SUBJECTS)}"
    table = POSITIONS[role]
    return rng.choice(table.get(kind) or table[None])


def _staff_roles(count: int) -> list[StaffRole]:
    roles = [StaffRole.ADMIN, StaffRole.COORDINATOR, StaffRole.STAFF] + [StaffRole.TEACHER] * max(1, count - 3)
    if count >= 8:
        roles[3] = StaffRole.COORDINATOR
    return roles


def build_people(city: City) -> None:
    rng, rows = city.rng, []
    for place in city.places:
        domain = f"{place.slug}.example"
        for role in _staff_roles(rng.randint(*city.scale.staff)):
            full_name, name, surname = city.person_name()
            email = city.unique_email(f"{N.translit(name)[0]}.{N.translit(surname)}", domain)
            person = Person(city.new_id(User), full_name, email, role, _position(role, place.kind, rng), place.id)
            place.staff.append(person)
            # Now and then a teacher has left: a disabled account stays in the list.
            rows.append(city.user_row(person, is_enabled=not (role is StaffRole.TEACHER and rng.random() < 0.04)))
        if place.slug == BENCH_INSTITUTION:
            for key, role, position in (("admin", StaffRole.ADMIN, "Заместитель директора"),
                                        ("coordinator", StaffRole.COORDINATOR, "Советник директора по воспитанию")):
                full_name, _name, _surname = city.person_name()
                email = BENCH_LOGINS[key]
                city._emails.add(email)
                person = Person(city.new_id(User), full_name, email, role, position, place.id)
                place.staff.append(person)
                rows.append(city.user_row(person))
    for _ in range(city.scale.externals):
        full_name, name, surname = city.person_name()
        email = city.unique_email(f"{N.translit(name)}.{N.translit(surname)}", "mail.example")
        person = Person(city.new_id(User), full_name, email, None, rng.choice(N.EXTERNAL_POSITIONS), None)
        city.externals.append(person)
        rows.append(city.user_row(person))
    full_name, _name, _surname = city.person_name()
    city._emails.add(BENCH_LOGINS["operator"])
    city.operator = Person(city.new_id(User), full_name, BENCH_LOGINS["operator"], None,
                           "Главный специалист управления образования", None)
    rows.append(city.user_row(city.operator, is_operator=True))
    city.insert(User, rows)


# -- networks ---------------------------------------------------------------------------------

def build_networks(city: City) -> None:
    rng, scale = city.rng, city.scale
    network_rows, member_rows, model_rows = [], [], []
    year_start = city.today.year if city.today.month >= 9 else city.today.year - 1
    candidates = [p for p in city.places[1:] if p.kind in BASE_KINDS]
    bases = [city.places[0]] + rng.sample(candidates, k=min(len(candidates), scale.networks - 1))
    while len(bases) < scale.networks:
        bases.append(rng.choice(candidates))
    for index in range(scale.networks):
        slug_part, theme, goal, tasks = N.NETWORK_THEMES[index % len(N.NETWORK_THEMES)]
        base = bases[index]
        name = f"{theme}: {base.short_name}" if index == 0 else theme
        if index >= len(N.NETWORK_THEMES):
            name = f"{theme} ({N.DISTRICTS[index % len(N.DISTRICTS)]} район)"
            if index >= 3 * len(N.NETWORK_THEMES):  # a region: the names above repeat after 60 networks
                name = f"{theme} ({N.DISTRICTS[index % len(N.DISTRICTS)]} район, {index // len(N.NETWORK_THEMES)})"
        size = scale.members[1] if index == 0 else rng.randint(scale.members[0], scale.members[1] - 1)
        others = [p for p in city.places if p is not base]
        partners = rng.sample(others, k=min(len(others), size - 1))
        starts = date(year_start - rng.randint(0, 2), 9, 1)
        group = Group(city.new_id(Network), f"{slug_part}-{index + 1:02d}", name, base, [],
                      weight=rng.uniform(0.5, 1.5))
        network_rows.append({
            "id": group.id, "slug": group.slug, "name": name, "goal": goal,
            "tasks": "\n".join(f"{n}. {task}." for n, task in enumerate(tasks, 1)),
            "starts_on": starts, "ends_on": date(starts.year + 3, 8, 31), "base_institution_id": base.id,
            "version": 1, "created_at": city.past(400),
        })
        for place in [base, *partners]:
            if place is base:
                role, forms, effect = MemberRole.BASE, "", ""
            else:
                role = (MemberRole.NETWORK_PARTNER if place.kind in NETWORK_PARTNER_KINDS
                        else MemberRole.SOCIAL_PARTNER)
                options = N.INTERACTION_FORMS[place.kind.value]
                forms = "\n".join(rng.sample(options, k=min(2, len(options))))
                effect = rng.choice(N.SOCIAL_EFFECTS)
                row_id = city.new_id(InteractionRow)
                group.model_rows.append((row_id, place, forms, effect))
                model_rows.append({"id": row_id, "network_id": group.id, "position": len(group.model_rows),
                                   "kind": PartnerKind.MEMBER, "institution_id": place.id, "partner_name": "",
                                   "contact": "", "forms": forms, "social_effect": effect, "version": 1,
                                   "created_at": city.past(400)})
            membership_id = city.new_id(Membership)
            group.members.append((membership_id, place, forms, effect))
            member_rows.append({"id": membership_id, "network_id": group.id, "institution_id": place.id,
                                "role": role, "version": 1, "created_at": city.past(400)})
        city.networks.append(group)
    city.insert(Network, network_rows)
    city.insert(Membership, member_rows)
    city.insert(InteractionRow, model_rows)


def build_councils(city: City) -> None:
    rng, rows = city.rng, []
    for index, group in enumerate(city.networks):
        base = group.base
        if index == 0:
            chair = next(p for p in base.staff if p.email == BENCH_LOGINS["admin"])
            secretary = next(p for p in base.staff if p.email == BENCH_LOGINS["coordinator"])
        else:
            chair, secretary = base.first(StaffRole.ADMIN), base.first(StaffRole.COORDINATOR)
        seats = [(chair, SeatRole.CHAIR, base.short_name), (secretary, SeatRole.SECRETARY, base.short_name)]
        partners = [place for _id, place, _f, _e in group.members if place is not base]
        for place in rng.sample(partners, k=min(len(partners), rng.randint(3, 8))):
            seats.append((place.first(StaffRole.COORDINATOR), SeatRole.MEMBER, place.short_name))
        for person in rng.sample(city.externals, k=min(len(city.externals), rng.randint(1, 3))):
            seats.append((person, SeatRole.MEMBER, person.position))
        for person, role, represents in seats:
            seat_id = city.new_id(Seat)
            group.seats.append((seat_id, person, role))
            rows.append({"id": seat_id, "network_id": group.id, "user_id": person.id, "role": role,
                         "represents": represents, "created_at": city.past(400)})
    city.insert(Seat, rows)


# -- the desk ---------------------------------------------------------------------------------

def _note_body(city: City, place: Place) -> str:
    rng = city.rng
    partner = rng.choice(city.places)
    if partner is place:
        partner = city.places[(city.places.index(place) + 1) % len(city.places)]
    day = city.now + timedelta(days=rng.randint(-30, 60))
    acc, gen, prep = rng.choice(N.EVENTS)
    return rng.choice(N.NOTE_TEMPLATES).format(
        acc=acc, gen=gen, prep=prep, day=day.strftime("%d.%m"), month=rng.choice(N.MONTHS),
        partner=partner.short_name)


def build_notes(city: City) -> None:
    rng, pending = city.rng, []
    average = city.scale.notes
    for place in city.places:
        authors = place.managers()
        for _ in range(rng.randint(int(average * 0.8), int(average * 1.2))):
            pending.append((city.past(365), place, rng.choice(authors), _note_body(city, place)))
    pending.sort(key=lambda item: item[0])  # ids grow with time, as they would
    rows = []
    for created_at, place, author, body in pending:
        note_id = city.new_id(Note)
        place.notes.append((note_id, body))
        rows.append({"id": note_id, "institution_id": place.id, "author_id": author.id, "body": body,
                     "created_at": created_at})
    city.insert(Note, rows)


# -- the plan ---------------------------------------------------------------------------------

MONTHS_GENITIVE = ("сентября", "октября", "ноября", "декабря", "января", "февраля", "марта", "апреля", "мая")
MONTH_NUMBERS = (9, 10, 11, 12, 1, 2, 3, 4, 5)


def _timing_text(rng: random.Random) -> str:
    """A timing phrase of the kinds real plans hold: a month, a range, days, a date, the whole year..."""
    roll = rng.random()
    month = rng.randrange(len(N.MONTHS))
    if roll < 0.30:
        return rng.choice((N.MONTHS[month], N.MONTHS[month].capitalize(), f"в {N.MONTHS[month][:-1]}е"
                           if N.MONTHS[month].endswith("ь") else N.MONTHS[month]))
    if roll < 0.45:
        last = rng.randrange(month, min(len(N.MONTHS), month + 3))
        if last == month:
            return N.MONTHS[month]
        return f"{N.MONTHS[month]} {rng.choice(('–', '-', '—'))} {N.MONTHS[last]}"
    number = MONTH_NUMBERS[month]
    if roll < 0.60:
        first = rng.randint(1, 25)
        return f"{first}-{first + rng.randint(1, 3)}.{number:02d}."
    if roll < 0.72:
        return f"{rng.randint(1, 28):02d}.{number:02d}"
    if roll < 0.78:
        return f"{rng.randint(1, 28)} {MONTHS_GENITIVE[month]}"
    if roll < 0.84:
        return f"в {rng.choice(('начале', 'середине', 'конце'))} {MONTHS_GENITIVE[month]}"
    return rng.choice(N.PLAN_TIMINGS_FREE)


def _initials(person: Person) -> str:
    surname, name, patronymic = (person.full_name.split() + ["", ""])[:3]
    return f"{surname} {name[:1]}. {patronymic[:1]}.".strip()


def build_plans(city: City) -> None:
    """One plan of the current academic year per network (a draft, as plans are most of the year):
    a section per member institution, ~``plan_items / networks`` items; items already over are
    mostly held, with a report (and now and then participants counted by institution and class). Most items
    link the colleagues named responsible, some a partner institution too, as coordinators do in the plan (drawn
    from a random source of their own: the rest of the city stays as it was generated before links came)."""
    rng, scale = city.rng, city.scale
    if not scale.plan_items or not city.networks:
        return
    link_rng = random.Random(f"plan links {city.seed}")  # the seed's, apart from ``rng``
    year = AcademicYear.containing(city.today)
    timings: dict[str, object] = {}
    audiences: dict[str, object] = {}
    plan_rows, section_rows, item_rows, report_rows, participation_rows = [], [], [], [], []
    institution_links, person_links = [], []
    per_network = scale.plan_items // len(city.networks)
    extra = scale.plan_items - per_network * len(city.networks)
    for index, group in enumerate(city.networks):
        plan_id = city.new_id(Plan)
        created = datetime.combine(year.starts_on, time(9, 0), tzinfo=UTC) - timedelta(days=rng.randint(5, 20))
        created = min(created, city.now)
        plan_title = f"План работы сети «{group.name}» на {year.start_year}/{year.start_year + 1} учебный год"
        plan_rows.append({"id": plan_id, "network_id": group.id, "start_year": year.start_year, "title": plan_title,
                          "status": PlanStatus.DRAFT, "search_text": search_text(plan_title), "version": 1,
                          "created_at": created})
        sections = []
        for position, (_membership_id, place, _forms, _effect) in enumerate(group.members, 1):
            section_id = city.new_id(PlanSection)
            sections.append((section_id, position, place))
            section_rows.append({"id": section_id, "network_id": group.id, "plan_id": plan_id,
                                 "title": f"{position}. {place.short_name}", "partner_institution_id": place.id,
                                 "position": position, "status": PlanStatus.DRAFT, "version": 1,
                                 "created_at": created})
        count = per_network + (extra if index == 0 else 0)
        # The base institution writes the largest share of the plan; the partners the rest.
        weights = [3.0 if place is group.base else rng.uniform(0.5, 1.5) for _s, _p, place in sections]
        chosen = rng.choices(range(len(sections)), weights=weights, k=count)
        in_section = [0] * len(sections)
        for section_index in sorted(chosen):
            section_id, section_position, place = sections[section_index]
            in_section[section_index] += 1
            item_id = city.new_id(PlanItem)
            event = rng.choice(N.PLAN_EVENTS)
            title = (f"{event} «{rng.choice(N.PLAN_EVENT_NAMES)}»" if rng.random() < 0.7 else event)
            timing_text = _timing_text(rng)
            timing = timings.get(timing_text)
            if timing is None:
                timing = timings[timing_text] = read_timing(timing_text, year)
            audience_text = rng.choice(N.PLAN_AUDIENCES)
            audience = audiences.get(audience_text)
            if audience is None:
                audience = audiences[audience_text] = read_audience(audience_text)
            people = rng.sample(place.staff, k=min(len(place.staff), rng.randint(1, 2)))
            responsible = ", ".join(f"{_initials(p)}, {p.position.lower()}" for p in people)
            status = ItemStatus.PLANNED
            if timing.ends_on is not None and timing.ends_on < city.today and timing.kind != "whole_year":
                roll = rng.random()
                status = (ItemStatus.HELD if roll < 0.8 else ItemStatus.CANCELLED if roll < 0.88
                          else ItemStatus.MOVED if roll < 0.93 else ItemStatus.PLANNED)
            item_rows.append({
                "id": item_id, "network_id": group.id, "plan_id": plan_id, "section_id": section_id,
                "position": in_section[section_index], "number": f"{section_position}.{in_section[section_index]}",
                "title": title, "audience": audience_text, "grade_from": audience.grade_from,
                "grade_to": audience.grade_to, "timing": timing_text, "starts_on": timing.starts_on,
                "ends_on": timing.ends_on, "periods": encode_periods(timing.dates), "timing_is_read": timing.is_read,
                "responsible": responsible, "search_text": search_text(title, responsible),
                "report_form": rng.choice(N.PLAN_REPORT_FORMS), "status": status, "version": 1,
                "created_at": created + timedelta(minutes=rng.randint(0, 60 * 24 * 10)),
            })
            if link_rng.random() < 0.6:
                person_links += [{"id": city.new_id(PlanItemPerson), "network_id": group.id, "item_id": item_id,
                                  "user_id": person.id} for person in people]
            if link_rng.random() < 0.3:
                partner = group.members[link_rng.randrange(len(group.members))][1]
                institution_links.append({"id": city.new_id(PlanItemInstitution), "network_id": group.id,
                                          "item_id": item_id, "institution_id": partner.id})
            if status is not ItemStatus.HELD:
                continue
            report_id = city.new_id(EventReport)
            held_to = min(timing.ends_on, city.today)
            report_rows.append({
                "id": report_id, "network_id": group.id, "item_id": item_id, "held_from": timing.starts_on,
                "held_to": held_to, "summary": rng.choice(N.PLAN_SUMMARIES),
                "author_id": place.first(StaffRole.COORDINATOR).id, "version": 1,
                "created_at": min(city.now, datetime.combine(held_to, time(15, 0), tzinfo=UTC)
                                  + timedelta(days=rng.randint(0, 5))),
            })
            if rng.random() < 0.1:  # participants counted now and then: by institution, by class
                partners = rng.sample(group.members, k=min(len(group.members), rng.randint(1, 3)))
                for _m, partner, _f, _e in partners:
                    grade = (rng.randint(audience.grade_from, audience.grade_to)
                             if audience.grade_from and partner.kind is InstitutionKind.SCHOOL else None)
                    participation_rows.append({"id": city.new_id(EventParticipation), "network_id": group.id,
                                               "report_id": report_id, "institution_id": partner.id,
                                               "grade_from": grade, "grade_to": grade,
                                               "count": rng.randint(5, 60)})
    city.insert(Plan, plan_rows)
    city.insert(PlanSection, section_rows)
    city.insert(PlanItem, item_rows)
    city.insert(PlanItemPerson, person_links)
    city.insert(PlanItemInstitution, institution_links)
    city.insert(EventReport, report_rows)
    city.insert(EventParticipation, participation_rows)


# -- future areas add their function here (pupils, groups and lessons, journal, ...) ---------


# -- history ----------------------------------------------------------------------------------

def _institution_entry(city: City, place: Place) -> dict:
    rng = city.rng
    actor = rng.choice(place.managers()) if rng.random() < 0.95 else city.operator
    roll = rng.random()
    if roll < 0.55 and place.notes:
        note_id, body = rng.choice(place.notes)
        action = "created" if rng.random() < 0.8 else "deleted"
        return {"actor": actor, "action": action, "object_type": "Note", "object_id": note_id,
                "object_label": body[:60],
                "changes": {"body": [None, body], "author_id": [None, actor.id]} if action == "created"
                else {"body": [body, None]}}
    if roll < 0.8:
        person = rng.choice(place.staff)
        change = rng.choice((
            {"position": [person.position, _position(person.role, place.kind, rng)]},
            {"role": ["teacher", "coordinator"]},
            {"is_enabled": [True, False]},
            {"password": [None, "***"]},
        ))
        return {"actor": actor, "action": "changed", "object_type": "User", "object_id": person.id,
                "object_label": person.full_name, "changes": change}
    change = rng.choice((
        {"phone": [f"+7 (3843) {rng.randint(20, 79)}-00-00", f"+7 (3843) {rng.randint(20, 79)}-11-11"]},
        {"website": ["", f"https://{place.slug}.example"]},
        {"address": [f"г. {N.CITY}, {rng.choice(N.STREETS)}, {rng.randint(1, 120)}",
                     f"г. {N.CITY}, {rng.choice(N.STREETS)}, {rng.randint(1, 120)}"]},
        {"mission": ["", "Школа — центр культурно-образовательной среды микрорайона."]},
    ))
    return {"actor": actor, "action": "changed", "object_type": "Institution", "object_id": place.id,
            "object_label": place.short_name, "changes": change}


def _network_entry(city: City, group: Group) -> dict:
    rng = city.rng
    _membership_id, place, _forms, _effect = rng.choice(group.members)
    roll = rng.random()
    if roll < 0.6 and group.model_rows:
        row_id, place, forms, effect = rng.choice(group.model_rows)
        actor = rng.choice(place.managers())
        key, old = rng.choice((("forms", forms), ("social_effect", effect)))
        new = rng.choice(N.SOCIAL_EFFECTS) if key == "social_effect" else \
            rng.choice(N.INTERACTION_FORMS[place.kind.value])
        return {"actor": actor, "action": "changed", "object_type": "InteractionRow", "object_id": row_id,
                "object_label": place.short_name, "changes": {key: [old, new]}}
    if roll < 0.85 and group.seats:
        seat_id, person, role = rng.choice(group.seats)
        action = rng.choice(("created", "created", "changed", "deleted"))
        changes = ({"role": [None, role.value], "user_id": [None, person.id]} if action == "created"
                   else {"represents": ["", place.short_name]} if action == "changed"
                   else {"role": [role.value, None]})
        return {"actor": group.base.first(StaffRole.COORDINATOR), "action": action, "object_type": "Seat",
                "object_id": seat_id, "object_label": person.full_name, "changes": changes}
    key = rng.choice(("goal", "tasks", "ends_on"))
    return {"actor": group.base.first(StaffRole.COORDINATOR), "action": "changed", "object_type": "Network",
            "object_id": group.id, "object_label": group.name,
            "changes": {key: ["(прежняя редакция)", "(новая редакция)"]}}


def build_audit_history(city: City) -> None:
    """Entries spread over every owner (busy ones more), in time order, 60 % institutions."""
    rng = city.rng
    total = city.scale.audit_entries
    by_institution = int(total * 0.6)
    base_ids = {group.base.id for group in city.networks}
    place_weights = [p.weight * (2.0 if p.id in base_ids else 1.0) for p in city.places]
    owners = [("i", place) for place in rng.choices(city.places, weights=place_weights, k=by_institution)]
    owners += [("n", group) for group in rng.choices(city.networks, weights=[g.weight for g in city.networks],
                                                     k=total - by_institution)]
    stamped = sorted(((city.past(365), kind, owner) for kind, owner in owners), key=lambda item: item[0])
    institution_rows, network_rows = [], []
    for at, kind, owner in stamped:
        if kind == "i":
            entry = _institution_entry(city, owner)
            model, rows, owner_column = InstitutionAuditEntry, institution_rows, "institution_id"
        else:
            entry = _network_entry(city, owner)
            model, rows, owner_column = NetworkAuditEntry, network_rows, "network_id"
        actor = entry.pop("actor")
        rows.append({"id": city.new_id(model), "created_at": at, "actor_id": actor.id,
                     "actor_name": actor.full_name, owner_column: owner.id, **entry})
    city.insert(InstitutionAuditEntry, institution_rows)
    city.insert(NetworkAuditEntry, network_rows)


from workspace.generator import agreements as _agreements  # noqa: E402


def _build_journal(city: City) -> None:
    build_journal(city)


def _build_monitoring(city: City) -> None:
    build_monitoring(city)


AREAS: list[Area] = [
    Area("institutions", lambda s: s.institutions, build_institutions),
    Area("people", lambda s: s.institutions * (sum(s.staff) // 2) + s.externals + 3, build_people),
    Area("networks", lambda s: s.networks * (1 + sum(s.members) // 2), build_networks),
    Area("councils", lambda s: s.networks * 8, build_councils),
    Area("notes", lambda s: s.institutions * s.notes, build_notes, ("notes",)),
    Area("plans", lambda s: int(s.plan_items * 2.3) + s.networks * 20, build_plans),
    Area("pupils", lambda s: s.pupils, _programmes.build_pupils, ("pupils",)),
    Area("programmes", lambda s: (s.groups + s.past_groups) * 30, _programmes.build_programmes,
         ("applications", "enrollments")),
    # ~12 pupils × the lessons held: ~68 a year at two a week, ~20 of this year's by late autumn
    Area("journal", lambda s: s.groups * 12 * 20 + s.past_groups * 12 * 68, _build_journal, ("marks", "lessons")),
    Area("bank", lambda s: s.networks * 100, build_bank),
    Area("monitoring", lambda s: s.networks * (_monitoring.responses_per_network(s) * 5 + 20), _build_monitoring),
    Area("agreements", _agreements.rows_estimate, _agreements.build_agreements),
    Area("projects", _projects.rows, _projects.build_projects),
    Area("audit_history", lambda s: s.audit_entries, build_audit_history,
         ("institution_audit_entries", "network_audit_entries")),
]

WRITTEN_TABLES = ("institutions", "users", "networks", "memberships", "seats", "notes", "plans",
                  "plan_sections", "plan_items", "plan_item_people", "plan_item_institutions",
                  "event_reports", "event_participations",
                  "institution_audit_entries", "network_audit_entries",
                  "agreements", "agreement_parties", "agreement_obligations",
                  *_projects.TABLES, *_programmes.WRITTEN, "lessons", "marks",
                  "materials", "material_tags", "resource_requests",
                  "monitoring_indicators", "monitoring_values", "surveys", "survey_questions", "survey_responses",
                  "survey_answers")


def estimate_rows(scale: Scale) -> int:
    return sum(area.rows(scale) for area in AREAS)


def check_empty() -> None:
    """Refuse an unmigrated or non-empty database, saying what to do instead."""
    inspector = inspect(db.session.connection())
    if not inspector.has_table("alembic_version") or not inspector.has_table("institutions"):
        raise DatabaseNotEmpty("The database is not migrated: run `flask --app wsgi db upgrade` first.")
    with enter_command_line():  # PostgreSQL: an owner under forced RLS sees all
        counts = {table: db.session.scalar(text(f'SELECT COUNT(*) FROM "{table}"'))
                  for table in ("institutions", "users", "networks", "notes")}
    if any(counts.values()):
        held = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
        raise DatabaseNotEmpty(
            f"The database is not empty ({held}): the generator only fills an empty, migrated database "
            "and never touches existing data. Point WORKSPACE_INSTANCE or DATABASE_URL at a new database, "
            "run `flask --app wsgi db upgrade`, then generate.")


def generate(scale: Scale | str, seed: int = 1, progress: Callable[[int], None] | None = None,
             today: date | None = None) -> City:
    """Fill the (empty, migrated) database of the current app; commit; return what was made."""
    if isinstance(scale, str):
        scale = SCALES[scale]
    check_empty()
    city = City(scale, seed, progress, today)
    holder = User()
    set_password(holder, BENCH_PASSWORD)  # hashed once (argon2 is slow on purpose), shared by every account
    city.password_hash = holder.password_hash
    dialect = db.session.get_bind().dialect.name
    gc.disable()  # millions of rows held in lists: the cyclic collector would walk them again and again
    try:
        with enter_command_line():  # Core inserts bypass the ORM hooks: the RLS context is set once, here
            for area in AREAS:
                with bulk.checks_after(db.session, area.bulk_tables):
                    area.build(city)
            if dialect == "postgresql":  # explicit ids: move the sequences past them
                for table in WRITTEN_TABLES:
                    db.session.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM \"{table}\"), false)"))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        gc.enable()
    if dialect == "postgresql":
        # What autovacuum does soon after a bulk load: statistics for the planner and the visibility
        # map (without it every count(*) visits the heap row by row instead of an index-only scan).
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in WRITTEN_TABLES:
                connection.execute(text(f'VACUUM (ANALYZE) "{table}"'))
    else:  # SQLite: the planner's statistics of every table at once (then PRAGMA optimize and the worker keep them)
        analyse_sqlite(db.engine)
    return city


def summary() -> dict[str, int]:
    with enter_command_line():
        return {table: db.session.scalar(text(f'SELECT COUNT(*) FROM "{table}"')) for table in WRITTEN_TABLES}
