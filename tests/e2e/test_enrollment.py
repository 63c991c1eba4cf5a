"""The enrollment chain in a real browser: a parent applies from the public catalog, the school's
coordinator accepts the application (creating the pupil) and sends the provider a request, the provider
enrolls the pupil; the school sees the decision."""
from __future__ import annotations

import re

import pytest

from tests.e2e.support import axe_violations, expect

pytestmark = pytest.mark.e2e

SCHOOL_COORDINATOR = "zam.vr@sosh8.example"
PROVIDER_COORDINATOR = "metodist@cdo-koshekhabl.example"
CHILD = "Тестов Матвей Ильич"


def test_application_request_and_acceptance(open_page):
    parent = open_page(path="/public/n/koshekhabl-set/programmes")
    parent.get_by_role("link", name="Юный эколог").click()
    expect(parent.get_by_role("heading", level=1)).to_have_text("Юный эколог")
    checker = open_page(bypass_csp=True)  # axe is injected as a script: only its own context skips the CSP
    checker.goto(parent.url)
    violations = axe_violations(checker)
    assert not violations, "\n".join(violations)
    parent.get_by_label("Фамилия, имя, отчество ребёнка").fill(CHILD)
    parent.get_by_label("Класс").fill("6А")
    parent.get_by_label("Школа").select_option(label="МБОУ СОШ №8")
    parent.get_by_label("Ваши фамилия, имя, отчество").fill("Тестова Ирина Олеговна")
    parent.get_by_label("Телефон или электронная почта для связи").fill("+7 918 000-11-22")
    parent.get_by_role("button", name="Отправить заявление").click()
    expect(parent.get_by_text("Без согласия на обработку персональных данных")).to_be_visible()
    parent.get_by_label(re.compile("согласен")).check()
    parent.get_by_role("button", name="Отправить заявление").click()
    expect(parent.get_by_text("Заявление отправлено в школу")).to_be_visible()

    school = open_page(user=SCHOOL_COORDINATOR, path="/i/sosh8/enrollment/applications?status=new")
    school.get_by_role("link", name=CHILD).click()
    school.get_by_role("button", name="Принять заявление").click()
    expect(school.get_by_text("Заявление принято")).to_be_visible()
    school.get_by_role("link", name="Отправить заявку организации").click()
    expect(school.get_by_role("heading", level=1)).to_have_text("Заявка организации на сетевую программу")
    school.get_by_label("Программа").select_option(label="Юный эколог — МБОУ ДО ЦДО")
    school.get_by_role("button", name="Выбрать").click()
    expect(school.get_by_label(re.compile(CHILD))).to_be_checked()
    school.get_by_role("button", name="Отправить заявку").click()
    expect(school.get_by_text("Заявка отправлена организации")).to_be_visible()
    row = school.get_by_role("row", name=re.compile(CHILD))
    expect(row).to_contain_text("на рассмотрении")
    request_url = school.url

    provider = open_page(user=PROVIDER_COORDINATOR, path="/n/koshekhabl-set/programmes/requests")
    provider.get_by_role("row", name=re.compile("МБОУ СОШ №8.*Юный эколог.*отправлена")).first \
        .get_by_role("link").click()
    row = provider.get_by_role("row", name=re.compile(CHILD))
    expect(row).not_to_contain_text("+7 918 000-11-22")
    row.get_by_role("button", name=re.compile("Зачислить")).click()
    expect(provider.get_by_text(f"{CHILD} зачислен(а)")).to_be_visible()
    expect(provider.get_by_role("row", name=re.compile(CHILD))).to_contain_text("зачислен")

    school.goto(request_url)
    expect(school.get_by_role("row", name=re.compile(CHILD))).to_contain_text("зачислен")
