"""The register of normative documents: the base institution's managers write, the network reads."""
from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import select

from tests.conftest import login, post_form
from workspace.bank.models import DocumentVersion, NormativeDocument
from workspace.extensions import db

DOCS = "/n/net/bank/documents"


@pytest.fixture
def world(make):
    school = make.institution("СОШ №31", slug="school")
    library = make.institution("МИБС", kind="library", slug="library")
    network = make.network(school, name="Сеть", slug="net")
    make.member(network, library, "social_partner")
    return {"network": network, "coordinator": make.user(school, "coordinator"),
            "teacher": make.user(school, "teacher"), "library": make.user(library, "coordinator")}


def _upload(client, document_id, approved_on, name="положение.pdf", current="y"):
    page = f"{DOCS}/{document_id}"
    data = {"file": (io.BytesIO(b"%PDF-1.4 " + name.encode()), name), "approved_on": approved_on, "note": "",
            "is_current": current}
    return post_form(client, page + "/versions", data, page_url=page, content_type="multipart/form-data")


def test_base_manager_registers_a_document_with_two_versions(client, world, login_as, read):
    login_as(world["coordinator"])
    response = post_form(client, DOCS, {"kind": "regulation", "number": "1",
                                        "title": "Положение о сетевом взаимодействии", "approved_on": ""})
    assert response.status_code == 302
    with read():
        document_id = db.session.scalar(select(NormativeDocument.id))
    assert _upload(client, document_id, "2025-09-01", "положение-2025.pdf").status_code == 302
    assert _upload(client, document_id, "2026-09-01", "положение-2026.pdf").status_code == 302
    with read():
        versions = {v.filename: v for v in db.session.scalars(select(DocumentVersion))}
        assert versions["положение-2026.pdf"].is_current and not versions["положение-2025.pdf"].is_current
        assert db.session.scalar(select(NormativeDocument.approved_on)) == date(2026, 9, 1)
        old_id = versions["положение-2025.pdf"].id
    register = client.get(DOCS).get_data(as_text=True)
    assert "Положение о сетевом взаимодействии" in register and "от 01.09.2026" in register
    response = post_form(client, f"{DOCS}/{document_id}/versions/{old_id}/current", {},
                         page_url=f"{DOCS}/{document_id}")
    assert response.status_code == 302
    with read():
        current = db.session.scalars(select(DocumentVersion.filename).where(DocumentVersion.is_current)).all()
    assert current == ["положение-2025.pdf"]


def test_others_read_the_register_and_cannot_write(app, world, make, read):
    document = make.normative_document(world["network"], "Приказ о сетевом взаимодействии", kind="order", number="45",
                             versions=((date(2026, 9, 1), "приказ.pdf", b"%PDF-1.4", True, ""),))
    for user in (world["teacher"], world["library"]):
        client = app.test_client()
        login(client, user.email)
        page = client.get(DOCS).get_data(as_text=True)
        assert "Приказ о сетевом взаимодействии" in page and "Внести документ" not in page
        assert client.get(f"{DOCS}/{document.id}/versions/{document.version_ids[0]}").status_code == 200
        assert client.get(f"{DOCS}/{document.id}/delete").status_code == 403
        response = post_form(client, f"{DOCS}/{document.id}", {"kind": "order", "title": "Подмена"},
                             page_url=f"{DOCS}/{document.id}")
        assert response.status_code == 403
    with read():
        assert db.session.scalar(select(NormativeDocument.title)) == "Приказ о сетевом взаимодействии"


def test_deleting_the_current_version_makes_the_newest_current(client, world, login_as, make, read):
    document = make.normative_document(world["network"], versions=(
        (date(2025, 9, 1), "старая.pdf", b"%PDF-1.4", False, ""), (date(2026, 9, 1), "новая.pdf", b"%PDF-1.4", True, "")))
    login_as(world["coordinator"])
    url = f"{DOCS}/{document.id}/versions/{document.version_ids[1]}/delete"
    assert "Удалить редакцию документа?" in client.get(url).get_data(as_text=True)
    assert post_form(client, url, {}).status_code == 302
    with read():
        assert db.session.scalars(select(DocumentVersion.filename).where(DocumentVersion.is_current)).all() == [
            "старая.pdf"]


def test_a_file_of_another_type_is_refused(client, world, login_as, make, read):
    document = make.normative_document(world["network"])
    login_as(world["coordinator"])
    page = f"{DOCS}/{document.id}"
    response = post_form(client, page + "/versions", {"file": (io.BytesIO(b"MZ\x90"), "x.exe"),
                                                      "approved_on": "2026-09-01"},
                         page_url=page, content_type="multipart/form-data")
    assert response.status_code == 422 and "Принимаются PDF" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(DocumentVersion.id)) is None


def test_card_edit_conflict(client, world, login_as, make, read):
    document = make.normative_document(world["network"], "Положение")
    login_as(world["coordinator"])
    response = post_form(client, f"{DOCS}/{document.id}", {"kind": "regulation", "title": "Другое",
                                                           "version": "99"})
    assert response.status_code == 409 and "только что изменил другой пользователь" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(NormativeDocument.title)) == "Положение"
