"""Subheadings a plain text glued to the sentence after them.

A text flattened from a page (a JSON API, a feed's content) loses the line break after a subheading, so the sentence
splitter gives "Douane-unie Lagerhuisleden stemmen ...", "80 De gemeente laat alsnog onderzoeken ...", "... staan
verderop Het NOS-interview duurde ..." or "LVP naar 6 zetels Coalitiepartij LVP verliest ...": a heading and a
sentence read as one. The summariser leaves a sentence with a heading glued inside it out and cuts a heading glued
before one off (`after_glued_heading`), as an article without a title does for the title it makes of its first
sentence. Both read the place where the glued sentence starts here, so they agree on what a glued heading is.

A roundup flattened so ("Kort nieuws": "Brand in loods Bij een brand ... Wethouder stapt op De wethouder van ...")
is split at the headings of its items (`roundup_sections`), so that each item is a section of its own, as the
sub-headed sections of a page are.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from volg.models import Section
from volg.pipeline.clean.gazetteer import COMPASS, gazetteer
from volg.pipeline.clean.places import is_common, is_known, lemma, stop_words, titles
from volg.pipeline.clean.sentences import split_sentences
from volg.pipeline.clean.structure import MAX_HEADING_WORDS, looks_like_heading

NAME_PARTICLES = frozenset("van de der den het ten ter von zu di da le la du des el".split())

_GLUED = {
    "nl": "De Het Een Met In Op Bij Voor Na Als Maar En Ook Hij Zij Ze Wij Ik Dat Die Dit Deze Er Zo Daar Toen Nu Om "
          "Door Over Tot Uit Aan Wat Wie Hoe Waarom Volgens Sinds Tijdens",
    "en": "The He She They It We In On At But And This That For With After When While According",
}
"""Words that open a sentence in capitals: one of them inside a sentence, after a word and a space and before a word in
lower case ("... staan verderop Het interview duurde ...") or a compound of an acronym and a word in lower case
("... staan verderop Het NOS-interview duurde ...", which no name like "Het Parool" is), is a subheading a plain
text glued to the next sentence."""
_GLUED_BEFORE_NAMES = {"nl": "Volgens Tijdens Sinds", "en": "According"}
"""Of those, the ones that go before a name and are never part of one: in capitals after a word, they open a sentence
whatever follows ("Spanning Volgens Jansen zijn ...")."""
_ACRONYM_COMPOUND = r"[A-ZÀ-Ý]{2,}[A-ZÀ-Ý0-9]*-[a-zà-ÿ]"
_GLUED_RE = {
    language: re.compile(rf"(?<=[\w)]) ((?:{'|'.join(words.split())}) (?=[a-zà-ÿ]|{_ACRONYM_COMPOUND})"
                         rf"|(?:{'|'.join(_GLUED_BEFORE_NAMES[language].split())}) (?=\w))")
    for language, words in _GLUED.items()
}


_TWO_CAPITALS = re.compile(r"([A-ZÀ-Ý][^\W\d_]*(?:-[^\W\d_]+)*) ([A-ZÀ-Ý][^\W\d_]*(?:-[^\W\d_]+)*) [a-zà-ÿ]")
"""A sentence that opens with two capitalised words (or compounds), then one in lower case."""


_COMPASS = tuple(COMPASS)
_CAPITAL_AFTER_WORD = re.compile(r"(?<![\w'’-])(?=([a-zà-ÿ][\w'’-]*|\d[\d.,]*) ([A-ZÀ-Ý][a-zà-ÿ]+) [a-zà-ÿ])")
"""A word in lower case (or a number), then a capitalised word and one in lower case (overlapping, as lookahead)."""


def glued_heading(sentence: str, language: str, names: Collection[str] = ()) -> bool:
    """Whether a subheading is glued inside the sentence (`_GLUED`, `_function_word_opens`) or before it
    (`_heading_first`): it does not read as one sentence. `names`: the names of the sentence's text."""
    return any(start is not None for start in _glued_starts(sentence, language, names))


