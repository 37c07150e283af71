"""Every way a sync fails says so in one line, exits 2 and leaves the store as it was (or makes
none); no password is ever taken from the command line or printed; every query the database
source sends is SQL Server's too; a mirror refuses the writes SuperOffice owns."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import mssql

from licscreen.sync.db_source import Source, associates_query, ordered, query
from licscreen.sync.db_tables import TABLES
from tests.kit.cli import NOW, assert_one_line_error, documented_fields, is_a, run
from tests.kit.strict import dump_hash
from tests.kit.superoffice import SYNC_JSON_FIELDS, build_superoffice, so_url


@pytest.fixture(scope="module")
def mirror(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mirror")
    so = build_superoffice(folder / "so.db")
    path = folder / "mirror.db"
    assert run("sync", "--from-db", so_url(so), "--db", str(path), *NOW).exit_code == 0
    return path


def _broken(tmp_path: Path, **options) -> str:
    return so_url(build_superoffice(tmp_path / "broken.db", **options))


def _not_superoffice(tmp_path: Path) -> str:
    path = tmp_path / "other.db"
    import sqlite3
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    return so_url(path)


CASES = {
    "missing table": (lambda t: _broken(t, leave_out=("ModuleOwner",)),
                      "no ModuleOwner table in the main schema: is this a SuperOffice database?"),
    "missing column": (lambda t: _broken(t, without=(("ModuleLicense", "licenseType"),)),
                       "has no licenseType column"),
    "not SuperOffice": (_not_superoffice, "no company table"),
    "no such file": (lambda t: f"sqlite:///{t}/nowhere.db", "no such file"),
    "not a URL": (lambda t: "::not a url::", "not a database URL"),
    "unknown kind": (lambda t: "nosuchdb://user@127.0.0.1/x", "not a kind of database"),
    "password in URL": (lambda t: "mssql+pymssql://sa:hunter2@127.0.0.1/SuperOffice",
                        "secrets never on the command line"),
    "password in query": (lambda t: "mssql+pymssql://sa@127.0.0.1/SO?password=hunter2",
                          "secrets never on the command line"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("store", ["a mirror", "none yet"])
def test_a_failed_sync_is_one_line_and_changes_nothing(case: str, store: str, mirror: Path,
                                                       tmp_path: Path):
    url_of, fragment = CASES[case]
    db = tmp_path / "store.db"
    if store == "a mirror":
        shutil.copyfile(mirror, db)
    before = dump_hash(db) if db.exists() else None
    result = run("sync", "--from-db", url_of(tmp_path), "--db", str(db), *NOW,
                 env={"LICSCREEN_SO_PASSWORD": None})
    line = assert_one_line_error(result, fragment)
    assert "hunter2" not in line
    assert (dump_hash(db) if db.exists() else None) == before


def test_pymssql_missing_is_one_line(tmp_path: Path):
    pytest.importorskip("sqlalchemy")
    try:
        import pymssql  # noqa: F401
        pytest.skip("pymssql is installed here")
    except ImportError:
        pass
    result = run("sync", "--from-db", "mssql+pymssql://sa@127.0.0.1:1/SuperOffice",
                 "--db", str(tmp_path / "m.db"), env={"LICSCREEN_SO_PASSWORD": "hunter2"})
    line = assert_one_line_error(result, "pymssql is not installed: pip install 'licscreen[mssql]'")
    assert "hunter2" not in line and not (tmp_path / "m.db").exists()


@pytest.mark.parametrize("secret", ["password", "ticket", "token"])
def test_without_a_secret_and_a_terminal_there_is_no_sync(secret: str,
                                                          monkeypatch: pytest.MonkeyPatch):
    """No terminal to ask on (cron, a pipe) and no variable: one line naming the variable."""
    from licscreen.sync.errors import SyncError
    from licscreen.sync.run import API_SECRET_ENV, PASSWORD_ENV, api_secret, password_for

    auth = {"password": "basic", "ticket": "ticket", "token": "bearer"}[secret]
    monkeypatch.delenv(API_SECRET_ENV[auth], raising=False)
    with pytest.raises(SyncError, match=API_SECRET_ENV[auth]):
        api_secret(auth, None)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    with pytest.raises(SyncError, match="no password for host/SO"):
        password_for("host/SO", None)
    monkeypatch.setenv(API_SECRET_ENV[auth], "from-the-variable")
    assert api_secret(auth, None) == "from-the-variable"


def test_a_source_is_needed(tmp_path: Path):
    assert_one_line_error(run("sync", "--db", str(tmp_path / "m.db")), "--from-db")


def _source(schema: str | None) -> Source:
    tables = {}
    for name, spec in TABLES.items():
        columns = (*spec.required, *spec.optional)
        tables[name] = (sa.table(name, *map(sa.column, columns), schema=schema),
                        {c.lower(): c for c in columns})
    return Source(conn=None, schema=schema, where="schema crm7", tables=tables)  # type: ignore[arg-type]


def test_every_query_compiles_for_sql_server():
    """The SELECTs, as SQL Server gets them: the schema and table quoted, every column named
    as the dialect quotes it (reserved words among them), and nothing of SQLite's."""
    source = _source("crm7")
    preparer = mssql.dialect().identifier_preparer
    statements = [(name, query(source.tables[name], spec)) for name, spec in TABLES.items()
                  if spec.join is None]
    statements.append(("associate", associates_query(source)[0]))
    for name, statement in statements:
        sql = str(ordered(statement).compile(dialect=mssql.dialect()))  # as the sync sends it
        assert sql.startswith("SELECT ") and "LIMIT" not in sql and "`" not in sql
        assert " ORDER BY " in sql
        assert f"crm7.{preparer.quote(name)}" in sql or f"[crm7].{preparer.quote(name)}" in sql
        for column in (*TABLES[name].required, *TABLES[name].optional):
            assert preparer.quote(column) in sql, (name, column)
    joined = str(associates_query(source)[0].compile(dialect=mssql.dialect()))
    assert "LEFT OUTER JOIN crm7.person" in joined
    assert "[owner]" in str(query(source.tables["SystemEvent"], TABLES["SystemEvent"]).compile(
        dialect=mssql.dialect())) or preparer.quote("owner") == "owner"


