"""licscreen's message catalogues: extract, update the .po files, compile the .mo files, check.

    python scripts/i18n.py update    # extract, then merge new msgids into every .po (untranslated)
    python scripts/i18n.py compile   # .po -> .mo (committed: the package loads them as they are)
    python scripts/i18n.py check     # exit 1 if a msgid lacks a translation or a .mo is stale

The msgids are (see docs/i18n.md):
- every ``_("...")``, ``N_("...")`` and ``ngettext("...", "...", n)`` under src/licscreen, the
  options' help (``help=N_("...")``) among them;
- every command's help: the docstring click shows, walked from ``licscreen.cli.main`` through
  ``list_commands``/``get_command``, so that the lazily loaded commands are all there;
- click's own words ("Usage:", "Error: ..."), from click's source (licscreen.cli.i18n routes
  them through the catalogue), less those only a developer meets.

The tests (tests/unit/test_i18n_catalogue.py) use the same functions.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "licscreen"
LOCALE_DIR = PACKAGE / "i18n" / "locale"
DOMAIN = "licscreen"
LANGUAGES = ["nb"]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
WIDTH = 100
HEADER = """\
# licscreen's messages in Norwegian bokmål.
# Made and merged by scripts/i18n.py (docs/i18n.md); edit the msgstr lines only."""

# click's words that only a developer meets (a bad decorator, a missing stream) stay English.
CLICK_SKIP_FILES = {"_winconsole.py", "_termui_impl.py", "shell_completion.py", "utils.py"}
CLICK_SKIP = {
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Unknown color {colour!r}",
    "Value must be an iterable.",
    "Invalid start character for option ({option})",
}


def _python_messages(folder: Path, prefix: str, skip_files: set[str] = frozenset()
                     ) -> Iterator[tuple[str | tuple[str, str], str, list[str]]]:
    for filename, lineno, message, comments, _context in extract_from_dir(
        str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
    ):
        if Path(filename).name in skip_files or not message:
            continue
        yield message, f"{prefix}{filename}:{lineno}", comments


def _command_help() -> Iterator[tuple[str, str, list[str]]]:
    """The help click shows for each command: its docstring, in English."""
    from licscreen.i18n import set_language

    set_language("en")
    from licscreen.cli import main
    from licscreen.cli.i18n import help_msgid, walk

    for command, _ctx in walk(main):
        msgid = help_msgid(command)
        if msgid:
            where = f"{command.callback.__module__}.{command.callback.__name__}"
            yield msgid, where, ["help of a command (its docstring)"]


def _click_messages() -> Iterator[tuple[str | tuple[str, str], str, list[str]]]:
    import click

    for message, where, _comments in _python_messages(Path(click.__file__).parent, "click/",
                                                      CLICK_SKIP_FILES):
        if (message[0] if isinstance(message, tuple) else message) not in CLICK_SKIP:
            yield message, where, ["click's own words"]


def extract() -> Catalog:
    """The template: every msgid licscreen shows, with where it comes from."""
    template = Catalog(project="licscreen", domain=DOMAIN, fuzzy=False)
    sources = [_python_messages(PACKAGE, "src/licscreen/"), _command_help(), _click_messages()]
    for source in sources:
        for message, where, comments in source:
            path, _sep, line = where.rpartition(":")
            location = (path, int(line)) if line.isdigit() else (where, None)
            existing = template.get(message[0] if isinstance(message, tuple) else message)
            if existing is not None:
                existing.locations.append(location)
                continue
            template.add(message, locations=[location], auto_comments=comments)
    return template


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def read_catalog(lang: str) -> Catalog:
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, omit_header=False, ignore_obsolete=True,
             include_previous=False, include_lineno=False, sort_output=False)
    return buffer.getvalue()


def update(template: Catalog) -> None:
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            catalog = read_catalog(lang)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, domain=DOMAIN, project="licscreen",
                              header_comment=HEADER, language_team="Norwegian Bokmål")
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False,
                       update_creation_date=False)
        catalog.fuzzy = False
        path.write_bytes(_po_bytes(catalog))
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, "
              f"{len(untranslated(template, catalog))} to translate")


def untranslated(template: Catalog, catalog: Catalog) -> list[str]:
    """The msgids of ``template`` that ``catalog`` lacks, leaves empty, or marks fuzzy."""
    missing = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id)
        strings = [] if entry is None else (
            list(entry.string) if isinstance(entry.string, tuple) else [entry.string])
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return missing


def compile_all() -> None:
    for lang in LANGUAGES:
        mo_path(lang).write_bytes(compiled(read_catalog(lang)))
        print(f"{mo_path(lang).relative_to(ROOT)} written")


def check(template: Catalog) -> int:
    status = 0
    for lang in LANGUAGES:
        catalog = read_catalog(lang)
        for msgid in untranslated(template, catalog):
            print(f"{lang}: not translated: {msgid!r}")
            status = 1
        if not mo_path(lang).exists() or mo_path(lang).read_bytes() != compiled(catalog):
            print(f"{lang}: {mo_path(lang).name} is older than the .po: run compile")
            status = 1
    return status


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in {"update", "compile", "check"}:
        print(__doc__)
        return 2
    if argv[0] == "update":
        update(extract())
    elif argv[0] == "compile":
        compile_all()
    else:
        return check(extract())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
