"""Blob files (docs/vault-format.md §6): one secretstream per stored document, its key wrapped in the blobs row."""

import hashlib
import os
import struct

import nacl.bindings as sodium
import nacl.exceptions

from .errors import Damaged, FormatTooNew

MAGIC = b"SAKTABLB"
PREFIX = 30
HEADER = 54
ABYTES = 17
TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL


def blob_path(vault_dir: str, blob_id: str) -> str:
    return os.path.join(vault_dir, "blobs", blob_id[:2], f"{blob_id}.skb")


def unwrap_blob_key(blobs_keys, row) -> bytes:
    """The stored file's own key, unwrapped with the first blobs subkey that opens it (two only mid-rotation)."""
    ad = f"sakta-blob-key|v1|{row['id']}".encode("utf-8")
    for blobs_key in blobs_keys:
        try:
            key = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(bytes(row["wrapped_key"]), ad, bytes(row["key_nonce"]), blobs_key)
        except nacl.exceptions.CryptoError:
            continue
        if len(key) == 32:
            return key
    raise Damaged(f"the key of stored file {row['id']} failed its authentication (the record was altered)")


def decrypt_blob(vault_dir: str, blobs_keys, row, sink=None) -> str:
    """Authenticates and decrypts one blob, chunk by chunk; returns the SHA-256 (hex) of its plaintext.
    `sink`, when given, receives each plaintext chunk."""
    blob_id = row["id"]
    size = row["plain_size"]
    try:
        with open(blob_path(vault_dir, blob_id), "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise Damaged(f"stored file {blob_id} is missing")
    if len(data) < HEADER or data[:8] != MAGIC:
        raise Damaged(f"stored file {blob_id} is not a Sakta blob")
    version, chunk = struct.unpack("<HI", data[8:14])
    if version == 0:
        raise Damaged(f"stored file {blob_id} has version 0")
    if version > 1:
        raise FormatTooNew(f"stored file {blob_id} has format {version}")
    if not 1024 <= chunk <= 16 * 1024 * 1024:
        raise Damaged(f"stored file {blob_id} has an invalid chunk size")
    if data[14:30].hex() != blob_id:
        raise Damaged(f"stored file {blob_id} names another blob in its header")
    n = max(1, -(-size // chunk))
    if len(data) != HEADER + size + ABYTES * n:
        raise Damaged(f"stored file {blob_id} has the wrong length (truncated or extended)")
    key = unwrap_blob_key(blobs_keys, row)
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, data[PREFIX:HEADER], key)
    prefix = data[:PREFIX]
    digest = hashlib.sha256()
    for i in range(n):
        plain_len = chunk if i < n - 1 else size - (n - 1) * chunk
        start = HEADER + i * (chunk + ABYTES)
        try:
            message, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, data[start : start + plain_len + ABYTES], prefix)
        except nacl.exceptions.CryptoError:
            raise Damaged(f"stored file {blob_id}: chunk {i} failed authentication")
        if tag != (TAG_FINAL if i == n - 1 else TAG_MESSAGE):
            raise Damaged(f"stored file {blob_id}: chunk {i} has tag {tag}")
        digest.update(message)
        if sink:
            sink(message)
    return digest.hexdigest()
