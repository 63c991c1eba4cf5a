"""The council's letters through HTTP and a real SMTP server: an e-vote opened, a vote closing tomorrow (the
reminder job, once, only to those who have not voted), a decision taken (to the seats and to the document's
author), an invitation to a meeting with its iCalendar and its update; nothing to another network's council,
nothing from a rolled-back request."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from sqlalchemy import func, select

from tenants.entry import enter_command_line
from tests.conftest import post_form
from tests.council.helpers import build_council
from tests.council.test_approval_flow import _as, _close, _council_url, _open_e_vote, _submit, _vote
from workspace.core.dates import local_today
from workspace.council.letters import remind_vote_closing
from workspace.council.models import Meeting
from workspace.extensions import db
from workspace.letters.models import Letter

TODAY = local_today()


def _seat_addresses(c) -> set[str]:
    return {c.director.email, c.coordinator.email, c.librarian.email, c.parent.email}


def _other_council(make):
    """A second network with a council of its own: it must never receive the first council's letters."""
    return build_council(make, slug="drugaya")


def test_an_e_vote_opened_reaches_every_seat_of_its_network_only(client, make, read, outbox):
    c = build_council(make)
    other = _other_council(make)
    _as(client, c.coordinator)
    assert _submit(client, c).status_code == 302
    _as(client, c.director)
    outbox.clear()
    meeting, _item = _open_e_vote(client, c, read)
    letters = list(outbox)
    assert {letter["to"] for letter in letters} == _seat_addresses(c)
    assert not {letter["to"] for letter in letters} & _seat_addresses(other)
    letter = next(letter for letter in letters if letter["to"] == c.parent.email)
    assert letter["subject"] == f"Открыто заочное голосование № {meeting.number}"
    link = f"http://workspace.test/n/{c.network.slug}/council/meetings/{meeting.id}"
    deadline = (TODAY + timedelta(days=7)).strftime("%d.%m.%Y")
    for part in (letter["body"], letter["html"]):
        assert "Культура рядом" in part and "Об утверждении: Сетевой план 2026/2027" in part
        assert deadline in part and link in part
    assert f'<a href="{link}">' in letter["html"]
    assert letter["message"]["List-Unsubscribe"].startswith("<http://workspace.test/letters/unsubscribe/")


def test_the_closing_reminder_goes_once_to_the_seats_that_have_not_voted(app, client, make, read, outbox):
    c = build_council(make)
    _as(client, c.coordinator)
    _submit(client, c)
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    assert _vote(client, c, meeting, item, "for").status_code == 302
    _as(client, c.librarian)
    assert _vote(client, c, meeting, item, "against").status_code == 302
    outbox.clear()
    with read():
        deadline = db.session.get(Meeting, meeting.id).deadline_on
    # the day before the deadline, at 10:00 Moscow time; twice: the dedupe key keeps one letter per seat
    now = datetime.combine(deadline - timedelta(days=1), datetime.min.time(), tzinfo=UTC) + timedelta(hours=7)
    with app.test_request_context():
        from workspace.letters.schedule import run_reminder_jobs
        assert "council.vote_closing" in run_reminder_jobs(now, force=True)
        assert "council.vote_closing" in run_reminder_jobs(now + timedelta(minutes=20), force=True)
    letters = list(outbox)
    assert sorted(letter["to"] for letter in letters) == sorted([c.coordinator.email, c.parent.email])
    letter = letters[0]
    assert letter["subject"] == f"Голосование № {meeting.number} закрывается завтра"
    assert "Вы ещё не проголосовали." in letter["body"] and "Вы ещё не проголосовали." in letter["html"]
    assert f"/n/{c.network.slug}/council/meetings/{meeting.id}" in letter["body"]
    # two days before: nothing is due
    with app.test_request_context(), enter_command_line():
        assert remind_vote_closing(now - timedelta(days=1)) == 0


