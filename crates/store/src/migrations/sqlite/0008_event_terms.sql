-- raqib store, SQLite schema version 8: where each event is, by integer place-term keys.
--
-- As migration 7 did for actors: each distinct lower-cased place name, admin area or place
-- id gets a small integer once (`place_terms`), and an event has one `(pt, ek)` integer row
-- per term instead of a row keyed by the term's text (`event_places`, a tenth of an ingest's
-- writing time). A place filter looks its term up, then the term's events.
CREATE TABLE place_terms (
    pt   INTEGER PRIMARY KEY,
    term TEXT NOT NULL UNIQUE
);

CREATE TABLE event_terms (
    pt INTEGER NOT NULL,
    ek INTEGER NOT NULL,
    PRIMARY KEY (pt, ek)
) WITHOUT ROWID;

INSERT INTO place_terms (term) SELECT DISTINCT term FROM event_places ORDER BY term;
INSERT INTO event_terms (pt, ek)
SELECT t.pt, p.ek FROM event_places p JOIN place_terms t ON t.term = p.term;
DROP TABLE event_places;
