"""Whether a Dutch sentence has a verb of its own: a teaser or caption line ("Vermoedelijk mét de nieuwe spits, die
gisteren weer volledig meedeed.", "Drie reacties op de rede van de burgemeester na het hoogwater.") is no sentence a
summary can open on.

There is no part-of-speech tagger here, only simplemma's lemmas and volg's word lists, so the test is lenient: any word
that may be a verb form counts as one (a plural noun in "-en", a participle before a noun), and a sentence is a
fragment only when no word of its own clause may be a verb. The words of a relative clause after a comma (", die
gisteren voluit meetrainde") and names (capitalised words after the first) are not its own. On the 17,715 summary-fit
sentences of DpgMedia2019 it finds 73, all but a few (an imperative, a typo) without a finite verb.

Only Dutch is judged. English was tried the same way and dropped: a plural's verb and a past like "set", "put" or
"won" look like their lemma or like nouns ("People gather ...", "Every summer two million tourists visit ..."), so a
lemma-based test took real sentences for fragments (about half of the 138 it found among 32,543 Timeline17 sentences).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from volg.folding import fold
from volg.pipeline.clean.places import is_known, lemma, stop_words

FINITE = frozenset(
    "is was zijn waren wordt werd worden werden heeft had hebben hadden zal zou zullen zouden kan kon kunnen konden "
    "moet moest moeten mag mocht wil wilde gaat ging komt kwam staat stond blijkt bleek lijkt leek krijgt kreeg vroeg "
    "schreef wees zag gaf nam hield viel liet riep sloot liep bleef dacht bracht zocht kocht vond won begon zei sprak "
    "stierf trok droeg lag zat vloog bood koos verloor verliet ontving besloot deed stak brak reed sloeg".split())
"""Finite forms the lemmatiser does not tell as verbs: auxiliaries, and strong pasts it reads as another word
("vroeg": early, "wees": orphan, "zat": drunk)."""
_SUBJECTS = frozenset("ik we wij jij je u ze zij".split())
"""A personal pronoun is a subject: the word after it is its verb ("Ik zie een ...")."""
_RELATIVES = frozenset("die dat wat waar waarin waarop waarmee waarvan waardoor wie welke".split())
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|,")


def is_fragment(sentence: str, language: str) -> bool:
    """Whether no word of the sentence's own clause may be a verb (see the module docstring); never outside Dutch."""
    if language != "nl":
        return False
    previous = ""
    for word in _own_words(sentence):
        if previous in _SUBJECTS or may_be_verb(word):
            return False
        previous = word.casefold()
    return True


def is_finite(word: str) -> bool:
    """Whether a word in lower case is a finite verb form the lemmatiser does not tell (`FINITE`) or a present tense
    in -t ("houdt", "wijst")."""
    return word in FINITE or word.endswith("t") and len(word) > 2 and _present(word[:-1])


def is_finite_or_past(word: str) -> bool:
    """Whether a Dutch word in lower case is a common finite form ("was", "zei", "ging": `FINITE`) or a weak verb's
    past tense ("eiste", "maakten": it ends in -te(n) or -de(n) and lemmatises to another word)."""
    return word in FINITE or word.endswith(("te", "de", "ten", "den")) and lemma(word, "nl") not in (word, word[:-1])


def _own_words(sentence: str) -> Iterator[str]:
    """The sentence's own words: not those of a relative clause between commas (or a comma and the end), nor a
    capitalised word after the first (a name: "Roer", "Sterk"). A relative clause puts its verb last, so a pronoun
    that a verb follows at once ("Geweld, dat is iets anders") opens the sentence's own clause."""
    tokens = _TOKEN.findall(sentence)
    i = 0
    while i < len(tokens):
        if (tokens[i] == "," and i + 2 < len(tokens) and tokens[i + 1].casefold() in _RELATIVES
                and not may_be_verb(tokens[i + 2])):
            i = tokens.index(",", i + 1) if "," in tokens[i + 1:] else len(tokens)
        else:
            if tokens[i] != "," and (i == 0 or not tokens[i][:1].isupper()):
                yield tokens[i]
            i += 1


def may_be_verb(word: str) -> bool:
    lower = fold(word)  # without an accent for stress: "mét", "déze"
    if lower in FINITE:
        return True
    stops = stop_words("nl")
    base = lemma(lower, "nl")
    if base == lower and lower in stops or lower in (f"{base}d", f"{base}de"):  # "gisteren", "tegen", "een" (not
        return False  # "lees" or "zie"); a present participle, which is no finite verb: "brommende", "zittend"
    return (base.endswith(("en", "aan", "ien", "oen")) or base == "zijn" or lower.endswith("en") and lower not in stops
            or lower.endswith("t") and _present(lower[:-1])
            or word.islower() and not is_known(lower, "nl") and lower not in stops)  # a word the lemmatiser lacks


def is_infinitive(word: str) -> bool:
    """Whether a word in lower case is a Dutch infinitive ("uitgeven", "investeren"), not a plural noun in -en: the
    lemmatiser gives it as its own lemma (or a separable verb's: "uit_geven"), and no singular of it is a word that
    is its own lemma ("bezoeken": bezoek, "reizen": reis, "boeten": boete, "lessen": les are plurals; "schrap" is
    no singular of "schrappen", its lemma is "schrappen")."""
    if not word.islower() or not word.endswith("en"):
        return False
    base = lemma(word, "nl")
    if "_" in base:
        return True
    stem = word[:-2]
    singulars = {stem, word[:-1], stem[:-1] + {"z": "s", "v": "f"}.get(stem[-1:], stem[-1:]), stem[:-1]}
    return base == word and not any(is_known(form, "nl") and lemma(form, "nl") == form
                                    for form in singulars if len(form) > 1)  # a verb's stem has its infinitive


def _present(stem: str) -> bool:
    """Whether a word without its final t is a verb's stem: its infinitive, with a final s or f voiced again
    ("wijst": wijzen, "leeft": leven), is a word."""
    voiced = stem[:-1] + {"s": "z", "f": "v"}.get(stem[-1:], stem[-1:])
    return any(is_known(f"{form}en", "nl") for form in {stem, voiced})