def glued_sentence_start(sentence: str, language: str, names: Collection[str] = ()) -> int | None:
    """Where, in the sentence, the first sentence glued to a subheading before it starts (what is before it is the
    heading, or the heading and an earlier sentence that lost its full stop); None when no heading is glued."""
    return min((start for start in _glued_starts(sentence, language, names) if start is not None), default=None)


def after_glued_heading(sentence: str, language: str, names: Collection[str] = ()) -> str:
    """The sentence without a subheading glued before it ("80 De gemeente laat alsnog onderzoeken ..." → "De
    gemeente laat alsnog onderzoeken ...", "LVP naar 6 zetels Coalitiepartij LVP verliest ..." → "Coalitiepartij LVP
    verliest ..."): what comes before the glued sentence must be short enough for a heading, or it is a run of
    sentences the splitter did not part (a stock table: "... verlengt zijn contract. -2,3% Navico ..."), and the
    sentence is returned as it is. Without the text's `names` a heading is told a little more readily (a title is
    made before they are found), which for a title costs at most a name's first word."""
    start = glued_sentence_start(sentence, language, names)
    if start is None or len(sentence[:start].split()) > MAX_HEADING_WORDS:
        return sentence
    return sentence[start:]


def _glued_starts(sentence: str, language: str, names: Collection[str]) -> Iterator[int | None]:
    """What each way of telling a glued heading finds, one at a time (so that `glued_heading` stops at the first)."""
    pattern = _GLUED_RE.get(language)
    found = pattern.search(sentence) if pattern is not None else None
    yield found.start(1) if found else None
    yield _function_word_opens(sentence, language)
    yield _article_opens(sentence, language)
    yield _heading_first(sentence, language, names)
    yield _ordinary_word_opens(sentence, language, names)


def _function_word_opens(sentence: str, language: str) -> int | None:
    """Where a function word in capitals (of volg's stop words) opens a sentence glued to the heading before it:
    after a heading's last word, in lower case and no function word (a heading ends on a noun, adjective or verb:
    "Verveling en onrust Toch liggen ...", "Geen gejuich We begrijpen ..."), or after a number ("... 2 Is dat ..."),
    and before a word in lower case. Not after an article, preposition or name particle ("in het Westen", "Van der
    Meer") or before a name ("zegt Van der Meer"), nor a compass word ("stadsdeel Zuid", "Western powers") or a
    continent ("Europa": the lemmatiser keeps its capital), nor a single letter ("het uur U")."""
    stops = stop_words(language)
    for match in _CAPITAL_AFTER_WORD.finditer(sentence):
        before, word = match.groups()
        lower = word.casefold()
        if ((before[0].isdigit() or before not in stops and before not in NAME_PARTICLES)
                and lower in stops and len(lower) > 1 and lower not in NAME_PARTICLES
                and lemma(word, language)[:1].islower() and not lower.startswith(_COMPASS)):
            return match.start(2)
    return None


_ARTICLE_A = re.compile(r"(?<![\w'’-])([a-z]{3,}) (A) (?=[a-z]{3,})")
_LETTER_NAMES = frozenset("vitamin type plan influenza hepatitis category group class grade exhibit section terminal "
                          "gate block level series part article annex schedule platform pier wing row box".split())
"""Words an English capital A follows as a letter's name ("influenza A virus", "plan A worked")."""


def _article_opens(sentence: str, language: str) -> int | None:
    """Where an English "A" in capitals opens a sentence glued to the heading before it ("... as the flood water
    rises A small dog was rescued ..."): after a word in lower case, before one, and not as a letter's name."""
    if language != "en":
        return None
    found = next((m for m in _ARTICLE_A.finditer(sentence) if m.group(1) not in _LETTER_NAMES), None)
    return found.start(2) if found else None


