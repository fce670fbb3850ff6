"""Unit checks of the reader's corner cases that a fresh vault rarely reaches (run: python3 -m unittest -v).

The whole reader is checked against vaults the CLI makes by tests/integration/reference-reader.test.ts; these
cover what such a vault almost never contains: a ChaCha20 block counter that wraps inside a page, and recovery
keys whose padding bits are not zero.
"""

import hashlib
import os
import struct
import unittest

from cryptography.hazmat.primitives.poly1305 import Poly1305

from sakta_reader import keys, sqlite_mc
from sakta_reader.errors import Damaged, FormatTooNew, UsageError
from sakta_reader.header import AREA, parse_header


def _rotl(v, c):
    return ((v << c) & 0xFFFFFFFF) | (v >> (32 - c))


def chacha20_block(key: bytes, counter: int, nonce12: bytes) -> bytes:
    """RFC 8439 §2.3, written out, as an independent reference."""
    state = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574, *struct.unpack("<8I", key), counter, *struct.unpack("<3I", nonce12)]
    x = list(state)

    def qr(a, b, c, d):
        x[a] = (x[a] + x[b]) & 0xFFFFFFFF
        x[d] = _rotl(x[d] ^ x[a], 16)
        x[c] = (x[c] + x[d]) & 0xFFFFFFFF
        x[b] = _rotl(x[b] ^ x[c], 12)
        x[a] = (x[a] + x[b]) & 0xFFFFFFFF
        x[d] = _rotl(x[d] ^ x[a], 8)
        x[c] = (x[c] + x[d]) & 0xFFFFFFFF
        x[b] = _rotl(x[b] ^ x[c], 7)

    for _ in range(10):
        qr(0, 4, 8, 12), qr(1, 5, 9, 13), qr(2, 6, 10, 14), qr(3, 7, 11, 15)
        qr(0, 5, 10, 15), qr(1, 6, 11, 12), qr(2, 7, 8, 13), qr(3, 4, 9, 14)
    return struct.pack("<16I", *[(x[i] + state[i]) & 0xFFFFFFFF for i in range(16)])


def keystream(key: bytes, nonce12: bytes, counter: int, n: int) -> bytes:
    """SQLite3 Multiple Ciphers' keystream: the 32-bit counter wraps to 0, never carrying into the nonce."""
    out = b""
    while len(out) < n:
        out += chacha20_block(key, counter, nonce12)
        counter = (counter + 1) & 0xFFFFFFFF
    return out[:n]


def encrypt_page(key: bytes, pgno: int, plain: bytes, nonce16: bytes) -> bytes:
    """§5.2 in the writing direction (pages other than page 1)."""
    n = len(plain) - 32
    counter = struct.unpack("<I", nonce16[12:])[0] ^ pgno
    otk = keystream(key, nonce16[:12], counter, 64)
    body = bytes(a ^ b for a, b in zip(plain[:n], keystream(otk[32:], nonce16[:12], (counter + 1) & 0xFFFFFFFF, n)))
    tag = Poly1305.generate_tag(otk[:32], body + nonce16)
    return body + nonce16 + tag


class ChaChaCounterWrap(unittest.TestCase):
    def test_matches_rfc8439_test_vector(self):
        # RFC 8439 §2.4.2: key 00..1f, nonce 000000000000004a00000000, counter 1.
        key = bytes(range(32))
        nonce = bytes.fromhex("000000000000004a00000000")
        plain = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."
        self.assertEqual(sqlite_mc.chacha20_xor(key, nonce, 1, plain)[:16].hex(), "6e2e359a2568f98041ba0728dd0d6981")

    def test_counter_wraps_to_zero_inside_a_run(self):
        key, nonce = os.urandom(32), os.urandom(12)
        for start in (0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFC5):
            data = os.urandom(4064)
            expected = bytes(a ^ b for a, b in zip(data, keystream(key, nonce, start, len(data))))
            self.assertEqual(sqlite_mc.chacha20_xor(key, nonce, start, data), expected, hex(start))

    def test_a_page_whose_counter_wraps_decrypts(self):
        key, pgno = os.urandom(32), 7
        plain = os.urandom(4064) + bytes(32)
        # nonce word chosen so that counter + 1 = 0xFFFFFFF0: the page's 64 blocks run across the wrap.
        nonce16 = os.urandom(12) + struct.pack("<I", 0xFFFFFFEF ^ pgno)
        page = encrypt_page(key, pgno, plain, nonce16)
        self.assertEqual(sqlite_mc.decrypt_page(key, pgno, page), plain)
        with self.assertRaises(Damaged):
            sqlite_mc.decrypt_page(key, pgno + 1, page)  # the page number is bound into the counter
        tampered = bytearray(page)
        tampered[100] ^= 1
        with self.assertRaises(Damaged):
            sqlite_mc.decrypt_page(key, pgno, bytes(tampered))


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def printed_key(secret: bytes, padding: int = 0) -> str:
    data = secret + hashlib.blake2b(secret, digest_size=32).digest()[:2]
    v = (int.from_bytes(data, "big") << 4) | padding
    chars = "".join(CROCKFORD[(v >> (5 * (35 - i))) & 31] for i in range(36))
    return "-".join(chars[i : i + 4] for i in range(0, 36, 4))


