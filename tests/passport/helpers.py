"""A network with a council, a register of normative documents and every role, for the passport's tests."""
from __future__ import annotations

from datetime import date

from tests.council.helpers import build_council

PASSPORT_FORM = {
    "name": "Культура рядом", "developer": "Администрация МБОУ «СОШ №31»",
    "executors": "МБОУ «СОШ №31»\nМБУ «МИБС»", "goal": "Создание единого культурно-образовательного пространства.",
    "tasks": "Организовать посещение театров\nВключить ресурсы библиотек в урочную деятельность",
    "starts_on": "2026-09-01", "ends_on": "2029-08-31",
    "grounds": "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
    "results_pupils": "Рост читательской активности\nУчастие в конкурсах чтецов",
    "results_teachers": "Освоение форм работы с учреждениями культуры",
    "results_parents": "Совместный досуг детей и родителей",
    "resources_staff": "Библиотекари МБУ «МИБС»\nУчителя литературы",
    "resources_material": "Читальный зал детской библиотеки",
    "resources_information": "Страница программы на сайте школы",
    "resources_methodical": "", "resources_financial": "",
    "control": "Координационный совет рассматривает отчёты партнёров два раза в год.", "version": "0",
}


def build(make, slug: str = "kultura"):
    c = build_council(make, slug)
    c.regulation = make.normative_document(c.network, "О сетевом взаимодействии", kind="regulation", number="12",
                                           approved_on=date(2026, 8, 28))
    return c


def passport_url(c, rest: str = "") -> str:
    return f"/n/{c.network.slug}/passport/{rest}"
