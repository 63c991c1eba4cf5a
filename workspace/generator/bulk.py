"""How the generator writes its rows: COPY on PostgreSQL, the driver's executemany in batches elsewhere.

``write(session, table, rows, progress)`` writes dicts keyed by column, as Core's ``insert(table)`` takes them,
and writes exactly what that insert would: a column missing from the rows gets its Python-side default
(``default=``) as Core would give it, a column without one is left to the server (its server default, its
sequence, NULL), and every value passes the column type's bind processor (enums to their stored text, JSON
serialised...). Derived columns (``search_text``) are computed by the areas and are in the rows already.

``copy_tuples(session, table_name, columns, rows, progress)`` streams ready tuples (the journal's marks: tens of
millions, never all in memory) through one COPY.

PostgreSQL refuses COPY FROM into a table whose row-level security applies to the current role (an owner
that is not a superuser, under FORCE ROW LEVEL SECURITY): such a table is filled through a temporary
table of the written columns and one ``INSERT … SELECT``, so that its policies check every row as an insert
would.

``checks_after(session, tables)`` loads an area's biggest tables before their foreign keys and secondary
indexes are back (region scale: ~22 million marks), as the owner, in the generator's one transaction.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Table, insert, text

BATCH = 5_000  # rows per executemany, and per progress step of a COPY
COPY = True  # False: executemany on PostgreSQL too (the tests compare both ways)


def uses_copy(session) -> bool:
    return COPY and session.get_bind().dialect.name == "postgresql"


def write(session, table: Table, rows: list[dict], progress: Callable[[int], None]) -> None:
    if not rows:
        return
    if not uses_copy(session):
        for start in range(0, len(rows), BATCH):
            chunk = rows[start:start + BATCH]
            session.execute(insert(table), chunk)
            progress(len(chunk))
        return
    columns, convert = _plan(table, rows[0].keys(), session.get_bind().dialect)
    copy_tuples(session, table.name, columns, map(convert, rows), progress)


def _plan(table: Table, keys: Iterable[str], dialect) -> tuple[list[str], Callable[[dict], tuple]]:
    """The columns COPY writes and the function making a row's tuple of them (see the module's doc)."""
    given = set(keys)
    columns: list[str] = []
    makers: list[Callable[[dict], object]] = []
    for column in table.columns:
        default = column.default
        if column.key in given:
            value_of = _value(column.key)
        elif default is not None and default.is_scalar:
            value_of = _constant(default.arg)
        elif default is not None and default.is_callable:
            value_of = _called(default.arg)
        elif default is not None:
            raise ValueError(f"{table.name}.{column.name}: a SQL expression default cannot be written by COPY")
        else:
            continue  # the server fills it, as it does for a column an INSERT leaves out
        process = column.type._cached_bind_processor(dialect)
        columns.append(column.name)
        makers.append(value_of if process is None else _processed(value_of, process))
    return columns, lambda row: tuple(make(row) for make in makers)


def _value(key: str) -> Callable[[dict], object]:
    return lambda row: row[key]


def _constant(value) -> Callable[[dict], object]:
    return lambda _row: value


def _called(function) -> Callable[[dict], object]:
    return lambda _row: function(None)  # SQLAlchemy wraps a default callable to take the execution context


def _processed(value_of, process) -> Callable[[dict], object]:
    return lambda row: process(value_of(row))


def copy_tuples(session, table_name: str, columns: list[str], rows: Iterable[tuple],
                progress: Callable[[int], None]) -> int:
    """One COPY of ``rows`` (tuples in the order of ``columns``) into ``table_name``; the number written."""
    # The statements around the COPY go through the session, so that its hooks give the transaction its
    # row-level-security context as for any other statement.
    target = table_name
    names = ", ".join(f'"{name}"' for name in columns)
    if session.execute(text("SELECT row_security_active(:table)"), {"table": table_name}).scalar():
        target = f"copy_of_{table_name}"  # the written columns only, their types, no constraint
        session.execute(text(f'CREATE TEMPORARY TABLE "{target}" ON COMMIT DROP AS '
                             f'SELECT {names} FROM "{table_name}" WITH NO DATA'))
    written = 0
    with session.connection().connection.driver_connection.cursor() as cursor, \
            cursor.copy(f'COPY "{target}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            written += 1
            if written % BATCH == 0:
                progress(BATCH)
    progress(written % BATCH)
    if target != table_name:  # the policies check each row on its way in
        session.execute(text(f'INSERT INTO "{table_name}" ({names}) SELECT {names} FROM "{target}"'))
        session.execute(text(f'DROP TABLE "{target}"'))
    return written


@contextmanager
def checks_after(session, tables: tuple[str, ...]) -> Iterator[None]:
    """PostgreSQL, as the tables' owner: load ``tables`` without their foreign keys and secondary indexes, then
    put them back exactly as they were (their definitions as the catalog prints them) and check every row at
    once — the bulk-load recipe of PostgreSQL's documentation («Populating a Database»). A unique constraint
    another table's foreign key depends on stays. In the generator's transaction: on failure nothing changed."""
    if not tables or not uses_copy(session):
        yield
        return
    again = [_drop_checks(session, table) for table in tables]
    yield
    session.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
    for statements in reversed(again):  # a unique constraint comes back before the foreign keys on it
        for statement in statements:
            session.execute(text(statement))


def _drop_checks(session, table: str) -> list[str]:
    """Drop the table's foreign keys, unique constraints and plain indexes; the statements that restore them
    (indexes first, then unique constraints, then foreign keys)."""
    quoted = f'"{table}"'
    constraints = session.execute(text(
        "SELECT c.conname, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "WHERE c.conrelid = CAST(:table AS regclass) AND (c.contype = 'f' OR (c.contype = 'u' AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.confrelid = c.conrelid))) "
        "ORDER BY c.conname"), {"table": table}).all()
    indexes = session.execute(text(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = CAST(:table AS regclass) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1"), {"table": table}).all()
    for name, _kind, _definition in constraints:
        session.execute(text(f'ALTER TABLE {quoted} DROP CONSTRAINT "{name}"'))
    for name, _definition in indexes:
        session.execute(text(f"DROP INDEX {name}"))
    ordered = sorted(constraints, key=lambda row: row[1] == "f")  # unique constraints before foreign keys
    return ([definition for _name, definition in indexes]
            + [f'ALTER TABLE {quoted} ADD CONSTRAINT "{name}" {definition}' for name, _kind, definition in ordered])
