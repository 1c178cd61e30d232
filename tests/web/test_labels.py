"""The pages' words: the gettext catalogues (volg/locale/*/LC_MESSAGES/volg.po) read with babel, the fallback to
English, their placeholders, the language a browser's Accept-Language picks, and dates and counts in each language."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import PoFileError
from tests.pipeline.compose.invented import dev

import volg.web
from volg.counts import NOUNS
from volg.pipeline.compose import render
from volg.web.labels import (
    CATALOGUES,
    LABELS,
    LANGUAGES,
    SOURCE,
    catalogue_path,
    labels_for,
    plural,
    preferred,
    read_catalogue,
    words_of,
)
from volg.web.pages import TEMPLATES
from volg.web.site import SLOTS

PLACEHOLDER = re.compile(r"%[sd]|\{[a-z_]+\}")
"""The placeholders the templates fill: %s and %d (Jinja's format filter), {email} and the like (replace)."""
USED = re.compile(r"""(?<![\w.])t(?:\.([a-z_]+)|\[['"](\w+)['"]\])""")
"""A key as templates name it: `t.manage`, `t['update']`."""
PAGE_NOUNS = ("story", "article", "outlet")
"""The nouns the pages count with (`counted(n, "story")`)."""


def catalogue(language: str) -> dict[str, str]:
    return read_catalogue(catalogue_path(language))


def test_there_is_a_catalogue_for_each_language_and_none_other() -> None:
    assert sorted(path.name for path in CATALOGUES.iterdir() if path.is_dir()) == sorted(LANGUAGES)
    assert LANGUAGES[0] == "nl", "Dutch is the default"
    for language in LANGUAGES:
        assert len(catalogue(language)) > 100, language


def test_dutch_and_english_are_complete_and_no_catalogue_has_a_key_english_lacks() -> None:
    english = catalogue(SOURCE)
    assert catalogue("nl").keys() == english.keys()
    for language in LANGUAGES:
        assert catalogue(language).keys() <= english.keys(), f"{language}: keys no template uses"


def test_every_word_a_template_names_is_in_the_english_catalogue() -> None:
    """A key a template uses (`t.manage`, `t['update']`, `t["slot_" + key]`) but no catalogue has would show
    nothing: new words go into en/LC_MESSAGES/volg.po (and nl's, which must be complete too)."""
    named: set[str] = set()
    for template in (Path(volg.web.__file__).parent / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        named |= {dotted or indexed for dotted, indexed in USED.findall(text)}
        named |= {f"slot_{key}" for key, _ in SLOTS} if '"slot_" + key' in text else set()
    assert "manage" in named and "slot_noon" in named and "update" in named
    assert named - {"lang", "get"} - catalogue(SOURCE).keys() == set()


def test_every_message_keeps_the_placeholders_of_its_english() -> None:
    english = catalogue(SOURCE)
    wrong = {(language, key): text for language in LANGUAGES for key, text in catalogue(language).items()
             if Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(english[key]))}
    assert wrong == {}
    assert PLACEHOLDER.findall(english["confirm_sent"]) == ["{email}", "{hours}"]
    assert PLACEHOLDER.findall(english["newest"]) == ["%d", "%d"]


def test_each_language_is_named_in_itself() -> None:
    assert {language: LABELS[language]["language_name"] for language in LANGUAGES} == {
        "nl": "Nederlands", "en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "it": "Italiano"}


def test_a_message_a_catalogue_lacks_leaves_empty_or_marks_fuzzy_is_in_english(tmp_path: Path) -> None:
    shutil.copytree(CATALOGUES / SOURCE, tmp_path / SOURCE)
    german = catalogue_path("de", tmp_path)
    german.parent.mkdir(parents=True)
    german.write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      'msgid "save"\nmsgstr "Speichern"\n\nmsgid "pause"\nmsgstr ""\n\n'
                      '#, fuzzy\nmsgid "resume"\nmsgstr "Weiter"\n', encoding="utf-8")
    words = words_of("de", tmp_path)
    assert words["save"] == "Speichern" and words["lang"] == "de"
    assert (words["pause"], words["resume"], words["topics"]) == ("Pause", "Resume", "Topics")
    assert words.keys() == words_of(SOURCE, tmp_path).keys()
    german.write_text('msgid "save"\nmsgid "pause"\nmsgstr "Pause"\n', encoding="utf-8")  # no msgstr
    with pytest.raises(PoFileError):
        words_of("de", tmp_path)


def test_labels_hold_the_six_languages_only() -> None:
    assert list(LABELS) == list(LANGUAGES) and len(LABELS) == 6
    assert "xx" not in LABELS and None not in LABELS
    with pytest.raises(KeyError):
        LABELS["xx"]
    assert LABELS["fr"]["lang"] == "fr" and LABELS["fr"]["topics"] == "Thèmes"
    assert labels_for("en", chosen="it")["lang"] == "it" and labels_for("en", chosen="xx")["lang"] == "en"


@pytest.mark.parametrize(("header", "language"), [
    ("fr-FR,fr;q=0.9,en;q=0.8", "fr"), ("de-AT", "de"), ("es_ES", "es"), ("IT", "it"), ("en-GB,en;q=0.9", "en"),
    ("pt-BR,pt;q=0.9,en;q=0.4,it;q=0.6", "it"), ("en;q=0.5, de", "de"), ("de;q=0, fr;q=0.1", "fr"),
    ("fr;q=abc, en", "en"), ("ja, zh-CN", "nl"), ("*", "nl"), ("", "nl"), ("nl-BE, en", "nl"),
])  # fmt: skip
def test_accept_language_picks_by_preference_among_the_six_and_dutch_otherwise(header: str, language: str) -> None:
    assert preferred(header) == language


def test_the_nouns_pages_count_with_agree_with_the_command_lines() -> None:
    for language in ("nl", "en"):
        for form in ("_one", "_many"):
            assert [LABELS[language][noun + form] for noun in PAGE_NOUNS] == \
                [NOUNS[language][noun + form] for noun in PAGE_NOUNS], language
    for language in LANGUAGES:
        assert all(noun + form in catalogue(language) for noun in PAGE_NOUNS for form in ("_one", "_many"))


def test_pages_and_digests_name_genres_other_languages_and_importance_alike() -> None:
    opinion = replace(dev("1:1.0", 1, 4.0, 60, language="en", reasons=("2 outlets in 1 hour",)), genre="opinion")
    for language in LANGUAGES:
        assert rendered("{{ genre_prefix(d, t.lang) }}", language, d=opinion).startswith(
            LABELS[language]["genre_opinion"])
        assert render.genre_prefix(opinion, language).startswith(LABELS[language]["genre_opinion"])
        if language != "en":
            assert rendered("{{ language_note(d, t.lang) }}", language, d=opinion) == \
                render.language_note(opinion, language) == f" ({LABELS[language]['in_en']})"
        assert rendered("{{ why(d, t.lang) }}", language, d=opinion) == \
            render.why_text(opinion, language, "Europe/Amsterdam")
    assert rendered("{{ why(d, t.lang) }}", "de", d=opinion) == "Bedeutung 4,0 — 2 Medien in 1 Stunde"


def rendered(template: str, language: str, **values: object) -> str:
    """A template snippet rendered as a page in `language` renders it, in the time zone Europe/Amsterdam."""
    settings = SimpleNamespace(time_zone="Europe/Amsterdam")
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(service=SimpleNamespace(settings=settings))))
    return TEMPLATES.env.from_string(template).render(t=LABELS[language], request=request, **values)


