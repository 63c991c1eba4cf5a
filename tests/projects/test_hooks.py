"""The hooks the lead registers later: global search and the chronicle (projects approved)."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask import g

from tenants.scoping import set_scope
from workspace.extensions import db


def _two_networks(make):
    school = make.institution("Школа", slug="school")
    other = make.institution("Чужая школа", slug="other")
    network = make.network(school, name="Своя сеть", slug="own")
    foreign = make.network(other, name="Чужая сеть", slug="foreign")
    return school, other, network, foreign


def _in_request(app, institution, network_ids):
    context = app.test_request_context(f"/i/{institution.slug}/")
    context.push()
    g.network_ids = network_ids
    set_scope(institution_id=institution.id, network_ids=network_ids)
    return context


def test_search_is_case_insensitive_in_cyrillic_and_sees_only_own_networks(app, make):
    from workspace.projects.search import search
    school, other, network, foreign = _two_networks(make)
    make.project(network, school, "Ёлка ЧИТАЮЩЕЙ школы", goal="Приобщить к чтению")
    make.project(foreign, other, "Читающая школа чужой сети")
    context = _in_request(app, school, [network.id])
    try:
        found = search("читающей", 10)
        assert [title for title, _subtitle, _url in found] == ["Ёлка ЧИТАЮЩЕЙ школы"]
        assert found[0][2] == f"/n/own/projects/{found[0][2].rsplit('/', 1)[1]}" and "Своя сеть" in found[0][1]
        assert [t for t, _s, _u in search("ЕЛКА", 10)] == ["Ёлка ЧИТАЮЩЕЙ школы"]
        assert search("к чтению", 10) and search("100%", 10) == [] and search("  ", 10) == []
    finally:
        context.pop()


def test_chronicle_lists_approved_projects_newest_first(app, make):
    from tenants.scoping import unscoped
    from workspace.council.models import (
        Approval,
        ApprovalStatus,
        Decision,
        MajorityRule,
        Outcome,
        QuorumRule,
    )
    from workspace.projects.chronicle import entries
    school, other, network, foreign = _two_networks(make)
    partner = make.institution("Музей", slug="museum")
    make.member(network, partner, "social_partner")
    approved = make.project(network, school, "Утверждённый проект", participants=(partner,), status="approved")
    pending = make.project(network, school, "Проект на согласовании", status="submitted")
    alien = make.project(foreign, other, "Чужой утверждённый", status="approved")
    meeting = make.meeting(network, 1)
    alien_meeting = make.meeting(foreign, 1)
    for number, (project, outcome, where) in enumerate(((approved, Outcome.APPROVED, meeting),
                                                        (pending, Outcome.NO_QUORUM, meeting),
                                                        (alien, Outcome.APPROVED, alien_meeting)), start=1):
        approval = make.project_approval(project)
        item = make.agenda_item(where, f"Вопрос {number}", approval, position=number)
        with app.app_context(), unscoped():
            if outcome == Outcome.APPROVED:
                db.session.get(Approval, approval.id).status = ApprovalStatus.APPROVED
            db.session.add(Decision(network_id=item.network_id, agenda_item_id=item.id, outcome=outcome,
                                    quorum=list(QuorumRule)[0], majority=list(MajorityRule)[0],
                                    decided_on=date(2026, 10, 1)))
            db.session.commit()
    context = _in_request(app, school, [network.id])
    try:
        found = entries([network.id], None, 10, None)
        assert [(kind, title) for _when, kind, title, _url, _inst in found] == [
            ("Проект утверждён советом", "Утверждённый проект")]
        assert found[0][4] == school.id and found[0][3] == f"/n/own/projects/{approved.id}"
        assert entries([network.id], None, 10, partner.id) and entries([network.id], None, 10, other.id) == []
        assert entries([network.id], datetime.now(UTC) - timedelta(days=1), 10, None) == []
    finally:
        context.pop()
