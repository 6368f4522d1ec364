-- raqib store, SQLite schema version 7: who is in each event, one narrow row per actor and
-- role instead of two text rows.
--
-- `event_actors` held a row keyed by the actor's code and, for an actor with an id, a second
-- row keyed by `@` and the id: ~6 rows of text keys per event, a fifth of an ingest's write
-- time. Here each distinct (code, id) pair of an actor gets a small integer key once
-- (`actor_keys`, a few thousand rows), and an event has one row per actor key and role, all
-- integers. A filter on a code prefix or an id finds its keys in `actor_keys`, then their
-- events. Role numbers: 0 source, 1 target, 2 attribution, 3 denier (`rows::role_code`).
CREATE TABLE actor_keys (
    ak   INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    id   TEXT NOT NULL, -- '' for an actor without an id
    UNIQUE (code, id)
);
CREATE INDEX actor_keys_id ON actor_keys (id) WHERE id <> '';

CREATE TABLE event_roles (
    ak   INTEGER NOT NULL,
    ek   INTEGER NOT NULL,
    role INTEGER NOT NULL,
    PRIMARY KEY (ak, ek, role)
) WITHOUT ROWID;

-- The old rows of one actor in one role of one event share (ek, role, pos): its code row and
-- its `@id` row, when it has an id.
CREATE TEMP TABLE old_roles AS
SELECT ek,
       CASE role WHEN 'source' THEN 0 WHEN 'target' THEN 1 WHEN 'attribution' THEN 2 ELSE 3 END
           AS role,
       max(CASE WHEN substr(key, 1, 1) <> '@' THEN key END) AS code,
       coalesce(max(CASE WHEN substr(key, 1, 1) = '@' THEN substr(key, 2) END), '') AS id
FROM event_actors GROUP BY ek, role, pos;

INSERT OR IGNORE INTO actor_keys (code, id)
SELECT DISTINCT code, id FROM old_roles WHERE code IS NOT NULL ORDER BY code, id;

INSERT OR IGNORE INTO event_roles (ak, ek, role)
SELECT k.ak, o.ek, o.role FROM old_roles o JOIN actor_keys k ON k.code = o.code AND k.id = o.id;

DROP TABLE old_roles;
DROP TABLE event_actors;