def test_counts_take_each_languages_plural_rules_and_number_format() -> None:
    assert plural(0, "fr") == "one" and plural(0, "nl") == "many" and plural(1, "de") == "one"
    template = "{{ counted(n, 'article') }} · {{ counted(n, 'outlet') }} · {{ counted(n, 'story') }}"
    shown = {language: [rendered(template, language, n=n) for n in (0, 1, 2, 1234)] for language in LANGUAGES}
    assert shown["nl"] == ["0 artikelen · 0 media · 0 verhalen", "1 artikel · 1 medium · 1 verhaal",
                           "2 artikelen · 2 media · 2 verhalen", "1.234 artikelen · 1.234 media · 1.234 verhalen"]
    assert shown["en"][3] == "1,234 articles · 1,234 outlets · 1,234 stories"
    assert shown["de"][1:3] == ["1 Artikel · 1 Medium · 1 Geschichte", "2 Artikel · 2 Medien · 2 Geschichten"]
    assert shown["fr"][0] == "0 article · 0 média · 0 sujet", "in French 0 takes the singular"
    assert shown["es"][2] == "2 artículos · 2 medios · 2 noticias"
    assert shown["it"][1] == "1 articolo · 1 testata · 1 notizia"


def test_dates_are_written_as_each_language_writes_them() -> None:
    instant = datetime(2026, 11, 19, 12, 5, tzinfo=UTC)  # 13:05 in Amsterdam
    assert {language: rendered("{{ instant | when }}", language, instant=instant) for language in LANGUAGES} == {
        "nl": "19-11-2026, 13:05", "en": "19/11/2026, 13:05", "de": "19.11.2026, 13:05", "fr": "19/11/2026 13:05",
        "es": "19/11/2026, 13:05", "it": "19/11/2026, 13:05"}
