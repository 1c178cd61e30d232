"""A development's headline and its one or two summary sentences, chosen from its passages (extractive).

An item must be readable on its own, so headline and summary come from one article, in one language (a `Rendition`
per language the development's sources are in). The headline is the passage's title without a live-blog time or
rubric; a roundup's short section heading ("Gevolgen voor Limburg") does not stand alone and gives way to a sentence
of the section's first paragraph: the first that states what is new, else its first. The summary starts from the
passage's lede. No sentence that leans on one left out ("Hij zei ook ...", "Maar ...", "Samen komt de schade daarmee
...", "Doel van dit onderzoek is ...", "Vandaag nemen ze ...", "De partij heeft ...", "Drie dagen later ...") is used,
in any language volg supports, nor one that opens on the surname of a person the text introduced earlier with the
full name ("Wolters stelt ...") unless the sentence before it in the summary names them in full or the headline calls
them so too, nor one with a subheading a plain text glued into it ("... staan verderop Het NOS-interview duurde ...";
a subheading glued before a sentence, "LVP naar 6 zetels Coalitiepartij LVP verliest ...", is cut off and the
sentence after it used), nor a fragment without a verb of its own (a teaser line such as "Vermoedelijk mét de nieuwe
spits, die gisteren weer volledig meedeed.": `verbs.py`), nor someone's words without their speaker (a sentence inside
a quotation a sentence before it opened, or one that opens a quotation it does not close, or words given to a
pronoun: "..., meldt ze niet.", "..., he said."), nor, after the first sentence, a comparison without what it
compares with ("een kleiner fonds": `compares_back`).

A summary sentence must be complete (a capital or digit to open, . ! ? or a closing quote to end, 8–45 words — spaced
punctuation such as " , " does not count as a word — no question), running prose (no transcript speaker label like
"NAME , ROLE :", not mostly in capitals, a run of lower-case words, brackets and quotes closed, no page furniture such
as "Report abuse" or "YES | NO"), free of boilerplate, and must not merely repeat the headline. Among those, a
sentence scores for the development's new facts it states that the article leads with, in its headline or lede (what
makes an update worth reading; a new fact only further down is a detail of the telling), for being central
(its words are those of the development's passages and of its headline), and for opening a report (leads are written
to summarise, so the lede weighs most; after a teaser question, "Maakte X verboden afspraken ...?", the first usable
sentence is the lede); it loses for retelling what the story had already said (less the more of the headline it
tells), for being a bare quote, and for telling of an earlier year ("in 2011 haalde de partij ...", "vier jaar
geleden": `looks_back`), which is background and never the second sentence either. The lede may be shorter than
other sentences (`LEDE_MIN_WORDS`). A lede that sets a scene, sharing no content word with the headline and stating no
fact ("Na opnieuw een slapeloze nacht ... de afloop is volkomen onzeker"), gives way to one of the first few
sentences that tells what the headline is about (`HEADLINE_REACH`). So does a lede that pictures or supposes instead of
telling, saying no day, count or source ("Er verschijnt een brede glimlach op het gezicht van de dijkgraaf als hij de
peilschaal ziet.", "Het moet een schok zijn geweest voor de bewoners ...", a generic "je": `sets_scene`): the first
of those sentences after it that says when, how many or who says so opens the summary (`tells_news`), and the scene
does not follow it. A sentence an earlier development of the story has in its summary (word for word, as a wire copy
in another paper repeats it) is not used: an update never opens on what the reader got. A second sentence is added
only when it states facts the first one lacks.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from volg.models import Passage, Rendition, StoryArticle
from volg.pipeline.clean.datelines import LIVE_TIME, without_dateline, without_kicker
from volg.pipeline.clean.dedupe import normalised_words
from volg.pipeline.clean.genre.reports import DATED, SOURCED
from volg.pipeline.clean.glued import NAME_PARTICLES, after_glued_heading, glued_heading
from volg.pipeline.clean.places import lemma, stop_words
from volg.pipeline.clean.sentences import lede, split_sentences
from volg.pipeline.develop.facts import (
    Fact,
    hard_facts,
    has_page_residue,
    is_boilerplate,
    is_substantive,
    stems,
)
from volg.pipeline.develop.verbs import is_finite_or_past, is_fragment, may_be_verb

MIN_WORDS, MAX_WORDS = 8, 45
LEDE_MIN_WORDS = 5
"""A passage's first sentence may be shorter than `MIN_WORDS`: a lede can say it in a few words ("De SP beleefde
dramatische verkiezingen."), and without it no sentence is the lede and background from further down wins."""
MAX_TOTAL_WORDS = 70
"""Two sentences together stay a line or two in a digest."""

_COMPLETE = re.compile(r"[.!](?:\s?['\"’”»)\]]|\s?''|\s?-RRB-)*$|[.!?]\s?(?:['\"’”»]|'')$")
_OPENS = re.compile(r"^['\"‘“„«(]?[A-ZÀ-Ý0-9€$£]")
_QUOTE_OPEN = re.compile(r"^(?:['\"‘“„«]|``)")
_AGO = r"(?:\w+|\d+)"
_LOOKS_BACK = {
    "nl": re.compile(rf"\b(?:[Ii]n|[Tt]ot|[Vv]anaf)\s+(?P<year>(?:1[89]|20)\d\d)\b|\b{_AGO} jaar geleden\b"
                     r"|\bdestijds\b"),
    "en": re.compile(rf"\b(?:[Ii]n|[Uu]ntil|[Bb]ack in)\s+(?P<year>(?:1[89]|20)\d\d)\b|\b{_AGO} years? ago\b"),
    "de": re.compile(rf"\b(?:[Ii]m Jahr|[Bb]is)\s+(?P<year>(?:1[89]|20)\d\d)\b|\b[Vv]or {_AGO} Jahren\b|\bdamals\b"),
    "fr": re.compile(rf"\b(?:[Ee]n|[Jj]usqu'en)\s+(?P<year>(?:1[89]|20)\d\d)\b|\bil y a {_AGO} ans\b"),
    "es": re.compile(rf"\b(?:[Ee]n|[Hh]asta)\s+(?P<year>(?:1[89]|20)\d\d)\b|\bhace {_AGO} años\b"),
    "it": re.compile(rf"\b(?:[Nn]el|[Ff]ino al)\s+(?P<year>(?:1[89]|20)\d\d)\b|\b{_AGO} anni fa\b"),
}
"""A sentence that tells what happened in an earlier year ("in 2011 haalde de partij twee zetels", "vier jaar
geleden"): background to the news, which a summary gives only when nothing of now is there to give."""
_SPEAKER = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý0-9.'’-]*\s+){0,4}[A-ZÀ-Ý][A-ZÀ-Ý0-9.'’-]+\s*(?:,\s*[^:,]{2,60}?)?\s*:(?:\s|$)"
)
"""A transcript's speaker label or a rubric in capitals: "JANE DOE , WIRE TV ANCHOR : Good morning .", "KOK : ..."."""
_WORD_TOKEN = re.compile(r"\w")
_BRACKETS = (("(", ")"), ("[", "]"), ("-LRB-", "-RRB-"), ("``", "''"))
MAX_CAPITALS_SHARE = 1 / 3
"""Sentences mostly in capitals are rubrics, transcript furniture or shouting, not a summary."""
_UPDATE_PREFIX = re.compile(r"^(?:update|bijgewerkt|aktualisiert|mise à jour)\s*\d{1,2}[.:h]\d{2}\s*(?:uur)?\s*:\s*",
                            re.IGNORECASE)  # fmt: skip


