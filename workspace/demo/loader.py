"""Loads the demo network into an empty database; does nothing when it is already there."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tenants.models import Institution, InstitutionKind, MemberRole, Membership, Network, Seat, SeatRole
from tenants.scoping import unscoped
from workspace.accounts.models import StaffRole, User
from workspace.accounts.passwords import set_password
from workspace.core.dates import AcademicYear, local_today
from workspace.demo import data
from workspace.demo.achievements import load_achievements
from workspace.demo.agreements import load_agreements
from workspace.demo.bank import load_bank
from workspace.demo.chronicle import load_chronicle
from workspace.demo.cycle import load_analysis
from workspace.demo.journal import issue_certificates_demo, load_journal_demo
from workspace.demo.letters import load_letters
from workspace.demo.model import link_plan_items, load_model
from workspace.demo.monitoring import load_monitoring
from workspace.demo.passport import load_passport
from workspace.demo.plans import load_plans
from workspace.demo.programmes import load_programmes
from workspace.demo.projects import load_projects
from workspace.desk.models import Note
from workspace.extensions import db
from workspace.programmes.models import Group


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


def load_demo(today: date | None = None) -> bool:
    """Load the demo as a network would have filled it by ``today`` (the real date unless given): the networks'
    periods, plans, lessons, meetings and reports are placed in the academic year of that day, what is over is
    held and reported, what is ahead is planned. Return False if it was already loaded. Raises RealDataPresent."""
    today = today or local_today()
    year = AcademicYear.containing(today)
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
        for slug, name, base, (years_before, years_after), goal, tasks, members in data.NETWORKS:
            network = Network(slug=slug, name=name, base_institution_id=institutions[base].id,
                              starts_on=AcademicYear(year.start_year - years_before).starts_on,
                              ends_on=AcademicYear(year.start_year + years_after).ends_on, goal=goal, tasks=tasks)
            db.session.add(network)
            db.session.flush()
            networks[slug] = network
            db.session.add(Membership(network_id=network.id, institution_id=institutions[base].id,
                                      role=MemberRole.BASE))
            for member, role, _forms, _effect in members:
                db.session.add(Membership(network_id=network.id, institution_id=institutions[member].id,
                                          role=MemberRole(role)))
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
        model_rows = load_model(networks, institutions, {slug: members for slug, *_rest, members in data.NETWORKS})
        load_plans(networks, institutions, users, year, today)
        link_plan_items(networks, institutions, model_rows)
        load_projects(networks, institutions, year, today)
        db.session.flush()
        load_agreements(networks, institutions, users, year, today)
        db.session.flush()
        load_programmes(networks, institutions, users, year, today)
        db.session.flush()
        groups = db.session.scalars(select(Group).order_by(Group.id)).all()
        load_journal_demo(groups, today=today)
        issue_certificates_demo(groups, today)
        db.session.flush()
        load_bank(networks, institutions, users, year, today)
        db.session.flush()
        load_monitoring(networks, institutions, year, today)
        db.session.flush()
        load_chronicle(networks, users, year, today)
        db.session.flush()
        load_letters(today)
        db.session.flush()
        load_passport(today)
        db.session.flush()
        load_achievements(today)
        load_analysis(today)
        db.session.flush()
    return True


def demo_logins() -> list[tuple[str, str, str]]:
    """(e-mail, who, where) of every demo person, for the console."""
    where = {slug: short for slug, _kind, short, *_rest in data.INSTITUTIONS}
    return [(email, f"{name} — {position}", where.get(slug, "внешний участник совета" if role == "external"
                                                     else "оператор"))
            for slug, email, name, position, role in data.PEOPLE]
