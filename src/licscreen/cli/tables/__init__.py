"""Rich tables for people, one module per command; imported only by the function that prints.

``STYLES``: how a level (normal, warning, error) is shown in every table.
"""

from __future__ import annotations

from licscreen.store.models import Level

STYLES = {Level.NORMAL: "", Level.WARNING: "bold yellow", Level.ERROR: "bold red"}
