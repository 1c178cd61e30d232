import hashlib
from dataclasses import replace
from datetime import UTC, datetime

from volg.models import CleanArticle, Section, Status
from volg.pipeline.clean.dedupe import Known, canonical_url, decide, fingerprint, normalised_words, similarity

BODY = (
    "De Maas is in de nacht van maandag op dinsdag bij Venlo buiten haar oevers getreden. "
    "Ruim 1200 inwoners van de wijk Blerick moesten hun huis verlaten, meldt de veiligheidsregio. "
    "Burgemeester Anna de Wit noemt de situatie ernstig maar beheersbaar. "
    "Het water stijgt naar verwachting nog tot woensdagochtend, zegt Rijkswaterstaat. "
    "In Maastricht en Roermond worden zandzakken uitgedeeld aan bewoners van de laaggelegen straten. "
    "De schade wordt voorlopig geschat op tientallen miljoenen euro's."
)


def article(
    body: str = BODY,
    url: str = "https://havenbode.example/a/1",
    title: str = "Maas treedt buiten oevers",
    source: str = "De Havenbode",
) -> CleanArticle:
    paragraphs = tuple(p.strip() + "." for p in body.split(". ") if p.strip())
    return CleanArticle(
        url=url,
        source=source,
        title=title,
        published_at=datetime(2026, 11, 16, tzinfo=UTC),
        language="nl",
        sections=(Section(None, paragraphs),),
        places=(),
        names=(),
        removed=(),
    )


def known(a: CleanArticle, id: int) -> Known:
    fp = fingerprint(a)
    return Known(id=id, url=fp.url, title=a.title, content_hash=fp.content_hash, signature=fp.signature)


def test_canonical_url() -> None:
    assert (
        canonical_url("HTTPS://WWW.Example.org:443/a/b?utm_source=x&b=2&a=1#top")
        == "https://www.example.org/a/b?a=1&b=2"
    )
    assert canonical_url("http://example.org") == "http://example.org/"
    assert canonical_url("file:///tmp/a.txt") == "file:///tmp/a.txt"


def test_normalised_words_fold_case_accents_and_punctuation() -> None:
    assert normalised_words("Oekraïne, zei HIJ: “ja!”") == ["oekraine", "zei", "hij", "ja"]


def test_new_article() -> None:
    a = article()
    assert decide(a, fingerprint(a), None, None, []).status is Status.NEW


def test_same_url_same_content_is_a_duplicate_even_with_other_whitespace_and_tracking() -> None:
    a = article()
    again = replace(a, url=a.url + "?utm_medium=rss", sections=(Section(None, ("  " + BODY.upper() + "  ",)),))
    fp = fingerprint(again)
    assert fp.url == fingerprint(a).url
    decision = decide(again, fp, known(a, 1), known(a, 1), [])
    assert (decision.status, decision.article_id) == (Status.DUPLICATE, 1)


def test_same_url_changed_text_or_title_is_an_update() -> None:
    a = article()
    edited = article(body=BODY.replace("1200", "1400"))
    assert decide(edited, fingerprint(edited), known(a, 1), None, []).status is Status.UPDATED
    retitled = replace(a, title="Maas treedt buiten oevers bij Venlo")
    decision = decide(retitled, fingerprint(retitled), known(a, 1), known(a, 1), [])
    assert (decision.status, decision.article_id) == (Status.UPDATED, 1)


def test_same_content_at_another_url_is_a_duplicate() -> None:
    a = article()
    b = article(url="https://havenbode.example/amp/1")
    decision = decide(b, fingerprint(b), None, known(a, 1), [known(a, 1)])
    assert (decision.status, decision.article_id) == (Status.DUPLICATE, 1)


def test_a_lightly_edited_wire_copy_is_new_and_linked_to_the_original() -> None:
    original = article()
    copy = article(
        body="Bij Venlo is de Maas in de nacht van maandag op dinsdag buiten haar oevers getreden. "
        + BODY.split(". ", 1)[1].rsplit(". ", 1)[0]
        + ". Dit bericht is van Continental Wire.",
        url="https://nieuwsnu.example/binnenland/maas",
        source="NieuwsNu",
    )
    fp = fingerprint(copy)
    shared = set(fp.bands) & set(fingerprint(original).bands)
    assert shared, "a near-copy must share at least one LSH band with its original"
    decision = decide(copy, fp, None, None, [known(original, 1)])
    assert decision.status is Status.NEW
    assert decision.copy_of == 1
    assert decision.similarity >= 0.6


def test_a_different_article_on_the_same_event_is_not_a_copy() -> None:
    original = article()
    other = article(
        body="Rijkswaterstaat verwacht dat het water in de Maas woensdag zijn hoogste punt bereikt. "
        "In Venlo zijn 1200 mensen geëvacueerd. De minister bezoekt donderdag het getroffen gebied. "
        "Boeren in Noord-Limburg vrezen voor hun oogst en vragen om steun van het Rijk.",
        url="https://noorderlicht.example/maas",
    )
    decision = decide(other, fingerprint(other), None, None, [known(original, 1)])
    assert (decision.status, decision.copy_of) == (Status.NEW, None)
    assert similarity(fingerprint(other).signature, fingerprint(original).signature) < 0.3


def test_signatures_stay_what_stored_articles_hold() -> None:
    """The signature is datasketch 2's MinHash(128, seed=7) of the SHA-1 of the word 3-shingles; a change would make
    every stored article's signature and bands incomparable with new ones."""
    signature = fingerprint(article()).signature
    assert len(signature) == 128 * 8
    assert hashlib.sha1(signature).hexdigest() == "e55b0cd3bca8acc4284aad091e43aaf8a7713d29"


def test_normalised_words_fold_ligatures_and_marks_in_any_script() -> None:
    assert normalised_words("Ça va? Naïve café – Łódź, İstanbul, ﬁne Москва́") == [
        "ca", "va", "naive", "cafe", "łodz", "istanbul", "fine", "москва"]
