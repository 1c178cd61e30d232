"""simplemma's lemmas, from its dictionaries kept decoded in the user's cache folder: decoding the Dutch one takes
0.28 s of every process that lemmatises, reading it back 0.08 s. The lemmas are simplemma's own (its default
strategy, on the same dictionary)."""

from __future__ import annotations

import marshal
import os
import sys
import unicodedata
from collections.abc import Mapping
from functools import cache
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from simplemma import Lemmatizer
    from simplemma.strategies import DictionaryLookupStrategy


class _Dictionaries:
    """simplemma's DictionaryFactory, each language's dictionary read from the cache folder (or decoded once and left
    there for the next process)."""

    def __init__(self) -> None:
        self._found: dict[str, Mapping[str, str]] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang not in self._found:
            from simplemma.strategies.dictionaries.dictionary_factory import MappingStrToByteString

            self._found[lang] = MappingStrToByteString(_table(lang))
        return self._found[lang]


def _table(lang: str) -> dict[bytes, bytes]:
    """The dictionary of `lang` from the cache folder, or decoded and left there."""
    path = _cache_file(lang)
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


def _cache_file(lang: str) -> Path:
    """Named after simplemma's version and the marshal format, so that an upgrade never reads an older dictionary."""
    from importlib.metadata import version  # here: it loads the email package, which reading stories needs not

    digest = blake2b(f"{version('simplemma')} {marshal.version} {sys.version_info[:2]}".encode(), digest_size=12)
    return Path(platformdirs.user_cache_dir("volg")) / f"simplemma-{lang}-{digest.hexdigest()}.marshal"


@cache
def _dictionaries() -> _Dictionaries:
    return _Dictionaries()


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
