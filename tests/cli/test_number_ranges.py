"""Numbers from the command line and from files: out of their range, or not in ASCII digits
(``'١٢'``, ``'²'``, which Python's ``int()`` and ``\\d`` take), they are refused with one line
naming the option or the line, exit code 2 (``check``: UNKNOWN, 3), and the store is left
exactly as it was; never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.kit.cli import NOW, assert_one_line_error, run
from tests.kit.licence import demo_file, module, payload_of, sign_payload
from tests.kit.strict import dump_hash

HUGE = "99999999999999999999999"
ARABIC_12 = "\u0661\u0662"  # ١٢
ADD = ("events", "add", "--type", "no-travel", "--message", "x")

# (arguments after the store, what the one line names)
REFUSED = [
    (("events", "update", HUGE, "--message", "x"), f"'{HUGE}' is not a whole number from 1"),
    (("events", "delete", HUGE), f"'{HUGE}' is not a whole number from 1"),
    (("events", "update", ARABIC_12, "--message", "x"), "is not a whole number"),
    (("events", "delete", "\u00b2"), "'\u00b2' is not a whole number"),
    (("events", "delete", "0"), "'0' is not a whole number from 1"),
    (("events", "delete", "-1"), "events delete: No such option '-1'"),
    (("events", "delete", " 7"), "' 7' is not a whole number"),
    ((*ADD, "--ends", "+999999999999d"), "--ends: '+999999999999d' is more than 100 years ahead"),
    ((*ADD, "--ends", "+" + "9" * 5000 + "d"), "is more than 100 years ahead"),
    ((*ADD, "--ends", "+36600d"), "--ends: '+36600d' is more than 100 years ahead"),
    ((*ADD, "--ends", "+99999999h"), "is more than 100 years ahead"),
    ((*ADD, "--ends", "9999-12-31T23:59-05:00"), "is more than 100 years ahead"),
    ((*ADD, "--ends", f"+{ARABIC_12}d"), "is not a date and time"),
    ((*ADD, "--scope", f"group:{HUGE}"), f"--scope: no group '{HUGE}' in the store"),
    ((*ADD, "--scope", "group:\u00b2"), "--scope: no group '\u00b2' in the store"),
    (("usage", "--months", ARABIC_12), "Invalid value for '--months'"),
    (("usage", "--months", "121"), "'121' is not a whole number from 1 to 120"),
    (("usage", "--month", "0000-01"), "--month: '0000-01' is not YYYY-MM"),
    (("usage", "--month", "\u0662\u0660\u0662\u0666-11"), "is not YYYY-MM"),
    (("init", "--force", "--events", HUGE), "Invalid value for '--events'"),
    (("init", "--force", "--users", ARABIC_12), "Invalid value for '--users'"),
    (("demo", "licence", "--set", f"ten-sales-premium={HUGE}"), "the total is not a whole number"),
    (("demo", "licence", "--set", f"ten-sales-premium={ARABIC_12}"), "not a whole number"),
    (("demo", "licence", "--set", "ten-sales-premium=0"), "from 1 to 2147483647"),
]


@pytest.mark.parametrize(("args", "fragment"), REFUSED, ids=[" ".join(a)[:50] for a, _f in REFUSED])
def test_a_number_out_of_range_is_one_line_and_changes_nothing(demo_path: Path, args, fragment):
    before = dump_hash(demo_path)
    timed = args[0] in ("events", "usage", "demo") and args[1] != "delete"
    result = run(*args, "--db", str(demo_path), *(NOW if timed else ()))
    assert_one_line_error(result, fragment)
    assert dump_hash(demo_path) == before


@pytest.mark.parametrize("option", ["--warn-days", "--crit-days", "--failed-days"])
@pytest.mark.parametrize("value", [HUGE, "36501", ARABIC_12, "-1"])
def test_check_days_out_of_range_are_unknown(demo_path: Path, option, value):
    result = run("check", option, value, "--db", str(demo_path), *NOW)
    assert result.exit_code == 3
    assert result.stdout.startswith("LICSCREEN UNKNOWN - ") and len(result.stdout.splitlines()) == 1
    assert f"Invalid value for '{option}'" in result.stdout


def test_the_limits_themselves_are_taken(demo_path: Path):
    assert run("check", "--warn-days", "36500", "--crit-days", "36500", "--failed-days", "36500",
               "--db", str(demo_path), *NOW).exit_code in (0, 1, 2)
    result = run(*ADD, "--ends", "+36500d", "--db", str(demo_path), *NOW)
    assert result.exit_code == 0, result.output
    result = run("usage", "--months", "120", "--month", "1970-01", "--db", str(demo_path), *NOW)
    assert result.exit_code == 0, result.output


# usage import: every number in the file

BAD_NUMBERS = [
    ("users too many", f"mailings,2026-11,100,{HUGE}", f"users {HUGE} is more than 10000000"),
    ("users past the limit", "mailings,2026-11,100,10000001",
     "users 10000001 is more than 10000000"),
    ("users in Arabic-Indic digits", f"mailings,2026-11,100,{ARABIC_12}",
     f"users '{ARABIC_12}' is not a whole number of 0 or more"),
    ("users superscript", "mailings,2026-11,100,\u00b2",
     "users '\u00b2' is not a whole number of 0 or more"),
    ("amount at the edge of a float", "storage,2026-11,1.79e308,40",
     "amount 1.79e308 is more than 1000000000000000"),
    ("amount past a float", "storage,2026-11,1e999,40",
     "amount 1e999 is more than 1000000000000000"),
    ("amount past the limit", "mailings,2026-11,1000000000000001,40",
     "amount 1000000000000001 is more than 1000000000000000"),
    ("amount in Arabic-Indic digits", f"mailings,2026-11,{ARABIC_12},40",
     f"amount '{ARABIC_12}' is not a number"),
    ("amount with underscores", "mailings,2026-11,1_000,40", "amount '1_000' is not a number"),
    ("amount nan", "mailings,2026-11,nan,40", "amount 'nan' is not a number"),
    ("month in Arabic-Indic digits", "mailings,\u0662\u0660\u0662\u0666-11,100,40",
     "month '\u0662\u0660\u0662\u0666-11' is not YYYY-MM"),
    ("month year 0", "mailings,0000-11,100,40", "month '0000-11' is not YYYY-MM"),
    ("month year 3000", "mailings,3000-01,100,40", "month '3000-01' is not YYYY-MM"),
]


@pytest.mark.parametrize(("row", "message"), [(r, m) for _k, r, m in BAD_NUMBERS],
                         ids=[k for k, _r, _m in BAD_NUMBERS])
def test_a_number_out_of_range_in_an_import_is_named(demo_path: Path, tmp_path: Path, row,
                                                     message):
    path = tmp_path / "usage.csv"
    path.write_text(f"service,month,amount,users\nstorage,2026-11,1,1\n{row}\n", encoding="utf-8")
    before = dump_hash(demo_path)
    result = run("usage", "import", str(path), "--db", str(demo_path))
    assert_one_line_error(result, f"{path}, line 3: {message}")
    assert dump_hash(demo_path) == before


def test_an_import_at_the_limits_is_taken(demo_path: Path, tmp_path: Path):
    path = tmp_path / "usage.csv"
    path.write_text("service,month,amount,users\nstorage,2999-12,1e15,10000000\n"
                    "mailings,1970-01,1000000000000000,0\nchat-sessions,2026-11,-0,0\n")
    result = run("usage", "import", str(path), "--db", str(demo_path))
    assert result.exit_code == 0, result.output


# Licence files: every number in them (signed, so only a vendor could send them; still checked)

LICENCE_NUMBERS = {
    "total past 32 bits": (("module", "total", 2**31), '"total" is out of range'),
    "total of 30 digits": (("module", "total", 10**30), '"total" is out of range'),
    "sort order past 32 bits": (("module", "sort_order", -(2**31)), '"sort_order" is out of range'),
    "version past 32 bits": (("licence", "licence_version", 2**31),
                             '"licence_version" is out of range'),
    "expiry in Arabic-Indic digits": (("licence", "expires", "\u0662\u0660\u0662\u0667-01-01"),
                                      '"expires" must be a date'),
}


@pytest.mark.parametrize("case", LICENCE_NUMBERS)
def test_a_number_out_of_range_in_a_licence_file_is_one_line(demo_path: Path, tmp_path: Path,
                                                             case):
    (where, key, value), message = LICENCE_NUMBERS[case]
    payload = payload_of(demo_file(demo_path, lower=False))
    (module(payload, "ten-cs") if where == "module" else payload)[key] = value
    path = tmp_path / "licence.json"
    path.write_bytes(sign_payload(payload))
    before = dump_hash(demo_path)
    result = run("licence", "load", str(path), "--db", str(demo_path), *NOW)
    assert_one_line_error(result, message)
    assert dump_hash(demo_path) == before