class RecoveryKeyPadding(unittest.TestCase):
    def test_padding_bits_are_ignored_and_look_alikes_accepted(self):
        secret = os.urandom(20)
        written = printed_key(secret)
        self.assertIn(written[-1], "0G")  # writers pad with zero bits
        for padding in range(16):
            self.assertEqual(keys.decode_recovery_key(printed_key(secret, padding)), secret)
        self.assertEqual(keys.decode_recovery_key(written.lower().replace("-", " ").replace("0", "o")), secret)

    def test_a_typo_is_a_checksum_error(self):
        secret = os.urandom(20)
        written = list(printed_key(secret))
        written[0] = "Z" if written[0] != "Z" else "Y"
        with self.assertRaises(UsageError):
            keys.decode_recovery_key("".join(written))


class SubkeyDerivation(unittest.TestCase):
    def test_blake2b_parameters(self):
        # Independent of hashlib's parameter handling: the same call through libsodium's generichash with
        # salt and personalisation (what crypto_kdf_derive_from_key does inside).
        import nacl.bindings as sodium

        master = os.urandom(32)
        for sub in (1, 2, 4, 2**40 + 3):
            via_sodium = sodium.crypto_generichash_blake2b_salt_personal(
                b"", digest_size=32, key=master, salt=sub.to_bytes(8, "little") + bytes(8), person=b"SaktaKey" + bytes(8)
            )
            self.assertEqual(keys.derive_subkey(master, sub), via_sodium)


def _b64(n: int) -> str:
    import base64

    return base64.b64encode(os.urandom(n)).decode()


def header_text(generation: int, vault_id="0b9d3c1e-25a1-47f5-88e6-a6e128213ba5", extra_slot=None) -> bytes:
    """A format-2 header text as §2.1-§2.2 describe it (the keys are random: parsing never unwraps)."""
    import json

    slots = [
        {"kind": "passphrase", "kdf": {"algorithm": "argon2id13", "opslimit": 3, "memlimit": 268435456, "salt": _b64(16), "profile": "standard"}, "nonce": _b64(24), "wrappedKey": _b64(48)},
        {"kind": "recovery", "kdf": {"algorithm": "x25519-sealed-v1", "publicKey": _b64(32), "sealedKek": _b64(80)}, "nonce": _b64(24), "wrappedKey": _b64(48)},
    ] + ([extra_slot] if extra_slot else [])
    body = {"format": "sakta-vault", "formatVersion": 2, "generation": generation, "vaultId": vault_id, "createdAt": "2026-12-06T10:00:00.000Z", "signingPublicKey": _b64(32), "slots": slots}
    signed = b"SAKTA-VAULT-HEADER 2\n" + json.dumps(body, separators=(",", ":")).encode() + b"\n"
    return signed + b"sha256:" + hashlib.sha256(signed).hexdigest().encode() + b"\n"


def area(text: bytes) -> bytes:
    return text + bytes(AREA - len(text))


class HeaderFormat2(unittest.TestCase):
    def test_the_valid_area_with_the_highest_generation_is_current(self):
        self.assertEqual(parse_header(area(header_text(4)) + area(header_text(5))).generation, 5)
        self.assertEqual(parse_header(area(header_text(9)) + area(header_text(5))).generation, 9)
        # An erased area (random bytes) is empty; the other one is current.
        self.assertEqual(parse_header(os.urandom(AREA) + area(header_text(2))).generation, 2)

    def test_a_damaged_newer_area_is_empty_never_a_reason_to_guess(self):
        newer = bytearray(area(header_text(6)))
        newer[60] ^= 1  # inside the JSON: the checksum fails
        self.assertEqual(parse_header(bytes(newer) + area(header_text(5))).generation, 5)
        padded = bytearray(area(header_text(6)))
        padded[-1] = 1  # a non-zero padding byte
        self.assertEqual(parse_header(area(header_text(5)) + bytes(padded)).generation, 5)

    def test_refusals(self):
        with self.assertRaises(Damaged):
            parse_header(area(header_text(5)) + area(header_text(5)))  # same generation twice
        with self.assertRaises(Damaged):
            parse_header(area(header_text(5)) + area(header_text(6, vault_id="11111111-2222-4333-8444-555555555555")))
        with self.assertRaises(Damaged):
            parse_header(os.urandom(AREA) + os.urandom(AREA))
        with self.assertRaises(Damaged):
            parse_header(area(header_text(1)) + area(header_text(2)) + b"x")  # longer than two areas
        unknown = {"kind": "hardware-token", "kdf": {"algorithm": "fido2"}, "nonce": _b64(24), "wrappedKey": _b64(48)}
        with self.assertRaises(FormatTooNew):
            parse_header(area(header_text(3, extra_slot=unknown)) + os.urandom(AREA))


if __name__ == "__main__":
    unittest.main()
