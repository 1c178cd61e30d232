"""Boilerplate removal: site furniture that survives extraction inside the article body.

Five signals, none tied to one site or one text:

1. **Repetition within the document.** A run of sentences doubled inside one paragraph is a rendering artefact
   (an image caption printed once visibly and once for screen readers): both copies go. A paragraph, or a
   sentence of four words or more, that repeats an earlier one (pull quotes, repeated widgets) loses the later
   copy.
2. **Interface text.** Prompts to follow, share, subscribe, use the app or accept cookies, "read more/also"
   links, and photo or video credits, in nl, en, de, fr, es and it; plus lines made only of share-button words
   ("Delen Facebook Twitter").
3. **Learned per source.** A `SourceProfile` counts, per normalised sentence key, in how many of the source's
   articles it appeared. See `is_common`.
4. **Reader comments.** A comment's header, a time and a year before a name and "wrote:" ("At 12:19 26th Apr
   2009, jsmith wrote:", "Op 3 mei 2010 om 14:02 schreef pietje:"), opens the comments under an article, which run
   to its end: everything from the first header on goes, also where an archive glued them to the article's last
   paragraph. The time and the year keep a reporter's "At 10:30 on Tuesday the minister wrote:" in.
5. **A page's header.** Flattened into the first paragraph before the report: a wire page's highlights, byline
   and update note before its dateline ("* Troops enter the town * Curfew from 6 pm (Updates with ...) By Anna Berg
   BENGHAZI, May 2 (Wire) - The army ..."), or a page's title and standfirst before its time stamp ("Dikes hold
   Engineers say the worst is over Tuesday 4 May 2010 09.12 BST The water ..."): it goes up to the agency or the
   stamp (`datelines.preamble_end`).

The unit of removal is the sentence (with photo credits split off as units of their own, also from the text an
archive glued after one that names its photographer or agency: `datelines.PHOTO_CREDIT`); a paragraph whose units
are all boilerplate goes as a whole, a mixed paragraph keeps its news sentences (and breaks where a removed unit
followed one that ends no sentence: a headline glued before a credit stays apart from the text after it). Every
removed run of units is reported, and a heading whose section ends up empty is removed with it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from hashlib import blake2b

from volg.models import Section, SourceProfile
from volg.pipeline.clean.datelines import PHOTO_CREDIT, preamble_end
from volg.pipeline.clean.sentences import ANY_LANGUAGE, split_sentences

MIN_PROFILE_ARTICLES = 3
MIN_PROFILE_SHARE = 0.3
_MAX_PROMPT_WORDS = 40
_MAX_CREDIT_WORDS = 15
_MIN_REPEAT_WORDS = 4
_MAX_DOUBLING_UNITS = 80

_LETTERS = re.compile(r"[^\W\d_]+")
_ENDED = re.compile(r"[.!?:;…][\"'”’»)\]]*\s*$")  # a unit that ends a sentence
_CREDIT_WORDS = (
    r"foto'?s?|beeld|illustratie|photos?|photographs?|images?|pictures?|video|bild(?:er)?|fotos?|imagen|immagine|"
    r"cr[ée]dits?(?: photo)?|photo credit|copyright|fonte|quelle"
)
_CREDIT = re.compile(rf"^[(\[]?\s*(?:(?:{_CREDIT_WORDS})\s*[:|©]|©)", re.IGNORECASE)
_CREDIT_LABELS = ("Foto", "Beeld", "Photo", "Photograph", "Image", "Video", "Bild", "Imagen", "Immagine")
_CREDIT_START = re.compile(rf"\s+(?=[(\[]?\s*(?:{'|'.join(_CREDIT_LABELS)})s?\s*:|©)")
_CREDIT_NEEDLE = re.compile("|".join((*_CREDIT_LABELS, "©")))  # in every match of _CREDIT_START: a quick test first
_PROMPT = re.compile(
    "|".join(
        (
            # nl
            r"volg (?:dit|deze|ons|het|onze)\b|lees (?:ook|meer|verder|hier|het hele)|bekijk (?:ook|hier|de video)",
            r"gebruik je de app|klik (?:hier|dan|dank|op)|tik (?:hier|op)|download (?:de|onze) app|deel (?:dit|via)",
            r"schrijf je (?:nu )?in|meld je (?:nu )?aan|abonneer|word (?:nu )?(?:abonnee|lid)|ook interessant",
            r"meer over dit onderwerp|(?:wil|heb) (?:jij|je) .{0,60}(?:update|nieuwsbrief|tip)|wij gebruiken cookies",
            r"(?:accepteer|sta) .{0,20}cookies|deze (?:video|inhoud) (?:is|kan)|dit artikel (?:is|wordt) gedeeld",
            # en
            r"read (?:more|also|next|the full|our)|also read|related(?: articles| stories| content)?\s*:",
            r"follow (?:this|the|us|our)\b|share (?:this|on|via)|sign up|subscribe\b|click (?:here|to)|tap (?:here|to)",
            r"get (?:the|our) (?:app|newsletter)|download (?:the|our) app|continue reading|we use cookies",
            r"accept (?:all )?cookies|this (?:video|content) (?:is|can|cannot)|you may also like|more on this",
            r"enable javascript",
            # de
            r"lesen sie (?:auch|mehr)|mehr zum thema|weiterlesen|folgen sie|diesem thema folgen|teilen sie",
            r"jetzt (?:abonnieren|anmelden|weiterlesen)|abonnieren sie|melden sie sich|zum newsletter",
            r"klicken sie|laden sie die app|wir verwenden cookies|cookies akzeptieren|auch interessant",
            # fr
            r"(?:à )?lire aussi|lire (?:la suite|plus)|suivez-nous|suivre ce sujet|abonnez-vous|inscrivez-vous",
            r"téléchargez l'application|cliquez|nous utilisons des cookies|accepter les cookies|voir aussi",
            # es
            r"lee (?:también|más)|leer más|sigue leyendo|síguenos|seguir este tema|suscríbete|regístrate",
            r"descarga la app|haz clic|pulsa aquí|utilizamos cookies|aceptar (?:las )?cookies|te puede interesar",
            r"ver también|más información:",
            # it
            r"leggi (?:anche|di più|tutto)|continua a leggere|seguici|segui questo argomento|iscriviti|abbonati",
            r"scarica l'app|clicca|utilizziamo i cookie|accetta i cookie|potrebbe interessarti|vedi anche",
        )
    )
)
_COMMENT_VERBS = "wrote|schreef|schrieb|a écrit|escribió|ha scritto"
_COMMENT_HEADER = re.compile(
    r"\b(?:At|On|Op|Om|Am|Le|El|Il)\s"  # opens like a sentence
    r"(?=[^\n]{0,40}?\b\d{1,2}[:.h]\d{2}\b)(?=[^\n]{0,40}?\b(?:19|20)\d{2}\b)"  # a time and a year ahead
    rf"[^\n]{{0,50}}?[,\s]\s*(?:\S+(?:\s\S+){{0,3}}\s+(?:{_COMMENT_VERBS})"
    r"|(?:schreef|schrieb)\s+\S+(?:\s\S+){0,3}?)\s*:"
)
_COMMENT_NEEDLE = re.compile(_COMMENT_VERBS)  # in every header: a quick test first
"""A reader comment's header: a time and a year, then a name (one to four words) and its verb, or in Dutch and
German the verb and the name, then a colon."""
_WIDGET_WORDS = frozenset(
    "delen deel volg volgen share follow print email e-mail mail whatsapp facebook twitter x linkedin pinterest "
    "reddit telegram messenger kopieer copy link teilen folgen drucken partager suivre imprimer compartir seguir "
    "imprimir condividi segui stampa advertentie advertisement ad anzeige werbung publicité publicidad pubblicità "
    "sponsored gesponsord reageer reageren comment comments reacties".split()
)
_FILLER_WORDS = frozenset(
    "dit artikel this article on op via de het the le la il lo el der die das diesen cet questo este artículo "
    "articolo en and of or met with".split()
)


def _normal(text: str) -> str:
    """`text` casefolded, without digits, punctuation and extra whitespace: its runs of letters."""
    return " ".join(_LETTERS.findall(text.casefold()))


def _hash(normal: str) -> str:
    return blake2b(normal.encode(), digest_size=8).hexdigest()


@lru_cache(maxsize=4096)
def line_key(text: str) -> str:
    """A short hash of `text` after casefolding and dropping digits, punctuation and extra whitespace."""
    return _hash(_normal(text))


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


@lru_cache(maxsize=1024)
def _units(paragraph: str) -> tuple[str, ...]:
    """Sentences of a paragraph, with photo/video credits split off as units of their own. Cached, as `line_key`
    is: an article's paragraphs are split when it is cleaned and, most of them unchanged, when it is stored."""
    units: list[str] = []
    for sentence in split_sentences(paragraph, ANY_LANGUAGE):
        parts = _CREDIT_START.split(sentence) if _CREDIT_NEEDLE.search(sentence) else (sentence,)
        for part in map(str.strip, parts):
            credit = PHOTO_CREDIT.match(part)  # one that names its photographer or agency: the text goes on after it
            units.extend(filter(None, (credit.group().strip(), part[credit.end():]) if credit else (part,)))
    return tuple(units)


