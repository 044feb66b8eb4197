"""What can go wrong with the store: exceptions whose messages can be shown to the runner as is."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every store error. The message is plain English, fit to show the runner."""


class StoreLocked(StoreError):
    """Another achilles (another terminal) is writing to this history."""


class StoreCorrupt(StoreError):
    """A history file cannot be read and the caller asked to refuse rather than move it aside."""


class StoreTooNew(StoreError):
    """A history file was written by a newer achilles-coach; it is left alone, never moved aside."""


class StoreReadOnly(StoreError):
    """A write on a store opened read-only (or already closed)."""


class ImportRejected(StoreError):
    """An unusable import file; nothing was changed. The message names the record and field."""
