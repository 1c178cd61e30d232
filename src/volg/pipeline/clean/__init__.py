"""The clean stage: a raw input article → a `CleanArticle` (sections, language, title, time, places, names).

Pure: no storage, no network, no clock unless `now` is left out. Every failure is an `InputError` whose message is
one line saying why the input cannot be an article. `clean_article` (volg/pipeline/clean/article.py) runs the steps
in order; the names below load on first use (`volg.lazy`), so that a module of the stage (the gazetteer, sentence
splitting) loads without the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from volg.lazy import offered

if TYPE_CHECKING:
    from volg.pipeline.clean.article import clean_article
    from volg.pipeline.clean.boilerplate import line_key, profile_keys, remove_boilerplate
    from volg.pipeline.clean.extract import ExtractedPage, extract_html
    from volg.pipeline.clean.language import detect_language
    from volg.pipeline.clean.sentences import split_sentences
    from volg.pipeline.clean.structure import sections_from_text

__all__ = [
    "ExtractedPage",
    "clean_article",
    "detect_language",
    "extract_html",
    "line_key",
    "profile_keys",
    "remove_boilerplate",
    "sections_from_text",
    "split_sentences",
]

__getattr__ = offered(__name__, {
    "article": ["clean_article"],
    "boilerplate": ["line_key", "profile_keys", "remove_boilerplate"],
    "extract": ["ExtractedPage", "extract_html"],
    "language": ["detect_language"],
    "sentences": ["split_sentences"],
    "structure": ["sections_from_text"],
})
