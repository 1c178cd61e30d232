"""Articles → passages: the opening of an article and each of its sub-headed sections is a passage of its own,
so a roundup can feed several stories."""

from __future__ import annotations

from volg.models import Article, Passage


def passages(article: Article) -> tuple[Passage, ...]:
    """One passage per section; the first takes the article's title, the others their heading."""
    clean = article.clean
    out = []
    for index, section in enumerate(clean.sections):
        title = clean.title if index == 0 or not section.heading else section.heading
        text = "\n".join((title, *section.paragraphs))
        out.append(
            Passage(
                article_id=article.id,
                section=index,
                source=clean.source,
                language=clean.language,
                published_at=clean.published_at,
                title=title,
                paragraphs=section.paragraphs,
                names=tuple(name for name in clean.names if name in text),
                places=tuple(place for place in clean.places if place.name in text),
            )
        )
    return tuple(out)
