import pytest
from sqlalchemy import select

from tenants.scoping import unscoped
from tests.conftest import login, post_form
from workspace.audit.models import InstitutionAuditEntry, NetworkAuditEntry
from workspace.audit.recorder import AuditLogIsAppendOnly
from workspace.extensions import db


def _setup(make):
    school = make.institution("Школа аудита", slug="audit-school")
    theatre = make.institution("Театр аудита", kind="theatre", slug="audit-theatre")
    network = make.network(school, name="Сеть аудита", slug="audit-net")
    make.member(network, theatre, "social_partner", interaction_forms="Было")
    row = make.model_row(network, "Родители (законные представители)", kind="parents", forms="Собрания")
    coordinator = make.user(school, "coordinator", full_name="Координатор Аудитов")
    make.user(theatre, "admin", email="admin@audit-theatre.test")
    return school, network, row, coordinator


def test_change_of_shared_object_records_who_what_before_after(client, make, login_as, read):
    _school, _network, row, coordinator = _setup(make)
    login_as(coordinator)
    post_form(client, f"/n/audit-net/model/{row.id}/edit",
              {"partner": "parents", "partner_name": "Родители (законные представители)", "contact": "",
               "forms": "Стало", "social_effect": "", "version": "1"})
    with read():
        entry = db.session.scalars(select(NetworkAuditEntry).where(NetworkAuditEntry.object_type == "InteractionRow")
                                   .order_by(NetworkAuditEntry.id.desc())).first()
        assert entry.action == "changed" and entry.actor_id == coordinator.id
        assert entry.changes == {"forms": ["Собрания", "Стало"]}
        assert entry.object_label == "Родители (законные представители)"
    page = client.get("/n/audit-net/history").get_data(as_text=True)
    assert "Координатор Аудитов" in page and "Стало" in page and "Формы взаимодействия" in page
    assert "Строка модели взаимодействия" in page


def test_creation_by_command_line_is_attributed_to_the_system(make, read):
    school, *_ = _setup(make)
    with read():
        entry = db.session.scalar(select(InstitutionAuditEntry).where(
            InstitutionAuditEntry.object_type == "Institution", InstitutionAuditEntry.institution_id == school.id))
        assert entry.action == "created" and entry.actor_id is None and entry.actor_name == "система"


def test_password_change_is_logged_without_the_hash(client, make, login_as, read):
    school, _network, _member, coordinator = _setup(make)
    login_as(coordinator)
    response = post_form(client, "/account/password", {"current": "test-password-1", "password": "новый-пароль-123",
                                                       "confirm": "новый-пароль-123"})
    assert response.status_code == 302
    with read():
        entry = db.session.scalars(select(InstitutionAuditEntry).where(InstitutionAuditEntry.object_type == "User")
                                   .order_by(InstitutionAuditEntry.id.desc())).first()
        assert entry.changes == {"password": [None, "***"]}
        assert "argon2" not in str(entry.changes)


def test_the_log_cannot_be_edited(app, make):
    _setup(make)
    with app.app_context(), unscoped():
        entry = db.session.scalars(select(NetworkAuditEntry)).first()
        entry.actor_name = "подделка"
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.flush()
        db.session.rollback()
        entry = db.session.scalars(select(NetworkAuditEntry)).first()
        db.session.delete(entry)
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.flush()
        db.session.rollback()


def test_institution_history_is_private_to_the_institution(client, make, login_as):
    school, network, member, coordinator = _setup(make)
    make.note(school, "Секретная заметка школы")
    login_as(coordinator)
    assert "Секретная заметка школы" in client.get("/i/audit-school/history").get_data(as_text=True)
    other = client.application.test_client()
    login(other, "admin@audit-theatre.test")
    assert other.get("/i/audit-school/history").status_code == 404
    assert other.get("/i/audit-theatre/history").status_code == 200


def test_a_read_by_another_institution_is_recorded_in_the_owner_history(app, client, make, read):
    from workspace.audit.reads import record_read
    school, _network, member, coordinator = _setup(make)
    reader = make.user(None, None, full_name="Педагог ЦДО")
    with app.test_request_context():
        from flask_login import login_user
        login_user(reader)
        record_read(owner_institution_id=school.id, object_type="Pupil", object_ids=[12, 7],
                    label="Группа «Робототехника»: 2 обучающихся")
        db.session.commit()
    with read():
        entry = db.session.scalars(select(InstitutionAuditEntry).where(InstitutionAuditEntry.action == "read")).one()
        assert entry.institution_id == school.id and entry.actor_name == "Педагог ЦДО"
        assert entry.changes == {"ids": [7, 12]}
    login(client, coordinator.email)
    page = client.get("/i/audit-school/history").get_data(as_text=True)
    assert "просмотрено другим учреждением" in page and "Педагог ЦДО" in page
