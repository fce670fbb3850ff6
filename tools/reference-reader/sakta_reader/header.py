"""The vault header (docs/vault-format.md §2-§3). Everything that depends on the header's layout is in
`parse_header`; the rest of the reader sees only the `Header` and `Slot` it returns.

Format 2: a 16384-byte file of two 8192-byte areas, each a header text padded with zero bytes (or anything else:
an empty area); the current header is the valid area with the highest generation. Format 1: the whole file is
one header text, read as area 0 of generation 0."""

import base64
import binascii
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import List, Optional

from .errors import Damaged, FormatTooNew

AREA = 8192
FILE_BYTES = 2 * AREA
KNOWN_FORMAT_VERSIONS = (1, 2)
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
OPS_MIN, OPS_MAX = 1, 20
MEM_MIN, MEM_MAX = 8192, 4294967296
# §2.2: below this a header is refused (someone lowered the cost of guessing), unless the test suite asked.
FLOOR_OPS, FLOOR_MEM = 3, 268435456
SLOT_KINDS_V2 = ("passphrase", "recovery", "previous-master")


@dataclass
class Slot:
    kind: str  # "passphrase", "recovery" or (format 2, mid-rotation) "previous-master"
    algorithm: str  # the kdf algorithm
    nonce: bytes  # 24 bytes
    wrapped_key: bytes  # 48 bytes: 32-byte ciphertext || 16-byte tag
    ad: bytes  # the AEAD additional data of this slot (§3)
    # Argon2id parameters of a passphrase slot.
    salt: Optional[bytes] = None
    opslimit: Optional[int] = None
    memlimit: Optional[int] = None
    profile: Optional[str] = None
    # A sealed (x25519-sealed-v1) recovery slot.
    public_key: Optional[bytes] = None
    sealed_kek: Optional[bytes] = None


@dataclass
class Header:
    format_version: int
    generation: int  # 0 for format 1
    vault_id: str
    signing_public_key: bytes
    slots: List[Slot] = field(default_factory=list)


class _Empty(Exception):
    """An area that holds no valid header (erased, superseded, torn, damaged)."""


def _damaged(why: str) -> Damaged:
    return Damaged(f"the vault header is damaged or was altered ({why})")


def _b64(value, length: int, what: str) -> bytes:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9+/]+={0,2}", value):
        raise _Empty(what)
    try:
        out = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _Empty(what)
    if len(out) != length:
        raise _Empty(what)
    return out


def _int(value, lo: int, hi: int, what: str) -> int:
    # JSON numbers only; a bool is not a number here.
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _Empty(what)
    return value


def _exact_keys(obj, keys, what: str) -> None:
    if not isinstance(obj, dict) or set(obj.keys()) != set(keys):
        raise _Empty(what)


def _slot(raw, format_version: int, vault_id: str) -> Slot:
    _exact_keys(raw, ("kind", "kdf", "nonce", "wrappedKey"), "slot keys")
    kind, kdf = raw["kind"], raw["kdf"]
    nonce = _b64(raw["nonce"], 24, "slot nonce")
    wrapped = _b64(raw["wrappedKey"], 48, "slot wrappedKey")
    if not isinstance(kdf, dict):
        raise _Empty("kdf")
    algorithm = kdf.get("algorithm")
    prefix = f"sakta-vault|v{format_version}|{vault_id}|{kind}|"
    if kind == "passphrase":
        _exact_keys(kdf, ("algorithm", "opslimit", "memlimit", "salt", "profile"), "passphrase kdf keys")
        if algorithm != "argon2id13" or kdf["profile"] not in ("standard", "high-risk", "test"):
            raise _Empty("passphrase kdf")
        ops = _int(kdf["opslimit"], OPS_MIN, OPS_MAX, "opslimit")
        mem = _int(kdf["memlimit"], MEM_MIN, MEM_MAX, "memlimit")
        salt = _b64(kdf["salt"], 16, "salt")
        # The salt goes into the AD exactly as written in the header (base64 text).
        ad = f"{prefix}argon2id13|{ops}|{mem}|{kdf['salt']}|{kdf['profile']}"
        return Slot(kind, algorithm, nonce, wrapped, ad.encode(), salt=salt, opslimit=ops, memlimit=mem, profile=kdf["profile"])
    if kind == "recovery" and algorithm == "blake2b-recovery-v1":
        _exact_keys(kdf, ("algorithm",), "recovery kdf keys")
        # Wrapped by format 1 and carried over unchanged: its AD keeps "v1" (§3).
        return Slot(kind, algorithm, nonce, wrapped, f"sakta-vault|v1|{vault_id}|recovery|blake2b-recovery-v1".encode())
    if format_version >= 2 and kind == "recovery" and algorithm == "x25519-sealed-v1":
        _exact_keys(kdf, ("algorithm", "publicKey", "sealedKek"), "recovery kdf keys")
        pk = _b64(kdf["publicKey"], 32, "recovery publicKey")
        sealed = _b64(kdf["sealedKek"], 80, "recovery sealedKek")
        ad = f"{prefix}x25519-sealed-v1|{kdf['publicKey']}"
        return Slot(kind, algorithm, nonce, wrapped, ad.encode(), public_key=pk, sealed_kek=sealed)
    if format_version >= 2 and kind == "previous-master" and algorithm == "master-subkey-v1":
        _exact_keys(kdf, ("algorithm",), "previous-master kdf keys")
        return Slot(kind, algorithm, nonce, wrapped, f"{prefix}master-subkey-v1".encode())
    # A known kind with an unknown algorithm, or in format 1 any other kind: this area is not a valid header.
    raise _Empty(f"slot {kind!r}/{algorithm!r}")


