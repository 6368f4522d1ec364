-- raqib store, SQLite schema version 5: current events counted by day, type, status, main
-- flag and review state, for "counts by day" without reading every matching event.
--
-- Kept equal to a COUNT over current events in the same transaction as every change that
-- moves an event between cells: ingest (new events), supersede (a revised report's old
-- events leave), corrections (date, type, status or main edited) and review decisions.
-- `day` is '' for an undated event (a primary key column of a WITHOUT ROWID table cannot be
-- NULL); `review` is the event id's review state, 'auto' when it has none. A cell whose count
-- drops to zero is deleted. `integrity_check` compares it with the events.
CREATE TABLE event_counts_daily (
    day    TEXT NOT NULL,
    plover TEXT NOT NULL,
    status TEXT NOT NULL,
    main   INTEGER NOT NULL,
    review TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (day, plover, status, main, review)
) WITHOUT ROWID;

INSERT INTO event_counts_daily (day, plover, status, main, review, n)
SELECT coalesce(e.date, ''), e.plover, e.status, e.main,
       coalesce((SELECT v.state FROM review v WHERE v.event_id = e.event_id), 'auto'), count(*)
FROM events e WHERE e.current = 1
GROUP BY 1, 2, 3, 4, 5;
