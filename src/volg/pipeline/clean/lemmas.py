"""simplemma's lemmas, from its dictionaries kept decoded in the user's cache folder: decoding the Dutch one takes
0.28 s of every process that lemmatises, reading it back 0.08 s. The lemmas are simplemma's own (its default
strategy, on the same dictionary).

A dictionary read whole takes 65 MB (Dutch) to 125 MB (Spanish) of memory, which a reading command that lemmatises
a few sentences should not pay (one Spanish sentence among a topic's developments did). So each dictionary is also
kept as an SQLite index, and a process looks its first `LOOKUPS_ON_DISK` words of a language up there, reading the
dictionary whole only when it asks for more (ingest does, at once)."""

from __future__ import annotations

import marshal
import os
import sqlite3
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import closing
from functools import cache
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from simplemma import Lemmatizer
    from simplemma.strategies import DictionaryLookupStrategy


LOOKUPS_ON_DISK = 20_000
"""Words of one language a process looks up in the on-disk index before it reads the dictionary whole: 0.2 s at
10 µs a word, against the 0.1-0.6 s and 65-125 MB of reading it. A reading command asks a few thousand (`volg topics
list` on 5,000 stored articles in five languages: 2,000-6,000 each); ingest passes it within its first articles."""


class _Dictionaries:
    """simplemma's DictionaryFactory, each language's dictionary looked up in the cache folder (see `_Words`)."""

    def __init__(self) -> None:
        self._found: dict[str, _Words] = {}
        self._whole = False

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang not in self._found:
            self._found[lang] = _Words(lang, 0 if self._whole else LOOKUPS_ON_DISK)
        return self._found[lang]

    def read_whole(self) -> None:
        self._whole = True
        for words in self._found.values():
            words.left = 0


class _Words(Mapping[str, str]):
    """One language's dictionary: its first `LOOKUPS_ON_DISK` words looked up in the SQLite index in the cache
    folder (made from the dictionary when there is none), then the whole dictionary in memory."""

    def __init__(self, lang: str, on_disk: int) -> None:
        self._lang = lang
        self.left = on_disk  # lookups still to make on disk
        self._index: sqlite3.Connection | None = None
        self._table: dict[bytes, bytes] | None = None

    def __getitem__(self, word: str) -> str:
        if self._table is None and self.left > 0 and (index := self._index or self._open_index()) is not None:
            self.left -= 1
            try:
                row = index.execute("SELECT lemma FROM words WHERE word = ?", (word.encode(),)).fetchone()
            except sqlite3.Error:  # an unreadable index: the dictionary answers from now on
                self.left = 0
            else:
                if row is None:
                    raise KeyError(word)
                return bytes(row[0]).decode()
        return self._whole()[word.encode()].decode()

    def __iter__(self) -> Iterator[str]:
        return (word.decode() for word in self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def _whole(self) -> dict[bytes, bytes]:
        if self._table is None:
            self._table = _table(self._lang)
            if self._index is not None:
                self._index.close()
                self._index = None
        return self._table

    def _open_index(self) -> sqlite3.Connection | None:
        """The index, made first from the dictionary (which then answers this process) when there is none."""
        path = _cache_file(self._lang, "sqlite")
        if not path.is_file():
            _write_index(path, self._whole())
            return None
        try:
            self._index = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error:
            self._whole()
        return self._index


def _write_index(path: Path, table: dict[bytes, bytes]) -> None:
    """The dictionary as an SQLite table of words and lemmas, left whole or not at all, as `_table` leaves its."""
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        with closing(sqlite3.connect(partial)) as db:
            db.execute("CREATE TABLE words (word BLOB PRIMARY KEY, lemma BLOB NOT NULL) WITHOUT ROWID")
            db.executemany("INSERT INTO words VALUES (?, ?)", sorted(table.items()))
            db.commit()
        os.replace(partial, path)
    except (OSError, sqlite3.Error):
        partial.unlink(missing_ok=True)  # a read-only or full disk: the next process tries again


def _table(lang: str) -> dict[bytes, bytes]:
    """The dictionary of `lang` from the cache folder, or decoded and left there."""
    path = _cache_file(lang, "marshal")
    try:
        table = marshal.loads(path.read_bytes())
        if isinstance(table, dict):
            return table
    except (OSError, ValueError, EOFError, TypeError):  # none yet, or unreadable
        pass
    table = _decoded(lang)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_bytes(marshal.dumps(table))
        os.replace(partial, path)  # whole or not at all, whoever reads it meanwhile
    except OSError:
        pass  # a read-only or full disk: the next process decodes it again
    return table


def _decoded(lang: str) -> dict[bytes, bytes]:
    """simplemma's dictionary of `lang`, as the bytes it keeps it in (a str dictionary would take half as much memory
    again); ValueError for a language it does not know."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    words = DefaultDictionaryFactory(cache_max_size=0).get_dictionary(lang)
    lemmas: dict[str, bytes] = {}  # each lemma once, however many words it is the lemma of (marshal keeps it so)
    return {key.encode(): lemmas.setdefault(value, value.encode()) for key, value in words.items()}


def _cache_file(lang: str, kind: str) -> Path:
    """Named after simplemma's version and the marshal format, so that an upgrade never reads an older dictionary."""
    from importlib.metadata import version  # here: it loads the email package, which reading stories needs not

    digest = blake2b(f"{version('simplemma')} {marshal.version} {sys.version_info[:2]}".encode(), digest_size=12)
    return Path(platformdirs.user_cache_dir("volg")) / f"simplemma-{lang}-{digest.hexdigest()}.{kind}"


@cache
def _dictionaries() -> _Dictionaries:
    return _Dictionaries()


def read_whole() -> None:
    """From now on, read each dictionary whole at its first word: for a process that cleans articles, which looks
    up thousands of words in its first few and had better read them before its memory fills (read later, a
    dictionary raises the peak: `volg ingest` of 1,346 Dutch articles 186 -> 208 MB)."""
    _dictionaries().read_whole()


@cache
def lemmatizer() -> Lemmatizer:
    """simplemma's default lemmatizer (not greedy) on the cached dictionaries."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_dictionaries()))


@cache
def _lookup() -> DictionaryLookupStrategy:
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy(_dictionaries())


def known(word: str, language: str) -> bool:
    """Whether the dictionary of `language` holds `word` (as simplemma.is_known reads it)."""
    return _lookup().get_lemma(unicodedata.normalize("NFC", word), language) is not None
