from sqlalchemy import func, select

from tenants.models import Seat, SeatRole
from tests.conftest import post_form
from workspace.accounts.models import User
from workspace.extensions import db


def _council(make):
    school = make.institution("Школа №8", slug="s8")
    centre = make.institution("ЦДО", kind="supplementary", slug="cdo")
    outsider = make.institution("Чужая школа", slug="outsider")
    network = make.network(school, name="Сеть Кошехабля", slug="kosh")
    make.member(network, centre, "network_partner")
    director = make.user(school, "admin", full_name="Хуажев А. Р.")
    methodist = make.user(centre, "coordinator", full_name="Беретарь Р. Н.")
    stranger = make.user(outsider, "coordinator", full_name="Посторонний")
    make.seat(network, director, "chair")
    return network, director, methodist, stranger, centre


def test_council_page_lists_seats_by_role(client, make, login_as):
    network, director, methodist, _stranger, _c = _council(make)
    parent = make.user(None, None, full_name="Нехай М. К.")
    make.seat(network, parent, "member", represents="Председатель родительского совета")
    login_as(methodist)
    page = client.get("/n/kosh/council/").get_data(as_text=True)
    assert "Председатель" in page and "Хуажев А. Р." in page
    assert "Внешний участник: Председатель родительского совета" in page
    assert "Добавить члена совета" not in page  # a plain member of a partner cannot manage


def test_external_member_lands_on_council_and_sees_only_it(client, make, login_as):
    network, *_ = _council(make)
    parent = make.user(None, None, full_name="Родитель")
    make.seat(network, parent, "member")
    response = login_as(parent)
    assert response.location.endswith("/n/kosh/council/")
    assert client.get("/n/kosh/council/").status_code == 200
    assert client.get("/n/kosh/").status_code == 200
    assert client.get("/i/s8/").status_code == 404


def test_chair_adds_staff_of_member_institution_only(client, make, login_as, read):
    network, director, methodist, stranger, _c = _council(make)
    login_as(director)
    page = client.get("/n/kosh/council/seats/new").get_data(as_text=True)
    assert "Беретарь Р. Н. — ЦДО" in page and "Посторонний" not in page
    ok = post_form(client, "/n/kosh/council/seats/staff", {"staff-user_id": methodist.id, "staff-role": "secretary"},
                   page_url="/n/kosh/council/seats/new")
    assert ok.status_code == 302
    tampered = post_form(client, "/n/kosh/council/seats/staff", {"staff-user_id": stranger.id, "staff-role": "member"},
                         page_url="/n/kosh/council/seats/new")
    assert tampered.status_code == 422
    assert "Not a valid choice" not in tampered.get_data(as_text=True)
    with read():
        seats = {(s.user_id, s.role) for s in db.session.scalars(select(Seat))}
    assert (methodist.id, SeatRole.SECRETARY) in seats and all(uid != stranger.id for uid, _r in seats)


def test_only_one_chair(client, make, login_as, read):
    network, director, methodist, _s, _c = _council(make)
    login_as(director)
    response = post_form(client, "/n/kosh/council/seats/staff", {"staff-user_id": methodist.id, "staff-role": "chair"},
                         page_url="/n/kosh/council/seats/new")
    assert response.status_code == 422
    assert "У совета уже есть председатель" in response.get_data(as_text=True)
    with read():
        assert db.session.scalar(select(func.count()).select_from(Seat)) == 1


def test_external_person_invited_by_email(client, make, login_as, read, outbox):
    network, director, *_ = _council(make)
    login_as(director)
    response = post_form(client, "/n/kosh/council/seats/external",
                         {"external-full_name": "Нехай Марина", "external-email": "Parent@Mail.Example",
                          "external-represents": "Родители", "external-role": "member"},
                         page_url="/n/kosh/council/seats/new")
    assert response.status_code == 302
    with read():
        user = db.session.scalar(select(User).where(User.email == "parent@mail.example"))
        assert user.institution_id is None and user.password_hash is None
        seat = db.session.scalar(select(Seat).where(Seat.user_id == user.id))
        assert seat.represents == "Родители"
    assert outbox[-1]["to"] == "parent@mail.example" and "/invitation/" in outbox[-1]["body"]


def test_invalid_external_invitation_changes_nothing(client, make, login_as, read, outbox):
    network, director, *_ = _council(make)
    login_as(director)
    response = post_form(client, "/n/kosh/council/seats/external",
                         {"external-full_name": "", "external-email": "не почта", "external-role": "member"},
                         page_url="/n/kosh/council/seats/new")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Заполните это поле." in html and "Введите адрес электронной почты" in html
    with read():
        assert db.session.scalar(select(func.count()).select_from(Seat)) == 1
    assert outbox == []


def test_remove_seat_with_confirmation(client, make, login_as, read):
    network, director, methodist, _s, _c = _council(make)
    seat = make.seat(network, methodist, "member")
    login_as(director)
    confirm = client.get(f"/n/kosh/council/seats/{seat.id}/remove")
    assert "Вывести из совета?" in confirm.get_data(as_text=True)
    response = post_form(client, f"/n/kosh/council/seats/{seat.id}/remove", {},
                         page_url=f"/n/kosh/council/seats/{seat.id}/remove")
    assert response.status_code == 302
    with read():
        assert db.session.scalar(select(Seat).where(Seat.id == seat.id)) is None


def test_partner_coordinator_cannot_manage(client, make, login_as):
    _network, _director, methodist, *_ = _council(make)
    login_as(methodist)
    assert client.get("/n/kosh/council/seats/new").status_code == 403
