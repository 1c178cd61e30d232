"""A development's headline and its one or two summary sentences, chosen from its passages (extractive).

A summary sentence must be complete (a capital or digit to open, . ! ? or a closing quote to end, 8–45 words — spaced
punctuation such as " , " does not count as a word — no question), running prose (no transcript speaker label like
"NAME , ROLE :", not mostly in capitals, a run of lower-case words, brackets and quotes closed, no page furniture such
as "Report abuse" or "YES | NO"), free of boilerplate, and must not merely repeat the headline. Among those, a
sentence scores for the development's new facts it states (what makes an update worth reading), for being central
(its words are those of the development's passages and of its headline), and for opening a report (leads are written
to summarise); it loses for retelling what the story had already said and for being a bare quote. A second sentence
is added only when it states facts the first one lacks.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from volg.models import Passage, StoryArticle
from volg.pipeline.clean.dedupe import normalised_words
from volg.pipeline.clean.sentences import split_sentences
from volg.pipeline.develop.facts import (
    Fact,
    hard_facts,
    has_page_residue,
    is_boilerplate,
    stems,
    without_dateline,
)

MIN_WORDS, MAX_WORDS = 8, 45
MAX_TOTAL_WORDS = 70
"""Two sentences together stay a line or two in a digest."""

_COMPLETE = re.compile(r"[.!](?:\s?['\"’”»)\]]|\s?''|\s?-RRB-)*$|[.!?]\s?(?:['\"’”»]|'')$")
_OPENS = re.compile(r"^['\"‘“„«(]?[A-ZÀ-Ý0-9€$£]")
_QUOTE_OPEN = re.compile(r"^(?:['\"‘“„«]|``)")
_SPEAKER = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý0-9.'’-]*\s+){0,4}[A-ZÀ-Ý][A-ZÀ-Ý0-9.'’-]+\s*(?:,\s*[^:,]{2,60}?)?\s*:(?:\s|$)"
)
"""A transcript's speaker label or a rubric in capitals: "RANDI KAYE , CNN ANCHOR : Good morning .", "AZUZ : ..."."""
_WORD_TOKEN = re.compile(r"\w")
_BRACKETS = (("(", ")"), ("[", "]"), ("-LRB-", "-RRB-"), ("``", "''"))
MAX_CAPITALS_SHARE = 1 / 3
"""Sentences mostly in capitals are rubrics, transcript furniture or shouting, not a summary."""
_UPDATE_PREFIX = re.compile(r"^(?:update|bijgewerkt|aktualisiert|mise à jour)\s*\d{1,2}[.:h]\d{2}\s*(?:uur)?\s*:\s*",
                            re.IGNORECASE)  # fmt: skip


_ANAPHORIC = frozenset(
    "dat dit die daarmee daardoor daarop daarnaast ook tevens samen hij zij ze het hun "
    "this that these those it he she they its their also together such".split()
)
"""Openers that lean on the sentence before ("Samen komt de schade daarmee ..."): weak on their own in a digest."""


@dataclass(frozen=True)
class Candidate:
    """One passage of a development, as the summariser needs it."""

    passage: Passage
    article: StoryArticle
    paragraphs: tuple[str, ...]  # without boilerplate
    facts: tuple[Fact, ...]
    title_facts: tuple[Fact, ...]


@dataclass(frozen=True)
class _Sentence:
    text: str
    order: tuple[int, int, int]  # candidate, paragraph, sentence
    keys: frozenset[str]
    score: float
    words: int


def headline(candidates: Sequence[Candidate]) -> Candidate:
    """The passage whose title heads the development: the most informative title in the majority language of the
    sources; ties go to the earliest (the opener).

    A passage's title is its article's title for an opening and its heading for a roundup's section, so a roundup's
    whole-day title never heads a section's development."""
    languages: dict[int, str] = {}
    for candidate in candidates:
        languages.setdefault(candidate.article.id, candidate.passage.language)
    counts = Counter(languages.values())
    majority = max(counts, key=lambda language: (counts[language], -list(languages.values()).index(language)))
    best, best_weight = candidates[0], -1.0
    for candidate in candidates:
        if candidate.passage.language != majority:
            continue
        weight = math.fsum(f.weight for f in candidate.title_facts)
        if weight > best_weight:
            best, best_weight = candidate, weight
    return best


