"""The network's documents: the list of what the user may generate, and for each document a page where the user
types its number and date (the order: also the responsible, the signatory and the control) and sees its requisites,
and the .docx itself. Generating changes nothing: the pages and the files are GET requests, the forms read from the
address; a file goes out with the private no-store headers of every file (core/security.py)."""
from __future__ import annotations

from datetime import date

from flask import Response, g, request, url_for
from flask_babel import force_locale
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from tenants.models import Institution, InstitutionKind
from workspace.accounts.models import StaffRole
from workspace.core.dates import local_today, ru_date
from workspace.core.documents import DOCX_MIMETYPE
from workspace.core.i18n import gettext as _
from workspace.core.rendering import render
from workspace.core.uploads import content_disposition
from workspace.core.words import plural
from workspace.council.voting import rules_of_network
from workspace.extensions import db
from workspace.paperwork import bp
from workspace.paperwork.access import (
    agreement_parties_or_404,
    is_member_manager,
    may_generate_regulation,
    regulation_or_403,
    school_order_or_404,
)
from workspace.paperwork.agreement import NetworkAgreement, agreement_docx
from workspace.paperwork.blanks import place_of
from workspace.paperwork.forms import NOBODY, OrderForm, RequisitesForm
from workspace.paperwork.order import TITLE as ORDER_TITLE
from workspace.paperwork.order import Order, order_docx, person_phrase
from workspace.paperwork.queries import (
    Person,
    agreement_pairs,
    agreement_record,
    council,
    delivery_of,
    enrolled_count,
    enrolled_pupils,
    heads_of,
    members,
    normative_documents,
    staff_of,
)
from workspace.paperwork.regulation import Regulation, regulation_docx


def _read(form_class, *args, defaults: dict):
    """The form from the address (validated), its ``defaults`` standing for what the address leaves out (a link
    with the number alone keeps the default date and people): (form, valid)."""
    if not request.args:
        return form_class(*args, formdata=None, data=defaults), True
    formdata = MultiDict({name: value.isoformat() if isinstance(value, date) else str(value)
                          for name, value in defaults.items() if value is not None})
    for name in request.args:
        formdata.setlist(name, request.args.getlist(name))
    form = form_class(*args, formdata=formdata)
    return form, form.validate()


def _query(form) -> dict:
    """The typed requisites as the address of the .docx."""
    values = {name: field.data for name, field in form._fields.items()}
    return {name: (value.isoformat() if isinstance(value, date) else value) for name, value in values.items()
            if value not in (None, "")}


def _docx(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype=DOCX_MIMETYPE)
    response.headers["Content-Disposition"] = content_disposition(filename)
    return response


def _filename(kind: str, form) -> str:
    number = f" № {form.number.data}" if form.number.data else ""
    return f"{kind}{number} от {ru_date(form.signed_on.data)}.docx"


def _place(institution: Institution) -> str:
    return place_of(institution.city) or "—"


# --- the list --------------------------------------------------------------------------------------------------

@bp.get("/")
@login_required
def list_documents():
    own = None
    pairs = []
    if is_member_manager():
        own = db.session.scalar(select(Institution).where(Institution.id == current_user.institution_id))
        pairs = agreement_pairs(current_user.institution_id)
    return render("paperwork/list.html", network=g.network, may_regulation=may_generate_regulation(),
                  school=own if own is not None and own.kind is InstitutionKind.SCHOOL else None, pairs=pairs)


# --- the regulation ----------------------------------------------------------------------------------------------

def _regulation(form: RequisitesForm) -> Regulation:
    network = g.network
    found = members()
    base = next((member.institution for member in found if member.institution.id == network.base_institution_id),
                None) or db.session.scalar(select(Institution).where(Institution.id == network.base_institution_id))
    return Regulation(network=network, base=base, head=heads_of([base.id]).get(base.id), members=found,
                      council=council(), rules=rules_of_network(), documents=normative_documents(),
                      on=form.signed_on.data, number=form.number.data or "")


