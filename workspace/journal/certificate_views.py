"""Certificates: issued in a batch for a group by the provider's admin or coordinator, a printable
page and .docx per certificate, and the provider's register (search, pages, Excel)."""
from __future__ import annotations

from datetime import date

from flask import Response, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tenants.models import Institution, Network
from tenants.permissions import MANAGERS, require_role
from workspace.core.excel import workbook_bytes, xlsx_response
from workspace.core.pagination import paginate
from workspace.core.rendering import render
from workspace.core.text import matches_search_text
from workspace.core.uploads import content_disposition
from workspace.council.minutes import DOCX_MIMETYPE
from workspace.extensions import db
from workspace.journal import bp
from workspace.journal.access import certificate_group_or_404, get_certificate_or_404
from workspace.journal.certificates import certificate_docx, certificate_lines, issue_year, results_of, take_numbers
from workspace.journal.models import Certificate
from workspace.programmes.models import Enrollment, EnrollmentStatus
from workspace.pupils.reads import record_pupil_reads

ISSUABLE = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)


@bp.route("/n/<network>/journal/groups/<int:group_id>/certificates", methods=["GET", "POST"])
@login_required
def issue_certificates(group_id: int):
    head, _lessons = certificate_group_or_404(group_id)
    enrollments = db.session.execute(
        select(Enrollment.id, Enrollment.pupil_name, Enrollment.class_label, Enrollment.status,
               Enrollment.home_institution_id, Certificate.id, Certificate.year, Certificate.number, Enrollment.pupil_id)
        .outerjoin(Certificate, Certificate.enrollment_id == Enrollment.id)
        .where(Enrollment.group_id == head.id, Enrollment.status.in_(ISSUABLE))
        .order_by(Enrollment.pupil_name)).all()
    results = results_of(head.id, head.grade_scale)
    record_pupil_reads("certificate_issue", head.id, ((row[4], row[8]) for row in enrollments))
    if request.method == "POST":
        chosen = {int(value) for value in request.form.getlist("enrollment_id") if value.isdigit()}
        waiting = [row for row in enrollments if row[5] is None and row[0] in chosen]
        if not chosen or len(waiting) != len(chosen):
            return render("journal/issue.html", status=422, group=head, enrollments=enrollments, results=results,
                          error=_("Отметьте обучающихся группы, которым ещё не выдан документ."))
        today = date.today()
        year = issue_year(today)
        numbers = take_numbers(head.provider_institution_id, year, len(waiting))
        statuses = {row[0]: row for row in waiting}
        for number, row in zip(numbers, waiting):
            result = results.get(row[0], _("программа освоена"))
            db.session.add(Certificate(
                network_id=g.network.id, provider_institution_id=head.provider_institution_id,
                home_institution_id=row[4], enrollment_id=row[0], group_id=head.id, year=year, number=number,
                pupil_name=row[1], class_label=row[2], programme_title=head.programme_title, hours=head.hours,
                result=result, issued_on=today, issued_by_id=current_user.id))
        # Completion: the pupils who received a document have finished the programme.
        for enrollment in db.session.scalars(select(Enrollment).where(Enrollment.id.in_(list(statuses)))):
            enrollment.status = EnrollmentStatus.COMPLETED
        flash(_("Выдано документов об обучении: %(n)d.", n=len(waiting)), "success")
        return redirect(url_for("journal.issue_certificates", group_id=head.id))
    return render("journal/issue.html", group=head, enrollments=enrollments, results=results, error=None)


def _record_read(certificate: Certificate) -> None:
    """The provider (or anyone but the pupil's school) opened a certificate: the school sees it."""
    if current_user.institution_id != certificate.home_institution_id:
        pupil_id = db.session.scalar(select(Enrollment.pupil_id).where(Enrollment.id == certificate.enrollment_id))
        record_pupil_reads("certificate", certificate.id, [(certificate.home_institution_id, pupil_id)])


def _provider_name(certificate: Certificate) -> str:
    return db.session.scalar(select(Institution.full_name).where(Institution.id == certificate.provider_institution_id))


@bp.get("/n/<network>/journal/certificates/<int:certificate_id>")
@login_required
def show_certificate(certificate_id: int):
    certificate = get_certificate_or_404(certificate_id)
    _record_read(certificate)
    return render("journal/certificate.html", certificate=certificate,
                  lines=certificate_lines(certificate, _provider_name(certificate)))


@bp.get("/n/<network>/journal/certificates/<int:certificate_id>.docx")
@login_required
def certificate_document(certificate_id: int):
    certificate = get_certificate_or_404(certificate_id)
    _record_read(certificate)
    response = Response(certificate_docx(certificate, _provider_name(certificate)), mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = content_disposition(f"certificate-{certificate.label}.docx")
    return response


def _register_query():
    query = (select(Certificate.id, Certificate.network_id, Certificate.year, Certificate.number,
                    Certificate.pupil_name, Certificate.class_label, Certificate.programme_title, Certificate.hours,
                    Certificate.result, Certificate.issued_on, Certificate.home_institution_id, Enrollment.pupil_id)
             .join(Enrollment, Enrollment.id == Certificate.enrollment_id)
             .where(Certificate.provider_institution_id == g.institution.id)
             .order_by(Certificate.year.desc(), Certificate.number.desc()))
    text = (request.args.get("q") or "").strip()[:100]
    if text:
        query = query.where(matches_search_text(Certificate, text))
    return query, text


@bp.get("/i/<institution>/journal/certificates")
@login_required
def certificate_register():
    require_role(*MANAGERS)
    query, text = _register_query()
    page = paginate(query, scalars=False)
    record_pupil_reads("certificate_register", None, ((row[10], row[11]) for row in page.items))
    networks = dict(db.session.execute(select(Network.id, Network.slug).where(Network.id.in_(g.network_ids))).all())
    return render("journal/register.html", page=page, q=text, networks=networks)


@bp.get("/i/<institution>/journal/certificates.xlsx")
@login_required
def certificate_register_excel():
    require_role(*MANAGERS)
    query, _text = _register_query()
    header = [_("Номер"), _("Дата выдачи"), _("Обучающийся"), _("Класс"), _("Программа"), _("Часов"), _("Результат")]
    found = db.session.execute(query).all()
    record_pupil_reads("certificate_register", None, ((row[10], row[11]) for row in found))
    rows = ([f"{year}-{number:04d}", issued_on.strftime("%d.%m.%Y"), name, class_label, title, hours, result]
            for _id, _network, year, number, name, class_label, title, hours, result, issued_on, _home, _pupil
            in found)
    content = workbook_bytes(_("Реестр"), header, rows, caption=_("Реестр выданных документов об обучении"))
    return xlsx_response(content, f"{_('Реестр документов об обучении')}.xlsx")
