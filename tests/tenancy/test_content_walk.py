"""The content walk: what each person READS, not only what each URL answers.

The canary world (tests/tenancy/canaries.py) plants a unique marker in every private datum of network A. Every GET
route of ``app.url_map`` is rendered as every actor with the actor's own argument values and with the id of every
object that carries markers; htmx fragments are asked for with the HX-Target the pages use; every list with a
search box is searched; the global search is searched by every marker and by common words; every file the product
produces (.xlsx, .docx, .ics, other downloads) is read; every kind of letter is triggered through HTTP and read as
its recipient. A marker anywhere the table (canaries.RULES) does not allow fails the walk, with the actor, the URL,
the marker, its kind and a snippet. The reverse too: every actor finds each marker it may read somewhere, so a walk
that renders nothing cannot pass. A route whose argument the walk cannot fill fails it (add the argument below).
"""
from __future__ import annotations

import html
import io
import json
import re
import time
import zipfile
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from sqlalchemy import select

from tenants.entry import enter_command_line
from tenants.models import Network
from tests.conftest import login, post_form
from tests.tenancy.canaries import PREFIX, build_canary_world, may_read
from tests.tenancy.test_isolation_walk import _values_for, _values_of_rule
from workspace.agreements.letters import find_expiring, queue_signature_letters
from workspace.agreements.models import Agreement
from workspace.council.letters import queue_vote_opened, remind_vote_closing
from workspace.council.models import Meeting
from workspace.extensions import db
from workspace.letters.models import LetterPreference
from workspace.letters.worker import compose_digests
from workspace.plans.letters import find_missing_reports

# History pages that show audit entries naming pupils to the whole network: being fixed by the lead in parallel
# (workspace/audit/views.py, templates/audit/). The lead empties this set at merge; nothing else goes here.
KNOWN_LEAKS_BEING_FIXED: set[str] = set()

# The operator's outbox lists recipients' addresses, which the operator reads by design: it is read by
# _read_the_outbox below, with the addresses blanked, after every letter of the walk is sent, never as a plain page.
SKIPPED_ENDPOINTS = {"static", "operator.outbox"}
COMMON_WORDS = (PREFIX, "Иван", "ова", "школа", "программа", "заявка", "отказ", "а")
HX_TAG = re.compile(r"<[^>]*\bhx-get=\"([^\"]+)\"[^>]*>", re.S)
HX_TARGET = re.compile(r"\bhx-target=\"#([A-Za-z0-9_-]+)\"")
HREF = re.compile(r"\bhref=\"(/[^\"#]*)\"")
LINKS_PER_ROUTE = 3
SEARCH_BOX = re.compile(r"<input(?![^>]*\bid=\"site-search\")[^>]*\bname=\"q\"", re.S)  # a page's own box


def _own_values(canaries, actor) -> dict:
    """The actor's own argument values: side A's objects (tests/tenancy/test_isolation_walk.py), with the actor's
    institution, note and user."""
    world = canaries.world
    _user, own, _foreign = _values_for(world, "coordinator")
    own = dict(own)
    institution = canaries.institutions.get(actor.institution)
    own["institution"] = institution.slug if institution else world.a.school.slug
    if actor.network == "b":
        own["network"] = world.b.network.slug
        own["public_network"] = own["catalog"] = world.b.network.slug
    if actor.institution in canaries.notes:
        own["note_id"] = canaries.notes[actor.institution]
    if actor.user is not None:
        own["user_id"] = actor.user.id
    return own


