"""Agreement pages: the network's list with filters, the create and edit forms, one agreement."""
from __future__ import annotations

from itertools import zip_longest

from flask import flash, g, redirect, request, url_for
from flask_login import current_user, login_required

from workspace.agreements import bp
from workspace.agreements.access import editable_agreement_or_404, may_create
from workspace.agreements.forms import AgreementForm, LinkForm, ObligationForm, ScanForm
from workspace.agreements.links import link_choices, links_of
from workspace.agreements.models import Agreement, AgreementKind, AgreementParty, AgreementStatus
from workspace.agreements.queries import (
    Loaded,
    files_of,
    get_agreement_or_404,
    list_statement,
    member_institutions,
    number_taken,
    obligations_of,
    parties_of,
)
from workspace.core.access import require
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.locking import is_stale
from workspace.core.pagination import paginate
from workspace.core.rendering import confirm_page, render
from workspace.extensions import db

LIST_PARTIALS = {"agreement-list": "agreements/_list.html"}


def _enum_arg(name: str, enum_cls):
    value = request.args.get(name, "")
    return next((member for member in enum_cls if member.value == value), None)


@bp.get("/")
@login_required
def list_agreements():
    today = local_today()
    members = member_institutions()
    status, kind = _enum_arg("status", AgreementStatus), _enum_arg("kind", AgreementKind)
    party = request.args.get("party", type=int)
    if party not in {institution_id for institution_id, _name in members}:
        party = None
    page = paginate(list_statement(status, kind, party, today))
    parties = parties_of([agreement.id for agreement in page.items]) if page.items else {}
    rows = [Loaded(agreement, parties.get(agreement.id, []),
                   g.get("seat") is not None or current_user.institution_id in
                   {party.institution_id for party in parties.get(agreement.id, [])})
            for agreement in page.items]
    filters = {key: value for key, value in (("status", status.value if status else None),
                                             ("kind", kind.value if kind else None), ("party", party)) if value}
    return render("agreements/list.html", partials=LIST_PARTIALS, page=page, rows=rows, members=members,
                  filters=filters, today=today, statuses=list(AgreementStatus), kinds=list(AgreementKind),
                  can_create=may_create())


def _check_form(form: AgreementForm, except_id: int | None = None) -> bool:
    """Field validation, then the rules that need the database: number unique, own institution a party."""
    valid = form.validate_on_submit()
    if form.number.data and number_taken(form.number.data, except_id):
        form.number.errors = [*form.number.errors, _("Договор с таким номером в сети уже есть.")]
        valid = False
    if form.parties.data and current_user.institution_id not in set(form.parties.data):
        form.parties.errors = [*form.parties.errors, _("Ваше учреждение должно быть одной из сторон договора.")]
        valid = False
    return valid


def _apply(agreement: Agreement, form: AgreementForm) -> None:
    agreement.number, agreement.signed_on = form.number.data, form.signed_on.data
    agreement.kind = AgreementKind(form.kind.data)
    agreement.title, agreement.subject = form.title.data, form.subject.data or ""
    agreement.starts_on, agreement.ends_on = form.starts_on.data, form.ends_on.data
    agreement.is_published = bool(form.is_published.data)


def _set_parties(agreement: Agreement, wanted: list[int], existing: list[AgreementParty]) -> None:
    wanted = list(dict.fromkeys(wanted))
    for party in existing:
        if party.institution_id not in wanted:
            db.session.delete(party)
    have = {party.institution_id: party for party in existing}
    for position, institution_id in enumerate(wanted, start=1):
        party = have.get(institution_id)
        if party is None:
            db.session.add(AgreementParty(network_id=g.network.id, agreement_id=agreement.id,
                                          institution_id=institution_id, position=position))
        elif party.position != position:
            party.position = position


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create_agreement():
    require(may_create())
    form = AgreementForm(member_institutions())
    if request.method == "GET":
        form.parties.data = [current_user.institution_id]
        form.kind.data = AgreementKind.COOPERATION.value
    elif _check_form(form):
        agreement = Agreement(network_id=g.network.id, author_id=current_user.id, status=AgreementStatus.DRAFT)
        _apply(agreement, form)
        db.session.add(agreement)
        db.session.flush()
        _set_parties(agreement, form.parties.data, [])
        flash(_("Договор создан как черновик. Впишите обязательства сторон и отправьте его на подписание."),
              "success")
        return redirect(url_for("agreements.show_agreement", agreement_id=agreement.id))
    return render("agreements/form.html", form=form, agreement=None, status=422 if form.errors else 200)


