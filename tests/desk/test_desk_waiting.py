"""The desk's «Ждёт меня» tells what really waits: documents for the council (the request table's part: tests/requests_table/test_conversations.py)."""
from __future__ import annotations

from tests.conftest import login
from tests.council.helpers import build_council


def test_the_chair_desk_lists_documents_awaiting_the_council(app, client, make, login_as):
    c = build_council(make)
    make.approval(c.plan, c.coordinator)
    project = make.project(c.network, c.school, title="Читающая школа")
    make.project_approval(project, c.coordinator, mark_submitted=True)
    login_as(c.director)
    desk = client.get(f"/i/{c.school.slug}/").get_data(as_text=True)
    assert "Ждут решения совета" in desk
    assert "Сетевой план 2026/2027" in desk and "Читающая школа" in desk
    member = app.test_client()
    login(member, c.librarian.email)  # a member, not leading the council
    assert "Ждут решения совета" not in member.get(f"/i/{c.library.slug}/").get_data(as_text=True)
