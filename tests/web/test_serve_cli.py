"""``licscreen serve``'s refusals and defaults, before any browser: the extra, the address, the
store; and what the server gives a browser (the page, the websocket's origin)."""

from __future__ import annotations

import http.client
import subprocess
import sys
from pathlib import Path

import pytest

from licscreen.paths import DB_ENV
from licscreen.web.server import PageChanged, origin_of, page_template
from tests.kit.browser import environment, free_port, open_app, serve_command, serving
from tests.kit.cli import assert_one_line_error, run
from tests.kit.files import dump_hash, within
from tests.kit.installations import write_config


def test_without_the_web_extra_it_says_what_to_install(demo_path, monkeypatch):
    for name in [name for name in sys.modules if name.startswith("licscreen.web")]:
        monkeypatch.delitem(sys.modules, name)
    for name in ["textual_serve", *(name for name in sys.modules
                                    if name.startswith("textual_serve."))]:
        monkeypatch.setitem(sys.modules, name, None)  # not installed
    with within(30):  # were it to serve after all, the test fails rather than waits
        result = run("serve", "--db", str(demo_path), "--port", str(free_port()))
    assert_one_line_error(result, "pip install 'licscreen[web]'")


LOADED = ("import sys; from licscreen.cli import main\n"
          "try: main(sys.argv[1:])\nexcept SystemExit: pass\n"
          "print(sorted(m for m in sys.modules if m.partition('.')[0] in "
          "('aiohttp', 'textual_serve', 'textual') or m.startswith('licscreen.web')))")


@pytest.mark.parametrize("args", [["--help"], ["serve", "--help"]])
def test_the_web_server_is_loaded_only_when_serving(args):
    done = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True,
                          text=True, env=environment(), check=True)
    assert "serve" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "licences.example.com", "::"])
def test_another_address_than_loopback_needs_a_public_url(demo_path, host):
    before = dump_hash(demo_path)
    result = run("serve", "--db", str(demo_path), "--host", host)
    assert_one_line_error(result, f"--host {host}", "--public-url")
    assert dump_hash(demo_path) == before


@pytest.mark.parametrize("url", ["licences.example.com", "ftp://licences.example.com",
                                 "https://", "https://admin:secret@licences.example.com",
                                 "https://licences.example.com/?a=1",
                                 "https://licences.example.com:99999"])
def test_a_public_url_is_an_http_address(demo_path, url):
    result = run("serve", "--db", str(demo_path), "--host", "0.0.0.0", "--public-url", url)
    assert_one_line_error(result, "--public-url")


def test_read_only_needs_a_store_and_makes_none(tmp_path):
    missing = tmp_path / "none.db"
    assert_one_line_error(run("serve", "--db", str(missing), "--read-only"), str(missing),
                          "no store there")
    assert not missing.exists()


def test_a_file_that_is_no_store_is_refused_before_serving(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("not a store\n")
    assert_one_line_error(run("serve", "--db", str(notes)), str(notes))


def test_a_port_in_use_is_one_line(demo_path):
    with serving(demo_path) as served:  # another process: this one runs Playwright's loop
        done = subprocess.run(serve_command(demo_path, "--port", str(served.port)),
                              capture_output=True, text=True, env=environment(), timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"licscreen: cannot listen on 127.0.0.1:{served.port}: ")
    assert len(done.stderr.splitlines()) == 1


def test_a_public_server_says_there_is_no_authentication_and_takes_its_origin(demo_path):
    public = "https://licences.example.com"
    with serving(demo_path, "--host", "0.0.0.0", "--public-url", public + "/") as served:
        conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
        conn.request("GET", "/")
        page = conn.getresponse().read().decode()
        conn.close()
        served.stop()
    said = served.process.stdout.read() + served.process.stderr.read()  # type: ignore[union-attr]
    assert f"at {public} " in said and "No authentication" in said
    assert f'"{public}/static/js/textual.js"' in page  # the browser's URLs: the proxy's
    assert "wss://licences.example.com/ws" in page


def test_the_page_template_fails_loudly_when_textual_serve_changes_it(tmp_path):
    import textual_serve

    shipped = Path(textual_serve.__file__).parent
    page = page_template(shipped / "templates", shipped / "static")
    assert "fonts.googleapis.com" not in page and "@font-face" in page
    changed = tmp_path / "templates"
    changed.mkdir()
    (changed / "app_index.html").write_text(
        page.replace("<style>", '<link rel="stylesheet" href="https://cdn.example/x.css">', 1))
    with pytest.raises(PageChanged):
        page_template(changed, shipped / "static")


@pytest.mark.parametrize(("url", "origin"), [
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ("https://Licences.Example.com:443/licscreen", "https://licences.example.com"),
    ("http://[::1]:8000/", "http://[::1]:8000"),
    ("null", None), ("", None), ("http://host:99999", None)])
def test_an_origin_is_scheme_host_and_port(url, origin):
    assert origin_of(url) == origin


def test_serve_serves_the_store_the_command_line_names(tmp_path):
    """--db, else --installation's store, else LICSCREEN_DB: as every command (here shown
    by the refusal of a store not there yet, which --read-only does not make)."""
    named, variable = tmp_path / "named.db", tmp_path / "variable.db"
    env = write_config(tmp_path, {"prod": {"store": str(named), "from-db": "sqlite:///so.db"}})
    assert_one_line_error(run("--installation", "prod", "serve", "--read-only",
                              env={**env, DB_ENV: str(variable)}), str(named))
    assert_one_line_error(run("serve", "--read-only", env={DB_ENV: str(variable)}),
                          str(variable))


def test_the_language_and_the_store_reach_every_session(demo_path, browser, pages):
    with serving(demo_path, "--lang", "nb") as served:
        pages.append(open_app(browser, served.url, shows=("Systemlisenser", "Brukerlisenser")))
        (app,) = served.apps()
        argv = (Path("/proc") / str(app) / "cmdline").read_bytes().split(b"\0")
        assert [b"--db", str(demo_path).encode(), b"--lang", b"nb"] == argv[3:7]


def listening(port: int) -> set[str]:
    """The local addresses (hex, as /proc/net/tcp* shows them) listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if int(hex_port, 16) == port and state == "0A":  # LISTEN
                found.add(address)
    return found


def test_it_listens_on_this_machine_only_by_default(demo_path):
    with serving(demo_path) as served:
        assert listening(served.port) == {"0100007F"}  # 127.0.0.1, and nothing else
        served.stop()
    said = served.process.stdout.read()  # type: ignore[union-attr]
    assert f"at http://127.0.0.1:{served.port} " in said
