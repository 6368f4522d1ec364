-- raqib store, SQLite schema version 3: a grid cell per located event, for "within N km of a
-- point".
--
-- `cell` numbers the half-degree square the event's first place lies in (row of latitude
-- × 721 + column of longitude; `filter::cell` computes the same in Rust). A radius query reads
-- the few cells its bounding box covers, each in date order from `events_cell_date`, so
-- "latest events near a point" stops after one page instead of sorting every event of the
-- box. The index also costs less to write than (lat, lon, …): new events land at the end of
-- a few cells' ranges instead of at random places in a latitude order.
ALTER TABLE events ADD COLUMN cell INTEGER GENERATED ALWAYS AS
    (CAST((lat + 90.0) * 2.0 AS INTEGER) * 721 + CAST((lon + 180.0) * 2.0 AS INTEGER)) VIRTUAL;
CREATE INDEX events_cell_date ON events (cell, date, ek) WHERE current = 1;
DROP INDEX events_lat;
