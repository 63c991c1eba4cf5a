"""The institution profile form's life, shared by the admin's page and the operator console."""
from __future__ import annotations

from flask import request

from tenants.models import Institution, InstitutionKind
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale

PROFILE_FIELDS = ("full_name", "short_name", "city", "address", "phone", "email", "website", "mission")


def profile_form(form_class, institution: Institution, **kwargs):
    """Filled from the institution on GET (with its version), from the request on POST."""
    if request.method != "GET":
        return form_class(**kwargs)
    form = form_class(obj=institution, **kwargs)
    form.kind.data = institution.kind.value
    form.version.data = str(institution.version)
    return form


def saved_meanwhile(form, institution: Institution) -> bool:
    """True (and the form says so) when someone saved the profile after the form was opened."""
    if not is_stale(institution, form.version.data):
        return False
    form.version.data = str(institution.version)
    form.form_errors.append(_("Профиль только что изменил другой пользователь. "
                              "Проверьте текущие данные ниже и сохраните ещё раз."))
    return True


def apply_profile(form, institution: Institution) -> None:
    for name in PROFILE_FIELDS:
        setattr(institution, name, getattr(form, name).data or "")
    institution.kind = InstitutionKind(form.kind.data)
