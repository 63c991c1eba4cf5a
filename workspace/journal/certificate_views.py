"""Certificates: issued in a batch for a group by the provider's admin or coordinator, a printable
page and .docx per certificate, and the provider's register (search, pages, Excel)."""
from __future__ import annotations

from flask import Response, flash, g, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from tenants.models import Institution, Network
from tenants.permissions import MANAGERS, require_role
from workspace.core.dates import local_today
from workspace.core.excel import workbook_bytes, xlsx_response
from workspace.core.i18n import gettext as _
from workspace.core.labels import label
from workspace.core.pagination import paginate
from workspace.core.rendering import render
from workspace.core.text import matches_search_text
from workspace.core.uploads import content_disposition
from workspace.council.minutes import DOCX_MIMETYPE
from workspace.extensions import db
from workspace.journal import bp
from workspace.journal.access import certificate_group_or_404, get_certificate_or_404
from workspace.journal.attestation import final_results, is_passed, result_label
from workspace.journal.certificates import certificate_docx, document_lines, issue_year, results_of, take_numbers
from workspace.journal.models import Certificate, CertificateKind
from workspace.programmes.models import Enrollment, EnrollmentStatus
from workspace.pupils.reads import record_pupil_reads

ISSUABLE = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)


def attestation_states(head) -> dict[int, str]:
    """Per enrollment: «passed» (its final attestation passed), «failed» (not passed: a справка об обучении is
    issued instead of a certificate), «none» (no result, or the programme has no final attestation)."""
    finals = final_results(head.id, head.programme_id)
    states = {}
    for enrollment_id, results in finals.items():
        if enrollment_id and results:
            states[enrollment_id] = "passed" if all(is_passed(result) for result in results) else "failed"
    return states


def _final_texts(head) -> dict[int, str]:
    finals = final_results(head.id, head.programme_id)
    return {enrollment_id: ", ".join(result_label(result) for result in results)
            for enrollment_id, results in finals.items() if enrollment_id and results}


def _issue_page(head, enrollments, results, states, *, error=None, warning=None, status=200):
    return render("journal/issue.html", status=status, group=head, enrollments=enrollments, results=results,
                  states=states, error=error, warning=warning)


def _warning(waiting, states) -> dict | None:
    """Who of the chosen pupils has no passed final attestation (none / not passed), or None."""
    missing = [row[1] for row in waiting if states.get(row[0], "none") == "none"]
    failed = [row[1] for row in waiting if states.get(row[0]) == "failed"]
    return {"missing": missing, "failed": failed} if missing or failed else None


def _issue(head, waiting, results, states, finals) -> int:
    today = local_today()
    year = issue_year(today)
    statements = [row for row in waiting if states.get(row[0]) == "failed"]
    certificates = [row for row in waiting if states.get(row[0]) != "failed"]
    for kind, rows in ((CertificateKind.CERTIFICATE, certificates), (CertificateKind.STATEMENT, statements)):
        numbers = take_numbers(head.provider_institution_id, year, len(rows), kind)
        for number, row in zip(numbers, rows):
            result = (finals.get(row[0]) if kind is CertificateKind.STATEMENT
                      else results.get(row[0], _("программа освоена")))
            db.session.add(Certificate(
                network_id=g.network.id, kind=kind, provider_institution_id=head.provider_institution_id,
                home_institution_id=row[4], enrollment_id=row[0], group_id=head.id, year=year, number=number,
                pupil_name=row[1], class_label=row[2], programme_title=head.programme_title, hours=head.hours,
                result=result or "", issued_on=today, issued_by_id=current_user.id))
    # Completion: the pupils who received a document have finished the programme.
    for enrollment in db.session.scalars(select(Enrollment).where(Enrollment.id.in_([row[0] for row in waiting]))):
        enrollment.status = EnrollmentStatus.COMPLETED
    return len(statements)


