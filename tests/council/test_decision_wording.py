"""«РЕШИЛИ»: the decision's wording the chair or the secretary writes for each agenda question, printed by the
minutes page and the .docx after the vote's result; without a wording the minutes say what is true."""
from __future__ import annotations

import io
from datetime import date
from types import SimpleNamespace

from docx import Document
from docx.oxml.ns import qn
from sqlalchemy import select

from tests.conftest import login, post_form
from tests.council.helpers import build_council
from tests.fixtures.factories import PASSWORD
from workspace.council.models import AgendaItem, Outcome
from workspace.council.voting import resolution_text
from workspace.extensions import db

WORDING = "Принять к сведению информацию о Неделе детской книги; библиотеке подготовить выставку к 20 марта."


def _decision(outcome: str):
    return SimpleNamespace(outcome=Outcome(outcome))


def test_the_resolution_never_claims_a_decision_that_was_not_taken(app):
    with app.test_request_context("/"):
        assert resolution_text(None, False) == "голосование не завершено, решение не принято."
        assert resolution_text(None, False, WORDING).endswith("(проект решения; голосование не завершено)")
        assert resolution_text(_decision("approved"), False, WORDING) == WORDING
        carried = resolution_text(_decision("approved"), False)
        assert carried != "Решение принято." and "формулировка решения в протокол не внесена" in carried
        assert resolution_text(_decision("rejected"), False, WORDING) == f"Решение не принято. Проект решения: {WORDING}"
        assert resolution_text(_decision("no_quorum"), False) == "Решение не принято: нет кворума."
        assert resolution_text(_decision("approved"), True) == "Утвердить."
        assert resolution_text(_decision("approved"), True, "Утвердить с учётом замечаний.") == \
            "Утвердить. Утвердить с учётом замечаний."
        assert resolution_text(_decision("returned"), True) == "Вернуть на доработку."


def test_the_secretary_writes_the_wording_and_the_minutes_print_it(client, make, read):
    c = build_council(make)
    meeting = make.meeting(c.network, 3, held_on=date(2026, 10, 14))
    worded = make.agenda_item(meeting, "О Неделе детской книги", position=1)
    unworded = make.agenda_item(meeting, "О графике экскурсий", position=2)
    open_item = make.agenda_item(meeting, "О разном", position=3)
    make.decision(worded, "approved", decided_on=meeting.held_on)
    make.decision(unworded, "approved", decided_on=meeting.held_on)
    login(client, c.coordinator.email, PASSWORD)
    base = f"/n/{c.network.slug}/council/meetings/{meeting.id}"

    page = client.get(base).get_data(as_text=True)
    assert "Записать, что обсуждали и решили" in page
    form = client.get(f"{base}/agenda/{worded.id}/discussion").get_data(as_text=True)
    assert "Решили (формулировка решения)" in form
    response = post_form(client, f"{base}/agenda/{worded.id}/discussion",
                         {"discussion": "Выступила Морозова Е. В.", "decision_wording": f"  {WORDING}  ",
                          "version": "1"})
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(AgendaItem.decision_wording).where(AgendaItem.id == worded.id)) == WORDING
    assert WORDING in client.get(base).get_data(as_text=True)

    minutes = client.get(f"{base}/minutes").get_data(as_text=True)
    assert minutes.count("РЕШИЛИ:") == 3 and WORDING in minutes
    assert "Решение принято." not in minutes
    assert "формулировка решения в протокол не внесена" in minutes
    assert "голосование не завершено, решение не принято." in minutes

    document = Document(io.BytesIO(client.get(f"{base}/minutes.docx").data))
    lines = [paragraph.text for paragraph in document.paragraphs if paragraph.text.startswith("РЕШИЛИ:")]
    assert lines == [f"РЕШИЛИ: {WORDING}",
                     "РЕШИЛИ: Решение принято голосованием (формулировка решения в протокол не внесена).",
                     "РЕШИЛИ: голосование не завершено, решение не принято."]
    header = document.sections[0].header._element
    assert "PAGE" in "".join(node.text or "" for node in header.iter(qn("w:instrText")))   # numbered from page 2
    assert document.sections[0].different_first_page_header_footer and open_item.id


def test_a_member_cannot_write_the_wording(client, make):
    c = build_council(make)
    meeting = make.meeting(c.network, 3)
    item = make.agenda_item(meeting, "О Неделе детской книги")
    login(client, c.librarian.email, PASSWORD)
    url = f"/n/{c.network.slug}/council/meetings/{meeting.id}/agenda/{item.id}/discussion"
    assert client.get(url).status_code in (403, 404)
