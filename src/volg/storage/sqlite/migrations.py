"""Named migrations of the SQLite schema, applied in order and recorded in the `migrations` table.

Append new migrations; never edit or reorder one that has shipped.
"""

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_sources_and_articles",
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            every_s INTEGER NOT NULL,
            etag TEXT,
            last_modified TEXT,
            next_poll_at TEXT,
            last_polled_at TEXT,
            last_status INTEGER,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,          -- canonical URL
            source TEXT NOT NULL,
            external_id TEXT,
            title TEXT NOT NULL,
            published_at TEXT NOT NULL,
            language TEXT NOT NULL,
            sections TEXT NOT NULL,            -- JSON [[heading, [paragraph, ...]], ...]
            places TEXT NOT NULL,              -- JSON [[name, canonical, lat, lon, country, kind], ...]
            names TEXT NOT NULL,               -- JSON [name, ...]
            removed TEXT NOT NULL,             -- JSON [boilerplate line, ...]
            content_hash TEXT NOT NULL,
            signature BLOB NOT NULL,           -- MinHash signature
            version INTEGER NOT NULL DEFAULT 1,
            copy_of INTEGER REFERENCES articles(id),
            fetched_at TEXT NOT NULL,
            updated_at TEXT
        );
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_published_at ON articles(published_at);
        CREATE INDEX articles_source ON articles(source, published_at);
        CREATE TABLE article_versions (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            sections TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (article_id, version)
        );
        CREATE TABLE article_sightings (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            url TEXT NOT NULL,
            source TEXT NOT NULL,
            external_id TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (article_id, url)
        );
        CREATE TABLE lsh_bands (
            band INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            PRIMARY KEY (band, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE source_profiles (
            source TEXT PRIMARY KEY,
            articles INTEGER NOT NULL
        );
        CREATE TABLE source_lines (
            source TEXT NOT NULL,
            line_key TEXT NOT NULL,
            articles INTEGER NOT NULL,
            boilerplate INTEGER NOT NULL DEFAULT 0,  -- 1 once volg has cleaned this line out of the source
            PRIMARY KEY (source, line_key)
        ) WITHOUT ROWID;
        """,
    ),
    (
        "0002_stories_and_topics",
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,            -- allocated by the clusterer
            title TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            terms TEXT NOT NULL DEFAULT '[]',  -- JSON: its most characteristic words
            merged_into INTEGER REFERENCES stories(id)
        );
        CREATE INDEX stories_last_seen ON stories(last_seen);
        CREATE TABLE story_passages (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            section INTEGER NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories(id),
            score REAL NOT NULL,
            PRIMARY KEY (article_id, section)
        );
        CREATE INDEX story_passages_story ON story_passages(story_id);
        CREATE TABLE topics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            slug TEXT NOT NULL UNIQUE,
            query TEXT,
            discovered INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE cluster_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            state TEXT NOT NULL,               -- JSON: the clusterer's active window
            last_article_id INTEGER NOT NULL,  -- the newest article the state has seen
            saved_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0003_subscriptions_and_digests",
        """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,               -- the topic's slug
            times TEXT NOT NULL,               -- JSON ["08:00", ...], local times
            tz TEXT NOT NULL,                  -- IANA time zone
            max_items INTEGER NOT NULL,
            quiet TEXT,                        -- JSON ["22:00", "07:00"] or NULL
            breaking REAL,
            email TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE digests (
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
            scheduled_at TEXT NOT NULL,
            since TEXT NOT NULL,
            body TEXT NOT NULL,                -- JSON rendering of the digest
            breaking INTEGER NOT NULL DEFAULT 0,  -- 1: sent at once, outside the schedule
            created_at TEXT NOT NULL,
            PRIMARY KEY (subscription_id, scheduled_at)
        );
        CREATE TABLE delivered_items (
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
            development_key TEXT NOT NULL,
            story_id INTEGER NOT NULL,
            scheduled_at TEXT NOT NULL,
            PRIMARY KEY (subscription_id, development_key)
        );
        """,
    ),
    (
        "0004_delivery_outbox",
        """
        ALTER TABLE subscriptions ADD COLUMN push TEXT NOT NULL DEFAULT '[]';      -- JSON list of Apprise URLs
        ALTER TABLE subscriptions ADD COLUMN webhooks TEXT NOT NULL DEFAULT '[]';  -- JSON list of URLs
        ALTER TABLE subscriptions ADD COLUMN token TEXT NOT NULL DEFAULT '';       -- in the Atom feed's URL
        ALTER TABLE subscriptions ADD COLUMN secret TEXT NOT NULL DEFAULT '';      -- signs its webhooks
        ALTER TABLE subscriptions ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
        UPDATE subscriptions SET token = lower(hex(randomblob(16))), secret = lower(hex(randomblob(32)));
        CREATE UNIQUE INDEX subscriptions_by_token ON subscriptions(token);
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            subscription_id INTEGER NOT NULL,
            scheduled_at TEXT NOT NULL,
            channel TEXT NOT NULL,             -- email | push | webhook
            target TEXT NOT NULL,              -- address or URL
            status TEXT NOT NULL,              -- pending | sending | sent | failed
            attempts INTEGER NOT NULL DEFAULT 0,
            next_at TEXT NOT NULL,             -- pending: not before, sending: the claim expires
            owner TEXT,                        -- host:pid of the sender holding the claim
            last_error TEXT,
            sent_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (subscription_id, scheduled_at, channel, target),
            FOREIGN KEY (subscription_id, scheduled_at) REFERENCES digests(subscription_id, scheduled_at)
        );
        CREATE INDEX deliveries_due ON deliveries(status, next_at);
        CREATE TABLE settings_kept (
            key TEXT PRIMARY KEY,              -- e.g. signing_key: made once, kept with the data
            value TEXT NOT NULL
        );
        INSERT INTO settings_kept VALUES ('signing_key', lower(hex(randomblob(32))))
        """,
    ),
    (
        "0005_search",
        """
        CREATE VIRTUAL TABLE article_search USING fts5(
            title, body,                       -- body: every heading and paragraph of the current version
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO article_search (rowid, title, body)
            SELECT id, title, (SELECT group_concat(value, ' ') FROM json_tree(articles.sections) WHERE type = 'text')
            FROM articles;
        CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
            INSERT INTO article_search (rowid, title, body) VALUES (new.id, new.title,
                (SELECT group_concat(value, ' ') FROM json_tree(new.sections) WHERE type = 'text'));
        END;
        CREATE TRIGGER article_search_update AFTER UPDATE OF title, sections ON articles BEGIN
            DELETE FROM article_search WHERE rowid = old.id;
            INSERT INTO article_search (rowid, title, body) VALUES (new.id, new.title,
                (SELECT group_concat(value, ' ') FROM json_tree(new.sections) WHERE type = 'text'));
        END;
        CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
            DELETE FROM article_search WHERE rowid = old.id;
        END
        """,
    ),
    (
        "0006_change_counters",
        """
        CREATE TABLE change_counters (
            name TEXT PRIMARY KEY,             -- stories: goes up whenever a story, its passages or an article change
            value INTEGER NOT NULL
        );
        INSERT INTO change_counters VALUES ('stories', 0);
        CREATE TRIGGER stories_insert_counted AFTER INSERT ON stories BEGIN
            UPDATE change_counters SET value = value + 1 WHERE name = 'stories';
        END;
        CREATE TRIGGER stories_update_counted AFTER UPDATE ON stories BEGIN
            UPDATE change_counters SET value = value + 1 WHERE name = 'stories';
        END;
        CREATE TRIGGER stories_delete_counted AFTER DELETE ON stories BEGIN
            UPDATE change_counters SET value = value + 1 WHERE name = 'stories';
        END;
        CREATE TRIGGER story_passages_insert_counted AFTER INSERT ON story_passages BEGIN
            UPDATE change_counters SET value = value + 1 WHERE name = 'stories';
        END;
        CREATE TRIGGER story_passages_update_counted AFTER UPDATE ON story_passages BEGIN
            UPDATE change_counters SET value = value + 1 WHERE name = 'stories';
        END;
        CREATE TRIGGER story_passages_delete_counted AFTER DELETE ON story_passages BEGIN
            UPDATE change_counters SET value = value + 1 WHERE name = 'stories';
        END;
        CREATE TRIGGER articles_update_counted AFTER UPDATE ON articles BEGIN
            UPDATE change_counters SET value = value + 1 WHERE name = 'stories';
        END
        """,
    ),
    (
        "0007_article_changes",
        """
        -- changed: the article's change number, taken when it is stored or given a new version (one counter for
        -- both), so the clusterer sees new versions too: it reads the articles changed after the last it saw
        ALTER TABLE articles ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
        UPDATE articles SET changed = id;
        CREATE UNIQUE INDEX articles_changed ON articles(changed);
        ALTER TABLE cluster_state RENAME COLUMN last_article_id TO last_change;
        """,
    ),
    (
        "0008_article_genre",
        """
        -- genre: news, live, opinion, letters, ... with the evidence that decided it (JSON list); NULL for an
        -- article stored before volg detected genres: it is classified from its text when read
        ALTER TABLE articles ADD COLUMN genre TEXT;
        ALTER TABLE articles ADD COLUMN genre_evidence TEXT;
        """,
    ),
    (
        "0009_subscription_language",
        """
        -- the language of a subscription's digests
        ALTER TABLE subscriptions ADD COLUMN language TEXT NOT NULL DEFAULT 'nl';
        """,
    ),
    (
        "0010_version_published_at",
        """
        -- when each version says it was published (NULL for versions stored before): an outlet's update of an
        -- article is read as a later report, at its own time
        ALTER TABLE article_versions ADD COLUMN published_at TEXT;
        """,
    ),
    (
        "0011_subscription_genres",
        """
        -- genres besides news and live that a subscription's digests take too ("opinion,analysis"; '' for none)
        ALTER TABLE subscriptions ADD COLUMN genres TEXT NOT NULL DEFAULT '';
        """,
    ),
    (
        "0012_subscription_confirmed",
        """
        -- false while a subscription made on the public form waits for its reader to confirm the address
        ALTER TABLE subscriptions ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1;
        """,
    ),
    (
        "0013_cluster_state_rows",
        """
        -- the clusterer's state in rows, so that a save writes only what changed: cluster_state keeps the header
        -- (next story id, passages seen, clock; a state saved before this migration is all in its JSON and is
        -- written as rows by the first save after it), one row per story of the active window, one or more parts
        -- per day of document frequencies. saves: how many saves wrote them (the clusterer that counts the same
        -- knows the rows are its own)
        ALTER TABLE cluster_state ADD COLUMN saves INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE cluster_stories (
            id INTEGER PRIMARY KEY,            -- the story's id
            state TEXT NOT NULL                -- JSON: its vectors, norms, members, readable terms
        );
        CREATE TABLE cluster_days (
            day INTEGER NOT NULL,              -- days since 1970-01-01 (passage time, UTC)
            part INTEGER NOT NULL,             -- the day is its parts, one after the other
            state TEXT NOT NULL,               -- JSON: passages and their terms per space, since the part before
            PRIMARY KEY (day, part)
        );
        """,
    ),
    (
        "0014_search_places",
        """
        -- search finds a place in any spelling: each article's places (as cleaning resolved them) in a third
        -- column of the search index, "p0 <canonical name> <country code> p1" each (see storage/base.py
        -- place_text), made anew, as FTS5 cannot add a column
        DROP TRIGGER article_search_insert;
        DROP TRIGGER article_search_update;
        DROP TRIGGER article_search_delete;
        DROP TABLE article_search;
        CREATE VIRTUAL TABLE article_search USING fts5(
            title, body, places,               -- body: every heading and paragraph of the current version
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO article_search (rowid, title, body, places)
            SELECT id, title, (SELECT group_concat(value, ' ') FROM json_tree(articles.sections) WHERE type = 'text'),
                (SELECT group_concat('p0 ' || json_extract(value, '$[1]') || ' ' || json_extract(value, '$[4]')
                                     || ' p1', ' ') FROM json_each(articles.places))
            FROM articles;
        CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
            INSERT INTO article_search (rowid, title, body, places) VALUES (new.id, new.title,
                (SELECT group_concat(value, ' ') FROM json_tree(new.sections) WHERE type = 'text'),
                (SELECT group_concat('p0 ' || json_extract(value, '$[1]') || ' ' || json_extract(value, '$[4]')
                                     || ' p1', ' ') FROM json_each(new.places)));
        END;
        CREATE TRIGGER article_search_update AFTER UPDATE OF title, sections, places ON articles BEGIN
            DELETE FROM article_search WHERE rowid = old.id;
            INSERT INTO article_search (rowid, title, body, places) VALUES (new.id, new.title,
                (SELECT group_concat(value, ' ') FROM json_tree(new.sections) WHERE type = 'text'),
                (SELECT group_concat('p0 ' || json_extract(value, '$[1]') || ' ' || json_extract(value, '$[4]')
                                     || ' p1', ' ') FROM json_each(new.places)));
        END;
        CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
            DELETE FROM article_search WHERE rowid = old.id;
        END
        """,
    ),
    (
        "0015_source_lines_common",
        """
        -- a source's profile reads the lines seen in at least 3 of its articles without reading all of its lines
        -- (every sentence of every article it has had): cleaning an article looks it up
        CREATE INDEX source_lines_common ON source_lines (source, articles);
        """,
    ),
    (
        "0016_passage_readings",
        """
        -- what reading a story needs of each of its passages (JSON, see records.reading_json: headline, lede, the
        -- names and places in the passage and in its headline and lede, language, news), written as the passage is
        -- clustered, so stories and topic memberships are read without the articles' texts; null for a passage
        -- clustered before, which is read from its article
        ALTER TABLE story_passages ADD COLUMN reading TEXT;
        """,
    ),
    (
        "0017_lsh_bands_article",
        """
        -- an article's LSH bands found by its id, as replacing its fingerprint (a new version, a re-cleaning) deletes
        -- them: without it each such delete read the whole table (3.4 million rows at 100,000 articles, 0.11 s)
        CREATE INDEX lsh_bands_article ON lsh_bands (article_id);
        """,
    ),
]
