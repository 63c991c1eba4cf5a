"""Every id-bearing form field, tampered: a foreign, missing or forbidden id is refused and
changes nothing. A new form with an `*_id` field fails here until its case is added."""
from __future__ import annotations

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm

import workspace
from tests.conftest import login, post_form, shared_world
from tests.fixtures.factories import PASSWORD
from tests.fixtures.row_counts import row_counts
from tests.tenancy.world import build_world

# Every test reads the same two networks (what a test adds or posts is rolled back): built once for the module.
pytestmark = pytest.mark.shared_world
world = shared_world(build_world)

# form class name, field → how the test reaches it
CASES = {
    ("StaffSeatForm", "user_id"), ("NetworkForm", "base_institution_id"), ("MemberForm", "institution_id"),
    ("SectionForm", "partner_institution_id"),
    ("EVoteForm", "approval_id"), ("AgendaItemForm", "approval_id"),  # tests/council/test_tampered_council_ids.py
    ("ProjectForm", "lead_institution_id"), ("TaskForm", "stage_id"),  # tests/projects/test_tampered_project_ids.py
    # tests/programmes/test_tampered_programme_ids.py
    ("ApplicationForm", "programme_id"), ("ApplicationForm", "pupil_id"), ("MatchForm", "pupil_id"),
    ("GroupForm", "teacher_id"), ("PlaceForm", "group_id"), ("PublicApplicationForm", "school_id"),
    ("MaterialForm", "source_item_id"), ("MaterialForm", "source_project_id"),  # tests/bank/test_materials.py
    ("CopyPlanForm", "source_plan_id"),  # tests/plans/test_plan_years.py
    ("PlanItemFromMatchForm", "section_id"), ("ProjectTaskFromMatchForm", "project_id"),  # tests/requests_table/
    # test_conversations.py
    ("InviteInstitutionForm", "institution_id"),  # below, and tests/networks/test_founding.py
    ("PassportForm", "document_ids"),  # tests/passport/test_passport_pages.py (another network's document, a missing
    # one, not a number: 422, nothing written); the passport's own routes: tests/passport/test_tampered_passport_ids.py
    # tests/paperwork/test_documents.py (test_the_order_refuses_people_who_are_not_the_schools_staff)
    ("OrderForm", "responsible_id"), ("OrderForm", "signatory_id"), ("OrderForm", "controller_id"),
    # tests/growth/test_achievements.py (test_bad_input_is_refused_in_russian_and_changes_nothing: a pupil of another
    # school, a pupil of another group, not a number, another network's programme or network as the link: 422, nothing
    # written); the routes' ids: the isolation walk (achievement_id, group_id, programme_id, pupil_id)
    ("AchievementForm", "pupil_ids"), ("GroupAchievementForm", "enrollment_ids"),
    # tests/cycle/test_stage_analysis.py (another network's stage, a stage analysed already, one without dates, not a
    # number: 422, nothing written)
    ("NewStageAnalysisForm", "stage_id"),
    # tests/monitoring/test_diagnostics.py (test_a_tampered_pupil_is_refused: a pupil of another school, a missing one,
    # not a number: 422, nothing written); the routes' ids: the isolation walk (diagnostic_id, diagnostic_entry_id)
    ("PupilResultForm", "pupil_id"),
}


def _id_fields() -> set[tuple[str, str]]:
    for module in pkgutil.walk_packages(workspace.__path__, "workspace."):
        importlib.import_module(module.name)
    found = set()
    stack = list(FlaskForm.__subclasses__())
    while stack:
        form = stack.pop()
        stack.extend(form.__subclasses__())
        for name in dir(form):
            if name.endswith("_id") and hasattr(getattr(form, name), "field_class"):
                found.add((form.__name__, name))
    return found


def test_every_id_field_has_a_tamper_case():
    assert _id_fields() <= CASES, _id_fields() - CASES



def test_council_seat_refuses_users_it_must_not_offer(client, world, make, read):
    login(client, world.a.users["admin"].email, PASSWORD)  # chair of network A
    url, page = "/n/network-a/council/seats/staff", "/n/network-a/council/seats/new"
    before = row_counts(read)
    for bad in (world.b.users["teacher"].id,       # staff of a school of another network
                world.b.external.id,               # an external member of another council
                world.a.users["admin"].id,         # already seated
                world.operator.id, 999999, -1, "x"):
        response = post_form(client, url, {"staff-user_id": bad, "staff-role": "member"}, page_url=page)
        assert response.status_code == 422, bad
    assert row_counts(read) == before


@pytest.mark.parametrize("field, value", [("base_institution_id", 999999), ("base_institution_id", "x")])
def test_network_form_refuses_missing_base(client, world, make, read, field, value):
    login(client, world.operator.email, PASSWORD)
    before = row_counts(read)
    data = {"name": "Сеть", "slug": "tampered", "starts_on": "2026-09-01", "ends_on": "2027-08-31", field: value}
    response = post_form(client, "/operator/networks/new", data)
    assert response.status_code == 422
    assert row_counts(read) == before


def test_member_form_refuses_a_member_twice_or_a_missing_institution(client, world, make, read):
    login(client, world.operator.email, PASSWORD)
    url = f"/operator/networks/{world.a.network.id}"
    before = row_counts(read)
    for bad in (world.a.school.id, world.bridge.id, 999999):  # already members, or nobody
        response = post_form(client, url, {"institution_id": bad, "role": "social_partner"})
        assert response.status_code == 422, bad
    assert row_counts(read) == before


def test_plan_section_refuses_a_partner_outside_the_network(client, world, make, read):
    login(client, world.a.users["coordinator"].email, PASSWORD)  # the base school's coordinator
    url = f"/n/network-a/plans/{world.a.plan.id}/sections"
    before = row_counts(read)
    for bad in (world.b.school.id, world.b.partner.id, 999999, "x"):
        response = post_form(client, url, {"title": "Подброшенный раздел", "partner_institution_id": bad},
                             page_url=f"/n/network-a/plans/{world.a.plan.id}")
        assert response.status_code == 422, bad
    assert row_counts(read) == before


def test_invitation_refuses_members_the_already_invited_and_the_missing(client, world, make, read):
    login(client, world.a.users["coordinator"].email, PASSWORD)  # the base school's coordinator
    url, page = "/n/network-a/invitations/existing", "/n/network-a/invitations"
    before = row_counts(read)
    for bad in (world.a.school.id, world.a.partner.id, world.bridge.id,  # members already
                world.a.invitation.institution_id,                       # invited and still waiting
                999999, -1, "x", ""):
        response = post_form(client, url, {"existing-institution_id": bad, "existing-role": "social_partner"},
                             page_url=page)
        assert response.status_code == 422, bad
    assert row_counts(read) == before


def test_an_invitation_is_answered_only_where_it_is_addressed(client, world, make, read):
    """The admin of school A, with the ids of invitations addressed to other institutions (of network A, of B)."""
    login(client, world.a.users["admin"].email, PASSWORD)
    before = row_counts(read)
    for invitation in (world.a.invitation, world.b.invitation):
        for verb in ("accept", "decline"):
            url = f"/i/school-a/networks/invitations/{invitation.id}/{verb}"
            assert client.get(url).status_code == 404
            assert post_form(client, url, {}, page_url="/i/school-a/networks/").status_code == 404
    assert row_counts(read) == before
