"""A SuperOffice REST API on 127.0.0.1 for the REST source's tests: a real HTTP server.

It serves ``GET …/api/v1/License``, the ``AllUsers`` and ``SystemEvents`` archives (OData
slim: ``{"odata.metadata", "value": [...]}``, ``$select``, ``$top``, ``$skip``) and
``POST …/api/v1/Agents/License/GetFencingInfo`` with the documented field names, checks the
``Authorization`` header, and misbehaves on request: a status for every call, a slow answer,
malformed JSON, a body trickling in, paging ignored. Every request is recorded (method,
path, query, headers).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

PASSWORD = "pw-Sekr3t!xyz"
TICKET = "7T:ticket-c2VjcmV0dGlja2V0"
TOKEN = "eyJhbGciOi.token-payload.signature"


def module(name: str, description: str, licence_type: str, number: int, **extra: Any) -> dict:
    """A ModuleLicense as ``GET /api/v1/License`` writes it."""
    return {"ModuleName": name, "ModuleDescription": description, "ModuleTooltip": extra.get(
        "tooltip", ""), "ModuleVersion": "", "LicenseType": licence_type,
        "Unrestricted": extra.get("unrestricted", False), "AllowedUserType": 1,
        "NumberOfLicenses": number, "ExtraFlags": extra.get("flags", 0),
        "ExtraInfo": extra.get("info", ""), "SortOrder": extra.get("order", 0),
        "IsHidden": extra.get("hidden", False),
        "PrerequisiteModuleName": extra.get("prerequisite", ""), "Signature": "c2ln"}


def owner(name: str, description: str, modules: list[dict], **dates: str) -> dict:
    """An ExtendedLicenseInfo: the owner's current LicenseInfo and its modules with usage."""
    info = {"CompanyName": "Nordlys AS", "SerialNr": "5012345678", "OwnerName": name,
            "OwnerDescription": description, "NextCheckDate": dates.get("next", ""),
            "MaintenanceDate": dates.get("maintenance", ""),
            "AdminWarningDate": dates.get("warning", ""),
            "ExpiryDate": dates.get("expiry", "0001-01-01T00:00:00"),
            "GraceDate": dates.get("grace", ""), "ExtraFlags": 0, "ExtraInfo": "",
            "LicenseUrl": "https://license.superoffice.com/LicenseSvc/LicenseService.svc",
            "LicenseVersion": "11.11", "DeploymentType": None, "ProductType": "Onsite",
            "ProductDescription": "SuperOffice CRM", "ModuleLicenses": modules,
            "PublicKey": "cHVi", "Signature": "c2ln"}
    return {"Reason": "", "CanBeActivated": False, "New": None, "Current": info,
            "ExtendedModuleLicenses": [
                {"New": None, "Current": m, "NumberOfLicensesInUse": 0, "NumberOfLicensesFree": 0,
                 "NumberOfLicensesAdded": 0, "NumberOfLicensesNewTotal": 0,
                 "NumberOfLicensesNewFree": 0, "NumberOfLicensesTotal": m["NumberOfLicenses"]}
                for m in modules],
            "AccumulatedNextCheckDate": "2027-01-10T03:24:52.0526089+02:00"}


def installation() -> dict[str, Any]:
    """A small installation: two owners, a plan granting modules, a hidden licence, a site
    licence, five users (one retired still holding a licence), three events of three scopes."""
    licences = [owner("SUPEROFFICE", "SuperOffice AS", [
        module("ten-sales", "SalesPREM", "UserLicense", 10, flags=1, order=1,
               info="set=user,web,pocket-crm-cal", tooltip="Sales plan"),
        module("user", "User", "UserLicense", 25, order=2, hidden=True),
        module("guide-cal", "Guide", "UserLicense", 5, unrestricted=True, order=3,
               prerequisite="user"),
        module("web", "Web", "SiteLicense", 1, order=4, flags=2),
    ], expiry="0001-01-01T00:00:00", grace="2027-03-31T00:00:00+01:00",
        maintenance="2027-12-31T00:00:00", next="2026-12-10T03:24:52.0526089+02:00",
        warning="2027-03-01T00:00:00")]
    licences.append(owner("ACME", "Acme Integrations", [
        module("acme-sync", "Acme Sync", 3, 4, order=1)], expiry="2027-06-30T00:00:00"))
    users = []
    for number, (login, name, group, active, holds) in enumerate([
        ("ADM", "Ada Admin", "Sales", True, ["superoffice_ten-sales", "superoffice_user"]),
        ("BOB", "Bob Berg", "Sales", True, ["superoffice_user", "acme_acme-sync"]),
        ("CAR", "Cara Øye", "Support", True, ["superoffice_guide-cal"]),
        ("OLD", "Old Timer", "Support", False, ["superoffice_ten-sales"]),
        ("EVE", "Eve Ny", "", True, []),
    ], start=10):
        row = {"associateDbId": number, "assocName": login, "fullName": name,
               "usergroup": group, "isActive": active, "canLogin": active,
               "userplan": "SalesPREM" if "superoffice_ten-sales" in holds else ""}
        for column in ("superoffice_ten-sales", "superoffice_user", "superoffice_guide-cal",
                       "acme_acme-sync"):
            row[column] = column in holds
        users.append(row)
    events = [
        {"SystemEvent_id": 1, "scope": 1, "type": "System", "owner": 0, "eventkey": "NoLogin",
         "eventname": "No login", "status": "Active", "eventmess": "Upgrade tonight",
         "extrainfo": 0, "eta": "", "registered": "2026-12-01T08:00:00",
         "registered_associate_id/associateDbId": 10, "updatedCount": 2},
        {"SystemEvent_id": 2, "scope": 2, "type": "Database", "owner": 0,
         "eventkey": "FreetextRebuild", "eventname": "Freetext rebuild", "status": "Running",
         "eventmess": "", "extrainfo": 0, "eta": "2026-12-04T16:00:00.1234567+01:00",
         "registered": "2026-12-04T13:00:00Z", "registered_associate_id/associateDbId": 0,
         "updatedCount": 0},
        {"SystemEvent_id": 3, "scope": 4, "type": "User", "owner": 12, "eventkey": "Custom",
         "eventname": "", "status": "", "eventmess": "hello", "extrainfo": 0, "eta": None,
         "registered": "2026-11-30T00:00:00", "registered_associate_id/associateDbId": 11,
         "updatedCount": 1},
    ]
    fencing = {"ActiveCount": 7, "Maximum": 10, "IsNearingMaximum": False,
               "HasReachedMaximum": False, "WarningMessage": "Active projects",
               "WarningTooltip": "", "TableRight": None, "FieldProperties": {}}
    return {"License": licences, "AllUsers": users, "SystemEvents": events, "fencing": fencing}


