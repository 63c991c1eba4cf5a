"""The approval of a plan through HTTP: submit → e-vote or meeting → votes → quorum and majority →
decision → locked plan → amendment; minutes as a page and as a .docx."""
from __future__ import annotations

import io
from datetime import timedelta

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.conftest import csrf_token_from, login, post_form
from tests.council.helpers import build_council
from tests.fixtures.factories import PASSWORD
from workspace.core.dates import local_today
from workspace.council.models import AgendaItem, Approval, ApprovalStatus, Decision, Meeting, Outcome, Vote
from workspace.extensions import db
from workspace.plans.models import Plan, PlanItem, PlanStatus

TODAY = local_today()


def _as(client, user):
    """Log in as another user in the same test client (a fresh cookie jar)."""
    client._cookies.clear()
    login(client, user.email, PASSWORD)


def _plan_url(c):
    return f"/n/{c.network.slug}/plans/{c.plan.id}"


def _council_url(c, rest=""):
    return f"/n/{c.network.slug}/council/{rest}"


def _submit(client, c, comment="Учтены пожелания библиотеки"):
    return post_form(client, _council_url(c, f"approvals/plan/{c.plan.id}/submit"), {"comment": comment},
                     page_url=_plan_url(c))


def _open_e_vote(client, c, read, number=1):
    with read():
        approval_id = db.session.scalar(select(Approval.id).where(Approval.status == ApprovalStatus.SUBMITTED))
    response = post_form(client, _council_url(c, "e-votes/new"),
                         {"approval_id": approval_id, "number": number,
                          "deadline_on": (TODAY + timedelta(days=7)).isoformat()})
    assert response.status_code == 302, response.get_data(as_text=True)
    with read():
        meeting = db.session.scalar(select(Meeting).order_by(Meeting.id.desc()))
        item = db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
    return meeting, item


def _vote(client, c, meeting, item, choice, htmx=False):
    url = _council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/vote")
    page = client.get(_council_url(c, f"meetings/{meeting.id}"))
    headers = {"HX-Request": "true", "HX-Target": f"vote-{item.id}"} if htmx else {}
    return client.post(url, data={"choice": choice, "csrf_token": csrf_token_from(page.get_data(as_text=True))},
                       headers=headers)


def _close(client, c, meeting, item, if_not_carried="returned", remarks=""):
    url = _council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/close")
    return post_form(client, url, {"if_not_carried": if_not_carried, "remarks": remarks})


