"""An edit form posted with none of its fields (the form fuzz found it): refused, nothing changes."""
from tests.conftest import post_form
from tests.programmes.helpers import build


def test_empty_edit_posts_are_refused(client, make, login_as):
    s = build(make)
    pupil = make.pupil(s.school)
    login_as(s.coordinator)
    assert post_form(client, f"/i/{s.school.slug}/pupils/{pupil.id}/edit", {}).status_code == 422
    group = make.group(s.programme)
    provider = client.application.test_client()
    from tests.conftest import login
    login(provider, s.provider_coordinator.email)
    base = f"/n/{s.network.slug}/programmes/{s.programme.id}"
    assert post_form(provider, f"{base}/edit", {}).status_code == 422
    assert post_form(provider, f"{base}/groups/{group.id}/edit", {}).status_code == 422


def test_optional_fields_left_out_of_a_post_are_stored_empty(client, make, login_as, read):
    from sqlalchemy import select

    from workspace.extensions import db
    from workspace.programmes.models import Application, EnrollmentRequest, ScheduleSlot
    s = build(make)
    pupil = make.pupil(s.school)
    login_as(s.coordinator)
    assert post_form(client, f"/i/{s.school.slug}/enrollment/applications",
                     {"pupil_id": pupil.id, "programme_id": s.programme.id, "submitted_on": "2026-09-03",
                      "has_consent": "y"}).status_code == 302
    with read():
        application = db.session.scalar(select(Application))
    url = f"/i/{s.school.slug}/enrollment/requests/new?programme={s.programme.id}"
    assert post_form(client, url, {"application_ids": [application.id]}).status_code == 302
    group = make.group(s.programme)
    provider = client.application.test_client()
    from tests.conftest import login
    login(provider, s.provider_coordinator.email)
    page = f"/n/{s.network.slug}/programmes/{s.programme.id}"
    assert post_form(provider, f"{page}/groups/{group.id}/slots",
                     {f"g{group.id}-weekday": "1", f"g{group.id}-starts_at": "15:00", f"g{group.id}-ends_at": "16:00"},
                     page_url=page).status_code == 302
    assert post_form(provider, f"{page}/groups", {"name": "Вторая", "capacity": "5"}, page_url=page).status_code == 302
    with read():
        assert db.session.scalar(select(Application.note)) == ""
        assert db.session.scalar(select(EnrollmentRequest.note)) == ""
        assert db.session.scalar(select(ScheduleSlot.place)) == ""
