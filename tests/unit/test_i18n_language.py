"""Which language licscreen speaks: --lang, else LICSCREEN_LANG, else LC_ALL, LC_MESSAGES,
LANG (nb, no, nn and their _NO forms are bokmål), else English; and what changes with it, when
it is set: the command line's words are translated when they are shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from licscreen import i18n
from licscreen.i18n import choose_language, normalize
from tests.kit.cli import run as run_here


@pytest.mark.parametrize("variable", ["LICSCREEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"])
@pytest.mark.parametrize("value", ["nb", "no", "nn", "nb_NO", "no_NO.UTF-8", "nn_NO.utf8",
                                   "nb-NO", "nb_NO.UTF-8@euro"])
def test_each_variable_chooses_bokmal(variable, value):
    assert choose_language(environ={variable: value}) == "nb"


@pytest.mark.parametrize("variable", ["LICSCREEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"])
@pytest.mark.parametrize("value", ["en", "en_GB.UTF-8", "C", "POSIX", "C.UTF-8", "sv_SE", "de"])
def test_other_languages_are_english(variable, value):
    assert choose_language(environ={variable: value}) == "en"


def test_nothing_set_is_english():
    assert choose_language(environ={}) == "en"
    assert choose_language(environ={"LANG": "", "LC_ALL": " "}) == "en"


def test_the_first_that_is_set_wins():
    everything = {"LICSCREEN_LANG": "en", "LC_ALL": "nb_NO", "LC_MESSAGES": "nb", "LANG": "nb"}
    assert choose_language(environ=everything) == "en"
    assert choose_language("nb", environ=everything) == "nb"  # --lang beats them all
    assert choose_language("en", environ={"LANG": "nb_NO.UTF-8"}) == "en"
    assert choose_language(environ={"LC_ALL": "C", "LANG": "nb_NO.UTF-8"}) == "en"  # POSIX
    assert choose_language(environ={"LC_ALL": "", "LC_MESSAGES": "no", "LANG": "en"}) == "nb"
    assert choose_language(environ={"LICSCREEN_LANG": "", "LANG": "nn_NO"}) == "nb"


def test_normalize():
    assert normalize("NB_no.UTF-8") == "nb" and normalize("en_US") == "en"
    assert normalize(None) is None and normalize("") is None


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m licscreen ARGS`` with only these language variables set."""
    clean = {k: v for k, v in os.environ.items()
             if k not in {"LICSCREEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"}}
    return subprocess.run([sys.executable, "-m", "licscreen", *args], capture_output=True,
                          text=True, env={**clean, "COLUMNS": "100", **env}, check=False)


def test_the_option_translates_help_options_and_click(demo_path: Path):
    out = run("--lang", "nb", "--help").stdout
    assert "Bruk: python -m licscreen" in out and "Lisenser-bildet fra SuperOffice CRM" in out
    assert "Vis denne meldingen og avslutt." in out and "Datalagerfilen." in out
    assert "Kommandoer:" in out and "Opprett et datalager med vilje." in out
    error = run("--lang", "nb", "statu", LANG="en_US.UTF-8")
    assert error.returncode == 2 and "Feil: Kommandoen 'statu' finnes ikke." in error.stderr


def test_the_locale_alone_gives_bokmal_and_lang_en_overrides_it(demo_path: Path):
    now = "--now=2026-11-28T09:00:00Z"
    nb = run("status", "--db", str(demo_path), now, LC_ALL="nb_NO.UTF-8").stdout
    assert "Lisenseiere" in nb and "26. feb. 2027" in nb and "Aktive systemhendelser" in nb
    assert "Faktura hittil: 1,23\u00a0kr" in nb
    en = run("--lang", "en", "status", "--db", str(demo_path), now, LANG="nb_NO.UTF-8").stdout
    assert "Licence owners" in en and "26 Feb 2027" in en and "NOK 1.23" in en


def test_json_stays_english_and_the_same(demo_path: Path):
    now = "--now=2026-11-28T09:00:00Z"
    en = run("status", "--json", "--db", str(demo_path), now, LICSCREEN_LANG="en")
    nb = run("--lang", "nb", "status", "--json", "--db", str(demo_path), now)
    assert en.returncode == nb.returncode == 0
    assert json.loads(nb.stdout) == json.loads(en.stdout)
    assert '"status": "running"' in nb.stdout


@pytest.fixture
def english_afterwards():
    yield
    i18n.set_language("en")


def test_the_language_can_change_in_one_process(english_afterwards):
    """Option help, command help and click's words follow the language of the moment."""
    nb = run_here("--lang", "nb", "events", "add", "--help", env={"COLUMNS": "100"}).stdout
    assert "Bruk: licscreen events add" in nb and "En kort melding (én linje)." in nb
    assert "Vis denne meldingen og avslutt." in nb
    en = run_here("--lang", "en", "events", "add", "--help", env={"COLUMNS": "100"}).stdout
    assert "Usage: licscreen events add" in en and "A short message (one line)." in en
    assert "Show this message and exit." in en and "Add an administrator's event" in en
    i18n.set_language("nb")
    assert "Opprett et datalager med vilje." in run_here("--help").stdout
    assert "licscreen, versjon" in run_here("--version").stdout


APP_KEYS = """
import sys
from textual.app import App
from licscreen.i18n import _
App.run = lambda app, *args, **kwargs: print([_(b.description) for b in app.BINDINGS][:2])
import licscreen.cli
licscreen.cli.require_terminal = lambda: None  # its output is a pipe: as if on a terminal
licscreen.cli.main(sys.argv[1:])
"""


def test_lang_nb_opens_the_app_in_bokmal(demo_path: Path):
    """``--lang nb`` holds when the app runs: its keys are shown in bokmål."""
    keys = subprocess.run([sys.executable, "-c", APP_KEYS, "--lang", "nb", "--db",
                           str(demo_path)], capture_output=True, text=True, check=True,
                          env={**os.environ, "LICSCREEN_LANG": "en"}).stdout
    assert keys.strip() == "['Avslutt', 'Hjelp']"


def test_english_never_loads_babel():
    code = ("import sys, datetime; from licscreen.i18n import l10n; "
            "print(l10n.fmt_date(datetime.date(2026, 12, 1)), l10n.fmt_money(1234.5, 'NOK')); "
            "print('babel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "LICSCREEN_LANG": "en"}, check=True).stdout
    assert out.split("\n")[:2] == ["01 Dec 2026 NOK 1,234.50", "False"]