def _common_compound(word: str, language: str, shortest_head: int = 3) -> bool:
    """Whether a Dutch or German word the lemmatiser does not know ends in one it knows ("Lagerhuisleden"), after at
    least `shortest_head` letters."""
    lower = word.casefold()
    return language in ("nl", "de") and any(is_known(lower[cut:], language)
                                            for cut in range(shortest_head, len(lower) - 3))


_COMPOUND_HEAD = 4
"""A heading's compound ("Kledingmaat", "Gamechanger") opens with a word of four letters or more; a given name that
ends in a word does so after three ("Mer-lijn", "Ric-hard", "Mic-hiel")."""
_SHORTEST_TITLE = 5  # shorter titles ("mr", "ir", "ceo") end many a word that is none


def _compound_heading(word: str, language: str) -> bool:
    """Whether a word the lemmatiser does not know reads as a one-word heading: a compound ending in an ordinary word
    (`_COMPOUND_HEAD`), not a place, nor a title before a name ("Waterschapsvoorzitter Bos")."""
    lower = word.casefold()
    return (_common_compound(word, language, _COMPOUND_HEAD) and gazetteer().lookup(word) is None
            and not any(lower.endswith(title) for title in titles(language) if len(title) >= _SHORTEST_TITLE))


def _heading_first(sentence: str, language: str, names: Collection[str]) -> int | None:
    """Where the sentence after a one-word heading glued to its first word starts ("Douane-unie Lagerhuisleden
    hebben ...", "Opkomst Wel was ..."): two ordinary words (or compounds of one) in capitals, then one in lower
    case. Not a title or a function word before a name ("Premier Rutte", "Den Haag", "Van Dijk"), an inflected
    adjective before a noun ("Verschillende Republikeinen"), a place, nor a name of the passage's `names` ("Rode
    Kruis", "Touroperator Kras"); a compound the names step took for a name at a sentence's start
    ("Lagerhuisleden") is no name here. The heading may be a compound the lemmatiser does not know ("Gamechanger
    Onbedoeld effect ..."); the names step then reads the two words as one name, which excuses them only when the
    second is also named without the first ("Sanne Bos" with "Bos"). A title second is a role, not a sentence's
    first word ("FvD-Tweede Kamerlid maakt ...")."""
    opening = _TWO_CAPITALS.match(sentence)
    if opening is None:
        return None
    first, second = opening.groups()
    lower = first.casefold()
    ordinary = is_common(first, language)
    excused = (
        lower in stop_words(language) or lower in titles(language)
        or not (ordinary or _compound_heading(first, language))
        or (lower.endswith("e") and lemma(lower, language) != lower)
        or not (is_common(second, language) or _common_compound(second, language))
        or second.casefold() in titles(language) or gazetteer().lookup(second) is not None
        or any((f"{first} {second}" in name or second in name.split() and is_common(second, language)) if ordinary
               else second in name.split() and not name.startswith(f"{first} {second}") for name in names)
    )
    return None if excused else opening.start(2)


_ORDINARY_AFTER_WORD = re.compile(
    r"(?<![\w'’-])(?=([a-zà-ÿ][\w'’-]*|\d[\d.,]*) ([A-ZÀ-Ý][a-zà-ÿ]+(?:-[a-zà-ÿ]+)*) ([A-Z]{2,}\b|[a-zà-ÿ]+\b))")
"""A word in lower case (or a number), a capitalised word, then an acronym or a word in lower case (overlapping, as
lookahead)."""