@bp.route("/n/<network>/journal/groups/<int:group_id>/certificates", methods=["GET", "POST"])
@login_required
def issue_certificates(group_id: int):
    head, _lessons = certificate_group_or_404(group_id)
    enrollments = db.session.execute(
        select(Enrollment.id, Enrollment.pupil_name, Enrollment.class_label, Enrollment.status,
               Enrollment.home_institution_id, Certificate.id, Certificate.year, Certificate.number, Enrollment.pupil_id,
               Certificate.kind)
        .outerjoin(Certificate, Certificate.enrollment_id == Enrollment.id)
        .where(Enrollment.group_id == head.id, Enrollment.status.in_(ISSUABLE))
        .order_by(Enrollment.pupil_name)).all()
    results = results_of(head.id, head.grade_scale)
    states = attestation_states(head)
    record_pupil_reads("certificate_issue", head.id, ((row[4], row[8]) for row in enrollments))
    if request.method == "GET":
        return _issue_page(head, enrollments, results, states)
    chosen = {int(value) for value in request.form.getlist("enrollment_id") if value.isdigit()}
    waiting = [row for row in enrollments if row[5] is None and row[0] in chosen]
    if not chosen or len(waiting) != len(chosen):
        return _issue_page(head, enrollments, results, states, status=422,
                           error=_("Отметьте обучающихся группы, которым ещё не выдан документ."))
    warning = _warning(waiting, states)
    if warning and request.form.get("confirm") != "yes":
        return _issue_page(head, enrollments, results, states, warning=warning, status=422,
                           error=_("Не у всех отмеченных обучающихся пройдена итоговая аттестация. Проверьте список "
                                   "ниже и подтвердите выдачу."))
    statements = _issue(head, waiting, results, states, _final_texts(head))
    flash(_("Выдано документов об обучении: %(n)d.", n=len(waiting)), "success")
    if statements:
        flash(_("Из них справок об обучении (итоговая аттестация не пройдена): %(n)d.", n=statements), "success")
    return redirect(url_for("journal.issue_certificates", group_id=head.id))


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
                  lines=document_lines(certificate, _provider_name(certificate)))


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
                    Certificate.result, Certificate.issued_on, Certificate.home_institution_id, Enrollment.pupil_id,
                    Certificate.kind)
             .join(Enrollment, Enrollment.id == Certificate.enrollment_id)
             .where(or_(Certificate.provider_institution_id == g.institution.id,
                        Certificate.home_institution_id == g.institution.id))  # a school: its pupils' documents
             .order_by(Certificate.issued_on.desc(), Certificate.id.desc()))
    text = (request.args.get("q") or "").strip()[:100]
    if text:
        query = query.where(matches_search_text(Certificate, text))
    return query, text


def _number(kind: CertificateKind, year: int, number: int) -> str:
    return f"{'С-' if kind is CertificateKind.STATEMENT else ''}{year}-{number:04d}"


@bp.get("/i/<institution>/journal/certificates")
@login_required
def certificate_register():
    require_role(*MANAGERS)
    query, text = _register_query()
    page = paginate(query, scalars=False)
    record_pupil_reads("certificate_register", None, ((row[10], row[11]) for row in page.items))
    networks = dict(db.session.execute(select(Network.id, Network.slug).where(Network.id.in_(g.network_ids))).all())
    return render("journal/register.html", page=page, q=text, networks=networks, number_of=_number)


@bp.get("/i/<institution>/journal/certificates.xlsx")
@login_required
def certificate_register_excel():
    require_role(*MANAGERS)
    query, _text = _register_query()
    header = [_("Документ"), _("Номер"), _("Дата выдачи"), _("Обучающийся"), _("Класс"), _("Программа"), _("Часов"), _("Результат")]
    found = db.session.execute(query).all()
    record_pupil_reads("certificate_register", None, ((row[10], row[11]) for row in found))
    rows = ([label(kind), _number(kind, year, number), issued_on.strftime("%d.%m.%Y"), name, class_label, title,
             hours, result]
            for _id, _network, year, number, name, class_label, title, hours, result, issued_on, _home, _pupil, kind
            in found)
    content = workbook_bytes(_("Реестр"), header, rows, caption=_("Реестр выданных документов об обучении"))
    return xlsx_response(content, f"{_('Реестр документов об обучении')}.xlsx")
