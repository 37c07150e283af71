"""What the seat-history tests share: the documented JSON of ``licscreen trend``."""

from __future__ import annotations

TREND_JSON_FIELDS = {
    "trend[]": {
        "owner": "string", "licence": "string", "description": "string", "day": "date",
        "in_use": "integer", "total": "integer or null", "free": "integer or null",
    },
}
