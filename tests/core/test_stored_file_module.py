"""core/stored_files.py: one set of columns for every stored file, one way in (accept_file), one way out
(send_stored_file)."""
from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from sqlalchemy import LargeBinary
from werkzeug.datastructures import FileStorage

from tests.fixtures import hostile
from workspace.agreements.models import AgreementFile
from workspace.bank.models import DocumentVersion, MaterialFile
from workspace.core.stored_files import StoredFile, accept_file, send_stored_file
from workspace.plans.report_models import EventFile
from workspace.projects.models import ProjectDocument

PDF = b"%PDF-1.7\n" + b"0" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64
MODELS = {AgreementFile: "agreement_files", ProjectDocument: "project_documents", EventFile: "event_files",
          MaterialFile: "material_files", DocumentVersion: "document_versions"}


def _field(content: bytes, name: str = "скан.pdf"):
    return SimpleNamespace(data=FileStorage(io.BytesIO(content), filename=name), errors=[])


@pytest.mark.parametrize("model", list(MODELS), ids=lambda model: model.__name__)
def test_every_stored_file_model_keeps_its_table_and_the_same_columns(model):
    assert issubclass(model, StoredFile)
    table = model.__table__
    assert table.name == MODELS[model]
    columns = {name: table.c[name] for name in ("filename", "content_type", "size", "content", "author_id",
                                                "created_at")}
    assert columns["filename"].type.length == 255 and not columns["filename"].nullable
    assert columns["content_type"].type.length == 100
    assert isinstance(columns["content"].type, LargeBinary) and not columns["content"].nullable
    assert columns["author_id"].nullable
    (foreign_key,) = columns["author_id"].foreign_keys
    assert foreign_key.target_fullname == "users.id" and foreign_key.ondelete == "SET NULL"


def test_a_taken_file_fills_the_columns_under_its_clean_name(app):
    with app.test_request_context():
        field = _field(PDF, "..\\..\\Скан\x07.pdf")
        accepted = accept_file(field, stored=0, limit=1, too_many="много")
    assert field.errors == [] and accepted is not None
    stored = AgreementFile.from_upload(accepted, network_id=1, agreement_id=2, author_id=3)
    assert (stored.filename, stored.content_type, stored.size, stored.content) == ("Скан.pdf", "application/pdf",
                                                                                   len(PDF), PDF)
    assert (stored.network_id, stored.agreement_id, stored.author_id) == (1, 2, 3)
    assert stored.audit_label() == "Скан.pdf"


def test_a_hostile_file_or_one_too_many_is_refused_on_the_field(app):
    with app.test_request_context():
        hostile_field = _field(hostile.renamed_binary())
        assert accept_file(hostile_field, stored=0, limit=5, too_many="много") is None
        full_field = _field(PDF)
        assert accept_file(full_field, stored=5, limit=5, too_many="Не больше пяти файлов.") is None
        office_field = _field(hostile.valid_xlsx(), "таблица.xlsx")
        assert accept_file(office_field, stored=0, limit=5, too_many="много") is None  # a scan only
        accepted_office = accept_file(_field(hostile.valid_xlsx(), "таблица.xlsx"), office=True, stored=0, limit=5,
                                      too_many="много")
    assert "Принимаются" in hostile_field.errors[0]
    assert full_field.errors == ["Не больше пяти файлов."]
    assert office_field.errors and accepted_office.filename == "таблица.xlsx"


def test_a_stored_file_goes_back_sandboxed_images_inline(app):
    with app.test_request_context():
        scan = send_stored_file(SimpleNamespace(content=PDF, content_type="application/pdf", filename="Скан.pdf"))
        photo = send_stored_file(SimpleNamespace(content=PNG, content_type="image/png", filename="photo.png"))
    assert scan.data == PDF and scan.mimetype == "application/pdf"
    assert scan.headers["Content-Disposition"].startswith("attachment; ")
    assert photo.headers["Content-Disposition"] == 'inline; filename="photo.png"'
    assert scan.headers["Content-Security-Policy"] == photo.headers["Content-Security-Policy"] == (
        "sandbox; default-src 'none'")
