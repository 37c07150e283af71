"""Reading a SuperOffice installation from its database: SELECTs only, in one read transaction.

SQLAlchemy Core, so that one query code serves SQL Server, Oracle and SQLite (tests, exported
copies): each SELECT is compiled for the dialect of the URL, identifiers quoted as it quotes
them. Tables are found by name in the installation's schema (SuperOffice's table prefix,
``crm7`` by default; an SQLite file's main schema), and only columns that are there are read:
a missing required one stops the sync in one line; a missing optional one (older SuperOffice
versions) reads as empty. Never a write: SuperOffice's licence tables carry tamper checksums.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection
from sqlalchemy.sql.expression import Select, TableClause

from licscreen.i18n import _
from licscreen.sync.db_tables import TABLES, Spec
from licscreen.sync.digest import Table, changed_licences, kind_digests, unchanged_kinds
from licscreen.sync.errors import SyncError
from licscreen.sync.rows import build_snapshot
from licscreen.sync.snapshot import Snapshot

DEFAULT_SCHEMA = "crm7"


@dataclass(frozen=True)
class Source:
    """The tables of one database, as found: each table with the columns it has."""

    conn: Connection
    schema: str | None
    where: str  # "schema crm7", for messages
    tables: dict[str, tuple[TableClause, dict[str, str]]]  # name -> table, lower -> real name

    def select(self, name: str, *, where: Any = None) -> Select[Any]:
        return query(self.tables[name], TABLES[name], where)


def query(found: tuple[TableClause, dict[str, str]], spec: Spec, where: Any = None) -> Select[Any]:
    """The SELECT of a table's wanted columns that are there, each labelled by its
    lower-case name."""
    table, real = found
    columns = [table.c[real[name.lower()]].label(name.lower())
               for name in (*spec.required, *spec.optional) if name.lower() in real]
    statement = sa.select(*columns)
    if where is not None:
        statement = statement.where(where)
    return statement


def find_tables(conn: Connection, schema: str | None, where: str) -> Source:
    """Every table a sync reads, with its columns; a missing table or required column is one
    line."""
    inspector = sa.inspect(conn)
    tables: dict[str, tuple[TableClause, dict[str, str]]] = {}
    for name, spec in TABLES.items():
        if not inspector.has_table(name, schema=schema):
            if spec.optional_table:
                continue
            raise SyncError(_("no {table} table in {where}: is this a SuperOffice database?")
                            .format(table=name, where=where))
        real = {c["name"].lower(): c["name"] for c in inspector.get_columns(name, schema=schema)}
        for column in spec.required:
            if column.lower() not in real:
                raise SyncError(_("the {table} table in {where} has no {column} column: is this "
                                  "a SuperOffice database?").format(
                    table=name, where=where, column=column))
        table = sa.table(name, *(sa.column(c) for c in real.values()), schema=schema)
        tables[name] = (table, real)
    return Source(conn, schema, where, tables)


def read_tables(source: Source) -> dict[str, Table]:
    """Each table's rows as the driver gives them (tuples), with their lower-case column
    labels (the columns there: a missing optional one is simply not among them). Ordered by
    their ids, so that the same rows give the same digest."""
    tables: dict[str, Table] = {}
    for name, spec in TABLES.items():
        if name not in source.tables or spec.join is not None:
            continue
        tables[name] = _fetch(source, source.select(name))
    if "associate" in source.tables:
        tables["associate"] = _fetch(source, associates_query(source)[0])
    return tables


def _fetch(source: Source, statement: Select[Any]) -> Table:
    """A SELECT compiled by SQLAlchemy for the database's dialect, its rows fetched by the
    driver itself: plain tuples, at the driver's speed (no parameters in these SELECTs)."""
    keys = tuple(c.name for c in statement.selected_columns)
    compiled = ordered(statement).compile(dialect=source.conn.dialect)
    cursor = source.conn.connection.cursor()
    try:
        cursor.execute(str(compiled))
        return keys, [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def ordered(statement: Select[Any]) -> Select[Any]:
    """The SELECT ordered by its table's key (its first column; LicenseAssocLink's first
    two), so that the same rows come in the same order and give the same digest."""
    first = statement.selected_columns[0].name
    return statement.order_by(*statement.selected_columns[:_ORDER.get(first, 1)])


_ORDER = {"modulelicenseid": 2}  # a table keyed by two columns: LicenseAssocLink


def associates_query(source: Source) -> tuple[Select[Any], list[str]]:
    """associate with its person's names, joined in the database (person holds every contact
    person, not only users), and the labels of its columns."""
    a_table, a_real = source.tables["associate"]
    wanted = [c.lower() for c in (*TABLES["associate"].required, *TABLES["associate"].optional)]
    columns: list[Any] = [a_table.c[a_real[c]].label(c) for c in wanted if c in a_real]
    statement = sa.select(*columns)
    if "person" in source.tables and "person_id" in a_real:
        p_table, p_real = source.tables["person"]
        person = TABLES["person"]
        names = [c.lower() for c in (*person.required, *person.optional)]
        columns += [p_table.c[p_real[c]].label(f"person_{c}") for c in names if c in p_real]
        statement = sa.select(*columns).select_from(a_table.outerjoin(
            p_table, a_table.c[a_real["person_id"]] == p_table.c[p_real["person_id"]]))
        wanted += [f"person_{c}" for c in names]
    return statement, wanted


@contextmanager
def read_only(engine: sa.Engine) -> Iterator[Connection]:
    """A connection in one read transaction that is rolled back, never committed."""
    dialect = engine.dialect.name
    options: dict[str, Any] = {}
    if dialect == "mssql":
        options["isolation_level"] = "READ COMMITTED"
    with engine.connect() as conn:
        conn = conn.execution_options(**options) if options else conn
        with conn.begin() as transaction:
            if dialect in ("oracle", "postgresql"):  # the server refuses every write in it
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            try:
                yield conn
            finally:
                transaction.rollback()


def read_db_snapshot(url: URL, *, schema: str | None, source: str,
                     known: Mapping[str, str] | None = None) -> Snapshot:
    """The installation at ``url`` as a :class:`~licscreen.sync.snapshot.Snapshot`.

    ``url`` carries the password (in memory only); ``source`` is how it is named, without
    credentials. ``known``: the digests the store kept at the last sync (sync/digest.py);
    the kinds that still have them are not built. Every failure is a :class:`SyncError`."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    where = _("schema {schema}").format(schema=schema) if schema else _("the main schema")
    try:
        with read_only(engine) as conn:
            found = find_tables(conn, schema, where)
            tables = read_tables(found)
    finally:
        engine.dispose()
    keys, found_rows = tables["company"]
    company = dict(zip(keys, found_rows[0], strict=True)) if found_rows else {}
    if not str(company.get("serialno") or "").strip():
        raise SyncError(_("the company table in {where} has no serial number: is this a "
                          "SuperOffice database?").format(where=where))
    digests = kind_digests(tables)
    unchanged = unchanged_kinds(digests, known or {})
    holders_of = None  # all links: unless only some licences' links changed
    if "holders" not in unchanged and "holders-deps" in unchanged:
        holders_of = changed_licences(digests, known or {})
    return build_snapshot(tables, source=source, database_type=_database_type(engine),
                          digests=digests, unchanged=unchanged, holders_of=holders_of)


def _database_type(engine: sa.Engine) -> str:
    return {"mssql": "SQL Server", "oracle": "Oracle", "sqlite": "SQLite",
            "postgresql": "PostgreSQL"}.get(engine.dialect.name, engine.dialect.name)
