"""The benchmark's ``X-SQL-Statements`` header: the statements a request ran, only when configured."""
from __future__ import annotations

from flask import has_request_context
from sqlalchemy import event

from workspace.core.statement_count import CONTEXT_HEADER, CONTEXT_PREFIX, HEADER, init_statement_count


def test_production_pages_do_not_tell_how_they_read(app, client, make, login_as):
    assert app.config["COUNT_STATEMENTS"] is False
    login_as(make.user(make.institution("Школа", slug="school"), "coordinator"))
    response = client.get("/i/school/")
    assert response.status_code == 200 and HEADER not in response.headers


def test_the_header_tells_the_statements_of_a_request_when_configured(app, client, make, login_as):
    app.config["COUNT_STATEMENTS"] = True
    init_statement_count(app)  # as create_app does with COUNT_STATEMENTS=1 in the environment
    login_as(make.user(make.institution("Школа", slug="school"), "coordinator"))
    seen: list[str] = []
    connection = app.extensions["test_connection"]

    def listener(_connection, _cursor, statement, *_rest):
        if has_request_context():
            seen.append(statement)

    event.listen(connection, "before_cursor_execute", listener)
    try:
        response = client.get("/i/school/")
    finally:
        event.remove(connection, "before_cursor_execute", listener)
    assert response.status_code == 200
    # the test's session commits by releasing its savepoint, after the header is written (a real commit is no statement)
    before_commit = [statement for statement in seen if not statement.startswith("RELEASE SAVEPOINT")]
    assert int(response.headers[HEADER]) == len(before_commit) > 3
    context = [statement for statement in before_commit if statement.startswith(CONTEXT_PREFIX)]
    postgres = app.extensions["test_connection"].dialect.name == "postgresql"
    assert int(response.headers[CONTEXT_HEADER]) == len(context) == (1 if postgres else 0)