def _overlays(canaries) -> list[tuple[str | None, dict]]:
    """(blueprints or None for any, values): every object that carries markers, by the arguments that name it.
    A rule is walked with each overlay whose arguments it all takes."""
    world, c = canaries.world, canaries
    programmes = ("programmes", "school_programmes")
    overlays: list[tuple[tuple | None, dict]] = []
    overlays += [(None, {"pupil_id": pupil.id}) for pupil in c.pupils.values()]
    overlays += [(None, {"application_id": application_id}) for application_id in c.applications.values()]
    overlays += [(None, {"certificate_id": certificate_id}) for certificate_id in c.certificates.values()]
    overlays += [(None, {"note_id": note_id}) for note_id in c.notes.values()]
    overlays += [(("journal",), {"group_id": c.group.id}),
                 (("journal",), {"group_id": c.group.id, "lesson_id": c.lesson.id})]
    overlays += [(("journal",), {"group_id": c.group.id, "lesson_id": c.lesson.id, "enrollment_id": enrollment_id})
                 for enrollment_id in c.enrollments.values()]
    overlays += [(("journal",), {"group_id": c.group.id, "attestation_id": c.attestation.id,
                                 "enrollment_id": enrollment_id}) for enrollment_id in c.enrollments.values()]
    overlays += [(("programmes",), {"programme_id": c.programme.id, "attestation_id": c.attestation.id})]
    overlays += [(("programmes",), {"programme_id": c.programme.id}),
                 (("programmes",), {"programme_id": c.programme.id, "group_id": c.group.id}),
                 (("public_programmes",), {"programme_id": c.programme.id})]
    overlays += [(("growth",), {"achievement_id": achievement_id}) for achievement_id in c.achievements]
    overlays += [(("group_growth",), {"programme_id": c.programme.id, "group_id": c.group.id})]
    overlays += [(("group_growth",), {"programme_id": c.programme.id, "group_id": c.group.id,
                                      "achievement_id": achievement_id}) for achievement_id in c.achievements]
    overlays += [(("monitoring",), {"diagnostic_entry_id": entry_id}) for entry_id in c.diagnostic_entries]
    overlays += [(programmes, {"request_id": request_id}) for request_id in c.requests.values()]
    requests_of = {"pa1": "a", "pa2": "a", "pb1": "a2"}
    overlays += [(programmes, {"request_id": c.requests[requests_of[key]], "enrollment_id": enrollment_id})
                 for key, enrollment_id in c.enrollments.items()]
    overlays += [(("operator",), {"institution_id": institution.id})
                 for key, institution in c.institutions.items() if key in ("a", "a2", "partner", "bridge")]
    overlays += [(("operator",), {"network_id": world.a.network.id})]
    overlays += [(("cycle",), {"analysis_id": c.analysis_id}), (("cycle",), {"analysis_id": c.stage_analysis_id})]
    return overlays


def _url(rule, values) -> str:
    path = rule.rule
    for argument in rule.arguments:
        for form in (f"<{argument}>", f"<int:{argument}>", f"<string:{argument}>", f"<path:{argument}>"):
            path = path.replace(form, str(values[argument]))
    return path


