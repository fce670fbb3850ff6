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


def _verify(public_key: bytes, message: bytes, signature_b64) -> bool:
    try:
        nacl.signing.VerifyKey(public_key).verify(message, base64.b64decode(signature_b64, validate=True))
        return True
    except (nacl.exceptions.BadSignatureError, binascii.Error, ValueError, TypeError):
        return False


def verify_rotations(db, vault_id: str, end_keys) -> list:
    """Key rotations (format 2, §7): each `vault.keys_rotated` entry is signed by the old and the new signing key
    over its place in the chain, starts from the key the previous one ended with, and the last ends with the
    vault's key (`end_keys`: the header's, or mid-rotation also the previous one)."""
    problems = []
    expected_from = None
    for row in db.execute("SELECT seq, prev_hash, detail FROM audit_log WHERE action = 'vault.keys_rotated' ORDER BY seq"):
        try:
            d = json.loads(row["detail"])
            prev, new = d["previousSigningKey"], d["signingKey"]
            message = f"sakta-key-rotation|v1|{vault_id}|{prev}|{new}|{row['prev_hash']}".encode("utf-8")
            signed = _verify(base64.b64decode(prev), message, d["signatureByPrevious"]) and _verify(base64.b64decode(new), message, d["signatureByNew"])
        except (ValueError, KeyError, TypeError, binascii.Error):
            problems.append(f"audit entry {row['seq']} (key rotation) is unreadable")
            continue
        if not signed:
            problems.append(f"audit entry {row['seq']} (key rotation) is not signed by both keys")
        if expected_from is not None and prev != expected_from:
            problems.append(f"audit entry {row['seq']} (key rotation) does not start from the key the previous rotation made")
        expected_from = new
    if expected_from is not None and base64.b64decode(expected_from) not in end_keys:
        problems.append("the last key rotation in the audit log does not name the vault's current signing key")
    return problems


def verify_chain(db, signing_public_keys):
    """Returns (number of entries, head seq or None, problems). `db` is a sqlite3 connection to the plain copy;
    the head must be signed by one of `signing_public_keys` (the header's; mid-rotation also the previous one)."""
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
    if not any(_verify(k, message, head["signature"]) for k in signing_public_keys):
        problems.append("the signature of the audit log head is invalid")
    if last is None or head["seq"] != last["seq"] or head["hash"] != last["hash"]:
        problems.append(f"the audit log ends at entry {last['seq'] if last else 0} but its signed head names entry {head['seq']}")
    return count, head["seq"], problems
