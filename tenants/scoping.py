"""Query scoping that applies itself to every tenant- and network-owned model.

* ``InstitutionOwned`` rows are visible only when their ``institution_id`` is the scope's
  institution; ``NetworkOwned`` rows only when their ``network_id`` is among the scope's networks.
* A SELECT touching such a model with no scope set raises ``UnscopedQueryError``.
* Writes are checked in ``before_flush``: a new row is stamped with the scope's owner, and
  a row of another owner cannot be inserted, changed or deleted.
* INSERT, UPDATE and DELETE statements executed through the session (``insert(Model).values(...)``, an
  upsert, an executemany, ``update(Model)``) skip the flush: the same hook checks them. An INSERT must name
  owners within the scope; an UPDATE gets the scope's criteria and may not move a row to another owner.
* The only way around it is ``with unscoped():`` — used by the operator console,
  the command line and test fixtures. Grep for it.
"""
from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import g, has_app_context
from sqlalchemy import ForeignKey, Table, bindparam, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, with_loader_criteria
from sqlalchemy.sql.elements import BindParameter, ClauseElement
from sqlalchemy.sql.util import find_tables

from tenants.rls import apply_context
from workspace.extensions import db


class UnscopedQueryError(RuntimeError):
    """A tenant-owned model was queried or written with no tenant scope in context."""


class InstitutionOwned:
    """Mixin: a row owned by one institution (tenant-private data)."""

    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True
    )


class NetworkOwned:
    """Mixin: a row owned by one network (shared by its members)."""

    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)


@dataclass(frozen=True)
class Scope:
    institution_id: int | None
    network_ids: frozenset[int] | None


def set_scope(institution_id: int | None = None, network_ids: Iterable[int] | None = None) -> Scope:
    scope = Scope(institution_id, None if network_ids is None else frozenset(network_ids))
    g._tenant_scope = scope
    return scope


def clear_scope() -> None:
    g.pop("_tenant_scope", None)


def current_scope() -> Scope | None:
    if not has_app_context():
        return None
    return g.get("_tenant_scope")


def _is_unscoped() -> bool:
    return has_app_context() and g.get("_tenant_unscoped", 0) > 0


@contextmanager
def unscoped() -> Iterator[None]:
    """Explicit opt-out of tenant scoping (operator console, CLI, test fixtures only)."""
    g._tenant_unscoped = g.get("_tenant_unscoped", 0) + 1
    try:
        yield
    finally:
        g._tenant_unscoped -= 1


def _owned_kinds(classes: Iterable[type]) -> tuple[bool, bool]:
    by_institution = by_network = False
    for cls in classes:
        by_institution |= issubclass(cls, InstitutionOwned)
        by_network |= issubclass(cls, NetworkOwned)
    return by_institution, by_network


def _require_scope(by_institution: bool, by_network: bool, what: str) -> Scope:
    scope = current_scope()
    if scope is None:
        raise UnscopedQueryError(f"{what} without a tenant scope")
    if by_institution and scope.institution_id is None:
        raise UnscopedQueryError(f"{what}: institution-owned model but no institution in scope")
    if by_network and scope.network_ids is None:
        raise UnscopedQueryError(f"{what}: network-owned model but no networks in scope")
    return scope


_owner_of_table: dict[Table, tuple[bool, bool]] = {}


def _table_owner(table: Table, mappers) -> tuple[bool, bool]:
    if table not in _owner_of_table:
        classes = [m.class_ for m in mappers if table in m.tables]
        _owner_of_table[table] = _owned_kinds(classes)
    return _owner_of_table[table]


_owned_by_statement: dict[tuple, tuple[bool, bool]] = {}


def _owned_kinds_of_statement(state: ORMExecuteState) -> tuple[bool, bool]:
    """Which owned models a SELECT touches anywhere: entities, select_from, joins, subqueries.

    ``all_mappers`` alone misses ``select(func.count()).select_from(Model)`` and subqueries,
    so the tables of the whole statement are walked — once per shape of statement: the answer is
    remembered under SQLAlchemy's cache key (the statement's structure without its values, the key of
    its compiled-SQL cache), as walking every column of a statement costs about a millisecond.
    """
    cache_key = state.statement._generate_cache_key()
    if cache_key is not None and cache_key.key in _owned_by_statement:
        return _owned_by_statement[cache_key.key]
    owned = _walk_owned_kinds(state)
    if cache_key is not None:
        if len(_owned_by_statement) >= 10_000:  # bounded like the compiled cache: start again
            _owned_by_statement.clear()
        _owned_by_statement[cache_key.key] = owned
    return owned


