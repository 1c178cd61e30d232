"""The defined-topic query language, and matching a query against stories.

Grammar (operators in capitals only; `of`, `en`, `niet` are ordinary Dutch words)::

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*        adjacent terms are ANDed
    unary   := "NOT" unary | primary
    primary := WORD | '"' words '"' | "(" or ")"

so NOT binds tighter than AND, and AND tighter than OR: `staking AND (Rotterdam OR Antwerpen) NOT voetbal` reads
`staking AND (Rotterdam OR Antwerpen) AND NOT voetbal`. Quotes may be straight or curly (“ ” „). A lower-case
`or`/`and`/`not` outside quotes is refused with a hint, because it almost always meant the operator; quote it to
search for the word. A query made only of exclusions (`NOT voetbal`) is refused: it would follow everything.

Matching is case- and accent-insensitive (`oekraine` finds Oekraïne). A word matches a story when, after folding,

- it is a word of the story's titles, passed texts, names or place names (so `Zelensky` finds "Volodymyr
  Zelensky"), or that word plus a plural ending (-s, -en, -es; for words of four letters or more), or
- it is the lemma of a word of the story in the story's language (`staking` finds "stakingen", `strike` finds
  "strikes"), or, written inflected, its lemma is such a word (`stakingen` finds "staking"). Only a word in lower
  case is lemmatised, and only when it is not already a base form in Dutch or English: `staking` does not find
  the English "stake", and a capitalised word is taken as a name, so `Schoof` does not find "schuift" nor
  `Wilders` "wild". Words of the story's names are not lemmatised either.
- it is a spelling of a place in the gazetteer and the story names that place in any spelling (`Kiev` finds a
  story about "Kyiv", `Oekraïne` one about "Ukraine"). A country does not stand for its cities. A word in lower
  case that is also an ordinary Dutch or English word names no place: `landen` is the word, not a spelling of
  London (`Landen`, capitalised, is taken as the place).

A phrase (or a word that folds to several, like `covid-19`) matches consecutive words of one title, text or name,
each by the same rules; a phrase that names a place (`"Den Haag"`) also matches the place.

A capitalised query word, or one that names a place, does not count where the texts have it only inside a longer
name (`name_parts`): `Oranje` does not find "Van Oranje" or "Fort Oranje", nor `Washington` "Denzel Washington";
`Zelensky` still finds "Volodymyr Zelensky", and `"Fort Oranje"` the fortress.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from volg.errors import InputError
from volg.folding import fold
from volg.models import Place, Story
from volg.pipeline.clean.gazetteer import Entry, gazetteer
from volg.pipeline.clean.places import find_places, is_common, is_known, lemma, tokenize
from volg.pipeline.cluster.name_parts import TOWN, part_of_name

__all__ = [
    "And",
    "Node",
    "Not",
    "Or",
    "Query",
    "Term",
    "TopicDocument",
    "document_of",
    "fold",
    "named_place",
    "parse_query",
    "search_terms",
    "text_document",
    "words_of",
]

_WORD = re.compile(r"[^\W_]+")
_QUOTES = '"“”„'
_OPERATORS = ("AND", "OR", "NOT")
_PLURALS = ("s", "en", "es")  # endings tried for words the lemmatiser leaves alone
_MIN_PLURAL_STEM = 4  # shorter words take no ending: "man" must not find "manen"
_BASE_LANGUAGES = ("nl", "en")  # a query word that is a base form in one of these is taken as written

PlaceKey = tuple[str, str]  # (folded canonical name, country code)


_folded = lru_cache(maxsize=65536)(fold)
"""`fold`, remembered for the words of the stories matched."""


def words_of(text: str) -> list[str]:
    """Lower-case words with their accents (the lemmatiser needs them)."""
    return [word.casefold() for word in _written(text)]


def _written(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text))


_LEMMA = ":"
"""Joins a language and a lemma in a key ("nl:staking"); a folded word has no colon."""


@lru_cache(maxsize=65536)
def _document_keys(word: str, languages: tuple[str, ...]) -> frozenset[str]:
    """What a (lower-case) word of a story offers: its folded form, and its lemma tagged with each language."""
    return frozenset((fold(word), *(f"{lang}{_LEMMA}{fold(lemma(word, lang))}" for lang in languages)))


@lru_cache(maxsize=8192)
def _query_keys(word: str, languages: tuple[str, ...]) -> frozenset[str]:
    """What a query word (as written) matches among `_document_keys` (see the module docstring)."""
    folded = fold(word)
    keys = {folded}
    if len(folded) >= _MIN_PLURAL_STEM:
        keys.update(folded + ending for ending in _PLURALS)
    if word[:1].isupper() or not languages:
        return frozenset(keys)
    keys.update(f"{lang}{_LEMMA}{folded}" for lang in languages)  # a base form: the lemma of the story's word
    lower = word.casefold()
    if not any(is_known(lower, lang) and lemma(lower, lang) == lower for lang in _BASE_LANGUAGES):
        keys.update(fold(lemma(lower, lang)) for lang in languages)  # inflected: its lemma as a word
    return frozenset(keys)


def _place_key(canonical: str, country: str) -> PlaceKey:
    return fold(canonical), country


@dataclass(frozen=True)
class TopicDocument:
    """A story prepared for matching many queries: its words' keys computed once, their lemmas only when a query
    asks for one.

    `segments` are the story's titles, texts, names and place names as lower-case word sequences (for phrases);
    `names` the words of its names and place names, which are not lemmatised; `words` their folded forms;
    `places` the places it names, by canonical name; `texts` and `place_names` (each place's key and name as
    written) what `only_inside` reads, in `language` ("" for several).
    """

    story_id: int
    languages: tuple[str, ...]
    segments: tuple[tuple[str, ...], ...]
    names: frozenset[str]
    words: frozenset[str]
    places: frozenset[PlaceKey]
    texts: tuple[str, ...]
    language: str
    place_names: tuple[tuple[PlaceKey, str], ...]

    def offers(self, word: str) -> frozenset[str]:
        return _offers(word, self.names, self.languages)

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every key any of its words offers (see `_document_keys`): lemmatising is most of the cost of matching, and
        a query of names and places (capitalised words) never needs it."""
        return frozenset().union(*(self.offers(word) for words in self.segments for word in words))

    def has_any(self, keys: frozenset[str]) -> bool:
        """Whether one of its words offers one of `keys` (a query word's, `_query_keys`)."""
        return bool(keys & self.words) or (any(_LEMMA in key for key in keys) and bool(keys & self.keys))

    def only_inside(self, word: str, *, place: bool) -> bool:
        """Whether its texts write the word, and only inside longer names (see `name_parts`); `place`: for a query
        word that names a place. Only the word's own tokens are read, and only the answer is kept: a passage is
        matched against every topic's query, and all its tokens, kept, would outweigh the reading."""
        if (word, place) not in self._inside:
            spots = [(tokens, k) for tokens in map(tokenize, self.texts)
                     for k, token in enumerate(tokens) if word in words_of(token.text)]
            self._inside[word, place] = bool(spots) and all(
                part_of_name(tokens, k, self.language, place=place) for tokens, k in spots)
        return self._inside[word, place]

    @cached_property
    def _inside(self) -> dict[tuple[str, bool], bool]:
        """`only_inside`'s answers so far."""
        return {}

    def stands_alone(self, keys: frozenset[str], *, place: bool) -> bool:
        """Whether one of its words offers one of `keys` where it is not just part of a longer name."""
        lemmas = any(_LEMMA in key for key in keys)
        return any((_folded(word) in keys or (lemmas and bool(keys & self.offers(word))))
                   and not self.only_inside(word, place=place)
                   for words in self.segments for word in words)

    def names_place(self, key: PlaceKey) -> bool:
        """Whether it names the place outside a longer name: an article's "Washington" does not make its passage
        that says "Denzel Washington" name the city."""
        return key in self.places and any(
            k == key and not all(self.only_inside(word, place=True) for word in words_of(name))
            for k, name in self.place_names)


