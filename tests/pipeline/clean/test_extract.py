import time
from datetime import UTC, datetime
from typing import Any

import pytest

from volg.errors import InputError
from volg.pipeline.clean import extract
from volg.pipeline.clean.extract import MAX_ELEMENTS, MAX_HTML_CHARS, extract_html, parse_datetime

PARAGRAPHS = [
    "Het waterschap heeft woensdag besloten de dijk bij Kampen over een lengte van drie kilometer te versterken. "
    "De werkzaamheden beginnen in het voorjaar en duren naar verwachting twee jaar.",
    "Bewoners van de dijk werden dinsdagavond tijdens een drukbezochte bijeenkomst in het dorpshuis ingelicht. "
    "Veel van hen maken zich zorgen over het verkeer en de overlast tijdens de bouw.",
    "Volgens de dijkgraaf is de versterking hard nodig omdat de rivier bij hoogwater steeds hoger komt te staan. "
    "Metingen laten zien dat de dijk op sommige plaatsen niet meer aan de norm voldoet.",
    "De kosten van het project worden geschat op 45 miljoen euro, waarvan het Rijk het grootste deel betaalt. "
    "De provincie draagt vijf miljoen euro bij en het waterschap de rest.",
]
SUBHEADING = "Omleidingen voor fietsers"
AFTER = (
    "Tijdens de werkzaamheden wordt het fietspad op de dijk afgesloten. Fietsers worden omgeleid via de polderweg, "
    "wat voor scholieren uit de omliggende dorpen een paar minuten langer fietsen betekent."
)


def page(body: str | None = None, head: str = "") -> str:
    article = body or (
        "<h1>Dijk bij Kampen wordt versterkt</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + f"<h2>{SUBHEADING}</h2><p>{AFTER}</p>"
    )
    return f"""<!DOCTYPE html><html lang="nl-NL"><head><title>Dijk bij Kampen wordt versterkt | Kampen Nu</title>
<meta property="og:title" content="Dijk bij Kampen wordt versterkt">
<meta property="article:published_time" content="2024-03-05T14:30:00+01:00">{head}</head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/regio">Regio</a></li></ul></nav>
<div id="cookie-banner">Wij gebruiken cookies. <button>Accepteren</button></div>
<main><article>{article}</article></main>
<footer><p>© 2024 Kampen Nu. Alle rechten voorbehouden.</p><a href="/privacy">Privacy</a></footer></body></html>"""


def test_extracts_article_with_subheadings_and_metadata() -> None:
    extracted = extract_html(page(), "https://kampen.example/nieuws/dijk")
    assert extracted.title == "Dijk bij Kampen wordt versterkt"
    assert extracted.language == "nl"
    assert extracted.published_at == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)
    assert [s.heading for s in extracted.sections] == [None, SUBHEADING]
    assert extracted.sections[0].paragraphs == tuple(PARAGRAPHS)
    assert extracted.sections[1].paragraphs == (AFTER,)
    text = " ".join(p for s in extracted.sections for p in s.paragraphs)
    assert "cookies" not in text and "Alle rechten" not in text and "Sport" not in text


def test_broken_html_still_extracts() -> None:
    broken = page().replace("</p>", "", 3).replace("</article>", "").replace("</main>", "<div><span>")
    extracted = extract_html(broken)
    text = " ".join(p for s in extracted.sections for p in s.paragraphs)
    assert "dijkgraaf" in text and "polderweg" in text


def test_date_from_json_ld_when_meta_is_missing() -> None:
    html = page().replace('<meta property="article:published_time" content="2024-03-05T14:30:00+01:00">', "")
    html = html.replace("</head>", '<script type="application/ld+json">{"datePublished": "2024-03-06"}</script></head>')
    assert extract_html(html).published_at == datetime(2024, 3, 6, tzinfo=UTC)


def test_parse_datetime() -> None:
    assert parse_datetime("2024-03-05T14:30:00Z") == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)
    assert parse_datetime("2024-03-05 garbage") == datetime(2024, 3, 5, tzinfo=UTC)
    assert parse_datetime("gisteren") is None
    assert parse_datetime("2028-13-19T15:2:00Z") is None, "a month 13 is no time, and no reason to fail"
    assert parse_datetime("0001-01-01T00:00:00+01:00") is None, "before the first instant UTC holds: no OverflowError"
    assert parse_datetime("9999-12-31T23:59:59-01:00") is None, "after the last one"
    assert parse_datetime("0100-01-01T01:00:00Z") is None, "before MIN_YEAR: a typo, no news"


def test_an_impossible_page_date_costs_nothing() -> None:
    page = ('<html><head><meta property="article:published_time" content="2028-13-19T15:2:00Z"></head><body>'
            "<article><h1>Maas stijgt</h1><p>De Maas bij Venlo stijgt weer snel, meldt het waterschap aan de "
            "bewoners van de kades in de stad.</p></article></body></html>")
    extracted = extract_html(page)
    assert extracted.published_at is None and "Venlo" in extracted.sections[0].paragraphs[0]


