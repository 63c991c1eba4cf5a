"""``X-SQL-Statements``: how many SQL statements a request ran, in a response header, for the benchmark
(bench/run.py sets ``COUNT_STATEMENTS=1`` on its servers and prints the count beside each page's figures). Off
unless configured: a production page does not tell how it reads."""
from __future__ import annotations

from flask import Flask, g, has_request_context
from sqlalchemy import event

from workspace.extensions import db

HEADER = "X-SQL-Statements"
CONTEXT_HEADER = "X-SQL-Context-Statements"  # of them, PostgreSQL's row-level-security context (tenants/rls.py)
CONTEXT_PREFIX = "SELECT set_config('workspace."


def init_statement_count(app: Flask) -> None:
    if not app.config.get("COUNT_STATEMENTS"):
        return
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "before_cursor_execute")
    def _count(_connection, _cursor, statement, *_rest):
        if has_request_context():
            g._statements = g.get("_statements", 0) + 1
            if statement.startswith(CONTEXT_PREFIX):
                g._context_statements = g.get("_context_statements", 0) + 1

    @app.after_request
    def _tell(response):
        # registered after the commit of workspace.core.database, so it runs before it (Flask runs them in
        # reverse): the count is the request's own statements, as the query-budget tests count them
        response.headers[HEADER] = str(g.get("_statements", 0))
        response.headers[CONTEXT_HEADER] = str(g.get("_context_statements", 0))
        return response
