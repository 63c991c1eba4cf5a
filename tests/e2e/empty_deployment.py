"""A live server over a fresh database that holds only what a new deployment holds before anyone starts a network:
the operator and a handful of institutions, each with its head (and the school with its coordinator). No demo.

Its own server (module scope) and its own log-ins: the session's ``live_server`` holds the demo, whose people and
networks would make «starting from empty» untrue."""
from __future__ import annotations

from dataclasses import dataclass

from flask_migrate import upgrade

from tests.e2e.serving import serving
from tests.e2e.support import PASSWORD
from workspace import create_app
from workspace.config import TestConfig
from workspace.extensions import db

# slug, kind, short name, full name
INSTITUTIONS = [
    ("sosh12", "school", "МБОУ «СОШ №12»",
     "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа №12»"),
    ("cbs", "library", "МБУК «ЦБС»", "Муниципальное бюджетное учреждение культуры «Централизованная библиотечная система»"),
    ("kraeved", "museum", "Краеведческий музей", "Муниципальное бюджетное учреждение культуры «Краеведческий музей»"),
    ("dyussh", "sports_school", "МБУ ДО «ДЮСШ»", "Муниципальное бюджетное учреждение дополнительного образования "
                                        "«Детско-юношеская спортивная школа»"),
    ("dk-yunost", "culture_house", "ДК «Юность»", "Муниципальное автономное учреждение культуры «Дворец культуры «Юность»"),
]
# institution slug (None: the operator), e-mail, full name, position, role
PEOPLE = [
    (None, "operator@uo.empty", "Громова Ирина Викторовна", "Управление образования", "operator"),
    ("sosh12", "direktor@sosh12.empty", "Сергеева Наталья Петровна", "Директор", "admin"),
    ("sosh12", "zam.vr@sosh12.empty", "Иванова Ольга Николаевна", "Заместитель директора по ВР", "coordinator"),
    ("cbs", "direktor@cbs.empty", "Белова Татьяна Андреевна", "Директор", "admin"),
    ("kraeved", "direktor@kraeved.empty", "Лебедева Анна Павловна", "Директор", "admin"),
    ("dyussh", "direktor@dyussh.empty", "Гучетль Аскер Хамидович", "Директор", "admin"),
    ("dk-yunost", "direktor@dk-yunost.empty", "Орлов Дмитрий Олегович", "Директор", "admin"),
]


@dataclass(frozen=True)
class EmptyServer:
    url: str


def _populate() -> None:
    from tenants.models import Institution, InstitutionKind
    from tenants.scoping import unscoped
    from workspace.accounts.models import StaffRole, User
    from workspace.accounts.passwords import set_password

    with unscoped():
        institutions = {}
        for slug, kind, short, full in INSTITUTIONS:
            institutions[slug] = Institution(slug=slug, kind=InstitutionKind(kind), short_name=short, full_name=full,
                                             city="Новокузнецк", email=f"info@{slug}.empty")
        db.session.add_all(institutions.values())
        db.session.flush()
        for slug, email, name, position, role in PEOPLE:
            user = User(email=email, full_name=name, position=position,
                        institution_id=institutions[slug].id if slug else None,
                        role=StaffRole(role) if role != "operator" else None, is_operator=role == "operator")
            set_password(user, PASSWORD)
            db.session.add(user)
        db.session.flush()


def serve_empty_deployment(tmp_path_factory):
    """Yield an EmptyServer; shut it down after (a generator for a fixture)."""
    from tests.fixtures import database

    server_url = database.server_url()
    if server_url:
        owner_url = database.create_postgres_database(server_url, suffix="e2e_empty")
    else:
        owner_url = f"sqlite:///{tmp_path_factory.mktemp('e2e-empty') / 'empty.db'}"
    owner_app = create_app(TestConfig(owner_url))
    with owner_app.app_context():
        upgrade()
        _populate()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    app = create_app(TestConfig(database.app_role_url(owner_url) if server_url else owner_url))
    try:
        with serving(app, "e2e-empty-server") as url:
            yield EmptyServer(url=url)
    finally:
        with app.app_context():
            db.engine.dispose()
        if server_url:
            database.drop_postgres_database(owner_url, drop_role=False)
