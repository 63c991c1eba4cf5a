"""Walk every route of app.url_map as every role of network A against network B's objects.

For every rule and every one of its arguments, the argument takes a value the user must not
reach while the others take the user's own values: the answer must be 404 (the login page for
anonymous users), for every method. Every page the user may open is searched for anything of
network B. A new route whose argument has no entry in the tables below fails the walk, so a
route is covered the day it is added.
"""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.conftest import login, shared_world
from tests.fixtures.factories import PASSWORD
from tests.tenancy.world import MARK_B, ROLES, build_world

# Every test here reads the same two networks and changes nothing of them: built once for the module.
pytestmark = pytest.mark.shared_world
world = shared_world(build_world)
SKIPPED_ENDPOINTS = {"static"}
OPERATOR_ARGUMENTS = {"institution_id", "network_id"}


def _values_for(world, actor_key: str):
    """(own, foreign) argument values for one actor of side A."""
    a, b = world.a, world.b
    own_user = {
        "external": a.external, "partner": a.partner_coordinator, "bridge": world.bridge_coordinator,
    }.get(actor_key) or a.users[actor_key]
    own_institution = {"external": None, "partner": a.partner, "bridge": world.bridge}.get(actor_key, a.school)
    own = {
        "institution": own_institution.slug if own_institution else None,
        "network": a.network.slug,
        "note_id": (world.bridge_note if actor_key == "bridge" else a.note).id,
        "user_id": own_user.id,
        "membership_id": a.partner_membership.id,
        "seat_id": a.seat.id,
        "institution_id": a.school.id,
        "network_id": a.network.id,
        "membership_id_operator": a.partner_membership.id,
        "token": "no-such-token",
        "plan_id": a.plan.id,
        "section_id": a.section.id,
        "item_id": a.item.id,
        "field": "title",
        "import_id": a.plan_import.id,
        "feed_token": a.feed_token,
        "file_id": a.report_file_id,
        "meeting_id": a.meeting.id,
        "agenda_item_id": a.agenda_item.id,
        "subject_type": "plan",
        "subject_id": a.plan.id,
        "agreement_id": a.agreement.id,
        "party_id": a.agreement.party_rows[0].id,
        "obligation_id": a.obligation_id,
        "scan_id": a.agreement_file_id,
        "link_id": a.agreement_link_id,
        "public_network": a.network.slug,
        "project_id": a.project.id,
        "stage_id": a.stage.id,
        "task_id": a.task.id,
        "roadmap_import_id": a.roadmap_import.id,
        "pupil_id": a.pupil.id,
        "consent_id": a.consent.id,
        "programme_id": a.programme.id,
        "slot_id": a.slot.id,
        "application_id": a.application.id,
        "catalog": a.network.slug,
        "group_id": a.journal_group.id,
        "lesson_id": a.journal_lesson.id,
        "enrollment_id": a.journal_enrollment.id,
        "certificate_id": a.journal_certificate.id,
        "attestation_id": a.journal_attestation.id,
        "material_id": a.material.id,
        "material_file_id": a.material_file_id,
        "document_id": a.document.id,
        "version_id": a.document_version_id,
        "request_id": a.need.id,
        "need_id": a.need.id,
        "offer_id": a.offer.id,
        "conversation_id": a.conversation.id,
        "indicator_id": a.indicator.id,
        "template_key": "network",  # the monitoring programme's templates are the product's, not a tenant's
        "figure_key": "coverage-by-category",  # a dashboard figure's rows: the product's key, the tenant's rows
        "survey_id": a.survey.id,
        "question_id": a.question.id,
        "survey_token": a.survey.token,
        "letter_id": 999999,  # the outbox is the operator's alone (operator.retry_letter)
        "invitation_id": a.invitation.id,  # addressed to another institution: the school's own answers are 404
        "passport_stage_id": a.passport_stage.id,
        "analysis_id": a.analysis.id,
        "analysis_line_id": a.analysis_line_id,
        "row_id": a.model_row.id,  # a row of the network's interaction model
        "school_id": a.school.id,  # the network's documents: the school of an order or of an agreement
        "achievement_id": a.achievement.id,  # the partner's record of the school's pupil (the school reads it)
        "diagnostic_id": a.diagnostic.id,  # a diagnostic indicator of the network (each school enters its own)
        "diagnostic_entry_id": a.diagnostic_entry.id,  # the school's row for its pupil
        "point": "start",
    }
    # The bridge belongs to both networks: what it must not reach is the schools' private space.
    foreign_institution = a.school if actor_key == "bridge" else b.school
    foreign = {
        "institution": [foreign_institution.slug, "no-such-institution"],
        "network": [] if actor_key == "bridge" else [b.network.slug, "no-such-network"],
        "note_id": [b.note.id, a.note.id if actor_key == "bridge" else world.bridge_note.id, 999999],
        "user_id": [b.users["admin"].id, b.external.id, 999999],
        "membership_id": [b.partner_membership.id, 999999],
        "seat_id": [b.seat.id, 999999],
        "institution_id": [b.school.id, a.school.id],
        "network_id": [b.network.id, a.network.id],
        "token": ["no-such-token"],
        "plan_id": [b.plan.id, 999999],
        "section_id": [b.section.id, 999999],
        "item_id": [b.item.id, 999999],
        "field": ["no-such-field"],
        "letter_id": [999999],
        "import_id": [b.plan_import.id, 999999],
        # The token is the credential: what must not open is a revoked link, a deactivated user's, a guess.
        "feed_token": [b.revoked_feed_token, b.disabled_feed_token, a.revoked_feed_token, "no-such-feed"],
        "file_id": [b.report_file_id, 999999],
        "meeting_id": [b.meeting.id, 999999],
        "agenda_item_id": [b.agenda_item.id, 999999],
        "subject_type": ["no-such-type"],
        "subject_id": [b.plan.id, 999999],
        "agreement_id": [b.agreement.id, 999999],
        "party_id": [b.agreement.party_rows[0].id, 999999],
        "obligation_id": [b.obligation_id, 999999],
        "scan_id": [b.agreement_file_id, 999999],
        "link_id": [b.agreement_link_id, 999999],
        # The public list of agreements needs no login and shows any network's PUBLISHED agreements by design
        # (test_public_pages_show_only_the_published below); only a network that does not exist answers 404.
        "public_network": ["no-such-network"],
        "project_id": [b.project.id, 999999],
        "stage_id": [b.stage.id, 999999],
        "task_id": [b.task.id, 999999],
        "roadmap_import_id": [b.roadmap_import.id, 999999],
        # A pupil is the home school's alone: the partner (provider) and the bridge never open school A's either.
        "pupil_id": [b.pupil.id, 999999] + ([a.pupil.id] if actor_key in ("partner", "bridge", "external") else []),
        "consent_id": [b.consent.id, 999999],
        "programme_id": [b.programme.id, 999999],
        "slot_id": [b.slot.id, 999999],
        "application_id": [b.application.id, 999999],
        # The public catalog is open to everyone by design (no login): only a network that does not exist is 404.
        "catalog": ["no-such-network"],
        "group_id": [b.journal_group.id, 999999],
        "lesson_id": [b.journal_lesson.id, 999999],
        "enrollment_id": [b.journal_enrollment.id, 999999],
        "certificate_id": [b.journal_certificate.id, 999999],
        "attestation_id": [b.journal_attestation.id, 999999],
        "material_id": [b.material.id, 999999],
        "material_file_id": [b.material_file_id, 999999],
        "document_id": [b.document.id, 999999],
        "version_id": [b.document_version_id, 999999],
        "request_id": [b.need.id, b.offer.id, 999999],
        "need_id": [b.need.id, 999999],
        "offer_id": [b.offer.id, 999999],
        "conversation_id": [b.conversation.id, 999999],
        "indicator_id": [b.indicator.id, 999999],
        "template_key": ["no-such-template"],
        "figure_key": ["no-such-figure"],
        "survey_id": [b.survey.id, 999999],
        "question_id": [b.question.id, 999999],
        # The public survey link is the credential and is meant to be handed out: network B's open survey
        # answers anyone holding its link (as any respondent). What must not open is an unpublished
        # survey's token or a guess.
        "survey_token": [b.draft_survey_token, a.draft_survey_token, "no-such-survey-token"],
        # an invitation is answered only in the institution it is addressed to: network B's, or network A's
        # invitation of another institution, is 404 to every user of A
        "invitation_id": [b.invitation.id, a.invitation.id, 999999],
        # The passport is one per network (its routes take no id); its stages are reached by id.
        "passport_stage_id": [b.passport_stage.id, 999999],
        # the yearly analysis and its partner's line (one argument varied at a time: A's analysis with B's line)
        "analysis_id": [b.analysis.id, b.stage_analysis.id, 999999],
        "analysis_line_id": [b.analysis_line_id, 999999],
        "row_id": [b.model_row.id, 999999],
        # A school of another network, or none. (That the provider and another school of the same network answer
        # 404 for a school's order with its pupils' names is tests/paperwork/test_documents.py's.)
        "school_id": [b.school.id, 999999],
        # a pupil's achievement: network B's (the provider's and the school's own), or none
        "achievement_id": [b.achievement.id, b.school_achievement.id, 999999],
        # another network's diagnostic indicator (the bridge is in network B: B's is its own), or a hand-entered one
        # of network A (no diagnostics to enter)
        "diagnostic_id": ([] if actor_key == "bridge" else [b.diagnostic.id]) + [a.indicator.id, 999999],
        "diagnostic_entry_id": [b.diagnostic_entry.id, 999999],
        "point": ["no-such-point"],
    }
    if actor_key == "bridge":
        foreign["membership_id"] = [999999]
        foreign["seat_id"] = [999999]
    return own_user, own, foreign


