"""Where each page's time goes, in process: the harness's pages (run.py's ENDPOINTS) requested through Flask's test
client against a database that ``flask generate`` filled (the harness's own with ``run.py --keep``, or any).

    DATABASE_URL=sqlite:////tmp/city.db .venv/bin/python bench/breakdown.py
    DATABASE_URL=postgresql://workspace_bench_app@127.0.0.1:5432/workspace_bench_city \\
        .venv/bin/python bench/breakdown.py --owner-url postgresql://postgres@127.0.0.1:5432/workspace_bench_city

For every page, as the harness's users (the bench coordinator, admin, operator, the journal group's teacher):
the median CPU time of a request in this process (on PostgreSQL the server's own work is not in it, the wait for
it is not CPU either), the statements it runs, and the shares of its profile (cProfile's own time per function,
grouped by where the function lives): the database driver, SQLAlchemy, the templates (Jinja and markupsafe), the
project's own Python (workspace/, tenants/), Flask with its extensions (werkzeug, flask-login, flask-wtf, wtforms,
babel, itsdangerous), the rest; then the project's functions that take most, cumulatively. The profiler slows pure
Python more than C, so the shares say where to look, the CPU column how much there is; the test client's own work
(building the request, reading the answer) counts in «Flask & co», which gunicorn does not pay. Writes (a note, a
plan cell, a journal mark) are made for real, as in the harness.
"""
from __future__ import annotations

import argparse
import cProfile
import inspect
import os
import pstats
import re
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("COUNT_STATEMENTS", "1")

from run import CELL_PATH, CELL_TEXT, ENDPOINTS, RunContext, _look_up  # noqa: E402

from workspace.generator.city import BENCH_INSTITUTION, BENCH_LOGINS, BENCH_PASSWORD  # noqa: E402

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
VERSION = re.compile(r'name="version" type="hidden" value="(\d+)"|name="version" value="(\d+)"')
GROUPS = (  # (name, test on the profile's file name and function name), the first that matches
    ("driver", lambda file, name: "sqlite3." in name or "/psycopg" in file or "psycopg" in name),
    ("SQLAlchemy", lambda file, name: "/sqlalchemy/" in file),
    ("templates", lambda file, name: "/jinja2/" in file or "/markupsafe/" in file or "/templates/" in file
     or "markupsafe" in name),
    ("own Python", lambda file, name: str(ROOT / "workspace") in file or str(ROOT / "tenants") in file),
    ("Flask & co", lambda file, name: any(f"/{package}/" in file for package in (
        "flask", "werkzeug", "flask_login", "flask_wtf", "wtforms", "flask_babel", "babel", "itsdangerous",
        "flask_sqlalchemy", "flask_htmx", "blinker"))),
)
OTHER = "rest"  # the standard library, other packages (a built-in counts for its caller)


def _token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1) or match.group(2)


class Visitor:
    """One user's test client, logged in through the form like a browser."""

    def __init__(self, app, email: str):
        self.client = app.test_client()
        self.client.environ_base["HTTP_USER_AGENT"] = "bench/breakdown.py"
        page = self.client.get("/login")
        answer = self.client.post("/login", data={"email": email, "password": BENCH_PASSWORD,
                                                  "csrf_token": _token(page.get_data(as_text=True))})
        if answer.status_code != 302:
            raise RuntimeError(f"{email} could not log in: {answer.status_code}")
        self.csrf = ""


def _group_of(file: str, name: str) -> str:
    for group, test in GROUPS:
        if test(file, name):
            return group
    return OTHER


def _request(endpoint, ctx: RunContext, visitor: Visitor):
    """(prepare, send): ``send(prepare())`` makes the endpoint's request as the harness does; ``prepare`` does what
    must come before and is neither timed nor profiled (a plan cell save reads the item's version from its form
    and sends a fresh text each time)."""
    path = endpoint.url_path(ctx)
    headers = {}
    target = endpoint.target(ctx)
    if target:
        headers = {"HX-Request": "true", "HX-Target": target}
    if endpoint.method == "GET":
        return (lambda: None), (lambda _data: visitor.client.get(path, headers=headers))

    def send(data):
        return visitor.client.post(path, headers=headers, data=data)
    if endpoint.cell_save:
        item = ctx.plan_items[0]
        form_path = CELL_PATH.format(net=ctx.network_slug, plan=ctx.plan_id) % item

        def prepare():
            form = visitor.client.get(form_path, headers={"HX-Request": "true",
                                                          "HX-Target": f"item-{item}-responsible"})
            match = VERSION.search(form.get_data(as_text=True))
            return {"value": f"{CELL_TEXT} {time.monotonic_ns()})", "version": match.group(1) or match.group(2),
                    "csrf_token": visitor.csrf}
        return prepare, send
    form = dict(urllib.parse.parse_qsl(endpoint.form)) if endpoint.form else {
        "body": "Заметка из профиля: проверить расписание"}
    return (lambda: {**form, "csrf_token": visitor.csrf}), send