def test_whole_flow_e_vote_approves_and_locks_the_plan_then_an_amendment(client, make, read):
    c = build_council(make)
    # the base coordinator submits
    _as(client, c.coordinator)
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert "Отправить на утверждение" in page and "Черновик: совет ещё не рассматривал план." in page
    assert _submit(client, c).status_code == 302
    with read():
        assert db.session.scalar(select(Plan.status)) == PlanStatus.SUBMITTED
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert "На согласовании в координационном совете" in page
    refused = post_form(client, f"{_plan_url(c)}/sections/{c.section.id}/items", {f"s{c.section.id}-title": "Новое"},
                        page_url=_plan_url(c))
    assert refused.status_code == 403 and "План на согласовании" in refused.get_data(as_text=True)

    # the chair sees it waiting and opens an e-vote
    _as(client, c.director)
    council = client.get(_council_url(c)).get_data(as_text=True)
    assert "На утверждении" in council and "Сетевой план 2026/2027" in council and "Учтены пожелания" in council
    meeting, item = _open_e_vote(client, c, read)
    assert meeting.kind.value == "e_vote" and meeting.deadline_on == TODAY + timedelta(days=7)

    # the librarian's desk shows what waits for the vote; the vote swaps in place with htmx
    _as(client, c.librarian)
    desk = client.get(f"/i/{c.library.slug}/").get_data(as_text=True)
    assert "Об утверждении: Сетевой план 2026/2027" in desk and "вы ещё не голосовали" in desk
    swapped = _vote(client, c, meeting, item, "for", htmx=True)
    body = swapped.get_data(as_text=True)
    assert swapped.status_code == 200 and body.lstrip().startswith(f'<div id="vote-{item.id}"')
    assert "Ваш голос: За." in body and "Проголосовали 1 из 4" in body and "<html" not in body
    desk = client.get(f"/i/{c.library.slug}/").get_data(as_text=True)
    assert "ваш голос: За" in desk

    # the chair votes against, then changes the vote (once per seat, changeable)
    _as(client, c.director)
    assert _vote(client, c, meeting, item, "against").status_code == 302
    assert _vote(client, c, meeting, item, "for").status_code == 302
    _as(client, c.parent)
    assert _vote(client, c, meeting, item, "abstain").status_code == 302
    with read():
        votes = dict(db.session.execute(select(Vote.seat_id, Vote.choice)).all())
    assert len(votes) == 3 and votes[c.seats["chair"].id].value == "for"

    # closing asks first; then the decision: 2 for of 3 cast, 3 of 4 seats voted → approved
    _as(client, c.director)
    confirm = client.get(_council_url(c, f"meetings/{meeting.id}/agenda/{item.id}/close"))
    assert confirm.status_code == 200 and "Закрыть голосование?" in confirm.get_data(as_text=True)
    assert _close(client, c, meeting, item).status_code == 302
    with read():
        decision = db.session.scalar(select(Decision))
        assert (decision.outcome, decision.votes_for, decision.votes_against, decision.votes_abstain, decision.seats) == \
            (Outcome.APPROVED, 2, 0, 1, 4)
        assert db.session.scalar(select(Plan.status)) == PlanStatus.APPROVED
    # a closed vote takes no more votes
    _as(client, c.librarian)
    late = _vote(client, c, meeting, item, "against")
    assert late.status_code == 409 and "Голосование по этому вопросу закрыто" in late.get_data(as_text=True)

    # the plan is locked and says so
    _as(client, c.coordinator)
    stamp = f"Утверждён, протокол № 1 от {TODAY.strftime('%d.%m.%Y')}"
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert stamp in page and "Внести изменения" in page and "Загрузить из Excel" not in page
    for response in (
        post_form(client, f"{_plan_url(c)}/sections/{c.section.id}/items", {f"s{c.section.id}-title": "Новое"},
                  page_url=_plan_url(c)),
        post_form(client, f"{_plan_url(c)}/sections", {"title": "Ещё раздел", "partner_institution_id": 0},
                  page_url=_plan_url(c)),
        client.get(f"{_plan_url(c)}/items/{c.item.id}/cells/title"),
        post_form(client, f"{_plan_url(c)}/items/{c.item.id}/delete", {}, page_url=_plan_url(c)),
        post_form(client, f"{_plan_url(c)}/items/{c.item.id}/move", {"direction": "up"}, page_url=_plan_url(c)),
        client.get(f"{_plan_url(c)}/import"),
    ):
        assert response.status_code == 403
        assert "закрыт для изменений" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == 1
    # carrying the plan out is not changing it: an item's status may still be set
    assert client.get(f"{_plan_url(c)}/items/{c.item.id}/cells/status").status_code == 200
    workbook = load_workbook(io.BytesIO(client.get(f"{_plan_url(c)}/export.xlsx").data), read_only=True)
    cells = [v for row in workbook.active.iter_rows(values_only=True) for v in row if v]
    assert any("протокол № 1 от " + TODAY.strftime("%d.%m.%Y") in str(v) for v in cells)

    # minutes: a printable page and a .docx
    minutes = client.get(_council_url(c, f"meetings/{meeting.id}/minutes")).get_data(as_text=True)
    for text in ("ПРОТОКОЛ № 1", "заочного голосования членов координационного совета", "Присутствовали",
                 "3 из 4 членов совета", "Морозова Е. В.", "«за» — 2, «против» — 0, «воздержались» — 1.",
                 "РЕШИЛИ:", "Утвердить.", "Председатель"):
        assert text in minutes, text
    download = client.get(_council_url(c, f"meetings/{meeting.id}/minutes.docx"))
    assert download.status_code == 200 and download.mimetype.endswith("wordprocessingml.document")
    text = "\n".join(p.text for p in Document(io.BytesIO(download.data)).paragraphs)
    assert "ПРОТОКОЛ № 1" in text and "Утвердить." in text and "«за» — 2" in text and "Смирнова Е. А." in text

    # amendment: back to draft, history kept, approved again as round 2
    confirm = client.get(_council_url(c, f"approvals/plan/{c.plan.id}/amend"))
    assert confirm.status_code == 200 and "Внести изменения?" in confirm.get_data(as_text=True)
    assert post_form(client, _council_url(c, f"approvals/plan/{c.plan.id}/amend"), {}).status_code == 302
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert "Вносятся изменения" in page and "протоколом № 1 от" in page and "Редакция 1" in page
    added = post_form(client, f"{_plan_url(c)}/sections/{c.section.id}/items",
                      {f"s{c.section.id}-title": "Неделя детской книги", f"s{c.section.id}-timing": "март"},
                      page_url=_plan_url(c))
    assert added.status_code == 302
    assert _submit(client, c, comment="Добавлена неделя книги").status_code == 302
    with read():
        rounds = db.session.execute(select(Approval.round, Approval.is_amendment, Approval.status)
                                    .order_by(Approval.round)).all()
    assert rounds == [(1, False, ApprovalStatus.APPROVED), (2, True, ApprovalStatus.SUBMITTED)]
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert "Редакция 2" in page and "(изменения)" in page and "Утвердить" in page  # the old decision stays visible