def _regulation_page(form: RequisitesForm, valid: bool, status: int = 200):
    regulation_or_403()
    data = _regulation(form)
    head = data.head
    preview = [(_("Автор (учреждение)"), data.base.full_name), (_("Вид документа"), "ПОЛОЖЕНИЕ"),
               (_("Дата и номер"), f"{ru_date(form.signed_on.data) or '—'} № {form.number.data or '_______'}"),
               (_("Место составления"), _place(data.base)),
               (_("Заголовок"), _("о сетевом взаимодействии участников программы «%(name)s»", name=data.network.name)),
               (_("Гриф утверждения"), "УТВЕРЖДАЮ " + (f"{head.position} {data.base.short_name}, {head.full_name}"
                                                       if head else _("руководитель базовой организации")))]
    return render("paperwork/prepare.html", status=status, form=form, valid=valid, preview=preview,
                  heading=_("Положение о сетевом взаимодействии"),
                  download=url_for("paperwork.export_regulation", **_query(form)) if valid else None,
                  action=url_for("paperwork.prepare_regulation"))


@bp.get("/regulation")
@login_required
def prepare_regulation():
    form, valid = _read(RequisitesForm, defaults={"signed_on": local_today()})
    return _regulation_page(form, valid, 200 if valid else 422)


@bp.get("/regulation.docx")
@login_required
def export_regulation():
    form, valid = _read(RequisitesForm, defaults={"signed_on": local_today()})
    if not valid:
        return _regulation_page(form, valid, 422)
    regulation_or_403()
    with force_locale("ru"):
        data = regulation_docx(_regulation(form))
    return _docx(data, _filename("Положение о сетевом взаимодействии", form))


# --- the director's order ----------------------------------------------------------------------------------------

def _staff_choices(school_id: int):
    staff = staff_of(school_id)
    people = {user_id: Person(full_name, position) for user_id, full_name, position, _role in staff}
    choices = [(user_id, f"{full_name} — {position}" if position else full_name)
               for user_id, full_name, position, _role in staff]
    heads = [user_id for user_id, _name, position, role in staff if role is StaffRole.ADMIN]
    head = next((user_id for user_id in heads if people[user_id].position.casefold().startswith("директор")),
                heads[0] if heads else current_user.id)
    coordinator = next((user_id for user_id, _name, _position, role in staff if role is StaffRole.COORDINATOR),
                       current_user.id)
    return people, choices, {"signed_on": local_today(), "responsible_id": coordinator, "signatory_id": head,
                             "controller_id": NOBODY}


def _order(school: Institution, form: OrderForm, people: dict[int, Person]) -> Order:
    controller = form.controller_id.data
    return Order(network=g.network, school=school, on=form.signed_on.data, number=form.number.data or "",
                 responsible=people[form.responsible_id.data], signatory=people[form.signatory_id.data],
                 controller=people[controller] if controller and controller != form.signatory_id.data else None,
                 enrolled=enrolled_pupils(school.id))


def _order_page(school: Institution, form: OrderForm, valid: bool, people, status: int = 200):
    preview = []
    if valid:
        data = _order(school, form, people)
        pupils = sum(len(entry.pupils) for entry in data.enrolled)
        preview = [(_("Автор (учреждение)"), school.full_name), (_("Вид документа"), "ПРИКАЗ"),
                   (_("Дата и номер"), f"{ru_date(data.on)} № {data.number or '_______'}"),
                   (_("Место составления"), _place(school)), (_("Заголовок"), ORDER_TITLE),
                   (_("Ответственный"), _("Назначить ответственным %(who)s", who=person_phrase(data.responsible, "accs"))),
                   (_("Подпись"), f"{data.signatory.position} {data.signatory.full_name}"),
                   (_("Списки обучающихся"), _("%(programmes)s, %(pupils)s",
                                                programmes=plural(len(data.enrolled), _("программа")),
                                                pupils=plural(pupils, _("обучающийся"))))]
    return render("paperwork/prepare.html", status=status, form=form, valid=valid, preview=preview,
                  heading=_("Приказ об организации обучения с помощью сетевого взаимодействия"), school=school,
                  download=url_for("paperwork.export_order", school_id=school.id, **_query(form)) if valid else None,
                  action=url_for("paperwork.prepare_order", school_id=school.id), pupils_warning=True)


