"""The demo networks' interaction models: a row per partner institution (its forms from data.NETWORKS, one a line),
and beside them rows of partners without an account (parents, the traffic police, МЧС); the plan's events in a
partner's section realise that partner's row, with one of its forms (a few realise a parents' or an agency's row)."""
from __future__ import annotations

from sqlalchemy import select

from workspace.extensions import db
from workspace.networks.models import InteractionRow, PartnerKind
from workspace.plans.models import Plan, PlanItem, PlanSection

# network slug: (kind, name, contact, forms one a line, effect) of partners without an account
OTHER_PARTNERS = {
    "sosh31-kultura": [
        ("parents", "Родители (законные представители)", "Родительский комитет школы",
         "Совместные посещения спектаклей и выставок\nСемейные культурные выходные\n"
         "Родительские собрания с участием партнёров", "Вовлечённость родителей в культурную жизнь детей"),
        ("agency", "ОГИБДД Управления МВД России по г. Новокузнецку", "Инспектор по пропаганде БДД",
         "Инструктажи по безопасности перед выездами\nУроки безопасности дорожного движения",
         "Безопасные выезды обучающихся на мероприятия сети"),
    ],
    "koshekhabl-set": [
        ("parents", "Родители (законные представители)", "",
         "Участие в спортивных праздниках\nДни открытых дверей ЦДО", "Поддержка семьями выбора занятий детей"),
        ("agency", "ПСЧ МЧС России по Кошехабльскому району", "", "Дни пожарной безопасности\nЭкскурсии в пожарную часть",
         "Навыки безопасного поведения при пожаре"),
    ],
}


# (network slug, event title): (kind of the row it realises, its form) — events of a member's section that realise
# the row of a partner without an account (the member's own figures still count them through its section)
REALISED_BY_OTHERS = {
    ("sosh31-kultura", "Посещение спектакля «Гроза» с обсуждением"):
        ("parents", "Совместные посещения спектаклей и выставок"),
    ("sosh31-kultura", "Праздничные мероприятия, посвящённые Дню знаний"):
        ("agency", "Уроки безопасности дорожного движения"),
}


def _lines(forms: str) -> str:
    parts = [part.strip() for part in forms.split(",") if part.strip()]
    return "\n".join(part[:1].upper() + part[1:] for part in parts)


def load_model(networks: dict, institutions: dict, members: dict) -> dict:
    """The rows, keyed (network slug, institution slug) for a member's, (network slug, kind) for the others'.
    ``members``: network slug → [(institution slug, role, forms, effect)]."""
    rows = {}
    for slug, network in networks.items():
        position = 0
        for member, _role, forms, effect in members.get(slug, []):
            position += 1
            rows[(slug, member)] = InteractionRow(
                network_id=network.id, position=position, kind=PartnerKind.MEMBER,
                institution_id=institutions[member].id, forms=_lines(forms), social_effect=effect)
        for kind, name, contact, forms, effect in OTHER_PARTNERS.get(slug, []):
            position += 1
            rows[(slug, kind)] = InteractionRow(network_id=network.id, position=position, kind=PartnerKind(kind),
                                                partner_name=name, contact=contact, forms=forms,
                                                social_effect=effect)
    db.session.add_all(rows.values())
    db.session.flush()
    return rows


def link_plan_items(networks: dict, institutions: dict, rows: dict) -> None:
    """Each event of a partner's section realises the partner's row (its forms in turn); an event for parents
    (its title or audience names them) realises the parents' row, and those of REALISED_BY_OTHERS the row named."""
    slug_of = {institution.id: slug for slug, institution in institutions.items()}
    network_slug = {network.id: slug for slug, network in networks.items()}
    items = db.session.execute(
        select(PlanItem, PlanSection.partner_institution_id)
        .join(PlanSection, (PlanSection.id == PlanItem.section_id) & (PlanSection.network_id == PlanItem.network_id))
        .join(Plan, (Plan.id == PlanItem.plan_id) & (Plan.network_id == PlanItem.network_id))
        .where(PlanItem.network_id.in_([network.id for network in networks.values()]))
        .order_by(PlanItem.network_id, PlanItem.section_id, PlanItem.position)).all()
    for item, partner_id in items:
        slug = network_slug[item.network_id]
        other = REALISED_BY_OTHERS.get((slug, item.title))
        if other is not None:
            item.interaction_row_id, item.interaction_form = rows[(slug, other[0])].id, other[1]
            continue
        text = f"{item.title} {item.audience}".casefold()
        row = rows.get((slug, "parents")) if "родител" in text else None
        row = row or rows.get((slug, slug_of.get(partner_id)))
        if row is None:
            continue
        forms = row.form_list
        item.interaction_row_id = row.id
        item.interaction_form = forms[(item.position - 1) % len(forms)] if forms else ""
    db.session.flush()