_DANGLING = {
    "nl": "hij zij ze hun haar dat dit die deze daar daarmee daardoor daarop daarna daarom daarnaast daarvoor daarin "
          "maar en ook eerst toen tevens samen bovendien verder vervolgens dus toch wel echter ondertussen intussen "
          "zo zodoende evenmin natuurlijk uiteraard kortom niettemin desondanks evenwel nochtans zulke zulk hiermee "
          "hierdoor hierbij hierna hiervoor hierop hierin hierover totdat zodat waardoor waarna waarmee waarop want "
          "bijvoorbeeld tenslotte",
    "en": "he she they it its his her their them this that these those there's but and also then so yet still "
          "however meanwhile instead such moreover furthermore besides first later afterwards nevertheless "
          "nonetheless thus hence therefore similarly likewise additionally firstly secondly thirdly finally lastly",
    "de": "er sie es ihr ihre sein seine dies diese dieser dieses aber und auch doch dann danach deshalb daher "
          "zudem außerdem trotzdem dabei damit dennoch allerdings denn",
    "fr": "il elle ils elles cela ceci ça mais et aussi puis ensuite donc cependant pourtant toutefois alors car",
    "es": "él ella ellos ellas esto eso pero y también además luego entonces sin",
    "it": "lui lei loro ciò questo questa quello quella ma e anche poi quindi però tuttavia inoltre",
}
"""Words that, opening a sentence, lean on the sentence before it ("Hij zei ook ...", "Maar dat bleek ...",
"Samen komt de schade daarmee ..."): such a sentence cannot be read alone in a digest."""
_DANGLING_WORDS = {language: frozenset(words.split()) for language, words in _DANGLING.items()}
_DANGLING_PAIRS = frozenset(("volgens hem", "volgens haar", "volgens hen", "according to", "bij hem", "van hem",
                             "in feite", "in fact", "in short", "of course", "in addition", "for example",
                             "for instance", "zum beispiel", "par exemple", "por ejemplo", "per esempio",
                             "ten eerste", "ten tweede", "ten derde", "ten slotte", "tot slot"))
"""Two-word openings that lean on the sentence before (only with a pronoun: "according to" is followed by one
more often than not in leads that are not first sentences)."""

_RUBRIC = re.compile(
    r"^\s*(?:(?i:update|new|nieuw|live|liveblog|live blog|breaking|net binnen|video|foto'?s?|photos?|column|opinie"
    r"|opinion|analyse|analysis|commentaar|comment|interview|recensie|review|achtergrond|exclusief|exclusive)"
    r"(?:\s\d{1,2})?\s*(?:[:|–—]|-(?=\s))"
    r"|(?:UPDATE|RPT|REFILE|CORRECTED|WRAPUP|EXCLUSIVE|BREAKING|ANALYSIS|FEATURE|INSIGHT|COLUMN|COMMENT|INTERVIEW"
    r"|PREVIEW|REVIEW|FACTBOX|TIMELINE|BREAKINGVIEWS|EDITORIAL|VIDEO)(?:\s\d{1,2})?-(?=\S))\s*")
"""A rubric in front of a headline ("Update: ...", "LIVE | ...", "Video: ...", "Update 3 - ..."), or a wire service's
glued to it in capitals ("UPDATE 2-BP cuts output", "RPT-...", "ANALYSIS-..."): furniture, not what happened."""
_BRIEFS = re.compile(
    r"(?i:(?:het )?nieuws in het kort|kort nieuws|in het kort|kort|(?:news )?in brief|briefs?|kurz (?:notiert|gemeldet)"
    r"|nachrichten in kürze|en bref|brèves|(?:noticias )?en breve|breves|(?:notizie )?in breve)"
    r"(?:[,:]?\s+[A-ZÀ-Ý][\w'’-]*(?:\s[A-ZÀ-Ý][\w'’-]*){0,2})?")
"""A briefs column's title, perhaps with its place ("Kort nieuws Amsterdam", "News in brief"): it names the column,
not what happened, and the briefs under it are unrelated, so the item is headed by the sentence that tells its
development instead, with no second sentence from another brief."""
STANDALONE_WORDS = 6
"""A section heading shorter than this ("Gevolgen voor Limburg", "Hamburg volgt donderdag") does not say what
happened without its article: a sentence of the section's first paragraph heads the item instead
(`standalone_headline`), or else the article's title."""
MAX_HEADLINE_WORDS = 25
MAX_NEW_WRITTEN = 6
"""At most this many new facts a rendition writes out (as `detect.MAX_NEW`)."""


@dataclass(frozen=True)
class Candidate:
    """One passage of a development, as the summariser needs it."""

    passage: Passage
    article: StoryArticle
    paragraphs: tuple[str, ...]  # without boilerplate
    facts: tuple[Fact, ...]
    title_facts: tuple[Fact, ...]

    @property
    def is_section(self) -> bool:
        """A roundup's sub-headed section: its title is a heading, not the article's title."""
        return self.passage.title != self.article.title


@dataclass(frozen=True)
class _Sentence:
    text: str
    order: tuple[int, int]  # paragraph, sentence
    keys: frozenset[str]
    score: float
    words: int
    needs: frozenset[str] = frozenset()  # full names the sentence calls by their short form only ("Wolters stelt")
    position: int = 0  # among all the passage's sentences, usable or not
    on_headline: bool = True  # shares a content word with the headline (`shares_content`)
    states_fact: bool = True  # a number, a name or a place
    background: bool = False  # tells of an earlier year (`looks_back`)
    scene: bool = False  # sets a scene instead of telling news (`sets_scene`)
    news: bool = False  # says when, how many or who says so (`tells_news`)


def renditions(candidates: Sequence[Candidate], new: Sequence[Fact], known_before: frozenset[str],
               told_before: frozenset[str] = frozenset()) -> tuple[Rendition, ...]:
    """The development told in each language of its passages, the majority language (of its articles) first.

    Each rendition's headline and summary come from one article: the passage with the most informative title in
    that language (ties: the earliest) whose text gives a summary; a passage without a usable sentence gives way to
    the next. `told_before`: the summary sentences of the story's earlier developments (`told_sentences`)."""
    languages: dict[int, str] = {}
    for candidate in candidates:
        languages.setdefault(candidate.article.id, candidate.passage.language)
    counts = Counter(languages.values())
    order = sorted(counts, key=lambda language: (-counts[language], list(languages.values()).index(language)))
    found = []
    for language in order:
        ranked = sorted((c for c in candidates if c.passage.language == language),
                        key=lambda c: -math.fsum(f.weight for f in c.title_facts))  # stable: ties keep arrival order
        told = [_told(c, new, known_before, told_before) for c in ranked]
        found.append(next((r for r in told if r.summary), told[0]))
    return tuple(found)


