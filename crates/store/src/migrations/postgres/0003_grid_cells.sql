-- raqib store, PostgreSQL schema version 3: a grid cell per located event, for "within N km
-- of a point".
--
-- `cell` numbers the half-degree square the event's first place lies in (row of latitude
-- × 721 + column of longitude; `filter::cell` computes the same in Rust). A radius query reads
-- the few cells its bounding box covers, each in date order from `events_cell_date`, so
-- "latest events near a point" stops after one page instead of sorting every event of the
-- box; no extension (PostGIS, earthdistance) is needed.
ALTER TABLE events ADD COLUMN cell BIGINT GENERATED ALWAYS AS
    ((floor((lat + 90) * 2) * 721 + floor((lon + 180) * 2))::bigint) STORED;
CREATE INDEX events_cell_date ON events (cell, date DESC NULLS LAST, ek DESC) WHERE current = 1;
DROP INDEX events_lat;
