"""A digest in each of volg's six languages: its words from the catalogues, its dates from CLDR, its reasons said
in the reader's language from the English a development keeps; and the email around it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from babel.dates import parse_pattern
from tests.pipeline.compose.invented import T0, dev

from volg import i18n
from volg.errors import InputError
from volg.models import Digest, DigestItem
from volg.pipeline.compose import render_atom_entry, render_html, render_text
from volg.pipeline.compose.render import why_reasons
from volg.pipeline.compose.schedule import LANGUAGES, check_language
from volg.pipeline.deliver.message import Links, confirmation_message, email_message, push_message, subject
from volg.pipeline.develop import reasons
from volg.pipeline.develop.reasons import ENGLISH
from volg.web.labels import LANGUAGES as PAGE_LANGUAGES

ATOM = "{http://www.w3.org/2005/Atom}"
NBSP = "\u00a0"
MANAGE = "https://volg.example/s/1"


def digest(*items: DigestItem, language: str) -> Digest:
    return Digest(1, "hoogwater", T0 + timedelta(hours=5), T0, items, language)


ITEMS = (
    DigestItem(dev("4:18.0", 4, 8.65, 60, headline="Luik evacueert 1.800 bewoners",
                   reasons=("3 outlets in 3 hours", "in 2 headlines", "update 16 Nov 08:00 UTC", "names deaths, money",
                            "2 follow-ups", "new: 1.800 bewoners, Angleur", "1 wire copy", "2 languages",
                            "topic: in 2 headlines; 3 of 4 leads"),
                   update_of="4:8.0", new=("1.800 bewoners",)), is_update=True),
    DigestItem(dev("7:15.0", 7, 4.5, 120, language="en", headline="Climate fund to pay for the Meuse too",
                   reasons=("1 outlet", "in 1 headline", "first report 16 Nov 09:00 UTC"))),
)


def flat(text: str) -> str:
    """The text unwrapped: its lines joined by one space (a no-break space stays)."""
    return " ".join(re.split(r"[ \n]+", text.strip()))


def test_digests_speak_the_languages_of_the_pages() -> None:
    assert LANGUAGES == PAGE_LANGUAGES == ("nl", "en", "de", "fr", "es", "it")
    assert [check_language(language) for language in ("DE", " fr ", "es", "It")] == ["de", "fr", "es", "it"]
    with pytest.raises(InputError) as refused:
        check_language("pt")
    assert str(refused.value) == "unknown digest language 'pt': expected one of nl, en, de, fr, es, it"


def test_a_german_digest_in_text() -> None:
    text = render_text(digest(*ITEMS, language="de"), topic_name="Hoogwater", manage_url=MANAGE, tz="Europe/Berlin")
    assert text.startswith("Hoogwater\nMontag, 16. November 2026, 13:00\n2 Entwicklungen seit 16. Nov. 08:00\n")
    assert "1. Update: Luik evacueert 1.800 bewoners (auf Niederländisch)" in text
    assert "2. Climate fund to pay for the Meuse too (auf Englisch)" in text
    assert "Quellen:" in text and "De Havenbode, 09:00: https://www.example.nl/a" in text
    assert ("Warum: Bedeutung 8,7 — 3 Medien in 3 Stunden; in 2 Schlagzeilen; Update 16. Nov. 09:00; nennt Tote, "
            "Geld; 2 Folgemeldungen; neu: 1.800 bewoners, Angleur; 1 übernommene Agenturmeldung; 2 Sprachen; Thema: "
            "in 2 Schlagzeilen; 3 von 4 Einleitungen") in flat(text)
    assert "Warum: Bedeutung 4,5 — 1 Medium; in 1 Schlagzeile; erste Meldung 16. Nov. 10:00" in flat(text)
    assert text.rstrip().endswith(f"Abonnement verwalten oder abbestellen: {MANAGE}")
    assert all(len(line) <= 78 for line in text.splitlines())
    for english in ("Sources", "Why", "outlet", "headline", "importance", "Monday", "since", "Nov 08"):
        assert english not in text, english


def test_a_german_digest_in_html_and_atom() -> None:
    german = digest(*ITEMS, language="de")
    html = render_html(german, topic_name="Hoogwater", manage_url=MANAGE, tz="Europe/Berlin")
    assert '<html lang="de">' in html and "<title>Hoogwater — Montag, 16. November 2026, 13:00</title>" in html
    assert "Montag, 16. November 2026, 13:00 · 2 Entwicklungen seit 16. Nov. 08:00</p>" in html
    assert ">Update</span>" in html and "(auf Englisch)" in html
    assert ">Quellen: <a href=" in html and ">Warum: Bedeutung 8,7 — 3 Medien in 3 Stunden; " in html
    assert ">Abonnement verwalten oder abbestellen</a>" in html
    entry = ET.fromstring(render_atom_entry(german, topic_name="Hoogwater", feed_id="urn:x", tz="Europe/Berlin"))
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert entry.findtext(f"{ATOM}title") == "Hoogwater — Montag, 16. November 2026, 13:00"
    content = entry.findtext(f"{ATOM}content") or ""
    assert "Warum: Bedeutung 4,5 — 1 Medium; in 1 Schlagzeile; erste Meldung 16. Nov. 10:00" in content


def test_a_french_digest_puts_a_no_break_space_before_its_colons() -> None:
    french = digest(*ITEMS, language="fr")
    text = render_text(french, topic_name="Crues", manage_url=MANAGE, tz="Europe/Paris")
    assert text.startswith("Crues\nlundi 16 novembre 2026 à 13:00\n2 développements depuis le 16 nov. à 08:00\n")
    assert f"1. Mise à jour{NBSP}: Luik evacueert 1.800 bewoners (en néerlandais)" in text
    assert f"Sources{NBSP}:" in text and f"De Havenbode, 09:00{NBSP}: https://www.example.nl/a" in text
    assert (f"Pourquoi{NBSP}: importance 8,7 — 3 médias en 3 heures; dans 2 titres; mise à jour le 16 nov. à "
            f"09:00; mentionne des morts, de l'argent; 2 articles de suivi; nouveau{NBSP}: 1.800 bewoners, Angleur; "
            f"1 dépêche d'agence reprise; 2 langues; thème{NBSP}: dans 2 titres; 3 sur 4 chapeaux") in flat(text)
    assert f"Gérer l'abonnement ou se désabonner{NBSP}: {MANAGE}" in text
    one = render_text(digest(ITEMS[1], language="fr"), topic_name="Crues", tz="Europe/Paris")
    assert "\n1 développement depuis le 16 nov. à 08:00\n" in one
    none = render_text(digest(language="fr"), topic_name="Crues", tz="Europe/Paris")
    assert "\n0 développement depuis le" in none, "in French 0 takes the singular"
    html = render_html(french, topic_name="Crues", tz="Europe/Paris")
    assert '<html lang="fr">' in html and f">Pourquoi{NBSP}: importance 8,7 — " in html


@pytest.mark.parametrize(("language", "title", "count", "why"), [
    ("es", "lunes, 16 de noviembre de 2026, 13:00", "2 acontecimientos desde el 16 nov, 8:00",
     "Por qué: importancia 8,7 — 3 medios en 3 horas; en 2 titulares; actualización el 16 nov, 9:00; menciona "
     "muertos, dinero; 2 noticias posteriores; nuevo: 1.800 bewoners, Angleur; 1 copia de agencia; 2 idiomas; "
     "tema: en 2 titulares; 3 de 4 entradillas"),
    ("it", "lunedì 16 novembre 2026, 13:00", "2 sviluppi dal 16 nov, 08:00",
     "Perché: importanza 8,7 — 3 testate in 3 ore; in 2 titoli; aggiornamento il 16 nov, 09:00; cita morti, "
     "denaro; 2 articoli successivi; novità: 1.800 bewoners, Angleur; 1 copia d'agenzia; 2 lingue; tema: in 2 "
     "titoli; 3 su 4 attacchi"),
])  # fmt: skip
def test_spanish_and_italian_digests(language: str, title: str, count: str, why: str) -> None:
    text = render_text(digest(*ITEMS, language=language), topic_name="Maas", manage_url=MANAGE, tz="Europe/Rome")
    assert text.startswith(f"Maas\n{title}\n{count}\n")
    assert why in flat(text)
    assert f'<html lang="{language}">' in render_html(digest(*ITEMS, language=language), topic_name="Maas")


def test_dutch_and_english_read_as_they_did() -> None:
    dutch = flat(render_text(digest(*ITEMS, language="nl"), topic_name="Hoogwater", tz="Europe/Amsterdam"))
    assert ("belang 8,7 — 3 media in 3 uur; in 2 koppen; update 16 nov 09:00; noemt doden, geld; 2 "
            "vervolgberichten; nieuw: 1.800 bewoners, Angleur; 1 persbureaukopie; 2 talen; onderwerp: in 2 koppen; "
            "3 van 4 intro's") in dutch
    assert "Climate fund to pay for the Meuse too (Engelstalig)" in dutch
    english = flat(render_text(digest(*ITEMS, language="en"), topic_name="Floods", tz="Europe/London"))
    assert ("Why: importance 8.7 — 3 outlets in 3 hours; in 2 headlines; update 16 Nov 08:00; names deaths, money; "
            "2 follow-ups; new: 1.800 bewoners, Angleur; 1 wire copy; 2 languages; topic: in 2 headlines; 3 of 4 "
            "leads") in english
    assert english.startswith("Floods Monday 16 November 2026, 12:00 2 developments since 16 Nov 07:00")


def test_a_reason_volg_cannot_read_is_shown_as_it_is_and_an_unknown_language_in_english() -> None:
    odd = replace(ITEMS[1].development, reasons=("1 outlet", "something else entirely"))
    assert why_reasons(odd, "de", "UTC") == ["1 Medium", "something else entirely"]
    assert why_reasons(odd, "pt", "UTC") == ["1 outlet", "something else entirely"]


def test_english_says_the_reasons_as_developments_keep_them() -> None:
    english = i18n.words("en")
    assert {name: english[f"reason_{name}"] for name in ENGLISH} == ENGLISH


def test_every_language_has_every_digest_word_and_its_date_patterns_work() -> None:
    needed = {key for key in i18n.words("en") if key.startswith(("digest_", "reason_", "mail_"))}
    assert needed >= reasons.MESSAGES and "digest_date" in needed
    moment = datetime(2026, 3, 2, 7, 5, tzinfo=UTC)
    for language in LANGUAGES:
        catalogue = i18n.read_catalogue(i18n.catalogue_path(language))
        assert needed <= catalogue.keys(), (language, needed - catalogue.keys())
        for key in ("digest_date", "digest_day_time", "digest_time"):
            written = str(parse_pattern(catalogue[key]).apply(moment, i18n.locale_of(language)))
            assert ("7:05" in written) and "{" not in written, (language, key, written)


def test_subjects_push_and_the_confirmation_mail_speak_the_readers_language() -> None:
    links = Links(MANAGE, "https://volg.example/u/1", "https://volg.example/f/1.atom")
    german = replace(digest(*ITEMS, language="de"), breaking=True)
    assert subject(german, "Hoogwater") == "Eilmeldung · Hoogwater: Luik evacueert 1.800 bewoners (+1)"
    french = digest(*ITEMS, language="fr")
    assert subject(french, "Crues") == f"Crues{NBSP}: Luik evacueert 1.800 bewoners (+1)"
    _, body = push_message(german, topic_name="Hoogwater", links=links)
    assert body.startswith("• Update: Luik evacueert")
    _, body = push_message(french, topic_name="Crues", links=links)
    assert body.startswith(f"• Mise à jour{NBSP}: Luik evacueert")
    mail = email_message(german, topic_name="Hoogwater", tz="Europe/Berlin", links=links,
                         mail_from="volg <digest@volg.example>", to="leser@example.de", sent_at=T0)
    assert mail["Content-Language"] == "de"
    plain = mail.get_body(("plain",))
    assert plain is not None and "Warum: Bedeutung" in plain.get_content()
    confirm = confirmation_message(topic_name="Alluvione {link}", link="https://volg.example/c/1", language="it",
                                   hours=48, mail_from="volg <digest@volg.example>", to="lettore@example.it",
                                   sent_at=T0)
    assert confirm["Subject"] == "Conferma: segui Alluvione {link}" and confirm["Content-Language"] == "it"
    assert "conferma entro 48 ore con questo link:\nhttps://volg.example/c/1\n" in confirm.get_content()
    assert "Alluvione {link} a questo" in flat(confirm.get_content()), "a topic's braces stay as they are"