def _told(candidate: Candidate, new: Sequence[Fact], known_before: frozenset[str],
          told_before: frozenset[str] = frozenset()) -> Rendition:
    """Headline and summary from one passage."""
    language = candidate.passage.language
    title = standalone_headline(candidate, new)
    new_keys = {fact.key for fact in new}
    written = tuple(dict.fromkeys(f.label for f in candidate.facts if f.key in new_keys and is_substantive(f)))
    told = summary(candidate, title, new, known_before, told_before)
    if told and _BRIEFS.fullmatch(title):
        title, told = told[0].rstrip("."), ()
    return Rendition(language, title, told, candidate.passage.article_id, written[:MAX_NEW_WRITTEN])


def standalone_headline(candidate: Candidate, new: Sequence[Fact] = ()) -> str:
    """The passage's title without live-blog time or rubric; a short section heading is replaced by a sentence of the
    section's first paragraph: the first that states one of the development's `new` facts, else the first (or, when
    none is usable, the article's title with the heading). A section often opens on what the story told before ("Het
    water uit de Ourthe stroomt via de Maas richting Maastricht") and gives its news a sentence later ("Rijkswaterstaat
    heeft de verwachting verhoogd naar 2.800 kubieke meter"): the headline says what is new."""
    title = clean_headline(candidate.passage.title)
    if not candidate.is_section or _word_count(title) >= STANDALONE_WORDS:
        return title or clean_headline(candidate.article.title)
    opening = [s for _, s in _opening_sentences(candidate) if _word_count(s) <= MAX_HEADLINE_WORDS]
    if opening:
        return next((s for s in opening if _states(candidate, s, new)), opening[0]).rstrip(".")
    return f"{clean_headline(candidate.article.title)}: {title}" if title else clean_headline(candidate.article.title)


def _opening_sentences(candidate: Candidate) -> list[tuple[int, str]]:
    """The first few sentences of the passage's first paragraph that could stand in a summary (complete, prose, not
    leaning on another), each with its index in the paragraph."""
    language = candidate.passage.language
    found = []
    for paragraph in candidate.paragraphs[:1]:
        for position, raw in enumerate(split_sentences(paragraph, language)[:HEADLINE_REACH]):
            text = _UPDATE_PREFIX.sub("", _opening(raw, language) if position == 0 else without_dateline(raw.strip()))
            normal = " ".join(normalised_words(text))
            if (_acceptable(text, _word_count(text), normal, "") and not is_dangling(text, language)
                    and not is_fragment(text, language) and not (position and compares_back(text, language))):
                found.append((position, text))
    return found


def _headline_sentence(candidate: Candidate, title: str) -> tuple[int, int] | None:
    """Where in the passage the headline stands, when `standalone_headline` made it of a sentence of the section's
    first paragraph (paragraph, sentence); else None."""
    if not candidate.is_section or title == clean_headline(candidate.passage.title):
        return None
    return next(((0, index) for index, text in _opening_sentences(candidate) if text.rstrip(".") == title), None)


def _states(candidate: Candidate, sentence: str, new: Sequence[Fact]) -> bool:
    """Whether the sentence states one of the `new` facts."""
    return not _fact_keys(candidate, sentence).isdisjoint(key for fact in new for key in (fact.key, *fact.aliases))


def _fact_keys(candidate: Candidate, text: str) -> frozenset[str]:
    """The keys (and aliases) of the facts a text of the passage states, read with the passage's names and places."""
    passage = candidate.passage
    outlets = (passage.source, candidate.article.source)
    facts = hard_facts(text, passage.language, passage.names, passage.places, outlets)
    return frozenset(key for fact in facts for key in (fact.key, *fact.aliases))


def clean_headline(title: str) -> str:
    """A headline without a leading live-blog time or rubric ("15.05 Treinen rijden weer" → "Treinen rijden weer")
    and without a trailing kicker or byline that some outlets glue to it ("... verkiezingsdebat. VERKIEZINGEN",
    "... de afgrond. Jan de Vries"), nor the full stop of a title that is the text's first sentence ("Er komt
    alsnog een onderzoek naar ... 80 km per uur.")."""
    cleaned = title.strip()
    for _ in range(2):  # "Update: 15.05 ...", "15.05 LIVE: ..."
        cleaned = _RUBRIC.sub("", LIVE_TIME.sub("", cleaned))
    head, dot, tail = cleaned.rpartition(". ")
    abbreviated = _ABBREVIATION.fullmatch(head.rsplit(" ", 1)[-1])  # "St. Louis", "Dr. Jansen": no sentence ends
    if dot and not abbreviated and _word_count(head) >= 3 and _is_kicker(tail, head):
        cleaned = head
    last = cleaned.rsplit(" ", 1)[-1]
    if last.endswith(".") and "." not in last[:-1] and not _ABBREVIATION.fullmatch(last[:-1]):  # not "U.S.", "Co."
        cleaned = cleaned[:-1]
    if not cleaned:
        return title.strip()
    first = cleaned.split(maxsplit=1)[0]
    return cleaned if any(c.isupper() for c in first[1:]) else cleaned[:1].upper() + cleaned[1:]  # "iOS", "eBay"


_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,2}")


def _is_kicker(tail: str, head: str) -> bool:
    """A rubric in capitals ("VERKIEZINGEN OP CAMPAGNE"); after a headline in sentence case, a byline (at most four
    words, each a capitalised word or a name particle), a tag line in lower case ("bedreigen en beledigen
    politici") or a label of at most three words ("Een week later", "Eerste Kamer"); never with sentence
    punctuation. In a Title Case headline every word is capitalised, so there a byline or label cannot be told from
    the headline's own second sentence."""
    words = tail.split()
    if not words or len(words) > 5 or any(c in tail for c in ".!?:;,'\""):
        return False
    letters = [c for c in tail if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) >= 4 and len(words) <= 4:
        return True
    if not any(w.isalpha() and w.islower() and (len(w) >= 4 or w not in _TITLE_CASE_MINOR) for w in head.split()):
        return False  # Title Case (or too short to tell)
    if all(w.isalpha() and w.islower() for w in words):
        return True
    return words[0][:1].isupper() and (len(words) <= 3 or all(w[:1].isupper() or w in NAME_PARTICLES
                                                              for w in words[:4]) and len(words) <= 4)


_TITLE_CASE_MINOR = frozenset("a an the and but or nor for so yet on at to by of in up as via off per".split())
"""The short words an English Title Case headline leaves in lower case ("Man Found Dead in a Flooded Basement");
another short word in lower case ("op", "het") shows a headline in sentence case."""


