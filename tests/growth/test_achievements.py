"""Achievements through HTTP: a provider records one result for several pupils of its group at once; each home school
reads its own pupils' (and only theirs), the provider what it recorded; the other members, the group's teacher and
people outside the network are refused; bad input is refused in Russian and changes nothing; deleting asks first."""
from __future__ import annotations

import io
import re

from sqlalchemy import func, select

from tests.growth.helpers import ACHIEVEMENT, PNG, client_of, group_url, growth_world
from workspace.extensions import db
from workspace.growth.models import Achievement, AchievementScan
from workspace.pupils.models import PupilRead


def _count(read, model=Achievement) -> int:
    with read():
        return db.session.scalar(select(func.count()).select_from(model))


def _record_for_three(app, g):
    """ЦДО records «Победитель муниципального конкурса чтецов» for Соколова and Алексеев0 (school A) and Борисов0
    (school B), with a scan."""
    provider = client_of(app, g.provider_coordinator)
    chosen = [g.robots.id, g.w.enrollments_a[0].id, g.w.enrollments_b[0].id]
    response = provider.post(group_url(g), data={**ACHIEVEMENT, "enrollment_ids": chosen,
                                                 "scan": (io.BytesIO(PNG), "диплом.png")},
                             content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    return provider


def test_a_provider_records_one_result_for_three_pupils_and_each_school_reads_only_its_own(app, make, read, csrf_off):
    g = growth_world(make)
    provider = _record_for_three(app, g)
    assert _count(read) == 3 and _count(read, AchievementScan) == 3
    page = provider.get(group_url(g)).get_data(as_text=True)
    assert "Записано: 3 достижения." in page
    assert page.count(ACHIEVEMENT["title"]) >= 3 and "Соколова Мария Ильинична" in page and "Борисов0" in page
    school_a = client_of(app, g.coordinator_a).get("/i/school-a/growth/achievements").get_data(as_text=True)
    assert "2 достижения" in school_a and "Соколова" in school_a and "Алексеев0" in school_a
    assert "Борисов0" not in school_a and "ЦДО" in school_a
    school_b = client_of(app, g.coordinator_b).get("/i/school-b/growth/achievements").get_data(as_text=True)
    assert "1 достижение" in school_b and "Борисов0" in school_b and "Соколова" not in school_b
    # another provider of the same network: nothing on its own group's page, refused on the ЦДО's
    library = client_of(app, g.library_coordinator)
    own = library.get(group_url(g, g.reading, g.reading_group)).get_data(as_text=True)
    assert ACHIEVEMENT["title"] not in own and "Достижений группы пока нет." in own
    assert library.get(group_url(g)).status_code == 403
    # the pupils' names were read by the provider: the schools see it
    with read():
        kinds = set(db.session.scalars(select(PupilRead.kind).where(PupilRead.pupil_id == g.pupil.id)))
    assert "achievements" in kinds


def test_who_reaches_a_groups_achievements(app, make, csrf_off):
    g = growth_world(make)
    url = group_url(g)
    expected = {g.provider_coordinator: 200, g.provider_teacher: 403, g.coordinator_a: 403, g.admin_a: 403,
                g.library_coordinator: 403, g.museum_coordinator: 403, g.council_member: 403}
    for user, status in expected.items():
        assert client_of(app, user).get(url).status_code == status, user.email
    other_school = make.institution("Чужая школа", slug="foreign-school")
    make.network(other_school, name="Чужая сеть", slug="foreign-net")
    stranger = client_of(app, make.user(other_school, "coordinator"))
    assert stranger.get(url).status_code == 404
    provider = client_of(app, g.provider_coordinator)
    # a group of another programme under this programme's id: not there
    assert provider.get(f"/n/net/growth/programmes/{g.w.programme.id}/groups/{g.reading_group.id}/achievements"
                        ).status_code == 404


def test_the_home_school_roles(app, make, read, csrf_off):
    g = growth_world(make)
    _record_for_three(app, g)
    with read():
        achievement_id = db.session.scalar(select(Achievement.id).where(Achievement.pupil_id == g.pupil.id))
    teacher = client_of(app, g.teacher_a)
    portfolio = f"/i/school-a/growth/pupils/{g.pupil.id}"
    assert teacher.get("/i/school-a/growth/achievements").status_code == 200
    assert teacher.get(portfolio).status_code == 200
    assert teacher.get(f"/i/school-a/growth/achievements/{achievement_id}/scan").status_code == 200
    for url in ("/i/school-a/growth/achievements/new", f"{portfolio}/flags", f"{portfolio}/portfolio.docx",
                f"/i/school-a/growth/achievements/{achievement_id}/delete"):
        assert teacher.get(url).status_code == 403, url
    for user in (g.admin_a, g.coordinator_a):
        client = client_of(app, user)
        for url in ("/i/school-a/growth/achievements/new", f"{portfolio}/flags", f"{portfolio}/portfolio.docx"):
            assert client.get(url).status_code == 200, url
        # a provider's record is the provider's to delete
        assert client.get(f"/i/school-a/growth/achievements/{achievement_id}/delete").status_code == 403
    school_b = client_of(app, g.coordinator_b)
    assert school_b.get(portfolio.replace("school-a", "school-b")).status_code == 404
    assert school_b.get(f"/i/school-b/growth/achievements/{achievement_id}/scan").status_code == 404


def test_the_scan_is_sent_privately_to_the_school_and_the_provider(app, make, read, csrf_off):
    g = growth_world(make)
    provider = _record_for_three(app, g)
    with read():
        achievement_id = db.session.scalar(select(Achievement.id).where(Achievement.pupil_id == g.pupil.id))
    school = client_of(app, g.coordinator_a).get(f"/i/school-a/growth/achievements/{achievement_id}/scan")
    assert school.status_code == 200 and school.data == PNG
    assert school.headers["Cache-Control"] == "private, no-store"
    assert "sandbox" in school.headers["Content-Security-Policy"]
    with read():
        before = db.session.scalar(select(func.count()).select_from(PupilRead).where(PupilRead.pupil_id == g.pupil.id))
    assert provider.get(f"{group_url(g)}/{achievement_id}/scan").data == PNG
    with read():  # a diploma names its pupil: the provider's download is a read of the pupil's data
        after = db.session.scalar(select(func.count()).select_from(PupilRead).where(PupilRead.pupil_id == g.pupil.id))
    assert after == before + 1
    library = client_of(app, g.library_coordinator)
    assert library.get(f"{group_url(g, g.reading, g.reading_group)}/{achievement_id}/scan").status_code == 404


def test_bad_input_is_refused_in_russian_and_changes_nothing(app, make, read, csrf_off):
    g = growth_world(make)
    provider = client_of(app, g.provider_coordinator)
    url = group_url(g)
    foreign = make.pupil(g.school_b, "Чужой", "Ученик", class_label="6Б")
    outsider = make.enrollment(make.enrollment_request(g.reading, g.school_b), foreign, status="enrolled",
                               group=g.reading_group)
    cases = [
        ({}, ("Заполните это поле.", "Выберите хотя бы одного обучающегося.")),
        ({**ACHIEVEMENT, "enrollment_ids": [outsider.id]}, ("Выберите обучающихся из списка.",)),
        ({**ACHIEVEMENT, "enrollment_ids": ["не число"]}, ("Выберите обучающихся из списка.",)),
        ({**ACHIEVEMENT, "enrollment_ids": [g.robots.id], "achieved_on": "2999-01-01"},
         ("Дата достижения не может быть позже сегодняшнего дня.",)),
        ({**ACHIEVEMENT, "enrollment_ids": [g.robots.id], "kind": "чемпионат"}, ("Выберите значение из списка.",)),
        ({**ACHIEVEMENT, "enrollment_ids": [g.robots.id], "scan": (io.BytesIO(b"MZ\x90\x00 not a picture"), "d.png")},
         ("Принимаются фотографии (JPEG, PNG, WebP) и сканы в PDF",)),
    ]
    for data, messages in cases:
        response = provider.post(url, data=data, content_type="multipart/form-data")
        page = response.get_data(as_text=True)
        assert response.status_code == 422, data
        for message in messages:
            assert message in page, (message, data)
    assert _count(read) == 0 and _count(read, AchievementScan) == 0
    school = client_of(app, g.coordinator_a)
    new = "/i/school-a/growth/achievements/new"
    link = re.search(r'value="(programme:\d+)"', school.get(new).get_data(as_text=True)).group(1)
    other_school = make.institution("Чужая школа", slug="foreign-school")
    other_network = make.network(other_school, name="Чужая сеть", slug="foreign-net")
    foreign_programme = make.programme(other_network, other_school, "Чужая программа")
    for data, message in (
            ({**ACHIEVEMENT, "link": link, "pupil_ids": [foreign.id]}, "Выберите обучающихся из списка."),
            ({**ACHIEVEMENT, "link": f"programme:{foreign_programme.id}", "pupil_ids": [g.pupil.id]},
             "Выберите сеть, программу или мероприятие из списка."),
            ({**ACHIEVEMENT, "link": f"network:{other_network.id}", "pupil_ids": [g.pupil.id]},
             "Выберите сеть, программу или мероприятие из списка."),
            ({**ACHIEVEMENT, "link": "", "pupil_ids": [g.pupil.id]}, "Заполните это поле.")):
        response = school.post(new, data=data)
        assert response.status_code == 422 and message in response.get_data(as_text=True), data
    assert _count(read) == 0


def test_the_school_records_for_its_pupils_and_deletes_after_asking(app, make, read, csrf_off):
    g = growth_world(make)
    school = client_of(app, g.coordinator_a)
    new = "/i/school-a/growth/achievements/new"
    form = school.get(f"{new}?pupil={g.pupil.id}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{g.pupil.id}">|<option value="{g.pupil.id}" selected', form)
    link = re.search(r'value="(network:\d+)"', form).group(1)
    response = school.post(new, data={**ACHIEVEMENT, "title": "Участник олимпиады по математике",
                                      "kind": "olympiad", "level": "school", "result": "participant",
                                      "link": link, "pupil_ids": [g.pupil.id, g.w.enrollments_a[1].pupil_id]})
    assert response.status_code == 302 and response.headers["Location"].endswith("/growth/achievements")
    assert _count(read) == 2
    with read():
        achievement_id = db.session.scalar(select(Achievement.id).where(Achievement.pupil_id == g.pupil.id))
    delete = f"/i/school-a/growth/achievements/{achievement_id}/delete"
    page = school.get(delete).get_data(as_text=True)
    assert "Удалить достижение?" in page and "Участник олимпиады по математике" in page and _count(read) == 2
    assert school.post(delete).status_code == 302
    assert _count(read) == 1
    assert client_of(app, g.provider_coordinator).get(group_url(g)).get_data(as_text=True).count(
        "Участник олимпиады") == 0


def test_a_provider_deletes_what_it_recorded_after_asking(app, make, read, csrf_off):
    g = growth_world(make)
    provider = _record_for_three(app, g)
    with read():
        achievement_id = db.session.scalar(select(Achievement.id).where(Achievement.pupil_id == g.pupil.id))
    delete = f"{group_url(g)}/{achievement_id}/delete"
    page = provider.get(delete).get_data(as_text=True)
    assert "Удалить достижение?" in page and ACHIEVEMENT["title"] in page
    assert _count(read) == 3
    assert client_of(app, g.library_coordinator).post(
        f"{group_url(g, g.reading, g.reading_group)}/{achievement_id}/delete").status_code == 404
    assert provider.post(delete).status_code == 302
    assert _count(read) == 2 and _count(read, AchievementScan) == 2


def test_the_history_of_an_achievement_is_the_home_schools_and_names_it_in_russian(app, make, read, csrf_off):
    g = growth_world(make)
    _record_for_three(app, g)
    school = client_of(app, g.coordinator_a).get("/i/school-a/history").get_data(as_text=True)
    assert "Достижение обучающегося" in school and "Дата достижения" in school
    network = client_of(app, g.library_coordinator).get("/n/net/history").get_data(as_text=True)
    assert ACHIEVEMENT["title"] not in network and "диплом.png" not in network
    provider = client_of(app, g.provider_coordinator).get("/n/net/history").get_data(as_text=True)
    assert ACHIEVEMENT["title"] not in provider


def test_the_programme_page_links_a_group_to_its_achievements_for_the_providers_managers(app, make):
    g = growth_world(make)
    link = group_url(g)
    page = client_of(app, g.provider_coordinator).get(f"/n/net/programmes/{g.w.programme.id}").get_data(as_text=True)
    assert link in page and "Достижения группы" in page
    for user in (g.provider_teacher, g.coordinator_a, g.library_coordinator):
        page = client_of(app, user).get(f"/n/net/programmes/{g.w.programme.id}").get_data(as_text=True)
        assert link not in page, user.email
    pupils = client_of(app, g.teacher_a).get("/i/school-a/pupils/").get_data(as_text=True)
    assert "/i/school-a/growth/achievements" in pupils


def test_the_recorder_edits_an_achievement_and_a_stale_or_bad_edit_changes_nothing(app, make, read, csrf_off):
    g = growth_world(make)
    provider = _record_for_three(app, g)
    with read():
        achievement_id = db.session.scalar(select(Achievement.id).where(Achievement.pupil_id == g.pupil.id))
    edit = f"{group_url(g)}/{achievement_id}/edit"
    form = provider.get(edit).get_data(as_text=True)
    assert ACHIEVEMENT["title"] in form and re.search(r'<option selected value="winner">', form)
    changed = {**ACHIEVEMENT, "title": "Призёр регионального конкурса чтецов", "level": "regional",
               "result": "prize_winner", "version": "1"}
    for data, message in (({**changed, "title": ""}, "Заполните это поле."),
                          ({**changed, "version": "0"}, "Достижение изменил другой пользователь.")):
        response = provider.post(edit, data=data)
        assert response.status_code == 422 and message in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(Achievement.title).where(Achievement.id == achievement_id)) == ACHIEVEMENT["title"]
    assert provider.post(edit, data=changed).status_code == 302
    page = client_of(app, g.coordinator_a).get(f"/i/school-a/growth/pupils/{g.pupil.id}").get_data(as_text=True)
    assert "Призёр регионального конкурса чтецов" in page and "конкурс, региональный" in page
    # the school does not edit the provider's record; the library does not reach it
    assert client_of(app, g.coordinator_a).get(f"/i/school-a/growth/achievements/{achievement_id}/edit"
                                               ).status_code == 403
    assert client_of(app, g.library_coordinator).get(
        f"{group_url(g, g.reading, g.reading_group)}/{achievement_id}/edit").status_code == 404
    # the school edits its own
    school = client_of(app, g.coordinator_a)
    link = re.search(r'value="(network:\d+)"', school.get("/i/school-a/growth/achievements/new").get_data(as_text=True))
    assert school.post("/i/school-a/growth/achievements/new", data={
        **ACHIEVEMENT, "title": "Школьный проект", "kind": "project", "link": link.group(1),
        "pupil_ids": [g.pupil.id]}).status_code == 302
    with read():
        own_id = db.session.scalar(select(Achievement.id).where(Achievement.title == "Школьный проект"))
    response = school.post(f"/i/school-a/growth/achievements/{own_id}/edit",
                           data={**ACHIEVEMENT, "title": "Школьный проект «Мой край»", "kind": "project",
                                 "version": "1"})
    assert response.status_code == 302
    assert client_of(app, g.teacher_a).get(f"/i/school-a/growth/achievements/{own_id}/edit").status_code == 403
