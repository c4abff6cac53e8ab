"""A small in-process LRS for the sender's tests: stores statements by id, as xAPI 1.0.3 says.

It answers POST /xAPI/statements (an array) with the stored ids (200), 204 when it had them
all already, 409 for an id it has with other content, 400 for a statement without actor,
verb or object; GET returns what it holds (no paging). A test can make it fail: ``mode``
``down`` (500), ``auth`` (401), ``slow`` (answers after ``delay``), ``lose`` (stores, then
drops the connection without answering: the sender must retry, the LRS must store once).
Requests without ``X-Experience-API-Version`` or with other credentials are refused.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeLrs:
    def __init__(self, key: str = "tw-key", secret: str = "s3cr3t-VALUE-never-shown", port: int = 0):
        self.stored: dict[str, dict[str, Any]] = {}
        self.raw: dict[str, bytes] = {}
        self.posts = 0
        self.mode = "ok"
        self.delay = 0.0
        self.invalid: set[str] = set()  # statement ids it answers 400 for
        self.bodies: list[bytes] = []
        self._auth = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: Any = None) -> None:
                raw = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _checked(self) -> bool:
                if self.headers.get("X-Experience-API-Version") != "1.0.3":
                    self._answer(400, {"detail": "no X-Experience-API-Version"})
                    return False
                if owner.mode == "auth" or self.headers.get("Authorization") != owner._auth:
                    self._answer(401, {"detail": "Invalid authentication credentials"})
                    return False
                if owner.mode == "down":
                    self._answer(500, {"detail": "down for maintenance"})
                    return False
                return True

            def do_GET(self) -> None:
                if self._checked():
                    with owner.lock:
                        self._answer(200, {"statements": list(owner.stored.values())})

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if not self._checked():
                    return
                with owner.lock:
                    owner.posts += 1
                    owner.bodies.append(body)
                if owner.mode == "slow":
                    time.sleep(owner.delay)
                statements = json.loads(body)
                with owner.lock:
                    for s in statements:
                        if s["id"] in owner.invalid or not all(k in s for k in ("actor", "verb", "object")):
                            return self._answer(400, {"detail": f"invalid statement {s['id']}"})
                        if s["id"] in owner.stored and owner.stored[s["id"]] != s:
                            return self._answer(409, {"detail": f"different statement {s['id']}"})
                    new = [s for s in statements if s["id"] not in owner.stored]
                    for s in new:
                        owner.stored[s["id"]] = s
                if owner.mode == "lose":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if not new:
                    return self._answer(204)
                self._answer(200, [s["id"] for s in new])

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"

    def __enter__(self) -> "FakeLrs":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def main(argv: list[str] | None = None) -> None:
    """Run it on its own (``python -m tests.fake_lrs PORT KEY SECRET``), for a test that starts
    and stops the LRS as a separate process, or to try ``sync`` and ``report --lrs`` by hand."""
    import sys
    port, key, secret = ((argv if argv is not None else sys.argv[1:]) + [""] * 3)[:3]
    with FakeLrs(key or "tw-key", secret or "s3cr3t-VALUE-never-shown", int(port or 0)) as fake:
        print(fake.endpoint, flush=True)
        try:
            fake.thread.join()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
