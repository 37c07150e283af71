"""What the events tests share: the pinned JSON fields of ``licscreen events``, and the
reasons an InvalidEvent gives."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from licscreen.store.events import InvalidEvent

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


def errors_of(call: Callable[[], object]) -> dict[str, str]:
    """The reasons, by field, of the InvalidEvent that ``call()`` raises."""
    with pytest.raises(InvalidEvent) as caught:
        call()
    return caught.value.errors
