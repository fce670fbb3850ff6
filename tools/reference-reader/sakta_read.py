#!/usr/bin/env python3
"""Sakta reference reader: opens a vault from docs/vault-format.md alone and checks everything in it.

  SAKTA_PASSPHRASE=...   python3 sakta_read.py --vault DIR --out DIR [--json] [--extract]
  SAKTA_RECOVERY_KEY=... python3 sakta_read.py --vault DIR --out DIR --recovery-key
  python3 sakta_read.py --backup DIR/sakta-backup-<vault id> [--json]     (no secret: signed manifests only)

Writes DIR/vault.plain.sqlite (the decrypted database) and, with --extract, DIR/documents/<blob id> (each
document's plaintext). THESE ARE NOT ENCRYPTED: use a folder on encrypted storage and delete it afterwards.
Exit codes as Sakta's CLI: 0 everything checks, 1 error, 2 bad usage, 3 wrong passphrase or key,
4 integrity failure (the report lists each problem).
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sakta_reader.backup import check_backup  # noqa: E402
from sakta_reader.errors import ReaderError, UsageError  # noqa: E402
from sakta_reader.vault import read_vault  # noqa: E402


def main(argv) -> int:
    p = argparse.ArgumentParser(description="Sakta reference reader (docs/vault-format.md)")
    p.add_argument("--vault", help="the vault folder")
    p.add_argument("--backup", help="a sakta-backup-<vault id> folder: check every snapshot's signed manifest")
    p.add_argument("--out", help="with --vault: an existing folder for the plain copies (NOT encrypted)")
    p.add_argument("--recovery-key", action="store_true", help="open with SAKTA_RECOVERY_KEY instead of SAKTA_PASSPHRASE")
    p.add_argument("--passphrase-file", help="read the passphrase from this file (one line)")
    p.add_argument("--extract", action="store_true", help="also write each document's plaintext into OUT/documents/")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    args = p.parse_args(argv)
    if args.backup:
        return backup_main(args)
    try:
        if not args.vault or not args.out:
            raise UsageError("give --vault DIR --out DIR, or --backup DIR")
        if not os.path.isdir(args.out):
            raise UsageError(f"--out {args.out} is not a folder")
        passphrase = recovery = None
        if args.recovery_key:
            recovery = os.environ.get("SAKTA_RECOVERY_KEY")
            if not recovery:
                raise UsageError("set SAKTA_RECOVERY_KEY")
        elif args.passphrase_file:
            with open(args.passphrase_file, encoding="utf-8") as f:
                passphrase = f.read().rstrip("\r\n")
        else:
            passphrase = os.environ.get("SAKTA_PASSPHRASE")
            if passphrase is None:
                raise UsageError("set SAKTA_PASSPHRASE or give --passphrase-file")
        report = read_vault(args.vault, args.out, passphrase=passphrase, recovery_key=recovery, extract=args.extract)
    except ReaderError as e:
        if args.json:
            print(json.dumps({"ok": False, "error": type(e).__name__, "message": str(e)}, ensure_ascii=False))
        print(f"sakta-reader: {e}", file=sys.stderr)
        return e.exit_code
    except FileNotFoundError as e:
        print(f"sakta-reader: {e.filename} is missing", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"vault {report['vaultId']} (format {report['formatVersion']}, schema {report['schemaVersion']})")
        print(f"database: {report['database']['pages']} pages, {report['database']['walCommits']} commits replayed from the WAL")
        for c in report["cases"]:
            print(f"case {c['id']}  {c['title']}")
        for d in report["documents"]:
            print(f"document {d['id']}  {'ok ' if d['ok'] else 'BAD'}  sha256:{d['sha256']}  {d['title']}")
        print(f"audit log: {report['audit']['entries']} entries, {'chain and signed head verify' if report['audit']['ok'] else 'BROKEN'}")
        for problem in report["problems"]:
            print(f"PROBLEM: {problem}")
    return 0 if report["ok"] else 4


def backup_main(args) -> int:
    try:
        report = check_backup(args.backup)
    except (ReaderError, OSError) as e:
        print(f"sakta-reader: {e}", file=sys.stderr)
        return 4
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for snap in report["snapshots"]:
            print(f"{'ok ' if snap['ok'] else 'BAD'}  {snap['snapshot']}  {snap['files']} files")
            for problem in snap["problems"]:
                print(f"PROBLEM: {problem}")
    return 0 if report["ok"] else 4


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