def _parse_text(area: bytes) -> Header:
    """One header text followed by zero bytes (§2.1 steps 2-5). Raises _Empty or FormatTooNew."""
    end = -1
    for _ in range(3):
        end = area.find(b"\n", end + 1)
        if end < 0:
            raise _Empty("structure")
    if any(area[end + 1 :]):
        raise _Empty("padding")
    magic, body_line, sum_line = area[: end + 1].split(b"\n")[:3]
    m = re.fullmatch(rb"SAKTA-VAULT-HEADER (\d+)", magic)
    if not m:
        raise _Empty("magic")
    n = int(m.group(1))
    if n > max(KNOWN_FORMAT_VERSIONS):
        raise FormatTooNew(f"header layout {n} is newer than this reader")
    if n not in KNOWN_FORMAT_VERSIONS:
        raise _Empty("magic")
    s = re.fullmatch(rb"sha256:([0-9a-f]{64})", sum_line)
    if not s or hashlib.sha256(magic + b"\n" + body_line + b"\n").hexdigest().encode() != s.group(1):
        raise _Empty("checksum")
    try:
        body = json.loads(body_line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _Empty("body is not JSON")
    if not isinstance(body, dict):
        raise _Empty("body")
    version = body.get("formatVersion")
    if isinstance(version, int) and not isinstance(version, bool) and version > max(KNOWN_FORMAT_VERSIONS):
        raise FormatTooNew(f"vault format {version} is newer than this reader")
    if version != n:
        raise _Empty("formatVersion differs from the magic")
    keys = ["format", "formatVersion", "vaultId", "createdAt", "signingPublicKey", "slots"] + (["generation"] if n == 2 else [])
    _exact_keys(body, keys, "body keys")
    generation = _int(body["generation"], 1, 2**53 - 1, "generation") if n == 2 else 0
    vault_id = body["vaultId"]
    if body["format"] != "sakta-vault" or not isinstance(vault_id, str) or not UUID_RE.match(vault_id) or not isinstance(body["createdAt"], str):
        raise _Empty("body")
    public_key = _b64(body["signingPublicKey"], 32, "signingPublicKey")
    raw_slots = body["slots"]
    if not isinstance(raw_slots, list) or not 1 <= len(raw_slots) <= 8:
        raise _Empty("slots")
    # Format 2: a slot kind this reader does not know means a newer Sakta wrote the header; never drop a slot.
    if n == 2 and any(not isinstance(r, dict) or r.get("kind") not in SLOT_KINDS_V2 for r in raw_slots):
        raise FormatTooNew("a key slot kind this reader does not know")
    slots = [_slot(r, n, vault_id) for r in raw_slots]
    kinds = [x.kind for x in slots]
    if kinds.count("passphrase") != 1 or kinds.count("recovery") > 1 or kinds.count("previous-master") > 1:
        raise _Empty("slots")
    p = next(x for x in slots if x.kind == "passphrase")
    if os.environ.get("SAKTA_TEST_FAST_KDF") != "1" and (p.profile == "test" or p.opslimit < FLOOR_OPS or p.memlimit < FLOOR_MEM):
        raise _Empty("key-derivation parameters below the standard floor")
    return Header(n, generation, vault_id, public_key, slots)


def parse_header(raw: bytes) -> Header:
    """The current header of `vault.header` (either format). Raises Damaged, or FormatTooNew."""
    if len(raw) > FILE_BYTES:
        raise _damaged("too large")
    padded = raw + bytes(FILE_BYTES - len(raw))
    found: List[Header] = []
    too_new: Optional[FormatTooNew] = None
    reasons = []
    for area in (padded[:AREA], padded[AREA:]):
        try:
            found.append(_parse_text(area))
        except FormatTooNew as e:
            too_new = e
        except _Empty as e:
            reasons.append(str(e))
    if not found:
        if too_new:
            raise too_new
        raise _damaged(reasons[0] if reasons else "no header")
    if len(found) == 2 and found[0].generation == found[1].generation:
        raise _damaged("two headers of the same generation")
    if len(found) == 2 and found[0].vault_id != found[1].vault_id:
        raise _damaged("two headers of different vaults")
    return max(found, key=lambda h: h.generation)