@bp.get("/schools/<int:school_id>/order")
@login_required
def prepare_order(school_id: int):
    school = school_order_or_404(school_id)
    people, choices, defaults = _staff_choices(school.id)
    form, valid = _read(OrderForm, choices, defaults=defaults)
    return _order_page(school, form, valid, people, 200 if valid else 422)


@bp.get("/schools/<int:school_id>/order.docx")
@login_required
def export_order(school_id: int):
    school = school_order_or_404(school_id)
    people, choices, defaults = _staff_choices(school.id)
    form, valid = _read(OrderForm, choices, defaults=defaults)
    if not valid:
        return _order_page(school, form, valid, people, 422)
    with force_locale("ru"):
        data = order_docx(_order(school, form, people))
    return _docx(data, _filename("Приказ", form))


# --- the agreement on the network form -------------------------------------------------------------------------

def _agreement(programme, school, provider, record, form: RequisitesForm) -> NetworkAgreement:
    heads = heads_of([school.id, provider.id])
    return NetworkAgreement(network=g.network, programme=programme, school=school, provider=provider,
                            school_head=heads.get(school.id), provider_head=heads.get(provider.id),
                            delivery=delivery_of(programme.id), pupils=enrolled_count(programme.id, school.id),
                            record=record, on=form.signed_on.data, number=form.number.data or "")


def _agreement_form(programme, school, provider):
    """The network's agreement record for the two parties and the programme (if any), and the form whose defaults
    are its number and date."""
    record = agreement_record(programme.id, school.id, provider.id)
    defaults = ({"number": record.agreement.number, "signed_on": record.agreement.signed_on} if record is not None
                else {"signed_on": local_today()})
    form, valid = _read(RequisitesForm, defaults=defaults)
    return record, form, valid


def _agreement_page(programme, school, provider, record, form: RequisitesForm, valid: bool, status: int = 200):
    data = _agreement(programme, school, provider, record, form)
    preview = [(_("Стороны"), f"{school.full_name}; {provider.full_name}"),
               (_("Вид документа"), "ДОГОВОР о сетевой форме реализации образовательной программы"),
               (_("Дата и номер"), f"{ru_date(form.signed_on.data) or '—'} № {form.number.data or '_______'}"),
               (_("Место составления"), _place(school)), (_("Программа"), programme.title),
               (_("Основа"), _("договор № %(number)s из раздела «Договоры»", number=record.agreement.number)
                if record else _("данные программы и учреждений (договора в разделе «Договоры» нет)"))]
    for role, head in ((_("Подписывает от школы"), data.school_head), (_("Подписывает от организации"),
                                                                       data.provider_head)):
        preview.append((role, f"{head.position} {head.full_name}" if head else _("руководитель не указан")))
    return render("paperwork/prepare.html", status=status, form=form, valid=valid, preview=preview,
                  heading=_("Договор о сетевой форме реализации образовательной программы"),
                  download=url_for("paperwork.export_agreement", programme_id=programme.id, school_id=school.id,
                                   **_query(form)) if valid else None,
                  action=url_for("paperwork.prepare_agreement", programme_id=programme.id, school_id=school.id))


@bp.get("/programmes/<int:programme_id>/schools/<int:school_id>/agreement")
@login_required
def prepare_agreement(programme_id: int, school_id: int):
    programme, school, provider = agreement_parties_or_404(programme_id, school_id)
    record, form, valid = _agreement_form(programme, school, provider)
    return _agreement_page(programme, school, provider, record, form, valid, 200 if valid else 422)


@bp.get("/programmes/<int:programme_id>/schools/<int:school_id>/agreement.docx")
@login_required
def export_agreement(programme_id: int, school_id: int):
    programme, school, provider = agreement_parties_or_404(programme_id, school_id)
    record, form, valid = _agreement_form(programme, school, provider)
    if not valid:
        return _agreement_page(programme, school, provider, record, form, valid, 422)
    with force_locale("ru"):
        data = agreement_docx(_agreement(programme, school, provider, record, form))
    return _docx(data, _filename("Договор о сетевой форме", form))
