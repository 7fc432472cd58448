"""bench.load's pieces that need no archive: finding the data dir, and the Python load driver
counting errors (HTTP >= 400 and refused connections) against a tiny local server."""

from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest

from bench.load import drive_threads, gunicorn_workers, percentile, resolve_data_dir, rss_mb
from tests.live import free_port


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        status = 500 if self.path.startswith("/broken") else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_thread_driver_counts_requests_and_errors(server):
    result = drive_threads(server, ["/fine", "/broken"], concurrency=3, seconds=1, page="x")
    assert result.requests > 10
    # Every other path answers 500: about half the requests are errors, all counted.
    assert result.errors == result.error_kinds["http 500"]
    assert 0.3 < result.errors / result.requests < 0.7
    assert result.per_second > 0 and result.p95_ms >= result.p50_ms > 0


def test_refused_connections_are_errors():
    base = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = drive_threads(base, ["/"], concurrency=1, seconds=0.3, page="x")
    assert result.requests >= 1 and result.errors == result.requests
    assert list(result.error_kinds) == ["connection: ConnectionRefusedError"]


def test_percentile():
    assert percentile([], 0.95) == 0.0
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([5.0], 0.5) == 5.0


def test_data_dir_is_found_in_the_layouts_bench_makes(tmp_path: Path):
    (tmp_path / "n1000" / "var").mkdir(parents=True)
    (tmp_path / "n1000" / "var" / "archive.sqlite3").touch()
    assert resolve_data_dir(tmp_path) == tmp_path / "n1000" / "var"
    assert resolve_data_dir(tmp_path / "n1000") == tmp_path / "n1000" / "var"
    (tmp_path / "n10000" / "var").mkdir(parents=True)
    (tmp_path / "n10000" / "var" / "archive.sqlite3").touch()
    with pytest.raises(SystemExit, match="several sizes"):
        resolve_data_dir(tmp_path)
    with pytest.raises(SystemExit, match="no archive data"):
        resolve_data_dir(tmp_path / "n1000" / "corpus")


def test_no_gunicorn_on_a_free_port_and_rss_of_this_process():
    assert gunicorn_workers(free_port()) == []
    assert rss_mb(1 << 22) is None  # no such process
    mine = rss_mb(os.getpid())
    assert mine is not None and mine > 10
