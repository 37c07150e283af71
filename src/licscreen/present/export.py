"""The shapes of the lists as files: the fields ``licscreen licences``, ``holders``,
``events list`` and ``usage`` write (docs/json-formats.md), CSV cells neutralised against
formulas, and strict JSON. The command line (``cli/formats.py``, ``cli/output.py``) and the
app's export (``w`` on a list) both write through these, so a file the app exports reads as the
command's output does.

No click, no Rich, no Textual.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from licscreen.store import ServiceMonth, UserRow
    from licscreen.store.models import Holder, Licence, SystemEvent

LICENCE_FIELDS = ["owner", "name", "description", "type", "in_use", "free", "total",
                  "unrestricted"]
HOLDER_FIELDS = ["owner", "licence", "user_id", "full_name", "valid_from", "valid_to",
                 "comment"]
USER_FIELDS = ["user_id", "full_name", "group", "plan", "licences", "last_login", "state"]
EVENT_FIELDS = ["id", "key", "name", "admin_type", "scope", "owner", "owner_id", "status",
                "message", "description", "activated", "activated_by", "ends", "overdue",
                "updated", "updated_by", "update_count"]
SERVICE_FIELDS = ["key", "name", "unit", "users", "used", "included", "ratio", "over", "charge",
                  "over_threshold", "projected", "projected_ratio", "projected_over",
                  "projected_charge", "projected_over_threshold"]
USAGE_CSV_FIELDS = ["month", "currency", *SERVICE_FIELDS]


def iso(value: date | datetime | None) -> str | None:
    """Dates as YYYY-MM-DD; moments in UTC as YYYY-MM-DDTHH:MM:SSZ."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


# CSV: a cell a spreadsheet would take for a formula (OWASP's "CSV injection") starts with one
# of these; a text cell that does gets a leading apostrophe and is quoted.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> tuple[str, bool]:
    """A cell as written, and whether it must be quoted (a neutralised formula).

    Numbers (int, float) are written as numbers (``-2`` stays ``-2``); text is cleaned of
    control characters and neutralised when a spreadsheet would read it as a formula."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("true" if value else "false"), False
    if isinstance(value, int | float):
        return str(value), False
    raw = str(value)
    text = raw
    if not text.isprintable():
        from licscreen.present.text import clean

        text = clean(text)  # controls shown as signs: a lone CR as ␍
    if text.lstrip(" ").startswith(FORMULA_STARTS) or raw.lstrip(" \t\r\n").startswith(
            FORMULA_STARTS):  # what a spreadsheet would trim before it looks
        return "'" + text, True
    return text, False


def csv_line(values: Iterable[object]) -> str:
    """One CSV record: the quoting of Python's csv module (excel), neutralised cells quoted."""
    cells = []
    for value in values:
        text, force = csv_cell(value)
        if force or any(ch in text for ch in ',"\r\n'):
            text = '"' + text.replace('"', '""') + '"'
        cells.append(text)
    if cells == [""]:
        cells = ['""']  # as the csv module does: a record, not a blank line
    return ",".join(cells) + "\n"



def licence_row(lic: Licence) -> dict[str, Any]:
    """A licence as --json and --csv give it; no counter (null) when unrestricted."""
    return {
        "owner": lic.owner,
        "name": lic.name,
        "description": lic.description,
        "type": lic.type.label,
        "in_use": lic.in_use,
        "free": None if lic.unrestricted else lic.free,
        "total": None if lic.unrestricted else lic.total,
        "unrestricted": lic.unrestricted,
    }


def holder_row(lic: Licence, holder: Holder) -> dict[str, Any]:
    return {
        "owner": lic.owner,
        "licence": lic.name,
        "user_id": holder.user_id,
        "full_name": holder.full_name,
        "valid_from": holder.valid_from.isoformat() if holder.valid_from else None,
        "valid_to": holder.valid_to.isoformat() if holder.valid_to else None,
        "comment": holder.comment,
    }