@pytest.mark.parametrize("html", ["", "   ", "<html><body></body></html>", "<html><body><nav>Home</nav></body></html>"])
def test_empty_pages_are_input_errors(html: str) -> None:
    with pytest.raises(InputError, match="no article text found"):
        extract_html(html)


def test_deeply_nested_page_is_bounded() -> None:
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * depth
    started = time.perf_counter()
    try:
        extracted = extract_html(html + "</body></html>")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert extracted.sections
    assert time.perf_counter() - started < 10


def test_a_page_of_too_many_elements_is_refused_in_one_line_before_extraction() -> None:
    """trafilatura's work grows with the square of a page's elements: 40,000 <p> took 3 s, 125,000 75 s."""
    html = "<html><body><article>" + "<p>Sluis open.</p>" * MAX_ELEMENTS + "</article></body></html>"
    started = time.perf_counter()
    with pytest.raises(InputError, match=f"page too complex \\(more than {MAX_ELEMENTS:,} elements\\)$"):
        extract_html(html)
    assert time.perf_counter() - started < 1


def test_a_page_whose_text_is_longer_than_an_article_is_an_input_error() -> None:
    with pytest.raises(InputError, match="text too long to be an article"):
        extract_html(page(body="<h1>Lang</h1>" + "".join(f"<p>Alinea {i}: {'een lange tekst over de dijk ' * 12}</p>"
                                                          for i in range(1000))))


def test_too_large_page_is_an_input_error() -> None:
    with pytest.raises(InputError, match="too large"):
        extract_html("<p>" + "a" * MAX_HTML_CHARS + "</p>")


def test_genre_hints_from_json_ld_and_meta() -> None:
    head = (
        '<meta property="og:type" content="article"><meta property="article:section" content="Opinie">'
        '<meta name="genre" content="Column">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Kampen Nu"}, {"@type": "BreadcrumbList"},'
        '{"@type": ["NewsArticle", "OpinionNewsArticle"], "headline": "Dijk", "articleSection": ["Opinie", "Regio"]}'
        ']}</script>'
        '<script type="application/ld+json">[{"@type": "LiveBlogPosting", "articleBody": "..."}]</script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", broken</script>'
    )
    hints = extract_html(page(head=head)).hints
    assert hints == (
        "schema:NewsArticle", "schema:OpinionNewsArticle", "section:Opinie", "section:Regio",
        "schema:LiveBlogPosting", "og:article", "genre:Column",
    )
    assert extract_html(page()).hints == ()


def test_a_cookie_banner_is_no_part_of_a_short_article() -> None:
    html = """<html lang="nl"><body class="Cookie-Consent-Open">
    <div id="CybotCookiebotDialog"><h2>Wij vragen je toestemming</h2>
    <p>Wij en onze partners gebruiken cookies en vergelijkbare technieken om je een betere ervaring te bieden en
    advertenties op je interesses af te stemmen.</p><p>Via Instellingen kies je zelf welke je toestaat.</p></div>
    <main><article><h1>Dijk houdt stand</h1><p>De dijk bij Venlo hield het water dinsdag tegen.</p></article></main>
    </body></html>"""
    page = extract_html(html, "https://havenbode.example/dijk")
    text = " ".join(p for s in page.sections for p in s.paragraphs)
    assert "De dijk bij Venlo" in text and "cookies" not in text and "toestemming" not in text


def _passes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The `fast` flag of each trafilatura pass extract_html makes from now on."""
    made: list[bool] = []
    body = extract._body

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(kwargs.get("fast", False))
        return body(*args, **kwargs)

    monkeypatch.setattr(extract, "_body", counted)
    return made


def test_a_short_article_that_is_most_of_its_page_is_read_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    passes = _passes(monkeypatch)
    html = """<html lang="nl"><body><nav><a href="/">Home</a></nav><main><article><h1>Dijk houdt stand</h1>
    <p>De dijk bij Venlo hield het water dinsdag tegen, meldt het waterschap.</p></article></main>
    <footer><p>Alle rechten voorbehouden.</p></footer></body></html>"""
    page = extract_html(html, "https://havenbode.example/dijk")
    assert page.sections[0].paragraphs == ("De dijk bij Venlo hield het water dinsdag tegen, meldt het waterschap.",)
    assert passes == [True]


def test_a_short_text_that_is_little_of_its_page_is_looked_for_again(monkeypatch: pytest.MonkeyPatch) -> None:
    passes = _passes(monkeypatch)
    elsewhere = "".join(f"<div><span>{p}</span></div>" for p in PARAGRAPHS * 2)
    html = f"""<html lang="nl"><body><main><article><h1>Dijk houdt stand</h1>
    <p>De dijk bij Venlo hield het water dinsdag tegen, meldt het waterschap.</p></article></main>
    <div class="sidebar">{elsewhere}</div></body></html>"""
    extract_html(html, "https://havenbode.example/dijk")
    assert passes[0] is True and len(passes) > 1 and not any(passes[1:])
