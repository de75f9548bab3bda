"""`make serve` on a throwaway site: a newcomer's mistake is listed while the site is still served."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import article, run_env, site_root
from sitedata import ROOT

START_SECONDS = 180  # the first build of a small site takes a few seconds; 2 shared cores may be busy
REBUILD_SECONDS = 120
REQUEST_SECONDS = 15
STUCK = "appear stuck"  # MkDocs' words when a rebuild raised: requests then wait for a good build


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, process: subprocess.Popen, log: Path, port: int) -> None:
        self.process, self.log, self.port = process, log, port

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, seconds: float, after: int = 0) -> int:
        """Wait until `text` is printed (after offset `after`); its offset. Fails if the server stops."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = self.output().find(text, after)
            if found >= 0:
                return found
            assert self.process.poll() is None, f"make serve stopped:\n{self.output()}"
            assert STUCK not in self.output(), f"the rebuild failed:\n{self.output()}"
            time.sleep(0.5)
        pytest.fail(f"`{text}` was not printed within {seconds} s:\n{self.output()}")

    def get(self, path: str) -> int:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=REQUEST_SECONDS) as answer:
            return answer.status


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    started: list[Server] = []

    def start(pages: dict[str, str]) -> Server:
        config = site_root(tmp_path / "site", pages)
        port, log = _free_port(), tmp_path / "serve.log"
        # `-o`: the environment is installed already; this is about serving, not installing.
        command = ["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/bin/.installed", "serve",
                   f"SERVE_ADDR=127.0.0.1:{port}", f"CONFIG={config}"]
        with log.open("w", encoding="utf-8") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=run_env(),
                                       start_new_session=True)
        server = Server(process, log, port)
        started.append(server)
        server.wait_for(f"Serving on http://127.0.0.1:{port}/", START_SECONDS)
        return server

    yield start
    for server in started:  # make and mkdocs, in their own process group
        if server.process.poll() is None:
            os.killpg(server.process.pid, signal.SIGTERM)
            try:
                server.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.process.pid, signal.SIGKILL)
                server.process.wait(timeout=20)


def test_make_serve_survives_a_bad_date_and_lists_it(serve, tmp_path: Path):
    server = serve({"intimacy/sleep.md": article("Sleep problems and relationships")})
    assert server.get("/intimacy/sleep/") == 200
    seen = len(server.output())
    page = tmp_path / "site" / "docs" / "intimacy" / "sleep.md"
    page.write_text(article("Sleep problems and relationships", date="06/12/2026"), encoding="utf-8")
    found = server.wait_for("docs/intimacy/sleep.md:6: error: [front-matter] field 'date': '06/12/2026' is not "
                            "a date written YYYY-MM-DD. Write the first publication date as YYYY-MM-DD",
                            REBUILD_SECONDS, seen)
    server.wait_for("problem(s) listed above would fail `make build` and CI", REBUILD_SECONDS, found)
    assert server.get("/intimacy/sleep/") == 200  # still served, and answering
    assert server.get("/") == 200
    assert "Traceback" not in server.output(), server.output()