_REFERRING = {
    "nl": ("de", "man vrouw jongen meisje kind tiener verdachte dader slachtoffer bestuurder automobilist fietser "
                 "persoon verdediger aanvaller middenvelder doelman spits"),
    "en": ("the", "man woman boy girl child teenager suspect victim driver person defender striker midfielder "
                  "goalkeeper"),
    "de": ("der die das", "mann frau junge mädchen kind verdächtige täter opfer fahrer"),
    "fr": ("le la l'", "homme femme garçon fille enfant suspect victime conducteur"),
    "es": ("el la", "hombre mujer chico chica niño niña sospechoso sospechosa víctima conductor"),
    "it": ("il la l' lo", "uomo donna ragazzo ragazza bambino sospettato vittima conducente"),
}
"""A definite article and a bare person noun ("De vrouw droeg ...", "The suspect was ...") point back to someone a
sentence before introduced ("Een 34-jarige man uit Deventer ..."): the summary would leave the reader asking who.
So does a party, club or company ("De partij heeft nu twee zetels ..." under a headline naming two parties), unless
a name follows ("De partij van Anke Dijkstra zakt ...")."""
_REFERRING_GROUPS = {
    "nl": re.compile(r"(?:de|het) (?:partij|club|ploeg|bedrijf|onderneming|organisatie|fabrikant)\b(?! (?:van|uit) )",
                     re.IGNORECASE),
    "en": re.compile(r"the (?:party|club|team|company|firm|organi[sz]ation|manufacturer)\b(?! (?:of|from) )",
                     re.IGNORECASE),
}
_RELATIVE_TIME = {
    "nl": re.compile(r"^(?:[\w-]+ ){0,2}(?:seconden|minuten|kwartier|uur|uren|dag|dagen|week|weken|maand|maanden|jaar"
                     r"|jaren|tijd) (?:later|eerder|daarna|daarvoor|nadien|ervoor)\b(?! dan\b)|^eerder\s?,",
                     re.IGNORECASE),
    "en": re.compile(r"^(?:[\w-]+ ){0,2}(?:seconds|minutes|hours?|days?|weeks?|months?|years?|moments?) "
                     r"(?:later|earlier|afterwards|before)\b(?! than\b)|^(?:earlier|previously)\s?,", re.IGNORECASE),
}
"""A time counted from something the text told before ("Drie dagen later pakte de politie de man op ...", "Hours
later, ...", "Earlier, the company said ..."): later than what? ("Earlier this week" says when.)"""
_PARTITIVE = {
    language: re.compile(rf"^\W*(?:[\w'’-]+ ){{0,2}}(?:{words})\b", re.IGNORECASE)
    for language, words in (
        ("nl", "van (?:hen|hun|hem|haar|beiden|beide|die|deze|wie)"), ("en", "of (?:them|those|these|whom|both)"),
        ("de", "von (?:ihnen|denen|beiden)"), ("fr", "d'(?:entre )?(?:eux|elles)"), ("es", "de (?:ellos|ellas)"),
        ("it", "di (?:loro|questi|quelli)"),
    )
}
"""Some of a group told before ("Een van hen is ...", "Twee van hun kinderen ...", "Most of them were ...",
"Geen van beiden ..."): of whom?"""
_ANSWERS = frozenset("nee ja jawel no yes nein doch non oui sí si".split())
"""A sentence opening with "Nee," or "Yes," answers something said before it."""
_REFERRING_PAIRS = {
    language: frozenset(f"{a} {noun}".replace("' ", "'") for a in articles.split() for noun in nouns.split())
    for language, (articles, nouns) in _REFERRING.items()
}


_FAR_AFTER = {
    "nl": "van over met voor bij door om tegen na op in uit tot sinds tijdens ondanks vanwege wegens zonder onder",
    "en": "of about with for by from on in after to until since during despite at before under without",
}
"""Prepositions after which "die"/"dat" or "that"/"those" is a far demonstrative ("tijdens die 1-4", "after that
vote"), not a relative pronoun or conjunction."""
_POINTING = {
    "nl": (r"\b(?:[Dd]it|[Dd]eze|(?P<far>(?i:" + "|".join(_FAR_AFTER["nl"].split()) + r") (?:die|dat)|^(?:Die|Dat))"
           r"|(?:zei|zegt|noemde|noemt|vond|vindt|begreep|begrijpt|deelde|deelt|steunde|steunt|kende|kent) die)",
           "week maand jaar keer zomer winter lente herfst eeuw ochtend middag avond nacht dag dagen weken maanden "
           "jaren periode seizoen tijd moment weekend weekeinde manier wijze"),
    "en": (r"\b(?:[Tt]his|[Tt]hese|(?P<far>(?i:" + "|".join(_FAR_AFTER["en"].split()) + r") (?:that|those)"
           r"|^(?:That|Those)))",
           "week month year time morning afternoon evening night day days summer winter spring autumn season "
           "weekend century way"),
    "de": (r"\b(?:[Dd]ies(?:er|e|es|en|em))", "woche monat jahr mal sommer winter morgen abend nacht zeit saison"),
}
"""A demonstrative with a noun ("Doel van dit verhoor", "zei die klacht te begrijpen", "this decision") points at
something a sentence before told; a near one with a time ("deze week", "deze kabinetsperiode", "this year") means
now, a far one ("tot dat weekend", "op dat moment", "Die avond", "on that day") the time of something told before.
A Dutch "die" right after a verb of saying or judging is a demonstrative ("zei die klacht"), after a noun a relative
pronoun; a sentence may open on one ("Die avond ...": a relative clause cannot)."""
_POINTING_RE = {
    language: (re.compile(rf"{pattern}\s+(?P<noun>[a-zà-ÿ][\w-]*)"), frozenset(times.split()))
    for language, (pattern, times) in _POINTING.items()
}


def points_back(sentence: str, language: str) -> bool:
    """Whether a demonstrative and a noun in the sentence point at what a sentence before it told (`_POINTING`)."""
    found = _POINTING_RE.get(language)
    return found is not None and any(m.groupdict().get("far") or not m["noun"].endswith(tuple(found[1]))
                                     for m in found[0].finditer(sentence.strip()))


_COMPARISONS = {
    "nl": (re.compile(r"\been ([a-zà-ÿ]+(?:er|ere)) [a-zà-ÿ]"), re.compile(r"\bdan\b")),
    "en": (re.compile(r"\ban? ([a-z]+er) [a-z]"), re.compile(r"\bthan\b")),
}
_NOT_COMPARING = frozenset("laat vroeg oud jong late early old young".split())
"""Lemmas whose comparative names a time or an age ("een latere datum", "een oudere vrouw"), not a comparison."""


def looks_back(sentence: str, language: str, year: int) -> bool:
    """Whether the sentence tells of an earlier year than `year` (the article's) or of years ago (`_LOOKS_BACK`);
    "sinds 1995" compares with the past and is news, "in 2019" of a 2019 article is this year's."""
    pattern = _LOOKS_BACK.get(language)
    return pattern is not None and any(
        match.group("year") is None or int(match.group("year")) < year for match in pattern.finditer(sentence))


