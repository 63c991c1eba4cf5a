import pytest
from sqlalchemy import func, select

from tenants.models import Institution, Membership, Network, Seat
from tenants.scoping import unscoped
from tests.conftest import login
from workspace.accounts.models import User
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import RealDataPresent, load_demo
from workspace.extensions import db


def _counts():
    with unscoped():
        return tuple(db.session.scalar(select(func.count()).select_from(model))
                     for model in (Institution, Network, Membership, User, Seat))


def test_demo_loads_once_and_is_idempotent(app):
    with app.app_context():
        assert load_demo() is True
        db.session.commit()
        first = _counts()
        assert load_demo() is False
        assert _counts() == first
    institutions, networks, _memberships, _users, seats = first
    assert institutions >= 14 and networks >= 2 and seats >= 8


def test_demo_has_every_role_an_external_parent_and_a_shared_institution(app):
    with app.app_context():
        load_demo()
        with unscoped():
            roles = set(db.session.scalars(select(User.role).where(User.role.is_not(None))))
            externals = db.session.scalar(select(func.count()).select_from(User).where(
                User.institution_id.is_(None), User.is_operator.is_(False)))
            shared = db.session.execute(select(Membership.institution_id).group_by(Membership.institution_id)
                                        .having(func.count() > 1)).all()
    assert {r.value for r in roles} == {"admin", "coordinator", "teacher", "staff"}
    assert externals >= 1 and shared


def test_demo_refuses_a_database_with_real_data(app, make):
    make.institution("Настоящая школа", slug="real-school")
    with app.app_context(), pytest.raises(RealDataPresent):
        load_demo()


def test_demo_logins_work(app, client):
    with app.app_context():
        load_demo()
        db.session.commit()
    response = login(client, "zam.vr@sosh31.example", DEMO_PASSWORD)
    assert response.location.endswith("/i/sosh31/")
    page = client.get("/i/sosh31/").get_data(as_text=True)
    assert "Культурно-образовательная среда школы №31" in page and "Читающий Новокузнецк" in page
