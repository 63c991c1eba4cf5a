#!/usr/bin/env python3
"""A quick journal measurement until the city generator makes network groups (the programmes area):
a demo-scale city, plus ONE group of 30 pupils × 40 lessons with every cell marked, served by gunicorn
beside the baseline exactly as bench/run.py does; the grid and a cell save measured with wrk.

    .venv/bin/python bench/journal_quick.py [--seconds 3]
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402


def add_group(owner_url: str) -> dict:
    from sqlalchemy import select
    from tenants.models import Institution, Membership, Network
    from tenants.scoping import unscoped
    from workspace import create_app
    from workspace.accounts.models import StaffRole, User
    from workspace.config import TestConfig
    from workspace.extensions import db
    from workspace.generator.journal import JournalGroupSpec, generate_journal
    from workspace.programmes.models import (Direction, Enrollment, EnrollmentRequest, EnrollmentStatus, Group,
                                             Programme)
    from workspace.pupils.models import Pupil
    app = create_app(TestConfig(owner_url))
    with app.app_context(), unscoped():
        school = db.session.scalar(select(Institution).where(Institution.slug == run.BENCH_INSTITUTION))
        network = db.session.scalar(select(Network).join(Membership, Membership.network_id == Network.id)
                                    .where(Membership.institution_id == school.id).order_by(Network.id))
        teacher = db.session.scalar(select(User).where(User.institution_id == school.id,
                                                       User.role == StaffRole.TEACHER).order_by(User.id))
        programme = Programme(network_id=network.id, provider_institution_id=school.id, title="Робототехника",
                              direction=Direction.TECHNICAL, hours=68, starts_on=date(2026, 9, 1),
                              ends_on=date(2027, 5, 31))
        db.session.add(programme)
        db.session.flush()
        group = Group(network_id=network.id, programme_id=programme.id, provider_institution_id=school.id,
                      name="Робототехника-1", teacher_id=teacher.id)
        db.session.add(group)
        db.session.flush()
        request = EnrollmentRequest(network_id=network.id, home_institution_id=school.id,
                                    programme_id=programme.id, sent_at=datetime.now(timezone.utc))
        db.session.add(request)
        db.session.flush()
        enrollments = []
        for n in range(30):
            pupil = Pupil(institution_id=school.id, surname=f"Иванов{n}", name="Пётр", patronymic="Сергеевич",
                          class_label="6А", parent_name="", parent_phone="", parent_email="")
            db.session.add(pupil)
            db.session.flush()
            enrollment = Enrollment(network_id=network.id, request_id=request.id, programme_id=programme.id,
                                    group_id=group.id, home_institution_id=school.id, pupil_id=pupil.id,
                                    pupil_name=f"Иванов{n} Пётр Сергеевич", class_label="6А",
                                    status=EnrollmentStatus.ENROLLED)
            db.session.add(enrollment)
            db.session.flush()
            enrollments.append((enrollment.id, school.id))
        # Mondays and Thursdays from 1 September to 28 January (holidays skipped): 40 lessons, all held.
        spec = JournalGroupSpec(group.id, network.id, date(2026, 9, 1), date(2027, 1, 28), (0, 3), enrollments)
        counts = generate_journal(db.session, random.Random(1), [spec], today=date(2027, 2, 1))
        db.session.commit()
        return {"network": network.slug, "group": group.id, "teacher": teacher.email, "counts": counts,
                "enrollment": enrollments[0][0]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="workspace-bench-journal-"))
    url = f"sqlite:///{workdir / 'workspace.db'}"
    ctx = run.RunContext("sqlite", "demo", workdir, url, url)
    try:
        env = run._env(ctx, url)
        run.run([run.PY, "-m", "flask", "--app", "wsgi", "db", "upgrade"], env)
        run.run([run.PY, "-m", "flask", "--app", "wsgi", "generate", "--scale", "demo", "--seed", "1"], env)
        made = add_group(url)
        run.say(f"journal group: {made}")
        run._look_up(ctx)
        run.start_servers(ctx)
        run.log_everyone_in(ctx)
        browser = ctx.browsers["teacher"]
        results = {}
        for endpoint in run.ENDPOINTS:
            if not endpoint.journal:
                continue
            run.check_endpoint(endpoint, ctx)
            headers, body = run._request_of(endpoint, ctx)
            page = (f"http://127.0.0.1:{ctx.app_port}{endpoint.url_path(ctx)}", browser.cookie_header, headers,
                    endpoint.method, body)
            results[endpoint.key] = run.measure_pair(page, f"http://127.0.0.1:{ctx.baseline_port}/", args.seconds, 1)
        for key, pair in results.items():
            print(f"{key}: p50 {pair['c1']['p50_us'] / 1000:.1f} ms (baseline {pair['base_c1']['p50_us'] / 1000:.1f}), "
                  f"p99 {pair['c1']['p99_us'] / 1000:.1f} ms; {pair['c8']['rps']:.0f} req/s @8 = "
                  f"{100 * pair['c8']['rps'] / pair['base_c8']['rps']:.0f} % of the baseline "
                  f"({pair['base_c8']['rps']:.0f}); non-2xx c1/c8: {pair['c1'].get('bad', 0)}/{pair['c8'].get('bad', 0)}")
    finally:
        run.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
