"""What the events tests share: the pinned JSON fields of ``licscreen events``."""

from __future__ import annotations

# docs/json-formats.md, section `events[]`: field -> type, exactly.
EVENT_JSON_FIELDS = {
    "events[]": {
        "id": "integer", "key": "string", "name": "string", "admin_type": "string or null",
        "scope": "string", "owner": "string or null", "owner_id": "integer", "status": "string",
        "message": "string", "description": "string", "activated": "moment",
        "activated_by": "string or null", "ends": "moment or null", "overdue": "boolean",
        "updated": "moment or null", "updated_by": "string or null", "update_count": "integer",
    },
}
