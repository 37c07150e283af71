"""The history of activations, newest first, and an activation's row in it."""

from __future__ import annotations

from contextlib import closing
from datetime import timedelta
from pathlib import Path

from licscreen.licence.state import activation_position, history
from licscreen.licence.update import load_licence
from licscreen.store import Store
from tests.kit.clock import FROZEN
from tests.kit.licence import demo_file


def test_an_activations_row_in_the_history(demo_path: Path):
    owners = ["SUPEROFFICE", "DOCUFLOW", "ROUTEPLAN"]
    files = [demo_file(demo_path, owner=owner, lower=False) for owner in owners]
    with closing(Store.open(demo_path)) as store:
        for n, data in enumerate(files):  # two in the same second: the ID decides
            moment = FROZEN + timedelta(seconds=min(n, 1))
            assert load_licence(store, data, now=moment).activated is not None
        newest_first = history(store)
        assert [a.owner for a in newest_first] == ["ROUTEPLAN", "DOCUFLOW", "SUPEROFFICE"]
        assert [activation_position(store, a.id) for a in newest_first] == [0, 1, 2]
        assert activation_position(store, 999) is None
