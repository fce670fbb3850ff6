"""Reference reader for Sakta vaults, written from docs/vault-format.md alone.

Python 3 standard library plus PyNaCl (libsodium) and cryptography (OpenSSL), as Debian ships them
(python3-nacl, python3-cryptography). Nothing here imports Sakta's code: where this reader and Sakta
disagree, one of them or the specification has a bug.
"""
