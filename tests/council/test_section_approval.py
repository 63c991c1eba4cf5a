"""A plan section approved on its own, through the same flow as the plan (the kind "plan_section"):
submit by the partner's coordinator → e-vote → votes → approved → that section locked, the others not,
an item's status still editable → amendment back to draft; who may submit; foreign ids."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from tests.conftest import csrf_token_from, login, post_form
from tests.council.helpers import build_council
from tests.fixtures.factories import PASSWORD
from workspace.core.dates import local_today
from workspace.council.models import Approval, ApprovalStatus
from workspace.extensions import db
from workspace.plans.models import PlanItem, PlanSection, PlanStatus

TODAY = local_today()


def _as(client, user):
    client._cookies.clear()
    login(client, user.email, PASSWORD)


def _plan_url(c):
    return f"/n/{c.network.slug}/plans/{c.plan.id}"


def _council_url(c, rest=""):
    return f"/n/{c.network.slug}/council/{rest}"


def _section_url(c, section_id, action="submit"):
    return _council_url(c, f"approvals/plan_section/{section_id}/{action}")


def _submit_section(client, c, section_id, comment="Раздел библиотеки готов"):
    return post_form(client, _section_url(c, section_id), {"comment": comment}, page_url=_plan_url(c))


def _add_item(client, c, section_id, title="Новое"):
    return post_form(client, f"{_plan_url(c)}/sections/{section_id}/items", {f"s{section_id}-title": title},
                     page_url=_plan_url(c))


def _section_status(read, section_id):
    with read():
        return db.session.scalar(select(PlanSection.status).where(PlanSection.id == section_id))


def _with_museum(make, c):
    museum = make.institution("Краеведческий музей", kind="museum", slug=f"{c.network.slug}-museum")
    make.member(c.network, museum, "social_partner")
    curator = make.user(museum, "coordinator", full_name="Кузнецова А. И.")
    section = make.section(c.plan, "План мероприятий с музеем", museum, position=2)
    item = make.item(section, "Музейный урок", "октябрь")
    return museum, curator, section, item


def _approve_by_e_vote(client, c, read):
    _as(client, c.director)
    with read():
        approval_id = db.session.scalar(select(Approval.id).where(Approval.status == ApprovalStatus.SUBMITTED))
    response = post_form(client, _council_url(c, "e-votes/new"),
                         {"approval_id": approval_id, "number": 1,
                          "deadline_on": (TODAY + timedelta(days=7)).isoformat()})
    assert response.status_code == 302, response.get_data(as_text=True)
    meeting_url = response.location
    page = client.get(meeting_url).get_data(as_text=True)
    with read():
        from workspace.council.models import AgendaItem, Meeting
        meeting = db.session.scalar(select(Meeting).order_by(Meeting.id.desc()))
        item = db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
    assert "Об утверждении: Сетевой план 2026/2027 — раздел «План мероприятий с МБУ «МИБС»»" in page
    for user in (c.director, c.librarian, c.parent):
        _as(client, user)
        page = client.get(_council_url(c, f"meetings/{meeting.id}"))
        vote = client.post(_council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/vote"),
                           data={"choice": "for", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
        assert vote.status_code == 302
    _as(client, c.director)
    closed = post_form(client, _council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/close"),
                       {"if_not_carried": "returned", "remarks": ""})
    assert closed.status_code == 302


def test_a_section_is_approved_locked_alone_and_amended(client, make, read):
    c = build_council(make)
    _museum, _curator, museum_section, museum_item = _with_museum(make, c)

    # the library's coordinator sees a small button on its own section and submits it with a comment
    _as(client, c.librarian)
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert _section_url(c, c.section.id) in page and _section_url(c, museum_section.id) not in page
    form = client.get(_section_url(c, c.section.id))
    assert form.status_code == 200 and "раздел «План мероприятий с МБУ «МИБС»»" in form.get_data(as_text=True)
    assert _submit_section(client, c, c.section.id).status_code == 302
    assert _section_status(read, c.section.id) == PlanStatus.SUBMITTED
    with read():
        approval = db.session.scalar(select(Approval))
        assert (approval.subject_type, approval.subject_id, approval.round) == ("plan_section", c.section.id, 1)
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert "Раздел на согласовании в координационном совете" in page
    refused = _add_item(client, c, c.section.id)
    assert refused.status_code == 403 and "на согласовании" in refused.get_data(as_text=True)

    # the chair sees it waiting, with a link to the section, and opens an e-vote
    _as(client, c.director)
    council = client.get(_council_url(c)).get_data(as_text=True)
    assert "раздел «План мероприятий с МБУ «МИБС»»" in council and "Раздел библиотеки готов" in council
    assert _council_url(c, f"approvals/plan_section/{c.section.id}") + '"' in council
    opened = client.get(_council_url(c, f"approvals/plan_section/{c.section.id}"))
    assert opened.status_code == 302 and opened.location.endswith(f"{_plan_url(c)}#section-{c.section.id}")
    _approve_by_e_vote(client, c, read)
    assert _section_status(read, c.section.id) == PlanStatus.APPROVED
    assert _section_status(read, museum_section.id) == PlanStatus.DRAFT

    # approved: the stamp on the plan page; that section's items refuse every edit, with the reason
    _as(client, c.librarian)
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert f"Раздел утверждён, протокол № 1 от {TODAY.strftime('%d.%m.%Y')}" in page
    assert _section_url(c, c.section.id, "amend") in page
    for response in (
        _add_item(client, c, c.section.id),
        client.get(f"{_plan_url(c)}/items/{c.item.id}/cells/title"),
        post_form(client, f"{_plan_url(c)}/items/{c.item.id}/cells/title", {"value": "Иначе", "version": "1"},
                  page_url=_plan_url(c)),
        client.get(f"{_plan_url(c)}/items/{c.item.id}/delete"),
        post_form(client, f"{_plan_url(c)}/items/{c.item.id}/delete", {}, page_url=_plan_url(c)),
        post_form(client, f"{_plan_url(c)}/items/{c.item.id}/move", {"direction": "up"}, page_url=_plan_url(c)),
    ):
        assert response.status_code == 403
        body = response.get_data(as_text=True)
        assert "Раздел «План мероприятий с МБУ «МИБС»» утверждён координационным советом" in body
        assert "Внести изменения" in body
    # carrying it out is not changing it: the item's status and its report stay editable
    status = post_form(client, f"{_plan_url(c)}/items/{c.item.id}/cells/status", {"value": "held", "version": "1"},
                       page_url=_plan_url(c))
    assert status.status_code == 302
    assert client.get(f"{_plan_url(c)}/items/{c.item.id}/report").status_code == 200
    with read():
        item = db.session.scalar(select(PlanItem).where(PlanItem.id == c.item.id))
        assert item.status.value == "held" and item.title == "Библиосумерки"
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 2

    # another section stays editable
    _as(client, c.coordinator)
    assert _add_item(client, c, museum_section.id, "Экскурсия").status_code == 302
    assert client.get(f"{_plan_url(c)}/items/{museum_item.id}/cells/title").status_code == 200
    assert _add_item(client, c, c.section.id).status_code == 403

    # «Внести изменения»: back to draft, editable again, a new round marked as an amendment
    _as(client, c.librarian)
    confirm = client.get(_section_url(c, c.section.id, "amend"))
    assert confirm.status_code == 200 and "Внести изменения?" in confirm.get_data(as_text=True)
    assert post_form(client, _section_url(c, c.section.id, "amend"), {}, page_url=_plan_url(c)).status_code == 302
    assert _section_status(read, c.section.id) == PlanStatus.DRAFT
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert "В раздел вносятся изменения" in page and _section_url(c, c.section.id) in page
    assert _add_item(client, c, c.section.id, "После правок").status_code == 302
    assert _submit_section(client, c, c.section.id, "Исправлено").status_code == 302
    with read():
        rounds = db.session.execute(select(Approval.round, Approval.is_amendment, Approval.status)
                                    .order_by(Approval.round)).all()
    assert rounds == [(1, False, ApprovalStatus.APPROVED), (2, True, ApprovalStatus.SUBMITTED)]


def test_only_the_sections_partner_and_the_base_submit_it(client, make, read):
    c = build_council(make)
    _museum, curator, museum_section, _item = _with_museum(make, c)
    _as(client, curator)
    assert client.get(_section_url(c, c.section.id)).status_code == 403
    assert _submit_section(client, c, c.section.id).status_code == 403
    assert client.get(_section_url(c, c.section.id, "amend")).status_code == 403
    _as(client, c.teacher)
    assert _submit_section(client, c, c.section.id).status_code == 403
    assert _section_status(read, c.section.id) == PlanStatus.DRAFT
    # the base institution's coordinator may submit any section; twice is refused with the reason
    _as(client, c.coordinator)
    assert _submit_section(client, c, museum_section.id).status_code == 302
    again = _submit_section(client, c, museum_section.id)
    assert again.status_code == 409 and "Отправить на согласование можно только черновик" in again.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Approval)) == 1


def test_a_locked_plan_offers_no_section_submission(client, make, read):
    c = build_council(make)
    _as(client, c.coordinator)
    assert post_form(client, _council_url(c, f"approvals/plan/{c.plan.id}/submit"), {},
                     page_url=_plan_url(c)).status_code == 302
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert _section_url(c, c.section.id) not in page
    refused = _add_item(client, c, c.section.id)
    assert refused.status_code == 403 and "План на согласовании" in refused.get_data(as_text=True)


def test_import_refuses_rows_for_a_locked_section(client, make, read):
    c = build_council(make)
    with read():
        section = db.session.scalar(select(PlanSection).where(PlanSection.id == c.section.id))
        section.status = PlanStatus.APPROVED
        db.session.commit()
    draft = make.plan_import(c.plan, b"not read on save")
    _as(client, c.coordinator)
    url = f"{_plan_url(c)}/import/{draft.id}"
    page = client.get(f"{_plan_url(c)}").get_data(as_text=True)
    response = client.post(url, data={"csrf_token": csrf_token_from(page), "action": "save", "rows": "1",
                                      "row-0-section": c.section.title, "row-0-title": "Лишнее"})
    assert response.status_code == 403 and "Раздел закрыт для изменений" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 1


def test_foreign_sections_are_not_found_through_the_generic_routes(client, make, read):
    a = build_council(make, "sec-a")
    b = build_council(make, "sec-b")
    _as(client, a.coordinator)
    for section_id in (b.section.id, 999999):
        assert client.get(_council_url(a, f"approvals/plan_section/{section_id}")).status_code == 404
        for action in ("submit", "amend"):
            assert client.get(_section_url(a, section_id, action)).status_code == 404
            assert post_form(client, _section_url(a, section_id, action), {}, page_url=_plan_url(a)).status_code == 404
    # network A's section under network B's address is not found either
    assert client.get(_section_url(b, a.section.id)).status_code == 404
    assert _section_status(read, b.section.id) == PlanStatus.DRAFT
