"""Pagefind's word index, cut into smaller pieces so that a search fetches less.

Pagefind cuts its word index into chunks of about 20,000 entries (one for each page a word is on and
one for each place on that page). The size is a constant in Pagefind's source, not an option, and a
search fetches the whole chunk of every word it looks up: about 28 KB gzip a word on a site of 1,000
articles. This step runs on Pagefind's output and cuts the same words, in the same order, into chunks
of at most `CHUNK_ENTRIES` entries, then rewrites the meta file that says which chunk holds which
words. Pagefind's search code reads the result as its own: the chunk files and the meta file keep
their format, and a chunk's name is only the name it is fetched by.

The files are not a public interface of Pagefind (gzip of a signature and CBOR), so the step reads the
version Pagefind wrote and refuses one it was not tested with: an upgrade fails the build until the
search tests have passed with it and its version is added to `FORMAT_VERSIONS`.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cbor2

FORMAT_VERSIONS = frozenset({"1.5.2"})
SIGNATURE = b"pagefind_dcd"
# Measured on the benchmark's 1,000 synthetic articles (3,064 words, 1.75 million entries): a word's chunk
# is 5.3 KB gzip (median) instead of 17 KB, for 1.5 KB more in the meta file a first search fetches.
CHUNK_ENTRIES = 5000
_ARRAY = 4  # CBOR's major type for an array


class ChunkError(Exception):
    """Pagefind's output is not what this step knows how to cut."""


@dataclass(frozen=True)
class Word:
    """One word of the index as Pagefind wrote it (its CBOR bytes, kept as they are), and its entries."""

    text: str
    entries: int
    encoded: bytes


@dataclass(frozen=True)
class Summary:
    words: int
    chunks_before: int
    chunks_after: int


def _array_length(data: bytes, at: int) -> tuple[int, int]:
    """The length of the definite CBOR array that starts at `at`, and where its first item starts."""
    head = data[at]
    major, info = head >> 5, head & 0x1F
    if major != _ARRAY or info > 27:
        raise ChunkError(f"expected a CBOR array at byte {at}, found {head:#04x}")
    if info < 24:
        return info, at + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def _array_head(length: int) -> bytes:
    if length < 24:
        return bytes([_ARRAY << 5 | length])
    info, size = next((24 + n, 1 << n) for n in range(4) if length < 1 << (8 << n))
    return bytes([_ARRAY << 5 | info]) + length.to_bytes(size, "big")


def unpack(compressed: bytes, name: str) -> bytes:
    """The content of one of Pagefind's files (chunk, meta or fragment): gzip of its signature and the data."""
    data = gzip.decompress(compressed)
    if not data.startswith(SIGNATURE):
        raise ChunkError(f"{name} does not start with Pagefind's signature")
    return data[len(SIGNATURE):]


def _pack(data: bytes) -> bytes:
    return gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0)


def read_words(compressed: bytes, name: str = "chunk") -> list[Word]:
    """The words of one chunk file: `[[word, [[page, [places...], [meta places...]], ...], ...], ...]`."""
    data = unpack(compressed, name)
    outer, at = _array_length(data, 0)
    if outer != 1:
        raise ChunkError(f"{name}: expected Pagefind's one-field chunk, found {outer} fields")
    count, at = _array_length(data, at)
    stream = io.BytesIO(data)
    stream.seek(at)
    decoder = cbor2.CBORDecoder(stream)
    words = []
    for _ in range(count):
        start = stream.tell()
        text, pages, *_rest = decoder.decode()
        # Pagefind's own measure of a chunk: one entry for each page, and one for each place on it.
        entries = sum(1 + sum(len(places) for places in page[1:]) for page in pages)
        words.append(Word(text, entries, data[start:stream.tell()]))
    if stream.tell() != len(data):
        raise ChunkError(f"{name}: {len(data) - stream.tell()} bytes after the last word")
    return words


