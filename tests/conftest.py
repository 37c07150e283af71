"""Fixtures: stores in tmp_path, built on a frozen clock, in the UTC time zone."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

os.environ["TZ"] = "UTC"
time.tzset()
os.environ.pop("LICSCREEN_DB", None)
os.environ["LICSCREEN_LANG"] = "en"  # the tests read English whatever the locale (test_i18n*: nb)

from licscreen.store import Store, create_store  # noqa: E402
from tests.kit.app import snapshot_app_in  # noqa: E402
from tests.kit.clock import FROZEN, frozen_clock  # noqa: E402


@pytest.fixture(autouse=True)
def list_views(tmp_path_factory, monkeypatch) -> Path:
    """Each test its own state file of the lists' views (never the user's), read afresh."""
    path = tmp_path_factory.mktemp("state") / "lists.json"
    monkeypatch.setenv("LICSCREEN_STATE", str(path))
    views = sys.modules.get("licscreen.tui.widgets.list_view_state")
    if views is not None:
        views.forget_states()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo store, built once: tests get copies (``demo_path``), never this file."""
    path = tmp_path_factory.mktemp("template") / "demo.db"
    create_store(path, demo=True, now=FROZEN).close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def demo_store(demo_path: Path):
    store = Store.open(demo_path)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path):
    store = create_store(tmp_path / "empty.db", demo=False)
    yield store
    store.close()


@pytest.fixture
def make_app():
    """An app on a store, with the clock frozen; the caller owns the store."""
    from licscreen.tui.app import LicScreenApp

    def make(store: Store, **kwargs):
        return LicScreenApp(store, clock=frozen_clock, **kwargs)

    return make


@pytest.fixture
def terminal(monkeypatch):
    """``licscreen`` with no command as if started on a terminal: for the tests of what it
    refuses before the app starts (CliRunner's input and output are not terminals)."""
    monkeypatch.setattr("licscreen.cli.require_terminal", lambda: None)


@pytest.fixture
def snapshot_app(tmp_path: Path, monkeypatch):
    with snapshot_app_in(tmp_path, monkeypatch) as app:
        yield app
