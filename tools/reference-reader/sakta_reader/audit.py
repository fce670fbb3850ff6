"""The audit log (docs/vault-format.md §7): a SHA-256 hash chain whose head is signed with Ed25519."""

import base64
import binascii
import hashlib
import json

import nacl.exceptions
import nacl.signing

GENESIS = "0" * 64


def canonical(row) -> str:
    """ECMAScript's JSON.stringify of [seq, at, action, entity_type, entity_id, case_id, detail]: no spaces,
    non-ASCII kept as is, control characters escaped as JSON.stringify does (Python's json escapes the same set
    the same way: \\b \\f \\n \\r \\t \\" \\\\ and \\u00XX in lowercase hex for the other controls)."""
    values = [row["seq"], row["at"], row["action"], row["entity_type"], row["entity_id"], row["case_id"], row["detail"]]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, row) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical(row)}".encode("utf-8")).hexdigest()


def verify_chain(db, signing_public_key: bytes):
    """Returns (number of entries, head seq or None, problems). `db` is a sqlite3 connection to the plain copy."""
    problems = []
    prev = GENESIS
    expected = 1
    last = None
    count = 0
    for row in db.execute("SELECT * FROM audit_log ORDER BY seq"):
        count += 1
        if row["seq"] != expected:
            problems.append(f"audit entry {expected} is missing")
        if row["prev_hash"] != prev:
            problems.append(f"audit entry {row['seq']} does not follow the entry before it (chain broken)")
        if entry_hash(row["prev_hash"], row) != row["hash"]:
            problems.append(f"audit entry {row['seq']} ({row['action']}) was altered")
        prev = row["hash"]
        expected = row["seq"] + 1
        last = row
    head = db.execute("SELECT seq, hash, signature FROM audit_head WHERE id = 1").fetchone()
    if head is None:
        if last is not None:
            problems.append("the audit log has entries but no signed head")
        return count, None, problems
    message = f"sakta-audit-head|v1|{head['seq']}|{head['hash']}".encode("utf-8")
    try:
        nacl.signing.VerifyKey(signing_public_key).verify(message, base64.b64decode(head["signature"], validate=True))
    except (nacl.exceptions.BadSignatureError, binascii.Error, ValueError):
        problems.append("the signature of the audit log head is invalid")
    if last is None or head["seq"] != last["seq"] or head["hash"] != last["hash"]:
        problems.append(f"the audit log ends at entry {last['seq'] if last else 0} but its signed head names entry {head['seq']}")
    return count, head["seq"], problems
