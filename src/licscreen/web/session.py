"""The app of one browser tab: ``python -m licscreen.web.session --db PATH --lang LANG
[--read-only]``, started by the web server (never by hand) with textual-serve's driver in its
environment. The server has checked the store and the options; a store that fails to open now
(removed since) is one line on stderr, which the server logs."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from licscreen import i18n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="licscreen.web.session")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--lang", choices=i18n.LANGUAGES, required=True)
    parser.add_argument("--read-only", action="store_true")
    args = parser.parse_args(argv)
    i18n.set_language(args.lang)
    from licscreen.store import Store, StoreError

    gc.disable()  # as licscreen.cli.run_app: start-up's objects, frozen out of the collector's way
    try:
        try:
            store = Store.open(args.db, read_only=True if args.read_only else None,
                               why=i18n._("served with --read-only") if args.read_only else None)
        except StoreError as error:
            print(f"licscreen: {error}", file=sys.stderr)
            return 2
        from licscreen.tui.app import LicScreenApp

        app = LicScreenApp(store)
        gc.freeze()
    finally:
        gc.enable()
    try:
        app.run()
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
