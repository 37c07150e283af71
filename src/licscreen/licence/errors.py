"""The one error of the licence update flow: a refusal, with one line a person can act on."""

from __future__ import annotations


class LicenceRefused(Exception):
    """A licence file, or an activation, was refused; ``str(error)`` is one line.

    Nothing is written to the store when this is raised.
    """

    def __str__(self) -> str:
        # A message may quote the file (a field name); its line breaks never break the line.
        return " ".join(super().__str__().splitlines())
