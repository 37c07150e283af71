"""Named installations: a config file names each installation's store and source
(licscreen/installations.py). ``sync NAME``, ``--installation NAME`` and ``installations`` read
it; a bad file is one line naming the file, the installation and the key, exit 2, nothing
written; no secret is ever taken from it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.kit.cli import NOW, assert_one_line_error, is_a, run
from tests.kit.installations import INSTALLATIONS_JSON_FIELDS, write_config
from tests.kit.strict import dump_hash
from tests.kit.superoffice import build_superoffice, so_url


@pytest.fixture(scope="module")
def so(tmp_path_factory) -> Path:
    return build_superoffice(tmp_path_factory.mktemp("so") / "so.db")


@pytest.fixture(scope="module")
def mirror(tmp_path_factory, so: Path) -> Path:
    path = tmp_path_factory.mktemp("mirror") / "mirror.db"
    assert run("sync", "--from-db", so_url(so), "--db", str(path), *NOW).exit_code == 0
    return path


def _entry(store: Path, url: str, **more: str) -> str:
    extra = "".join(f'{k} = "{v}"\n' for k, v in more.items())
    return f'[installations.prod]\nstore = "{store}"\nfrom-db = "{url}"\n{extra}'


# Each bad file: its text (from the store's path and a database URL), and what the line names.
BAD = {
    "not TOML": (lambda s, u: "[installations.prod\nstore = 1\n", ["not a TOML file"]),
    "unknown key": (lambda s, u: _entry(s, u, colour="red"), ["[installations.prod]", "colour",
                                                              "unknown key"]),
    "unknown table": (lambda s, u: _entry(s, u) + "[other]\nx = 1\n", ["other", "unknown key"]),
    "both sources": (lambda s, u: _entry(s, u) + 'from-api = "https://crm.example.com/api"\n',
                     ["[installations.prod] from-db", "give one source"]),
    "no source": (lambda s, u: f'[installations.prod]\nstore = "{s}"\n',
                  ["[installations.prod] from-db", "give one source"]),
    "no store": (lambda s, u: f'[installations.prod]\nfrom-db = "{u}"\n',
                 ["[installations.prod] store", "missing"]),
    "store a folder": (lambda s, u: _entry(s.parent, u), ["[installations.prod] store",
                                                          "is a folder"]),
    "store not a string": (lambda s, u: f'[installations.prod]\nstore = 3\nfrom-db = "{u}"\n',
                           ["[installations.prod] store", "non-empty string"]),
    "schema for the API": (lambda s, u: f'[installations.prod]\nstore = "{s}"\nfrom-api = '
                           f'"https://crm.example.com/api"\nschema = "crm7"\n',
                           ["[installations.prod] schema", "not for from-api"]),
    "bad auth": (lambda s, u: f'[installations.prod]\nstore = "{s}"\nfrom-api = '
                 f'"https://crm.example.com/api"\nauth = "magic"\n',
                 ["[installations.prod] auth", "basic, ticket, bearer"]),
    "bad name": (lambda s, u: f'[installations."a b"]\nstore = "{s}"\nfrom-db = "{u}"\n',
                 ["[installations.a b]"]),
}

# A secret in the file: refused, and never shown.
SECRETS = {
    "password key": (lambda s, u: _entry(s, u, password="hunter2"), "password"),
    "ticket key": (lambda s, u: _entry(s, u, ticket="hunter2"), "ticket"),
    "token key": (lambda s, u: _entry(s, u, token="hunter2"), "token"),
    "db URL password": (lambda s, u: _entry(s, "mssql+pymssql://sa:hunter2@sql01/SO"),
                        "from-db"),
    "db URL query": (lambda s, u: _entry(s, "mssql+pymssql://sa@sql01/SO?password=hunter2"),
                     "from-db"),
    "API URL password": (lambda s, u: f'[installations.prod]\nstore = "{s}"\nfrom-api = '
                         f'"https://adm:hunter2@crm.example.com/api"\n', "from-api"),
}

# Every way into the file: a sync, a command on the installation's store, the list.
ENTRIES = {
    "sync NAME": ["sync", "prod", *NOW],
    "--installation": ["--installation", "prod", "status", *NOW],
    "--installation sync": ["--installation", "prod", "sync", *NOW],
    "installations": ["installations", *NOW],
}


@pytest.mark.parametrize("entry", sorted(ENTRIES))
@pytest.mark.parametrize("case", sorted(BAD) + sorted(SECRETS))
def test_a_bad_config_is_one_line_naming_file_installation_and_key(
        case: str, entry: str, so: Path, mirror: Path, tmp_path: Path):
    store = tmp_path / "prod.db"
    shutil.copyfile(mirror, store)
    before = dump_hash(store)
    if case in BAD:
        make, fragments = BAD[case]
    else:
        make, key = SECRETS[case]
        fragments = [f"[installations.prod] {key}", "secrets never in the config file"]
    env = write_config(tmp_path, make(store, so_url(so)))
    result = run(*ENTRIES[entry], env={**env, "LICSCREEN_SO_PASSWORD": None})
    line = assert_one_line_error(result, str(tmp_path / "config.toml"), *fragments)
    assert "hunter2" not in line
    assert dump_hash(store) == before


@pytest.mark.parametrize("relative", [False, True])
def test_sync_name_makes_the_mirror_its_store_names(relative: bool, so: Path, tmp_path: Path):
    store = tmp_path / "mirrors" / "prod.db"
    store.parent.mkdir()
    env = write_config(tmp_path, {"prod": {"store": "mirrors/prod.db" if relative
                                           else str(store), "from-db": so_url(so)}})
    result = run("sync", "prod", *NOW, env=env)
    assert result.exit_code == 0, result.output
    assert f"(store: {store})" in result.stdout
    again = json.loads(run("--installation", "prod", "sync", "--json", *NOW, env=env).stdout)
    assert again["store"] == str(store) and again["created"] is False
    status = json.loads(run("--installation", "prod", "status", "--json", *NOW, env=env).stdout)
    assert status["store"] == str(store)


REFUSED = {
    "NAME and --from-db": (["sync", "prod", "--from-db", "URL"], "give one source"),
    "NAME and --db": (["sync", "prod", "--db", "x.db"], "NAME and --db"),
    "two names": (["--installation", "prod", "sync", "test"], "--installation prod and NAME"),
    "unknown NAME": (["sync", "nope"], "no installation nope (there: prod, test)"),
    "unknown --installation": (["--installation", "nope", "status"], "no installation nope"),
    "no config": (["sync", "prod"], "no installation prod (there: none)"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_names_and_sources_are_not_mixed(case: str, so: Path, tmp_path: Path):
    args, fragment = REFUSED[case]
    entries = {} if case == "no config" else {
        name: {"store": str(tmp_path / f"{name}.db"), "from-db": so_url(so)}
        for name in ("prod", "test")}
    env = write_config(tmp_path, entries)
    if case == "no config":
        (tmp_path / "config.toml").unlink()
    assert_one_line_error(run(*args, *NOW, env=env), fragment)
    assert not list(tmp_path.glob("*.db"))


def test_installations_lists_store_source_and_last_sync(so: Path, mirror: Path,
                                                       tmp_path: Path):
    synced, broken = tmp_path / "synced.db", tmp_path / "broken.db"
    shutil.copyfile(mirror, synced)
    broken.write_bytes(b"not a store at all, but some bytes" * 10)
    env = write_config(tmp_path, {
        "new": {"store": str(tmp_path / "new.db"), "from-db": so_url(so)},
        "synced": {"store": str(synced), "from-db": so_url(so)},
        "online": {"store": str(broken), "from-api": "https://adm@crm.example.com/api?x=1",
                   "auth": "ticket"}})
    text = run("installations", "--now", "2026-11-28T11:00:00+00:00", env=env).stdout
    assert "new  " in text and "last sync: never" in text
    assert "(2 h ago): 30 added, 0 changed, 0 removed" in text
    assert "cannot read the store" in text and "?x=1" not in text
    data = json.loads(run("installations", "--json", *NOW, env=env).stdout)
    assert data["config"] == str(tmp_path / "config.toml")
    rows = {row["name"]: row for row in data["installations"]}
    assert list(rows) == ["new", "synced", "online"]
    assert rows["new"]["synced"] is None and rows["new"]["changes"] is None
    assert rows["synced"]["changes"] == {"added": 30, "changed": 0, "removed": 0}
    assert rows["online"]["kind"] == "api" and rows["online"]["error"]
    assert rows["online"]["source"] == "https://adm@crm.example.com/api"
    assert not (tmp_path / "new.db").exists()  # listing makes no store
    for section, path_rows in (("installations", [data]),
                               ("installations.installations[]", data["installations"])):
        for row in path_rows:
            assert set(row) == set(INSTALLATIONS_JSON_FIELDS[section])
            for field, kind in INSTALLATIONS_JSON_FIELDS[section].items():
                assert is_a(row[field], kind), (section, field, row[field])


def test_no_config_file_lists_none(tmp_path: Path):
    env = {"LICSCREEN_CONFIG": str(tmp_path / "nowhere.toml")}
    assert "No installations named in" in run("installations", env=env).stdout
    assert json.loads(run("installations", "--json", env=env).stdout)["installations"] == []


@pytest.mark.usefixtures("terminal")
def test_the_app_opens_the_installations_store(so: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch):
    """``licscreen --installation prod`` starts the app on its store, whatever LICSCREEN_DB
    says; with --db too it is refused before the app starts."""
    opened: list[Path] = []
    monkeypatch.setattr("licscreen.cli.run_app", opened.append)
    store = tmp_path / "prod.db"
    env = write_config(tmp_path, {"prod": {"store": str(store), "from-db": so_url(so)}})
    result = run("--installation", "prod", env={**env, "LICSCREEN_DB": str(tmp_path / "a.db")})
    assert result.exit_code == 0, result.output
    assert opened == [store]
    refused = run("--installation", "prod", "--db", str(tmp_path / "b.db"), env=env)
    assert_one_line_error(refused, "--installation and --db")
    assert opened == [store]
