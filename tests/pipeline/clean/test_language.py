import pytest

from volg.pipeline.clean.language import detect_language, normalize_language


@pytest.mark.parametrize(
    "headline",
    [
        "Kabinet valt over stikstof",
        "Politie zoekt getuigen van steekpartij",
        "Nieuwe regels voor huurwoningen",
        "Boeren protesteren opnieuw bij het provinciehuis",
        "Dode bij brand in flat",
        "Minister belooft meer geld voor leraren",
    ],
)
def test_short_dutch_headlines_are_dutch(headline: str) -> None:
    assert detect_language(headline) == "nl"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The city council voted on Tuesday to close the old bridge for repairs.", "en"),
        ("Die Regierung will die Steuern für kleine Unternehmen im nächsten Jahr senken.", "de"),
        ("Le gouvernement a annoncé mardi une nouvelle aide pour les agriculteurs.", "fr"),
        ("El Gobierno aprobó el martes un nuevo plan para las escuelas públicas.", "es"),
        ("Il governo ha approvato martedì un nuovo piano per le scuole pubbliche.", "it"),
        ("De gemeenteraad stemde dinsdag in met de sluiting van de oude brug.", "nl"),
    ],
)
def test_languages(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_hint_decides_only_when_text_is_too_short() -> None:
    assert detect_language("Rotterdam", hint="nl") == "nl"
    assert detect_language("Rotterdam", hint="de-DE") == "de"
    long_english = "The minister said on Friday that the new rules would apply to every school in the country."
    assert detect_language(long_english, hint="nl") == "en"


def test_invalid_hint_is_ignored() -> None:
    assert detect_language("De raad stemde in met het plan voor de haven.", hint="zz") == "nl"
    assert normalize_language("nl_NL") == "nl"
    assert normalize_language("english") is None
    assert normalize_language("") is None


def test_text_without_letters_uses_hint() -> None:
    assert detect_language("12:30 — 4-2", hint="fr") == "fr"
