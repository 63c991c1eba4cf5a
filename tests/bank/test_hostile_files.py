"""The bank stores Office documents: they pass the same hostile-file checks as the Excel imports (zip sizes and
ratio, every XML part parsed with defusedxml, DTDs and entities refused), and every stored name is cleaned."""
from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import csrf_token_from
from tests.fixtures import hostile
from workspace.bank.models import DocumentVersion, MaterialFile
from workspace.extensions import db

BANK = "/n/net/bank/"
PDF = b"%PDF-1.4 test"
REFUSED = {
    "XXE": (hostile.xxe, "недопустимые XML-конструкции"),
    "billion laughs": (hostile.billion_laughs, "недопустимые XML-конструкции"),
    "zip bomb": (hostile.zip_bomb, "слишком много места"),
    "renamed binary": (hostile.renamed_binary, "Принимаются PDF, документы Word, Excel и PowerPoint"),
    "truncated zip": (hostile.truncated, "Файл повреждён"),
}


def _docx_with(part: str, content: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr(part, content)
    return buffer.getvalue()


@pytest.fixture
def world(make):
    school = make.institution("СОШ №31", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    return {"network": network, "school": school, "coordinator": make.user(school, "coordinator")}


def upload(client, url: str, page_url: str, content: bytes, name: str, **fields):
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    boundary, body = encode_multipart({"csrf_token": token, **fields,
                                       "file": FileStorage(io.BytesIO(content), filename=name)})
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _stored(read, model) -> list[str]:
    with read():
        return list(db.session.scalars(select(model.filename)))


@pytest.mark.parametrize("kind", REFUSED)
def test_hostile_office_files_are_refused_and_nothing_is_stored(client, world, login_as, make, read, kind):
    material = make.material(world["network"], world["school"], "Урок")
    login_as(world["coordinator"])
    make_file, message = REFUSED[kind]
    page = f"{BANK}{material.id}"

    response = upload(client, page + "/files", page, make_file(), "план.xlsx")

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _stored(read, MaterialFile) == []


@pytest.mark.parametrize("part, content, message", [
    ("word/_rels/document.xml.rels",
     '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Relationships>&x;</Relationships>',
     "недопустимые XML-конструкции"),
    ("word/vbaProject.bin", "macro", "с макросами не принимаются"),
    ("word/styles.xml", "<styles><unclosed></styles>", "Файл повреждён"),
])
def test_every_part_of_a_word_document_is_checked(client, world, login_as, make, read, part, content, message):
    document = make.normative_document(world["network"])
    login_as(world["coordinator"])
    page = f"{BANK}documents/{document.id}"

    response = upload(client, page + "/versions", page, _docx_with(part, content), "положение.docx",
                      approved_on="2026-09-01")

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _stored(read, DocumentVersion) == []


def test_a_clean_office_document_is_taken(client, world, login_as, make, read):
    material = make.material(world["network"], world["school"], "Урок")
    login_as(world["coordinator"])
    page = f"{BANK}{material.id}"

    response = upload(client, page + "/files", page, hostile.valid_xlsx(), "Список.xlsx")

    assert response.status_code == 302
    assert _stored(read, MaterialFile) == ["Список.xlsx"]


@pytest.mark.parametrize("sent, kept", [
    ("../../x.xlsx", "x.xlsx"),
    ("..\\..\\x.pdf", "x.pdf"),
    ("\x00evil.pdf", "evil.pdf"),
    ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ("План работы «Сеть» 2026-2027.pdf", "План работы «Сеть» 2026-2027.pdf"),
    (".htaccess", "htaccess"),
    ("отчёт\u202efdp.exe", "отчётfdp.exe"),
    ("a<b>:c|d?e*.pdf", "a_b__c_d_e_.pdf"),
    ("...", "файл.pdf"),
])
def test_stored_names_are_cleaned_and_sent_with_rfc_5987(client, world, login_as, make, read, sent, kept):
    material = make.material(world["network"], world["school"], "Урок")
    login_as(world["coordinator"])
    page = f"{BANK}{material.id}"
    content = hostile.valid_xlsx() if sent.endswith(".xlsx") else PDF

    assert upload(client, page + "/files", page, content, sent).status_code == 302

    assert _stored(read, MaterialFile) == [kept]
    assert "../" not in client.get(page).get_data(as_text=True)
    with read():
        file_id = db.session.scalar(select(MaterialFile.id))
    disposition = client.get(f"{page}/files/{file_id}").headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    if kept.isascii():
        assert disposition == f'attachment; filename="{kept}"'
    else:
        from urllib.parse import quote
        assert disposition.endswith(f"; filename*=UTF-8''{quote(kept, safe='')}")
        assert disposition.encode("latin-1").isascii()