def _ordinary_word_opens(sentence: str, language: str, names: Collection[str]) -> int | None:
    """Where a capitalised ordinary word opens a sentence glued to a heading inside the sentence: after a heading's
    last word (a noun, not a function word, title or inflected adjective: "de gemiddelde Nederlander" is no heading)
    or a number, a capitalised word the lemmatiser knows in lower case (or a compound of one), then an acronym, as a
    role before its name ("LVP naar 6 zetels Coalitiepartij LVP verliest ..."), or a finite verb, as an adverb opening
    a sentence ("... op de critici Koppig blijft de wethouder erbij ..."). Dutch only (German capitalises
    its nouns, English its titles and names of things); not a word of one of the passage's `names` ("de partij Samen
    voor Venlo"), a place or a compass word."""
    if language != "nl":
        return None
    from volg.pipeline.develop.verbs import FINITE, is_finite  # here: develop imports this module

    stops = stop_words(language)
    for match in _ORDINARY_AFTER_WORD.finditer(sentence):
        before, word, after = match.groups()
        lower = word.casefold()
        if not before[0].isdigit() and (before in stops or before in NAME_PARTICLES or before in titles(language)
                                        or before.endswith("e")):
            continue
        if not (after.isupper() or is_finite(after) and (after in FINITE or after not in stops)):  # "met" is no verb
            continue
        if lower in stops or lower.startswith(_COMPASS) or gazetteer().lookup(word) is not None:
            continue
        if any(word in name.split() and not (after.isupper() and name.startswith(f"{word} {after}")) for name in names):
            continue  # the names step reads a role and the name after it as one name ("Regeringspartij CDA")
        known = lemma(word, language)[:1].islower() and is_known(lower, language)
        if known or _compound_heading(word, language):
            return match.start(2)
    return None


_ARTICLES = {"nl": frozenset({"de", "het", "een", "'t"}), "en": frozenset({"the", "a", "an"})}
"""A headline drops its articles ("Brand verwoest loods in Venlo", "Fire destroys warehouse"); a caption, a teaser or a
run of words the heading finder cut from a sentence keeps them ("De advocaat van de ...", "The crisis centre is
staffed ..."). Only the languages whose glued headings `_GLUED` reads."""
MIN_ITEM_HEADING_WORDS = 3
"""A roundup item's headline says what happened; a shorter subheading ("Dreigementen", "Groei vaatcellen") heads a
part of one story."""
MAX_SHARED = 0.125
"""An item shares less than this part of its content words (of the smaller of the two texts) with the text before its
heading: it tells another story. Measured on DpgMedia2019: the items of its briefs columns share 0–0.12, the parts of
one story under their subheadings mostly 0.1–0.4."""
MIN_TOLD = 0.25
"""An item's headline says what its text tells: at least this part of the headline's content words recur in it (a
letter-writer's signature, a photo credit or a comment's time stamp glued to the next text does not)."""
_SENTENCE_INSIDE = re.compile(r"[.!?] ")
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_STEM_CHARS = 6  # a word's first letters stand for its stem in any language ("afgestoken", "afsteken")


def roundup_sections(sections: tuple[Section, ...], language: str) -> tuple[Section, ...]:
    """A text without headings of its own split at the headlines glued to its items' first sentences, when it reads as
    a roundup: each such headline (`_item_headline`) says what the text after it tells (`MIN_TOLD`) and that text
    tells another story than the text before it (`MAX_SHARED`). A headline that opens the text heads the first
    item when another item follows. Other texts (and one with headings) are returned as they are: the subheadings of
    one story, a caption or a signature glued to a sentence stay in the text, as the summariser reads them."""
    if language not in _ARTICLES or any(section.heading for section in sections):
        return sections
    paragraphs = [p for section in sections for p in section.paragraphs]
    found = [(index, *cut) for index, paragraph in enumerate(paragraphs)
             for cut in _glued_cuts(paragraph, language)]
    if not found:
        return sections
    starts = [(0, 0), *((index, sentence_start) for index, _, sentence_start, _ in found)]
    ends = [*((index, start) for index, start, _, _ in found), (len(paragraphs), 0)]
    texts = [_between(paragraphs, start, end) for start, end in zip(starts, ends, strict=True)]  # around the headlines
    words = [_content_words(text, language) for text in texts]
    told = [_told(heading, words[i + 1], language) for i, (_, _, _, heading) in enumerate(found)]
    kept = {i for i in range(len(found)) if words[i] and told[i] and _shared(words[i], words[i + 1]) < MAX_SHARED}
    if not kept:
        return sections
    if not texts[0].strip() and told[0]:
        kept.add(0)  # the text opens on the first item's headline
    cuts: dict[int, list[tuple[int, int, str]]] = {}
    for i in sorted(kept):
        index, start, sentence_start, item_heading = found[i]
        cuts.setdefault(index, []).append((start, sentence_start, item_heading))
    split: list[Section] = []
    heading: str | None = None
    current: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        position = 0
        for start, sentence_start, item_heading in cuts.get(index, ()):
            if before := paragraph[position:start].strip():
                current.append(before)
            if heading is not None or current:
                split.append(Section(heading, tuple(current)))
            heading, current, position = item_heading, [], sentence_start
        current.append(paragraph[position:])
    split.append(Section(heading, tuple(current)))
    return tuple(split)