def _offers(word: str, names: frozenset[str], languages: tuple[str, ...]) -> frozenset[str]:
    return _document_keys(word, () if word in names else languages)


def document_of(story: Story, texts: Sequence[str] = ()) -> TopicDocument:
    """The matching form of a story; `texts` adds text the story value does not carry (its articles' leads)."""
    languages = tuple(sorted({*story.languages, *(a.language for a in story.articles)}))
    return text_document(story.id, languages, [story.title, *(a.title for a in story.articles), *texts],
                         story.names, story.places)


def text_document(story_id: int, languages: Sequence[str], texts: Sequence[str], names: Sequence[str],
                  places: Sequence[Place]) -> TopicDocument:
    """The matching form of some texts (a passage's title and lead, say) with the names and places they hold."""
    named = [*names, *(p.name for p in places), *(p.canonical for p in places)]
    segments = tuple(dict.fromkeys(words for words in map(tuple, map(words_of, [*texts, *named])) if words))
    name_words = frozenset(word for name in named for word in words_of(name))
    words = frozenset(_folded(word) for segment in segments for word in segment)
    return TopicDocument(story_id, tuple(languages), segments, name_words, words,
                         frozenset(_place_key(p.canonical, p.country) for p in places), tuple(texts),
                         languages[0] if len(languages) == 1 else "",
                         tuple((_place_key(p.canonical, p.country), p.name) for p in places))


