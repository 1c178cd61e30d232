from volg.models import Section
from volg.pipeline.clean.structure import clean_line, looks_like_heading, sections_from_text

P1 = "De gemeente Utrecht opent maandag een nieuwe fietsenstalling bij het station, met plek voor vierduizend fietsen."
P2 = "Volgens de wethouder was de oude stalling al jaren te klein. Reizigers zetten hun fiets vaak op de stoep."
P3 = "De bouw heeft twee jaar geduurd en kostte ruim twaalf miljoen euro, iets meer dan begroot."
H = "Bouw duurde langer dan gepland"


def test_paragraphs_then_heading() -> None:
    sections = sections_from_text("\n".join([P1, P2, H, P3]))
    assert sections == (Section(None, (P1, P2)), Section(H, (P3,)))


def test_blank_lines_do_not_matter() -> None:
    assert sections_from_text(f"{P1}\n\n{P2}\n\n\n{H}\n\n{P3}\n") == sections_from_text(f"{P1}\n{P2}\n{H}\n{P3}")


def test_first_short_line_heads_the_first_section_not_a_title() -> None:
    sections = sections_from_text(f"Nieuwe stalling open\n{P1}\n{P2}")
    assert sections == (Section("Nieuwe stalling open", (P1, P2)),)


def test_heading_needs_a_following_paragraph() -> None:
    # two short lines in a row and a short last line are paragraphs, not headings
    sections = sections_from_text(f"{P1}\nOpen van zes tot middernacht\nGratis de eerste dag\n{P2}\nMeer info volgt")
    assert sections[0].heading is None
    assert "Open van zes tot middernacht" in sections[0].paragraphs
    assert sections[-1].paragraphs[-1] == "Meer info volgt"


def test_heading_shape() -> None:
    assert looks_like_heading(H)
    assert not looks_like_heading("Dit is een korte zin.")
    assert not looks_like_heading("De wethouder zei:")
    assert not looks_like_heading("en toen ging het mis")
    assert not looks_like_heading(" ".join(["woord"] * 20))
    assert not looks_like_heading("2024")


def test_clean_line_collapses_odd_spaces() -> None:
    assert clean_line("  Twee\u00a0 woorden\u200b\t hier ") == "Twee woorden hier"


def test_empty_text() -> None:
    assert sections_from_text("\n \n") == ()
