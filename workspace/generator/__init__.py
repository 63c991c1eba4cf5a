"""A realistic city for performance work: `flask --app wsgi generate --scale demo|city|region --seed 1`.

It fills an EMPTY, migrated database (SQLite or PostgreSQL) in one transaction, with COPY on
PostgreSQL and Core ``executemany`` inserts elsewhere (``bulk``), explicit primary keys (no ORM
flushes, so the audit listener does not run: the history is generated explicitly as rows, like
everything else). Everything except the
dates is a pure function of the seed: names, e-mails, slugs, who sits where. Dates are spread
backwards from the day of generation, so the data always looks current. On PostgreSQL the written
tables are then vacuumed and analysed, as autovacuum would soon do after a bulk load; on SQLite the
whole database is analysed (the planner's statistics).

Scales (``SCALES``): *city* is a municipality — 200 institutions of every kind, 20 networks of
8–30 members (some institutions in several), ~8 staff per institution in every role, councils
with external members, ~100 internal notes per institution, 20 000 plan items and ~100 000 audit
entries;
*demo* is the same shape at a tenth of the size; *region* is ten cities (2 000 institutions, 200
networks of the same sizes, 500 000 pupils, ~22 million marks, 1 000 000 history entries; PostgreSQL:
a few minutes), with the same bench institution, plan, agreement, project and journal group shapes.

Areas
-----
The city is built by ``AREAS``: one function per area of the product, run in order, each reading
what the earlier ones made from ``City`` and writing its rows through ``City.insert``. Areas that
do not exist in the product yet are *not* faked here. When an area lands, it adds its function
(and its figures to ``Scale``) and registers it in ``AREAS`` before ``audit_history``, which draws
on everything before it. The issue's target figures for them at city scale:

* pupils — 50 000 pupils in the schools;
* network groups and lessons — 2 000 groups this year with their lessons (one to three a week), and as
  many of last year's editions: finished, out of the catalog, their pupils «completed»;
* journal — about 2 000 000 marks: every lesson already held is marked (last year's all of them);
* plan — 20 000 plan items (``build_plans``: one draft plan of the current academic year per network,
  a section per member, ~1 000 items per network; past items mostly held, with reports);
* agreements, projects, meetings, votes, reports.

Bench logins (``BENCH_LOGINS``), all with ``BENCH_PASSWORD``: the coordinator and the admin of
``school-001`` (the base institution of the biggest network; secretary and chair of its council)
and the operator ``bench.operator@uo.example``. Every other generated account has the same
password (one argon2 hash, computed once).
"""
from __future__ import annotations

from workspace.generator.city import (
    AREAS, BENCH_LOGINS, BENCH_PASSWORD, SCALES, Area, City, DatabaseNotEmpty, Scale, generate,
)

__all__ = ["AREAS", "BENCH_LOGINS", "BENCH_PASSWORD", "SCALES", "Area", "City", "DatabaseNotEmpty",
           "Scale", "generate"]
