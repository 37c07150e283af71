"""What the format and fault tests share: strict JSON, a store's content as one hash, and a
store whose figures are at the limits of what licscreen accepts."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any


def _no_constant(name: str) -> Any:
    raise ValueError(f"not JSON: {name}")


def strict_json(text: str) -> Any:
    """``text`` read as strict JSON: NaN, Infinity and -Infinity (which Python's json writes
    and reads by default) are refused."""
    return json.loads(text, parse_constant=_no_constant)


def dump_hash(path: Path) -> str:
    """Everything the store holds, as SQL (``iterdump``), hashed: equal means the same
    content. Read through a connection of its own, which writes nothing."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def set_column(path: Path, sql: str, *params: object) -> None:
    """One UPDATE on the store, as a hostile or careless tool would make it."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            assert conn.execute(sql, params).rowcount > 0, sql
    finally:
        conn.close()