def _walk_owned_kinds(state: ORMExecuteState) -> tuple[bool, bool]:
    by_institution, by_network = _owned_kinds(m.class_ for m in state.all_mappers)
    registry_mappers = None
    for table in find_tables(state.statement, include_aliases=True, include_joins=True,
                             include_selects=True, check_columns=True):
        if not isinstance(table, Table):
            continue
        if registry_mappers is None:
            registry_mappers = db.Model.registry.mappers
        owned_institution, owned_network = _table_owner(table, registry_mappers)
        by_institution |= owned_institution
        by_network |= owned_network
    return by_institution, by_network


@event.listens_for(Session, "do_orm_execute")
def _scope_select(state: ORMExecuteState) -> None:
    """SELECTs, and ORM bulk UPDATE/DELETE statements, get the scope's criteria; INSERTs are checked."""
    if state.is_insert:
        _guard_insert(state)
        return
    if not (state.is_select or state.is_update or state.is_delete) or state.is_column_load:
        return
    by_institution, by_network = _owned_kinds_of_statement(state)
    if not (by_institution or by_network):
        return
    if _is_unscoped():
        apply_context(state.session, current_scope(), unscoped=True)
        return
    scope = _require_scope(by_institution, by_network, "SELECT")
    if state.is_update:
        _check_written_owners(state, scope, by_institution, by_network, "UPDATE", required=False)
    apply_context(state.session, scope, unscoped=False)
    values = {}
    if by_institution:
        values[SCOPE_INSTITUTION] = scope.institution_id
    if by_network:
        values[SCOPE_NETWORKS] = sorted(scope.network_ids)
    state.statement = _with_criteria(state.statement, by_institution, by_network)
    parameters = state.parameters
    if isinstance(parameters, list):  # executemany: each parameter set carries the scope
        state.parameters = [{**row, **values} for row in parameters]
    else:
        state.parameters = {**(parameters or {}), **values}


_scoped_statements: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _with_criteria(statement, by_institution: bool, by_network: bool):
    """``statement`` with the scope's criteria, the same object for the same statement: a statement built once and
    run on every request (the search's, the desk's) keeps its SQLAlchemy cache key, which is computed once per
    object and costs about a millisecond for a statement of a dozen parts."""
    scoped = _scoped_statements.get(statement)
    if scoped is None or scoped[0] != (by_institution, by_network):
        options = [criteria for owned, criteria in ((by_institution, _INSTITUTION_CRITERIA),
                                                    (by_network, _NETWORK_CRITERIA)) if owned]
        scoped = _scoped_statements[statement] = ((by_institution, by_network), statement.options(*options))
    return scoped[1]


# The scope's criteria, built once: the owners come as bound values of the execution (SCOPE_INSTITUTION,
# SCOPE_NETWORKS), not as values captured from a closure. Captured values are extracted again at each
# execution and matched to the cached statement's parameters by comparing SQL expressions, dozens a page.
SCOPE_INSTITUTION = "scope_institution_id"
SCOPE_NETWORKS = "scope_network_ids"
_INSTITUTION_VALUE = bindparam(SCOPE_INSTITUTION)
_NETWORK_VALUES = bindparam(SCOPE_NETWORKS, expanding=True)
_INSTITUTION_CRITERIA = with_loader_criteria(
    InstitutionOwned, lambda cls: cls.institution_id == _INSTITUTION_VALUE, include_aliases=True)
_NETWORK_CRITERIA = with_loader_criteria(
    NetworkOwned, lambda cls: cls.network_id.in_(_NETWORK_VALUES), include_aliases=True)


