"""Articles → passages: the opening of an article and each of its sub-headed sections is a passage of its own,
so a roundup can feed several stories."""

from __future__ import annotations

from volg.models import NEWS_GENRES, Article, CleanArticle, Passage, PassageReading

INTRO_WORDS = 30
"""In an article with two or more sub-headed sections, an opening shorter than this only introduces them ("the main
news of Tuesday in brief", "storm Wendela passes; in this live blog ...") and is no passage of its own: it would pull
the roundup's title into a story of its own. It goes with each section as context instead."""
OPENING_ITEM_WORDS = 3
"""A roundup that opens on one of its items, under a heading of this many words or more ("Brand verwoest loods in
Venlo"), names that item in its heading and the column in its title ("Kort nieuws"); a shorter first heading ("Claim",
"GIRLS BASKETBALL") names a part or a rubric, and the article's title says more."""


def passages(article: Article) -> tuple[Passage, ...]:
    """One passage per section; the first takes the article's title (or its heading, in a roundup that opens on an
    item: `opens_on_item`), the others their heading."""
    indexes = range(len(article.clean.sections))
    if opens_with_intro(article.clean):
        return tuple(passage(article.id, article.clean, index, intro=True) for index in indexes[1:])
    return tuple(passage(article.id, article.clean, index) for index in indexes)


def opens_with_intro(clean: CleanArticle) -> bool:
    """Whether the article opens with a short intro to its sub-headed sections (see INTRO_WORDS)."""
    sections = clean.sections
    return (
        sum(1 for s in sections if s.heading) >= 2
        and not sections[0].heading
        and sum(len(p.split()) for p in sections[0].paragraphs) < INTRO_WORDS
    )


def opens_on_item(clean: CleanArticle) -> bool:
    """Whether the article is a roundup of two or more sub-headed sections whose first is an item under a headline of
    its own (see OPENING_ITEM_WORDS)."""
    heading = clean.sections[0].heading
    return (heading is not None and len(heading.split()) >= OPENING_ITEM_WORDS
            and sum(1 for s in clean.sections if s.heading) >= 2)


def passage(article_id: int, clean: CleanArticle, index: int, *, intro: bool = False) -> Passage:
    """The passage of section `index`, with the article's names and places that occur in it; with `intro`, the
    article's opening section goes with it as context."""
    section = clean.sections[index]
    title = section.heading if section.heading and (index > 0 or opens_on_item(clean)) else clean.title
    context = clean.sections[0].paragraphs if intro else ()
    text = "\n".join((title, *section.paragraphs, *context))
    return Passage(
        article_id=article_id,
        section=index,
        source=clean.source,
        language=clean.language,
        published_at=clean.published_at,
        title=title,
        paragraphs=section.paragraphs,
        names=tuple(name for name in clean.names if name in text),
        places=tuple(place for place in clean.places if place.name in text),
        context=context,
        background=clean.genre not in NEWS_GENRES,
    )


def passage_reading(article_id: int, clean: CleanArticle, index: int, found: Passage | None = None) -> PassageReading:
    """What reading the story of the article's passage `index` needs of it (without a roundup's intro as context:
    a story counts the names and places of the passages' own texts). `found`: that passage, when the caller made
    it without context (`passage` with intro=False)."""
    from volg.pipeline.clean.sentences import lede  # here: a process that reads stored readings splits no sentences

    found = passage(article_id, clean, index) if found is None else found
    opening = lede(found.paragraphs, clean.language)
    lead = f"{found.title}\n{opening}"
    return PassageReading(
        headline=found.title, lede=opening, names=found.names, places=found.places,
        lede_names=tuple(name for name in clean.names if name in lead),
        lede_places=tuple(place for place in clean.places if place.name in lead),
        language=clean.language, news=clean.genre in NEWS_GENRES,
    )
