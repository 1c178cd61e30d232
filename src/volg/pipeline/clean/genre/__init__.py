"""An article's genre: does it report (news, live) or do something else (opinion, letters, review, ...)?

Only news and live open developments in a digest, so the costly mistakes are a column or a letters page called
news, and real news called something else. Signals, strongest first:

1. **Hints** that the markup or the feed gives, as "prefix:value" strings (`RawArticle.hints`,
   `ExtractedPage.hints`):

   - `schema:` a schema.org @type of the page's article: "schema:OpinionNewsArticle", "schema:LiveBlogPosting"
   - `og:` the page's og:type: "og:article"
   - `section:` the article:section meta, JSON-LD articleSection or a JSON line's "section": "section:Opinie"
   - `category:` a feed entry's <category> or tag, a JSON line's "category"/"categories": "category:Column"
   - `genre:` meta name="genre", JSON-LD genre or a JSON line's "genre": "genre:Liveblog"

2. **The URL's path**: a segment such as /opinie/, /columns/, /live/, /reviews/, /meinung/.
3. **The title**: a rubric (Column, Commentaar, Brief van de dag, Interview, Analyse, Duiding; Sanne Bakker |
   Column; beside a rubric no headline uses as an ordinary word, a byline or kicker in lower case, as some feeds
   print them: "... sanne bakker column", "... analyse brexit"; a wire service's in capitals, glued by a hyphen:
   "ANALYSIS-...", "FEATURE-...", "COLUMN-..."), an explainer's words ("zo zit het", "...
   uitgelegd", "what you need to know"), a look ahead ("Wat mogen we verwachten van ...", "what to expect") or a
   shop's offer ("... And Save $15", "50% Off A Game With Purchase Of ...": service).
4. **The text's format**: readers' signatures (name, town), a page that is mostly readers' comments (half its words
   or more from the first comment's header on, before they go with the boilerplate: letters), a star rating, a Q&A
   layout, a broadcast transcript (two speakers in capitals or more, each opening turns: "BLITZER: ..."), live-blog
   timestamps, expected line-ups, a recipe's ingredients, a markets column's price changes ("+2,3% TomTom"), a short
   call for readers' texts, photos or stories ("Mail uw tekst en foto naar ...", "Share your photos": births,
   appeals), a press review: a lead on how the papers judge a matter ("De krantencommentaren prijzen ...",
   "Commentators react to ..."), a quarter of the text or more quoted, and papers or their commentaries named again
   (opinion).
5. **The text's edges**: a rubric opening or closing it, an op-ed's standfirst ("..., vindt Anna de Wit."; "...,
   vinden A en B."; "..., aldus Anna de Wit." when the text never names her again, as a report would) or
   closing line about its author ("Anna de Wit is hoogleraar bestuurskunde."), a reply to an earlier piece
   ("(Opinie, 3 mei)"), a rubric in capitals heading a part of the page ("... de krant.' ANDER COMMENTAAR").
6. **Weak signs**, which decide only two of a genre together: the writer's voice (first-person words outside quotes:
   news quotes people in the first person, so quoted speech is stripped before counting), a sign-off or an invitation to
   reply, a how/why title, a question for a title (a kicker may follow it), questions asked outside quotes, a
   writer's name glued to the end of the title that the text never uses (a place there is a dateline), a title that
   calls for action ("Doe iets aan ...") or speaks for "we", a
   question opening the text (and, beside it, a length of over 600 words), a first sentence in the writer's "ik" or "we"
   ("kunnen we toch stellen"; not a speaker's after a colon), the writer's comment on what they tell again and again
   ("helaas", "uiteraard", "immers", "of course"), an open question the writer weighs ("Het is de vraag of ..."), a lead
   that cites a piece this paper ran ("in de krant van vrijdag", as a reply does). A transcript's words are its
   speakers', so none of these counts there. A strong first-person voice is an essay on its own. A lead that names the
   day something happened ("dinsdag", "gisteren") reports: its questions and length are then no sign of analysis; a
   today in a sentence that tells nothing past ("ontmoeten elkaar vandaag") is still ahead and dates no report.
   Background tells how things go rather than what happened: words of habit and trend ("steeds", "al jaren",
   "telkens") after a lead that cites no one, and, beside them, a length of over 500 words; or it says what it will
   explain ("Dat zit zo.", "Wie is deze generaal?", a profile's "Wie is hij?"). A preview's lead looks ahead ("moet
   vanavond ... winnen", "tomorrow"; not "vandaag": a visit today is news), or it announces an event by day, date and
   hour ("op donderdag 14 november (vanaf 19.30)") or by day and date beside a verb of what will come ("gaat op
   zaterdag 9 mei langs scholen"), and reports nothing that already happened, nor who said so; or the time to come is
   a match's ("de beslissende wedstrijd morgen tegen Sparta Dalen", which a report of yesterday's training may
   follow); or it is a coach's or player's talk before a match: a lead that readies for the opponent ("is voorbereid
   op een aanvallend Sparta Dalen", "treft zondag") and tells nothing past but who speaks, quotes on playing or
   winning ("wij moeten ook winnen"), and no score outside them. An interview told as a portrait is mostly long
   answers in quotes (40 words or more each: a report quotes a sentence or two) and, beside them, opens by calling
   itself a conversation ("Een gesprek over ..."). A portrait of a private person with no event (other) opens its title
   on them by the given name alone, whom the text introduces in full with their age ("Giel Hofstra (53)"; a report calls
   them by the surname) and, beside it, has a lead that sets a scene before it names them, and names no day. A text of
   over 300 words that quotes no one and says of nothing who says so is no report (a report that long always cites
   someone), unless its lead names the day: one weak sign decides it.

A hint or URL segment naming a news section (Binnenland, /nieuws/) outweighs weak signs but not a rubric or a
format of the text: a column in the sport section is still a column. In doubt, an article is news. A body of
hardly any words is other (a cartoon, a quote of the day); a long one is read at its start and its end.

The package, a module per concern: `classify` gathers the signs and decides (`classify_genre`); `signals` holds what
they give (`Signal`, `Genre`, how strong a sign is); `markup` reads hints and the URL; `rubrics` the rubric words of
every genre and the sections that say news; `title` the title; `edges` a rubric opening or closing the text and how
an op-ed frames itself; `letters` readers' signatures; `formats` ratings, live-blog timestamps, Q&A, transcripts,
line-ups, calls for readers' texts, recipes and prices; `press` a press review; `voice` the writer's first person;
`comment` the writer's questions, explanations and stance; `features` background, interviews told as portraits and
portraits of a private person; `reports` a dated, sourced lead and a text that cites no one; `previews` a lead
looking ahead and talk before a match; `reading` the lead, the tail and what is quoted.
"""

from __future__ import annotations

from volg.models import GENRES as GENRES  # the labels this package gives; in models, for what only reads them
from volg.pipeline.clean.genre.classify import MIN_WORDS as MIN_WORDS
from volg.pipeline.clean.genre.classify import classify_genre as classify_genre
from volg.pipeline.clean.genre.signals import Genre as Genre