def compares_back(sentence: str, language: str) -> bool:
    """Whether an indefinite comparative before a noun has no "than" after it: "Duitsland, Zweden en Oostenrijk
    willen een kleiner fonds." (smaller than which?), "They want a smaller fund." A comparative is a word in -er(e)
    whose lemma is another word that does not itself end so ("kleiner": klein; not "andere": ander, nor "eerdere");
    a later time or an older person is no comparison with something told. After the text's first sentence, such a
    sentence compares with what a sentence before it told; a lede's "een grotere kans op psychoses" says "more
    likely"."""
    found = _COMPARISONS.get(language)
    if found is None:
        return False
    pattern, than = found
    for match in pattern.finditer(sentence):
        word = match.group(1)
        base = lemma(word, language)
        compared = base != word and not base.endswith("er") and base not in _NOT_COMPARING
        if compared and not than.search(sentence, match.end()):
            return True
    return False


def is_dangling(sentence: str, language: str) -> bool:
    """Whether the sentence opens with a word that leans on a sentence before it (see `_DANGLING`, `_REFERRING`),
    or points back at what one told (`points_back`)."""
    words = [w.casefold() for w in _WORD_RE.findall(sentence)[:2]]
    if not words:
        return False
    if points_back(sentence, language):
        return True
    group, relative = _REFERRING_GROUPS.get(language), _RELATIVE_TIME.get(language)
    partitive = _PARTITIVE.get(language)
    if (_inverted_pronoun(sentence, language) or _pronoun_after_opening(sentence, language)
            or _then(sentence, language)
            or group is not None and group.match(sentence) is not None
            or relative is not None and relative.match(sentence) is not None
            or partitive is not None and partitive.match(sentence) is not None):
        return True
    stops = _DANGLING_WORDS.get(language, _DANGLING_WORDS["en"])
    pair, referring = " ".join(words), _REFERRING_PAIRS.get(language, frozenset())
    if words[0] in _ANSWERS and re.match(r"\W*\w+\s*,", sentence):  # "Nee, de wethouder is het er niet mee eens"
        return True
    if (pair in referring or words[0] in referring) and _introduced(sentence, language):
        return False
    return words[0] in stops or pair in _DANGLING_PAIRS or pair in referring or words[0] in referring  # l'homme


_RELATIVE = {"nl": "die dat wiens", "en": "who whom whose that", "de": "der die das dessen", "fr": "qui que dont",
             "es": "que quien", "it": "che cui"}
"""The relative pronouns that open a clause saying which person a definite noun means ("De vrouw die de wethouder
bedreigde, ...", "The man who set the fire ...")."""
_RELATIVE_WORDS = {language: frozenset(words.split()) for language, words in _RELATIVE.items()}


def _introduced(sentence: str, language: str) -> bool:
    """Whether a sentence opening on a definite person noun says in a relative clause right after it who that is."""
    words = [w.casefold() for w in _WORD_RE.findall(sentence)[:4]]
    after = words[1:] if "'" in words[0] else words[2:]  # "l'homme qui", "de vrouw die"
    return bool(after) and after[0] in _RELATIVE_WORDS.get(language, frozenset())


_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_INVERTED_SUBJECTS = frozenset("hij zij ze".split())


def _inverted_pronoun(sentence: str, language: str) -> bool:
    """Whether a Dutch sentence's subject is a personal pronoun after its verb, in the place a main clause puts it when
    something else opens it ("Vandaag nemen ze de leiding over", "Volgens justitie is hij ..."): it points back at
    someone a sentence before named, just as "Hij ..." does; so does a bare person noun there ("Normaal gesproken staat
    de verdediger in de basis", `_REFERRING`)."""
    if language != "nl":
        return False
    words = [w.casefold() for w in _WORD_RE.findall(sentence.split(",", 1)[0])[:6]]
    return any((word in _INVERTED_SUBJECTS or " ".join(words[i:i + 2]) in _REFERRING_PAIRS["nl"]
                and words[i + 2:i + 3] != ["die"])  # "Gisteren werd de man die ... bedreigde veroordeeld"
               and 2 <= i <= 4 and may_be_verb(words[i - 1]) for i, word in enumerate(words))


_SUBJECTS_AFTER_COMMA = {"en": frozenset("he she they".split()), "fr": frozenset("elle ils elles".split())}
"""The personal pronouns that, right after an opening phrase and its comma, are the sentence's subject; not "it" and
"il", which are as often no one ("On Tuesday, it was announced ...", "Mardi, il a fallu ...")."""
_OPENING_WORDS = 8  # an opening phrase ("In the best case", a quote) longer than this is a clause of its own


def _pronoun_after_opening(sentence: str, language: str) -> bool:
    """Whether the sentence's subject is a personal pronoun right after an opening phrase or quote and its comma
    ("In the best case, they could finish ...", "'We will fight this,' she said."): it points back at someone a
    sentence before named, as "They could ..." does."""
    pronouns = _SUBJECTS_AFTER_COMMA.get(language)
    opening, comma, rest = sentence.partition(",")
    if pronouns is None or not comma or len(_WORD_RE.findall(opening)) > _OPENING_WORDS:
        return False
    subject = _WORD_RE.match(rest.lstrip(" '\"’”»"))
    return subject is not None and subject.group(0).casefold() in pronouns


_THEN_EN = re.compile(r"^\W*(?:\S+\s){1,3}then\b(?!-)", re.IGNORECASE)


def _then(sentence: str, language: str) -> bool:
    """Whether the sentence's main clause is set "then", at a time a sentence before told: a Dutch "toen" right
    after the verb ("Jansen eiste toen ...", not the conjunction in "Het ging mis toen de dijk brak"), an English
    "then" among its first words ("Jansen then demanded ...", not "the then-president")."""
    if language == "en":
        return _THEN_EN.match(sentence) is not None
    if language != "nl":
        return False
    words = [w.casefold() for w in _WORD_RE.findall(sentence.split(",", 1)[0])[:4]]
    return any(word == "toen" and 1 <= i <= 3 and is_finite_or_past(words[i - 1]) for i, word in enumerate(words))


_FIRST_PERSON = {
    "nl": frozenset({"ik", "wij", "we"}), "en": frozenset({"i", "we"}), "de": frozenset({"ich", "wir"}),
    "fr": frozenset({"je", "j'ai", "nous"}), "es": frozenset({"yo", "nosotros"}), "it": frozenset({"io", "noi"}),
}
"""First-person subjects: a report never says "ik", so a sentence opening on one is someone's speech that lost its
quote marks ("Ik heb de burgemeester vorig jaar nog gesproken ..."), which a summary cannot use without its speaker."""


_SALUTATION = re.compile(r"^\W*(?:dear|beste|geachte|lieve|liebe|lieber|sehr geehrte|cher|chère|querido|querida|"
                         r"estimado|estimada|caro|cara|gentile)\s+\w", re.IGNORECASE)
"""A letter's or a comment's salutation ("Dear Mayor Smith and all you clever planners out there -- ..."): someone
addresses someone, no report tells."""


def speaks(sentence: str, language: str) -> bool:
    """Whether the sentence opens in the first person (see `_FIRST_PERSON`) or addresses someone (`_SALUTATION`)."""
    words = _WORD_RE.findall(sentence)[:1]
    return bool(words) and (words[0].casefold() in _FIRST_PERSON.get(language, _FIRST_PERSON["en"])
                            or _SALUTATION.match(sentence) is not None)