def _shared(a: str, b: str) -> int:
    """How many first letters two words share."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _cut(chunk: Sequence[Word], following: Word) -> int:
    """Where to end a full chunk: in its second half, between the two words that share the fewest first
    letters (the latest such place). Pagefind looks up a word typed in part ("thin") in one chunk only,
    so a cut between "thing" and "think" would hide one of them from it."""
    words = [*chunk, following]
    places = range(len(chunk), (len(chunk) + 1) // 2 - 1, -1)
    return min(places, key=lambda i: _shared(words[i - 1].text, words[i].text))


def split(words: Sequence[Word], limit: int) -> list[list[Word]]:
    """Consecutive runs of words of at most `limit` entries each (a word with more is a chunk alone),
    cut where neighbouring words share the fewest first letters."""
    chunks: list[list[Word]] = []
    current: list[Word] = []
    size = 0
    for word in words:
        while current and size + word.entries > limit:
            at = _cut(current, word)
            chunks.append(current[:at])
            current = current[at:]
            size = sum(w.entries for w in current)
        current.append(word)
        size += word.entries
    return [*chunks, current] if current else chunks


def boundaries(chunks: Sequence[Sequence[Word]]) -> list[tuple[str, str]]:
    """Each chunk's first and last word, shortened between neighbours to the shortest prefixes that
    still tell them apart, as Pagefind does: its search code picks the chunk a word sorts between."""
    bounds = [[chunk[0].text, chunk[-1].text] for chunk in chunks]
    for left, right in itertools.pairwise(bounds):
        common = 0
        for a, b in zip(left[1], right[0], strict=False):
            if a != b:
                break
            common += 1
        left[1], right[0] = left[1][:common + 1], right[0][:common + 1]
    return [(first, last) for first, last in bounds]


def encode_chunk(words: Sequence[Word]) -> bytes:
    return _pack(_array_head(1) + _array_head(len(words)) + b"".join(word.encoded for word in words))


def _name(language: str, data: bytes, taken: set[str]) -> str:
    """Pagefind's naming: the language and the start of the content's hash, longer if it is taken."""
    digest = hashlib.sha256(data).hexdigest()
    for length in range(7, len(digest) + 1):
        name = f"{language}_{digest[:length]}"
        if name not in taken:
            taken.add(name)
            return name
    raise ChunkError(f"two chunks of {language} have the same content")


def rechunk(folder: Path, limit: int = CHUNK_ENTRIES) -> Summary:
    """Cut the word index in Pagefind's output `folder` into chunks of at most `limit` entries."""
    entry_file = folder / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    if entry.get("version") not in FORMAT_VERSIONS:
        raise ChunkError(f"Pagefind {entry.get('version')} wrote this index, and hooks/between_us/search_chunks.py "
                         f"was tested with Pagefind {', '.join(sorted(FORMAT_VERSIONS))} only: run `make test` with "
                         "the new version and add it to FORMAT_VERSIONS there if the search tests pass")
    total = Summary(0, 0, 0)
    for language, info in entry["languages"].items():
        meta_file = folder / f"pagefind.{info['hash']}.pf_meta"
        meta = cbor2.loads(unpack(meta_file.read_bytes(), meta_file.name))
        old = [folder / "index" / f"{name}.pf_index" for _first, _last, name in meta[2]]
        words = [word for path in old for word in read_words(path.read_bytes(), path.name)]
        chunks = split(words, limit)
        taken: set[str] = set()
        listed, written = [], {}
        for (first, last), chunk in zip(boundaries(chunks), chunks, strict=True):
            data = encode_chunk(chunk)
            name = _name(language, data, taken)
            listed.append([first, last, name])
            written[folder / "index" / f"{name}.pf_index"] = data
        meta[2] = listed
        meta_data = _pack(cbor2.dumps(meta))
        info["hash"] = _name(language, meta_data, set())
        for path, data in written.items():
            path.write_bytes(data)
        (folder / f"pagefind.{info['hash']}.pf_meta").write_bytes(meta_data)
        for path in {*old, meta_file} - {*written, folder / f"pagefind.{info['hash']}.pf_meta"}:
            path.unlink()
        total = Summary(total.words + len(words), total.chunks_before + len(old), total.chunks_after + len(chunks))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return total