def test_meeting_with_agenda_notes_attendance_and_a_returned_plan(client, make, read):
    c = build_council(make)
    _as(client, c.coordinator)
    _submit(client, c)
    # the secretary (here the base coordinator) arranges a meeting and puts the plan on the agenda
    new = client.get(_council_url(c, "meetings/new")).get_data(as_text=True)
    assert 'value="1"' in new  # the next protocol number is proposed
    bad = post_form(client, _council_url(c, "meetings/new"), {"number": 1, "held_on": "2026-02-30"})
    assert bad.status_code == 422
    nowhere = post_form(client, _council_url(c, "meetings/new"), {"number": 1, "held_on": TODAY.isoformat()})
    assert nowhere.status_code == 422 and "Укажите место проведения или ссылку" in nowhere.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Meeting)) == 0
    created = post_form(client, _council_url(c, "meetings/new"),
                        {"number": 3, "held_on": TODAY.isoformat(), "place": "Школа №31, каб. 204",
                         "link": "https://meet.example/sovet"})
    assert created.status_code == 302
    with read():
        meeting = db.session.scalar(select(Meeting))
        approval_id = db.session.scalar(select(Approval.id))
    meeting_url = _council_url(c, f"meetings/{meeting.id}")
    assert post_form(client, f"{meeting_url}/agenda", {"approval_id": approval_id}, page_url=meeting_url).status_code == 302
    assert post_form(client, f"{meeting_url}/agenda", {"approval_id": 0, "title": "Разное"},
                     page_url=meeting_url).status_code == 302
    empty = post_form(client, f"{meeting_url}/agenda", {"approval_id": 0, "title": ""}, page_url=meeting_url)
    assert empty.status_code == 422 and "Выберите документ или впишите вопрос." in empty.get_data(as_text=True)
    with read():
        plan_item, other = db.session.scalars(select(AgendaItem).order_by(AgendaItem.position)).all()
    page = client.get(meeting_url).get_data(as_text=True)
    assert "Об утверждении: Сетевой план 2026/2027" in page and "Разное" in page
    # the plan is on an open agenda: no longer in the chair's queue
    assert "Открыть заочное голосование</a>" not in client.get(_council_url(c)).get_data(as_text=True).split(
        "На утверждении")[1].split("Заседания и голосования")[0]

    # what was said, with optimistic locking
    notes_url = f"{meeting_url}/agenda/{plan_item.id}/discussion"
    form_page = client.get(notes_url).get_data(as_text=True)
    token = csrf_token_from(form_page)
    first = client.post(notes_url, data={"discussion": "Иванова О. Н. представила план.", "version": "1",
                                         "csrf_token": token})
    assert first.status_code == 302
    stale = client.post(notes_url, data={"discussion": "Другой текст", "version": "1", "csrf_token": token})
    assert stale.status_code == 409 and "изменил другой пользователь" in stale.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(AgendaItem.discussion).where(AgendaItem.id == plan_item.id)) == \
            "Иванова О. Н. представила план."

    # attendance: the parent was there but did not vote
    assert post_form(client, f"{meeting_url}/attendance", {"seat_ids": [c.seats["parent"].id]},
                     page_url=meeting_url).status_code == 302
    # votes: 1 for, 2 against → not carried → returned with remarks
    assert _vote(client, c, meeting, plan_item, "for").status_code == 302
    _as(client, c.director)
    _vote(client, c, meeting, plan_item, "against")
    _as(client, c.librarian)
    _vote(client, c, meeting, plan_item, "against")
    assert _close(client, c, meeting, plan_item).status_code == 403  # a member cannot close
    _as(client, c.director)
    assert _close(client, c, meeting, plan_item, "returned", "Добавить мероприятия для 1-4 классов").status_code == 302
    with read():
        assert db.session.scalar(select(Plan.status)) == PlanStatus.RETURNED
    _as(client, c.coordinator)
    page = client.get(_plan_url(c)).get_data(as_text=True)
    assert "Возвращён на доработку" in page and "Добавить мероприятия для 1-4 классов" in page
    assert "протокол № 3 от" in page and "Отправить на утверждение" in page
    # returned: editable again
    assert client.get(f"{_plan_url(c)}/items/{c.item.id}/cells/title").status_code == 200
    minutes = client.get(f"{meeting_url}/minutes").get_data(as_text=True)
    for text in ("ПРОТОКОЛ № 3", "заседания координационного совета", "Школа №31, каб. 204",
                 "Иванова О. Н. представила план.", "Вернуть на доработку.", "4 из 4 членов совета",
                 "голосование не завершено, решение не принято."):
        assert text in minutes, text


