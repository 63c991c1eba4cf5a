"""The canary world of the content walk: build_world (tests/tenancy/world.py) plus private data of network A in
which every datum carries a unique marker, and the table of who may read which marker (DESIGN.md, «Who sees what»).

Added to network A:

    school A2        a second school of network A (its admin, coordinator and teacher)
    shared group     partner A (a library) runs «Общая программа»; its one group holds pupils of school A and of
                     school A2, taught by a teacher of partner A
    pupils           school A: enrolled (in the shared group), declined (with a reason), registry only;
                     school A2: enrolled (in the shared group)
    notes            an internal note of school A, school A2, partner A and the bridge
    applications     the schools' notes on parents' applications; a parent's application through the public form
    drafts           an unpublished draft agreement of school A and partner A, a draft plan section, a free-text
                     survey answer, an unpublished programme of partner A
    council          the bridge's coordinator holds a seat (a museum on the council that runs no programme)

The enrollment flow runs through HTTP as production runs it (the school sends its request, the provider accepts,
places and declines, the teacher marks, the provider issues a certificate), so that the audit entries and the
reads are written by the app itself.

A marker is «Кнр» + three digits + a word: a fixed width, so one marker is never a substring of another.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from sqlalchemy import select

from tests.tenancy.world import build_world

PREFIX = "Кнр"
MANAGER_ROLES = ("admin", "coordinator")
MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")


@dataclass(frozen=True)
class Marker:
    text: str
    kind: str          # what it is, for the failure message
    rule: str          # the row of the table (RULES below) that decides who may read it
    owner: str = ""    # the institution key whose datum it is
    extra: tuple = ()  # what the rule needs besides the owner (the provider, the user id, …)
    expected: bool = True  # each actor allowed to read it must find it somewhere (the reverse check)


@dataclass(frozen=True)
class Actor:
    key: str
    user: object = None           # None: anonymous
    institution: str | None = None  # key of the home institution: a, a2, partner, bridge, b, …
    role: str | None = None
    seat: bool = False            # holds a seat of network A's council
    operator: bool = False
    group_teacher: bool = False   # teaches the shared group
    network: str = "a"            # the network the actor walks


@dataclass
class Canaries:
    world: object
    institutions: dict = field(default_factory=dict)  # key -> Institution
    actors: dict = field(default_factory=dict)        # key -> Actor
    markers: list = field(default_factory=list)
    pupils: dict = field(default_factory=dict)        # key -> Pupil
    applications: dict = field(default_factory=dict)  # key -> Application id
    enrollments: dict = field(default_factory=dict)   # pupil key -> Enrollment id
    requests: dict = field(default_factory=dict)      # school key -> EnrollmentRequest id
    certificates: dict = field(default_factory=dict)  # pupil key -> Certificate id
    notes: dict = field(default_factory=dict)         # institution key -> Note id
    achievements: list = field(default_factory=list)  # ids of the pupils' achievements (the provider's, the school's)
    diagnostic_entries: list = field(default_factory=list)  # ids of school A's diagnostic rows (a class, pa1)
    programme: object = None
    group: object = None
    lesson: object = None
    attestation: object = None                        # the programme's final attestation (results of pa1, pb1)
    network_institutions: frozenset = frozenset()     # members of network A
    analysis_id: int = 0                              # network A's analysis of 2025/2026 with its markers
    stage_analysis_id: int = 0                        # network A's analysis of a passport's stage with its markers


_numbers = itertools.count(1)


def _token(word: str) -> str:
    return f"{PREFIX}{next(_numbers):03d}{word}"


# ── the table: who may read which marker (DESIGN.md, «Who sees what») ───────────────────────────────────────────
#
# pupil_name      surname, name, patronymic (the copies an enrollment and a certificate carry are the same words)
#                 → every user of the home school (the registry is open to all its roles: teachers need their
#                 classes' lists, see workspace/pupils/views.py); the provider's admin and coordinator for pupils
#                 requested to its programmes; the teacher of a group for the pupils of that group. In a shared
#                 group each home school reads only its own pupils' rows. The council only aggregates: no names.
# pupil_private   birth date (every format the product renders) and the parent's name, phone and e-mail
#                 → the home school only: the provider sees name and class, never contacts or birth date.
# decline_reason  → the home school; the provider's admin and coordinator who decided (stricter reading: not the
#                 provider's teachers, who keep the journal of groups, not the inbox of requests).
# certificate     a certificate's result → the home school; the provider's managers (who issue and register it).
# request_note    the school's note on its request → the home school; the provider's managers (its inbox).
# application     a parent's application (the school's note on it; from the public form the child's name, the
#                 parent's name and contact as typed) → the home school only (the school's private data).
# unpublished     an unpublished programme (its title and description) → the provider's users only (a programme
#                 is seen by the network once published: programmes.queries.visible_programmes).
# note            an institution's internal note → that institution's users only.
# staff_email     a user's e-mail → that user, the users of the user's institution (the staff list is the
#                 institution's own); the operator reads the e-mails of the admins it appoints.
# agreement       an unpublished draft agreement (title, subject) → its parties' users and network A's council
#                 seats (DESIGN: «its parties and the council; others … only if published»).
# achievement     a pupil's achievement (its title, its scan's name) → the pupils' home schools (every role: the
#                 registry is theirs) and the managers of the institution that recorded it (a provider records
#                 for its group: the group's teacher, the council and every other member read nothing).
# flag            the school's flag on its pupil («одарённый», «ОВЗ») and its note; the school's diagnostic rows
#                 (a class's label, a pupil's note) → the home school only (the network reads totals, no names).
# network         a draft plan section, a free-text survey answer → users of network A's member institutions and
#                 its council seats (network objects; the survey's answers are anonymous and read by the
#                 network's monitoring). Nobody outside network A.

def _pupil_name(actor: Actor, marker: Marker) -> bool:
    home, provider, in_group = marker.extra
    if actor.institution == home:
        return True
    if provider and actor.institution == provider and actor.role in MANAGER_ROLES:
        return True
    return in_group and actor.group_teacher


def _home(actor: Actor, marker: Marker) -> bool:
    return actor.institution == marker.owner


def _decline_reason(actor: Actor, marker: Marker) -> bool:
    (provider,) = marker.extra
    return _home(actor, marker) or (actor.institution == provider and actor.role in MANAGER_ROLES)


def _certificate(actor: Actor, marker: Marker) -> bool:
    """The provider's managers issue certificates and keep their register; the group's teacher keeps the journal
    (marks and attendance), not the register of documents issued."""
    (provider,) = marker.extra
    return _home(actor, marker) or (actor.institution == provider and actor.role in MANAGER_ROLES)


def _provider_note(actor: Actor, marker: Marker) -> bool:
    """A school's note to the provider on its request: the home school and the provider's managers."""
    (provider,) = marker.extra
    return _home(actor, marker) or (actor.institution == provider and actor.role in MANAGER_ROLES)


def _achievement(actor: Actor, marker: Marker) -> bool:
    homes, recorder = marker.extra
    return actor.institution in homes or (actor.institution == recorder and actor.role in MANAGER_ROLES)


def _staff_email(actor: Actor, marker: Marker) -> bool:
    user_id, is_admin = marker.extra
    if actor.user is not None and actor.user.id == user_id:
        return True
    if marker.owner and actor.institution == marker.owner:
        return True
    return actor.operator and is_admin


def _agreement(actor: Actor, marker: Marker) -> bool:
    (parties,) = marker.extra
    return actor.institution in parties or actor.seat


def _network(actor: Actor, marker: Marker) -> bool:
    (members,) = marker.extra
    return actor.institution in members or actor.seat


RULES = {
    "pupil_name": _pupil_name,
    "pupil_private": _home,
    "decline_reason": _decline_reason,
    "request_note": _provider_note,
    "certificate": _certificate,
    "application": _home,
    "note": _home,
    "unpublished": _home,
    "staff_email": _staff_email,
    "agreement": _agreement,
    "network": _network,
    "achievement": _achievement,
    "flag": _home,
}


def may_read(actor: Actor, marker: Marker) -> bool:
    return RULES[marker.rule](actor, marker)


# ── the world ─────────────────────────────────────────────────────────────────────────────────────────────────────

def _pupil_markers(canaries: Canaries, key: str, home: str, provider: str | None, in_group: bool,
                   birth_on: date) -> dict:
    words = {"surname": _token("Фамилия"), "name": _token("Имя"), "patronymic": _token("Отчество"),
             "parent_name": _token("Родитель"), "parent_phone": f"+7 955 {next(_numbers):03d}-47-19",
             "parent_email": f"knr{next(_numbers):03d}@roditel.test"}
    for part in ("surname", "name", "patronymic"):
        canaries.markers.append(Marker(words[part], f"pupil's {part} ({key})", "pupil_name", home,
                                       (home, provider, in_group)))
    for part in ("parent_name", "parent_phone", "parent_email"):
        canaries.markers.append(Marker(words[part], f"pupil's {part} ({key})", "pupil_private", home))
    # Every format a date is rendered in: 17.03.2014 (ru_date), 2014-03-17 (the history's ISO values),
    # «17 марта 2014» (long_date). Only the numeric form is expected to be found.
    for text, expected in ((birth_on.strftime("%d.%m.%Y"), True), (birth_on.isoformat(), False),
                           (f"{birth_on.day} {MONTHS_GENITIVE[birth_on.month - 1]} {birth_on.year}", False)):
        canaries.markers.append(Marker(text, f"pupil's birth date ({key})", "pupil_private", home,
                                       expected=expected))
    return words


def _staff(canaries: Canaries, key: str, user, institution: str | None, is_admin: bool = False) -> None:
    canaries.markers.append(Marker(user.email, f"e-mail of {key}", "staff_email", institution or "",
                                   (user.id, is_admin)))


def build_canary_world(make, app) -> Canaries:
    """build_world, plus the canaries (the private data and the people of the content walk). The HTTP flows
    need ``app`` (a client of their own) and switch CSRF off on it."""
    from tests.conftest import login
    from workspace.extensions import db
    from workspace.programmes.models import Enrollment, EnrollmentRequest

    world = build_world(make)
    a = world.a
    canaries = Canaries(world=world)
    school_a2 = make.institution("Школа Два-А", slug="school-a2")
    make.member(a.network, school_a2, "network_partner")
    canaries.institutions = {"a": a.school, "a2": school_a2, "partner": a.partner, "bridge": world.bridge,
                             "b": world.b.school, "bpartner": world.b.partner}
    members = frozenset({"a", "a2", "partner", "bridge"})
    canaries.network_institutions = members
    a2_users = {role: make.user(school_a2, role, full_name=f"{role} Два-А", email=f"{role}@school-a2.test")
                for role in ("admin", "coordinator", "teacher")}
    provider_teacher = make.user(a.partner, "teacher", full_name="Педагог партнёра Своё-А",
                                 email="teacher@partner-a.test")
    # A museum on the council that runs no programme.
    make.seat(a.network, world.bridge_coordinator, "secretary")

    actors = [Actor(f"a_{role}", a.users[role], "a", role, seat=(role == "admin")) for role in
              ("admin", "coordinator", "teacher", "staff")]
    actors += [Actor(f"a2_{role}", a2_users[role], "a2", role) for role in ("coordinator", "teacher")]
    actors += [Actor("provider_coordinator", a.partner_coordinator, "partner", "coordinator"),
               Actor("provider_teacher", provider_teacher, "partner", "teacher", group_teacher=True),
               Actor("bridge", world.bridge_coordinator, "bridge", "coordinator", seat=True),
               Actor("external", a.external, None, None, seat=True),
               Actor("b_coordinator", world.b.users["coordinator"], "b", "coordinator", network="b"),
               Actor("b_partner", world.b.partner_coordinator, "bpartner", "coordinator", network="b"),
               Actor("operator", world.operator, None, None, operator=True),
               Actor("anonymous")]
    canaries.actors = {actor.key: actor for actor in actors}

    # Staff e-mails (users have no phone; an institution's phone and e-mail are its public profile).
    for role in ("admin", "coordinator", "teacher", "staff"):
        _staff(canaries, f"school A's {role}", a.users[role], "a", role == "admin")
    for role, user in a2_users.items():
        _staff(canaries, f"school A2's {role}", user, "a2", role == "admin")
    _staff(canaries, "partner A's coordinator", a.partner_coordinator, "partner")
    _staff(canaries, "partner A's teacher", provider_teacher, "partner")
    _staff(canaries, "the bridge's coordinator", world.bridge_coordinator, "bridge")
    _staff(canaries, "school B's admin", world.b.users["admin"], "b", True)
    _staff(canaries, "the external council member (a parent)", a.external, None)

    # Pupils.
    births = {"pa1": date(2013, 2, 17), "pa2": date(2012, 4, 23), "pa3": date(2014, 6, 29), "pb1": date(2013, 11, 6)}
    plan = {"pa1": ("a", "partner", True), "pa2": ("a", "partner", False), "pa3": ("a", None, False),
            "pb1": ("a2", "partner", True)}
    for key, (home, provider, in_group) in plan.items():
        words = _pupil_markers(canaries, key, home, provider, in_group, births[key])
        canaries.pupils[key] = make.pupil(canaries.institutions[home], words["surname"], words["name"],
                                          patronymic=words["patronymic"], class_label="6Б", birth_on=births[key],
                                          parent_name=words["parent_name"], parent_phone=words["parent_phone"],
                                          parent_email=words["parent_email"])

    # The shared group: partner A's programme, one group, pupils of two schools.
    canaries.programme = make.programme(a.network, a.partner, "Общая программа робототехники")
    canaries.group = make.group(canaries.programme, "Общая группа", teacher=provider_teacher, place="Читальный зал")
    canaries.lesson = make.lesson(canaries.group, date(2026, 9, 15), "Первое общее занятие")
    canaries.attestation = make.attestation(canaries.programme, held_on=date(2026, 12, 20))
    for key in ("pa1", "pa2", "pb1"):
        home = plan[key][0]
        note = _token("Заявление")
        canaries.markers.append(Marker(note, f"application note ({key})", "application", home))
        canaries.applications[key] = make.application(canaries.pupils[key], canaries.programme, note=note).id

    # An unpublished programme of the provider (its draft).
    title, description = _token("Черновик"), _token("Описание")
    make.programme(a.network, a.partner, title, published=False, description=description)
    for text, kind in ((title, "unpublished programme's title"), (description, "unpublished programme's description")):
        canaries.markers.append(Marker(text, kind, "unpublished", "partner"))

    # Internal notes.
    for key, author in (("a", a.users["coordinator"]), ("a2", a2_users["coordinator"]),
                        ("partner", a.partner_coordinator), ("bridge", world.bridge_coordinator)):
        body = _token("Заметка")
        canaries.markers.append(Marker(body, f"internal note of {key}", "note", key))
        canaries.notes[key] = make.note(canaries.institutions[key], body, author).id

    # Unpublished drafts.
    title, subject = _token("Договор"), _token("Предмет")
    make.agreement(a.network, [a.school, a.partner], title, subject=subject)
    for text, kind in ((title, "unpublished agreement's title"), (subject, "unpublished agreement's subject")):
        canaries.markers.append(Marker(text, kind, "agreement", "", (frozenset({"a", "partner"}),)))
    section = _token("Раздел")
    make.section(a.plan, section, world.bridge, position=2)
    canaries.markers.append(Marker(section, "draft plan section", "network", "", (members,)))
    answer = _token("Ответ")
    make.survey_response(a.survey, {a.survey.questions[0]: 0, a.survey.questions[1]: answer})
    canaries.markers.append(Marker(answer, "free-text survey answer", "network", "", (members,)))
    conclusion, partner_conclusion = _token("Вывод"), _token("Решение")
    canaries.analysis_id = make.analysis(a.network, 2025, conclusion=conclusion,
                                         lines=((a.partner, "change_form", partner_conclusion),)).id
    for text, kind in ((conclusion, "analysis's conclusion"), (partner_conclusion, "analysis's partner conclusion")):
        canaries.markers.append(Marker(text, kind, "network", "", (members,)))
    stage, stage_conclusion = _token("Этап"), _token("Итог этапа")
    canaries.stage_analysis_id = make.analysis(
        a.network, 2025, conclusion=stage_conclusion, stage=SimpleNamespace(
            id=None, title=stage, starts_on=date(2025, 9, 1), ends_on=date(2026, 5, 31))).id
    for text, kind in ((stage, "stage analysis's stage"), (stage_conclusion, "stage analysis's conclusion")):
        canaries.markers.append(Marker(text, kind, "network", "", (members,)))

    _run_flows(canaries, app, login, a2_users, provider_teacher, db, Enrollment, EnrollmentRequest, make)
    _growth_flows(canaries, app, login)
    _diagnostic_flows(canaries, app, login)
    return canaries


def _diagnostic_flows(canaries, app, login) -> None:
    """School A enters, through HTTP, a class's results (its label a marker) and PA1's result with a note (a marker)
    for network A's diagnostic indicator at this year's входная диагностика: both are the home school's alone (the
    network reads per-school totals without names)."""
    from tenants.scoping import unscoped
    from workspace.extensions import db
    from workspace.monitoring.diagnostic_models import DiagnosticEntry

    a = canaries.world.a
    app.config["WTF_CSRF_ENABLED"] = False
    school = app.test_client()
    login(school, a.users["coordinator"].email)
    base = f"/i/{a.school.slug}/diagnostics/{a.diagnostic.id}/start"
    label, note = _token("Кл"), _token("Диагностика")
    canaries.markers.append(Marker(label, "the school's class label in a diagnostic", "flag", "a"))
    canaries.markers.append(Marker(note, "the school's diagnostic note on pa1", "flag", "a"))
    response = school.post(f"{base}/classes", data={"class_label": label, "assessed": "6", "high": "2",
                                                    "middle": "2", "low": "2"})
    assert response.status_code == 302, response.get_data(as_text=True)
    response = school.post(f"{base}/pupils", data={"pupil_id": str(canaries.pupils["pa1"].id), "level": "middle",
                                                   "score": "7", "note": note})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context(), unscoped():
        canaries.diagnostic_entries = list(db.session.scalars(select(DiagnosticEntry.id).where(
            DiagnosticEntry.institution_id == canaries.institutions["a"].id, DiagnosticEntry.note.in_((note, "")))))
    app.config["WTF_CSRF_ENABLED"] = True


def _growth_flows(canaries, app, login) -> None:
    """Pupils' growth through HTTP: the provider records one achievement (with a scan) for a pupil of each school
    of the shared group; school A records its own for PA1 and flags PA1 («одарённый»)."""
    import io

    from tenants.scoping import unscoped
    from tests.growth.helpers import PNG
    from workspace.extensions import db
    from workspace.growth.models import Achievement

    a = canaries.world.a
    app.config["WTF_CSRF_ENABLED"] = False
    both = (frozenset({"a", "a2"}), "partner")
    title, scan = _token("Достижение"), _token("Скан") + ".png"
    canaries.markers.append(Marker(title, "achievement recorded by the provider (pa1, pb1)", "achievement", "a", both))
    canaries.markers.append(Marker(scan.removesuffix(".png"), "scan of the provider's achievement", "achievement", "a",
                                   both, expected=False))
    provider = app.test_client()
    login(provider, a.partner_coordinator.email)
    response = provider.post(
        f"/n/{a.network.slug}/growth/programmes/{canaries.programme.id}/groups/{canaries.group.id}/achievements",
        data={"title": title, "kind": "contest", "level": "municipal", "result": "winner", "achieved_on": "2026-10-15",
              "enrollment_ids": [canaries.enrollments["pa1"], canaries.enrollments["pb1"]],
              "scan": (io.BytesIO(PNG), scan)}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    school = app.test_client()
    login(school, a.users["coordinator"].email)
    own = _token("Олимпиада")
    canaries.markers.append(Marker(own, "the school's own achievement (pa1)", "achievement", "a",
                                   (frozenset({"a"}), "a")))
    response = school.post(f"/i/{a.school.slug}/growth/achievements/new", data={
        "title": own, "kind": "olympiad", "level": "school", "result": "participant", "achieved_on": "2026-10-20",
        "link": f"network:{a.network.id}", "pupil_ids": [canaries.pupils["pa1"].id]})
    assert response.status_code == 302, response.get_data(as_text=True)
    note = _token("Флаг")
    canaries.markers.append(Marker(note, "the school's flag on pa1", "flag", "a"))
    response = school.post(f"/i/{a.school.slug}/growth/pupils/{canaries.pupils['pa1'].id}/flags",
                           data={"special_needs": "y", "special_needs_note": note})
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context(), unscoped():
        canaries.achievements = list(db.session.scalars(select(Achievement.id).where(
            Achievement.title.in_((title, own)))))
    assert len(canaries.achievements) == 3
    app.config["WTF_CSRF_ENABLED"] = True


def _run_flows(canaries, app, login, a2_users, provider_teacher, db, Enrollment, EnrollmentRequest, make):
    """The enrollment flow through HTTP, as production writes it (audit entries, reads, letters)."""
    from tenants.scoping import unscoped

    world = canaries.world
    a = world.a
    app.config["WTF_CSRF_ENABLED"] = False
    programme, group = canaries.programme, canaries.group
    network = a.network.slug

    def read(statement):
        with app.app_context(), unscoped():
            return db.session.execute(statement).all()

    # A parent applies through the public catalog (no login) to school A2.
    typed = {"pupil_full_name": _token("Ребёнок"), "parent_name": _token("Заявитель"),
             "parent_contact": f"knr{next(_numbers):03d}@zayavitel.test"}
    for part, text in typed.items():
        canaries.markers.append(Marker(text, f"public application's {part}", "application", "a2"))
    response = app.test_client().post(f"/public/n/{network}/programmes/{programme.id}", data={
        **typed, "class_label": "7В", "school_id": canaries.institutions["a2"].id, "has_consent": "y"})
    assert response.status_code == 302, response.get_data(as_text=True)

    # The schools send their requests (the applications become enrollments), school A with a note.
    for school_key, coordinator, pupils in (("a", a.users["coordinator"], ("pa1", "pa2")),
                                             ("a2", a2_users["coordinator"], ("pb1",))):
        client = app.test_client()
        login(client, coordinator.email)
        slug = canaries.institutions[school_key].slug
        note = _token("Примечание")
        canaries.markers.append(Marker(note, f"request note of {school_key}", "request_note", school_key,
                                       ("partner",)))
        response = client.post(f"/i/{slug}/enrollment/requests/new?programme={programme.id}",
                               data={"programme": programme.id, "note": note,
                                     "application_ids": [canaries.applications[key] for key in pupils]})
        assert response.status_code == 302, response.get_data(as_text=True)
        ((request_id,),) = read(select(EnrollmentRequest.id).where(
            EnrollmentRequest.programme_id == programme.id,
            EnrollmentRequest.home_institution_id == canaries.institutions[school_key].id))
        canaries.requests[school_key] = request_id
        for key in pupils:
            ((enrollment_id,),) = read(select(Enrollment.id).where(
                Enrollment.request_id == request_id, Enrollment.pupil_id == canaries.pupils[key].id))
            canaries.enrollments[key] = enrollment_id

    # The provider decides: accepts and places PA1 and PB1, declines PA2 with a reason.
    provider = app.test_client()
    login(provider, a.partner_coordinator.email)

    def version(key):
        ((value,),) = read(select(Enrollment.version).where(Enrollment.id == canaries.enrollments[key]))
        return value

    for key, school_key in (("pa1", "a"), ("pb1", "a2")):
        base = (f"/n/{network}/programmes/requests/{canaries.requests[school_key]}"
                f"/enrollments/{canaries.enrollments[key]}")
        assert provider.post(f"{base}/accept", data={"version": version(key)}).status_code == 302
        assert provider.post(f"{base}/place", data={"group_id": group.id, "version": version(key)}).status_code == 302
    reason = _token("Отказ")
    canaries.markers.append(Marker(reason, "refusal reason (pa2)", "decline_reason", "a", ("partner",)))
    base = f"/n/{network}/programmes/requests/{canaries.requests['a']}/enrollments/{canaries.enrollments['pa2']}"
    assert provider.post(f"{base}/decline", data={"reason": reason, "version": version("pa2")}).status_code == 302
    statuses = dict(read(select(Enrollment.id, Enrollment.status).where(
        Enrollment.id.in_(canaries.enrollments.values()))))
    assert {statuses[canaries.enrollments[key]].value for key in ("pa1", "pb1")} == {"enrolled"}
    assert statuses[canaries.enrollments["pa2"]].value == "declined"

    # The group's teacher marks both schools' pupils.
    teacher = app.test_client()
    login(teacher, provider_teacher.email)
    for key, code in (("pa1", "5"), ("pb1", "absent")):
        url = f"/n/{network}/journal/groups/{group.id}/marks/{canaries.lesson.id}/{canaries.enrollments[key]}"
        assert teacher.post(url, data={"set": code}).status_code == 302
    for key in ("pa1", "pb1"):  # and enters their final attestation (passed: certificates follow)
        url = (f"/n/{network}/journal/groups/{group.id}/attestations/{canaries.attestation.id}/"
               f"{canaries.enrollments[key]}")
        assert teacher.post(url, data={"set": "pass"}).status_code == 302

    # Certificates: PB1's issued through HTTP by the provider; PA1's carries a result marker.
    response = provider.post(f"/n/{network}/journal/groups/{group.id}/certificates",
                             data={"enrollment_id": [canaries.enrollments["pb1"]]})
    assert response.status_code == 302, response.get_data(as_text=True)
    from workspace.journal.models import Certificate
    ((canaries.certificates["pb1"],),) = read(select(Certificate.id).where(
        Certificate.enrollment_id == canaries.enrollments["pb1"]))
    result = _token("Результат")
    canaries.markers.append(Marker(result, "certificate result (pa1)", "certificate", "a", ("partner",)))
    with app.app_context(), unscoped():
        enrollment = db.session.scalar(select(Enrollment).where(Enrollment.id == canaries.enrollments["pa1"]))
    certificate = make.certificate(enrollment, group, programme, number=900, result=result)
    canaries.certificates["pa1"] = certificate.id
    app.config["WTF_CSRF_ENABLED"] = True

    # The app's flush listener wrote the history of the flow (the leak the walk must see).
    from workspace.audit.models import NetworkAuditEntry
    written = {kind for (kind,) in read(select(NetworkAuditEntry.object_type).where(
        NetworkAuditEntry.network_id == a.network.id))}
    assert {"Enrollment", "EnrollmentRequest", "Certificate"} <= written, written
