"""The link of the letter a new institution's head gets: they register the institution and their account (its head,
admin), are signed in, and find the network's invitation on their desk to accept or decline."""
from __future__ import annotations

from flask import flash, redirect, request, session, url_for
from flask_login import login_user, logout_user
from sqlalchemy import select

from tenants.models import Institution, Network
from workspace.accounts.invitations import email_taken
from workspace.core.i18n import gettext as _
from workspace.core.rendering import render
from workspace.extensions import db
from workspace.networks import join_bp as bp
from workspace.networks.forms import RegisterInstitutionForm
from workspace.networks.founding import invitation_by_token, register_invited


@bp.route("/<token>", methods=["GET", "POST"])
def register_institution(token: str):
    invitation = invitation_by_token(token)
    if invitation is None:
        return render("accounts/link_invalid.html", status=404)
    network = db.session.scalar(select(Network).where(Network.id == invitation.network_id))
    base_name = db.session.scalar(select(Institution.short_name).where(Institution.id == network.base_institution_id))
    form = RegisterInstitutionForm()
    if request.method == "GET":
        form.head_name.data = form.head_name.data or invitation.head_name
    valid = form.validate_on_submit()
    if valid and email_taken(invitation.email):
        form.form_errors.append(_("Адрес %(email)s уже зарегистрирован в системе: войдите и примите приглашение "
                                  "на рабочем столе вашего учреждения.", email=invitation.email))
        valid = False
    if valid:
        user, institution = register_invited(invitation, form)
        session.clear()
        logout_user()  # whoever used this browser before is out
        login_user(user)
        flash(_("Учреждение зарегистрировано. Примите приглашение в сеть «%(name)s» ниже.", name=network.name),
              "success")
        return redirect(url_for("my_networks.list_networks", institution=institution.slug))
    return render("networks/join.html", form=form, invitation=invitation, network=network, base_name=base_name,
                  status=422 if form.errors or form.form_errors else 200)
