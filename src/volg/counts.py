"""A count with its noun, singular or plural, in Dutch or English ("1 artikel", "2 articles"), as the command line
writes it (in English). The web pages count with the nouns of their catalogues (volg/locale), in six languages;
tests/web/test_labels.py checks that their Dutch and English agree with these."""

from __future__ import annotations

from collections.abc import Mapping

NOUNS: dict[str, dict[str, str]] = {
    "nl": {
        "story_one": "verhaal", "story_many": "verhalen", "article_one": "artikel", "article_many": "artikelen",
        "outlet_one": "medium", "outlet_many": "media", "digest_one": "update", "digest_many": "updates",
        "delivery_one": "bezorging", "delivery_many": "bezorgingen", "source_one": "bron", "source_many": "bronnen",
        "item_one": "item", "item_many": "items", "row_one": "rij", "row_many": "rijen",
    },
    "en": {
        "story_one": "story", "story_many": "stories", "article_one": "article", "article_many": "articles",
        "outlet_one": "outlet", "outlet_many": "outlets", "digest_one": "digest", "digest_many": "digests",
        "delivery_one": "delivery", "delivery_many": "deliveries", "source_one": "source", "source_many": "sources",
        "item_one": "item", "item_many": "items", "row_one": "row", "row_many": "rows",
    },
}  # fmt: skip


def counted(n: int, noun: str, words: Mapping[str, str] = NOUNS["en"]) -> str:
    """ "1 article", "2 articles" (or with `words` in another language, "2 artikelen"): `noun`_one or `noun`_many."""
    return f"{n} {words[noun + ('_one' if n == 1 else '_many')]}"
