"""Pagefind fed one page at a time while the site renders, so it indexes on the machine's other core.

Pagefind's service mode (`pagefind --service`, from the pinned `pagefind` package's binary) is what its
Python API (`pagefind.index.PagefindIndex`) drives; it reads the same pages as `pagefind --site` and writes
the same files. That API waits 0.1 s before reading each answer (100 s for 1,000 pages), so this module
speaks the service's protocol itself, from plain threads: each request is base64 of a JSON object, ended by
a comma; each answer the same, with the request's `message_id`. Pages are sent without waiting for their
answers; a thread reads the answers, and `write` waits for all of them.
"""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any


class PagefindError(Exception):
    """The service could not index a page or write the index (its own message)."""


def executable() -> Path:
    """The binary the pinned `pagefind` package finds (its `pagefind_bin` dependency): no download."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise PagefindError("Pagefind's binary is missing: it comes from the `pagefind` package pinned in "
                            "requirements.txt (run `.venv/bin/pip install --require-hashes -r requirements.txt`)")
    return found


class IndexService:
    """One Pagefind index, in a service process of its own, until `write` or `stop`."""

    def __init__(self) -> None:
        self._process = subprocess.Popen([str(executable()), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._answers: dict[int, Future[dict[str, Any]]] = {}
        self._last = 0
        self._lock = threading.Lock()  # pages are sent from the rendering thread, the rest from the index thread
        self._pending: list[Future[dict[str, Any]]] = []
        self._ended = False  # the service's output ended: no answer comes any more
        threading.Thread(target=self._read, name="pagefind-answers", daemon=True).start()
        self._index_id = self._send({"type": "NewIndex", "config": None}).result()["index_id"]

    def _send(self, payload: dict[str, Any]) -> Future[dict[str, Any]]:
        answer: Future[dict[str, Any]] = Future()
        with self._lock:
            if self._ended:
                answer.set_exception(PagefindError(f"Pagefind's service ended (exit {self._process.wait()})"))
                return answer
            self._last += 1
            self._answers[self._last] = answer
            request = json.dumps({"message_id": self._last, "payload": payload}).encode("utf-8")
            assert self._process.stdin is not None
            try:
                self._process.stdin.write(base64.b64encode(request) + b",")
                self._process.stdin.flush()
            except (BrokenPipeError, ValueError) as error:
                answer.set_exception(PagefindError(f"Pagefind's service stopped ({error})"))
        return answer

    def _read(self) -> None:
        assert self._process.stdout is not None
        pending: list[bytes] = []  # the start of an answer: the index's files come as one answer of megabytes
        while chunk := self._process.stdout.read1(1 << 20):
            *ended, rest = chunk.split(b",")
            if ended:
                for message in [b"".join([*pending, ended[0]]), *ended[1:]]:
                    self._answer(json.loads(base64.b64decode(message)))
                pending = []
            pending.append(rest)
        with self._lock:  # the rendering thread may be sending a page meanwhile
            self._ended = True
            waiting = list(self._answers.values())
        for future in waiting:  # the service ended before answering these
            if not future.done():
                future.set_exception(PagefindError(f"Pagefind's service ended (exit {self._process.wait()})"))

    def _answer(self, answer: dict[str, Any]) -> None:
        payload = answer.get("payload") or {}
        future = self._answers.pop(answer.get("message_id"), None)
        if future is None:
            return
        if payload.get("type") == "Error":
            future.set_exception(PagefindError(str(payload.get("message"))))
        else:
            future.set_result(payload)

    def add(self, source_path: str, html: str) -> None:
        """Index a page as Pagefind would read it at `source_path` (relative to the site: its URL comes from it)."""
        self._pending.append(self._send({"type": "AddFile", "index_id": self._index_id, "file_path": source_path,
                                         "url": None, "file_contents": html}))

    def write(self, output: Path) -> int:
        """Wait for every page, write the index into `output` and end the service; how many pages it indexed.

        The index's files are asked for and written here: Pagefind's own WriteFiles answers before its last
        writes reach the disk (it does not flush its files), so a reader right after it could find
        pagefind-entry.json empty. The files are the same, byte for byte."""
        try:
            for page in self._pending:
                page.result()
            files = self._send({"type": "GetFiles", "index_id": self._index_id}).result()["files"]
        finally:
            self.stop()
        for file in files:
            path = output / file["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(file["content"]))
        return len(self._pending)

    def stop(self) -> None:
        """End the service (an unfinished index is dropped)."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            with self._lock, contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
