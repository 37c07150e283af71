"""``w`` on the activation history and on the consumption services: the view (its filter and
sort) written as ``licscreen licence history`` and ``licscreen usage --month M`` write it, in
JSON and CSV; unfiltered, the file is the command's output byte for byte. The help lists ``w``
on both screens."""

from __future__ import annotations

import csv
import io
import json

from textual.widgets import Input, Static

from licscreen.store import Store
from licscreen.tui.consumption.screen import ConsumptionScreen
from licscreen.tui.licences.history import HistoryScreen
from licscreen.tui.widgets.help_screen import HelpScreen
from licscreen.tui.widgets.paged_table import PagedTable
from tests.kit.app import export_to, header, notices, rendered, rows_of, settle
from tests.kit.cli import NOW, run
from tests.kit.licence import two_activations


def cli_output(*args: str) -> bytes:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


async def filter_by(pilot, text: str) -> None:
    await pilot.press("slash")
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def help_text(pilot) -> str:
    await pilot.press("question_mark")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    text = rendered(pilot.app.screen.query_one(Static))  # all of it, scrolled or not
    await pilot.press("escape")
    await settle(pilot)
    return text


async def test_w_on_the_history_writes_licence_history_json_and_csv_of_the_view(
        demo_path, make_app, tmp_path):
    two_activations(demo_path)
    db = ("--db", str(demo_path))
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        assert "Export the list (CSV or JSON)" in await help_text(pilot)
        table = pilot.app.screen.query_one(PagedTable)
        assert [r[2] for r in rows_of(table)] == ["DOCUFLOW v4", "SUPEROFFICE v15"]
        # Unfiltered, in the list's own order: the command's output, byte for byte.
        assert await export_to(pilot, tmp_path / "all.json") == cli_output(
            "licence", "history", "--json", *db)
        assert await export_to(pilot, tmp_path / "all.csv") == cli_output(
            "licence", "history", "--csv", *db)
        await pilot.press("s", "s", "s", "S")  # by Licence, descending
        await settle(pilot)
        assert "Licence ▼" in header(table)
        assert [r[2] for r in rows_of(table)] == ["SUPEROFFICE v15", "DOCUFLOW v4"]
        sorted_json = json.loads(await export_to(pilot, tmp_path / "sorted.json"))
        sorted_csv = list(csv.DictReader(io.StringIO(
            (await export_to(pilot, tmp_path / "sorted.csv")).decode())))
        await filter_by(pilot, "!docuflow")
        assert [r[2] for r in rows_of(table)] == ["SUPEROFFICE v15"]
        filtered_csv = await export_to(pilot, tmp_path / "filtered.csv")
        filtered_json = await export_to(pilot, tmp_path / "filtered.json")
    store.close()
    every = json.loads(cli_output("licence", "history", "--json", *db))
    assert sorted_json == every[::-1]
    flat = list(csv.DictReader(io.StringIO(cli_output("licence", "history", "--csv",
                                                      *db).decode())))
    assert [r["owner"] for r in flat] == ["DOCUFLOW", *["SUPEROFFICE"] * 3]
    assert sorted_csv == flat[1:] + flat[:1]  # the activations' rows, in the view's order
    assert filtered_csv == cli_output("licence", "history", "--csv", "--owner", "SUPEROFFICE",
                                      *db)
    assert filtered_json == cli_output("licence", "history", "--json", "--owner", "superoffice",
                                       *db)


async def test_w_on_the_consumption_services_writes_usage_of_the_month_as_shown(
        demo_path, make_app, tmp_path):
    db = ("--db", str(demo_path))
    store = Store.open(demo_path)
    async with make_app(store).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pilot.app.action_consumption()
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ConsumptionScreen)
        assert "Export the list (CSV or JSON)" in await help_text(pilot)
        for month in ("2026-11", "2026-10"):  # this month (projected), then a closed one
            usage = ("usage", "--month", month, *NOW, *db)
            assert await export_to(pilot, tmp_path / f"{month}.json") == cli_output(
                *usage, "--json")
            assert f"1 row written to {tmp_path / month}.json." in notices(
                pilot.app)  # the month's one object
            assert await export_to(pilot, tmp_path / f"{month}.csv") == cli_output(
                *usage, "--csv")
            await pilot.press("left")
            await settle(pilot)
        await pilot.press("right")
        await pilot.press("s", "s", "S")  # by Used, most first
        await settle(pilot)
        await filter_by(pilot, "!storage")
        shown = [row.key for row in map(screen.table.row_at, range(screen.table.row_count))]
        assert "storage" not in shown and len(shown) > 2
        assert "Used ▼" in header(screen.table)
        view_json = json.loads(await export_to(pilot, tmp_path / "view.json"))
        view_csv = list(csv.DictReader(io.StringIO(
            (await export_to(pilot, tmp_path / "view.csv")).decode())))
    store.close()
    [month] = view_json
    [whole] = json.loads(cli_output("usage", "--month", "2026-10", "--json", *NOW, *db))
    assert month["month"] == "2026-10" and [s["key"] for s in month["services"]] == shown
    used = [s["used"] for s in month["services"]]
    assert used == sorted(used, reverse=True)
    assert month["invoice_total"] == whole["invoice_total"]  # the month's, whatever is shown
    assert month["services"] == sorted((s for s in whole["services"] if s["key"] != "storage"),
                                       key=lambda s: -s["used"])
    assert [(r["month"], r["key"]) for r in view_csv] == [("2026-10", key) for key in shown]
