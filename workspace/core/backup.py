"""Consistent online backups: SQLite's backup API, pg_dump/pg_restore on PostgreSQL."""
from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import Engine, make_url


class BackupError(RuntimeError):
    pass


def _libpq(engine: Engine) -> tuple[str, dict]:
    """A libpq connection string and environment (the password travels in PGPASSWORD, not argv)."""
    url = make_url(engine.url).set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return url.set(password=None).render_as_string(hide_password=False), env


def backup(engine: Engine, target: Path) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(engine.url.database)
        try:
            destination = sqlite3.connect(target)
            with destination:
                source.backup(destination)  # page by page, consistent while others write
            destination.close()
        finally:
            source.close()
        return
    if engine.dialect.name == "postgresql":
        dsn, env = _libpq(engine)
        result = subprocess.run(["pg_dump", "--format=custom", f"--file={target}", dsn],
                                env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(result.stderr.strip())
        return
    raise BackupError(f"no backup for {engine.dialect.name}")


def restore(engine: Engine, source: Path) -> None:
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    engine.dispose()  # no pooled connection may hold the old data open
    if engine.dialect.name == "sqlite":
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if backup_db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{source}: the backup is damaged")
            live = sqlite3.connect(engine.url.database)
            with live:
                backup_db.backup(live)
            live.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source}: not a SQLite backup ({error})") from error
        finally:
            backup_db.close()
        return
    if engine.dialect.name == "postgresql":
        dsn, env = _libpq(engine)
        result = subprocess.run(["pg_restore", "--clean", "--if-exists", "--single-transaction",
                                 "--exit-on-error", f"--dbname={dsn}", str(source)],
                                env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(result.stderr.strip())
        return
    raise BackupError(f"no restore for {engine.dialect.name}")
