from volg.pipeline.clean.sentences import ANY_LANGUAGE, split_sentences


def test_splits_plain_sentences() -> None:
    text = "De trein reed niet. Reizigers moesten wachten! Wanneer rijdt hij weer?"
    assert split_sentences(text, "nl") == [
        "De trein reed niet.",
        "Reizigers moesten wachten!",
        "Wanneer rijdt hij weer?",
    ]


def test_dutch_abbreviations_do_not_split() -> None:
    text = (
        "Dhr. Bakker sprak o.a. met prof. dr. Visser over de begroting. Het gaat om 4 mln. euro, "
        "bijv. Rotterdamse projecten en ca. twintig scholen. De gemeente reageert morgen."
    )
    sentences = split_sentences(text, "nl")
    assert len(sentences) == 3
    assert sentences[0] == "Dhr. Bakker sprak o.a. met prof. dr. Visser over de begroting."
    assert sentences[1].endswith("bijv. Rotterdamse projecten en ca. twintig scholen.")


def test_german_ordinal_date_stays_in_its_sentence() -> None:
    assert split_sentences("Am 3. Oktober ist Feiertag. Das ist z.B. gut.", "de") == [
        "Am 3. Oktober ist Feiertag.",
        "Das ist z.B. gut.",
    ]


def test_any_language_protects_all_abbreviations() -> None:
    assert len(split_sentences("Het ging om o.a. de bijv. Utrechtse raad. Zij stemde in.", ANY_LANGUAGE)) == 2


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("  \n ", "nl") == []
