"""The same-run baseline: a minimal Flask + SQLAlchemy + Jinja page (the TechEmpower "fortunes" shape).

It selects 200 rows — the newest institution history entries with their institution's name, a
join, ordered — and renders them escaped in an HTML table. It runs against the SAME database as the
application, under the SAME gunicorn settings, so the ratio page ÷ baseline says what the
application's own work costs on this machine today. (History entries, not users: the demo scale has
fewer than 200 users, and the baseline must render 200 rows at every scale.)

On PostgreSQL it connects as the application's role like the application does, so row-level
security applies; like every application request that reads owned rows, it first sets the
transaction-local context (here: the explicit opt-out that the operator console also uses).

    DATABASE_URL=... gunicorn --pythonpath bench baseline_app:app
"""
from __future__ import annotations

import os

from flask import Flask, render_template_string
from sqlalchemy import create_engine, text

URL = os.environ["DATABASE_URL"]
for prefix in ("postgres://", "postgresql://"):
    if URL.startswith(prefix):
        URL = "postgresql+psycopg://" + URL[len(prefix):]

engine = create_engine(URL)
POSTGRES = engine.dialect.name == "postgresql"

QUERY = text(
    "SELECT e.id, e.created_at, e.actor_name, e.action, e.object_type, e.object_label, i.short_name"
    " FROM institution_audit_entries e JOIN institutions i ON i.id = e.institution_id"
    " ORDER BY e.id DESC LIMIT 200"
)
UNSCOPED = text("SELECT set_config('workspace.unscoped', 'on', true)")

TEMPLATE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Журнал изменений</title></head>
<body><table>
<tr><th>№</th><th>Когда</th><th>Учреждение</th><th>Кто</th><th>Что</th><th>Объект</th></tr>
{% for row in rows %}<tr><td>{{ row.id }}</td><td>{{ row.created_at }}</td><td>{{ row.short_name }}</td>
<td>{{ row.actor_name }}</td><td>{{ row.action }} {{ row.object_type }}</td><td>{{ row.object_label }}</td></tr>
{% endfor %}</table></body></html>"""

app = Flask(__name__)


@app.get("/")
def fortunes():
    with engine.connect() as connection:
        if POSTGRES:
            connection.execute(UNSCOPED)
        rows = connection.execute(QUERY).all()
    return render_template_string(TEMPLATE, rows=rows)
