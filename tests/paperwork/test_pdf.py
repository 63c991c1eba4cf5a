"""LibreOffice prints each of the network's documents on A4 with nothing lost: the first and the last texts of each
are on its pages (pdftotext), every page 595 × 842 pt. One LibreOffice run converts the three."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import IN_CI, login
from tests.paperwork.world import build

MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")


def test_libreoffice_prints_each_document_on_a4(app, client, make, tmp_path):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) and pdftotext are missing: .ci/run installs them")
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    world = build(make)
    login(client, world.users["deputy"].email)
    base = "/n/kultura/documents"
    documents = {
        "regulation": (f"{base}/regulation.docx", ("УТВЕРЖДАЮ", "1. Общие положения", "Совет состоит из 5 членов",
                                                    "6.2. Изменения и дополнения")),
        "order": (f"{base}/schools/{world.school.id}/order.docx", ("ПРИКАЗ", "ПРИКАЗЫВАЮ:", "21 обучающийся",
                                                                    "Харитонов Иван Петрович", "С приказом ознакомлены")),
        "agreement": (f"{base}/programmes/{world.robotics.id}/schools/{world.school.id}/agreement.docx",
                      ("ДОГОВОР № СФ-7", "в лице директора Римской-Корсаковой Анны Сергеевны",
                       "10. Реквизиты и подписи Сторон", "Римская-Корсакова", "М.П.")),
    }
    for name, (url, _texts) in documents.items():
        response = client.get(url)
        assert response.status_code == 200, url
        (tmp_path / f"{name}.docx").write_bytes(response.data)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *(str(tmp_path / f"{name}.docx") for name in documents)],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    for name, (url, texts) in documents.items():
        pdf = (tmp_path / f"{name}.pdf").read_bytes()
        boxes = MEDIA_BOX.findall(pdf)
        assert boxes, url
        assert {(round(float(width)), round(float(height))) for width, height in boxes} == {(595, 842)}, url
        printed = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"{name}.pdf"), "-"], check=True,
                                 capture_output=True, timeout=60).stdout.decode()
        printed = " ".join(printed.replace("\u00a0", " ").split())
        for text in texts:
            assert text in printed, (name, text)
