"""The dashboard's sections are drawn once while their rows are shared; a section that reads anything else is drawn
on every view (workspace.monitoring.drawing)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tenants.models import Institution
from tests.monitoring.test_diagnostics import _add_class, world  # noqa: F401  (the diagnostics' world)
from workspace.extensions import db
from workspace.monitoring import registry
from workspace.monitoring.registry import Headline, SectionContent, SectionEntry


@pytest.fixture
def shared_rows(app):
    app.config["MONITORING_CACHE_SECONDS"] = 60
    registry._SHARED.clear()
    yield
    app.config["MONITORING_CACHE_SECONDS"] = 0
    registry._SHARED.clear()


def _section(page: str, key: str) -> str:
    found = re.search(rf'<section class="panel monitoring-section" aria-labelledby="section-{key}">.*?</section>',
                      page, re.S)
    assert found, key
    return found.group(0)


def test_a_section_from_the_shared_rows_is_drawn_once_and_one_that_reads_is_drawn_each_time(
        client, login_as, world, monkeypatch, shared_rows):  # noqa: F811
    calls = {"kept": 0, "read": 0}

    def kept(_scope):
        calls["kept"] += 1
        return SectionContent(headlines=[Headline("Проверка: нарисовано", calls["kept"])])

    def read(_scope):
        calls["read"] += 1
        institutions = db.session.scalar(select(func.count()).select_from(Institution))
        return SectionContent(headlines=[Headline("Проверка: прочитано", institutions * 1000 + calls["read"])])

    monkeypatch.setitem(registry.SECTIONS, "zz-kept", SectionEntry("zz-kept", "Нарисованный раздел", kept, 900))
    monkeypatch.setitem(registry.SECTIONS, "zz-read", SectionEntry("zz-read", "Читающий раздел", read, 901))
    login_as(world["people"]["coordinator"])
    first = client.get("/n/seven/monitoring/?year=2026").get_data(as_text=True)
    again = client.get("/n/seven/monitoring/?year=2026").get_data(as_text=True)
    assert calls == {"kept": 1, "read": 2}
    kept_first, kept_again = _section(first, "zz-kept"), _section(again, "zz-kept")
    assert kept_first == kept_again and "<strong>1</strong>" in kept_again
    assert "<strong>3\u00a0001</strong>" in _section(first, "zz-read")  # three institutions, the first drawing
    assert "<strong>3\u00a0002</strong>" in _section(again, "zz-read")
    # the printable page links differently: drawn apart; another year is another scope
    client.get("/n/seven/monitoring/print?year=2026")
    client.get("/n/seven/monitoring/?year=2025")
    assert calls == {"kept": 3, "read": 4}
    registry._SHARED.clear()  # the rows read again: the drawing with them
    client.get("/n/seven/monitoring/?year=2026")
    assert calls == {"kept": 4, "read": 5}


def test_a_diagnostic_entered_shows_at_once_while_the_rows_are_kept(client, login_as, world, shared_rows):  # noqa: F811
    login_as(world["people"]["coordinator"])
    before = client.get("/n/seven/monitoring/?year=2026").get_data(as_text=True)
    assert "72,7" not in _section(before, "diagnostics")
    response = _add_class(client, world, {"class_label": "7А", "assessed": "11", "high": "4", "middle": "4",
                                          "low": "3", "score": ""})
    assert response.status_code == 302, response.get_data(as_text=True)
    after = client.get("/n/seven/monitoring/?year=2026").get_data(as_text=True)
    assert "72,7" in _section(after, "diagnostics")  # (4 + 4) ÷ 11: the totals are read on every view
    assert _section(after, "events") == _section(before, "events")  # the plan's section: kept with its rows
