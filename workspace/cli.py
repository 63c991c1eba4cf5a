"""Command line: `flask --app wsgi <command>`."""
from __future__ import annotations

import getpass
import os
import threading
from datetime import UTC

import click
from flask import Flask
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import select
from werkzeug.serving import run_simple

from tenants.entry import enter_command_line
from tenants.rls import create_role_and_grant
from workspace.accounts.models import User
from workspace.accounts.passwords import set_password
from workspace.core.backup import BackupError, backup, restore
from workspace.demo.data import DEMO_PASSWORD
from workspace.demo.loader import RealDataPresent, demo_logins, load_demo
from workspace.extensions import db
from workspace.generator.cli import generate_command
from workspace.letters.worker import run_forever, run_once
from workspace.plans.period_fill import fill_periods_command
from workspace.pupils.retention import depersonalise_expired, expired, utc_now


def _serve_links_from(app: Flask, host: str, port: int) -> None:
    """The demo's letters link to the address `flask up` serves, unless PUBLIC_URL is set."""
    if "PUBLIC_URL" not in os.environ:
        app.config["PUBLIC_URL"] = f"http://{host}:{port}"


def register_commands(app: Flask) -> None:
    @app.cli.command("create-operator")
    @click.option("--email", prompt="E-mail")
    @click.option("--name", "full_name", prompt="Full name")
    def create_operator(email: str, full_name: str) -> None:
        """Create the deployment's operator (asks for the password)."""
        password = os.environ.get("OPERATOR_PASSWORD") or getpass.getpass("Password: ")
        if len(password) < 10:
            raise click.ClickException("The password needs at least 10 characters.")
        with enter_command_line():
            email = email.strip().lower()
            if db.session.scalar(select(User).where(User.email == email)) is not None:
                raise click.ClickException(f"{email} already exists.")
            user = User(email=email, full_name=full_name, is_operator=True)
            set_password(user, password)
            db.session.add(user)
            db.session.commit()
        click.echo(f"Operator {email} created.")

    @app.cli.command("db-app-role")
    @click.argument("role")
    @click.option("--password", envvar="APP_DB_PASSWORD", default=None,
                  help="Password of the role (or APP_DB_PASSWORD); none for trust/peer auth.")
    def db_app_role(role: str, password: str | None) -> None:
        """PostgreSQL: create (if missing) and grant the application's role; run as the owner after upgrades."""
        if db.engine.dialect.name != "postgresql":
            raise click.ClickException("Only PostgreSQL has roles and row-level security.")
        create_role_and_grant(db.engine, role, password)
        click.echo(f"Role {role} can use the database; it owns nothing and cannot bypass row-level security.")

    @app.cli.command("backup")
    @click.argument("target", type=click.Path(dir_okay=False))
    def backup_command(target: str) -> None:
        """Write a consistent online backup of the database to TARGET."""
        try:
            backup(db.engine, target)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Backup written to {target}.")

    @app.cli.command("restore")
    @click.argument("source", type=click.Path(dir_okay=False, exists=True))
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def restore_command(source: str, yes: bool) -> None:
        """Replace the database's contents with the backup SOURCE (stop the application first)."""
        if not yes:
            click.confirm("Every change made after this backup will be lost. Restore?", abort=True)
        try:
            restore(db.engine, source)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Database restored from {source}.")

    @app.cli.command("depersonalise")
    @click.option("--dry-run", is_flag=True, help="Only count what the retention period has passed for.")
    @click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help="Count from this day instead of today (with --dry-run: what a later run will do).")
    def depersonalise_command(dry_run: bool, as_of) -> None:
        """Depersonalise pupils' personal data kept longer than PUPIL_DATA_RETENTION_DAYS."""

        days = app.config["PUPIL_DATA_RETENTION_DAYS"]
        now = as_of.replace(tzinfo=UTC) if as_of else utc_now()
        with enter_command_line():  # every school's pupils, each erased within its school
            found = expired(now, days)
            enrollments, pupils = found.counts
            click.echo(f"Retention period: {days} days. Past it: {enrollments} finished enrollment(s), "
                       f"{pupils} pupil(s) who left.")
            if dry_run:
                db.session.rollback()
                click.echo("Dry run: nothing changed.")
                return
            done = depersonalise_expired(found)
            db.session.commit()
        click.echo(f"Depersonalised: {done.pupils} pupil(s), {done.enrollments} enrollment(s), "
                   f"{done.certificates} certificate(s), {done.applications} application(s), "
                   f"{done.audit_entries} history entr(y/ies).")

    @app.cli.command("demo")
    def demo() -> None:
        """Load the demo network (idempotent; refuses a database with real data)."""
        _load_demo_and_print()

    @app.cli.command("up")
    @click.option("--host", default="127.0.0.1")
    @click.option("--port", default=5000, type=int)
    def up(host: str, port: int) -> None:
        """Upgrade the database, load the demo if the database is empty, and serve."""

        _serve_links_from(app, host, port)
        upgrade()
        _load_demo_and_print()
        click.echo(f"Open http://{host}:{port}\n")
        # the demo's letters flow: the worker sends the outbox beside the server (to the log without MAIL_SERVER)
        threading.Thread(target=_work_in_background, args=(app,), name="letters-worker", daemon=True).start()
        run_simple(host, port, app, threaded=True)


    app.cli.add_command(generate_command)  # flask generate --scale demo|city --seed 1
    app.cli.add_command(fill_periods_command)  # flask fill-periods, once after migration 0028
    app.cli.add_command(worker_command)  # flask worker [--once]


@click.command("worker")
@with_appcontext
@click.option("--once", is_flag=True, help="Compose due digests, send every due letter, and exit (tests, cron).")
@click.option("--interval", default=10.0, type=float, help="Seconds between rounds.")
def worker_command(once: bool, interval: float) -> None:
    """Send the outbox: due letters over SMTP, retries with back-off, daily and weekly digests."""
    if once:
        counts = run_once()
        click.echo(", ".join(f"{status}: {n}" for status, n in sorted(counts.items())) or "Nothing to send.")
        return
    click.echo(f"Letters worker: a round every {interval:g} s (Ctrl+C stops).")
    run_forever(interval)


def _work_in_background(app) -> None:
    with app.app_context():
        run_forever(5.0)


def _load_demo_and_print() -> None:

    try:
        loaded = load_demo()
    except RealDataPresent:
        click.echo("The database holds real data: the demo is not loaded.")
        return
    db.session.commit()
    click.echo("Demo network loaded." if loaded else "Demo network already present.")
    click.echo(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for email, who, where in demo_logins():
        click.echo(f"  {email:42} {who} ({where})")