_PRONOUN_SPEAKERS = {
    "nl": re.compile(r",(?:''|[\"”’'])?\s*(?:zegt|zei|zeggen|zeiden|meldt|meldde|melden|meldden|vertelt|vertelde|stelt|"
                     r"stelde|schrijft|schreef|verklaart|verklaarde|benadrukt|benadrukte|laat|liet|voegt|voegde|vindt|"
                     r"vond|denkt|dacht)\s+(?:hij|zij|ze)\b", re.IGNORECASE),
    "en": re.compile(r",(?:''|[\"”’'])?\s*(?:he|she|they)\s+(?:said|says|added|adds|told|tells|explained|explains|"
                     r"wrote|writes|noted|notes|insisted|insists)\b|\b(?:said|says|added)\s+(?:he|she)\s*[.,]",
                     re.IGNORECASE),
}
"""Someone's words or report attributed to a pronoun ("..., meldt ze niet.", "..., zegt hij.", "Speaking in New York,
he said ...", "..., she said ."): who says so was named in a sentence before, which the summary leaves out."""


def unnamed_speaker(sentence: str, language: str) -> bool:
    """Whether the sentence gives its words to a pronoun rather than a speaker (see `_PRONOUN_SPEAKERS`)."""
    found = _PRONOUN_SPEAKERS.get(language)
    return found is not None and found.search(sentence) is not None


_QUOTES = {",,": (), "``": (), '"': (), "“": (), "„": ("“",), "«": ("»",), "»": ("«",)}
_CLOSING = ("''", "”", '"')
"""The opening quotation marks, each with the marks besides `_CLOSING` that close it: Dutch ,,...'' and „...”,
English “...”, German „...“ and »...«, French «...», straight quotes, PTB's ``...''; writers mix them (",,...\"",
"\"...''")."""
_QUOTE_MARK = re.compile(r",,|``|''|[„“”«»\"]")


def unattributed_quotes(sentences: Sequence[str]) -> list[bool]:
    """For each of a paragraph's sentences, whether it is speech without its speaker: it starts inside a quotation
    a sentence before it opened (",,De kades houden het'', zegt de dijkgraaf. ,,Het water zakt al. Venlo is de
    best ..."), or opens on a quotation it does not close."""
    found = []
    closing: tuple[str, ...] = ()
    for sentence in sentences:
        inside = bool(closing)
        marks = _QUOTE_MARK.findall(sentence)
        for mark in marks:
            if closing:
                closing = () if mark in closing else closing
            else:
                closing = (*_CLOSING, *_QUOTES[mark]) if mark in _QUOTES else ()
        opens = bool(marks) and marks[0] in _QUOTES and sentence.lstrip().startswith(marks[0])
        found.append(inside or opens and bool(closing))
    return found


