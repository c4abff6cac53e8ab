"""An LRS that misbehaves never sends the key and secret elsewhere, hangs a command or ends in a
traceback: a redirect or a "more" link to another server is not followed, an answer nested far
too deep or broken off is one line, and one trickled byte by byte times out as a whole."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from simulator.xapi.client import LrsClient, LrsError
from simulator.xapi.config import LrsConfig


class _Server:
    """One tiny server per test; ``answer(handler)`` writes the response; ``seen`` the
    Authorization headers it received."""

    def __init__(self, answer):
        self.seen: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner.seen.append(self.headers.get("Authorization", ""))
                answer(self)

            do_POST = do_GET

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _send(handler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def servers():
    made = []

    def make(answer):
        made.append(_Server(answer))
        return made[-1]
    yield make
    for s in made:
        s.close()


def _client(port: int, timeout: float = 5.0) -> LrsClient:
    return LrsClient(LrsConfig(endpoint=f"http://127.0.0.1:{port}/xAPI/", key="k", secret="s3cret"), timeout=timeout)


def test_a_redirect_or_a_next_page_on_another_server_is_not_followed(servers):
    sink = servers(lambda h: _send(h, 200, b'{"statements": []}'))
    elsewhere = f"http://localhost:{sink.port}/xAPI/statements"
    redirecting = servers(lambda h: _send(h, 302, b"", {"Location": elsewhere}))
    with pytest.raises(LrsError, match="redirects to another server"):
        list(_client(redirecting.port).statements())
    paging = servers(lambda h: _send(h, 200, b'{"statements": [{"id": "a"}], "more": "' + elsewhere.encode() + b'"}'))
    with pytest.raises(LrsError, match="next page is on another server"):
        list(_client(paging.port).statements())
    assert sink.seen == []  # the key and secret never reached it


def test_an_answer_nested_far_too_deep_is_one_error(servers):
    deep = servers(lambda h: _send(h, 200, b"[" * 100_000 + b"]" * 100_000))
    with pytest.raises(LrsError, match="nested far too deep"):
        list(_client(deep.port).statements())


def test_an_lrs_that_trickles_its_answer_times_out_as_a_whole(servers):
    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Length", "100")
        h.end_headers()
        for _ in range(100):
            h.wfile.write(b" ")
            h.wfile.flush()
            time.sleep(0.2)
    slow = servers(trickle)
    started = time.monotonic()
    with pytest.raises(LrsError) as caught:
        list(_client(slow.port, timeout=1.0).statements())
    assert caught.value.kind == "timeout" and time.monotonic() - started < 5


def test_a_setting_that_couldnt_be_read_back_is_never_stored(tmp_path):
    """A secret with a byte that isn't UTF-8 ended in a traceback; 100 KB of NULs piped as the
    secret was stored, and the file then refused by every command (only deleting it helped)."""
    from simulator.xapi.config import ConfigError, load_config, save_config
    path = tmp_path / "lrs.json"
    save_config({"endpoint": "https://lrs.example.org/xAPI/", "key": "k"}, path)
    for bad in ("sec\udcffret", "\x00" * 100_000, "x" * 70_000):
        with pytest.raises(ConfigError):
            save_config({"secret": bad}, path)
    with pytest.raises(ConfigError):
        save_config({"group": "g" * 70_000}, path)
    assert load_config(path).key == "k"  # the file as it was, still readable
