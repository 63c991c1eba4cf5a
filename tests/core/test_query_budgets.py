"""SQL statements per main page: pinned, and the same for small and large data."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from workspace.council.models import Meeting
from workspace.extensions import db
from workspace.letters.outbox import queue_letter
from workspace.networks.models import InteractionRow
from workspace.plans.models import Plan

BUDGETS = {"desk": 3, "network": 4, "council": 7, "staff": 4, "plan": 8, "plans": 3, "meeting": 8, "minutes": 6,
           "institution-history": 5, "network-history": 5}
# Every /n/ page -2: the network, the membership and the seat are read in one statement (tenants/resolution.py).
# The desk: the user, the institution's networks (the URL resolution), then everything it lists in ONE statement
#   (workspace/desk/lists.py: the seats, the questions waiting for the user's vote, the documents waiting for the
#   council, the next events, the reports due, the agreements, the programmes' applications and requests, the mentions,
#   the request-table conversations, the invitations, the network cards and the notes, as the parts of one UNION ALL).
# Why the council approval raised some pages by a fixed number (never by the data):
#   council +4: meetings and e-votes with their counts, requests waiting for a decision, the voting rules,
#        the questions waiting for my vote;
#   plan +1: the plan's approval rounds with their hearings and decisions (one joined statement);
#        +1: the institutions and colleagues linked to the items (one UNION statement).
#   network +1: the rows of the interaction model with their partners (one joined statement);
#   plan +1: the partners' names of the interaction model's rows the items realise (one statement, read only when
#        an item names a row: networks/interaction.py row_names);
#   plan +1: the interaction model's rows and forms the «Добавить мероприятие» form offers (one statement, read only
#        for a user who may add events to a shown section: plans/views.py item_form);
#   plan -2 (issue 21): the plan comes with its outline of sections and their counts (one statement,
#        plans/queries.py plan_and_outline_or_404), the page of items with the names linked to them (one joined
#        statement, items_and_links).
#   meeting -4, minutes -2: the questions come with their decisions (one joined statement), the vote counts with the
#        user's own choices (one grouped statement), the seats with who was present (one statement), and a manager's
#        page counts the seats it reads (council/queries.py agenda_and_decisions, seats_and_present; voting.py
#        tallies_and_choices).
#   history +1: the people, institutions and objects the page's entries name by id (one UNION statement,
#        audit/display.py), so that an entry reads «Партнёр: Театр», not «partner_institution_id: 7».
# On PostgreSQL a page that reads tenant- or network-owned rows first sets the transaction-local
# row-level-security context: one more statement on /i/ pages.
# Network pages (/n/): the URL resolution reads the network, membership and seat in ONE statement (unscoped, keyed by
# the user), so on PostgreSQL it sets two contexts: the opt-out for that read, then the request's scope.
RLS_CONTEXT = {"desk": 1, "network": 2, "council": 2, "staff": 0, "plan": 2, "plans": 2, "meeting": 2, "minutes": 2,
               "institution-history": 1, "network-history": 2}


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator")
    seats = [make.seat(network, coordinator, "secretary")]
    for n in range(size):
        partner = make.institution(f"Партнёр {n}", kind="museum", slug=f"p{n}")
        make.member(network, partner, "social_partner", interaction_forms=f"Формы {n}")
        member = make.user(partner, "coordinator")
        seats.append(make.seat(network, member, "member"))
        make.note(school, f"Заметка {n}", coordinator)
        make.user(school, "teacher")
    rows = [make.model_row(network, f"Ведомство {k}", kind="agency", forms="Уроки\nБеседы") for k in range(2)]
    plan = make.plan(network, 2026, title="План")
    sections = [make.section(plan, f"Раздел {k}", position=k) for k in range(1, 3)]
    for n in range(size):
        item = make.item(sections[n % 2], f"Мероприятие {n}", "октябрь", position=n, audience="5-9 классы",
                         interaction_row=rows[n % 2], interaction_form="Уроки", status="held" if n % 3 else "planned")
        if n % 3:
            make.participation(make.report(item, date(2026, 10, 20)), school, 5, 20 + n)
    for n in range(size // 5):
        extra = make.network(school, name=f"Ещё сеть {n}", slug=f"extra{n}")
        make.member(extra, make.institution(f"Другой {n}", slug=f"o{n}"), "social_partner")
    _populate_council(make, network, plan, coordinator, seats, size)
    return coordinator


def _populate_council(make, network, plan, coordinator, seats, size: int):
    """A meeting with ``size`` questions (the first puts the plan up for approval), votes of every seat."""
    approval = make.approval(plan, coordinator, mark_submitted=False)
    meeting = make.meeting(network, 1, kind="meeting")
    items = [make.agenda_item(meeting, f"Вопрос {n}", approval if n == 0 else None, position=n) for n in range(size)]
    for n, seat in enumerate(seats):
        make.vote(items[0], seat, ("for", "against", "abstain")[n % 3])
        make.vote(items[n % size], seat, "for") if n % size else None


PAGES = {"desk": "/i/school/", "network": "/n/net/", "council": "/n/net/council/", "staff": "/i/school/staff",
         "plans": "/n/net/plans/", "plan": "/n/net/plans/{plan_id}",
         "institution-history": "/i/school/history", "network-history": "/n/net/history",
         "meeting": "/n/net/council/meetings/{meeting_id}", "minutes": "/n/net/council/meetings/{meeting_id}/minutes"}
# A new year's plan as a copy (plans/copy_views.py): the plans, the source year's approved analysis (none here; with
# one, +1 for its ended partners and +1 for the items' links when it ends any), then the source's sections and its
# items, whatever their number; /n/ as above.
PAGES["plan-copy"] = "/n/net/plans/copy"
BUDGETS["plan-copy"] = 6
# The interaction model (networks/interaction_views.py): its rows with their partners in one joined statement; a row's
# page: the row, its events of the year, their participants (one statement each, whatever their number). For the base's
# managers the model page also reads the members, to offer a row to those that have none.
PAGES["model"] = "/n/net/model/"
BUDGETS["model"] = 4
RLS_CONTEXT["model"] = 2
PAGES["model-row"] = "/n/net/model/{row_id}?year=2026"
BUDGETS["model-row"] = 6  # + the monitoring indicators tied to the row (issue 20 part 3)
RLS_CONTEXT["model-row"] = 2
RLS_CONTEXT["plan-copy"] = 2


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, read, page, size):
    login_as(_populate(make, size))
    with read():
        url = PAGES[page].format(plan_id=db.session.scalar(select(Plan.id)),
                                 meeting_id=db.session.scalar(select(Meeting.id)),
                                 row_id=db.session.scalar(select(InteractionRow.id).where(InteractionRow.partner_name == "Ведомство 0")))
    client.get(url)  # warm: first request of a client loads nothing extra, but be sure
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    expected = BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += RLS_CONTEXT[page]
    assert len(statements) == expected, "\n".join(statements)


# The calendar (workspace/calendar): items of the plan on a month grid, in a list, across an institution's
# networks; the same statements for 2 and for 40 items. Pinned apart from BUDGETS above so that the
# page URLs can carry the month the populated items fall in.
CALENDAR_BUDGETS = {"calendar": 5, "calendar-list": 7, "institution-calendar": 6}  # /n/: -2, one-statement resolution
# The month reads the first items whose timing was not read, with their total, in its one statement (was +1
# apart: the month grid 6 → 5, the institution's 7 → 6); the list reads them apart (one statement, capped list),
# and it is paged (the total of dated items, then one page of them).
CALENDAR_RLS_CONTEXT = {"calendar": 2, "calendar-list": 2, "institution-calendar": 1}  # /n/: two contexts, see above
CALENDAR_PAGES = {"calendar": "/n/net/calendar/?month=2026-10",
                  "calendar-list": "/n/net/calendar/?view=list&month=2026-10",
                  "institution-calendar": "/i/school/calendar/?month=2026-10"}


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", sorted(CALENDAR_PAGES))
def test_calendar_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, page, size):
    login_as(_populate(make, size))
    url = CALENDAR_PAGES[page]
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    # a busy month lists its first month-long items and says how many more there are (the list view: a page)
    assert body.count("Мероприятие ") >= min(size, 10)
    assert ("ещё" in body) == (size > 10 and page != "calendar-list")
    expected = CALENDAR_BUDGETS[page]
    if app.extensions["test_connection"].dialect.name == "postgresql":
        expected += CALENDAR_RLS_CONTEXT[page]
    assert len(statements) == expected, "\n".join(statements)


# The operator's outbox (operator/outbox.py): the user, one page of letters, their total, the counts by status;
# the user's letter settings: the user and their choices. No tenant is resolved: no RLS context on PostgreSQL.
LETTER_BUDGETS = {"/operator/outbox": 4, "/operator/outbox?status=pending&kind=accounts.invitation": 4,
                  "/settings/letters": 2}


@pytest.mark.parametrize("size", [2, 60])
@pytest.mark.parametrize("url", sorted(LETTER_BUDGETS))
def test_letter_pages_statement_count_is_pinned_and_flat(app, client, make, login_as, count_queries, url, size):
    operator = make.user(None, None, operator=True)
    with app.app_context():
        for n in range(size):
            queue_letter("accounts.invitation", address=f"r{n}@school.test", subject=f"Письмо {n}", text="—")
        db.session.commit()
    login_as(operator)
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert len(statements) == LETTER_BUDGETS[url], "\n".join(statements)


# The head's (admin's) desk: the invitations into networks waiting for the head's answer are one more part of the
# desk's one statement (workspace/desk/lists.py), whatever their number; the invited institution is in no network yet.
@pytest.mark.parametrize("size", [2, 40])
def test_the_heads_desk_reads_the_waiting_invitations_in_one_statement(app, client, make, login_as, count_queries,
                                                                       read, size):
    from tenants.models import Institution, MemberRole, NetworkInvitation
    coordinator = _populate(make, size)
    head = make.user(make.institution("Приглашённый музей", kind="museum", slug="invited"), "admin")
    with read():
        for n in range(size):
            founder = make.institution(f"Основатель {n}", slug=f"founder{n}")
            network = make.network(founder, name=f"Новая сеть {n}", slug=f"new{n}")
            db.session.add(NetworkInvitation(network_id=network.id, institution_id=head.institution_id,
                                             role=MemberRole.SOCIAL_PARTNER))
        db.session.commit()
        assert db.session.scalar(select(Institution.id).where(Institution.slug == "invited")) == head.institution_id
    assert coordinator is not None
    login_as(head)
    client.get("/i/invited/")
    with count_queries() as statements:
        response = client.get("/i/invited/")
    assert response.status_code == 200 and "Новая сеть 1" in response.get_data(as_text=True)
    expected = 3 + (RLS_CONTEXT["desk"] if app.extensions["test_connection"].dialect.name == "postgresql" else 0)
    assert len(statements) == expected, "\n".join(statements)