WRITES = {
    "events add": ["events", "add", "--type", "no-login", "--message", "Hi", "--by", "TOREH",
                   *NOW],
    "events update": ["events", "update", "2", "--message", "Changed", *NOW],
    "events delete": ["events", "delete", "3"],
    "licence activate": ["licence", "activate", *NOW],
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_mirror_refuses_the_writes_superoffice_owns(write: str, mirror: Path, tmp_path: Path):
    db = tmp_path / "mirror.db"
    shutil.copyfile(mirror, db)
    before = dump_hash(db)
    result = run(*WRITES[write], "--db", str(db))
    assert_one_line_error(result, "this store is a mirror of sqlite:///",
                          "change it in SuperOffice")
    assert dump_hash(db) == before


def test_usage_import_is_still_allowed_in_a_mirror(mirror: Path, tmp_path: Path):
    db = tmp_path / "mirror.db"
    shutil.copyfile(mirror, db)
    csv = tmp_path / "usage.csv"
    csv.write_text("service,month,amount,users\n")
    result = run("usage", "import", str(csv), "--db", str(db))
    assert "mirror" not in result.output


def test_the_sync_json_says_what_changed(mirror: Path, tmp_path: Path):
    db = tmp_path / "mirror.db"
    shutil.copyfile(mirror, db)
    so = build_superoffice(tmp_path / "so.db")
    data = json.loads(run("sync", "--from-db", so_url(so), "--db", str(db), "--json",
                          *NOW).stdout)
    assert data["created"] is False and set(data["changes"]) >= {"licences", "holders", "events"}
    documented = documented_fields()["sync"]
    assert documented == SYNC_JSON_FIELDS["sync"]
    assert set(data) == set(documented)
    for field, kind in documented.items():
        assert is_a(data[field], kind), (field, data[field])
    for counts in data["changes"].values():
        assert set(counts) == {"added", "changed", "removed"}
