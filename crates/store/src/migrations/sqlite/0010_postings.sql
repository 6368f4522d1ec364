-- raqib store, SQLite schema version 10: actors and places of events as posting lists.
--
-- `event_roles` and `event_terms` held one row per event and actor role or place term (~6
-- B-tree entries an event, a quarter of an ingest's instructions). A posting row holds the
-- event keys of one key as a JSON array, ascending and distinct, keyed by the largest
-- (`last_ek`); an ingest writes one row per key it touches (`sqlite/postings.rs`). Filters read
-- them with json_each.
CREATE TABLE role_postings (
    ak       INTEGER NOT NULL,
    role     INTEGER NOT NULL,
    last_ek  INTEGER NOT NULL,
    first_ek INTEGER NOT NULL,
    eks      TEXT NOT NULL,
    PRIMARY KEY (ak, role, last_ek)
) WITHOUT ROWID;

CREATE TABLE term_postings (
    pt       INTEGER NOT NULL,
    last_ek  INTEGER NOT NULL,
    first_ek INTEGER NOT NULL,
    eks      TEXT NOT NULL,
    PRIMARY KEY (pt, last_ek)
) WITHOUT ROWID;

-- Stored rows become lists of at most 1,000 events (so an edit rewrites a small list).
INSERT INTO role_postings (ak, role, last_ek, first_ek, eks)
SELECT ak, role, max(ek), min(ek), json_group_array(ek ORDER BY ek)
FROM (SELECT ak, role, ek,
             (row_number() OVER (PARTITION BY ak, role ORDER BY ek) - 1) / 1000 AS part
      FROM event_roles)
GROUP BY ak, role, part;

INSERT INTO term_postings (pt, last_ek, first_ek, eks)
SELECT pt, max(ek), min(ek), json_group_array(ek ORDER BY ek)
FROM (SELECT pt, ek, (row_number() OVER (PARTITION BY pt ORDER BY ek) - 1) / 1000 AS part
      FROM event_terms)
GROUP BY pt, part;

DROP TABLE event_roles;
DROP TABLE event_terms;
