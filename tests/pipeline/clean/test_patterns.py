import re

import pytest

from volg.pipeline.clean.patterns import led, starts


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:helaas|jammer genoeg|immers)\b", "hij"),
        (r"\b(?:(?:eer)?gister(?:en|avond)|vandaag)\b", "egv"),  # an optional group: what follows may start it
        (r"(?:maan|dins)dag|\bheute", "dhm"),
        (r"(?<![\w'’])(?:[Ii]k|[Mm]ij)(?!\w)", "IMim"),  # look-arounds are skipped, simple sets read
        (r"(?<=[.!?]\s)(?:ANDER COMMENTAAR|Q\&A)(?=\s[A-Z])", "AQ"),
        (r"\(Opinie", "("),
        (r"a|b(?:c|d)", "ab"),
    ],
)
def test_starts_reads_what_a_match_can_start_with(pattern: str, expected: str) -> None:
    assert "".join(sorted(starts(pattern) or ())) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+ vragen",  # any word character
        r"(?:^|[.!?]\s)x",  # a start of text
        r"[a-z]{3,}ed",  # a range
        r"[^.]x",  # a negated set
        r"s?tart",  # an optional first character
        r"(?:ab){0,2}c",  # a counted group
        r"(word)",  # a capturing group: not read
        r"a|",  # an empty alternative matches anywhere
    ],
)
def test_starts_gives_up_where_it_cannot_tell(pattern: str) -> None:
    assert starts(pattern) is None


def test_a_led_pattern_finds_what_the_plain_one_does() -> None:
    words = r"\b(?:helaas|jammer genoeg|zogenaamde?|(?:eer)?gisteren|nu eenmaal)\b"
    text = (
        "Helaas kwam hij gisteren niet, en eergisteren ook niet. Dat is nu eenmaal zo, HELAAS. "
        "De zogenaamde deal (jammer genoeg) bleek niets; onhelaas en helaasje tellen niet. K und ſ: Kelvin."
    )
    plain, quick = re.compile(words, re.IGNORECASE), led(words, re.IGNORECASE)
    assert quick.pattern != plain.pattern
    assert quick.findall(text) == plain.findall(text) == [
        "Helaas", "gisteren", "eergisteren", "nu eenmaal", "HELAAS", "zogenaamde", "jammer genoeg"
    ]  # fmt: skip


def test_ignorecase_look_ahead_keeps_unicode_case_folding() -> None:
    """Under IGNORECASE 'K' (Kelvin sign) matches 'k' and 'ſ' (long s) matches 's': the look-ahead lets them in."""
    words = r"\b(?:kelvin|sein)\b"
    text = "\u212aelvin und \u017fein"
    assert led(words, re.IGNORECASE).findall(text) == re.compile(words, re.IGNORECASE).findall(text) == [
        "\u212aelvin", "\u017fein"
    ]  # fmt: skip


def test_a_pattern_it_cannot_read_is_compiled_as_it_is() -> None:
    assert led(r"\w+ vragen").pattern == r"\w+ vragen"