@dataclass(frozen=True)
class Term:
    """A word or phrase as written, its words as written, and the place it names (`None` if it names none)."""

    text: str
    words: tuple[str, ...]
    place: PlaceKey | None
    quoted: bool = False

    def matches(self, doc: TopicDocument) -> bool:
        if self.place is not None and doc.names_place(self.place):
            return True
        wanted = [_query_keys(word, doc.languages) for word in self.words]
        if not all(doc.has_any(keys) for keys in wanted):
            return False
        if len(wanted) == 1:
            if self.place is not None and _more_than_a_town(self.text):
                return doc.stands_alone(wanted[0], place=True)
            return not self.words[0][:1].isupper() or doc.stands_alone(wanted[0], place=False)
        span = len(wanted)
        for segment in doc.segments:
            offered = [doc.offers(word) for word in segment]
            for start in range(len(segment) - span + 1):
                if all(wanted[k] & offered[start + k] for k in range(span)):
                    return True
        return False

    def terms(self) -> Iterable[Term]:
        """The terms under this node whose presence counts for a match (not those under NOT)."""
        yield self

    @property
    def positive(self) -> bool:
        """Whether a match needs one of the node's terms present (false for `NOT x`, `a OR NOT b`)."""
        return True

    def __str__(self) -> str:
        return f'"{self.text}"' if self.quoted else self.text


@dataclass(frozen=True)
class Not:
    """Matches what its operand does not; never makes a story match on its own (see `positive`)."""

    operand: Node

    def matches(self, doc: TopicDocument) -> bool:
        return not self.operand.matches(doc)

    def terms(self) -> Iterable[Term]:
        return ()

    @property
    def positive(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"NOT {self.operand}"


@dataclass(frozen=True)
class And:
    operands: tuple[Node, ...]

    def matches(self, doc: TopicDocument) -> bool:
        return all(node.matches(doc) for node in self.operands)

    def terms(self) -> Iterable[Term]:
        return (term for node in self.operands for term in node.terms())

    @property
    def positive(self) -> bool:
        return any(node.positive for node in self.operands)

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.operands)) + ")"


@dataclass(frozen=True)
class Or:
    operands: tuple[Node, ...]

    def matches(self, doc: TopicDocument) -> bool:
        return any(node.matches(doc) for node in self.operands)

    def terms(self) -> Iterable[Term]:
        return (term for node in self.operands for term in node.terms())

    @property
    def positive(self) -> bool:
        return all(node.positive for node in self.operands)

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.operands)) + ")"


Node = Term | Not | And | Or


