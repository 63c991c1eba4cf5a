"""Every .docx the product issues — minutes, an agreement, a certificate, the plan, the interaction model — is A4
with the margins of ГОСТ Р 7.0.97-2016 and names the institution as its author («python-docx» and US Letter came out
before). LibreOffice renders each, and the plan's .xlsx, to a PDF whose pages are A4 (595 × 842 pt, the plan
landscape 842 × 595) with nothing cut: the last column's header and the last row's text are on the pages."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest
from docx import Document
from sqlalchemy import select

from tenants.models import Institution, Network
from tenants.scoping import unscoped
from tests.conftest import IN_CI, login
from workspace.accounts.models import StaffRole, User
from workspace.agreements.models import Agreement
from workspace.core.dates import AcademicYear
from workspace.council.models import Meeting
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import load_demo
from workspace.extensions import db
from workspace.journal.models import Certificate
from workspace.plans.models import Plan, PlanItem

# mid-July: the year's groups have finished and their certificates are issued; meetings and agreements are there
LOAD_DAY = AcademicYear.current().date_of(7, 15)
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")


PORTRAIT, LANDSCAPE = (595, 842), (842, 595)


@pytest.fixture
def demo_documents(app):
    """(url, the author the document must name, a user who may read it, its page (points), texts that must be
    printed) of each kind of document."""
    with app.app_context():
        load_demo(today=LOAD_DAY)
        db.session.commit()
        with unscoped():
            network = db.session.scalar(select(Network).where(Network.slug == "sosh31-kultura"))
            base = db.session.scalar(select(Institution.full_name).where(Institution.id == network.base_institution_id))
            meeting = db.session.scalar(select(Meeting).where(Meeting.network_id == network.id)
                                        .order_by(Meeting.held_on))
            agreement = db.session.scalar(select(Agreement).where(Agreement.network_id == network.id))
            certificate = db.session.scalar(select(Certificate).order_by(Certificate.id))
            provider = db.session.get(Institution, certificate.provider_institution_id)
            certificate_network = db.session.get(Network, certificate.network_id)
            issuer = db.session.scalar(select(User.email).where(
                User.institution_id == provider.id, User.role.in_([StaffRole.ADMIN, StaffRole.COORDINATOR])))
            plan = db.session.scalar(select(Plan).where(Plan.network_id == network.id).order_by(Plan.id))
            last_item = db.session.scalar(select(PlanItem.title).where(PlanItem.plan_id == plan.id)
                                          .order_by(PlanItem.section_id.desc(), PlanItem.position.desc()))
        director = "direktor@sosh31.example"
        plan_texts = ("УТВЕРЖДАЮ", "Статус", _first_words(last_item))
        return [
            (f"/n/{network.slug}/council/meetings/{meeting.id}/minutes.docx", base, director, PORTRAIT,
             ("ПРОТОКОЛ", "РЕШИЛИ", "Секретарь")),
            (f"/n/{network.slug}/agreements/{agreement.id}/agreement.docx", base, director, PORTRAIT, ()),
            (f"/n/{certificate_network.slug}/journal/certificates/{certificate.id}.docx", provider.full_name, issuer,
             PORTRAIT, ()),
            (f"/n/{network.slug}/plans/{plan.id}/export.docx", base, director, LANDSCAPE, plan_texts),
            (f"/n/{network.slug}/model.docx", base, director, PORTRAIT,
             ("Модель сетевого взаимодействия", "Социальный эффект", "Театр")),
            (f"/n/{network.slug}/plans/{plan.id}/export.xlsx", None, director, LANDSCAPE, plan_texts),
        ]


def _first_words(text: str) -> str:
    """The first words of a title (a line of a table cell may break after any of the later ones)."""
    return " ".join(text.split()[:2])


def _to_pdf(data: bytes, folder, extension: str = "docx") -> bytes:
    source = folder / f"document.{extension}"
    source.write_bytes(data)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(folder)})
    return (folder / "document.pdf").read_bytes()


def test_every_issued_document_is_a4_by_its_institution(app, demo_documents, tmp_path):
    for url, author, email, page, _texts in demo_documents:
        if url.endswith(".xlsx"):
            continue
        client = app.test_client()
        login(client, email, DEMO_PASSWORD)
        response = client.get(url)
        assert response.status_code == 200, url
        document = Document(io.BytesIO(response.data))
        assert document.core_properties.author == author, url
        for section in document.sections:
            size = (round(section.page_width.mm), round(section.page_height.mm))
            assert size == ((210, 297) if page == PORTRAIT else (297, 210)), url
            margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
            assert [round(margin.mm) for margin in margins] == [20, 10, 20, 30], url


def test_libreoffice_prints_each_on_a4(app, demo_documents, tmp_path):
    if shutil.which("soffice") is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) is missing: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    for number, (url, _author, email, page, texts) in enumerate(demo_documents):
        client = app.test_client()
        login(client, email, DEMO_PASSWORD)
        folder = tmp_path / str(number)
        folder.mkdir()
        pdf = _to_pdf(client.get(url).data, folder, url.rsplit(".", 1)[1])
        boxes = MEDIA_BOX.findall(pdf)
        assert boxes, url
        for width, height in boxes:
            assert (round(float(width)), round(float(height))) == page, url
        if texts and shutil.which("pdftotext"):
            printed = subprocess.run(["pdftotext", "-layout", str(folder / "document.pdf"), "-"], check=True,
                                     capture_output=True, timeout=60).stdout.decode()
            printed = " ".join(printed.split())
            for text in texts:
                assert text in printed, (url, text)
