"""Loads the demo network into an empty database; does nothing when it is already there."""
from __future__ import annotations

from sqlalchemy import select

from tenants.models import Institution, InstitutionKind, Membership, MemberRole, Network, Seat, SeatRole
from tenants.scoping import unscoped
from workspace.accounts.models import StaffRole, User
from workspace.accounts.passwords import set_password
from workspace.demo import data
from workspace.desk.models import Note
from workspace.extensions import db


class RealDataPresent(RuntimeError):
    """The database holds institutions that are not the demo's: the demo must not touch it."""


def demo_state() -> str:
    """'empty', 'loaded' or 'foreign' (real data present)."""
    slugs = set(db.session.scalars(select(Institution.slug)))
    demo_slugs = {row[0] for row in data.INSTITUTIONS}
    if not slugs:
        return "empty"
    if slugs <= demo_slugs:
        return "loaded"
    return "foreign"


def load_demo() -> bool:
    """Load the demo; return False if it was already loaded. Raises RealDataPresent."""
    state = demo_state()
    if state == "loaded":
        return False
    if state == "foreign":
        raise RealDataPresent("the database already holds real institutions")
    with unscoped():
        institutions = {}
        for slug, kind, short, full, city, address, mission in data.INSTITUTIONS:
            institutions[slug] = Institution(slug=slug, kind=InstitutionKind(kind), short_name=short,
                                             full_name=full, city=city, address=address, mission=mission,
                                             email=f"info@{slug}.example")
        db.session.add_all(institutions.values())
        db.session.flush()
        networks = {}
        for slug, name, base, starts, ends, goal, tasks, members in data.NETWORKS:
            network = Network(slug=slug, name=name, base_institution_id=institutions[base].id,
                              starts_on=starts, ends_on=ends, goal=goal, tasks=tasks)
            db.session.add(network)
            db.session.flush()
            networks[slug] = network
            db.session.add(Membership(network_id=network.id, institution_id=institutions[base].id,
                                      role=MemberRole.BASE))
            for member, role, forms, effect in members:
                db.session.add(Membership(network_id=network.id, institution_id=institutions[member].id,
                                          role=MemberRole(role), interaction_forms=forms, social_effect=effect))
        users = {}
        for slug, email, name, position, role in data.PEOPLE:
            user = User(email=email, full_name=name, position=position,
                        institution_id=institutions[slug].id if slug else None,
                        role=StaffRole(role) if role not in ("operator", "external") else None,
                        is_operator=role == "operator")
            set_password(user, data.DEMO_PASSWORD)
            users[email] = user
        db.session.add_all(users.values())
        db.session.flush()
        for network, email, role, represents in data.SEATS:
            db.session.add(Seat(network_id=networks[network].id, user_id=users[email].id,
                                role=SeatRole(role), represents=represents))
        for slug, email, body in data.NOTES:
            db.session.add(Note(institution_id=institutions[slug].id, author_id=users[email].id, body=body))
        _load_plans(networks, institutions)
        from workspace.demo.projects import load_projects
        load_projects(networks, institutions)
        db.session.flush()
        from workspace.demo.agreements import load_agreements
        load_agreements(networks, institutions, users)
        db.session.flush()
        from workspace.demo.programmes import load_programmes
        load_programmes(networks, institutions, users)
        db.session.flush()
        from workspace.demo.journal import load_journal_demo
        from workspace.programmes.models import Group
        load_journal_demo(db.session.scalars(select(Group).order_by(Group.id)).all())
        db.session.flush()
        from workspace.demo.bank import load_bank
        load_bank(networks, institutions, users)
        db.session.flush()
        from workspace.demo.monitoring import load_monitoring
        load_monitoring(networks, institutions)
        db.session.flush()
        from workspace.demo.chronicle import load_chronicle
        load_chronicle(networks, users)
        db.session.flush()
    return True


def demo_logins() -> list[tuple[str, str, str]]:
    """(e-mail, who, where) of every demo person, for the console."""
    where = {slug: short for slug, _kind, short, *_rest in data.INSTITUTIONS}
    return [(email, f"{name} — {position}", where.get(slug, "внешний участник совета" if role == "external"
                                                     else "оператор"))
            for slug, email, name, position, role in data.PEOPLE]


def _load_plans(networks, institutions) -> None:
    """The current academic year's plan of the first network, as partners would have filled it."""
    from workspace.core.dates import AcademicYear
    from workspace.plans.editing import read_into
    from workspace.plans.models import Plan, PlanItem, PlanSection

    year = AcademicYear.current()
    for slug, title, sections in data.PLANS:
        network = networks[slug]
        plan = Plan(network_id=network.id, start_year=year.start_year, title=title)
        db.session.add(plan)
        db.session.flush()
        for position, (section_title, partner, items) in enumerate(sections, start=1):
            section = PlanSection(network_id=network.id, plan_id=plan.id, title=section_title, position=position,
                                  partner_institution_id=institutions[partner].id)
            db.session.add(section)
            db.session.flush()
            for number, (item_title, audience, timing, responsible, report_form) in enumerate(items, start=1):
                item = PlanItem(network_id=network.id, plan_id=plan.id, section_id=section.id, position=number,
                                number=str(number), title=item_title)
                for name, value in (("audience", audience), ("timing", timing), ("responsible", responsible),
                                    ("report_form", report_form)):
                    read_into(item, name, value, year)
                db.session.add(item)
