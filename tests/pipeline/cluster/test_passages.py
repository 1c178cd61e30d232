"""Articles → passages: a roundup's items, flattened into one text or sub-headed, are passages headed by their own
headlines."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from tests.pipeline.clean.test_glued import ROUNDUP_NL

from volg.models import Article, RawArticle, Section
from volg.pipeline.clean import clean_article
from volg.pipeline.cluster.passages import passages

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_flattened_roundup_gives_each_item_a_passage_under_its_own_headline() -> None:
    raw = RawArticle("test", url="https://krant.example/kort", title="Kort nieuws Rivierstad", text=ROUNDUP_NL,
                     published_at=AT, language="nl")
    clean = clean_article(raw)
    assert clean.title == "Kort nieuws Rivierstad"
    found = passages(Article(1, clean, "hash"))
    # the column's title names none of its items: the opening item is headed by its own headline too
    assert [p.title for p in found] == ["Brand verwoest loods op bedrijventerrein",
                                        "Wethouder stapt op na ruzie over begroting",
                                        "Nieuwe fietsbrug over kanaal geopend"]
    assert found[1].paragraphs[0].startswith("De wethouder van Financiën")


def test_an_opening_under_a_short_heading_keeps_the_article_title() -> None:
    raw = RawArticle("test", url="https://krant.example/a", title="Loods op De Hoek verwoest door brand",
                     text=ROUNDUP_NL, published_at=AT, language="nl")
    clean = clean_article(raw)
    sections = (Section("Brand", clean.sections[0].paragraphs), *clean.sections[1:])
    found = passages(Article(1, replace(clean, sections=sections), "hash"))
    # "Brand" names a part, not what happened: the title says more
    assert found[0].title == "Loods op De Hoek verwoest door brand"
    assert found[1].title == "Wethouder stapt op na ruzie over begroting"
