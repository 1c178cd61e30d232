"""The exceptions volg raises. One root, so callers can catch everything volg means to raise::

    VolgError
    ├── ConfigError      a setting has a bad value
    ├── InputError       an input (file, line, page, feed) cannot become an article
    │   └── FetchError   a URL could not be fetched (refused, unreachable, too big, bad status)
    ├── StorageError     the database failed or is newer than this code
    ├── NotFound         a named thing (source, article) does not exist
    └── DeliveryError    a channel did not take a message (temporary: try again later; else: give up)
"""

from __future__ import annotations


class VolgError(Exception):
    """Root of every error volg raises on purpose. `hint` is advice for the operator ("set VOLG_ALLOW_PRIVATE_URLS=
    true to allow"): the command line prints it after the message, a public page never shows it."""

    def __init__(self, message: str = "", *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class ConfigError(VolgError):
    """A setting has a value volg cannot use."""


class InputError(VolgError):
    """An input cannot become an article; the message says why in one line."""


class FetchError(InputError):
    """A URL could not be fetched: refused by the network guard, unreachable, too large or a bad status.

    `status` is the HTTP status when the server answered; `retry_after_s` the delay its Retry-After asked for.
    """

    def __init__(self, message: str, *, status: int | None = None, retry_after_s: float | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.retry_after_s = retry_after_s


class StorageError(VolgError):
    """The storage backend failed; the driver's exception is kept as the cause."""


class ConflictError(StorageError):
    """Two writers got in each other's way (a deadlock, a serialization failure): the database rolled this one's
    transaction back, and running it again is expected to work."""


class NotFound(VolgError):
    """A source, article or other named thing does not exist."""


class DeliveryError(VolgError):
    """A channel did not take a message. `temporary` errors are retried with backoff (`retry_after_s` when the
    receiver asked for a delay); the others fail the delivery at once (a refused address, a gone webhook)."""

    def __init__(self, message: str, *, temporary: bool, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.temporary = temporary
        self.retry_after_s = retry_after_s


def for_operator(exc: VolgError) -> str:
    """The message with the operator's hint, for the command line, logs and the admin pages."""
    return f"{exc}; {exc.hint}" if exc.hint else str(exc)