@bp.route("/<int:agreement_id>/edit", methods=["GET", "POST"])
@login_required
def edit_agreement(agreement_id: int):
    loaded = editable_agreement_or_404(agreement_id)
    agreement = loaded.agreement
    form = AgreementForm(member_institutions(), obj=agreement if request.method == "GET" else None)
    status = 200
    if request.method == "GET":
        form.kind.data = agreement.kind.value
        form.parties.data = [party.institution_id for party in loaded.parties]
        form.version.data = str(agreement.version)
    elif _check_form(form, except_id=agreement.id):
        if is_stale(agreement, form.version.data):
            form.form_errors.append(_("Договор только что изменил другой пользователь. Откройте его заново, "
                                      "проверьте изменения и внесите свои ещё раз."))
            form.version.data = str(agreement.version)
            status = 409
        else:
            _apply(agreement, form)
            _set_parties(agreement, form.parties.data, [party.party for party in loaded.parties])
            flash(_("Договор сохранён."), "success")
            return redirect(url_for("agreements.show_agreement", agreement_id=agreement.id))
    else:
        status = 422
    return render("agreements/form.html", form=form, agreement=agreement, status=status)


def regulation(loaded: Loaded, obligations: dict) -> tuple[str, str, list[tuple]]:
    """The two-column regulation: what the base school (or the first party) does / what the partners do."""
    if not loaded.parties:
        return "", "", []
    base = next((party for party in loaded.parties if party.institution_id == g.network.base_institution_id),
                loaded.parties[0])
    others = [party for party in loaded.parties if party is not base]
    left = obligations.get(base.id, [])
    right = [(party.short_name if len(others) > 1 else None, obligation)
             for party in others for obligation in obligations.get(party.id, [])]
    rows = list(zip_longest(left, right))
    return base.short_name, ", ".join(party.short_name for party in others), rows


def page_context(loaded: Loaded, **overrides) -> dict:
    agreement = loaded.agreement
    context = {"loaded": loaded, "agreement": agreement, "parties": loaded.parties,
               "effective_status": agreement.effective_status(), "today": local_today()}
    if not loaded.full:
        return context
    obligations = obligations_of(agreement.id)
    editable = loaded.may_write and loaded.is_draft
    context.update(
        obligations=obligations, files=files_of(agreement.id), links=links_of(agreement.id),
        editable=editable, regulation=regulation(loaded, obligations),
        link_form=LinkForm(link_choices()) if editable else None,
        new_obligation_forms={party.id: ObligationForm(prefix=f"p{party.id}", formdata=None)
                              for party in loaded.parties} if editable else {},
        scan_form=ScanForm(formdata=None), terminate_form=None,
    )
    context.update(overrides)
    return context


@bp.get("/<int:agreement_id>")
@login_required
def show_agreement(agreement_id: int):
    loaded = get_agreement_or_404(agreement_id, full=False)
    return render("agreements/page.html", **page_context(loaded))


@bp.get("/<int:agreement_id>/delete")
@login_required
def confirm_delete_agreement(agreement_id: int):
    loaded = editable_agreement_or_404(agreement_id)
    return confirm_page(heading=_("Удалить черновик договора?"), question=loaded.agreement.title,
                        action=url_for("agreements.delete_agreement", agreement_id=agreement_id),
                        confirm_label=_("Удалить"),
                        cancel_url=url_for("agreements.show_agreement", agreement_id=agreement_id))


@bp.post("/<int:agreement_id>/delete")
@login_required
def delete_agreement(agreement_id: int):
    loaded = editable_agreement_or_404(agreement_id)
    db.session.delete(loaded.agreement)
    flash(_("Черновик договора удалён."), "success")
    return redirect(url_for("agreements.list_agreements"))
