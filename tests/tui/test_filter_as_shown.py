"""The lists the store filters in SQL match what they show: for texts taken from every cell of
every row, in English and in Norwegian, the store's filter finds exactly the rows whose shown
cells hold the text, and ``!text`` exactly the others. The Users tab (the plan, the licences
held, "3 days ago", the state in words among them) and the Audit view (the moment in local time,
who from where, the command, each change in words)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from licscreen.present.filter_words import entries_shown, users_shown
from licscreen.present.labels import change_text
from licscreen.present.listing import TextFilter
from licscreen.present.time import fmt_time
from licscreen.store import (
    Change,
    append_audit,
    audit_count,
    audit_entries,
    count_users,
    sorted_user_ids,
    user_filter,
    users_page,
)
from licscreen.tui.users.rows import user_cells
from tests.kit.clock import FROZEN
from tests.kit.i18n import speaking


def shown_rows(store, now) -> dict[str, list[str]]:
    return {u.user_id: [cell.plain for cell in user_cells(u, now)]
            for u in users_page(store, limit=1000)}


def texts_from(rows: dict[str, list[str]]) -> set[str]:
    """Whole cells, their first and last few letters, and a word from each."""
    texts: set[str] = set()
    for cells in rows.values():
        for cell in cells:
            texts |= {cell, cell[:3], cell[-4:], *cell.split()[:2]}
    return {t for t in texts if t.strip()}


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_every_shown_column_is_matched_as_shown(demo_store, lang):
    now = FROZEN + timedelta(hours=5, minutes=7)  # logins minutes, hours and days ago
    with speaking(lang):
        rows = shown_rows(demo_store, now)
        texts = texts_from(rows)
        assert {"never", "aldri"} & texts and len(texts) > 100
        for text in sorted(texts):
            for wanted in (text, "!" + text):
                match = TextFilter.parse(wanted)
                expected = sorted(u for u, cells in rows.items() if match.matches(cells))
                found = user_filter(demo_store, wanted, users_shown(now))
                assert sorted_user_ids(demo_store, found) == expected, wanted
                assert count_users(demo_store, found) == len(expected), wanted


def test_the_computed_columns_filter_in_the_store(demo_store):
    now = FROZEN
    shown = users_shown(now)

    def ids(text: str) -> list[str]:
        return sorted_user_ids(demo_store, user_filter(demo_store, text, shown))

    assert ids("never") == ["LARSK", "SOFIEK", "THEAR"]  # last login
    assert ids("retired") == ["ANNEH", "MARIAB"]  # the state in words
    assert ids("cannot log") == ["PETTERH"]
    assert ids("—") == ["SOFIEK"]  # no plan
    assert "NORAL" in ids("sales premium") and "SOFIEK" not in ids("sales premium")
    assert set(ids("!never")) == set(ids("")) - {"LARSK", "SOFIEK", "THEAR"}


def write_trail(store) -> None:
    """Entries over two years, minutes apart and months apart, with values and without."""
    with store.db.transaction() as conn:
        for n, (days, minutes) in enumerate([(0, 0), (0, 7), (1, 0), (40, 3), (400, 0),
                                             (700, 59)]):
            changes = [Change(f"USER{n}: SUPEROFFICE/windows", None if n % 2 else "held",
                              "not held" if n % 3 else None)] * (1 + n % 2)
            append_audit(conn, changes, command=f"licscreen step{n}",
                         now=FROZEN - timedelta(days=days, minutes=minutes))
        conn.execute("UPDATE audit SET changes = 'not json: Ærlig' WHERE id = 6")  # by hand
        conn.execute("""UPDATE audit SET changes = '{"subject": "odd"}' WHERE id = 5""")


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_audit_filter_matches_the_entries_as_shown(demo_store, lang):
    write_trail(demo_store)
    with speaking(lang):
        words = entries_shown(FROZEN)
        rows = {e.id: [fmt_time(e.at, FROZEN), f"{e.os_user}@{e.client}", e.command,
                       *(change_text(c.subject, c.before, c.after) for c in e.changes)]
                for e in audit_entries(demo_store)}
        texts = texts_from({str(k): v for k, v in rows.items()}) | {
            "→ held", "ærlig", "windows:", "s: h", "ull,", "after", "subject", ":", ",", "—",
            "held →", "09:0", "[{"}
        for text in sorted(texts):
            for wanted in (text, "!" + text):
                match = TextFilter.parse(wanted)
                expected = [k for k, cells in rows.items() if match.matches(cells)]
                found = audit_entries(demo_store, text=wanted, words=words)
                assert [e.id for e in found] == expected, wanted
                assert audit_count(demo_store, text=wanted, words=words) == len(expected)


@pytest.mark.parametrize("lang", ["en", "nb"])
@pytest.mark.parametrize("few", [True, False])
def test_the_system_messages_filter_matches_status_type_and_operation_as_shown(
        demo_store, lang, few, monkeypatch):
    """A status, a type, an operation in the language in use and 'system' (no user activated
    it) match as the list shows them; the other columns as before (the operation, key,
    message, description, users and group: a superset of the rest of what is shown)."""
    from licscreen.present.filter_words import event_words
    from licscreen.present.labels import event_name, status_label
    from licscreen.store.events import EventFilter, events
    from licscreen.store.events import queries as event_queries
    from licscreen.tui.events.rows import scope_label

    monkeypatch.setattr(event_queries, "FEW", 10**9 if few else -1)  # both ways a plan reads
    with speaking(lang):
        every = events(demo_store, EventFilter(), 0, 10**6)
        shown = {e.id: [event_name(e.key, e.name), status_label(e.status), e.message,
                        e.activated_by or event_words().system, scope_label(e)] for e in every}
        more = {e.id: [e.name, e.key, e.description or "", e.activated_by_name or ""]
                for e in every}
        texts = {t for cells in shown.values() for t in cells[1:2] + cells[3:] if t}
        texts |= {event_name(e.key, e.name) for e in every}
        assert {"Failed", "Feilet"} & texts or {"Active", "Aktiv"} & texts
        for text in sorted(texts | {"ai", "ing", "p: ", "!Failed", "!system"}):
            found = {e.id for e in events(demo_store, EventFilter(text, words=event_words()),
                                          0, 10**6)}
            match = TextFilter.parse(text)
            least = {k for k, cells in shown.items() if match.matches(cells)}
            most = {k for k, cells in shown.items() if match.matches(cells + more[k])}
            if text.startswith("!"):  # without it anywhere: at most those not showing it
                least, most = most, least
            assert least <= found <= most, text
            assert text not in texts or least, text  # each text is shown somewhere