def _lines(sections: Iterable[Section]) -> Iterator[str]:
    """An article's headings and sentences with letters: the lines a source profile counts."""
    for section in sections:
        units = [section.heading] if section.heading else []
        for paragraph in section.paragraphs:
            units.extend(_units(paragraph))
        yield from (unit for unit in units if _has_letters(unit))


def profile_keys(sections: Iterable[Section]) -> set[str]:
    """The keys of an article's headings and sentences, to add to its source's profile once it is stored."""
    return {line_key(line) for line in _lines(sections)}


def lines_with_keys(sections: Iterable[Section], keys: set[str]) -> set[str]:
    """The lines of an article that have one of `keys`, normalised as `line_key` reads them: what `may_hold` looks
    for in other articles."""
    return {normal for normal in map(_normal, _lines(sections)) if _hash(normal) in keys}


def may_hold(sections: Iterable[Section], lines: set[str]) -> bool:
    """Whether an article may have one of `lines` (from `lines_with_keys`): false only when it has none. A tenth of
    the work of splitting its sentences, so that re-cleaning skips the articles without them."""
    text = _normal("\n".join(part for s in sections for part in ((s.heading or ""), *s.paragraphs)))
    return any(line in text for line in lines)


def is_common(key: str, profile: SourceProfile | None) -> bool:
    """Whether a sentence key is boilerplate for the profile's source.

    It must have been seen in at least MIN_PROFILE_ARTICLES articles (so that two versions of one story do not
    teach anything) and in at least MIN_PROFILE_SHARE of all the source's articles. Site furniture sits on nearly
    every article; a news sentence that recurs (a standard background line in a running story) reaches 30% only
    on sources that publish little else, and then it is furniture in all but name.
    """
    if profile is None or profile.articles < MIN_PROFILE_ARTICLES:
        return False
    needed = max(MIN_PROFILE_ARTICLES, math.ceil(MIN_PROFILE_SHARE * profile.articles))
    return profile.line_counts.get(key, 0) >= needed


