"""A network started by its base institution (issue 19, part 1), through HTTP: created by an institution's manager,
partners invited (from the deployment, or a new institution by its head's e-mail, who registers it), each invited
head accepts or declines, a partner leaves, the base archives; the operator sees it all and suspends an
institution."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from tenants.models import InvitationStatus, Membership, Network, NetworkInvitation, Seat
from tests.conftest import post_form
from tests.fixtures.row_counts import row_counts
from tests.operator.helpers import link_path
from workspace.accounts.models import StaffRole, User
from workspace.core.dates import AcademicYear
from workspace.extensions import db

NEW_NETWORK = {"name": "Культура рядом", "goal": "Единое культурное пространство", "tasks": "1. Театр\n2. Музей",
               "starts_on": "2026-09-01", "ends_on": "2029-08-31"}


def _as(client, login_as, user) -> None:
    """Sign in as another user in the same browser (the earlier session's cookies gone)."""
    client._cookies.clear()
    login_as(user)


def _text(response) -> str:
    return response.get_data(as_text=True)


def _network(read, name: str = "Культура рядом") -> Network | None:
    with read():
        return db.session.scalar(select(Network).where(Network.name == name))


def _invitations(read, network_id: int) -> list[tuple]:
    with read():
        return [(i.institution_id, i.email, i.role.value, i.status.value) for i in db.session.scalars(
            select(NetworkInvitation).where(NetworkInvitation.network_id == network_id).order_by(NetworkInvitation.id))]


def _members(read, network_id: int) -> dict[int, str]:
    with read():
        return {m.institution_id: m.role.value for m in db.session.scalars(
            select(Membership).where(Membership.network_id == network_id))}


def _started(make, client, login_as, read):
    """School 8's coordinator starts a network; the theatre and the museum are in the deployment."""
    school = make.institution("СОШ № 8", slug="sosh8")
    theatre = make.institution("Драмтеатр", kind="theatre", slug="drama")
    museum = make.institution("Краеведческий музей", kind="museum", slug="museum")
    coordinator = make.user(school, "coordinator", full_name="Иванова Анна", email="ivanova@sosh8.test")
    login_as(coordinator)
    response = post_form(client, "/i/sosh8/networks/new", NEW_NETWORK)
    assert response.status_code == 302
    network = _network(read)
    return school, theatre, museum, coordinator, network


def test_a_coordinator_starts_a_network_and_becomes_its_base(client, make, login_as, read):
    school, _theatre, _museum, coordinator, network = _started(make, client, login_as, read)
    assert network.base_institution_id == school.id and network.created_by_id == coordinator.id
    assert network.goal == "Единое культурное пространство" and not network.is_archived
    assert _members(read, network.id) == {school.id: "base"}
    page = _text(client.get(f"/n/{network.slug}/"))
    assert "Культура рядом" in page and "Пригласить партнёров" in page and "Перенести в архив" in page
    assert "Выйти из сети" not in page  # the base cannot leave its own network
    # the base's managers run its council, as for a network the operator created
    assert client.get(f"/n/{network.slug}/council/seats/new").status_code == 200
    desk = _text(client.get("/i/sosh8/"))
    assert "Создать сеть" in desk and "Культура рядом" in desk
    assert "Культура рядом" in _text(client.get("/i/sosh8/networks/"))


def test_the_entry_is_on_the_desk_and_the_network_list(client, make, login_as):
    school = make.institution("СОШ № 8", slug="sosh8")
    _as(client, login_as, make.user(school, "admin"))
    assert 'href="/i/sosh8/networks/new"' in _text(client.get("/i/sosh8/"))
    assert 'href="/i/sosh8/networks/new"' in _text(client.get("/i/sosh8/networks/"))
    assert client.get("/i/sosh8/networks/new").status_code == 200


def test_a_teacher_cannot_start_a_network(client, make, login_as, read):
    school = make.institution("СОШ № 8", slug="sosh8")
    _as(client, login_as, make.user(school, "teacher"))
    assert "Создать сеть" not in _text(client.get("/i/sosh8/networks/"))
    assert client.get("/i/sosh8/networks/new").status_code == 403
    before = row_counts(read)
    response = post_form(client, "/i/sosh8/networks/new", NEW_NETWORK, page_url="/i/sosh8/networks/")
    assert response.status_code == 403
    assert row_counts(read) == before


def test_bad_input_re_renders_the_form_and_changes_nothing(client, make, login_as, read):
    school = make.institution("СОШ № 8", slug="sosh8")
    _as(client, login_as, make.user(school, "admin"))
    before = row_counts(read)
    response = post_form(client, "/i/sosh8/networks/new", {**NEW_NETWORK, "name": " ", "ends_on": "2025-01-01"})
    assert response.status_code == 422
    page = _text(response)
    assert "Заполните это поле." in page and "Окончание не может быть раньше начала." in page
    assert row_counts(read) == before


def test_two_networks_of_one_name_get_their_own_addresses(client, make, login_as, read):
    school = make.institution("СОШ № 8", slug="sosh8")
    _as(client, login_as, make.user(school, "admin"))
    for _round in range(2):
        assert post_form(client, "/i/sosh8/networks/new", NEW_NETWORK).status_code == 302
    with read():
        slugs = sorted(db.session.scalars(select(Network.slug).where(Network.name == "Культура рядом")))
    assert slugs == ["kultura-ryadom", "kultura-ryadom-2"]


def test_the_base_invites_an_institution_of_the_deployment_its_head_accepts(client, make, login_as, read):
    school, theatre, museum, _coordinator, network = _started(make, client, login_as, read)
    page = _text(client.get(f"/n/{network.slug}/invitations"))
    assert "Драмтеатр" not in page and "Введите часть названия" in page  # found by name, never listed whole
    page = _text(client.get(f"/n/{network.slug}/invitations?q=драмтеатр"))
    assert "Драмтеатр" in page and "Краеведческий музей" not in page
    assert "СОШ № 8" not in _text(client.get(f"/n/{network.slug}/invitations?q=СОШ")).split('id="candidates"')[1]
    # the searchable list: by any form of a word of the name, as an htmx fragment of the list alone
    found = client.get(f"/n/{network.slug}/invitations?q=музея", headers={"HX-Request": "true", "HX-Target": "candidates"})
    fragment = _text(found)
    assert fragment.lstrip().startswith('<fieldset id="candidates"') and "Краеведческий музей" in fragment
    assert "Драмтеатр" not in fragment
    response = post_form(client, f"/n/{network.slug}/invitations/existing",
                         {"existing-institution_id": theatre.id, "existing-role": "social_partner"},
                         page_url=f"/n/{network.slug}/invitations")
    assert response.status_code == 302
    assert _invitations(read, network.id) == [(theatre.id, "", "social_partner", "pending")]
    page = _text(client.get(f"/n/{network.slug}/invitations?q=драмтеатр"))
    assert "ожидает" in page
    assert f'value="{theatre.id}"' not in page  # invited once: no longer offered
    # the theatre's head sees it on the desk and on the network list, and accepts after a confirmation
    director = make.user(theatre, "admin", email="director@drama.test")
    _as(client, login_as, director)
    invitation_id = _invitations_ids(read, network.id)[0]
    assert "Культура рядом" in _text(client.get("/i/drama/")) and "Принять" in _text(client.get("/i/drama/"))
    assert "Культура рядом" in _text(client.get("/i/drama/networks/"))
    confirm = _text(client.get(f"/i/drama/networks/invitations/{invitation_id}/accept"))
    assert "Вступить в сеть?" in confirm and "Принять приглашение" in confirm
    assert _members(read, network.id) == {school.id: "base"}  # the confirmation page changed nothing
    response = post_form(client, f"/i/drama/networks/invitations/{invitation_id}/accept", {},
                         page_url=f"/i/drama/networks/invitations/{invitation_id}/accept")
    assert response.status_code == 302 and response.location.endswith(f"/n/{network.slug}/")
    assert _members(read, network.id) == {school.id: "base", theatre.id: "social_partner"}
    assert _invitations(read, network.id)[0][3] == "accepted"
    assert client.get(f"/n/{network.slug}/").status_code == 200
    # answered once: the same invitation is not answered again
    assert client.get(f"/i/drama/networks/invitations/{invitation_id}/decline").status_code == 403
    # the base sees the answer; the network's history records the invitation and the new member
    _as(client, login_as, make.user(school, "admin"))
    assert "принято" in _text(client.get(f"/n/{network.slug}/invitations"))
    history = _text(client.get(f"/n/{network.slug}/history"))
    assert "Драмтеатр" in history


def _invitations_ids(read, network_id: int) -> list[int]:
    with read():
        return list(db.session.scalars(select(NetworkInvitation.id).where(NetworkInvitation.network_id == network_id)
                                       .order_by(NetworkInvitation.id)))


def test_the_invited_head_declines_and_the_base_sees_it(client, make, login_as, read):
    school, _theatre, museum, _coordinator, network = _started(make, client, login_as, read)
    post_form(client, f"/n/{network.slug}/invitations/existing",
              {"existing-institution_id": museum.id, "existing-role": "social_partner"},
              page_url=f"/n/{network.slug}/invitations")
    invitation_id = _invitations_ids(read, network.id)[0]
    _as(client, login_as, make.user(museum, "admin"))
    assert "Отклонить приглашение?" in _text(client.get(f"/i/museum/networks/invitations/{invitation_id}/decline"))
    response = post_form(client, f"/i/museum/networks/invitations/{invitation_id}/decline", {},
                         page_url=f"/i/museum/networks/invitations/{invitation_id}/decline")
    assert response.status_code == 302
    assert _invitations(read, network.id) == [(museum.id, "", "social_partner", "declined")]
    assert _members(read, network.id) == {school.id: "base"}
    assert client.get(f"/n/{network.slug}/").status_code == 404  # not a member
    _as(client, login_as, make.user(school, "coordinator"))
    assert "отклонено" in _text(client.get(f"/n/{network.slug}/invitations"))


def test_only_the_head_answers_and_a_foreign_head_gets_404(client, make, login_as, read):
    _school, theatre, museum, _coordinator, network = _started(make, client, login_as, read)
    post_form(client, f"/n/{network.slug}/invitations/existing",
              {"existing-institution_id": theatre.id, "existing-role": "network_partner"},
              page_url=f"/n/{network.slug}/invitations")
    invitation_id = _invitations_ids(read, network.id)[0]
    url = f"/i/drama/networks/invitations/{invitation_id}/accept"
    _as(client, login_as, make.user(theatre, "coordinator"))
    assert client.get(url).status_code == 403
    assert "ответ даёт руководитель" in _text(client.get("/i/drama/networks/"))
    # the museum's head, with the theatre's invitation id in their own institution's URL or in the theatre's
    _as(client, login_as, make.user(museum, "admin"))
    for foreign in (f"/i/museum/networks/invitations/{invitation_id}/accept", url):
        assert client.get(foreign).status_code == 404
        assert client.post(foreign, data={}).status_code in (400, 404)
    assert _invitations(read, network.id)[0][3] == "pending"


def test_a_partner_cannot_invite(client, make, login_as, read):
    school, theatre, museum, _coordinator, network = _started(make, client, login_as, read)
    make.member(_network(read), theatre, "social_partner")
    _as(client, login_as, make.user(theatre, "admin"))
    assert "Пригласить партнёров" not in _text(client.get(f"/n/{network.slug}/"))
    assert client.get(f"/n/{network.slug}/invitations").status_code == 403
    before = row_counts(read)
    response = post_form(client, f"/n/{network.slug}/invitations/existing",
                         {"existing-institution_id": museum.id, "existing-role": "social_partner"},
                         page_url=f"/n/{network.slug}/")
    assert response.status_code == 403
    assert row_counts(read) == before


def test_the_invitation_list_refuses_what_it_does_not_offer(client, make, login_as, read):
    school, theatre, _museum, _coordinator, network = _started(make, client, login_as, read)
    other_school = make.institution("Чужая школа", slug="other")
    other_network = make.network(other_school, slug="other-net")
    suspended = make.institution("Закрытый ДК", kind="culture_house", slug="closed", is_suspended=True)
    make.member(_network(read), theatre, "social_partner")
    before = row_counts(read)
    for bad in (school.id, theatre.id, suspended.id, 999999, "x", ""):
        response = post_form(client, f"/n/{network.slug}/invitations/existing",
                             {"existing-institution_id": bad, "existing-role": "social_partner"},
                             page_url=f"/n/{network.slug}/invitations")
        assert response.status_code == 422, bad
    response = post_form(client, f"/n/{network.slug}/invitations/existing",
                         {"existing-institution_id": other_school.id, "existing-role": "base"},
                         page_url=f"/n/{network.slug}/invitations")
    assert response.status_code == 422
    assert "Закрытый ДК" not in _text(client.get(f"/n/{network.slug}/invitations?q=ДК"))
    assert row_counts(read) == before
    assert other_network.id != network.id


def test_a_new_institution_invited_by_e_mail_registers_and_accepts(app, client, make, login_as, read, outbox):
    school, _theatre, _museum, _coordinator, network = _started(make, client, login_as, read)
    response = post_form(client, f"/n/{network.slug}/invitations/email",
                         {"email-head_name": "Петров Пётр Петрович", "email-email": "Head@Sport.test",
                          "email-role": "social_partner"}, page_url=f"/n/{network.slug}/invitations")
    assert response.status_code == 302
    assert _invitations(read, network.id) == [(None, "head@sport.test", "social_partner", "pending")]
    page = _text(client.get(f"/n/{network.slug}/invitations"))
    assert "Петров Пётр Петрович" in page and "ещё не зарегистрировано" in page and "ожидает" in page
    again = post_form(client, f"/n/{network.slug}/invitations/email",
                      {"email-head_name": "Петров П. П.", "email-email": "head@sport.test",
                       "email-role": "social_partner"}, page_url=f"/n/{network.slug}/invitations")
    assert again.status_code == 422 and "уже отправлено приглашение" in _text(again)
    assert len(outbox) == 1 and outbox[0]["to"] == "head@sport.test"
    assert "Культура рядом" in outbox[0]["subject"] and "СОШ № 8" in outbox[0]["body"]
    path = link_path(outbox[0])
    newcomer = app.test_client()
    form = _text(newcomer.get(path))
    assert "Регистрация учреждения" in form and "Петров Пётр Петрович" in form
    # a bad form changes nothing and says why
    before = row_counts(read)
    bad = post_form(newcomer, path, {"full_name": "", "short_name": "ДЮСШ", "kind": "sports_school",
                                     "head_name": "Петров Пётр Петрович", "password": "короткий", "confirm": "другой"})
    assert bad.status_code == 422
    assert "Заполните это поле." in _text(bad) and "Пароли не совпадают." in _text(bad)
    assert row_counts(read) == before
    done = post_form(newcomer, path, {"full_name": "МБУ ДО «Спортивная школа № 2»", "short_name": "ДЮСШ № 2",
                                      "kind": "sports_school", "head_name": "Петров Пётр Петрович",
                                      "position": "Директор", "password": "пароль-петрова", "confirm": "пароль-петрова"})
    assert done.status_code == 302
    with read():
        head = db.session.scalar(select(User).where(User.email == "head@sport.test"))
        assert head.role == StaffRole.ADMIN and head.institution_id is not None
        slug = db.session.scalar(select(User.institution.property.mapper.class_.slug).where(
            User.institution.property.mapper.class_.id == head.institution_id))
    assert done.location.endswith(f"/i/{slug}/networks/")
    listing = _text(newcomer.get(done.location))
    assert "Культура рядом" in listing and "Принять" in listing
    invitation_id = _invitations_ids(read, network.id)[0]
    accepted = post_form(newcomer, f"/i/{slug}/networks/invitations/{invitation_id}/accept", {},
                         page_url=f"/i/{slug}/networks/invitations/{invitation_id}/accept")
    assert accepted.status_code == 302
    assert _members(read, network.id) == {school.id: "base", head.institution_id: "social_partner"}
    # the link works once
    assert newcomer.get(path).status_code == 404
    # the network's history tells the invitation's story, never the link's secret
    history = _text(client.get(f"/n/{network.slug}/history"))
    assert "Приглашение в сеть" in history and "head@sport.test" in history and "принято" in history
    with read():
        assert not db.session.scalar(select(NetworkInvitation.token_hash).where(
            NetworkInvitation.id == invitation_id))
    assert "token_hash" not in history
    # the operator sees the institution registered by invitation, and can suspend it
    operator = make.user(None, None, operator=True, email="operator@city.test")
    _as(client, login_as, operator)
    assert "ДЮСШ № 2" in _text(client.get("/operator/?q=ДЮСШ"))
    assert "Приостановить" in _text(client.get(f"/operator/institutions/{head.institution_id}"))


def test_an_e_mail_that_has_an_account_is_pointed_to_the_list(client, make, login_as, read, outbox):
    _school, theatre, _museum, _coordinator, network = _started(make, client, login_as, read)
    make.user(theatre, "admin", email="director@drama.test")
    before = row_counts(read)
    response = post_form(client, f"/n/{network.slug}/invitations/email",
                         {"email-head_name": "Директор", "email-email": "director@drama.test",
                          "email-role": "social_partner"}, page_url=f"/n/{network.slug}/invitations")
    assert response.status_code == 422 and "уже принадлежит пользователю системы" in _text(response)
    bad = post_form(client, f"/n/{network.slug}/invitations/email",
                    {"email-head_name": "", "email-email": "not-an-address", "email-role": "social_partner"},
                    page_url=f"/n/{network.slug}/invitations")
    assert bad.status_code == 422 and "Введите адрес электронной почты" in _text(bad)
    assert row_counts(read) == before
    assert len(outbox) == 0


def test_a_partner_leaves_after_a_confirmation_the_base_cannot(client, make, login_as, read):
    school, theatre, _museum, _coordinator, network = _started(make, client, login_as, read)
    make.member(_network(read), theatre, "social_partner")
    director = make.user(theatre, "admin")
    make.seat(_network(read), director, "member")
    assert client.get(f"/n/{network.slug}/leave").status_code == 403  # the base's coordinator
    _as(client, login_as, make.user(school, "admin"))
    assert client.get(f"/n/{network.slug}/leave").status_code == 403  # the base's head: the base stays
    _as(client, login_as, make.user(theatre, "coordinator"))
    assert client.get(f"/n/{network.slug}/leave").status_code == 403  # leaving binds: the head decides
    _as(client, login_as, director)
    assert "Выйти из сети" in _text(client.get(f"/n/{network.slug}/"))
    assert "Выйти из сети?" in _text(client.get(f"/n/{network.slug}/leave"))
    response = post_form(client, f"/n/{network.slug}/leave", {})
    assert response.status_code == 302 and response.location.endswith("/i/drama/networks/")
    assert _members(read, network.id) == {school.id: "base"}
    with read():
        assert db.session.scalar(select(func.count()).select_from(Seat).where(Seat.network_id == network.id)) == 0
    assert client.get(f"/n/{network.slug}/").status_code == 404


def test_the_base_archives_the_network_read_only_history_kept(client, make, login_as, read):
    school, theatre, _museum, coordinator, network = _started(make, client, login_as, read)
    make.member(_network(read), theatre, "social_partner")
    section = make.section(make.plan(_network(read), AcademicYear.current().start_year), "План с театром", theatre)
    make.item(section, "Спектакль для пятиклассников", "в течение учебного года")
    _as(client, login_as, make.user(theatre, "admin"))
    assert "Спектакль для пятиклассников" in _text(client.get("/i/drama/"))
    assert client.get(f"/n/{network.slug}/archive").status_code == 403  # a partner does not archive
    _as(client, login_as, coordinator)
    assert "Перенести сеть в архив?" in _text(client.get(f"/n/{network.slug}/archive"))
    response = post_form(client, f"/n/{network.slug}/archive", {})
    assert response.status_code == 302
    assert _network(read).is_archived
    page = _text(client.get(f"/n/{network.slug}/"))
    assert "в архиве" in page and "Пригласить партнёров" not in page and "Перенести в архив" not in page
    assert client.get(f"/n/{network.slug}/history").status_code == 200
    # out of the active lists (the desk's networks and coming events), still in the archive of the network list
    desk = _text(client.get("/i/sosh8/"))
    assert "Культура рядом" not in desk.split('id="networks-heading"')[1]
    assert "Спектакль для пятиклассников" not in desk
    listing = _text(client.get("/i/sosh8/networks/"))
    assert listing.index("Архив") < listing.index("Культура рядом")
    # read-only: every change is refused, in every area of the network
    before = row_counts(read)
    for url in (f"/n/{network.slug}/invitations/existing", f"/n/{network.slug}/plans/",
                f"/n/{network.slug}/archive"):
        assert post_form(client, url, {}, page_url=f"/n/{network.slug}/").status_code == 403, url
    assert client.get(f"/n/{network.slug}/invitations").status_code == 403
    assert row_counts(read) == before


def test_an_invitation_into_an_archived_network_cannot_be_answered(client, make, login_as, read):
    _school, theatre, _museum, coordinator, network = _started(make, client, login_as, read)
    post_form(client, f"/n/{network.slug}/invitations/existing",
              {"existing-institution_id": theatre.id, "existing-role": "social_partner"},
              page_url=f"/n/{network.slug}/invitations")
    post_form(client, f"/n/{network.slug}/archive", {})
    invitation_id = _invitations_ids(read, network.id)[0]
    _as(client, login_as, make.user(theatre, "admin"))
    assert "Культура рядом" not in _text(client.get("/i/drama/"))
    assert client.get(f"/i/drama/networks/invitations/{invitation_id}/accept").status_code == 403
    with read():
        status = db.session.scalar(select(NetworkInvitation.status).where(NetworkInvitation.id == invitation_id))
    assert status == InvitationStatus.PENDING


def test_accepting_when_the_operator_added_the_institution_meanwhile(client, make, login_as, read):
    school, theatre, _museum, _coordinator, network = _started(make, client, login_as, read)
    post_form(client, f"/n/{network.slug}/invitations/existing",
              {"existing-institution_id": theatre.id, "existing-role": "social_partner"},
              page_url=f"/n/{network.slug}/invitations")
    make.member(_network(read), theatre, "network_partner")  # the operator's console, meanwhile
    invitation_id = _invitations_ids(read, network.id)[0]
    _as(client, login_as, make.user(theatre, "admin"))
    url = f"/i/drama/networks/invitations/{invitation_id}/accept"
    assert post_form(client, url, {}, page_url=url).status_code == 302
    assert _members(read, network.id) == {school.id: "base", theatre.id: "network_partner"}
    assert _invitations(read, network.id)[0][3] == "accepted"


def test_an_expired_or_guessed_link_registers_nothing(app, client, make, login_as, read, outbox):
    _school, _theatre, _museum, _coordinator, network = _started(make, client, login_as, read)
    post_form(client, f"/n/{network.slug}/invitations/email",
              {"email-head_name": "Петров П. П.", "email-email": "head@sport.test", "email-role": "social_partner"},
              page_url=f"/n/{network.slug}/invitations")
    path = link_path(outbox[0])
    with read():
        invitation = db.session.scalar(select(NetworkInvitation).where(NetworkInvitation.network_id == network.id))
        invitation.expires_at = invitation.created_at - timedelta(days=1)
        db.session.commit()
    newcomer = app.test_client()
    assert newcomer.get(path).status_code == 404
    assert "Ссылка недействительна" in _text(newcomer.get("/join/no-such-token"))
    before = row_counts(read)
    assert newcomer.post(path, data={"full_name": "Школа", "short_name": "Ш", "kind": "school"}).status_code in (400, 404)
    assert row_counts(read) == before