def user_json(user: UserRow) -> dict[str, Any]:
    """A user as the Users tab's export writes it (docs/json-formats.md)."""
    return {
        "user_id": user.user_id,
        "full_name": user.full_name,
        "group": user.group,
        "plan": user.plan,
        "licences": user.licences,
        "last_login": iso(user.last_login),
        "state": user.state.value,
    }


def event_json(event: SystemEvent, now: datetime) -> dict[str, Any]:
    from licscreen.store.events import admin_type

    kind = admin_type(event.key)
    return {
        "id": event.id,
        "key": event.key,
        "name": event.name,
        "admin_type": kind.cli_name if kind else None,
        "scope": event.scope.label,
        "owner": event.owner_name,
        "owner_id": event.owner_id,
        "status": event.status.value,
        "message": event.message,
        "description": event.description,
        "activated": iso(event.activated),
        "activated_by": event.activated_by,
        "ends": iso(event.ends),
        "overdue": event.is_overdue(now),
        "updated": iso(event.updated),
        "updated_by": event.updated_by,
        "update_count": event.update_count,
    }


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def service_json(row: ServiceMonth) -> dict[str, Any]:
    """One service's month; without a projection (a past month) it projects what was used."""
    from licscreen.store import Projection

    p = row.projection or Projection(row.used, row.over, row.charge, row.ratio)
    return {
        "key": row.service.key,
        "name": row.service.name,
        "unit": row.service.unit,
        "users": row.users,
        "used": row.used,
        "included": row.included,
        "ratio": rounded(row.ratio, 4),
        "over": row.over,
        "charge": row.charge,
        "over_threshold": row.is_over,
        "projected": rounded(p.amount),
        "projected_ratio": rounded(p.ratio, 4),
        "projected_over": rounded(p.over),
        "projected_charge": p.charge,
        "projected_over_threshold": p.amount > row.included,
    }


def consumption_json(month: str, currency: str, rows: list[ServiceMonth],
                     shown: list[ServiceMonth] | None = None) -> dict[str, Any]:
    """One month as ``status --json`` gives its consumption (the same fields, the same figures);
    ``shown``: the services listed (the app's view of them), the totals still the month's."""
    from licscreen.store import invoice_total, projected_invoice_total

    return {
        "month": month,
        "currency": currency,
        "invoice_total": invoice_total(rows),
        "projected_invoice_total": projected_invoice_total(rows),
        "services": [service_json(row) for row in (rows if shown is None else shown)],
    }


def usage_csv_rows(months: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """``usage --csv``: a row per service of each month (``consumption_json``'s)."""
    for month in months:
        for service in month["services"]:
            yield {"month": month["month"], "currency": month["currency"], **service}


def strict_json(data: object, *, indent: int | None = 2) -> str:
    """JSON as the command line writes it: keys sorted, ASCII only; a NaN or an infinity raises
    ValueError (no JSON parser must accept one)."""
    return json.dumps(data, indent=indent, sort_keys=True, allow_nan=False)


def write_rows(file: Any, fields: list[str], rows: Iterable[dict[str, Any]], *, as_json: bool,
               progress: Any = None, every: int = 1_000) -> int:
    """Write ``rows`` to the text ``file`` as ``--csv`` (a header row) or ``--json`` (a list)
    write them, one row at a time: a million rows cost no more memory than one. ``progress``
    (called with the rows written so far, every ``every`` rows) may raise to stop. Returns the
    rows written."""
    written = 0
    if not as_json:
        file.write(csv_line(fields))
    for row in rows:
        if as_json:
            text = strict_json(row).replace("\n", "\n  ")
            file.write(("," if written else "[") + "\n  " + text)
        else:
            file.write(csv_line(row[field] for field in fields))
        written += 1
        if progress is not None and written % every == 0:
            progress(written)
    if as_json:
        file.write("\n]\n" if written else "[]\n")
    return written
