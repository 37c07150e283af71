"""Where things live: the store's default location and the shipped demo data."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "licscreen"
DB_ENV = "LICSCREEN_DB"
DB_FILENAME = "licscreen.db"


def default_db_path() -> Path:
    """The store used when neither ``--db`` nor ``LICSCREEN_DB`` names one."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """``--db`` wins, then ``LICSCREEN_DB``, then the platform's user data folder."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def demo_data_dir() -> Path:
    """The demo installation: inside the installed package, or ``data/`` in a source tree."""
    from importlib import resources  # only the demo loader needs it: keep start-up light

    packaged = resources.files("licscreen") / "data" / "demo"
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[2] / "data" / "demo"
    return source_tree


def display_path(path: Path) -> str:
    """A path as a person would type it: as given when relative, ``~`` for the home folder."""
    if not path.is_absolute():
        return str(path)
    try:
        return "~/" + str(path.resolve().relative_to(Path.home()))
    except ValueError:
        return str(path)
