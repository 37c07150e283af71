"""A config file of named installations (licscreen/installations.py) in a test's folder."""

from __future__ import annotations

from pathlib import Path

from licscreen.installations import CONFIG_ENV


def write_config(folder: Path, entries: dict[str, dict[str, str]] | str) -> dict[str, str]:
    """``folder/config.toml`` naming ``entries`` ({name: {key: value}}), or holding the text
    given; the environment that points licscreen at it."""
    path = folder / "config.toml"
    if isinstance(entries, str):
        path.write_text(entries, encoding="utf-8")
    else:
        lines = []
        for name, keys in entries.items():
            lines.append(f"[installations.{name}]")
            lines += [f"{key} = {_quoted(value)}" for key, value in keys.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {CONFIG_ENV: str(path)}


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


INSTALLATIONS_JSON_FIELDS = {
    "installations": {"config": "string", "installations": "array"},
    "installations.installations[]": {
        "name": "string", "store": "string", "kind": "string", "source": "string",
        "synced": "moment or null", "changes": "object or null", "error": "string or null"},
}