def is_interface_text(unit: str) -> bool:
    """Credits, prompts and share-button rows, in any of the languages volg knows."""
    words = unit.split()
    if len(words) <= _MAX_CREDIT_WORDS and _CREDIT.match(unit):
        return True
    folded = unit.casefold().lstrip("([»›>-–—•* ")
    if len(words) <= _MAX_PROMPT_WORDS and _PROMPT.match(folded):
        return True
    return _widget_row(folded)


def _widget_row(folded: str) -> bool:
    """A row of share-button words, with fillers ("Deel dit artikel via WhatsApp"); stops at the first other word."""
    widget = False
    for word in folded.split():
        token = word.strip(".,:;!?|()[]·•")
        if token in _WIDGET_WORDS:
            widget = True
        elif token and token not in _FILLER_WORDS:
            return False
    return widget


def _doubled(keys: Sequence[str], units: Sequence[str]) -> set[int]:
    """Indexes of units in a run that is immediately repeated (both copies), longest runs first."""
    marked: set[int] = set()
    n = len(keys)
    if n > _MAX_DOUBLING_UNITS:
        return marked
    for length in range(n // 2, 0, -1):
        for start in range(n - 2 * length + 1):
            run = range(start, start + 2 * length)
            if marked.intersection(run) or keys[start : start + length] != keys[start + length : start + 2 * length]:
                continue
            if sum(len(units[i].split()) for i in range(start, start + length)) >= _MIN_REPEAT_WORDS:
                marked.update(run)
    return marked


class _Cleaner:
    """Walks one article's paragraphs in order, remembering what it has seen."""

    def __init__(self, profile: SourceProfile | None) -> None:
        self.profile = profile
        self.seen: set[str] = set()
        self.removed: list[str] = []

    def heading_is_boilerplate(self, heading: str) -> bool:
        return is_interface_text(heading) or is_common(line_key(heading), self.profile)

    def paragraph(self, paragraph: str) -> tuple[str, ...]:
        """The paragraph with its boilerplate units removed: one paragraph, none when nothing is left, or two or more
        where what was removed followed a unit that ends no sentence (a headline glued to a credit and the text)."""
        whole = line_key(paragraph)
        if whole in self.seen and len(paragraph.split()) >= _MIN_REPEAT_WORDS:
            self.removed.append(paragraph)
            return ()
        units = _units(paragraph)
        keys = [line_key(u) for u in units]
        doubled = _doubled(keys, units)
        reasons: list[str | None] = []
        for i, (unit, key) in enumerate(zip(units, keys, strict=True)):
            if i in doubled:
                reasons.append("doubled")
            elif is_interface_text(unit):
                reasons.append("interface")
            elif _has_letters(unit) and is_common(key, self.profile):
                reasons.append("source")
            elif key in self.seen and len(unit.split()) >= _MIN_REPEAT_WORDS:
                reasons.append("repeat")
            else:
                reasons.append(None)
        self.seen.update(keys)
        self.seen.add(whole)
        if not any(reasons):
            return (paragraph,)
        self._report(units, reasons)
        out: list[list[str]] = [[]]
        for i, (unit, reason) in enumerate(zip(units, reasons, strict=True)):
            if reason is None:
                if out[-1] and reasons[i - 1] is not None and not _ENDED.search(out[-1][-1]):
                    out.append([])
                out[-1].append(unit)
        return tuple(" ".join(run) for run in out if run)

    def _report(self, units: Sequence[str], reasons: Sequence[str | None]) -> None:
        """Add each contiguous run of units removed for one reason to `removed`."""
        run: list[str] = []
        for i, (unit, reason) in enumerate(zip(units, reasons, strict=True)):
            if reason is not None:
                run.append(unit)
            if run and (i + 1 == len(units) or reasons[i + 1] != reason):
                self.removed.append(" ".join(run))
                run = []


def remove_boilerplate(
    sections: Sequence[Section], profile: SourceProfile | None = None
) -> tuple[tuple[Section, ...], tuple[str, ...]]:
    """Sections without boilerplate, and the removed lines in document order."""
    cleaner = _Cleaner(profile)
    result: list[Section] = []
    for section in _before_comments(_after_preamble(sections, cleaner.removed), cleaner.removed):
        heading = section.heading
        if heading is not None and cleaner.heading_is_boilerplate(heading):
            cleaner.removed.append(heading)
            heading = None
        paragraphs = tuple(p for paragraph in section.paragraphs for p in cleaner.paragraph(paragraph))
        if not paragraphs:
            if heading is not None:
                cleaner.removed.append(heading)
        elif heading is None and result:
            # a removed heading's paragraphs continue the section before it
            result[-1] = Section(result[-1].heading, result[-1].paragraphs + paragraphs)
        else:
            result.append(Section(heading, paragraphs))
    return tuple(result), tuple(cleaner.removed)


def _after_preamble(sections: Sequence[Section], removed: list[str]) -> Sequence[Section]:
    """The sections with the first paragraph starting where its report does, after a page's header flattened into
    it (`datelines.preamble_end`), which goes to `removed`."""
    if not sections or not sections[0].paragraphs or not (end := preamble_end(sections[0].paragraphs[0])):
        return sections
    first, *rest = sections[0].paragraphs
    removed.append(first[:end].strip())
    paragraphs = (first[end:].strip(), *rest) if first[end:].strip() else tuple(rest)
    return [Section(sections[0].heading, paragraphs), *sections[1:]] if paragraphs else list(sections[1:])


def comment_share(sections: Sequence[Section]) -> float:
    """The share of the text's words that readers' comments hold (from the first comment's header on: see
    `_before_comments`)."""
    comments: list[str] = []
    kept = _before_comments(sections, comments)
    if not comments:  # most texts: no words counted
        return 0.0
    total = _words(sections)
    return 1 - _words(kept) / total if total else 0.0


def _words(sections: Iterable[Section]) -> int:
    return sum(len(p.split()) for s in sections for p in ((s.heading,) if s.heading else ()) + s.paragraphs)


def _before_comments(sections: Sequence[Section], removed: list[str]) -> list[Section]:
    """The sections up to the first reader comment's header (`_COMMENT_HEADER`); what follows it goes to `removed`."""
    kept: list[Section] = []
    for number, section in enumerate(sections):
        for index, paragraph in enumerate(section.paragraphs):
            header = _COMMENT_HEADER.search(paragraph) if _COMMENT_NEEDLE.search(paragraph) else None
            if header is None:
                continue
            before = paragraph[: header.start()].rstrip()
            removed.append(paragraph[header.start():])
            removed.extend(section.paragraphs[index + 1:])
            removed.extend(line for later in sections[number + 1:]
                           for line in (*filter(None, (later.heading,)), *later.paragraphs))
            paragraphs = (*section.paragraphs[:index], *filter(None, (before,)))
            return kept + [Section(section.heading, paragraphs)] if paragraphs else kept
        kept.append(section)
    return kept
