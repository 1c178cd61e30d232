import pytest

from volg.models import Section, SourceProfile
from volg.pipeline.clean.boilerplate import (
    comment_share,
    is_interface_text,
    line_key,
    profile_keys,
    remove_boilerplate,
)

NEWS = "De brandweer heeft dinsdagavond een grote brand in een loods in Zwolle geblust. Niemand raakte gewond."
MORE = "Volgens een woordvoerder was de loods leeg. De oorzaak van de brand wordt nog onderzocht door de politie."


def _clean(*paragraphs: str, profile: SourceProfile | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    sections, removed = remove_boilerplate((Section(None, paragraphs),), profile)
    return tuple(p for s in sections for p in s.paragraphs), removed


def test_doubled_caption_goes_entirely() -> None:
    caption = "De loods na de brand. Tik op de foto om te vergroten."
    kept, removed = _clean(NEWS, f"{caption} {caption} Foto: Jan de Vries", MORE)
    assert kept == (NEWS, MORE)
    assert removed == (f"{caption} {caption}", "Foto: Jan de Vries")


@pytest.mark.parametrize(
    "credit",
    ["Foto: ANP", "Beeld: Reuters / Jan Smit", "Photo: Reuters", "(Foto: Pieter Bos)", "Video: NOS", "Bild: dpa"],
)
def test_credits(credit: str) -> None:
    kept, removed = _clean(NEWS, credit, MORE)
    assert kept == (NEWS, MORE)
    assert removed == (credit,)


def test_credit_at_the_end_of_a_caption_sentence_is_split_off() -> None:
    kept, removed = _clean(f"{NEWS} Foto: ANP")
    assert kept == (NEWS,)
    assert removed == ("Foto: ANP",)


@pytest.mark.parametrize(
    "prompt",
    [
        "Volg dit onderwerp Volgen Wil je meldingen ontvangen over dit nieuws?",
        "Lees ook: Brand in Deventer snel onder controle",
        "Gebruik je de app? Klik dan hier.",
        "Read more: Fire in Leeds warehouse",
        "Follow this topic to get updates.",
        "Sign up for our morning newsletter.",
        "Lesen Sie auch: Großbrand in Hamburg",
        "Jetzt abonnieren und weiterlesen.",
        "À lire aussi : un incendie à Lyon",
        "Abonnez-vous à notre newsletter.",
        "Lee también: Incendio en Sevilla",
        "Suscríbete a nuestro boletín.",
        "Leggi anche: Incendio a Milano",
        "Iscriviti alla newsletter.",
        "We use cookies to improve your experience.",
        "Delen: Facebook Twitter WhatsApp",
    ],
)
def test_interface_prompts(prompt: str) -> None:
    kept, removed = _clean(NEWS, prompt, MORE)
    assert kept == (NEWS, MORE)
    assert removed == (prompt,)


@pytest.mark.parametrize(
    "sentence",
    [
        "De politie blijft de zaak nauwgezet volgen.",
        "Het kabinet wil het plaatsen van cookies strenger regelen.",
        "Wie de foto's bekijkt, ziet hoe groot de schade is.",
        "Share prices fell sharply after the fire.",
    ],
)
def test_news_sentences_that_mention_interface_words_stay(sentence: str) -> None:
    assert not is_interface_text(sentence)
    assert _clean(NEWS, sentence) == ((NEWS, sentence), ())


def test_mixed_paragraph_keeps_its_news_sentences() -> None:
    kept, removed = _clean(f"{NEWS} Lees ook: Brand in Deventer snel onder controle")
    assert kept == (NEWS,)
    assert removed == ("Lees ook: Brand in Deventer snel onder controle",)


def test_repeated_paragraph_and_sentence_lose_the_later_copy() -> None:
    quote = "Het was een enorme klus om het vuur te bedwingen."
    kept, removed = _clean(NEWS, f"{quote} Volgens de brandweer duurde het uren.", MORE, NEWS, quote)
    assert kept == (NEWS, f"{quote} Volgens de brandweer duurde het uren.", MORE)
    assert removed == (NEWS, quote)


def test_heading_of_an_emptied_section_goes_too() -> None:
    sections = (
        Section(None, (NEWS,)),
        Section("Meer nieuws", ("Lees ook: Brand in Deventer",)),
        Section("Onderzoek naar oorzaak", (MORE,)),
    )
    cleaned, removed = remove_boilerplate(sections)
    assert cleaned == (Section(None, (NEWS,)), Section("Onderzoek naar oorzaak", (MORE,)))
    assert removed == ("Lees ook: Brand in Deventer", "Meer nieuws")


def test_boilerplate_heading_joins_its_paragraphs_to_the_section_before() -> None:
    sections = (Section(None, (NEWS,)), Section("Lees ook", (MORE,)))
    assert remove_boilerplate(sections) == ((Section(None, (NEWS, MORE)),), ("Lees ook",))


def test_line_key_ignores_case_digits_punctuation_and_spacing() -> None:
    assert line_key("Bijgewerkt om 12:30 uur!") == line_key("bijgewerkt  om 9.15 uur")
    assert line_key("Bijgewerkt om 12:30 uur") != line_key("Geplaatst om 12:30 uur")
    assert len(line_key(NEWS)) == 16


def _profile(articles: int, lines: dict[str, int]) -> SourceProfile:
    return SourceProfile(source="example.nl", articles=articles, line_counts={line_key(k): v for k, v in lines.items()})


def test_source_profile_removes_lines_most_articles_carry() -> None:
    furniture = "Dit artikel verscheen eerder in de ochtendeditie van het Zwols Dagblad."
    profile = _profile(10, {furniture: 8, MORE: 2})
    kept, removed = _clean(NEWS, furniture, MORE, profile=profile)
    assert kept == (NEWS, MORE)
    assert removed == (furniture,)


@pytest.mark.parametrize(("articles", "count"), [(10, 2), (2, 2), (20, 5)])
def test_source_profile_needs_three_articles_and_a_share(articles: int, count: int) -> None:
    furniture = "Dit artikel verscheen eerder in de ochtendeditie van het Zwols Dagblad."
    kept, removed = _clean(NEWS, furniture, profile=_profile(articles, {furniture: count}))
    assert kept == (NEWS, furniture)
    assert removed == ()


def test_profile_keys_cover_headings_and_sentences() -> None:
    keys = profile_keys((Section("Onderzoek", (NEWS,)),))
    assert keys == {
        line_key("Onderzoek"),
        line_key("De brandweer heeft dinsdagavond een grote brand in een loods in Zwolle geblust."),
        line_key("Niemand raakte gewond."),
    }


def test_keys_learned_from_articles_remove_their_furniture() -> None:
    widget = "Ontvang elke ochtend het belangrijkste nieuws in je mailbox van de Zwolse Courant."
    counts: dict[str, int] = {}
    for _ in range(4):
        for key in profile_keys((Section(None, (widget,)),)):
            counts[key] = counts.get(key, 0) + 1
    profile = SourceProfile(source="zc.nl", articles=4, line_counts=counts)
    assert _clean(NEWS, widget, profile=profile) == ((NEWS,), (widget,))


@pytest.mark.parametrize("header", [
    "At 12:19 26th Apr 2031 , riverwatcher wrote :",
    "At 6:53 P.M. on Jan 13 , 2031 , Anna de Wit wrote :",
    "At 9:08 pm on 28 May 2031, flood_fan_77 wrote:",
    "Op 3 mei 2031 om 14:02 schreef dijkgraaf:",
    "Am 3. Mai 2031 um 14:02 schrieb Deichfreund:",
])
def test_reader_comments_go_from_the_first_header_to_the_end(header: str) -> None:
    """Comments under an article run to its end, also where an archive glued them to the last paragraph."""
    sections = (
        Section(None, ("The Meuse rose 40 centimetres overnight near Venlo.",
                       f"Residents were told to stay away from the quays. {header} This is all exaggerated.")),
        Section("More", ("Thanks for the update, stay safe.",)),
    )
    kept, removed = remove_boilerplate(sections)
    assert kept == (Section(None, ("The Meuse rose 40 centimetres overnight near Venlo.",
                                   "Residents were told to stay away from the quays.")),)
    assert removed == (f"{header} This is all exaggerated.", "More", "Thanks for the update, stay safe.")


@pytest.mark.parametrize("sentence", [
    "At 10:30 on Tuesday the minister wrote: we will build the dike higher.",  # no year: a reporter's account
    "In 2031 the water board wrote to 400 residents about the 12:00 deadline.",  # no colon after the verb
])
def test_a_reporters_sentence_about_writing_is_no_comment(sentence: str) -> None:
    sections = (Section(None, (sentence, "Work starts next week.")),)
    assert remove_boilerplate(sections) == (sections, ())


@pytest.mark.parametrize("credit", ["Photograph: Jan Smit/Reuters", "Photograph : Anna Bos\\/AFP\\/Getty Images",
                                    "Foto: Pieter Bos/ANP"])
def test_a_credit_that_names_its_agency_is_cut_from_the_text_glued_to_it(credit: str) -> None:
    """An archive without paragraph breaks glues headline, credit and text: the credit goes, and the headline stays a
    paragraph of its own rather than running into the text's first sentence."""
    kept, removed = _clean(f"Canal dam gives way near Tilburg {credit} Some 2,300 residents fled their homes. {MORE}")
    assert kept == ("Canal dam gives way near Tilburg", f"Some 2,300 residents fled their homes. {MORE}")
    assert removed == (credit,)


REPORT = ("The harbour master closed the port of Tallinn on Monday after a tanker ran aground. "
          "Nobody was hurt, the coast guard said.")


@pytest.mark.parametrize("preamble", [
    "By the Harbour Wire Staff Tanker runs aground near Tallinn NEW : Port closed to all ships Were you there? "
    "Send us your pictures. Tallinn, Estonia (Harbour Wire) -- ",
    "\\* Tanker runs aground near Tallinn \\* Port closed (Updates with coast guard comment) By Anna Berg and "
    "Piet Roe TALLINN , May 3 -LRB- Harbour Wire -RRB- - ",
    "• Tanker runs aground • Port closed TALLINN, May 3 (Wire) - ",
    "Tanker runs aground off Tallinn Port closed as crews pump out fuel Monday 3 May 2031 09.12 BST ",  # a header
])
def test_a_wire_pages_preamble_before_the_dateline_goes(preamble: str) -> None:
    kept, removed = _clean(preamble + REPORT, MORE)
    assert kept == (REPORT, MORE)
    assert removed == (preamble.strip(),)


@pytest.mark.parametrize("text", [
    REPORT,  # no preamble
    "By Anna Berg " + REPORT,  # a byline, but no dateline after it: nothing tells where the report starts
    "De minister (CDA) - zo zei hij - wil de haven sluiten. " + MORE,  # a party in brackets is no agency
    "By the Harbour Wire Staff " + REPORT + " " * 800 + "Later (Wire) - more.",  # the agency too far down
    "Monday 3 May 2031 09.12 BST " + REPORT,  # a stamp that opens the text: without_dateline's
    REPORT + " " * 320 + "Monday 3 May 2031 09.12 BST More.",  # a stamp far down is no header's
])
def test_without_a_preamble_and_its_dateline_the_first_paragraph_stays(text: str) -> None:
    assert _clean(text)[0] == (text,)


def test_comment_share_counts_the_words_from_the_first_header_on() -> None:
    sections = (Section(None, ("The Meuse rose 40 centimetres overnight near Venlo.",  # 8 words
                               "At 9:08 pm on 28 May 2031, flood_fan_77 wrote: Stay safe everyone.")),)  # 12 words
    assert comment_share(sections) == pytest.approx(12 / 20)
    assert comment_share((Section(None, (NEWS, MORE)),)) == 0.0
    assert comment_share(()) == 0.0