def _office_text(data: bytes) -> str:
    """Every XML part of an Office file (document, headers, footers, shared strings, core properties)."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                parts.append(html.unescape(re.sub(r"<[^>]+>", " ", archive.read(name).decode("utf-8", "replace"))))
    return "\n".join(parts)


def _readable(response) -> tuple[str, str]:
    """(what a person can read in the response, the kind of file: "" for a page)."""
    mimetype = response.mimetype or ""
    data = response.data
    if mimetype.endswith("spreadsheetml.sheet"):
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        cells = "\n".join(str(value) for sheet in workbook.worksheets
                          for row in sheet.iter_rows(values_only=True) for value in row if value is not None)
        return cells + "\n" + _office_text(data), "xlsx"
    if mimetype.endswith("wordprocessingml.document"):
        return _office_text(data), "docx"
    if mimetype == "text/calendar":
        text = data.decode("utf-8", "replace").replace("\r\n ", "").replace("\n ", "")  # unfold lines
        return text.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n"), "ics"
    text = data.decode("utf-8", "replace")
    if mimetype in ("text/html", "text/plain", "application/json", "text/xml", ""):
        return html.unescape(text), ""
    return text, mimetype


class Walk:
    """Reads responses as one actor; records each marker found where it is allowed or not."""

    def __init__(self, canaries):
        self.canaries = canaries
        self.markers = canaries.markers
        variants = []
        for index, marker in enumerate(self.markers):
            for variant in {marker.text, json.dumps(marker.text)[1:-1]}:
                variants.append((variant.casefold(), index))
        self.index_of = dict(variants)
        self.pattern = re.compile("|".join(re.escape(v) for v, _i in sorted(variants, key=lambda p: -len(p[0]))))
        self.found = defaultdict(set)         # actor key -> marker indexes found (allowed)
        self.leaks: list[str] = []
        self.known: list[tuple[str, str]] = []  # (rule, message) on routes being fixed
        self.requests = 0
        self.files = 0
        self.letters = 0
        self.pages = defaultdict(int)         # actor key -> 200 answers

    def read(self, actor, where: str, text: str, rule: str = "", echo: str = "") -> None:
        """``echo``: what the actor typed into a search box, shown back to them (not read from the data)."""
        folded = text.casefold()
        if echo:
            folded = folded.replace(echo.casefold(), " " * len(echo))  # same length: the snippet stays aligned
        for match in self.pattern.finditer(folded):
            index = self.index_of[match.group(0)]
            marker = self.markers[index]
            if may_read(actor, marker):
                self.found[actor.key].add(index)
                continue
            start = max(match.start() - 80, 0)
            snippet = " ".join(text[start:match.end() + 80].split())
            message = f"{actor.key} reads {marker.kind} {marker.text!r} at {where}: …{snippet}…"
            if rule in KNOWN_LEAKS_BEING_FIXED:
                self.known.append((rule, message))
            else:
                self.leaks.append(message)


def _client_of(app, actor):
    client = app.test_client()
    if actor.user is not None:
        login(client, actor.user.email)
    return client


def _first_queue(canaries, actor, rules, overlays, own) -> list[tuple[str, str, str, str]]:
    """Every GET route filled with the actor's own objects (and the overlays), then the search by words."""
    queue: list[tuple[str, str, str, str]] = []  # (url, hx-target, rule, the query typed)
    for rule in rules:
        if "GET" not in rule.methods:
            continue
        blueprint = rule.endpoint.rsplit(".", 1)[0]
        values, _foreign = _values_of_rule(canaries.world, rule, own, {})
        missing = set(rule.arguments) - set(values)
        assert not missing, f"{rule.rule}: the content walk cannot fill {missing}; add it to _own_values/_overlays"
        queue.append((_url(rule, values), "", rule.rule, ""))
        for blueprints, overlay in overlays:
            if set(overlay) <= set(rule.arguments) and (blueprints is None or blueprint in blueprints):
                queue.append((_url(rule, {**values, **overlay}), "", rule.rule, ""))
    institution = own["institution"]
    # By common words (the prefix of every marker among them); network A's users also by every marker's word.
    words = COMMON_WORDS + (tuple(marker.text for marker in canaries.markers if marker.expected)
                            if actor.institution in canaries.network_institutions else ())
    for word in words:
        queue.append((f"/i/{institution}/search?q={word}", "", "/i/<institution>/search", word))
    for word in COMMON_WORDS[:3]:
        queue.append((f"/i/{institution}/search?q={word}", "search-results", "/i/<institution>/search", word))
    return queue


def _next_requests(adapter, text: str, url: str, rule_text: str, seen, followed) -> list[tuple[str, str, str, str]]:
    """The fragments a page asks for (active search, filters, self-replacing parts), its search box, and its
    links (a few per route: they reach the objects the tables above do not name)."""
    found = []
    for tag in HX_TAG.finditer(text):
        target_match = HX_TARGET.search(tag.group(0))
        fragment = html.unescape(tag.group(1))
        matched = _rule_of(adapter, fragment)
        if matched is None:
            continue
        target = target_match.group(1) if target_match else ""
        found.append((fragment, target, matched.rule, ""))
        if SEARCH_BOX.search(text) and "?" not in fragment:
            found.append((f"{fragment}?q={PREFIX}", target, matched.rule, PREFIX))
    if SEARCH_BOX.search(text) and "?" not in url:
        found.append((f"{url}?q={PREFIX}", "", rule_text, PREFIX))
    for link in HREF.findall(text):
        link = html.unescape(link)
        matched = _rule_of(adapter, link)
        if matched is not None and (link, "") not in seen and followed[matched.rule] < LINKS_PER_ROUTE:
            followed[matched.rule] += 1
            found.append((link, "", matched.rule, ""))
    return found


def _walk_actor(app, canaries, walk: Walk, actor, rules, overlays) -> None:
    client = _client_of(app, actor)
    own = _own_values(canaries, actor)
    seen: set[tuple[str, str]] = set()
    queue = _first_queue(canaries, actor, rules, overlays, own)
    adapter = app.url_map.bind("localhost")
    followed: dict[str, int] = defaultdict(int)
    while queue:
        url, target, rule_text, echo = queue.pop(0)
        if (url, target) in seen:
            continue
        seen.add((url, target))
        headers = {"HX-Request": "true", "HX-Target": target} if target else {}
        response = client.get(url, headers=headers)
        walk.requests += 1
        where = f"GET {url}" + (f" (HX-Target: {target})" if target else "")
        assert response.status_code < 500, f"{actor.key}: {where} → {response.status_code}"
        text, kind = _readable(response)
        if kind:
            walk.files += 1
        walk.read(actor, where + (f" [{kind}]" if kind else ""), text, rule_text, echo)
        if response.status_code != 200:
            continue
        walk.pages[actor.key] += 1
        if not kind:
            queue.extend(_next_requests(adapter, text, url, rule_text, seen, followed))