def _glued_cuts(paragraph: str, language: str) -> Iterator[tuple[int, int, str]]:
    """(where the headline starts, where the sentence after it starts, the headline) for each item headline glued to a
    sentence of the paragraph. Only a sentence whose first words may open a headline is read for a glued heading (most
    open with an article or a comma within three words: "Volgens de politie", "Dat is een ..."), which spares most of
    the cost."""
    position = 0
    for sentence in split_sentences(paragraph, language):
        found = paragraph.find(sentence, position)
        if found < 0:
            return
        position = found + len(sentence)
        if not _item_headline(" ".join(sentence.split()[:MIN_ITEM_HEADING_WORDS]), language, opening=True):
            continue
        start = glued_sentence_start(sentence, language)
        if start is not None and _item_headline(heading := sentence[:start].strip(), language):
            yield found, found + start, heading


def _item_headline(heading: str, language: str, *, opening: bool = False) -> bool:
    """Whether the words before a glued sentence read as a roundup item's headline: a heading's shape, opening on a
    letter or digit, no sentence, comma or "|" inside (a letter's signature, "Joke Bos, Peize", before the next letter;
    "... rechercheur, Utrecht. bouwvakkers met bloemen"; "DE SPEECH | Zijn boodschap ..."),
    at least MIN_ITEM_HEADING_WORDS words, none an article (`_ARTICLES`), and not ending on a function word or a
    number (a sentence the heading finder cut: "... de kracht van", a numbered question: "... geslagen. 1"). With
    `opening`, whether `heading` (a sentence's first words) may open such a headline: its end is not the headline's."""
    words = heading.split()
    if not (heading[:1].isalnum() and not {",", "|"} & set(heading) and not _SENTENCE_INSIDE.search(heading)
            and len(words) >= MIN_ITEM_HEADING_WORDS and not any(w.casefold() in _ARTICLES[language] for w in words)):
        return False
    return opening or (looks_like_heading(heading) and words[-1].casefold() not in stop_words(language)
                       and any(ch.isalpha() for ch in words[-1]))


def _between(paragraphs: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The text from one (paragraph, offset) to another."""
    if start[0] == end[0]:
        return paragraphs[start[0]][start[1]:end[1]]
    middle = paragraphs[start[0] + 1:end[0]]
    last = paragraphs[end[0]][:end[1]] if end[0] < len(paragraphs) else ""
    return " ".join((paragraphs[start[0]][start[1]:], *middle, last))


def _content_words(text: str, language: str) -> frozenset[str]:
    """The text's words of four letters or more that are no stop words, by their first `_STEM_CHARS` letters."""
    stops = stop_words(language)
    return frozenset(word[:_STEM_CHARS] for word in map(str.casefold, _CONTENT_WORD.findall(text))
                     if word not in stops)


def _shared(first: frozenset[str], second: frozenset[str]) -> float:
    """The part of the smaller text's content words the other has too (1.0 when either has none)."""
    smaller = min(len(first), len(second))
    return len(first & second) / smaller if smaller else 1.0


def _told(heading: str, item: frozenset[str], language: str) -> bool:
    """Whether at least MIN_TOLD of the headline's content words recur in the item's text."""
    words = _content_words(heading, language)
    return bool(words) and len(words & item) >= MIN_TOLD * len(words)
