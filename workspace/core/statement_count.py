"""How many SQL statements a request ran: ``statements_run()`` so far (the monitoring dashboard shares the drawing
of a section whose provider ran none), and ``X-SQL-Statements``, the count in a response header for the benchmark
(bench/run.py sets ``COUNT_STATEMENTS=1`` on its servers and prints the count beside each page's figures). The
header is off unless configured: a production page does not tell how it reads."""
from __future__ import annotations

from flask import Flask, g, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

HEADER = "X-SQL-Statements"
CONTEXT_HEADER = "X-SQL-Context-Statements"  # of them, PostgreSQL's row-level-security context (tenants/rls.py)
CONTEXT_PREFIX = "SELECT set_config('workspace."


def statements_run() -> int:
    """The SQL statements this request has run so far (0 outside a request)."""
    return g.get("_statements", 0) if has_request_context() else 0


@event.listens_for(Engine, "before_cursor_execute")
def _count(_connection, _cursor, statement, *_rest) -> None:
    """Every engine's statements (the tests' connections too), once per process: counted in the request's ``g``."""
    if has_request_context():
        g._statements = g.get("_statements", 0) + 1
        if statement.startswith(CONTEXT_PREFIX):
            g._context_statements = g.get("_context_statements", 0) + 1


def init_statement_count(app: Flask) -> None:
    if not app.config.get("COUNT_STATEMENTS"):
        return

    @app.after_request
    def _tell(response):
        # registered after the commit of workspace.core.database, so it runs before it (Flask runs them in
        # reverse): the count is the request's own statements, as the query-budget tests count them
        response.headers[HEADER] = str(g.get("_statements", 0))
        response.headers[CONTEXT_HEADER] = str(g.get("_context_statements", 0))
        return response
