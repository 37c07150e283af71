"""Named installations: a TOML file naming each SuperOffice installation, its mirror store and
its source, so that ``licscreen sync prod`` and ``licscreen --installation prod`` need no URL.

The file is ``config.toml`` in the platform's user config folder, or the file
``LICSCREEN_CONFIG`` names. It never holds a secret: a password, ticket or token key, or a URL
holding a password, is refused (secrets come from LICSCREEN_SO_* or a prompt). Every fault is
one :class:`ConfigError` line naming the file, the installation and the key.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from licscreen.i18n import _
from licscreen.paths import APP_NAME

CONFIG_ENV = "LICSCREEN_CONFIG"
CONFIG_FILENAME = "config.toml"
KEYS = ("store", "from-db", "from-api", "schema", "auth", "user", "ca-bundle")
DB_KEYS = ("schema",)
API_KEYS = ("auth", "user", "ca-bundle")
AUTHS = ("basic", "ticket", "bearer")
SECRET_WORDS = ("password", "passwd", "pwd", "ticket", "token", "secret", "apikey", "api-key")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


class ConfigError(ValueError):
    """The config file cannot be used: one line naming the file, the installation, the key."""


@dataclass(frozen=True, slots=True)
class Installation:
    name: str
    store: Path
    kind: str  # "db" or "api"
    url: str  # never with a password (refused when read)
    schema: str | None = None
    auth: str = "basic"
    user: str | None = None
    ca_bundle: str | None = None

    @property
    def source(self) -> str:
        """The URL as shown: without a query (which could hold what is no one's business)."""
        return self.url.split("?", 1)[0]


def config_path() -> Path:
    """``LICSCREEN_CONFIG``, else config.toml in the user config folder."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / CONFIG_FILENAME


def read_installations(path: Path | None = None) -> dict[str, Installation]:
    """Every installation the file names, in its order; none when there is no file."""
    path = path or config_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(_("{file}: cannot read it ({reason})").format(
            file=path, reason=error.strerror or error)) from None
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(_("{file}: not a TOML file ({reason})").format(
            file=path, reason=str(error).splitlines()[0] if str(error) else "")) from None
    for key in table:
        if key != "installations":
            raise ConfigError(_("{file}: unknown key {key} (only [installations.NAME] "
                                "tables)").format(file=path, key=key))
    found = table.get("installations", {})
    if not isinstance(found, dict):
        raise ConfigError(_("{file}: installations must be tables: [installations.NAME]")
                          .format(file=path))
    return {name: _installation(path, name, entry) for name, entry in found.items()}


def find_installation(name: str, path: Path | None = None) -> Installation:
    """The installation called ``name``, or one line saying which there are."""
    path = path or config_path()
    known = read_installations(path)
    if name not in known:
        raise ConfigError(_("{file}: no installation {name} (there: {names})").format(
            file=path, name=name, names=", ".join(known) or _("none")))
    return known[name]


def _installation(path: Path, name: str, entry: object) -> Installation:
    if not NAME.fullmatch(name):
        raise ConfigError(_("{file}: [installations.{name}]: a name is letters, digits, - "
                            "and _").format(file=path, name=name))
    if not isinstance(entry, dict):
        raise ConfigError(_("{file}: installations.{name} must be a table").format(
            file=path, name=name))
    where = f"{path}: [installations.{name}]"

    def bad(key: str, why: str) -> ConfigError:
        return ConfigError(f"{where} {key}: {why}")

    for key, value in entry.items():
        if any(word in key.lower().replace("_", "-") for word in SECRET_WORDS):
            raise bad(key, _("secrets never in the config file: set LICSCREEN_SO_PASSWORD, "
                             "LICSCREEN_SO_TICKET or LICSCREEN_SO_TOKEN, or type it at the "
                             "prompt"))
        if key not in KEYS:
            raise bad(key, _("unknown key (known: {keys})").format(keys=", ".join(KEYS)))
        if not isinstance(value, str) or not value or "\0" in value:
            raise bad(key, _("must be a non-empty string"))
    if ("from-db" in entry) == ("from-api" in entry):
        raise bad("from-db", _("give one source: from-db or from-api"))
    kind = "db" if "from-db" in entry else "api"
    for key in API_KEYS if kind == "db" else DB_KEYS:
        if key in entry:
            raise bad(key, _("not for from-{kind}").format(kind=kind))
    url_key = f"from-{kind}"
    _refuse_password(entry[url_key], lambda why: bad(url_key, why))
    auth = entry.get("auth", "basic")
    if auth not in AUTHS:
        raise bad("auth", _("one of {choices}").format(choices=", ".join(AUTHS)))
    if "store" not in entry:
        raise bad("store", _("missing: the mirror store's path"))
    store = Path(entry["store"]).expanduser()
    if not store.is_absolute():
        store = path.parent / store  # beside the config file, wherever licscreen is started
    if store.is_dir():
        raise bad("store", _("{store} is a folder: name a file").format(store=store))
    return Installation(name, store, kind, entry[url_key], schema=entry.get("schema"),
                        auth=auth, user=entry.get("user"), ca_bundle=entry.get("ca-bundle"))


def _refuse_password(url: str, bad: Callable[[str], ConfigError]) -> None:
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        password = None
        parts = None
    query_keys = [k.lower() for k, _v in parse_qsl(parts.query)] if parts else []
    if password is not None or any(k in ("password", "pwd") for k in query_keys):
        raise bad(_("secrets never in the config file: give the URL without its password"))