@dataclass
class SoServer:
    """What the server serves and how it behaves; tests change it between reads."""

    data: dict[str, Any] = field(default_factory=installation)
    auth: str = "basic"  # the scheme it accepts
    user: str = "ADM"
    prefix: str = "/SuperOffice"
    status: int | None = None  # answer every call with this status
    slow: float = 0.0  # wait this long before answering
    malformed: bool = False  # answer half a JSON document
    ignore_skip: bool = False  # every page starts at row 0
    ignore_top: bool = False  # every page runs to the last row
    trickle: float = 0.0  # send the body a byte at a time, this long apart
    fencing: bool = True  # False: GetFencingInfo is not there (404)
    requests: list[dict[str, Any]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def expected_header(self) -> str:
        if self.auth == "basic":
            return "Basic " + base64.b64encode(f"{self.user}:{PASSWORD}".encode()).decode()
        return {"ticket": f"SOTicket {TICKET}", "bearer": f"Bearer {TOKEN}"}[self.auth]

    def answer(self, method: str, path: str, query: dict[str, list[str]],
               headers: dict[str, str]) -> tuple[int, Any]:
        self.requests.append({"method": method, "path": path, "query": query, "headers": headers})
        if self.slow:
            self.stop.wait(self.slow)
        if self.status is not None:
            return self.status, {"Error": "as asked"}
        api = self.prefix + "/api/v1/"
        if not path.startswith(api):
            return 404, {"Error": "not found"}
        if headers.get("authorization") != self.expected_header():
            return 401, {"Error": "Authorization failed"}
        endpoint = path[len(api):].lower()
        if method == "GET" and endpoint == "license":
            return 200, self.data["License"]
        if method == "POST" and endpoint == "agents/license/getfencinginfo":
            return (200, self.data["fencing"]) if self.fencing else (404, {"Error": "no"})
        if method == "GET" and endpoint in ("archive/allusers", "archive/systemevents"):
            rows = self.data["AllUsers" if endpoint.endswith("allusers") else "SystemEvents"]
            return 200, self.archive(rows, query)
        return 404, {"Error": "not found"}

    def archive(self, rows: list[dict[str, Any]], query: dict[str, list[str]]) -> dict:
        select = query.get("$select", [""])[0].split(",")
        top = int(query.get("$top", ["1000"])[0])
        skip = 0 if self.ignore_skip else int(query.get("$skip", ["0"])[0])
        key = "associateDbId" if "associateDbId" in rows[0] else "SystemEvent_id"
        page = [{"PrimaryKey": row[key], "EntityName": "row",
                 **{column: row.get(column) for column in select if column}}
                for row in (rows[skip:] if self.ignore_top else rows[skip:skip + top])]
        return {"odata.metadata": "https://example.invalid/api/v1/archive$metadata",
                "odata.nextLink": "", "value": page}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        parts = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, body = self.server.so.answer(method, parts.path, parse_qs(parts.query), headers)
        raw = json.dumps(body, default=str).encode()
        if self.server.so.malformed and status == 200:
            raw = raw[: len(raw) // 2]
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            if status in (301, 302, 307, 308):
                self.send_header("Location", "https://crm.example.com/SuperOffice/api/v1/"
                                 f"License?ticket={TICKET}")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            if not self.server.so.trickle:
                self.wfile.write(raw)
            for byte in raw if self.server.so.trickle else b"":
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if self.server.so.stop.wait(self.server.so.trickle):
                    break
        except OSError:  # the client gave up (a timeout test)
            pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    so: SoServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up, a TLS handshake refused: the test looks at the client


@contextmanager
def serving(so: SoServer, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """Serve ``so`` on 127.0.0.1 at an ephemeral port; yields the installation's URL."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.so = so
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}{so.prefix}"
    finally:
        so.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def self_signed(directory: Path) -> tuple[ssl.SSLContext, Path]:
    """A TLS context with a fresh self-signed certificate for 127.0.0.1, and the certificate's
    file (a CA bundle that trusts it)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file = directory / "server.pem"
    key_file = directory / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context, cert_file
