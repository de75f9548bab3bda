"""`make serve` on a throwaway site: each newcomer's mistake is listed while the site is still served."""

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
from newcomer import MISTAKES
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
    def __init__(self, process: subprocess.Popen, log: Path, port: int, page: Path) -> None:
        self.process, self.log, self.port, self.page = process, log, port, page

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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`make serve` of a throwaway site with one good article, docs/intimacy/sleep.md, for the module."""
    folder = tmp_path_factory.mktemp("serve")
    config = site_root(folder / "site", {"intimacy/sleep.md": article("Sleep problems and relationships")})
    port, log = _free_port(), folder / "serve.log"
    # `-o`: the environment is installed already; this is about serving, not installing.
    command = ["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/bin/.installed", "serve",
               f"SERVE_ADDR=127.0.0.1:{port}", f"CONFIG={config}"]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=run_env(),
                                   start_new_session=True)
    running = Server(process, log, port, config.parent / "docs" / "intimacy" / "sleep.md")
    try:
        running.wait_for(f"Serving on http://127.0.0.1:{port}/", START_SECONDS)
        yield running
    finally:  # make and mkdocs, in their own process group
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=20)


def test_make_serve_serves_the_good_article(server: Server):
    assert server.get("/intimacy/sleep/") == 200


@pytest.mark.parametrize("text, expected", MISTAKES)
def test_make_serve_lists_a_newcomer_mistake_and_keeps_serving(server: Server, text, expected: str):
    seen = len(server.output())
    server.page.write_text(text(), encoding="utf-8")
    found = server.wait_for(expected, REBUILD_SECONDS, seen)
    server.wait_for("problem(s) listed above would fail `make build` and CI", REBUILD_SECONDS, found)
    assert server.get("/intimacy/sleep/") == 200  # still served, and answering
    assert server.get("/") == 200
    assert "Traceback" not in server.output()[seen:], server.output()[seen:]
