-- raqib store, SQLite schema version 1.
-- Reports are stored whole (contract JSON without events) plus one row per event; the other
-- tables are normalized copies for querying. Integer flags are 0/1.

CREATE TABLE reports (
    rk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    text_sha256 TEXT NOT NULL,
    date        TEXT,
    lang        TEXT NOT NULL,
    source      TEXT,
    url         TEXT,
    outlet_id   TEXT,
    story_id    TEXT NOT NULL,
    superseded  INTEGER NOT NULL DEFAULT 0,
    n_events    INTEGER NOT NULL,
    first_ek    INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    minhash     BLOB,
    json        TEXT NOT NULL,
    UNIQUE (id, text_sha256),
    UNIQUE (id, version)
);
CREATE INDEX reports_story ON reports (story_id);

-- LSH band keys of each report's MinHash signature (near-duplicate candidates).
CREATE TABLE report_bands (
    band_key INTEGER NOT NULL,
    rk       INTEGER NOT NULL REFERENCES reports (rk),
    PRIMARY KEY (band_key, rk)
) WITHOUT ROWID;

-- The events of a report version have consecutive keys, first_ek .. first_ek + n_events - 1
-- (so no index on rk is needed: one less B-tree to write per event).
CREATE TABLE events (
    ek               INTEGER PRIMARY KEY,
    rk               INTEGER NOT NULL REFERENCES reports (rk),
    pos              INTEGER NOT NULL,
    event_id         TEXT NOT NULL,
    report_id        TEXT NOT NULL,
    story_id         TEXT NOT NULL,
    current          INTEGER NOT NULL,
    date             TEXT,
    date_from_report INTEGER NOT NULL,
    date_precision   TEXT,
    plover           TEXT NOT NULL,
    mode             TEXT,
    cameo            TEXT NOT NULL,
    acled_type       TEXT NOT NULL,
    acled_sub        TEXT NOT NULL,
    status           TEXT NOT NULL,
    symm             INTEGER NOT NULL,
    main             INTEGER NOT NULL,
    confidence       REAL NOT NULL,
    lat              REAL,
    lon              REAL,
    country          TEXT,
    admin1           TEXT,
    admin2           TEXT,
    place            TEXT,
    place_id         TEXT,
    geo_precision    INTEGER,
    outlet_lc        TEXT,
    outlet_id        TEXT,
    fatalities       INTEGER,
    corrected        INTEGER NOT NULL DEFAULT 0,
    json             TEXT NOT NULL
);
CREATE INDEX events_event_id ON events (event_id);
CREATE INDEX events_date ON events (date, ek) WHERE current = 1;
CREATE INDEX events_plover_date ON events (plover, date, ek) WHERE current = 1;
CREATE INDEX events_status_date ON events (status, date) WHERE current = 1;
-- Covers the near-a-point query (bounding box, distance, then latest first).
CREATE INDEX events_lat ON events (lat, lon, date, ek) WHERE current = 1;
CREATE INDEX events_conf ON events (confidence, ek) WHERE current = 1;

-- Who is in each event, keyed for lookups by actor: `key` is the actor code (prefix
-- queries are key ranges) or `@` and the actor id; role is source, target, attribution
-- (who says so) or denier. The actors themselves are in the event JSON.
CREATE TABLE event_actors (
    key  TEXT NOT NULL,
    ek   INTEGER NOT NULL,
    role TEXT NOT NULL,
    pos  INTEGER NOT NULL,
    PRIMARY KEY (key, ek, role, pos)
) WITHOUT ROWID;

-- Where each event is, keyed for lookups by place: one row per distinct lower-cased place
-- name, admin1, admin2 and place id of the event's locations.
CREATE TABLE event_places (
    term TEXT NOT NULL,
    ek   INTEGER NOT NULL,
    PRIMARY KEY (term, ek)
) WITHOUT ROWID;

-- Every actor and place ever seen (registries for lookups and the dashboard).
CREATE TABLE actors (
    key  TEXT PRIMARY KEY,
    id   TEXT,
    code TEXT NOT NULL,
    name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE places (
    key     TEXT PRIMARY KEY,
    id      TEXT,
    name    TEXT NOT NULL,
    country TEXT,
    admin1  TEXT,
    admin2  TEXT,
    lat     REAL,
    lon     REAL
) WITHOUT ROWID;

CREATE TABLE agreements (
    rk     INTEGER NOT NULL REFERENCES reports (rk),
    idx    INTEGER NOT NULL,
    name   TEXT NOT NULL,
    status TEXT NOT NULL,
    json   TEXT NOT NULL,
    PRIMARY KEY (rk, idx)
) WITHOUT ROWID;

CREATE TABLE evacuations (
    rk     INTEGER NOT NULL REFERENCES reports (rk),
    idx    INTEGER NOT NULL,
    status TEXT NOT NULL,
    json   TEXT NOT NULL,
    PRIMARY KEY (rk, idx)
) WITHOUT ROWID;

-- Reports that could not be read or coded.
CREATE TABLE dead_letters (
    seq       INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL,
    origin    TEXT NOT NULL,
    input     TEXT,
    reason    TEXT NOT NULL,
    at        TEXT NOT NULL,
    last_at   TEXT NOT NULL,
    attempts  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (report_id, origin, reason)
);

-- Analyst corrections: the latest value of each corrected field, applied on read and re-ingest.
CREATE TABLE corrections (
    event_id TEXT NOT NULL,
    field    TEXT NOT NULL,
    value    TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (event_id, field)
) WITHOUT ROWID;

CREATE TABLE review (
    event_id TEXT PRIMARY KEY,
    state    TEXT NOT NULL,
    who      TEXT NOT NULL,
    at       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    action    TEXT NOT NULL,
    event_id  TEXT,
    report_id TEXT,
    field     TEXT,
    old       TEXT,
    new       TEXT,
    note      TEXT
);
CREATE INDEX audit_event ON audit_log (event_id, seq);
