#!/usr/bin/env python3
"""The benchmark harness: one command, a table, and docs/performance.md.

    .venv/bin/python bench/run.py                      # demo + city, SQLite + PostgreSQL, soak 300 s
    .venv/bin/python bench/run.py --quick              # 2 s per figure, 20 s soak, prints only
    .venv/bin/python bench/run.py --scales demo --databases sqlite --seconds 3 --soak-seconds 0
    .venv/bin/python bench/run.py --scales city,region --databases postgres   # region ÷ city (PostgreSQL only)

For each database and scale it creates a fresh database (a temporary SQLite file, or the PostgreSQL
database ``workspace_bench_<scale>``), migrates it, generates the city (``flask generate``), starts
the application AND the baseline (bench/baseline_app.py: 200 rows selected and rendered, the
TechEmpower "fortunes" shape) under the same gunicorn settings on 127.0.0.1, logs the bench users in
over real HTTP, warms up, and measures each page with wrk: latency at concurrency 1 (p50/p95/p99)
and throughput at concurrency 8, each also as a ratio to the baseline of the same run. Then the
first-visit page weight, and on SQLite at city scale a soak at ~70 % of saturation with mixed reads
and writes. Every server it starts is stopped at the end, on errors and on Ctrl-C.

Needs ``wrk`` (Debian: ``apt-get install -y wrk``) and, for --databases postgres, a PostgreSQL server
reachable as BENCH_PG (default postgresql://postgres@127.0.0.1:5432, trust auth).
"""
from __future__ import annotations

import argparse
import atexit
import gzip
import http.client
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
MEASURE_LUA = BENCH / "wrk" / "measure.lua"
SOAK_LUA = BENCH / "wrk" / "soak.lua"
CELL_LUA = BENCH / "wrk" / "cell.lua"
DOC = ROOT / "docs" / "performance.md"
NOTES_MARKER = "<!-- Everything below this line is written by hand and kept by bench/run.py. -->"

sys.path.insert(0, str(ROOT))
from workspace.generator.city import BENCH_INSTITUTION, BENCH_LOGINS, BENCH_PASSWORD, SCALES  # noqa: E402

PY = sys.executable
PG_SERVER = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432").rstrip("/")
APP_ROLE = "workspace_bench_app"
SECRET_KEY = "bench-only-secret-key-shared-by-every-worker-0123456789"
USER_AGENT = "workspace-bench/1 (wrk)"
GUNICORN_SETTINGS = ["--workers", "4", "--worker-class", "sync", "--timeout", "60", "--graceful-timeout", "5"]
LATENCY = {"threads": 1, "connections": 1}
THROUGHPUT = {"threads": 2, "connections": 8}
SOAK_CONNECTIONS = 8
SOAK_SHARE = 0.70
VERSION_RE = re.compile(r'name="version" type="hidden" value="(\d+)"|name="version" value="(\d+)"')
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
# Environment that must not leak from the caller into the servers (a Secure cookie over http would
# lose every session; the benchmark databases are chosen here).
SCRUBBED_ENV = ("DATABASE_URL", "TEST_DATABASE_URL", "SESSION_COOKIE_SECURE", "BEHIND_PROXY",
                "RATELIMIT_REDIS_URL", "MAIL_SERVER", "SECRET_KEY", "WORKSPACE_INSTANCE", "FLASK_APP")


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- processes: every server we start is stopped, also on errors and Ctrl-C --------------------

_children: list[subprocess.Popen] = []


def start_process(command: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    log = open(log_path, "ab")  # noqa: SIM115  (the server writes to it for its whole life; closed when it stops)
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)  # its own process group: gunicorn + its workers
    log.close()
    _children.append(process)
    return process


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(process.pid, sig)  # the group this harness created, by its id
            except ProcessLookupError:
                break
            try:
                process.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
    if process in _children:
        _children.remove(process)


def stop_all() -> None:
    for process in list(_children):
        stop_process(process)


atexit.register(stop_all)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command: list[str], env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result


# -- HTTP over loopback, the way a browser session does it ---------------------------------------

@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes  # as sent on the wire (compressed if the server compressed)

    def text(self) -> str:
        raw = self.body
        if self.headers.get("content-encoding") == "gzip":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8", "replace")

    def plain(self) -> bytes:
        return gzip.decompress(self.body) if self.headers.get("content-encoding") == "gzip" else self.body


@dataclass
class Browser:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, *, form: dict | None = None, headers: dict | None = None,
                gzip_ok: bool = False) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"User-Agent": USER_AGENT, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = self.cookie_header
        if gzip_ok:
            sent["Accept-Encoding"] = "gzip"
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    pair = value.split(";", 1)[0]
                    key, _sep, cookie_value = pair.partition("=")
                    if cookie_value and "expires=thu, 01 jan 1970" not in value.lower():
                        self.cookies[key.strip()] = cookie_value.strip()
                    else:
                        self.cookies.pop(key.strip(), None)
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1) or match.group(2)


def log_in(port: int, email: str) -> Browser:
    browser = Browser(port)
    page = browser.get("/login")
    answer = browser.request("POST", "/login", form={"email": email, "password": BENCH_PASSWORD,
                                                     "csrf_token": csrf_from(page.text())})
    if answer.status != 302 or "/login" in answer.headers.get("location", ""):
        raise RuntimeError(f"log-in of {email} failed: {answer.status}\n{answer.text()[:500]}")
    return browser