def _named_alike(world, blueprint: str) -> tuple[dict, dict]:
    """Two areas name some route arguments alike (a project's document and a regulation of the register are
    both ``document_id``): the (own, foreign) values of such arguments for the routes of one blueprint.
    Ids of different tables may coincide, so each blueprint gets the foreign objects of its own tables."""
    a, b = world.a, world.b
    programmes = ({"request_id": a.enrollment_request.id, "group_id": a.group.id,
                   "enrollment_id": a.enrollment_request.enrollment_ids[0]},
                  {"request_id": [b.enrollment_request.id, 999999], "group_id": [b.group.id, 999999],
                   "enrollment_id": [b.enrollment.id, b.enrollment_request.enrollment_ids[0], 999999]})
    return {
        "projects": ({"document_id": a.project_document.id, "indicator_id": a.project_indicator.id},
                     {"document_id": [b.project_document.id, 999999],
                      "indicator_id": [b.project_indicator.id, 999999]}),
        "programmes": programmes,
        "school_programmes": programmes,
        # a provider's achievements of its group: the partner's group; the school's own record is not the group's
        "group_growth": ({"group_id": a.group.id},
                         {"group_id": [b.group.id, a.journal_group.id, 999999],
                          "achievement_id": [b.achievement.id, a.school_achievement.id, 999999]}),
    }.get(blueprint, ({}, {}))