def _rule_of(adapter, url: str):
    """The GET rule a link of the page leads to (None for a file of static/ or anything else)."""
    path = urlsplit(url).path
    if not path.startswith("/"):
        return None
    try:
        rule, _arguments = adapter.match(path, method="GET", return_rule=True)
    except Exception:  # noqa: BLE001 — not a GET route of the app: nothing to read
        return None
    return None if rule.endpoint in SKIPPED_ENDPOINTS else rule


def _invite(app, canaries, make):
    """An admin of school A invites a teacher: the letter goes to the invited person."""
    client = _client_of(app, canaries.actors["a_admin"])
    response = post_form(client, f"/i/{canaries.institutions['a'].slug}/staff/invite",
                         data={"full_name": "Новый педагог", "email": "invited@school-a.test", "position": "",
                                 "role": "teacher"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return {"invited@school-a.test": replace(canaries.actors["a_teacher"], key="invited teacher of school A",
                                             user=None)}


def _reset_password(app, canaries, make):
    """Anybody asks for a password reset of the provider's coordinator: the letter goes to that coordinator."""
    client = app.test_client()
    actor = canaries.actors["provider_coordinator"]
    response = post_form(client, "/password/forgot", {"email": actor.user.email})
    assert response.status_code == 302


def _council_meeting(app, canaries, make):
    """Network A's chair calls a meeting: each seat gets an invitation; the chair and the bridge chose not to
    receive these (a preference), so the one letter read is the external member's (a parent, the narrowest)."""
    _choose(app, canaries, ("a_admin", "bridge"), "council.meeting", "never")
    client = _client_of(app, canaries.actors["a_admin"])
    response = post_form(client, f"/n/{canaries.world.a.network.slug}/council/meetings/new",
                         data={"number": 9, "held_on": "2026-12-20", "place": "Кабинет 204"})
    assert response.status_code == 302, response.get_data(as_text=True)


def _meeting_cancelled(app, canaries, make):
    """Network A's chair cancels the meeting just called: each seat gets the cancellation (METHOD:CANCEL); the chair
    and the bridge chose not to receive meeting letters, so the parent reads it."""
    number9 = db_value(app, select(Meeting.id).where(Meeting.network_id == canaries.world.a.network.id,
                                                     Meeting.number == 9))
    client = _client_of(app, canaries.actors["a_admin"])
    url = f"/n/{canaries.world.a.network.slug}/council/meetings/{number9}/cancel"
    response = post_form(client, url, {"reason": "Перенос по просьбе партнёров"})
    assert response.status_code == 302, response.get_data(as_text=True)


def _network_invitation(app, canaries, make):
    """Network A's base invites a new institution by its head's e-mail: the head, who has no account yet, reads
    what an anonymous visitor may, and the network's name they are invited to."""
    client = _client_of(app, canaries.actors["a_admin"])
    slug = canaries.world.a.network.slug
    response = post_form(client, f"/n/{slug}/invitations/email",
                         {"email-head_name": "Новиков Пётр Ильич", "email-email": "head@new-institution.test",
                          "email-role": "social_partner"}, page_url=f"/n/{slug}/invitations")
    assert response.status_code == 302, response.get_data(as_text=True)
    return {"head@new-institution.test": replace(canaries.actors["anonymous"], key="invited head of a new institution")}


def _mention(app, canaries, make):
    """School A's coordinator @mentions the partner's coordinator in the joint project: the letter goes to them."""
    client = _client_of(app, canaries.actors["a_coordinator"])
    project = canaries.world.a.project
    url = f"/n/{canaries.world.a.network.slug}/projects/{project.id}"
    response = post_form(client, f"{url}/comments", {"body": "@Координатор партнёра, посмотрите задачу"},
                         page_url=url)
    assert response.status_code == 302, response.get_data(as_text=True)


def _choose(app, canaries, keys, kind: str, choice: str) -> None:
    """The actors' choice for a kind of letter (at once, daily, weekly, never), as /settings/letters saves it."""
    with app.app_context():
        for key in keys:
            db.session.merge(LetterPreference(user_id=canaries.actors[key].user.id, kind=kind, choice=choice))
        db.session.commit()


def _run(app, job, *args) -> None:
    """A letters job as the worker runs it: every tenant's rows (the command line's way in), then one commit."""
    with app.app_context(), enter_command_line():
        job(*args)
        db.session.commit()


def _moscow(day, hour: int = 8) -> datetime:
    return datetime.combine(day, dt_time(hour, 0), tzinfo=ZoneInfo("Europe/Moscow")).astimezone(UTC)


def _vote_opened(app, canaries, make):
    """Network A's open e-vote announced to every seat (the chair, the bridge, the parent)."""
    def announce():
        meeting = db.session.scalar(select(Meeting).where(Meeting.id == canaries.world.a.meeting.id))
        network = db.session.scalar(select(Network).where(Network.id == meeting.network_id))
        queue_vote_opened(meeting, network)
    _run(app, announce)


def _vote_closing(app, canaries, make):
    """The day before the deadlines of both networks' e-votes: the seats that have not voted are reminded."""
    _run(app, remind_vote_closing, _moscow(canaries.world.a.meeting.deadline_on - timedelta(days=1)))


def _signature(app, canaries, make):
    """Network A's agreement sent for signature: the parties' admins are asked to accept it."""
    def ask():
        agreement = db.session.scalar(select(Agreement).where(Agreement.id == canaries.world.a.agreement.id))
        queue_signature_letters(agreement, canaries.world.a.network.slug)
    _run(app, ask)


def _expiring(app, canaries, make):
    """30 days before network A's agreement ends: its parties' admins and coordinators are told; school A's
    coordinator chose the daily digest for these (read by the digest trigger)."""
    _choose(app, canaries, ("a_coordinator",), "agreements.expiring", "daily")
    ends_on = db_value(app, select(Agreement.ends_on).where(Agreement.id == canaries.world.a.agreement.id))
    _run(app, find_expiring, _moscow(ends_on - timedelta(days=30)))


def _digest(app, canaries, make):
    """The next morning's daily digest of school A's coordinator gathers the held expiry letter."""
    ends_on = db_value(app, select(Agreement.ends_on).where(Agreement.id == canaries.world.a.agreement.id))
    _run(app, compose_digests, _moscow(ends_on - timedelta(days=29), hour=7))


def _report_due(app, canaries, make):
    """An event of network A's plan ended without its report: the people it names are reminded."""
    make.item(canaries.world.a.section, "Мероприятие без отчёта", "ноябрь")
    _run(app, find_missing_reports, _moscow(date(2026, 12, 2)))


def _decision(app, canaries, make):
    """Network A's chair closes the e-vote's question: every seat and the plan's submitter get the decision."""
    a = canaries.world.a
    client = _client_of(app, canaries.actors["a_admin"])
    url = f"/n/{a.network.slug}/council/meetings/{a.meeting.id}/agenda/{a.agenda_item.id}/close"
    response = post_form(client, url, {"if_not_carried": "returned", "remarks": "Доработать"})
    assert response.status_code == 302, response.get_data(as_text=True)


def db_value(app, statement):
    with app.app_context(), enter_command_line():
        return db.session.scalar(statement)


# Every kind of letter the product sends, triggered as it happens (through HTTP where a page causes it, through
# the worker's job where time does): a new kind of letter is added here. A trigger returns the readers of
# addresses that are no actor's (an invited person), if any.
LETTER_TRIGGERS = {"invitation": _invite, "password reset": _reset_password,
                   "council meeting invitation": _council_meeting, "meeting cancellation": _meeting_cancelled,
                   "network invitation": _network_invitation, "project mention": _mention,
                   "e-vote opened": _vote_opened, "e-vote closing tomorrow": _vote_closing,
                   "agreement awaiting signature": _signature, "agreement expiring": _expiring,
                   "daily digest": _digest, "event report due": _report_due, "council decision": _decision}


def _reader_of(canaries, address: str, extra: dict):
    """The actor who reads a letter to this address: an actor's own, a trigger's reader, or for a person of
    network B who is no actor (its admin, its parent on the council) network B's coordinator's reading."""
    actors = {actor.user.email: actor for actor in canaries.actors.values() if actor.user is not None}
    if address in actors or address in extra:
        return actors.get(address) or extra[address]
    assert address.endswith(("@school-b.test", "@b.test", "@partner-b.test")), f"a letter to {address}: who reads it?"
    return replace(canaries.actors["b_coordinator"], key=f"{address} (network B)", user=None)


# What each actor must find somewhere (the reverse check): every marker its rule allows and marks as expected.
# An allowed marker that is not shown anywhere to an actor is listed here as not expected, with the reason.
NOT_EXPECTED = {
    # The operator reads only the admins it appoints (operator.show_institution); school B's admin is network B's.
    ("operator", "e-mail of school B's admin"),
}


def _read_the_worlds_letters(canaries, walk, outbox) -> int:
    """The world is partly built through HTTP (enrollment requests and decisions), which sends their letters to
    the schools' and providers' staff: each is read as its recipient. The number of letters read."""
    actors = {actor.user.email: actor for actor in canaries.actors.values() if actor.user is not None}
    letters = [letter for letter in outbox if letter["to"] in actors]
    for letter in letters:
        walk.letters += 1
        walk.read(actors[letter["to"]], f"the world's letter to {letter['to']}", f"{letter['subject']}\n{letter['body']}")
    return len(letters)


def _read_the_outbox(app, canaries, walk, recipients: set[str]) -> None:
    """The operator's outbox (operator.outbox) lists every letter's recipient, kind, subject and status, never its
    body: the operator reads the recipients' addresses (blanked here, as a search box's echo is) and nothing else
    of theirs; every other actor gets 404."""
    for actor in canaries.actors.values():
        response = _client_of(app, actor).get("/operator/outbox")
        walk.requests += 1
        text = response.get_data(as_text=True)
        if actor.key != "operator":
            assert response.status_code in (302, 404), actor.key
            continue
        assert response.status_code == 200 and all(address in text for address in recipients)
        for address in recipients:
            text = text.replace(address, " " * len(address))
        walk.read(actor, "GET /operator/outbox", text, "/operator/outbox")


def test_every_page_file_and_letter_shows_each_marker_only_to_its_readers(app, make, outbox, record_property):
    started = time.perf_counter()
    canaries = build_canary_world(make, app)
    walk = Walk(canaries)
    _read_the_worlds_letters(canaries, walk, outbox)
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED_ENDPOINTS]
    overlays = _overlays(canaries)
    for actor in canaries.actors.values():
        _walk_actor(app, canaries, walk, actor, rules, overlays)

    for kind, trigger in LETTER_TRIGGERS.items():
        before = len(outbox)
        extra = trigger(app, canaries, make) or {}
        letters = outbox[before:]
        assert letters, f"{kind}: no letter"
        for letter in letters:
            walk.letters += 1
            walk.read(_reader_of(canaries, letter["to"], extra), f"the {kind} letter to {letter['to']}",
                      f"{letter['subject']}\n{letter['body']}\n{html.unescape(letter['html'] or '')}")
    _read_the_outbox(app, canaries, walk, {letter["to"] for letter in outbox})

    expected = [(actor, index) for actor in canaries.actors.values() for index, marker in enumerate(canaries.markers)
                if marker.expected and may_read(actor, marker) and (actor.key, marker.kind) not in NOT_EXPECTED]
    missing = [f"{actor.key} never finds {canaries.markers[index].kind} {canaries.markers[index].text!r}"
               for actor, index in expected if index not in walk.found[actor.key]]
    seconds = time.perf_counter() - started
    known_routes = ", ".join(sorted(KNOWN_LEAKS_BEING_FIXED))
    record_property("content walk", (
        f"content walk: {len(rules)} routes x {len(canaries.actors)} actors x {len(canaries.markers)} markers: "
        f"{walk.requests} pages and fragments, {walk.files} files, {walk.letters} letters read; "
        f"unexpected appearances {len(walk.leaks)}; expected appearances found {len(expected) - len(missing)} "
        f"of {len(expected)}; {len(walk.known)} appearances on routes being fixed ({known_routes}); {seconds:.0f} s"))
    assert not walk.leaks, f"{len(walk.leaks)} unexpected appearances:\n" + "\n".join(walk.leaks[:60])
    assert not missing, f"{len(missing)} of {len(expected)} expected appearances not found:\n" + "\n".join(missing)
    fixed = KNOWN_LEAKS_BEING_FIXED - {rule for rule, _message in walk.known}
    assert not fixed, f"{fixed} show no marker any more: remove them from KNOWN_LEAKS_BEING_FIXED"
    assert walk.files >= 5 and walk.letters >= len(LETTER_TRIGGERS)
    assert all(walk.pages[key] >= 3 for key in canaries.actors if key != "anonymous"), dict(walk.pages)
