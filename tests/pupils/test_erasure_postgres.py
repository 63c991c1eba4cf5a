"""PostgreSQL: the audit log stays append-only for the application's role; the one way to change it is the
erasure function, which depersonalises entries of pupil data only, within the caller's scope."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from tenants.rls import apply_context
from tenants.scoping import Scope
from workspace.audit.models import InstitutionAuditEntry
from workspace.extensions import db

pytestmark = pytest.mark.postgres


def test_the_app_role_cannot_update_the_log_but_the_erasure_function_can_for_its_own(app, make, read):
    assert app.extensions["test_connection"].dialect.name == "postgresql"
    one = make.institution("Школа 1", slug="erase-one")
    two = make.institution("Школа 2", slug="erase-two")
    mine, theirs = make.pupil(one, "Моя"), make.pupil(two, "Чужая")
    scope = Scope(institution_id=one.id, network_ids=frozenset())
    with app.app_context():
        session = db.session()
        for statement, error in (("UPDATE institution_audit_entries SET object_label = 'x'", "permission denied"),
                                 ("SELECT workspace_depersonalise_audit(1, 'Network', ARRAY[1])",
                                  "not a kind of pupil data")):
            with pytest.raises(DBAPIError, match=error), session.begin_nested():
                apply_context(session, scope, unscoped=False)
                session.execute(text(statement))
        apply_context(session, scope, unscoped=False)
        erase = text("SELECT workspace_depersonalise_audit(:p, 'Pupil', ARRAY[:p])")
        assert session.execute(erase, {"p": theirs.id}).scalar() == 0  # another school's: out of its scope
        assert session.execute(erase, {"p": mine.id}).scalar() >= 1
        session.commit()
    with read():
        labels = dict(db.session.execute(select(InstitutionAuditEntry.object_id, InstitutionAuditEntry.object_label)
                                         .where(InstitutionAuditEntry.object_type == "Pupil")).all())
    assert labels[mine.id] == f"Обучающийся удалён (№ {mine.id})" and labels[theirs.id].startswith("Чужая")
