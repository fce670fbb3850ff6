"""Failures the reader reports, each with the exit code Sakta's own CLI uses for the same event."""


class ReaderError(Exception):
    exit_code = 1


class UsageError(ReaderError):
    exit_code = 2


class WrongSecret(ReaderError):
    """The passphrase or recovery key does not open any slot (or the slot was altered: the same event)."""

    exit_code = 3


class Damaged(ReaderError):
    """Something failed an integrity check: a header checksum, a page tag, a chunk MAC, a hash."""

    exit_code = 4


class FormatTooNew(ReaderError):
    exit_code = 1