def _values_of_rule(world, rule, own: dict, foreign: dict) -> tuple[dict, dict]:
    own_alike, foreign_alike = _named_alike(world, rule.endpoint.rsplit(".", 1)[0])
    return {**own, **own_alike}, {**foreign, **foreign_alike}


def _url(rule, values):
    path = rule.rule
    for argument in rule.arguments:
        path = path.replace(f"<{argument}>", str(values[argument]))
        for converter in ("int", "string", "path"):
            path = path.replace(f"<{converter}:{argument}>", str(values[argument]))
    return path


def _text_of(response) -> str:
    """What a user can read in a response: the HTML, or every cell of an Excel file."""
    if response.mimetype.endswith("spreadsheetml.sheet"):
        workbook = load_workbook(io.BytesIO(response.data), read_only=True)
        return "\n".join(str(value) for sheet in workbook.worksheets
                         for row in sheet.iter_rows(values_only=True) for value in row if value is not None)
    if response.mimetype.endswith("wordprocessingml.document"):
        from docx import Document
        return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(response.data)).paragraphs)
    if response.mimetype.startswith(("image/", "application/pdf")):
        return response.data.decode("utf-8", errors="replace")  # the marks are UTF-8 inside the test files
    return response.get_data(as_text=True)


def _rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED_ENDPOINTS]


