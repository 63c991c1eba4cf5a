"""A request that queues letters costs what it cost without them: the sending is off the request path.

    .venv/bin/python bench/letters.py                 # 300 requests per variant, 3 mentions each
    .venv/bin/python bench/letters.py --requests 100 --mentions 5

On the living demo (a fresh SQLite file), a project's coordinator posts comments that @mention colleagues of the
participant institutions, each mention a letter. The same request is timed three ways, interleaved so that the
machine's drift falls on all of them alike:

- **queued** — the product: the letters are rows written in the request's transaction;
- **no letters** — ``queue_letter`` does nothing (the comment and its mentions are still written): the
  request as it would be without letters, the baseline;
- **sent in the request** — each letter is built and handed to a real SMTP server on loopback (aiosmtpd)
  inside the request, as the product did before the outbox; the server answers each message after
  ``--smtp-delay`` ms (a mail server on the network, not on this machine).

Then the worker sends the queued letters and its rate is printed. Figures: median and p90 per request in ms,
and the ratios to the baseline.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

from workspace.core.dates import local_today

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _SlowHandler:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.received = 0

    async def handle_DATA(self, _server, _session, _envelope):  # noqa: N802  (aiosmtpd's name)
        await asyncio.sleep(self.delay)
        self.received += 1
        return "250 Message accepted"


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def _setting(app):
    """A project with several participant institutions, its lead's coordinator, and colleagues to mention
    (people of the participant institutions with a surname nobody else of them has)."""
    from collections import Counter

    from sqlalchemy import select

    from tenants.models import Network
    from tenants.scoping import unscoped
    from workspace.accounts.models import StaffRole, User
    from workspace.extensions import db
    from workspace.projects.models import Project, ProjectParticipant

    with app.app_context(), unscoped():
        for project, slug in db.session.execute(select(Project, Network.slug)
                                                .join(Network, Network.id == Project.network_id)
                                                .order_by(Project.id)).all():
            institutions = set(db.session.scalars(select(ProjectParticipant.institution_id)
                                                  .where(ProjectParticipant.project_id == project.id)))
            people = db.session.scalars(select(User).where(User.institution_id.in_(institutions))
                                        .order_by(User.id)).all()
            author = next((user for user in people if user.institution_id == project.lead_institution_id
                           and user.role in (StaffRole.COORDINATOR, StaffRole.ADMIN)), None)
            surnames = Counter(user.full_name.split()[0] for user in people)
            colleagues = [user.full_name.split()[0] for user in people
                          if user is not author and surnames[user.full_name.split()[0]] == 1]
            if author is not None and len(colleagues) >= 3:
                return f"/n/{slug}/projects/{project.id}", author.email, colleagues
    raise SystemExit("the demo has no project with a coordinator and three colleagues to mention")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300, help="requests per variant (default 300)")
    parser.add_argument("--mentions", type=int, default=3, help="colleagues mentioned per comment (default 3)")
    parser.add_argument("--smtp-delay", type=float, default=50, help="ms the SMTP server takes per message")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    import workspace.projects.letters as project_letters
    from tenants.scoping import unscoped
    from workspace import create_app
    from workspace.config import Config
    from workspace.core.mail import build_message, deliver
    from workspace.demo.data import DEMO_PASSWORD
    from workspace.demo.loader import load_demo
    from workspace.extensions import db
    from workspace.letters.models import Letter
    from workspace.letters.worker import send_due

    folder = tempfile.mkdtemp(prefix="bench-letters-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.db"
    config = Config()
    config.SECRET_KEY, config.PUBLIC_URL = "bench", "http://workspace.bench"
    config.ARGON2 = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}
    handler = _SlowHandler(args.smtp_delay / 1000)
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    config.MAIL_SERVER, config.MAIL_PORT, config.MAIL_USE_TLS, config.MAIL_USERNAME = "127.0.0.1", port, False, ""
    app = create_app(config)
    with app.app_context():
        upgrade()
        load_demo(local_today())
        db.session.commit()
    page, email, colleagues = _setting(app)
    body = "Коллеги, посмотрите задачу: " + ", ".join(f"@{name}" for name in colleagues[:args.mentions])

    client = app.test_client()
    login = client.get("/login")
    answer = client.post("/login", data={"email": email, "password": DEMO_PASSWORD,
                                         "csrf_token": _csrf(login.get_data(as_text=True))})
    assert answer.status_code == 302, "the demo coordinator cannot log in"
    token = _csrf(client.get(page).get_data(as_text=True))

    product = project_letters.queue_letter

    def nothing(*_args, **_kwargs):
        return None

    def sent_in_the_request(kind, *, subject, text, user=None, address=None, html=None, headers=None,
                            attachments=(), dedupe_key=None):
        deliver(build_message(address or user.email, subject, text, html, headers or {}, attachments))

    variants = {"queued": product, "no letters": nothing, "sent in the request": sent_in_the_request}
    timings: dict[str, list[float]] = {name: [] for name in variants}
    for round_ in range(args.requests + 10):
        for name, queue in variants.items():
            project_letters.queue_letter = queue
            started = time.perf_counter()
            answer = client.post(f"{page}/comments", data={"body": body, "csrf_token": token})
            elapsed = time.perf_counter() - started
            assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
            if round_ >= 10:  # the first rounds warm the caches up
                timings[name].append(elapsed * 1000)
    project_letters.queue_letter = product

    with app.app_context(), unscoped():
        queued = db.session.scalar(select(func.count(Letter.id)).where(Letter.status == "pending"))
        before = handler.received
        started = time.perf_counter()
        counts = send_due()
        worker_seconds = time.perf_counter() - started
    controller.stop()

    def figure(values: list[float]) -> tuple[float, float]:
        ordered = sorted(values)
        return statistics.median(ordered), ordered[int(len(ordered) * 0.9) - 1]

    base_median, base_p90 = figure(timings["no letters"])
    print(f"POST a project comment with {args.mentions} @mentions ({args.requests} requests per variant, "
          f"interleaved; SQLite; SMTP answers after {args.smtp_delay:g} ms)")
    print(f"{'variant':<22}{'median ms':>11}{'p90 ms':>9}{'÷ no letters':>14}")
    for name in variants:
        median, p90 = figure(timings[name])
        print(f"{name:<22}{median:>11.2f}{p90:>9.2f}{median / base_median:>13.2f}×")
    print(f"worker: {queued} pending letters (the comments' and the demo's) sent in {worker_seconds:.1f} s "
          f"({queued / worker_seconds:.0f} letters/s; {handler.received - before} reached the server; {counts})")


if __name__ == "__main__":
    main()
