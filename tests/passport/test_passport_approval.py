"""The passport through the council's one approval flow, by the council's own views: submitted after a confirmation
page by the base, refused to the others, locked while on approval, returned with remarks by a meeting's vote,
approved by an e-vote and read-only, amended (a new round, the approved one kept in the history)."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import post_form
from tests.council.test_approval_flow import _as, _close, _open_e_vote, _vote
from tests.passport.helpers import PASSPORT_FORM, build, passport_url
from workspace.core.dates import local_today
from workspace.council.models import Approval, ApprovalStatus
from workspace.extensions import db
from workspace.passport.models import PassportStatus, ProgrammePassport

TODAY = local_today().strftime("%d.%m.%Y")


def _submit_url(c, passport) -> str:
    return f"/n/{c.network.slug}/council/approvals/passport/{passport.id}/submit"


def _status(read) -> PassportStatus:
    with read():
        return db.session.scalar(select(ProgrammePassport.status))


def _submit(client, c, passport, comment="Просим утвердить паспорт"):
    return post_form(client, _submit_url(c, passport), {"comment": comment})


def test_submitted_after_a_confirmation_returned_with_remarks_then_approved_locked_and_amended(client, make, read):
    c = build(make)
    passport = make.passport(c.network, name="Культура рядом", stages=(("Подготовительный", None, None, ""),))
    _as(client, c.coordinator)
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert "Черновик: совет ещё не рассматривал паспорт." in page and "Отправить на утверждение в совет" in page
    confirm = client.get(_submit_url(c, passport)).get_data(as_text=True)  # asks before sending
    assert "Паспорт программы «Культура рядом»" in confirm and "Отмена" in confirm
    assert _status(read) == PassportStatus.DRAFT
    assert _submit(client, c, passport).status_code == 302
    assert _status(read) == PassportStatus.SUBMITTED
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert "На согласовании в координационном совете" in page and "Изменить паспорт" not in page
    refused = post_form(client, passport_url(c, "edit"), {**PASSPORT_FORM, "version": "2"}, page_url=passport_url(c))
    assert refused.status_code == 403 and "Паспорт программы на согласовании" in refused.get_data(as_text=True)
    again = _submit(client, c, passport)
    assert again.status_code == 409 and "Отправить на согласование можно только черновик" in again.get_data(as_text=True)

    # the chair opens an e-vote; the council votes against; closed as «returned» with remarks
    _as(client, c.director)
    council = client.get(f"/n/{c.network.slug}/council/").get_data(as_text=True)
    assert "Паспорт программы «Культура рядом»" in council
    meeting, item = _open_e_vote(client, c, read)
    for voter in (c.director, c.librarian, c.coordinator):
        _as(client, voter)
        assert _vote(client, c, meeting, item, "against").status_code == 302
    _as(client, c.director)
    assert _close(client, c, meeting, item, if_not_carried="returned",
                  remarks="Дополните ожидаемые результаты для родителей").status_code == 302
    assert _status(read) == PassportStatus.RETURNED
    _as(client, c.coordinator)
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert "Возвращён на доработку" in page and "Дополните ожидаемые результаты для родителей" in page
    assert "Изменить паспорт" in page
    assert post_form(client, passport_url(c, "edit"), {**PASSPORT_FORM, "version": "3"},
                     page_url=passport_url(c)).status_code == 302

    # the second round: approved by an e-vote
    assert _submit(client, c, passport, "Учтены замечания совета").status_code == 302
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read, number=2)
    for voter in (c.director, c.librarian, c.coordinator):
        _as(client, voter)
        assert _vote(client, c, meeting, item, "for").status_code == 302
    _as(client, c.director)
    assert _close(client, c, meeting, item).status_code == 302
    assert _status(read) == PassportStatus.APPROVED

    _as(client, c.coordinator)
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert f"Утверждён, протокол № 2 от {TODAY}" in page and "Внести изменения" in page
    assert "Изменить паспорт" not in page and "Добавить этап" not in page
    locked = post_form(client, passport_url(c, "stages"), {"title": "Новый"}, page_url=passport_url(c))
    assert locked.status_code == 403 and "утверждён координационным советом" in locked.get_data(as_text=True)
    assert client.get(passport_url(c, "edit")).status_code == 403
    assert "УТВЕРЖДЕНО" in client.get(passport_url(c, "print")).get_data(as_text=True)

    # a partner may not amend it; the base does: a new round, the approved one kept
    _as(client, c.librarian)
    amend_url = f"/n/{c.network.slug}/council/approvals/passport/{passport.id}/amend"
    assert client.get(amend_url).status_code == 403
    _as(client, c.coordinator)
    assert "Внести изменения?" in client.get(amend_url).get_data(as_text=True)
    assert post_form(client, amend_url, {}, page_url=amend_url).status_code == 302
    assert _status(read) == PassportStatus.DRAFT
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert "Вносятся изменения" in page and "Изменить паспорт" in page
    assert "УТВЕРЖДЕНО" not in client.get(passport_url(c, "print")).get_data(as_text=True)
    assert _submit(client, c, passport, "Изменены сроки этапов").status_code == 302
    with read():
        rounds = db.session.execute(select(Approval.round, Approval.status, Approval.is_amendment)
                                    .where(Approval.subject_type == "passport").order_by(Approval.round)).all()
    assert rounds == [(1, ApprovalStatus.RETURNED, False), (2, ApprovalStatus.APPROVED, False),
                      (3, ApprovalStatus.SUBMITTED, True)]
    page = client.get(passport_url(c)).get_data(as_text=True)
    assert "Редакция 3" in page and "(изменения)" in page and "Редакция 2" in page


def test_a_partner_and_a_teacher_may_not_submit(client, make, read):
    c = build(make)
    passport = make.passport(c.network)
    for user in (c.librarian, c.teacher):
        _as(client, user)
        assert client.get(_submit_url(c, passport)).status_code == 403
        assert post_form(client, _submit_url(c, passport), {"comment": "—"}, page_url=passport_url(c)
                         ).status_code == 403
    assert _status(read) == PassportStatus.DRAFT
