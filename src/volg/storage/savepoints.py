"""Savepoints for the database classes: a part of a transaction that rolls back alone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import TYPE_CHECKING, Any

from volg.errors import StorageError


class Savepoints:
    """`savepoint()` for a database class whose `transaction()` nests (counting its open ones in `_depth`) and whose
    `_run(sql)` runs one statement; SQLite and PostgreSQL spell savepoints alike."""

    _depth: int

    if TYPE_CHECKING:
        def transaction(self) -> AbstractContextManager[None]: ...

        def _run(self, sql: str) -> Any: ...

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A write transaction that, inside another, rolls back alone when it fails (its exception still goes on to
        the caller): a batch can lose one article and keep the others. Outside a transaction it is one."""
        with self.transaction():
            if self._depth == 1:
                yield
                return
            name = f"volg_{self._depth}"
            self._run(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                with suppress(StorageError):  # a lost connection has nothing left to roll back
                    self._run(f"ROLLBACK TO {name}")
                    self._run(f"RELEASE {name}")
                raise
            self._run(f"RELEASE {name}")
