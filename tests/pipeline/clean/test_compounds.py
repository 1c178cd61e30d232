from volg.pipeline.clean.compounds import Compound, split


def test_a_compound_is_cut_into_two_words_of_the_dictionary_longest_head_first() -> None:
    assert split("Klimaatfonds", "nl") == Compound("klimaat", "fonds")
    assert split("verkiezingszege", "nl") == Compound("verkiezing", "zege")  # the linking s dropped
    assert split("Hochwasserwarnung", "de") == Compound("hochwasser", "warnung")
    assert split("demonstratie", "nl") is None  # no cut into two words
    assert split("Klimaatfonds", "en") is None  # English writes compounds apart


def test_loosely_a_compound_may_end_in_a_word_after_a_modifier_the_dictionary_does_not_know() -> None:
    assert split("antiracismedemonstratie", "nl") is None
    assert split("antiracismedemonstratie", "nl", loose=True) == Compound("", "demonstratie")
    assert split("klimaatfonds", "nl", loose=True) == Compound("klimaat", "fonds")  # a known modifier first
