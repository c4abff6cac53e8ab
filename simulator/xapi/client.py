"""Talking to the Learning Record Store: POST statements in batches, GET them back page by page.

The standard library's ``urllib`` is enough (two kinds of request, JSON both ways), so there
is no HTTP dependency. Every request carries ``X-Experience-API-Version: 1.0.3`` and Basic
auth. Failures become ``LrsError`` with a ``kind`` the sender decides on —
``offline`` (no connection, DNS, refused), ``timeout``, ``auth`` (401/403), ``invalid`` (400:
the statements themselves), ``conflict`` (409: a different statement already has an id),
``server`` (5xx and anything else) — and a one-line message that never holds a credential.

A batch is sent as the stored JSON texts joined into one array, never parsed and dumped
again, so a retry sends byte for byte what the first attempt did.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Iterator, Optional, Sequence

from simulator.xapi.config import LrsConfig
from simulator.xapi.profile import VERSION

TIMEOUT = 15.0  # seconds for one request; a slow LRS costs the sender's thread, never a front end
MAX_PAGES = 10_000
MAX_BODY = 64 * 1024 * 1024  # bytes of one answer: a page of statements is far smaller


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the LRS's own scheme, host and port: the key and secret go
    with every request, and must never reach another server."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102 (urllib's hook)
        if _origin(newurl) != _origin(req.full_url):
            raise urllib.error.URLError(f"the LRS redirects to another server ({_origin(newurl)[1]}); not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), (parts.netloc.rsplit("@", 1)[-1]).lower()


_OPENER = urllib.request.build_opener(_SameOrigin)


class LrsError(Exception):
    def __init__(self, kind: str, message: str, status: Optional[int] = None):
        super().__init__(message)
        self.kind = kind
        self.status = status


class LrsClient:
    def __init__(self, config: LrsConfig, timeout: float = TIMEOUT):
        self.config = config
        self.timeout = timeout
        key, secret = config.credentials
        token = base64.b64encode(f"{key}:{secret}".encode("utf-8")).decode("ascii")
        self._headers = {"X-Experience-API-Version": VERSION, "Authorization": f"Basic {token}",
                         "Accept": "application/json", "User-Agent": "Tussenwerker"}

    def _request(self, url: str, data: Optional[bytes] = None) -> tuple[int, bytes]:
        headers = dict(self._headers)
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
        shown = self.config.endpoint_shown
        deadline = time.monotonic() + self.timeout  # for the whole answer: an LRS that trickles times out too
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:  # noqa: S310 (http(s) only)
                return response.status, _read_until(response, deadline, shown, self.timeout)
        except urllib.error.HTTPError as exc:
            body = _detail(exc.read())
            status = exc.code
            if status in (401, 403):
                raise LrsError("auth", f"{shown}: the LRS refused the key and secret ({status})", status) from None
            if status == 400:
                raise LrsError("invalid", f"{shown}: the LRS refused the statements as invalid: {body}", status) \
                    from None
            if status == 409:
                raise LrsError("conflict", f"{shown}: the LRS already has a different statement with this id: "
                                           f"{body}", status) from None
            if status in (404, 405):  # the server is there, the statements resource isn't
                raise LrsError("server", f"{shown}: no xAPI statements resource here ({status}); is this the "
                                         f"LRS's xAPI base URL (often ending in /xAPI/)?", status) from None
            raise LrsError("server", f"{shown}: the LRS answered {status}: {body}", status) from None
        except (socket.timeout, TimeoutError):
            raise LrsError("timeout", f"{shown}: no answer within {self.timeout:.0f} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise LrsError("timeout", f"{shown}: no answer within {self.timeout:.0f} s") from None
            raise LrsError("offline", f"{shown}: can't reach the LRS ({_reason(reason)})") from None
        except (ConnectionError, OSError) as exc:
            raise LrsError("offline", f"{shown}: can't reach the LRS ({_reason(exc)})") from None
        except http.client.HTTPException as exc:  # the connection broke off mid-answer, or the answer is no HTTP
            raise LrsError("offline", f"{shown}: the LRS broke off its answer ({type(exc).__name__})") from None

    def post(self, statements: Sequence[str]) -> list[str]:
        """Store statements (their JSON texts); the ids the LRS stored (none when it had them all)."""
        body = ("[" + ",".join(statements) + "]").encode("utf-8")
        status, raw = self._request(self.config.statements_url, body)
        if status == 204 or not raw.strip():
            return []
        try:
            ids = json.loads(raw)
        except (ValueError, RecursionError):
            return []
        return [str(i) for i in ids] if isinstance(ids, list) else []

    def statements(self, params: Optional[dict[str, str]] = None) -> Iterator[dict[str, Any]]:
        """Every statement matching ``params`` (xAPI GET filters), following ``more`` page by page."""
        url = self.config.statements_url
        if params:
            url += "?" + urllib.parse.urlencode(params)
        for _ in range(MAX_PAGES):
            status, raw = self._request(url)
            try:
                page = json.loads(raw)
            except (ValueError, RecursionError):
                raise LrsError("server", f"{self.config.endpoint_shown}: the LRS answered something that isn't "
                                         f"JSON (or nested far too deep)") from None
            found = page.get("statements", []) if isinstance(page, dict) else []
            yield from (s for s in found if isinstance(s, dict))
            more = page.get("more") if isinstance(page, dict) else None
            if not more or not found:
                return
            url = urllib.parse.urljoin(self.config.statements_url, str(more))
            if _origin(url) != _origin(self.config.statements_url):  # the key and secret go with the request
                raise LrsError("server", f"{self.config.endpoint_shown}: the LRS's next page is on another server "
                                         f"({_origin(url)[1]}); not followed")

    def about(self) -> bool:
        """Whether the LRS answers at all (the ``about`` resource, or the statements one)."""
        try:
            self._request(urllib.parse.urljoin(self.config.statements_url, "about"))
            return True
        except LrsError as exc:
            return exc.kind not in ("offline", "timeout")


def _read_until(response: Any, deadline: float, shown: str, timeout: float) -> bytes:
    """The whole answer, read by pieces, before ``deadline`` and within ``MAX_BODY``."""
    parts, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise LrsError("timeout", f"{shown}: no whole answer within {timeout:.0f} s")
        piece = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
        if not piece:
            return b"".join(parts)
        size += len(piece)
        if size > MAX_BODY:
            raise LrsError("server", f"{shown}: the LRS's answer is larger than {MAX_BODY // (1024 * 1024)} MB")
        parts.append(piece)


def _detail(raw: bytes) -> str:
    text = raw[:65536].decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
        if isinstance(data, dict) and "detail" in data:
            text = str(data["detail"])
    except (ValueError, RecursionError):
        pass
    return " ".join(text.split())[:200] or "no details"


def _reason(reason: Any) -> str:
    text = getattr(reason, "strerror", None) or str(reason)
    return " ".join(str(text).split())[:120]
