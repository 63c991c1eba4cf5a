"""The operator keeps oversight of networks the institutions start (issue 19, part 1): every network with who
created it and whether it is archived, the invitations of its base, the institutions registered by invitation, and
the suspension of an institution (its users can no longer sign in or act)."""
from __future__ import annotations

from sqlalchemy import select

from tenants.models import Institution, InvitationStatus, MemberRole, Network, NetworkInvitation
from tests.conftest import csrf_token_from, login, post_form
from tests.fixtures.factories import PASSWORD
from tests.operator.helpers import text
from workspace.extensions import db


def _founded(make):
    school = make.institution("СОШ № 8", slug="sosh8")
    newcomer = make.institution("ДЮСШ № 2", kind="sports_school", slug="dyussh2")
    founder = make.user(school, "coordinator", full_name="Иванова Анна Сергеевна", email="ivanova@sosh8.test")
    network = make.network(school, name="Спорт рядом", slug="sport", created_by_id=founder.id)
    archived = make.network(school, name="Прошлая программа", slug="old", created_by_id=founder.id,
                            is_archived=True)
    return school, newcomer, founder, network, archived


def test_the_console_lists_every_network_with_its_creator_and_archive(console, make, read):
    _school, newcomer, _founder, network, _archived = _founded(make)
    with read():
        db.session.add(NetworkInvitation(network_id=network.id, institution_id=newcomer.id,
                                         role=MemberRole.SOCIAL_PARTNER, status=InvitationStatus.DECLINED))
        db.session.add(NetworkInvitation(network_id=network.id, email="head@new.test", head_name="Петров П. П.",
                                         role=MemberRole.NETWORK_PARTNER))
        db.session.commit()
    index = text(console.get("/operator/"))
    assert "Спорт рядом" in index and "Иванова Анна Сергеевна" in index and "СОШ № 8" in index
    assert "в архиве" in index and index.index("Спорт рядом") < index.index("Прошлая программа")
    page = text(console.get(f"/operator/networks/{network.id}"))
    assert "Иванова Анна Сергеевна" in page and "ДЮСШ № 2" in page and "отклонено" in page
    assert "head@new.test" in page and "ожидает" in page


def test_the_operator_still_creates_networks_and_is_their_creator(console, make, read, operator):
    school = make.institution("СОШ № 8", slug="sosh8")
    response = post_form(console, "/operator/networks/new", {
        "name": "Сеть оператора", "slug": "op-net", "base_institution_id": school.id,
        "starts_on": "2026-09-01", "ends_on": "2027-08-31"})
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(Network.created_by_id).where(Network.slug == "op-net")) == operator.id


def test_the_operator_suspends_after_a_confirmation_and_its_users_cannot_act(app, console, make, read):
    _school, newcomer, _founder, _network, _archived = _founded(make)
    head = make.user(newcomer, "admin", email="head@dyussh2.test")
    signed_in = app.test_client()
    login(signed_in, head.email)
    assert signed_in.get("/i/dyussh2/").status_code == 200
    confirm = text(console.get(f"/operator/institutions/{newcomer.id}/suspend"))
    assert "Приостановить работу учреждения?" in confirm
    with read():
        assert not db.session.scalar(select(Institution.is_suspended).where(Institution.id == newcomer.id))
    response = post_form(console, f"/operator/institutions/{newcomer.id}/suspend", {},
                         page_url=f"/operator/institutions/{newcomer.id}/suspend")
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(Institution.is_suspended).where(Institution.id == newcomer.id))
    assert "приостановлено" in text(console.get(f"/operator/institutions/{newcomer.id}"))
    assert "приостановлено" in text(console.get("/operator/"))
    # the session already open ends; a new sign-in is refused with the reason
    assert signed_in.get("/i/dyussh2/").status_code == 302
    fresh = app.test_client()
    refused = fresh.post("/login", data={"email": head.email, "password": PASSWORD,
                                         "csrf_token": csrf_token_from(text(fresh.get("/login")))})
    assert refused.status_code == 403
    # suspending twice (a second click on a stale page) keeps it suspended
    post_form(console, f"/operator/institutions/{newcomer.id}/suspend", {},
              page_url=f"/operator/institutions/{newcomer.id}/suspend")
    with read():
        assert db.session.scalar(select(Institution.is_suspended).where(Institution.id == newcomer.id))
    # resumed after a confirmation
    assert "Возобновить работу учреждения?" in text(console.get(f"/operator/institutions/{newcomer.id}/resume"))
    post_form(console, f"/operator/institutions/{newcomer.id}/resume", {},
              page_url=f"/operator/institutions/{newcomer.id}/resume")
    with read():
        assert not db.session.scalar(select(Institution.is_suspended).where(Institution.id == newcomer.id))
    login(app.test_client(), head.email)


def test_a_suspended_institution_is_refused_at_sign_in_with_the_reason(app, make, read):
    closed = make.institution("Закрытый ДК", kind="culture_house", slug="closed", is_suspended=True)
    user = make.user(closed, "admin", email="head@closed.test")
    client = app.test_client()
    page = text(client.get("/login"))
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "csrf_token": csrf_token_from(page)})
    assert response.status_code == 403
    assert "приостановлена оператором" in text(response)
    assert client.get("/i/closed/").status_code == 302


def test_only_the_operator_suspends(client, make, login_as, read):
    school = make.institution("СОШ № 8", slug="sosh8")
    login_as(make.user(school, "admin"))
    assert client.get(f"/operator/institutions/{school.id}/suspend").status_code == 404
    assert client.post(f"/operator/institutions/{school.id}/suspend", data={}).status_code in (400, 404)
    assert client.get(f"/operator/institutions/{school.id}/resume").status_code == 404
    with read():
        assert not db.session.scalar(select(Institution.is_suspended).where(Institution.id == school.id))


def test_the_console_shows_the_first_networks_and_links_every_network_on_pages(console, make, count_queries):
    school = make.institution("СОШ № 8", slug="sosh8")
    for n in range(25):
        make.network(school, name=f"Сеть {n:02d}", slug=f"net{n:02d}")
    console.get("/operator/")
    with count_queries() as statements:
        index = text(console.get("/operator/"))
    # the user, a page of institutions and their total, the first networks and their total: whatever their number
    # (the operator reads no tenant-owned rows here: no row-level-security context on PostgreSQL either)
    assert len(statements) == 5, "\n".join(statements)
    assert "Сеть 19" in index and "Сеть 20" not in index and "Все сети: 25" in index
    page = text(console.get("/operator/networks/"))
    assert "Сеть 00" in page and "Сеть 24" in page and "Всего: 25" in page
    assert console.get("/operator/networks/?page=9").status_code == 200
