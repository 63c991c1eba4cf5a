"""A network where one pupil of school A learns in the groups of two providers (tests/journal/helpers.mixed_group —
the ЦДО's «Роботы-1» — plus a library's «Чтецы-1»), and the users of every role the growth pages meet."""
from __future__ import annotations

from types import SimpleNamespace

from tests.conftest import login
from tests.journal.helpers import mixed_group

# A 1×1 PNG: a scan that passes the hostile-upload checks.
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82")


def growth_world(make):
    w = mixed_group(make, lessons=0)
    library = make.institution("ЦБС", kind="library", slug="library")
    make.member(w.network, library, "network_partner")
    pupil = make.pupil(w.school_a, "Соколова", "Мария", patronymic="Ильинична", class_label="6А")
    robots = make.enrollment(make.enrollment_request(w.programme, w.school_a), pupil, status="enrolled",
                             group=w.group)
    reading = make.programme(w.network, library, "Клуб чтецов")
    reading_group = make.group(reading, "Чтецы-1")
    reading_enrollment = make.enrollment(make.enrollment_request(reading, w.school_a), pupil, status="enrolled",
                                         group=reading_group)
    return SimpleNamespace(
        w=w, network=w.network, school_a=w.school_a, school_b=w.school_b, provider=w.provider, library=library,
        museum=w.outsider, pupil=pupil, robots=robots, reading=reading, reading_group=reading_group,
        reading_enrollment=reading_enrollment,
        admin_a=make.user(w.school_a, "admin"), coordinator_a=w.coordinator_a, teacher_a=w.teacher_a,
        coordinator_b=w.coordinator_b, provider_coordinator=w.provider_coordinator, provider_teacher=w.teacher,
        library_coordinator=make.user(library, "coordinator"), museum_coordinator=w.museum_coordinator,
        council_member=w.council_member)


def client_of(app, user):
    client = app.test_client()
    login(client, user.email)
    return client


def group_url(g, programme=None, group=None) -> str:
    programme = programme or g.w.programme
    group = group or g.w.group
    return f"/n/net/growth/programmes/{programme.id}/groups/{group.id}/achievements"


ACHIEVEMENT = {"title": "Победитель муниципального конкурса чтецов", "kind": "contest", "level": "municipal",
               "result": "winner", "achieved_on": "2026-10-15"}
