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


def test_a_word_is_known_as_simplemma_knows_it() -> None:
    assert [lemmas.known(word, "nl") for word in WORDS] == [simplemma.is_known(word, "nl") for word in WORDS]
