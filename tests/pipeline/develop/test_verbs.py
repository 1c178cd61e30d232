"""A Dutch sentence without a verb of its own (a teaser or caption line) is a fragment; a real lede never is."""

from __future__ import annotations

import pytest

from volg.pipeline.develop.verbs import is_fragment


@pytest.mark.parametrize("sentence", [
    "Vermoedelijk mét de nieuwe spits, die gisteren weer volledig meedeed.",
    "Drie reacties op de rede van de burgemeester na het hoogwater.",
    "Goed nieuws voor bewoners van de kades langs de Maas én de Roer.",
    "Op de foto een straat in Venlo, waar de kades het begaven.",
    "Een uitval van de dijkgraaf, een mopperende, knorrige man uit Venlo.",  # a participle is no verb
])
def test_a_teaser_or_caption_line_is_a_fragment(sentence: str) -> None:
    assert is_fragment(sentence, "nl")


@pytest.mark.parametrize("sentence", [
    "FC Rivierstad maakt zich op voor de beslissende thuiswedstrijd morgen tegen Sparta Dalen.",
    "Critici, onder wie omwonenden, pleiten al jaren voor hogere kades langs de Maas.",
    "Protest, dat is iets anders dan een paar bushokjes vernielen.",
    "De dijkgraaf wijst de kritiek van de bewoners resoluut van de hand.",
    "Verhuurder Karin vroeg er 180 euro per week voor tijdens het hoogwater.",
    "Ik merk een vreemde mix van angst en rust langs de kades.",
    "Op de lijst, die het waterschap dinsdag publiceerde, staan 32 dijken.",
])
def test_a_real_sentence_is_no_fragment(sentence: str) -> None:
    assert not is_fragment(sentence, "nl")


def test_a_word_that_may_be_a_verb_counts_as_one() -> None:
    """Lenient: a teaser with a plural noun in -en, or a participle before a noun, is let through."""
    assert not is_fragment("Vijf brieven over de plannen van de burgemeester voor de dijken.", "nl")
    assert not is_fragment("Op de foto een overstroomde straat in Venlo.", "nl")


def test_only_dutch_is_judged() -> None:
    """English verbs look like their lemma or a noun too often ("People gather ..."): a fragment there stays."""
    assert is_fragment("Waarschijnlijk met de nieuwe spits.", "nl")
    assert not is_fragment("Probably with the new striker, who trained fully yesterday.", "en")
    assert not is_fragment("Wahrscheinlich mit dem neuen Stürmer, der gestern voll mittrainierte.", "de")
