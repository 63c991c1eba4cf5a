"""The region scale (ten cities) and the generator's COPY writer (PostgreSQL), which must write exactly the rows
the executemany inserts write."""
from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from tests.core.test_generator import _app, _dispose
from tests.fixtures import database
from workspace.generator import SCALES, bulk
from workspace.generator.city import WRITTEN_TABLES, generate
from workspace.generator.monitoring import responses_per_network
from workspace.generator.projects import PROJECTS_PER_NETWORK

PER_UNIT = {"members", "staff", "notes"}  # per network or per institution: the same in a region as in a city


def test_region_is_ten_cities_in_every_dimension():
    city, region = SCALES["city"], SCALES["region"]
    for field in fields(city):
        if field.name == "name":
            continue
        mine, theirs = getattr(region, field.name), getattr(city, field.name)
        assert mine == (theirs if field.name in PER_UNIT else 10 * theirs), field.name
    assert (region.institutions, region.networks, region.pupils) == (2_000, 200, 500_000)
    # the per-network figures the bench's pages show stay those of a city
    assert region.plan_items // region.networks == city.plan_items // city.networks == 1_000
    assert responses_per_network(region) == responses_per_network(city) == 200
    assert PROJECTS_PER_NETWORK["region"] == PROJECTS_PER_NETWORK["city"]


# Columns that differ from one run to the next whatever the writer: the clock, secrets, a salted hash.
UNREPEATABLE = {"lessons": {"created_at"}, "marks": {"updated_at"}, "surveys": {"token"}, "users": {"password_hash"}}
SCHEMA = ("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
          "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2")
INDEXES = "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2"
SEQUENCES = "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"


def _generated(owner_url: str) -> dict:
    app = _app(owner_url)
    try:
        with app.app_context():
            generate("demo", seed=3, today=date(2026, 11, 20))
    finally:
        _dispose(app)
    engine = create_engine(owner_url)
    with engine.connect() as connection:  # the owner, a superuser on the test server: every row
        dump = {"schema": connection.execute(text(SCHEMA)).all(), "indexes": connection.execute(text(INDEXES)).all(),
                "sequences": connection.execute(text(SEQUENCES)).all()}
        for table in WRITTEN_TABLES:
            result = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY id'))
            keep = [i for i, name in enumerate(result.keys()) if name not in UNREPEATABLE.get(table, ())]
            dump[table] = [tuple(row[i] for i in keep) for row in result]
    engine.dispose()
    return dump


@pytest.mark.postgres
def test_copy_writes_the_rows_the_inserts_write(monkeypatch):
    server = database.server_url()
    copied_url = database.create_postgres_database(server, suffix="copied")
    inserted_url = database.create_postgres_database(server, suffix="inserted")
    try:
        copied = _generated(copied_url)
        monkeypatch.setattr(bulk, "COPY", False)
        inserted = _generated(inserted_url)
    finally:
        for url in (copied_url, inserted_url):
            database.drop_postgres_database(url, drop_role=False)
    assert copied["marks"] and copied["lessons"] and copied["institution_audit_entries"]
    for key in inserted:
        assert copied[key] == inserted[key], key  # the foreign keys and indexes dropped for the load are back too
