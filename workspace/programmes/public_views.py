"""The public catalog of a network's programmes (/public/n/<catalog>/programmes), open without login:
the page a school links from its site. Shown: published programmes only — title, provider, direction,
grades, hours, period, schedule and free places; never a pupil, never an unpublished programme.

A parent may submit an application from it: consent to the processing of personal data is required,
CSRF is on, a honeypot field catches simple bots and a client address (kept only as a salted hash) may
send at most PUBLIC_APPLICATIONS_PER_HOUR applications an hour. The application lands in the chosen
school's inbox with status «новое»; the school's coordinator matches it to a pupil or creates one."""
from __future__ import annotations

import hashlib
from datetime import timedelta

from flask import abort, current_app, flash, g, redirect, request, url_for
from sqlalchemy import func, select

from tenants.entry import enter_public_network, enter_school_application
from tenants.scoping import unscoped
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.models import utcnow
from workspace.core.pagination import paginate
from workspace.core.rendering import render
from workspace.extensions import db
from workspace.programmes import public_bp as bp
from workspace.programmes.admission import grade_refusal, has_live_application
from workspace.programmes.forms import PublicApplicationForm
from workspace.programmes.letters import queue_application_letters
from workspace.programmes.models import Application, ApplicationSource, ApplicationStatus, Direction, Programme
from workspace.programmes.queries import (
    enrolled_counts,
    groups_with_slots,
    programme_list,
    providers_in_network,
    schools_in_network,
)

DEFAULT_PER_HOUR = 10


@bp.url_value_preprocessor
def _take_catalog(_endpoint, values):
    g.catalog_slug = values.pop("catalog", None) if values else None


@bp.url_defaults
def _catalog_into_urls(endpoint, values):
    if "catalog" not in values and g.get("catalog") is not None:
        values["catalog"] = g.catalog.slug


@bp.before_request
def _enter_catalog():
    network = enter_public_network(g.get("catalog_slug"))
    if network is None:
        abort(404)
    g.catalog = network


@bp.get("/programmes")
def public_catalog():
    direction = request.args.get("direction", "")
    grade = request.args.get("grade", type=int)
    page = paginate(programme_list(direction, None, grade, published_only=True), scalars=False)
    schedule = groups_with_slots([programme.id for programme, _name, _taken in page.items])
    return render("programmes/public_catalog.html", partials={"programme-rows": "programmes/_public_rows.html"},
                  page=page, schedule=schedule, directions=list(Direction), direction=direction, grade=grade,
                  network=g.catalog)


def _client_hash() -> str:
    secret = current_app.config["SECRET_KEY"]
    return hashlib.sha256(f"{secret}:{request.remote_addr}".encode()).hexdigest()


def _too_many(client_hash: str) -> bool:
    limit = current_app.config.get("PUBLIC_APPLICATIONS_PER_HOUR", DEFAULT_PER_HOUR)
    with unscoped():  # the limit counts this address's applications across every school: a hash, no data read
        sent = db.session.scalar(select(func.count()).select_from(Application).where(
            Application.client_hash == client_hash, Application.created_at >= utcnow() - timedelta(hours=1)))
    return (sent or 0) >= limit


@bp.route("/programmes/<int:programme_id>", methods=["GET", "POST"])
def public_programme(programme_id: int):
    programme = db.session.scalar(select(Programme).where(Programme.id == programme_id,
                                                          Programme.is_published.is_(True)))
    if programme is None:
        abort(404)
    schools = schools_in_network(g.catalog.id)
    form = PublicApplicationForm(schools)
    if form.validate_on_submit():
        if form.website.data:  # the honeypot: a person never sees this field
            flash(_("Заявление отправлено в школу. С вами свяжутся по указанному контакту."), "success")
            return redirect(url_for("public_programmes.public_programme", programme_id=programme.id))
        client_hash = _client_hash()
        if _too_many(client_hash):
            form.form_errors.append(_("С этого адреса за последний час отправлено слишком много заявлений. "
                                      "Попробуйте позже или обратитесь в школу."))
        elif (refusal := grade_refusal(programme, form.class_label.data)) is not None:
            form.class_label.errors.append(refusal)
        else:
            enter_school_application(form.school_id.data, g.catalog.id)
            if has_live_application(programme.id, full_name=form.pupil_full_name.data,
                                    class_label=form.class_label.data):
                flash(_("Такое заявление уже отправлено в школу и ждёт рассмотрения: отправлять его ещё раз "
                        "не нужно."), "info")
                return redirect(url_for("public_programmes.public_programme", programme_id=programme.id))
            application = Application(
                institution_id=form.school_id.data, programme_id=programme.id, network_id=g.catalog.id,
                submitted_on=local_today(), has_consent=True, source=ApplicationSource.PUBLIC,
                pupil_full_name=form.pupil_full_name.data, class_label=form.class_label.data.replace(" ", "").upper(),
                parent_name=form.parent_name.data, parent_contact=form.parent_contact.data,
                status=ApplicationStatus.NEW, client_hash=client_hash)
            db.session.add(application)
            db.session.flush()
            queue_application_letters(application, programme)
            flash(_("Заявление отправлено в школу. С вами свяжутся по указанному контакту."), "success")
            return redirect(url_for("public_programmes.public_programme", programme_id=programme.id))
    taken = enrolled_counts([programme.id]).get(programme.id, 0)
    return render("programmes/public_programme.html", programme=programme, network=g.catalog, form=form,
                  groups=groups_with_slots([programme.id]).get(programme.id, []), taken=taken,
                  provider=dict(providers_in_network(g.catalog.id)).get(programme.provider_institution_id, ""),
                  status=422 if form.errors else 200)