def test_a_decision_reaches_the_seats_and_the_author_of_the_document(client, make, read, outbox):
    c = build_council(make)
    _as(client, c.coordinator)
    _submit(client, c)
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    for user in (c.director, c.librarian, c.parent):
        _as(client, user)
        _vote(client, c, meeting, item, "for")
    _as(client, c.director)
    outbox.clear()
    assert _close(client, c, meeting, item, remarks="Добавить встречу с родителями").status_code == 302
    letters = list(outbox)
    # the author (the coordinator) holds a seat: one letter each, and the author's is about the own document
    assert sorted(letter["to"] for letter in letters) == sorted(_seat_addresses(c))
    letter = next(letter for letter in letters if letter["to"] == c.librarian.email)
    assert letter["subject"] == "Решение совета: Об утверждении: Сетевой план 2026/2027"
    for part in (letter["body"], letter["html"]):
        assert "Решение: Утвердить." in part and "за — 3, против — 0, воздержались — 0" in part
        assert "Добавить встречу с родителями" in part
    author = next(letter for letter in letters if letter["to"] == c.coordinator.email)
    assert author["subject"] == "«Сетевой план 2026/2027»: утверждён"
    assert "рассмотрел «Сетевой план 2026/2027», отправленный вами на утверждение" in author["body"]
    assert "Замечания совета:\n> Добавить встречу с родителями" in author["body"]
    assert "<blockquote" in author["html"] and "Добавить встречу с родителями</blockquote>" in author["html"]
    assert f"/n/{c.network.slug}/council/approvals/plan/{c.plan.id}" in author["body"]
    with read():
        assert db.session.scalar(select(func.count()).select_from(Letter)
                                 .where(Letter.address == c.coordinator.email, Letter.kind == "council.decision")) == 1


def test_a_rejected_plan_tells_its_author_with_a_seat_once_with_the_remarks_quoted(client, make, read, outbox):
    c = build_council(make)
    _as(client, c.coordinator)
    _submit(client, c)
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    for user in (c.director, c.librarian, c.parent, c.coordinator):
        _as(client, user)
        _vote(client, c, meeting, item, "against")
    _as(client, c.director)
    outbox.clear()
    remarks = "Нет согласования с МИБС.\nСроки «до конца года» не подходят <i>"
    assert _close(client, c, meeting, item, if_not_carried="rejected", remarks=remarks).status_code == 302
    letters = [letter for letter in outbox if letter["to"] == c.coordinator.email]
    assert len(letters) == 1
    [author] = letters
    assert author["subject"] == "«Сетевой план 2026/2027»: отклонён"
    assert "Решение: отклонён." in author["body"] and "за — 0, против — 4" in author["body"]
    assert "> Нет согласования с МИБС.\n> Сроки «до конца года» не подходят <i>" in author["body"]
    assert "Нет согласования с МИБС.<br>Сроки «до конца года» не подходят &lt;i&gt;</blockquote>" in author["html"]


def test_a_returned_plan_tells_its_author_outside_the_council(client, make, read, outbox):
    c = build_council(make)
    _as(client, c.coordinator)
    _submit(client, c)
    # the author leaves the council before the decision: the letter reaches the author as the author
    _as(client, c.director)
    assert post_form(client, _council_url(c, f"seats/{c.seats['secretary'].id}/remove"), {},
                     page_url=_council_url(c, f"seats/{c.seats['secretary'].id}/remove")).status_code == 302
    meeting, item = _open_e_vote(client, c, read)
    for user in (c.director, c.librarian, c.parent):
        _as(client, user)
        _vote(client, c, meeting, item, "against")
    _as(client, c.director)
    outbox.clear()
    assert _close(client, c, meeting, item, if_not_carried="returned", remarks="Уточнить сроки").status_code == 302
    letters = {letter["to"]: letter for letter in outbox}
    assert set(letters) == {c.director.email, c.librarian.email, c.parent.email, c.coordinator.email}
    author = letters[c.coordinator.email]
    assert author["subject"] == "«Сетевой план 2026/2027»: возвращён на доработку"
    assert "Замечания совета:\n> Уточнить сроки" in author["body"]
    assert "Доработайте документ и отправьте его на согласование снова." in author["body"]
    assert f"/n/{c.network.slug}/council/approvals/plan/{c.plan.id}" in author["body"]
    assert f'<a href="http://workspace.test/n/{c.network.slug}/council/approvals/plan/{c.plan.id}">' in author["html"]


def _invitation(letter) -> Calendar:
    [attachment] = list(letter["message"].iter_attachments())
    assert attachment.get_filename() == "invitation.ics" and attachment.get_content_type() == "text/calendar"
    content = attachment.get_content()
    return Calendar.from_ical(content if isinstance(content, (bytes, str)) else bytes(content))