ACTORS = [*ROLES, "partner", "external", "bridge"]
WALK_TOTALS: list[tuple[str, int, int]] = []  # (actor, routes, foreign requests): printed at the end


@pytest.mark.parametrize("actor_key", ACTORS)
def test_nothing_foreign_is_reachable(app, client, world, csrf_off, actor_key):
    user, own_values, foreign_values = _values_for(world, actor_key)
    login(client, user.email, PASSWORD)
    tried = 0
    for rule in _rules(app):
        unknown = set(rule.arguments) - set(foreign_values)
        assert not unknown, f"{rule.rule}: add {unknown} to the isolation walk"
        own, foreign = _values_of_rule(world, rule, own_values, foreign_values)
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        for argument in rule.arguments:
            for bad in foreign[argument]:
                values = dict(own)
                values[argument] = bad
                if values.get("institution") is None:
                    values["institution"] = foreign["institution"][0]
                url = _url(rule, values)
                for method in methods:
                    response = client.open(url, method=method, data={})
                    tried += 1
                    assert response.status_code == 404, f"{actor_key} {method} {url} → {response.status_code}"
    assert tried > 50
    WALK_TOTALS.append((actor_key, len(_rules(app)), tried))


@pytest.mark.parametrize("actor_key", ACTORS)
def test_own_pages_show_nothing_foreign(app, client, world, csrf_off, actor_key):
    user, own, _foreign = _values_for(world, actor_key)
    login(client, user.email, PASSWORD)
    # The bridge is in both networks: only the schools' private notes are foreign to it.
    forbidden = [world.a.note.body, world.b.note.body] if actor_key == "bridge" else [MARK_B, world.bridge_note.body]
    if actor_key in ("partner", "bridge", "external"):
        # The provider (the partner) sees school A's pupils only as name and class: never contacts or birth date.
        pupil = world.a.pupil
        forbidden += [pupil.parent_phone, pupil.parent_email, pupil.parent_name, pupil.birth_on.strftime("%d.%m.%Y")]
        # The school's flags and its own achievements stay in the school (the partner reads only what it recorded).
        forbidden += [world.a.flag.note, world.a.school_achievement.title, world.a.diagnostic_entry.note]
        if actor_key != "partner":
            forbidden.append(world.a.achievement.title)
    opened = 0
    for rule in _rules(app):
        if "GET" not in rule.methods or set(rule.arguments) & OPERATOR_ARGUMENTS:
            continue
        if "institution" in rule.arguments and own["institution"] is None:
            continue
        url = _url(rule, _values_of_rule(world, rule, own, {})[0])
        response = client.get(url)
        assert response.status_code < 500, f"{url} → {response.status_code}"
        body = _text_of(response)
        for mark in forbidden:
            assert mark not in body, f"{actor_key} sees {mark!r} on {url}"
        if response.status_code == 200:
            opened += 1
    assert opened >= 5


def _foreign_subjects(world) -> dict[str, list[int]]:
    """For every approvable kind, network B's objects of that kind (the walk above varies one argument at a
    time, so subject_type stays "plan" there; a kind missing here fails the test below)."""
    b = world.b
    return {"plan": [b.plan.id, 999999], "plan_section": [b.section.id, 999999],
            "project": [b.project.id, 999999], "passport": [b.passport.id, 999999],
            "analysis": [b.analysis.id, b.stage_analysis.id, 999999]}


