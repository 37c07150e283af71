"""licscreen.licence.files: the one reader of licence and key files, for the command line and
the app. Its limits, and a FIFO swapped in between the check and the open."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from licscreen.licence.errors import LicenceRefused
from licscreen.licence.files import (
    MAX_KEY_BYTES,
    MAX_LICENCE_BYTES,
    read_key_file,
    read_licence_file,
)
from tests.kit.files import release, within


@pytest.mark.parametrize(("read", "limit"), [(read_licence_file, MAX_LICENCE_BYTES),
                                             (read_key_file, MAX_KEY_BYTES)])
def test_a_file_up_to_the_limit_is_read_and_one_byte_more_is_refused(read, limit,
                                                                     tmp_path: Path):
    path = tmp_path / "file"
    path.write_bytes(b"x" * limit)
    assert read(path) == b"x" * limit
    path.write_bytes(b"x" * (limit + 1))
    with pytest.raises(LicenceRefused, match="larger than") as refused:
        read(path)
    assert str(refused.value).startswith(f"{path}: ")


def test_a_missing_file_is_refused_naming_it(tmp_path: Path):
    with pytest.raises(LicenceRefused, match=r"missing.json: cannot be read \("):
        read_licence_file(tmp_path / "missing.json")


def test_a_fifo_swapped_in_after_the_check_is_refused_without_waiting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The path is checked, then opened without waiting, then the file opened is checked: a
    FIFO that took a regular file's place in between is refused, not waited on."""
    fifo = tmp_path / "swapped.json"
    os.mkfifo(fifo)
    real_stat = os.stat

    def as_if_regular(path, *args, **kwargs):
        result = real_stat(path, *args, **kwargs)
        if Path(path) == fifo:  # what the check saw, before the swap
            return os.stat_result((stat.S_IFREG | 0o644, *tuple(result)[1:]))
        return result

    monkeypatch.setattr(os, "stat", as_if_regular)
    try:
        with within(10), pytest.raises(LicenceRefused, match="named pipe"):
            read_licence_file(fifo)
    finally:
        monkeypatch.undo()
        release(fifo)
