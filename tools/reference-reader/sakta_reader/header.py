"""The vault header (docs/vault-format.md §2-§3). Everything that depends on the header's layout is in
`parse_header`; the rest of the reader sees only the `Header` and `Slot` it returns."""

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import List, Optional

from .errors import Damaged, FormatTooNew

MAX_HEADER_BYTES = 64 * 1024
KNOWN_FORMAT_VERSIONS = (1,)
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
OPS_MIN, OPS_MAX = 1, 20
MEM_MIN, MEM_MAX = 8192, 4294967296


@dataclass
class Slot:
    kind: str  # "passphrase" or "recovery"
    nonce: bytes  # 24 bytes
    wrapped_key: bytes  # 48 bytes: 32-byte ciphertext || 16-byte tag
    ad: bytes  # the AEAD additional data of this slot (§3)
    # Argon2id parameters of a passphrase slot; None for a recovery slot.
    salt: Optional[bytes] = None
    opslimit: Optional[int] = None
    memlimit: Optional[int] = None
    profile: Optional[str] = None


@dataclass
class Header:
    format_version: int
    vault_id: str
    signing_public_key: bytes
    slots: List[Slot] = field(default_factory=list)


def _damaged(why: str) -> Damaged:
    return Damaged(f"the vault header is damaged or was altered ({why})")


def _b64(value, length: int, what: str) -> bytes:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9+/]+={0,2}", value):
        raise _damaged(what)
    try:
        out = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _damaged(what)
    if len(out) != length:
        raise _damaged(what)
    return out


def _int(value, lo: int, hi: int, what: str) -> int:
    # JSON numbers only; a bool is not a number here.
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _damaged(what)
    return value


def _exact_keys(obj, keys, what: str) -> None:
    if not isinstance(obj, dict) or set(obj.keys()) != set(keys):
        raise _damaged(what)


def _slot_v1(raw, format_version: int, vault_id: str) -> Slot:
    if not isinstance(raw, dict) or "kind" not in raw:
        raise _damaged("slot")
    kind = raw["kind"]
    _exact_keys(raw, ("kind", "kdf", "nonce", "wrappedKey"), "slot keys")
    nonce = _b64(raw["nonce"], 24, "slot nonce")
    wrapped = _b64(raw["wrappedKey"], 48, "slot wrappedKey")
    kdf = raw["kdf"]
    prefix = f"sakta-vault|v{format_version}|{vault_id}|{kind}|"
    if kind == "passphrase":
        _exact_keys(kdf, ("algorithm", "opslimit", "memlimit", "salt", "profile"), "passphrase kdf keys")
        if kdf["algorithm"] != "argon2id13" or kdf["profile"] not in ("standard", "high-risk", "test"):
            raise _damaged("passphrase kdf")
        ops = _int(kdf["opslimit"], OPS_MIN, OPS_MAX, "opslimit")
        mem = _int(kdf["memlimit"], MEM_MIN, MEM_MAX, "memlimit")
        salt = _b64(kdf["salt"], 16, "salt")
        # The salt goes into the AD exactly as written in the header (base64 text).
        ad = f"{prefix}argon2id13|{ops}|{mem}|{kdf['salt']}|{kdf['profile']}".encode("utf-8")
        return Slot(kind, nonce, wrapped, ad, salt=salt, opslimit=ops, memlimit=mem, profile=kdf["profile"])
    if kind == "recovery":
        _exact_keys(kdf, ("algorithm",), "recovery kdf keys")
        if kdf["algorithm"] != "blake2b-recovery-v1":
            raise _damaged("recovery kdf")
        return Slot(kind, nonce, wrapped, f"{prefix}blake2b-recovery-v1".encode("utf-8"))
    # Format 1 knows exactly two kinds; any other makes the header damaged (§2, "Key slots").
    raise _damaged(f"unknown slot kind {kind!r}")


def parse_header(raw: bytes) -> Header:
    """Checks and decodes `vault.header`. Raises Damaged, or FormatTooNew for a layout this reader does not know."""
    if len(raw) > MAX_HEADER_BYTES:
        raise _damaged("too large")
    lines = raw.split(b"\n")
    if len(lines) != 4 or lines[3] != b"":
        raise _damaged("structure")
    magic, body_line, sum_line = lines[0], lines[1], lines[2]
    m = re.fullmatch(rb"SAKTA-VAULT-HEADER (\d+)", magic)
    if not m:
        raise _damaged("magic")
    if int(m.group(1)) not in KNOWN_FORMAT_VERSIONS:
        raise FormatTooNew(f"header layout {int(m.group(1))} is newer than this reader")
    s = re.fullmatch(rb"sha256:([0-9a-f]{64})", sum_line)
    if not s:
        raise _damaged("checksum line")
    if hashlib.sha256(magic + b"\n" + body_line + b"\n").hexdigest().encode() != s.group(1):
        raise _damaged("checksum mismatch")
    try:
        body = json.loads(body_line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged("body is not JSON")
    if not isinstance(body, dict):
        raise _damaged("body")
    version = body.get("formatVersion")
    if isinstance(version, int) and not isinstance(version, bool) and version > max(KNOWN_FORMAT_VERSIONS):
        raise FormatTooNew(f"vault format {version} is newer than this reader")
    _exact_keys(body, ("format", "formatVersion", "vaultId", "createdAt", "signingPublicKey", "slots"), "body keys")
    if body["format"] != "sakta-vault" or version != 1:
        raise _damaged("format")
    vault_id = body["vaultId"]
    if not isinstance(vault_id, str) or not UUID_RE.match(vault_id):
        raise _damaged("vaultId")
    if not isinstance(body["createdAt"], str):
        raise _damaged("createdAt")
    public_key = _b64(body["signingPublicKey"], 32, "signingPublicKey")
    raw_slots = body["slots"]
    if not isinstance(raw_slots, list) or not 1 <= len(raw_slots) <= 8:
        raise _damaged("slots")
    slots = [_slot_v1(r, version, vault_id) for r in raw_slots]
    kinds = [x.kind for x in slots]
    if kinds.count("passphrase") != 1 or kinds.count("recovery") > 1:
        raise _damaged("slots")
    return Header(version, vault_id, public_key, slots)