def test_without_quorum_no_decision_and_the_plan_waits_again(client, make, read):
    c = build_council(make)
    _as(client, c.coordinator)
    _submit(client, c)
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    _vote(client, c, meeting, item, "for")
    _as(client, c.librarian)
    _vote(client, c, meeting, item, "for")
    _as(client, c.director)
    assert _close(client, c, meeting, item).status_code == 302  # 2 of 4 is not more than half
    with read():
        decision = db.session.scalar(select(Decision))
        assert decision.outcome == Outcome.NO_QUORUM
        assert db.session.scalar(select(Plan.status)) == PlanStatus.SUBMITTED
    page = client.get(_council_url(c)).get_data(as_text=True)
    assert "Открыть заочное голосование</a>" in page or "Открыть заочное голосование<span" in page
    assert "Решение не принято: нет кворума." in client.get(_council_url(c, f"meetings/{meeting.id}")).get_data(
        as_text=True)


def test_e_vote_closes_itself_after_the_deadline_when_opened(client, make, read):
    c = build_council(make)
    approval = make.approval(c.plan, c.coordinator)
    meeting = make.meeting(c.network, 5, kind="e_vote", deadline_on=TODAY - timedelta(days=1))
    item = make.agenda_item(meeting, "Об утверждении плана", approval)
    for key in ("chair", "secretary", "librarian"):
        make.vote(item, c.seats[key], "for")
    _as(client, c.librarian)
    assert "Об утверждении плана" not in client.get(f"/i/{c.library.slug}/").get_data(as_text=True)
    page = client.get(_council_url(c, f"meetings/{meeting.id}")).get_data(as_text=True)
    assert "Срок голосования истёк" in page and "Утвердить." in page
    with read():
        assert db.session.scalar(select(Plan.status)) == PlanStatus.APPROVED
        assert db.session.scalar(select(Decision.decided_on)) == TODAY - timedelta(days=1)


def test_chair_sets_the_rules_and_they_apply(client, make, read):
    c = build_council(make)
    _as(client, c.librarian)
    assert client.get(_council_url(c, "rules")).status_code == 403
    _as(client, c.director)
    page = client.get(_council_url(c, "rules")).get_data(as_text=True)
    assert "проголосовало больше половины членов совета" in page
    saved = post_form(client, _council_url(c, "rules"), {"quorum": "all", "majority": "for_over_against",
                                                         "version": "0"})
    assert saved.status_code == 302
    stale = post_form(client, _council_url(c, "rules"), {"quorum": "two_thirds", "majority": "simple_of_cast",
                                                         "version": "0"})
    assert stale.status_code == 409
    _as(client, c.coordinator)
    _submit(client, c)
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    for user, choice in ((c.director, "for"), (c.coordinator, "abstain"), (c.librarian, "abstain")):
        _as(client, user)
        _vote(client, c, meeting, item, choice)
    _as(client, c.director)
    _close(client, c, meeting, item)
    with read():
        assert db.session.scalar(select(Decision.outcome)) == Outcome.NO_QUORUM  # «all» needs the fourth seat


def test_the_submit_page_warns_when_the_council_has_no_chair(client, make, read):
    c = build_council(make)
    _as(client, c.coordinator)
    submit_page = _council_url(c, f"approvals/plan/{c.plan.id}/submit")
    assert 'id="no-chair"' not in client.get(submit_page).get_data(as_text=True)  # the council has its chair
    with read():
        from tenants.models import Seat
        db.session.delete(db.session.get(Seat, c.seats["chair"].id))  # a founded network starts with no council
        db.session.commit()
    html = client.get(submit_page).get_data(as_text=True)
    assert 'id="no-chair"' in html and "В совете сети нет председателя" in html
    assert f'href="/n/{c.network.slug}/council/"' in html.split('id="no-chair"')[1]