def summary(candidate: Candidate, title: str, new: Sequence[Fact], known_before: frozenset[str],
            told_before: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """One or two sentences of the passage (see the module docstring): from its lede on, unless the lede only
    retells what the story said before while other sentences state what is new; none of `told_before`."""
    language = candidate.passage.language
    new_keys = _led_new(candidate, title, new)
    centroid = Counter(stems("\n".join((candidate.passage.title, *candidate.paragraphs)), language))
    heading = set(stems(title, language))
    sentences = _sentences(candidate, title, language, new_keys, known_before, centroid, heading, told_before,
                           update=bool(new))
    told_at = _headline_sentence(candidate, title)
    if told_at is not None:  # a sentence before the one the headline is tells the section's other news, unless on it
        sentences = [s for s in sentences if s.order > told_at or s.on_headline]
    openers = [s for s in sentences if not s.needs]
    if not openers:
        return ()
    first = max(openers, key=lambda s: (s.score, _negated(s.order)))
    scene = first  # a scene-setting lede gives way, and no sentence before the one that tells the headline comes in
    if not first.on_headline and not first.states_fact and not _QUOTE_OPEN.match(title):
        nearer = [s for s in openers if s.on_headline and s.position < HEADLINE_REACH and not _QUOTE_OPEN.match(s.text)]
        first = max(nearer, key=lambda s: (s.score, _negated(s.order)), default=first)
    elif first.scene:  # the first sentence after it that tells news
        first = next((s for s in openers if s.news and not s.scene and scene.order < s.order
                      and s.position < HEADLINE_REACH and not _QUOTE_OPEN.match(s.text)), first)
    missing = (new_keys - first.keys) if new_keys else frozenset()
    second: _Sentence | None = None
    for sentence in sorted(sentences, key=lambda s: (-s.score, s.order)):
        if sentence is first or sentence.background or sentence.words + first.words > MAX_TOTAL_WORDS:
            continue
        if first is not scene and (sentence.order < first.order or sentence is scene):
            continue
        if not all(name in first.text for name in sentence.needs) or (sentence.needs and sentence.order < first.order):
            continue
        adds = sentence.keys & missing if new_keys else sentence.keys - first.keys
        if adds and (new_keys or (first.words < 20 and sentence.order[0] == first.order[0])):
            second = sentence
            break
    picked = [first] if second is None else sorted((first, second), key=lambda s: s.order)
    return tuple(s.text for s in picked)


def _led_new(candidate: Candidate, title: str, new: Sequence[Fact]) -> frozenset[str]:
    """The keys of the development's new facts that the passage's headline or lede states: what its article leads
    with is what it reports as new. A new fact only further down is a detail of the telling (the street a march took,
    a speaker in the crowd), not what a summary of the update should open on."""
    if not new:
        return frozenset()
    led = _fact_keys(candidate, "\n".join((title, lede(candidate.paragraphs, candidate.passage.language))))
    return frozenset(key for fact in new if fact.key in led or led.intersection(fact.aliases)
                     for key in (fact.key, *fact.aliases))


def _negated(order: tuple[int, int]) -> tuple[int, ...]:
    return tuple(-i for i in order)


def _sentences(
    candidate: Candidate,
    title: str,
    language: str,
    new_keys: frozenset[str],
    known_before: frozenset[str],
    centroid: Counter[str],
    heading: set[str],
    told_before: frozenset[str],
    *,
    update: bool = False,
) -> list[_Sentence]:
    """The passage's usable sentences (complete, prose, not dangling, not the headline again, not told before),
    scored; in an `update`, a sentence loses for the facts the story had told."""
    headline_words = " ".join(normalised_words(title))
    short_forms = {short: fulls for short, fulls in _short_forms(candidate.passage.names).items()
                   if not any(full in title for full in fulls) and not _named_in(title, short)}
    title_words = content_words(title, language)
    found: list[_Sentence] = []
    seen = {told.replace(" ", "") for told in told_before}
    told_words = [frozenset(told.split()) for told in told_before]
    outlets = (candidate.passage.source, candidate.article.source)
    position = -1
    for p_index, paragraph in enumerate(candidate.paragraphs):
        split = split_sentences(paragraph, candidate.passage.language)
        teaser = (p_index == 0 and bool(split) and split[0].rstrip(" '\"’”").endswith("?")
                  and headline_words not in " ".join(normalised_words(split[0])))  # not the title as first sentence
        usable = 0  # after a teaser question, the lede is the first usable sentence
        for s_index, (raw, quoted) in enumerate(zip(split, unattributed_quotes(split), strict=True)):
            position += 1
            plain = _opening(raw, language) if position == 0 else without_dateline(raw.strip())
            text = _after_subheading(_UPDATE_PREFIX.sub("", plain), language, candidate.passage.names)
            normal = " ".join(normalised_words(text))
            words = _word_count(text)
            least = LEDE_MIN_WORDS if position == 0 else MIN_WORDS
            said = _said(text)
            if (said in seen or quoted or not _acceptable(text, words, normal, headline_words, least)
                    or is_dangling(text, language) or position > 0 and compares_back(text, language)
                    or speaks(text, language) or unnamed_speaker(text, language)
                    or glued_heading(text, language, candidate.passage.names) or is_fragment(text, language)):
                continue
            seen.add(said)
            facts = hard_facts(text, language, candidate.passage.names, candidate.passage.places, outlets)
            if _retold(normal, told_words) and all(f.known_in(known_before) for f in facts):
                continue  # another outlet's wording of a sentence the story told, with no fact of its own
            keys = frozenset(key for f in facts for key in (f.key, *f.aliases))
            new_hits = len({f.key for f in facts if f.key in new_keys or set(f.aliases) & new_keys})
            old = sum(1 for f in facts if f.known_in(known_before))
            sentence_stems = stems(text, language)
            background = looks_back(text, language, candidate.article.published_at.year)
            shared = len(heading & set(sentence_stems))
            told = shared / len(heading) if heading else 0.0  # a sentence telling the headline retells no old news
            score = (
                1.5 * min(new_hits, 2)
                + 2.0 * _cosine(Counter(sentence_stems), centroid)
                + told
                + _lead_bonus(p_index, usable if teaser else s_index)
                - (old / len(facts) * (1.0 - told) if facts and update else 0.0)
                - (1.0 if _QUOTE_OPEN.match(text) else 0.0)
                - (2.0 if background else 0.0)
            )
            needs = frozenset(fulls[0] for short, fulls in short_forms.items()
                              if _opens_on(text, short) and not any(full in text for full in fulls))
            usable += 1
            found.append(_Sentence(text, (p_index, s_index), keys, score, words, needs, position,
                                   shares_content(title_words, content_words(text, language)),
                                   bool(facts), background, sets_scene(text, language), tells_news(text, language)))
    return found


def _opening(sentence: str, language: str) -> str:
    """A passage's first sentence without what stands before its news: a dateline, a time stamp, a photo credit, a
    kicker."""
    return without_kicker(without_dateline(sentence.strip()), language)


def _after_subheading(sentence: str, language: str, names: Sequence[str]) -> str:
    """The sentence without a subheading glued before it (`after_glued_heading`), when what is cut off reads as a
    heading: no quotation marks or sentence end in it, and no function word opening it ("Met het project Havendijk
    is ..." is one sentence); else the sentence as it is (which `glued_heading` then leaves out)."""
    after = after_glued_heading(sentence, language, names)
    heading = sentence[: len(sentence) - len(after)].strip()
    if (not heading or _QUOTE_MARK.search(heading) or "'" in heading or re.search(r"[.!?]\s", heading)
            or heading.split()[0].casefold() in stop_words(language)):
        return sentence
    return after


HEADLINE_REACH = 4
"""A lede that neither shares a content word with the headline nor states a fact (a number, name or place) sets a scene
("Na opnieuw een slapeloze nacht aan het water staat een ding vast: de afloop is volkomen onzeker."); a sentence
among the text's first this many that does share one opens the summary instead, and no sentence before it follows.
Not under a quoted headline, whose words are someone's rather than the news's. A lede that pictures a scene
(`sets_scene`) gives way alike, to the first sentence after it among these that tells news (`tells_news`)."""
_SCENE_OPENINGS = {
    "nl": r"Het (?:moet|moest|leek|lijkt|kost|kostte)\b",
    "fr": r"Ce (?:doit|devait) être\b",
    "es": r"(?:Parecía|Parece|Debe de ser|Debió de ser)\b",
    "it": r"(?:Sembrava|Sembra|Dev['’]essere|Doveva essere)\b",
}
"""An empty "it" opening a sentence that supposes instead of telling ("Het moet een schok zijn geweest voor de bewoners
...", "Het kostte een hele nacht, maar de kade houdt"); an English, German or French one ("It must have been ...",
"Es muss ...", "Il semblait ...") already leans on the sentence before (`_DANGLING`)."""
_GENERIC_YOU = {"nl": "je jij jou jouw jezelf", "en": "you your yourself", "de": "du dich dir dein deine",
                "fr": "tu toi ton ta tes", "es": "tú tus", "it": "tu tuo tua tuoi tue"}
"""A "you" outside quotation marks is any reader ("Vanaf de kade kijk je zo op het schip"): a report tells of
someone."""
_MOODS = {
    "nl": "glimlach glimlacht glimlachend tranen sfeer optimisme euforie jubelstemming feeststemming",
    "en": "smile smiles smiled smiling grin grins grinned tears mood atmosphere euphoria",
    "de": "lächeln lächelt lächelnd tränen stimmung euphorie",
    "fr": "sourire sourit souriant larmes ambiance euphorie",
    "es": "sonrisa sonríe sonriente lágrimas ambiente euforia",
    "it": "sorriso sorride sorridente lacrime atmosfera euforia",
}
"""A look or a mood ("Er verschijnt een brede glimlach op het gezicht van de dijkgraaf", "Euforie in het dorp"): a
scene."""
_SCENE_WORDS = {language: frozenset((*_GENERIC_YOU[language].split(), *_MOODS[language].split()))
                for language in _MOODS}
_COUNTS = {
    "nl": "twee drie vier vijf zes zeven acht negen tien tientallen honderden duizenden",
    "en": "two three four five six seven eight nine ten dozens hundreds thousands",
    "de": "zwei drei vier fünf sechs sieben acht neun zehn dutzende hunderte tausende",
    "fr": "deux trois quatre cinq six sept huit neuf dix dizaines centaines milliers",
    "es": "dos tres cuatro cinco seis siete ocho nueve diez decenas cientos miles",
    "it": "due tre quattro cinque sei sette otto nove dieci decine centinaia migliaia",
}
"""Counts in words ("van vier naar acht zetels", "dozens of homes"); a count in digits is any number."""
_COUNT_WORDS = {language: frozenset(words.split()) for language, words in _COUNTS.items()}
_CLAUSE_END = re.compile(r"[,;:]\s")
_ASIDE = re.compile(r"\([^()]*\)")
_QUOTED = re.compile(r",,.*?(?:''|\"|”)|``.*?''|[\"“„«].*?[\"”“»]|(?<!\w)['‘][^'‘’]*['’](?!\w)")


def sets_scene(sentence: str, language: str) -> bool:
    """Whether the sentence sets a scene rather than tells news: it opens on an empty "it" (`_SCENE_OPENINGS`),
    speaks to a generic "you" or pictures a look or a mood in its first clause (`_SCENE_WORDS`, outside quotation
    marks), and says no day, count or source (`tells_news`)."""
    if language not in _SCENE_WORDS or tells_news(sentence, language):
        return False
    opening = _SCENE_OPENINGS.get(language)
    if opening is not None and re.match(opening, sentence):
        return True
    clause = _CLAUSE_END.split(_QUOTED.sub(" ", sentence), maxsplit=1)[0]
    words = {w.casefold() for i, w in enumerate(_WORD_RE.findall(clause)) if not i or w.islower()}  # not "Mood"
    return not words.isdisjoint(_SCENE_WORDS[language])


def tells_news(sentence: str, language: str) -> bool:
    """Whether the sentence says when (a day: "gisteren", "on Monday", "20 maart"), how many (a number, "acht
    zetels") or who says so ("zegt", "according to"): what a news sentence states and a scene does not."""
    sentence = _ASIDE.sub("", sentence)  # an age, "Anna (16)", counts nothing
    if _DIGITS.search(sentence) or DATED.search(sentence):
        return True
    sourced = SOURCED.get(language)
    if sourced is not None and sourced.search(sentence):
        return True
    return not _COUNT_WORDS.get(language, frozenset()).isdisjoint(w.casefold() for w in _WORD_RE.findall(sentence))


_SHORTEST_PART = 4
"""A content word shorter than this ties a sentence to a headline only when it is the same word ("wc", "ING"), not as
the start or end of a longer one."""
_DIGITS = re.compile(r"\w*\d[\w-]*")


def content_words(text: str, language: str) -> frozenset[str]:
    """The text's content words, stemmed, and its words with digits ("10", "D66", "60-jarig")."""
    return frozenset((*stems(text, language), *(w.casefold() for w in _DIGITS.findall(text))))


def shares_content(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two texts' `content_words` share one: the same word, or one of `_SHORTEST_PART` letters or more that
    starts or ends the other ("griek", "grieks"; "verlies", "zetelverlies")."""
    return bool(a & b) or any(
        len(x) >= _SHORTEST_PART and (y.startswith(x) or y.endswith(x))
        or len(y) >= _SHORTEST_PART and (x.startswith(y) or x.endswith(y)) for x in a for y in b)


def _named_in(title: str, name: str) -> bool:
    """Whether the headline calls someone by the short name too ("Jorritsma maakte ..."): then the summary may."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", title) is not None


def _short_forms(names: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The names the text also uses short ("Wolters"), each with its full forms ("Karel Wolters")."""
    known = set(names)
    forms: dict[str, tuple[str, ...]] = {}
    for name in names:
        first, _, rest = name.partition(" ")
        if rest and first[:1].isupper():
            for short in {rest, rest[:1].upper() + rest[1:]}:  # "van den Berg" opens a sentence as "Van den Berg"
                if short in known and short != name:
                    forms[short] = (*forms.get(short, ()), name)
    return forms


def _opens_on(text: str, name: str) -> bool:
    """Whether the sentence opens on the name as its subject ("Wolters stelt ...", not "Rutte III ...")."""
    return re.match(rf"['\"‘“„«]?{re.escape(name)}(?![\w-])(?! [IVX]+\b)", text) is not None


def _acceptable(text: str, words: int, normal: str, headline_words: str, least: int = MIN_WORDS) -> bool:
    """A complete sentence of a sensible length (`least` words or more) that is no boilerplate and no mere repeat of
    the headline (nor the headline's words again, short of one or two: "Failed Bitcoin exchange files for ..." over
    "Bitcoin exchange files for ...")."""
    if not least <= words <= MAX_WORDS or not _COMPLETE.search(text) or not _OPENS.match(text):
        return False
    if is_boilerplate(text) or not _is_prose(text):
        return False
    return not (headline_words and (headline_words in normal and len(headline_words) >= 0.6 * len(normal)
                                    or normal in headline_words and len(normal) >= 0.6 * len(headline_words)))


def _word_count(text: str) -> int:
    """Words, not tokens: spaced punctuation ("Cairo , Egypt .") does not count."""
    return sum(1 for token in text.split() if _WORD_TOKEN.search(token))


def _is_prose(text: str) -> bool:
    """Running text, in any language written in a cased script: no speaker label or rubric in capitals at its start,
    no page furniture, not mostly capitals, a run of lower-case words (where the verbs are), brackets and quotes
    closed ("(" and ")", PTB's "-LRB-" and "-RRB-", "``" and "''")."""
    if _SPEAKER.match(text) or has_page_residue(text):
        return False
    tokens = [token for token in text.split() if _WORD_TOKEN.search(token) and not token.startswith("-")]
    cased = [token for token in tokens if token.upper() != token.lower()]
    if not cased:
        return False
    capitals = [token.isupper() and sum(c.isalpha() for c in token) >= 2 for token in cased]
    if sum(capitals) > MAX_CAPITALS_SHARE * len(cased) or _longest_run(capitals) >= 3:
        return False
    lower = [token[0].islower() for token in cased]
    if _longest_run(lower) < 2 or sum(lower) < 0.25 * len(cased):
        return False
    return all(text.count(opening) == text.count(closing) for opening, closing in _BRACKETS)


def _longest_run(flags: Sequence[bool]) -> int:
    longest = current = 0
    for flag in flags:
        current = current + 1 if flag else 0
        longest = max(longest, current)
    return longest


def _lead_bonus(paragraph: int, sentence: int) -> float:
    """Leads are written to summarise: the lede (the first usable sentence) is where a summary starts."""
    if paragraph == 0:
        return 3.0 if sentence == 0 else 0.6 if sentence == 1 else 0.0
    return 0.3 if paragraph == 1 and sentence == 0 else 0.0


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = math.fsum(count * b[key] for key, count in sorted(a.items()))
    norm = math.sqrt(math.fsum(v * v for v in a.values())) * math.sqrt(math.fsum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def told_sentences(told: Sequence[Rendition]) -> frozenset[str]:
    """The summary sentences of a development's renditions, as `renditions` compares them (`told_before`): their
    words without case, accents or punctuation, spaced."""
    return frozenset(" ".join(normalised_words(sentence)) for rendition in told for sentence in rendition.summary)


RETOLD_SHARE = 0.8
"""The share of a sentence's words a told sentence holds from which the sentence retells it, when it states no fact
the story had not told ("Tijdens de demonstratie heeft een betoger zaterdag ... geuit" after another paper's "Tijdens
een demonstratie in Amsterdam heeft een betoger zaterdag ... geuit")."""
_RETOLD_LEAST_WORDS = 6


def _retold(normal: str, told_words: Sequence[frozenset[str]]) -> bool:
    """Whether a sentence (its normalised words, spaced) is mostly the words of a told sentence (`RETOLD_SHARE`)."""
    mine = set(normal.split())
    return len(mine) >= _RETOLD_LEAST_WORDS and any(len(mine & told) >= RETOLD_SHARE * len(mine) for told in told_words)


def _said(sentence: str) -> str:
    """What a sentence says, to tell it again when another outlet's copy writes it alike: its words without case,
    accents, punctuation or spaces ("luchtkastelen" and "lucht-kastelen" are one)."""
    return "".join(normalised_words(sentence))
