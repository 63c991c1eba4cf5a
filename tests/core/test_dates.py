from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from workspace.core.dates import AcademicYear, local_today, ru_date


@pytest.mark.parametrize("day, start", [(date(2026, 9, 1), 2026), (date(2026, 8, 31), 2025),
                                        (date(2026, 11, 22), 2026), (date(2027, 1, 10), 2026)])
def test_academic_year_runs_september_to_august(day, start):
    year = AcademicYear.containing(day)
    assert year.start_year == start and day in year
    assert year.starts_on == date(start, 9, 1) and year.ends_on == date(start + 1, 8, 31)


@pytest.mark.parametrize("text", ["2024-2025", "2024/2025", "2024–25", "2024 — 2025", "2024"])
def test_parse_academic_year(text):
    assert AcademicYear.parse(text) == AcademicYear(2024)


@pytest.mark.parametrize("text", ["2024-2026", "учебный год", ""])
def test_parse_rejects_nonsense(text):
    with pytest.raises(ValueError):
        AcademicYear.parse(text)


def test_months_land_in_the_right_calendar_year():
    year = AcademicYear(2019)
    assert year.date_of(11, 22) == date(2019, 11, 22)
    assert year.date_of(3) == date(2020, 3, 1)


def test_russian_date_format():
    assert ru_date(date(2026, 11, 22)) == "22.11.2026"
    assert ru_date(None) == ""


def test_label_in_russian(app):
    with app.test_request_context():
        assert str(AcademicYear(2026)) == "2026/2027 учебный год"


def test_moments_are_shown_in_moscow_time(app):
    from datetime import datetime

    from workspace.core.dates import ru_datetime
    with app.test_request_context():
        assert ru_datetime(datetime(2026, 11, 22, 7, 5, tzinfo=UTC)) == "22.11.2026 10:05"
        assert ru_datetime(datetime(2026, 11, 22, 22, 30)) == "23.11.2026 01:30"  # naive = UTC (SQLite)
        assert ru_datetime(datetime(2010, 7, 1, 12, 0)) == "01.07.2010 16:00"  # Moscow's summer time of 2010
    app.config["BABEL_DEFAULT_TIMEZONE"] = "Asia/Yekaterinburg"  # the deployment's zone, from its configuration
    with app.test_request_context():
        assert ru_datetime(datetime(2026, 11, 22, 22, 30)) == "23.11.2026 03:30"


def test_today_is_moscow_date_not_the_servers_utc_date():
    assert local_today(datetime(2026, 12, 4, 20, 59, tzinfo=UTC)) == date(2026, 12, 4)
    assert local_today(datetime(2026, 12, 4, 21, 0, tzinfo=UTC)) == date(2026, 12, 5)  # 00:00 in Moscow
    assert local_today(datetime(2027, 8, 31, 22, 30, tzinfo=UTC)) == date(2027, 9, 1)
    assert AcademicYear.containing(local_today(datetime(2027, 8, 31, 22, 30, tzinfo=UTC))).start_year == 2027


def test_no_code_reads_the_servers_own_date():
    """«Today» is Moscow's everywhere (a lesson at 00:30 Moscow is not in the future); ``date.today()`` is UTC's."""
    root = Path(__file__).resolve().parents[2]
    offenders = [f"{path.relative_to(root)}:{number}"
                 for folder in ("workspace", "tenants")
                 for path in sorted((root / folder).rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if "date.today()" in line or "datetime.now()" in line]
    assert offenders == []