def summary(
    candidates: Sequence[Candidate], title: str, language: str, new: Sequence[Fact], known_before: frozenset[str]
) -> tuple[str, ...]:
    """One or two sentences for the development (see the module docstring)."""
    chosen = [c for c in candidates if c.passage.language == language] or list(candidates)
    new_keys = frozenset(key for fact in new for key in (fact.key, *fact.aliases))
    centroid = Counter(s for c in chosen for s in stems("\n".join((c.passage.title, *c.paragraphs)), language))
    heading = set(stems(title, language))
    sentences = _sentences(chosen, title, language, new_keys, known_before, centroid, heading)
    if not sentences:
        return ()
    first = max(sentences, key=lambda s: (s.score, _negated(s.order)))
    missing = (new_keys - first.keys) if new_keys else frozenset()
    second: _Sentence | None = None
    for sentence in sorted(sentences, key=lambda s: (-s.score, s.order)):
        if sentence is first or sentence.words + first.words > MAX_TOTAL_WORDS:
            continue
        adds = sentence.keys & missing if new_keys else sentence.keys - first.keys
        if adds and (new_keys or (first.words < 20 and sentence.order[:2] == first.order[:2])):
            second = sentence
            break
    picked = [first] if second is None else sorted((first, second), key=lambda s: s.order)
    return tuple(s.text for s in picked)


def _negated(order: tuple[int, int, int]) -> tuple[int, ...]:
    return tuple(-i for i in order)


def _sentences(
    candidates: Sequence[Candidate],
    title: str,
    language: str,
    new_keys: frozenset[str],
    known_before: frozenset[str],
    centroid: Counter[str],
    heading: set[str],
) -> list[_Sentence]:
    headline_words = " ".join(normalised_words(title))
    found: list[_Sentence] = []
    seen: set[str] = set()
    for c_index, candidate in enumerate(candidates):
        outlets = (candidate.passage.source, candidate.article.source)
        for p_index, paragraph in enumerate(candidate.paragraphs):
            for s_index, raw in enumerate(split_sentences(paragraph, candidate.passage.language)):
                text = _UPDATE_PREFIX.sub("", without_dateline(raw.strip()))
                normal = " ".join(normalised_words(text))
                words = _word_count(text)
                if normal in seen or not _acceptable(text, words, normal, headline_words):
                    continue
                seen.add(normal)
                facts = hard_facts(text, language, candidate.passage.names, candidate.passage.places, outlets)
                keys = frozenset(key for f in facts for key in (f.key, *f.aliases))
                new_hits = len({f.key for f in facts if f.key in new_keys or set(f.aliases) & new_keys})
                old = sum(1 for f in facts if f.known_in(known_before))
                sentence_stems = stems(text, language)
                score = (
                    1.5 * min(new_hits, 3)
                    + 2.0 * _cosine(Counter(sentence_stems), centroid)
                    + (len(heading & set(sentence_stems)) / len(heading) if heading else 0.0)
                    + _lead_bonus(c_index, p_index, s_index)
                    - (old / len(facts) if facts and new_keys else 0.0)
                    - (1.0 if _QUOTE_OPEN.match(text) else 0.0)
                    - (0.75 if normal.split(" ", 1)[0] in _ANAPHORIC else 0.0)
                )
                found.append(_Sentence(text, (c_index, p_index, s_index), keys, score, words))
    return found


def _acceptable(text: str, words: int, normal: str, headline_words: str) -> bool:
    """A complete sentence of a sensible length that is no boilerplate and no mere repeat of the headline."""
    if not MIN_WORDS <= words <= MAX_WORDS or not _COMPLETE.search(text) or not _OPENS.match(text):
        return False
    if is_boilerplate(text) or not _is_prose(text):
        return False
    return not (headline_words and headline_words in normal and len(headline_words) >= 0.6 * len(normal))


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


def _lead_bonus(candidate: int, paragraph: int, sentence: int) -> float:
    """Leads are written to summarise: the opener's first sentence most, other reports' first sentences less."""
    if paragraph == 0 and sentence == 0:
        return 1.0 if candidate == 0 else 0.6
    if paragraph == 0 and sentence == 1:
        return 0.4 if candidate == 0 else 0.2
    return 0.0


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = math.fsum(count * b[key] for key, count in sorted(a.items()))
    norm = math.sqrt(math.fsum(v * v for v in a.values())) * math.sqrt(math.fsum(v * v for v in b.values()))
    return dot / norm if norm else 0.0