def _guard_insert(state: ORMExecuteState) -> None:
    """An INSERT statement run through the session (``session.execute(insert(Model)...)``, Core on a model's
    table too): like a SELECT it raises with no scope; every row it writes must name owners within the scope."""
    target = state.statement.table
    if not isinstance(target, Table):
        return
    table = target._deannotate()
    by_institution, by_network = _table_owner(table, db.Model.registry.mappers)
    if not (by_institution or by_network):
        return
    if _is_unscoped():
        apply_context(state.session, current_scope(), unscoped=True)
        return
    what = f"INSERT into {table.name}"
    scope = _require_scope(by_institution, by_network, what)
    if getattr(state.statement, "select", None) is not None:
        raise UnscopedQueryError(f"{what} ... FROM SELECT: its owners cannot be checked")
    _check_written_owners(state, scope, by_institution, by_network, what, required=True)
    apply_context(state.session, scope, unscoped=False)


def _column_key(key) -> str | None:
    return key if isinstance(key, str) else getattr(key, "key", None)


def _written_rows(state: ORMExecuteState) -> list[dict]:
    """The rows an INSERT or UPDATE statement writes: its ``values()``, each of its multi-row values, each of
    the parameter sets it is executed with."""
    statement = state.statement
    base = {_column_key(key): value for key, value in (statement._values or {}).items()}
    rows = []
    for multi in getattr(statement, "_multi_values", ()) or ():
        for row in multi:
            if isinstance(row, dict):
                rows.append({**base, **{_column_key(key): value for key, value in row.items()}})
            else:  # positional: in the table's column order
                rows.append({**base, **{column.key: value for column, value in zip(statement.table.c, row)}})
    if not rows:
        parameters = state.parameters
        if isinstance(parameters, dict):
            parameters = [parameters]
        rows = [{**base, **dict(parameters)} for parameters in parameters] if parameters else [base]
    return rows


def _set_on_conflict(state: ORMExecuteState) -> dict:
    """What an upsert (``on_conflict_do_update``) sets on the row it meets: it may not name another owner."""
    on_conflict = getattr(state.statement, "_post_values_clause", None)
    to_set = getattr(on_conflict, "update_values_to_set", None) or {}
    pairs = to_set.items() if isinstance(to_set, dict) else to_set
    return {_column_key(key): value for key, value in pairs}


def _plain_value(value, what: str):
    if isinstance(value, BindParameter):
        return value.effective_value
    if isinstance(value, ClauseElement):
        raise UnscopedQueryError(f"{what}: an owner given as an SQL expression cannot be checked")
    return value


def _check_written_owners(state: ORMExecuteState, scope: Scope, by_institution: bool, by_network: bool,
                          what: str, required: bool) -> None:
    """Each written row's owner keys within the scope; ``required``: an INSERT names them."""
    rows = [(row, required) for row in _written_rows(state)]
    if required:
        rows.append((_set_on_conflict(state), False))
    for row, must in rows:
        if by_institution:
            if "institution_id" in row:
                if _plain_value(row["institution_id"], what) != scope.institution_id:
                    raise UnscopedQueryError(f"{what}: a row owned by another institution")
            elif must:
                raise UnscopedQueryError(f"{what}: a row without its institution")
        if by_network:
            if "network_id" in row:
                if _plain_value(row["network_id"], what) not in scope.network_ids:
                    raise UnscopedQueryError(f"{what}: a row owned by another network")
            elif must:
                raise UnscopedQueryError(f"{what}: a row without its network")


@event.listens_for(Session, "before_flush")
def _guard_writes(session: Session, _context, _instances) -> None:
    touched = [obj for obj in session.new | session.dirty | session.deleted
               if any(_owned_kinds([type(obj)]))]
    if not touched:
        return
    if _is_unscoped():
        apply_context(session, current_scope(), unscoped=True)
        return
    for obj in session.new:
        _check_owner(obj, stamp=True)
    for obj in session.dirty | session.deleted:
        _check_owner(obj, stamp=False)
    apply_context(session, current_scope(), unscoped=False)


def _check_owner(obj: object, stamp: bool) -> None:
    by_institution, by_network = _owned_kinds([type(obj)])
    if not (by_institution or by_network):
        return
    scope = _require_scope(by_institution, by_network, f"write of {type(obj).__name__}")
    if by_institution:
        if stamp and obj.institution_id is None:
            obj.institution_id = scope.institution_id
        if obj.institution_id != scope.institution_id:
            raise UnscopedQueryError(f"write of {type(obj).__name__} owned by another institution")
    if by_network and obj.network_id not in scope.network_ids:
        raise UnscopedQueryError(f"write of {type(obj).__name__} owned by another network")
