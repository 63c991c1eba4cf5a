"""A project through the council's one approval flow: submitted by its lead's coordinator, put to an e-vote by
the chair, voted, approved and locked (its tasks still progress), shown in the chronicle, amended."""
from __future__ import annotations

from flask import g
from sqlalchemy import select

from tenants.scoping import set_scope
from tests.conftest import post_form
from tests.council.helpers import build_council
from tests.council.test_approval_flow import _as, _close, _open_e_vote, _vote
from workspace.core.dates import local_today
from workspace.extensions import db
from workspace.projects.models import Project, ProjectStatus


def test_project_is_approved_by_e_vote_locked_then_amended(app, client, make, read):
    c = build_council(make)
    project = make.project(c.network, c.library, "Библиотечный квест", participants=(c.school,))
    task = make.task(project, "Квест по книгам", "апрель", responsible="МБУ «МИБС»")
    url = f"/n/{c.network.slug}/projects/{project.id}"
    _as(client, c.librarian)  # the lead institution's coordinator
    assert post_form(client, f"/n/{c.network.slug}/council/approvals/project/{project.id}/submit",
                     {"comment": "Просим утвердить"}, page_url=url).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "На согласовании в координационном совете" in page
    refused = post_form(client, f"{url}/tasks", {"title": "Новая"}, page_url=url)
    assert refused.status_code == 403 and "Проект на согласовании" in refused.get_data(as_text=True)

    _as(client, c.director)
    assert "Библиотечный квест" in client.get(f"/n/{c.network.slug}/council/").get_data(as_text=True)
    meeting, item = _open_e_vote(client, c, read)
    for voter in (c.director, c.librarian, c.coordinator):
        _as(client, voter)
        assert _vote(client, c, meeting, item, "for").status_code == 302
    _as(client, c.director)
    assert _close(client, c, meeting, item).status_code == 302
    with read():
        assert db.session.scalar(select(Project.status)) == ProjectStatus.APPROVED

    _as(client, c.librarian)
    page = client.get(url).get_data(as_text=True)
    assert f"Утверждён, протокол № 1 от {local_today().strftime('%d.%m.%Y')}" in page and "Внести изменения" in page
    assert "Добавить задачу" not in page
    assert post_form(client, f"{url}/tasks/{task.id}/cells/status", {"value": "done", "version": "1"},
                     page_url=url).status_code == 302  # carrying the project out stays open

    with app.test_request_context(f"/i/{c.library.slug}/"):
        g.network_ids = [c.network.id]
        set_scope(institution_id=c.library.id, network_ids=[c.network.id])
        from workspace.projects.chronicle import entries
        assert [title for _w, _k, title, _u, _i in entries([c.network.id], None, 5, None)] == ["Библиотечный квест"]

    assert post_form(client, f"/n/{c.network.slug}/council/approvals/project/{project.id}/amend", {},
                     page_url=f"/n/{c.network.slug}/council/approvals/project/{project.id}/amend").status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Вносятся изменения" in page and "Добавить задачу" in page
