"""Reads a whole vault: header -> keys -> plain database -> every document -> audit chain (docs/vault-format.md §10)."""

import os
import sqlite3

from . import audit, blobs, keys, sqlite_mc
from .errors import Damaged, FormatTooNew
from .header import parse_header

# The newest database schema (PRAGMA user_version) this reader has been written against (§5.4).
KNOWN_SCHEMA = 16


def read_vault(vault_dir: str, out_dir: str, passphrase=None, recovery_key=None, extract: bool = False) -> dict:
    """Returns a report (plain data, for JSON). Raises WrongSecret for a wrong secret and Damaged when the header,
    a database page or the WAL fails its check; damage found in documents or the audit log is listed in
    `problems` so every document is still checked."""
    with open(os.path.join(vault_dir, "vault.header"), "rb") as f:
        header = parse_header(f.read())
    master = keys.open_master(header, passphrase=passphrase, recovery_key=recovery_key)
    k = keys.derive_keys(header, master)

    plain_path = os.path.join(out_dir, "vault.plain.sqlite")
    db_path = os.path.join(vault_dir, "vault.db")
    try:
        plain = sqlite_mc.decrypt_database(db_path, k.database, plain_path)
    except Damaged:
        # Mid-rotation (§8.2) the database may still be keyed with the previous master key.
        if not k.previous:
            raise
        plain = sqlite_mc.decrypt_database(db_path, k.previous.database, plain_path)
    db = sqlite3.connect(f"file:{plain_path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        return _read_records(vault_dir, out_dir, header, k, plain, db, extract)
    finally:
        db.close()


def _read_records(vault_dir, out_dir, header, k, plain, db, extract) -> dict:
    problems = []
    schema = db.execute("PRAGMA user_version").fetchone()[0]
    if schema > KNOWN_SCHEMA:
        raise FormatTooNew(f"database schema {schema} is newer than this reader ({KNOWN_SCHEMA})")
    meta_id = db.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
    if meta_id is None or meta_id[0] != header.vault_id:
        raise Damaged("the database belongs to another vault (meta.vault_id differs from the header)")

    blob_report = {}
    docs_dir = os.path.join(out_dir, "documents")
    if extract:
        os.makedirs(docs_dir, mode=0o700, exist_ok=True)
    for row in db.execute("SELECT * FROM blobs ORDER BY id"):
        entry = {"id": row["id"], "size": row["plain_size"], "sha256": None, "ok": False}
        try:
            out = None
            if extract:
                fd = os.open(os.path.join(docs_dir, row["id"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                out = os.fdopen(fd, "wb")
            try:
                blobs_keys = [k.blobs] + ([k.previous.blobs] if k.previous else [])
                entry["sha256"] = blobs.decrypt_blob(vault_dir, blobs_keys, row, out.write if out else None)
            finally:
                if out:
                    out.close()
            entry["ok"] = entry["sha256"] == row["sha256"]
            if not entry["ok"]:
                problems.append(f"stored file {row['id']}: its plaintext's SHA-256 is not the one recorded")
        except Damaged as e:
            problems.append(str(e))
            entry["problem"] = str(e)
        blob_report[row["id"]] = entry

    documents = []
    for d in db.execute("SELECT * FROM documents ORDER BY imported_at, id"):
        b = blob_report.get(d["blob_id"])
        ok = bool(b and b["ok"] and b["sha256"] == d["sha256"] and b["size"] == d["size"])
        if not ok:
            problems.append(f"document {d['id']} ({d['title']}): its stored bytes do not match its SHA-256")
        documents.append(
            {
                "id": d["id"],
                "caseId": d["case_id"],
                "title": d["title"],
                "originalName": d["original_name"],
                "blobId": d["blob_id"],
                "size": d["size"],
                "sha256": d["sha256"],
                "decryptedSha256": b["sha256"] if b else None,
                "inTrash": d["deleted_at"] is not None,
                "ok": ok,
            }
        )

    signing_keys = [k.signing_public_key] + ([k.previous.signing_public_key] if k.previous else [])
    entries, head_seq, audit_problems = audit.verify_chain(db, signing_keys)
    audit_problems += audit.verify_rotations(db, header.vault_id, signing_keys)
    problems += audit_problems
    cases = [{"id": c["id"], "title": c["title"]} for c in db.execute("SELECT id, title FROM cases ORDER BY created_at, id")]
    integrity = [r[0] for r in db.execute("PRAGMA quick_check")]
    if integrity != ["ok"]:
        problems += [f"plain database: {m}" for m in integrity]
    return {
        "reader": "sakta-reference-reader",
        "vaultId": header.vault_id,
        "formatVersion": header.format_version,
        "generation": header.generation,
        "keyRotations": db.execute("SELECT count(*) FROM audit_log WHERE action = 'vault.keys_rotated'").fetchone()[0],
        "schemaVersion": schema,
        "sqliteVersion": sqlite3.sqlite_version,
        "database": {
            "plainCopy": plain.path,
            "pageSize": plain.page_size,
            "pages": plain.pages,
            "walFrames": plain.wal.frames,
            "walCommits": plain.wal.commits,
        },
        "cases": cases,
        "documents": documents,
        "blobs": list(blob_report.values()),
        "audit": {"entries": entries, "headSeq": head_seq, "ok": not audit_problems, "problems": audit_problems},
        "problems": problems,
        "ok": not problems,
    }