def test_scheduling_a_meeting_sends_each_seat_an_invitation(client, make, read, outbox):
    c = build_council(make)
    other = _other_council(make)
    _as(client, c.director)
    outbox.clear()
    held_on = TODAY + timedelta(days=10)
    response = post_form(client, _council_url(c, "meetings/new"),
                         {"number": 5, "held_on": held_on.isoformat(), "place": "Школа №31, кабинет 204 <b>",
                          "link": ""})
    assert response.status_code == 302
    with read():
        meeting = db.session.scalar(select(Meeting))
    letters = list(outbox)
    assert {letter["to"] for letter in letters} == _seat_addresses(c)
    assert not {letter["to"] for letter in letters} & _seat_addresses(other)
    letter = next(letter for letter in letters if letter["to"] == c.parent.email)
    assert letter["subject"] == f"Заседание совета № 5, {held_on:%d.%m.%Y}"
    assert "Место: Школа №31, кабинет 204 <b>" in letter["body"]
    assert "кабинет 204 &lt;b&gt;" in letter["html"] and "204 <b>" not in letter["html"]
    assert f"/n/{c.network.slug}/council/meetings/{meeting.id}" in letter["body"]
    calendar = _invitation(letter)
    assert str(calendar["METHOD"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.id}@workspace.test"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == held_on
    assert "кабинет 204" in str(event["LOCATION"])
    attendees = event["ATTENDEE"]
    assert len(attendees) == 4
    own = [a for a in attendees if str(a).lower() == f"mailto:{c.parent.email}".lower()]
    assert len(own) == 1 and own[0].params["RSVP"] == "TRUE" and own[0].params["ROLE"] == "REQ-PARTICIPANT"
    # the other members' addresses are not the recipient's to read
    assert not any(c.director.email in str(a) for a in attendees)
    [alarm] = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == timedelta(days=-1)
    assert "ORGANIZER" in event


def test_a_rolled_back_request_sends_nothing(client, make, read, outbox, monkeypatch):
    c = build_council(make)
    _as(client, c.director)
    outbox.clear()
    page = client.get(_council_url(c, "meetings/new")).get_data(as_text=True)

    def broken_flash(*_args, **_kwargs):
        raise RuntimeError("the request fails after the letters were queued")

    monkeypatch.setattr("workspace.council.meeting_views.flash", broken_flash)
    from tests.conftest import csrf_token_from
    try:
        response = client.post(_council_url(c, "meetings/new"),
                               data={"number": 1, "held_on": TODAY.isoformat(), "place": "Кабинет 1",
                                     "csrf_token": csrf_token_from(page)})
        assert response.status_code == 500
    except RuntimeError:
        pass
    assert len(outbox) == 0
    with read():
        assert db.session.scalars(select(Letter)).all() == []
        assert db.session.scalars(select(Meeting)).all() == []


def test_moving_a_meeting_sends_the_update_with_the_same_uid_and_the_next_sequence(client, make, read, outbox):
    c = build_council(make)
    _as(client, c.director)
    held_on = TODAY + timedelta(days=10)
    assert post_form(client, _council_url(c, "meetings/new"),
                     {"number": 3, "held_on": held_on.isoformat(), "place": "Кабинет 204"}).status_code == 302
    with read():
        meeting = db.session.scalar(select(Meeting))
    first = {letter["to"]: _invitation(letter) for letter in outbox}
    outbox.clear()
    moved = held_on + timedelta(days=2)
    edit = _council_url(c, f"meetings/{meeting.id}/edit")
    assert "Изменить дату или место" in client.get(_council_url(c, f"meetings/{meeting.id}")).get_data(as_text=True)
    assert post_form(client, edit, {"held_on": moved.isoformat(), "place": "Актовый зал"}).status_code == 302
    letters = list(outbox)
    assert {letter["to"] for letter in letters} == _seat_addresses(c)
    letter = next(letter for letter in letters if letter["to"] == c.librarian.email)
    assert letter["subject"] == f"Заседание совета № 3 перенесено: {moved:%d.%m.%Y}"
    assert "Дата или место заседания изменились." in letter["body"] and "Актовый зал" in letter["html"]
    [before] = first[c.librarian.email].walk("VEVENT")
    calendar = _invitation(letter)
    [after] = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") == moved and "Актовый зал" in str(after["LOCATION"])
    # saving the same date and place again sends nothing; a member cannot edit the meeting
    outbox.clear()
    assert post_form(client, edit, {"held_on": moved.isoformat(), "place": "Актовый зал"}).status_code == 302
    assert len(outbox) == 0
    _as(client, c.parent)
    assert client.get(edit).status_code == 403


def _calendar_part(letter):
    [attachment] = list(letter["message"].iter_attachments())
    return attachment


def test_an_invitation_part_carries_its_method_and_charset_as_parameters(client, make, outbox):
    c = build_council(make)
    _as(client, c.director)
    outbox.clear()
    assert post_form(client, _council_url(c, "meetings/new"),
                     {"number": 2, "held_on": (TODAY + timedelta(days=3)).isoformat(), "place": "Кабинет 1"}
                     ).status_code == 302
    part = _calendar_part(outbox[0])
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST" and part.get_content_charset() == "utf-8"
    assert "calendar;" not in part.get_content_subtype() and part.get_content_subtype() == "calendar"


def test_cancelling_a_meeting_sends_every_seat_the_icalendar_cancel(client, make, read, outbox):
    c = build_council(make)
    other = _other_council(make)
    _as(client, c.coordinator)
    assert _submit(client, c).status_code == 302
    _as(client, c.director)
    held_on = TODAY + timedelta(days=10)
    assert post_form(client, _council_url(c, "meetings/new"),
                     {"number": 7, "held_on": held_on.isoformat(), "place": "Кабинет 204"}).status_code == 302
    with read():
        meeting = db.session.scalar(select(Meeting))
        from workspace.council.models import AgendaItem, Approval
        approval_id = db.session.scalar(select(Approval.id))
    meeting_url = _council_url(c, f"meetings/{meeting.id}")
    assert post_form(client, f"{meeting_url}/agenda", {"approval_id": approval_id},
                     page_url=meeting_url).status_code == 302
    first = {letter["to"]: _invitation(letter) for letter in outbox}
    outbox.clear()

    # a member sees no button and may not cancel; the chair is asked first, with an optional reason
    _as(client, c.parent)
    assert "Отменить заседание" not in client.get(meeting_url).get_data(as_text=True)
    assert client.get(f"{meeting_url}/cancel").status_code == 403
    _as(client, c.director)
    assert "Отменить заседание" in client.get(meeting_url).get_data(as_text=True)
    asking = client.get(f"{meeting_url}/cancel").get_data(as_text=True)
    assert "Отменить заседание № 7?" in asking and "Причина отмены" in asking
    assert post_form(client, f"{meeting_url}/cancel", {"reason": "Карантин в школе <b>"}).status_code == 302

    letters = list(outbox)
    assert {letter["to"] for letter in letters} == _seat_addresses(c)
    assert not {letter["to"] for letter in letters} & _seat_addresses(other)
    letter = next(letter for letter in letters if letter["to"] == c.librarian.email)
    assert letter["subject"] == f"Заседание совета № 7 {held_on:%d.%m.%Y} отменено"
    assert "Причина: Карантин в школе <b>" in letter["body"]
    assert "Карантин в школе &lt;b&gt;" in letter["html"] and "школе <b>" not in letter["html"]
    assert f"http://workspace.test{meeting_url}" in letter["body"]
    part = _calendar_part(letter)
    assert part.get_filename() == "cancellation.ics" and part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "CANCEL" and part.get_content_charset() == "utf-8"
    calendar = _invitation_from(part)
    assert str(calendar["METHOD"]) == "CANCEL"
    [before] = first[c.librarian.email].walk("VEVENT")
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == str(before["UID"]) == f"meeting-{meeting.id}@workspace.test"
    assert int(event["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert str(event["STATUS"]) == "CANCELLED" and event.decoded("DTSTART") == held_on
    assert len(event["ATTENDEE"]) == 4 and event.walk("VALARM") == []
    outbox.clear()

    # «отменено» on the page and in the list; nothing can be voted or changed; the plan waits for the council again
    page = client.get(meeting_url).get_data(as_text=True)
    assert "отменено" in page and "Причина: Карантин в школе" in page and "Отменить заседание" not in page
    assert "Изменить дату или место" not in page and "Закрыть голосование" not in page
    council = client.get(_council_url(c)).get_data(as_text=True)
    assert "<td>отменено</td>" in council and "Нет документов, ожидающих решения совета." not in council
    plan_page = client.get(f"/n/{c.network.slug}/plans/{c.plan.id}").get_data(as_text=True)
    assert "заседание отменено" in plan_page and "голосование идёт" not in plan_page
    with read():
        item = db.session.scalar(select(AgendaItem))
        assert db.session.get(Meeting, meeting.id).cancel_reason == "Карантин в школе <b>"
    _as(client, c.librarian)
    assert _vote(client, c, meeting, item, "for").status_code == 403
    _as(client, c.director)
    for url, data in ((f"{meeting_url}/cancel", {"reason": ""}), (f"{meeting_url}/edit",
                      {"held_on": held_on.isoformat(), "place": "Зал"}), (f"{meeting_url}/agenda",
                      {"approval_id": 0, "title": "Разное"})):
        assert post_form(client, url, data, page_url=meeting_url).status_code == 403
    assert len(outbox) == 0


def _invitation_from(part) -> Calendar:
    content = part.get_content()
    return Calendar.from_ical(content if isinstance(content, (bytes, str)) else bytes(content))


def test_a_meeting_with_a_decision_or_an_e_vote_cannot_be_cancelled(client, make, read, outbox):
    c = build_council(make)
    _as(client, c.coordinator)
    _submit(client, c)
    _as(client, c.director)
    e_vote, _item = _open_e_vote(client, c, read)
    assert client.get(_council_url(c, f"meetings/{e_vote.id}/cancel")).status_code == 404
    assert post_form(client, _council_url(c, "meetings/new"),
                     {"number": 8, "held_on": TODAY.isoformat(), "place": "Кабинет 1"}).status_code == 302
    with read():
        meeting = db.session.scalar(select(Meeting).where(Meeting.number == 8))
    meeting_url = _council_url(c, f"meetings/{meeting.id}")
    assert post_form(client, f"{meeting_url}/agenda", {"approval_id": 0, "title": "Разное"},
                     page_url=meeting_url).status_code == 302
    with read():
        from workspace.council.models import AgendaItem
        item = db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
    assert "Отменить заседание" in client.get(meeting_url).get_data(as_text=True)
    assert _close(client, c, meeting, item).status_code == 302
    assert "Отменить заседание" not in client.get(meeting_url).get_data(as_text=True)
    refused = client.get(f"{meeting_url}/cancel")
    assert refused.status_code == 403 and "Заседание нельзя отменить" in refused.get_data(as_text=True)


def test_a_project_returned_with_remarks_tells_its_submitter_who_holds_a_seat(client, make, read, outbox):
    c = build_council(make)
    project = make.project(c.network, c.library, "Библиотечный квест", participants=(c.school,))
    url = f"/n/{c.network.slug}/projects/{project.id}"
    _as(client, c.librarian)  # the lead institution's coordinator, a member of the council
    assert post_form(client, _council_url(c, f"approvals/project/{project.id}/submit"), {"comment": ""},
                     page_url=url).status_code == 302
    _as(client, c.director)
    meeting, item = _open_e_vote(client, c, read)
    for voter in (c.director, c.parent, c.coordinator):
        _as(client, voter)
        _vote(client, c, meeting, item, "against")
    _as(client, c.director)
    outbox.clear()
    assert _close(client, c, meeting, item, if_not_carried="returned",
                  remarks="Добавьте показатели").status_code == 302
    letters = {}
    for letter in outbox:
        letters.setdefault(letter["to"], []).append(letter)
    assert set(letters) == _seat_addresses(c) and all(len(found) == 1 for found in letters.values())
    [author] = letters[c.librarian.email]
    assert author["subject"] == "«Библиотечный квест»: возвращён на доработку"
    assert "Замечания совета:\n> Добавьте показатели" in author["body"]
    assert f"http://workspace.test/n/{c.network.slug}/council/approvals/project/{project.id}" in author["body"]
    [seat_letter] = letters[c.parent.email]
    assert seat_letter["subject"].startswith("Решение совета: ")


def test_a_cancelled_meeting_says_so_in_the_chronicle_and_the_search(client, make, read, outbox):
    c = build_council(make)
    _as(client, c.director)
    assert post_form(client, _council_url(c, "meetings/new"),
                     {"number": 4, "held_on": TODAY.isoformat(), "place": "Актовый зал"}).status_code == 302
    with read():
        meeting = db.session.scalar(select(Meeting))
    meeting_url = _council_url(c, f"meetings/{meeting.id}")
    assert post_form(client, f"{meeting_url}/agenda", {"approval_id": 0, "title": "Летний лагерь"},
                     page_url=meeting_url).status_code == 302
    assert post_form(client, f"{meeting_url}/cancel", {"reason": ""}).status_code == 302
    chronicle = client.get(f"/n/{c.network.slug}/chronicle").get_data(as_text=True)
    assert "Заседание совета № 4" in chronicle and "Заседание отменено" in chronicle
    found = client.get(f"/i/{c.school.slug}/search?q=лагерь").get_data(as_text=True)
    assert "Заседание совета № 4 (отменено)" in found
    letters = [letter for letter in outbox if "отменено" in letter["subject"]]
    assert len(letters) == 4 and "Причина" not in letters[0]["body"]
    assert "Заседание отменено" in client.get(f"{meeting_url}/minutes").get_data(as_text=True)
    from io import BytesIO

    from docx import Document
    document = Document(BytesIO(client.get(f"{meeting_url}/minutes.docx").data))
    assert "Заседание отменено" in [paragraph.text for paragraph in document.paragraphs]