@dataclass(frozen=True)
class Query:
    """A parsed query: `str(query)` is its fully bracketed form, which parses back to the same query."""

    text: str
    root: Node

    def matches(self, doc: TopicDocument) -> bool:
        return self.root.matches(doc)

    def terms(self) -> tuple[Term, ...]:
        """The words and phrases whose presence makes a match, once each, in query order."""
        return tuple(dict.fromkeys(self.root.terms()))

    def matched_terms(self, doc: TopicDocument) -> tuple[Term, ...]:
        """Which of `terms()` the story contains: why it matched, for explaining and highlighting."""
        return tuple(term for term in self.terms() if term.matches(doc))

    def names(self, fact: str, language: str) -> bool:
        """Whether a fact as an update lists it ("Thierry Baudet", "Provinciale Statenverkiezingen", "Meuse") is one
        of the things the topic is about: a reader who follows Baudet learns nothing from "new: Thierry Baudet"."""
        named = (fact,) if fact[:1].isupper() else ()
        return bool(self.matched_terms(text_document(0, (language,), (fact,), named, find_places(fact, language))))

    def __str__(self) -> str:
        return str(self.root)


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "phrase", "(", ")" or an operator
    text: str
    column: int  # 1-based


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char, char, i + 1))
            i += 1
        elif char in _QUOTES:
            end = next((k for k in range(i + 1, len(text)) if text[k] in _QUOTES), None)
            if end is None:
                raise InputError(f"unbalanced quote at column {i + 1}")
            tokens.append(_Token("phrase", text[i + 1 : end].strip(), i + 1))
            i = end + 1
        else:
            end = i
            while end < len(text) and not text[end].isspace() and text[end] not in "()" + _QUOTES:
                end += 1
            word = text[i:end]
            if word.casefold() in ("or", "and", "not") and word not in _OPERATORS:
                raise InputError(
                    f"{word!r} at column {i + 1}: write {word.upper()} for the operator, "
                    f'or "{word}" in quotes for the word'
                )
            tokens.append(_Token(word if word in _OPERATORS else "word", word, i + 1))
            i = end
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> Node:
        node = self.or_()
        extra = self.peek()
        if extra is not None:  # only a closing bracket can stop the parse early
            raise InputError(f"unmatched ) at column {extra.column}")
        return node

    def or_(self) -> Node:
        operands = [self.and_()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            operands.append(self.operand_after(token, self.and_))
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def and_(self) -> Node:
        operands = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in ("OR", ")"):
            if token.kind == "AND":
                self.take()
                operands.append(self.operand_after(token, self.unary))
            else:
                operands.append(self.unary())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def unary(self) -> Node:
        token = self.peek()
        if token is not None and token.kind == "NOT":
            self.take()
            return Not(self.operand_after(token, self.unary))
        return self.primary()

    def operand_after(self, operator: _Token, parse: Callable[[], Node]) -> Node:
        following = self.peek()
        if following is None or following.kind in ("OR", "AND", ")"):
            raise InputError(f"{operator.text} at column {operator.column} needs something after it")
        return parse()

    def primary(self) -> Node:
        token = self.take()
        if token.kind in ("word", "phrase"):
            return _term(token)
        if token.kind == "(":
            following = self.peek()
            if following is None:
                raise InputError(f"( at column {token.column} is never closed")
            if following.kind == ")":
                raise InputError(f"empty brackets at column {token.column}")
            node = self.or_()
            closing = self.peek()
            if closing is None:
                raise InputError(f"( at column {token.column} is never closed")
            self.take()
            return node
        if token.kind == ")":
            raise InputError(f"unmatched ) at column {token.column}")
        raise InputError(f"{token.text} at column {token.column} needs something before it")


def named_place(text: str) -> Entry | None:
    """The place a word or phrase of a query names, in any spelling the gazetteer knows (Kiev, Kyiv, Kijev), also
    typed without its accents (Oekraine), or None."""
    places = gazetteer()
    entry = places.lookup(text)
    return entry if entry is not None or not text.isascii() else places.lookup_unaccented(text)


@lru_cache(maxsize=4096)
def _more_than_a_town(text: str) -> bool:
    """Whether a query word names a place a reader means even in a person's name (Washington; not Tiel)."""
    entry = named_place(text)
    return entry is not None and (entry.kind != "city" or entry.population >= TOWN)


def _term(token: _Token) -> Term:
    words = tuple(_written(token.text))
    if not words:
        what = "empty quotes" if token.kind == "phrase" else f"{token.text!r} has no letters or digits"
        raise InputError(f"{what} at column {token.column}")
    entry = None if len(words) == 1 and _ordinary(words[0]) else named_place(token.text)
    place = _place_key(entry.canonical, entry.country) if entry is not None else None
    text = " ".join(token.text.split())
    return Term(text, words, place, quoted=token.kind == "phrase")


_SEARCH_WORDS = 12  # a search takes this many words of what was typed
_SEARCH_PLACE_WORDS = 4  # the longest place name a search recognises in its words ("Bosnië en Herzegovina")


def search_terms(text: str) -> list[Term]:
    """What a search box's text asks for, as terms that name places the way a topic query's do: each word a term,
    but a run of words that names one place ("Den Haag", "New York", "Verenigde Staten") one term, as if quoted.
    So search, like a topic query, finds a place in its other spellings (`Kyiv` an article about "Kiev",
    `Oekraïne` one about "Ukraine"). Search boxes are typed in lower case, so there a word in lower case that is
    also an ordinary Dutch or English word (landen, reading, nice) names no place; written with a capital, it
    does."""
    words = _written(text)[:_SEARCH_WORDS]
    terms: list[Term] = []
    at = 0
    while at < len(words):
        end = next((end for end in range(min(len(words), at + _SEARCH_PLACE_WORDS), at + 1, -1)  # longest first
                    if named_place(" ".join(words[at:end])) is not None), at + 1)
        run = words[at:end]
        entry = None if len(run) == 1 and _ordinary(run[0]) else named_place(" ".join(run))
        place = _place_key(entry.canonical, entry.country) if entry is not None else None
        terms.append(Term(" ".join(run), tuple(run), place, quoted=len(run) > 1))
        at = end
    return terms


def _ordinary(word: str) -> bool:
    """Whether a word is in lower case and also an ordinary Dutch or English word (landen, reading, nice)."""
    return word[:1].islower() and any(is_common(word.capitalize(), lang) for lang in _BASE_LANGUAGES)


def parse_query(text: str) -> Query:
    """Parse a defined topic's query; a mistake raises `InputError` naming its column."""
    if not text.strip():
        raise InputError("empty query")
    tokens = _lex(text)
    if not tokens:
        raise InputError("empty query")
    root = _Parser(tokens).parse()
    if not root.positive:
        raise InputError("the query only excludes: add a word a story must contain")
    return Query(text, root)
