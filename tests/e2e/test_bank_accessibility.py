"""WCAG checks (axe) of the bank, the register and the request table pages."""
from __future__ import annotations

import pytest

from tests.e2e.support import COORDINATOR, EXTERNAL, NETWORK, axe_violations, expect

pytestmark = pytest.mark.e2e

PAGES = [
    ("bank", COORDINATOR, NETWORK + "bank/?q=квест", "Банк лучших практик"),
    ("bank-new", COORDINATOR, NETWORK + "bank/new", "Новый материал в банке"),
    ("documents", COORDINATOR, NETWORK + "bank/documents", "Реестр нормативных документов"),
    ("external-bank", EXTERNAL, NETWORK + "bank/", "Банк лучших практик"),
    ("requests", COORDINATOR, NETWORK + "requests/", "Таблица запросов"),
    ("request-new", COORDINATOR, NETWORK + "requests/new?kind=offer", "Новый ресурс: что можем предложить"),
]


@pytest.mark.parametrize(("user", "path", "heading"), [page[1:] for page in PAGES], ids=[page[0] for page in PAGES])
def test_page_has_no_wcag_violations(open_page, user, path, heading):
    page = open_page(user=user, bypass_csp=True)  # axe is injected as an inline script
    response = page.goto(path)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(violations)


def test_material_document_and_conversation_pages_have_no_wcag_violations(open_page):
    page = open_page(user=COORDINATOR, bypass_csp=True)
    regulation = "Положение о сетевом взаимодействии МБОУ «СОШ №31» с учреждениями культуры"
    for start, link, heading in (
            (NETWORK + "bank/", "Сценарий квеста в музее «Тайны Кузнецкой крепости»",
             "Сценарий квеста в музее «Тайны Кузнецкой крепости»"),
            (NETWORK + "bank/documents", regulation, regulation),
            (NETWORK + "requests/", "Открыть обсуждение", "Обсуждение: Площадка для литературного квеста на 50 человек")):
        page.goto(start)
        page.get_by_role("link", name=link).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        violations = axe_violations(page)
        assert not violations, f"axe on {page.url}:\n" + "\n".join(violations)
