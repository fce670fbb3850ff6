"""Keys (docs/vault-format.md §4): passphrase or recovery key -> KEK -> master key -> subkeys."""

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Optional

import nacl.bindings as sodium
import nacl.exceptions
import nacl.signing

from .errors import Damaged, UsageError, WrongSecret
from .header import Header, Slot

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_SECRET_BYTES = 20
SUBKEY_CONTEXT = b"SaktaKey"
SUBKEY_DATABASE, SUBKEY_BLOBS, SUBKEY_BACKUPS, SUBKEY_AUDIT_SIGNING, SUBKEY_PREVIOUS_MASTER = 1, 2, 3, 4, 5


def passphrase_kek(passphrase: str, slot: Slot) -> bytes:
    pw = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return sodium.crypto_pwhash_alg(32, pw, slot.salt, slot.opslimit, slot.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13)


def decode_recovery_key(text: str) -> bytes:
    """The 20-byte secret of a printed recovery key (§4.2). Padding bits of the last character are ignored."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " \t\r\n-")
    cleaned = cleaned.replace("I", "1").replace("L", "1").replace("O", "0")
    if len(cleaned) != 36 or any(ch not in CROCKFORD for ch in cleaned):
        raise UsageError("that is not a recovery key: it should be 36 letters and digits in groups of four")
    value = 0
    for ch in cleaned:
        value = (value << 5) | CROCKFORD.index(ch)
    # 36 x 5 = 180 bits: the first 176 are the 22 bytes, MSB first; the last 4 are padding.
    data = (value >> 4).to_bytes(22, "big")
    secret, checksum = data[:RECOVERY_SECRET_BYTES], data[RECOVERY_SECRET_BYTES:]
    if hashlib.blake2b(secret, digest_size=32).digest()[:2] != checksum:
        raise UsageError("the recovery key has a typing mistake (its checksum does not match)")
    return secret


def recovery_kek(slot: Slot, secret: bytes):
    """The KEK of a recovery slot (§4.2), or None when this recovery key does not belong to the slot."""
    if slot.algorithm == "blake2b-recovery-v1":
        return hashlib.blake2b(b"sakta-recovery-kek-v1", digest_size=32, key=secret).digest()
    # x25519-sealed-v1: the secret seeds an X25519 keypair; the KEK is sealed to its public key.
    seed = hashlib.blake2b(b"sakta-recovery-x25519-v1", digest_size=32, key=secret).digest()
    pk, sk = sodium.crypto_box_seed_keypair(seed)
    if pk != slot.public_key:
        return None
    try:
        return sodium.crypto_box_seal_open(slot.sealed_kek, pk, sk)
    except nacl.exceptions.CryptoError:
        return None


def unwrap(slot: Slot, kek: bytes):
    """The 32-byte master key, or None when this KEK does not open this slot."""
    try:
        master = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(slot.wrapped_key, slot.ad, slot.nonce, kek)
    except nacl.exceptions.CryptoError:
        return None
    return master if len(master) == 32 else None


def derive_subkey(master: bytes, subkey_id: int, length: int = 32) -> bytes:
    """crypto_kdf_derive_from_key written out: keyed BLAKE2b of the empty message, salt = u64le(id) || 8 zero
    bytes, personalisation = the 8-byte context || 8 zero bytes (§4.3)."""
    salt = subkey_id.to_bytes(8, "little") + bytes(8)
    person = SUBKEY_CONTEXT + bytes(8)
    return hashlib.blake2b(b"", digest_size=length, key=master, salt=salt, person=person).digest()


@dataclass
class VaultKeys:
    master: bytes
    database: bytes
    blobs: bytes
    signing_public_key: bytes
    # Mid-rotation only (a previous-master slot, §8.2): the previous master key's subkeys, which the database
    # and some stored-file keys may still be under.
    previous: Optional["VaultKeys"] = None


def open_master(header: Header, passphrase=None, recovery_key=None) -> bytes:
    if (passphrase is None) == (recovery_key is None):
        raise UsageError("give either a passphrase or a recovery key")
    if passphrase is not None:
        for slot in header.slots:
            if slot.kind == "passphrase":
                master = unwrap(slot, passphrase_kek(passphrase, slot))
                if master:
                    return master
        raise WrongSecret("that passphrase does not open this vault")
    secret = decode_recovery_key(recovery_key)
    for slot in header.slots:
        if slot.kind == "recovery":
            kek = recovery_kek(slot, secret)
            master = unwrap(slot, kek) if kek else None
            if master:
                return master
    raise WrongSecret("that recovery key does not open this vault")


def _subkeys(master: bytes) -> VaultKeys:
    public_key = bytes(nacl.signing.SigningKey(derive_subkey(master, SUBKEY_AUDIT_SIGNING)).verify_key)
    return VaultKeys(master, derive_subkey(master, SUBKEY_DATABASE), derive_subkey(master, SUBKEY_BLOBS), public_key)


def derive_keys(header: Header, master: bytes) -> VaultKeys:
    keys = _subkeys(master)
    if keys.signing_public_key != header.signing_public_key:
        raise Damaged("the signing key derived from the master key is not the header's: the header belongs to another vault")
    for slot in header.slots:
        if slot.kind == "previous-master":
            previous = unwrap(slot, derive_subkey(master, SUBKEY_PREVIOUS_MASTER))
            if previous is None:
                raise Damaged("the previous-master slot does not open with the current master key")
            keys.previous = _subkeys(previous)
    return keys
