"""Certificates (документ об обучении): the result of a pupil, numbering, the .docx document."""
from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH
from sqlalchemy import func, select, update

from workspace.core.dates import ru_date
from workspace.core.documents import a4_blank
from workspace.core.i18n import gettext as _
from workspace.core.words import decline_name, name_gender, plural, quoted
from workspace.extensions import db
from workspace.journal.models import Attendance, Certificate, CertificateCounter, CertificateKind, Mark
from workspace.journal.scales import GRADE_LABELS, grade_value
from workspace.programmes.models import GradeScale


def results_of(group_id: int, scale: GradeScale) -> dict[int, str]:
    """The result per enrollment of a group, from its marks (one statement)."""
    present: dict[int, int] = defaultdict(int)
    marked: dict[int, int] = defaultdict(int)
    grades: dict[int, Counter] = defaultdict(Counter)
    for enrollment_id, attendance, grade, count in db.session.execute(
            select(Mark.enrollment_id, Mark.attendance, Mark.grade, func.count(Mark.id))
            .where(Mark.group_id == group_id).group_by(Mark.enrollment_id, Mark.attendance, Mark.grade)):
        if attendance is not None:
            marked[enrollment_id] += count
            present[enrollment_id] += count if attendance is Attendance.PRESENT else 0
        if grade:
            grades[enrollment_id][grade] += count
    results = {}
    for enrollment_id in set(marked) | set(grades):
        results[enrollment_id] = result_text(scale, grades[enrollment_id])
    return results


def result_text(scale: GradeScale, grades: Counter) -> str:
    if not grades:
        return _("программа освоена")
    if scale is GradeScale.FIVE_POINT:
        total = sum(grade_value(grade) * n for grade, n in grades.items())
        average = f"{total / sum(grades.values()):.1f}".replace(".", ",")
        return _("программа освоена, средний балл %(value)s", value=average)
    if scale is GradeScale.PASS_FAIL:
        return _("зачтено") if grades["pass"] >= grades["fail"] else _("не зачтено")
    level = max(("high", "medium", "low"), key=lambda name: (grades[name], name == "medium"))
    return _("программа освоена, уровень: %(level)s", level=str(GRADE_LABELS[level]))


def take_numbers(provider_id: int, year: int, count: int,
                 kind: CertificateKind = CertificateKind.CERTIFICATE) -> range:
    """Reserve ``count`` consecutive numbers of a provider's year in the series of ``kind`` (certificates and
    справки об обучении are numbered apart; a row lock on its counter)."""
    if not count:
        return range(0)
    last = db.session.execute(update(CertificateCounter)
                              .where(CertificateCounter.institution_id == provider_id, CertificateCounter.year == year,
                                     CertificateCounter.kind == kind)
                              .values(last_number=CertificateCounter.last_number + count)
                              .returning(CertificateCounter.last_number)
                              .execution_options(synchronize_session=False)).scalar()
    if last is None:
        db.session.add(CertificateCounter(institution_id=provider_id, year=year, kind=kind, last_number=count))
        db.session.flush()
        last = count
    return range(last - count + 1, last + 1)


def certificate_lines(certificate: Certificate, provider_name: str) -> list[tuple[str, str]]:
    return [(_("Выдан"), certificate.pupil_name + (f", {certificate.class_label}" if certificate.class_label else "")),
            (_("в том, что он(а) прошёл(ла) обучение по сетевой образовательной программе"),
             quoted(certificate.programme_title)),
            (_("Объём программы"), _("%(n)d ч.", n=certificate.hours)),
            (_("Результат"), certificate.result),
            (_("Организация"), provider_name),
            (_("Дата выдачи"), ru_date(certificate.issued_on))]


def completed(pupil_name: str) -> str:
    """«он прошёл» or «она прошла», as the pupil's name says."""
    return _("она прошла") if name_gender(pupil_name) == "femn" else _("он прошёл")


def statement_text(certificate: Certificate) -> str:
    """The body of a справка об обучении: «… прошёл обучение по программе «…» в объёме 72 часов»."""
    pupil = decline_name(certificate.pupil_name, "datv") + (
        f" ({certificate.class_label})" if certificate.class_label else "")
    return _("Выдана %(pupil)s в том, что %(completed)s обучение по программе %(programme)s в объёме "
             "%(hours)s.", pupil=pupil, completed=completed(certificate.pupil_name),
             programme=quoted(certificate.programme_title), hours=plural(certificate.hours, "час", case="gent"))


def statement_lines(certificate: Certificate, provider_name: str) -> list[tuple[str, str]]:
    return [(_("Справка"), statement_text(certificate)),
            (_("Итоговая аттестация"), certificate.result),
            (_("Организация"), provider_name),
            (_("Дата выдачи"), ru_date(certificate.issued_on))]


def document_lines(certificate: Certificate, provider_name: str) -> list[tuple[str, str]]:
    if certificate.kind is CertificateKind.STATEMENT:
        return statement_lines(certificate, provider_name)
    return certificate_lines(certificate, provider_name)


def statement_docx(certificate: Certificate, provider_name: str) -> bytes:
    document = a4_blank(provider_name, _("Справка об обучении № %(label)s", label=certificate.label), font_size=14)
    for text, bold in ((_("СПРАВКА"), True), (_("об обучении № %(label)s", label=certificate.label), False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    document.add_paragraph(statement_text(certificate))
    for caption, value in statement_lines(certificate, provider_name)[1:]:
        paragraph = document.add_paragraph()
        paragraph.add_run(caption + ": ").bold = True
        paragraph.add_run(value)
    document.add_paragraph("\n" + _("Руководитель организации") + " ____________________")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def certificate_docx(certificate: Certificate, provider_name: str) -> bytes:
    if certificate.kind is CertificateKind.STATEMENT:
        return statement_docx(certificate, provider_name)
    document = a4_blank(provider_name, _("Сертификат об обучении № %(label)s", label=certificate.label), font_size=14)
    for text, bold in ((_("СЕРТИФИКАТ"), True), (_("об обучении № %(label)s", label=certificate.label), False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    for caption, value in certificate_lines(certificate, provider_name):
        paragraph = document.add_paragraph()
        paragraph.add_run(caption + ": ").bold = True
        paragraph.add_run(value)
    document.add_paragraph("\n" + _("Руководитель организации") + " ____________________")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def issue_year(today: date) -> int:
    return today.year
