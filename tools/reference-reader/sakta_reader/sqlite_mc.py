"""The encrypted database (docs/vault-format.md §5): SQLite3 Multiple Ciphers' "chacha20" page format, and the
write-ahead log, turned into a plain SQLite file page by page."""

import os
import struct
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.poly1305 import Poly1305

from .errors import Damaged

RESERVED = 32  # 16-byte nonce || 16-byte Poly1305 tag at the end of every page
PAGE1_PLAIN_FROM, PAGE1_PLAIN_TO = 16, 24  # bytes 16..23 of page 1 are stored in the clear
PAGE1_CIPHER_FROM = 24
SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_HEADER, FRAME_HEADER = 32, 24
PENDING_BYTE = 0x40000000  # the page holding this offset is never used by SQLite (the lock page)


def chacha20_xor(key: bytes, nonce12: bytes, counter: int, data: bytes) -> bytes:
    """ChaCha20 (RFC 8439 block function: 32-bit block counter, 96-bit nonce), the counter wrapping modulo 2^32
    as in SQLite3 Multiple Ciphers. OpenSSL would carry into the nonce instead, so a run is split at the wrap."""
    out = bytearray()
    pos = 0
    while pos < len(data):
        blocks_before_wrap = (1 << 32) - counter
        take = min(len(data) - pos, blocks_before_wrap * 64)
        enc = Cipher(algorithms.ChaCha20(key, struct.pack("<I", counter) + nonce12), mode=None).encryptor()
        out += enc.update(data[pos : pos + take])
        pos += take
        counter = (counter + (take + 63) // 64) % (1 << 32)
    return bytes(out)


def decrypt_page(key: bytes, pgno: int, page: bytes) -> bytes:
    """One page as SQLite3 Multiple Ciphers 2.4.0 writes it with cipher "chacha20" (not legacy), reserve 32."""
    size = len(page)
    n = size - RESERVED
    nonce16 = page[n : n + 16]
    tag = page[n + 16 : n + 32]
    nonce12 = nonce16[:12]
    counter = struct.unpack("<I", nonce16[12:16])[0] ^ pgno
    # One ChaCha20 block at `counter` gives the one-time keys: bytes 0..31 the Poly1305 key, 32..63 the page key.
    otk = chacha20_xor(key, nonce12, counter, bytes(64))
    try:
        Poly1305.verify_tag(otk[:32], page[: n + 16], tag)
    except InvalidSignature:
        raise Damaged(f"database page {pgno} failed its authentication tag (damaged, altered, or another key)")
    offset = PAGE1_CIPHER_FROM if pgno == 1 else 0
    plain = bytearray(page)
    plain[offset:n] = chacha20_xor(otk[32:], nonce12, (counter + 1) % (1 << 32), page[offset:n])
    if pgno == 1:
        plain[:16] = SQLITE_MAGIC  # bytes 0..15 held the cipher salt
    plain[n:] = bytes(RESERVED)  # nonce and tag mean nothing in the plain copy
    return bytes(plain)


def page_geometry(first_page_prefix: bytes) -> int:
    """Page size from page 1's plaintext bytes 16..23, after checking the reserve is the cipher's 32 bytes."""
    if len(first_page_prefix) < 24:
        raise Damaged("the database file is too short")
    size = struct.unpack(">H", first_page_prefix[16:18])[0]
    size = 65536 if size == 1 else size
    if size < 512 or size > 65536 or size & (size - 1):
        raise Damaged("the database page size (bytes 16-17 of page 1) is invalid")
    if first_page_prefix[18] not in (1, 2) or first_page_prefix[19] not in (1, 2):
        raise Damaged("the database file format bytes (18-19 of page 1) are invalid")
    if first_page_prefix[20] != RESERVED:
        raise Damaged(f"page 1 reserves {first_page_prefix[20]} bytes per page, not the cipher's {RESERVED}")
    if first_page_prefix[21:24] != b"\x40\x20\x20":
        raise Damaged("bytes 21-23 of page 1 are not SQLite's fixed 64, 32, 32")
    return size


def _wal_checksum(data: bytes, big_endian: bool, s0: int, s1: int):
    fmt = ">" if big_endian else "<"
    words = struct.unpack(f"{fmt}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


@dataclass
class WalReplay:
    frames: int = 0  # frames of the current generation read
    committed_frames: int = 0  # frames up to and including the last valid commit
    commits: int = 0
    db_pages: Optional[int] = None  # database size in pages after the last valid commit
    pages: Dict[int, bytes] = field(default_factory=dict)  # page number -> ciphertext of its newest committed frame


def read_wal(wal: bytes, page_size: int) -> WalReplay:
    """Replays the log as SQLite does: frames of the header's salt generation with a valid running checksum, up
    to the last commit frame. Sakta's extra rule: a bad frame followed by a later commit frame of the same
    generation is damage, not a torn tail (commits are fsynced before they are acknowledged)."""
    out = WalReplay()
    if len(wal) < WAL_HEADER:
        return out
    magic, version, wal_page_size, _ckpt, salt1, salt2, c0, c1 = struct.unpack(">8I", wal[:WAL_HEADER])
    if magic not in (0x377F0682, 0x377F0683):
        raise Damaged("the write-ahead log has an unknown header")
    big_endian = magic == 0x377F0683
    if wal_page_size != page_size:
        raise Damaged("the write-ahead log's page size is not the database's")
    s = _wal_checksum(wal[:24], big_endian, 0, 0)
    broken_at = 0 if s != (c0, c1) or version != 3007000 else None
    pending: Dict[int, bytes] = {}
    frame_size = FRAME_HEADER + page_size
    off, frame = WAL_HEADER, 1
    while off + frame_size <= len(wal):
        pgno, commit_size, fs1, fs2, f0, f1 = struct.unpack(">6I", wal[off : off + FRAME_HEADER])
        if (fs1, fs2) != (salt1, salt2):
            break  # an older generation's leftovers: ignored by design
        content = wal[off + FRAME_HEADER : off + frame_size]
        if broken_at is not None:
            if commit_size != 0:
                raise Damaged(f"the write-ahead log is damaged or was altered at frame {broken_at} (a later commit follows it)")
        else:
            s = _wal_checksum(wal[off : off + 8], big_endian, *s)
            s = _wal_checksum(content, big_endian, *s)
            if s != (f0, f1) or pgno == 0:
                broken_at = frame
            else:
                out.frames = frame
                pending[pgno] = content
                if commit_size != 0:
                    out.pages.update(pending)
                    pending = {}
                    out.commits += 1
                    out.committed_frames = frame
                    out.db_pages = commit_size
        off += frame_size
        frame += 1
    return out


@dataclass
class PlainDatabase:
    path: str
    page_size: int
    pages: int
    wal: WalReplay


def decrypt_database(db_path: str, key: bytes, out_path: str) -> PlainDatabase:
    """Writes the plain SQLite file: every page of vault.db authenticated and decrypted, the committed WAL frames
    applied on top, bytes 18-19 set to 1 (rollback journal) so any SQLite opens it without a WAL."""
    with open(db_path, "rb") as f:
        main = f.read()
    if len(main) < 512:
        raise Damaged("the database file is too short")
    page_size = page_geometry(main[:24])
    if len(main) % page_size:
        raise Damaged("the database file is not a whole number of pages (truncated?)")
    wal_path = db_path + "-wal"
    wal = read_wal(open(wal_path, "rb").read(), page_size) if os.path.exists(wal_path) else WalReplay()
    file_pages = len(main) // page_size
    total = wal.db_pages if wal.db_pages is not None else file_pages
    lock_page = PENDING_BYTE // page_size + 1
    fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        for pgno in range(1, total + 1):
            if pgno == lock_page:
                out.write(bytes(page_size))
                continue
            if pgno in wal.pages:
                plain = decrypt_page(key, pgno, wal.pages[pgno])
            elif pgno <= file_pages:
                plain = decrypt_page(key, pgno, main[(pgno - 1) * page_size : pgno * page_size])
            else:
                raise Damaged(f"database page {pgno} is in neither the file nor the write-ahead log")
            if pgno == 1:
                plain = plain[:18] + b"\x01\x01" + plain[20:]
            out.write(plain)
    return PlainDatabase(out_path, page_size, total, wal)
