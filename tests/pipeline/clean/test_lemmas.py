from pathlib import Path

import simplemma
from pytest import MonkeyPatch

from volg.pipeline.clean import lemmas

WORDS = ["huizen", "Russen", "liep", "Oekraïners", "wil", "Volgen", "zwanenburg", "Brits"]


def test_lemmas_are_simplemmas_own_whether_its_dictionary_is_decoded_or_read_from_the_cache_folder(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(lemmas, "_dictionaries", lemmas._Dictionaries)  # a fresh factory for each lemmatizer
    expected = [simplemma.lemmatize(word, "nl") for word in WORDS]
    assert [lemmas.lemmatizer.__wrapped__().lemmatize(word, "nl") for word in WORDS] == expected  # decoded
    assert list(tmp_path.glob("**/simplemma-nl-*.marshal"))
    assert [lemmas.lemmatizer.__wrapped__().lemmatize(word, "nl") for word in WORDS] == expected  # read


def test_a_process_looks_its_first_words_up_in_the_index_then_reads_the_dictionary_whole(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """The same lemmas and known words either way; a reading command that lemmatises a few words never holds the
    whole dictionary."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dictionaries = lemmas._Dictionaries()
    monkeypatch.setattr(lemmas, "_dictionaries", lambda: dictionaries)
    monkeypatch.setattr(lemmas, "LOOKUPS_ON_DISK", 4)
    expected = [simplemma.lemmatize(word, "nl") for word in WORDS]
    known = [simplemma.is_known(word, "nl") for word in WORDS]
    lemmas._Words("nl", 4).get("huizen")  # the first process makes the index
    assert list(tmp_path.glob("**/simplemma-nl-*.sqlite"))
    words = lemmas._Words("nl", 4)
    assert [words.get(word) for word in ("huizen", "xyzzy")] == ["huis", None]
    assert words._table is None  # looked up on disk
    lemmatizer = lemmas.lemmatizer.__wrapped__()
    assert [lemmatizer.lemmatize(word, "nl") for word in WORDS] == expected  # past 4 words: read whole
    assert dictionaries.get_dictionary("nl")._table is not None  # type: ignore[attr-defined]
    monkeypatch.setattr(lemmas, "_lookup", lemmas._lookup.__wrapped__)
    assert [lemmas.known(word, "nl") for word in WORDS] == known


def test_a_process_that_cleans_articles_reads_dictionaries_whole_from_the_first_word(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dictionaries = lemmas._Dictionaries()
    monkeypatch.setattr(lemmas, "_dictionaries", lambda: dictionaries)
    dutch = dictionaries.get_dictionary("nl")  # asked before, and after
    lemmas.read_whole()
    english = dictionaries.get_dictionary("en")
    assert (dutch.get("huizen"), english.get("houses")) == ("huis", "house")
    assert dutch._table is not None and english._table is not None  # type: ignore[attr-defined]


def test_an_unreadable_index_leaves_the_dictionary_to_answer(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lemmas._Words("nl", 4).get("huizen")  # makes the index
    for index in tmp_path.glob("**/simplemma-nl-*.sqlite"):
        index.write_bytes(b"not a database" * 100)
    assert lemmas._Words("nl", 4).get("huizen") == "huis"


def test_a_word_is_known_as_simplemma_knows_it() -> None:
    assert [lemmas.known(word, "nl") for word in WORDS] == [simplemma.is_known(word, "nl") for word in WORDS]