def wait_until_up(process: subprocess.Popen, port: int, path: str, log_path: Path, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited:\n{log_path.read_text()[-3000:]}")
        try:
            if Browser(port).get(path).status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server on port {port} did not answer within {limit} s")


# -- wrk ----------------------------------------------------------------------------------------

def wrk(url: str, *, seconds: int, threads: int, connections: int, cookie: str = "", headers: tuple = (),
        method: str = "GET", body: str = "", script: Path = MEASURE_LUA, env: dict | None = None) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(script), "-H", f"User-Agent: {USER_AGENT}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    for header in headers:
        command += ["-H", header]
    command.append(url)
    wrk_env = {**os.environ, "BENCH_METHOD": method, "BENCH_BODY": body, **(env or {})}
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, env=wrk_env)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line[len("BENCH_JSON "):])
    raise RuntimeError(f"wrk printed no result:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


# -- what is measured -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    method: str
    path: str  # {inst}, {net}, {member}, {plan}, {item}, {project} filled in per run
    user: str  # coordinator | admin | operator
    htmx_target: str | None = None  # "notes", "model-row-{member}" or "item-{item}-responsible"
    list_page: bool = True  # a read of up to 200 rows: the ≥ 50 % throughput target applies
    # The plan cell save runs bench/wrk/cell.lua with one connection per wrk thread (each thread
    # saves its own item with the version it tracks; a 409 is counted as an expected answer).
    cell_save: bool = False
    form: str = ""  # a POST body of its own (urlencoded, the CSRF token is added)
    journal: bool = False  # needs a journal group in the city (skipped when the city has none)
    target_share: float = 0.5  # the throughput target as a share of the baseline

    def url_path(self, ctx: RunContext) -> str:
        return self.path.format(inst=BENCH_INSTITUTION, net=ctx.network_slug, member=ctx.member_id,
                                plan=ctx.plan_id, item=ctx.plan_items[0] if ctx.plan_items else 0,
                                agreement=ctx.agreement_id, project=ctx.project_id,
                                journal_net=ctx.journal_network, group=ctx.journal_group,
                                lesson=ctx.journal_lesson, enrollment=ctx.journal_enrollment)

    def target(self, ctx: RunContext) -> str | None:
        if not self.htmx_target:
            return None
        return self.htmx_target.format(member=ctx.member_id, item=ctx.plan_items[0] if ctx.plan_items else 0,
                                       lesson=ctx.journal_lesson, enrollment=ctx.journal_enrollment)


ENDPOINTS = (
    Endpoint("desk", "desk /i/‹slug›/", "GET", "/i/{inst}/", "coordinator"),
    Endpoint("network", "network page /n/‹slug›/", "GET", "/n/{net}/", "coordinator"),
    Endpoint("council", "council /n/‹slug›/council/", "GET", "/n/{net}/council/", "coordinator"),
    Endpoint("staff", "staff list /i/‹slug›/staff", "GET", "/i/{inst}/staff", "admin"),
    Endpoint("inst_history", "institution history", "GET", "/i/{inst}/history", "admin"),
    Endpoint("net_history", "network history", "GET", "/n/{net}/history", "coordinator"),
    Endpoint("operator", "operator console /operator/", "GET", "/operator/", "operator"),
    # A partner's row of the interaction model (issue 19 moved the forms and the effect from the membership to it).
    Endpoint("member_edit", "htmx: model-row edit form", "GET", "/n/{net}/model/{member}/edit", "coordinator",
             htmx_target="model-row-{member}"),
    Endpoint("note_add", "htmx write: add a note", "POST", "/i/{inst}/notes", "coordinator",
             htmx_target="notes", list_page=False),
    Endpoint("plans", "plans list /n/‹slug›/plans/", "GET", "/n/{net}/plans/", "coordinator"),
    # A long plan (over 200 items, ~1 000 at city scale) shows one section at a time, 100 items a page.
    Endpoint("plan", "plan page /n/‹slug›/plans/‹id›", "GET", "/n/{net}/plans/{plan}", "coordinator"),
    Endpoint("net_calendar", "network calendar /n/‹slug›/calendar/", "GET", "/n/{net}/calendar/", "coordinator"),
    Endpoint("inst_calendar", "institution calendar /i/‹slug›/calendar/", "GET", "/i/{inst}/calendar/",
             "coordinator"),
    Endpoint("monitoring", "monitoring dashboard /n/‹slug›/monitoring/", "GET", "/n/{net}/monitoring/", "coordinator"),
    Endpoint("inst_monitoring", "institution monitoring /i/‹slug›/monitoring/", "GET", "/i/{inst}/monitoring/",
             "coordinator"),
    Endpoint("net_chronicle", "network chronicle /n/‹slug›/chronicle", "GET", "/n/{net}/chronicle", "coordinator"),
    Endpoint("inst_chronicle", "institution chronicle /i/‹slug›/chronicle", "GET", "/i/{inst}/chronicle",
             "coordinator"),
    # «класс», percent-encoded: matches plan items, people's positions, council questions across the networks.
    Endpoint("search", "search page /i/‹slug›/search?q=класс", "GET", "/i/{inst}/search?q=%D0%BA%D0%BB%D0%B0%D1%81%D1%81",
             "coordinator"),
    Endpoint("search_active", "htmx: active search in the header", "GET",
             "/i/{inst}/search?q=%D0%BA%D0%BB%D0%B0%D1%81%D1%81", "coordinator", htmx_target="search-results"),
    Endpoint("cell_save", "htmx write: plan cell save (responsible)", "POST",
             "/n/{net}/plans/{plan}/items/{item}/cells/responsible", "coordinator",
             htmx_target="item-{item}-responsible", list_page=False, cell_save=True),
    Endpoint("agreements", "agreement list /n/‹slug›/agreements/", "GET", "/n/{net}/agreements/", "coordinator"),
    Endpoint("agreement", "agreement page /n/‹slug›/agreements/‹id›", "GET", "/n/{net}/agreements/{agreement}",
             "coordinator"),
    Endpoint("projects", "projects list /n/‹slug›/projects/", "GET", "/n/{net}/projects/", "coordinator"),
    Endpoint("project", "project page /n/‹slug›/projects/‹id›", "GET", "/n/{net}/projects/{project}", "coordinator"),
    Endpoint("programmes", "programme list /n/‹slug›/programmes/", "GET", "/n/{net}/programmes/", "coordinator"),
    Endpoint("requests_inbox", "requests inbox /n/‹slug›/programmes/requests", "GET", "/n/{net}/programmes/requests",
             "coordinator"),
    Endpoint("pupils", "pupils list /i/‹slug›/pupils/", "GET", "/i/{inst}/pupils/", "coordinator"),
    # Who outside the school read its pupils' data (issue 14): the newest reads, paginated.
    Endpoint("pupil_reads", "pupils' data read by others", "GET", "/i/{inst}/pupils/reads", "coordinator"),
    # The journal (issue 7): the group nearest 30 pupils × 40 lessons, as its teacher; a cell save is an
    # upsert (last write wins per cell), so wrk repeats one POST without versions.
    Endpoint("journal_grid", "journal grid (group nearest 30 × 40)", "GET", "/n/{journal_net}/journal/groups/{group}",
             "teacher", list_page=False, journal=True, target_share=0.4),
    Endpoint("journal_lesson", "journal, one lesson (the phone's mode)", "GET",
             "/n/{journal_net}/journal/groups/{group}/lesson", "teacher", list_page=False, journal=True),
    Endpoint("journal_cell", "htmx write: journal cell save", "POST",
             "/n/{journal_net}/journal/groups/{group}/marks/{lesson}/{enrollment}", "teacher",
             htmx_target="c{enrollment}-{lesson}", list_page=False, form="set=present", journal=True),
    Endpoint("bank", "bank of best practices /n/‹slug›/bank/", "GET", "/n/{net}/bank/", "coordinator"),
    Endpoint("bank_search", "htmx: bank active search", "GET", "/n/{net}/bank/?q=%D0%BA%D0%B2%D0%B5%D1%81%D1%82",
             "coordinator", htmx_target="materials"),
    Endpoint("requests", "request table /n/‹slug›/requests/", "GET", "/n/{net}/requests/", "coordinator"),
    # The programme cycle (issue 19): the passport, the interaction model, the yearly analyses, the generated documents,
    # the networks of the institution; pupils' growth and the register of documents (issue 20).
    Endpoint("passport", "programme passport /n/‹slug›/passport/", "GET", "/n/{net}/passport/", "coordinator"),
    Endpoint("model", "interaction model /n/‹slug›/model/", "GET", "/n/{net}/model/", "coordinator"),
    Endpoint("analyses", "yearly analyses /n/‹slug›/analysis/", "GET", "/n/{net}/analysis/", "coordinator"),
    Endpoint("documents", "network documents /n/‹slug›/documents/", "GET", "/n/{net}/documents/", "coordinator"),
    Endpoint("my_networks", "institution's networks /i/‹slug›/networks/", "GET", "/i/{inst}/networks/", "coordinator"),
    Endpoint("achievements", "pupils' achievements /i/‹slug›/growth/achievements", "GET",
             "/i/{inst}/growth/achievements", "coordinator"),
    Endpoint("certificates", "register of documents /i/‹slug›/journal/certificates", "GET",
             "/i/{inst}/journal/certificates", "coordinator"),
)
MAX_STATEMENTS = 8  # SQL statements per page or action (issue 21), counted by the application's X-SQL-Statements
CELL_PATH = "/n/{net}/plans/{plan}/items/%d/cells/responsible"
CELL_TEXT = "Иванова И. И., заместитель директора по ВР (правка"


@dataclass
class RunContext:
    database: str
    scale: str
    workdir: Path
    owner_url: str  # SQLAlchemy URL as the owner (migrations, generation, the harness's look-ups)
    app_url: str  # as the application connects
    network_slug: str = ""
    member_id: int = 0
    soak_members: list[int] = field(default_factory=list)
    soak_rows: str = ""  # id:partner:forms (urlencoded),... of the rows the soak saves
    plan_id: int = 0
    plan_items: list[int] = field(default_factory=list)  # items of that plan the cell save edits
    agreement_id: int = 0  # an agreement of the bench institution in that network
    project_id: int = 0  # a project of that network (the project page)
    journal_network: str = ""  # the journal group nearest 30 pupils × 40 lessons, its teacher, one cell
    journal_group: int = 0
    journal_shape: str = ""
    journal_lesson: int = 0
    journal_enrollment: int = 0
    journal_teacher: str = ""
    browsers: dict[str, Browser] = field(default_factory=dict)
    csrf: str = ""
    csrf_of: dict[str, str] = field(default_factory=dict)  # user → CSRF token, for users other than the coordinator
    app_port: int = 0
    baseline_port: int = 0
    app_log: Path | None = None


def _env(ctx: RunContext, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    env.update({"DATABASE_URL": database_url, "WORKSPACE_INSTANCE": str(ctx.workdir), "SECRET_KEY": SECRET_KEY,
                "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"})
    return env


def _pg_admin(statements: list[str]) -> None:
    import psycopg
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def _pg_url(database: str, user: str | None = None) -> str:
    parts = urllib.parse.urlsplit(PG_SERVER)
    netloc = parts.netloc if user is None else f"{user}@{parts.hostname}:{parts.port or 5432}"
    return f"postgresql://{netloc}/{database}"


def _look_up(ctx: RunContext) -> None:
    """The biggest network, a partner's membership row to edit, rows for the soak."""
    from sqlalchemy import create_engine, text

    from workspace.config import normalise_database_url
    engine = create_engine(normalise_database_url(ctx.owner_url))
    with engine.connect() as connection:
        network_id, ctx.network_slug = connection.execute(text(
            "SELECT n.id, n.slug FROM networks n JOIN memberships m ON m.network_id = n.id "
            "JOIN institutions i ON i.id = n.base_institution_id WHERE i.slug = :slug "
            "GROUP BY n.id, n.slug ORDER BY COUNT(m.id) DESC, n.id LIMIT 1"), {"slug": BENCH_INSTITUTION}).one()
        rows = connection.execute(text(
            "SELECT r.id, r.institution_id, r.forms FROM interaction_rows r JOIN networks n ON n.id = r.network_id "
            "WHERE r.network_id = :n AND r.institution_id IS NOT NULL AND r.institution_id <> n.base_institution_id "
            "ORDER BY r.id LIMIT 8"), {"n": network_id}).all()
        ctx.soak_members = [row.id for row in rows]
        # the soak saves each row with its partner and forms as they are (a form chosen by plan items cannot go)
        ctx.soak_rows = ",".join(f"{row.id}:member-{row.institution_id}:{urllib.parse.quote_plus(row.forms or '')}"
                                 for row in rows)
        ctx.member_id = ctx.soak_members[0]
        ctx.plan_id = connection.execute(text(
            "SELECT id FROM plans WHERE network_id = :n ORDER BY start_year DESC LIMIT 1"), {"n": network_id}).scalar()
        ctx.plan_items = list(connection.execute(text(
            "SELECT id FROM plan_items WHERE plan_id = :p ORDER BY id LIMIT 8"), {"p": ctx.plan_id}).scalars())
        ctx.agreement_id = connection.execute(text(
            "SELECT a.id FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id "
            "JOIN institutions i ON i.id = p.institution_id WHERE a.network_id = :n AND i.slug = :slug "
            "ORDER BY a.id LIMIT 1"), {"n": network_id, "slug": BENCH_INSTITUTION}).scalar() or 0
        ctx.project_id = connection.execute(text(
            "SELECT id FROM projects WHERE network_id = :n ORDER BY id LIMIT 1"), {"n": network_id}).scalar() or 0
        _look_up_journal(ctx, connection, text)
    engine.dispose()


def _look_up_journal(ctx: RunContext, connection, text) -> None:
    """The group nearest 30 pupils × 40 lessons with a teacher, one of its cells (none: journal skipped)."""
    row = connection.execute(text(
        "SELECT g.id, n.slug, u.email, e.c, l.c FROM network_groups g JOIN networks n ON n.id = g.network_id "
        "JOIN users u ON u.id = g.teacher_id "
        "JOIN (SELECT group_id, COUNT(*) AS c FROM enrollments WHERE status IN ('enrolled', 'completed') "
        "      GROUP BY group_id) e ON e.group_id = g.id "
        "JOIN (SELECT group_id, COUNT(*) AS c FROM lessons GROUP BY group_id) l ON l.group_id = g.id "
        "ORDER BY ABS(e.c - 30) + ABS(l.c - 40), g.id LIMIT 1")).first()
    if row is None:
        return
    ctx.journal_group, ctx.journal_network, ctx.journal_teacher, pupils, lessons = row
    ctx.journal_shape = f"{pupils} pupils × {lessons} lessons"
    ctx.journal_lesson = connection.execute(text(
        "SELECT id FROM lessons WHERE group_id = :g ORDER BY held_on LIMIT 1"), {"g": ctx.journal_group}).scalar()
    ctx.journal_enrollment = connection.execute(text(
        "SELECT id FROM enrollments WHERE group_id = :g AND status IN ('enrolled', 'completed') ORDER BY id LIMIT 1"),
        {"g": ctx.journal_group}).scalar()


def _versions(ctx: RunContext) -> str:
    from sqlalchemy import create_engine, text

    from workspace.config import normalise_database_url
    engine = create_engine(normalise_database_url(ctx.owner_url))
    with engine.connect() as connection:
        ids = ",".join(str(i) for i in ctx.soak_members)
        rows = connection.execute(text(f"SELECT id, version FROM interaction_rows WHERE id IN ({ids})")).all()
    engine.dispose()
    return ",".join(f"{i}:{v}" for i, v in rows)


def prepare(ctx: RunContext) -> float:
    """Fresh database, migrated and generated; returns the generation time in seconds."""
    if ctx.database == "postgres":
        name = f"workspace_bench_{ctx.scale}"
        _pg_admin([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'])
    owner_env = _env(ctx, ctx.owner_url)
    say(f"{ctx.database}/{ctx.scale}: migrating")
    run([PY, "-m", "flask", "--app", "wsgi", "db", "upgrade"], owner_env)
    say(f"{ctx.database}/{ctx.scale}: generating")
    started = time.perf_counter()
    run([PY, "-m", "flask", "--app", "wsgi", "generate", "--scale", ctx.scale, "--seed", "1"], owner_env,
        timeout=3600 if ctx.scale == "region" else 600)  # region: minutes, longer on a busy machine
    seconds = time.perf_counter() - started
    if ctx.database == "postgres":
        run([PY, "-m", "flask", "--app", "wsgi", "db-app-role", APP_ROLE], owner_env)
    _look_up(ctx)
    return seconds


def start_servers(ctx: RunContext) -> None:
    ctx.app_port, ctx.baseline_port = free_port(), free_port()
    ctx.app_log = ctx.workdir / "app-gunicorn.log"
    env = _env(ctx, ctx.app_url)
    # the application tells each answer's SQL statements (X-SQL-Statements); the baseline ignores the variable
    app = start_process([PY, "-m", "gunicorn", *GUNICORN_SETTINGS, "--bind", f"127.0.0.1:{ctx.app_port}",
                         "wsgi:app"], {**env, "COUNT_STATEMENTS": "1"}, ctx.app_log)
    baseline_log = ctx.workdir / "baseline-gunicorn.log"
    baseline = start_process([PY, "-m", "gunicorn", *GUNICORN_SETTINGS, "--bind", f"127.0.0.1:{ctx.baseline_port}",
                              "--pythonpath", str(BENCH), "baseline_app:app"], env, baseline_log)
    wait_until_up(app, ctx.app_port, "/login", ctx.app_log)
    wait_until_up(baseline, ctx.baseline_port, "/", baseline_log)


def log_everyone_in(ctx: RunContext) -> None:
    for who in ("coordinator", "admin", "operator"):
        ctx.browsers[who] = log_in(ctx.app_port, BENCH_LOGINS[who])
    if ctx.journal_teacher:
        ctx.browsers["teacher"] = log_in(ctx.app_port, ctx.journal_teacher)
        grid = ctx.browsers["teacher"].get(f"/n/{ctx.journal_network}/journal/groups/{ctx.journal_group}")
        if grid.status != 200:
            raise RuntimeError(f"the journal grid answered {grid.status}")
        ctx.csrf_of["teacher"] = csrf_from(grid.text())
    desk = ctx.browsers["coordinator"].get(f"/i/{BENCH_INSTITUTION}/")
    if desk.status != 200:
        raise RuntimeError(f"the desk answered {desk.status}")
    ctx.csrf = csrf_from(desk.text())


def _request_of(endpoint: Endpoint, ctx: RunContext) -> tuple[tuple, str]:
    headers: list[str] = []
    body = ""
    target = endpoint.target(ctx)
    if target:
        headers += ["HX-Request: true", f"HX-Target: {target}"]
    if endpoint.cell_save:
        headers.append("Content-Type: application/x-www-form-urlencoded")
        item = ctx.plan_items[0]
        body = urllib.parse.urlencode({"value": f"{CELL_TEXT} {time.monotonic_ns()})",
                                       "version": cell_version(ctx, item), "csrf_token": ctx.csrf})
    elif endpoint.form:
        headers.append("Content-Type: application/x-www-form-urlencoded")
        body = endpoint.form + "&" + urllib.parse.urlencode({"csrf_token": ctx.csrf_of.get(endpoint.user, ctx.csrf)})
    elif endpoint.method == "POST":
        headers.append("Content-Type: application/x-www-form-urlencoded")
        body = urllib.parse.urlencode({"body": "Заметка из нагрузочного теста: проверить расписание",
                                       "csrf_token": ctx.csrf})
    return tuple(headers), body


def cell_version(ctx: RunContext, item: int) -> str:
    """The item's current version, as the browser gets it: from the cell form (htmx GET)."""
    path = CELL_PATH.format(net=ctx.network_slug, plan=ctx.plan_id) % item
    answer = ctx.browsers["coordinator"].get(path, headers={"HX-Request": "true",
                                                            "HX-Target": f"item-{item}-responsible"})
    match = VERSION_RE.search(answer.text()) if answer.status == 200 else None
    if not match:
        raise RuntimeError(f"no version in the cell form of item {item}: {answer.status}\n{answer.text()[:500]}")
    return match.group(1) or match.group(2)


def cell_env(ctx: RunContext) -> dict:
    """cell.lua's environment, with the versions read from the cell forms just before the run."""
    return {"BENCH_PATH": CELL_PATH.format(net=ctx.network_slug, plan=ctx.plan_id),
            "BENCH_ITEMS": ",".join(map(str, ctx.plan_items)),
            "BENCH_VERSIONS": ",".join(f"{i}:{cell_version(ctx, i)}" for i in ctx.plan_items),
            "BENCH_CSRF": urllib.parse.quote_plus(ctx.csrf),
            "BENCH_TEXT": urllib.parse.quote_plus(CELL_TEXT)}


def check_endpoint(endpoint: Endpoint, ctx: RunContext) -> tuple[int, int]:
    """One request by hand before wrk: the right status, and a fragment where a fragment is due; returns the
    SQL statements the answer ran and, of them, PostgreSQL's row-level-security context statements."""
    headers, body = _request_of(endpoint, ctx)
    browser = ctx.browsers[endpoint.user]
    answer = browser.request(endpoint.method, endpoint.url_path(ctx),
                             headers=dict(h.split(": ", 1) for h in headers if not h.startswith("Content-Type")),
                             form=dict(urllib.parse.parse_qsl(body)) if body else None)
    if answer.status != 200:
        raise RuntimeError(f"{endpoint.key}: {answer.status} instead of 200\n{answer.text()[:800]}")
    if endpoint.htmx_target and answer.text().lstrip().lower().startswith("<!doctype"):
        raise RuntimeError(f"{endpoint.key}: a full page instead of the htmx fragment")
    headers = {name.lower(): value for name, value in answer.headers.items()}
    return int(headers.get("x-sql-statements", -1)), int(headers.get("x-sql-context-statements", 0))


def measure_pair(page: tuple, baseline_url: str, seconds: int, warmup: int, cell_env_of=None) -> dict:
    """A page and the baseline side by side, alternating, so that both see the same machine:
    baseline c1, page c1, baseline c8, page c8. Ratios are taken within the pair.

    ``cell_env_of`` (the plan cell save): run cell.lua, its environment (fresh versions) built
    before each run, with one connection per wrk thread at concurrency 8."""
    url, cookie, headers, method, body = page
    page_args = {"cookie": cookie, "headers": headers, "method": method, "body": body}
    c8 = THROUGHPUT
    if cell_env_of is not None:
        page_args = {"cookie": cookie, "script": CELL_LUA}
        c8 = {"threads": THROUGHPUT["connections"], "connections": THROUGHPUT["connections"]}

    def page_run(seconds_: int, level: dict) -> dict:
        extra = {"env": cell_env_of()} if cell_env_of is not None else {}
        return wrk(url, seconds=seconds_, **level, **page_args, **extra)

    if warmup:
        page_run(warmup, c8)
    return {"base_c1": wrk(baseline_url, seconds=seconds, **LATENCY),
            "c1": page_run(seconds, LATENCY),
            "base_c8": wrk(baseline_url, seconds=seconds, **THROUGHPUT),
            "c8": page_run(seconds, c8)}


def measure_all(ctx: RunContext, seconds: int, warmup: int, only: set[str] | None = None) -> dict:
    baseline_url = f"http://127.0.0.1:{ctx.baseline_port}/"
    if warmup:
        wrk(baseline_url, seconds=warmup, **THROUGHPUT)
    result = {"pages": {}}
    for endpoint in ENDPOINTS:
        if only and endpoint.key not in only:
            continue
        if endpoint.journal and not ctx.journal_group:
            say(f"{ctx.database}/{ctx.scale}: {endpoint.key} skipped (the city has no journal groups)")
            continue
        statements, context = check_endpoint(endpoint, ctx)
        headers, body = _request_of(endpoint, ctx)
        say(f"{ctx.database}/{ctx.scale}: {endpoint.key} (and the baseline beside it)")
        url = f"http://127.0.0.1:{ctx.app_port}{endpoint.url_path(ctx)}"
        page = (url, ctx.browsers[endpoint.user].cookie_header, headers, endpoint.method, body)
        result["pages"][endpoint.key] = measure_pair(
            page, baseline_url, seconds, warmup, cell_env_of=(lambda: cell_env(ctx)) if endpoint.cell_save else None)
        result["pages"][endpoint.key].update(statements=statements, context_statements=context)
    pairs = list(result["pages"].values())
    result["baseline"] = {
        level: {key: statistics.median(pair[f"base_{level}"][key] for pair in pairs)
                for key in ("rps", "p50_us", "p95_us", "p99_us", "mean_us")}
        for level in ("c1", "c8")}
    result["baseline"]["rps_range"] = (min(p["base_c8"]["rps"] for p in pairs),
                                       max(p["base_c8"]["rps"] for p in pairs))
    return result


def page_weight(ctx: RunContext) -> dict:
    """First visit of the desk: HTML + linked CSS/JS, compressed; then what later steps transfer."""
    browser = ctx.browsers["coordinator"]
    desk = browser.get(f"/i/{BENCH_INSTITUTION}/", gzip_ok=True)
    html = desk.plain()
    items = [{"what": "desk HTML", "raw": len(html), "gzip": len(gzip.compress(html, 6)),
              "served": len(desk.body), "encoding": desk.headers.get("content-encoding", "none"),
              "cache": desk.headers.get("cache-control", "")}]
    for path in dict.fromkeys(re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode())):
        asset = browser.get(path.replace("&amp;", "&"), gzip_ok=True)
        plain = asset.plain()
        items.append({"what": path.split("?")[0], "raw": len(plain), "gzip": len(gzip.compress(plain, 6)),
                      "served": len(asset.body), "encoding": asset.headers.get("content-encoding", "none"),
                      "cache": asset.headers.get("cache-control", "")})
    first = {"raw": sum(i["raw"] for i in items), "gzip": sum(i["gzip"] for i in items),
             "served": sum(i["served"] for i in items)}
    later = []
    fragment = browser.request("POST", f"/i/{BENCH_INSTITUTION}/notes", gzip_ok=True,
                               headers={"HX-Request": "true", "HX-Target": "notes"},
                               form={"body": "Заметка для замера фрагмента", "csrf_token": ctx.csrf})
    edit = browser.get(f"/n/{ctx.network_slug}/model/{ctx.member_id}/edit", gzip_ok=True,
                       headers={"HX-Request": "true", "HX-Target": f"model-row-{ctx.member_id}"})
    boosted = browser.get(f"/n/{ctx.network_slug}/", gzip_ok=True,
                          headers={"HX-Request": "true", "HX-Boosted": "true", "HX-Target": "body"})
    for what, answer in (("htmx fragment: note added (#notes)", fragment),
                         ("htmx fragment: model-row edit form", edit),
                         ("boosted navigation: network page (HTML only)", boosted)):
        plain = answer.plain()
        later.append({"what": what, "status": answer.status, "raw": len(plain),
                      "gzip": len(gzip.compress(plain, 6)), "served": len(answer.body),
                      "encoding": answer.headers.get("content-encoding", "none")})
    return {"first": first, "items": items, "later": later}


def count_in_log(path: Path, needle: str, offset: int = 0) -> int:
    if not path.exists():
        return 0
    with open(path, "rb") as handle:
        handle.seek(offset)
        return handle.read().decode("utf-8", "replace").count(needle)


def soak(ctx: RunContext, seconds: int, probe: int) -> dict:
    """~70 % of the mix's saturation throughput, paced by wrk's delay() with feedback, for `seconds`."""
    url = f"http://127.0.0.1:{ctx.app_port}/"
    base_env = {"BENCH_INST": BENCH_INSTITUTION, "BENCH_NET": ctx.network_slug,
                "BENCH_MEMBERS": ",".join(map(str, ctx.soak_members)), "BENCH_ROWS": ctx.soak_rows,
                "BENCH_CSRF": urllib.parse.quote_plus(ctx.csrf),
                "BENCH_TEXT": urllib.parse.quote_plus("Правка из нагрузочного теста")}
    cookie = ctx.browsers["coordinator"].cookie_header
    threads = {"threads": SOAK_CONNECTIONS, "connections": SOAK_CONNECTIONS}

    def go(duration: int, delay_ms: float, target: float = 0) -> dict:
        return wrk(url, seconds=duration, cookie=cookie, script=SOAK_LUA, **threads,
                   env={**base_env, "BENCH_DELAY_MS": f"{delay_ms:.2f}", "BENCH_TARGET_RPS": f"{target:.2f}",
                        "BENCH_THREADS": str(SOAK_CONNECTIONS), "BENCH_VERSIONS": _versions(ctx)})

    # Saturation: the best of three short unpaced probes (a shared machine lowers single probes).
    probes = []
    for number in range(3):
        say(f"soak: saturation of the mix, probe {number + 1}/3 ({probe} s)")
        probes.append(go(probe, 0))
    saturation = max(probes, key=lambda p: p["rps"])
    target = SOAK_SHARE * saturation["rps"]
    # A first pause from the latency at saturation; each wrk thread then corrects it every 5 s.
    delay = max(1.0, SOAK_CONNECTIONS * 1000 / target - 0.5 * saturation["mean_us"] / 1000)
    offset = ctx.app_log.stat().st_size if ctx.app_log.exists() else 0
    say(f"soak: {seconds} s at ~{target:.0f} req/s (first pause {delay:.1f} ms per connection)")
    result = go(seconds, delay, target)
    return {"seconds": seconds, "saturation_rps": saturation["rps"], "target_rps": target,
            "probes_rps": [p["rps"] for p in probes], "load_at_end": f"{os.getloadavg()[0]:.2f}",
            "delay_ms": delay, "result": result,
            "locked": count_in_log(ctx.app_log, "database is locked", offset),
            "tracebacks": count_in_log(ctx.app_log, "Traceback", offset)}


def _cpu_busy(seconds: float = 3.0) -> float:
    """Share of all CPUs busy over the next `seconds` (from /proc/stat)."""
    def sample():
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + fields[4]
        return idle, sum(fields)
    idle0, total0 = sample()
    time.sleep(seconds)
    idle1, total1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def wait_for_quiet(limit: int, threshold: float = 0.25) -> str:
    """Other work on a shared machine skews every figure: wait (bounded) until the CPUs are mostly idle."""
    deadline = time.monotonic() + limit
    busy = _cpu_busy()
    while busy > threshold and time.monotonic() < deadline:
        busy = _cpu_busy()
    return f"{100 * busy:.0f} % CPU busy (load {os.getloadavg()[0]:.2f})"


def run_one(database: str, scale: str, args) -> dict:
    if args.wait_quiet:
        say(f"{database}/{scale}: waiting up to {args.wait_quiet} s for the CPUs to be ≥ 75 % idle")
    load = wait_for_quiet(args.wait_quiet) if args.wait_quiet else f"load {os.getloadavg()[0]:.2f}"
    workdir = Path(tempfile.mkdtemp(prefix=f"workspace-bench-{database}-{scale}-"))
    if database == "sqlite":
        owner_url = app_url = f"sqlite:///{workdir / 'workspace.db'}"
    else:
        owner_url = _pg_url(f"workspace_bench_{scale}")
        app_url = _pg_url(f"workspace_bench_{scale}", APP_ROLE)
    ctx = RunContext(database, scale, workdir, owner_url, app_url)
    outcome: dict = {"workdir": str(workdir), "load_at_start": load}
    try:
        outcome["generate_seconds"] = prepare(ctx)
        outcome["journal_shape"] = ctx.journal_shape or "–"
        start_servers(ctx)
        log_everyone_in(ctx)
        outcome.update(measure_all(ctx, args.seconds, args.warmup, args.pages))
        outcome["weight"] = page_weight(ctx)
        if scale == "city" and args.soak_seconds > 0:  # the soak runs on each database at city scale
            if args.wait_quiet:
                say(f"soak: waiting up to {args.wait_quiet} s for the CPUs to be ≥ 75 % idle")
                wait_for_quiet(args.wait_quiet)
            outcome["soak"] = soak(ctx, args.soak_seconds, args.probe_seconds)
        outcome["log"] = {"locked": count_in_log(ctx.app_log, "database is locked"),
                          "tracebacks": count_in_log(ctx.app_log, "Traceback")}
    finally:
        stop_all()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
            if database == "postgres":
                try:
                    _pg_admin([f'DROP DATABASE IF EXISTS "workspace_bench_{scale}" WITH (FORCE)'])
                except Exception as error:  # noqa: BLE001  (cleanup must not hide the real error)
                    say(f"could not drop workspace_bench_{scale}: {error}")
    return outcome


# -- Excel, in process -------------------------------------------------------------------------------

EXPORT_ITEMS = 5_000
IMPORT_ROWS = 1_000


def _timed_pair(product, bare, repeat: int = 5) -> tuple[tuple[float, int, object], tuple[float, int, object]]:
    """For the product's function and its bare counterpart: (best wall time in s over ``repeat`` runs without
    tracing, peak traced memory in bytes of one more run under tracemalloc, the result). The runs of the two
    alternate, so that a busy moment of a shared machine falls on both; timing and tracing apart:
    tracemalloc slows Python down."""
    import gc
    import tracemalloc
    best, results = [float("inf"), float("inf")], [None, None]
    for _ in range(repeat):
        for which, function in enumerate((product, bare)):
            gc.collect()
            started = time.perf_counter()
            results[which] = function()
            best[which] = min(best[which], time.perf_counter() - started)
    peaks = []
    for function in (product, bare):
        gc.collect()
        tracemalloc.start()
        try:
            function()
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    return (best[0], peaks[0], results[0]), (best[1], peaks[1], results[1])


def _plan_fixture(items: int):
    """A plan of ``items`` items in sections, as the generator writes them (plain objects)."""
    import random as _random
    from types import SimpleNamespace

    from workspace.core.dates import AcademicYear
    from workspace.generator import names as N
    from workspace.generator.city import _timing_text
    from workspace.plans.models import ItemStatus, PlanStatus
    rng = _random.Random(1)
    year = AcademicYear.containing(datetime.now().date())
    plan = SimpleNamespace(title="План работы сети «Читающий город» на учебный год", start_year=year.start_year,
                           status=PlanStatus.DRAFT)
    sections, per_section = [], 40
    for number in range(1, items // per_section + 2):
        count = min(per_section, items - (number - 1) * per_section)
        if count <= 0:
            break
        section = SimpleNamespace(title=f"{number}. МБОУ «СОШ №{number}»")
        rows = [SimpleNamespace(number=f"{number}.{i}",
                                title=f"{rng.choice(N.PLAN_EVENTS)} «{rng.choice(N.PLAN_EVENT_NAMES)}»",
                                audience=rng.choice(N.PLAN_AUDIENCES), timing=_timing_text(rng),
                                responsible="Иванова И. И., заместитель директора по ВР",
                                report_form=rng.choice(N.PLAN_REPORT_FORMS),
                                status=rng.choice(list(ItemStatus)),
                                interaction_row_id=None, interaction_form="") for i in range(1, count + 1)]
        sections.append((section, rows))
    return plan, sections, year


def excel_measurements() -> dict:
    """Issue 4's Excel figures for the plan, in this process: the export of a 5 000-item plan
    (workspace.plans.exports.plan_workbook) against bare openpyxl write-only of the same cells,
    and the import of a 1 000-row plan file (read_xlsx + choose_sheet + find_table + read_item,
    i.e. timing and audience reads) against bare openpyxl read-only iteration of the same file."""
    import io

    from openpyxl import Workbook, load_workbook

    from workspace import create_app
    from workspace.config import TestConfig
    from workspace.core.labels import label
    from workspace.core.spreadsheets import read_xlsx
    from workspace.plans.exports import HEADER, plan_workbook
    from workspace.reading.reading import choose_sheet, find_table, read_item

    workdir = Path(tempfile.mkdtemp(prefix="workspace-bench-excel-"))
    try:
        app = create_app(TestConfig(f"sqlite:///{workdir / 'excel.db'}"))
        with app.test_request_context("/"):
            plan, sections, year = _plan_fixture(EXPORT_ITEMS)

            def bare_write() -> bytes:
                workbook = Workbook(write_only=True)
                sheet = workbook.create_sheet("План")
                sheet.append([plan.title])
                sheet.append([str(year)])
                sheet.append([])
                sheet.append(list(HEADER))
                for section, items in sections:
                    sheet.append([section.title])
                    for item in items:
                        sheet.append([item.number, item.title, item.audience, item.timing, item.responsible,
                                      item.report_form, label(item.status)])
                buffer = io.BytesIO()
                workbook.save(buffer)
                return buffer.getvalue()

            (export_s, export_peak, exported), (bare_s, bare_peak, _bare) = _timed_pair(
                lambda: plan_workbook(plan, sections), bare_write)

            small_plan, small_sections, _y = _plan_fixture(IMPORT_ROWS)
            upload = plan_workbook(small_plan, small_sections)

            def product_read() -> int:
                sheets = read_xlsx(upload)
                index = choose_sheet([(sheet.title, sheet.rows) for sheet in sheets])
                table = find_table(sheets[0 if index is None else index].rows)
                return len([read_item(raw, year) for raw in table.items])

            def bare_read() -> int:
                workbook = load_workbook(io.BytesIO(upload), read_only=True)
                cells = 0
                for sheet in workbook.worksheets:
                    for row in sheet.iter_rows(values_only=True):
                        cells += len(row)
                workbook.close()
                return cells

            (import_s, import_peak, read_items), (bare_read_s, bare_read_peak, _cells) = _timed_pair(
                product_read, bare_read)
            journal = journal_excel_measurement()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "export": {"items": EXPORT_ITEMS, "bytes": len(exported), "seconds": export_s, "peak": export_peak,
                   "bare_seconds": bare_s, "bare_peak": bare_peak},
        "import": {"rows": IMPORT_ROWS, "items_read": read_items, "bytes": len(upload), "seconds": import_s,
                   "peak": import_peak, "bare_seconds": bare_read_s, "bare_peak": bare_read_peak},
        "journal": journal,
    }


JOURNAL_PUPILS, JOURNAL_LESSONS = 2_500, 40  # 100 000 marks


def journal_excel_measurement() -> dict:
    """The journal export (workspace.journal.exports.group_workbook: pupils × lessons, formulas neutralised)
    of 100 000 marks against bare openpyxl write-only of the same cells; inside a request context."""
    import io
    import random as _random
    from datetime import date, timedelta

    from openpyxl import Workbook

    from workspace.journal.exports import group_workbook
    from workspace.journal.grid import GroupHead, LessonColumn, PupilRow
    from workspace.journal.models import Attendance
    from workspace.journal.rows import cell_text
    from workspace.programmes.models import GradeScale
    rng = _random.Random(1)
    group = GroupHead(1, "Робототехника-1", 1, 1, 1, "Робототехника", GradeScale.FIVE_POINT, 68, None, None,
                      JOURNAL_PUPILS)
    lessons = [LessonColumn(n + 1, date(2026, 9, 1) + timedelta(days=n), "Тема", 2) for n in range(JOURNAL_LESSONS)]
    choices = [(Attendance.PRESENT, None)] * 5 + [(Attendance.PRESENT, "5"), (Attendance.PRESENT, "4"),
                                                   (Attendance.ABSENT, None), (Attendance.EXCUSED, None)]
    rows = []
    for n in range(JOURNAL_PUPILS):
        row = PupilRow(n + 1, f"Иванов{n} Пётр Сергеевич", "6А", "МБОУ СОШ №1", 1)
        for lesson in lessons:
            row.cells[lesson.id] = rng.choice(choices)
            row.marked += 1
            row.present += row.cells[lesson.id][0] is Attendance.PRESENT
        rows.append(row)

    def bare_write() -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(group.name)
        sheet.append([group.name])
        sheet.append([])
        sheet.append(["Обучающийся", "Класс", "Школа"] + [lesson.held_on.strftime("%d.%m.%Y") for lesson in lessons]
                     + ["%"])
        for row in rows:
            sheet.append([row.name, row.class_label, row.school] + [cell_text(row.cells.get(lesson.id))
                                                                   for lesson in lessons] + [row.percent])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    (seconds, peak, exported), (bare_seconds, bare_peak, _bare) = _timed_pair(
        lambda: group_workbook(group, lessons, rows, cell_text), bare_write)
    return {"marks": JOURNAL_PUPILS * JOURNAL_LESSONS, "bytes": len(exported), "seconds": seconds, "peak": peak,
            "bare_seconds": bare_seconds, "bare_peak": bare_peak}


def excel_section(excel: dict | None) -> tuple[str, list[str]]:
    if not excel:
        return "Not run.", []
    mb = 1024 * 1024
    rows, misses = [], []
    for key, what, bare in (("export", f"export of a {excel['export']['items']:,}-item plan to .xlsx "
                                       "(plan_workbook)", "bare openpyxl write-only, same cells"),
                            ("import", f"import of a {excel['import']['rows']:,}-row plan (read_xlsx + "
                                       "find_table + timing/audience reads)", "bare openpyxl read-only iteration")):
        e = excel[key]
        ratio = e["seconds"] / e["bare_seconds"]
        rows.append([what.replace(",", " "), f"{e['seconds'] * 1000:.0f}", f"{e['peak'] / mb:.1f}",
                     f"{e['bare_seconds'] * 1000:.0f}", f"{e['bare_peak'] / mb:.1f}",
                     f"{ratio:.2f}" + (" ✗" if key == "export" and ratio > 1.5 else ""), bare])
        if key == "export" and ratio > 1.5:
            misses.append(f"plan export: {ratio:.2f} × bare openpyxl write-only (journal target ≤ 1.5 applied)")
        if e["peak"] > 100 * mb:
            misses.append(f"plan {key}: peak memory {e['peak'] / mb:.0f} MB (target ≤ 100 MB)")
    journal = excel.get("journal")
    if journal:
        ratio = journal["seconds"] / journal["bare_seconds"]
        rows.append([f"journal export of {journal['marks']:,} marks (group_workbook, {JOURNAL_PUPILS} pupils × "
                     f"{JOURNAL_LESSONS} lessons)".replace(",", " "), f"{journal['seconds'] * 1000:.0f}",
                     f"{journal['peak'] / mb:.1f}", f"{journal['bare_seconds'] * 1000:.0f}",
                     f"{journal['bare_peak'] / mb:.1f}", f"{ratio:.2f}" + (" ✗" if ratio > 1.5 else ""),
                     "bare openpyxl write-only, same cells"])
        if ratio > 1.5:
            misses.append(f"journal export: {ratio:.2f} × bare openpyxl write-only (target ≤ 1.5)")
        if journal["peak"] > 100 * mb:
            misses.append(f"journal export: peak memory {journal['peak'] / mb:.0f} MB (target ≤ 100 MB)")
    text = table(["Excel (in process, best of 5 alternating with the bare run; peak by tracemalloc in one more run)",
                  "ms", "peak MB", "bare ms", "bare peak MB", "÷ bare", "bare is"], rows)
    note = (f"\n\nFiles: export {excel['export']['bytes'] / 1024:.0f} KB; the import reads the product's own "
            f"export of {excel['import']['rows']} items ({excel['import']['bytes'] / 1024:.0f} KB), "
            f"{excel['import']['items_read']} items found. The journal export holds the rows the grid reads (column "
            "tuples), so the figure is the writing of the workbook; peak memory includes those rows.")
    return text + note, misses


# -- the machine -----------------------------------------------------------------------------------

def machine(databases: list[str]) -> dict:
    info = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = re.search(r"model name\s*:\s*(.+)", cpuinfo).group(1).strip()
    except (OSError, AttributeError):
        info["cpu"] = platform.processor() or "unknown"
    info["cores"] = os.cpu_count()
    try:
        kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
        info["ram"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        info["ram"] = "unknown"
    try:
        pretty = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1)
    except (OSError, AttributeError):
        pretty = platform.system()
    info["os"] = f"{pretty}, kernel {platform.release()}"
    info["load average at start"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    info["python"] = platform.python_version()
    info["sqlite"] = sqlite3.sqlite_version
    if "postgres" in databases:
        import psycopg
        with psycopg.connect(f"{PG_SERVER}/postgres") as connection:
            info["postgresql"] = connection.execute("SHOW server_version").fetchone()[0]
            info["pg_settings"] = ", ".join(
                f"{name}={connection.execute(f'SHOW {name}').fetchone()[0]}"
                for name in ("shared_buffers", "synchronous_commit"))
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    info["wrk"] = (wrk_version.stdout or wrk_version.stderr).splitlines()[0].split(" Copyright")[0]
    import gunicorn
    info["gunicorn"] = gunicorn.__version__
    return info


# -- the report ------------------------------------------------------------------------------------

DB_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def ms(us: float) -> str:
    return f"{us / 1000:.1f}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _errors(*figures: dict) -> tuple[int, int]:
    errors = sum(f["bad"] + f["timeouts"] + f["connect_errors"] + f["read_errors"] + f.get("write_errors", 0)
                 for f in figures)
    return errors, sum(f.get("redirects", 0) for f in figures)


def page_table(results: dict, database: str, scales: list[str]) -> str:
    rows = []
    for scale in scales:
        outcome = results[database].get(scale)
        if not outcome or "pages" not in outcome:
            continue
        base = outcome["baseline"]
        low, high = base["rps_range"]
        rows.append(["**baseline** (200 rows; median of its runs)", scale, "1", ms(base["c1"]["p50_us"]),
                     ms(base["c1"]["p95_us"]), ms(base["c1"]["p99_us"]), "1.00", f"{base['c8']['rps']:.0f}",
                     "100 %", f"its runs: {low:.0f}–{high:.0f} req/s"])
        for endpoint in ENDPOINTS:
            if endpoint.key not in outcome["pages"]:
                continue
            pair = outcome["pages"][endpoint.key]
            c1, c8 = pair["c1"], pair["c8"]
            errors, redirects = _errors(c1, c8)
            rows.append([endpoint.label, scale, _sql(pair), ms(c1["p50_us"]), ms(c1["p95_us"]),
                         ms(c1["p99_us"]),
                         f"{c1['p50_us'] / pair['base_c1']['p50_us']:.2f}", f"{c8['rps']:.0f}",
                         f"{100 * c8['rps'] / pair['base_c8']['rps']:.0f} %",
                         f"{errors}" + (f" (+{redirects} redirects)" if redirects else "")
                         + (f" (+{conflicts} expected 409)" if (conflicts := c1.get("expected_409", 0)
                                                                + c8.get("expected_409", 0)) else "")])
    return table(["page / action", "scale", "SQL", "p50 ms", "p95 ms", "p99 ms", "p50 ÷ baseline",
                  "req/s @8", "÷ baseline", "non-2xx/3xx, socket errors"], rows)


def _sql(pair: dict) -> str:
    """«9 (2 RLS)»: the statements of the answer, of them the row-level-security context ones."""
    if "statements" not in pair:
        return "–"
    context = pair.get("context_statements", 0)
    return f"{pair['statements']}" + (f" ({context} RLS)" if context else "")


def growth_table(results: dict, databases: list[str], small: str = "demo",
                 big: str = "city") -> tuple[str, list[str]]:
    """``big`` p50 ÷ ``small`` p50 per page (city ÷ demo, region ÷ city), raw and relative to the baseline
    beside each measurement (the baseline's cost does not depend on the data, so the relative figure removes
    the drift of the machine between the two measurements, minutes apart)."""
    header, rows, misses = ["page / action"], [], []
    for database in databases:
        name = DB_NAMES[database]
        header += [f"{name} {small} p50", f"{name} {big} p50", f"{big} ÷ {small}", "relative to baseline"]
    for endpoint in (None, *ENDPOINTS):
        row = ["**baseline**" if endpoint is None else endpoint.label]
        for database in databases:
            demo, city = results[database].get(small), results[database].get(big)
            if not demo or not city or "pages" not in demo or "pages" not in city:
                row += ["–"] * 4
                continue
            if endpoint is None:
                d, c = demo["baseline"]["c1"]["p50_us"], city["baseline"]["c1"]["p50_us"]
                row += [ms(d), ms(c), f"{c / d:.2f}", "1.00"]
                continue
            if endpoint.key not in demo["pages"] or endpoint.key not in city["pages"]:
                row += ["–"] * 4
                continue
            dp, cp = demo["pages"][endpoint.key], city["pages"][endpoint.key]
            raw = cp["c1"]["p50_us"] / dp["c1"]["p50_us"]
            relative = (cp["c1"]["p50_us"] / cp["base_c1"]["p50_us"]) / (dp["c1"]["p50_us"] / dp["base_c1"]["p50_us"])
            row += [ms(dp["c1"]["p50_us"]), ms(cp["c1"]["p50_us"]), f"{raw:.2f}",
                    f"{relative:.2f}" + (" ✗" if relative > 1.5 else "")]
            if relative > 1.5:
                misses.append(f"{endpoint.label} on {DB_NAMES[database]}: {big} p50 is {relative:.2f} × {small} "
                              f"relative to the baseline ({raw:.2f} × raw; target ≤ 1.5)")
        rows.append(row)
    return table(header, rows), misses


def weight_tables(results: dict, databases: list[str]) -> tuple[str, list[str]]:
    parts, misses = [], []
    for database in databases:
        for scale in SCALES:
            outcome = results[database].get(scale)
            if not outcome or "weight" not in outcome:
                continue
            weight = outcome["weight"]
            rows = [[i["what"], f"{i['raw'] / 1024:.1f}", f"{i['gzip'] / 1024:.1f}", f"{i['served'] / 1024:.1f}",
                     i["encoding"], i["cache"] or "–"] for i in weight["items"]]
            first = weight["first"]
            rows.append(["**first visit, total**", f"{first['raw'] / 1024:.1f}", f"**{first['gzip'] / 1024:.1f}**",
                         f"{first['served'] / 1024:.1f}", "", ""])
            rows += [[f"later: {i['what']} ({i['status']})", f"{i['raw'] / 1024:.1f}", f"{i['gzip'] / 1024:.1f}",
                      f"{i['served'] / 1024:.1f}", i["encoding"], ""] for i in weight["later"]]
            parts.append(f"**{DB_NAMES[database]}, {scale}** (desk of {BENCH_INSTITUTION} as its coordinator)\n\n"
                         + table(["what", "raw KB", "gzip -6 KB", "as served KB", "Content-Encoding",
                                  "Cache-Control"], rows))
            if first["gzip"] > 100 * 1024:
                misses.append(f"first-visit weight on {DB_NAMES[database]} {scale}: {first['gzip'] / 1024:.0f} KB "
                              "compressed (target ≤ 100 KB)")
            if first["served"] > 100 * 1024:
                misses.append(f"first visit on {DB_NAMES[database]} {scale} as served: {first['served'] / 1024:.0f} KB "
                              "— the server does not compress (target: ≤ 100 KB compressed on the wire)")
    return "\n\n".join(parts), misses


def throughput_misses(results: dict, databases: list[str]) -> list[str]:
    misses = []
    for database in databases:
        for scale, outcome in results[database].items():
            if "pages" not in outcome:
                continue
            for endpoint in ENDPOINTS:
                if endpoint.key not in outcome["pages"]:
                    continue
                pair = outcome["pages"][endpoint.key]
                share = pair["c8"]["rps"] / pair["base_c8"]["rps"]
                if share < endpoint.target_share:
                    kind = ("list page" if endpoint.list_page else "write; nearest target: cell save"
                            if endpoint.method == "POST" else "every item of the plan, not a ≤ 200-row list")
                    misses.append(f"{endpoint.label} ({kind}) on {DB_NAMES[database]} {scale}: "
                                  f"{100 * share:.0f} % of the baseline's throughput "
                                  f"(target ≥ {100 * endpoint.target_share:.0f} %)")
    return misses + statement_misses(results, databases)


def statement_misses(results: dict, databases: list[str]) -> list[str]:
    """Statements per page: ≤ MAX_STATEMENTS, and the same at every scale (constant with data)."""
    misses = []
    for database in databases:
        outcomes = {scale: outcome["pages"] for scale, outcome in results[database].items() if "pages" in outcome}
        for endpoint in ENDPOINTS:
            # the target counts the page's own statements; PostgreSQL's context statements are shown apart
            counts = {scale: pages[endpoint.key]["statements"] - pages[endpoint.key].get("context_statements", 0)
                      for scale, pages in outcomes.items() if "statements" in pages.get(endpoint.key, {})}
            if any(count > MAX_STATEMENTS for count in counts.values()):
                misses.append(f"{endpoint.label} on {DB_NAMES[database]}: {max(counts.values())} SQL statements "
                              f"(target ≤ {MAX_STATEMENTS})")
            if len(set(counts.values())) > 1:
                misses.append(f"{endpoint.label} on {DB_NAMES[database]}: statements change with the data "
                              f"({', '.join(f'{scale} {count}' for scale, count in counts.items())})")
    return misses


def soak_section(results: dict) -> tuple[str, list[str]]:
    parts, misses = [], []
    for database in ("sqlite", "postgres"):
        data = results.get(database, {}).get("city", {}).get("soak")
        if data:
            text, missed = _soak_table(database, data)
            parts.append(text)
            misses += missed
    if not parts:
        return "Not run (needs the city scale and --soak-seconds > 0).", []
    mix = ("mix per 10 requests: desk ×3, network page ×2, institution history, network history, "
           "note added (htmx), model row saved ×2 (htmx, with the version last seen; a 409 is expected)")
    return "\n\n".join(parts) + f"\n\n{mix}.", misses


def _soak_table(database: str, data: dict) -> tuple[str, list[str]]:
    r = data["result"]
    errors = r["bad"] + r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"]
    rows = [
        ["duration", f"{data['seconds']} s"],
        ["saturation of the mix (8 connections, no pause; best of 3 probes)",
         f"{data['saturation_rps']:.0f} req/s (probes: "
         + " / ".join(f"{x:.0f}" for x in data["probes_rps"]) + ")"],
        ["target (70 %)", f"{data['target_rps']:.0f} req/s"],
        ["achieved", f"**{r['rps']:.0f} req/s** ({100 * r['rps'] / data['saturation_rps']:.0f} % of saturation)"],
        ["requests", f"{r['requests']} ({r['writes']} writes)"],
        ["latency p50 / p95 / p99", f"{ms(r['p50_us'])} / {ms(r['p95_us'])} / **{ms(r['p99_us'])} ms**"],
        ["409 conflicts on the model row (expected answers)", str(r["expected_409"])],
        ["errors: unexpected statuses", str(r["bad"])],
        ["errors: socket (connect/read/write/timeout)",
         f"{r['connect_errors']}/{r['read_errors']}/{r['write_errors']}/{r['timeouts']}"],
        ["\"database is locked\" in the gunicorn log", str(data["locked"])],
        ["tracebacks in the gunicorn log", str(data["tracebacks"])],
        ["load average (1 min) at the end of the soak", data["load_at_end"]],
    ]
    misses = []
    if errors or data["locked"] or data["tracebacks"]:
        misses.append(f"soak on {DB_NAMES[database]}: {errors} errors, {data['locked']} \"database is locked\", "
                      f"{data['tracebacks']} tracebacks (target 0, 0 and 0)")
    return table([f"soak, {DB_NAMES[database]}, city", "figure"], rows), misses


def report(results: dict, info: dict, args, databases: list[str], scales: list[str], command: str,
           excel: dict | None = None) -> str:
    out = [
        "# Performance",
        "",
        f"Latest figures of `bench/run.py`, taken {info['date']} with:",
        "",
        f"```sh\n{command}\n```",
        "",
        "Each page is measured with wrk after a warm-up: latency at concurrency 1 (one connection, "
        f"{args.seconds} s: p50/p95/p99) and throughput at concurrency 8 (2 threads, 8 connections, "
        f"{args.seconds} s). The **baseline** is bench/baseline_app.py — a minimal Flask + SQLAlchemy + Jinja "
        "page selecting 200 rows (newest history entries joined with their institution) and rendering them in "
        "an HTML table, the TechEmpower \"fortunes\" shape — against the same database, under the same gunicorn "
        "settings, measured in the same run beside every page (baseline c1, page c1, baseline c8, page c8): each "
        "ratio is taken against the baseline measured next to it; the baseline rows show the median of its runs. These machines are noisy: read ratios and "
        "medians, not absolute figures. wrk sends no Accept-Encoding, so the figures exclude the cost of "
        "compressing responses (which browsers ask for); the page-weight table shows what compression gives.",
        "",
        f"Servers: `gunicorn {' '.join(GUNICORN_SETTINGS)}` on 127.0.0.1, SECRET_KEY shared by the workers; "
        "PostgreSQL as the application's role (row-level security active, as in production). Sessions come "
        "from a real log-in (same User-Agent in every request: session protection is \"strong\"). Writes "
        "measured (notes) stay in the database: the pages measured after them see the added rows.",
        "",
        "## Machine",
        "",
        table(["", ""], [[k, str(v)] for k, v in info.items() if k != "date"]),
        "",
        "## Data",
        "",
        "`flask --app wsgi generate --scale demo|city|region --seed 1` (workspace/generator). City: 200 institutions, "
        "20 networks of 8–30 members, ~1 650 users, ~20 000 notes, 20 000 plan items (one draft plan of 1 000 "
        "items per network) with ~3 600 event reports, 100 000 history entries, ~50 000 pupils, 2 000 network "
        "groups this year and 2 000 of last year (~270 000 lessons, ~2.2 million journal marks), 100 agreements, "
        "100 projects, 500 bank materials, 500 requests, 20 surveys with 4 000 answers; demo: 10 institutions, "
        "2 networks, ~60 users, ~300 notes, 50 plan items, 300 pupils, 18 groups, 2 000 history entries; "
        "region (PostgreSQL only): ten cities — 2 000 institutions, 200 networks of the same sizes, ~500 000 pupils, "
        "~22 million marks, 1 000 000 history entries, the same bench institution, plan, journal group shape. "
        f"Measured as the bench coordinator/admin of {BENCH_INSTITUTION} (base of the biggest network), the "
        "bench operator, and the teacher of the journal group nearest 30 pupils × 40 lessons.",
        "",
        table(["database", "scale", "generation (incl. start-up)", "journal group measured", "machine when it started"],
              [[DB_NAMES[d], s, f"{results[d][s]['generate_seconds']:.1f} s",
                results[d][s].get("journal_shape", "–"), results[d][s]["load_at_start"]]
               for d in databases for s in scales if "generate_seconds" in results[d].get(s, {})]),
    ]
    for database in databases:
        out += ["", f"## Pages — {DB_NAMES[database]}", "", page_table(results, database, scales)]
    growth_misses = []
    for small, big in (("demo", "city"), ("city", "region")):
        if small in scales and big in scales:
            shown = [d for d in databases if big != "region" or d == "postgres"]  # region: PostgreSQL only
            growth, misses = growth_table(results, shown, small, big)
            growth_misses += misses
            out += ["", f"## Growth: {big} ÷ {small} (p50 at concurrency 1; target ≤ 1.5)", "", growth]
    weights, weight_misses = weight_tables(results, databases)
    out += ["", "## Page weight (first visit of the desk; target ≤ 100 KB compressed)", "", weights]
    soak_text, soak_misses = soak_section(results)
    out += ["", "## Soak (target: 0 errors, 0 \"database is locked\", p99 reported)", "", soak_text]
    excel_text, excel_misses = excel_section(excel)
    out += ["", "## Excel: plan export and import (time and peak memory against bare openpyxl)", "", excel_text]
    misses = growth_misses + throughput_misses(results, databases) + weight_misses + soak_misses + excel_misses
    out += ["", "## Targets missed in this run (computed)", ""]
    out += [f"- {m}" for m in misses] or ["- none"]
    out += ["", "The SQL column is the statements the measured answer ran, as the application counts them "
            "(X-SQL-Statements, on with COUNT_STATEMENTS=1); on PostgreSQL «(n RLS)» says how many of them set the "
            "row-level-security context (one per transaction; two on /n/ pages, whose URL resolution reads the user's "
            "membership and seat outside the scope). The ≤ 8 target is checked on the page's own statements. The query-budget tests of each area (tests/*/test_query_budgets.py) pin the same "
            "counts at two data sizes each."]
    return "\n".join(out) + "\n"


def write_doc(text: str, path: Path) -> None:
    kept = ""
    if path.exists():
        old = path.read_text()
        if NOTES_MARKER in old:
            kept = old.split(NOTES_MARKER, 1)[1]
    if not kept.strip():
        kept = "\n\n## Notes\n\n(Analysis of the latest figures: causes of the misses above.)\n"
    path.write_text(text + "\n" + NOTES_MARKER + kept)


def _check_selection(parser, scales: list[str], databases: list[str]) -> None:
    if not set(scales) <= set(SCALES) or not set(databases) <= {"sqlite", "postgres"}:
        parser.error("scales: demo,city,region; databases: sqlite,postgres")
    if "region" in scales and "postgres" not in databases:
        say("region scale: measured on PostgreSQL only (add --databases postgres); skipped on SQLite")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="demo,city")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seconds", type=int, default=None, help="per figure (default 5; --quick: 2)")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up per page (default 1)")
    parser.add_argument("--soak-seconds", type=int, default=None, help="default 300; --quick: 20; 0 = no soak")
    parser.add_argument("--probe-seconds", type=int, default=None,
                        help="the saturation probe before the soak (default 5; --quick: 2)")
    parser.add_argument("--pages", default="", metavar="KEY,...",
                        help="measure only these pages (keys of ENDPOINTS, e.g. journal_grid,journal_cell); "
                             "no Excel figures then")
    parser.add_argument("--quick", action="store_true", help="short figures; prints, writes no document")
    parser.add_argument("--output", default=None, help=f"report file (default {DOC.relative_to(ROOT)}; "
                                                       "with --quick none unless given)")
    parser.add_argument("--keep", action="store_true", help="keep the databases and server logs")
    parser.add_argument("--wait-quiet", type=int, default=0, metavar="SECONDS",
                        help="before each database/scale and the soak, wait up to SECONDS for idle CPUs (shared machines)")
    parser.add_argument("--json", default=None, help="also write every raw figure to this JSON file")
    parser.add_argument("--render-json", default=None, metavar="FILE",
                        help="measure nothing: render the report again from a --json file of an earlier run")
    args = parser.parse_args()
    args.seconds = args.seconds or (2 if args.quick else 5)
    args.soak_seconds = args.soak_seconds if args.soak_seconds is not None else (20 if args.quick else 300)
    args.probe_seconds = args.probe_seconds or (2 if args.quick else 5)
    output = Path(args.output) if args.output else (None if args.quick else DOC)
    keys = {endpoint.key for endpoint in ENDPOINTS}
    args.pages = {key.strip() for key in args.pages.split(",") if key.strip()} or None
    if args.pages and not args.pages <= keys:
        parser.error("unknown pages: " + ", ".join(sorted(args.pages - keys)) + "; known: " + ", ".join(sorted(keys)))
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    _check_selection(parser, scales, databases)
    if shutil.which("wrk") is None:
        print("wrk is not installed. On Debian/Ubuntu: apt-get install -y wrk "
              "(elsewhere: https://github.com/wg/wrk).", file=sys.stderr)
        return 2
    if "postgres" in databases:
        try:
            _pg_admin(["SELECT 1"])
        except Exception as error:  # noqa: BLE001
            print(f"PostgreSQL is not reachable at {PG_SERVER} ({error}); set BENCH_PG or use "
                  "--databases sqlite.", file=sys.stderr)
            return 2
    command = shlex.join([".venv/bin/python", "bench/run.py", *sys.argv[1:]])
    if args.render_json:
        saved = json.loads(Path(args.render_json).read_text())
        results = {database: saved["results"][database] for database in databases}
        text = report(results, saved["machine"], args, databases, scales, saved.get("command", command),
                      excel=saved.get("excel"))
        print(text)
        if output is not None:
            write_doc(text, output)
        return 0
    info = machine(databases)
    results: dict = {database: {} for database in databases}
    started = time.monotonic()
    excel = None
    try:
        if not args.pages:
            say("excel: plan export (5 000 items) and import (1 000 rows), in process, against bare openpyxl")
            excel = excel_measurements()
        for database in databases:
            for scale in scales:
                if scale == "region" and database != "postgres":
                    say("sqlite/region: skipped — the region scale is measured on PostgreSQL only")
                    continue
                results[database][scale] = run_one(database, scale, args)
    except KeyboardInterrupt:
        say("interrupted: servers stopped")
        return 130
    finally:
        stop_all()
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "results": results, "command": command,
                                               "excel": excel},
                                              indent=1, default=str))
    info["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    info["run time"] = f"{(time.monotonic() - started) / 60:.1f} min"
    text = report(results, info, args, databases, scales, command, excel=excel)
    print(text)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_doc(text, output)
        say(f"written: {output}")
    say(f"done in {(time.monotonic() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