def profile_page(endpoint, ctx: RunContext, visitor: Visitor, requests: int, skipped: set[str]) -> dict:
    """The page's median CPU time, statements, profile shares and biggest own functions (but ``skipped``)."""
    prepare, send = _request(endpoint, ctx, visitor)
    for _ in range(5):  # warm: the statements' compiled cache, PostgreSQL's prepared statements
        answer = send(prepare())
        if answer.status_code != 200:
            raise RuntimeError(f"{endpoint.key}: {answer.status_code}\n{answer.get_data(as_text=True)[:500]}")
    times = []
    for _ in range(requests):
        data = prepare()
        started = time.process_time()
        send(data)
        times.append((time.process_time() - started) * 1000)
    profiler = cProfile.Profile()
    for _ in range(requests):
        data = prepare()
        profiler.enable()
        send(data)
        profiler.disable()
    stats = pstats.Stats(profiler).stats
    shares: dict[str, float] = {}
    own: list[tuple[float, str]] = []
    for (file, _line, name), (_calls, _primitive, own_time, cumulative, callers) in stats.items():
        group = _group_of(file, name)
        if group == OTHER and file == "~" and callers:
            # a built-in (str.join, isinstance, a dict's get) counts for whoever called it
            called = sum(caller[2] for caller in callers.values()) or 1.0
            for (caller_file, _line, caller_name), caller in callers.items():
                caller_group = _group_of(caller_file, caller_name)
                shares[caller_group] = shares.get(caller_group, 0.0) + own_time * caller[2] / called
            continue
        shares[group] = shares.get(group, 0.0) + own_time
        if group == "own Python" and not name.startswith("<"):
            own.append((cumulative, f"{Path(file).relative_to(ROOT)}:{name}"))
    total = sum(shares.values()) or 1.0
    biggest = [where for _cumulative, where in sorted(own, reverse=True) if where not in skipped][:3]
    return {"cpu_ms": statistics.median(times), "statements": answer.headers.get("X-SQL-Statements", "?"),
            "shares": {group: 100 * value / total for group, value in shares.items()}, "biggest": biggest}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--owner-url", default=None,
                        help="the database as its owner, to look up the pages' ids (default DATABASE_URL)")
    parser.add_argument("--pages", default="", help="only these keys of run.py's ENDPOINTS")
    parser.add_argument("--requests", type=int, default=40, help="requests timed, then as many profiled")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if not url:
        parser.error("DATABASE_URL names the database to profile")
    only = {key.strip() for key in args.pages.split(",") if key.strip()}

    from workspace import create_app
    app = create_app()
    ctx = RunContext(database="postgres" if url.startswith("postgres") else "sqlite", scale="", workdir=ROOT,
                     owner_url=args.owner_url or url, app_url=url)
    _look_up(ctx)
    # the views themselves and what wraps every request say nothing of where a page differs
    views = [inspect.unwrap(view) for view in app.view_functions.values()]
    skipped = {f"{Path(view.__code__.co_filename).resolve().relative_to(ROOT)}:{view.__name__}"
               for view in views if hasattr(view, "__code__") and str(ROOT) in view.__code__.co_filename}
    skipped |= {"workspace/core/rendering.py:render", "workspace/core/rendering.py:per_request",
                "tenants/resolution.py:_enter_owner"}
    visitors = {who: Visitor(app, BENCH_LOGINS[who]) for who in ("coordinator", "admin", "operator")}
    visitors["coordinator"].csrf = _token(visitors["coordinator"].client.get(f"/i/{BENCH_INSTITUTION}/")
                                          .get_data(as_text=True))
    if ctx.journal_teacher:
        visitors["teacher"] = Visitor(app, ctx.journal_teacher)
        grid = visitors["teacher"].client.get(f"/n/{ctx.journal_network}/journal/groups/{ctx.journal_group}")
        visitors["teacher"].csrf = _token(grid.get_data(as_text=True))

    groups = [name for name, _test in GROUPS] + [OTHER]
    print("| page | CPU ms | SQL | " + " | ".join(groups) + " | the project's functions that take most |")
    print("|---|---|---|" + "---|" * len(groups) + "---|")
    for endpoint in ENDPOINTS:
        if only and endpoint.key not in only or endpoint.journal and not ctx.journal_teacher:
            continue
        found = profile_page(endpoint, ctx, visitors[endpoint.user], args.requests, skipped)
        shares = " | ".join(f"{found['shares'].get(group, 0):.0f} %" for group in groups)
        biggest = ", ".join(f"`{where}`" for where in found["biggest"])
        print(f"| {endpoint.label} | {found['cpu_ms']:.1f} | {found['statements']} | {shares} | {biggest} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
