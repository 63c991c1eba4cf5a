import io
from tests.growth.helpers import ACHIEVEMENT, PNG, client_of, group_url, growth_world


def test_smoke(app, make, csrf_off):
    g = growth_world(make)
    library = client_of(app, g.library_coordinator)
    url = group_url(g, g.reading, g.reading_group)
    r = library.get(url)
    assert r.status_code == 200, r.get_data(as_text=True)
    r = library.post(url, data={**ACHIEVEMENT, "enrollment_ids": [g.reading_enrollment.id],
                                "scan": (io.BytesIO(PNG), "диплом.png")}, content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)
    print(library.get(url).get_data(as_text=True)[-3000:])
    school = client_of(app, g.coordinator_a)
    r = school.get(f"/i/school-a/growth/achievements/new?pupil={g.pupil.id}")
    assert r.status_code == 200, r.get_data(as_text=True)
    import re
    link = re.search(r'value="(programme:\d+)"', r.get_data(as_text=True)).group(1)
    r = school.post("/i/school-a/growth/achievements/new", data={**ACHIEVEMENT, "title": "Олимпиада", "kind": "olympiad",
                    "pupil_ids": [g.pupil.id], "link": link})
    assert r.status_code == 302, r.get_data(as_text=True)
    page = school.get(f"/i/school-a/growth/pupils/{g.pupil.id}").get_data(as_text=True)
    print(page[page.index("<main"):][:6000])
    assert school.get(f"/i/school-a/growth/pupils/{g.pupil.id}/portfolio.docx").status_code == 200
    assert school.get("/i/school-a/growth/achievements").status_code == 200
    assert school.post(f"/i/school-a/growth/pupils/{g.pupil.id}/flags", data={"gifted": "y", "gifted_note": "математика"}).status_code == 302
    assert "математика" in school.get(f"/i/school-a/growth/pupils/{g.pupil.id}").get_data(as_text=True)