@pytest.mark.parametrize("actor_key", ["admin", "coordinator", "partner"])
def test_every_approvable_kind_refuses_foreign_subjects(app, client, world, csrf_off, actor_key):
    from workspace.council.approval import approvables
    user, own, _foreign = _values_for(world, actor_key)
    login(client, user.email, PASSWORD)
    subjects = _foreign_subjects(world)
    kinds = approvables.kinds()
    assert set(kinds) <= set(subjects), f"add {set(kinds) - set(subjects)} to the isolation walk's subjects"
    tried = 0
    for rule in _rules(app):
        if "subject_type" not in rule.arguments:
            continue
        for kind in kinds:
            for bad in subjects[kind]:
                url = _url(rule, {**own, "subject_type": kind, "subject_id": bad})
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    response = client.open(url, method=method, data={})
                    tried += 1
                    assert response.status_code == 404, f"{actor_key} {method} {url} → {response.status_code}"
    assert tried >= 4 * len(kinds)


# Pages open without a login by design, each with its reason:
PUBLIC_ENDPOINTS = {
    # the list of a network's published agreements, linked from the schools' websites (issue 6)
    "public_agreements.public_agreements",
    # the public catalog of a network's published programmes and the application form of a parent
    # (DESIGN: "a public catalog ... the page a school links from its site", issue 7)
    "public_programmes.public_catalog", "public_programmes.public_programme",
}
PUBLIC_WITHOUT_LOGIN = {"surveys.answer_survey", "surveys.submit_survey"}  # the survey's public link


def test_anonymous_is_sent_to_login_everywhere(app, client, world, csrf_off):
    _user, own, _foreign = _values_for(world, "admin")
    for rule in _rules(app):
        if rule.endpoint in PUBLIC_ENDPOINTS:
            # open on purpose: nothing private of anyone on them (and see test_public_pages_show_only_the_published)
            if "catalog" in rule.arguments:
                response = client.get(_url(rule, own))
                assert response.status_code == 200, rule.rule
                body = response.get_data(as_text=True)
                for secret in (MARK_B, world.a.pupil.surname, world.a.pupil.parent_phone, world.a.application.note):
                    assert secret not in body, f"{rule.rule} shows {secret!r} without login"
            continue
        assert "catalog" not in rule.arguments, f"{rule.rule}: a new public page needs a justified exception"
        if "token" in rule.arguments or not set(rule.arguments) & {"institution", "network",
                                                                     "institution_id", "network_id"} and \
                not rule.rule.startswith("/operator"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(_url(rule, _values_of_rule(world, rule, own, {})[0]), method=method, data={})
            assert response.status_code == 302, rule.rule
            assert "/login" in response.location


def test_public_pages_show_only_the_published(app, client, world):
    """The justified exceptions above: open to anyone, and nothing unpublished or private on them."""
    for side, other in ((world.a, world.b), (world.b, world.a)):
        response = client.get(f"/public/n/{side.network.slug}/agreements")
        body = response.get_data(as_text=True)
        assert response.status_code == 200
        assert side.agreement.title in body
        for hidden in ("Неопубликованный", "Предмет ", "Обязательство ", "Скрытое", other.agreement.title,
                       side.note.body, "csrf_token"):
            assert hidden not in body, hidden
    assert {rule.endpoint for rule in _rules(app) if rule.rule.startswith("/public/")} == PUBLIC_ENDPOINTS


def test_the_public_survey_link_is_the_only_anonymous_page_with_data(app, client, world, csrf_off):
    """The justified exception: a published survey's link opens without login (the respondents are parents
    and pupils with no account); it shows that survey's questions and nothing else, and a draft's token or
    a guess is 404 like a missing page."""
    anonymous_routes = {rule.endpoint for rule in _rules(app) if "survey_token" in rule.arguments}
    assert anonymous_routes == PUBLIC_WITHOUT_LOGIN
    page = client.get(f"/s/{world.a.survey.token}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Анкета Своё-А" in body and "Вариант Своё-А" in body
    assert MARK_B not in body and "Ответ Своё-А" not in body  # others' answers are never shown
    for token in (world.b.draft_survey_token, world.a.draft_survey_token, "no-such-survey-token"):
        for method in ("GET", "POST"):
            assert client.open(f"/s/{token}", method=method, data={}).status_code == 404
