"""Excel of the journal: a group's grid and a school's half-year report (write-only, formulas neutralised)."""
from __future__ import annotations

from workspace.core.excel import grid_workbook_bytes
from workspace.core.i18n import gettext as _
from workspace.core.labels import label


def group_workbook(group, lessons, rows, cell_text, with_school: bool = True) -> bytes:
    header = [_("Обучающийся"), _("Класс")] + ([_("Школа")] if with_school else [])
    header += [lesson.held_on.strftime("%d.%m.%Y") for lesson in lessons] + [_("Посещаемость, %")]

    def lines():
        for row in rows:
            start = [row.name, row.class_label] + ([row.school] if with_school else [])
            yield start + [cell_text(row.cells.get(lesson.id)) for lesson in lessons] + [row.percent]
        yield [_("Посещаемость занятия, %"), ""] + ([""] if with_school else []) + [
            lesson.percent for lesson in lessons] + [""]

    caption = _("Журнал группы «%(name)s» — %(programme)s", name=group.name, programme=group.programme_title)
    return grid_workbook_bytes(group.name, header, lines(), caption=caption)


def report_workbook(school_name: str, period, rows) -> bytes:
    header = [_("Обучающийся"), _("Класс"), _("Программа"), _("Группа"), _("Организация"), _("Статус"),
              _("Занятий"), _("Присутствовал"), _("Отсутствовал"), _("Уважительная причина"), _("Посещаемость, %"),
              _("Успеваемость"), _("Аттестация")]
    lines = ([row.pupil_name, row.class_label, row.programme_title, row.group_name, row.provider, label(row.status),
              row.lessons, row.present, row.absent, row.excused, row.percent, row.progress, row.attestation]
             for row in rows)
    caption = _("Посещаемость и успеваемость обучающихся %(school)s в сетевых группах, %(period)s",
                school=school_name, period=period.label)
    return grid_workbook_bytes(_("Отчёт"), header, lines, caption=caption)
