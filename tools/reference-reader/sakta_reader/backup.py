"""Backups (docs/vault-format.md §11): every snapshot's signed manifest, checked without any secret."""

import base64
import hashlib
import json
import os
import re

import nacl.exceptions
import nacl.signing

from .errors import Damaged, ReaderError
from .header import parse_header

MAGIC = b"SAKTA-BACKUP-MANIFEST 1"
MAX_MANIFEST = 512 * 1024 * 1024
SNAPSHOT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d+)?$")
PATH_RE = re.compile(r"^(vault\.header|vault\.db|blobs/[0-9a-f]{2}/[0-9a-f]{32}\.skb)$")
ROOT_RE = re.compile(r"^sakta-backup-([0-9a-f-]{36})$")
# Version 1 kept counts and the time in clear; version 2 seals them (and the audit head) in "sealed", which
# needs the vault's key to open and is not needed to check the files (docs/vault-format.md §11).
BODY_KEYS = {
    1: {"format", "version", "vaultId", "snapshot", "createdAt", "schemaVersion", "counts", "files"},
    2: {"format", "version", "vaultId", "snapshot", "files", "sealed"},
}
B64_RE = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


def _sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_snapshot(root: str, name: str) -> dict:
    problems = []
    snap = os.path.join(root, "snapshots", name)
    result = {"snapshot": name, "ok": False, "files": 0, "problems": problems}
    try:
        with open(os.path.join(snap, "vault.header"), "rb") as f:
            header = parse_header(f.read())
    except (OSError, ReaderError) as e:
        problems.append(f"{name}/vault.header: {e}")
        return result
    try:
        with open(os.path.join(snap, "manifest.sakta"), "rb") as f:
            raw = f.read(MAX_MANIFEST + 1)
    except OSError:
        problems.append(f"{name}/manifest.sakta is missing: the snapshot is incomplete")
        return result
    lines = raw.split(b"\n")
    if len(raw) > MAX_MANIFEST or len(lines) != 4 or lines[3] != b"" or lines[0] != MAGIC:
        problems.append(f"{name}/manifest.sakta: structure")
        return result
    m = re.fullmatch(rb"ed25519:([A-Za-z0-9+/]{86}==)", lines[2])
    if not m:
        problems.append(f"{name}/manifest.sakta: signature line")
        return result
    try:
        # The signed message is the prefix and the JSON line exactly as stored: no re-serialisation.
        nacl.signing.VerifyKey(header.signing_public_key).verify(b"sakta-backup-manifest|v1|" + lines[1], base64.b64decode(m.group(1)))
    except nacl.exceptions.BadSignatureError:
        problems.append(f"{name}/manifest.sakta has an invalid signature (altered, or not made by this vault)")
    try:
        body = json.loads(lines[1].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        problems.append(f"{name}/manifest.sakta: not JSON")
        return result
    version = body.get("version") if isinstance(body, dict) else None
    if not isinstance(body, dict) or version not in BODY_KEYS or set(body) != BODY_KEYS[version] or body["format"] != "sakta-backup":
        problems.append(f"{name}/manifest.sakta: fields")
        return result
    if version == 2:
        sealed = body["sealed"]
        if not isinstance(sealed, dict) or set(sealed) != {"nonce", "box"} or not all(isinstance(v, str) and B64_RE.match(v) for v in sealed.values()):
            problems.append(f"{name}/manifest.sakta: fields")
            return result
    if body["vaultId"] != header.vault_id or ROOT_RE.match(os.path.basename(root)).group(1) != body["vaultId"]:
        problems.append(f"{name} belongs to another vault")
    if body["snapshot"] != name:
        problems.append(f"{name}/manifest.sakta names another snapshot ({body['snapshot']})")
    files = body["files"]
    if not isinstance(files, list) or len(files) < 2:
        problems.append(f"{name}/manifest.sakta: files")
        return result
    for entry in files:
        rel = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(rel, str) or not PATH_RE.match(rel):
            problems.append(f"{name}/manifest.sakta names a path outside the backup")
            continue
        where = os.path.join(root, *rel.split("/")) if rel.startswith("blobs/") else os.path.join(snap, rel)
        shown = rel if rel.startswith("blobs/") else f"{name}/{rel}"
        if not os.path.isfile(where):
            problems.append(f"{shown} is missing")
        elif os.path.getsize(where) != entry.get("size"):
            problems.append(f"{shown} has the wrong size")
        elif _sha256_file(where) != entry.get("sha256"):
            problems.append(f"{shown} does not match its checksum (damaged or altered)")
    result["files"] = len(files)
    result["vaultId"] = body["vaultId"]
    result["ok"] = not problems
    return result


def check_backup(root: str) -> dict:
    """`root` is a sakta-backup-<vaultId> folder. Checks every snapshot in it."""
    root = os.path.abspath(root)
    if not ROOT_RE.match(os.path.basename(root)):
        raise Damaged(f"{root} is not a sakta-backup-<vault id> folder")
    names = sorted(n for n in os.listdir(os.path.join(root, "snapshots")) if SNAPSHOT_RE.match(n))
    snapshots = [check_snapshot(root, n) for n in names]
    return {"reader": "sakta-reference-reader", "backup": root, "snapshots": snapshots, "ok": bool(snapshots) and all(s["ok"] for s in snapshots)}
